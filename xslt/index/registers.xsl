<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register entries (person, place, org and the like) as the indices describe them: main name,
  variants, note, dates, type, coordinates and authority identifiers.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- The index a register entry belongs to: 'person', 'place', 'org', or () for other targets. -->
  <xsl:function name="ix:entry-type" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry ! (if (self::tei:person or self::tei:personGrp) then 'person'
        else if (self::tei:place) then 'place' else if (self::tei:org) then 'org' else ())"/>
  </xsl:function>

  <!-- The names of an entry, the main one first (@type main/reg/full, else the first); a place
       without a placeName is named by its first settlement, geogName, district, region or country. -->
  <xsl:function name="ix:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="own" select="$entry/(tei:persName | tei:placeName | tei:orgName | tei:name)"/>
    <xsl:variable name="names" select="if ($own) then $own
        else $entry/self::tei:place/(tei:settlement | tei:geogName | tei:district | tei:region | tei:country)[1]"/>
    <xsl:variable name="main" select="($names[@type = ('main', 'reg', 'full')], $names)[1]"/>
    <xsl:sequence select="$main, $names except $main"/>
  </xsl:function>

  <xsl:function name="ix:main-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ix:name(ix:entry-names($entry)[1])"/>
  </xsl:function>

  <!-- The record of a register entry (see mentions.xsl): its xml:id, index (ix:entry-type), URI,
       cert, subtype, latitude and longitude ('' unless it has both), main name; its other names
       and notes (lists); its birth, death, floruit and events (kind, the seven fields of
       ix:dating, text: nine fields each) and authority identifiers (type, value: two each). -->
  <xsl:function name="ix:entity" as="xs:string+">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="geo" select="tokenize(normalize-space(translate(string(($entry/tei:location/tei:geo)[1]), ',', ' ')), ' ')"/>
    <!-- coordinates only when they are two numbers on the globe (latitude, then longitude) -->
    <xsl:variable name="located" select="count($geo) = 2 and (every $c in $geo satisfies $c castable as xs:double)
        and abs(xs:double($geo[1])) le 90 and abs(xs:double($geo[2])) le 180"/>
    <xsl:variable name="main" select="ix:main-name($entry)"/>
    <xsl:sequence select="normalize-space($entry/@xml:id), ix:entry-type($entry), ed:uri(base-uri($entry)) || '#' || normalize-space($entry/@xml:id),
        normalize-space($entry/@cert), string(($entry/@type, $entry/tei:placeType, $entry/tei:orgType)[normalize-space()][1] ! normalize-space()),
        if ($located) then $geo[1] else '', if ($located) then $geo[2] else '', $main,
        string-join(distinct-values(tail(ix:entry-names($entry)) ! ix:name(.))[. ne $main][.], '&#13;'),
        string-join($entry/tei:note[normalize-space()] ! ix:text(.), '&#13;'),
        string-join($entry/(tei:birth | tei:death | tei:floruit | tei:event) ! (local-name(),
            ix:dating((.[@*[local-name() = ('when', 'from', 'to', 'notBefore', 'notAfter')]], tei:date, .)[1]), ix:text(.)), '&#13;'),
        string-join($entry/tei:idno[normalize-space()] ! (normalize-space(@type), normalize-space()), '&#13;')"/>
  </xsl:function>
</xsl:stylesheet>
