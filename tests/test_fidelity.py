"""Fidelity: the reading text of each TEI file reproduces its source word for word.

This is the edition's one fidelity measure, for all four documents. For every file in
``tei/`` with a source in ``sources/``:

* the TEI side is the edition's plain-text output (``edition text``, ``xslt/text/``): its
  text with ``--notes none`` (the document title it begins with, taken from the header,
  left out), and the footnotes as a second stream: the notes of ``--notes endnotes``
  without their numbers. The text output reads ``choice`` as written, with the other
  reading in brackets after it; ``ptr/@target`` as the address it shows; a figure's
  caption after the label "Figure"; attributes such as ``pb/@n`` and ``num/@value``
  never;
* the source side is the source file minus the *documented artefact classes* of that
  document (:data:`ARTEFACTS`: a pattern, its replacement, the reason, and the ``@n`` of
  the ``editorialDecl`` entry of the TEI file that records the same intervention);
* both are cut into words (``\\w+``: letters, digits and ``_`` of any script;
  punctuation, emphasis asterisks, ``#`` and bracket syntax do not count) and aligned by
  :func:`support.readingtext.compare`: the source against the running text in order, what
  is left against the footnotes in order (a source that prints its notes at the page end
  and an edition that has them at the anchor have the same notes in the same order), then
  runs of 3+ words moved elsewhere;
* the share of source words found is printed per document and must be >= 99.5 %; every
  source word still missing must be in the document's allow-list, with a reason; the
  edition may not add words either, but for those in its allow-list, with a reason.

Run ``python tests/test_fidelity.py [file.xml]`` for the figures and the diff of word
sequences (each run of missing source words with its context).
"""

from __future__ import annotations

import functools
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.readingtext import align, compare

from edition.cli import main
from edition.xmlio import parse_file

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei"
SOURCES = ROOT / "sources"
THRESHOLD = 99.5
TEI_NS = "{http://www.tei-c.org/ns/1.0}"

#: TEI file -> source file in sources/.
DOCUMENTS = {
    "nakhchivan-1920-1921.xml": "000_92ccfd1b25ffc4fd.txt",
    "nakhchivan-1924-1928.xml": "001_207b0adda93d9fa5.txt",
    "mountain-fortress.xml": "002_08f10c039a61daac.txt",
    "adr-1918-1920-lv.xml": "003_82b248976066a9d5.txt",
}


@dataclass(frozen=True)
class Artefact:
    """A class of transcription artefacts: what the source shows that is not text."""

    key: str  # the @n of the editorialDecl entry (correction, normalization …) recording it
    pattern: str
    replace: object  # a string or a function of the match
    reason: str

    def apply(self, text: str) -> str:
        return re.sub(self.pattern, self.replace, text)


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|$<>\"'~^&@:;,/=])")


def md_unescape(s: str) -> str:
    """Resolve Markdown backslash escapes, doubled ones too (``\\\\_`` -> ``_``)."""
    prev = None
    while prev != s:
        prev, s = s, _MD_ESCAPE.sub(r"\1", s)
    return s


def _md_link(m: re.Match) -> str:
    label, url = m.group("label"), m.group("url")
    return url if md_unescape(label) == url else label


