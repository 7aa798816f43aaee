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
  symbolic link leading out of the folder.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree

from .. import TEI_NS
from ..documents import Source, find_xml_files
from ..images import unpublished
from ..problems import WARNING, InputError, Problem
from .dates import parse_date
from .proposals import Annotator
from .registers import TYPES, RegisterCache, Registers, normalize_space
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
            continue
        problems += _untagged(document, found)
        problems += _forms(document.source, found, surfaces)
    problems += _ambiguous(surfaces)
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.rule))


def _warning(source: Source, element: etree._Element, message: str, rule: str) -> Problem:
    line, column = source.position(element)
    return Problem(str(source.path), line, column, WARNING, message, rule)


def _untagged(document: TextMap, registers: Registers) -> list[Problem]:
    problems = []
    for proposal in Annotator(registers, set(TYPES)).propose(document):
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
        text = normalize_space("".join(element.itertext()))
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
        text = normalize_space("".join(element.itertext()))
        read = parse_date(text, int(year) if year else None)
        if read is None:
            continue
        read = {name: value for name, value in read.items() if name in DATE_ATTRIBUTES}
        if read != given:
            problems.append(
                _warning(
                    source,
                    element,
                    f'the text "{text}" reads as {_words(read)}, but the element says {_words(given)}',
                    "date-mismatch",
                )
            )
    return problems


def _words(attributes: dict[str, str]) -> str:
    return " ".join(f'{name}="{value}"' for name, value in attributes.items())
