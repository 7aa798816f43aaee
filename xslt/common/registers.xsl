<?xml version="1.0" encoding="UTF-8"?>
<!--
  A register entry (person, place, organisation, event) as a reader reads it, the same for
  every format (../html/registers.xsl, ../text/registers.xsl; print by the HTML's): its main
  name, then what else it holds, each labelled (b:entry-label): other names, dates of birth and
  death, places, identifiers, notes, the entries inside it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all">

  <!-- The labels of what an entry holds, by TEI name; anything else is 'reg-details'. -->
  <xsl:variable name="b:entry-labels" as="map(xs:string, xs:string)" select="map{
      'persName': 'variants', 'placeName': 'variants', 'orgName': 'variants', 'name': 'variants', 'eventName': 'variants',
      'label': 'variants', 'form': 'variants', 'birth': 'born', 'death': 'died', 'floruit': 'active', 'date': 'date',
      'idno': 'identifiers', 'location': 'reg-location', 'occupation': 'reg-occupation', 'residence': 'reg-residence',
      'affiliation': 'reg-affiliation', 'sex': 'reg-sex', 'gender': 'reg-sex', 'desc': 'reg-description',
      'state': 'reg-description', 'trait': 'reg-description', 'country': 'reg-place', 'region': 'reg-place',
      'settlement': 'reg-place', 'district': 'reg-place', 'bloc': 'reg-place',
      'note': 'note', 'noteGrp': 'note', 'listBibl': 'ms-list-bibl', 'bibl': 'ms-list-bibl', 'listEvent': 'reg-events',
      'event': 'reg-events', 'listRelation': 'reg-relations', 'relation': 'reg-relations', 'person': 'persons',
      'listPerson': 'persons', 'place': 'places', 'listPlace': 'places', 'org': 'organisations', 'listOrg': 'organisations' }"/>

  <!-- The main name of an entry: its first name (of a person, place, organisation, event). -->
  <xsl:function name="b:entry-name" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:persName | tei:placeName | tei:orgName | tei:name | tei:eventName | tei:label
        | tei:head | tei:form)[1]"/>
  </xsl:function>

  <!-- The label of what an entry holds. -->
  <xsl:function name="b:entry-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="($b:entry-labels(local-name($element)), 'reg-details')[1]"/>
  </xsl:function>

  <!-- What an entry holds besides its main name. -->
  <xsl:function name="b:entry-parts" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/* except b:entry-name($entry)"/>
  </xsl:function>
</xsl:stylesheet>
