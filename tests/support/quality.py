"""Measured quality of entity and date markup: precision and recall against a hand-checked gold sample.

The gold sample (``tests/fixtures/gold/sample.txt``, described in the README beside it) holds
sentences of the edition's documents, each with every mention it should carry: type (person,
place, org, date), the surface as written, the register entry (names) or the normalisation
(dates). :func:`evaluate` finds each sentence in the reading text of its document
(:mod:`support.readingtext`: the words, in order, footnotes as a second stream), collects the
``persName``/``placeName``/``orgName``/``date`` elements inside it, and compares:

* **strict**: type, exact span and target agree (the entry id of ``@ref``; for a date the kind of
  normalisation, ``when`` / ``from``–``to`` / ``notBefore``–``notAfter``, and the same value or
  interval: ``from="1920"`` equals ``from="1920-01-01"``, ``to="1921"`` equals ``to="1921-12-31"``);
* **span**: type and exact span agree, whatever the target.

A gold mention flagged ``optional`` (a case the encoding rules leave open) counts neither way:
markup on it or inside it is not a false positive, its absence not a false negative. Whether an
inferred year is marked (``@cert`` or ``@evidence``) is reported separately for dates.

:func:`tool_markup` gives the markup the annotate tool alone would make: all entity and date
elements are taken out of a document and :class:`edition.annotate.proposals.Annotator`'s
proposals are inserted instead (ambiguous ones with a ``ref`` that names no entry).
"""

from __future__ import annotations

import calendar
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .readingtext import _local, _Reader, _text_element, is_footnote

TYPES = ("person", "place", "org", "date")
ELEMENTS = {"persName": "person", "placeName": "place", "orgName": "org", "date": "date"}
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
FLAGS = {"inferred", "new", "new-form", "optional"}

# ----------------------------------------------------------------------------- the gold file


@dataclass(frozen=True)
class Mention:
    """One mention in a sentence: ``start``–``end`` are offsets in the sentence's text."""

    type: str
    start: int
    end: int
    surface: str
    target: str  # entry id, or a date's normalisation as ``name=value`` words
    inferred: bool = False
    optional: bool = False
    flags: tuple[str, ...] = ()
    comment: str = ""

    @property
    def key(self) -> tuple[str, int, int, str]:
        return self.type, self.start, self.end, canonical_target(self.type, self.target)

    @property
    def span(self) -> tuple[str, int, int]:
        return self.type, self.start, self.end


@dataclass
class Sentence:
    id: str
    document: str
    part: str  # body, refs or "note N"
    lang: str
    why: str
    text: str
    mentions: list[Mention] = field(default_factory=list)
    line: int = 0

    @property
    def note(self) -> str | None:
        return self.part.split(" ", 1)[1] if self.part.startswith("note ") else None


class GoldError(ValueError):
    pass


def parse_gold(text: str, name: str = "gold") -> list[Sentence]:
    """The sentences of a gold file (format: the README of ``tests/fixtures/gold``)."""
    sentences: list[Sentence] = []
    current: Sentence | None = None
    cursor = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            fields = [f.strip() for f in line[3:].split(" | ")]
            if len(fields) != 5:
                raise GoldError(f"{name}:{number}: a header has 5 fields: id | document | part | language | why")
            current = Sentence(*fields, text="", line=number)
            sentences.append(current)
            continue
        if current is None:
            raise GoldError(f"{name}:{number}: text before the first header")
        if not current.text:
            current.text = line
            cursor = 0
            continue
        if not raw.startswith("  "):
            raise GoldError(f"{name}:{number}: a mention line starts with two spaces")
        body, _, comment = line.strip().partition(" # ")
        body = re.sub(r"\s*[|#]\s*$", "", body)
        parts = [p.strip() for p in body.split(" | ")]
        if len(parts) < 3 or parts[0] not in TYPES:
            raise GoldError(f"{name}:{number}: a mention is: type | surface | target [| flags]")
        kind, surface, target = parts[:3]
        flags = tuple(parts[3].split()) if len(parts) > 3 else ()
        if unknown := set(flags) - FLAGS:
            raise GoldError(f"{name}:{number}: unknown flags {sorted(unknown)}")
        start = _find_word(current.text, surface, cursor)
        if start < 0:
            raise GoldError(
                f"{name}:{number}: {surface!r} not found in the sentence after offset {cursor} "
                "(mentions are listed in text order)"
            )
        if kind == "date":
            canonical_target("date", target)  # checks the normalisation
        cursor = start + len(surface)
        current.mentions.append(
            Mention(
                kind, start, cursor, surface, target, "inferred" in flags, "optional" in flags, flags, comment.strip()
            )
        )
    return sentences


