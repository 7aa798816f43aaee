<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every parameter of the HTML output, in one place. The toolkit sets them per run; the
  defaults render a single document on its own.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all">

  <!-- URIs of the documents of the site, in order (keys of $edition): the home page lists them,
       every page's navigation links them. -->
  <xsl:param name="documents" as="array(xs:string)" select="[]"/>

  <!-- The most documents every page's navigation lists; in a larger edition it links the home
       page (which lists them all) and, on a document's page, that document and the previous
       and next ones (rel="prev", rel="next"), so that the site's size grows linearly. -->
  <xsl:param name="nav-documents" as="xs:integer" select="12"/>

  <!-- The edition's interface languages (edition.toml), the first the default: the site is made
       in each, the pages of the others in a folder each (de/ …), and every page links the same
       page in the others; [] or one: no language switch. The page's own is $language
       (../common/messages.xsl). -->
  <xsl:param name="languages" as="array(xs:string)" select="[]"/>
  <!-- The way from the folder of the pages in $language to the site's folder, which holds the
       style sheets, scripts, images and search indexes: '../' in the folder of a language other
       than the first, else ''. -->
  <xsl:param name="site-up" as="xs:string" select="''"/>

  <!-- The home page's file name; '' when the pages are rendered without one (edition html). -->
  <xsl:param name="home-page" as="xs:string" select="''"/>

  <!-- The edition's own data, from its edition.toml (README, "edition.toml"); what is left ''
       or [] is taken from the documents' headers where they have it (edition.xsl). -->
  <xsl:param name="edition-title" as="xs:string" select="''"/>
  <xsl:param name="subtitle" as="xs:string" select="''"/>
  <xsl:param name="editors" as="array(xs:string)" select="[]"/>
  <xsl:param name="publisher" as="xs:string" select="''"/>
  <xsl:param name="licence" as="xs:string" select="''"/>
  <xsl:param name="licence-url" as="xs:string" select="''"/>
  <!-- The address the site is published at; the citation's {url}. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- How to cite the edition, its documents and passages: a pattern naming {title}, {subtitle},
       {editors}, {publisher}, {version}, {date}, {document} and {url}; '' for no citation. -->
  <xsl:param name="cite" as="xs:string" select="''"/>
  <!-- The home page's introduction (and the edition's PDF's); '' for none. -->
  <xsl:param name="introduction" as="xs:string" select="''"/>
  <!-- The edition's version ('' for its documents' editionStmt) and date (ISO 8601; '' for none),
       in every page's footer. -->
  <xsl:param name="version" as="xs:string" select="''"/>
  <xsl:param name="date" as="xs:string" select="''"/>

  <!-- What each document's page links beside it (edition.outputs.DOWNLOADS): 'tei' (its source,
       tei/NAME.xml), 'text' (text/NAME.txt), 'pdf' (pdf/NAME.pdf). -->
  <xsl:param name="downloads" as="array(xs:string)" select="[]"/>
  <!-- The documents (URIs) whose TEI source is not published (edition.outputs.publishable). -->
  <xsl:param name="withheld" as="array(xs:string)" select="[]"/>
  <!-- The index data each index page links, by page name (persons …): files of the site. -->
  <xsl:param name="index-data" as="map(xs:string, array(xs:string))" select="map{}"/>
  <!-- The pages about the edition (edition.toml's about), in the menu: each a map of its file
       and title. -->
  <xsl:param name="about-pages" as="array(map(xs:string, xs:string))" select="[]"/>

  <!-- File names of the pages about the whole edition, in navigation order (persons.html,
       places.html, organisations.html, chronology.html, works.html, search.html); [] for none
       (edition html): then there is no index navigation, no search box and no search marks. -->
  <xsl:param name="index-pages" as="array(xs:string)" select="[]"/>

  <!-- The folders of the site's search indexes (Pagefind bundles, see edition.search.bundles):
       the search page uses the interface of the first and merges the others. -->
  <xsl:param name="search-indexes" as="array(xs:string)" select="['pagefind']"/>

  <!-- The style sheet of the site's own pages and navigation (beside edition.css). -->
  <xsl:param name="site-css" as="xs:string" select="'site.css'"/>

  <!-- The Content-Security-Policy every page declares first in its head (edition.outputs.
       CONTENT_SECURITY_POLICY, which serve sends as a header too); '' for none (print). -->
  <xsl:param name="csp" as="xs:string" select="''"/>

  <!-- Which reading of a choice of the text as written and a normalised one the text shows:
       'switch' (both, the reader chooses: the site), 'normalised' or 'diplomatic' (as written;
       print: edition.toml's transcription). -->
  <xsl:param name="transcription" as="xs:string" select="'switch'"/>

  <!-- Whether a page break with a facsimile shows its image beside the text (facsimile.xsl);
       not on paper (../print/params.xsl). -->
  <xsl:param name="facsimiles" as="xs:boolean" select="true()"/>

  <!-- The site's style sheet and script, relative to the pages. -->
  <xsl:param name="css" as="xs:string" select="'edition.css'"/>
  <xsl:param name="js" as="xs:string" select="'edition.js'"/>
</xsl:stylesheet>
