<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text of a transcription (../common/transcription.xsl: the Leiden conventions): additions,
  deletions, supplied, superfluous and damaged text, expansions between their signs; unclear
  text followed by '(?)' (but inside a word, which it would cut); a gap as its extent; of a
  choice, the reading $transcription names, the other after it in brackets with its label.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/transcription.xsl"/>

  <xsl:template _match="{$b:added} | {$b:deleted} | {$b:supplied} | {$b:surplus} | {$b:expansion} | {$b:damage}">
    <xsl:variable name="marks" select="b:marks(.)"/>
    <xsl:value-of select="$marks[1]"/>
    <xsl:apply-templates/>
    <xsl:value-of select="$marks[2]"/>
  </xsl:template>
  <xsl:template _match="{$b:unclear}">
    <xsl:apply-templates/>
    <xsl:if test="not(node()) or not(matches(string(following-sibling::node()[1][self::text()]), '^\w'))">(?)</xsl:if>
  </xsl:template>
  <xsl:template _match="{$b:gap}">{b:gap(.)}</xsl:template>
  <xsl:template _match="{$b:normalisable}">
    <xsl:apply-templates select="b:chosen(., $transcription)"/>
    <xsl:for-each select="b:other(., $transcription)"> ({ed:label(b:reading-label(.))}: <xsl:apply-templates select="."/>)</xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
