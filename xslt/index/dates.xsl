<?xml version="1.0" encoding="UTF-8"?>
<!--
  Normalised dates for the indices: the ISO 8601 value of a dating element (date, birth,
  death, floruit, event …) as one key, and the first and last day it may designate, so that
  dates sort chronologically whatever their precision (the first: ../common/dates.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:ix="urn:x-edition:index"
    xmlns="urn:x-edition:index"
    exclude-result-prefixes="#all">

  <!-- The normalised value: @when; "from/to" for a range (".." for an open end);
       "[notBefore..notAfter]" for a date known only within limits (EDTF notation); () if undated. -->
  <xsl:function name="ix:date-value" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="from" select="ed:dating($date, 'from')"/>
    <xsl:variable name="to" select="ed:dating($date, 'to')"/>
    <xsl:variable name="not-before" select="ed:dating($date, 'notBefore')"/>
    <xsl:variable name="not-after" select="ed:dating($date, 'notAfter')"/>
    <xsl:sequence select="
        if (ed:dating($date, 'when')) then ed:dating($date, 'when')
        else if ($from or $to) then ($from, '..')[1] || '/' || ($to, '..')[1]
        else if ($not-before or $not-after) then '[' || $not-before || '..' || $not-after || ']'
        else ()"/>
  </xsl:function>

  <!-- Last day (YYYY-MM-DD) an ISO 8601 value may designate; () if it is not a valid date. -->
  <xsl:function name="ix:last-day" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="precision" select="ed:precision($value)"/>
    <xsl:sequence select="ed:first-day($value) ! (if ($precision = 'day') then .
        else string(xs:date(.) + xs:yearMonthDuration(if ($precision = 'month') then 'P1M' else 'P1Y') - xs:dayTimeDuration('P1D')))"/>
  </xsl:function>

  <!-- The dating attributes of an element and its sortable start and end, as attributes. -->
  <xsl:template name="ix:dating-attributes">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="values" as="map(xs:string, xs:string)"
        select="map:merge(('when', 'from', 'to', 'notBefore', 'notAfter') ! (let $name := . return ed:dating($date, $name) ! map{ $name : . }))"/>
    <xsl:for-each select="'when', 'from', 'to', 'notBefore', 'notAfter'">
      <xsl:variable name="name" select="."/>
      <xsl:for-each select="$values($name)"><xsl:attribute name="{$name}" select="."/></xsl:for-each>
    </xsl:for-each>
    <xsl:variable name="start" select="($values?when, $values?from, $values?notBefore)[1] ! ed:first-day(.)"/>
    <xsl:variable name="end" select="($values?when, $values?to, $values?notAfter)[1] ! ix:last-day(.)"/>
    <xsl:if test="exists($start)"><xsl:attribute name="start" select="$start"/></xsl:if>
    <xsl:if test="exists($end)"><xsl:attribute name="end" select="$end"/></xsl:if>
  </xsl:template>
</xsl:stylesheet>
