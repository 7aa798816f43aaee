<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dates as the indices order them, shared by every output: the dating attributes of an element,
  the first day an ISO 8601 value may designate, and the year (and chronology page) a date is
  filed under: the year of its first day.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <!-- A dating attribute of an element, with the -iso variant as fallback; () if none. -->
  <xsl:function name="ed:dating" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="($element/@*[local-name() = ($name, $name || '-iso')][normalize-space()])[1] ! normalize-space()"/>
  </xsl:function>

  <!-- The precision of an ISO 8601 date (time of day ignored): 'year', 'month', 'day' or ().
       (String functions, not regular expressions: those cost SaxonC more.) -->
  <xsl:function name="ed:precision" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="date" select="if (contains($value, 'T')) then substring-before($value, 'T') else $value"/>
    <xsl:sequence select="$ed:precisions(translate(if (starts-with($date, '-')) then substring($date, 2) else $date,
        '123456789', '000000000'))"/>
  </xsl:function>

  <!-- The precision of a date by its shape (every digit written 0). -->
  <xsl:variable name="ed:precisions" as="map(xs:string, xs:string)"
      select="map{ '0000': 'year', '0000-00': 'month', '0000-00-00': 'day' }"/>

  <!-- $value if HTML takes it as a <time> element's datetime (a year, month or day of four-digit
       years, no time of day); else (). -->
  <xsl:function name="ed:datetime" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="$value[not(starts-with(., '-') or contains(., 'T')) and exists(ed:precision(.))]"/>
  </xsl:function>

  <!-- First day (YYYY-MM-DD) an ISO 8601 value may designate; () if it is not a valid date. -->
  <xsl:function name="ed:first-day" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="precision" select="ed:precision($value)"/>
    <xsl:sequence select="if (empty($precision)) then () else
        (substring(if (contains($value, 'T')) then substring-before($value, 'T') else $value, 1, 10)
         || $ed:first-day-suffix($precision))[. castable as xs:date]"/>
  </xsl:function>

  <xsl:variable name="ed:first-day-suffix" as="map(xs:string, xs:string)"
      select="map{ 'year' : '-01-01', 'month' : '-01', 'day' : '' }"/>

  <!-- The first day a dating element may designate (from @when, else @from, else @notBefore). -->
  <xsl:function name="ed:start-day" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="(ed:dating($date, 'when'), ed:dating($date, 'from'), ed:dating($date, 'notBefore'))[1] ! ed:first-day(.)"/>
  </xsl:function>

  <!-- The year of a first day ('1920-04-01': '1920'); '' for none. -->
  <xsl:function name="ed:year" as="xs:string">
    <xsl:param name="day" as="xs:string?"/>
    <xsl:sequence select="string((if (starts-with($day, '-')) then '-' || substring-before(substring($day, 2), '-')
        else substring-before($day, '-'))[. != ''] ! xs:integer(.))"/>
  </xsl:function>

  <!-- The chronology page of the dates of a year (of ed:year; '' for dates without a calendar date). -->
  <xsl:function name="ed:chronology-page" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="'chronology/' || (if ($year = '') then 'undated' else $year) || '.html'"/>
  </xsl:function>
</xsl:stylesheet>
