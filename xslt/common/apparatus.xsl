<?xml version="1.0" encoding="UTF-8"?>
<!--
  The critical apparatus, for every format (behaviours.xsl names the behaviours: b:variants,
  b:detached-app): which reading stands in the text, where each entry of the apparatus criticus
  is attached (its point), its number, its line and the sigla of its witnesses.

  Parallel segmentation: an app in the text, its lemma (lem, else the reading of the base
  witness) in the text. Location-referenced and double end-point attachment: an app elsewhere
  (listApp, back, a note) with @from/@to pointing to anchors of the text, or @loc; its point is
  the anchor where the lemma ends (@to, else @from), else the app itself.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:b="urn:x-edition:behaviours"
    exclude-result-prefixes="#all">

  <!-- The xml:id of the witness whose reading stands in the text where an app has no lem
       (edition.toml's base_witness); '' for the first witness of the document's listWit. -->
  <xsl:param name="base-witness" as="xs:string" select="''"/>

  <!-- Whether an app stands apart from the text it annotates (points to it, or is in a listApp). -->
  <xsl:function name="b:detached" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="exists($app/(@from | @to | @loc) | $app/ancestor::tei:listApp)"/>
  </xsl:function>

  <!-- The base witness of the document $node is in. -->
  <xsl:function name="b:base-witness" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($base-witness != '') then $base-witness
        else string((root($node)//tei:listWit//tei:witness/@xml:id)[1])"/>
  </xsl:function>

  <!-- The attribute naming a reading's witnesses: @wit, else @source, else @resp (a conjecture). -->
  <xsl:function name="b:witnesses" as="attribute()?">
    <xsl:param name="reading" as="element()?"/>
    <xsl:sequence select="($reading/@wit, $reading/@source, $reading/@resp)[1]"/>
  </xsl:function>

  <!-- The ids a pointer attribute names ('#A #B?citedRange=2' -> A, B). -->
  <xsl:function name="b:witness-ids" as="xs:string*">
    <xsl:param name="wit" as="attribute()?"/>
    <xsl:sequence select="tokenize($wit) ! replace(replace(., '^[^#]*#', ''), '\?.*$', '')"/>
  </xsl:function>

  <!-- The readings of an app (rdg, also in rdgGrp), and its lemma: lem, else the reading of the
       base witness (else the first reading where the document names no witness); apart from the
       text, the reading that reads as the text between its anchors. -->
  <xsl:function name="b:readings" as="element()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/(tei:rdg | tei:rdgGrp//tei:rdg)"/>
  </xsl:function>
  <xsl:function name="b:lemma" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="base" select="b:base-witness($app)"/>
    <xsl:variable name="lem" select="$app/(tei:lem | tei:rdgGrp//tei:lem)"/>
    <xsl:sequence select="if ($lem) then $lem[1] else if (b:detached($app)) then (for $text in b:between($app)[. != '']
        return b:readings($app)[normalize-space(string-join(.//text()[not(ancestor::tei:note)])) = $text])[1]
        else if ($base = '') then b:readings($app)[1]
        else b:readings($app)[b:witness-ids(b:witnesses(.)) = $base][1]"/>
  </xsl:function>

  <!-- Whether a reading (or lemma) is empty: an omission. -->
  <xsl:function name="b:empty" as="xs:boolean">
    <xsl:param name="reading" as="element()?"/>
    <xsl:sequence select="empty($reading) or (normalize-space(string-join($reading//text()[not(ancestor::tei:note)])) = ''
        and empty($reading//(tei:gap | tei:graphic | tei:figure)))"/>
  </xsl:function>

  <!-- The witnesses of a reading as sigla: a witness's @n, abbr or siglum idno, else its id;
       with $ranges, a citedRange after it ('RNAms 19b5'). Pointers resolved by pointers.xsl. -->
  <xsl:function name="b:sigla" as="xs:string*">
    <xsl:param name="reading" as="element()?"/>
    <xsl:sequence select="b:sigla($reading, true())"/>
  </xsl:function>
  <xsl:function name="b:sigla" as="xs:string*">
    <xsl:param name="reading" as="element()?"/>
    <xsl:param name="ranges" as="xs:boolean"/>
    <xsl:variable name="wit" select="b:witnesses($reading)"/>
    <xsl:variable name="resolved" select="ed:resolve($wit)"/>
    <xsl:for-each select="tokenize($wit)">
      <xsl:variable name="id" select="replace(replace(., '^[^#]*#', ''), '\?.*$', '')"/>
      <xsl:variable name="range" select="substring-after(., '?') ! replace(., '^[^=]*=', '')"/>
      <xsl:sequence select="string-join((($resolved[@xml:id = $id][1] ! ((@n, tei:abbr[@type = 'siglum'], tei:abbr,
          tei:idno[@type = 'siglum']) ! normalize-space(.)[.])[1], $id)[1], $range[$ranges and . != '']), ' ')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The lemma as the apparatus cites it: its text (of an app apart from the text without lem,
       the text between its anchors), a long one (more than twelve words) by its first and last
       words ('Ent. Charles the … G. Colman Esqre'); '' where the text has none (an addition). -->
  <xsl:function name="b:lemma-cited" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="lemma" select="b:lemma($app)"/>
    <xsl:variable name="words" select="tokenize(if ($lemma or not(b:detached($app)))
        then normalize-space(string-join($lemma//text()[not(ancestor::tei:note)])) else b:between($app))"/>
    <xsl:sequence select="string-join(if (count($words) le 12) then $words
        else ($words[position() le 3], '…', $words[position() gt last() - 3]), ' ')"/>
  </xsl:function>

  <!-- The text between the anchors an app apart from the text points to (@from, @to), '' if
       they are not both found. -->
  <xsl:function name="b:between" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="from" select="ed:resolve($app/@from)[1]"/>
    <xsl:variable name="to" select="ed:resolve($app/@to)[1]"/>
    <xsl:sequence select="normalize-space(string-join(($from/ancestor::* intersect $to/ancestor::*)[last()]
        //text()[. >> $from and . &lt;&lt; $to][not(ancestor::tei:note)]))"/>
  </xsl:function>

  <!-- What a reading's attributes say of it (its @type and @cause), '' if nothing. -->
  <xsl:function name="b:remark" as="xs:string">
    <xsl:param name="reading" as="element()?"/>
    <xsl:sequence select="string-join(($reading/@type, $reading/@cause) ! normalize-space(.)[.], ', ')"/>
  </xsl:function>

  <!-- Where an app's entry is attached: the anchor its lemma ends at, else the app. -->
  <xsl:function name="b:point" as="element()">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(($app/@to, $app/@from) ! ed:resolve(.)[ancestor::tei:text][root(.) is root($app)]
        [not(ancestor::tei:app)], $app)[1]"/>
  </xsl:function>

  <!-- The apps of the document $node is in, in the order of their points ('apps'), each app's
       number ('n' + its generate-id), the apps attached at a point ('at' + generate-id of the
       point) and those whose entries follow a block ('after' + generate-id of the block:
       b:holder); worked out once per document. Apps inside readings go with their reading. -->
  <xsl:function name="b:apparatus" as="map(xs:string, item()*)" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="apps" select="$doc//tei:text//tei:app[not(ancestor::tei:app)]"/>
    <xsl:variable name="points" select="map:merge($apps ! map{ generate-id(.) : b:point(.) })"/>
    <xsl:variable name="at" select="map:merge($apps ! map{ 'at' || generate-id($points(generate-id(.))) : . },
        map{ 'duplicates' : 'combine' })"/>
    <xsl:variable name="ordered" select="($apps ! $points(generate-id(.)))/. ! $at('at' || generate-id(.))"/>
    <xsl:sequence select="map:merge(($at, map{ 'apps' : $ordered },
        for $i in 1 to count($ordered) return map{ 'n' || generate-id($ordered[$i]) : $i },
        map:merge($ordered ! map{ 'after' || generate-id(b:holder($points(generate-id(.)))) : . }, map{ 'duplicates' : 'combine' })))"/>
  </xsl:function>

  <!-- The apps attached at $point (an anchor or an app), in order. -->
  <xsl:function name="b:apps-at" as="element(tei:app)*">
    <xsl:param name="point" as="element()"/>
    <xsl:sequence select="b:apparatus(root($point))('at' || generate-id($point))"/>
  </xsl:function>

  <!-- The apps whose entries follow $block in the text and print outputs (b:holder). -->
  <xsl:function name="b:apps-after" as="element(tei:app)*">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="b:apparatus(root($block))('after' || generate-id($block))"/>
  </xsl:function>

  <!-- The elements b:holder may return, which the text and print outputs ask for the entries
       that follow them (b:apps-after): asking every element costs. -->
  <xsl:variable name="b:entry-holder" static="yes" as="xs:string" select="'tei:p | tei:ab | tei:head | tei:l
      | tei:lg | tei:sp | tei:stage | tei:item | tei:cell | tei:castItem | tei:app | tei:anchor'"/>

  <!-- The block an entry follows: the paragraph, heading, verse group, speech, item … its point
       is in (the outermost verse group or speech), an app that holds blocks (its readings are
       divisions), else the point. -->
  <xsl:function name="b:holder" as="element()">
    <xsl:param name="point" as="element()"/>
    <xsl:sequence select="($point/ancestor-or-self::*[self::tei:p or self::tei:ab or self::tei:head or self::tei:l
        or self::tei:lg or self::tei:sp or self::tei:stage or self::tei:item or self::tei:cell or self::tei:castItem
        or self::tei:app[b:holds-blocks(.)]][not(ancestor::tei:lg or ancestor::tei:sp)][1], $point)[1]"/>
  </xsl:function>

  <!-- The lemma of an app apart from the text as it stands there, where it can be marked: the
       nodes between its anchors (@from, @to) when they are siblings and hold no block and no
       other anchor (no other lemma overlaps it); () elsewhere. -->
  <xsl:function name="b:lemma-nodes" as="node()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="from" select="ed:resolve($app/@from)[1][ancestor::tei:text][root(.) is root($app)]"/>
    <xsl:variable name="to" select="ed:resolve($app/@to)[1][.. is $from/..][. >> $from]"/>
    <xsl:variable name="nodes" select="$from/following-sibling::node()[. &lt;&lt; $to]"/>
    <xsl:sequence select="$nodes[$to][not($nodes/descendant-or-self::tei:anchor) and not($nodes/descendant-or-self::*
        [local-name() = $b:blocks])][not($app/ancestor::tei:app)]"/>
  </xsl:function>
  <xsl:key name="b:lemma-start" match="tei:app[@from and @to]" use="b:lemma-nodes(.)[1]/preceding-sibling::node()[1]/generate-id()"/>

  <!-- The apps whose lemma (b:lemma-nodes) begins after an anchor. -->
  <xsl:function name="b:lemmata-after" as="element(tei:app)*">
    <xsl:param name="anchor" as="node()"/>
    <xsl:sequence select="root($anchor)[. instance of document-node()] ! key('b:lemma-start', generate-id($anchor), .)"/>
  </xsl:function>

  <!-- Whether an app's lemma is marked in the text: an app where it stands, or one whose lemma
       nodes are known. -->
  <xsl:function name="b:lemma-in-text" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="b:point($app) is $app or exists(b:lemma-nodes($app))"/>
  </xsl:function>

  <!-- The number of an app's entry; its id (its xml:id, else document key + 'app' + number). -->
  <xsl:function name="b:app-number" as="xs:integer">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(b:apparatus(root($app))('n' || generate-id($app)), 0)[1]"/>
  </xsl:function>
  <xsl:function name="b:app-id" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(ed:own-id($app), ed:doc-key($app) || '-app' || b:app-number($app))[1]"/>
  </xsl:function>

  <xsl:accumulator name="b:verse-line" initial-value="0" as="xs:integer">
    <xsl:accumulator-rule match="tei:text//tei:l[not(ancestor::tei:rdg)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The line an app's entry is keyed to: @loc, the verse line (its @n, else its number among
       the document's lines outside readings) or the last line break with @n before it in its block (of the
       edition's own lineation, not a witness's: no @edRef); '' where the text has no lines. -->
  <xsl:function name="b:app-line" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="point" select="b:point($app)"/>
    <xsl:variable name="block" select="$point/ancestor::*[self::tei:p or self::tei:ab or self::tei:head][1]"/>
    <xsl:sequence select="string((normalize-space($app/@loc)[.], $point/ancestor::tei:l[1] ! (normalize-space(@n)[.],
        string(accumulator-before('b:verse-line')))[1], ($block//tei:lb[not(@edRef)][normalize-space(@n)][. &lt;&lt; $point])[last()]
        /normalize-space(@n))[1])"/>
  </xsl:function>
</xsl:stylesheet>
