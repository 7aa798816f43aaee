"""The reading text of a TEI document, and its word-by-word comparison with a source.

*The reading text* is what a reader of the edition reads: all text of ``TEI/text``
(front, body, back; the ``teiHeader`` is metadata, not text), in document order, with

* the text as written where the edition offers a correction or a normalisation
  (``choice``: ``sic``/``orig``/``abbr`` are read, ``corr``/``reg``/``expan`` are not;
  ``choice="corr"`` reads the other way);
* a pointer (``ptr``) read as the address it shows (``@target``): a bare URL of the source
  is encoded as ``ptr``, so its address is part of the text;
* attributes never read (``pb/@n``, ``num/@value``, ``ref/@target``, ``date/@when`` …);
* word boundaries at block-level elements (paragraphs, heads, items, divisions, line
  breaks …) and at footnotes; inline elements (``hi``, ``title``, ``persName`` …) join
  their neighbours without a space, as printed ("11<hi>th</hi>" reads "11th");
* footnotes (``note`` with ``@place`` foot/end/bottom/margin) either read where they stand
  (``notes="inline"``), left out (``notes="omit"``), or as a second stream
  (:func:`streams`), which is how :func:`compare` reads them: a source prints its
  footnotes at the page end, the edition at the anchor, and the comparison must not
  count that move as a loss.

:func:`compare` cuts a source text (after the caller has removed its documented artefact
classes) and a reading text (running text and footnotes: the fidelity test gives the
edition's own text output) into words (``\\w+``) and reports the share of source words
found in order, with the runs of words not found (:meth:`Fidelity.diff`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = "{%s}" % TEI_NS
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: Elements that end a word: a block, a line, a cell, a division.
BLOCKS = frozenset(
    """ab argument back bibl biblStruct body byline caption cb cell closer dateline div docAuthor
    docDate docEdition docImprint docTitle epigraph figure front head item l label lb lg list
    listBibl listPerson listPlace listOrg milestone opener p pb postscript quote row salute signed
    sp speaker table text titlePage titlePart trailer""".split()
)
#: ``bibl`` and ``quote`` are block-level only where they stand as blocks; inline, they
#: sit in running text (a citation in a note, a quotation in a sentence).
_BLOCK_ONLY_IN = {
    "bibl": {"listBibl", "note", "div", "back", "front", "body"},
    "quote": {"div", "body", "front", "back"},
}
#: ``note/@place`` values of notes printed away from their anchor.
FOOTNOTE_PLACES = frozenset({"foot", "end", "bottom", "margin", "left", "right"})
#: In ``choice``: what is read (as written) and what is not, and the other way round.
_READ = {"sic": {"sic", "orig", "abbr", "seg"}, "corr": {"corr", "reg", "expan", "seg"}}


def _root(doc) -> etree._Element:
    if isinstance(doc, (str, Path)):
        from edition.xmlio import parse_file

        return parse_file(Path(doc)).getroot()
    if isinstance(doc, etree._ElementTree):
        return doc.getroot()
    return doc


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def is_footnote(el) -> bool:
    return _local(el) == "note" and el.get("place") in FOOTNOTE_PLACES


def _is_block(el) -> bool:
    name = _local(el)
    if name in _BLOCK_ONLY_IN:
        parent = el.getparent()
        return parent is not None and _local(parent) in _BLOCK_ONLY_IN[name]
    return name in BLOCKS


class _Reader:
    def __init__(self, notes: str, choice: str):
        if notes not in ("inline", "omit", "separate"):
            raise ValueError(f"notes must be inline, omit or separate, not {notes!r}")
        if choice not in _READ:
            raise ValueError(f"choice must be 'sic' or 'corr', not {choice!r}")
        self.notes = notes
        self.read = _READ[choice]
        self.out: list[str] = []
        self.footnotes: list[tuple[etree._Element, str]] = []
        self.apparatus: list[str] = []  # the readings of the critical apparatus not in the text

    def walk(self, el, out: list[str]) -> None:
        name = _local(el)
        if not name:  # comment, processing instruction
            return
        if name == "teiHeader":
            return
        if is_footnote(el) and self.notes != "inline":
            if self.notes == "separate":
                buf: list[str] = []
                self.content(el, buf)
                self.footnotes.append((el, _squeeze("".join(buf))))
            out.append(" ")
            return
        if name == "ptr":
            out.append(" " + el.get("target", "") + " ")
            return
        if name == "app":  # the lemma in the text (apparatus_text: the rest)
            lemma = _lemma(el)
            for part in el.xpath("t:*[not(self::t:rdgGrp)] | t:rdgGrp/t:*", namespaces={"t": TEI_NS}):
                if part is not lemma:
                    buf: list[str] = [" "]
                    self.content(part, buf)
                    self.apparatus.append(_squeeze("".join(buf)))
            if lemma is not None:
                self.content(lemma, out)
            return
        if name == "choice":
            for c in el:
                if _local(c) in self.read:
                    self.walk(c, out)
            return
        block = _is_block(el) or is_footnote(el)
        if block:
            out.append(" ")
        self.content(el, out)
        if block:
            out.append(" ")

    def content(self, el, out: list[str]) -> None:
        if el.text:
            out.append(el.text)
        for child in el:
            self.walk(child, out)
            if child.tail:
                out.append(child.tail)


def _lemma(app) -> etree._Element | None:
    """The reading of a critical apparatus's ``app`` that stands in the text: none for an app
    apart from it (``@from``/``@to``, in a ``listApp``: its lemma is in the text already), else
    its ``lem``, else the reading of the document's first ``listWit`` witness, else the first."""
    if app.get("from") or app.get("to") or any(_local(a) == "listApp" for a in app.iterancestors()):
        return None
    lem = app.find(".//" + _T + "lem")
    if lem is not None:
        return lem
    readings = list(app.iter(_T + "rdg"))
    base = app.getroottree().find(".//" + _T + "listWit//" + _T + "witness")
    if base is None or not base.get(XML_ID):
        return readings[0] if readings else None
    wits = (r.get("wit") or "" for r in readings)
    return next((r for r, wit in zip(readings, wits) if base.get(XML_ID) in re.findall(r"#([^\s?]+)", wit)), None)


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _text_element(doc) -> etree._Element:
    root = _root(doc)
    if _local(root) == "TEI":
        text = root.find(_T + "text")
        if text is None:
            raise ValueError("TEI document without a text element")
        return text
    return root


