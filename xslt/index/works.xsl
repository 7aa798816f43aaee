<?xml version="1.0" encoding="UTF-8"?>
<!--
  Works cited: every bibl and biblStruct of the text (not of the header, not nested in
  another), every title that points to its work (@ref, @key) and every rs of a work outside
  them, as one record with its authors, titles, date, links, where it is cited and the entry of
  a works register (a bibl, biblStruct or msDesc with an xml:id) it points to, through
  @corresp, @sameAs or @copyOf of the citation or @ref or @key of it or its title. Which
  citations are of one work is decided over the whole edition (edition.works).
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
    <xsl:sequence select="$document/tei:TEI/tei:text//(tei:bibl | tei:biblStruct | tei:title[@ref or @key]
        | tei:rs[lower-case(@type) = $ix:work-types])[not(ancestor::tei:bibl | ancestor::tei:biblStruct)]"/>
  </xsl:function>

  <!-- The types of rs that name a work. -->
  <xsl:variable name="ix:work-types" as="xs:string+" select="('work', 'bibl', 'title', 'book', 'text')"/>

  <!-- The entry of a works register that a citation points to, if any. -->
  <xsl:function name="ix:work-entry" as="element()?">
    <xsl:param name="work" as="element()"/>
    <xsl:sequence select="($work/(@corresp, @sameAs, @copyOf) ! ed:resolve(.),
        ($work/descendant-or-self::tei:title, $work/self::tei:rs) ! ed:designated(.))
        [self::tei:bibl or self::tei:biblStruct or self::tei:msDesc][@xml:id][1]"/>
  </xsl:function>

  <!-- The record of a work cited (see mentions.xsl), $id unless it has an xml:id: id, passage,
       part, note, type, subtype; its authors and editors (name, role, register key: a list of
       three fields each), titles (level, title: two each); its date's text, @when and first day;
       its links (a list), DOI and text; the xml:id and text of the works register entry it points
       to. -->
  <xsl:function name="ix:work" as="xs:string+">
    <xsl:param name="work" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="parts" select="$work/descendant-or-self::*"/>
    <xsl:variable name="entry" select="ix:work-entry($work)"/>
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
        string($date ! ix:text(.)), $dating[1], $dating[6], string-join($links, '&#13;'), string($doi), ix:text($work),
        string($entry/@xml:id), string($entry ! ix:text(.))"/>
  </xsl:function>
</xsl:stylesheet>
