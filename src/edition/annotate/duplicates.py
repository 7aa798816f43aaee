"""Register entries that describe the same entity twice (lint rule ``register-duplicate``).

Two entries of one kind (person, place, organisation) in the registers of a folder are reported,
at the later one, when

* they share an authority identifier: an ``idno`` of the same authority with the same value
  (Wikidata, VIAF, GeoNames, GND given as an identifier or as its URL are recognised as one;
  any other ``idno`` by its ``type`` and value); a GeoNames identifier alone only with the same
  main name (it is often the nearest feature: the House of Lords and the House of Commons), or
* their main names are the same full name of two words or more (compared without regard to
  case, accents and punctuation at either end) and nothing tells them apart: no identifier of
  the same authority with another value, the same note and occupation (or none), no other
  birth, death, floruit, sex or event (existence), no other ``type`` or dates of the entry and
  no coordinates more than :data:`NEAR_KM` apart (places). Namesakes that the register describes are not reported.

Entries with only the same variant form, or the same one-word name ("John"), are not reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree

from .. import TEI_NS, XML_NS
from ..documents import Source
from ..problems import WARNING, Problem
from .headers import key
from .registers import TYPES, written

_NS = {"tei": TEI_NS}
NEAR_KM = 25.0
_AUTHORITIES = [
    ("Wikidata", re.compile(r"(?:wikidata\.org/(?:wiki|entity)/)?(Q\d+)/?", re.I)),
    ("VIAF", re.compile(r"(?:viaf\.org/viaf/)?(\d+)/?", re.I)),
    ("GeoNames", re.compile(r"(?:(?:www\.|sws\.)?geonames\.org/)?(\d+)(?:/.*)?", re.I)),
    ("GND", re.compile(r"(?:d-nb\.info/gnd/)?([\dX-]+)/?", re.I)),
]
_URL = re.compile(r"^(?:https?://)?(?:www\.)?", re.I)
#: identifiers often given for the nearest feature (a hall, a townland): shared, they need the same name too
_APPROXIMATE = {"GeoNames"}
_OTHER_AUTHORITIES = {"isni", "orcid", "lcnaf", "loc", "bnf", "ulan", "tgn", "pleiades"}
_FACTS = ("note", "occupation")  # what describes an entry in words: the same, or both absent
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class _Entry:
    element: etree._Element
    source: Source
    kind: str
    id: str
    main: str
    identifiers: dict[str, str]  # authority -> value
    facts: dict[str, str]  # birth, death, type, …
    geo: tuple[float, float] | None


def identifier(idno: etree._Element) -> tuple[str, str] | None:
    """The authority and value of an ``idno`` (``("Wikidata", "Q855")``), if it is an authority's."""
    value = " ".join("".join(idno.itertext()).split())
    if not value:
        return None
    kind = (idno.get("type") or "").strip()
    bare = _URL.sub("", value)
    for authority, pattern in _AUTHORITIES:
        m = pattern.fullmatch(bare)
        named = kind.casefold() == authority.casefold()
        if m and (named or bare != m.group(1)):
            return authority, m.group(1).upper()
    if kind.casefold() in _OTHER_AUTHORITIES:
        return kind.casefold(), bare.rstrip("/").casefold()
    return None  # a web page (Wikipedia: one article may describe several entries' periods), a local number


