<?xml version="1.0" encoding="UTF-8"?>
<!--
  A manuscript description (msDesc) as labelled sections, the same for every format
  (../html/description.xsl, ../text/description.xsl; print by the HTML's): its parts
  (identifier, contents, physical description, history, additional information, parts of a
  composite manuscript) are sections; the elements of the description it knows are fields
  labelled (b:ms-label), their own fields inside them; the rest is text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all">

  <!-- The sections of a description and the fields of one, by TEI name: their labels. -->
  <xsl:variable name="b:ms-sections" as="map(xs:string, xs:string)" select="map{
      'msIdentifier': 'ms-ms-identifier', 'head': 'ms-head', 'msContents': 'ms-ms-contents', 'physDesc': 'ms-phys-desc',
      'history': 'ms-history', 'additional': 'ms-additional', 'msPart': 'ms-ms-part' }"/>
  <xsl:variable name="b:ms-fields" as="map(xs:string, xs:string)" select="map{
      'msItem': 'ms-ms-item', 'objectDesc': 'ms-object-desc', 'supportDesc': 'ms-support-desc', 'support': 'ms-support',
      'extent': 'ms-extent', 'foliation': 'ms-foliation', 'collation': 'ms-collation', 'condition': 'ms-condition',
      'layoutDesc': 'ms-layout-desc', 'layout': 'ms-layout', 'handDesc': 'ms-hand-desc', 'handNote': 'ms-hand-note',
      'scriptDesc': 'ms-script-desc', 'decoDesc': 'ms-deco-desc', 'decoNote': 'ms-deco-note',
      'bindingDesc': 'ms-binding-desc', 'additions': 'ms-additions', 'origin': 'ms-origin',
      'provenance': 'ms-provenance', 'acquisition': 'ms-acquisition', 'adminInfo': 'ms-admin-info',
      'surrogates': 'ms-surrogates', 'listBibl': 'ms-list-bibl', 'locus': 'ms-locus', 'title': 'ms-title',
      'author': 'ms-author', 'rubric': 'ms-rubric', 'incipit': 'ms-incipit', 'explicit': 'ms-explicit',
      'finalRubric': 'ms-final-rubric', 'colophon': 'ms-colophon', 'textLang': 'ms-text-lang', 'note': 'ms-note',
      'summary': 'ms-summary', 'origDate': 'ms-orig-date', 'origPlace': 'ms-orig-place' }"/>

  <xsl:function name="b:ms-section" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/self::tei:*[map:contains($b:ms-sections, local-name())][ancestor::tei:msDesc])"/>
  </xsl:function>
  <!-- A field: an element the description knows in a section or a field of fields (a title in
       a note is no field). -->
  <xsl:function name="b:ms-field" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/self::tei:*[map:contains($b:ms-fields, local-name())][b:ms-section(..) or b:ms-holds-fields(..)])"/>
  </xsl:function>
  <!-- Whether an element of a description holds fields of its own rather than text. -->
  <xsl:function name="b:ms-holds-fields" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/tei:*[map:contains($b:ms-fields, local-name())]) and empty($element/text()[normalize-space()])"/>
  </xsl:function>

  <!-- The label of a section or field. -->
  <xsl:function name="b:ms-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ed:label(($b:ms-sections, $b:ms-fields) ! .(local-name($element))) || ($element/@n[normalize-space()] ! (' ' || normalize-space(.)))"/>
  </xsl:function>

  <!-- An identifier (msIdentifier, altIdentifier) in one line: its places, holders and numbers. -->
  <xsl:function name="b:ms-identifier" as="xs:string">
    <xsl:param name="identifier" as="element()"/>
    <xsl:sequence select="string-join($identifier/(* except tei:altIdentifier)[normalize-space()] ! normalize-space(), ', ')"/>
  </xsl:function>
</xsl:stylesheet>
