<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text of a document as plain UTF-8 text: title, the description of its manuscript,
  headings, paragraphs, lists and notes (endnotes, inline or none: params.xsl). Input: the document; $edition (pointers.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:t="urn:x-edition:text"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/outputs.xsl"/>
  <xsl:include href="../common/behaviours.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="layout.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="transcription.xsl"/>
  <xsl:include href="description.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:if test="not($notes = ('endnotes', 'inline', 'none'))">
      <xsl:message terminate="yes">notes must be endnotes, inline or none, not '{$notes}'</xsl:message>
    </xsl:if>
    <xsl:variable name="blocks" as="node()*">
      <block kind="title" depth="0">{ed:doc-title(.)}</block>
      <xsl:apply-templates select="tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
      <xsl:apply-templates select="tei:TEI/tei:text"/>
      <xsl:call-template name="t:endnotes"/>
    </xsl:variable>
    <xsl:value-of select="t:layout(t:flatten($blocks))"/>
  </xsl:template>
</xsl:stylesheet>
