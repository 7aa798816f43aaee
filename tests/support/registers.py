"""Register entries of a set of TEI files and the entry a pointer names, read independently of
the toolkit's XSLT (xslt/common/pointers.xsl), so that tests can count what it should link."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree

NS = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: The folder of the site that holds the pages of each kind of register entry.
FOLDERS = {"person": "persons", "personGrp": "persons", "place": "places", "org": "organisations", "event": "events"}
#: A register entry and a list of them: the names in them are not mentions.
REGISTER_PARTS = {"person", "personGrp", "place", "org", "event", "listPerson", "listPlace", "listOrg", "listEvent"}
#: The names a pointer links to a register entry.
NAMES = tuple(NS + tag for tag in ("persName", "placeName", "orgName", "rs", "name"))


def entries(files: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """The register entries of ``files`` by xml:id (-> their kind) and by authority URI (-> xml:id)."""
    kinds, uris = {}, {}
    for file in files:
        for entry in etree.parse(str(file)).iter(*(NS + kind for kind in FOLDERS)):
            entry_id = entry.get(XML_ID)
            if entry_id:
                kinds[entry_id] = etree.QName(entry).localname
                uris |= {address(idno.text or ""): entry_id for idno in entry.iter(NS + "idno")}
    return kinds, uris


def address(uri: str) -> str:
    return re.sub(r"^https?://(www\.)?|/+$", "", uri.strip())


def resolved(value: str, kinds: dict[str, str], uris: dict[str, str], own: frozenset[str] = frozenset()) -> str | None:
    """The entry the first resolving value of a pointer names; '#id' of an element of its own
    document that is no entry (``own``) names that element, not an entry elsewhere."""
    for token in value.split():
        if token.startswith("#") and token[1:] in own:
            continue
        entry_id = uris.get(address(token)) if re.match(r"https?://", token) else token.rsplit("#", 1)[-1]
        if entry_id in kinds:
            return entry_id
    return None


def expected_links(text: etree._Element | None, kinds: dict[str, str], uris: dict[str, str]) -> Counter:
    """The entry pages the names of ``text`` should link to, with how many names each: every name
    whose pointer names a register entry, but one inside another such name (a link holds no link)
    and one in a register entry (which it names: no mention)."""
    expected: Counter = Counter()
    linking: set[etree._Element] = set()
    if text is None:
        return expected
    document = text.getparent() if text.getparent() is not None else text
    own = frozenset(e.get(XML_ID) for e in document.iter() if e.get(XML_ID) and etree.QName(e).localname not in FOLDERS)
    for element in text.iter(*NAMES):
        if any(etree.QName(a).localname in REGISTER_PARTS for a in element.iterancestors()):
            continue
        entry_id = resolved(element.get("ref") or element.get("key") or "", kinds, uris, own)
        if entry_id:
            linking.add(element)
            if not any(ancestor in linking for ancestor in element.iterancestors()):
                expected[f"{FOLDERS[kinds[entry_id]]}/{entry_id}.html"] += 1
    return expected
