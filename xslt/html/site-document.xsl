<?xml version="1.0" encoding="UTF-8"?>
<!--
  A document page of the site: the page of document.xsl (imported unchanged) passed through
  h:site (site.xsl), which adds the navigation to the indices and the marks for the search.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all">

  <xsl:import href="document.xsl"/>
  <xsl:include href="site.xsl"/>

  <xsl:template match="/">
    <xsl:call-template name="h:site-page">
      <xsl:with-param name="page"><xsl:apply-imports/></xsl:with-param>
      <xsl:with-param name="current" select="ed:page-file(.)"/>
      <xsl:with-param name="source" select="."/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
