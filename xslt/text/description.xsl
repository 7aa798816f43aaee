<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text of a manuscript description (../common/description.xsl): its heading, a heading for
  each part, each field a line "Label: text" (a field of fields, its own lines indented
  under it), the rest as blocks of text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:t="urn:x-edition:text"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/description.xsl"/>

  <xsl:template _match="{$b:description}">
    <xsl:param name="level" as="xs:integer" select="1"/>
    <block kind="head{$level}" depth="0">{ed:label('ms-desc')}</block>
    <xsl:apply-templates mode="t:ms"><xsl:with-param name="level" select="$level + 1"/></xsl:apply-templates>
  </xsl:template>

  <xsl:template match="*[b:ms-section(.)]" mode="t:ms">
    <xsl:param name="level" as="xs:integer"/>
    <block kind="head{min(($level, 3))}" depth="0">{b:ms-label(.)}</block>
    <xsl:choose>
      <xsl:when test="self::tei:msIdentifier">
        <xsl:for-each select=". | tei:altIdentifier"><block kind="item" depth="1">{b:ms-identifier(.)}</block></xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t:ms-fields"><xsl:with-param name="level" select="$level + 1"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="node()" mode="t:ms">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template name="t:ms-fields">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="depth" as="xs:integer" select="1"/>
    <xsl:for-each select="node()">
      <xsl:choose>
        <xsl:when test="b:ms-field(.) and b:ms-holds-fields(.)">
          <block kind="item" depth="{$depth}">{b:ms-label(.)}:</block>
          <xsl:call-template name="t:ms-fields">
            <xsl:with-param name="level" select="$level"/>
            <xsl:with-param name="depth" select="$depth + 1"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="b:ms-field(.)">
          <block kind="item" depth="{$depth}">{b:ms-label(.)}: <xsl:apply-templates mode="t:ms">
            <xsl:with-param name="level" select="$level"/></xsl:apply-templates></block>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="t:ms"><xsl:with-param name="level" select="$level"/></xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
