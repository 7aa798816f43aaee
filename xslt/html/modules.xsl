<?xml version="1.0" encoding="UTF-8"?>
<!-- Everything the HTML entry stylesheets share: the common layer (the TEI elements classified
     by behaviour: ../common/behaviours.xsl), parameters, page shell and one module per area of
     the TEI Guidelines implementing the behaviours' hooks. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="urn:x-edition:html" exclude-result-prefixes="#all">
  <xsl:include href="../common/outputs.xsl"/>
  <xsl:include href="../common/behaviours.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="edition.xsl"/>
  <xsl:include href="shell.xsl"/>
  <xsl:include href="core.xsl"/>
  <xsl:include href="textstructure.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="namesdates.xsl"/>
  <xsl:include href="figures.xsl"/>
  <xsl:include href="linking.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="transcription.xsl"/>
  <xsl:include href="description.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="facsimile.xsl"/>
  <!-- HTML5 in XML syntax (method xhtml: void elements as <br/>, no other element minimised;
       every page is also well-formed XML), URLs as they stand (HTML5 takes non-ASCII characters
       in the URLs of a UTF-8 page). SaxonC's html method, and the percent-encoding of every href
       and src, cost some 9 % of a page. -->
  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"
      omit-xml-declaration="yes" escape-uri-attributes="no"/>
  <!-- The same, for pages serialized by serialize() (indices.xsl). -->
  <xsl:variable name="h:output" as="map(*)" select="map{ 'method': 'xhtml', 'html-version': 5.0, 'encoding': 'UTF-8',
      'indent': false(), 'include-content-type': false(), 'omit-xml-declaration': true(),
      'escape-uri-attributes': false() }"/>
</xsl:stylesheet>
