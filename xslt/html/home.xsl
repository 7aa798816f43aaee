<?xml version="1.0" encoding="UTF-8"?>
<!--
  The home page: the edition's title, subtitle, editors, introduction, documents with their
  metadata and how to cite it.
  Called by its initial template; parameters: $documents, $edition and params.xsl.
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

  <xsl:include href="modules.xsl"/>

  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="h:edition-title()"/>
      <xsl:with-param name="current" select="$home-page"/>
      <xsl:with-param name="content">
        <h1>{h:edition-title()}</h1>
        <xsl:if test="$subtitle != ''"><p class="subtitle">{$subtitle}</p></xsl:if>
        <xsl:if test="exists($h:editors)"><p class="editors">{ed:label('edited-by', map{ 'editors': h:editors() })}</p></xsl:if>
        <xsl:if test="normalize-space($introduction)">
          <p class="introduction">{normalize-space($introduction)}</p>
        </xsl:if>
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{ed:label('documents')}</h2>
          <ul class="documents">
            <xsl:for-each select="array:flatten($documents) ! $edition(.)">
              <xsl:variable name="summary">
                <xsl:apply-templates select="tei:TEI" mode="h:summary">
                  <xsl:with-param name="h:link-mentions" tunnel="yes" select="false()"/>
                </xsl:apply-templates>
              </xsl:variable>
              <li>
                <h3>
                  <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="ed:lang(.)"/></xsl:call-template>
                  <a href="{ed:page-file(.)}">{ed:doc-title(.)}</a>
                </h3>
                <xsl:apply-templates select="$summary" mode="h:echo"/>
              </li>
            </xsl:for-each>
          </ul>
        </section>
        <xsl:if test="h:citation('', $base-url) != ''">
          <section aria-labelledby="cite-title">
            <h2 id="cite-title">{ed:label('cite')}</h2>
            <p class="citation">{h:citation('', $base-url)}</p>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
