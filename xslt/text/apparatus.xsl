<?xml version="1.0" encoding="UTF-8"?>
<!--
  The critical apparatus in the text output (../common/apparatus.xsl): the lemma in the text,
  and after each paragraph, verse group, speech or heading (b:holder) the entries attached in
  it, a line each, in the conventional form "line lemma] sigla; reading sigla; om. sigla".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:t="urn:x-edition:text"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The lemma in the text (the variants-end anchors are nothing in the text: no markers). -->
  <xsl:template _match="{$b:variants}">
    <xsl:apply-templates select="b:lemma(.)/node()"/>
  </xsl:template>

  <!-- A block some entries follow (b:apps-after): the block, then a line per entry. Only the
       elements b:holder may return are asked (asking every element cost a fifth of the text). -->
  <xsl:template _match="({$b:entry-holder})[exists(b:apps-after(.))]" priority="2">
    <xsl:next-match/>
    <block kind="app" depth="0">
      <xsl:for-each select="b:apps-after(.)">
        <xsl:if test="position() gt 1"><br/></xsl:if>
        <xsl:value-of select="t:app-entry(.)"/>
      </xsl:for-each>
    </block>
  </xsl:template>

  <!-- An entry as one line of text. -->
  <xsl:function name="t:app-entry" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="lemma" select="b:lemma($app)"/>
    <xsl:variable name="cited" select="b:lemma-cited($app)"/>
    <xsl:variable name="added" select="$cited = ''"/>
    <xsl:variable name="readings" as="xs:string*">
      <xsl:for-each select="b:readings($app) except $lemma">
        <xsl:sequence select="string-join((if (b:empty(.)) then ed:label('omitted') else (ed:label('added')[$added], t:text(node())),
            b:sigla(.), b:remark(.)[. != ''] ! ('(' || . || ')')), ' ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="notes" select="for $note in $app/(tei:note | tei:witDetail)
        return string-join(($note/self::tei:witDetail ! (string-join(b:sigla(.), ' ') || ':'), t:text($note/node())), ' ')"/>
    <xsl:sequence select="string-join((b:app-line($app)[. != ''], if ($added) then () else string-join(($cited || ']',
        b:sigla($lemma), b:remark($lemma)[. != ''] ! ('(' || . || ')')), ' ') || ';'[exists($readings) and exists(b:sigla($lemma))],
        string-join($readings, '; '), $notes), ' ')"/>
  </xsl:function>

</xsl:stylesheet>
