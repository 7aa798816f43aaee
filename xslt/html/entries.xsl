<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages of persons, places and organisations: a list page per kind (persons.html …: an
  entry per entity, anchored by its id, with its name, a line of register data and its number
  of mentions, linked to its own page), and a page per entity (persons/ID.html …: the register
  data in full, with main name, variants with their languages, type, dates, coordinates,
  notes, authority identifiers as links, and every mention with its context; an entity with
  many mentions has them on several pages, persons/ID~2.html …, see edition.site).
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

  <!-- The list page of the entities of $type (persons.html …). -->
  <xsl:function name="h:list-page" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="$ed:entity-folders($type) || '.html'"/>
  </xsl:function>

  <!-- The label of an entity's date of the kind $kind (birth, death, floruit, event). -->
  <xsl:function name="h:date-kind" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="ed:label((map{ 'birth': 'born', 'death': 'died', 'floruit': 'active', 'date': 'date' }($kind), 'event')[1])"/>
  </xsl:function>

  <!-- A value of @cert (high, medium, low, unknown) or of @evidence (internal, external,
       conjecture) as the interface says it; another as it stands. -->
  <xsl:function name="h:cert-label" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="(map{ 'high': 'cert-high', 'medium': 'cert-medium', 'low': 'cert-low',
        'unknown': 'cert-unknown' }($value) ! ed:label(.), $value)[1]"/>
  </xsl:function>
  <xsl:function name="h:evidence-label" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="(map{ 'internal': 'evidence-internal', 'external': 'evidence-external',
        'conjecture': 'evidence-conjecture' }($value) ! ed:label(.), $value)[1]"/>
  </xsl:function>

  <!-- Links for authority identifiers, by idno/@type (lower case); the value is appended. -->
  <xsl:variable name="h:authorities" as="map(xs:string, xs:string)" select="map{
    'wikidata': 'https://www.wikidata.org/wiki/', 'geonames': 'https://www.geonames.org/',
    'viaf': 'https://viaf.org/viaf/', 'gnd': 'https://d-nb.info/gnd/', 'doi': 'https://doi.org/' }"/>

  <!-- The authority an identifier's URI belongs to, as a map: its 'name' (GND, VIAF, GeoNames,
       Wikidata …) and the record's 'id' for the authorities known, and the URI's 'host'; () for
       a value that is no http(s) URI. -->
  <xsl:function name="h:authority" as="map(*)?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="parts" select="analyze-string($value, '^https?://(www\.)?([^/?#]+)(/[^?#]*)?')/*:match"/>
    <xsl:if test="$parts">
      <xsl:variable name="host" select="string($parts/*:group[@nr = 2])"/>
      <xsl:variable name="path" select="replace(string($parts/*:group[@nr = 3]), '/+$', '')"/>
      <xsl:variable name="known" select="$h:authority-hosts[starts-with($host || $path, ?prefix)][1]"/>
      <xsl:sequence select="map{ 'host': $host }
          ! (if (exists($known)) then map:merge((., map{ 'name': $known?name, 'id': tokenize($path, '/')[last()] })) else .)"/>
    </xsl:if>
  </xsl:function>

  <!-- The authorities whose URIs identifiers are shown by name (host and path prefix, name). -->
  <xsl:variable name="h:authority-hosts" as="map(*)+" select="(
      map{ 'prefix': 'd-nb.info/gnd/', 'name': 'GND' }, map{ 'prefix': 'viaf.org/viaf/', 'name': 'VIAF' },
      map{ 'prefix': 'sws.geonames.org/', 'name': 'GeoNames' }, map{ 'prefix': 'geonames.org/', 'name': 'GeoNames' },
      map{ 'prefix': 'wikidata.org/', 'name': 'Wikidata' }, map{ 'prefix': 'orcid.org/', 'name': 'ORCID' },
      map{ 'prefix': 'doi.org/', 'name': 'DOI' }, map{ 'prefix': 'id.loc.gov/', 'name': 'LC' },
      map{ 'prefix': 'pleiades.stoa.org/places/', 'name': 'Pleiades' }, map{ 'prefix': 'vocab.getty.edu/', 'name': 'Getty' },
      map{ 'prefix': 'isni.org/', 'name': 'ISNI' }, map{ 'prefix': 'syriaca.org/', 'name': 'Syriaca.org' })"/>

  <!-- The correspondents among $entities (those with "letters": edition.indices.ACTIONS), the
       most letters first, each with the letters of each part it has in them (sender, addressee …). -->
  <xsl:template name="h:correspondents">
    <xsl:param name="entities" as="map(*)*"/>
    <xsl:variable name="correspondents" select="$entities[map:contains(., 'letters')]"/>
    <xsl:if test="exists($correspondents)">
      <section class="correspondents" aria-labelledby="correspondents">
        <h2 id="correspondents">{ed:label('correspondents')}</h2>
        <ul class="correspondents">
          <xsl:for-each select="sort($correspondents, (), function($e) { -sum($e?letters?*), string($e?name) })">
            <xsl:variable name="letters" select="?letters"/>
            <li><a href="{h:entity-href(.)}">{?name}</a>: {string-join($ed:correspondence-order[map:contains($letters, .)]
                ! (ed:label($ed:correspondence(.)) || ' (' || ed:label('n-letters', map{ 'count': $letters(.) }) || ')'), ', ')}</li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The list page of the entities of $type. -->
  <xsl:template name="h:entity-list">
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="folder" select="$ed:entity-folders($type)"/>
    <xsl:variable name="entities" select="h:entities($type)"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="h:list-page($type)"/>
      <xsl:with-param name="title" select="ed:label($folder)"/>
      <xsl:with-param name="content">
        <p class="index-summary">{ed:label('list-summary', map{
          'entities': ed:label(map{ 'person': 'n-persons', 'place': 'n-places', 'org': 'n-organisations',
            'event': 'n-events' }($type),
            map{ 'count': count($entities) }),
          'mentions': ed:label('n-mentions', map{ 'count': sum($entities ! ?count) }),
          'documents': ed:label('in-documents', map{ 'count': count(distinct-values($entities ! ?documents?*)) }) })}</p>
        <xsl:if test="$type = 'place'">
          <xsl:call-template name="h:maps"><xsl:with-param name="places" select="$entities"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$type = ('person', 'org')">
          <xsl:call-template name="h:correspondents"><xsl:with-param name="entities" select="$entities"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="h:alphabetical">
          <xsl:with-param name="items" select="$entities"/>
          <xsl:with-param name="name" select="function($e) { string($e?name) }"/>
          <xsl:with-param name="entry" select="h:entry#1"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- An entity on its list page: its name linked to its page, a line of register data. -->
  <xsl:function name="h:entry" as="element()">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:variable name="documents" select="array:size($entity?documents)"/>
    <p class="entry" id="{h:entity-id($entity)}">
      <a href="{h:entity-href($entity)}">{$entity?name}</a>
      <xsl:sequence select="h:cert($entity)"/>
      <xsl:text> </xsl:text>
      <span class="entry-line">{string-join((replace($entity?subtype, '-', ' ')[. != ''],
        $entity?dates?* ! (h:date-kind(?kind) || ' ' || h:date(.)), h:count-in-documents($entity?count, $documents)), ' · ')}</span>
    </p>
  </xsl:function>

  <!-- "3 mentions in 2 documents" -->
  <xsl:function name="h:count-in-documents" as="xs:string">
    <xsl:param name="mentions" as="xs:numeric"/>
    <xsl:param name="documents" as="xs:numeric"/>
    <xsl:sequence select="ed:label('count-in-documents', map{ 'mentions': ed:label('n-mentions', map{ 'count': $mentions }),
        'documents': ed:label('in-documents', map{ 'count': $documents }) })"/>
  </xsl:function>

  <!-- The way up from an entity's page to the other pages. -->
  <xsl:variable name="h:up" as="xs:string" select="'../'"/>

  <!-- The page of one entity (persons/ID.html …), one folder below the other pages; its page
       number ?page of ?pages (persons/ID~2.html …) when its mentions fill more than one. -->
  <xsl:template name="h:entity-page">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:variable name="list" select="$h:up || h:list-page($entity?type)"/>
    <xsl:variable name="initial" select="h:initial($entity?name)"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="h:entity-page-href($entity, h:page($entity))"/>
      <xsl:with-param name="title" select="string($entity?name)"/>
      <xsl:with-param name="up" select="$h:up"/>
      <xsl:with-param name="content">
        <nav class="breadcrumb" aria-label="{ed:label('breadcrumb')}">
          <ol>
            <li><a href="{$list}">{ed:label($ed:entity-folders($entity?type))}</a></li>
            <li><a href="{$list}#letter-{h:letter-id($initial)}">{$initial}</a></li>
            <li aria-current="page">{$entity?name}</li>
          </ol>
        </nav>
        <xsl:sequence select="h:entity-data($entity)"/>
        <section class="mentions" aria-labelledby="mentions">
          <h2 id="mentions">{ed:label('mentions')}</h2>
          <xsl:variable name="pages" select="($entity?pages ! xs:integer(.), 1)[1]"/>
          <xsl:if test="$pages gt 1">
            <p class="pages">{ed:label('mentions-range', map{ 'first': $entity?first,
              'last': $entity?first + array:size($entity?mentions) - 1, 'count': $entity?count })}</p>
            <xsl:call-template name="h:page-links">
              <xsl:with-param name="label" select="ed:label('pages-of-mentions')"/>
              <xsl:with-param name="pages" select="$pages"/>
              <xsl:with-param name="current" select="h:page($entity)"/>
              <xsl:with-param name="href" select="function($n) { tokenize(h:entity-page-href($entity, $n), '/')[last()] || '#mentions' }"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="h:mentions">
            <xsl:with-param name="mentions" select="$entity?mentions?*"/>
            <xsl:with-param name="up" select="$h:up"/>
          </xsl:call-template>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Links to the pages 1 to $pages of a series (entity pages, a year's pages), $current
       marked, page $n at $href($n). -->
  <xsl:template name="h:page-links">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="pages" as="xs:integer"/>
    <xsl:param name="current" as="xs:integer"/>
    <xsl:param name="href" as="function(xs:integer) as xs:string"/>
    <nav class="pages" aria-label="{$label}">
      <ol>
        <xsl:for-each select="1 to $pages">
          <li><a href="{$href(.)}">
            <xsl:if test=". = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>{.}</a></li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- The id of an entity's page and entry: the name of its page (from its register xml:id, else
       from its key), made by edition.kinds.entity_page_name and handed over with the data. -->
  <xsl:function name="h:entity-id" as="xs:string">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:sequence select="string($entity?slug)"/>
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

  <!-- The link to an entity's page from a page about the edition. -->
  <xsl:function name="h:entity-href" as="xs:string">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:sequence select="ed:entity-page($entity?type, h:entity-id($entity))"/>
  </xsl:function>

  <!-- Which of its pages an entity's record is for (1 if it has one). -->
  <xsl:function name="h:page" as="xs:integer">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:sequence select="($entity?page ! xs:integer(.), 1)[1]"/>
  </xsl:function>

  <!-- The link to page $page of an entity's pages (persons/ID.html, persons/ID~2.html …). -->
  <xsl:function name="h:entity-page-href" as="xs:string">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:param name="page" as="xs:integer"/>
    <xsl:sequence select="if ($page = 1) then h:entity-href($entity)
        else ed:entity-page($entity?type, h:entity-id($entity) || '~' || $page)"/>
  </xsl:function>

  <!-- How certain an entity's identification is, after its name in a list. -->
  <xsl:function name="h:cert" as="element()?">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:if test="$entity?cert != ''">
      <span class="cert"> ({ed:label('identified', map{ 'level': h:cert-level($entity?cert) })})</span>
    </xsl:if>
  </xsl:function>

  <!-- "high certainty" -->
  <xsl:function name="h:cert-level" as="xs:string">
    <xsl:param name="cert" as="xs:string"/>
    <xsl:sequence select="ed:label('cert-level', map{ 'cert': h:cert-label($cert) })"/>
  </xsl:function>

  <!-- One of an entity's dates: as the register writes it, its ISO 8601 values written as the
       interface language writes dates (ed:readable-date: "1907-02-21 York", "21 February 1907
       York"); without a text, its values so written. -->
  <xsl:function name="h:date" as="xs:string">
    <xsl:param name="date" as="map(*)"/>
    <xsl:variable name="values" select="distinct-values(($date?date_when, $date?date_from, $date?date_to,
        $date?not_before, $date?not_after)[. != ''])"/>
    <xsl:sequence select="if (normalize-space($date?text)) then fold-left($values, normalize-space($date?text),
            function($text, $value) { replace($text, '(^|\s)' || replace($value, '([+.])', '\\$1') || '(\s|$)',
                '$1' || ed:readable-date($value) || '$2') })
        else string-join($values ! ed:readable-date(.), ' – ')"/>
  </xsl:function>

  <!-- The register data of an entity, in full (on its page). -->
  <xsl:function name="h:entity-data" as="element()">
    <xsl:param name="entity" as="map(*)"/>
    <xsl:variable name="register" select="h:register-entry($entity)"/>
    <dl class="entry-data">
      <xsl:if test="$entity?cert != ''">
        <dt>{ed:label('identification')}</dt><dd>{h:cert-level($entity?cert)}</dd>
      </xsl:if>
      <xsl:if test="$entity?subtype != ''">
        <dt>{ed:label('type')}</dt><dd>{replace($entity?subtype, '-', ' ')}</dd>
      </xsl:if>
      <xsl:if test="array:size($entity?variants) gt 0">
        <dt>{ed:label('variants')}</dt>
        <dd>
          <ul class="variants">
            <xsl:for-each select="$entity?variants?*">
              <xsl:variable name="variant" select="."/>
              <xsl:variable name="lang" select="string(($register/*[normalize-space() = $variant]/@xml:lang)[1])"/>
              <li>
                <span>
                  <xsl:if test="$lang">
                    <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
                  </xsl:if>
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
        <dt>{h:date-kind(?kind)}</dt>
        <dd>{h:date(.)}</dd>
      </xsl:for-each>
      <xsl:if test="exists($entity?lat) and exists($entity?long)">
        <dt>{ed:label('coordinates')}</dt>
        <dd><a href="{$h:up}places.html#map">{h:coordinates($entity?lat, $entity?long)}</a></dd>
      </xsl:if>
      <xsl:for-each select="$entity?notes?*">
        <dt>{ed:label('note')}</dt><dd>{.}</dd>
      </xsl:for-each>
      <xsl:if test="array:size($entity?idnos) gt 0">
        <dt>{ed:label('identifiers')}</dt>
        <dd>
          <ul class="idnos">
            <xsl:for-each select="$entity?idnos?*">
              <xsl:variable name="value" select="string(?value)"/>
              <xsl:variable name="href" select="ed:safe-url(if (matches($value, '^https?://')) then $value
                  else $h:authorities(lower-case(?type)) ! (. || encode-for-uri($value)))"/>
              <xsl:variable name="authority" select="h:authority($value)"/>
              <li>{($authority?name, ?type[not(lower-case(.) = ('uri', 'url', ''))], $authority?host)[1]}: <xsl:choose>
                <xsl:when test="exists($href)"><a href="{$href}">{($authority?id, ?value)[1]}</a></xsl:when>
                <xsl:otherwise>{?value}</xsl:otherwise>
              </xsl:choose></li>
            </xsl:for-each>
          </ul>
        </dd>
      </xsl:if>
      <dt>{ed:label('mentions')}</dt>
      <dd>{ed:label('count-in-documents', map{ 'mentions': $entity?count,
        'documents': ed:label('in-documents', map{ 'count': array:size($entity?documents) }) })}</dd>
    </dl>
  </xsl:function>

  <!-- "40.1431° N, 47.5769° E" -->
  <xsl:function name="h:coordinates" as="xs:string">
    <xsl:param name="lat" as="xs:double"/>
    <xsl:param name="long" as="xs:double"/>
    <xsl:sequence select="abs($lat) || '° ' || ed:label(if ($lat lt 0) then 'south' else 'north') || ', '
        || abs($long) || '° ' || ed:label(if ($long lt 0) then 'west' else 'east')"/>
  </xsl:function>
</xsl:stylesheet>
