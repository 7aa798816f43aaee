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
        ('<sch:phase id="x"/>', "xslt3", "sch:phase is not supported"),
        ('<sch:pattern><sch:rule context="*"><sch:extends rule="nope"/></sch:rule></sch:pattern>', "xslt3", "nope"),
    ],
)
def test_unsupported_schematron_is_refused_with_a_message(tmp_path, body, binding, words):
    with pytest.raises(SaxonError) as caught:
        Schematron(write_schema(tmp_path, body, binding))
    assert words in str(caught.value)


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
