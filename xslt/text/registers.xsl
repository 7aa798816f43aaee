<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text of registers shown as documents (../common/registers.xsl): each entry its main name
  in a line, what else it holds in lines "Label: text; text" indented under it, notes in place.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/registers.xsl"/>

  <xsl:template _match="{$b:register-entry}">
    <xsl:param name="depth" as="xs:integer" tunnel="yes" select="0"/>
    <block kind="item" depth="{$depth + 1}"><xsl:apply-templates select="b:entry-name(.)"/></block>
    <xsl:for-each-group select="b:entry-parts(.)" group-adjacent="b:entry-label(.) || b:holds-blocks(.)">
      <block kind="item" depth="{$depth + 2}">{ed:label(b:entry-label(.))}: <xsl:for-each select="current-group()">
        <xsl:if test="position() gt 1 and not(b:holds-blocks(.))">; </xsl:if>
        <xsl:apply-templates><xsl:with-param name="depth" tunnel="yes" select="$depth + 2"/></xsl:apply-templates>
      </xsl:for-each></block>
    </xsl:for-each-group>
  </xsl:template>
</xsl:stylesheet>
