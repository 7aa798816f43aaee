<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of registers shown as documents (../common/registers.xsl): a list of entries, each
  with its id, its main name and a description list of what else it holds (one term for the
  parts of one label that follow each other), notes in place.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/registers.xsl"/>

  <xsl:template _match="{$b:register}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'ul'}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'register', 'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:apply-templates select="* except tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template _match="{$b:register-entry}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="name" select="b:entry-name(.)"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else if (parent::tei:listPerson or parent::tei:listPlace
        or parent::tei:listOrg or parent::tei:listEvent or parent::tei:listNym) then 'li' else 'div'}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'entry', 'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:if test="$name">
        <xsl:element name="{if ($h:phrasing) then 'b' else 'p'}">
          <xsl:attribute name="class" select="'entry-name'"/>
          <xsl:apply-templates select="$name"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:element>
      </xsl:if>
      <xsl:variable name="parts" select="b:entry-parts(.)"/>
      <xsl:if test="$parts">
        <xsl:element name="{if ($h:phrasing) then 'span' else 'dl'}">
          <xsl:attribute name="class" select="'entry-parts', 'block'[$h:phrasing]"/>
          <xsl:for-each-group select="$parts" group-adjacent="b:entry-label(.)">
            <xsl:element name="{if ($h:phrasing) then 'b' else 'dt'}">{ed:label(current-grouping-key())}</xsl:element>
            <xsl:for-each select="current-group()">
              <xsl:element name="{if ($h:phrasing) then 'span' else 'dd'}">
                <xsl:call-template name="h:attributes"/>
                <xsl:apply-templates select="if (self::tei:note or self::tei:birth or self::tei:death or self::tei:floruit
                    or self::tei:occupation or self::tei:residence or self::tei:location or self::tei:desc) then node() else ."/>
              </xsl:element>
            </xsl:for-each>
          </xsl:for-each-group>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="text()[normalize-space()]"/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
