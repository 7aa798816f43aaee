<?xml version="1.0" encoding="UTF-8"?>
<!--
  An example of markup (egXML, behaviours.xsl: b:example) as it is written, for every format:
  its content as a sequence of parts (ed:part, @kind: tag, attribute, value, text, comment,
  pi), whose text joined is the XML; the common indentation of its lines left out. HTML
  highlights the parts (../html/drama.xsl), plain text prints their text (../text/drama.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:markup" as="element(ed:part)*">
    <xsl:param name="example" as="element()"/>
    <xsl:variable name="parts" as="element(ed:part)*">
      <xsl:apply-templates select="$example/node()" mode="ed:markup"/>
    </xsl:variable>
    <xsl:variable name="indents" select="tokenize(string-join($parts), '&#10;')[position() gt 1][normalize-space()]
        ! (string-length(.) - string-length(replace(., '^[ \t]+', '')))"/>
    <xsl:variable name="dedent" select="'&#10;[ \t]{0,' || (min($indents), 0)[1] || '}'"/>
    <xsl:for-each select="$parts">
      <xsl:variable name="text" select="replace(., $dedent, '&#10;')"/>
      <ed:part kind="{@kind}">
        <xsl:value-of select="if (position() = 1) then replace($text, '^\s+', '') else if (position() = last())
            then replace($text, '\s+$', '') else $text"/>
      </ed:part>
    </xsl:for-each>
  </xsl:function>

  <xsl:mode name="ed:markup" on-no-match="shallow-skip"/>

  <xsl:template match="*" mode="ed:markup">
    <ed:part kind="tag">&lt;<xsl:value-of select="name()"/></ed:part>
    <xsl:for-each select="@*">
      <ed:part kind="tag"><xsl:text> </xsl:text></ed:part>
      <ed:part kind="attribute"><xsl:value-of select="name()"/></ed:part>
      <ed:part kind="tag">=</ed:part>
      <ed:part kind="value">"<xsl:value-of select="replace(replace(replace(., '&amp;', '&amp;amp;'), '&lt;', '&amp;lt;'), '&quot;', '&amp;quot;')"/>"</ed:part>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="node()">
        <ed:part kind="tag">&gt;</ed:part>
        <xsl:apply-templates mode="#current"/>
        <ed:part kind="tag">&lt;/<xsl:value-of select="name()"/>&gt;</ed:part>
      </xsl:when>
      <xsl:otherwise><ed:part kind="tag">/&gt;</ed:part></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="ed:markup">
    <ed:part kind="text"><xsl:value-of select="replace(replace(., '&amp;', '&amp;amp;'), '&lt;', '&amp;lt;')"/></ed:part>
  </xsl:template>
  <xsl:template match="comment()" mode="ed:markup">
    <ed:part kind="comment">&lt;!--<xsl:value-of select="."/>--&gt;</ed:part>
  </xsl:template>
  <xsl:template match="processing-instruction()" mode="ed:markup">
    <ed:part kind="pi">&lt;?<xsl:value-of select="name(), string(.)[.]"/>?&gt;</ed:part>
  </xsl:template>
</xsl:stylesheet>
