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

  <!-- The index a register entry belongs to: 'person', 'place', 'org', 'event' (in a listEvent),
       or () for other targets. -->
  <xsl:function name="ix:entry-type" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry ! (if (self::tei:person or self::tei:personGrp) then 'person'
        else if (self::tei:place) then 'place' else if (self::tei:org) then 'org'
        else if (self::tei:event[parent::tei:listEvent]) then 'event' else ())"/>
  </xsl:function>

  <xsl:function name="ix:main-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ix:name(ed:entry-names($entry)[1])"/>
  </xsl:function>

  <!-- The record of a register entry (see mentions.xsl): its xml:id, index (ix:entry-type), URI,
       cert, subtype, latitude and longitude ('' unless it has both), main name; its other names
       and notes (lists); its birth, death, floruit and events, an event its own date (kind, the seven fields of
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
        string-join(distinct-values(tail(ed:entry-names($entry)) ! ix:name(.))[. ne $main][.], '&#13;'),
        string-join($entry/tei:note[normalize-space()] ! ix:text(.), '&#13;'),
        string-join(($entry/self::tei:event[@*[matches(local-name(), '^(when|from|to|notBefore|notAfter)(-iso)?$')] or tei:date],
            $entry/(tei:birth | tei:death | tei:floruit | tei:event)) ! ((if (. is $entry) then 'date' else local-name()),
            ix:dating((.[@*[local-name() = ('when', 'from', 'to', 'notBefore', 'notAfter')]], tei:date, .)[1]),
            if (. is $entry) then string(tei:date[1] ! ix:text(.)) else ix:text(.)), '&#13;'),
        string-join($entry/tei:idno[normalize-space()] ! (normalize-space(@type), normalize-space()), '&#13;')"/>
  </xsl:function>
</xsl:stylesheet>
