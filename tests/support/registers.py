"""Register entries of a set of TEI files and the entry a pointer names, read independently of
the toolkit's XSLT (xslt/common/pointers.xsl), so that tests can count what it should link."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

NS = "{http://www.tei-c.org/ns/1.0}"
#: The folder of the site that holds the pages of each kind of register entry.
FOLDERS = {"person": "persons", "personGrp": "persons", "place": "places", "org": "organisations"}
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
