<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register entries (person, place, org and the like) as the indices describe them: main name,
  variants, note, dates, type, coordinates and authority identifiers.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    xmlns="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- The index a register entry belongs to: 'person', 'place', 'org', or () for other targets. -->
  <xsl:function name="ix:entry-type" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry ! (if (self::tei:person or self::tei:personGrp) then 'person'
        else if (self::tei:place) then 'place' else if (self::tei:org) then 'org' else ())"/>
  </xsl:function>

  <!-- The names of an entry, the main one first (@type main/reg/full, else the first). -->
  <xsl:function name="ix:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(tei:persName | tei:placeName | tei:orgName | tei:name)"/>
    <xsl:variable name="main" select="($names[@type = ('main', 'reg', 'full')], $names)[1]"/>
    <xsl:sequence select="$main, $names except $main"/>
  </xsl:function>

  <xsl:function name="ix:main-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ix:name(ix:entry-names($entry)[1])"/>
  </xsl:function>

  <xsl:template match="*" mode="ix:entity">
    <entity key="{@xml:id}" type="{ix:entry-type(.)}" target="{ed:uri(base-uri(.))}#{@xml:id}">
      <xsl:copy-of select="@cert"/>
      <xsl:for-each select="(@type, tei:placeType, tei:orgType)[normalize-space()][1]">
        <xsl:attribute name="subtype" select="normalize-space()"/>
      </xsl:for-each>
      <xsl:variable name="geo" select="tokenize(normalize-space(translate(string((tei:location/tei:geo)[1]), ',', ' ')), ' ')"/>
      <xsl:if test="count($geo) = 2 and (every $c in $geo satisfies $c castable as xs:double)">
        <xsl:attribute name="lat" select="$geo[1]"/>
        <xsl:attribute name="long" select="$geo[2]"/>
      </xsl:if>
      <xsl:variable name="main" select="ix:main-name(.)"/>
      <name><xsl:value-of select="$main"/></name>
      <xsl:for-each select="distinct-values(tail(ix:entry-names(.)) ! ix:name(.))[. ne $main]">
        <variant><xsl:value-of select="."/></variant>
      </xsl:for-each>
      <xsl:for-each select="tei:note[normalize-space()]">
        <note><xsl:value-of select="ix:text(.)"/></note>
      </xsl:for-each>
      <xsl:for-each select="tei:birth | tei:death | tei:floruit | tei:event">
        <xsl:variable name="dated" select="(.[@*[local-name() = ('when', 'from', 'to', 'notBefore', 'notAfter')]], tei:date, .)[1]"/>
        <date kind="{local-name()}">
          <xsl:call-template name="ix:dating-attributes">
            <xsl:with-param name="date" select="$dated"/>
          </xsl:call-template>
          <xsl:value-of select="ix:text(.)"/>
        </date>
      </xsl:for-each>
      <xsl:for-each select="tei:idno[normalize-space()]">
        <idno type="{@type}"><xsl:value-of select="normalize-space()"/></idno>
      </xsl:for-each>
    </entity>
  </xsl:template>
</xsl:stylesheet>
