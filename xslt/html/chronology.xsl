<?xml version="1.0" encoding="UTF-8"?>
<!--
  The chronology, in pages: chronology.html gives the years (a timeline, inline SVG, a bar per
  year, and a list), each with its number of dated mentions, linked to the year's page
  (chronology/1920.html; chronology/undated.html for dates without a calendar date), which
  lists the year's dates in date order, each mention with its context sentence and a link to
  the passage, anchored by its mention id (the document pages link their dates there); a year
  of more mentions than a page takes goes on over further pages (chronology/1920~2.html). The
  overview needs only the dates and their counts; a year's page only its dates: a change to one
  document redoes the pages of the years it touches.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The year a date record or mention is filed under (ed:year of its first day), '' if none. -->
  <xsl:function name="h:year" as="xs:string">
    <xsl:param name="record" as="map(*)"/>
    <xsl:sequence select="ed:year(string($record?sort_start))"/>
  </xsl:function>

  <!-- A date as a reader reads it: "1920-04", "1920-11-07 – 1920-11-08", "1920 – 1929 (approximately)". -->
  <xsl:function name="h:date-label" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:sequence select="if ($mention?date_when != '') then $mention?date_when
        else if ($mention?date_from != '' or $mention?date_to != '')
          then string-join(($mention?date_from, $mention?date_to) ! (.[. != ''], '…')[1], ' – ')
        else if ($mention?not_before != '' or $mention?not_after != '')
          then ed:label('approximately', map{ 'date': string-join(($mention?not_before, $mention?not_after) ! (.[. != ''], '…')[1], ' – ') })
        else string($mention?surface)"/>
  </xsl:function>

  <!-- The overview: the years with their numbers of dated mentions (the data: the dates
       without their mentions). -->
  <xsl:template name="chronology">
    <xsl:variable name="dates" select="h:entities('date')"/>
    <xsl:variable name="dated" select="$dates[h:year(.) != '']"/>
    <xsl:variable name="years" as="map(*)*">
      <xsl:for-each-group select="$dates" group-adjacent="h:year(.)">
        <xsl:sequence select="map{ 'year': current-grouping-key(), 'dates': count(current-group()),
            'mentions': sum(current-group() ! ?count) }"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="'chronology.html'"/>
      <xsl:with-param name="title" select="ed:label('chronology')"/>
      <xsl:with-param name="content">
        <p class="index-summary">{ed:label('chronology-summary', map{
          'mentions': ed:label('n-dated-mentions', map{ 'count': sum($dated ! ?count) }),
          'dates': ed:label('n-dates', map{ 'count': count($dated) }) })}</p>
        <xsl:if test="exists($dated)">
          <xsl:call-template name="h:timeline"><xsl:with-param name="years" select="$years[?year != '']"/></xsl:call-template>
        </xsl:if>
        <ol class="years">
          <xsl:for-each select="$years">
            <li><a href="{ed:chronology-page(?year)}">{(?year[. != ''], ed:label('undated'))[1]}</a>
              ({ed:label('year-count', map{ 'mentions': ed:label('n-mentions', map{ 'count': ?mentions }),
                'dates': ed:label('n-dates', map{ 'count': ?dates }) })})</li>
          </xsl:for-each>
        </ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Page $page of the dates of $year ('' for those without a calendar date), from data that
       hold at least its dates: each date (a record of edition.site.RecordPages) with the mentions
       the page shows and the page they ?starts on. A year of more mentions than a page takes
       goes on over further pages (chronology/1920~2.html …); its first page then lists the
       dates of the year, each linked to its heading, on the page where its mentions start. -->
  <xsl:template name="h:chronology-year">
    <xsl:param name="year" as="xs:string"/>
    <xsl:param name="page" as="xs:integer"/>
    <xsl:variable name="title" select="if ($year = '') then ed:label('undated') else $year"/>
    <xsl:variable name="dates" select="h:entities('date')[h:year(.) = $year][h:page(.) = $page]"/>
    <xsl:variable name="pages" select="($dates[1]?pages ! xs:integer(.), 1)[1]"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="h:year-page-href($year, $page)"/>
      <xsl:with-param name="title" select="ed:label('chronology-of', map{ 'title':
          if ($page gt 1) then ed:label('with-page', map{ 'title': $title, 'page': $page }) else $title })"/>
      <xsl:with-param name="up" select="'../'"/>
      <xsl:with-param name="content">
        <nav class="breadcrumb" aria-label="{ed:label('breadcrumb')}">
          <ol>
            <li><a href="../chronology.html">{ed:label('chronology')}</a></li>
            <li aria-current="page">{$title}</li>
          </ol>
        </nav>
        <xsl:if test="$pages gt 1">
          <xsl:call-template name="h:page-links">
            <xsl:with-param name="label" select="ed:label('pages-of', map{ 'title': $title })"/>
            <xsl:with-param name="pages" select="$pages"/>
            <xsl:with-param name="current" select="$page"/>
            <xsl:with-param name="href" select="function($n) { tokenize(h:year-page-href($year, $n), '/')[last()] }"/>
          </xsl:call-template>
          <xsl:if test="$page = 1">
            <section class="year-dates" aria-labelledby="year-dates">
              <h2 id="year-dates">{ed:label('dates-of', map{ 'title': $title })}</h2>
              <ol class="year-dates">
                <xsl:for-each select="$dates">
                  <li><a href="{tokenize(h:year-page-href($year, xs:integer(?starts)), '/')[last()]}#{h:date-anchor(.)}">{
                    h:date-label(?mentions?1)}</a> ({?count})</li>
                </xsl:for-each>
              </ol>
            </section>
          </xsl:if>
        </xsl:if>
        <ol class="chronology">
          <!-- the dates of this page (the first page of several has the others' first mentions too, for their labels) -->
          <xsl:for-each select="$dates[not(?starts gt $page)][array:size(?mentions) gt 0]">
            <li>
              <h2 class="date">
                <xsl:if test="?first = 1"><xsl:attribute name="id" select="h:date-anchor(.)"/></xsl:if>
                <time>
                <xsl:for-each select="ed:datetime(?mentions?1?date_when)">
                  <xsl:attribute name="datetime" select="."/>
                </xsl:for-each>{h:date-label(?mentions?1)}</time>{(' ' || ed:label('continued'))[current()?first gt 1]}</h2>
              <ul class="dated-mentions">
                <xsl:for-each select="?mentions?*">
                  <xsl:variable name="document" select="h:document(?document)"/>
                  <li id="{?id}">
                    <xsl:variable name="mention" as="element()">
                      <a href="../{h:mention-href(.)}" lang="{(?lang[. != ''], $document?lang)[1]}">{?surface}</a>
                    </xsl:variable>
                    <xsl:variable name="in" as="element()">
                      <a class="document" href="../{$document?page}" lang="{$document?lang}">{$document?title}</a>
                    </xsl:variable>
                    <xsl:sequence select="ed:label-nodes('mention-in', map{ 'mention': $mention, 'document': $in })"/>
                    <xsl:for-each select="h:where(.)"><xsl:text> </xsl:text><span class="where">({.})</span></xsl:for-each>
                    <xsl:if test="?cert != '' or ?evidence != ''">
                      <span class="cert"> ({ed:label('certainty', map{ 'values':
                        string-join((?cert[. != ''] ! h:cert-label(.), ?evidence[. != ''] ! h:evidence-label(.)), ', ') })})</span>
                    </xsl:if>
                    <xsl:text> </xsl:text>
                    <xsl:sequence select="h:context(.)"/>
                  </li>
                </xsl:for-each>
              </ul>
            </li>
          </xsl:for-each>
        </ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The file of page $page of the dates of $year: chronology/1920.html, chronology/1920~2.html … -->
  <xsl:function name="h:year-page-href" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:param name="page" as="xs:integer"/>
    <xsl:sequence select="if ($page = 1) then ed:chronology-page($year)
        else replace(ed:chronology-page($year), '\.html$', '~' || $page || '.html')"/>
  </xsl:function>

  <!-- The anchor of a date's heading on its year's pages (from its key: 'date-1920-04'). -->
  <xsl:function name="h:date-anchor" as="xs:string">
    <xsl:param name="date" as="map(*)"/>
    <xsl:sequence select="'date-' || replace(encode-for-uri($date?key), '%', '.')"/>
  </xsl:function>

  <!-- The timeline of $years (year, mentions): a column per year, a bar as high as its
       mentions, linked to the year's page. -->
  <xsl:template name="h:timeline">
    <xsl:param name="years" as="map(*)+"/>
    <xsl:variable name="numbers" select="$years ! xs:integer(?year)"/>
    <!-- the years of the latest 90 % of the mentions, widened to multiples of 5 -->
    <xsl:variable name="total" select="sum($years ! ?mentions)"/>
    <xsl:variable name="low" select="(for $y in $years return xs:integer($y?year)[sum($years[xs:integer(?year) le xs:integer($y?year)] ! ?mentions) ge $total * 0.1])[1]"/>
    <xsl:variable name="high" select="max($numbers)"/>
    <xsl:variable name="first" select="$low - $low mod 5"/>
    <xsl:variable name="last" select="$high + 4 - $high mod 5"/>
    <xsl:variable name="left-out" select="sum($years[xs:integer(?year) lt $first] ! ?mentions)"/>
    <xsl:variable name="width" select="800"/>
    <xsl:variable name="left" select="10"/>
    <xsl:variable name="column" select="($width - 2 * $left) div ($last - $first + 1)"/>
    <xsl:variable name="base" select="150"/>
    <xsl:variable name="most" select="max($years ! ?mentions)"/>
    <xsl:variable name="tick" select="((1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)[($last - $first) div . le 16], 10000)[1]"/>
    <figure class="timeline">
      <svg:svg viewBox="0 0 {$width} {$base + 30}" aria-labelledby="timeline-title timeline-desc">
        <svg:title id="timeline-title">{ed:label('timeline-title')}</svg:title>
        <svg:desc id="timeline-desc">{ed:label('timeline-description', map{ 'first': $first, 'last': $last })}</svg:desc>
        <svg:line class="axis" x1="{$left}" x2="{$width - $left}" y1="{$base}" y2="{$base}"/>
        <xsl:for-each select="$years[xs:integer(?year) ge $first]">
          <xsl:variable name="x" select="$left + (xs:integer(?year) - $first) * $column"/>
          <xsl:variable name="height" select="max((2, 130 * ?mentions div $most))"/>
          <svg:a href="{ed:chronology-page(?year)}" class="mark">
            <svg:title>{ed:label('timeline-bar', map{ 'year': ?year, 'mentions': ed:label('n-mentions', map{ 'count': ?mentions }) })}</svg:title>
            <svg:rect x="{round($x + $column * 0.1, 2)}" y="{round($base - $height, 2)}"
                width="{round(max(($column * 0.8, 1)), 2)}" height="{round($height, 2)}"/>
          </svg:a>
        </xsl:for-each>
        <xsl:for-each select="($first to $last)[. mod $tick = 0]">
          <xsl:variable name="x" select="$left + (. - $first + 0.5) * $column"/>
          <svg:line class="tick" x1="{round($x, 2)}" x2="{round($x, 2)}" y1="{$base}" y2="{$base + 5}"/>
          <svg:text x="{round($x, 2)}" y="{$base + 20}" aria-hidden="true">{.}</svg:text>
        </xsl:for-each>
      </svg:svg>
      <figcaption>{ed:label('timeline-caption', map{ 'first': $first, 'last': $last, 'earlier':
          if ($left-out gt 0) then ' (' || ed:label('timeline-earlier', map{ 'count': $left-out }) || ')' else '' })}</figcaption>
    </figure>
  </xsl:template>
</xsl:stylesheet>
