"""The index kinds, declared once: what each is called in the index records and the index data,
where its pages go, how the TEI of the indices lists it. The stylesheets get the table as the
parameter ``index-kinds`` (:func:`parameter`). A new index kind is a row here, its records in
``xslt/index/`` and its rendering."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndexKind:
    """One kind of entity the indices list: its ``type`` in the records; its ``section`` of
    indices.json (and name of its CSV file); the ``folder`` of its pages (the list page
    ``FOLDER.html``, a page per entity ``FOLDER/ID.html``); its ``title``; for kinds with register
    entries, their TEI elements (in the registers and in ``indices.xml``): the list, the entry
    and its name."""

    type: str
    section: str
    folder: str
    title: str
    list: str = ""
    entry: str = ""
    name: str = ""

    @property
    def registered(self) -> bool:
        """Whether its entities have register entries (persons, places, organisations)."""
        return bool(self.entry)


INDEX_KINDS = (
    IndexKind("person", "persons", "persons", "Persons", "listPerson", "person", "persName"),
    IndexKind("place", "places", "places", "Places", "listPlace", "place", "placeName"),
    IndexKind("org", "orgs", "organisations", "Organisations", "listOrg", "org", "orgName"),
    IndexKind("date", "dates", "chronology", "Chronology"),
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
