<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the pages of a whole site add to a rendered page (mode h:site, a pass over the HTML
  that shell.xsl made): the index pages and the search in the site navigation, a search box,
  and on document pages the marks Pagefind indexes by (data-pagefind-body on the article,
  filters by document and language, the toc, metadata and note popovers left out).
  With no $index-pages (edition html) the pass changes nothing.
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

  <!-- File names of the pages about the whole edition, in navigation order (persons.html,
       places.html, organisations.html, chronology.html, works.html, search.html); [] for none. -->
  <xsl:param name="index-pages" as="array(xs:string)" select="[]"/>

  <!-- The style sheet of the site's own pages and navigation (beside edition.css). -->
  <xsl:param name="site-css" as="xs:string" select="'site.css'"/>

  <!-- Labels of the site pages, in English and Latvian (keys: page file names without .html). -->
  <xsl:variable name="h:labels" as="map(xs:string, map(xs:string, xs:string))" select="map{
    'en': map{ 'persons': 'Persons', 'places': 'Places', 'organisations': 'Organisations',
      'chronology': 'Chronology', 'works': 'Works cited', 'search': 'Search', 'indices': 'Indices' },
    'lv': map{ 'persons': 'Personas', 'places': 'Vietas', 'organisations': 'Organizācijas',
      'chronology': 'Hronoloģija', 'works': 'Citētie darbi', 'search': 'Meklēt', 'indices': 'Rādītāji' }
  }"/>

  <xsl:function name="h:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="(($h:labels(lower-case(tokenize($lang, '-')[1])), $h:labels('en'))[1])($key)"/>
  </xsl:function>

  <xsl:mode name="h:site" on-no-match="shallow-copy"/>

  <xsl:template match="nav[@class = 'site']/ul" mode="h:site">
    <xsl:param name="current" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="lang" select="string(ancestor::html/@lang)"/>
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
      <xsl:for-each select="array:flatten($index-pages)">
        <li class="index-page"><a href="{.}">
          <xsl:if test=". = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
          <xsl:value-of select="h:label(substring-before(., '.html'), $lang)"/></a></li>
      </xsl:for-each>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="head" mode="h:site">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
      <xsl:if test="array:size($index-pages) gt 0">
        <link rel="stylesheet" href="{$site-css}"/>
        <link rel="icon" href="data:,"/><!-- no favicon request -->
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- A search box in the site header, except on the search page itself. -->
  <xsl:template match="header[@class = 'site']" mode="h:site">
    <xsl:param name="current" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="lang" select="string(ancestor::html/@lang)"/>
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
      <xsl:if test="array:flatten($index-pages) = 'search.html' and $current != 'search.html'">
        <form class="site-search" role="search" action="search.html" method="get">
          <label for="site-search">{h:label('search', $lang)}</label>
          <input type="search" id="site-search" name="q"/>
          <button type="submit">{h:label('search', $lang)}</button>
        </form>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- Document pages ($source is the TEI document): what Pagefind indexes. -->
  <xsl:template match="article[@class = 'document']" mode="h:site">
    <xsl:param name="source" as="document-node()?" tunnel="yes"/>
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="#current"/>
      <xsl:if test="$source and array:size($index-pages) gt 0">
        <xsl:attribute name="data-pagefind-body"/>
        <div hidden="hidden" data-pagefind-ignore="index">
          <span data-pagefind-filter="document">{ed:doc-title($source)}</span>
          <xsl:for-each select="distinct-values(($source//tei:langUsage/tei:language
              ! (normalize-space(.)[.], normalize-space(@ident))[1], ed:lang($source))[.])">
            <span data-pagefind-filter="language">{.}</span>
          </xsl:for-each>
        </div>
      </xsl:if>
      <xsl:apply-templates select="node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="article[@class = 'document']//h1" mode="h:site">
    <xsl:copy>
      <xsl:if test="array:size($index-pages) gt 0"><xsl:attribute name="data-pagefind-meta" select="'title'"/></xsl:if>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="article[@class = 'document']//(nav[@class = 'toc'] | section[@class = 'about']
      | dl[@class = 'summary'] | span[tokenize(@class) = ('fn-pop', 'pb')] | a[tokenize(@class) = 'fn-back'])"
      mode="h:site">
    <xsl:copy>
      <xsl:if test="array:size($index-pages) gt 0"><xsl:attribute name="data-pagefind-ignore"/></xsl:if>
      <xsl:apply-templates select="@*, node()" mode="#current"/>
    </xsl:copy>
  </xsl:template>

  <!-- A page made by shell.xsl ($page), passed through h:site. -->
  <xsl:template name="h:site-page">
    <xsl:param name="page" as="document-node()"/>
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="source" as="document-node()?"/>
    <xsl:apply-templates select="$page" mode="h:site">
      <xsl:with-param name="current" select="$current" tunnel="yes"/>
      <xsl:with-param name="source" select="$source" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>
</xsl:stylesheet>
