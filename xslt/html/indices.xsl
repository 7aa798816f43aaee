<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages about the whole edition, one named template each: home (home.xsl, imported
  unchanged), persons, places, organisations, chronology, works (works cited) and search;
  and a page per person, place and organisation (persons/ID …, entries.xsl), and the pages
  about the edition that edition.toml names (about-NAME, about.xsl). "pages" renders
  any of them in one transformation.
  Their data are the indices of edition.indices, passed as indices.json has them in $indices
  (the sections documents, persons, places, orgs, dates and works; see indices.py); the
  register entries in $edition add what the records lack (languages of variant names).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="home.xsl"/>
  <xsl:include href="entries.xsl"/>
  <xsl:include href="map.xsl"/>
  <xsl:include href="chronology.xsl"/>
  <xsl:include href="bibliography.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="about.xsl"/>

  <!-- The indices as indices.json has them (edition.indices.to_json). -->
  <xsl:param name="indices" as="xs:string" select="'{}'"/>

  <xsl:variable name="h:indices" as="map(*)" select="parse-json($indices)"/>

  <!-- The entities of one kind ('person', 'place', 'org', 'date'), in index order. -->
  <xsl:function name="h:entities" as="map(*)*">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="($h:indices($index-kinds?*[?type = $type]?section), [])[1]?*"/>
  </xsl:function>

  <!-- The pages named $pages (home, those of edition.site.INDEX_PAGES, entity pages such as
       persons/t-stalin, the chronology's year pages such as chronology/1920 and the pages of
       the works cited such as works/1), each serialized as xsl:output says: all of them in one
       transformation, so that $indices is parsed once. -->
  <xsl:template name="pages" as="xs:string*">
    <xsl:param name="pages" as="array(xs:string)"/>
    <xsl:for-each select="$pages?*">
      <xsl:variable name="page" as="document-node()">
        <xsl:document>
          <xsl:choose>
            <xsl:when test=". = 'home'"><xsl:call-template name="home"/></xsl:when>
            <xsl:when test=". = 'persons'"><xsl:call-template name="persons"/></xsl:when>
            <xsl:when test=". = 'places'"><xsl:call-template name="places"/></xsl:when>
            <xsl:when test=". = 'organisations'"><xsl:call-template name="organisations"/></xsl:when>
            <xsl:when test=". = 'events'">
              <xsl:call-template name="h:entity-list"><xsl:with-param name="type" select="'event'"/></xsl:call-template>
            </xsl:when>
            <xsl:when test=". = 'chronology'"><xsl:call-template name="chronology"/></xsl:when>
            <xsl:when test="starts-with(., 'chronology/')">
              <xsl:variable name="year-page" select="tokenize(substring-after(., 'chronology/'), '~')"/>
              <xsl:call-template name="h:chronology-year">
                <xsl:with-param name="year" select="($year-page[1][. != 'undated'], '')[1]"/>
                <xsl:with-param name="page" select="($year-page[2] ! xs:integer(.), 1)[1]"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test=". = 'works'"><xsl:call-template name="works"/></xsl:when>
            <xsl:when test="starts-with(., 'works/')">
              <xsl:call-template name="h:works-page">
                <xsl:with-param name="number" select="xs:integer(substring-after(., 'works/'))"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test=". = 'search'"><xsl:call-template name="search"/></xsl:when>
            <xsl:when test="starts-with(., 'about-')">
              <xsl:call-template name="h:about-page"><xsl:with-param name="name" select="."/></xsl:call-template>
            </xsl:when>
            <xsl:when test="map:contains($h:entity-by-page, . || '.html')">
              <xsl:call-template name="h:entity-page">
                <xsl:with-param name="entity" select="$h:entity-by-page(. || '.html')"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:message terminate="yes">no page called {.}</xsl:message>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:document>
      </xsl:variable>
      <xsl:sequence select="serialize($page, $h:output)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The persons, places and organisations of the data by the file of their page. -->
  <xsl:variable name="h:entity-by-page" as="map(xs:string, map(*))"
      select="map:merge($ed:registered ! h:entities(.) ! map{ h:entity-page-href(., h:page(.)): . })"/>

  <!-- The documents of the records by key: title, language and page. -->
  <xsl:variable name="h:documents" as="map(xs:string, map(*))" select="map:merge(($h:indices?documents, [])[1]?*
      ! map{ string(?key): map{ 'title': string(?title), 'lang': string(?lang),
        'page': replace(string(?file), '\.xml$', '') || '.html' } })"/>

  <xsl:function name="h:document" as="map(*)">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$h:documents($key)"/>
  </xsl:function>

  <xsl:template name="home">
    <xsl:call-template name="xsl:initial-template"/>
  </xsl:template>

  <xsl:template name="persons">
    <xsl:call-template name="h:entity-list"><xsl:with-param name="type" select="'person'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="places">
    <xsl:call-template name="h:entity-list"><xsl:with-param name="type" select="'place'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="organisations">
    <xsl:call-template name="h:entity-list"><xsl:with-param name="type" select="'org'"/></xsl:call-template>
  </xsl:template>

  <!-- A page about the whole edition: h1 $title, then $content, in the page shell ($up: see h:page). -->
  <xsl:template name="h:index-page">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="up" as="xs:string" select="''"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="current" select="$file"/>
      <xsl:with-param name="up" select="$up"/>
      <xsl:with-param name="content">
        <h1>{$title}</h1>
        <xsl:for-each select="$index-data(substring-before($file, '.html'))">
          <xsl:variable name="links" as="node()*">
            <xsl:for-each select="?*">
              <xsl:if test="position() gt 1"> · </xsl:if>
              <a href="{$up}{$site-up}{.}" download="">{ed:label(map{ 'xml': 'data-tei', 'json': 'data-json',
                  'csv': 'data-csv', 'sqlite': 'data-sqlite' }(tokenize(., '\.')[last()]))}</a>
            </xsl:for-each>
          </xsl:variable>
          <p class="index-data"><xsl:sequence select="ed:label-nodes('index-data', map{ 'files': $links })"/></p>
        </xsl:for-each>
        <xsl:sequence select="$content"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The letter an index entry is filed under: its first letter, capital, without diacritics;
       '#' for names that do not start with a letter. -->
  <xsl:function name="h:initial" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="first" select="upper-case(replace(normalize-unicode(substring(normalize-space($name), 1, 1), 'NFD'), '\p{M}', ''))"/>
    <xsl:sequence select="if (matches($first, '^\p{L}$')) then $first else '#'"/>
  </xsl:function>

  <!-- Entries ($items, in index order) in sections per initial letter, with a letter navigation;
       $name gives an item's name, $entry renders one item. -->
  <xsl:template name="h:alphabetical">
    <xsl:param name="items" as="item()*"/>
    <xsl:param name="name" as="function(*)"/>
    <xsl:param name="entry" as="function(*)"/>
    <xsl:variable name="initials" select="distinct-values($items ! h:initial($name(.)))"/>
    <nav class="letters" aria-label="{ed:label('alphabetical')}">
      <ul>
        <xsl:for-each select="$initials">
          <li><a href="#letter-{h:letter-id(.)}">{.}</a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="$items" group-by="h:initial($name(.))">
      <section class="letter" aria-labelledby="letter-{h:letter-id(current-grouping-key())}">
        <h2 id="letter-{h:letter-id(current-grouping-key())}">{current-grouping-key()}</h2>
        <xsl:sequence select="current-group() ! $entry(.)"/>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:function name="h:letter-id" as="xs:string">
    <xsl:param name="initial" as="xs:string"/>
    <xsl:sequence select="if ($initial = '#') then 'other' else $initial"/>
  </xsl:function>

  <!-- A context snippet with the mention's words marked. -->
  <xsl:function name="h:context" as="node()*">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:variable name="context" select="string($mention?context)"/>
    <xsl:variable name="surface" select="string($mention?surface)"/>
    <q class="context" lang="{($mention?lang[. != ''], h:document($mention?document)?lang)[1]}">
      <xsl:choose>
        <xsl:when test="$surface != '' and contains($context, $surface)">
          <xsl:value-of select="substring-before($context, $surface)"/>
          <mark>{$surface}</mark>
          <xsl:value-of select="substring-after($context, $surface)"/>
        </xsl:when>
        <xsl:otherwise>{$context}</xsl:otherwise>
      </xsl:choose>
    </q>
  </xsl:function>

  <!-- Where a mention stands, besides its document: 'note 12', 'header' …; in a letter's
       correspondence, its sender, addressee … (persons, organisations). -->
  <xsl:function name="h:where" as="xs:string?">
    <xsl:param name="record" as="map(*)"/>
    <xsl:sequence select="if ($record?note != '') then ed:label('in-note', map{ 'note': string($record?note) })
        else if ($record?part = ('header', 'front', 'back')) then ed:label(map{ 'header': 'in-header', 'front': 'in-front', 'back': 'in-back' }($record?part))
        else if ($record?part = ('correspondence', map:keys($ed:correspondence)))
        then ed:label(($ed:correspondence($record?part)[$record?type = ('person', 'org')], 'correspondence')[1]) else ()"/>
  </xsl:function>

  <!-- The link to a mention on its document page (to the page's top for the metadata, which
       document pages show in part; a letter's correspondence they show whole). -->
  <xsl:function name="h:mention-href" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:sequence select="h:document($mention?document)?page || ('#' || $mention?id)[$mention?part != 'header']"/>
  </xsl:function>

  <!-- Every mention of $mentions, grouped by document, each linked to its passage with its
       context, from a page $up from the site's folder. -->
  <xsl:template name="h:mentions">
    <xsl:param name="mentions" as="map(*)*"/>
    <xsl:param name="up" as="xs:string"/>
    <ul class="mentions">
      <xsl:for-each-group select="$mentions" group-by="?document">
        <xsl:variable name="document" select="h:document(current-grouping-key())"/>
        <li>
          <a class="document" href="{$up}{$document?page}" lang="{$document?lang}">{$document?title}</a>
          <ol>
            <xsl:for-each select="current-group()">
              <li>
                <a href="{$up}{h:mention-href(.)}" lang="{(?lang[. != ''], $document?lang)[1]}">{?surface}</a>
                <xsl:for-each select="h:where(.)"><xsl:text> </xsl:text><span class="where">({.})</span></xsl:for-each>
                <xsl:text> </xsl:text>
                <xsl:sequence select="h:context(.)"/>
              </li>
            </xsl:for-each>
          </ol>
        </li>
      </xsl:for-each-group>
    </ul>
  </xsl:template>
</xsl:stylesheet>
