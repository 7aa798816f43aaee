"""Plain-text output: the reading text of the edition's documents and of foreign TEI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.documents import load_tei, with_neighbours
from edition.plaintext import write_texts

ROOT = Path(__file__).resolve().parents[1]
NS = {"t": "http://www.tei-c.org/ns/1.0"}
FILES = sorted((ROOT / "tei").glob("[amn]*.xml")) + sorted((ROOT / "tests" / "fixtures" / "foreign").glob("*.xml"))


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, dict[str, str]]:
    documents = load_tei(FILES)
    edition = with_neighbours(documents)
    result = {}
    for notes in ("endnotes", "inline", "none"):
        out = tmp_path_factory.mktemp(notes)
        write_texts(documents, edition, out, notes=notes)
        result[notes] = {p.stem: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}
    return result


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_word_of_the_text_is_in_the_output(path, texts):
    output = texts["endnotes"][path.stem]
    tei = etree.parse(str(path))
    words: dict[str, int] = {}
    for node in tei.xpath("//t:text//text()", namespaces=NS):
        for word in re.findall(r"\w+", node):
            words[word] = words.get(word, 0) + 1
    missing = [w for w, n in words.items() if output.count(w) < n]
    assert missing == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_markup_residue_and_whitespace_as_read(path, texts):
    output = texts["endnotes"][path.stem]
    source_text = "".join(
        etree.parse(str(path)).xpath("//t:titleStmt/t:title//text() | //t:text//text()", namespaces=NS)
    )
    assert re.findall(r"</?[A-Za-z][^>\n]*>", output) == re.findall(r"</?[A-Za-z][^>\n]*>", source_text)
    assert not re.search(r"\S  +\S", output) and "\t" not in output and not re.search(r" +\n", output)
    assert output.endswith("\n") and not output.endswith("\n\n")


def test_thesis_endnotes_inline_and_none(texts):
    notes = etree.parse(str(ROOT / "tei" / "mountain-fortress.xml")).xpath(
        "//t:text//t:note[@place='foot']", namespaces=NS
    )
    endnotes = texts["endnotes"]["mountain-fortress"]
    body, _, listed = endnotes.partition("\nNotes\n=====\n")
    assert [m for m in re.findall(r"^\[(\d+)\] ", listed, re.M)] == [n.get("n") for n in notes]
    assert all(f"[{n.get('n')}]" in body for n in notes) and len(re.findall(r"\[\d+\]", body)) >= 1085
    assert "to 24.[2] However" in body
    inline = texts["inline"]["mountain-fortress"]
    assert (
        "to 24.[2: de Waal, Thomas. Black Garden: Armenia and Azerbaijan Through Peace and War. New York: New York "
        "University Press, 2013, 175.] However"
        in inline
        and "\nNotes\n" not in inline
    )
    none = texts["none"]["mountain-fortress"]
    assert "to 24. However" in none and "University Press, 2013, 175" not in none


def test_structure_of_foreign_texts(texts):
    prose = texts["endnotes"]["prose"]
    assert "The road east\n=============\n" in prose and "Further on\n----------\n" in prose
    assert "1. bread,\n2. salt, and\n  • dried fruit\n  • tea" in prose
    assert "\n    The mountains rise like a wall.\n" in prose
    assert "wrote received (as written: recieved) on the bill" in prose and "General (as written: Gen.)" in prose
    assert "as the road was open[1] and the weather fair.[2]" in prose
    assert "[2] A second note. With two paragraphs." in prose or "[2] A second note.\n" in prose
    letter = texts["endnotes"]["letter"]
    assert "office has\nmoved again[a], and I write in haste." in letter
    drama = texts["endnotes"]["drama"]
    assert "FERRYMAN\n      Who calls across the water\n      at this late hour?" in drama
    assert texts["endnotes"]["adr-1918-1920-lv"].startswith("=")


def test_text_command(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["text", str(FILES[0]), "-o", str(tmp_path), "--notes", "inline"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{FILES[0].stem}.txt").read_text(encoding="utf-8")
    assert runner.invoke(main, ["text", str(FILES[0]), "-o", str(tmp_path), "--notes", "bogus"]).exit_code == 2
    not_tei = tmp_path / "other.xml"
    not_tei.write_text("<root/>")
    result = runner.invoke(main, ["text", str(not_tei), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "not a TEI document" in result.output
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI>")
    result = runner.invoke(main, ["html", str(broken), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "broken.xml:1:" in result.output and "Traceback" not in result.output
