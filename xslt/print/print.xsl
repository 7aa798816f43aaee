<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: one HTML document laid out for paper by CSS Paged Media (print.css,
  rendered to PDF by WeasyPrint, see src/edition/pdf.py). It imports the screen HTML and
  overrides only what differs on paper (text.xsl), then builds the book (book.xsl): title
  page, contents, the documents in $documents, and indices of persons, places and
  organisations. Called by its initial template; parameters: params.xsl, ../html/params.xsl
  and $edition (../common/pointers.xsl).
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../html/modules.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="book.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
</xsl:stylesheet>
