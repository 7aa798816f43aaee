"""The thesis (tei/mountain-fortress.xml) against its source (sources/002_08f10c039a61daac.txt)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from support.readingtext import reading_text, words
from test_fidelity import ARTEFACTS  # the one fidelity measure and its artefact classes

ROOT = Path(__file__).resolve().parents[1]
TEI_FILE = ROOT / "tei" / "mountain-fortress.xml"
SOURCE = ROOT / "sources" / "002_08f10c039a61daac.txt"
SEED = ROOT.parent / "shared" / "seeds" / "002_08f10c039a61daac.txt"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEI = "{http://www.tei-c.org/ns/1.0}"
N_NOTES = 1085


def clean(md: str) -> str:
    """A piece of the source with the thesis's artefact classes removed."""
    for artefact in ARTEFACTS["mountain-fortress.xml"]:
        md = artefact.apply(md)
    return md


@pytest.fixture(scope="module")
def root():
    return etree.parse(str(TEI_FILE)).getroot()


@pytest.fixture(scope="module")
def src():
    return SOURCE.read_text(encoding="utf-8")


def x(el, path):
    return el.xpath(path, namespaces=NS)


def source_markers(src: str) -> tuple[list[int], list[int]]:
    """(markers in the running text, numbers of the note texts), in source order."""
    starts = [int(m) for m in re.findall(r"(?m)^<sup>(\d+)</sup>", src)]
    all_ = [int(m) for m in re.findall(r"<sup>(\d+)</sup>", src)]
    body = re.sub(r"(?m)^<sup>\d+</sup>", "", src)
    return [int(m) for m in re.findall(r"<sup>(\d+)</sup>", body)], starts if len(all_) == len(starts) * 2 else starts


def test_source_copy_is_byte_identical():
    if SEED.exists():
        assert SOURCE.read_bytes() == SEED.read_bytes()


def test_note_numbers_continuous(root):
    notes = x(root, "//t:note[@place='foot']")
    assert [int(n.get("n")) for n in notes] == list(range(1, N_NOTES + 1))
    assert [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in notes] == [
        f"mf-n{i}" for i in range(1, N_NOTES + 1)
    ]


def test_every_marker_has_its_note_and_every_note_its_marker(root, src):
    markers, starts = source_markers(src)
    assert len(re.findall(r"<sup>\d+</sup>", src)) == 2 * N_NOTES
    assert sorted(markers) == sorted(starts) == list(range(1, N_NOTES + 1))
    # the notes stand where the markers stood, in the same order
    assert [int(n.get("n")) for n in x(root, "//t:text//t:note[@place='foot']")] == markers
    # no note was left unanchored, none is outside the running text
    assert not x(root, "//t:back//t:note")
    assert all(x(n, "ancestor::t:p or ancestor::t:head") for n in x(root, "//t:note[@place='foot']"))


def source_notes(src: str) -> dict[int, str]:
    """The note texts of the source by number: the block after ``<sup>N</sup>`` at a page
    end, with the paragraphs that run on in the note zone (a bare link, or a paragraph
    followed by another note) -- read independently of the importer."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", src) if b.strip()]
    texts: dict[int, str] = {}
    zone, cur = False, None
    for k, b in enumerate(blocks):
        if b == "---":
            zone = True
            continue
        m = re.match(r"<sup>(\d+)</sup>\s*(.*)", b, re.S)
        if zone and m:
            cur = int(m.group(1))
            texts[cur] = m.group(2)
            continue
        nxt = blocks[k + 1] if k + 1 < len(blocks) else ""
        if zone and cur and (re.match(r"<sup>\d+</sup>", nxt) or re.fullmatch(r"<https?://\S+>|\[[^\]]*\]\(\S+\)", b)):
            texts[cur] += " " + b
            continue
        zone = False
    return texts


def test_note_texts_match_source(root, src):
    """Each note carries the whole text of the source's note with the same number, word for
    word (the Markdown artefact classes of tests/test_fidelity.py removed)."""
    texts = source_notes(src)
    assert sorted(texts) == list(range(1, N_NOTES + 1))
    for note in x(root, "//t:note[@place='foot']"):
        n = int(note.get("n"))
        assert words(reading_text(note)) == words(clean(texts[n])), n


def test_page_breaks_increase_and_agree_with_toc(root, src):
    pbs = [int(p.get("n")) for p in x(root, "//t:body//t:pb")]
    assert pbs == sorted(set(pbs)) and pbs[0] == 1
    # one pb per page end of the source, plus the first page, plus pages without notes
    page_ends = len(re.findall(r"(?m)^---\s*$", src))
    assert len(pbs) >= page_ends  # the last page end is followed by no text
    assert pbs[-1] == 203
    items = x(root, "//t:front/t:div[@type='contents']//t:item")
    assert len(items) == 31
    for item in items:
        target = x(item, "string(t:ref/@target)")[1:]
        div = x(root, f"//t:body//t:div[@xml:id='{target}']")[0]
        first = x(div, "t:pb[following-sibling::t:head]")
        page = int(first[0].get("n")) if first else int(x(div, "preceding::t:pb[1]")[0].get("n"))
        assert page == int(x(item, "string(t:num/@value)")), target


def test_toc_not_in_body(root, src):
    body = x(root, "//t:body")[0]
    text = "".join(body.itertext())
    assert "Table of Contents" not in text
    assert not x(body, ".//t:list")
    all_text = "".join(x(root, "//t:text")[0].itertext())
    assert all_text.count("Table of Contents") == 1
    # the TOC lines (title + page) occur only in the front
    assert "Artsakh Through the Ages12" not in text.replace(" ", "")
    heads = [("".join(h.itertext())) for h in x(body, ".//t:head")]
    assert len(heads) == len(set(heads)) == 31


def test_structure(root):
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert len(x(root, "//t:body/t:div[@type='chapter']")) == 6
    assert len(x(root, "//t:body/t:div/t:div[@type='section']")) == 25
    assert x(root, "//t:front/t:titlePage/t:docTitle")
    assert {d.get("type") for d in x(root, "//t:front/t:div")} >= {"acknowledgements", "preface", "contents"}
    ids = x(root, "//@xml:id")
    assert all(i.startswith("mf") for i in ids)
    langs = set(x(root, "//t:langUsage/t:language/@ident"))
    used = set(x(root, "//t:text//@xml:lang")) | {"en"}
    assert used <= langs
    assert "hy" in used and "ru" in used


def test_ibid_kept_as_written(root, src):
    n_src = len(re.findall(r"(?m)^<sup>\d+</sup>\s*\*?Ibid", src))
    n_tei = sum(1 for n in x(root, "//t:note") if reading_text(n).startswith("Ibid"))
    assert n_src == n_tei > 100


def test_citations_in_notes(root):
    """Citations inside notes are bibl; 'Ibid.' is never a title, an author never spans two citations."""
    bibls = x(root, "//t:note[@place='foot']//t:bibl")
    assert len(bibls) >= N_NOTES
    assert not x(root, "//t:note[@place='foot'][not(.//t:bibl)][.//t:ptr or .//t:title]")
    assert not [t for t in x(root, "//t:bibl/t:title") if reading_text(t).strip(" .*") == "Ibid"]
    assert not [a for a in x(root, "//t:bibl/t:author") if ";" in reading_text(a)]
    # every URL of a note is a ptr inside its citation
    assert not x(root, "//t:note[@place='foot']//t:ptr[not(ancestor::t:bibl)]")
    structured = [b for b in bibls if x(b, "t:author or t:title or t:citedRange")]
    assert len(structured) / len(bibls) > 0.6
