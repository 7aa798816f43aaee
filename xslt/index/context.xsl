<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text of the edition as indices quote it: the reading text (notes left out, the source's own
  spelling in choice), the passage a mention stands in, and the sentence around it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ix="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- Longest context snippet, in characters (the mention itself is never cut). -->
  <xsl:param name="context-length" as="xs:integer" select="200"/>

  <!-- Reading text: text nodes as they stand; what a reader does not read in the line is left
       out (notes, running heads, figure descriptions, the editor's side of a choice). The
       mention being quoted, passed as $mention, is framed by U+E000 and U+E001. -->
  <xsl:mode name="ix:reading" on-no-match="text-only-copy"/>

  <xsl:template mode="ix:reading" match="tei:note | tei:fw | tei:figDesc
      | tei:choice[tei:sic | tei:orig | tei:abbr]/tei:corr | tei:choice[tei:sic | tei:orig | tei:abbr]/tei:reg
      | tei:choice[tei:sic | tei:orig | tei:abbr]/tei:expan"/>

  <xsl:template mode="ix:reading" match="tei:lb[not(@break = 'no')] | tei:cb">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template mode="ix:reading" match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date">
    <xsl:param name="mention" as="element()?" tunnel="yes"/>
    <xsl:if test=". is $mention">&#xE000;</xsl:if>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test=". is $mention">&#xE001;</xsl:if>
  </xsl:template>

  <!-- The reading text of an element's content, whitespace normalised. -->
  <xsl:function name="ix:text" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:variable name="text">
      <xsl:apply-templates select="$element/node()" mode="ix:reading"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($text)"/>
  </xsl:function>

  <!-- A name that consists of parts only (forename, surname …) with their spaces left out. -->
  <xsl:function name="ix:name" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:sequence select="if ($name/* and not($name/text()[normalize-space()]))
        then normalize-space(string-join($name/* ! ix:text(.), ' ')) else ix:text($name)"/>
  </xsl:function>

  <!-- The block a mention is read in: its paragraph, heading, list item, verse line, cell, note … -->
  <xsl:function name="ix:block" as="element()">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="($node/ancestor::*[self::tei:p or self::tei:ab or self::tei:head or self::tei:item
        or self::tei:l or self::tei:cell or self::tei:note or self::tei:label or self::tei:quote[not(ancestor::tei:p)]
        or self::tei:bibl[parent::tei:listBibl] or self::tei:biblStruct or self::tei:dateline or self::tei:byline
        or self::tei:docAuthor or self::tei:docDate or self::tei:titlePart or self::tei:salute or self::tei:signed
        or self::tei:speaker or self::tei:stage or self::tei:trailer or self::tei:title[ancestor::tei:teiHeader]][1],
        $node/..)[1]"/>
  </xsl:function>

  <!-- The passage of a node: the nearest ancestor's xml:id (the TEI root's aside), else its
       position as a path of numbered divisions, paragraphs and notes ("body/div2/p3"). -->
  <xsl:function name="ix:passage" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="identified" select="$node/ancestor::*[@xml:id][not(self::tei:TEI)][1]"/>
    <xsl:sequence select="if ($identified) then string($identified/@xml:id) else
        string-join($node/ancestor::*[self::tei:teiHeader or self::tei:front or self::tei:body or self::tei:back
            or self::tei:div or self::tei:p or self::tei:note or self::tei:ab or self::tei:lg or self::tei:sp]
          ! (let $e := . return local-name($e) || (if ($e[self::tei:div or self::tei:p or self::tei:note
              or self::tei:ab or self::tei:lg or self::tei:sp])
            then count($e/preceding-sibling::*[node-name() eq node-name($e)]) + 1 else '')), '/')"/>
  </xsl:function>

  <!-- Where a node stands: 'note' (inside a note), 'header', 'front', 'back' or 'body'. -->
  <xsl:function name="ix:part" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/ancestor::tei:note) then 'note'
        else if ($node/ancestor::tei:teiHeader) then 'header'
        else if ($node/ancestor::tei:front) then 'front'
        else if ($node/ancestor::tei:back) then 'back' else 'body'"/>
  </xsl:function>

  <!-- The number of the (innermost) note a node is in: its @n, else its ordinal in the document. -->
  <xsl:function name="ix:note-number" as="xs:string?">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="$node/ancestor::tei:note[1] ! (if (normalize-space(@n)) then normalize-space(@n)
        else string(count(preceding::tei:note) + count(ancestor::tei:note) + 1))"/>
  </xsl:function>

  <!-- The sentence around a mention, from the reading text of its block, at most
       $context-length characters (longer ones cut at word boundaries, marked with "…"). -->
  <xsl:function name="ix:context" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="marked">
      <xsl:apply-templates select="ix:block($mention)/node()" mode="ix:reading">
        <xsl:with-param name="mention" select="$mention" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="text" select="normalize-space($marked)"/>
    <!-- a sentence ends after two lower-case letters or digits (not "I." or "Dr.") and a full
         stop, question or exclamation mark, before a capital, a quotation mark or a bracket -->
    <xsl:variable name="before" select="replace(substring-before($text, '&#xE000;'),
        '^.*[\p{Ll}\p{Lo}\p{Nd}]{2}[.!?…][&quot;”’»)]*\s+([\p{Lu}&quot;“«(]|$)', '$1', 's')"/>
    <xsl:variable name="self" select="substring-before(substring-after($text, '&#xE000;'), '&#xE001;')"/>
    <xsl:variable name="after" select="replace(substring-after($text, '&#xE001;'),
        '^(.*?(^|[\p{Ll}\p{Lo}\p{Nd}]{2})[.!?…][&quot;”’»)]*)\s+[\p{Lu}&quot;“«(].*$', '$1', 's')"/>
    <xsl:variable name="room" select="max((0, $context-length - string-length($self)))"/>
    <xsl:variable name="before-room" select="max((($room idiv 2), $room - string-length($after)))"/>
    <xsl:variable name="after-room" select="$room - min((string-length($before), $before-room))"/>
    <xsl:sequence select="normalize-space(
        (if (string-length($before) le $before-room) then $before
         else '…' || replace(substring($before, string-length($before) - $before-room + 2), '^\S*\s', ''))
        || $self ||
        (if (string-length($after) le $after-room) then $after
         else replace(substring($after, 1, $after-room - 1), '\s\S*$', '') || '…'))"/>
  </xsl:function>
</xsl:stylesheet>
