<?xml version="1.0" encoding="UTF-8"?>
<!--
  The interface's labels, from the one message catalogue of every output (messages.json, which
  src/edition/messages.py reads too): each key in every language of the catalogue, a text with
  placeholders ({count}, {title} …) or, for a count, a text per plural form of the language
  ("plurals"). The labels are in the interface language $language (the edition's, edition.toml
  "languages"), whatever the language of the document shown (ed:lang). Read when the stylesheet
  is compiled: at run time Saxon opens no file (src/edition/saxon.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <!-- The interface language: a language of the catalogue (another falls back to English). -->
  <xsl:param name="language" as="xs:string" select="'en'"/>

  <xsl:variable name="ed:catalogue" static="yes" as="map(*)" select="json-doc('messages.json')"/>
  <xsl:variable name="ed:language" as="xs:string"
      select="if (map:contains($ed:catalogue?plurals, $language)) then $language else 'en'"/>

  <!-- The language of the document $node belongs to: TEI or text @xml:lang, else the first
       language of langUsage, else 'en'. -->
  <xsl:function name="ed:lang" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" select="root($node)"/>
    <xsl:sequence select="string(($root/tei:TEI/@xml:lang, $root/tei:TEI/tei:text/@xml:lang,
        $root//tei:langUsage/tei:language/@ident, 'en')[normalize-space()][1])"/>
  </xsl:function>

  <!-- The writing direction of the language $lang (a BCP 47 tag): 'rtl' if its script subtag, else
       its language, is written from right to left ('ar', 'fa-IR', 'az-Arab', 'syc'; 'ku-Latn' is
       'ltr'), else 'ltr'. -->
  <xsl:function name="ed:direction" as="xs:string">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:variable name="subtags" select="tokenize(lower-case(normalize-space($lang)), '[-_]')"/>
    <xsl:variable name="script" select="$subtags[position() gt 1][string-length(.) = 4][1]"/>
    <xsl:sequence select="if (exists($script)) then ('ltr', 'rtl')[1 + number($script = $ed:rtl-scripts)]
        else ('ltr', 'rtl')[1 + number($subtags[1] = $ed:rtl-languages)]"/>
  </xsl:function>
  <!-- Scripts (ISO 15924) and languages (ISO 639-1, and 639-2/3 where TEI files use those:
       'ara', 'fas', 'heb', 'urd' …) written from right to left. -->
  <xsl:variable name="ed:rtl-scripts" as="xs:string+" select="('adlm', 'arab', 'aran', 'armi', 'avst', 'chrs',
      'cprt', 'elym', 'hatr', 'hebr', 'hung', 'khar', 'lydi', 'mand', 'mani', 'mend', 'narb', 'nbat', 'nkoo',
      'orkh', 'ougr', 'palm', 'phli', 'phlp', 'phnx', 'prti', 'rohg', 'samr', 'sarb', 'sogd', 'sogo', 'syrc',
      'thaa', 'yezi')"/>
  <xsl:variable name="ed:rtl-languages" as="xs:string+" select="('ar', 'arc', 'azb', 'bal', 'bqi', 'ckb', 'dv',
      'fa', 'glk', 'haz', 'he', 'iw', 'ji', 'khw', 'lrc', 'mzn', 'nqo', 'oar', 'ota', 'pal', 'pnb', 'prs',
      'ps', 'sam', 'sd', 'skr', 'syc', 'syr', 'ug', 'ur', 'xpu', 'yi',
      'ara', 'arb', 'arz', 'apc', 'ary', 'div', 'fas', 'per', 'pes', 'heb', 'hbo', 'pus', 'pbt', 'snd', 'uig',
      'urd', 'yid', 'ydd', 'jrb', 'smp')"/>

  <!-- The plural form of the interface language for the number $n (CLDR's categories). -->
  <xsl:function name="ed:plural" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:choose>
      <xsl:when test="$ed:language = 'ru'">
        <xsl:sequence select="if ($n mod 10 = 1 and $n mod 100 != 11) then 'one'
            else if ($n mod 10 = (2, 3, 4) and not($n mod 100 = (12, 13, 14))) then 'few' else 'many'"/>
      </xsl:when>
      <xsl:when test="$ed:language = 'lv'">
        <xsl:sequence select="if ($n mod 10 = 0 or $n mod 100 = (11 to 19)) then 'zero'
            else if ($n mod 10 = 1) then 'one' else 'other'"/>
      </xsl:when>
      <xsl:when test="$ed:language = ('fr', 'hy')"><xsl:sequence select="if ($n = (0, 1)) then 'one' else 'other'"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="if ($n = 1) then 'one' else 'other'"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The text of the message $key in the interface language, in the plural form for $count
       if it has forms; a key missing from the catalogue stops the transformation. -->
  <xsl:function name="ed:message" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="count" as="xs:numeric?"/>
    <xsl:variable name="message" select="$ed:catalogue?messages($key)($ed:language)"/>
    <xsl:if test="empty($message)">
      <xsl:message terminate="yes" select="'no message ' || $key || ' in xslt/common/messages.json'"/>
    </xsl:if>
    <xsl:sequence select="if ($message instance of map(*)) then $message(ed:plural(xs:integer($count))) else $message"/>
  </xsl:function>

  <!-- The label $key. -->
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="ed:message($key, ())"/>
  </xsl:function>

  <!-- The label $key with its placeholders filled in from $values (by name; 'count' also
       chooses the plural form). -->
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item())"/>
    <xsl:sequence select="string-join(ed:label-nodes($key, $values))"/>
  </xsl:function>

  <!-- The label $key as nodes, its placeholders filled in with $values: strings, or nodes (a
       link) copied as they are. -->
  <xsl:function name="ed:label-nodes" as="node()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item()*)"/>
    <xsl:analyze-string select="ed:message($key, $values?count)" regex="\{{([a-z]+)\}}">
      <xsl:matching-substring>
        <xsl:for-each select="$values(regex-group(1))">
          <xsl:choose>
            <xsl:when test=". instance of node()"><xsl:sequence select="."/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>
</xsl:stylesheet>
