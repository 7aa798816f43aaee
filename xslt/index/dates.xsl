<?xml version="1.0" encoding="UTF-8"?>
<!--
  Normalised dates for the indices: the ISO 8601 value of a dating element (date, birth,
  death, floruit, event …) as one key, and the first and last day it may designate, so that
  dates sort chronologically whatever their precision (the first: ../common/dates.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- The dating of an element: its @when, @from, @to, @notBefore and @notAfter (normalised;
       the -iso variants as fallback), then the first and the last day it may designate; '' for
       each it has not. -->
  <xsl:function name="ix:dating" as="xs:string+">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="values" select="('when', 'from', 'to', 'notBefore', 'notAfter') ! string(ed:dating($date, .))"/>
    <xsl:sequence select="$values, string(ed:start-day($date)), string(($values[1], $values[3], $values[5])[.][1] ! ix:last-day(.))"/>
  </xsl:function>

  <!-- The dating of an element without any. -->
  <xsl:variable name="ix:undated" as="xs:string+" select="('', '', '', '', '', '', '')"/>

  <!-- The normalised value of a dating (ix:dating): @when; "from/to" for a range (".." for an
       open end); "[notBefore..notAfter]" for a date known only within limits (EDTF notation);
       '' if undated. -->
  <xsl:function name="ix:date-value" as="xs:string">
    <xsl:param name="dating" as="xs:string+"/>
    <xsl:sequence select="
        if ($dating[1]) then $dating[1]
        else if ($dating[2] or $dating[3]) then ($dating[2][.], '..')[1] || '/' || ($dating[3][.], '..')[1]
        else if ($dating[4] or $dating[5]) then '[' || $dating[4] || '..' || $dating[5] || ']'
        else ''"/>
  </xsl:function>

  <!-- Last day (YYYY-MM-DD) an ISO 8601 value may designate; () if it is not a valid date. -->
  <xsl:function name="ix:last-day" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="precision" select="ed:precision($value)"/>
    <xsl:sequence select="ed:first-day($value) ! (if ($precision = 'day') then .
        else string(xs:date(.) + xs:yearMonthDuration(if ($precision = 'month') then 'P1M' else 'P1Y') - xs:dayTimeDuration('P1D')))"/>
  </xsl:function>
</xsl:stylesheet>
