<?xml version="1.0" encoding="UTF-8"?>
<!--
  The parameters of the print output (its labels are those of ../common/messages.xsl). The parameters of the screen HTML (../html/params.xsl) apply too:
  $documents (the book's documents, in order), the edition's own data ($edition-title …), $css.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:p="urn:x-edition:print"
    exclude-result-prefixes="#all">

  <!-- The indices as JSON: {"person": [{"name", "anchor", "mentions": [mention id, …]}, …],
       "place": […], "org": […]}, entries in the order to print them; "anchor" is
       the id of the entry ('idx-' and the register's xml:id; the text's names link there) or '';
       each mention listed stands for a page of the book (src/edition/pdf.py chooses them). -->
  <xsl:param name="indices" as="xs:string" select="'{}'"/>

  <!-- The page size (CSS @page size: A4, letter, 170mm 240mm …); '' for print.css's. -->
  <xsl:param name="page-size" as="xs:string" select="''"/>

  <!-- No facsimile images beside the pages (../html/facsimile.xsl): the print edition is the text. -->
  <xsl:param name="facsimiles" as="xs:boolean" select="false()"/>
</xsl:stylesheet>
