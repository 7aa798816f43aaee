<?xml version="1.0" encoding="UTF-8"?>
<!--
  The critical apparatus on paper (../html/apparatus.xsl for the lemma, its marker and the
  entries): WeasyPrint has one footnote area, which the footnotes fill, so the apparatus is a
  series of its own at the end of each division (or of the front, body or back outside
  divisions): the entries attached in it, each with its number linking back to its marker.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    xmlns:h="urn:x-edition:html"
    xmlns:p="urn:x-edition:print"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The apps of a document by the division their point is in (generate-id of the division). -->
  <xsl:function name="p:apparatus" as="map(xs:string, element(tei:app)*)" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="map:merge(b:apparatus($doc)?apps ! map{ generate-id(b:point(.)/ancestor::*[self::tei:div or self::tei:div1
        or self::tei:div2 or self::tei:div3 or self::tei:front or self::tei:body or self::tei:back or self::tei:group][1]) : . },
        map{ 'duplicates' : 'combine' })"/>
  </xsl:function>

  <xsl:template _match="{$b:division} | {$b:text-part}" priority="2">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:next-match/>
    <xsl:variable name="apps" select="p:apparatus(root(.))(generate-id())"/>
    <xsl:if test="exists($apps) and not($h:phrasing)">
      <section class="apparatus">
        <p class="app-title">{ed:label('apparatus')}</p>
        <xsl:for-each select="$apps">
          <xsl:variable name="id" select="b:app-id(.)"/>
          <p class="app-entry" id="{$id}">
            <a class="app-mark" href="#{$id}-ref">{b:app-number(.)}</a>
            <xsl:text> </xsl:text>
            <span id="{$id}-text"><xsl:apply-templates select="." mode="h:app-entry"/></span>
          </p>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
