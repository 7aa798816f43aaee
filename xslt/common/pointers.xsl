<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition as a whole and the pointers between its files: shared by the Schematron rules
  (schema/edition.sch) and every output stylesheet.

  $edition maps the URI of each TEI document of the edition to the document. The toolkit
  supplies it (documents parsed safely, once); an editor that runs the Schematron on one
  file gets the TEI files of that file's folder through collection().
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:err="http://www.w3.org/2005/xqt-errors"
    exclude-result-prefixes="#all">

  <xsl:param name="edition" as="map(xs:string, document-node())" select="map:merge((
      map{ ed:uri(base-uri(/)) : / },
      for $d in collection(resolve-uri('.', base-uri(/)) || '?select=*.xml;on-error=ignore')[tei:TEI]
      return map{ ed:uri(base-uri($d)) : $d }), map{ 'duplicates' : 'use-first' })"/>

  <xsl:key name="ed:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The xml:id of $element, () if an earlier element of its document has the same (the first
       wins, as pointers resolve: every output names it once). -->
  <xsl:function name="ed:own-id" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/@xml:id[key('ed:id', string(.), root($element))[1] is $element]/string()"/>
  </xsl:function>
  <xsl:key name="ed:prefix" match="tei:prefixDef" use="string(@ident)"/>

  <!-- One spelling for file URIs (file:/x and file:///x are the same file). -->
  <xsl:function name="ed:uri" as="xs:string">
    <xsl:param name="uri" as="xs:anyURI?"/>
    <xsl:variable name="u" select="string($uri)"/>
    <xsl:sequence select="if (starts-with($u, 'file:///') and not(starts-with($u, 'file:////')) or not(starts-with($u, 'file:/')))
        then $u else replace($u, '^file:/+', 'file:///')"/>
  </xsl:function>

  <!-- The pointers of an attribute that stay inside the edition, as absolute 'uri#id' (or 'uri'
       for a pointer to a whole .xml file), prefixDef prefixes expanded: '#id' (in the pointer's
       own document, whatever its xml:base, else in its corpus: ed:corpus) and 'file.xml#id';
       where the own document has no
       element '#id', a bare 'id' or an http(s) URI, the register entry that has that xml:id or
       that URI as an idno (ed:entry-targets). Other URLs with a scheme and relative links to other
       resources (images, PDFs) are not the edition's business. -->
  <xsl:function name="ed:targets" as="xs:string*">
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:variable name="base" select="ed:uri(base-uri($pointer/..))"/>
    <xsl:variable name="root" select="root($pointer)"/>
    <xsl:for-each select="tokenize($pointer)">
      <!-- the regular expressions only for pointers with a colon (a prefix or a scheme) -->
      <xsl:variable name="def" select="if (contains(., ':')) then key('ed:prefix', substring-before(., ':'), $root)[1] else ()"/>
      <xsl:variable name="expanded" select="if ($def) then ed:expand(., $def) else ."/>
      <xsl:variable name="file" select="if (contains($expanded, '#')) then substring-before($expanded, '#') else $expanded"/>
      <xsl:choose>
        <xsl:when test="contains($expanded, ':') and matches($expanded, '^[A-Za-z][A-Za-z0-9+.\-]*:')">
          <xsl:sequence select="ed:authority($expanded, ()) ! $ed:entry-targets(.)"/>
        </xsl:when>
        <!-- a document of a corpus, at CORPUS.xml/KEY.xml (edition.corpora): '#id' that it does
             not hold is the corpus's, if the corpus holds it -->
        <xsl:when test="starts-with($expanded, '#') and empty(key('ed:id', substring($expanded, 2), $root))
            and exists(ed:corpus($root) ! key('ed:id', substring($expanded, 2), $edition(.)))">
          <xsl:sequence select="ed:corpus($root) || $expanded"/>
        </xsl:when>
        <xsl:when test="starts-with($expanded, '#') and empty(key('ed:id', substring($expanded, 2), $root))
            and map:contains($ed:entry-targets, 'id ' || substring($expanded, 2))">
          <xsl:sequence select="$ed:entry-targets('id ' || substring($expanded, 2))"/>
        </xsl:when>
        <xsl:when test="contains($expanded, '#') or ends-with($expanded, '.xml')">
          <xsl:variable name="uri" select="if ($file = '') then ed:uri(base-uri($root)) else ed:resolve($file, $base)"/>
          <xsl:sequence select="if (contains($expanded, '#')) then $uri || '#' || substring-after($expanded, '#') else $uri"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$ed:entry-targets('id ' || $expanded)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- The URI of the corpus a document belongs to (its own is CORPUS.xml/KEY.xml), if the edition has it. -->
  <xsl:function name="ed:corpus" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="replace(ed:uri(base-uri($root)), '/[^/]+$', '')[ends-with(., '.xml')][map:contains($edition, .)]"/>
  </xsl:function>

  <!-- The register entries of the edition that bare ids, URIs and @key name. -->
  <xsl:variable name="ed:entry-names" as="xs:string+" select="('person', 'personGrp', 'place', 'org', 'event')"/>

  <!-- 'id ID' (each xml:id of a register entry) and ed:authority of each of its idnos -> the
       entry as 'uri#id'; a key that several entries share names none of them. -->
  <xsl:variable name="ed:entry-targets" as="map(xs:string, xs:string)" select="map:merge(
      for $key-targets in map:merge(
          for $uri in map:keys($edition), $entry in $edition($uri)//tei:*[local-name() = $ed:entry-names][@xml:id],
              $key in distinct-values(('id ' || $entry/@xml:id, $entry/tei:idno ! ed:authority(., @type)))
          return map{ $key : $uri || '#' || $entry/@xml:id }, map{ 'duplicates' : 'combine' }),
          $key in map:keys($key-targets)[count(distinct-values($key-targets(.))) = 1]
      return map{ $key : $key-targets($key)[1] })"/>

  <!-- The authority record an identifier names, as 'uri ADDRESS': an http(s) URI without its
       scheme, 'www.' and final '/'; GND, VIAF, GeoNames and Wikidata URIs in their canonical
       form (d-nb.info/gnd/ID, viaf.org/viaf/ID, sws.geonames.org/ID, www.wikidata.org/entity/ID),
       which a bare identifier of an idno whose @type names that authority also gets. () for
       anything else. -->
  <xsl:function name="ed:authority" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="type" as="xs:string?"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:variable name="address" select="if (matches($v, '^https?://', 'i'))
        then replace(replace($v, '^https?://(www\.)?', '', 'i'), '/+$', '')
        else map{ 'gnd' : 'd-nb.info/gnd/', 'viaf' : 'viaf.org/viaf/', 'geonames' : 'geonames.org/',
            'wikidata' : 'wikidata.org/entity/' }(lower-case(normalize-space($type)))[matches($v, '^[A-Za-z0-9\-]+$')] ! (. || $v)"/>
    <xsl:sequence select="$address[. != ''] ! ('uri ' || (
        if (matches(., '^d-nb\.info/gnd/[^/?#]+$', 'i')) then replace(., '^[^/]+', 'd-nb.info')
        else if (matches(., '^viaf\.org/viaf/[0-9]+', 'i')) then replace(., '^viaf\.org/viaf/([0-9]+).*$', 'viaf.org/viaf/$1', 'i')
        else if (matches(., '^(sws\.)?geonames\.org/[0-9]+(/.*)?$', 'i')) then replace(., '^(sws\.)?geonames\.org/([0-9]+).*$', 'sws.geonames.org/$2', 'i')
        else if (matches(., '^wikidata\.org/(wiki|entity)/Q[0-9]+$', 'i')) then 'www.wikidata.org/entity/' || replace(., '^.*/', '')
        else .))"/>
  </xsl:function>

  <!-- The register entry whose xml:id an element's @key is ('pmb123'), as 'uri#id'. -->
  <xsl:function name="ed:key-target" as="xs:string?">
    <xsl:param name="key" as="attribute()?"/>
    <xsl:sequence select="$key[normalize-space()] ! $ed:entry-targets('id ' || normalize-space(.))"/>
  </xsl:function>

  <!-- A prefixed pointer expanded by its prefixDef; as it stands when the definition's patterns
       do not apply or are not valid (the Schematron reports those: ed:prefix-error). -->
  <xsl:function name="ed:expand" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="def" as="element()"/>
    <xsl:variable name="value" select="substring-after($pointer, ':')"/>
    <xsl:try select="if (matches($value, $def/@matchPattern)) then replace($value, $def/@matchPattern, $def/@replacementPattern)
        else $pointer">
      <xsl:catch select="$pointer"/>
    </xsl:try>
  </xsl:function>

  <!-- Why a prefixDef cannot expand pointers ('' when it can): a matchPattern that is not a
       regular expression or that matches an empty string, or a replacementPattern that is wrong. -->
  <xsl:function name="ed:prefix-error" as="xs:string">
    <xsl:param name="def" as="element()"/>
    <xsl:try select="if (matches('', $def/@matchPattern)) then 'its matchPattern matches an empty string'
        else (replace('', $def/@matchPattern, $def/@replacementPattern), '')[2]">
      <xsl:catch errors="err:FORX0002" select="'its matchPattern is not a regular expression (' || normalize-space($err:description) || ')'"/>
      <xsl:catch select="'its replacementPattern cannot be used (' || normalize-space($err:description) || ')'"/>
    </xsl:try>
  </xsl:function>

  <!-- $file resolved against $base, as ed:uri spells it (cached: a document names few files). -->
  <xsl:function name="ed:resolve" as="xs:string" cache="yes">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="base" as="xs:string"/>
    <xsl:sequence select="ed:uri(resolve-uri($file, $base))"/>
  </xsl:function>

  <!-- $url if it is safe to link to or load: http, https or mailto, or relative and inside the
       folder of the document that holds it (which the site mirrors: no parent folder above it,
       no absolute path; '//host/…' is http or https); else (). Whitespace and control characters
       are dropped first, '\' read as '/' and '%2e' as '.', as browsers do. The Schematron warns
       about the others (url-scheme, url-outside). -->
  <xsl:function name="ed:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="clean" select="replace(string($url), '[\s\p{Cc}]', '')"/>
    <xsl:sequence select="$clean[. != ''][if (matches(., '^[A-Za-z][A-Za-z0-9+.\-]*:', 's'))
        then lower-case(substring-before(., ':')) = ('http', 'https', 'mailto') else ed:in-folder(.)]"/>
  </xsl:function>

  <!-- Whether a relative URL stays inside the folder it is relative to ('//host/…' does: it
       leaves for the web, not the file system). -->
  <xsl:function name="ed:in-folder" as="xs:boolean">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="path" select="replace(replace(replace($url, '\\', '/'), '%2[eE]', '.'), '[?#].*$', '', 's')"/>
    <xsl:sequence select="starts-with($path, '//') or not(starts-with($path, '/')) and fold-left(tokenize($path, '/'), 0,
        function($depth, $step) { if ($depth lt 0 or $step = ('', '.')) then $depth else if ($step = '..') then $depth - 1 else $depth + 1 }) ge 0"/>
  </xsl:function>

  <!-- The element a target ('uri#id') designates, or the document for 'uri'; () if none. -->
  <xsl:function name="ed:target" as="node()?">
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="doc" select="$edition(if (contains($target, '#')) then substring-before($target, '#') else $target)"/>
    <xsl:sequence select="if (contains($target, '#')) then ($doc ! key('ed:id', substring-after($target, '#'), .))[1] else $doc"/>
  </xsl:function>

  <!-- The elements a pointer attribute designates inside the edition, in order. -->
  <xsl:function name="ed:resolve" as="element()*">
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:sequence select="ed:targets($pointer) ! ed:target(.)[. instance of element()]"/>
  </xsl:function>

  <!-- The elements a name designates: those of its @ref, then the register entry of its @key. -->
  <xsl:function name="ed:designated" as="element()*">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="ed:resolve($name/@ref), ed:key-target($name/@key) ! ed:target(.)[. instance of element()]"/>
  </xsl:function>
</xsl:stylesheet>