#: Documented artefact classes of each source, applied in this order before comparing.
ARTEFACTS: dict[str, list[Artefact]] = {
    "nakhchivan-1920-1921.xml": [
        # A field marker the word processor left in the text; removed.
        Artefact("bookmark", r"\[bookmark: _GoBack\]", " ", "Word bookmark field marker, not text"),
        # The PDF extraction repeated a passage (paragraph 3, with the printed line breaks)
        # after the end of the article; removed, and quoted in editorialDecl.
        Artefact(
            "duplicated-tail",
            r"\n Ottoman parliament, the Grand National Assembly of Turkey was established[\s\S]*\Z",
            " ",
            "duplicated fragment at the very end (PDF extraction residue repeating paragraph 3)",
        ),
    ],
    # Plain text (line = paragraph); its Markdown-like asterisks in the References and its
    # page ends (runs of blank lines) carry no words: nothing to remove.
    "nakhchivan-1924-1928.xml": [],
    # One single line; the wiki link residue at the end is kept as a listBibl (its square
    # brackets carry no words): nothing to remove.
    "adr-1918-1920-lv.xml": [],
    # Markdown converted from a PDF (src/edition/importers/markdown_pdf.py).
    "mountain-fortress.xml": [
        # Note markers: "<sup>N</sup>" in the running text and at the head of each note
        # text at the page end. The number is kept as note/@n of the note at its anchor
        # (not read), the note text is read from the note: the marker is not text.
        Artefact("notes", r"<sup>\d+</sup>", " ", "note markers: the number is note/@n at the anchor"),
        # Page ends: a line "---" before each page's note block. It is the pb (the page
        # number, derived from the table of contents, is pb/@n, not read); the note block
        # itself is text and is found in the notes stream.
        Artefact("page-ends", r"(?m)^---[ \t]*$", " ", "page-end rule: encoded as pb, not text"),
        # HTML tags of the transcription: <b>…</b> marks the chapter entries of the table of
        # contents (encoded as the outer list), <sup>th</sup> an ordinal (hi rend=superscript).
        # The tags go, their content stays.
        Artefact("markdown", r"</?(?:b|sup)>", "", "HTML tags of the transcription; their content is kept"),
        # Markdown links "[label](url)": the label is the text, the address ref/@target (not
        # read); a link whose label is its own address (also with escapes in the label) is
        # one ptr/@target, read once. URLs may hold balanced parentheses.
        Artefact(
            "markdown",
            r"\[(?P<label>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\)",
            _md_link,
            "Markdown link syntax: label as text, address once",
        ),
        # Backslash escapes (\$, \*, \_, and doubled \\_ inside link labels) are resolved to
        # the character: "\_" would otherwise split a URL into other words than the ptr's.
        Artefact("markdown", _MD_ESCAPE.pattern, lambda m: md_unescape(m.group(0)), "Markdown backslash escapes"),
        # Not artefacts, kept in the TEI and so not removed here:
        # * the page numbers of the table of contents ("Title<TAB>12") are num type="page"
        #   in front/div[@type='contents'] (the one copy of the TOC);
        # * the title page's misspelt author's name "TOGHRAADJIAN" (sic) is read after its
        #   correction (corr, editorialDecl "corrections"), which is not in the source;
        # * emphasis asterisks, "#" of headings, "<" ">" of autolinks carry no words.
    ],
}

#: Source words allowed to be missing after the artefacts are removed: word -> (count, reason).
#: Empty: every difference found was an artefact class above or a fault of the encoding,
#: which was fixed in the importer.
ALLOWED_MISSING: dict[str, dict[str, tuple[int, str]]] = {
    "nakhchivan-1920-1921.xml": {},
    "nakhchivan-1924-1928.xml": {},
    "adr-1918-1920-lv.xml": {},
    "mountain-fortress.xml": {},
}

#: Words of the edition not in the source (editorial additions) allowed: word -> (count, reason).
ALLOWED_ADDED: dict[str, dict[str, tuple[int, str]]] = {
    "nakhchivan-1920-1921.xml": {},
    "nakhchivan-1924-1928.xml": {},
    "adr-1918-1920-lv.xml": {
        "Figure": (8, "the label the text output puts before each of the 8 captions, in the interface's language")
    },
    "mountain-fortress.xml": {
        "TOGHRAMADJIAN": (
            1,
            "the correction of the title page's misspelt name (editorialDecl 'corrections'), shown in "
            "the normalised text (edition.toml's transcription) with the name as written after it",
        ),
        **dict.fromkeys(("as", "written"), (1, "the label of the name as written after its correction")),
    },
}

