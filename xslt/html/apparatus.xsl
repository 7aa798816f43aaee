<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of the critical apparatus (../common/apparatus.xsl): the lemma in the text (its
  entry by it on hover, tap and keyboard focus: edition.js, as footnotes) with a numbered marker
  linking to its entry; the apparatus criticus below the text, apart from the footnotes, each
  entry "line lemma] reading sigla; om. sigla" with the readings marked by their witnesses; a
  switch that shows the text as one witness reads it (edition.js; without it the edited text).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:h="urn:x-edition:html"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- An app where its lemma stands: the lemma, marked by its witnesses (the reading view swaps
       it), and the marker of its entry; inside an entry or another app's reading, the lemma only. -->
  <xsl:template _match="{$b:variants}">
    <xsl:param name="h:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:in-entry" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="lemma" select="b:lemma(.)"/>
    <xsl:choose>
      <xsl:when test="$h:in-entry or ancestor::tei:app"><xsl:apply-templates select="$lemma/node()"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:lemma">
          <xsl:with-param name="block" select="b:holds-blocks(.) and not($h:phrasing)"/>
          <xsl:with-param name="content" as="node()*"><xsl:apply-templates select="$lemma/node()"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="h:app-marker"><xsl:with-param name="apps" select="."/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The anchors of apps apart from the text: after the one where lemmata end, their markers;
       after the one where a lemma begins, where edition.js marks it as an app's in the text is
       (the nodes up to the anchor $data-end: no template has to look at every node). -->
  <xsl:template _match="{$b:variants-end} | {$b:variants-start}" priority="1">
    <xsl:next-match/>
    <xsl:call-template name="h:app-marker"><xsl:with-param name="apps" select="b:apps-at(.)"/></xsl:call-template>
    <xsl:for-each select="b:lemmata-after(.)[1]">
      <span class="app-from" data-app="{b:app-id(.)}" data-end="{ed:own-id(b:point(.))}" data-wit="{b:witness-ids(b:witnesses(b:lemma(.)))}"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The lemma of the app in context, $content, marked by its witnesses (the reading view swaps
       it) and described by its entry (a popover), unless it is empty, holds blocks ($block) or
       stands in a link. -->
  <xsl:template name="h:lemma">
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="block" as="xs:boolean" select="false()"/>
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="id" select="b:app-id(.)"/>
    <xsl:element name="{if ($block) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'app-lem', @type[normalize-space()] ! ('type-' || normalize-space(.))"/>
      <xsl:attribute name="data-app" select="$id"/>
      <xsl:attribute name="data-wit" select="b:witness-ids(b:witnesses(b:lemma(.)))"/>
      <xsl:if test="not($block or $h:in-link) and normalize-space(string-join($content)) != ''">
        <xsl:attribute name="tabindex" select="0"/>
        <xsl:attribute name="aria-describedby" select="$id || '-text'"/>
      </xsl:if>
      <xsl:sequence select="$content"/>
    </xsl:element>
  </xsl:template>

  <!-- The numbered markers of $apps, each a link to its entry (a number only inside a link). -->
  <xsl:template name="h:app-marker">
    <xsl:param name="apps" as="element(tei:app)*"/>
    <xsl:param name="h:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="h:in-entry" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:for-each select="$apps[not($h:in-entry)]">
      <xsl:variable name="id" select="b:app-id(.)"/>
      <xsl:choose>
        <xsl:when test="$h:in-link"><sup class="fn-ref app-ref" aria-describedby="{$id}-text">{b:app-number(.)}</sup></xsl:when>
        <xsl:otherwise>
          <a class="fn-ref app-ref" id="{$id}-ref" href="#{$id}" aria-describedby="{$id}-text"><sup>{b:app-number(.)}</sup></a>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The apparatus criticus of a document, below its text: its entries in the order of the text. -->
  <xsl:template name="h:apparatus">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="apps" select="b:apparatus(root(.))?apps"/>
    <xsl:if test="$apps">
      <section class="apparatus" aria-labelledby="apparatus-title">
        <h2 id="apparatus-title">{ed:label('apparatus')}</h2>
        <ol class="fn-list app-list">
          <xsl:call-template name="h:lang"><xsl:with-param name="lang" select="$lang"/></xsl:call-template>
          <xsl:for-each select="$apps">
            <xsl:variable name="id" select="b:app-id(.)"/>
            <li id="{$id}">
              <a class="fn-back" href="#{$id}-ref" title="{ed:label('back')}">{b:app-number(.)}</a>
              <xsl:text> </xsl:text>
              <div class="fn-text app-entry" id="{$id}-text"><xsl:apply-templates select="." mode="h:app-entry"/></div>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An entry: its line, the lemma and its witnesses, then each other reading (om. where it is
       empty, add. where the lemma is) with its witnesses and what its attributes say, then the
       notes and witness details of the app. Readings carry their witnesses' ids (data-wit). -->
  <xsl:template match="tei:app" mode="h:app-entry">
    <xsl:variable name="lemma" select="b:lemma(.)"/>
    <xsl:variable name="line" select="b:app-line(.)"/>
    <xsl:variable name="cited" select="b:lemma-cited(.)"/>
    <xsl:variable name="added" select="$cited = ''"/>
    <xsl:if test="$line != ''"><span class="app-line">{$line}</span><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="not($added)">
      <span class="app-lemma">{$cited}</span>
      <xsl:text>]</xsl:text>
      <xsl:call-template name="h:sigla"><xsl:with-param name="reading" select="$lemma"/></xsl:call-template>
    </xsl:if>
    <xsl:for-each select="b:readings(.) except $lemma">
      <xsl:if test="position() gt 1 or (b:witnesses($lemma) and not($added))">;</xsl:if>
      <xsl:if test="position() gt 1 or not($added)"><xsl:text> </xsl:text></xsl:if>
      <xsl:choose>
        <xsl:when test="b:empty(.)"><i class="app-om">{ed:label('omitted')}</i><span class="app-rdg" data-wit="{b:witness-ids(b:witnesses(.))}"/></xsl:when>
        <xsl:otherwise>
          <xsl:if test="$added"><i class="app-add">{ed:label('added')}</i><xsl:text> </xsl:text></xsl:if>
          <span class="app-rdg" data-wit="{b:witness-ids(b:witnesses(.))}">
            <xsl:apply-templates mode="h:app-reading" select="."/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="h:sigla"><xsl:with-param name="reading" select="."/></xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="tei:note | tei:witDetail">
      <xsl:text> </xsl:text>
      <span class="app-note">
        <xsl:if test="self::tei:witDetail"><span class="wit">{string-join(b:sigla(.), ' ')}</span>: </xsl:if>
        <xsl:apply-templates mode="h:app-reading" select="."/>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- A reading (a note) in an entry: phrasing content, no passage links, apps as their lemma. -->
  <xsl:template match="*" mode="h:app-reading">
    <xsl:apply-templates>
      <xsl:with-param name="h:in-entry" tunnel="yes" select="true()"/>
      <xsl:with-param name="h:phrasing" tunnel="yes" select="true()"/>
      <xsl:with-param name="h:passages" tunnel="yes" select="false()"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The sigla of a reading's witnesses and, in brackets, its type and cause. -->
  <xsl:template name="h:sigla">
    <xsl:param name="reading" as="element()?"/>
    <xsl:variable name="sigla" select="b:sigla($reading)"/>
    <xsl:if test="exists($sigla)"><xsl:text> </xsl:text><span class="wit">{string-join($sigla, ' ')}</span></xsl:if>
    <xsl:variable name="remark" select="b:remark($reading)"/>
    <xsl:if test="$remark != ''"><xsl:text> </xsl:text><span class="app-remark">({$remark})</span></xsl:if>
  </xsl:template>

  <!-- The reading view: a choice of the witnesses the apparatus cites where the lemmata are marked
       in the text (b:lemma-in-text), shown by edition.js (hidden without it: the edited text stays). -->
  <xsl:template name="h:witness-view">
    <xsl:variable name="apps" select="b:apparatus(root(.))?apps"/>
    <xsl:variable name="readings" select="$apps[b:lemma-in-text(.)] ! (b:lemma(.), b:readings(.))"/>
    <xsl:variable name="sigla" select="map:merge(for $r in $readings, $i in 1 to count(tokenize(b:witnesses($r)))
        return map{ b:witness-ids(b:witnesses($r))[$i] : b:sigla($r, false())[$i] }, map{ 'duplicates' : 'use-first' })"/>
    <xsl:if test="map:size($sigla) gt 0">
      <p class="witness-view" hidden="hidden">
        <label for="witness-view">{ed:label('reading-view')}</label>
        <xsl:text> </xsl:text>
        <select id="witness-view">
          <option value="">{ed:label('edited-text')}</option>
          <xsl:for-each select="distinct-values($readings ! b:witness-ids(b:witnesses(.)))">
            <option value="{.}">{$sigla(.)}</option>
          </xsl:for-each>
        </select>
      </p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