def _read(doc, reader: _Reader) -> str:
    el = _text_element(doc)
    out: list[str] = []
    if _local(el) == "text" or is_footnote(el):  # a footnote asked for itself is read whole
        reader.content(el, out)
    else:
        reader.walk(el, out)
    return _squeeze("".join(out))


def reading_text(doc, *, notes: str = "inline", choice: str = "sic") -> str:
    """The reading text of ``doc`` (a path, tree, ``TEI`` or any element), whitespace squeezed.

    ``notes``: ``"inline"`` reads a footnote where it stands, ``"omit"`` leaves footnotes out.
    ``choice``: ``"sic"`` reads the text as written, ``"corr"`` the corrected text.
    """
    if notes == "separate":
        raise ValueError("use streams() for footnotes as a separate stream")
    return _read(doc, _Reader(notes, choice))


def apparatus_text(doc) -> str:
    """The readings, notes and witness details of the critical apparatus that do not stand in
    the reading text (:func:`reading_text` reads each ``app``'s lemma), whitespace squeezed."""
    reader = _Reader("inline", "sic")
    _read(doc, reader)
    return " ".join(part for part in reader.apparatus if part)


def streams(doc, *, choice: str = "sic") -> tuple[str, list[tuple[str | None, str]]]:
    """The running text without footnotes, and the footnotes ``(n, text)`` in document order.

    A footnote inside a footnote is read with its host.
    """
    r = _Reader("separate", choice)
    running = _read(doc, r)
    return running, [(n.get("n"), t) for n, t in r.footnotes]


# --------------------------------------------------------------------------- comparison


#: The Leiden signs a transcription sets inside a word (``pr(aetoris)``, ``Sulpici[[i]]``,
#: ``⟨added⟩``, ``⸢torn⸣``: xslt/common/transcription.xsl), which do not cut it: between two
#: letters (a note's number, ``word[12]``, or a volume's, ``I(6)``, is no such sign; nor are the
#: slashes of ``\\above/``, which URLs hold).
_SIGNS_IN_WORD = re.compile(r"(?<=[^\W\d_])[\[\]{}()⟨⟩⸢⸣]+(?=[^\W\d_])")


