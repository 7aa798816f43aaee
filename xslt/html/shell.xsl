<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell every HTML page shares: head, skip link, site header (with a search box when
  the site has a search page), navigation (home, documents, then the index pages: every
  document while there are at most $nav-documents, else the previous, current and next one),
  main, footer; and h:echo, the mode that makes a copy of rendered HTML fit to be shown a second
  time (in a table of contents, the home page): no ids, no links, no footnote markers.
  Pages one folder down (persons/ID.html) get $up '../' before the links to the other pages.
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

  <!-- A document in the navigation: a link to its page, in its language. -->
  <xsl:template name="h:nav-document">
    <xsl:param name="document" as="document-node()"/>
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="rel" as="xs:string?"/>
    <xsl:param name="up" as="xs:string"/>
    <xsl:variable name="file" select="ed:page-file($document)"/>
    <li>
      <a href="{$up}{$file}">
        <xsl:choose>
          <xsl:when test="$rel">
            <xsl:attribute name="rel" select="$rel"/>
            <xsl:attribute name="class" select="'nav-' || $rel"/>
            <xsl:text>{ed:label($rel)}: </xsl:text>
            <span>
              <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="ed:lang($document)"/></xsl:call-template>
              <xsl:value-of select="ed:doc-title($document)"/>
            </span>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="ed:lang($document)"/></xsl:call-template>
            <xsl:if test="$current = $file"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
            <xsl:value-of select="ed:doc-title($document)"/>
          </xsl:otherwise>
        </xsl:choose>
      </a>
    </li>
  </xsl:template>

  <!-- $href from a page $up from the site's folder: relative links get $up. -->
  <xsl:function name="h:up" as="xs:string">
    <xsl:param name="up" as="xs:string"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="if (matches($href, '^([A-Za-z][A-Za-z0-9+.\-]*:|/)')) then $href else $up || $href"/>
  </xsl:function>

  <xsl:template name="h:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <!-- the URI of the page's document (a key of $edition), '' for a page about the edition -->
    <xsl:param name="document" as="xs:string" select="''"/>
    <!-- the content of main: $content, then what $main makes in mode h:main (straight into the
         page, without a tree of its own first) -->
    <xsl:param name="content" as="node()*" select="()"/>
    <xsl:param name="main" as="item()?" select="()"/>
    <!-- the way up from the page to the site's folder: '../' for a page one folder down -->
    <xsl:param name="up" as="xs:string" select="''"/>
    <xsl:variable name="site" select="$h:edition-title"/>
    <html lang="{$ed:language}">
      <head>
        <xsl:if test="$csp != ''"><meta http-equiv="Content-Security-Policy" content="{$csp}"/></xsl:if>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{$title}{if ($title != $site) then ' · ' || $site else ''}</title>
        <link rel="stylesheet" href="{h:up($up || $site-up, $css)}"/>
        <xsl:if test="array:size($index-pages) gt 0">
          <link rel="stylesheet" href="{h:up($up || $site-up, $site-css)}"/>
          <link rel="icon" href="data:,"/><!-- no favicon request -->
        </xsl:if>
        <xsl:call-template name="h:alternates"><xsl:with-param name="current" select="$current"/>
          <xsl:with-param name="up" select="$up"/></xsl:call-template>
        <script src="{h:up($up || $site-up, $js)}" defer="defer"></script>
      </head>
      <body>
        <a class="skip" href="#main">{ed:label('skip')}</a>
        <header class="site">
          <p class="site-title">
            <xsl:choose>
              <xsl:when test="$home-page != '' and $current != $home-page"><a href="{$up}{$home-page}">{$site}</a></xsl:when>
              <xsl:otherwise>{$site}</xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:if test="array:flatten($index-pages) = 'search.html' and $current != 'search.html'">
            <form class="site-search" role="search" action="{$up}search.html" method="get">
              <label for="site-search">{ed:label('search')}</label>
              <input type="search" id="site-search" name="q"/>
              <button type="submit">{ed:label('search')}</button>
            </form>
          </xsl:if>
          <xsl:call-template name="h:language-switch"><xsl:with-param name="current" select="$current"/>
            <xsl:with-param name="up" select="$up"/></xsl:call-template>
        </header>
        <nav class="site" aria-label="{ed:label('documents')}">
          <ul>
            <xsl:if test="$home-page != ''">
              <li><a href="{$up}{$home-page}">
                <xsl:if test="$current = $home-page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="ed:label('home')"/></a></li>
            </xsl:if>
            <xsl:variable name="uris" select="array:flatten($documents)"/>
            <xsl:choose>
              <xsl:when test="count($uris) le $nav-documents">
                <xsl:for-each select="$uris ! $edition(.)">
                  <xsl:call-template name="h:nav-document">
                    <xsl:with-param name="document" select="."/>
                    <xsl:with-param name="current" select="$current"/>
                    <xsl:with-param name="up" select="$up"/>
                  </xsl:call-template>
                </xsl:for-each>
              </xsl:when>
              <!-- A large edition: the previous, current and next documents (the home page lists them all). -->
              <xsl:when test="$document != ''">
                <xsl:variable name="at" select="index-of($uris, $document)[1]"/>
                <xsl:for-each select="($at - 1, $at, $at + 1)[. ge 1 and . le count($uris)]">
                  <xsl:call-template name="h:nav-document">
                    <xsl:with-param name="document" select="$edition($uris[current()])"/>
                    <xsl:with-param name="current" select="$current"/>
                    <xsl:with-param name="rel" select="if (. lt $at) then 'prev' else if (. gt $at) then 'next' else ()"/>
                    <xsl:with-param name="up" select="$up"/>
                  </xsl:call-template>
                </xsl:for-each>
              </xsl:when>
            </xsl:choose>
            <xsl:for-each select="array:flatten($index-pages)">
              <li class="index-page"><a href="{$up}{.}">
                <xsl:if test=". = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="ed:label(substring-before(., '.html'))"/></a></li>
            </xsl:for-each>
            <xsl:for-each select="$about-pages?*">
              <li class="about-page"><a href="{$up}{?file}">
                <xsl:if test="?file = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                <xsl:value-of select="?title"/></a></li>
            </xsl:for-each>
          </ul>
        </nav>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
          <xsl:apply-templates select="$main" mode="h:main"/>
        </main>
        <footer class="site">
          <xsl:call-template name="h:imprint"><xsl:with-param name="up" select="$up"/></xsl:call-template>
          <p>{ed:label('generated')}</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The page $current (a path from the folder of its language's pages, $up from the page) in
       the interface language $lang. -->
  <xsl:function name="h:in-language" as="xs:string">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="up" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="$up || $site-up || ($lang || '/')[$lang != $languages(1)] || $current"/>
  </xsl:function>

  <!-- In an edition of several interface languages, the language switch: the page $current in
       each, every language named in itself. -->
  <xsl:template name="h:language-switch">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="up" as="xs:string"/>
    <xsl:if test="array:size($languages) gt 1 and $current != ''">
      <nav class="languages" aria-label="{ed:label('interface-languages')}">
        <ul>
          <xsl:for-each select="$languages?*">
            <li><a href="{h:in-language($current, $up, .)}" hreflang="{.}" lang="{.}">
              <xsl:if test=". = $ed:language"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
              <xsl:value-of select="$ed:catalogue?messages('language-name')(.)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The page in the other interface languages, for search engines. -->
  <xsl:template name="h:alternates">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="up" as="xs:string"/>
    <xsl:if test="array:size($languages) gt 1 and $current != ''">
      <xsl:for-each select="$languages?*[. != $ed:language]">
        <link rel="alternate" hreflang="{.}" href="{h:in-language($current, $up, .)}"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- On a site with a search (index pages), what the search leaves out of the element made. -->
  <xsl:template name="h:unsearched">
    <xsl:if test="array:size($index-pages) gt 0"><xsl:attribute name="data-pagefind-ignore" select="'all'"/></xsl:if>
  </xsl:template>

  <!-- Who made the edition and how it may be used, in every page's footer: its editors, licence
       (linked if its URL is safe), version and date; $up from the page to the site's folder. -->
  <xsl:template name="h:imprint">
    <xsl:param name="up" as="xs:string"/>
    <xsl:variable name="url" select="$h:licence[2][. != ''] ! ed:safe-url(.)"/>
    <xsl:variable name="licence" as="item()?">
      <xsl:choose>
        <xsl:when test="exists($url)"><a rel="license" href="{h:up($up || $site-up, $url)}">{$h:licence[1]}</a></xsl:when>
        <xsl:otherwise>{$h:licence[1]}</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="parts" as="element()*">
      <xsl:if test="exists($h:editors)"><span class="editors">{ed:label('edited-by', map{ 'editors': h:editors() })}</span></xsl:if>
      <xsl:if test="$h:licence[1] != ''">
        <span class="licence"><xsl:sequence select="ed:label-nodes('footer-licence', map{ 'licence': $licence })"/></span>
      </xsl:if>
      <xsl:if test="$h:version != ''"><span class="version">{ed:label('footer-version', map{ 'version': $h:version })}</span></xsl:if>
      <xsl:if test="$date != ''">
        <span class="date"><xsl:sequence select="ed:label-nodes('footer-date', map{ 'date': h:time($date) })"/></span>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="exists($parts)">
      <p class="imprint">
        <xsl:for-each select="$parts">
          <xsl:if test="position() gt 1"> · </xsl:if>
          <xsl:sequence select="."/>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:function name="h:time" as="element()">
    <xsl:param name="date" as="xs:string"/>
    <time datetime="{$date}">{$date}</time>
  </xsl:function>

  <xsl:mode name="h:echo" on-no-match="shallow-copy"/>
  <xsl:template match="*" mode="h:echo">
    <xsl:copy>
      <xsl:copy-of select="@* except (@id, @aria-describedby)"/>
      <xsl:apply-templates mode="h:echo"/>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="*[contains(@class, 'fn-ref')][tokenize(@class) = 'fn-ref']" mode="h:echo"/>
  <xsl:template match="a" mode="h:echo">
    <span>
      <xsl:copy-of select="@* except (@id, @aria-describedby, @href, @aria-current)"/>
      <xsl:apply-templates mode="h:echo"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
