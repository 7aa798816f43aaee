"""Corpora (edition.corpora): teiCorpus roots, inline and nested, split into their documents;
documents a corpus includes with XInclude, header parts included by xpointer, fallbacks; refused
includes (missing, outside the folder, over the network, a loop) reported at their place; the
corpus's header lists as registers; the real corpora of ``../shared/corpus`` (skipped without it)."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from edition.build import build
from edition.cli import main
from edition.corpora import documents, read
from edition.problems import InputError
from edition.profiles import profile
from edition.validate import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "corpora"
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
TEI_ALL = profile("tei-all")
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def _built(folder: Path, out: Path) -> Path:
    return build(folder, out, check=False, pdf=False).output / "site"


@pytest.fixture(scope="module")
def inline(tmp_path_factory) -> Path:
    """The site of the inline corpus (a corpus nested in it)."""
    return _built(FIXTURES / "inline", tmp_path_factory.mktemp("inline") / "build")


@pytest.fixture(scope="module")
def included(tmp_path_factory) -> Path:
    """The site of the corpus that includes its sessions."""
    return _built(FIXTURES / "included", tmp_path_factory.mktemp("included") / "build")


def _links(page: Path, where: str = "//main//a") -> dict[str, str]:
    """The links of ``page``: text -> href."""
    return {" ".join(a.text_content().split()): a.get("href") for a in html.fromstring(page.read_bytes()).xpath(where)}


def _copy(folder: Path, tmp_path: Path) -> Path:
    copied = tmp_path / folder.name
    shutil.copytree(folder, copied)
    return copied


def _plant(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace ``old`` by ``new`` in ``path``; the line and column where it starts."""
    text = path.read_text(encoding="utf-8")
    start = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def test_every_document_of_a_corpus_has_its_page_and_the_corpus_lists_them(inline):
    pages = {path.name for path in inline.glob("*.html")}
    assert {"assembly.html", "sitting-1.html", "committees.html", "assembly-1.html"} <= pages
    assert _links(inline / "assembly.html", "//main//ul[contains(@class, 'type-documents')]//a") == {
        "First sitting": "sitting-1.html",
        "Committees": "committees.html",
    }
    assert _links(inline / "committees.html", "//main//ul[contains(@class, 'type-documents')]//a") == {
        "Finance committee": "assembly-1.html"
    }
    home = html.fromstring((inline / "index.html").read_bytes())
    listed = [a.get("href") for a in home.xpath("//main//a")]
    for page in ("sitting-1.html", "committees.html", "assembly-1.html"):
        assert listed.count(page) == 1, listed
    # the corpus's header is its page's, and its language is its documents'
    assert "Minutes of the Town Assembly" in (inline / "assembly.html").read_text(encoding="utf-8")
    assert html.fromstring((inline / "assembly-1.html").read_bytes()).xpath("//main//*[@lang='en']")


def test_names_in_a_corpus_link_to_the_entries_of_its_header(inline):
    assert _links(inline / "sitting-1.html", "//main//a[starts-with(@href, 'p')]") == {
        "Town Hall": "places/town-hall.html",
        "Mr Dorn": "persons/carl-dorn.html",
        "Ana Berg": "persons/ana-berg.html",  # a speaker (u/@who), by the register's name
    }
    assert _links(inline / "assembly-1.html", "//main//a[starts-with(@href, 'persons/')]") == {
        "Ms Berg": "persons/ana-berg.html"
    }
    entity = (inline / "persons" / "ana-berg.html").read_text(encoding="utf-8")
    assert "Ana Berg" in entity and "assembly-1.html#" in entity


