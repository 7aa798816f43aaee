"""The edition's letters as CMIF (the Correspondence Metadata Interchange Format of the TEI
Correspondence SIG): one TEI file, :data:`CMIF` beside the index data, with a ``correspDesc``
per letter (its page, and its sender, addressee, places and dates as the index has them: the
mentions whose part is a kind of ``correspAction``), persons, organisations and places named
by their register's main name and their authority URI (an ``idno`` that is a URL, else the
pointer itself if it is one). Written only for an edition with letters."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import orjson
from lxml import etree

from .config import Config
from .indices import ACTIONS, Indices, tei_dating
from .indices import tei_element as _tei
from .messages import label
from .xmlio import atomic_write

#: The file of the letters, in the build's ``indices/`` (and the site's).
CMIF = "letters.xml"
#: The kinds of correspAction CMIF knows (the index's parts of them: xslt/common/functions.xsl).
#: The element of each kind of index entry in a correspAction.
ELEMENTS = {"person": "persName", "org": "orgName", "place": "placeName"}
#: The order of the children of a correspAction in CMIF.
ORDER = ("persName", "orgName", "placeName", "date")
#: The dating fields of a mention (:func:`edition.indices.tei_dating` names their attributes).
DATING = ("date_when", "date_from", "date_to", "not_before", "not_after")
_QUERY = f"""
SELECT d.key, d.file, m.part, e.type, e.name, e.idnos, m.ref, {", ".join(f"m.{name}" for name in DATING)}
FROM mentions m JOIN documents d ON d.id = m.document_id JOIN entities e ON e.id = m.entity_id
WHERE m.part IN ({", ".join("?" * len(ACTIONS))}) AND e.type IN ('person', 'org', 'place', 'date')
ORDER BY d.id, m.position
"""


def _uri(idnos: str, ref: str) -> str:
    """The authority URI of an entry: its first ``idno`` that is a URL, else ``ref`` if it is one."""
    urls = [idno["value"] for idno in orjson.loads(idnos)] + [ref]
    return next((url for url in urls if url.startswith(("http://", "https://"))), "")


def _day(value: str) -> str:
    """A date CMIF takes: the day of an ISO 8601 date and time ('1963-05-13T11:00:01+01:00')."""
    return value.split("T")[0]


def _header(config: Config) -> etree._Element:
    """The CMIF header of the edition (``config``: its title, editors, publisher, address, date,
    licence), the edition its one source (``#edition``)."""
    header = _tei("teiHeader")
    file_desc = _tei("fileDesc", header)
    title_stmt = _tei("titleStmt", file_desc)
    _tei("title", title_stmt, config.title or label("letters", config.languages[0]))
    for editor in config.editors:
        _tei("editor", title_stmt, editor)
    publication = _tei("publicationStmt", file_desc)
    if config.publisher:
        _tei("publisher", publication, config.publisher)
    if config.base_url:
        _tei("idno", publication, config.base_url.rstrip("/") + f"/indices/{CMIF}", type="url")
    _tei("date", publication, when=config.date)
    if config.licence or config.licence_url:
        _tei("licence", _tei("availability", publication), config.licence or None, target=config.licence_url)
    _tei(
        "bibl",
        _tei("sourceDesc", file_desc),
        config.title or None,
        type="online",
        xml_id="edition",
    )
    return header


def write_cmif(indices: Indices, out_dir: Path, config: Config) -> list[Path]:
    """Write :data:`CMIF` of the letters of ``indices`` into ``out_dir`` (their pages at the
    edition's ``base_url``, as ``config`` says); nothing if the edition has none."""
    rows = indices.store.execute(_QUERY, ACTIONS).fetchall()
    if not rows:
        return []
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    letters: dict[str, etree._Element] = {}
    actions: dict[tuple[str, str], dict[str, etree._Element]] = {}
    for key, file, part, kind, name, idnos, ref, *dating in rows:
        if key not in letters:
            letters[key] = _tei("correspDesc", key=key, ref=base + quote(Path(file).stem) + ".html", source="#edition")
        found = actions.setdefault((key, part), {})
        if kind == "date":
            dated = tei_dating(dict(zip(DATING, dating, strict=True)))
            attributes = {name: _day(value) for name, value in dated.items() if value}
            if attributes and "date" not in found:
                found["date"] = _tei("date", **attributes)
            continue
        # one place an action, each name once: of a name marked twice (orgName/rs), the one with a URI
        element = _tei(ELEMENTS[kind], None, name, ref=_uri(idnos, ref))
        slot = ELEMENTS[kind] + ("" if kind == "place" else name)
        if slot not in found or element.get("ref") and not found[slot].get("ref"):
            found[slot] = element
    root = _tei("TEI")
    header = _header(config)
    root.append(header)
    profile = _tei("profileDesc", header)
    for (key, part), elements in actions.items():
        action = _tei("correspAction", letters[key], type=part)
        action.extend(sorted(elements.values(), key=lambda e: ORDER.index(etree.QName(e).localname)))
    profile.extend(letters.values())
    _tei("p", _tei("body", _tei("text", root)))
    path = out_dir / CMIF
    atomic_write(path, etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True))
    return [path]
