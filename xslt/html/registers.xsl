<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of registers shown as documents (../common/registers.xsl): a list of entries, each
  with its id, its main name and a description list of what else it holds (one term for the
  parts of one label that follow each other), notes in place.
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

  <xsl:include href="../common/registers.xsl"/>

  <xsl:template _match="{$b:register}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'ul'}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'register', 'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:for-each select="* except tei:head">
        <xsl:choose>
          <xsl:when test="self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org or self::tei:event
              or self::tei:nym or $h:phrasing"><xsl:apply-templates select="."/></xsl:when>
          <!-- a list of relations, a list inside the list …: an item of its own -->
          <xsl:otherwise><li><xsl:apply-templates select="."/></li></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template _match="{$b:register-entry}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="name" select="b:entry-name(.)"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else if (parent::tei:listPerson or parent::tei:listPlace
        or parent::tei:listOrg or parent::tei:listEvent or parent::tei:listNym) then 'li' else 'div'}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'entry', 'block'[$h:phrasing]"/></xsl:call-template>
      <xsl:if test="$name">
        <xsl:element name="{if ($h:phrasing) then 'b' else 'p'}">
          <xsl:attribute name="class" select="'entry-name'"/>
          <xsl:apply-templates select="$name"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:element>
      </xsl:if>
      <xsl:variable name="parts" select="b:entry-parts(.)"/>
      <xsl:if test="$parts">
        <xsl:element name="{if ($h:phrasing) then 'span' else 'dl'}">
          <xsl:attribute name="class" select="'entry-parts', 'block'[$h:phrasing]"/>
          <xsl:for-each-group select="$parts" group-adjacent="b:entry-label(.)">
            <xsl:element name="{if ($h:phrasing) then 'b' else 'dt'}">{ed:label(current-grouping-key())}</xsl:element>
            <xsl:for-each select="current-group()">
              <!-- of a note, a date, a place …, its content; a name, a list … as itself (with its id) -->
              <xsl:variable name="content" select="exists(self::tei:note | self::tei:birth | self::tei:death | self::tei:floruit
                  | self::tei:occupation | self::tei:residence | self::tei:location | self::tei:desc)"/>
              <xsl:element name="{if ($h:phrasing) then 'span' else 'dd'}">
                <xsl:call-template name="h:attributes">
                  <xsl:with-param name="id" select="ed:own-id(.)[$content]"/>
                </xsl:call-template>
                <xsl:apply-templates select="if ($content) then node() else ."/>
              </xsl:element>
            </xsl:for-each>
          </xsl:for-each-group>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="text()[normalize-space()]"/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