def test_pointers_into_the_corpus_header_resolve_and_problems_are_placed_in_the_corpus_file(tmp_path):
    assert validate([FIXTURES / "inline"], TEI_ALL).problems == []  # who="#ana-berg" ana="#chair" in sitting-1
    folder = _copy(FIXTURES / "inline", tmp_path)
    corpus = folder / "assembly.xml"
    date = _plant(corpus, '<date when="1990-05-07">', '<date when="1990-02-30">')
    pointer = _plant(corpus, '<persName ref="#carl-dorn">', '<persName ref="#carl-dorm">')
    grammar = _plant(corpus, '<u who="#ana-berg"', '<u colour="red" who="#ana-berg"')
    stray = _plant(corpus, "  </teiCorpus>\n</teiCorpus>", "  </teiCorpus>\n  <p>Lost.</p>\n</teiCorpus>")
    found = {p.rule: p for p in validate([folder], TEI_ALL).problems}
    assert set(found) == {"date-iso", "ref-resolves", "rng", "corpus-content"}, found
    assert (found["corpus-content"].line, found["corpus-content"].column) == (stray[0] + 1, 3)
    assert {p.path for p in found.values()} == {str(corpus)}
    assert (found["date-iso"].line, found["date-iso"].column) == (date[0], date[1] + len("<date "))
    assert (found["ref-resolves"].line, found["ref-resolves"].column) == (pointer[0], pointer[1] + len("<persName "))
    assert (found["rng"].line, found["rng"].column) == (grammar[0], grammar[1] + len("<u "))


