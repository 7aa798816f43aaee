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

  <!-- Whether every file of the edition is indexed (as in a build): a document then gives the
       data of the register entries it holds, and those it mentions come from the records of
       their own files; else (a document indexed alone) it gives the entries it mentions. -->
  <xsl:param name="registers-indexed" as="xs:boolean" select="false()"/>

  <!-- The index of a mention element with register entry $entry (if it points to one):
       'person', 'place', 'org', 'date', or () if none. -->
  <xsl:function name="ix:mention-type" as="xs:string?">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="if ($mention/self::tei:rs)
        then (ix:entry-type($entry), $ix:rs-types(lower-case(normalize-space($mention/@type))))[1]
        else if ($mention/self::tei:persName) then 'person' else if ($mention/self::tei:placeName) then 'place'
        else if ($mention/self::tei:orgName) then 'org' else if ($mention/self::tei:date) then 'date' else ()"/>
  </xsl:function>

  <!-- The index of an rs by its @type (lower case). -->
  <xsl:variable name="ix:rs-types" as="map(xs:string, xs:string)"
      select="map{ 'person' : 'person', 'place' : 'place', 'org' : 'org', 'organisation' : 'org', 'organization' : 'org' }"/>

  <!-- The register entry a mention points to, if it resolves to one. -->
  <xsl:function name="ix:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:resolve($mention/@ref)[ix:entry-type(.)][@xml:id][1]"/>
  </xsl:function>

  <!-- What a mention's @ref resolves by: its value, and its base URI where a document has
       xml:base (pointers resolve once per distinct key). -->
  <xsl:function name="ix:ref-key" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="one-base" as="xs:boolean"/>
    <xsl:sequence select="if ($one-base) then string($mention/@ref) else base-uri($mention/..) || ' ' || $mention/@ref"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:variable name="names" select="//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date)"/>
    <xsl:variable name="candidates" select="$names[not(ancestor::*[self::tei:person or self::tei:personGrp
        or self::tei:place or self::tei:org or self::tei:listPerson or self::tei:listPlace or self::tei:listOrg])]"/>
    <!-- the register entry of each pointer value -->
    <xsl:variable name="one-base" select="empty(//@xml:base)"/>
    <xsl:variable name="resolved" as="map(xs:string, element())">
      <xsl:map>
        <xsl:for-each-group select="$candidates[@ref]" group-by="ix:ref-key(., $one-base)">
          <xsl:for-each select="ix:entry(.)"><xsl:map-entry key="current-grouping-key()" select="."/></xsl:for-each>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="mentions" select="$candidates[ix:mention-type(., $resolved(ix:ref-key(., $one-base)))]"/>
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
      <!-- each entry mentioned once ("|" removes duplicates), with its main name -->
      <xsl:variable name="entries" select="$resolved?* | ()"/>
      <xsl:variable name="main-names" as="map(xs:string, xs:string)"
          select="map:merge($entries ! map{ generate-id() : ix:main-name(.) })"/>
      <xsl:apply-templates select="$mentions" mode="ix:mention">
        <xsl:with-param name="blocks" select="$blocks" tunnel="yes"/>
        <xsl:with-param name="resolved" select="$resolved" tunnel="yes"/>
        <xsl:with-param name="one-base" select="$one-base" tunnel="yes"/>
        <xsl:with-param name="main-names" select="$main-names" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:for-each-group select="$mentions" group-by="generate-id(ix:block(.))">
        <block n="{position()}"><xsl:value-of select="ix:marked(ix:block(.), current-group())"/></block>
      </xsl:for-each-group>
      <xsl:apply-templates select="ix:works(.)" mode="ix:work"/>
      <xsl:apply-templates mode="ix:entity" select="if ($registers-indexed)
          then //(tei:person | tei:personGrp | tei:place | tei:org)[@xml:id] else $entries"/>
    </records>
  </xsl:template>

  <xsl:template match="*" mode="ix:mention">
    <xsl:param name="blocks" as="map(xs:string, xs:integer+)" tunnel="yes"/>
    <xsl:param name="resolved" as="map(xs:string, element())" tunnel="yes"/>
    <xsl:param name="one-base" as="xs:boolean" tunnel="yes"/>
    <xsl:param name="main-names" as="map(xs:string, xs:string)" tunnel="yes"/>
    <xsl:variable name="entry" select="$resolved(ix:ref-key(., $one-base))"/>
    <xsl:variable name="type" select="ix:mention-type(., $entry)"/>
    <xsl:variable name="surface" select="ix:text(.)"/>
    <xsl:variable name="value" select="if ($type = 'date') then ix:date-value(.) else ($entry ! $main-names(generate-id()), $surface)[1]"/>
    <xsl:variable name="at" select="$blocks(generate-id())"/>
    <mention id="{ed:mention-id(.)}" type="{$type}" passage="{ix:passage(.)}" part="{ix:part(.)}"
        block="{$at[1]}" mark="{$at[2]}"
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
