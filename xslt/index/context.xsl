<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text of the edition as indices quote it: the reading text (notes left out, the source's own
  spelling in choice), the passage a mention stands in, and the block it is read in, marked
  for edition.contexts to cut the sentence around each mention from.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all">

  <!-- Reading text: text nodes as they stand; what a reader does not read in the line is left
       out (notes, running heads, figure descriptions, the editor's side of a choice). Names
       are marked where $marked says so (see ix:marked). -->
  <xsl:mode name="ix:reading" on-no-match="text-only-copy"/>

  <xsl:template mode="ix:reading" match="tei:note | tei:fw | tei:figDesc
      | tei:choice[tei:sic | tei:orig | tei:abbr]/tei:corr | tei:choice[tei:sic | tei:orig | tei:abbr]/tei:reg
      | tei:choice[tei:sic | tei:orig | tei:abbr]/tei:expan"/>

  <xsl:template mode="ix:reading" match="tei:lb[not(@break = 'no')] | tei:cb">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template mode="ix:reading" match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date">
    <xsl:param name="marked" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$marked"><xsl:sequence select="$ix:open || generate-id() || $ix:opened"/></xsl:if>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="$marked"><xsl:sequence select="$ix:close"/></xsl:if>
  </xsl:template>

  <!-- The marks of a name in a block's text (edition.contexts.OPEN, OPENED, CLOSE): characters
       of the supplementary private use area A. -->
  <xsl:variable name="ix:open" as="xs:string" select="codepoints-to-string(983040)"/>
  <xsl:variable name="ix:opened" as="xs:string" select="codepoints-to-string(983041)"/>
  <xsl:variable name="ix:close" as="xs:string" select="codepoints-to-string(983042)"/>

  <!-- The reading text of an element's content, whitespace normalised (an element of text
       only, as most names are, is read as it stands). -->
  <xsl:function name="ix:text" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:choose>
      <xsl:when test="$element/*">
        <xsl:variable name="text" as="item()*">
          <xsl:apply-templates select="$element/node()" mode="ix:reading"/>
        </xsl:variable>
        <xsl:sequence select="normalize-space(string-join($text))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="normalize-space($element)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A name that consists of parts only (forename, surname …) with their spaces left out. -->
  <xsl:function name="ix:name" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:sequence select="if ($name/* and not($name/text()[normalize-space()]))
        then normalize-space(string-join($name/* ! ix:text(.), ' ')) else ix:text($name)"/>
  </xsl:function>

  <!-- The block a mention is read in: the nearest element around it that is a block by its
       behaviour (../common/behaviours.xsl: a paragraph, list item, label, line of verse, cell,
       note, bibliography entry, speaker, stage direction, cast item, segment of speech); a
       quotation only outside a paragraph (one in a paragraph, set off or not, is read in the
       paragraph's sentences); a title in the header, the author on a title page (docAuthor)
       and a biblStruct too; else its parent. -->
  <xsl:function name="ix:block" as="element()">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="blocks" as="element()*">
      <xsl:apply-templates select="$node/ancestor::*" mode="ix:block"/>
    </xsl:variable>
    <xsl:sequence select="($blocks[last()], $node/..)[1]"/>
  </xsl:function>

  <!-- An element if it is a block (see ix:block), else (). -->
  <xsl:mode name="ix:block" on-no-match="deep-skip"/>
  <xsl:template mode="ix:block" _match="{$b:paragraph} | {$b:list-item} | {$b:label} | {$b:line} | {$b:cell}
      | {$b:note} | {$b:quote}[not(ancestor::tei:p)] | {$b:bibliography-entry} | {$b:speaker} | {$b:stage}
      | ({$b:cast-item})[self::tei:castItem] | {$b:utterance-part}
      | tei:title[ancestor::tei:teiHeader] | tei:docAuthor | tei:biblStruct">
    <xsl:sequence select="."/>
  </xsl:template>

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

  <!-- Where a node stands: 'note' (inside a note), in a letter's correspAction (ed:letter-action:
       its sender, addressee, places and dates, on the letter's page) its kind (ed:correspondence:
       'sent', 'received' …), 'header', 'front', 'back' or 'body'. -->
  <xsl:function name="ix:part" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/ancestor::tei:note) then 'note'
        else if (ed:letter-action($node)) then ed:correspondence(ed:letter-action($node))
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

  <!-- The reading text of a block, whitespace normalised, with the names in it marked: each
       is framed by $ix:open, its generate-id(), $ix:opened before it and $ix:close after it.
       edition.contexts cuts the sentence around each mention from it. -->
  <xsl:function name="ix:marked" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="marked" as="item()*">
      <xsl:apply-templates select="$block/node()" mode="ix:reading">
        <xsl:with-param name="marked" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($marked))"/>
  </xsl:function>
</xsl:stylesheet>
