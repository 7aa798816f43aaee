<?xml version="1.0" encoding="UTF-8"?>
<!--
  First pass of the text output: the TEI text as a sequence of blocks (<block kind="…">: title,
  head, p, item, line, row, note) holding the inline text exactly as in the TEI, with <br/>
  for line breaks. Blocks inside blocks (a quotation set off inside a paragraph, a list in an
  item) are split apart by the mode t:flatten. Unknown elements keep their text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:t="urn:x-edition:text"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The context element as a block of kind $kind. -->
  <xsl:template name="t:block">
    <xsl:param name="kind" as="xs:string" select="'p'"/>
    <xsl:param name="prefix" as="xs:string" select="''"/>
    <block kind="{$kind}" depth="{count(ancestor::tei:list)}">{$prefix}<xsl:apply-templates/></block>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:trailer | tei:titlePart | tei:docImprint | tei:byline | tei:docDate
      | tei:docEdition | tei:salute | tei:signed | tei:dateline | tei:speaker | tei:castItem | tei:addrLine | tei:argument
      | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct | tei:stage[not(ancestor::tei:p or ancestor::tei:l)]">
    <xsl:call-template name="t:block"/>
  </xsl:template>

  <xsl:template match="(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:body | tei:front | tei:back)/tei:head">
    <xsl:call-template name="t:block">
      <xsl:with-param name="kind" select="'head' || max((1, count(ancestor::*[tei:head][self::tei:div or self::tei:div1
          or self::tei:div2 or self::tei:div3])))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:quote[@rend = 'block' or tei:p or tei:lg or not(ancestor::tei:p or ancestor::tei:ab or ancestor::tei:l)]">
    <xsl:call-template name="t:block"><xsl:with-param name="kind" select="'quote'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:call-template name="t:block"><xsl:with-param name="kind" select="'line'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:variable name="numbered" select="tokenize(../@type) = ('ordered', 'numbered') or tokenize(../@rend) = ('numbered', 'ordered')"/>
    <xsl:variable name="label" select="preceding-sibling::*[1][self::tei:label]"/>
    <xsl:call-template name="t:block">
      <xsl:with-param name="kind" select="'item'"/>
      <xsl:with-param name="prefix" select="if ($label) then normalize-space($label) || ' '
          else if ($numbered) then (@n, count(preceding-sibling::tei:item) + 1)[1] || '. ' else '• '"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:list/tei:label[following-sibling::*[1][self::tei:item]]"/>

  <xsl:template match="tei:row">
    <block kind="row" depth="0">
      <xsl:for-each select="tei:cell">
        <xsl:if test="position() gt 1"> | </xsl:if>
        <xsl:apply-templates/>
      </xsl:for-each>
    </block>
  </xsl:template>

  <xsl:template match="tei:figure">
    <xsl:for-each select="tei:head, tei:figDesc">
      <xsl:call-template name="t:block">
        <xsl:with-param name="prefix" select="ed:label('figure', ed:lang(.)) || ': '"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:apply-templates select="* except (tei:head, tei:figDesc)"/>
  </xsl:template>

  <!-- Footnotes: a marker (endnotes), the note in brackets (inline) or nothing (none). -->
  <xsl:template match="tei:note[ed:is-footnote(.)]">
    <xsl:choose>
      <xsl:when test="$notes = 'endnotes'">[{ed:note-label(.)}]</xsl:when>
      <xsl:when test="$notes = 'inline'">
        <xsl:variable name="text" as="xs:string*">
          <xsl:apply-templates select="t:flatten(t:blocks(node()))" mode="t:plain"/>
        </xsl:variable>
        <xsl:text>[{ed:note-label(.)}: {string-join($text, ' ')}]</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The endnotes of the context document (with $notes = 'endnotes'): a heading and the notes. -->
  <xsl:template name="t:endnotes">
    <xsl:variable name="footnotes" select=".//tei:text//tei:note[ed:is-footnote(.)]"/>
    <xsl:if test="$footnotes and $notes = 'endnotes'">
      <block kind="head1" depth="0">{ed:label('notes', ed:lang(.))}</block>
      <xsl:for-each select="$footnotes">
        <xsl:variable name="parts" select="t:flatten(t:blocks(node()))"/>
        <block kind="note" depth="0">[{ed:note-label(.)}] <xsl:sequence select="$parts[1]/node()"/></block>
        <xsl:sequence select="$parts[position() gt 1] ! t:with-kind(., 'note-cont')"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>
  <xsl:template match="tei:pb | tei:cb | tei:milestone | tei:teiHeader | tei:graphic"/>
  <xsl:template match="tei:gap">[…]</xsl:template>
  <xsl:template match="tei:rdg"> [<xsl:apply-templates/>]</xsl:template>
  <xsl:template match="tei:supplied">[<xsl:apply-templates/>]</xsl:template>
  <xsl:template match="tei:ptr">{normalize-space(@target)}</xsl:template>
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:sic, tei:orig, tei:abbr, *)[1]"/>
    <xsl:apply-templates select="$shown"/>
    <xsl:for-each select="* except $shown"> [<xsl:apply-templates select="."/>]</xsl:for-each>
  </xsl:template>

  <!-- The blocks of some TEI nodes, not yet flattened. -->
  <xsl:function name="t:blocks" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:apply-templates select="$nodes"/>
  </xsl:function>

  <xsl:function name="t:with-kind" as="element(block)">
    <xsl:param name="block" as="element(block)"/>
    <xsl:param name="kind" as="xs:string"/>
    <block kind="{$kind}" depth="{$block/@depth}"><xsl:sequence select="$block/node()"/></block>
  </xsl:function>

  <!-- Blocks and loose text as a flat sequence of blocks: text between blocks becomes a block of
       the kind of the block it stood in ('-cont' for what follows an item's inner block). -->
  <xsl:function name="t:flatten" as="element(block)*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="t:flatten($nodes, 'p', '0')"/>
  </xsl:function>
  <xsl:function name="t:flatten" as="element(block)*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="depth" as="xs:string"/>
    <xsl:for-each-group select="$nodes" group-adjacent="exists(self::block)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:for-each select="current-group()">
            <xsl:sequence select="if (block) then t:flatten(node(), @kind, @depth) else ."/>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="normalize-space(string-join(current-group() ! string(.))) != '' or current-group()/self::br">
          <block kind="{if (position() gt 1 and $kind = 'item') then 'item-cont' else $kind}" depth="{$depth}">
            <xsl:sequence select="current-group()"/>
          </block>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:function>
</xsl:stylesheet>