def _find_word(text: str, surface: str, cursor: int) -> int:
    """Where ``surface`` stands in ``text`` from ``cursor`` on, not cut out of a longer word ("Russia" in "Russian")."""
    before = r"(?<!\w)" if surface[:1].isalnum() else ""
    after = r"(?!\w)" if surface[-1:].isalnum() else ""
    pattern = before + re.escape(surface) + after
    m = re.compile(pattern).search(text, cursor)
    return m.start() if m else -1


def load_gold(path: Path) -> list[Sentence]:
    return parse_gold(Path(path).read_text(encoding="utf-8"), str(path))


# ----------------------------------------------------------------------------- dates


def _bound(value: str, upper: bool) -> str:
    """A (partial) ISO date as its first or last day."""
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        raise GoldError(f"not an ISO date: {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return value
    if month:
        return f"{year}-{month}-{calendar.monthrange(int(year), int(month))[1]:02d}" if upper else f"{year}-{month}-01"
    return f"{year}-12-31" if upper else f"{year}-01-01"


def date_attributes(target: str) -> dict[str, str]:
    """``"from=1920 to=1921"`` as a dict."""
    out = {}
    for word in target.split():
        name, eq, value = word.partition("=")
        if not eq or name not in DATE_ATTRIBUTES:
            raise GoldError(f"a date's normalisation is when=…, from=… to=…, notBefore=… notAfter=…: {target!r}")
        out[name] = value
    return out


def canonical_target(kind: str, target: str) -> str:
    """What must agree: an entry id, or a date's kind of normalisation and its value or interval."""
    if kind != "date":
        return target
    attrs = date_attributes(target)
    if "when" in attrs:
        return "when=" + attrs["when"]
    for low, high, label in (("from", "to", "range"), ("notBefore", "notAfter", "approx")):
        if low in attrs or high in attrs:
            first = _bound(attrs[low], False) if low in attrs else "?"
            last = _bound(attrs[high], True) if high in attrs else "?"
            return f"{label} {first}..{last}"
    return "(none)"


# ----------------------------------------------------------------------------- markup in a document

_OPEN, _CLOSE, _END = "\ue000", "\ue001", "\ue002"
_MARK = re.compile(f"{_OPEN}(\\d+){_END}|{_CLOSE}(\\d+){_END}")


@dataclass(frozen=True)
class Found:
    """An element of the document's markup, with its offsets in one stream of the reading text."""

    type: str
    start: int
    end: int
    surface: str
    target: str
    inferred: bool
    line: int | None

    @property
    def key(self) -> tuple[str, int, int, str]:
        return self.type, self.start, self.end, canonical_target(self.type, self.target)


@dataclass
class Stream:
    text: str
    found: list[Found]


@dataclass
class Marked:
    """The reading text of a document as streams (running text, each footnote), with the markup in them."""

    running: Stream
    notes: list[tuple[str | None, Stream]]

    def note(self, n: str) -> Stream | None:
        return next((s for number, s in self.notes if number == n), None)


class _MarkingReader(_Reader):
    """Reads like :func:`support.readingtext.streams` and marks where entity and date elements are."""

    def __init__(self):
        super().__init__("separate", "sic")
        self.elements: list[etree._Element] = []

    def walk(self, el, out):
        kind = ELEMENTS.get(_local(el))
        if kind is None or is_footnote(el):
            return super().walk(el, out)
        index = len(self.elements)
        self.elements.append(el)
        out.append(f"{_OPEN}{index}{_END}")
        super().walk(el, out)
        out.append(f"{_CLOSE}{index}{_END}")


def _target(el) -> tuple[str, bool]:
    kind = ELEMENTS[_local(el)]
    if kind == "date":
        attrs = [f"{name}={el.get(name)}" for name in DATE_ATTRIBUTES if el.get(name)]
        inferred = bool(el.get("evidence")) or el.get("cert") in ("low", "medium", "unknown")
        return " ".join(attrs) or "(none)", inferred
    refs = (el.get("ref") or "").split()
    return " ".join(sorted(r.rpartition("#")[2] for r in refs)) or "(none)", False


def _stream(raw: str, reader: _MarkingReader) -> Stream:
    """Take the marks out of ``raw``, squeeze its white space like the reading text, keep the offsets."""
    plain, marks, last = [], [], 0
    length = 0
    for m in _MARK.finditer(raw):
        piece = raw[last : m.start()]
        plain.append(piece)
        length += len(piece)
        marks.append((int(m.group(1) or m.group(2)), m.group(1) is not None, length))
        last = m.end()
    plain.append(raw[last:])
    text = "".join(plain)
    # squeeze: runs of white space become one space, none at either end
    position, out, pending = [], [], False
    for char in text:
        position.append(len(out) + (1 if pending and out and not char.isspace() else 0))
        if char.isspace():
            pending = True
            continue
        if pending and out:
            out.append(" ")
        pending = False
        out.append(char)
    position.append(len(out))
    squeezed = "".join(out)
    starts: dict[int, int] = {}
    found = []
    for index, is_start, offset in marks:
        at = position[offset] if offset < len(position) else len(squeezed)
        if is_start:
            starts[index] = at
            continue
        start, end = starts.pop(index, at), at
        while start < end and squeezed[start].isspace():
            start += 1
        while end > start and squeezed[end - 1].isspace():
            end -= 1
        el = reader.elements[index]
        target, inferred = _target(el)
        found.append(Found(ELEMENTS[_local(el)], start, end, squeezed[start:end], target, inferred, el.sourceline))
    found.sort(key=lambda f: (f.start, -f.end))
    return Stream(squeezed, found)


def marked(doc) -> Marked:
    """The streams of ``doc`` (a path or a tree) and the entity and date elements in them."""
    if isinstance(doc, (str, Path)):
        from edition.xmlio import parse_file

        doc = parse_file(Path(doc))
    reader = _MarkingReader()
    el = _text_element(doc)
    out: list[str] = []
    reader.content(el, out) if _local(el) == "text" else reader.walk(el, out)
    running = _stream("".join(out), reader)
    # the footnotes were squeezed by the reader with their marks in place; squeeze again without them
    notes = [(note.get("n"), _stream(text, reader)) for note, text in reader.footnotes]
    return Marked(running, notes)


# ----------------------------------------------------------------------------- the annotate tool alone


def strip_markup(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of ``tree`` without its ``persName``/``placeName``/``orgName``/``date`` elements in ``text``
    (their text kept)."""
    from copy import deepcopy

    copy = deepcopy(tree)
    text = _text_element(copy)
    etree.strip_tags(text, *[f"{{http://www.tei-c.org/ns/1.0}}{name}" for name in ELEMENTS])
    return copy


def tool_markup(path: Path, registers_folder: Path) -> etree._ElementTree:
    """The document at ``path`` with its entity and date markup replaced by the annotate tool's proposals."""
    from edition.annotate.apply import insert_markup
    from edition.annotate.proposals import TAGS, Annotator
    from edition.annotate.registers import Registers
    from edition.annotate.textmap import TextMap
    from edition.xmlio import parse_bytes, parse_file

    registers = Registers.load(Path(registers_folder))
    stripped = strip_markup(parse_file(Path(path)))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / Path(path).name
        copy.write_bytes(etree.tostring(stripped, encoding="utf-8", xml_declaration=True))
        document = TextMap.load(copy)
        proposals = Annotator(registers, set(TYPES)).propose(document)
        for proposal in proposals:
            if proposal.ambiguous:  # the editor would choose: here a ref that names no entry
                proposal.type = proposal.type.split("|")[0]
                proposal.attributes = {
                    "ref": "#ambiguous:" + "|".join(c.rpartition("#")[2] for c in proposal.candidates)
                }
            assert proposal.type in TAGS
        data = insert_markup(document, proposals)
        return parse_bytes(data, str(copy))


# ----------------------------------------------------------------------------- scoring


@dataclass
class Disagreement:
    sentence: Sentence
    kind: str  # FP, FN, or "target" (same span, other target: one FP and one FN)
    type: str
    surface: str
    gold: str = ""
    found: str = ""
    line: int | None = None

    def describe(self) -> str:
        where = f"{self.sentence.document}" + (f":{self.line}" if self.line else "")
        what = {
            "FP": f'markup "{self.surface}" -> {self.found} is not in the gold',
            "FN": f'"{self.surface}" -> {self.gold} is not marked up',
            "target": f'"{self.surface}" -> {self.found}, gold: {self.gold}',
            "inferred": f'"{self.surface}": inferred year {"not " if self.gold == "inferred" else ""}marked '
            f"({'gold: inferred' if self.gold == 'inferred' else 'gold: written'})",
        }[self.kind]
        return (
            f"{self.kind:8} {self.type:6} {where} [{self.sentence.id}] {what}\n"
            f"         in: {_shorten(self.sentence.text)}"
        )


def _shorten(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    name: str
    strict: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    span: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    inferred: Counter = field(default_factory=Counter)  # agree / disagree, over strictly correct dates
    disagreements: list[Disagreement] = field(default_factory=list)
    missing: list[Sentence] = field(default_factory=list)  # sentences not found in their document
    sentences: int = 0

    def total(self, which: str = "strict") -> Counts:
        table = self.strict if which == "strict" else self.span
        return Counts(*(sum(getattr(c, k) for c in table.values()) for k in ("tp", "fp", "fn")))

    def table(self) -> str:
        rows = [
            f"{self.name}: {self.sentences} sentences"
            + (f", {len(self.missing)} NOT FOUND in their documents" if self.missing else ""),
            f"{'type':8}{'gold':>6}{'marked':>8}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}"
            f"   | span only:{'P':>7}{'R':>8}",
        ]
        for kind in (*TYPES, "all"):
            s = self.total() if kind == "all" else self.strict[kind]
            sp = self.total("span") if kind == "all" else self.span[kind]
            rows.append(
                f"{kind:8}{s.tp + s.fn:>6}{s.tp + s.fp:>8}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}   | {'':10}{sp.precision:>7.3f}{sp.recall:>8.3f}"
            )
        agree, disagree = self.inferred["agree"], self.inferred["disagree"]
        if agree + disagree:
            rows.append(f"inferred-year marking on correct dates: {agree}/{agree + disagree} agree")
        return "\n".join(rows)

    def listing(self, limit: int | None = None) -> str:
        items = sorted(self.disagreements, key=lambda d: (d.sentence.document, d.sentence.id, d.kind))
        shown = items if limit is None else items[:limit]
        out = [d.describe() for d in shown]
        if limit is not None and len(items) > limit:
            out.append(f"… and {len(items) - limit} more")
        out += [f"NOT FOUND {s.document} [{s.id}] {_shorten(s.text)}" for s in self.missing]
        return "\n".join(out)

    def classes(self) -> Counter:
        """Disagreements counted by kind and type."""
        return Counter(f"{d.kind} {d.type}" for d in self.disagreements)


def _locate(sentence: Sentence, doc: Marked) -> tuple[Stream, int] | None:
    if sentence.note is not None:
        stream = doc.note(sentence.note)
        streams = [stream] if stream is not None else []
    else:
        streams = [doc.running]
    for stream in streams:
        at = stream.text.find(sentence.text)
        if at >= 0:
            return stream, at
    if sentence.note is not None:  # a note renumbered: any note holding the sentence
        for _, stream in doc.notes:
            at = stream.text.find(sentence.text)
            if at >= 0:
                return stream, at
    return None


def evaluate(gold: list[Sentence], documents: dict[str, Marked], name: str = "markup") -> Report:
    """Compare the markup of ``documents`` (document name -> :func:`marked`) with ``gold``."""
    report = Report(name)
    for sentence in gold:
        report.sentences += 1
        located = _locate(sentence, documents[sentence.document])
        if located is None:
            report.missing.append(sentence)
            for m in sentence.mentions:
                if not m.optional:
                    report.strict[m.type].fn += 1
                    report.span[m.type].fn += 1
            continue
        stream, offset = located
        end = offset + len(sentence.text)
        found = [
            Found(f.type, f.start - offset, f.end - offset, f.surface, f.target, f.inferred, f.line)
            for f in stream.found
            if f.start >= offset and f.end <= end
        ]
        _compare(sentence, found, report)
    return report


def _compare(sentence: Sentence, found: list[Found], report: Report) -> None:
    optional = [m for m in sentence.mentions if m.optional]
    required = [m for m in sentence.mentions if not m.optional]
    # markup on or inside an optional mention counts neither way
    found = [f for f in found if not any(o.start <= f.start and f.end <= o.end for o in optional)]
    strict_gold = Counter(m.key for m in required)
    strict_found = Counter(f.key for f in found)
    span_gold = Counter(m.span for m in required)
    span_found = Counter((f.type, f.start, f.end) for f in found)
    for kind in TYPES:
        tp = sum((strict_gold & strict_found)[k] for k in strict_gold if k[0] == kind)
        report.strict[kind].tp += tp
        report.strict[kind].fn += sum(v for k, v in strict_gold.items() if k[0] == kind) - tp
        report.strict[kind].fp += sum(v for k, v in strict_found.items() if k[0] == kind) - tp
        tp = sum((span_gold & span_found)[k] for k in span_gold if k[0] == kind)
        report.span[kind].tp += tp
        report.span[kind].fn += sum(v for k, v in span_gold.items() if k[0] == kind) - tp
        report.span[kind].fp += sum(v for k, v in span_found.items() if k[0] == kind) - tp
    by_span = {(f.type, f.start, f.end): f for f in found}
    gold_spans = {m.span: m for m in required}
    for m in required:
        f = by_span.get(m.span)
        if f is None:
            report.disagreements.append(Disagreement(sentence, "FN", m.type, m.surface, _gold_target(m)))
        elif canonical_target(m.type, m.target) != canonical_target(f.type, f.target):
            report.disagreements.append(
                Disagreement(sentence, "target", m.type, m.surface, _gold_target(m), f.target, f.line)
            )
        elif m.type == "date":
            agree = m.inferred == f.inferred
            report.inferred["agree" if agree else "disagree"] += 1
            if not agree:
                report.disagreements.append(
                    Disagreement(
                        sentence,
                        "inferred",
                        m.type,
                        m.surface,
                        "inferred" if m.inferred else "written",
                        f.target,
                        f.line,
                    )
                )
    for f in found:
        if (f.type, f.start, f.end) not in gold_spans:
            report.disagreements.append(Disagreement(sentence, "FP", f.type, f.surface, "", f.target, f.line))


def _gold_target(m: Mention) -> str:
    return m.target + (" (inferred)" if m.inferred else "") + (" (no entry yet)" if "new" in m.flags else "")


def evaluate_folder(gold: list[Sentence], folder: Path, *, tool: bool = False, registers: Path | None = None) -> Report:
    """:func:`evaluate` the documents ``folder/<document>.xml``; ``tool``: the annotate tool's markup instead."""
    folder = Path(folder)
    documents = {}
    for name in sorted({s.document for s in gold}):
        path = folder / f"{name}.xml"
        documents[name] = marked(tool_markup(path, registers or folder) if tool else path)
    return evaluate(
        gold, documents, "annotate tool alone (proposals on untagged text)" if tool else f"markup of {folder}"
    )
