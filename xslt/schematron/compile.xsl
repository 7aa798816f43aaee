<?xml version="1.0" encoding="UTF-8"?>
<!--
  Compiles an ISO Schematron schema (query binding xslt2 or xslt3) into an XSLT 3.0
  stylesheet that reports in SVRL.

  Supported: sch:ns, sch:let (schema, pattern and rule level), sch:phase and sch:active (the
  parameter $phase: '' for the schema's defaultPhase, '#ALL' for every pattern), sch:pattern, sch:rule
  (@context, @id, @role, @abstract, sch:extends/@rule), sch:assert and sch:report (@test,
  @id, @role), and ed:severity on sch:active (the role of every finding of that pattern in that
  phase: a phase may make a pattern's errors warnings), messages with sch:value-of, sch:name, sch:emph, sch:dir, sch:span;
  xsl:function and xsl:key at schema level are copied, xsl:import and xsl:include too (with
  absolute hrefs). sch:title and sch:p are
  documentation. Anything else is refused with a message, never ignored silently.

  The generated stylesheet has two entry points:
  * match="/": validates the source document (how Oxygen and other editors run it);
  * the named template schematron-validate-all: validates every document named in
    $schematron-targets, looked up in the map $schematron-documents (URI -> document), inside one
    transformation, so that schema-level variables are computed once for a whole
    edition. Schema-level sch:let become xsl:param: a caller may supply their values.

  Each failed assert or successful report becomes svrl:failed-assert or
  svrl:successful-report with @id, @role (error unless said otherwise) and
  @location, the fn:path() of the context node (worked out in one pass over a document that
  has findings, so that the cost of a finding does not grow with the document).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:axsl="http://www.w3.org/1999/XSL/TransformAlias"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="sch xs ed">

  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes"/>
  <xsl:key name="abstract-rule" match="sch:rule[@abstract = 'true']" use="@id"/>

  <!-- The phase to compile: its active patterns only ('#ALL': every pattern). -->
  <xsl:param name="phase" as="xs:string" select="''"/>
  <xsl:variable name="active" as="xs:string" select="if ($phase) then $phase else (/sch:schema/@defaultPhase, '#ALL')[1]"/>
  <xsl:variable name="patterns" as="element(sch:pattern)*" select="if ($active = '#ALL') then /sch:schema/sch:pattern
      else /sch:schema/sch:pattern[@id = /sch:schema/sch:phase[@id = $active]/sch:active/@pattern]"/>

  <xsl:template match="/sch:schema">
    <xsl:if test="not(@queryBinding = ('xslt2', 'xslt3'))">
      <xsl:message terminate="yes">Schematron: queryBinding must be xslt2 or xslt3, not '<xsl:value-of select="@queryBinding"/>'</xsl:message>
    </xsl:if>
    <xsl:if test="$active != '#ALL' and not(sch:phase[@id = $active])">
      <xsl:message terminate="yes">Schematron: no phase '<xsl:value-of select="$active"/>'</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="//sch:*[not(self::sch:schema | self::sch:ns | self::sch:let | self::sch:pattern
        | self::sch:phase | self::sch:active
        | self::sch:rule | self::sch:extends | self::sch:assert | self::sch:report | self::sch:value-of
        | self::sch:name | self::sch:emph | self::sch:dir | self::sch:span | self::sch:title | self::sch:p)]"
        mode="unsupported"/>
    <axsl:stylesheet version="3.0" exclude-result-prefixes="#all">
      <xsl:for-each select="sch:ns">
        <xsl:namespace name="{@prefix}" select="string(@uri)"/>
      </xsl:for-each>
      <xsl:namespace name="sch" select="'http://purl.oclc.org/dsdl/schematron'"/>
      <xsl:namespace name="xs" select="'http://www.w3.org/2001/XMLSchema'"/>
      <xsl:namespace name="map" select="'http://www.w3.org/2005/xpath-functions/map'"/>
      <xsl:namespace name="array" select="'http://www.w3.org/2005/xpath-functions/array'"/>
      <xsl:for-each select="xsl:import, xsl:include">
        <xsl:element name="xsl:{local-name()}">
          <xsl:attribute name="href" select="resolve-uri(@href, base-uri(.))"/>
        </xsl:element>
      </xsl:for-each>
      <axsl:mode use-accumulators="#all"/>
      <!-- The names counted among the children of each open element, innermost first: made for a
           document only when a finding there needs its location (sch:path) -->
      <axsl:accumulator name="sch:counts" as="map(*)+" initial-value="map{{}}">
        <axsl:accumulator-rule match="*" phase="start"
            select="map{{}}, map:put(head($value), node-name(), (head($value)(node-name()), 0)[1] + 1), tail($value)"/>
        <axsl:accumulator-rule match="*" phase="end" select="tail($value)"/>
      </axsl:accumulator>
      <!-- fn:path() of a node, with positions from sch:counts: path() counts the preceding
           siblings of every step, which made each finding cost as much as the document -->
      <axsl:function name="sch:path" as="xs:string">
        <axsl:param name="node" as="node()"/>
        <axsl:sequence select="if (not($node instance of element() or $node instance of attribute())) then path($node)
            else string-join(($node/ancestor-or-self::* ! ('/Q{{' || namespace-uri() || '}}' || local-name() || '['
              || accumulator-before('sch:counts')[2](node-name()) || ']'),
              $node[self::attribute()] ! ('/@' || (if (namespace-uri()) then 'Q{{' || namespace-uri() || '}}' else '')
              || local-name())))"/>
      </axsl:function>
      <axsl:param name="schematron-documents" as="map(xs:string, document-node())" select="map{{}}"/>
      <axsl:param name="schematron-targets" as="array(xs:string)" select="[]"/>
      <xsl:copy-of select="xsl:function | xsl:key | xsl:template[@name]"/>
      <xsl:for-each select="sch:let">
        <axsl:param name="{@name}" select="{@value}"/>
      </xsl:for-each>
      <xsl:for-each select="$patterns/sch:let">
        <axsl:variable name="{@name}" select="{@value}"/>
      </xsl:for-each>

      <axsl:template match="/">
        <svrl:schematron-output document="{{base-uri(.)}}">
          <axsl:call-template name="sch:patterns"/>
        </svrl:schematron-output>
      </axsl:template>

      <axsl:template name="schematron-validate-all">
        <sch:reports>
          <axsl:for-each select="array:flatten($schematron-targets)">
            <svrl:schematron-output document="{{.}}">
              <axsl:for-each select="$schematron-documents(.)">
                <axsl:call-template name="sch:patterns"/>
              </axsl:for-each>
            </svrl:schematron-output>
          </axsl:for-each>
        </sch:reports>
      </axsl:template>

      <axsl:template name="sch:patterns">
        <xsl:for-each select="$patterns">
          <svrl:active-pattern id="{(@id, 'pattern-' || position())[1]}"/>
          <axsl:apply-templates select="." mode="sch:p{position()}"/>
        </xsl:for-each>
      </axsl:template>

      <xsl:apply-templates select="$patterns"/>
    </axsl:stylesheet>
  </xsl:template>

  <xsl:template match="sch:*" mode="unsupported">
    <xsl:message terminate="yes">Schematron: sch:<xsl:value-of select="local-name()"/> is not supported by this compiler</xsl:message>
  </xsl:template>

  <xsl:template match="sch:pattern">
    <xsl:variable name="mode" select="'sch:p' || position()"/>
    <xsl:variable name="severity" as="xs:string?"
        select="/sch:schema/sch:phase[@id = $active]/sch:active[@pattern = current()/@id]/@ed:severity"/>
    <axsl:template match="@*|node()" mode="{$mode}" priority="-1000">
      <axsl:apply-templates select="@*|node()" mode="{$mode}"/>
    </axsl:template>
    <xsl:for-each select="sch:rule[not(@abstract = 'true')]">
      <axsl:template match="{@context}" mode="{$mode}" priority="{1000 - position()}">
        <xsl:apply-templates select="*" mode="body">
          <xsl:with-param name="severity" select="$severity" tunnel="yes"/>
        </xsl:apply-templates>
        <axsl:apply-templates select="@*|node()" mode="{$mode}"/>
      </axsl:template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="sch:let" mode="body">
    <axsl:variable name="{@name}" select="{@value}"/>
  </xsl:template>

  <xsl:template match="sch:extends" mode="body">
    <xsl:variable name="base" select="key('abstract-rule', @rule)"/>
    <xsl:if test="empty($base)">
      <xsl:message terminate="yes">Schematron: sch:extends names no abstract rule '<xsl:value-of select="@rule"/>'</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$base/*" mode="body"/>
  </xsl:template>

  <xsl:template match="sch:assert | sch:report" mode="body">
    <xsl:param name="severity" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="kind" select="if (self::sch:assert) then 'failed-assert' else 'successful-report'"/>
    <axsl:if test="{if (self::sch:assert) then 'not(' || @test || ')' else @test}">
      <xsl:element name="svrl:{$kind}">
        <xsl:attribute name="test" select="replace(replace(@test, '\{', '{{'), '\}', '}}')"/>
        <xsl:attribute name="id" select="(@id, ../@id, 'anonymous')[1]"/>
        <xsl:attribute name="role" select="($severity, @role, ../@role, 'error')[1]"/>
        <xsl:attribute name="location">{sch:path(.)}</xsl:attribute>
        <svrl:text>
          <xsl:apply-templates mode="message"/>
        </svrl:text>
      </xsl:element>
    </axsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="message">
    <axsl:text>
      <xsl:value-of select="replace(., '\s+', ' ')"/>
    </axsl:text>
  </xsl:template>

  <xsl:template match="sch:value-of" mode="message">
    <axsl:value-of select="{@select}"/>
  </xsl:template>

  <xsl:template match="sch:name" mode="message">
    <axsl:value-of select="name({(@path, '.')[1]})"/>
  </xsl:template>

  <xsl:template match="sch:emph | sch:dir | sch:span" mode="message">
    <xsl:apply-templates mode="message"/>
  </xsl:template>

  <xsl:template match="sch:*" mode="body"/>
</xsl:stylesheet>
