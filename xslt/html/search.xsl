<?xml version="1.0" encoding="UTF-8"?>
<!--
  The search page: Pagefind's own interface (pagefind-ui.js and .css, written into the site by
  edition build with each index), started by search.js over every index of $search-indexes;
  filters by document and language come from the marks document.xsl puts on the document pages.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="search">
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="ed:label('search')"/>
      <xsl:with-param name="content">
        <p>{ed:label('search-introduction')}</p>
        <xsl:variable name="primary" select="($search-indexes?*, 'pagefind')[1]"/>
        <link rel="stylesheet" href="{$site-up}{$primary}/pagefind-ui.css"/>
        <div id="search" class="search" data-indexes="{string-join($search-indexes?* ! ($site-up || .), ' ')}"
            data-missing="{ed:label('search-missing')}"></div>
        <noscript><p>{ed:label('search-noscript')}</p></noscript>
        <script src="{$site-up}{$primary}/pagefind-ui.js"></script>
        <script src="{$site-up}search.js"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
