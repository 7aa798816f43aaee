"""The Schematron compiler (xslt/schematron/compile.xsl) and edition.sch run as an editor runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from saxonche import PySaxonProcessor

from edition.saxon import SaxonError
from edition.schematron import COMPILER, SVRL, Schematron
from edition.xmlio import parse_bytes

SCH = Path(__file__).resolve().parents[1] / "schema" / "edition.sch"
GOOD = Path(__file__).parent / "fixtures" / "validate" / "good"


def write_schema(tmp_path: Path, body: str, binding: str = "xslt3") -> Path:
    path = tmp_path / "test.sch"
    path.write_text(
        f'<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="{binding}">'
        f'<sch:ns prefix="t" uri="urn:t"/>{body}</sch:schema>'
    )
    return path


def run(schema: Path, *documents: str) -> list:
    trees = {f"file:///doc{i}.xml": parse_bytes(d.encode(), f"doc{i}.xml") for i, d in enumerate(documents)}
    return [f for findings in Schematron(schema).run(trees, list(trees)).values() for f in findings]


def test_asserts_reports_lets_abstract_rules_and_messages(tmp_path):
    schema = write_schema(
        tmp_path,
        """
      <sch:let name="limit" value="2"/>
      <sch:pattern id="p">
        <sch:rule abstract="true" id="counted">
          <sch:assert id="few" test="count(t:i) le $limit">too many: <sch:value-of select="count(t:i)"/> in <sch:name/></sch:assert>
        </sch:rule>
        <sch:rule context="t:list">
          <sch:let name="n" value="count(t:i)"/>
          <sch:extends rule="counted"/>
          <sch:report id="empty" role="warning" test="$n = 0">empty <sch:emph>list</sch:emph></sch:report>
        </sch:rule>
        <sch:rule context="t:*">
          <sch:assert id="never" test="false()">second rule of a pattern never sees a node the first took</sch:assert>
        </sch:rule>
      </sch:pattern>
      <sch:pattern>
        <sch:rule context="@n"><sch:assert id="num" test=". castable as xs:integer"
            xmlns:xs="http://www.w3.org/2001/XMLSchema">n={.}</sch:assert></sch:rule>
      </sch:pattern>""",
    )
    findings = run(schema, '<t:list xmlns:t="urn:t"><t:i/><t:i/><t:i/><t:list n="x"/></t:list>')
    assert sorted((f.rule, f.role, f.message) for f in findings) == [
        ("empty", "warning", "empty list"),
        ("few", "error", "too many: 3 in t:list"),
        ("never", "error", "second rule of a pattern never sees a node the first took"),
        ("never", "error", "second rule of a pattern never sees a node the first took"),
        ("never", "error", "second rule of a pattern never sees a node the first took"),
        ("num", "error", "n={.}"),
    ]
    assert {f.location for f in findings if f.rule == "num"} == {"/Q{urn:t}list[1]/Q{urn:t}list[1]/@n"}


def test_schema_level_let_is_a_parameter_a_caller_can_set(tmp_path):
    schema = write_schema(
        tmp_path,
        """
      <sch:let name="edition" value="'default'"/>
      <sch:pattern><sch:rule context="/*"><sch:report id="v" test="true()"><sch:value-of
          select="if ($edition instance of map(*)) then 'map' else $edition"/></sch:report></sch:rule></sch:pattern>""",
    )
    assert [f.message for f in run(schema, "<r/>")] == ["map"]


@pytest.mark.parametrize(
    "body, binding, words",
    [
        ('<sch:pattern><sch:rule context="/"><sch:assert test="1"/></sch:rule></sch:pattern>', "xpath", "queryBinding"),
        ("<sch:diagnostics/>", "xslt3", "sch:diagnostics is not supported"),
        ('<sch:pattern><sch:rule context="*"><sch:extends rule="nope"/></sch:rule></sch:pattern>', "xslt3", "nope"),
    ],
)
def test_unsupported_schematron_is_refused_with_a_message(tmp_path, body, binding, words):
    with pytest.raises(SaxonError) as caught:
        Schematron(write_schema(tmp_path, body, binding))
    assert words in str(caught.value)


def test_a_phase_runs_its_active_patterns_only(tmp_path):
    body = """
      <sch:phase id="one"><sch:active pattern="a"/></sch:phase>
      <sch:phase id="both"><sch:active pattern="a"/><sch:active pattern="b"/></sch:phase>
      <sch:pattern id="a"><sch:rule context="/*"><sch:report id="a" test="true()">a</sch:report></sch:rule></sch:pattern>
      <sch:pattern id="b"><sch:rule context="/*"><sch:report id="b" test="true()">b</sch:report></sch:rule></sch:pattern>"""
    schema = write_schema(tmp_path, body)

    def rules(phase: str) -> list[str]:
        trees = {"file:///d.xml": parse_bytes(b"<r/>", "d.xml")}
        return [f.rule for f in Schematron(schema, phase).run(trees, list(trees))["file:///d.xml"]]

    assert rules("one") == ["a"] and rules("both") == rules("") == rules("#ALL") == ["a", "b"]
    schema.write_text(schema.read_text().replace('queryBinding="xslt3"', 'queryBinding="xslt3" defaultPhase="one"'))
    assert rules("") == ["a"] and rules("both") == ["a", "b"]
    with pytest.raises(SaxonError, match="no phase 'three'"):
        rules("three")


def test_the_edition_phase_runs_every_pattern_but_the_one_tei_all_has_instead():
    schema = parse_bytes(SCH.read_bytes(), str(SCH))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    patterns = set(schema.xpath("sch:pattern/@id", namespaces=ns))
    assert set(schema.xpath("sch:phase[@id = 'edition']/sch:active/@pattern", namespaces=ns)) == patterns - {
        "identifiers-in-document"
    }
    assert set(schema.xpath("sch:phase[@id = 'tei-all']/sch:active/@pattern", namespaces=ns)) <= patterns


def test_edition_rules_work_as_an_editor_runs_them(tmp_path):
    """Oxygen compiles edition.sch and runs it on one file: the edition comes from collection()."""
    folder = tmp_path / "tei"
    shutil.copytree(GOOD, folder)
    article = folder / "article.xml"
    article.write_text(article.read_text().replace("persons.xml#t-stalin", "persons.xml#t-nobody"))
    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    generated = compiler.compile_stylesheet(stylesheet_file=str(COMPILER)).transform_to_string(source_file=str(SCH))
    svrl = compiler.compile_stylesheet(stylesheet_text=generated).transform_to_string(source_file=str(article))
    failed = etree.fromstring(svrl.encode()).iterfind(f".//{{{SVRL}}}failed-assert")
    assert [(f.get("id"), " ".join(f.findtext(f"{{{SVRL}}}text").split())[:40]) for f in failed] == [
        ("ref-resolves", "@ref points to 'persons.xml#t-nobody', w")
    ]
