<?xml version="1.0" encoding="UTF-8"?>
<!--
  A page about the edition (edition.toml's about; src/edition/about.py): a TEI file's text,
  rendered as a document's text is, or the XHTML made of a Markdown file, copied through an
  allow-list of elements and attributes (mode h:markdown): anything else keeps only its text,
  links only safe addresses (ed:safe-url), images only their text alternative.
  Its data ($indices) is a map 'about' of the page's title, kind ('markdown' or 'tei') and content.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="h:about-page">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="page" select="$h:indices?about"/>
    <xsl:variable name="tei" select="if ($page?kind = 'tei') then parse-xml($page?content) else ()"/>
    <!-- a TEI page keeps its own language; a Markdown page is in the interface language -->
    <xsl:variable name="lang" select="($tei ! ed:lang(.), $ed:language)[1]"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="$page?title"/>
      <xsl:with-param name="current" select="$name || '.html'"/>
      <xsl:with-param name="content">
        <article class="about-edition">
          <xsl:if test="exists($tei)">
            <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="exists($tei)">
              <h1>{$page?title}</h1>
              <xsl:apply-templates select="$tei/tei:TEI/tei:text">
                <xsl:with-param name="h:names" tunnel="yes" select="h:names($tei)"/>
                <xsl:with-param name="h:footnotes" tunnel="yes" select="ed:footnote-numbers($tei)"/>
                <xsl:with-param name="h:lang" tunnel="yes" select="$lang"/>
              </xsl:apply-templates>
              <xsl:for-each select="$tei">
                <xsl:call-template name="h:notes">
                  <xsl:with-param name="lang" select="$lang"/>
                  <xsl:with-param name="h:footnotes" tunnel="yes" select="ed:footnote-numbers(.)"/>
                </xsl:call-template>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="html" select="parse-xml-fragment($page?content)"/>
              <xsl:if test="empty($html/h1)"><h1>{$page?title}</h1></xsl:if>
              <xsl:apply-templates select="$html" mode="h:markdown"/>
            </xsl:otherwise>
          </xsl:choose>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The Markdown's XHTML: only these elements and attributes are kept. -->
  <xsl:mode name="h:markdown" on-no-match="text-only-copy"/>
  <xsl:template mode="h:markdown" match="p | h1 | h2 | h3 | h4 | h5 | h6 | ul | ol | li | em | strong | code | pre
      | blockquote | hr | br | table | thead | tbody | tr | th | td | del">
    <xsl:element name="{local-name()}">
      <xsl:copy-of select="(self::ol/@start, (self::th | self::td)/@colspan)[matches(., '^\d+$')]"/>
      <xsl:apply-templates mode="h:markdown"/>
    </xsl:element>
  </xsl:template>
  <!-- A Markdown page's headings below its title. -->
  <xsl:template mode="h:markdown" match="h1[preceding::h1]">
    <h2><xsl:apply-templates mode="h:markdown"/></h2>
  </xsl:template>
  <xsl:template mode="h:markdown" match="a">
    <xsl:variable name="href" select="ed:safe-url(@href)"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a href="{$href}"><xsl:apply-templates mode="h:markdown"/></a></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="h:markdown"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template mode="h:markdown" match="img">{@alt}</xsl:template>
</xsl:stylesheet>
