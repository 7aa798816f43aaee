<?xml version="1.0" encoding="UTF-8"?>
<!--
  The map of places: inline SVG drawn from the register's coordinates, nothing fetched.
  Equirectangular projection (longitudes shortened by the cosine of the middle latitude) of the
  bounding box of the places around the median place (within $map-reach degrees; around the
  place closest to it when none is that near); places
  further away are listed below the map. A graticule gives orientation; every place is a
  link to the place's page (named by its title), the most mentioned are labelled.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:math="http://www.w3.org/2005/xpath-functions/math"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Degrees of latitude and longitude around the median place that the map covers at most,
       and that its detail map covers (0: no detail map). -->
  <xsl:param name="map-reach" as="xs:double" select="20"/>
  <xsl:param name="map-detail-reach" as="xs:double" select="3"/>
  <!-- How many of the most mentioned places carry a label on the map. -->
  <xsl:param name="map-labels" as="xs:integer" select="12"/>

  <xsl:variable name="h:map-width" as="xs:double" select="800"/>

  <xsl:function name="h:median" as="xs:double">
    <xsl:param name="values" as="xs:double+"/>
    <xsl:variable name="sorted" select="sort($values)"/>
    <xsl:sequence select="$sorted[(count($sorted) + 1) idiv 2]"/>
  </xsl:function>

  <xsl:function name="h:round" as="xs:string">
    <xsl:param name="value" as="xs:double"/>
    <xsl:sequence select="string(round($value, 1))"/>
  </xsl:function>

  <!-- The map of the places, and a detail map of the places closest to the median one. -->
  <xsl:template name="h:maps">
    <xsl:param name="places" as="map(*)*"/>
    <xsl:call-template name="h:map">
      <xsl:with-param name="places" select="$places"/>
    </xsl:call-template>
    <xsl:if test="$map-detail-reach gt 0">
      <xsl:call-template name="h:map">
        <xsl:with-param name="places" select="$places"/>
        <xsl:with-param name="id" select="'map-detail'"/>
        <xsl:with-param name="reach" select="$map-detail-reach"/>
        <xsl:with-param name="title" select="ed:label('map-detail-title')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="h:map">
    <xsl:param name="places" as="map(*)*"/>
    <xsl:param name="id" as="xs:string" select="'map'"/>
    <xsl:param name="reach" as="xs:double" select="$map-reach"/>
    <xsl:param name="title" as="xs:string" select="ed:label('map-title')"/>
    <xsl:variable name="located" select="$places[exists(?lat) and exists(?long)]"/>
    <xsl:if test="exists($located)">
      <xsl:variable name="median" select="map{'lat': h:median($located ! ?lat), 'long': h:median($located ! ?long)}"/>
      <xsl:variable name="around" select="function($centre) { function($p) {
          abs($p?lat - $centre?lat) le $reach and abs($p?long - $centre?long) le $reach } }"/>
      <!-- the median place; when no place lies within reach of it (places far apart), the place
           closest to it -->
      <xsl:variable name="near" select="if (some $p in $located satisfies $around($median)($p)) then $around($median)
          else $around(sort($located, (), function($p) { max((abs($p?lat - $median?lat), abs($p?long - $median?long))) })[1])"/>
      <xsl:variable name="shown" select="$located[$near(.)]"/>
      <xsl:variable name="span" select="max((max($shown ! ?lat) - min($shown ! ?lat), max($shown ! ?long) - min($shown ! ?long), 1))"/>
      <xsl:variable name="pad" select="$span * 0.08"/>
      <xsl:variable name="south" select="min($shown ! ?lat) - $pad"/>
      <xsl:variable name="north" select="max($shown ! ?lat) + $pad"/>
      <xsl:variable name="west" select="min($shown ! ?long) - $pad"/>
      <xsl:variable name="east" select="max($shown ! ?long) + $pad"/>
      <xsl:variable name="shrink" select="math:cos(($south + $north) div 2 * math:pi() div 180)"/>
      <xsl:variable name="scale" select="$h:map-width div (($east - $west) * $shrink)"/>
      <xsl:variable name="height" select="($north - $south) * $scale"/>
      <xsl:variable name="x" select="function($long) { ($long - $west) * $shrink * $scale }"/>
      <xsl:variable name="y" select="function($lat) { ($north - $lat) * $scale }"/>
      <xsl:variable name="step" select="if ($span le 4) then 1 else if ($span le 10) then 2 else if ($span le 25) then 5 else 10"/>
      <xsl:variable name="labelled" select="(sort($shown, (), function($p) { -$p?count }))[position() le $map-labels] ! ?key"/>
      <figure class="map" id="{$id}">
        <svg:svg viewBox="0 0 {h:round($h:map-width)} {h:round($height)}" aria-labelledby="{$id}-title {$id}-desc">
          <svg:title id="{$id}-title">{$title}</svg:title>
          <svg:desc id="{$id}-desc">{ed:label('map-description', map{ 'places': ed:label('n-places', map{ 'count': count($shown) }),
            'south': h:round($south), 'north': h:round($north), 'west': h:round($west), 'east': h:round($east) })}</svg:desc>
          <svg:rect class="sea" width="100%" height="100%"/>
          <svg:g class="graticule" aria-hidden="true">
            <xsl:for-each select="xs:integer(ceiling($west div $step)) to xs:integer(floor($east div $step))">
              <xsl:variable name="long" select=". * $step"/>
              <svg:line x1="{h:round($x($long))}" x2="{h:round($x($long))}" y1="0" y2="{h:round($height)}"/>
              <svg:text x="{h:round($x($long) + 3)}" y="{h:round($height - 4)}">{abs($long)}°{ed:label(if ($long lt 0) then 'west' else 'east')}</svg:text>
            </xsl:for-each>
            <xsl:for-each select="xs:integer(ceiling($south div $step)) to xs:integer(floor($north div $step))">
              <xsl:variable name="lat" select=". * $step"/>
              <svg:line x1="0" x2="{h:round($h:map-width)}" y1="{h:round($y($lat))}" y2="{h:round($y($lat))}"/>
              <svg:text x="3" y="{h:round($y($lat) - 3)}">{abs($lat)}°{ed:label(if ($lat lt 0) then 'south' else 'north')}</svg:text>
            </xsl:for-each>
          </svg:g>
          <svg:g class="places">
            <xsl:for-each select="sort($shown, (), function($p) { $p?count })">
              <xsl:variable name="mentions" select="?count"/>
              <svg:a href="{h:entity-href(.)}" class="place">
                <svg:title>{?name} ({ed:label('n-mentions', map{ 'count': $mentions })})</svg:title>
                <svg:circle cx="{h:round($x(?long))}" cy="{h:round($y(?lat))}" r="{h:round(4 + min((5, math:log($mentions) * 1.5)))}"/>
                <xsl:if test="?key = $labelled">
                  <svg:text x="{h:round($x(?long) + 9)}" y="{h:round($y(?lat) + 4)}">{?name}</svg:text>
                </xsl:if>
              </svg:a>
            </xsl:for-each>
          </svg:g>
        </svg:svg>
        <figcaption>
          <xsl:text>{ed:label('map-caption', map{ 'title': $title })}</xsl:text>
          <xsl:variable name="outside" select="$located[not($near(.))]"/>
          <xsl:if test="exists($outside) and $id = 'map'">
            <xsl:text> {ed:label('map-outside')} </xsl:text>
            <xsl:for-each select="$outside">
              <a href="{h:entity-href(.)}">{?name}</a>
              <xsl:if test="position() != last()">, </xsl:if>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </xsl:if>
        </figcaption>
      </figure>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
