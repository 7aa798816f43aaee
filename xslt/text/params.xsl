<?xml version="1.0" encoding="UTF-8"?>
<!-- Every parameter of the plain-text output. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Footnotes: 'endnotes' (markers [n] and the notes after the text), 'inline' (the note in
       brackets at its marker) or 'none'. -->
  <xsl:param name="notes" as="xs:string" select="'endnotes'"/>

  <!-- Which reading of a choice of the text as written (sic, orig, abbr) and a normalised one
       (corr, reg, expan) the text shows: 'normalised' or 'diplomatic' (edition.toml's transcription). -->
  <xsl:param name="transcription" as="xs:string" select="'normalised'"/>
</xsl:stylesheet>
