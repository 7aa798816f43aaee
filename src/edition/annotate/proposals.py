"""Proposals: untagged mentions of register entries and untagged dates, with their positions.

Only text that may carry such markup is searched: inside ``text`` (never the ``teiHeader``),
outside existing names, dates and ``rs``, identifiers (``idno``), pointers (``ptr``), numbers and
page references (``citedRange``, ``biblScope``, ``num``), readings replaced by another
(``sic``, ``orig``), register entries, titles of periodicals (``title level="j"``: a newspaper,
journal or media outlet is opaque; names and dates in titles of cited books, articles, reports
and archival documents are tagged, unless ``titles`` is false) and anything that looks like a
URL (with or without its scheme) or DOI. Attribute values are never text.

Names are the forms the registers write, the Russian cases of their Cyrillic forms and, in
text set in capitals, every form in capitals (:mod:`.inflection`). A form that names more than
one entry points to the one of them the document mentioned last (by any form, tagged or
proposed: "Aliyev" after "Ilham Aliyev"); if it mentioned none of them before, the form is
proposed as ambiguous, with its candidates, and is never tagged without an editor's choice.

A date without a year takes it from the dates before it (:func:`.dates.find_dates`): in the
running text from the running text's dates, in a footnote from the note's own dates and else
from the running text's; dates of cited works (``bibl``) set no year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .dates import DateMatch, find_dates
from .matcher import Match, Matcher, longest_first
from .registers import NAME_TYPES, TYPES, Entry, Registers
from .textmap import Run, TextMap

#: proposal type -> TEI element
TAGS = {kind: name for kind, (_, name) in TYPES.items()} | {"date": "date"}
ALL_TYPES = tuple(TAGS)
_NEVER_INSIDE = {
    "teiHeader",
    "persName",
    "placeName",
    "orgName",
    "date",
    "rs",
    "name",
    "idno",
    "ptr",
    "citedRange",
    "biblScope",
    "num",
    "measure",
    "sic",
    "orig",
    "fw",
    "geo",
    "person",
    "place",
    "org",
}
_NOT_CONTEXT = ("bibl", "biblStruct", "listBibl")  # dates of cited works say nothing about the text's years
_URL = re.compile(r"(?:https?://|www\.|doi:\s*|(?<![\w.])10\.\d{4,9}/|(?<![\w@.-])(?:[\w-]+\.)+[a-z]{2,}/)\S*", re.I)
_CAPITALS_AROUND = 40  # characters either side of a name in capitals that must be in capitals too


@dataclass
class Proposal:
    """One element to insert: its type, the text it encloses (bytes ``start``–``end``) and attributes."""

    path: Path
    start: int
    end: int
    line: int
    column: int
    type: str
    surface: str
    attributes: dict[str, str]
    candidates: tuple[str, ...] = ()  # the entries an ambiguous form may point to
    checksum: str = ""  # of the file the offsets refer to

    @property
    def tag(self) -> str:
        return TAGS[self.type]

    @property
    def ambiguous(self) -> bool:
        return not self.attributes

    @property
    def target(self) -> str:
        """The attributes as ``name=value`` words, or the candidates of an ambiguous form."""
        if self.ambiguous:
            return "ambiguous: " + " | ".join(self.candidates)
        chosen = " ".join(f"{name}={value}" for name, value in self.attributes.items())
        return chosen + (f" (mentioned last of {' | '.join(self.candidates)})" if self.candidates else "")

    def describe(self) -> str:
        shown = " ".join(self.surface.split())
        return f'{self.path}:{self.line}:{self.column}: {self.type}: "{shown}" -> {self.target}'


def _periodical(run: Run) -> bool:
    """Whether ``run`` is in the title of a periodical (``level="j"``), which stays opaque."""
    return any(name == "title" and a.get("level") == "j" for name, a in zip(run.ancestors, run.attributes))


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the text around ``start``–``end`` is set in capitals (a few cased letters, all capitals)."""
    around = text[max(0, start - _CAPITALS_AROUND) : start] + text[end : end + _CAPITALS_AROUND]
    cased = [c for c in around if c.isupper() or c.islower()]
    return len(cased) >= 4 and sum(c.isupper() for c in cased) >= 0.9 * len(cased)


@dataclass
class _Span:
    start: int
    end: int
    type: str
    attributes: dict[str, str]
    candidates: tuple[str, ...] = ()
    types: tuple[str, ...] = ()  # of the candidates