#: Source words found only out of their order (a block of text the encoding moved, other
#: than the footnotes, which are a stream of their own): document -> (count, reason).
ALLOWED_MOVED: dict[str, tuple[int, str]] = {name: (0, "nothing is moved") for name in DOCUMENTS}


def source_text(tei_name: str) -> str:
    """The source of ``tei_name`` with its documented artefact classes removed."""
    raw = (SOURCES / DOCUMENTS[tei_name]).read_text(encoding="utf-8")
    for artefact in ARTEFACTS.get(tei_name, []):
        raw = artefact.apply(raw)
    return raw


#: The title block the text output begins with ("=====", the title, "====="), and in its
#: endnotes the heading of the notes (the last level-1 heading followed by a note) and the
#: number that begins each note.
TITLE = re.compile(r"\A(=+)\n.*?\n\1\n", re.S)
NOTES_HEADING = re.compile(r"\n\n[^\n]+\n=+\n\n(?=\[)")
NOTE_NUMBER = re.compile(r"(?m)^\[[^\]\n]*\] ")
_OUTPUT = tempfile.TemporaryDirectory(prefix="fidelity-")


@functools.cache
def text_output(notes: str) -> Path:
    """The folder of the text output of the documents, with footnotes as ``notes``."""
    out = Path(_OUTPUT.name) / notes
    files = [str(TEI / name) for name in available()]
    result = CliRunner().invoke(main, ["text", *files, "-o", str(out), "--notes", notes])
    assert result.exit_code == 0, result.output
    return out


def tei_streams(name: str) -> tuple[str, str]:
    """The running text of ``name`` as the text output gives it, and its footnotes."""
    stem = Path(name).stem
    running = (text_output("none") / f"{stem}.txt").read_text(encoding="utf-8")
    endnotes = (text_output("endnotes") / f"{stem}.txt").read_text(encoding="utf-8")
    headings = list(NOTES_HEADING.finditer(endnotes)) if endnotes != running else []
    notes = NOTE_NUMBER.sub("", endnotes[headings[-1].end() :]) if headings else ""
    return TITLE.sub("", running, count=1), notes


def fidelity(name: str):
    return compare(source_text(name), *tei_streams(name))


def available() -> list[str]:
    return [name for name in DOCUMENTS if (TEI / name).exists() and (SOURCES / DOCUMENTS[name]).exists()]


def is_register(path: Path) -> bool:
    """A register of the edition (persons, places, orgs): entity lists, no text of a source."""
    root = parse_file(path).getroot()
    body = root.find(f"{TEI_NS}text/{TEI_NS}body")
    lists = {f"{TEI_NS}{n}" for n in ("listPerson", "listPlace", "listOrg")}
    if body is None or not any(el.tag in lists for el in body.iter()):
        return False
    # no paragraph of running text: every p is inside an entry
    return all(any(a.tag in lists for a in p.iterancestors()) for p in body.iter(f"{TEI_NS}p"))


def test_every_tei_file_has_a_source():
    for path in sorted(TEI.glob("*.xml")):
        if path.name in DOCUMENTS or is_register(path):
            continue
        raise AssertionError(f"{path.name}: add its source to DOCUMENTS in {Path(__file__).name}")


@pytest.mark.parametrize("name", available())
def test_reading_text_reproduces_source(name: str, capsys):
    f = fidelity(name)
    with capsys.disabled():
        print(f"\n[fidelity] {f.summary(name)}; {f.moved} moved as blocks; {len(f.added)} words added")
    allowed = ALLOWED_MISSING.get(name, {})
    unexplained = {w: n for w, n in f.missing.items() if w not in allowed or n > allowed[w][0]}
    assert f.share >= THRESHOLD, f"{name}: only {f.share:.3f} % of source words found:\n{f.diff()[:3000]}"
    assert not unexplained, f"{name}: source words missing without a documented reason:\n{f.diff()[:3000]}"
    assert f.moved <= ALLOWED_MOVED[name][0], f"{name}: {f.moved} source words found only out of order"
    extra = {w: n for w, n in f.added.items() if w not in ALLOWED_ADDED[name] or n > ALLOWED_ADDED[name][w][0]}
    assert not extra, f"{name}: words of the edition not in the source: {sorted(extra.items())[:30]}"


