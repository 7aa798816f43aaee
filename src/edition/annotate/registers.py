"""The edition's registers: person, place and organisation entries with every form of their names.

A register is any TEI file whose ``listPerson``, ``listPlace`` or ``listOrg`` holds entries with
an ``xml:id``; every ``persName``/``placeName``/``orgName`` child of an entry (main and variant,
in any language or inflection) is a form the entry may be mentioned by.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_NS
from ..documents import Source
from ..kinds import REGISTERED
from ..problems import ERROR, InputError, Problem
from .inflection import capitals, inflected

#: entity type -> (entry element, name element) in the TEI namespace
#: The register entry and the name element of each kind of register entry (:mod:`edition.kinds`).
TYPES = {kind.type: (kind.entry, kind.name) for kind in REGISTERED}
NAME_TYPES = {name: kind for kind, (_, name) in TYPES.items()}
_NS = {"tei": TEI_NS}
_ENTRIES = " | ".join(f"//tei:{entry}[@xml:id]" for entry, _ in TYPES.values())


_CHOICE = f"{{{TEI_NS}}}choice"
_AS_WRITTEN = tuple(f"{{{TEI_NS}}}{name}" for name in ("sic", "orig", "abbr"))


def normalize_space(text: str) -> str:
    return " ".join(text.split())


def written(element: etree._Element) -> str:
    """The text of ``element`` as the source writes it, white space normalised: of a ``choice``
    its ``sic``, ``orig`` or ``abbr`` (else its first reading), as the site and the indices show it."""
    parts: list[str] = []
    _written(element, parts)
    return normalize_space("".join(parts))


def _written(element: etree._Element, parts: list[str]) -> None:
    if element.tag == _CHOICE:
        readings = [child for child in element if isinstance(child.tag, str)]
        shown = next((r for name in _AS_WRITTEN for r in readings if r.tag == name), readings[0] if readings else None)
        if shown is not None:
            _written(shown, parts)
        return
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _written(child, parts)
        parts.append(child.tail or "")


@dataclass(frozen=True)
class Entry:
    """One register entry: its type, file, id, main name and every form of its name."""

    type: str
    path: Path
    id: str
    main: str
    forms: tuple[str, ...]

    def ref_from(self, document: Path) -> str:
        """The pointer to this entry from ``document`` (e.g. ``persons.xml#pers-stalin``)."""
        relative = os.path.relpath(self.path.resolve(), document.resolve().parent)
        return f"{Path(relative).as_posix()}#{self.id}"


def _readable(paths: list[Path]) -> Iterator[Source]:
    """The files of ``paths`` that can be read as XML (the others are reported where they are checked)."""
    for path in paths:
        try:
            yield Source.load(path)
        except InputError:
            continue


class Registers:
    """The register entries of one folder, found by their forms or by a pointer."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_key = {(entry.path.resolve(), entry.id): entry for entry in entries}
        self.paths = {entry.path.resolve() for entry in entries}

    @classmethod
    def load(cls, folder: Path) -> Registers:
        """The entries of every register file in ``folder`` (raises :class:`InputError` if none)."""
        entries = [entry for source in _readable(sorted(folder.glob("*.xml"))) for entry in _entries(source)]
        if not entries:
            raise InputError(
                Problem(
                    str(folder),
                    0,
                    0,
                    ERROR,
                    "no register entries (person, place or org with "
                    "an xml:id) found in this folder: give the registers' folder with "
                    "--registers",
                    "registers-missing",
                )
            )
        return cls(entries)

    def forms(self, types: set[str]) -> dict[str, list[Entry]]:
        """Every form of the entries of ``types``, with the entries it names (more than one: ambiguous)."""
        found: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.type in types:
                for form in entry.forms:
                    found.setdefault(form, []).append(entry)
        return found

    def derived(self, types: set[str]) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
        """Forms of the entries of ``types`` that their registers do not write (:mod:`.inflection`):
        the Russian cases of their Cyrillic forms and every form in capitals (none a written form)."""
        given = self.forms(types)
        cases: dict[str, list[Entry]] = {}
        for form, entries in given.items():
            for entry in entries:
                for case in inflected(form, entry.type == "person"):
                    if case not in given and entry not in cases.setdefault(case, []):
                        cases[case].append(entry)
        upper: dict[str, list[Entry]] = {}
        for form, entries in (given | cases).items():
            for capital in capitals(form):
                if capital not in given and capital not in cases:
                    upper.setdefault(capital, [])
                    upper[capital] += [e for e in entries if e not in upper[capital]]
        return cases, upper

    def resolve(self, ref: str, document: Path) -> Entry | None:
        """The entry ``ref`` points to from ``document``, if it is one of these."""
        target, _, ident = ref.strip().partition("#")
        path = (document.resolve().parent / target).resolve() if target else document.resolve()
        return self._by_key.get((path, ident))


def _entries(source: Source) -> list[Entry]:
    entries = []
    for element in source.tree.xpath(_ENTRIES, namespaces=_NS):
        kind = next(k for k, (entry, _) in TYPES.items() if element.tag == f"{{{TEI_NS}}}{entry}")
        names = element.findall(f"tei:{TYPES[kind][1]}", _NS)
        forms = [written(name) for name in names]
        main = next((f for f, n in zip(forms, names) if n.get("type") == "main"), forms[0] if forms else "")
        entries.append(
            Entry(kind, source.path, element.get(f"{{{XML_NS}}}id"), main, tuple(dict.fromkeys(f for f in forms if f)))
        )
    return entries


class RegisterCache:
    """The registers beside each document (or those of one folder given), each loaded once."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self._loaded: dict[Path, Registers | InputError] = {}

    def get(self, document: Path) -> Registers:
        """The registers for ``document`` (raises :class:`InputError` when there are none)."""
        folder = (self.folder or document.parent).resolve()
        if folder not in self._loaded:
            try:
                self._loaded[folder] = Registers.load(folder)
            except InputError as exc:
                self._loaded[folder] = exc
        found = self._loaded[folder]
        if isinstance(found, InputError):
            raise found
        return found
