<?xml version="1.0" encoding="UTF-8"?>
<!--
  Where the printed text differs from the screen HTML (../html/), by import precedence (the
  hooks of ../common/behaviours.xsl that ../html/ implements, and its functions):
  footnotes are floated to the foot of their page (print.css) with the source's number and
  links both ways; the source's page numbers stand in the margin; names link to their entry
  in the book's index; links stay inside the book; ids are unique in a book of many documents.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:p="urn:x-edition:print"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Space between elements that runs over lines is one space, as a browser lays it out:
       WeasyPrint stops with "Got '  \n' between two lines" on such a space in a footnote of a
       right-to-left verse line (an Arabic periodical), and prints the same without it. Between
       tokens the space is the tokens' (behaviours.xsl). -->
  <xsl:template match="text()[not(normalize-space())][contains(., '&#10;')][not(b:layout(.))]">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- A division's id: its xml:id, else the document key and its position. -->
  <xsl:function name="h:div-id" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(ed:own-id($div), ed:doc-key($div) || '-div-' || count($div/(ancestor::* | preceding::*)[self::tei:div
        or self::tei:div1 or self::tei:div2 or self::tei:div3]) + 1)[1]"/>
  </xsl:function>

  <!-- A register entry's place in the book's index, if the book has one. -->
  <xsl:function name="ed:entry-href" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry[@xml:id] ! ('idx-' || @xml:id)[map:contains($p:anchors, .)] ! ('#' || .)"/>
  </xsl:function>

  <!-- A link: a pointer into the edition goes to its target in the book; other relative links
       (files beside the HTML site) are not links on paper. -->
  <xsl:function name="h:href" as="xs:string?">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="first" select="tokenize(normalize-space($target))[1]"/>
    <xsl:sequence select="if (matches($first, '^[A-Za-z][A-Za-z0-9+.\-]*:')) then ed:safe-url($first)
        else if (contains($first, '#')) then '#' || substring-after($first, '#') else ()"/>
  </xsl:function>

  <!-- Dates are marked (with their id, for the indices) but not linked: there is no chronology in print. -->
  <xsl:template _match="{$b:date}">
    <xsl:call-template name="h:mention">
      <xsl:with-param name="title" select="ed:date-value(.)"/>
      <xsl:with-param name="datetime" select="ed:datetime(@when)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A footnote: its call (the source's number, linking to the note) and the note, which
       print.css floats to the foot of the page; the note's number links back to the call. -->
  <xsl:template _match="{$b:footnote}">
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="id" select="ed:note-id(.)"/>
    <xsl:variable name="label" select="ed:note-label(.)"/>
    <xsl:element name="{if ($h:in-link) then 'span' else 'a'}">
      <xsl:attribute name="class" select="'fn-call'"/>
      <xsl:attribute name="id" select="$id || '-ref'"/>
      <xsl:if test="not($h:in-link)"><xsl:attribute name="href" select="'#' || $id"/></xsl:if>
      <xsl:value-of select="$label"/>
    </xsl:element>
    <span class="footnote" id="{$id}">
      <xsl:if test="@xml:lang">
        <xsl:call-template name="h:lang">
          <xsl:with-param name="lang" select="@xml:lang"/>
          <xsl:with-param name="around" select="(ancestor::*[@xml:lang][1]/@xml:lang, ed:lang(.))[1]"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:element name="{if ($h:in-link) then 'span' else 'a'}">
        <xsl:attribute name="class" select="'fn-mark'"/>
        <xsl:if test="not($h:in-link)"><xsl:attribute name="href" select="'#' || $id || '-ref'"/></xsl:if>
        <xsl:value-of select="$label"/>
      </xsl:element>
      <xsl:text> </xsl:text>
      <xsl:apply-templates>
        <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- A page end of the source: a stroke where it falls in the text (inside a paragraph) and
       the number of the page that begins there in the margin. -->
  <xsl:template _match="{$b:page-break}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'pb'"/>
      <span class="pb-n">{ed:label('page')} {normalize-space(@n)}</span>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
