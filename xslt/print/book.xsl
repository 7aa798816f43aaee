<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book: metadata (title, author, language, keywords: WeasyPrint writes them into the
  PDF), a title page, the contents, each document (title, summary of its header, the text)
  and the indices. With one document in $documents the book is that document's; with several
  it is the edition's. Page numbers in the contents and indices are left to the layout
  (target-counter in print.css); headings h1–h3 make the PDF's outline.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:p="urn:x-edition:print"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="p:documents" select="array:flatten($documents) ! $edition(.)" as="document-node()*"/>
  <xsl:variable name="p:single" select="count($p:documents) = 1" as="xs:boolean"/>
  <xsl:variable name="p:index" select="parse-json($indices)" as="map(*)"/>
  <!-- The ids of the index entries, for the links from the names in the text. -->
  <xsl:variable name="p:anchors" as="map(xs:string, xs:boolean)"
      select="map:merge(map:for-each($p:index, function($kind, $entries) { array:flatten($entries) ! map{ ?anchor : true() } }))"/>

  <!-- The authors of a document, as plain names. -->
  <xsl:function name="p:authors" as="xs:string*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="file" select="$doc/tei:TEI/tei:teiHeader/tei:fileDesc"/>
    <xsl:sequence select="($file/tei:titleStmt/tei:author, $file/tei:sourceDesc//tei:author[1])[1]/../tei:author
        ! normalize-space((tei:persName, tei:name, .)[1])"/>
  </xsl:function>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="title" select="if ($p:single) then ed:doc-title($p:documents) else h:edition-title()"/>
    <html lang="{$ed:language}">
      <head>
        <meta charset="utf-8"/>
        <title>{$title}</title>
        <meta name="author" content="{string-join(distinct-values(if ($p:single) then p:authors($p:documents)
            else if (exists($h:editors)) then $h:editors else $h:publisher), '; ')}"/>
        <meta name="description" content="{if ($p:single or not(normalize-space($introduction))) then h:edition-title()
            else normalize-space($introduction)}"/>
        <meta name="keywords" content="{string-join(distinct-values($p:documents//tei:keywords/tei:term ! normalize-space()), ', ')}"/>
        <link rel="stylesheet" href="{$css}"/>
        <xsl:if test="$page-size != ''"><style>@page {{ size: {$page-size} }}</style></xsl:if>
      </head>
      <body>
        <xsl:call-template name="p:title-page"><xsl:with-param name="title" select="$title"/></xsl:call-template>
        <xsl:call-template name="p:contents"/>
        <xsl:apply-templates select="$p:documents" mode="p:document"/>
        <xsl:call-template name="p:indices"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="p:title-page">
    <xsl:param name="title" as="xs:string"/>
    <section class="title-page">
      <p class="book-title">{$title}</p>
      <xsl:choose>
        <xsl:when test="$p:single">
          <p class="book-author">{string-join(p:authors($p:documents), '; ')}</p>
          <p class="book-series">{h:edition-title()}</p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="$subtitle != ''"><p class="book-subtitle">{$subtitle}</p></xsl:if>
          <xsl:if test="exists($h:editors)"><p class="book-author">{h:editors()}</p></xsl:if>
          <xsl:if test="normalize-space($introduction)">
            <p class="book-introduction">{normalize-space($introduction)}</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <p class="book-imprint">{string-join(($h:publisher, ed:label('print-edition')), ' · ')} · {ed:label('generated')}</p>
      <xsl:if test="$h:licence[1]">
        <p class="book-imprint book-licence">{$h:licence[1]}<xsl:if test="$h:licence[2]"> ({$h:licence[2]})</xsl:if></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Contents: each document with its headed divisions (the screen's table of contents,
       mode h:toc), then the indices. -->
  <xsl:template name="p:contents">
    <nav class="contents">
      <h1 class="front">{ed:label('contents')}</h1>
      <ol>
        <xsl:for-each select="$p:documents">
          <li class="toc-document">
            <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="ed:lang(.)"/></xsl:call-template>
            <a href="#{p:doc-id(.)}">{ed:doc-title(.)}</a>
            <xsl:variable name="sections" as="element()*"><xsl:apply-templates select="tei:TEI/tei:text" mode="h:toc"/></xsl:variable>
            <xsl:if test="$sections"><ol><xsl:sequence select="$sections"/></ol></xsl:if>
          </li>
        </xsl:for-each>
        <xsl:if test="p:has-index()">
          <li class="toc-document">
            <a href="#index">{ed:label('index')}</a>
            <ol>
              <xsl:for-each select="p:index-kinds()">
                <li><a href="#index-{.}">{ed:label($ed:entity-folders(.))}</a></li>
              </xsl:for-each>
            </ol>
          </li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <xsl:function name="p:doc-id" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="'doc-' || ed:doc-key($doc)"/>
  </xsl:function>

  <xsl:template match="document-node()" mode="p:document">
    <xsl:variable name="lang" select="ed:lang(.)"/>
    <article class="document" id="{p:doc-id(.)}">
      <header class="document">
        <h1>
          <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
          <xsl:value-of select="ed:doc-title(.)"/>
        </h1>
        <xsl:apply-templates select="tei:TEI" mode="h:summary">
          <xsl:with-param name="h:link-mentions" tunnel="yes" select="false()"/>
        </xsl:apply-templates>
      </header>
      <xsl:apply-templates select="tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
      <xsl:apply-templates select="tei:TEI/tei:text"/>
    </article>
  </xsl:template>

  <!-- Indices: the kinds of register entries that have entries, in index order. -->
  <xsl:function name="p:index-kinds" as="xs:string*">
    <xsl:sequence select="$ed:registered[map:contains($p:index, .) and array:size($p:index(.)) gt 0]"/>
  </xsl:function>
  <xsl:function name="p:has-index" as="xs:boolean">
    <xsl:sequence select="exists(p:index-kinds())"/>
  </xsl:function>

  <!-- Each entry: its name (the target of the links from the text) and the pages where it is
       mentioned, each a link to the mention; print.css writes the page number. -->
  <xsl:template name="p:indices">
    <xsl:if test="p:has-index()">
      <section class="indices" id="index">
        <h1>{ed:label('index')}</h1>
        <xsl:for-each select="p:index-kinds()">
          <section class="index" id="index-{.}">
            <h2>{ed:label($ed:entity-folders(.))}</h2>
            <xsl:for-each select="array:flatten($p:index(.))">
              <p class="entry">
                <xsl:if test="?anchor"><xsl:attribute name="id" select="?anchor"/></xsl:if>
                <span class="name">{?name}</span><xsl:text>, </xsl:text>
                <xsl:for-each select="array:flatten(?mentions)">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a class="page" href="#{.}"></a>
                </xsl:for-each>
              </p>
            </xsl:for-each>
          </section>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
