"""Warnings about entity and date markup, and images, that validation does not give.

Validation (``edition validate``) already reports unresolved pointers, pointers to the wrong
kind of entry, dates that are not ISO 8601 and register entries never mentioned. Lint adds:

* ``name-untagged``: a form of a register entry left untagged (where annotation would tag it);
* ``surface-ambiguous``: the same text pointing to different entries;
* ``name-form-missing``: a mention whose text is not among its entry's forms (add it as a variant);
* ``date-mismatch``: a date whose ``when``/``from``/``to``/``notBefore``/``notAfter`` disagree
  with what its text says (read by the date recognizer of :mod:`.dates`);
* ``image-unpublished``: a graphic whose URL stays in its file's folder but that leads to no
  image the site can publish there (:mod:`edition.images`): no such file, not an image, or a
  symbolic link leading out of the folder;
* ``header-name-unlinked``: a name in a TEI header linked to no register entry, which the
  indices list as an unregistered duplicate (:mod:`.headers`);
* ``register-duplicate``: a register entry that describes the same entity as another one
  (:mod:`.duplicates`), reported where the register files are linted.

Text is read as the source writes it: of a ``choice``, its ``sic``, ``orig`` or ``abbr``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..documents import Source, find_xml_files
from ..images import unpublished
from ..problems import WARNING, InputError, Problem
from .dates import parse_date
from .duplicates import duplicates
from .headers import HeaderNames
from .proposals import Annotator
from .registers import TYPES, RegisterCache, Registers, written
from .textmap import TextMap

_NS = {"tei": TEI_NS}
MENTIONS = (
    "//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
    "[not(ancestor::tei:person or ancestor::tei:place or ancestor::tei:org)]"
)
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")


def lint(paths: list[Path], registers: Path | None = None) -> list[Problem]:
    """The lint warnings for the TEI files named by ``paths`` (files or folders)."""
    cache = RegisterCache(registers)
    problems: list[Problem] = []
    surfaces: dict[str, dict[str, tuple[Source, etree._Element]]] = {}
    checkers: dict[int, tuple[Annotator, HeaderNames]] = {}
    linted: dict[int, tuple[Registers, list[Source]]] = {}  # registers -> their files among those linted
    for path in find_xml_files(paths):
        try:
            document = TextMap.load(path)
        except InputError as exc:
            problems.append(exc.problem)
            continue
        problems += _dates(document.source)
        problems += _images(document.source)
        try:
            found = cache.get(path)
        except InputError as exc:
            problems.append(
                replace(exc.problem, severity=WARNING, message=exc.problem.message + "; names are not checked")
            )
            continue
        if path.resolve() in found.paths:
            linted.setdefault(id(found), (found, []))[1].append(document.source)
            continue
        annotator, headers = checkers.setdefault(id(found), (Annotator(found, set(TYPES)), HeaderNames(found)))
        problems += _untagged(document, annotator)
        problems += _forms(document.source, found, surfaces)
        problems += headers.check(document.source)
    problems += _ambiguous(surfaces)
    for found, sources in linted.values():
        problems += duplicates(_register_sources(found, sources), {str(source.path) for source in sources})
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.rule))


def _register_sources(registers: Registers, linted: list[Source]) -> list[Source]:
    """The files of ``registers`` in the order their entries were read (those ``linted`` as read there)."""
    given = {source.path.resolve(): source for source in linted}
    paths = dict.fromkeys(entry.path.resolve() for entry in registers.entries)
    return [given.get(path) or Source.load(path) for path in paths]


def _warning(source: Source, element: etree._Element, message: str, rule: str) -> Problem:
    line, column = source.position(element)
    return Problem(str(source.path), line, column, WARNING, message, rule)


def _untagged(document: TextMap, annotator: Annotator) -> list[Problem]:
    problems = []
    for proposal in annotator.propose(document):
        if proposal.ambiguous:
            message = f'"{proposal.surface}" is not tagged; it may name {" or ".join(proposal.candidates)}'
        else:
            message = (
                f'"{proposal.surface}" names {proposal.attributes["ref"]} but is not tagged (edition annotate tags it)'
            )
        problems.append(Problem(str(proposal.path), proposal.line, proposal.column, WARNING, message, "name-untagged"))
    return problems


def _forms(source: Source, registers: Registers, surfaces: dict) -> list[Problem]:
    problems, seen = [], set()
    for element in source.tree.xpath(MENTIONS + "[@ref]", namespaces=_NS):
        text = written(element)
        ref = element.get("ref").split()[0] if element.get("ref").split() else ""
        entry = registers.resolve(ref, source.path)
        key = f"{entry.path.resolve()}#{entry.id}" if entry else ref
        surfaces.setdefault(text, {}).setdefault(key, (source, element))
        if entry and text and text not in entry.forms and (key, text) not in seen:
            seen.add((key, text))
            tag = etree.QName(element).localname
            problems.append(
                _warning(
                    source,
                    element,
                    f'"{text}" is not among the forms of {ref}: add <{tag} type="variant">{text}</{tag}> to the entry',
                    "name-form-missing",
                )
            )
    return problems


def _ambiguous(surfaces: dict[str, dict[str, tuple[Source, etree._Element]]]) -> list[Problem]:
    problems = []
    for text, targets in surfaces.items():
        if len(targets) > 1:
            for source, element in targets.values():
                others = sorted({e.get("ref") for s, e in targets.values()} - {element.get("ref")})
                problems.append(
                    _warning(
                        source,
                        element,
                        f'"{text}" points to {element.get("ref")} here, elsewhere to {", ".join(others)}',
                        "surface-ambiguous",
                    )
                )
    return problems


def _images(source: Source) -> list[Problem]:
    return [
        _warning(
            source,
            graphic,
            f'the image "{graphic.get("url")}" is not published with the site: {why}',
            "image-unpublished",
        )
        for graphic, why in unpublished(source)
    ]


def _dates(source: Source) -> list[Problem]:
    problems = []
    for element in source.tree.xpath("//tei:text//tei:date", namespaces=_NS):
        given = {name: element.get(name) for name in DATE_ATTRIBUTES if element.get(name)}
        if not given:
            continue
        year = next((v[:4] for v in given.values() if v[:4].isdigit()), None)
        text = written(element)
        read = parse_date(text, int(year) if year else None, relative=False)
        if read is None:
            continue
        read = {name: value for name, value in read.items() if name in DATE_ATTRIBUTES}
        if _bounds(read) != _bounds(given):
            problems.append(
                _warning(
                    source,
                    element,
                    f'the text "{text}" reads as {_words(read)}, but the element says {_words(given)}',
                    "date-mismatch",
                )
            )
    return problems


def _bounds(attributes: dict[str, str]) -> dict[str, str]:
    """A date's attributes with the bounds of a range as days: from="1920-09" is 1920-09-01,
    to="1920-11" 1920-11-30 (``when`` as it is: a month is not its first day)."""
    bounds = {}
    for name, value in attributes.items():
        m = re.fullmatch(r"(-?\d{4})(?:-(\d\d))?", value)
        if name == "when" or not m:
            bounds[name] = value
        elif name in ("from", "notBefore"):
            bounds[name] = f"{m.group(1)}-{m.group(2) or '01'}-01"
        else:
            month = int(m.group(2) or 12)
            bounds[name] = f"{m.group(1)}-{month:02d}-{calendar.monthrange(int(m.group(1)), month)[1]:02d}"
    return bounds


def _words(attributes: dict[str, str]) -> str:
    return " ".join(f'{name}="{value}"' for name, value in attributes.items())
