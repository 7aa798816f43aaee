<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI elements of a reading text classified once, for every output format, by behaviour
  (as TEI Publisher's behaviours or the hooks of the TEI Consortium's common stylesheets).
  Each behaviour is a static variable holding the pattern of the elements that have it; a
  format implements a behaviour by a template rule matching that pattern, through a shadow
  attribute:

    <xsl:template _match="{$b:footnote}"> … </xsl:template>

  so that the format's rule is the one template the element meets (no dispatch in between).
  A format that leaves a behaviour out renders those elements as their text alone (the
  built-in rule); what the classification decides about an element beyond its behaviour
  (the level of a heading, a quotation set off or not …) is a function here. The formats:
  ../html/ (print/ overrides some of its rules by import precedence), ../text/.

  Also the one definition of a footnote: which notes are footnotes, their number and id.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    exclude-result-prefixes="#all">

  <!-- Structure -->

  <!-- Every TEI element: what a format does with an element of no other behaviour. -->
  <xsl:variable name="b:container" static="yes" as="xs:string" select="'tei:*'"/>
  <xsl:variable name="b:text-part" static="yes" as="xs:string" select="'tei:text | tei:front | tei:body | tei:back | tei:group'"/>
  <xsl:variable name="b:division" static="yes" as="xs:string" select="'tei:div | tei:div1 | tei:div2 | tei:div3'"/>
  <!-- The heading of a division (b:heading-level); other heads are paragraphs. -->
  <xsl:variable name="b:heading" static="yes" as="xs:string"
      select="'(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:body | tei:front | tei:back)/tei:head'"/>
  <!-- A group of blocks. -->
  <xsl:variable name="b:block" static="yes" as="xs:string" select="'tei:cit | tei:titlePage | tei:docTitle | tei:opener
      | tei:closer | tei:postscript | tei:epigraph | tei:argument | tei:lg | tei:floatingText
      | tei:address'"/>

  <!-- Blocks -->

  <!-- A paragraph, and what reads as one: a head, a line of a title page or a letter …; one
       may run on in the paragraph around it (b:runs-in). -->
  <xsl:variable name="b:paragraph" static="yes" as="xs:string" select="'tei:p | tei:ab | tei:head | tei:trailer
      | tei:titlePart | tei:docImprint | tei:byline | tei:docDate | tei:docEdition | tei:salute | tei:signed | tei:dateline
      | tei:addrLine | tei:roleDesc'"/>
  <!-- A quotation, set off (b:set-off) or running in the text. -->
  <xsl:variable name="b:quote" static="yes" as="xs:string" select="'tei:quote'"/>

  <!-- Lists (b:glossed, b:numbered) and bibliographies -->

  <xsl:variable name="b:list" static="yes" as="xs:string" select="'tei:list'"/>
  <xsl:variable name="b:list-item" static="yes" as="xs:string" select="'tei:item'"/>
  <!-- The label of a list item (b:label-of) -->
  <xsl:variable name="b:list-label" static="yes" as="xs:string" select="'tei:list/tei:label'"/>
  <xsl:variable name="b:bibliography" static="yes" as="xs:string" select="'tei:listBibl'"/>
  <xsl:variable name="b:bibliography-entry" static="yes" as="xs:string" select="'tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct'"/>
  <!-- A reference cited in the text. -->
  <xsl:variable name="b:citation" static="yes" as="xs:string" select="'tei:bibl | tei:biblStruct'"/>

  <!-- Tables and figures -->

  <xsl:variable name="b:table" static="yes" as="xs:string" select="'tei:table'"/>
  <xsl:variable name="b:row" static="yes" as="xs:string" select="'tei:row'"/>
  <xsl:variable name="b:cell" static="yes" as="xs:string" select="'tei:cell'"/>
  <!-- A figure: its caption (head), description (figDesc) and content (the rest). -->
  <xsl:variable name="b:figure" static="yes" as="xs:string" select="'tei:figure'"/>
  <xsl:variable name="b:graphic" static="yes" as="xs:string" select="'tei:graphic'"/>

  <!-- Inline -->

  <!-- Highlighting, styled as b:style says. -->
  <xsl:variable name="b:highlight" static="yes" as="xs:string" select="'tei:hi'"/>
  <xsl:variable name="b:emphasis" static="yes" as="xs:string" select="'tei:emph'"/>
  <!-- Words set apart: foreign, mentioned, distinct. -->
  <xsl:variable name="b:italic" static="yes" as="xs:string" select="'tei:foreign | tei:mentioned | tei:distinct'"/>
  <xsl:variable name="b:title" static="yes" as="xs:string" select="'tei:title'"/>
  <!-- Quoted speech or words (their quotation marks are in the text). -->
  <xsl:variable name="b:quoted" static="yes" as="xs:string" select="'tei:q | tei:said | tei:soCalled'"/>
  <xsl:variable name="b:term" static="yes" as="xs:string" select="'tei:term'"/>
  <xsl:variable name="b:code" static="yes" as="xs:string" select="'tei:code'"/>
  <xsl:variable name="b:added" static="yes" as="xs:string" select="'tei:add'"/>
  <xsl:variable name="b:deleted" static="yes" as="xs:string" select="'tei:del'"/>
  <!-- A label outside a list. -->
  <xsl:variable name="b:label" static="yes" as="xs:string" select="'tei:label'"/>

  <!-- Notes: a footnote (ed:is-footnote, numbered by ed:note-label) or a note left in the text. -->

  <xsl:variable name="b:footnote" static="yes" as="xs:string" select="'tei:note[ed:is-footnote(.)]'"/>
  <xsl:variable name="b:note" static="yes" as="xs:string" select="'tei:note'"/>

  <!-- Breaks: a page break with the page's number, a line break; what the reading text leaves
       out (other page breaks, column breaks, milestones, the header, groups of links such as a
       tokenised text's syntax), here for every format. -->

  <xsl:variable name="b:page-break" static="yes" as="xs:string" select="'tei:pb[normalize-space(@n)]'"/>
  <xsl:variable name="b:line-break" static="yes" as="xs:string" select="'tei:lb'"/>
  <xsl:variable name="b:omitted" static="yes" as="xs:string" select="'tei:pb | tei:cb | tei:milestone | tei:teiHeader
      | tei:linkGrp'"/>
  <!-- A page break with its facsimile (pb/@facs: an image, or a surface or zone of the
       document's facsimile), which a format shows beside the page as well as the break. -->
  <xsl:variable name="b:facsimile-page" static="yes" as="xs:string" select="'tei:pb[normalize-space(@facs)]'"/>
  <xsl:template _match="{$b:omitted}"/>

  <!-- Editorial interventions and the apparatus: a choice (its reading b:shown, the others
       after it), a gap, a variant reading, supplied text. -->

  <xsl:variable name="b:alternate" static="yes" as="xs:string" select="'tei:choice'"/>
  <xsl:variable name="b:gap" static="yes" as="xs:string" select="'tei:gap'"/>
  <xsl:variable name="b:reading" static="yes" as="xs:string" select="'tei:rdg'"/>
  <xsl:variable name="b:supplied" static="yes" as="xs:string" select="'tei:supplied'"/>

  <!-- Transcription (../common/transcription.xsl: the Leiden conventions): text the source shows
       unclear or damaged, text the editor takes as superfluous, the letters an expansion adds
       and the marks of an abbreviation; a choice of the text as written (sic, orig, abbr) and a
       normalised one (corr, reg, expan), shown as the edition chooses. -->
  <xsl:variable name="b:unclear" static="yes" as="xs:string" select="'tei:unclear'"/>
  <xsl:variable name="b:damage" static="yes" as="xs:string" select="'tei:damage'"/>
  <xsl:variable name="b:surplus" static="yes" as="xs:string" select="'tei:surplus'"/>
  <xsl:variable name="b:expansion" static="yes" as="xs:string" select="'tei:ex'"/>
  <xsl:variable name="b:abbreviation-mark" static="yes" as="xs:string" select="'tei:am'"/>
  <xsl:variable name="b:normalisable" static="yes" as="xs:string"
      select="'tei:choice[b:written(.) and b:normalised(.)]'"/>

  <!-- A manuscript description, in labelled sections (../common/description.xsl), where it
       stands: in the text, or the source description of the header each format shows. -->
  <xsl:variable name="b:description" static="yes" as="xs:string" select="'tei:msDesc'"/>

  <!-- A register shown as a document: its lists of persons, places, organisations and events,
       and their entries, each its main name and its other names, dates, places, identifiers and
       notes labelled (../common/registers.xsl). -->
  <xsl:variable name="b:register" static="yes" as="xs:string"
      select="'tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listNym'"/>
  <xsl:variable name="b:register-entry" static="yes" as="xs:string" select="'(tei:person | tei:personGrp | tei:place
      | tei:org | tei:event | tei:nym)[ancestor::tei:listPerson or ancestor::tei:listPlace or ancestor::tei:listOrg
      or ancestor::tei:listEvent or ancestor::tei:listNym]'"/>

  <!-- References: mentions of register entries and dates, links, pointers (shown as their
       target), identifiers that are addresses (b:address), anchors. -->

  <xsl:variable name="b:name" static="yes" as="xs:string" select="'tei:persName | tei:placeName | tei:orgName | tei:rs'"/>
  <xsl:variable name="b:date" static="yes" as="xs:string" select="'tei:date'"/>
  <xsl:variable name="b:link" static="yes" as="xs:string" select="'tei:ref'"/>
  <xsl:variable name="b:pointer" static="yes" as="xs:string" select="'tei:ptr'"/>
  <xsl:variable name="b:identifier" static="yes" as="xs:string"
      select="'tei:idno[lower-case(@type) = ''doi'' or matches(normalize-space(.), ''^https?://'')] | tei:email'"/>
  <xsl:variable name="b:anchor" static="yes" as="xs:string" select="'tei:anchor'"/>

  <!-- The critical apparatus (apparatus.xsl): variants in the text (an app that stands where its
       lemma does: the lemma and a marker of its entry; an app inside a reading: its lemma), an
       app apart from the text (nothing where it stands), the anchors where the lemma of such an
       app begins (b:lemma-nodes: where it can be marked) and ends (its marker after it). -->
  <xsl:include href="apparatus.xsl"/>
  <xsl:variable name="b:variants" static="yes" as="xs:string" select="'tei:app[b:point(.) is .]'"/>
  <xsl:variable name="b:variants-start" static="yes" as="xs:string" select="'tei:anchor[exists(b:lemmata-after(.))]'"/>
  <xsl:variable name="b:variants-end" static="yes" as="xs:string" select="'tei:anchor[exists(b:apps-at(.))]'"/>
  <xsl:template match="tei:app[not(b:point(.) is .)]"/>

  <!-- What the classification decides besides the behaviour -->

  <!-- The TEI elements that are blocks: an unknown element holding one is a block (b:holds-blocks). -->
  <xsl:variable name="b:blocks" as="xs:string*" select="('p', 'ab', 'div', 'list', 'listBibl', 'table',
      'figure', 'lg', 'l', 'sp', 'u', 'castList', 'quote', 'opener', 'closer', 'titlePage', 'head', 'floatingText')"/>
  <xsl:function name="b:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/*) and exists($element//tei:*[local-name() = $b:blocks])"/>
  </xsl:function>

  <!-- The level of a division's heading: 1 at the top, one more per headed division around it. -->
  <xsl:function name="b:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="max((1, count($head/ancestor::*[tei:head][self::tei:div or self::tei:div1
        or self::tei:div2 or self::tei:div3])))"/>
  </xsl:function>

  <!-- Whether a paragraph (a role description, a stage direction or incident inside a paragraph,
       a line or a segment of speech)
       runs on in the text around it rather than standing apart. -->
  <xsl:function name="b:runs-in" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::tei:roleDesc) or exists($element[self::tei:stage or self::tei:incident
        or self::tei:kinesic or self::tei:vocal][ancestor::tei:p or ancestor::tei:l or ancestor::tei:ab or ancestor::tei:seg])"/>
  </xsl:function>

  <!-- Whether a quotation is set off from the text (a block) rather than running in it. -->
  <xsl:function name="b:set-off" as="xs:boolean">
    <xsl:param name="quote" as="element()"/>
    <xsl:sequence select="$quote/@rend = 'block' or exists($quote/(tei:p | tei:lg))
        or not($quote/ancestor::tei:p or $quote/ancestor::tei:ab or $quote/ancestor::tei:l)"/>
  </xsl:function>

  <!-- Whether a list pairs labels with its items, and whether it numbers them. -->
  <xsl:function name="b:glossed" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="exists($list/tei:label)"/>
  </xsl:function>
  <xsl:function name="b:numbered" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="tokenize($list/@type) = ('ordered', 'numbered') or tokenize($list/@rend) = ('numbered', 'ordered')"/>
  </xsl:function>
  <!-- The label of a list item, and the item a label is the label of. -->
  <xsl:function name="b:label-of" as="element()?">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="$item/preceding-sibling::*[1][self::tei:label]"/>
  </xsl:function>
  <xsl:function name="b:labelled" as="element()?">
    <xsl:param name="label" as="element()"/>
    <xsl:sequence select="$label/following-sibling::*[1][self::tei:item]"/>
  </xsl:function>

  <!-- The style of highlighting: superscript, subscript, bold, italic, underline, or ''. -->
  <xsl:function name="b:style" as="xs:string">
    <xsl:param name="hi" as="element()"/>
    <xsl:variable name="rend" select="tokenize(lower-case($hi/@rend))"/>
    <xsl:sequence select="if ($rend = ('sup', 'superscript')) then 'superscript'
        else if ($rend = ('sub', 'subscript')) then 'subscript' else if ($rend = ('bold', 'b', 'strong')) then 'bold'
        else if ($rend = ('italic', 'italics', 'i')) then 'italic' else if ($rend = ('underline', 'u')) then 'underline' else ''"/>
  </xsl:function>

  <!-- The reading of a choice shown: the source's (sic, orig, abbr), else the first. -->
  <xsl:function name="b:shown" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/tei:sic, $choice/tei:orig, $choice/tei:abbr, $choice/*)[1]"/>
  </xsl:function>

  <!-- The address an identifier stands for: a URL (a DOI's at its resolver) or an email address. -->
  <xsl:function name="b:address" as="xs:string">
    <xsl:param name="identifier" as="element()"/>
    <xsl:variable name="text" select="normalize-space($identifier)"/>
    <xsl:sequence select="if ($identifier/self::tei:email or matches($text, '^https?://')) then $text
        else 'https://doi.org/' || replace($text, '^(https?://(dx\.)?doi\.org/|doi:)', '', 'i')"/>
  </xsl:function>

  <!-- Drama, verse, speech, tokens and code examples (../html/drama.xsl, ../text/drama.xsl) -->

  <!-- A cast list, its items (a role, its description, an actor) and groups of them. -->
  <xsl:variable name="b:cast-list" static="yes" as="xs:string" select="'tei:castList'"/>
  <xsl:variable name="b:cast-item" static="yes" as="xs:string" select="'tei:castItem | tei:castGroup'"/>
  <xsl:variable name="b:role" static="yes" as="xs:string" select="'tei:role'"/>
  <!-- A speech of a play and its speaker; a stage direction, or an incident, a movement or a noise
       of a transcript of speech (its desc), set off or running in (b:runs-in). -->
  <xsl:variable name="b:speech" static="yes" as="xs:string" select="'tei:sp'"/>
  <xsl:variable name="b:speaker" static="yes" as="xs:string" select="'tei:speaker'"/>
  <xsl:variable name="b:stage" static="yes" as="xs:string" select="'tei:stage | tei:incident | tei:kinesic | tei:vocal'"/>
  <!-- An utterance (u/@who: the speakers' register entries), its segments (read as paragraphs)
       and the notes of a transcript (b:spoken-note), which stay where they stand. -->
  <xsl:variable name="b:utterance" static="yes" as="xs:string" select="'tei:u'"/>
  <xsl:variable name="b:utterance-part" static="yes" as="xs:string" select="'tei:u/tei:seg'"/>
  <xsl:variable name="b:spoken-note" static="yes" as="xs:string" select="'tei:note[b:spoken-note(.)]'"/>
  <!-- A line of verse: its number (b:line-number), indent (b:indent) and the parts of the metrical
       line it completes (b:line-before). -->
  <xsl:variable name="b:line" static="yes" as="xs:string" select="'tei:l'"/>
  <!-- A word, punctuation or space of a tokenised text: joined as written (b:space-before); the
       whitespace between tokens is the file's layout (b:layout): it is the space before the
       element that follows it where that element begins with a token that has one (so that the
       space stands outside a name, not underlined at its start), else nothing. -->
  <xsl:variable name="b:token" static="yes" as="xs:string" select="'tei:w | tei:pc | tei:c'"/>
  <xsl:template _match="{$b:token}">
    <xsl:if test="b:space-before(.) and not(b:begun(.)/preceding-sibling::node()[1][b:layout(.)])"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="text()[b:layout(.)]">
    <xsl:variable name="next" select="following-sibling::node()[1][self::tei:*]"/>
    <xsl:variable name="token" select="$next/descendant::*[self::tei:w or self::tei:pc or self::tei:c][1]"/>
    <xsl:if test="exists($token) and exists($next intersect b:begun($token)) and b:space-before($token)"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <!-- An example of TEI markup, shown as it is written. -->
  <xsl:variable name="b:example" static="yes" as="xs:string" select="'eg:egXML'"/>

  <!-- Whether a text node is the layout of a tokenised text: whitespace between tokens, or
       between sentences of tokens. -->
  <xsl:function name="b:layout" as="xs:boolean">
    <xsl:param name="text" as="node()"/>
    <xsl:sequence select="$text instance of text() and not(normalize-space($text)) and ($text/../tei:w or $text/../tei:pc
        or $text/preceding-sibling::*[1][self::tei:s][tei:w or tei:pc] and $text/following-sibling::*[1][self::tei:s][tei:w or tei:pc])"/>
  </xsl:function>

  <!-- The elements a token begins: those around it in which neither text nor a token or gap
       comes before it. -->
  <xsl:function name="b:begun" as="element()*">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="before" select="$token/preceding::text()[normalize-space()][1], $token/accumulator-before('b:previous-token')"/>
    <xsl:sequence select="$token/ancestor::*[every $node in $before satisfies $node &lt;&lt; .]"/>
  </xsl:function>

  <xsl:key name="b:speech" match="tei:u" use="'u'"/>
  <xsl:key name="b:joins" match="tei:*[@join]" use="'join'"/>

  <!-- Whether a note is one of a transcript of speech (a document of utterances), or names a
       speaker or the time: it stays in the text (so the speakers' names do), never a footnote. -->
  <xsl:function name="b:spoken-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$note/@type = ('speaker', 'time')
        or root($note) instance of document-node() and exists(key('b:speech', 'u', root($note)))"/>
  </xsl:function>

  <!-- The token, gap or space of the text before a token (the one that ended last). -->
  <xsl:accumulator name="b:previous-token" initial-value="()" as="element()?">
    <xsl:accumulator-rule match="tei:w | tei:pc | tei:c | tei:gap" phase="end" select="."/>
  </xsl:accumulator>

  <!-- Whether a space comes before a token: none at the start of the text or of a paragraph,
       line, heading, item, cell or segment of speech; none where the text marks its spaces
       (c beside either token); none where @join binds it to the token before ('left', 'both')
       or that one to it ('right', 'both'); where the text marks joins, one between every other
       two; else none before punctuation but an opening one, none after an opening one. -->
  <xsl:function name="b:space-before" as="xs:boolean">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="previous" select="$token/accumulator-before('b:previous-token')"/>
    <xsl:sequence select="exists($previous) and not($token/self::tei:c or $previous/self::tei:c)
        and empty(b:begun($token)[self::tei:p or self::tei:ab or self::tei:l or self::tei:head or self::tei:item
          or self::tei:cell or self::tei:seg[parent::tei:u]])
        and empty(($token, $previous)/../tei:c)
        and not($previous/@join = ('right', 'both') or $token/@join = ('left', 'both'))
        and ($previous/@join = 'no' or $token/@join = 'no'
          or root($token) instance of document-node() and exists(key('b:joins', 'join', root($token)))
          or not($token/self::tei:pc[not(b:opening(.))] or $previous/self::tei:pc[b:opening(.)]))"/>
  </xsl:function>
  <xsl:function name="b:opening" as="xs:boolean">
    <xsl:param name="pc" as="element()"/>
    <xsl:sequence select="matches(normalize-space($pc), '^[\p{Ps}\p{Pi}¿¡]')"/>
  </xsl:function>

  <!-- The number of each line of verse: its @n where that is a number, else one more than the
       line before (a part of a line, @part M or F, has the number of its first part); counted
       from 0 in each division and poem (an lg of stanzas or of type poem). Lines quoted in prose
       (quote, cit, epigraph, note) are not counted. -->
  <xsl:accumulator name="b:line-number" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="tei:text | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:lg[tei:lg or @type = 'poem']" select="0"/>
    <xsl:accumulator-rule match="tei:l[not(ancestor::tei:quote or ancestor::tei:cit or ancestor::tei:epigraph or ancestor::tei:note)]"
        select="if (@n castable as xs:integer) then xs:integer(@n) else if (@part = ('M', 'F')) then $value else $value + 1"/>
  </xsl:accumulator>

  <!-- The number shown beside a line of verse: every fifth (b:line-number), not on a line quoted
       in prose without @n, nor on the second or third part of a line; () for the others. -->
  <xsl:function name="b:line-number" as="xs:string?">
    <xsl:param name="line" as="element()"/>
    <xsl:variable name="n" select="$line/accumulator-before('b:line-number')"/>
    <xsl:sequence select="string($n)[$n gt 0 and $n mod 5 = 0 and not($line/@part = ('M', 'F'))
        and ($line/@n castable as xs:integer or not($line/ancestor::*[self::tei:quote or self::tei:cit or self::tei:epigraph or self::tei:note]))]"/>
  </xsl:function>

  <!-- How many steps a line of verse is indented: @rend 'indent', 'indent2', 'indent(2)' …,
       @rendition '#indent' or 'simple:indent' (one step); 0 for none. -->
  <xsl:function name="b:indent" as="xs:integer">
    <xsl:param name="line" as="element()"/>
    <xsl:variable name="rend" select="tokenize(lower-case($line/@rend))[matches(., '^indent\(?[0-9]*\)?$')][1]"/>
    <xsl:sequence select="min((6, if (exists($rend)) then max((1, xs:integer('0' || replace($rend, '[^0-9]', ''))))
        else if (tokenize($line/@rendition)[matches(lower-case(.), '[#:]indent$')]) then 1 else 0))"/>
  </xsl:function>

  <!-- The text of the parts of a metrical line before a medial or final part (@part M, F), by
       which it is indented to stand after them; '' for other lines. -->
  <xsl:function name="b:line-before" as="xs:string">
    <xsl:param name="line" as="element()"/>
    <xsl:variable name="first" select="$line[@part = ('M', 'F')]/preceding::tei:l[@part = 'I'][1]"/>
    <xsl:sequence select="if (empty($first)) then ''
        else string-join(($first, $line/preceding::tei:l[@part = 'M'][. >> $first]) ! normalize-space(), ' ')"/>
  </xsl:function>

  <!-- Footnotes: one definition for every format -->

  <!-- A note of the text printed apart from it (footnote, endnote), not an annotation of a
       reference or of a register entry (or of a named list item with an id, an entry too), a note
       placed inline or in the margin, a note of a transcript (b:spoken-note) or of an app. -->
  <xsl:function name="ed:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/@place = ('inline', 'margin', 'left', 'right', 'above', 'below', 'interlinear'))
        and not(b:spoken-note($note))
        and empty($note/ancestor::*[self::tei:bibl or self::tei:biblStruct or self::tei:note or self::tei:person
            or self::tei:personGrp or self::tei:place or self::tei:org or self::tei:event
            or self::tei:item[@xml:id][tei:name | tei:persName | tei:placeName | tei:orgName]])
        and empty($note/parent::tei:app)
        and exists($note/ancestor::tei:text)"/>
  </xsl:function>

  <!-- The footnotes of the document $node is in, in their order. -->
  <xsl:function name="ed:footnotes" as="element(tei:note)*">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="root($node)//tei:text//tei:note[ed:is-footnote(.)]"/>
  </xsl:function>

  <xsl:accumulator name="ed:note-number" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="tei:note[ed:is-footnote(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The number a footnote is shown with: its @n, else its running number ($number, where
       the caller knows it: the accumulator costs SaxonC some 10 µs a call). -->
  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="ed:note-label($note, $note/accumulator-before('ed:note-number'))"/>
  </xsl:function>
  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="($note/@n[normalize-space()]/normalize-space(), string($number))[1]"/>
  </xsl:function>

  <!-- The identifier of a footnote: its xml:id, else document key + running number. -->
  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="ed:note-id($note, $note/accumulator-before('ed:note-number'))"/>
  </xsl:function>
  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="(ed:own-id($note), ed:doc-key($note) || '-note' || $number)[1]"/>
  </xsl:function>

  <!-- The id and label of every footnote of the document $node is in, by generate-id() of the
       note: worked out once per document, cheaper than the accumulator note by note. -->
  <xsl:function name="ed:footnote-numbers" as="map(xs:string, xs:string+)">
    <xsl:param name="node" as="node()"/>
    <xsl:map>
      <xsl:for-each select="ed:footnotes($node)">
        <xsl:map-entry key="generate-id()" select="ed:note-id(., position()), ed:note-label(., position())"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:function>
</xsl:stylesheet>
