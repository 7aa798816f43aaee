<?xml version="1.0" encoding="UTF-8"?>
<!--
  Works cited: every bibl and biblStruct of the documents' texts (index records "works"), by
  author, with their titles, date, links (URLs, DOI) and where each is cited.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="works">
    <xsl:variable name="works" select="($h:indices?works, [])[1]?*"/>
    <xsl:call-template name="h:index-page">
      <xsl:with-param name="file" select="'works.html'"/>
      <xsl:with-param name="title" select="'Works cited'"/>
      <xsl:with-param name="content">
        <p class="index-summary">{count($works)} citations in {count(distinct-values($works ! ?document))} documents,
          by author (or title), each as the document gives it and linked to where it is cited.</p>
        <xsl:call-template name="h:alphabetical">
          <xsl:with-param name="items" select="$works"/>
          <xsl:with-param name="name" select="h:work-name#1"/>
          <xsl:with-param name="entry" select="h:work#1"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- What a work is filed under: its first author, else its first title, else its text. -->
  <xsl:function name="h:work-name" as="xs:string">
    <xsl:param name="work" as="map(*)"/>
    <xsl:sequence select="string(($work?authors?*?name, $work?titles?*?title, $work?text)[normalize-space()][1])"/>
  </xsl:function>

  <xsl:function name="h:work" as="element()">
    <xsl:param name="work" as="map(*)"/>
    <xsl:variable name="document" select="h:document($work?document)"/>
    <xsl:variable name="links" select="distinct-values(($work?urls?*, $work?doi[. != ''] ! ('https://doi.org/' || .))
        ! ed:safe-url(.))"/>
    <div class="work" id="work-{$work?id}" lang="{$document?lang}">
      <p class="citation">{$work?text}</p>
      <p class="work-data">
        <xsl:if test="exists($links)">
          <xsl:for-each select="$links"><a href="{.}">{.}</a><xsl:text> · </xsl:text></xsl:for-each>
        </xsl:if>
        <xsl:text>cited in </xsl:text>
        <a href="{$document?page}{$work?passage[not(contains(., '/'))] ! ('#' || .)}">{$document?title}</a>
        <xsl:for-each select="h:where($work)"><xsl:text> </xsl:text>({.})</xsl:for-each>
      </p>
    </div>
  </xsl:function>
</xsl:stylesheet>
