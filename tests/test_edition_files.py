"""The edition's own TEI files: valid, and checked by editors with the same rules as the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import profiles
from edition.profiles import EDITION, SCHEMATRON
from edition.validate import validate
from edition.xmlio import parse_file

TEI = Path(__file__).resolve().parents[1] / "tei"
FILES = sorted(TEI.glob("*.xml"))
MODELS = {
    ("../schema/edition.rng", "http://relaxng.org/ns/structure/1.0"),
    ("../schema/edition.sch", "http://purl.oclc.org/dsdl/schematron"),
}


def test_the_edition_has_its_four_documents():
    keys = {p.stem for p in FILES}
    assert {"nakhchivan-1920-1921", "nakhchivan-1924-1928", "mountain-fortress", "adr-1918-1920-lv"} <= keys


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_file_points_editors_at_the_edition_schemas(path):
    tree = parse_file(path)
    pis = [node for node in tree.getroot().itersiblings(preceding=True) if getattr(node, "target", None) == "xml-model"]
    found = {(pi.get("href"), pi.get("schematypens")) for pi in pis}
    assert found == MODELS
    for href, _ in found:
        assert (path.parent / href).resolve().is_file()
    # the very files the command line checks with (an editable install finds them in schema/)
    assert {(path.parent / href).resolve() for href, _ in found} == {EDITION.grammar.resolve(), SCHEMATRON.resolve()}


def test_the_whole_edition_validates_without_errors():
    report = validate([TEI])
    assert report.files == len(FILES)
    assert report.errors == 0, "\n".join(p.format() for p in report.problems if p.severity == "error")


@pytest.mark.slow
def test_the_edition_is_valid_tei_p5():
    report = validate([TEI], profiles.TEI)
    assert [p.format() for p in report.problems if p.rule == "rng"] == []
