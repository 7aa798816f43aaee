<?xml version="1.0" encoding="UTF-8"?>
<!--
  The chronology: every dated mention in date order, by year, with its context sentence and a
  link to the passage; each mention is anchored by its mention id (the document pages link
  their dates there). Above it, a timeline (inline SVG): the years on an axis, a mark per
  mention (linked to it), year labels as links to the year's section.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:h="urn:x-edition:html"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The year of a date record or mention (from its first day), '' if it has none. -->
  <xsl:function name="h:year" as="xs:string">
    <xsl:param name="record" as="map(*)"/>
    <xsl:sequence select="string(replace(string($record?sort_start), '^(-?\d+)-.*$', '$1')[. != ''] ! xs:integer(.))"/>
  </xsl:function>

  <!-- A date as a reader reads it: "1920-04", "1920-11-07 – 1920-11-08", "1920 – 1929 (approximately)". -->
  <xsl:function name="h:date-label" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:sequence select="if ($mention?date_when != '') then $mention?date_when
        else if ($mention?date_from != '' or $mention?date_to != '')
          then string-join(($mention?date_from, $mention?date_to) ! (.[. != ''], '…')[1], ' – ')
        else if ($mention?not_before != '' or $mention?not_after != '')
          then string-join(($mention?not_before, $mention?not_after) ! (.[. != ''], '…')[1], ' – ') || ' (approximately)'
        else string($mention?surface)"/>
  </xsl:function>

  <xsl:template name="chronology">
    <xsl:variable name="dates" select="h:entities('date')"/>
    <xsl:variable name="dated" select="$dates[h:year(.) != '']"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="'chronology.html'"/>
      <xsl:with-param name="title" select="'Chronology'"/>
      <xsl:with-param name="content">
        <p class="index-summary">{sum($dated ! array:size(?mentions))} dated mentions of {count($dated)} dates,
          in date order; ranges and approximate dates stand at their first day.</p>
        <xsl:if test="exists($dated)">
          <xsl:call-template name="h:timeline"><xsl:with-param name="dates" select="$dated"/></xsl:call-template>
        </xsl:if>
        <xsl:for-each-group select="$dates" group-adjacent="(h:year(.)[. != ''], 'undated')[1]">
          <section class="year" aria-labelledby="year-{current-grouping-key()}">
            <h2 id="year-{current-grouping-key()}">{if (current-grouping-key() = 'undated') then 'Without a calendar date'
                else current-grouping-key()}</h2>
            <ol class="chronology">
              <xsl:for-each select="current-group()">
                <li>
                  <h3 class="date"><time>
                    <xsl:for-each select="?mentions?1?date_when[matches(., '^\d{4}(-\d\d(-\d\d)?)?$')]">
                      <xsl:attribute name="datetime" select="."/>
                    </xsl:for-each>{h:date-label(?mentions?1)}</time></h3>
                  <ul class="dated-mentions">
                    <xsl:for-each select="?mentions?*">
                      <xsl:variable name="document" select="h:document(?document)"/>
                      <li id="{?id}">
                        <a href="{h:mention-href(.)}" lang="{(?lang[. != ''], $document?lang)[1]}">{?surface}</a>
                        <xsl:text> in </xsl:text>
                        <a class="document" href="{$document?page}" lang="{$document?lang}">{$document?title}</a>
                        <xsl:for-each select="h:where(.)"><xsl:text> </xsl:text><span class="where">({.})</span></xsl:for-each>
                        <xsl:if test="?cert != '' or ?evidence != ''">
                          <span class="cert"> (certainty: {string-join((?cert, ?evidence)[. != ''], ', ')})</span>
                        </xsl:if>
                        <xsl:text> </xsl:text>
                        <xsl:sequence select="h:context(.)"/>
                      </li>
                    </xsl:for-each>
                  </ul>
                </li>
              </xsl:for-each>
            </ol>
          </section>
        </xsl:for-each-group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The timeline of $dates (records with a year): one column per year, a mark per mention. -->
  <xsl:template name="h:timeline">
    <xsl:param name="dates" as="map(*)+"/>
    <xsl:variable name="years" select="$dates ! xs:integer(h:year(.))"/>
    <!-- the years of the latest 90 % of the mentions, widened to multiples of 5 -->
    <xsl:variable name="mention-years" select="sort($dates ! (for $m in ?mentions?* return xs:integer(h:year($m))))"/>
    <xsl:variable name="low" select="$mention-years[max((1, xs:integer(floor(count($mention-years) * 0.1))))]"/>
    <xsl:variable name="high" select="$mention-years[last()]"/>
    <xsl:variable name="first" select="$low - $low mod 5"/>
    <xsl:variable name="last" select="$high + 4 - $high mod 5"/>
    <xsl:variable name="left-out" select="count($mention-years[. lt $first or . gt $last])"/>
    <xsl:variable name="width" select="800"/>
    <xsl:variable name="left" select="10"/>
    <xsl:variable name="column" select="($width - 2 * $left) div ($last - $first + 1)"/>
    <xsl:variable name="base" select="150"/>
    <xsl:variable name="per-year" select="for $y in distinct-values($mention-years) return count($mention-years[. = $y])"/>
    <xsl:variable name="mark" select="min((8, 130 div max($per-year)))"/>
    <xsl:variable name="tick" select="((1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)[($last - $first) div . le 16], 10000)[1]"/>
    <figure class="timeline">
      <svg:svg viewBox="0 0 {$width} {$base + 30}" aria-labelledby="timeline-title timeline-desc">
        <svg:title id="timeline-title">Timeline of the dated mentions</svg:title>
        <svg:desc id="timeline-desc">Years {$first} to {$last}; each mark is a mention of a date in that year and links
          to it in the chronology; the year labels link to the year's section.</svg:desc>
        <svg:line class="axis" x1="{$left}" x2="{$width - $left}" y1="{$base}" y2="{$base}"/>
        <xsl:for-each-group select="$dates ! ?mentions?*" group-by="xs:integer(h:year(.))[. ge $first and . le $last]">
          <xsl:variable name="x" select="$left + (current-grouping-key() - $first) * $column"/>
          <xsl:for-each select="current-group()">
            <svg:a href="#{?id}" tabindex="-1" class="mark">
              <svg:title>{h:date-label(.)}: {?surface} ({h:document(?document)?title})</svg:title>
              <svg:rect x="{round($x + $column * 0.1, 2)}" y="{round($base - position() * $mark, 2)}"
                  width="{round(max(($column * 0.8, 1)), 2)}" height="{round($mark * 0.85, 2)}"/>
            </svg:a>
          </xsl:for-each>
        </xsl:for-each-group>
        <xsl:for-each select="($first to $last)[. mod $tick = 0]">
          <xsl:variable name="x" select="$left + (. - $first + 0.5) * $column"/>
          <svg:line class="tick" x1="{round($x, 2)}" x2="{round($x, 2)}" y1="{$base}" y2="{$base + 5}"/>
          <xsl:choose>
            <xsl:when test=". = $years">
              <svg:a href="#year-{.}" class="year"><svg:text x="{round($x, 2)}" y="{$base + 20}">{.}</svg:text></svg:a>
            </xsl:when>
            <xsl:otherwise><svg:text x="{round($x, 2)}" y="{$base + 20}" aria-hidden="true">{.}</svg:text></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </svg:svg>
      <figcaption>Mentions of dates per year, {$first} to {$last}<xsl:if test="$left-out gt 0"> ({$left-out}
          earlier or later mention{if ($left-out = 1) then '' else 's'} only in the list)</xsl:if>; the list below
        gives each with its context.
        <xsl:if test="count(distinct-values($years)) gt 1">Years:
          <xsl:for-each select="sort(distinct-values($years))">
            <a href="#year-{.}">{.}</a><xsl:if test="position() != last()">, </xsl:if>
          </xsl:for-each>.</xsl:if></figcaption>
    </figure>
  </xsl:template>
</xsl:stylesheet>
