"""The format-neutral layer: TEI elements classified once by behaviour (xslt/common/behaviours.xsl),
rendered by each format (xslt/html/, xslt/text/, xslt/print/)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from lxml import etree, html

from edition.cli import main
from edition.documents import load_tei
from edition.pdf import print_html
from edition.plaintext import write_texts

ROOT = Path(__file__).resolve().parents[1]
XSLT = ROOT / "xslt"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
FORMATS = ("html", "text", "print")


def behaviours() -> set[str]:
    """The behaviours classified in behaviours.xsl (its static variables)."""
    tree = etree.parse(str(XSLT / "common" / "behaviours.xsl"))
    return {v.get("name").removeprefix("b:") for v in tree.iter(f"{XSL}variable") if v.get("static") == "yes"}


def templates(fmt: str) -> list[etree._Element]:
    return [t for path in sorted((XSLT / fmt).glob("*.xsl")) for t in etree.parse(str(path)).iter(f"{XSL}template")]


def test_formats_meet_tei_elements_only_through_the_behaviours():
    for fmt in FORMATS:
        for template in templates(fmt):
            if template.get("mode") is None:
                assert "tei:" not in (template.get("match") or ""), f"{fmt}: {template.get('match')}"


def test_html_renders_every_behaviour():
    """Through its own templates or those behaviours.xsl has for every format (tokens, what is left out)."""
    common = etree.parse(str(XSLT / "common" / "behaviours.xsl")).iter(f"{XSL}template")
    rendered = {
        name for t in [*templates("html"), *common] for name in re.findall(r"\{\$b:([\w-]+)\}", t.get("_match") or "")
    }
    assert behaviours() == rendered


NOTES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Footnotes</title></titleStmt>
<publicationStmt><p>Test<note>not a footnote: in the header</note></p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>One<note>first</note> two<note n="7">seventh</note> three<note place="inline">inline</note>
<bibl>Work<note>on the work</note></bibl> four<note xml:id="last">last</note>.</p></body></text></TEI>"""


def test_one_definition_of_a_footnote_for_every_format(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text(NOTES, encoding="utf-8")
    documents = load_tei([path])
    result = CliRunner().invoke(main, ["html", str(path), "-o", str(tmp_path / "html")])
    assert result.exit_code == 0, result.output
    page = html.parse(str(tmp_path / "html" / "notes.html"))
    assert [a.text_content() for a in page.xpath("//a[@class='fn-ref']")] == ["1", "7", "3"]
    assert [li.get("id") for li in page.xpath("//ol[@class='fn-list']/li")] == ["notes-note1", "notes-note2", "last"]
    write_texts(documents, documents, tmp_path / "text", notes="endnotes")
    text = (tmp_path / "text" / "notes.txt").read_text(encoding="utf-8")
    assert re.findall(r"\[(\d+)\]", text.partition("\nNotes\n")[0]) == ["1", "7", "3"]
    printed = html.fromstring(print_html(documents, documents))
    assert [a.text_content() for a in printed.xpath("//*[@class='fn-call']")] == ["1", "7", "3"]
    assert [s.get("id") for s in printed.xpath("//span[@class='footnote']")] == ["notes-note1", "notes-note2", "last"]
