<?xml version="1.0" encoding="UTF-8"?>
<!--
  Index records of one document, in one pass: a record per persName, placeName, orgName, rs and
  date (register entries themselves are not mentions), per block of text the mentions are read
  in, per work cited, and per register entry. Run on each document with the whole edition in
  $edition (for the registers); edition.indices.records turns them into data (with the context
  of each mention cut from its block), groups the records of all documents into the indices
  and writes them.

  The output is a sequence of strings, a record each (serialised as text: a record a line):
  the first is the document's key, title and language; then one per record, its kind and its
  fields separated by tabs, the works, the entries and the blocks before the mentions (so that
  the mentions, most of the records, can be read one by one after the rest):

    W  a work cited (ix:work in works.xsl);
    E  a register entry (ix:entity in registers.xsl);
    B  a block (ix:block) a mention is read in: its generate-id() and its reading text, every
       name in it marked (ix:marked). A mention's own block is the last that marks it;
    M  a mention: its generate-id() (as its block marks it), id, index (person, place, org,
       date), entity key, passage, part, note, surface, value, lang, ref (else key), cert,
       evidence, and the seven fields of ix:dating ('' unless it is a date).

  Every field is whitespace-normalised, so that tabs and line ends only separate; a field that
  holds a list joins its items with carriage returns.

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
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/behaviours.xsl"/>
  <xsl:include href="context.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="works.xsl"/>

  <xsl:output method="text" encoding="UTF-8" item-separator="&#10;"/>

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
      select="map{ 'person' : 'person', 'place' : 'place', 'org' : 'org', 'organisation' : 'org', 'organization' : 'org',
          'event' : 'event' }"/>

  <!-- The register entry a mention points to, if it resolves to one. -->
  <xsl:function name="ix:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:designated($mention)[ix:entry-type(.)][@xml:id][1]"/>
  </xsl:function>

  <!-- What a mention's @ref and @key resolve by: their values, and its base URI where a document
       has xml:base (pointers resolve once per distinct key). -->
  <xsl:function name="ix:ref-key" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="one-base" as="xs:boolean"/>
    <xsl:sequence select="(if ($one-base) then '' else base-uri($mention/..) || ' ') || $mention/@ref || '&#10;' || $mention/@key"/>
  </xsl:function>

  <!-- Whether a name stands in a register entry (there it names the entry: no mention). -->
  <xsl:function name="ix:in-register" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name/ancestor::tei:*[local-name() = $ix:register-parts])"/>
  </xsl:function>

  <!-- The elements of a register entry and of a list of them. -->
  <xsl:variable name="ix:register-parts" as="xs:string+"
      select="('person', 'personGrp', 'place', 'org', 'event', 'listPerson', 'listPlace', 'listOrg', 'listEvent')"/>

  <!-- The fields of a mention record (see above) of index $type, its register entry $entry and
       that entry's main name, if it points to one. -->
  <xsl:function name="ix:mention" as="xs:string+">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="main-name" as="xs:string?"/>
    <xsl:variable name="surface" select="ix:text($mention)"/>
    <xsl:variable name="dating" select="if ($type = 'date') then ix:dating($mention) else $ix:undated"/>
    <xsl:variable name="value" select="if ($type = 'date') then ix:date-value($dating) else ($main-name, $surface)[1]"/>
    <xsl:sequence select="generate-id($mention), normalize-space($id), $type,
        normalize-space(($entry/@xml:id, if ($type = 'date') then $value[.] else ($mention/@ref, $mention/@key)[normalize-space()], $surface)[1]),
        normalize-space(ix:passage($mention)), ix:part($mention), string(ix:note-number($mention)), $surface, $value,
        normalize-space($mention/ancestor-or-self::*[@xml:lang][1]/@xml:lang), normalize-space(($mention/@ref[string()], $mention/@key)[1]),
        normalize-space($mention/@cert), normalize-space($mention/@evidence), $dating"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:variable name="names" select="//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date)"/>
    <xsl:variable name="registers" select="exists(//tei:*[local-name() = $ix:register-parts])"/>
    <xsl:variable name="candidates" select="if ($registers) then $names[not(ix:in-register(.))] else $names"/>
    <!-- the register entry of each pointer value, and its main name -->
    <xsl:variable name="one-base" select="empty(//@xml:base)"/>
    <xsl:variable name="resolved" as="map(xs:string, element())">
      <xsl:map>
        <xsl:for-each-group select="$candidates[@ref or @key]" group-by="ix:ref-key(., $one-base)">
          <xsl:for-each select="ix:entry(.)"><xsl:map-entry key="current-grouping-key()" select="."/></xsl:for-each>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="main-names" as="map(xs:string, xs:string)"
        select="map:merge(map:keys($resolved) ! map{ . : ix:main-name($resolved(.)) })"/>
    <xsl:variable name="doc-key" select="ed:doc-key(.)"/>
    <xsl:sequence select="string-join(($doc-key, ix:text(ed:titles(.)[1]),
        normalize-space(tei:TEI/@xml:lang)), '&#9;')"/>
    <xsl:for-each select="ix:works(.)">
      <xsl:sequence select="string-join(('W', ix:work(., $doc-key || '-w' || position())), '&#9;')"/>
    </xsl:for-each>
    <!-- each entry mentioned once ("|" removes duplicates) -->
    <xsl:for-each select="if ($registers-indexed) then //(tei:person | tei:personGrp | tei:place | tei:org | tei:listEvent/tei:event)[@xml:id]
        else $resolved?* | ()">
      <xsl:sequence select="string-join(('E', ix:entity(.)), '&#9;')"/>
    </xsl:for-each>
    <xsl:for-each select="$candidates/ix:block(.)">
      <xsl:sequence select="string-join(('B', generate-id(), ix:marked(.)), '&#9;')"/>
    </xsl:for-each>
    <!-- mentions, numbered among the names as ed:mention-id numbers them -->
    <xsl:for-each select="$names">
      <xsl:variable name="key" select="if (@ref or @key) then ix:ref-key(., $one-base) else ''"/>
      <xsl:variable name="type" select="ix:mention-type(., $resolved($key))"/>
      <xsl:if test="$type and not($registers and ix:in-register(.))">
        <xsl:sequence select="string-join(('M', ix:mention(., (ed:own-id(.), $ed:mention-prefix || position())[1], $type,
            $resolved($key), $main-names($key))), '&#9;')"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
