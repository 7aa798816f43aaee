<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama, verse and speech and examples of markup as blocks of text (../common/behaviours.xsl,
  the first pass: blocks.xsl): a cast list's items as a list; a speaker, or the names of an
  utterance's speakers from the register, on a line above the speech (layout.xsl keeps them
  together); stage directions, incidents and the notes of a transcript where they stand;
  lines of verse after a margin (@lead) holding every fifth line's number, indented by their
  indent or by the parts of the metrical line before them, a blank line before each group of
  them (@stanza); an example of markup as written (kind verbatim, ../common/markup.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:t="urn:x-edition:text"
    xmlns:b="urn:x-edition:behaviours"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/markup.xsl"/>

  <!-- The width of the margin of the lines of verse, their numbers right-aligned in it. -->
  <xsl:variable name="t:margin" as="xs:integer" select="6"/>

  <xsl:function name="t:spaces" as="xs:string">
    <xsl:param name="length" as="xs:integer"/>
    <xsl:sequence select="string-join((1 to $length) ! ' ')"/>
  </xsl:function>

  <xsl:template _match="({$b:cast-item})[self::tei:castItem]">
    <xsl:call-template name="t:block">
      <xsl:with-param name="kind" select="'item'"/>
      <xsl:with-param name="prefix" select="'• '"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:speaker}">
    <xsl:call-template name="t:block"><xsl:with-param name="kind" select="'speaker'"/></xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:stage} | {$b:utterance-part}">
    <xsl:choose>
      <xsl:when test="b:runs-in(.)"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:call-template name="t:block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note of a transcript: a block between utterances, else in the line. -->
  <xsl:template _match="{$b:spoken-note}">
    <xsl:choose>
      <xsl:when test="ancestor::*[self::tei:p or self::tei:seg or self::tei:ab or self::tei:l]"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:call-template name="t:block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An utterance: its speakers' main names (the pointers themselves where none resolves). -->
  <xsl:template _match="{$b:utterance}">
    <xsl:variable name="entries" select="ed:resolve(@who)"/>
    <xsl:if test="normalize-space(@who)">
      <block kind="speaker" depth="0">{string-join(if (exists($entries)) then $entries ! ed:main-name(.)
          else tokenize(@who) ! replace(., '^#', ''), ', ')}</block>
    </xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template _match="{$b:line}">
    <xsl:variable name="n" select="string(b:line-number(.))"/>
    <xsl:variable name="before" select="b:line-before(.)"/>
    <block kind="line" depth="0" lead="{t:spaces($t:margin - 2 - string-length($n)) || $n || '  '
        || t:spaces(2 * b:indent(.) + (if ($before != '') then string-length($before) + 1 else 0))}">
      <xsl:if test="empty(preceding-sibling::tei:l)"><xsl:attribute name="stanza" select="'yes'"/></xsl:if>
      <xsl:apply-templates/>
    </block>
  </xsl:template>

  <xsl:template _match="{$b:example}">
    <block kind="verbatim" depth="0">{string-join(ed:markup(.))}</block>
  </xsl:template>
</xsl:stylesheet>
