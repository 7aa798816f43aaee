<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI header as metadata: the summary of a document (mode h:summary: author, date,
  language, source; on the home page and the document page), the rest of the description
  (mode h:about: languages, keywords, editorial decisions, encoding, licence) and the source's
  bibliographic description (mode h:bibl for biblStruct). Mentions in the header are not linked,
  but a letter's correspondents and places (correspDesc).
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

  <!-- One row of a description list, if $content has text. -->
  <xsl:template name="h:row">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:if test="normalize-space(string-join($content ! string(.))) != ''">
      <dt>{$label}</dt>
      <dd><xsl:sequence select="$content"/></dd>
    </xsl:if>
  </xsl:template>

  <!-- The items rendered one after the other, separated by $separator. -->
  <xsl:template name="h:joined">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="separator" as="xs:string" select="', '"/>
    <xsl:for-each select="$items">
      <xsl:if test="position() gt 1">{$separator}</xsl:if>
      <xsl:apply-templates select="node()"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="h:summary">
    <xsl:variable name="lang" select="ed:lang(.)"/>
    <xsl:variable name="file" select="tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="source" select="$file/tei:sourceDesc"/>
    <xsl:variable name="language" select="tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[@ident = $lang]"/>
    <xsl:variable name="actions" select="tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[ed:letter-action(.)]"/>
    <xsl:variable name="letter-date" select="($actions[@type = 'sent']/tei:date, $actions/tei:date)[1]"/>
    <dl class="summary">
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('author')"/>
        <xsl:with-param name="content">
          <xsl:call-template name="h:joined">
            <xsl:with-param name="items" select="($file/tei:titleStmt/tei:author, $source//tei:author[1])[1]/../tei:author"/>
            <xsl:with-param name="separator" select="'; '"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('date')"/>
        <xsl:with-param name="content">
          <xsl:choose>
            <!-- a letter's own date, once on the page: with its mention id, for the chronology -->
            <xsl:when test="$letter-date">
              <xsl:apply-templates select="$letter-date">
                <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
                <xsl:with-param name="h:link-mentions" tunnel="yes" select="true()"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="date">
                <xsl:apply-templates select="($source//tei:imprint/tei:date, $source//tei:date, $file/tei:publicationStmt/tei:date)[1]"/>
              </xsl:variable>
              <xsl:apply-templates select="$date" mode="h:echo"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="$actions" mode="h:summary">
        <xsl:with-param name="letter-date" select="$letter-date"/>
      </xsl:apply-templates>
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('language')"/>
        <xsl:with-param name="content">{($language/normalize-space(), $lang)[. != ''][1]}</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('source')"/>
        <xsl:with-param name="content">
          <xsl:for-each select="$source/(tei:biblStruct | tei:bibl[not(@type = 'transcription')] | tei:biblFull | tei:p | tei:msDesc/tei:msIdentifier)">
            <xsl:if test="position() gt 1"><br/></xsl:if>
            <span>
              <xsl:if test="@xml:lang">
                <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="@xml:lang"/></xsl:call-template>
              </xsl:if>
              <xsl:apply-templates select="." mode="h:bibl"/>
            </span>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </dl>
  </xsl:template>

  <!-- A row of a letter's correspondence (correspDesc): who sent, received, redirected … it,
       where and when (but the letter's own date, shown as its date); its names linked. -->
  <xsl:template match="tei:correspAction" mode="h:summary">
    <xsl:param name="letter-date" as="element()?"/>
    <xsl:variable name="parts" select="* except ($letter-date, tei:note)"/>
    <xsl:call-template name="h:row">
      <xsl:with-param name="label" select="ed:label(($ed:correspondence(ed:correspondence(.)), 'correspondence')[1])"/>
      <xsl:with-param name="content">
        <xsl:for-each select="$parts">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:apply-templates select=".">
            <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
            <xsl:with-param name="h:link-mentions" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A manuscript, by its identifier (its description follows in sections: description.xsl). -->
  <xsl:template match="tei:msIdentifier" mode="h:bibl">{b:ms-identifier(.)}</xsl:template>

  <xsl:template match="tei:p | tei:msDesc | tei:biblFull" mode="h:bibl">
    <xsl:apply-templates select="node()"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
  </xsl:template>

  <!-- A structured reference: authors. “Article title.” Title. Imprint. Scope. Identifiers. Notes. -->
  <xsl:template match="tei:biblStruct" mode="h:bibl">
    <xsl:variable name="parts" as="element(part)*">
      <part><xsl:call-template name="h:joined">
        <xsl:with-param name="items" select="(tei:analytic/tei:author, tei:monogr[1]/tei:author)[1]/../tei:author"/>
        <xsl:with-param name="separator" select="'; '"/>
      </xsl:call-template></part>
      <xsl:for-each select="tei:analytic/tei:title[normalize-space()] | tei:monogr/tei:title[normalize-space()]">
        <part><xsl:apply-templates select="."/></part>
      </xsl:for-each>
      <xsl:for-each select="tei:monogr/tei:editor">
        <part><xsl:apply-templates select="node()"/></part>
      </xsl:for-each>
      <part><xsl:call-template name="h:joined">
        <xsl:with-param name="items" select="tei:monogr/tei:imprint/(tei:pubPlace, tei:publisher, tei:date)"/>
      </xsl:call-template></part>
      <part><xsl:call-template name="h:joined">
        <xsl:with-param name="items" select="tei:monogr/(tei:biblScope, tei:imprint/tei:biblScope)"/>
      </xsl:call-template></part>
      <xsl:for-each select=".//tei:idno[lower-case(@type) = ('doi', 'uri', 'url')], tei:ptr[not(h:href(@target) = (.//tei:idno ! ('https://doi.org/' || normalize-space(.))))], tei:note">
        <part><xsl:apply-templates select="."/></part>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$parts[normalize-space()]">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:sequence select="node()"/>
      <xsl:if test="not(matches(normalize-space(.), '[.?!]$'))">.</xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The rest of the header: languages, keywords, licence, encoding, editorial decisions. -->
  <xsl:template match="tei:TEI" mode="h:about">
    <xsl:variable name="lang" select="ed:lang(.)"/>
    <xsl:variable name="header" select="tei:teiHeader"/>
    <dl class="about">
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('languages')"/>
        <xsl:with-param name="content">
          <xsl:for-each select="$header/tei:profileDesc/tei:langUsage/tei:language">
            <xsl:if test="position() gt 1">, </xsl:if>
            <span>{normalize-space(.)} ({@ident})</span>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('keywords')"/>
        <xsl:with-param name="content">
          <xsl:call-template name="h:joined">
            <xsl:with-param name="items" select="$header/tei:profileDesc/tei:textClass/tei:keywords/tei:term"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('encoding')"/>
        <xsl:with-param name="content">
          <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:call-template name="h:joined"><xsl:with-param name="items" select="tei:resp"/></xsl:call-template>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="h:joined"><xsl:with-param name="items" select="* except tei:resp"/></xsl:call-template>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="h:row">
        <xsl:with-param name="label" select="ed:label('licence')"/>
        <xsl:with-param name="content">
          <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence">
            <xsl:call-template name="h:link">
              <xsl:with-param name="href" select="h:href(@target)"/>
              <xsl:with-param name="text">
                <xsl:apply-templates><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </dl>
    <xsl:if test="$header/tei:encodingDesc/tei:editorialDecl">
      <details class="editorial">
        <summary>{ed:label('editorial')}</summary>
        <dl>
          <xsl:for-each select="$header/tei:encodingDesc/tei:editorialDecl/*">
            <dt>{(@n ! replace(., '[-_]', ' '), local-name())[1]}</dt>
            <dd><xsl:apply-templates select="node()"/></dd>
          </xsl:for-each>
        </dl>
      </details>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
