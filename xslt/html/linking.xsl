<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of links (../common/behaviours.xsl): ref, ptr, idno (DOI, URL), email, anchor. Only safe targets become links (relative, http, https,
  mailto: ed:safe-url); a pointer to another TEI file of the edition goes to its HTML page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The HTML link for a pointer attribute (its first pointer), or () if it is not safe. -->
  <xsl:function name="h:href" as="xs:string?">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="value" select="normalize-space($target)"/>
    <xsl:variable name="first" select="tokenize($value)[1]"/>
    <!-- one pointer without whitespace (the usual case): it is checked once -->
    <xsl:variable name="one" select="$value eq string($target) and not(contains($value, ' '))"/>
    <xsl:variable name="safe" select="if ($one) then ed:safe-url($first) else ed:safe-url($target)[ed:safe-url($first)]"/>
    <xsl:sequence select="if (empty($safe)) then ()
        else if (not(matches($first, '^[A-Za-z][A-Za-z0-9+.\-]*:')))
          then (h:document-page($target, $first), ed:safe-url(replace($first, '\.xml(#|$)', '.html$1')))[1]
        else if ($one) then $safe else ed:safe-url($first)"/>
  </xsl:function>

  <!-- The page of the edition's document a relative pointer $first (of $pointer) names in another
       folder, with its fragment: a document of a corpus (CORPUS.xml/KEY.xml, edition.corpora) or
       in a subfolder has its page beside the others. -->
  <xsl:function name="h:document-page" as="xs:string?">
    <xsl:param name="pointer" as="attribute()"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:variable name="file" select="substring-before($first || '#', '#')"/>
    <xsl:sequence select="(if (ends-with($file, '.xml') and contains($file, '/')) then ed:resolve($file, ed:uri(base-uri($pointer/..))) else ())
        [map:contains($edition, .)] ! (ed:page-file($edition(.)) || substring($first, string-length($file) + 1))"/>
  </xsl:function>

  <!-- The context element as a link to $href (a span when there is none or inside a link). -->
  <xsl:template name="h:link">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="text" as="item()*"/>
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($href and not($h:in-link)) then 'a' else 'span'}">
      <xsl:call-template name="h:attributes"/>
      <xsl:if test="$href and not($h:in-link)"><xsl:attribute name="href" select="$href"/></xsl:if>
      <xsl:sequence select="$text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template _match="{$b:link}">
    <xsl:call-template name="h:link">
      <xsl:with-param name="href" select="h:href(@target)"/>
      <xsl:with-param name="text">
        <xsl:apply-templates>
          <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
          <xsl:with-param name="h:in-link" tunnel="yes" select="exists(h:href(@target))"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:pointer}">
    <xsl:call-template name="h:link">
      <xsl:with-param name="href" select="h:href(@target)"/>
      <xsl:with-param name="text" select="normalize-space(@target)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:identifier}">
    <xsl:variable name="address" select="b:address(.)"/>
    <xsl:call-template name="h:link">
      <xsl:with-param name="href" select="ed:safe-url(if (self::tei:email) then 'mailto:' || $address else $address)"/>
      <xsl:with-param name="text" select="$address"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:anchor}">
    <span>
      <xsl:call-template name="h:attributes"/>
    </span>
  </xsl:template>
</xsl:stylesheet>
