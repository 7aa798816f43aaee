<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of mentions (../common/behaviours.xsl: b:name, b:date) of persons, places, organisations and dates. Each carries its stable mention id
  (ed:mention-id) as element id, so that the indices link to the passage. A name links to
  its register entry on the index page with the entry's main name as tooltip; a date links
  to its year's page of the chronology and shows its normalised value. In the header (h:link-mentions false)
  they are not linked.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The context mention as a link to $href (a span if none), with its id and tooltip. -->
  <xsl:template name="h:mention">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="title" as="xs:string?"/>
    <xsl:param name="datetime" as="xs:string?"/>
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:link-mentions" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:param name="id" as="xs:string" select="ed:mention-id(.)"/>
    <!-- the pages of entities and years exist only where the pages about the edition are made
         (a build): a page rendered alone (edition html FILE) links only addresses elsewhere -->
    <xsl:variable name="link" select="$href[not($h:in-link) and $h:link-mentions]
        [array:size($index-pages) gt 0 or matches(., '^https?://')]"/>
    <xsl:element name="{if ($link) then 'a' else 'span'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="class" select="'mention'"/>
      </xsl:call-template>
      <xsl:if test="$link"><xsl:attribute name="href" select="$link"/></xsl:if>
      <xsl:if test="normalize-space($title)"><xsl:attribute name="title" select="$title"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$datetime">
          <time datetime="{$datetime}">
            <xsl:apply-templates>
              <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
              <xsl:with-param name="h:in-link" tunnel="yes" select="$h:in-link or exists($link)"/>
            </xsl:apply-templates>
          </time>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates>
            <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
            <xsl:with-param name="h:in-link" tunnel="yes" select="$h:in-link or exists($link)"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- The link and tooltip of a name: its register entry on the index page (else its @ref if
       that is an http(s) URL) and the entry's main name; '' for none. -->
  <xsl:function name="h:name-link" as="xs:string+">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:entry($name)"/>
    <xsl:variable name="href" select="ed:entry-href($entry)"/>
    <xsl:sequence select="string(if (exists($href)) then $href else ed:safe-url($name/@ref)[matches(., '^https?://')]),
        string($entry ! ed:main-name(.))"/>
  </xsl:function>

  <!-- h:name-link of the names of $doc by pointer (@ref and @key), each pointer resolved once: handed
       down as the tunnel parameter h:names. Empty if the document has an xml:base (where a
       pointer may resolve differently in different places). -->
  <xsl:function name="h:names" as="map(*)">
    <xsl:param name="doc" as="node()"/>
    <xsl:map>
      <xsl:if test="not($doc//@xml:base)">
        <xsl:for-each-group select="$doc/descendant::*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:rs]" group-by="@ref || '&#10;' || @key">
          <xsl:map-entry key="current-grouping-key()" select="h:name-link(.)"/>
        </xsl:for-each-group>
      </xsl:if>
    </xsl:map>
  </xsl:function>

  <xsl:template _match="{$b:name}">
    <xsl:param name="h:names" as="map(*)" tunnel="yes" select="map{}"/>
    <xsl:variable name="ref" select="@ref || '&#10;' || @key"/>
    <xsl:variable name="link" select="if (map:contains($h:names, $ref)) then $h:names($ref) else h:name-link(.)"/>
    <xsl:call-template name="h:mention">
      <xsl:with-param name="href" select="$link[1][. != '']"/>
      <xsl:with-param name="title" select="$link[2]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:date}">
    <xsl:variable name="value" select="ed:date-value(.)"/>
    <xsl:variable name="id" select="ed:mention-id(.)"/>
    <xsl:call-template name="h:mention">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="href" select="(ed:chronology-page(ed:year(ed:start-day(.))) || '#' || $id)[$value != '']"/>
      <xsl:with-param name="title" select="$value"/>
      <xsl:with-param name="datetime" select="ed:datetime(@when)"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
