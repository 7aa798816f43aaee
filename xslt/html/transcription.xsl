<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of a transcription (../common/transcription.xsl: the Leiden conventions): additions,
  deletions, supplied, superfluous, damaged and unclear text, expansions, gaps; a choice of the
  text as written and a normalised reading ($transcription: both, switched by the reader, or
  one); the legend of the conventions a document uses, with the reading switch (h:transcription).
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

  <xsl:include href="../common/transcription.xsl"/>

  <!-- The context element as the HTML element $name between its Leiden signs, titled by its
       convention. The signs are drawn by the style sheet (edition.css, print.css) from the
       element's data-open and data-close, so that the words of the text stay whole for search
       and copying ("pr(aetoris)" is found as "praetoris"). -->
  <xsl:template name="h:marked">
    <xsl:param name="name" as="xs:string" select="'span'"/>
    <xsl:variable name="marks" select="b:marks(.)"/>
    <xsl:element name="{$name}">
      <xsl:call-template name="h:attributes"><xsl:with-param name="class" select="'leiden'"/></xsl:call-template>
      <xsl:attribute name="title" select="ed:label(b:convention(.))"/>
      <xsl:call-template name="h:marks"><xsl:with-param name="marks" select="$marks"/></xsl:call-template>
      <xsl:apply-templates><xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template name="h:marks">
    <xsl:param name="marks" as="xs:string+"/>
    <xsl:if test="$marks[1] != ''"><xsl:attribute name="data-open" select="$marks[1]"/></xsl:if>
    <xsl:if test="$marks[2] != ''"><xsl:attribute name="data-close" select="$marks[2]"/></xsl:if>
  </xsl:template>

  <xsl:template _match="{$b:added}">
    <xsl:call-template name="h:marked"><xsl:with-param name="name" select="'ins'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:deleted}">
    <xsl:call-template name="h:marked"><xsl:with-param name="name" select="'del'"/></xsl:call-template>
  </xsl:template>
  <xsl:template _match="{$b:supplied} | {$b:surplus} | {$b:expansion} | {$b:damage}">
    <xsl:call-template name="h:marked"/>
  </xsl:template>
  <!-- Unclear letters are dotted below (edition.css); an empty unclear is a '(?)'. -->
  <xsl:template _match="{$b:unclear}">
    <xsl:choose>
      <xsl:when test="node()"><xsl:call-template name="h:marked"/></xsl:when>
      <xsl:otherwise><span class="unclear leiden" title="{ed:label(b:convention(.))}">(?)</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template _match="{$b:abbreviation-mark}">
    <xsl:call-template name="h:inline"/>
  </xsl:template>
  <xsl:template _match="{$b:gap}">
    <span class="gap leiden" title="{string-join((ed:label(b:convention(.)), @reason), ': ')}">{b:gap(.)}</span>
  </xsl:template>

  <!-- A choice of the text as written and a normalised reading: the one $transcription names
       with the other after it (print), or both (the normalised shown, the other by it on hover
       and focus; the reader's switch in the legend shows the text as written instead:
       edition.css). -->
  <xsl:template _match="{$b:normalisable}">
    <xsl:variable name="written" select="b:written(.)"/>
    <xsl:variable name="normalised" select="b:normalised(.)"/>
    <xsl:choose>
      <xsl:when test="$transcription = ('normalised', 'diplomatic')">
        <span class="choice">
          <xsl:apply-templates select="b:chosen(., $transcription)"/>
          <xsl:for-each select="b:other(., $transcription)">
            <span class="other-reading"> ({ed:label(b:reading-label(.))}: <xsl:apply-templates select="."/>)</span>
          </xsl:for-each>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span class="choice choice-{local-name($written)}" tabindex="0">
          <span class="norm" data-label="{ed:label(b:reading-label($normalised))}">
            <xsl:apply-templates select="$normalised"/>
          </span>
          <!-- a word joiner: the readings are two words to search and copy, with no break between -->
          <xsl:text>&#x2060;</xsl:text>
          <span class="dipl" data-label="{ed:label(b:reading-label($written))}"><xsl:apply-templates select="$written"/></span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The legend of the conventions the document uses, each with an example, and the switch
       between the normalised reading and the text as written where the document has choices. -->
  <xsl:template name="h:transcription">
    <xsl:variable name="used" select="b:conventions-used(.)"/>
    <xsl:if test="exists($used)">
      <section class="transcription" aria-labelledby="transcription-title">
        <xsl:call-template name="h:unsearched"/>
        <h2 id="transcription-title">{ed:label('leiden-title')}</h2>
        <xsl:if test="$transcription = 'switch' and exists($used[starts-with(., 'leiden-choice-')])">
          <fieldset class="reading-switch">
            <legend>{ed:label('leiden-reading')}</legend>
            <label><input type="radio" name="reading" id="reading-normalised" value="normalised" checked="checked"/> {
              ed:label('leiden-normalised')}</label>
            <label><input type="radio" name="reading" id="reading-diplomatic" value="diplomatic"/> {
              ed:label('leiden-diplomatic')}</label>
          </fieldset>
        </xsl:if>
        <dl class="legend">
          <xsl:for-each select="$used">
            <xsl:variable name="example" select="h:example(.)"/>
            <xsl:variable name="marks" select="b:marks($example)"/>
            <dt>
              <xsl:if test=". = 'leiden-expansion'">abc</xsl:if>
              <span class="{if (starts-with(., 'leiden-choice-')) then 'choice' else if (. = 'leiden-unclear') then 'unclear' else 'leiden'}">
                <xsl:call-template name="h:marks"><xsl:with-param name="marks" select="$marks"/></xsl:call-template>
                <xsl:value-of select="if ($example/self::tei:gap) then b:gap($example) else 'abc'"/>
              </span>
            </dt>
            <dd>{ed:label(.)}</dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An element that follows the convention $convention, for its signs. -->
  <xsl:function name="h:example" as="element()">
    <xsl:param name="convention" as="xs:string"/>
    <xsl:variable name="examples" as="element()*">
      <tei:supplied/><tei:del/><tei:surplus/><tei:ex/><tei:damage/><tei:add/>
      <tei:add place="above"/><tei:add place="below"/><tei:gap/><tei:gap reason="illegible"/><tei:unclear/>
    </xsl:variable>
    <xsl:sequence select="($examples[b:convention(.) = $convention], $examples[last()])[1]"/>
  </xsl:function>
</xsl:stylesheet>
