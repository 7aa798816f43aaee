<?xml version="1.0" encoding="UTF-8"?>
<!--
  Functions every output shares (HTML, text, indices, print): identifiers of documents and
  mentions; pointers across the edition come from pointers.xsl. The caller supplies
  $edition (see pointers.xsl): stylesheets never read files themselves.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:err="http://www.w3.org/2005/xqt-errors"
    exclude-result-prefixes="#all">

  <!-- The accumulators apply to the source document (documents in $edition get them anyway). -->
  <xsl:mode use-accumulators="#all"/>

  <xsl:include href="pointers.xsl"/>
  <xsl:include href="dates.xsl"/>

  <!-- Running number of each mention (persName, placeName, orgName, rs, date) in its document. -->
  <xsl:accumulator name="ed:mention-number" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The short key of a document: TEI/@xml:id, else its file name without extension. -->
  <!-- The names of an entry, the main one first (@type main/reg/full, else the first); a place
       without a placeName is named by its first settlement, geogName, district, region or country,
       an event without an eventName by its first label or head. -->
  <xsl:function name="ed:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="own" select="$entry/(tei:persName | tei:placeName | tei:orgName | tei:name | tei:eventName)"/>
    <xsl:variable name="names" select="if ($own) then $own
        else $entry/self::tei:place/(tei:settlement | tei:geogName | tei:district | tei:region | tei:country)[1]
        | $entry/self::tei:event/(tei:label | tei:head)[1]"/>
    <xsl:variable name="main" select="($names[@type = ('main', 'reg', 'full')], $names)[1]"/>
    <xsl:sequence select="$main, $names except $main"/>
  </xsl:function>

  <xsl:function name="ed:doc-key" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" select="root($node)"/>
    <xsl:sequence select="(root($node)/tei:TEI/@xml:id/string(),
        replace(tokenize(ed:uri(base-uri($root)), '/')[last()], '\.xml$', ''))[normalize-space()][1]"/>
  </xsl:function>

  <!-- The titles of a document's own (titleStmt/title), without the title of the series it
       belongs to (level="s", type="series"), which letters of one edition share; all of them
       if it has no other. -->
  <xsl:function name="ed:titles" as="element()*">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="titles" select="root($node)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="own" select="$titles[not(@level = 's' or @type = 'series')]"/>
    <xsl:sequence select="if (exists($own)) then $own else $titles"/>
  </xsl:function>

  <!-- The kinds of a letter's correspAction (@type) and the label of the persons and
       organisations in each (the correspondents); other kinds are 'correspondence'. -->
  <xsl:variable name="ed:correspondence" as="map(xs:string, xs:string)" select="map{ 'sent': 'sender',
      'received': 'addressee', 'redirected': 'redirected', 'forwarded': 'forwarded', 'transmitted': 'transmitted' }"/>
  <xsl:variable name="ed:correspondence-order" as="xs:string+"
      select="('sent', 'received', 'redirected', 'forwarded', 'transmitted')"/>

  <!-- The correspAction $node is or stands in, if it is a letter's: its document describes one
       letter (one correspDesc; a file of many, as CMIF, is not a letter). -->
  <xsl:function name="ed:letter-action" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::tei:correspAction[1][not(../../tei:correspDesc[2])]"/>
  </xsl:function>

  <!-- The kind of a correspAction: its @type if it is one of ed:correspondence, else 'correspondence'. -->
  <xsl:function name="ed:correspondence" as="xs:string">
    <xsl:param name="action" as="element()"/>
    <xsl:sequence select="(string($action/@type)[map:contains($ed:correspondence, .)], 'correspondence')[1]"/>
  </xsl:function>

  <!-- The identifier of a mention: its xml:id (ed:own-id), else document key + running number ("nk20-m12"),
       the same in every output, so that indices link to the passage in the HTML edition. -->
  <xsl:function name="ed:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(ed:own-id($mention), $ed:mention-numbers(generate-id($mention)) ! ($ed:mention-prefix || .),
        ed:doc-key($mention) || '-m' || $mention/accumulator-before('ed:mention-number'))[1]"/>
  </xsl:function>

  <!-- The running numbers of the mentions of the document being transformed (the global context
       item), by generate-id(): a map look-up costs SaxonC far less than the accumulator (some
       10 µs); empty when a stylesheet runs without a document (pages about the whole edition). -->
  <xsl:variable name="ed:mention-numbers" as="map(xs:string, xs:integer)">
    <xsl:try>
      <xsl:map>
        <xsl:for-each select="//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date)">
          <xsl:map-entry key="generate-id()" select="position()"/>
        </xsl:for-each>
      </xsl:map>
      <xsl:catch errors="err:XPDY0002" select="map{}"/>
    </xsl:try>
  </xsl:variable>
  <!-- What the ids of those mentions start with: the document's key and "-m", made once. -->
  <xsl:variable name="ed:mention-prefix" as="xs:string">
    <xsl:try>
      <xsl:sequence select="ed:doc-key(/) || '-m'"/>
      <xsl:catch errors="err:XPDY0002" select="''"/>
    </xsl:try>
  </xsl:variable>

</xsl:stylesheet>
