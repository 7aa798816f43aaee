"""Registers wherever an edition keeps them (edition.corpora, edition.rendering.is_register):
files whose root is a list (listPerson, listOrg, listEvent, listBibl), a standOff, a document's
own header (particDesc, settingDesc), standOff and back; their entries get pages, names link to them,
their problems are placed in their own files; real registers of ``../shared/corpus``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html

from edition.build import build
from edition.corpora import read
from edition.outputs import INDEX_PAGES
from edition.profiles import profile
from edition.rendering import is_register
from edition.validate import validate

ROOT = Path(__file__).resolve().parents[1]
REGISTERS = ROOT / "tests" / "fixtures" / "corpora" / "registers"
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
TEI_ALL = profile("tei-all")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(REGISTERS, tmp_path_factory.mktemp("registers") / "build", check=False, pdf=False).output / "site"


def test_register_files_are_registers_and_documents_are_not():
    kinds = {path.name: is_register(read(path)[0]) for path in sorted(REGISTERS.glob("*.xml"))}
    assert kinds == {
        "events.xml": True,  # listEvent root
        "letter.xml": False,  # text, with persons in particDesc, places in settingDesc, orgs in standOff
        "notes.xml": False,  # text, with persons in back
        "orgs.xml": True,  # listOrg root
        "persons.xml": True,  # listPerson root
        "places.xml": True,  # standOff only
        "works.xml": True,  # listBibl root
    }


def test_entries_of_every_register_location_get_pages_and_names_link_to_them(site):
    assert sorted(p.name for p in site.glob("*.html") if p.stem not in _INDEX_PAGES) == ["letter.html", "notes.html"]
    page = html.fromstring((site / "letter.html").read_bytes())
    links = {" ".join(a.text_content().split()): a.get("href") for a in page.xpath("//main//a[contains(@href, 's/')]")}
    assert links == {
        "Ana": "persons/ana-berg.html",  # listPerson root
        "Eva": "persons/eva-fink.html",  # the letter's particDesc
        "Old Bridge": "places/old-bridge.html",  # standOff of a register file
        "River Gate": "places/river-gate.html",  # the letter's settingDesc
        "brigade": "organisations/fire-brigade.html",  # the letter's standOff
        "council": "organisations/town-council.html",  # listOrg root, a bare id
        "Gus": "persons/gus-hahn.html",  # the back of another document, a bare id
        "flood": "events/flood-1990.html",  # listEvent root: events are an index kind
    }
    for href in links.values():
        entity = (site / href).read_text(encoding="utf-8")
        assert "letter.html#" in entity
    assert "1950" in (site / "persons" / "ana-berg.html").read_text(encoding="utf-8")


_INDEX_PAGES = {"index", *INDEX_PAGES}


def test_pointers_to_entries_of_lists_resolve_and_their_problems_are_placed_in_their_files(tmp_path):
    assert validate([REGISTERS], TEI_ALL).problems == []  # the event, the work, the bare id resolve
    folder = tmp_path / "registers"
    shutil.copytree(REGISTERS, folder)
    persons = folder / "persons.xml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(text.replace('<birth when="1950"/>', '<birth when="1950-13"/>'), encoding="utf-8")
    line = text[: text.index("<birth")].count("\n") + 1
    column = text.splitlines()[line - 1].index("<birth") + 1
    problems = validate([folder], TEI_ALL).problems
    assert {p.path for p in problems} == {str(persons)}  # (and the grammar's error at the list)
    [problem] = [p for p in problems if p.rule == "date-iso"]
    assert (problem.line, problem.column) == (line, column + len("<birth "))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_real_registers():
    [bibliography] = read(CORPUS / "eltec-eng-translations-listbibl.xml")
    assert is_register(bibliography)
    for path in sorted((CORPUS / "amp-letter" / "entities" / "out").glob("*.xml")):
        assert is_register(read(path)[0]), path
    [play] = read(CORPUS / "yidracor-sholem-aleichem-a-dokter.xml")
    assert not is_register(play)  # its speakers in particDesc, its events in standOff
