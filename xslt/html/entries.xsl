<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index pages of persons, places and organisations: an entry per entity, anchored by its
  register xml:id, with the register data (main name, variants with their languages, type,
  dates, coordinates, notes, authority identifiers as links) and every mention.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="h:entity-pages" as="map(xs:string, map(xs:string, xs:string))" select="map{
    'person': map{ 'file': 'persons.html', 'title': 'Persons', 'one': 'person' },
    'place': map{ 'file': 'places.html', 'title': 'Places', 'one': 'place' },
    'org': map{ 'file': 'organisations.html', 'title': 'Organisations', 'one': 'organisation' } }"/>

  <!-- Links for authority identifiers, by idno/@type (lower case); the value is appended. -->
  <xsl:variable name="h:authorities" as="map(xs:string, xs:string)" select="map{
    'wikidata': 'https://www.wikidata.org/wiki/', 'geonames': 'https://www.geonames.org/',
    'viaf': 'https://viaf.org/viaf/', 'gnd': 'https://d-nb.info/gnd/', 'doi': 'https://doi.org/' }"/>

  <xsl:template name="h:entity-page">
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="page" select="$h:entity-pages($type)"/>
    <xsl:variable name="entities" select="h:entities($type)"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="$page?file"/>
      <xsl:with-param name="title" select="$page?title"/>
      <xsl:with-param name="content">
        <p class="index-summary">{count($entities)} {$page?one}{if (count($entities) = 1) then '' else 's'},
          {sum($entities ! array:size(?mentions))} mentions in {count(distinct-values($entities ! ?mentions?*?document))} documents.</p>
        <xsl:if test="$type = 'place'">
          <xsl:call-template name="h:maps"><xsl:with-param name="places" select="$entities"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="h:alphabetical">
          <xsl:with-param name="items" select="$entities"/>
          <xsl:with-param name="name" select="function($e) { string($e?name) }"/>
          <xsl:with-param name="entry" select="h:entity#1"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The id of an entity's entry: its register xml:id; entities without a register entry
       (TEI from elsewhere) get one from their key. -->
  <xsl:function name="h:entity-id" as="xs:string">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:sequence select="if ($entity?register != '') then $entity?key
        else 'unregistered-' || $entity?type || '-' || encode-for-uri($entity?key) => replace('%', '.')"/>
  </xsl:function>

  <!-- The register entry of an entity in $edition (for what the index records lack); its
       register ("persons.xml#id") is looked up by file name. -->
  <xsl:function name="h:register-entry" as="element()?">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:sequence select="$entity[?register != ''] ! $h:files(substring-before(?register, '#'))
        ! key('ed:id', string($entity?key), .)[1]"/>
  </xsl:function>

  <xsl:variable name="h:files" as="map(xs:string, document-node())" select="map:merge(map:keys($edition)
      ! map{ tokenize(., '/')[last()] : $edition(.) }, map{ 'duplicates': 'use-first' })"/>

  <xsl:function name="h:entity" as="element()">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:variable name="register" select="h:register-entry($entity)"/>
    <xsl:variable name="id" select="h:entity-id($entity)"/>
    <article class="entry" id="{$id}" aria-labelledby="{$id}-name">
      <h3 id="{$id}-name">{$entity?name}<xsl:if test="$entity?cert != ''">
        <span class="cert"> (identification: {$entity?cert} certainty)</span></xsl:if></h3>
      <dl class="entry-data">
        <xsl:if test="$entity?subtype != ''">
          <dt>Type</dt><dd>{replace($entity?subtype, '-', ' ')}</dd>
        </xsl:if>
        <xsl:if test="array:size($entity?variants) gt 0">
          <dt>Variants</dt>
          <dd>
            <ul class="variants">
              <xsl:for-each select="$entity?variants?*">
                <xsl:variable name="variant" select="."/>
                <xsl:variable name="lang" select="string(($register/*[normalize-space() = $variant]/@xml:lang)[1])"/>
                <li>
                  <span>
                    <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
                    <xsl:value-of select="."/>
                  </span>
                  <xsl:if test="$lang">
                    <span class="lang"> ({(root($register)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[@ident = $lang]/normalize-space()[.], $lang)[1]})</span>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:for-each select="$entity?dates?*">
          <dt>{map{ 'birth': 'Born', 'death': 'Died', 'floruit': 'Active', 'event': 'Event' }(?kind)}</dt>
          <dd>{(?text[normalize-space()], string-join((?date_when, ?date_from, ?date_to, ?not_before, ?not_after), ' – '))[1]}</dd>
        </xsl:for-each>
        <xsl:if test="exists($entity?lat) and exists($entity?long)">
          <dt>Coordinates</dt>
          <dd><a href="#map">{h:coordinates($entity?lat, $entity?long)}</a></dd>
        </xsl:if>
        <xsl:for-each select="$entity?notes?*">
          <dt>Note</dt><dd>{.}</dd>
        </xsl:for-each>
        <xsl:if test="array:size($entity?idnos) gt 0">
          <dt>Identifiers</dt>
          <dd>
            <ul class="idnos">
              <xsl:for-each select="$entity?idnos?*">
                <xsl:variable name="value" select="string(?value)"/>
                <xsl:variable name="href" select="ed:safe-url(if (matches($value, '^https?://')) then $value
                    else $h:authorities(lower-case(?type)) ! (. || encode-for-uri($value)))"/>
                <li>{?type}: <xsl:choose>
                  <xsl:when test="exists($href)"><a href="{$href}">{?value}</a></xsl:when>
                  <xsl:otherwise>{?value}</xsl:otherwise>
                </xsl:choose></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <dt>Mentions</dt>
        <dd>{array:size($entity?mentions)}</dd>
      </dl>
      <xsl:call-template name="h:mentions">
        <xsl:with-param name="mentions" select="$entity?mentions?*"/>
      </xsl:call-template>
    </article>
  </xsl:function>

  <!-- "40.1431° N, 47.5769° E" -->
  <xsl:function name="h:coordinates" as="xs:string">
    <xsl:param name="lat" as="xs:double"/>
    <xsl:param name="long" as="xs:double"/>
    <xsl:sequence select="abs($lat) || '° ' || (if ($lat lt 0) then 'S' else 'N') || ', '
        || abs($long) || '° ' || (if ($long lt 0) then 'W' else 'E')"/>
  </xsl:function>
</xsl:stylesheet>
