<?xml version="1.0" encoding="UTF-8"?>
<!--
  Works cited: every bibl and biblStruct of the text (not of the header, not nested in
  another) as one record with its authors, titles, date, links, and where it is cited.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    xmlns="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- The works cited in a document, in document order (applied to in that order, a work's
       running number is its position). -->
  <xsl:function name="ix:works" as="element()*">
    <xsl:param name="document" as="document-node()"/>
    <xsl:sequence select="$document/tei:TEI/tei:text//(tei:bibl | tei:biblStruct)
        [not(ancestor::tei:bibl | ancestor::tei:biblStruct)]"/>
  </xsl:function>

  <xsl:template match="tei:bibl | tei:biblStruct" mode="ix:work">
    <xsl:variable name="links" select="distinct-values((.//tei:ptr/@target, .//tei:ref/@target, .//tei:idno)
        ! normalize-space()[matches(., '^https?://')])"/>
    <xsl:variable name="doi" select="(.//tei:idno[lower-case(@type) = 'doi'] ! normalize-space(),
        $links[matches(., '^https?://(dx\.)?doi\.org/')] ! replace(., '^https?://(dx\.)?doi\.org/', ''))[.][1]"/>
    <work id="{(@xml:id, ed:doc-key(.) || '-w' || position())[1]}"
        passage="{(@xml:id, ix:passage(.))[1]}" part="{ix:part(.)}">
      <xsl:for-each select="ix:note-number(.)"><xsl:attribute name="note" select="."/></xsl:for-each>
      <xsl:for-each select="@type, @subtype"><xsl:attribute name="{local-name()}" select="."/></xsl:for-each>
      <xsl:for-each select="(.//tei:author | .//tei:editor)[normalize-space()]">
        <author role="{local-name()}">
          <xsl:for-each select="(descendant-or-self::*/@ref ! ed:resolve(.)[ix:entry-type(.)])[1]">
            <xsl:attribute name="key" select="@xml:id"/>
          </xsl:for-each>
          <xsl:value-of select="ix:text(.)"/>
        </author>
      </xsl:for-each>
      <xsl:for-each select=".//tei:title[normalize-space()]">
        <title>
          <xsl:copy-of select="@level"/>
          <xsl:value-of select="ix:text(.)"/>
        </title>
      </xsl:for-each>
      <xsl:for-each select="(.//tei:date)[1]">
        <date>
          <xsl:call-template name="ix:dating-attributes">
            <xsl:with-param name="date" select="."/>
          </xsl:call-template>
          <xsl:value-of select="ix:text(.)"/>
        </date>
      </xsl:for-each>
      <xsl:for-each select="$links"><url><xsl:value-of select="."/></url></xsl:for-each>
      <xsl:for-each select="$doi"><doi><xsl:value-of select="."/></doi></xsl:for-each>
      <text><xsl:value-of select="ix:text(.)"/></text>
    </work>
  </xsl:template>
</xsl:stylesheet>
