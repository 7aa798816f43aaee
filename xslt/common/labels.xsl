<?xml version="1.0" encoding="UTF-8"?>
<!--
  Interface labels of every output, in English and Latvian, chosen by the language of the
  document (ed:lang); any other language falls back to English. Add a language by adding a
  map with the same keys.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:labels" as="map(xs:string, map(xs:string, xs:string))" select="map{
    'en': map{
      'about': 'About this document', 'author': 'Author', 'back': 'Back to the text', 'contents': 'Contents',
      'date': 'Date', 'documents': 'Documents', 'editorial': 'Editorial decisions', 'encoding': 'Encoding',
      'figure': 'Figure', 'home': 'Home', 'keywords': 'Keywords', 'language': 'Language', 'languages': 'Languages',
      'licence': 'Licence', 'note': 'Note', 'notes': 'Notes', 'page': 'p.', 'skip': 'Skip to the text',
      'source': 'Source', 'title': 'Title', 'generated': 'Generated from TEI P5 by the edition toolkit.',
      'persons': 'Persons', 'places': 'Places', 'organisations': 'Organisations', 'chronology': 'Chronology',
      'works': 'Works cited', 'search': 'Search', 'indices': 'Indices', 'prev': 'Previous', 'next': 'Next',
      'edited-by': 'Edited by', 'cite': 'How to cite'},
    'lv': map{
      'about': 'Par šo dokumentu', 'author': 'Autors', 'back': 'Atpakaļ uz tekstu', 'contents': 'Saturs',
      'date': 'Datums', 'documents': 'Dokumenti', 'editorial': 'Redakcionālie principi', 'encoding': 'Kodējums',
      'figure': 'Attēls', 'home': 'Sākums', 'keywords': 'Atslēgvārdi', 'language': 'Valoda', 'languages': 'Valodas',
      'licence': 'Licence', 'note': 'Piezīme', 'notes': 'Piezīmes', 'page': 'lpp.', 'skip': 'Pāriet uz tekstu',
      'source': 'Avots', 'title': 'Nosaukums', 'generated': 'Veidots no TEI P5 ar izdevuma rīkiem.',
      'persons': 'Personas', 'places': 'Vietas', 'organisations': 'Organizācijas', 'chronology': 'Hronoloģija',
      'works': 'Citētie darbi', 'search': 'Meklēt', 'indices': 'Rādītāji', 'prev': 'Iepriekšējais',
      'next': 'Nākamais', 'edited-by': 'Sagatavoja', 'cite': 'Kā citēt'}
  }"/>

  <!-- The language of the document $node belongs to: TEI or text @xml:lang, else the first
       language of langUsage, else 'en'. -->
  <xsl:function name="ed:lang" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" select="root($node)"/>
    <xsl:sequence select="string(($root/tei:TEI/@xml:lang, $root/tei:TEI/tei:text/@xml:lang,
        $root//tei:langUsage/tei:language/@ident, 'en')[normalize-space()][1])"/>
  </xsl:function>

  <!-- The label $key in language $lang ('lv', 'lv-LV' …; English if there are no labels for it). -->
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="(($ed:labels(lower-case(tokenize($lang, '-')[1])), $ed:labels('en'))[1])($key)"/>
  </xsl:function>
</xsl:stylesheet>
