<?xml version="1.0" encoding="UTF-8"?>
<!--
  Second pass of the text output (mode t:plain): each block as lines of text, whitespace
  collapsed as a reader sees it; headings underlined, list items with their bullet or number
  and indented by depth; blank lines between blocks, none between items, lines or rows.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:t="urn:x-edition:text"
    exclude-result-prefixes="#all">

  <xsl:variable name="t:underline" as="map(xs:string, xs:string)" select="map{ 'title': '=', 'head1': '=', 'head2': '-' }"/>
  <xsl:variable name="t:tight" as="xs:string*" select="('item', 'item-cont', 'line', 'row')"/>

  <!-- The text of a block: one line per br, whitespace collapsed; a verbatim block's lines as they are. -->
  <xsl:function name="t:lines" as="xs:string*">
    <xsl:param name="block" as="element(block)"/>
    <xsl:choose>
      <xsl:when test="$block/@kind = 'verbatim'"><xsl:sequence select="tokenize(string($block), '&#10;') ! replace(., '\s+$', '')"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="$block/node()" group-starting-with="br">
          <xsl:sequence select="normalize-space(string-join(current-group()[not(self::br)] ! string(.)))[. != '']"/>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Block quotations are indented; a paragraph inside one is a quotation too. -->
  <xsl:template match="block[@kind = 'p'][ancestor::block/@kind = 'quote']" mode="t:plain" as="xs:string?">
    <xsl:apply-templates select="t:with-kind(., 'quote')" mode="t:plain"/>
  </xsl:template>

  <xsl:template match="block" mode="t:plain" as="xs:string?">
    <xsl:variable name="lines" select="t:lines(.)"/>
    <xsl:variable name="depth" select="xs:integer(@depth)"/>
    <xsl:variable name="indent" select="string-join((1 to 2 * max((0, $depth - 1)) + (if (@kind = ('item-cont')) then 2
        else if (@kind = ('note-cont', 'quote', 'verbatim')) then 4 else 0)) ! ' ')"/>
    <xsl:variable name="rule" select="($t:underline(@kind), '~'[starts-with(current()/@kind, 'head')])[1]"/>
    <xsl:variable name="width" select="max($lines ! string-length(.))"/>
    <xsl:sequence select="if (empty($lines)) then ()
        else if (@kind = 'title') then string-join((string-join((1 to $width) ! '='), $lines, string-join((1 to $width) ! '=')), '&#10;')
        else if ($rule) then string-join(($lines, string-join((1 to $width) ! $rule)), '&#10;')
        else string(@lead) || string-join($lines ! ($indent || .), '&#10;' || (if (@kind = 'item') then '  ' else '')
            || replace(string(@lead), '.', ' '))"/>
  </xsl:template>

  <!-- The blocks as one text: blank lines between them, single line breaks inside lists, verse (but
       before a stanza), tables and after a speaker. -->
  <xsl:function name="t:layout" as="xs:string">
    <xsl:param name="blocks" as="element(block)*"/>
    <xsl:variable name="shown" select="$blocks[exists(t:lines(.))]"/>
    <xsl:sequence select="string-join(for $i in 1 to count($shown) return (
        (if ($i = 1) then '' else if ($shown[$i]/@kind = $t:tight and $shown[$i - 1]/@kind = $t:tight and not($shown[$i]/@stanza)
            or $shown[$i - 1]/@kind = 'speaker') then '&#10;' else '&#10;&#10;'),
        $shown[$i] ! t:plain(.)), '') || '&#10;'"/>
  </xsl:function>

  <xsl:function name="t:plain" as="xs:string">
    <xsl:param name="block" as="element(block)"/>
    <xsl:apply-templates select="$block" mode="t:plain"/>
  </xsl:function>
</xsl:stylesheet>
