<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of drama, verse and speech and of examples of markup (../common/behaviours.xsl):
  a cast list as a list; a speech with its speaker set apart and its lines indented under it
  (edition.css); stage directions and the incidents of a transcript set off, as blocks or
  running in; an utterance headed by the names of its speakers from the register, linked to
  their pages; lines of verse with their number (every fifth) in data-n and the parts of the
  metrical line they complete in data-before, which edition.css shows as generated content
  (never copied or searched with the line's text), and their indent as a class; an egXML as
  highlighted XML (../common/markup.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:b="urn:x-edition:behaviours"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/markup.xsl"/>

  <!-- The element $name, a span with class "block" where only phrasing content is allowed. -->
  <xsl:function name="h:block-name" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="phrasing" as="xs:boolean"/>
    <xsl:sequence select="if ($phrasing) then 'span' else $name"/>
  </xsl:function>

  <!-- A cast list and a group of its items: the items as a list, what else they hold around it. -->
  <xsl:template _match="{$b:cast-list}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{h:block-name('div', $h:phrasing)}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:call-template name="h:cast"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="h:cast">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:for-each-group select="node()[normalize-space() or not(self::text())]" group-adjacent="exists(self::tei:castItem | self::tei:castGroup)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:element name="{h:block-name('ul', $h:phrasing)}">
            <xsl:attribute name="class" select="'cast', 'block'[$h:phrasing]"/>
            <xsl:apply-templates select="current-group()"/>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="current-group()"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template _match="{$b:cast-item}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{h:block-name('li', $h:phrasing)}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="self::tei:castGroup"><xsl:call-template name="h:cast"/></xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template _match="{$b:role}">
    <xsl:call-template name="h:inline"/>
  </xsl:template>

  <xsl:template _match="{$b:speech}">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'div'"/></xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:speaker} | {$b:utterance-part}">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A stage direction, incident, movement or noise: in italics, running in or set off. -->
  <xsl:template _match="{$b:stage}">
    <xsl:choose>
      <xsl:when test="b:runs-in(.)"><xsl:call-template name="h:inline"><xsl:with-param name="class" select="'stage'"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:block">
          <xsl:with-param name="name" select="'p'"/>
          <xsl:with-param name="class" select="'stage'"/>
          <xsl:with-param name="inner-phrasing" select="true()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note of a transcript where it stands: a paragraph between utterances, else in the line. -->
  <xsl:template _match="{$b:spoken-note}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$h:phrasing"><xsl:call-template name="h:inline"><xsl:with-param name="name" select="'small'"/></xsl:call-template></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:block">
          <xsl:with-param name="name" select="'p'"/>
          <xsl:with-param name="inner-phrasing" select="true()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An utterance, headed by its speakers: each register entry its @who points to, by its
       main name, linked to its page (as names are: ed:entry-href); the pointers themselves
       where none resolves. -->
  <xsl:template _match="{$b:utterance}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="entries" select="ed:resolve(@who)"/>
    <xsl:element name="{h:block-name('div', $h:phrasing)}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:if test="normalize-space(@who)">
        <xsl:element name="{h:block-name('p', $h:phrasing)}">
          <xsl:attribute name="class" select="'speaker', 'block'[$h:phrasing]"/>
          <xsl:for-each select="if (exists($entries)) then $entries else tokenize(@who) ! replace(., '^#', '')">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:variable name="href" select="if (. instance of element()) then ed:entry-href(.)[not($h:in-link)] else ()"/>
            <xsl:variable name="name" select="if (. instance of element()) then ed:main-name(.) else ."/>
            <xsl:choose>
              <xsl:when test="exists($href)"><a class="mention" href="{$href}">{$name}</a></xsl:when>
              <xsl:otherwise>{$name}</xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A line of verse. -->
  <xsl:template _match="{$b:line}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="indent" select="b:indent(.)"/>
    <xsl:variable name="before" select="b:line-before(.)"/>
    <xsl:element name="{h:block-name('p', $h:phrasing)}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="('indent-' || $indent)[$indent gt 0], 'block'[$h:phrasing]"/>
      </xsl:call-template>
      <xsl:for-each select="b:line-number(.)"><xsl:attribute name="data-n" select="."/></xsl:for-each>
      <xsl:if test="$before != ''"><xsl:attribute name="data-before" select="$before || ' '"/></xsl:if>
      <xsl:apply-templates><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- An example of markup: verbatim, left to right, its tags, attributes, values and comments
       highlighted (edition.css). -->
  <xsl:template _match="{$b:example}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{h:block-name('pre', $h:phrasing)}">
      <xsl:attribute name="class" select="'egXML', 'block'[$h:phrasing]"/>
      <xsl:attribute name="dir" select="'ltr'"/>
      <xsl:attribute name="translate" select="'no'"/>
      <code>
        <xsl:for-each select="ed:markup(.)">
          <xsl:choose>
            <xsl:when test="@kind = 'text'">{.}</xsl:when>
            <xsl:otherwise><span class="xml-{@kind}">{.}</span></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </code>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