def words(text: str) -> list[str]:
    """Words: runs of letters, digits and ``_`` of any script (punctuation and markup do not
    count), Leiden signs inside a word taken out."""
    return re.findall(r"\w+", _SIGNS_IN_WORD.sub("", text))


def align(source: list[str], *targets: list[str], passes: int = 3, min_moved: int = 3) -> list[bool]:
    """Which ``source`` words are found, in order, in the target word streams.

    The source is matched against each target stream in turn (running text, then the
    footnotes), each time only with the source words still unmatched, so text the
    encoding moved as a whole stream (notes from the page end to their anchor) is found in
    order. Then up to ``passes`` passes over what is left of all streams accept only runs
    of ``min_moved`` or more words: text moved as a block elsewhere.
    """
    how, _used = _align(source, targets, passes, min_moved)
    return [bool(h) for h in how]


IN_ORDER, MOVED = 1, 2


def _align(source, targets, passes=3, min_moved=3):
    """(for each source word 0 / IN_ORDER / MOVED, for each target stream its used flags)."""
    how = [0] * len(source)
    pools = [(t, [False] * len(t)) for t in targets]

    def match(target, used, least, kind):
        s_idx = [i for i, h in enumerate(how) if not h]
        t_idx = [j for j, u in enumerate(used) if not u]
        if not s_idx or not t_idx:
            return 0
        sm = difflib.SequenceMatcher(None, [source[i] for i in s_idx], [target[j] for j in t_idx], autojunk=False)
        new = 0
        for a, b, size in sm.get_matching_blocks():
            if size < least:
                continue
            for k in range(size):
                how[s_idx[a + k]] = kind
                used[t_idx[b + k]] = True
            new += size
        return new

    for target, used in pools:
        match(target, used, 1, IN_ORDER)
    for _ in range(passes):
        if not sum(match(target, used, min_moved, MOVED) for target, used in pools):
            break
    return how, pools


@dataclass
class Fidelity:
    """The result of :func:`compare`."""

    source: list[str]
    how: list[int]  # per source word: 0 not found, IN_ORDER, MOVED
    added: Counter  # words of the edition not matched to the source
    context: int = 5
    found: list[bool] = field(init=False)
    missing: Counter = field(init=False)

    def __post_init__(self):
        self.found = [bool(h) for h in self.how]
        self.missing = Counter(w for w, f in zip(self.source, self.found) if not f)

    @property
    def moved(self) -> int:
        """Source words found only as blocks moved out of their order."""
        return sum(1 for h in self.how if h == MOVED)

    @property
    def total(self) -> int:
        return len(self.source)

    @property
    def matched(self) -> int:
        return sum(self.found)

    @property
    def share(self) -> float:
        """Percentage of source words found."""
        return 100.0 * self.matched / self.total if self.total else 100.0

    def runs(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each run of source words not found."""
        out, i, n = [], 0, len(self.source)
        while i < n:
            if self.found[i]:
                i += 1
                continue
            j = i
            while j < n and not self.found[j]:
                j += 1
            out.append((i, j))
            i = j
        return out

    def diff(self) -> str:
        """One line per run of missing source words, with context: ``before [[missing]] after``."""
        src, c = self.source, self.context
        return "\n".join(
            f"{' '.join(src[max(0, i - c) : i])} [[ {' '.join(src[i:j])} ]] {' '.join(src[j : j + c])}"
            for i, j in self.runs()
        )

    def summary(self, name: str = "") -> str:
        return f"{name + ': ' if name else ''}{self.matched}/{self.total} source words = {self.share:.3f} %"


def compare(source_text: str, running: str, notes: str) -> Fidelity:
    """Compare a source text (its artefacts already removed) with a reading text: its running
    text and its footnotes (the edition's text output, in tests/test_fidelity.py)."""
    src = words(source_text)
    how, pools = _align(src, [words(running), words(notes)])
    added = Counter(w for target, used in pools for w, u in zip(target, used) if not u)
    return Fidelity(src, how, added)
