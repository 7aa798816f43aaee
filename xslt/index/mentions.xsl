<?xml version="1.0" encoding="UTF-8"?>
<!--
  Index records of one document, in one pass: a <mention> per persName, placeName, orgName,
  rs and date (register entries themselves are not mentions), a <block> per block of text the
  mentions are read in (each mention's block and mark in it: see ix:marked), a <work> per work
  cited, and an <entity> per register entry the document mentions. Run on each document with
  the whole edition in $edition (for the registers); src/edition/indices.py turns them into
  data (edition.indices.records, with the context of each mention from its block), groups the
  records of all documents into the indices and writes them.

  Entity key: the register entry's xml:id; for a pointer that resolves to no entry (TEI
  without registers, or an unresolved @ref) the @ref or @key value, else the surface form.
  rs is indexed by the type of the entry it points to, else by its @type (person, place,
  org/organisation/organization); other rs are not indexed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    xmlns="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="context.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="works.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- The index of a mention element: 'person', 'place', 'org', 'date', or () if none. -->
  <xsl:function name="ix:mention-type" as="xs:string?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/self::tei:rs)
        then (ix:entry-type(ix:entry($mention)), map{ 'person' : 'person', 'place' : 'place', 'org' : 'org',
              'organisation' : 'org', 'organization' : 'org' }(lower-case(normalize-space($mention/@type))))[1]
        else map{ 'persName' : 'person', 'placeName' : 'place', 'orgName' : 'org', 'date' : 'date' }(local-name($mention))"/>
  </xsl:function>

  <!-- The register entry a mention points to, if it resolves to one. -->
  <xsl:function name="ix:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:resolve($mention/@ref)[ix:entry-type(.)][@xml:id][1]"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:variable name="mentions" select="//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date)
        [not(ancestor::*[self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org
             or self::tei:listPerson or self::tei:listPlace or self::tei:listOrg])][ix:mention-type(.)]"/>
    <records doc="{ed:doc-key(.)}" title="{ix:text((tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])}">
      <xsl:for-each select="tei:TEI/@xml:lang"><xsl:attribute name="lang" select="."/></xsl:for-each>
      <!-- the blocks the mentions are read in, numbered; each mention's block and mark in it -->
      <xsl:variable name="blocks" as="map(xs:string, xs:integer+)">
        <xsl:map>
          <xsl:for-each-group select="$mentions" group-by="generate-id(ix:block(.))">
            <xsl:variable name="block" select="position()"/>
            <xsl:for-each select="current-group()">
              <xsl:map-entry key="generate-id()" select="($block, position())"/>
            </xsl:for-each>
          </xsl:for-each-group>
        </xsl:map>
      </xsl:variable>
      <!-- the register entry of each mention that has one -->
      <xsl:variable name="entries" as="map(xs:string, element())"
          select="map:merge($mentions ! (let $mention := . return ix:entry($mention) ! map{ generate-id($mention) : . }))"/>
      <xsl:apply-templates select="$mentions" mode="ix:mention">
        <xsl:with-param name="blocks" select="$blocks" tunnel="yes"/>
        <xsl:with-param name="entries" select="$entries" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:for-each-group select="$mentions" group-by="generate-id(ix:block(.))">
        <block n="{position()}"><xsl:value-of select="ix:marked(ix:block(.), current-group())"/></block>
      </xsl:for-each-group>
      <xsl:apply-templates select="ix:works(.)" mode="ix:work"/>
      <!-- each entry once ("|" removes duplicates) -->
      <xsl:apply-templates select="map:for-each($entries, function($k, $entry) { $entry }) | ()" mode="ix:entity"/>
    </records>
  </xsl:template>

  <xsl:template match="*" mode="ix:mention">
    <xsl:param name="blocks" as="map(xs:string, xs:integer+)" tunnel="yes"/>
    <xsl:param name="entries" as="map(xs:string, element())" tunnel="yes"/>
    <xsl:variable name="entry" select="$entries(generate-id())"/>
    <xsl:variable name="type" select="ix:mention-type(.)"/>
    <xsl:variable name="surface" select="ix:text(.)"/>
    <xsl:variable name="value" select="if ($type = 'date') then ix:date-value(.) else ($entry ! ix:main-name(.), $surface)[1]"/>
    <mention id="{ed:mention-id(.)}" type="{$type}" passage="{ix:passage(.)}" part="{ix:part(.)}"
        block="{$blocks(generate-id())[1]}" mark="{$blocks(generate-id())[2]}"
        entity="{($entry/@xml:id, if ($type = 'date') then $value else (@ref, @key)[normalize-space()] ! normalize-space(), $surface)[1]}">
      <xsl:for-each select="ix:note-number(.)"><xsl:attribute name="note" select="."/></xsl:for-each>
      <xsl:copy-of select="@ref, @key, @cert, @evidence"/>
      <xsl:for-each select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"><xsl:attribute name="lang" select="."/></xsl:for-each>
      <xsl:if test="$type = 'date'">
        <xsl:call-template name="ix:dating-attributes">
          <xsl:with-param name="date" select="."/>
        </xsl:call-template>
      </xsl:if>
      <surface><xsl:value-of select="$surface"/></surface>
      <xsl:for-each select="$value"><value><xsl:value-of select="."/></value></xsl:for-each>
    </mention>
  </xsl:template>
</xsl:stylesheet>
