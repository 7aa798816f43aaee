<?xml version="1.0" encoding="UTF-8"?>
<!--
  First pass of the text output, the hooks of ../common/behaviours.xsl: the TEI text as a
  sequence of blocks (<block kind="…">: title, head, p, item, line, row, note) holding the
  inline text exactly as in the TEI, with <br/> for line breaks. Blocks inside blocks (a
  quotation set off inside a paragraph, a list in an item) are split apart by t:flatten.
  The behaviours left out here (groups of blocks, lists, tables, inline styles, notes left in
  the text, mentions, links …) are their text alone.
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

  <!-- The context element as a block of kind $kind. -->
  <xsl:template name="t:block">
    <xsl:param name="kind" as="xs:string" select="'p'"/>
    <xsl:param name="prefix" as="xs:string" select="''"/>
    <block kind="{$kind}" depth="{count(ancestor::tei:list)}">{$prefix}<xsl:apply-templates/></block>
  </xsl:template>

  <!-- Blocks; a paragraph that runs on in the one around it is its text. -->
  <xsl:template _match="{$b:paragraph} | {$b:bibliography-entry}">
    <xsl:choose>
      <xsl:when test="b:runs-in(.)"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:call-template name="t:block"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template _match="{$b:heading}">
    <xsl:call-template name="t:block"><xsl:with-param name="kind" select="'head' || b:heading-level(.)"/></xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:quote}">
    <xsl:choose>
      <xsl:when test="b:set-off(.)"><xsl:call-template name="t:block"><xsl:with-param name="kind" select="'quote'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A list item after its label, number or bullet; a label is printed with its item. -->
  <xsl:template _match="{$b:list-item}">
    <xsl:variable name="label" select="b:label-of(.)"/>
    <xsl:call-template name="t:block">
      <xsl:with-param name="kind" select="'item'"/>
      <xsl:with-param name="prefix" select="if ($label) then normalize-space($label) || ' '
          else if (b:numbered(..)) then (@n, count(preceding-sibling::tei:item) + 1)[1] || '. ' else '• '"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:list-label}">
    <xsl:if test="empty(b:labelled(.))"><xsl:apply-templates/></xsl:if>
  </xsl:template>

  <xsl:template _match="{$b:row}">
    <block kind="row" depth="0">
      <xsl:for-each select="tei:cell">
        <xsl:if test="position() gt 1"> | </xsl:if>
        <xsl:apply-templates/>
      </xsl:for-each>
    </block>
  </xsl:template>

  <xsl:template _match="{$b:figure}">
    <xsl:for-each select="tei:head, tei:figDesc">
      <xsl:call-template name="t:block">
        <xsl:with-param name="prefix" select="ed:label('figure') || ': '"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:apply-templates select="* except (tei:head, tei:figDesc)"/>
  </xsl:template>

  <!-- Footnotes: a marker (endnotes), the note in brackets (inline) or nothing (none). -->
  <xsl:template _match="{$b:footnote}">
    <xsl:choose>
      <xsl:when test="$notes = 'endnotes'">[{ed:note-label(.)}]</xsl:when>
      <xsl:when test="$notes = 'inline'">
        <xsl:text>[{ed:note-label(.)}: {t:text(node())}]</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The endnotes of the context document (with $notes = 'endnotes'): a heading and the notes. -->
  <xsl:template name="t:endnotes">
    <xsl:variable name="footnotes" select="ed:footnotes(.)"/>
    <xsl:if test="$footnotes and $notes = 'endnotes'">
      <block kind="head1" depth="0">{ed:label('notes')}</block>
      <xsl:for-each select="$footnotes">
        <xsl:variable name="parts" select="t:flatten(t:blocks(node()))"/>
        <block kind="note" depth="0">[{ed:note-label(.)}] <xsl:sequence select="$parts[1]/node()"/></block>
        <xsl:sequence select="$parts[position() gt 1] ! t:with-kind(., 'note-cont')"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template _match="{$b:line-break}"><br/></xsl:template>
  <xsl:template _match="{$b:page-break} | {$b:graphic}"/>
  <xsl:template _match="{$b:reading}"> [<xsl:apply-templates/>]</xsl:template>
  <xsl:template _match="{$b:pointer}">{normalize-space(@target)}</xsl:template>
  <xsl:template _match="{$b:alternate}">
    <xsl:variable name="shown" select="b:shown(.)"/>
    <xsl:apply-templates select="$shown"/>
    <xsl:for-each select="* except $shown"> [<xsl:apply-templates select="."/>]</xsl:for-each>
  </xsl:template>

  <!-- The blocks of some TEI nodes, not yet flattened. -->
  <xsl:function name="t:blocks" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:apply-templates select="$nodes"/>
  </xsl:function>

  <!-- Some TEI nodes as one run of text (a note inline, an apparatus entry). -->
  <xsl:function name="t:text" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="text" as="xs:string*">
      <xsl:apply-templates select="t:flatten(t:blocks($nodes))" mode="t:plain"/>
    </xsl:variable>
    <xsl:sequence select="string-join($text, ' ')"/>
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
