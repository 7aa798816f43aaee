<?xml version="1.0" encoding="UTF-8"?>
<!--
  The transcription conventions (Leiden), the same for every format that shows a transcription
  (../html/transcription.xsl, ../text/transcription.xsl; print by the HTML's): the signs around
  what the editor supplied or takes as superfluous, what the scribe added or deleted, a damaged
  passage, the letters of an expansion; the extent of a gap; the two readings of a choice; the
  conventions a document uses (its legend). The format's $transcription parameter says which
  reading of a choice it shows.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all">

  <!-- The values of add/@place above and below the line. -->
  <xsl:variable name="b:above" as="xs:string*" select="('above', 'supralinear', 'superlinear', 'top', 'over')"/>
  <xsl:variable name="b:below" as="xs:string*" select="('below', 'infralinear', 'sublinear', 'bottom', 'under')"/>

  <!-- The convention an element of the transcription follows: the message of its legend entry,
       '' for none. -->
  <xsl:function name="b:convention" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="place" select="tokenize(lower-case($element/@place))"/>
    <xsl:sequence select="if ($element/self::tei:supplied) then 'leiden-supplied'
        else if ($element/self::tei:del) then 'leiden-deleted'
        else if ($element/self::tei:surplus) then 'leiden-surplus'
        else if ($element/self::tei:ex) then 'leiden-expansion'
        else if ($element/self::tei:damage) then 'leiden-damage'
        else if ($element/self::tei:unclear) then 'leiden-unclear'
        else if ($element/self::tei:gap) then (if ($element/@reason = 'illegible') then 'leiden-illegible' else 'leiden-gap')
        else if ($element/self::tei:add) then (if ($place = $b:above) then 'leiden-added-above'
            else if ($place = $b:below) then 'leiden-added-below' else 'leiden-added')
        else if ($element/self::tei:choice[b:written(.) and b:normalised(.)])
            then map{ 'sic': 'leiden-choice-sic', 'orig': 'leiden-choice-orig', 'abbr': 'leiden-choice-abbr' }(local-name(b:written($element)))
        else ''"/>
  </xsl:function>

  <!-- The signs before and after an element of the transcription. -->
  <xsl:function name="b:marks" as="xs:string+">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="convention" select="b:convention($element)"/>
    <xsl:sequence select="if ($convention = 'leiden-supplied') then ('[', if ($element/@cert = ('low', 'unknown')) then '(?)]' else ']')
        else if ($convention = 'leiden-deleted') then ('[[', ']]')
        else if ($convention = 'leiden-surplus') then ('{', '}')
        else if ($convention = 'leiden-expansion') then ('(', ')')
        else if ($convention = 'leiden-damage') then ('⸢', '⸣')
        else if ($convention = 'leiden-added-above') then ('\', '/')
        else if ($convention = 'leiden-added-below') then ('/', '\')
        else if ($convention = 'leiden-added') then ('⟨', '⟩')
        else ('', '')"/>
  </xsl:function>

  <!-- The conventions the transcription of the document $node is in uses, in the legend's order. -->
  <xsl:variable name="b:conventions" as="xs:string*" select="('leiden-choice-abbr', 'leiden-expansion', 'leiden-choice-sic',
      'leiden-choice-orig', 'leiden-supplied', 'leiden-unclear', 'leiden-gap', 'leiden-illegible', 'leiden-damage',
      'leiden-deleted', 'leiden-added', 'leiden-added-above', 'leiden-added-below', 'leiden-surplus')"/>
  <xsl:function name="b:conventions-used" as="xs:string*">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="used" select="distinct-values(root($node)//tei:text//(tei:supplied | tei:del | tei:surplus | tei:ex
        | tei:damage | tei:unclear | tei:gap | tei:add | tei:choice) ! b:convention(.))"/>
    <xsl:sequence select="$b:conventions[. = $used]"/>
  </xsl:function>

  <!-- The readings of a choice: as written (sic, orig, abbr) and normalised (corr, reg, expan). -->
  <xsl:function name="b:written" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/tei:sic, $choice/tei:orig, $choice/tei:abbr)[1]"/>
  </xsl:function>
  <xsl:function name="b:normalised" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/tei:corr, $choice/tei:reg, $choice/tei:expan)[1]"/>
  </xsl:function>

  <!-- Of a choice, the reading $transcription names ('diplomatic': as written, else normalised),
       and the other one, which the text and print give after it (none for an abbreviation whose
       expansion shows its letters, the expanded ones in brackets), with its label (message). -->
  <xsl:function name="b:chosen" as="element()">
    <xsl:param name="choice" as="element()"/>
    <xsl:param name="transcription" as="xs:string"/>
    <xsl:sequence select="if ($transcription = 'diplomatic') then b:written($choice) else b:normalised($choice)"/>
  </xsl:function>
  <xsl:function name="b:other" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:param name="transcription" as="xs:string"/>
    <xsl:variable name="shown" select="b:chosen($choice, $transcription)"/>
    <xsl:sequence select="((b:written($choice), b:normalised($choice)) except $shown)[not(self::tei:abbr and $shown//tei:ex)]"/>
  </xsl:function>
  <xsl:function name="b:reading-label" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="if ($reading is b:written($reading/..)) then 'leiden-as-written'
        else map{ 'corr': 'leiden-reading-corr', 'reg': 'leiden-reading-reg', 'expan': 'leiden-reading-expan' }(local-name($reading))"/>
  </xsl:function>

  <!-- A gap as the Leiden conventions write it: the number of lost characters as dots (up to 20),
       another extent in words ('… 2 lines …'), an unknown one as '…'; in square brackets, but
       illegible text (dots alone). -->
  <xsl:function name="b:gap" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="unit" select="replace(lower-case(normalize-space($gap/@unit)), 's$', '')"/>
    <xsl:variable name="kind" select="if ($unit = ('char', 'character', 'letter', 'akshara', 'glyph')) then 'leiden-n-characters'
        else map{ 'line': 'leiden-n-lines', 'word': 'leiden-n-words', 'page': 'leiden-n-pages' }($unit)"/>
    <xsl:variable name="quantity" select="$gap/@quantity[. castable as xs:integer]/xs:integer(.)"/>
    <xsl:variable name="extent" select="if (exists($quantity) and $kind = 'leiden-n-characters' and $quantity le 20)
          then string-join((1 to $quantity) ! '.')
        else if (exists($quantity) and exists($kind)) then '… ' || ed:label($kind, map{ 'count': $quantity }) || ' …'
        else if (exists($quantity) and $unit != '') then '… ' || $quantity || ' ' || normalize-space($gap/@unit) || ' …'
        else if (normalize-space($gap/@extent)) then '… ' || normalize-space($gap/@extent) || ' …'
        else '…'"/>
    <xsl:sequence select="if ($gap/@reason = 'illegible') then $extent else '[' || $extent || ']'"/>
  </xsl:function>
</xsl:stylesheet>
