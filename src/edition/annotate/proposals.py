"""Proposals: untagged mentions of register entries and untagged dates, with their positions.

Only text that may carry such markup is searched: inside ``text`` (never the ``teiHeader``),
outside existing names, dates and ``rs``, identifiers (``idno``), pointers (``ptr``), numbers and
page references (``citedRange``, ``biblScope``, ``num``), readings replaced by another
(``sic``, ``orig``), register entries, ``title`` (unless asked: names in titles of cited works
are not tagged) and anything that looks like a URL or DOI. Attribute values are never text.
A form that names more than one entry is proposed as ambiguous, with its candidates, and is
never tagged without an editor's choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .dates import DateMatch, find_dates
from .matcher import Match, Matcher, longest_first
from .registers import TYPES, Entry, Registers
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
_URL = re.compile(r"(?:https?://|www\.|doi:\s*|(?<![\w.])10\.\d{4,9}/)\S+", re.I)


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
        return " ".join(f"{name}={value}" for name, value in self.attributes.items())

    def describe(self) -> str:
        shown = " ".join(self.surface.split())
        return f'{self.path}:{self.line}:{self.column}: {self.type}: "{shown}" -> {self.target}'


@dataclass
class _Span:
    start: int
    end: int
    type: str
    attributes: dict[str, str]
    candidates: tuple[str, ...] = ()


class Annotator:
    """Finds proposals of the given types in documents, with the forms of ``registers``."""

    def __init__(self, registers: Registers | None, types: set[str], titles: bool = False):
        self.types = types
        self.titles = titles
        forms = registers.forms(types & set(TYPES)) if registers else {}
        self._names: Matcher[list[Entry]] = Matcher(forms)

    def eligible(self, run: Run) -> bool:
        """Whether new markup may go into ``run``."""
        return (
            run.prefix is not None
            and not run.cdata
            and run.within("text")
            and not run.within(*_NEVER_INSIDE)
            and (self.titles or not run.within("title"))
        )

    def propose(self, document: TextMap) -> list[Proposal]:
        """The proposals for ``document``, in document order."""
        proposals, year = [], None
        for run in document.runs:
            if not run.within("text"):
                continue
            eligible = self.eligible(run)
            dates = find_dates(run.text, year) if "date" in self.types and (eligible or run.within("date")) else []
            if not run.within(*_NOT_CONTEXT):
                year = next((d.year for d in reversed(dates) if d.year), year)
            if eligible:
                proposals += [self._proposal(document, run, span) for span in self._spans(document, run, dates)]
        return proposals

    def _spans(self, document: TextMap, run: Run, dates: list[DateMatch]) -> list[_Span]:
        """The spans to tag in an eligible ``run`` of ``document``: its ``dates`` and names
        (outside URLs), longest first where they overlap."""
        spans = [_Span(d.start, d.end, "date", d.attributes) for d in dates]
        spans += [self._name_span(m, document.path) for m in self._names.candidates(run.text)]
        urls = [m.span() for m in _URL.finditer(run.text)]
        return longest_first([s for s in spans if not any(s.start < end and start < s.end for start, end in urls)])

    @staticmethod
    def _name_span(match: Match[list[Entry]], document: Path) -> _Span:
        entries = match.value
        kind = "|".join(sorted({e.type for e in entries}))
        if len(entries) == 1:
            return _Span(match.start, match.end, kind, {"ref": entries[0].ref_from(document)})
        return _Span(match.start, match.end, kind, {}, tuple(e.ref_from(document) for e in entries))

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
