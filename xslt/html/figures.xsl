<?xml version="1.0" encoding="UTF-8"?>
<!-- The HTML of figures (graphic, caption, description) and tables (../common/behaviours.xsl). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template _match="{$b:figure}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'figure'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'block'[$h:phrasing]"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except (tei:head, tei:figDesc)"/>
      <xsl:if test="tei:head">
        <xsl:element name="{if ($h:phrasing) then 'span' else 'figcaption'}">
          <xsl:apply-templates select="tei:head/node()">
            <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- An image: its text alternative is the figure's description, else its caption. -->
  <!-- An image beside the pages is shown; one elsewhere (http:, https:, protocol-relative) is only
       linked, so that opening a page never makes a request outside the site. -->
  <xsl:template _match="{$b:graphic}">
    <xsl:variable name="src" select="ed:safe-url(@url)"/>
    <xsl:variable name="alt" select="normalize-space((../tei:figDesc, ../tei:head, tei:desc,
        ed:label('figure'))[normalize-space()][1])"/>
    <xsl:choose>
      <xsl:when test="not($src)"/>
      <xsl:when test="matches($src, '^([A-Za-z][A-Za-z0-9+.\-]*:|//)')">
        <a class="graphic" href="{$src}">
          <xsl:for-each select="ed:own-id(.)"><xsl:attribute name="id" select="."/></xsl:for-each>
          <xsl:text>[{$alt}]</xsl:text>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <img src="{h:up($site-up, $src)}" alt="{$alt}">
          <xsl:for-each select="ed:own-id(.)"><xsl:attribute name="id" select="."/></xsl:for-each>
        </img>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template _match="{$b:table}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$h:phrasing">
        <xsl:call-template name="h:block"><xsl:with-param name="name" select="'span'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:call-template name="h:attributes"/>
          <xsl:for-each select="tei:head[1]">
            <caption><xsl:apply-templates><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates></caption>
          </xsl:for-each>
          <tbody><xsl:apply-templates select="tei:row"/></tbody>
        </table>
        <xsl:apply-templates select="* except (tei:head[1], tei:row)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template _match="{$b:row}">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'tr'"/></xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:cell}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="h:attributes"/>
      <xsl:if test="not($h:phrasing)">
        <xsl:if test="@cols castable as xs:positiveInteger"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
        <xsl:if test="@rows castable as xs:positiveInteger"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
