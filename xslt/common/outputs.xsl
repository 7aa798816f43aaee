<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the reading outputs (HTML, plain text, print and index pages) decide alike: document
  titles, normalised dates, register entries and their main names, the file names of pages
  (which notes are footnotes: behaviours.xsl; which link targets are safe: pointers.xsl).
  Includes functions.xsl (mention ids, pointers) and messages.xsl (the interface labels).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:include href="functions.xsl"/>
  <xsl:include href="messages.xsl"/>

  <!-- The index kinds in index order, as edition.kinds declares them (every rendering hands
       them over): each a map of its type ('person' …), its section of the index data
       ('persons' …), the folder of its pages ('persons' …) and whether it has register entries. -->
  <xsl:param name="index-kinds" as="array(map(xs:string, item()))" required="yes"/>

  <!-- The page name of each register entry whose xml:id is not one (an id too long for a file
       name, or not a plain name: edition.kinds.renamed); the others' pages are named by their id. -->
  <xsl:param name="page-names" as="map(xs:string, xs:string)" select="map{}"/>

  <!-- The types of the kinds of register entries, in index order ('person', 'place', 'org'). -->
  <xsl:variable name="ed:registered" as="xs:string*" select="$index-kinds?*[?registered] ! ?type"/>

  <!-- The folder of the pages of each kind of register entry (persons/ID.html …), beside
       their list page (persons.html …). -->
  <xsl:variable name="ed:entity-folders" as="map(xs:string, xs:string)"
      select="map:merge($index-kinds?*[?registered] ! map{ ?type: ?folder })"/>

  <!-- The page of the entity $id of type $type ('person', 'place', 'org'): 'persons/t-stalin.html'. -->
  <xsl:function name="ed:entity-page" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$ed:entity-folders($type) || '/' || $id || '.html'"/>
  </xsl:function>

  <!-- The title of a document: main title (and subtitle) of its own titles (ed:titles), else
       the file name. -->
  <xsl:function name="ed:doc-title" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="titles" select="ed:titles($node)"/>
    <xsl:variable name="main" select="normalize-space(($titles[@type = 'main'], $titles[not(@type)], $titles)[1])"/>
    <xsl:variable name="sub" select="normalize-space($titles[@type = 'sub'][1])"/>
    <xsl:sequence select="if ($main = '') then ed:doc-key($node)
        else if ($sub != '') then $main || (if (matches($main, '[:.?!]$')) then ' ' else ': ') || $sub else $main"/>
  </xsl:function>

  <!-- The file name of a document's HTML page: its file name with .html. -->
  <xsl:function name="ed:page-file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="replace(tokenize(ed:uri(base-uri(root($node))), '/')[last()], '\.xml$', '') || '.html'"/>
  </xsl:function>

  <!-- The normalised value of a date ('1920-04', '1920-11-07 – 1920-11-08'); '' if it has none. -->
  <xsl:function name="ed:date-value" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="start" select="($date/@from, $date/@notBefore)[1]"/>
    <xsl:variable name="end" select="($date/@to, $date/@notAfter)[1]"/>
    <xsl:sequence select="if ($date/@when) then normalize-space($date/@when)
        else if ($start or $end) then string-join((normalize-space($start), normalize-space($end)), ' – ') => normalize-space()
        else ''"/>
  </xsl:function>

  <!-- The register entry (person, place, org …) a mention points to (@ref or @key), if it resolves. -->
  <xsl:function name="ed:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:designated($mention)[1]"/>
  </xsl:function>

  <!-- An ISO 8601 date of the common era (a day, month or year) as the interface language
       writes it ("21 February 1907", "21. Februar 1907", "21 февраля 1907 г."); another value
       as it stands. -->
  <xsl:function name="ed:readable-date" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="precision" select="if (starts-with($value, '-')) then () else ed:precision($value)"/>
    <xsl:variable name="parts" select="tokenize(substring-before($value || 'T', 'T'), '-') ! xs:integer(.)"/>
    <xsl:sequence select="if ($precision = 'day') then ed:label('date-day', map{ 'day': $parts[3],
            'month': tokenize(ed:label('months-of-day'), '\|')[$parts[2]], 'year': $parts[1] })
        else if ($precision = 'month') then ed:label('date-month', map{
            'month': tokenize(ed:label('months'), '\|')[$parts[2]], 'year': $parts[1] })
        else if ($precision = 'year') then string($parts[1]) else $value"/>
  </xsl:function>

  <!-- The main name of a register entry (ed:entry-names). -->
  <xsl:function name="ed:main-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="normalize-space(ed:entry-names($entry)[1])"/>
  </xsl:function>

  <!-- The link to a register entry's page ('persons/t-stalin.html'); () for other elements. -->
  <xsl:function name="ed:entry-href" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry[@xml:id and map:contains($ed:entity-folders, local-name(.))]
        ! ed:entity-page(local-name(.), ($page-names(string(@xml:id)), string(@xml:id))[1])"/>
  </xsl:function>

</xsl:stylesheet>