def test_artefact_patterns_match_something():
    """Each documented artefact class really occurs in its source (no stale allow-list)."""
    for name in available():
        raw = (SOURCES / DOCUMENTS[name]).read_text(encoding="utf-8")
        for artefact in ARTEFACTS.get(name, []):
            assert re.search(artefact.pattern, raw), f"{name}: artefact class {artefact.reason!r} not found"


def test_artefacts_are_recorded_in_editorial_decl():
    """Every artefact class is recorded in the file's editorialDecl (an entry with that @n)."""
    for name in available():
        root = parse_file(TEI / name).getroot()
        decl = root.find(f"{TEI_NS}teiHeader/{TEI_NS}encodingDesc/{TEI_NS}editorialDecl")
        recorded = {el.get("n") for el in decl} if decl is not None else set()
        for artefact in ARTEFACTS.get(name, []):
            assert artefact.key in recorded, (
                f"{name}: editorialDecl lacks an entry n={artefact.key!r} ({artefact.reason})"
            )
    root = parse_file(TEI / "mountain-fortress.xml").getroot()
    assert root.find(f".//{TEI_NS}editorialDecl/*[@n='corrections']") is not None  # the sic/corr of the title page


def test_files_are_byte_identical_copies_of_the_seeds():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seeds folder is not available")
    for name in DOCUMENTS.values():
        assert (SOURCES / name).read_bytes() == (seeds / name).read_bytes(), name


def test_align_counts_moved_blocks_and_reports_missing_words():
    src = "a b c d e f g h i j".split()
    moved = "a b c h i j d e f g".split()
    assert all(align(src, moved))
    dropped = "a b c d f g h i j".split()
    assert align(src, dropped).count(False) == 1
    # notes printed at the page end, encoded at their anchor: found in order in two streams
    src = "one two three n1 n1 n2 n2 four five".split()
    assert all(align(src, "one two three four five".split(), "n1 n1 n2 n2".split()))


def test_compare_reports_losses_moves_and_additions():
    src = "First paragraph has six words here. Second paragraph has six words too. Third one is short."
    ok = compare(
        src, "First paragraph has six words here.\n\nSecond paragraph has six words too.\n\nThird one is short.", ""
    )
    assert (ok.share, ok.moved, sum(ok.added.values())) == (100.0, 0, 0)
    swapped = compare(
        src, "Second paragraph has six words too.\n\nFirst paragraph has six words here.\n\nThird one is short.", ""
    )
    assert swapped.share == 100.0 and swapped.moved == 6
    lost = compare(src, "First paragraph has six words here.\n\nThird one is short. Extra", "")
    assert lost.missing == {"Second": 1, "paragraph": 1, "has": 1, "six": 1, "words": 1, "too": 1}
    assert lost.added == {"Extra": 1}
    assert "here [[ Second paragraph has six words too ]] Third" in lost.diff()


def test_streams_of_the_text_output():
    """The title and the note numbers the text output adds are not read; the notes are a stream."""
    running, notes = tei_streams("mountain-fortress.xml")
    assert not running.startswith("=") and "to 24. However" in running and "[2]" not in running
    assert "\nde Waal, Thomas. Black Garden" in notes and "[2]" not in notes


def _main(argv: list[str]) -> None:
    for name in argv or available():
        f = fidelity(name)
        print(f.summary(name), f"; {f.moved} moved as blocks; added: {dict(f.added)}")
        if f.runs():
            print(f.diff())


if __name__ == "__main__":
    _main(sys.argv[1:])
