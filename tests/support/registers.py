"""Register entries of a set of TEI files and the entry a pointer names, read independently of
the toolkit's XSLT (xslt/common/pointers.xsl), so that tests can count what it should link."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree

NS = "{http://www.tei-c.org/ns/1.0}"
#: The folder of the site that holds the pages of each kind of register entry.
FOLDERS = {"person": "persons", "personGrp": "persons", "place": "places", "org": "organisations", "event": "events"}
#: The names a pointer links to a register entry.
NAMES = tuple(NS + tag for tag in ("persName", "placeName", "orgName", "rs", "name"))


def entries(files: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """The register entries of ``files`` by xml:id (-> their kind) and by authority URI (-> xml:id)."""
    kinds, uris = {}, {}
    for file in files:
        for entry in etree.parse(str(file)).iter(*(NS + kind for kind in FOLDERS)):
            entry_id = entry.get("{http://www.w3.org/XML/1998/namespace}id")
            if entry_id:
                kinds[entry_id] = etree.QName(entry).localname
                uris |= {address(idno.text or ""): entry_id for idno in entry.iter(NS + "idno")}
    return kinds, uris


def address(uri: str) -> str:
    return re.sub(r"^https?://(www\.)?|/+$", "", uri.strip())


def resolved(value: str, kinds: dict[str, str], uris: dict[str, str]) -> str | None:
    """The entry the first resolving value of a pointer names."""
    for token in value.split():
        entry_id = uris.get(address(token)) if re.match(r"https?://", token) else token.rsplit("#", 1)[-1]
        if entry_id in kinds:
            return entry_id
    return None


def expected_links(text: etree._Element | None, kinds: dict[str, str], uris: dict[str, str]) -> Counter:
    """The entry pages the names of ``text`` should link to, with how many names each: every name
    whose pointer names a register entry, but one inside another such name (a link holds no link)."""
    expected: Counter = Counter()
    linking: set[etree._Element] = set()
    for element in text.iter(*NAMES) if text is not None else ():
        entry_id = resolved(element.get("ref") or element.get("key") or "", kinds, uris)
        if entry_id:
            linking.add(element)
            if not any(ancestor in linking for ancestor in element.iterancestors()):
                expected[f"{FOLDERS[kinds[entry_id]]}/{entry_id}.html"] += 1
    return expected
