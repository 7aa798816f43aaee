<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page of one document: its title, metadata, table of contents, text and notes.
  Input: the document; parameters: see params.xsl, and $edition (pointers.xsl).
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

  <xsl:include href="modules.xsl"/>

  <xsl:template match="/">
    <!-- worked out once per document, handed down as tunnel parameters: the links of the
         names (h:names), the footnotes (h:footnotes) and the document's language (h:lang) -->
    <xsl:variable name="lang" select="ed:lang(.)"/>
    <xsl:variable name="names" select="h:names(.)"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="ed:doc-title(.)"/>
      <xsl:with-param name="current" select="ed:page-file(.)"/>
      <xsl:with-param name="document" select="ed:uri(base-uri(.))"/>
      <xsl:with-param name="main" select="."/>
      <xsl:with-param name="h:names" tunnel="yes" select="$names"/>
      <xsl:with-param name="h:footnotes" tunnel="yes" select="ed:footnote-numbers(.)"/>
      <xsl:with-param name="h:lang" tunnel="yes" select="$lang"/>
      <xsl:with-param name="h:passages" tunnel="yes" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The content of the page (h:page puts it in main). -->
  <xsl:template match="/" mode="h:main">
    <xsl:variable name="lang" select="ed:lang(.)"/>
    <article class="document">
      <xsl:if test="array:size($index-pages) gt 0">
        <!-- What the search indexes (edition.search): this article, its title, two filters. -->
        <xsl:attribute name="data-pagefind-body"/>
        <div hidden="hidden" data-pagefind-ignore="index">
          <span data-pagefind-filter="{ed:label('document')}">{ed:doc-title(.)}</span>
          <xsl:for-each select="distinct-values((tei:TEI/tei:teiHeader//tei:langUsage/tei:language
              ! (normalize-space(.)[.], normalize-space(@ident))[1], $lang)[.])">
            <span data-pagefind-filter="{ed:label('language')}">{.}</span>
          </xsl:for-each>
        </div>
      </xsl:if>
      <header class="document">
        <h1>
          <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
          <xsl:if test="array:size($index-pages) gt 0"><xsl:attribute name="data-pagefind-meta" select="'title'"/></xsl:if>
          <xsl:value-of select="ed:doc-title(.)"/>
        </h1>
        <xsl:apply-templates select="tei:TEI" mode="h:summary">
          <xsl:with-param name="h:link-mentions" tunnel="yes" select="false()"/>
        </xsl:apply-templates>
        <xsl:call-template name="h:downloads"/>
      </header>
      <section class="about" aria-labelledby="about-title">
        <h2 id="about-title">{ed:label('about')}</h2>
        <xsl:apply-templates select="tei:TEI" mode="h:about">
          <xsl:with-param name="h:link-mentions" tunnel="yes" select="false()"/>
        </xsl:apply-templates>
      </section>
      <xsl:apply-templates select="tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
      <section class="cite" aria-labelledby="cite-title">
        <xsl:call-template name="h:unsearched"/>
        <h2 id="cite-title">{ed:label('cite-document')}</h2>
        <xsl:call-template name="h:cite">
          <xsl:with-param name="document" select="ed:doc-title(.)"/>
          <xsl:with-param name="page" select="ed:page-file(.)"/>
        </xsl:call-template>
      </section>
      <xsl:call-template name="h:toc"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
      <xsl:call-template name="h:witness-view"/>
      <xsl:call-template name="h:transcription"/>
      <xsl:apply-templates select="tei:TEI/tei:text"/>
      <xsl:call-template name="h:notes"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
      <xsl:call-template name="h:apparatus"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
    </article>
  </xsl:template>

  <!-- The files of the document the site publishes beside its page ($downloads; in the site's
       folder, $site-up from a page of another interface language): its TEI source, its text
       and its PDF. -->
  <xsl:template name="h:downloads">
    <xsl:variable name="name" select="replace(ed:page-file(.), '\.html$', '')"/>
    <xsl:variable name="uri" select="ed:uri(base-uri(.))"/>
    <xsl:variable name="files" select="map{ 'tei': ('tei-source', '.xml', 'application/tei+xml'),
        'text': ('plain-text', '.txt', 'text/plain'), 'pdf': ('pdf-file', '.pdf', 'application/pdf') }"/>
    <xsl:variable name="shown" select="$downloads?*[map:contains($files, .)][. != 'tei' or not($uri = $withheld?*)]"/>
    <xsl:if test="exists($shown)">
      <xsl:variable name="links" as="node()*">
        <xsl:for-each select="$shown">
          <xsl:variable name="file" select="$files(.)"/>
          <xsl:if test="position() gt 1"> · </xsl:if>
          <a href="{$site-up}{.}/{$name}{$file[2]}" type="{$file[3]}">{ed:label($file[1])}</a>
        </xsl:for-each>
      </xsl:variable>
      <p class="downloads">
        <xsl:call-template name="h:unsearched"/>
        <xsl:sequence select="ed:label-nodes('downloads', map{ 'files': $links })"/>
      </p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
