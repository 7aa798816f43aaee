<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facsimiles (../common/behaviours.xsl: b:facsimile-page): at a page break with pb/@facs, the
  image of the page beside the text, the break linked to it. @facs names an image (a file
  beside the document, published with the site by src/edition/images.py; or an address), or
  a surface, zone or graphic of the document's facsimile (a surface's first image beside the
  document, else its first; a zone's part of a IIIF image by its region). An image elsewhere
  is only linked, in a box the reader can open: the site loads no image from outside
  (edition.outputs.CONTENT_SECURITY_POLICY), and nothing is fetched at build time.
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

  <xsl:key name="h:facsimile" match="tei:surface | tei:zone | tei:graphic" use="@xml:id"/>

  <!-- Whether a URL leads outside the site (a scheme, or protocol-relative). -->
  <xsl:function name="h:remote" as="xs:boolean">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="matches($url, '^([A-Za-z][A-Za-z0-9+.\-]*:|//)')"/>
  </xsl:function>

  <!-- The images of a page break's facsimile, as URLs the page may show or link. -->
  <xsl:function name="h:facsimiles" as="xs:string*">
    <xsl:param name="pb" as="element()"/>
    <xsl:for-each select="tokenize(normalize-space($pb/@facs))">
      <xsl:variable name="target" select="if (starts-with(., '#')) then key('h:facsimile', substring(., 2), root($pb))[1] else ()"/>
      <xsl:variable name="surface" select="$target/ancestor-or-self::tei:surface[1]"/>
      <xsl:variable name="urls" select="($target/self::tei:graphic/@url, $surface/tei:graphic/@url) ! ed:safe-url(.)"/>
      <xsl:variable name="url" select="if (starts-with(., '#')) then ($urls[not(h:remote(.))], $urls)[1] else ed:safe-url(.)"/>
      <xsl:sequence select="if ($target/self::tei:zone[@ulx castable as xs:integer and @uly castable as xs:integer
          and @lrx castable as xs:integer and @lry castable as xs:integer]) then h:region($url, $target) else $url"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A IIIF image's URL for the region of a zone (its other URLs as they are). -->
  <xsl:function name="h:region" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:param name="zone" as="element()"/>
    <xsl:variable name="region" select="string-join(($zone/@ulx, $zone/@uly, xs:integer($zone/@lrx) - xs:integer($zone/@ulx),
        xs:integer($zone/@lry) - xs:integer($zone/@uly)), ',')"/>
    <xsl:sequence select="replace($url, '/full/([^/]+/[^/]+/[^/.]+\.[a-z]+)$', '/' || $region || '/$1')"/>
  </xsl:function>

  <xsl:template _match="{$b:facsimile-page}" priority="1">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:next-match/>
    <xsl:variable name="images" select="h:facsimiles(.)"/>
    <xsl:if test="$facsimiles and exists($images) and not($h:in-link)">
      <xsl:variable name="page" select="(@n, @ed)[normalize-space()][1]/normalize-space()"/>
      <xsl:variable name="label" select="if ($page) then ed:label('facs-page', map{ 'page': $page }) else ed:label('facs')"/>
      <xsl:element name="{if ($h:phrasing) then 'span' else 'figure'}">
        <xsl:attribute name="class" select="'facsimile', 'block'[$h:phrasing]"/>
        <xsl:attribute name="id" select="'facs-' || (ed:own-id(.), generate-id())[1]"/>
        <xsl:for-each select="$images">
          <xsl:choose>
            <xsl:when test="h:remote(.)">
              <a class="facs-remote" href="{.}" title="{ed:label('facs-external')}" rel="noopener">{$label} ↗</a>
            </xsl:when>
            <xsl:otherwise>
              <a class="facs-image" href="{h:up($site-up, .)}"><img src="{h:up($site-up, .)}" alt="{$label}" loading="lazy"/></a>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="exists($images[not(h:remote(.))])">
          <xsl:element name="{if ($h:phrasing) then 'span' else 'figcaption'}">{$label}</xsl:element>
        </xsl:if>
      </xsl:element>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
