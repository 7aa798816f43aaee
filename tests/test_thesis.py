"""The thesis (tei/mountain-fortress.xml) against its source (sources/002_08f10c039a61daac.txt)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
TEI_FILE = ROOT / "tei" / "mountain-fortress.xml"
SOURCE = ROOT / "sources" / "002_08f10c039a61daac.txt"
SEED = ROOT.parent / "shared" / "seeds" / "002_08f10c039a61daac.txt"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEI = "{http://www.tei-c.org/ns/1.0}"
N_NOTES = 1085


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
    assert [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in notes] == [f"mf-n{i}" for i in range(1, N_NOTES + 1)]


def test_every_marker_has_its_note_and_every_note_its_marker(root, src):
    markers, starts = source_markers(src)
    assert len(re.findall(r"<sup>\d+</sup>", src)) == 2 * N_NOTES
    assert sorted(markers) == sorted(starts) == list(range(1, N_NOTES + 1))
    # the notes stand where the markers stood, in the same order
    assert [int(n.get("n")) for n in x(root, "//t:text//t:note[@place='foot']")] == markers
    # no note was left unanchored, none is outside the running text
    assert not x(root, "//t:back//t:note")
    assert all(x(n, "ancestor::t:p or ancestor::t:head") for n in x(root, "//t:note[@place='foot']"))


def test_note_texts_match_source(root, src):
    """Each note carries the text of the source's note with the same number."""
    texts = {}
    cur = None
    for block in re.split(r"\n\s*\n", src):
        m = re.match(r"<sup>(\d+)</sup>\s*(.*)", block.strip(), re.S)
        if m:
            cur = int(m.group(1))
            texts[cur] = m.group(2)
    for note in x(root, "//t:note[@place='foot']"):
        n = int(note.get("n"))
        want = words(plain_md(texts[n]))[:6]
        got = words(reading(note))[:6]
        assert got == want, n


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
    n_tei = sum(1 for n in x(root, "//t:note") if reading(n).startswith("Ibid"))
    assert n_src == n_tei > 100


# ------------------------------------------------------------------ fidelity

def plain_md(s: str) -> str:
    s = re.sub(r"\[([^\]]*)\]\((https?://\S+?)\)(?=\s|$|[;,])", lambda m: m.group(2) if re.sub(r"\\", "", m.group(1)) == m.group(2) else m.group(1) + " " + m.group(2), s)
    s = re.sub(r"<(https?://[^>\s]+)>", r"\1", s)
    s = re.sub(r"<sup>(\D+)</sup>", r"\1", s)
    s = re.sub(r"</?(?:b|sup)>", " ", s)
    s = re.sub(r"\\(.)", r"\1", s)
    s = re.sub(r"^#+\s", "", s, flags=re.M)
    return s.replace("*", "")


def reading(el) -> str:
    """The text of ``el`` with ptr/@target and ref/@target read as their URL; corr dropped."""
    out = []

    def walk(e):
        if e.tag == TEI + "corr":
            return
        if e.tag == TEI + "ptr":
            out.append(" " + e.get("target") + " ")
        elif e.text:
            out.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                out.append(c.tail)
        if e.tag == TEI + "ref" and e.get("target", "").startswith("http"):
            out.append(" " + e.get("target") + " ")
        if e.tag in (TEI + "lb",):
            out.append(" ")

    walk(el)
    return "".join(out)


def words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _ratio(a: list[str], b: list[str]) -> float:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(bl.size for bl in sm.get_matching_blocks()) / max(1, len(a))


def test_fidelity_word_by_word(root, src):
    """Source words present in order: running text (notes removed) and notes, separately."""
    # source: split running text and note blocks
    run, notes = [], []
    zone = False
    blocks = [b for b in re.split(r"\n\s*\n", src) if b.strip()]
    for k, b in enumerate(blocks):
        b = b.strip()
        if b == "---":
            zone = True
            continue
        if zone and re.match(r"<sup>\d+</sup>", b):
            notes.append(re.sub(r"^<sup>\d+</sup>", "", b))
            continue
        nxt = blocks[k + 1].strip() if k + 1 < len(blocks) else ""
        if zone and notes and (re.match(r"<sup>\d+</sup>", nxt) or re.fullmatch(r"<https?://\S+>|\[[^\]]*\]\([^)]*\)", b)):
            notes[-1] += " " + b
            continue
        zone = False
        run.append(re.sub(r"<sup>\d+</sup>", " ", b))
    src_run = words(plain_md("\n".join(run)))
    src_notes = words(plain_md(" ".join(notes)))
    text = x(root, "//t:text")[0]
    copy = etree.fromstring(etree.tostring(text))
    tei_notes = words(" ".join(reading(n) for n in x(copy, "//t:note[@place='foot']")))
    for n in x(copy, "//t:note[@place='foot']"):
        tail = n.tail
        parent = n.getparent()
        prev = n.getprevious()
        parent.remove(n)
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    # the TOC: in the source as lines "title<TAB>page"
    tei_run = words(reading(copy))
    r_run, r_notes = _ratio(src_run, tei_run), _ratio(src_notes, tei_notes)
    print(f"fidelity: running text {r_run:.4%} of {len(src_run)} words, notes {r_notes:.4%} of {len(src_notes)} words")
    assert r_run >= 0.995
    assert r_notes >= 0.995
    # and nothing was added: the TEI has no words the source lacks (apart from the correction)
    assert _ratio(tei_run, src_run) >= 0.995
