"""Counts of the markup: per document and type, mentions and distinct entities.

A mention is a ``persName``, ``placeName``, ``orgName`` or ``date`` in the ``text`` of a document
(names inside register entries are forms, not mentions). Distinct entities are the distinct
entries pointed to (resolved to the file they are in, so the same entry counts once across
documents), the distinct texts of names without ``@ref``, and the distinct normalised values of
dates. Register files are not documents and are left out.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..documents import Source, find_xml_files, require_tei
from ..problems import WARNING, InputError, Problem
from ..spreadsheets import spreadsheet_safe
from .lint import DATE_ATTRIBUTES, MENTIONS
from .proposals import ALL_TYPES
from .registers import NAME_TYPES, normalize_space

_NS = {"tei": TEI_NS}
ALL = "(all)"


@dataclass
class Count:
    document: str
    type: str
    mentions: int
    entities: int


def _key(source: Source, element: etree._Element) -> str:
    """What makes two mentions the same entity (or the same date)."""
    if etree.QName(element).localname == "date":
        values = [f"{n}={element.get(n)}" for n in DATE_ATTRIBUTES if element.get(n)]
        return " ".join(values) or normalize_space("".join(element.itertext()))
    ref = (element.get("ref") or "").split()
    if not ref:
        return "text:" + normalize_space("".join(element.itertext()))
    target, _, ident = ref[0].partition("#")
    path = (source.path.resolve().parent / target).resolve() if target else source.path.resolve()
    return f"{path}#{ident}"


@dataclass
class _Tally:
    mentions: int = 0
    keys: set[str] = field(default_factory=set)


def count(paths: list[Path], skipped: list[Problem] | None = None) -> list[Count]:
    """Per document and type, then for all documents together: mentions and distinct entities.
    A file that is no TEI document is left out, a warning saying so added to ``skipped``;
    registers are left out silently (:class:`InputError` for a file that cannot be read)."""
    counts: list[Count] = []
    total = {kind: _Tally() for kind in ALL_TYPES}
    for path in find_xml_files(paths):
        source = Source.load(path)
        try:
            require_tei(source)
        except InputError as exc:
            if skipped is not None:
                skipped.append(replace(exc.problem, severity=WARNING, message=exc.problem.message + ": not counted"))
            continue
        if source.tree.xpath("boolean(//tei:person|//tei:place|//tei:org)", namespaces=_NS):
            continue
        found = {kind: _Tally() for kind in ALL_TYPES}
        for element in source.tree.xpath(MENTIONS + " | //tei:text//tei:date", namespaces=_NS):
            kind = NAME_TYPES.get(etree.QName(element).localname, "date")
            key = _key(source, element)
            for tally in (found[kind], total[kind]):
                tally.mentions += 1
                tally.keys.add(key)
        counts += [Count(str(path), kind, t.mentions, len(t.keys)) for kind, t in found.items()]
    return counts + [Count(ALL, kind, t.mentions, len(t.keys)) for kind, t in total.items()]


def render(counts: list[Count], output: str) -> str:
    """``counts`` as a table for the terminal, or as ``json`` or ``csv``."""
    rows = [asdict(c) for c in counts]
    if output == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if output == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, ["document", "type", "mentions", "entities"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "document": spreadsheet_safe(row["document"])} for row in rows)
        return out.getvalue().rstrip("\n")
    width = max([len("document")] + [len(c.document) for c in counts])
    lines = [f"{'document':<{width}}  {'type':<6}  {'mentions':>8}  {'entities':>8}"]
    lines += [f"{c.document:<{width}}  {c.type:<6}  {c.mentions:>8}  {c.entities:>8}" for c in counts]
    return "\n".join(lines)
