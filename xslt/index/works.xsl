<?xml version="1.0" encoding="UTF-8"?>
<!--
  Works cited: every bibl and biblStruct of the text (not of the header, not nested in
  another) as one record with its authors, titles, date, links, and where it is cited.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- The works cited in a document, in document order. -->
  <xsl:function name="ix:works" as="element()*">
    <xsl:param name="document" as="document-node()"/>
    <xsl:sequence select="$document/tei:TEI/tei:text//(tei:bibl | tei:biblStruct)
        [not(ancestor::tei:bibl | ancestor::tei:biblStruct)]"/>
  </xsl:function>

  <!-- The record of a work cited (see mentions.xsl), $id unless it has an xml:id: id, passage,
       part, note, type, subtype; its authors and editors (name, role, register key: a list of
       three fields each), titles (level, title: two each); its date's text, @when and first day;
       its links (a list), DOI and text. -->
  <xsl:function name="ix:work" as="xs:string+">
    <xsl:param name="work" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="parts" select="$work//*"/>
    <xsl:variable name="links" select="distinct-values(($parts/self::tei:ptr/@target, $parts/self::tei:ref/@target, $parts/self::tei:idno)
        ! normalize-space()[starts-with(., 'http') and matches(., '^https?://')])"/>
    <xsl:variable name="doi" select="($parts/self::tei:idno[lower-case(@type) = 'doi'] ! normalize-space(),
        $links[contains(., 'doi.org/') and matches(., '^https?://(dx\.)?doi\.org/')] ! replace(., '^https?://(dx\.)?doi\.org/', ''))[.][1]"/>
    <xsl:variable name="date" select="($parts/self::tei:date)[1]"/>
    <xsl:variable name="dating" select="if ($date) then ix:dating($date) else $ix:undated"/>
    <xsl:sequence select="normalize-space(($work/@xml:id, $id)[1]), normalize-space(($work/@xml:id, ix:passage($work))[1]),
        ix:part($work), string(ix:note-number($work)), normalize-space($work/@type), normalize-space($work/@subtype),
        string-join(($parts/(self::tei:author | self::tei:editor))[normalize-space()] ! (ix:text(.), local-name(),
            normalize-space((descendant-or-self::*/@ref ! ed:resolve(.)[ix:entry-type(.)])[1]/@xml:id)), '&#13;'),
        string-join($parts/self::tei:title[normalize-space()] ! (normalize-space(@level), ix:text(.)), '&#13;'),
        string($date ! ix:text(.)), $dating[1], $dating[6], string-join($links, '&#13;'), string($doi), ix:text($work)"/>
  </xsl:function>
</xsl:stylesheet>
