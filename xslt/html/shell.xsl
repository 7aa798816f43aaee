<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell every HTML page shares: head, skip link, site header (with a search box when
  the site has a search page), navigation (documents, then the index pages), main, footer; and h:echo, the mode that makes a copy of rendered HTML fit to be shown a second
  time (in a popover, a table of contents, the home page): no ids, no links, no footnotes.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The title of the edition (parameter, else the series title of the first document). -->
  <xsl:function name="h:edition-title" as="xs:string">
    <xsl:sequence select="($edition-title, array:flatten($documents) ! $edition(.)
        //tei:seriesStmt/tei:title ! normalize-space(), 'TEI edition')[. != ''][1]"/>
  </xsl:function>

  <xsl:template name="h:page">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="site" select="h:edition-title()"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{$title}{if ($title != $site) then ' · ' || $site else ''}</title>
        <link rel="stylesheet" href="{$css}"/>
        <xsl:if test="array:size($index-pages) gt 0">
          <link rel="stylesheet" href="{$site-css}"/>
          <link rel="icon" href="data:,"/><!-- no favicon request -->
        </xsl:if>
        <script src="{$js}" defer="defer"></script>
      </head>
      <body>
        <a class="skip" href="#main">{ed:label('skip', $lang)}</a>
        <header class="site">
          <p class="site-title" lang="en">
            <xsl:choose>
              <xsl:when test="$home-page != '' and $current != $home-page"><a href="{$home-page}">{$site}</a></xsl:when>
              <xsl:otherwise>{$site}</xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:if test="array:flatten($index-pages) = 'search.html' and $current != 'search.html'">
            <form class="site-search" role="search" action="search.html" method="get">
              <label for="site-search">{ed:label('search', $lang)}</label>
              <input type="search" id="site-search" name="q"/>
              <button type="submit">{ed:label('search', $lang)}</button>
            </form>
          </xsl:if>
        </header>
        <nav class="site" aria-label="{ed:label('documents', $lang)}">
          <ul>
            <xsl:if test="$home-page != ''">
              <li><a href="{$home-page}">
                <xsl:if test="$current = $home-page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="ed:label('home', $lang)"/></a></li>
            </xsl:if>
            <xsl:for-each select="array:flatten($documents) ! $edition(.)">
              <li><a href="{ed:page-file(.)}" lang="{ed:lang(.)}">
                <xsl:if test="$current = ed:page-file(.)"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="ed:doc-title(.)"/></a></li>
            </xsl:for-each>
            <xsl:for-each select="array:flatten($index-pages)">
              <li class="index-page"><a href="{.}">
                <xsl:if test=". = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="ed:label(substring-before(., '.html'), $lang)"/></a></li>
            </xsl:for-each>
          </ul>
        </nav>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site">
          <p>{ed:label('generated', $lang)}</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:mode name="h:echo" on-no-match="shallow-copy"/>
  <xsl:template match="@id | @aria-describedby | span[tokenize(@class) = 'fn']" mode="h:echo"/>
  <xsl:template match="a" mode="h:echo">
    <span>
      <xsl:apply-templates select="@* except (@href, @aria-current), node()" mode="h:echo"/>
    </span>
  </xsl:template>
</xsl:stylesheet>
