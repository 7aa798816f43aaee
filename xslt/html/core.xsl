<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI core elements (paragraphs, highlighting, quotation, lists, notes, page breaks, editorial
  interventions, bibliographic references) and the helpers every HTML module uses.

  Two tunnel parameters carry the context: h:phrasing (true inside an HTML element that
  allows only phrasing content: block-level TEI then becomes a span with class "block"), and
  h:in-link (true inside a link: no link may be nested, so mentions and references become spans).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- TEI elements rendered as HTML blocks: an unknown element containing one is a div. -->
  <xsl:variable name="h:blocks" as="xs:string*" select="('p', 'ab', 'div', 'list', 'listBibl', 'table',
      'figure', 'lg', 'l', 'sp', 'castList', 'quote', 'opener', 'closer', 'titlePage', 'head', 'floatingText')"/>

  <!-- The attributes every rendered element (the context) carries: id, lang, class (TEI name,
       @rend, @type, $class). -->
  <xsl:template name="h:attributes">
    <xsl:param name="id" as="xs:string?" select="@xml:id"/>
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:if test="normalize-space($id)"><xsl:attribute name="id" select="$id"/></xsl:if>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
    <xsl:variable name="name" select="local-name()"/>
    <xsl:attribute name="class" select="if (@rend or @type or count($class) gt 1)
        then distinct-values(($name, tokenize(normalize-space(@rend)) ! ('rend-' || .),
            tokenize(normalize-space(@type)) ! ('type-' || .), $class))
        else ($name, $class[. ne $name])"/>
  </xsl:template>

  <!-- The context element as the HTML block $name (a span with class "block" where only phrasing
       content is allowed); its content is phrasing content if $inner-phrasing. -->
  <xsl:template name="h:block">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:param name="inner-phrasing" as="xs:boolean" select="false()"/>
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else $name}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="$class, 'block'[$h:phrasing and $name != 'span']"/>
      </xsl:call-template>
      <xsl:apply-templates>
        <xsl:with-param name="h:phrasing" tunnel="yes" select="$h:phrasing or $inner-phrasing"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The context element as the HTML phrasing element $name. -->
  <xsl:template name="h:inline">
    <xsl:param name="name" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:element name="{$name}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="$class"/>
      </xsl:call-template>
      <xsl:apply-templates>
        <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Unknown elements keep their text: a div if they hold blocks, else a span. -->
  <xsl:template match="tei:*">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="if (* and .//tei:*[local-name() = $h:blocks]) then 'div' else 'span'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:trailer | tei:argument/tei:p | tei:epigraph/tei:p">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Highlighting, rendered by meaning. -->
  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="tokenize(lower-case(@rend))"/>
    <xsl:call-template name="h:inline">
      <xsl:with-param name="name" select="if ($rend = ('sup', 'superscript')) then 'sup'
          else if ($rend = ('sub', 'subscript')) then 'sub' else if ($rend = ('bold', 'b', 'strong')) then 'b'
          else if ($rend = ('italic', 'italics', 'i')) then 'i' else if ($rend = ('underline', 'u')) then 'u' else 'span'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:emph">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'em'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:foreign | tei:mentioned | tei:distinct">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'i'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:title">
    <xsl:call-template name="h:inline">
      <xsl:with-param name="name" select="'cite'"/>
      <xsl:with-param name="class" select="@level ! ('level-' || .)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:q | tei:said | tei:soCalled">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:term">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'dfn'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:code">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'code'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:add">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'ins'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:del">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'del'"/></xsl:call-template>
  </xsl:template>

  <!-- Quotations: set off (a blockquote) or running in the text (the source's quotation marks
       are kept in the text, so the q adds none). -->
  <xsl:template match="tei:quote[@rend = 'block' or tei:p or tei:lg or not(ancestor::tei:p or ancestor::tei:ab or ancestor::tei:l)]">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'blockquote'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:quote">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:cit">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'div'"/></xsl:call-template>
  </xsl:template>

  <!-- Lists: numbered, glossed (label + item) or plain. -->
  <xsl:template match="tei:list">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="tei:label">
        <xsl:element name="{if ($h:phrasing) then 'span' else 'dl'}">
          <xsl:call-template name="h:attributes"/>
          <xsl:apply-templates select="* except tei:head" mode="h:gloss"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:list-items">
          <xsl:with-param name="name" select="if (tokenize(@type) = ('ordered', 'numbered') or tokenize(@rend) = ('numbered', 'ordered'))
              then 'ol' else 'ul'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="h:list-items">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else $name}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'block'[$h:phrasing]"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'li'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:label" mode="h:gloss">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'dt'"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:item" mode="h:gloss">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'dd'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:*" mode="h:gloss">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="tei:label">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'b'"/></xsl:call-template>
  </xsl:template>

  <!-- The footnotes of the context document, worked out once (handed down as the tunnel
       parameter h:footnotes): by generate-id() of the note, its id and its label. -->
  <xsl:template name="h:footnotes" as="map(*)">
    <xsl:map>
      <xsl:for-each select=".//tei:text//tei:note[ed:is-footnote(.)]">
        <xsl:map-entry key="generate-id()" select="ed:note-id(., position()), ed:note-label(., position())"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:template>

  <!-- Footnotes: a numbered marker linking to the note (which links back) and described by
       its text (edition.js shows the text by the marker on hover and keyboard focus). -->
  <xsl:template match="tei:note[ed:is-footnote(.)]">
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:footnotes" as="map(*)" tunnel="yes" select="map{}"/>
    <xsl:variable name="known" select="$h:footnotes(generate-id())"/>
    <xsl:variable name="id" select="if (exists($known)) then $known[1] else ed:note-id(.)"/>
    <xsl:variable name="label" select="if (exists($known)) then $known[2] else ed:note-label(.)"/>
    <xsl:choose>
      <xsl:when test="$h:in-link"><sup class="fn-ref" aria-describedby="{$id}-text">{$label}</sup></xsl:when>
      <xsl:otherwise>
        <a class="fn-ref" id="{$id}-ref" href="#{$id}" aria-describedby="{$id}-text"><sup>{$label}</sup></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The notes of a document, numbered, each with a link back to its marker. -->
  <xsl:template name="h:notes">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="h:footnotes" as="map(*)" tunnel="yes" select="map{}"/>
    <xsl:variable name="notes" select=".//tei:text//tei:note[ed:is-footnote(.)]"/>
    <xsl:if test="$notes">
      <xsl:variable name="back" select="ed:label('back', $lang)"/>
      <section class="notes" aria-labelledby="notes-title">
        <h2 id="notes-title">{ed:label('notes', $lang)}</h2>
        <ol class="fn-list">
          <xsl:for-each select="$notes">
            <xsl:variable name="known" select="$h:footnotes(generate-id())"/>
            <xsl:variable name="id" select="if (exists($known)) then $known[1] else ed:note-id(.)"/>
            <li id="{$id}">
              <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
              <a class="fn-back" href="#{$id}-ref" title="{$back}">{if (exists($known)) then $known[2] else ed:note-label(.)}</a>
              <xsl:text> </xsl:text>
              <div class="fn-text" id="{$id}-text"><xsl:apply-templates/></div>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Other notes stay in the text. -->
  <xsl:template match="tei:note">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'small'"/></xsl:call-template>
  </xsl:template>

  <xsl:key name="h:pages" match="tei:pb" use="normalize-space(@n)"/>

  <!-- The source's page numbers, in the margin, each with an anchor. -->
  <xsl:template match="tei:pb[normalize-space(@n)]">
    <xsl:param name="h:lang" as="xs:string?" tunnel="yes" select="()"/>
    <xsl:variable name="same" select="key('h:pages', normalize-space(@n))"/>
    <xsl:variable name="id" select="(@xml:id, 'page-' || normalize-space(@n)
        || (if (. is $same[1]) then '' else '-' || count($same[. &lt;&lt; current()]) + 1))[1]"/>
    <xsl:variable name="label" select="'[' || ed:label('page', if (exists($h:lang)) then $h:lang else ed:lang(.))
        || ' ' || normalize-space(@n) || ']'"/>
    <span class="pb" id="{$id}">
      <!-- Inside a link (a mention, a ref), a second link would be invalid HTML: the anchor only. -->
      <xsl:choose>
        <xsl:when test="ancestor::tei:persName | ancestor::tei:placeName | ancestor::tei:orgName | ancestor::tei:date
            | ancestor::tei:rs | ancestor::tei:ref">{$label}</xsl:when>
        <xsl:otherwise><a href="#{$id}">{$label}</a></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
  <xsl:template match="tei:pb | tei:cb | tei:milestone"/>
  <xsl:template match="tei:lb"><br/></xsl:template>

  <!-- Editorial interventions: the text as written, an alternative in brackets. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(tei:sic, tei:orig, tei:abbr, *)[1]"/>
    <span class="choice">
      <xsl:apply-templates select="$shown"/>
      <xsl:for-each select="* except $shown">
        <xsl:text> [</xsl:text><xsl:apply-templates select="."/><xsl:text>]</xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="tei:gap">
    <span class="gap" title="{string-join((@reason, @quantity, @unit), ' ')}">[…]</span>
  </xsl:template>
  <xsl:template match="tei:rdg">
    <span><xsl:call-template name="h:attributes"/> [<xsl:apply-templates/>]</span>
  </xsl:template>
  <xsl:template match="tei:supplied">
    <span class="supplied">[<xsl:apply-templates/>]</span>
  </xsl:template>

  <!-- References: a citation keeps its text and its links; a list of references is a list. -->
  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <xsl:call-template name="h:list-items"><xsl:with-param name="name" select="'ul'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'li'}">
      <xsl:call-template name="h:attributes"/>
      <xsl:apply-templates select="." mode="h:bibl"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:bibl | tei:biblStruct">
    <span>
      <xsl:call-template name="h:attributes"/>
      <xsl:apply-templates select="." mode="h:bibl"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </span>
  </xsl:template>
  <xsl:template match="tei:bibl" mode="h:bibl">
    <xsl:apply-templates/>
  </xsl:template>
</xsl:stylesheet>
