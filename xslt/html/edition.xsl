<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's own data, for every page and the print edition: its title, subtitle, editors,
  publisher, licence, version, date and citations (of the edition, a document or a passage).
  Each is the parameter (edition.toml, see params.xsl) when it is given, else what the first
  document that has it says in its header, else nothing (the title: 'TEI edition', in the
  interface language); each is worked out once per run.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all">

  <!-- The strings $field gives of the first document (in edition order) for which it gives any. -->
  <xsl:function name="h:from-headers" as="xs:string*">
    <xsl:param name="field" as="function(element(tei:teiHeader)) as xs:string*"/>
    <xsl:iterate select="array:flatten($documents)">
      <xsl:variable name="found" select="($edition(.)/tei:TEI/tei:teiHeader ! $field(.))[. != '']"/>
      <xsl:if test="exists($found)"><xsl:break select="$found"/></xsl:if>
    </xsl:iterate>
  </xsl:function>

  <xsl:variable name="h:edition-title" as="xs:string" select="if ($edition-title != '') then $edition-title
      else (h:from-headers(function($h) { ($h//tei:seriesStmt/tei:title ! normalize-space())[. != ''][1] }),
            ed:label('tei-edition'))[1]"/>
  <xsl:function name="h:edition-title" as="xs:string">
    <xsl:sequence select="$h:edition-title"/>
  </xsl:function>

  <xsl:variable name="h:editors" as="xs:string*" select="if (array:size($editors) gt 0) then array:flatten($editors)
      else h:from-headers(function($h) { $h/tei:fileDesc/tei:titleStmt/tei:editor
          ! normalize-space((tei:persName, tei:name, .)[1]) })"/>
  <xsl:variable name="h:publisher" as="xs:string?" select="if ($publisher != '') then $publisher
      else h:from-headers(function($h) { $h/tei:fileDesc/tei:publicationStmt/tei:publisher[1] ! normalize-space() })"/>
  <xsl:variable name="h:licence" as="xs:string*" select="if ($licence != '') then ($licence, $licence-url)
      else h:from-headers(function($h) { $h/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]
          ! (normalize-space(), string(@target)) })"/>

  <xsl:variable name="h:version" as="xs:string?" select="if ($version != '') then $version
      else h:from-headers(function($h) { $h/tei:fileDesc/tei:editionStmt/tei:edition[1]
          ! (normalize-space(@n), normalize-space())[. != ''][1] })"/>

  <!-- The editors' names as one string ('A, B and C' in English). -->
  <xsl:function name="h:editors" as="xs:string">
    <xsl:sequence select="if (count($h:editors) le 1) then string($h:editors)
        else ed:label('and', map{ 'items': string-join($h:editors[position() lt last()], ', '), 'last': $h:editors[last()] })"/>
  </xsl:function>

  <!-- The citation of the edition ($document ''), of a document (its title) or of a passage,
     at $url: $cite with its fields filled in; '' without $cite. A document's or a passage's
     citation is its title, 'In:' and the edition's, unless $cite names {document} itself. -->
  <xsl:function name="h:citation" as="xs:string">
    <xsl:param name="document" as="xs:string"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="fields" select="map{ 'title': $h:edition-title, 'subtitle': $subtitle, 'editors': h:editors(),
        'publisher': string($h:publisher), 'version': string($h:version), 'date': $date, 'document': $document,
        'url': $url }"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$cite" regex="\{{\{{|\}}\}}|\{{([a-z]+)\}}">
        <xsl:matching-substring>
          <xsl:sequence select="if (regex-group(1)) then $fields(regex-group(1)) else substring(., 1, 1)"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="."/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:variable name="filled" select="normalize-space(string-join($parts))"/>
    <xsl:sequence select="if ($cite = '') then ''
        else if ($document = '' or contains($cite, '{document}')) then $filled
        else ed:label('cited-within', map{ 'document': replace($document, '\.$', ''), 'edition': $filled })"/>
  </xsl:function>

  <!-- The address of $page (a file of the site, with its #anchor): $base-url before it if given. -->
  <xsl:function name="h:url" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="if ($base-url = '') then $page else replace($base-url, '/+$', '') || '/' || $page"/>
  </xsl:function>
</xsl:stylesheet>
