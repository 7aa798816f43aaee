"""Fidelity: the reading text of each TEI file reproduces its source word for word.

For every file in ``tei/`` with a source in ``sources/``:

* the reading text is all text of ``text`` (front, body, back, notes included; the
  header excluded), in document order;
* the source is taken as it is, minus the *documented artefact classes* of that document
  (each a regular expression with the reason it is not text; the same classes are listed
  in the file's ``editorialDecl``);
* both are cut into words (``\\w+``: letters and digits of any script; punctuation,
  Markdown and bracket syntax do not count) and compared with a diff on the word
  sequences. Text that the encoding moved as a block (notes moved from the page end to
  their anchor) is matched by further diff passes over what is still unmatched;
* the share of source words found is printed per document and must be >= 99.5 %; every
  source word still missing must be in the document's allow-list, with a reason.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import pytest

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

#: Documented artefact classes: (pattern, reason). Removed from the source before comparing.
ARTEFACTS = {
    "nakhchivan-1920-1921.xml": [
        (r"\[bookmark: _GoBack\]", "Word bookmark field marker, not text"),
        (
            r"\n Ottoman parliament, the Grand National Assembly of Turkey was established[\s\S]*\Z",
            "duplicated fragment at the very end (PDF extraction residue repeating paragraph 3)",
        ),
    ],
    "nakhchivan-1924-1928.xml": [],
    "adr-1918-1920-lv.xml": [],
    "mountain-fortress.xml": [
        (r"<sup>\d+</sup>", "note markers: the number is kept in note/@n at the anchor"),
    ],
}

#: Source words allowed to be missing after the artefacts are removed: word -> (count, reason).
ALLOWED_MISSING: dict[str, dict[str, tuple[int, str]]] = {
    "nakhchivan-1920-1921.xml": {},
    "nakhchivan-1924-1928.xml": {},
    "adr-1918-1920-lv.xml": {},
    "mountain-fortress.xml": {},
}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _walk(el, out: list[str]) -> None:
    if el.tag == f"{TEI_NS}ptr":
        out.append(el.get("target", ""))  # an empty pointer shows its address
    elif el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, out)
        if child.tail:
            out.append(child.tail)


def reading_text(path: Path) -> str:
    """All text of ``TEI/text`` (front, body, back, notes; ``ptr/@target`` as shown), in order."""
    root = parse_file(path).getroot()
    text = root.find(f"{TEI_NS}text")
    assert text is not None, f"{path.name}: no text element"
    out: list[str] = []
    _walk(text, out)
    return " ".join(out)


def source_text(tei_name: str) -> str:
    raw = (SOURCES / DOCUMENTS[tei_name]).read_text(encoding="utf-8")
    for pattern, _reason in ARTEFACTS.get(tei_name, []):
        raw = re.sub(pattern, " ", raw)
    return raw


def align(source: list[str], target: list[str], passes: int = 3) -> list[bool]:
    """Which source words are found in ``target`` in order (moved blocks count after pass 1)."""
    found = [False] * len(source)
    used = [False] * len(target)
    for _ in range(passes):
        s_idx = [i for i, f in enumerate(found) if not f]
        t_idx = [j for j, u in enumerate(used) if not u]
        if not s_idx or not t_idx:
            break
        sm = difflib.SequenceMatcher(None, [source[i] for i in s_idx], [target[j] for j in t_idx], autojunk=False)
        new = 0
        for a, b, size in sm.get_matching_blocks():
            if size < (1 if _ == 0 else 3):  # after the first pass, only runs of 3+ words
                continue
            for k in range(size):
                found[s_idx[a + k]] = True
                used[t_idx[b + k]] = True
                new += 1
        if not new:
            break
    return found


#: Documents whose encoding is still in progress: reported, but not yet required to pass.
IN_PROGRESS = {
    "mountain-fortress.xml": "thesis encoding in progress (markdown_pdf importer); its artefact "
    "classes and allow-list are to be completed by the thesis work",
}


def available() -> list[str]:
    return [name for name in DOCUMENTS if (TEI / name).exists() and (SOURCES / DOCUMENTS[name]).exists()]


def _params() -> list:
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=IN_PROGRESS[name], strict=False))
        if name in IN_PROGRESS else name
        for name in available()
    ]


def test_every_tei_file_has_a_source():
    for path in sorted(TEI.glob("*.xml")):
        assert path.name in DOCUMENTS, f"{path.name}: add its source to DOCUMENTS in {Path(__file__).name}"


@pytest.mark.parametrize("name", _params())
def test_reading_text_reproduces_source(name: str, capsys):
    src = words(source_text(name))
    tei = words(reading_text(TEI / name))
    found = align(src, tei)
    missing = Counter(w for w, f in zip(src, found) if not f)
    share = 100.0 * sum(found) / len(src)
    with capsys.disabled():
        print(f"\n[fidelity] {name}: {sum(found)}/{len(src)} source words = {share:.3f} %")
    allowed = ALLOWED_MISSING.get(name, {})
    unexplained = {w: n for w, n in missing.items() if w not in allowed or n > allowed[w][0]}
    assert share >= THRESHOLD, f"{name}: only {share:.3f} % of source words found; missing: {missing.most_common(20)}"
    assert not unexplained, f"{name}: source words missing without a documented reason: {sorted(unexplained.items())[:30]}"


def test_artefact_patterns_match_something():
    """Each documented artefact class really occurs in its source (no stale allow-list)."""
    for name in available():
        raw = (SOURCES / DOCUMENTS[name]).read_text(encoding="utf-8")
        for pattern, reason in ARTEFACTS.get(name, []):
            assert re.search(pattern, raw), f"{name}: artefact class {reason!r} not found in the source"


def test_artefacts_are_recorded_in_editorial_decl():
    """The artefact repairs of the two articles are written in their editorialDecl."""
    keys = {"nakhchivan-1920-1921.xml": ["bookmark", "duplicated-tail"]}
    for name, needed in keys.items():
        if not (TEI / name).exists():
            continue
        root = parse_file(TEI / name).getroot()
        recorded = {el.get("n") for el in root.iter(f"{TEI_NS}correction")}
        for key in needed:
            assert key in recorded, f"{name}: editorialDecl lacks the correction {key!r}"


def test_files_are_byte_identical_copies_of_the_seeds():
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the shared seeds folder is not available")
    for name in ("000_92ccfd1b25ffc4fd.txt", "001_207b0adda93d9fa5.txt", "003_82b248976066a9d5.txt"):
        assert (SOURCES / name).read_bytes() == (seeds / name).read_bytes(), name


def test_align_counts_moved_blocks_and_reports_missing_words():
    src = "a b c d e f g h i j".split()
    moved = "a b c h i j d e f g".split()
    assert all(align(src, moved))
    dropped = "a b c d f g h i j".split()
    assert align(src, dropped).count(False) == 1
