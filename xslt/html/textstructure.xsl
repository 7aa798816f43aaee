<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of the text's structure (../common/behaviours.xsl): front, body and back,
  divisions and their headings (h2 for the top level, one more per level of headed division,
  never a jump) and the table of contents (mode h:toc); drama and verse: drama.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The text is in its own language (ed:lang), the page around it in the interface's. -->
  <xsl:template _match="{$b:text-part}">
    <div>
      <xsl:if test="self::tei:text and not(@xml:lang)">
        <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="ed:lang(.)"/></xsl:call-template>
      </xsl:if>
      <xsl:call-template name="h:attributes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Running number of each division in its document. -->
  <xsl:accumulator name="h:div-number" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="tei:div | tei:div1 | tei:div2 | tei:div3" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The HTML id of a division: its xml:id, else one from its position ('div-3'). -->
  <xsl:function name="h:div-id" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(ed:own-id($div), 'div-' || $div/accumulator-before('h:div-number'))[1]"/>
  </xsl:function>

  <xsl:template _match="{$b:division}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else if (tei:head) then 'section' else 'div'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="id" select="h:div-id(.)"/>
        <xsl:with-param name="class" select="'block'[$h:phrasing]"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A heading; on a document's page ($h:passages), a division's heading is followed by the
       stable link of the division and its citation. -->
  <xsl:template _match="{$b:heading}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:passages" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'h' || min((6, 1 + b:heading-level(.)))"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
    <xsl:if test="$h:passages and not($h:phrasing) and parent::*[self::tei:div or self::tei:div1 or self::tei:div2
        or self::tei:div3]/tei:head[1] is .">
      <details class="cite-passage">
        <xsl:call-template name="h:unsearched"/>
        <summary>{ed:label('cite-passage')}</summary>
        <xsl:call-template name="h:cite">
          <xsl:with-param name="document" select="ed:doc-title(.) || ', ' || normalize-space(string-join(.//text()[not(ancestor::tei:note)]))"/>
          <xsl:with-param name="page" select="ed:page-file(.) || '#' || h:div-id(..)"/>
        </xsl:call-template>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- The stable link of $page (a document's page, or a passage: page#anchor) and its citation,
       of $document (the document's title, or its title and the passage's heading). -->
  <xsl:template name="h:cite">
    <xsl:param name="document" as="xs:string"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="url" select="h:url($page)"/>
    <!-- an address: no language's words (zxx) -->
    <p class="permalink"><a href="{$page}" lang="zxx">{$url}</a></p>
    <xsl:variable name="citation" select="h:citation($document, $url)"/>
    <xsl:if test="$citation != ''"><p class="citation">{$citation}</p></xsl:if>
  </xsl:template>

  <!-- Table of contents: the headed divisions, nested. -->
  <xsl:template name="h:toc">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="items" as="element()*"><xsl:apply-templates select="tei:TEI/tei:text" mode="h:toc"/></xsl:variable>
    <xsl:if test="$items">
      <nav class="toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{ed:label('contents')}</h2>
        <ol lang="{$lang}"><xsl:sequence select="$items"/></ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="h:toc">
    <xsl:apply-templates select="*" mode="h:toc"/>
  </xsl:template>
  <xsl:template match="tei:note | tei:teiHeader" mode="h:toc"/>
  <xsl:template match="(tei:div | tei:div1 | tei:div2 | tei:div3)[tei:head]" mode="h:toc">
    <xsl:variable name="heading">
      <xsl:apply-templates select="tei:head[1]/node()">
        <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
        <xsl:with-param name="h:in-link" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="children" as="element()*"><xsl:apply-templates select="*" mode="h:toc"/></xsl:variable>
    <li>
      <a href="#{h:div-id(.)}"><xsl:apply-templates select="$heading" mode="h:echo"/></a>
      <xsl:if test="$children"><ol><xsl:sequence select="$children"/></ol></xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
