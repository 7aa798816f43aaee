"""The index records of one document as data: what ``xslt/index/mentions.xsl`` gives (a record
a string) read into the fields every index format shares (see :mod:`edition.indices`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from .contexts import context, marked

MENTION_FIELDS = (
    "id",
    "document",
    "position",
    "type",
    "entity",
    "passage",
    "part",
    "note",
    "surface",
    "value",
    "lang",
    "ref",
    "cert",
    "evidence",
    "date_when",
    "date_from",
    "date_to",
    "not_before",
    "not_after",
    "sort_start",
    "sort_end",
    "context",
)

#: The fields of a dating (ix:dating in xslt/index/dates.xsl) as records name them.
_DATING = ("date_when", "date_from", "date_to", "not_before", "not_after", "sort_start", "sort_end")


def records(lines: Iterable[str], path: Path) -> dict:
    """The index records of one document as data (what :func:`edition.indices.group` takes), from the
    records ``mentions.xsl`` gives for the document at ``path`` (one by one: see there): the
    document's ``key``, ``file``, ``title`` and ``lang``, its ``entities`` (register entries it
    mentions or holds) and ``works``, and its ``mentions`` (in document order, with their
    contexts) as an iterator over the records still to be read: the records of a document of
    any size are never all held at once, only the context of each name."""
    lines = iter(lines)
    key, title, lang = next(lines).split("\t")
    works, entities = [], []
    contexts: dict[str, str] = {}  # the sentence each name stands in, by its generate-id()
    mentions: Iterator[list[str]] = iter(())
    for line in lines:
        fields = line[2:].split("\t")
        if line[0] == "W":
            works.append(_work(fields, key))
        elif line[0] == "E":
            entities.append(_entity(fields))
        elif line[0] == "B":
            text, marks = marked(fields[1])
            # a name's own block is the last that marks it
            contexts.update((name, context(text, start, end)) for name, (start, end) in marks.items())
        else:  # the first mention: the rest are mentions too
            mentions = chain([fields], (line[2:].split("\t") for line in lines))
            break
    return {
        "key": key,
        "file": path.name,
        "title": title,
        "lang": lang,
        "mentions": (
            dict(zip(MENTION_FIELDS, (fields[1], key, position, *fields[2:], contexts.get(fields[0], ""))))
            for position, fields in enumerate(mentions, 1)
        ),
        "entities": entities,
        "works": works,
    }


def _items(field: str) -> list[str]:
    """The items of a field of mentions.xsl's output that holds a list."""
    return field.split("\r") if field else []


def _groups(field: str, size: int) -> list[list[str]]:
    """The items of a list field, ``size`` at a time."""
    items = _items(field)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _entity(fields: list[str]) -> dict:
    key, kind, target, cert, subtype, lat, long, name, variants, notes, dates, idnos = fields
    return {
        "key": key,
        "type": kind,
        "name": name,
        "subtype": subtype,
        "cert": cert,
        "register": target.rsplit("/", 1)[-1],
        "variants": _items(variants),
        "notes": _items(notes),
        "dates": [
            {"kind": date[0]} | {name: value for name, value in zip(_DATING, date[1:8]) if value} | {"text": date[8]}
            for date in _groups(dates, 9)
        ],
        "idnos": [{"type": kind, "value": value} for kind, value in _groups(idnos, 2)],
        "lat": float(lat) if lat else None,
        "long": float(long) if long else None,
    }


def _work(fields: list[str], document: str) -> dict:
    key, passage, part, note, kind, subtype, authors, titles, date, when, start, urls, doi, text, entry, entry_text = (
        fields
    )
    return {
        "id": key,
        "document": document,
        "passage": passage,
        "part": part,
        "note": note,
        "type": kind,
        "subtype": subtype,
        "authors": [{"name": name, "role": role, "key": entry} for name, role, entry in _groups(authors, 3)],
        "titles": [{"level": level, "title": title} for level, title in _groups(titles, 2)],
        "date": date,
        "date_when": when,
        "sort_start": start,
        "urls": _items(urls),
        "doi": doi,
        "text": text,
        "entry": entry,
        "entry_text": entry_text,
    }
