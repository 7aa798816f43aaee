"""Names in a TEI header that are linked to no register entry (lint rule ``header-name-unlinked``).

The indices take every ``persName``, ``placeName``, ``orgName`` and ``rs`` of a document, its
header too: one without a ``ref`` (a ``key`` names no entry) becomes an entity of its own,
"unregistered", listed on the site and in the print index beside the register entry of the same
person or organisation. Reported, at the element:

* such a name in the header that is a form of a register entry (its duplicate);
* a ``name`` (``respStmt/name``), and the plain text of a responsibility (``author``, ``editor``,
  ``publisher``, ``principal``, ``funder``, ``sponsor``, ``distributor``, ``authority``; each
  name of a list "A; B", "A, B and C", "Surname, Forename and D"), that is a form of a register
  entry and so names it unlinked.

A name that is the form of no entry is an entity of its own (TEI from elsewhere has many, in
``correspDesc`` for one): not reported.

Forms are compared without regard to case, accents, punctuation at either end and the order
"Surname, Forename".
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from .. import TEI_NS
from ..documents import Source
from ..problems import WARNING, Problem
from .registers import NAME_TYPES, Entry, Registers, written

_NS = {"tei": TEI_NS}
_INDEXED = ("persName", "placeName", "orgName", "rs")
_RESPONSIBLE = ("author", "editor", "publisher", "principal", "funder", "sponsor", "distributor", "authority")
_ENTRY = " or ".join(
    f"ancestor::tei:{part}" for part in ("person", "personGrp", "place", "org", "listPerson", "listPlace", "listOrg")
)
_NAMES = f"//tei:teiHeader//*[self::tei:{' or self::tei:'.join((*_INDEXED, 'name'))}][not({_ENTRY})]"
_PLAIN = f"//tei:teiHeader//*[self::tei:{' or self::tei:'.join(_RESPONSIBLE)}][not(*)][not({_ENTRY})]"
_LIST = re.compile(r"\s*(?:;|,?\s+(?:and|&)\s+)\s*")  # "A; B", "A and B", "A, B, and C"
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss"})
_LABEL = {"person": "person", "place": "place", "org": "organisation"}
_TAGS = {kind: name for name, kind in NAME_TYPES.items()}


def key(text: str) -> str:
    """A form as compared: case, accents, punctuation at either end and white space left out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split()).strip(" .,;:·'\"“”‘’()[]")


def _keys(text: str) -> list[str]:
    """``text`` as compared, also turned round when written "Surname, Forename"."""
    found = [key(text)]
    surname, comma, forenames = text.partition(",")
    if comma and forenames.strip() and "," not in forenames:
        found.append(key(f"{forenames} {surname}"))
    return found


class HeaderNames:
    """The register entries of a folder by the compared keys of their forms."""

    def __init__(self, registers: Registers):
        self._by_key: dict[str, list[Entry]] = {}
        for entry in registers.entries:
            for form in entry.forms:
                found = self._by_key.setdefault(key(form), [])
                if entry not in found:
                    found.append(entry)

    def named(self, text: str, types: tuple[str, ...]) -> list[Entry]:
        """The entries of ``types`` that ``text`` is a form of."""
        found = [e for k in _keys(text) for e in self._by_key.get(k, []) if e.type in types]
        return list(dict.fromkeys(found))

    def check(self, source: Source) -> list[Problem]:
        """The names of ``source``'s header that no register entry is linked to."""
        problems = [p for element in source.tree.xpath(_NAMES, namespaces=_NS) for p in self._name(source, element)]
        for element in source.tree.xpath(_PLAIN, namespaces=_NS):
            for part in _LIST.split(written(element)):  # a part names an entry, or each of its pieces does
                found = self._plain(source, element, part)
                problems += found or [
                    p for piece in part.split(",") for p in self._plain(source, element, piece.strip())
                ]
        return problems

    def _name(self, source: Source, element: etree._Element) -> list[Problem]:
        if element.get("ref", "").strip():
            return []  # linked (a pointer that resolves to nothing is validation's)
        if any(a.get("ref") for a in element.iterancestors(*(f"{{{TEI_NS}}}{n}" for n in _INDEXED))):
            return []  # a part of a linked name
        local = etree.QName(element).localname
        kind = NAME_TYPES.get(local)
        text = written(element)
        entries = self.named(text, (kind,) if kind else tuple(_LABEL))
        if not entries:
            return []  # an entity of its own, not the duplicate of a registered one
        ref = entries[0].ref_from(source.path)
        others = " or ".join(e.ref_from(source.path) for e in entries)
        where = f'"{text}" in the header ({_role(element)})'
        if local == "name":  # the indices do not take it, but it names an entry and is not linked
            message = f'{where} names {others} but is not linked to it: add ref="{ref}"'
        else:
            label = _LABEL[kind or entries[0].type]
            message = (
                f"{where} points to no register entry, so the indices list it as an unregistered {label}, "
                f'a duplicate of {others}: add ref="{ref}"'
            )
        return [_problem(source, element, message)]

    def _plain(self, source: Source, element: etree._Element, text: str) -> list[Problem]:
        entries = self.named(text, ("person", "org"))
        if not text or not entries:
            return []
        ref, tag = entries[0].ref_from(source.path), _TAGS[entries[0].type]
        message = (
            f'"{text}" in the header ({_role(element)}) names {ref} but is not linked to it: '
            f'write <{tag} ref="{ref}">{text}</{tag}>'
        )
        return [_problem(source, element, message)]


def _role(element: etree._Element) -> str:
    """What the name is in the header: the responsibility it stands in (author, respStmt …)."""
    for node in (element, *element.iterancestors()):
        local = etree.QName(node).localname
        if local in (*_RESPONSIBLE, "respStmt"):
            return local
    parent = element.getparent()
    return etree.QName(parent).localname if parent is not None else "teiHeader"


def _problem(source: Source, element: etree._Element, message: str) -> Problem:
    line, column = source.position(element)
    return Problem(str(source.path), line, column, WARNING, message, "header-name-unlinked")