def test_single_file_commands_render_and_index_each_document_of_a_corpus(tmp_path):
    corpus = str(FIXTURES / "inline" / "assembly.xml")
    result = CliRunner().invoke(main, ["html", corpus, "-o", str(tmp_path / "html")])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "html").glob("*.html")} == {
        "assembly.html",
        "sitting-1.html",
        "committees.html",
        "assembly-1.html",
    }
    result = CliRunner().invoke(main, ["index", corpus, "--format", "csv", "-o", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "index" / "persons.csv").open(encoding="utf-8") as rows:
        mentions = {(row["document"], row["entity"]) for row in csv.DictReader(rows)}
    assert mentions == {("sitting-1", "carl-dorn"), ("assembly-1", "ana-berg")}


def test_documents_a_corpus_includes_are_its_documents_once(included):
    pages = sorted(path.name for path in included.glob("*.html") if path.stem.startswith(("session", "assembly")))
    assert pages == ["assembly.html", "session-1.html", "session-2.html", "session-3.html"]
    assert _links(included / "assembly.html", "//main//ul[contains(@class, 'type-documents')]//a") == {
        "Session 1": "session-1.html",
        "Session 2": "session-2.html",
        "Third session (not transcribed)": "session-3.html",  # the include's fallback
    }
    assert "The minutes of this session are lost." in (included / "session-3.html").read_text(encoding="utf-8")
    home = [a.get("href") for a in html.fromstring((included / "index.html").read_bytes()).xpath("//main//a")]
    assert [home.count(f"session-{n}.html") for n in (1, 2, 3)] == [1, 1, 1], home
    for n in (1, 2):  # the speaker's '#id' is the corpus's entry
        assert _links(included / f"session-{n}.html", "//main//a[starts-with(@href, 'persons/')]") == {
            "Ana Berg": "persons/ana-berg.html"
        }


def test_header_parts_are_included_by_xpointer(included):
    for n in (1, 2):  # an xml:id; element(/1/1/2)
        tei = (included / "tei" / f"session-{n}.xml").read_text(encoding="utf-8")
        assert "Minutes transcribed for the town's archive." in tei and "xi:include" not in tei
    [session] = [s for s in read(FIXTURES / "included" / "sessions" / "session-2.xml")]
    encoding = session.tree.find(".//{http://www.tei-c.org/ns/1.0}projectDesc")
    headers = FIXTURES / "included" / "shared" / "headers.xml"
    line = (
        headers.read_text(encoding="utf-8")
        .splitlines()
        .index("      <projectDesc><p>Minutes transcribed for the town's archive.</p></projectDesc>")
        + 1
    )
    assert session.place(encoding) == (str(headers), line, 7)


def test_a_missing_include_is_an_error_at_its_place_unless_it_has_a_fallback(tmp_path):
    folder = _copy(FIXTURES / "included", tmp_path)
    corpus = folder / "assembly.xml"
    line, column = _plant(
        corpus,
        '  <xi:include href="sessions/session-3.xml">',
        '  <xi:include href="sessions/session-4.xml"/>\n  <xi:include href="sessions/session-3.xml">',
    )
    session = folder / "sessions" / "session-1.xml"
    _plant(
        session,
        "<p>Session 1:",
        f'<p><xi:include {XI} href="note.txt" parse="text"><xi:fallback>No note.</xi:fallback></xi:include> '
        f'<xi:include {XI} href="../assembly.xml" parse="text" encoding="x-none"><xi:fallback>None.</xi:fallback></xi:include> Session 1:',
    )
    problems = validate([folder], TEI_ALL).problems
    assert [(p.path, p.line, p.column, p.rule) for p in problems] == [
        (str(corpus), line, column + 2 + len("<xi:include "), "xinclude")
    ]
    assert 'xi:include of "sessions/session-4.xml": the file does not exist' in problems[0].message
    site = _built(folder, tmp_path / "out")  # not validated: built without it
    assert {p.name for p in site.glob("session-*.html")} == {"session-1.html", "session-2.html", "session-3.html"}
    assert "No note. None. Session 1:" in (site / "text" / "session-1.txt").read_text(encoding="utf-8")


def test_includes_outside_the_folder_over_the_network_or_in_a_loop_are_refused(tmp_path, listener):
    url, hits = listener
    (tmp_path / "outside.xml").write_bytes((FIXTURES / "included" / "sessions" / "session-1.xml").read_bytes())
    folder = _copy(FIXTURES / "included", tmp_path / "edition")
    corpus = folder / "assembly.xml"
    refused = {
        "../outside.xml": "outside the edition's folder",
        f"{url}/session.xml": "nothing is fetched",
        "assembly.xml": "includes itself",
        "sessions/%00.xml": "not a file name",
    }
    places = {}
    for href in refused:
        places[href] = _plant(
            corpus,
            '  <xi:include href="sessions/session-1.xml"/>',
            f'  <xi:include href="{href}"/>\n  <xi:include href="sessions/session-1.xml"/>',
        )
    problems = validate([folder], TEI_ALL).problems
    assert len(problems) == 4 and all(p.rule == "xinclude" and p.path == str(corpus) for p in problems), problems
    for href, why in refused.items():
        [problem] = [p for p in problems if f'"{href}"' in p.message]
        assert why in problem.message and (problem.line, problem.column) == (
            places[href][0],
            places[href][1] + 2 + len("<xi:include "),
        ), problem
    site = _built(folder, tmp_path / "out")
    assert {p.name for p in site.glob("session-*.html")} == {"session-1.html", "session-2.html", "session-3.html"}
    assert not (site / "outside.html").exists() and hits == []


def test_includes_of_includes_stay_within_the_limits(tmp_path):
    """Six files, each including the next ten times: a million includes, refused at the first
    beyond 10,000 (as quickly as a file beyond the parser's limits)."""
    for level in range(6):
        inner = "".join(f'<xi:include {XI} href="level-{level + 1}.xml"/>' for _ in range(10)) if level < 5 else "x"
        (tmp_path / f"level-{level}.xml").write_text(f'<p xmlns="http://www.tei-c.org/ns/1.0">{inner}</p>')
    tei = (FIXTURES / "included" / "sessions" / "session-1.xml").read_text(encoding="utf-8")
    (tmp_path / "document.xml").write_text(
        tei.replace("<p>Session 1:", f'<p><xi:include {XI} href="level-0.xml"/>Session 1:'), encoding="utf-8"
    )
    with pytest.raises(InputError) as refused:
        read(tmp_path / "document.xml", tmp_path)
    assert refused.value.problem.rule == "xml-limits" and "more than 10,000 includes" in refused.value.problem.message
    assert refused.value.problem.path.startswith(str(tmp_path / "level-"))


def test_an_included_file_that_is_itself_an_include_is_left_as_it_is(tmp_path):
    (tmp_path / "loop.xml").write_text(f'<xi:include {XI} href="loop.xml"/>', encoding="utf-8")
    tei = (FIXTURES / "included" / "sessions" / "session-1.xml").read_text(encoding="utf-8")
    (tmp_path / "document.xml").write_text(
        tei.replace("<p>Session 1:", f'<p><xi:include {XI} href="loop.xml"/>Session 1:'), encoding="utf-8"
    )
    [document] = read(tmp_path / "document.xml", tmp_path)
    [left] = document.tree.iter("{http://www.w3.org/2001/XInclude}include")
    assert left.get("href") == "loop.xml" and left.getparent().tag == "{http://www.tei-c.org/ns/1.0}p"


@needs_corpus
def test_real_corpora_every_document_has_its_page(tmp_path):
    for name, corpus_file in (("slovparl", "slovparl-teicorpus.xml"), ("parla-clarin", "parla-clarin-exemplar.xml")):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(CORPUS / corpus_file, folder)
        found = read(folder / corpus_file)
        teis = len(re.findall(rb"<TEI[\s>]", (CORPUS / corpus_file).read_bytes()))
        assert len(found) == teis + 1 and all(s.is_tei for s in found)
        site = _built(folder, tmp_path / f"{name}-out")
        pages = {p.stem for p in site.glob("*.html")}
        assert {s.path.stem for s in found} <= pages, pages
        listed = _links(
            site / corpus_file.replace(".xml", ".html"), "//main//ul[contains(@class, 'type-documents')]//a"
        )
        assert sorted(listed.values()) == sorted(f"{s.path.stem}.html" for s in found[1:])


@needs_corpus
def test_real_corpus_with_included_sessions(tmp_path):
    folder = CORPUS / "siparl-sdt2"
    found = documents(sorted(folder.rglob("*.xml")), folder)
    assert [s.path.name for s in found] == ["SDT2-sample.xml"] + [
        f"{p.stem}.xml" for p in sorted((folder / "SDT2").glob("*.xml"))
    ]
    site = _built(folder, tmp_path / "out")
    listed = _links(site / "SDT2-sample.html", "//main//ul[contains(@class, 'type-documents')]//a")
    assert sorted(listed.values()) == sorted(f"{p.stem}.html" for p in (folder / "SDT2").glob("*.xml"))
    assert all((site / page).exists() for page in listed.values())


@needs_corpus
def test_real_corpus_with_missing_includes(tmp_path):
    folder = CORPUS / "sarit-corpus"
    corpus = folder / "saritcorpus.xml"
    text = corpus.read_text(encoding="utf-8")
    missing = {
        (number, line.index("href") + 1)
        for number, line in enumerate(text.splitlines(), 1)
        if (href := re.search(r'<xi:include href="([^"]+)"', line)) and not (folder / href[1]).exists()
    }
    assert len(missing) == 57
    [own] = [s for s in read(corpus) if s.path == corpus]
    assert {(p.line, p.column) for p in own.problems} == missing
    assert {(p.path, p.rule) for p in own.problems} == {(str(corpus), "xinclude")}
    site = _built(folder, tmp_path / "out")
    listed = _links(site / "saritcorpus.html", "//main//ul[contains(@class, 'type-documents')]//a")
    assert sorted(listed.values()) == [
        "jitari-nairatmyasiddhi.html",
        "jitari-sarvajnasiddhi.html",
        "ratnakirti-nibandhavali.html",
    ]


@needs_corpus
def test_real_issue_including_its_master_header_by_xpointer():
    folder = CORPUS / "haqaiq-issue1"
    master = folder / "oclc_644997575-master_teiHeader.TEIP5.xml"
    [issue] = read(folder / "oclc_644997575-i_1.TEIP5.xml")
    header = issue.tree.getroot().find("{http://www.tei-c.org/ns/1.0}teiHeader")
    included = [
        child
        for child in header
        if child.get("{http://www.w3.org/XML/1998/namespace}id") in ("encodingDesc", "profileDesc")
    ]
    assert len(included) == 2 and issue.problems == []
    lines = master.read_text(encoding="utf-8").splitlines()
    for element in included:
        path, line, _ = issue.place(element)
        assert (
            path == str(master)
            and f'xml:id="{element.get("{http://www.w3.org/XML/1998/namespace}id")}"' in lines[line - 1]
        )
