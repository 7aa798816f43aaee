<?xml version="1.0" encoding="UTF-8"?>
<!--
  Works cited: every bibl and biblStruct of the documents' texts (index records "works"), by
  author, with their titles, date, links (URLs, DOI) and where each is cited, in pages
  (works/1.html …, edition.site.WORKS_PER_PAGE works a page; their data: records "work_pages",
  one a page); works.html lists the pages by their first and last works, filed under the
  initial of the first.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="works">
    <xsl:variable name="pages" select="($h:indices?work_pages, [])[1]?*"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="'works.html'"/>
      <xsl:with-param name="title" select="ed:label('works')"/>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="empty($pages)"><p class="index-summary">{ed:label('no-works')}</p></xsl:when>
          <xsl:otherwise>
            <p class="index-summary">{ed:label('works-summary', map{
              'works': ed:label('n-works', map{ 'count': $pages[1]?count }),
              'citations': ed:label('n-citations', map{ 'count': $pages[1]?citations }),
              'documents': ed:label('in-documents', map{ 'count': $pages[1]?documents }),
              'pages': ed:label('on-pages', map{ 'count': count($pages) }) })}</p>
            <xsl:call-template name="h:alphabetical">
              <xsl:with-param name="items" select="$pages"/>
              <xsl:with-param name="name" select="function($page) { h:work-name($page?works?1) }"/>
              <xsl:with-param name="entry" select="h:works-page-entry#1"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A page of works on works.html: its first and last work, linked to it. -->
  <xsl:function name="h:works-page-entry" as="element()">
    <xsl:param name="page" as="map(*)"/>
    <p class="works-page"><a href="{h:works-page-href(xs:integer($page?page))}">{h:work-name($page?works?1)}<xsl:if
        test="$page?size gt 1"> – {h:work-name($page?works?(array:size($page?works)))}</xsl:if></a>
      ({ed:label('n-works', map{ 'count': $page?size })})</p>
  </xsl:function>

  <xsl:function name="h:works-page-href" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="'works/' || $number || '.html'"/>
  </xsl:function>

  <!-- Page $number of the works cited (works/1.html …), from data that hold at least it. -->
  <xsl:template name="h:works-page">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:variable name="page" select="($h:indices?work_pages, [])[1]?*[?page = $number]"/>
    <xsl:if test="empty($page)">
      <xsl:message terminate="yes">no data for the page {$number} of the works cited</xsl:message>
    </xsl:if>
    <xsl:variable name="works" select="$page?works?*"/>
    <xsl:variable name="title" select="ed:label('works-of', map{ 'range': h:work-name($works[1])
        || (' – ' || h:work-name($works[last()]))[count($works) gt 1] })"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="h:works-page-href($number)"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="up" select="'../'"/>
      <xsl:with-param name="content">
        <nav class="breadcrumb" aria-label="{ed:label('breadcrumb')}">
          <ol>
            <li><a href="../works.html">{ed:label('works')}</a></li>
            <li aria-current="page">{ed:label('page-of', map{ 'page': $number, 'pages': $page?pages })}</li>
          </ol>
        </nav>
        <p class="pages">{ed:label('works-range', map{ 'first': $page?first, 'last': $page?first + $page?size - 1,
          'count': $page?count })}</p>
        <xsl:if test="$page?pages gt 1">
          <nav class="pages" aria-label="{ed:label('pages-of-works')}">
            <ol>
              <xsl:if test="$number gt 1">
                <li><a rel="prev" href="{$number - 1}.html">{ed:label('previous-page')}</a></li>
              </xsl:if>
              <xsl:if test="$number lt $page?pages">
                <li><a rel="next" href="{$number + 1}.html">{ed:label('next-page')}</a></li>
              </xsl:if>
            </ol>
          </nav>
        </xsl:if>
        <xsl:call-template name="h:alphabetical">
          <xsl:with-param name="items" select="$works"/>
          <xsl:with-param name="name" select="h:work-name#1"/>
          <xsl:with-param name="entry" select="h:work(?, '../')"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- What a work is filed under: its first author, else its title, else its text. -->
  <xsl:function name="h:work-name" as="xs:string">
    <xsl:param name="work" as="map(*)"/>
    <xsl:sequence select="string(($work?author, $work?title, $work?text)[normalize-space()][1])"/>
  </xsl:function>

  <!-- A work cited (edition.works) with the other titles it is cited under, its links and each
       citation as its document gives it, on a page $up from the site's folder. -->
  <xsl:function name="h:work" as="element()">
    <xsl:param name="work" as="map(*)"/>
    <xsl:param name="up" as="xs:string"/>
    <xsl:variable name="citations" select="$work?citations?*"/>
    <xsl:variable name="links" select="distinct-values(($citations?urls?*,
        $citations?doi[. != ''] ! ('https://doi.org/' || .)) ! ed:safe-url(.))"/>
    <div class="work" id="work-{$work?key}">
      <p class="citation" lang="{h:document($citations[1]?document)?lang}">{$work?text}</p>
      <xsl:if test="array:size($work?variants) gt 0">
        <p class="work-variants">{ed:label('cited-as', map{ 'titles': string-join($work?variants?*, '; ') })}</p>
      </xsl:if>
      <xsl:if test="exists($links)">
        <p class="work-data"><xsl:for-each select="$links"><xsl:if test="position() gt 1"> · </xsl:if><a href="{.}">{.}</a></xsl:for-each></p>
      </xsl:if>
      <ul class="citations">
        <xsl:for-each select="$citations">
          <xsl:variable name="document" select="h:document(?document)"/>
          <li id="cited-{?id}">
            <xsl:variable name="cited" as="element()">
              <a href="{$up}{$document?page}{?passage[not(contains(., '/'))] ! ('#' || .)}" lang="{$document?lang}">{$document?title}</a>
            </xsl:variable>
            <xsl:sequence select="ed:label-nodes('cited-in', map{ 'document': $cited })"/>
            <xsl:for-each select="h:where(.)"><xsl:text> </xsl:text>({.})</xsl:for-each>
            <xsl:if test="?text != $work?text">: <span class="citation" lang="{$document?lang}">{?text}</span></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:function>
</xsl:stylesheet>
