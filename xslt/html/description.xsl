<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of a manuscript description (../common/description.xsl): a section with its heading,
  a section with a heading for each part, its fields as description lists (a field of fields
  holds its own list), the rest as text.
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

  <xsl:include href="../common/description.xsl"/>

  <xsl:template _match="{$b:description}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'section'}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'ms-desc', 'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:element name="{if ($h:phrasing) then 'b' else 'h' || $level}">{ed:label('ms-desc')}</xsl:element>
      <xsl:apply-templates mode="h:ms"><xsl:with-param name="level" select="$level + 1"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A part: a section and its heading; an identifier in one line, each other one in a line. -->
  <xsl:template match="*[b:ms-section(.)]" mode="h:ms">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'section'}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'ms-section', 'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:element name="{if ($h:phrasing) then 'b' else 'h' || min(($level, 6))}">{b:ms-label(.)}</xsl:element>
      <xsl:choose>
        <xsl:when test="self::tei:msIdentifier">
          <xsl:for-each select=". | tei:altIdentifier">
            <xsl:element name="{if ($h:phrasing) then 'span' else 'p'}">
              <xsl:attribute name="class" select="local-name()"/>{b:ms-identifier(.)}</xsl:element>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="h:ms-fields"><xsl:with-param name="level" select="$level + 1"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>
  <xsl:template match="node()" mode="h:ms">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- The content of a part or of a field of fields: its fields in description lists, the rest
       as it is. -->
  <xsl:template name="h:ms-fields">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:for-each-group select="node()" group-adjacent="b:ms-field(.) or (self::text()[not(normalize-space())]
        and b:ms-field(preceding-sibling::*[1]) and b:ms-field(following-sibling::*[1]))">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:element name="{if ($h:phrasing) then 'span' else 'dl'}">
            <xsl:attribute name="class" select="'ms-fields', 'block'[$h:phrasing]"/>
            <xsl:for-each select="current-group()[self::*]">
              <xsl:element name="{if ($h:phrasing) then 'b' else 'dt'}">{b:ms-label(.)}</xsl:element>
              <xsl:element name="{if ($h:phrasing) then 'span' else 'dd'}">
                <xsl:call-template name="h:attributes"/>
                <xsl:choose>
                  <xsl:when test="b:ms-holds-fields(.)">
                    <xsl:call-template name="h:ms-fields"><xsl:with-param name="level" select="$level"/></xsl:call-template>
                  </xsl:when>
                  <!-- a bibliography is a list of its own -->
                  <xsl:when test="self::tei:listBibl"><xsl:apply-templates select="."/></xsl:when>
                  <xsl:otherwise><xsl:apply-templates mode="h:ms"><xsl:with-param name="level" select="$level"/></xsl:apply-templates></xsl:otherwise>
                </xsl:choose>
              </xsl:element>
            </xsl:for-each>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="current-group()" mode="h:ms"><xsl:with-param name="level" select="$level"/></xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>
</xsl:stylesheet>
