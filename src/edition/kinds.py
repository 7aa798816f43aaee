"""The index kinds, declared once: what each is called in the index records and the index data,
where its pages go, how the TEI of the indices lists it. The stylesheets get the table as the
parameter ``index-kinds`` (:func:`parameter`). A new index kind is a row here, its records in
``xslt/index/`` and its rendering."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from . import TEI_NS, XML_NS


@dataclass(frozen=True)
class IndexKind:
    """One kind of entity the indices list: its ``type`` in the records; its ``section`` of
    indices.json (and name of its CSV file); the ``folder`` of its pages (the list page
    ``FOLDER.html``, a page per entity ``FOLDER/ID.html``; also the key of its title in the
    message catalogue, :mod:`edition.messages`); for kinds with register
    entries, their TEI elements (in the registers and in ``indices.xml``): the list, the entry
    and its name."""

    type: str
    section: str
    folder: str
    list: str = ""
    entry: str = ""
    name: str = ""

    @property
    def registered(self) -> bool:
        """Whether its entities have register entries (persons, places, organisations, events)."""
        return bool(self.entry)


INDEX_KINDS = (
    IndexKind("person", "persons", "persons", "listPerson", "person", "persName"),
    IndexKind("place", "places", "places", "listPlace", "place", "placeName"),
    IndexKind("org", "orgs", "organisations", "listOrg", "org", "orgName"),
    IndexKind("event", "events", "events", "listEvent", "event", "label"),
    IndexKind("date", "dates", "chronology"),
)
#: The kinds by type.
KINDS = {kind.type: kind for kind in INDEX_KINDS}
#: The kinds of register entries (their entities have pages of their own).
REGISTERED = tuple(kind for kind in INDEX_KINDS if kind.registered)


def parameter() -> list[dict[str, str | bool]]:
    """The table as the stylesheets' parameter ``index-kinds``: an array of maps (``type``,
    ``section``, ``folder``, ``registered``), in index order."""
    return [
        {"type": kind.type, "section": kind.section, "folder": kind.folder, "registered": kind.registered}
        for kind in INDEX_KINDS
    ]


#: The most bytes (UTF-8) a page name made from an id or a name may have: with a page number
#: (``~2``), ``.html`` and the temporary name of a write, far below the 255 of a file name.
NAME_BYTES = 150
#: Names that are page names as they stand: letters, digits, ``_``, ``.`` and ``-``, beginning
#: with a letter, a digit or ``_`` (every xml:id of a valid edition is one, if it is not too long).
_PLAIN = re.compile(r"\w[\w.-]*")


def _escaped(text: str) -> str:
    """``text`` with every character but ASCII letters, digits, ``_``, ``.`` and ``-`` written
    ``.XX`` (its UTF-8 bytes in hex: "Ж" -> ".D0.96", "/" -> ".2F")."""
    return quote(text, safe="").replace("%", ".").replace("~", ".7E")


def page_name(name: str) -> str:
    """The file name (without ``.html``) of the page called ``name`` in its folder: ``name`` itself
    if it is plain (:data:`_PLAIN`), else ``_`` and ``name`` :func:`_escaped`; a name longer than
    :data:`NAME_BYTES` is cut and ends with ``-`` and a hash of the whole ``name``, which keeps it
    unique. No page name holds a ``/``, ``~`` (which numbers further pages) or a control character,
    or is ``.`` or ``..``."""
    plain = name if _PLAIN.fullmatch(name) else "_" + _escaped(name)
    if len(plain.encode("utf-8")) <= NAME_BYTES:
        return plain
    cut = re.sub(r"\.[0-9A-F]?\Z", "", plain.encode("utf-8")[: NAME_BYTES - 11].decode("utf-8", "ignore"))
    return f"{cut}-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def entity_page_name(entity: dict) -> str:
    """The name of an entity's page in its kind's folder (``persons/NAME.html``) and of its entry
    on the list page: from its register xml:id, else from its key (entities of TEI from
    elsewhere, without a register entry). Made here only: the stylesheets get it with the data
    (``slug``) and, for the links of the document pages, :func:`renamed`."""
    if entity["register"]:
        return page_name(entity["key"])
    return page_name(f"unregistered-{entity['type']}-{_escaped(entity['key'])}")


def renamed(trees: Iterable[etree._ElementTree]) -> dict[str, str]:
    """The page name of each entry of a register kind (person, place, org) in ``trees`` whose
    xml:id is not its own page name (none in a valid edition with ids of at most
    :data:`NAME_BYTES` bytes): the stylesheets' parameter ``page-names``."""
    entries = [f"{{{TEI_NS}}}{kind.entry}" for kind in REGISTERED]
    ids = {entry.get(f"{{{XML_NS}}}id", "") for tree in trees for entry in tree.iter(*entries)} - {""}
    return {id: page_name(id) for id in sorted(ids) if page_name(id) != id}
