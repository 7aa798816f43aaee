<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of the core behaviours (../common/behaviours.xsl: containers, blocks, paragraphs,
  quotations, inline styles, lists, footnotes and other notes, page and line breaks, editorial
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
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- lang="$lang", and dir where the writing direction changes from that of the language $around
       (ed:direction): a paragraph of Arabic in an English text, an English text on a page in
       Persian. An element with dir is isolated from the text around it (HTML's bidi rules). -->
  <xsl:template name="h:lang">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="around" as="xs:string" select="$ed:language"/>
    <xsl:attribute name="lang" select="$lang"/>
    <xsl:if test="ed:direction($lang) != ed:direction($around)">
      <xsl:attribute name="dir" select="ed:direction($lang)"/>
    </xsl:if>
  </xsl:template>

  <!-- The attributes every rendered element (the context) carries: id, lang, class (TEI name,
       @rend, @type, $class). -->
  <xsl:template name="h:attributes">
    <xsl:param name="id" as="xs:string?" select="ed:own-id(.)"/>
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:if test="normalize-space($id)"><xsl:attribute name="id" select="$id"/></xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:call-template name="h:lang">
        <xsl:with-param name="lang" select="@xml:lang"/>
        <xsl:with-param name="around" select="if (self::tei:text) then $ed:language
            else (ancestor::*[@xml:lang][1]/@xml:lang, ed:lang(.))[1]"/>
      </xsl:call-template>
    </xsl:if>
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

  <!-- An element of no known behaviour keeps its text: a div if it holds blocks, else a span. -->
  <xsl:template _match="{$b:container}">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="if (b:holds-blocks(.)) then 'div' else 'span'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template _match="{$b:block}">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'div'"/></xsl:call-template>
  </xsl:template>

  <!-- A paragraph, and what reads as one (drama and verse: drama.xsl). -->
  <xsl:template _match="{$b:paragraph}">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Highlighting, rendered by meaning. -->
  <xsl:template _match="{$b:highlight}">
    <xsl:variable name="style" select="b:style(.)"/>
    <xsl:call-template name="h:inline">
      <xsl:with-param name="name" select="if ($style = 'superscript') then 'sup' else if ($style = 'subscript') then 'sub'
          else if ($style = 'bold') then 'b' else if ($style = 'italic') then 'i' else if ($style = 'underline') then 'u' else 'span'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:emphasis}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'em'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:italic}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'i'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:title}">
    <xsl:call-template name="h:inline">
      <xsl:with-param name="name" select="'cite'"/>
      <xsl:with-param name="class" select="@level ! ('level-' || .)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:quoted}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:term}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'dfn'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:code}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'code'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:label}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'b'"/></xsl:call-template>
  </xsl:template>

  <!-- Quotations: set off (a blockquote) or running in the text (the source's quotation marks
       are kept in the text, so the q adds none). -->
  <xsl:template _match="{$b:quote}">
    <xsl:choose>
      <xsl:when test="b:set-off(.)">
        <xsl:call-template name="h:block"><xsl:with-param name="name" select="'blockquote'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lists: numbered, glossed (label + item) or plain. -->
  <xsl:template _match="{$b:list}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="b:glossed(.)">
        <xsl:element name="{if ($h:phrasing) then 'span' else 'dl'}">
          <xsl:call-template name="h:attributes"/>
          <xsl:apply-templates select="* except tei:head"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:list-items">
          <xsl:with-param name="name" select="if (b:numbered(.)) then 'ol' else 'ul'"/>
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

  <!-- In a list that pairs labels with items: dt and dd. -->
  <xsl:template _match="{$b:list-item}">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="if (parent::tei:list[b:glossed(.)]) then 'dd' else 'li'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:list-label}">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'dt'"/>
      <xsl:with-param name="inner-phrasing" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Footnotes: a numbered marker linking to the note (which links back) and described by
       its text (edition.js shows the text by the marker on hover and keyboard focus). The
       document's footnotes are numbered once (ed:footnote-numbers), handed down as the tunnel
       parameter h:footnotes. -->
  <xsl:template _match="{$b:footnote}">
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
    <xsl:variable name="notes" select="ed:footnotes(.)"/>
    <xsl:if test="$notes">
      <xsl:variable name="back" select="ed:label('back')"/>
      <section class="notes" aria-labelledby="notes-title">
        <h2 id="notes-title">{ed:label('notes')}</h2>
        <ol class="fn-list">
          <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
          <xsl:for-each select="$notes">
            <xsl:variable name="known" select="$h:footnotes(generate-id())"/>
            <xsl:variable name="id" select="if (exists($known)) then $known[1] else ed:note-id(.)"/>
            <li id="{$id}">
              <xsl:if test="@xml:lang">
                <xsl:call-template name="h:lang">
                  <xsl:with-param name="lang" select="@xml:lang"/>
                  <xsl:with-param name="around" select="$lang"/>
                </xsl:call-template>
              </xsl:if>
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
  <xsl:template _match="{$b:note}">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'small'"/></xsl:call-template>
  </xsl:template>

  <xsl:key name="h:pages" match="tei:pb" use="normalize-space(@n)"/>

  <!-- The source's page numbers, in the margin, each with an anchor. -->
  <xsl:template _match="{$b:page-break}">
    <xsl:param name="h:lang" as="xs:string?" tunnel="yes" select="()"/>
    <xsl:variable name="same" select="key('h:pages', normalize-space(@n))"/>
    <xsl:variable name="id" select="(ed:own-id(.), 'page-' || normalize-space(@n)
        || (if (. is $same[1]) then '' else '-' || count($same[. &lt;&lt; current()]) + 1))[1]"/>
    <xsl:variable name="label" select="'[' || ed:label('page') || ' ' || normalize-space(@n) || ']'"/>
    <span class="pb" id="{$id}">
      <xsl:variable name="around" select="string((ancestor::*[@xml:lang][1]/@xml:lang, $h:lang, ed:lang(.))[1])"/>
      <xsl:if test="$around != $ed:language">
        <xsl:call-template name="h:lang">
          <xsl:with-param name="lang" select="$ed:language"/>
          <xsl:with-param name="around" select="$around"/>
        </xsl:call-template>
      </xsl:if>
      <!-- Inside a link (a mention, a ref), a second link would be invalid HTML: the anchor only. -->
      <xsl:choose>
        <xsl:when test="ancestor::tei:persName | ancestor::tei:placeName | ancestor::tei:orgName | ancestor::tei:date
            | ancestor::tei:rs | ancestor::tei:ref">{$label}</xsl:when>
        <xsl:otherwise><a href="#{$id}">{$label}</a></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
  <xsl:template _match="{$b:line-break}"><br/></xsl:template>

  <!-- Editorial interventions (transcription.xsl has the transcription's): the text as written,
       an alternative in brackets. -->
  <xsl:template _match="{$b:alternate}">
    <xsl:variable name="shown" select="b:shown(.)"/>
    <span class="choice">
      <xsl:apply-templates select="$shown"/>
      <xsl:for-each select="* except $shown">
        <xsl:text> [</xsl:text><xsl:apply-templates select="."/><xsl:text>]</xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template _match="{$b:reading}">
    <span><xsl:call-template name="h:attributes"/> [<xsl:apply-templates/>]</span>
  </xsl:template>

  <!-- References: a citation keeps its text and its links; a list of references is a list. -->
  <xsl:template _match="{$b:bibliography}">
    <xsl:apply-templates select="tei:head"/>
    <xsl:call-template name="h:list-items"><xsl:with-param name="name" select="'ul'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:bibliography-entry}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($h:phrasing) then 'span' else 'li'}">
      <xsl:call-template name="h:attributes"/>
      <xsl:apply-templates select="." mode="h:bibl"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>
  <xsl:template _match="{$b:citation}">
    <span>
      <xsl:call-template name="h:attributes"/>
      <xsl:apply-templates select="." mode="h:bibl"><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </span>
  </xsl:template>
  <xsl:template match="tei:bibl" mode="h:bibl">
    <xsl:apply-templates/>
  </xsl:template>
</xsl:stylesheet>
