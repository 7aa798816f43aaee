<?xml version="1.0" encoding="UTF-8"?>
<!--
  The search page: Pagefind's own interface (pagefind-ui.js and .css, written into the site by
  edition build with each index), started by search.js over every index of $search-indexes;
  filters by document and language come from the marks document.xsl puts on the document pages.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="search">
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="content">
        <p>Search the text and notes of the documents; narrow the results by document and language.</p>
        <xsl:variable name="primary" select="($search-indexes?*, 'pagefind')[1]"/>
        <link rel="stylesheet" href="{$primary}/pagefind-ui.css"/>
        <div id="search" class="search" data-indexes="{string-join($search-indexes?*, ' ')}"></div>
        <noscript><p>The search needs JavaScript. The indices of persons, places, organisations,
          dates and works cited work without it.</p></noscript>
        <script src="{$primary}/pagefind-ui.js"></script>
        <script src="search.js"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