def _geo(element: etree._Element) -> tuple[float, float] | None:
    text = " ".join(element.xpath("string(tei:location/tei:geo[1])", namespaces=_NS).split())
    try:
        latitude, longitude = (float(v) for v in text.replace(",", " ").split())
    except ValueError:
        return None
    return latitude, longitude


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance of two WGS84 points."""
    (p1, l1), (p2, l2) = ((math.radians(x), math.radians(y)) for x, y in (a, b))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _entries(source: Source) -> list[_Entry]:
    found = []
    for kind, (entry, name) in TYPES.items():
        for element in source.tree.xpath(f"//tei:{entry}[@xml:id]", namespaces=_NS):
            names = element.findall(f"tei:{name}", _NS)
            main = next((n for n in names if n.get("type") == "main"), names[0] if names else None)
            identifiers = dict(i for i in map(identifier, element.findall("tei:idno", _NS)) if i)
            facts = {local: " ".join(element.xpath(f"string(tei:{local})", namespaces=_NS).split()) for local in _FACTS}
            facts |= {
                local: " ".join(f"{a}={v}" for a, v in sorted(child.attrib.items()))
                for local in ("birth", "death", "floruit", "sex", "event")
                for child in element.findall(f"tei:{local}", _NS)[:1]
            }
            facts |= {name: element.get(name, "") for name in ("type", "from", "to", "when") if element.get(name)}
            found.append(
                _Entry(
                    element,
                    source,
                    kind,
                    element.get(f"{{{XML_NS}}}id", ""),
                    written(main) if main is not None else "",
                    identifiers,
                    facts,
                    _geo(element) if kind == "place" else None,
                )
            )
    return found


def _apart(a: _Entry, b: _Entry) -> bool:
    """Whether anything tells two entries apart: an identifier, a date, a note, a type or a place."""
    if any(b.identifiers.get(authority, value) != value for authority, value in a.identifiers.items()):
        return True
    if any(a.facts.get(name, "") != b.facts.get(name, "") for name in _FACTS):
        return True  # a note (or an occupation) on one of them only, or other ones
    if any(b.facts.get(name, value) != value for name, value in a.facts.items()):
        return True
    return a.geo is not None and b.geo is not None and _km(a.geo, b.geo) > NEAR_KM


def _why(a: _Entry, b: _Entry) -> str | None:
    """Why ``b`` repeats ``a`` (which has one of its identifiers or its main name), if it does."""
    shared = {authority: value for authority, value in b.identifiers.items() if a.identifiers.get(authority) == value}
    named = bool(a.main) and key(a.main) == key(b.main)
    if shared and (named or set(shared) - _APPROXIMATE):
        return (
            f"the same identifier ({', '.join(f'{k} {v}' for k, v in shared.items())}); keep one entry, with the "
            "forms of both, and point the mentions of the other to it (or correct the identifier of one)"
        )
    if named and len(_WORDS.findall(b.main)) > 1 and not _apart(a, b):
        return (
            f'the same main name "{b.main}" and nothing that tells them apart (identifier, dates, note, type, place); '
            "keep one entry, with the forms of both, and point the mentions of the other to it (or tell namesakes "
            "apart in their notes)"
        )
    return None


def duplicates(sources: list[Source], reported: set[str] | None = None) -> list[Problem]:
    """The entries of the registers ``sources`` that repeat an earlier one, reported where they
    are if their file is in ``reported`` (paths as strings; all if None)."""
    seen: dict[tuple[str, ...], list[_Entry]] = {}  # (kind, authority, value) or (kind, main name key)
    problems = []
    for later in (entry for source in sources for entry in _entries(source)):
        keys: list[tuple[str, ...]] = [(later.kind, *item) for item in later.identifiers.items()]
        keys += [(later.kind, key(later.main))] if key(later.main) else []
        earlier = [e for k in keys for e in seen.get(k, [])]
        for k in keys:
            seen.setdefault(k, []).append(later)
        why = next(((e, w) for e in earlier if (w := _why(e, later))), None)
        if why is None or (reported is not None and str(later.source.path) not in reported):
            continue
        first, reason = why
        line, _ = first.source.position(first.element)
        message = (
            f'{later.kind} "{later.main}" ({later.id}) describes the same entity as {first.id} '
            f"({first.source.path.name}:{line}): {reason}"
        )
        line, column = later.source.position(later.element)
        problems.append(Problem(str(later.source.path), line, column, WARNING, message, "register-duplicate"))
    return problems
