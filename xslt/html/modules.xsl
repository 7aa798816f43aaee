<?xml version="1.0" encoding="UTF-8"?>
<!-- Everything the HTML entry stylesheets share: the common layer, parameters, page shell and
     one module per area of the TEI Guidelines. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="../common/outputs.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="shell.xsl"/>
  <xsl:include href="core.xsl"/>
  <xsl:include href="textstructure.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="namesdates.xsl"/>
  <xsl:include href="figures.xsl"/>
  <xsl:include href="linking.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
</xsl:stylesheet>