@dataclass
class _Context:
    """What the text before a run tells about it: the year of the running text and of the current
    footnote, and the entries mentioned (the one mentioned last, last)."""

    running: int | None = None
    note: int | None = None
    in_note: bool = False
    mentioned: dict[str, None] = field(default_factory=dict)

    def enter(self, run: Run, refs: list[str]) -> int | None:
        """Go on to ``run``, inside markup pointing to ``refs``; the year of its context."""
        if run.within("note") and not self.in_note:
            self.note = self.running
        self.in_note = run.within("note")
        for ref in refs:
            self.mention(ref)
        return self.note if self.in_note else self.running

    def dated(self, dates: list[DateMatch]) -> None:
        year = next((d.year for d in reversed(dates) if d.year), None)
        if year is not None and self.in_note:
            self.note = year
        elif year is not None:
            self.running = year

    def mention(self, ref: str) -> None:
        self.mentioned.pop(ref, None)
        self.mentioned[ref] = None

    def resolve(self, span: _Span) -> _Span:
        """``span``, an ambiguous name given the candidate mentioned last (if the text mentioned one)."""
        if span.candidates and not span.attributes:
            known = [ref for ref in self.mentioned if ref in span.candidates]
            if known:
                span = replace(span, type=span.types[span.candidates.index(known[-1])], attributes={"ref": known[-1]})
        if "ref" in span.attributes:
            self.mention(span.attributes["ref"])
        return span


class Annotator:
    """Finds proposals of the given types in documents, with the forms of ``registers``."""

    def __init__(self, registers: Registers | None, types: set[str], titles: bool = True):
        self.types = types
        self.titles = titles
        kinds = types & set(TYPES)
        forms, (cases, capitals) = (registers.forms(kinds), registers.derived(kinds)) if registers else ({}, ({}, {}))
        self._registers = registers
        self._names: Matcher[list[Entry]] = Matcher(forms | cases)
        self._capitals: Matcher[list[Entry]] = Matcher(capitals)

    def eligible(self, run: Run) -> bool:
        """Whether new markup may go into ``run``."""
        return (
            run.prefix is not None
            and not run.cdata
            and run.within("text")
            and not run.within(*_NEVER_INSIDE)
            and not (run.within("title") and (not self.titles or _periodical(run)))
        )

    def propose(self, document: TextMap) -> list[Proposal]:
        """The proposals for ``document``, in document order."""
        proposals: list[Proposal] = []
        context = _Context()
        for run in document.runs:
            if not run.within("text"):
                continue
            year = context.enter(run, self._mentioned(run, document.path))
            eligible = self.eligible(run)
            dates = find_dates(run.text, year) if "date" in self.types and (eligible or run.within("date")) else []
            if not run.within(*_NOT_CONTEXT):
                context.dated(dates)
            if eligible:
                spans = [context.resolve(span) for span in self._spans(document, run, dates)]
                proposals += [self._proposal(document, run, span) for span in spans]
        return proposals

    def _mentioned(self, run: Run, document: Path) -> list[str]:
        """The entries that the existing markup around ``run`` points to (as this annotator's refs)."""
        if self._registers is None:
            return []
        refs = [run.attribute(name, "ref") or "" for name in NAME_TYPES if run.within(name)]
        entries = [self._registers.resolve(ref, document) for ref in " ".join(refs).split()]
        return [entry.ref_from(document) for entry in entries if entry]

    def _spans(self, document: TextMap, run: Run, dates: list[DateMatch]) -> list[_Span]:
        """The spans to tag in an eligible ``run`` of ``document``: its ``dates`` and names
        (outside URLs), longest first where they overlap."""
        spans = [_Span(d.start, d.end, "date", d.attributes) for d in dates]
        names = self._names.candidates(run.text)
        names += [m for m in self._capitals.candidates(run.text) if _in_capitals(run.text, m.start, m.end)]
        spans += [self._name_span(m, document.path) for m in names]
        urls = [m.span() for m in _URL.finditer(run.text)]
        return longest_first([s for s in spans if not any(s.start < end and start < s.end for start, end in urls)])

    @staticmethod
    def _name_span(match: Match[list[Entry]], document: Path) -> _Span:
        entries = match.value
        kind = "|".join(sorted({e.type for e in entries}))
        if len(entries) == 1:
            return _Span(match.start, match.end, kind, {"ref": entries[0].ref_from(document)})
        refs = tuple(e.ref_from(document) for e in entries)
        return _Span(match.start, match.end, kind, {}, refs, tuple(e.type for e in entries))

    @staticmethod
    def _proposal(document: TextMap, run: Run, span: _Span) -> Proposal:
        start, end = run.offsets[span.start], run.offsets[span.end]
        line, column = document.position(start)
        return Proposal(
            document.path,
            start,
            end,
            line,
            column,
            span.type,
            run.text[span.start : span.end],
            span.attributes,
            span.candidates,
            document.checksum,
        )
