"""Indices as data: persons, places, organisations, dates and works cited, with every mention.

``xslt/index/mentions.xsl`` extracts one record per mention, work cited and register entry
from each document (the whole edition at hand, for the registers); :func:`group` groups
them here, in one place, into :class:`Indices`, held in an SQLite database (the *store*, which
is ``indices.sqlite``), so that no process holds every mention; the writers below turn those into

* ``indices.xml``: TEI (``listPerson``/``listPlace``/``listOrg`` with the register data and a
  ``note type="mentions"`` list of ``ptr``s per entry, a dated ``list type="chronology"``, a
  ``listBibl`` of works cited);
* ``indices.json``: one object with the sections ``documents``, ``persons``, ``places``,
  ``orgs``, ``dates`` and ``works``; each entity carries its ``mentions``, their ``count``
  and the keys of the ``documents`` they stand in;
* ``persons.csv``, ``places.csv``, ``orgs.csv``, ``dates.csv`` (one row per mention, the
  entity's columns repeated) and ``works.csv`` (one row per work cited), UTF-8, header row;
* ``indices.sqlite``: the tables of :data:`SCHEMA` (documents, entities, mentions, works).

Field names are the same in every format (they are SQL-friendly: ``part`` is where a mention
stands: body, front, back, note, header, or in a letter's correspAction its @type (sent, received,
redirected, forwarded, transmitted, else correspondence); ``date_when``/``date_from``/``date_to``/
``not_before``/``not_after`` are the TEI dating attributes; ``sort_start``/``sort_end`` the first
and last day they may designate). Entities are sorted by main name, dates
chronologically, works by author, title and date.
"""

from __future__ import annotations

import csv
import io
import operator
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, overload

import orjson
from lxml import etree

from . import TEI_NS, XML_NS, works
from . import records as index_records
from .config import DEFAULT, Config
from .documents import OUTPUT_MARKER, Source, require_tei, with_neighbours
from .kinds import INDEX_KINDS, KINDS, REGISTERED, entity_page_name
from .messages import label
from .outputs import RECORDS, Scope
from .problems import ERROR, InputError, Problem
from .records import MENTION_FIELDS
from .rendering import Renderer
from .spreadsheets import FORMULA_STARTS, spreadsheet_safe
from .xmlio import atomic_open, atomic_path, atomic_write

FORMATS = ("tei", "json", "csv", "sqlite")
#: The kinds of a letter's correspAction whose names are its correspondents (the part of their
#: mentions): an entity with such mentions has the number of letters of each (``letters``).
ACTIONS = ("sent", "received", "redirected", "forwarded", "transmitted")
#: What ``edition index`` writes: the index data, and the edition's letters as CMIF (edition.cmif).
INDEX_FORMATS = (*FORMATS, "cmif")
#: The section of the index data of each index kind (:mod:`edition.kinds`), by type.
INDICES = {kind.type: kind.section for kind in INDEX_KINDS}

DOCUMENT_FIELDS = ("key", "file", "title", "lang")
ENTITY_FIELDS = (
    "key",
    "type",
    "name",
    "subtype",
    "cert",
    "register",
    "variants",
    "notes",
    "dates",
    "idnos",
    "lat",
    "long",
    "sort_start",
    "sort_end",
)
WORK_FIELDS = (
    "id",
    "document",
    "passage",
    "part",
    "note",
    "type",
    "subtype",
    "authors",
    "titles",
    "date",
    "date_when",
    "sort_start",
    "urls",
    "doi",
    "text",
    "entry",
    "entry_text",
    "work",
)
SCHEMA = """
CREATE TABLE documents (
  id    INTEGER PRIMARY KEY,
  key   TEXT NOT NULL UNIQUE,   -- TEI/@xml:id, else the file name without .xml
  file  TEXT NOT NULL,          -- file name
  title TEXT,
  lang  TEXT
);
CREATE TABLE entities (
  id         INTEGER PRIMARY KEY,
  type       TEXT NOT NULL CHECK (type IN (%s)),
  key        TEXT NOT NULL,     -- register xml:id; @ref/@key or surface form without register; date value
  name       TEXT NOT NULL,     -- register main name (a date's normalised value)
  subtype    TEXT,              -- the entry's @type (places: settlement, country ...)
  cert       TEXT,
  register   TEXT,              -- 'persons.xml#id' for register entries
  variants   TEXT,              -- JSON array of strings
  notes      TEXT,              -- JSON array of strings
  dates      TEXT,              -- JSON array of {kind, date_when, ..., text} (birth, death ...)
  idnos      TEXT,              -- JSON array of {type, value}
  lat        REAL,              -- WGS84, from location/geo
  long       REAL,
  sort_start TEXT,              -- dates: first and last day (YYYY-MM-DD)
  sort_end   TEXT,
  UNIQUE (type, key)
);
CREATE TABLE mentions (
  id          TEXT PRIMARY KEY, -- the mention id of every output ("nk20-m12")
  document_id INTEGER NOT NULL REFERENCES documents (id),
  entity_id   INTEGER NOT NULL REFERENCES entities (id),
  passage TEXT, part TEXT, note TEXT, surface TEXT NOT NULL, value TEXT, lang TEXT, ref TEXT, cert TEXT,
  evidence TEXT, date_when TEXT, date_from TEXT, date_to TEXT, not_before TEXT, not_after TEXT,
  sort_start TEXT, sort_end TEXT, context TEXT,
  position INTEGER NOT NULL     -- order among the document's mentions
);
CREATE TABLE works (
  id          TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  passage TEXT, part TEXT, note TEXT, type TEXT, subtype TEXT,
  authors TEXT,                 -- JSON array of {name, role, key}
  titles  TEXT,                 -- JSON array of {level, title}
  date TEXT, date_when TEXT, sort_start TEXT,
  urls TEXT,                    -- JSON array of URLs
  doi TEXT, text TEXT,
  entry TEXT, entry_text TEXT,  -- the works register entry it points to (xml:id) and its text
  work TEXT                     -- the key of its work (cited_works)
);
-- each work cited (edition.works), in the index's order; its citations are the rows first ..
-- first + count - 1 of works
CREATE TABLE cited_works (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE, text TEXT, author TEXT, title TEXT,
  variants TEXT,                -- JSON array of the other titles it is cited under
  first INTEGER NOT NULL, count INTEGER NOT NULL
);
-- every mention with its document and entity, e.g.
--   SELECT surface, context FROM mention_list WHERE name = 'Iosif Stalin' AND document = 'nk20'
CREATE VIEW mention_list AS
  SELECT m.*, d.key AS document, e.type AS type, e.key AS entity, e.name AS name
  FROM mentions m JOIN documents d ON d.id = m.document_id JOIN entities e ON e.id = m.entity_id;
""" % ", ".join(f"'{kind.type}'" for kind in INDEX_KINDS)
#: The indexes of :data:`SCHEMA` (made once the tables are filled).
INDEXES = """
CREATE INDEX mentions_by_entity ON mentions (entity_id, document_id);
CREATE INDEX mentions_by_document ON mentions (document_id, position);
CREATE INDEX entities_by_name ON entities (type, name);
CREATE INDEX works_by_document ON works (document_id);
"""


class Records(Sequence):
    """Rows ``first`` to ``first + count - 1`` (rowids) of a table of the index store, as records
    (``make``: a row -> a dict), read when asked for: iterated as a stream, sliced as a list."""

    def __init__(self, store: sqlite3.Connection, query: str, make: Callable[[tuple], dict], first: int, count: int):
        self.store, self.query, self.make, self.first, self.size = store, query, make, first, count

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[dict]:
        return self._read(0, self.size)

    @overload
    def __getitem__(self, index: int) -> dict: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict]: ...

    def __getitem__(self, index: int | slice) -> dict | list[dict]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.size)
            if step != 1:
                return [self[position] for position in range(start, stop, step)]
            return list(self._read(start, stop)) if stop > start else []
        position = index + self.size if index < 0 else index
        if not 0 <= position < self.size:
            raise IndexError(index)
        return next(self._read(position, position + 1))

    def _read(self, start: int, stop: int) -> Iterator[dict]:
        return map(self.make, self.store.execute(self.query, (self.first + start, self.first + stop)))

    def rows(self, start: int, stop: int) -> list[tuple]:
        """Records ``start`` to ``stop - 1`` (as far as there are) as the store holds them: its
        rows, not made into records."""
        return self.store.execute(self.query, (self.first + start, self.first + min(stop, self.size))).fetchall()


class Mentions(Records):
    """The mentions of an entity (:data:`MENTION_FIELDS`), in edition order, and the keys of the
    ``documents`` they stand in."""

    def __init__(
        self, store: sqlite3.Connection, keys: list[str], entity: dict, first: int, count: int, documents: list[str]
    ):
        kind, key = entity["type"], entity["key"]
        super().__init__(
            store,
            _MENTIONS_QUERY,
            lambda row: dict(zip(MENTION_FIELDS, (row[0], keys[row[1]], row[2], kind, key, *row[3:]))),
            first,
            count,
        )
        self.documents = documents


@dataclass
class Indices:
    """The indices of a set of documents, held in an SQLite database of :data:`SCHEMA` (the
    *store*, see :func:`group`): the ``documents`` and the ``entities`` per type in memory, each
    entity with its ``mentions`` (:class:`Mentions`) and the ``works`` read from the store."""

    store: sqlite3.Connection
    documents: list[dict]
    entities: dict[str, list[dict]]
    works: Records
    citing: int  # how many documents cite works
    cited: list[dict]  # the works cited (cited_works), their citations rows first .. first + count - 1 of works


def _day(value: str) -> tuple[int, ...]:
    """A sort key for a day "[-]YYYY-MM-DD" (years before the common era too); no day sorts last."""
    match = re.fullmatch(r"(-?\d+)-(\d\d)-(\d\d)", value or "")
    return (0, int(match[1]), int(match[2]), int(match[3])) if match else (1,)


def _sort_name(text: str) -> str:
    """A sort key that ignores case and diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def collect(sources: list[Source], store: Path | None = None, registers: Sequence[Path] = ()) -> Indices:
    """Index ``sources``: mentions grouped per entity with the register data (of the ``registers``
    too: files of the edition elsewhere), and works cited (in the store ``store``, see :func:`group`)."""
    for source in sources:
        require_tei(source)
    edition = with_neighbours(sources, registers)
    scope = Scope([], registers_indexed=len(edition) == len(sources))  # else the records carry the entries' data
    parameters, renderer = RECORDS.parameters(scope), Renderer(edition, release=True)
    # each document's records staged as soon as made: never those of all documents at once
    made = ((s.path, index_records.records(renderer.items(RECORDS, s, parameters), s.path)) for s in sources)
    return group(made, store)


def group(documents: Iterable[tuple[Path, dict]], store: Path | None = None) -> Indices:
    """The indices from the index records of each document (:func:`records`, with the document's
    path, in edition order), wherever the records were made (here, or in build workers),
    written into the store: an SQLite database at ``store`` (made anew), else a private
    temporary one. Each document's records are let go once staged: what stays in memory is
    the documents and the entities, not their mentions."""
    with tempfile.TemporaryDirectory(prefix="edition-staging-") as folder:
        staging = Staging(Path(folder) / "staging.sqlite")
        names: list[str] = []
        for path, data in documents:
            names.append(str(len(names)))
            staging.stage(names[-1], "", path, data)
        return staging.assemble(names, store)


class Staging:
    """The index records of an edition's documents as rows, document by document, in an SQLite
    database that a build keeps from one run to the next: a rebuild stages again only the
    documents whose records changed, and :meth:`assemble` groups the records of all of them
    into the indices (in the store, :data:`SCHEMA`). A database staged by another ``version``
    of the toolkit, or one that cannot be read, is made anew."""

    def __init__(self, path: Path, version: str = ""):
        self.path = path
        self.db = sqlite3.connect(path)
        try:
            same = self.db.execute("SELECT version FROM staging").fetchone() == (version,)
        except sqlite3.DatabaseError:  # none yet, or not a database
            same = False
        if not same:
            self.db.close()
            path.unlink(missing_ok=True)
            self.db = sqlite3.connect(path)
            self.db.executescript(_STAGED)
            self.db.execute("INSERT INTO staging VALUES (?)", (version,))
            self.db.commit()
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")

    def stamps(self) -> dict[str, str]:
        """The stamp of each document staged (what :meth:`stage` was given), by name."""
        return dict(self.db.execute("SELECT document, stamp FROM staged_documents"))

    def forget(self, names: Iterable[str]) -> None:
        """Let go of the records of the documents ``names``."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS gone (document TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM gone")
        self.db.executemany("INSERT OR IGNORE INTO gone VALUES (?)", ((name,) for name in names))
        for table in ("staged_documents", "staged_mentions", "staged_entities", "staged_works"):
            self.db.execute(f"DELETE FROM {table} WHERE document IN (SELECT document FROM gone)")
        self.db.commit()

    def stage(self, name: str, stamp: str, path: Path, data: dict) -> None:
        """Stage the records ``data`` of the document ``name`` at ``path`` (in place of any it had),
        with ``stamp`` to tell whether they need staging again."""
        if self.db.execute("SELECT 1 FROM staged_documents WHERE document = ?", (name,)).fetchone():
            self.forget([name])
        self.db.execute(
            "INSERT INTO staged_documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, stamp, str(path), *(data[field] for field in DOCUMENT_FIELDS)),
        )
        self.db.executemany(
            f"INSERT INTO staged_mentions VALUES ({', '.join('?' * (len(_MENTION_COLUMNS) + 3))})",
            ((name, m["type"], m["entity"], *_STAGED_MENTION(m)) for m in data["mentions"]),
        )
        self.db.executemany(
            "INSERT INTO staged_entities VALUES (?, ?, ?, ?, ?)",
            ((name, position, e["type"], e["key"], orjson.dumps(e)) for position, e in enumerate(data["entities"])),
        )
        self.db.executemany(
            f"INSERT INTO staged_works VALUES ({', '.join('?' * (len(_STAGED_WORK_FIELDS) + 2))})",
            (
                (name, position, *(_sql(work[field]) for field in _STAGED_WORK_FIELDS))
                for position, work in enumerate(data["works"])
            ),
        )
        self.db.commit()

    def assemble(self, names: list[str], store: Path | None = None) -> Indices:
        """The indices of the documents ``names`` (staged, in edition order) in the store at
        ``store`` (made anew), else a private temporary one; the staging is closed then."""
        if store is not None:
            store.unlink(missing_ok=True)
        self.db.close()
        db = sqlite3.connect("" if store is None else store)
        try:
            self._assemble(db, names)
        except BaseException:
            db.close()
            raise
        return _read(db)

    def _assemble(self, db: sqlite3.Connection, names: list[str]) -> None:
        """Fill the store ``db`` (:meth:`assemble`)."""
        db.executescript(f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {SCHEMA} {_ASSEMBLY}")
        db.execute("ATTACH DATABASE ? AS staged", (str(self.path),))
        db.executemany("INSERT INTO edition VALUES (?, ?)", ((name, number) for number, name in enumerate(names, 1)))
        _assemble_documents(db, len(names))
        ordered = _assemble_entities(db)
        _insert(
            db,
            "entities",
            ["id", *ENTITY_FIELDS],
            ([number] + [_sql(e[f]) for f in ENTITY_FIELDS] for number, e in enumerate(ordered, 1)),
        )
        db.executemany(
            "INSERT INTO ranks VALUES (?, ?, ?)", ((e["type"], e["key"], number) for number, e in enumerate(ordered, 1))
        )
        columns = ", ".join(_MENTION_COLUMNS)
        db.execute(
            f"INSERT INTO mentions (document_id, entity_id, {columns}) SELECT e.number, r.id, "
            f"{', '.join(f's.{column}' for column in _MENTION_COLUMNS)} FROM staged.staged_mentions s "
            "JOIN edition e USING (document) JOIN ranks r ON r.type = s.type AND r.key = s.entity "
            "ORDER BY r.id, e.number, s.position"
        )
        _assemble_works(db)
        db.commit()
        db.execute("DETACH DATABASE staged")
        db.executescript(f"DROP TABLE temp.edition; DROP TABLE temp.ranks; {INDEXES}")
        db.commit()


def _assemble_works(db: sqlite3.Connection) -> None:
    """The works cited of the store (:meth:`Staging.assemble`): each citation filed under its
    work (:func:`edition.works.group`), the works in the index's order."""
    rows = db.execute(
        "SELECT s.document, s.position, s.authors, s.titles, s.sort_start, s.text, s.entry, s.entry_text "
        "FROM staged.staged_works s JOIN edition e USING (document) ORDER BY e.number, s.position"
    ).fetchall()
    cited = works.group(
        [
            works.Citation(row[0], orjson.loads(row[2]), orjson.loads(row[3]), *(value or "" for value in row[4:]))
            for row in rows
        ]
    )
    db.execute("CREATE TEMP TABLE filed (document TEXT, position INTEGER, work TEXT, rank INTEGER)")
    db.executemany(
        "INSERT INTO filed VALUES (?, ?, ?, ?)",
        ((*rows[i][:2], work.key, rank) for rank, work in enumerate(cited) for i in work.citations),
    )
    db.execute(
        f"INSERT INTO works (document_id, work, {', '.join(_STAGED_WORK_FIELDS)}) SELECT e.number, f.work, "
        f"{', '.join(f's.{column}' for column in _STAGED_WORK_FIELDS)} FROM staged.staged_works s JOIN edition e USING (document) "
        "JOIN filed f ON f.document = s.document AND f.position = s.position ORDER BY f.rank, e.number, s.position"
    )
    first = dict(db.execute("SELECT work, min(rowid) FROM works GROUP BY work"))
    db.executemany(
        "INSERT INTO cited_works (key, text, author, title, variants, first, count) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (w.key, w.text, w.author, w.title, orjson.dumps(w.variants).decode(), first[w.key], len(w.citations))
            for w in cited
        ),
    )
    db.execute("DROP TABLE temp.filed")


def _assemble_documents(db: sqlite3.Connection, count: int) -> None:
    """The documents of the store (:meth:`Staging.assemble`): the ``count`` documents to index,
    each staged, with keys of their own."""
    documents = db.execute(
        "SELECT e.number, d.path, d.key, d.file, d.title, d.lang FROM edition e "
        "JOIN staged.staged_documents d USING (document) ORDER BY e.number"
    ).fetchall()
    if len(documents) != count:
        raise ValueError("documents to index that were not staged")
    keys: set[str] = set()
    for _, path, key, *_ in documents:
        if key in keys:
            raise InputError(
                Problem(
                    path,
                    0,
                    0,
                    ERROR,
                    f'two documents have the key "{key}" (TEI/@xml:id, '
                    "else the file name): give one of them another xml:id",
                    "index-document-key",
                )
            )
        keys.add(key)
    db.executemany(
        "INSERT INTO documents (id, key, file, title, lang) VALUES (?, ?, ?, ?, ?)",
        ((number, *fields) for number, _, *fields in documents),
    )


def _assemble_entities(db: sqlite3.Connection) -> list[dict]:
    """The entities of the store (:meth:`Staging.assemble`), in index order: each as its first
    mention in the edition names it, with its register entry's data."""
    first = "min(e.number * 4294967296 + s.position)"  # the row of the first: SQLite's rule for min()
    registered = {
        (kind, key): orjson.loads(data)
        for kind, key, data, _ in db.execute(
            f"SELECT s.type, s.key, s.data, {first} FROM staged.staged_entities s JOIN edition e USING (document) "
            "GROUP BY s.type, s.key"
        )
    }
    entities: dict[str, list[dict]] = {kind: [] for kind in INDICES}
    for kind, key, value, surface, start, end, _ in db.execute(
        f"SELECT s.type, s.entity, s.value, s.surface, s.sort_start, s.sort_end, {first} "
        "FROM staged.staged_mentions s JOIN edition e USING (document) GROUP BY s.type, s.entity"
    ):
        entities[kind].append(
            {name: "" for name in ENTITY_FIELDS}
            | {
                "key": key,
                "type": kind,
                "name": value or surface,
                "variants": [],
                "notes": [],
                "dates": [],
                "idnos": [],
                "lat": None,
                "long": None,
                "sort_start": start,
                "sort_end": end,
            }
            | registered.get((kind, key), {})
        )
    for kind, listed in entities.items():
        if kind == "date":
            listed.sort(key=lambda e: (_day(e["sort_start"]), _day(e["sort_end"]), e["key"]))
        else:
            listed.sort(key=lambda e: (_sort_name(e["name"]), e["key"]))
    return [entity for kind in INDICES for entity in entities[kind]]


def open_indices(store: Path) -> Indices:
    """The indices in the store at ``store`` (written by :func:`group`), opened read-only."""
    return _read(sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True))


def _read(db: sqlite3.Connection) -> Indices:
    documents = [
        dict(zip(DOCUMENT_FIELDS, row))
        for row in db.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents ORDER BY id")
    ]
    keys = [""] + [document["key"] for document in documents]  # by document id
    spans: dict[int, list] = {}  # entity id -> first mention's rowid, count, documents
    for entity_id, document_id, count, first in db.execute(
        "SELECT entity_id, document_id, count(*), min(rowid) FROM mentions GROUP BY entity_id, document_id "
        "ORDER BY entity_id, document_id"
    ):
        span = spans.setdefault(entity_id, [first, 0, []])
        span[1] += count
        span[2].append(keys[document_id])
    entities: dict[str, list[dict]] = {kind: [] for kind in INDICES}
    by_id: dict[int, dict] = {}
    for row in db.execute(f"SELECT id, {', '.join(ENTITY_FIELDS)} FROM entities ORDER BY id"):
        entity = by_id[row[0]] = dict(zip(ENTITY_FIELDS, row[1:]))
        for name in ("variants", "notes", "dates", "idnos"):
            entity[name] = orjson.loads(entity[name])
        entity["mentions"] = Mentions(db, keys, entity, *spans[row[0]])
        entities[entity["type"]].append(entity)
    for entity_id, part, count in db.execute(
        f"SELECT entity_id, part, count(DISTINCT document_id) FROM mentions WHERE part IN ({', '.join('?' * len(ACTIONS))}) "
        "GROUP BY entity_id, part",
        ACTIONS,
    ):
        by_id[entity_id].setdefault("letters", {})[part] = count

    def work(row: tuple) -> dict:
        record = dict(zip(WORK_FIELDS, (row[0], keys[row[1]], *row[2:])))
        for name in ("authors", "titles", "urls"):
            record[name] = orjson.loads(record[name])
        return record

    works = Records(db, _WORKS_QUERY, work, 1, db.execute("SELECT count(*) FROM works").fetchone()[0])
    citing = db.execute("SELECT count(DISTINCT document_id) FROM works").fetchone()[0]
    fields = ("key", "text", "author", "title", "variants", "first", "count")
    cited = [
        dict(zip(fields, row)) | {"variants": orjson.loads(row[4])}
        for row in db.execute(f"SELECT {', '.join(fields)} FROM cited_works ORDER BY id")
    ]
    return Indices(db, documents, entities, works, citing, cited)


#: The columns of a mention in the store besides its document and entity.
_MENTION_COLUMNS = tuple(name for name in MENTION_FIELDS if name not in ("document", "type", "entity"))
_STAGED_MENTION = operator.itemgetter(*_MENTION_COLUMNS)
_MENTIONS_QUERY = (
    f"SELECT id, document_id, position, {', '.join(_MENTION_COLUMNS[2:])} FROM mentions "
    "WHERE rowid >= ? AND rowid < ? ORDER BY rowid"
)
_WORKS_QUERY = (
    f"SELECT id, document_id, {', '.join(WORK_FIELDS[2:])} FROM works WHERE rowid >= ? AND rowid < ? ORDER BY rowid"
)
#: The fields of a work cited that its document's records give (its work is the edition's).
_STAGED_WORK_FIELDS = [name for name in WORK_FIELDS if name not in ("document", "work")]
#: What :class:`Staging` keeps of each document (``document``: its name): its records as rows,
#: register entries as JSON.
_STAGED = f"""
CREATE TABLE staging (version TEXT);
CREATE TABLE staged_documents (document TEXT PRIMARY KEY, stamp TEXT, path TEXT, {", ".join(DOCUMENT_FIELDS)});
CREATE TABLE staged_mentions (document TEXT, type TEXT, entity TEXT, {", ".join(_MENTION_COLUMNS)});
CREATE TABLE staged_entities (document TEXT, position INTEGER, type TEXT, key TEXT, data BLOB);
CREATE TABLE staged_works (document TEXT, position INTEGER, {", ".join(_STAGED_WORK_FIELDS)});
"""
#: The order of the documents and of the entities while :meth:`Staging.assemble` fills the store.
_ASSEMBLY = """
CREATE TEMP TABLE edition (document TEXT PRIMARY KEY, number INTEGER NOT NULL);
CREATE TEMP TABLE ranks (type TEXT, key TEXT, id INTEGER NOT NULL, PRIMARY KEY (type, key)) WITHOUT ROWID;
"""


# --- JSON ---------------------------------------------------------------------------------


def to_json(
    indices: Indices, only: tuple[str, ...] | None = None, *, mentions: bool = True, pages: bool = False
) -> str:
    """``indices.json``: the sections ``documents``, ``persons``, ``places``, ``orgs``, ``dates``
    (entities with their ``count`` of mentions, the keys of the ``documents`` that mention them
    and, if ``mentions``, the ``mentions``) and ``works``, a record a line; or ``documents`` and
    the sections ``only``. For the pages about the edition (``pages``), each person, place and
    organisation has the name of its page too (``slug``: :func:`edition.kinds.entity_page_name`)."""
    return b"".join(_json_lines(indices, only, mentions, pages)).decode("utf-8")


def _json_lines(
    indices: Indices, only: tuple[str, ...] | None = None, mentions: bool = True, pages: bool = False
) -> Iterator[bytes]:
    """:func:`to_json`, a line at a time (UTF-8)."""
    wanted = ("documents", *INDICES.values(), "works") if only is None else ("documents", *only)
    sections: dict[str, Iterable[bytes]] = {"documents": map(orjson.dumps, indices.documents)}
    sections |= {
        INDICES[kind]: (entity_json(e, mentions, None, **_slug(e, pages)) for e in entities)
        for kind, entities in indices.entities.items()
        if INDICES[kind] in wanted
    }
    if "works" in wanted:
        sections["works"] = map(orjson.dumps, indices.works)
    return _section_lines(sections)


def _slug(entity: dict, pages: bool) -> dict[str, Any]:
    """The name of the page of ``entity`` if it has one and ``pages`` asks for it."""
    return {"slug": entity_page_name(entity)} if pages and KINDS[entity["type"]].registered else {}


def records_json(records: list[dict]) -> list[bytes]:
    """Each of ``records`` as indices.json has it (UTF-8)."""
    return [orjson.dumps(record) for record in records]


class Page(NamedTuple):
    """Which of an entity's mentions a page shows: ``mentions[start:stop]``, on page ``number``
    of ``pages``."""

    number: int
    pages: int
    start: int
    stop: int


def entity_json(entity: dict, mentions: bool = True, page: Page | None = None, **fields) -> bytes:
    """An entity as indices.json has it (UTF-8; without its mentions unless ``mentions``), and
    ``fields``; with ``page`` only that page's mentions, the ``page``, the number of ``pages`` and
    the number of the page's ``first`` mention."""
    record = entity if mentions else {k: v for k, v in entity.items() if k != "mentions"}
    extra = {"count": len(entity["mentions"]), "documents": entity["mentions"].documents}
    if page is not None:
        extra |= {
            "mentions": entity["mentions"][page.start : page.stop],
            "page": page.number,
            "pages": page.pages,
            "first": page.start + 1,
        }
    return orjson.dumps(record | extra | fields, default=_listed)


def _listed(value: object) -> list:
    """What orjson makes of records read from the store (:class:`Records`): a list."""
    if isinstance(value, Records):
        return list(value)
    raise TypeError(f"cannot serialize {type(value).__name__}")


def pages_of(entity: dict, size: int) -> int:
    """How many pages the mentions of ``entity`` fill, ``size`` a page (one at least)."""
    return max(1, -(-len(entity["mentions"]) // size))


def sections_json(sections: Mapping[str, Iterable[bytes]]) -> str:
    """An object of indices.json's form from its sections (records serialized by :func:`records_json`
    or :func:`entity_json`): a slice of its data made without serializing any record again."""
    return b"".join(_section_lines(sections)).decode("utf-8")


def _section_lines(sections: Mapping[str, Iterable[bytes]]) -> Iterator[bytes]:
    yield b"{"
    for number, (name, records) in enumerate(sections.items()):
        yield b'%s\n"%s": [' % (b"," * bool(number), name.encode())
        separator = b"\n  "
        for record in records:
            yield separator + record
            separator = b",\n  "
        yield b"]" if separator == b"\n  " else b"\n]"
    yield b"\n}\n"


def _json(indices: Indices, out_dir: Path, language: str = "en") -> list[Path]:
    path = out_dir / "indices.json"
    with atomic_open(path) as out:
        out.writelines(_json_lines(indices))
    return [path]


# --- CSV ----------------------------------------------------------------------------------


def _cell(value) -> str:
    """A CSV cell: lists joined with " | " (objects as their values joined with ": ")."""
    if isinstance(value, list):
        return " | ".join(
            ": ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item) for item in value
        )
    return "" if value is None else str(value)


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[Iterable[str | int]]) -> None:
    """A CSV file (UTF-8, CRLF line ends, a header row), written a row at a time, its cells
    :func:`edition.spreadsheets.spreadsheet_safe`."""
    with atomic_open(path) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(
            [spreadsheet_safe(cell) if type(cell) is str and cell[:1] in FORMULA_STARTS else cell for cell in row]
            for row in rows
        )
        text.flush()
        text.detach()


def _cells(record: dict, fields: tuple[str, ...]) -> list[str]:
    return [value if type(value) is str else _cell(value) for value in map(record.__getitem__, fields)]


_MENTION_CELLS = operator.itemgetter(*MENTION_FIELDS)  # every field a string, but position (a number)


_CSV_ENTITY = {
    "name": "name",
    "subtype": "subtype",
    "entity_cert": "cert",
    "register": "register",
    "variants": "variants",
    "notes": "notes",
    "dates": "dates",
    "idnos": "idnos",
    "lat": "lat",
    "long": "long",
}


def _csv(indices: Indices, out_dir: Path, language: str = "en") -> list[Path]:
    written = []
    entity_fields = tuple(_CSV_ENTITY.values())
    for kind, entities in indices.entities.items():
        rows = (
            _MENTION_CELLS(m) + entity
            for e in entities
            for entity in [tuple(_cells(e, entity_fields))]
            for m in e["mentions"]
        )
        written.append(out_dir / f"{INDICES[kind]}.csv")
        _write_csv(written[-1], MENTION_FIELDS + tuple(_CSV_ENTITY), rows)
    written.append(out_dir / "works.csv")
    _write_csv(written[-1], WORK_FIELDS, (_cells(w, WORK_FIELDS) for w in indices.works))
    return written


# --- SQLite -------------------------------------------------------------------------------


def _sql(value):
    return orjson.dumps(value).decode("utf-8") if isinstance(value, list) else value


def _insert(db: sqlite3.Connection, table: str, columns: list[str], rows: Iterable[tuple | list]) -> None:
    """Insert ``rows`` (values as SQLite takes them: lists JSON-encoded first)."""
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)


def _sqlite(indices: Indices, out_dir: Path, language: str = "en") -> list[Path]:
    """The store itself (:func:`group`), copied without its free space."""
    path = out_dir / "indices.sqlite"
    with atomic_path(path) as tmp:
        indices.store.execute("VACUUM INTO ?", (str(tmp),))
    return [path]


# --- TEI ----------------------------------------------------------------------------------


def tei_element(
    tag: str, parent: etree._Element | None = None, text: str | None = None, **attributes
) -> etree._Element:
    """A TEI element (attributes with a value only; ``xml_id`` -> xml:id, ``from_`` -> from)."""
    names = {"xml_id": f"{{{XML_NS}}}id", "xml_lang": f"{{{XML_NS}}}lang", "from_": "from"}
    attrib = {names.get(k, k): str(v) for k, v in attributes.items() if v not in (None, "")}
    element = (
        etree.Element(f"{{{TEI_NS}}}{tag}", attrib, nsmap={None: TEI_NS})
        if parent is None
        else etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", attrib)
    )
    element.text = text
    return element


def tei_dating(record: dict) -> dict:
    """The TEI dating attributes of a record (for :func:`tei_element`: ``from_`` is @from)."""
    return {
        "when": record.get("date_when"),
        "from_": record.get("date_from"),
        "to": record.get("date_to"),
        "notBefore": record.get("not_before"),
        "notAfter": record.get("not_after"),
    }


#: Where an entry's list of mentions goes (see _tei_file: the items are written as text).
_MENTIONS = b'<list type="mentions"/>'


def _text(value: str) -> str:
    """``value`` escaped as lxml writes text."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(value: str) -> str:
    """``value`` escaped as lxml writes an attribute's value."""
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _tei_mentions(mentions: Iterable[dict], files: dict[str, str], indent: bytes) -> Iterator[bytes]:
    """A list of mentions as lxml pretty-prints it at ``indent`` (the commonest elements of the
    file, written without lxml): a pointer to each (document#mention id) with its surface form
    and context."""
    yield indent + b'<list type="mentions">\n'
    for mention in mentions:
        file, key = _attribute(files[mention["document"]]), _attribute(mention["id"])
        lang = f' xml:lang="{_attribute(mention["lang"])}"' if mention["lang"] else ""
        quote = f"<quote>{_text(mention['context'])}</quote>" if mention["context"] else "<quote/>"
        yield (
            f'{indent.decode()}  <item n="{key}"><ptr target="{file}#{key}" type="mention"/><ref target="{file}#'
            f'{_attribute(mention["passage"])}"{lang}>{_text(mention["surface"])}</ref> {quote}'
            "</item>\n"
        ).encode()
    yield indent + b"</list>\n"


def _tei_entry(entity: dict, files: dict[str, str]) -> etree._Element:
    kind = entity["type"]
    name = KINDS[kind].name
    entry = tei_element(
        KINDS[kind].entry,
        None,
        xml_id=entity["key"] if entity["register"] else None,
        n=None if entity["register"] else entity["key"],
        type=entity["subtype"],
        cert=entity["cert"],
    )
    tei_element(name, entry, entity["name"], type="main")
    for variant in entity["variants"]:
        tei_element(name, entry, variant, type="variant")
    for date in entity["dates"]:
        if kind == "person" and date["kind"] in ("birth", "death", "floruit"):
            tei_element(date["kind"], entry, date["text"], **tei_dating(date))
        else:
            tei_element("date", tei_element("note", entry, type=date["kind"]), date["text"], **tei_dating(date))
    if entity["lat"] is not None:
        tei_element("geo", tei_element("location", entry), f"{entity['lat']} {entity['long']}")
    for idno in entity["idnos"]:
        tei_element("idno", entry, idno["value"], type=idno["type"])
    for note in entity["notes"]:
        tei_element("note", entry, note)
    tei_element("list", tei_element("note", entry, type="mentions"), type="mentions")  # its items: _tei_mentions
    return entry


def _tei_header(indices: Indices, language: str) -> etree._Element:
    """The ``teiHeader`` of ``indices.xml`` in the interface ``language``: what it is, and the
    documents indexed."""
    header = tei_element("teiHeader")
    file_desc = tei_element("fileDesc", header)
    tei_element("title", tei_element("titleStmt", file_desc), label("indices-title", language))
    tei_element("p", tei_element("publicationStmt", file_desc), label("indices-about", language))
    sources = tei_element("list", tei_element("sourceDesc", file_desc))
    for document in indices.documents:
        tei_element("ref", tei_element("item", sources, n=document["key"]), document["title"], target=document["file"])
    return header


def _tei_file(indices: Indices, out_dir: Path, language: str = "en") -> list[Path]:
    """``indices.xml``, its headings in the interface ``language``, written an entry at a time
    (the entries are never all in memory)."""
    files = {d["key"]: d["file"] for d in indices.documents}
    header = _tei_header(indices, language)
    path = out_dir / "indices.xml"
    with atomic_open(path) as out:

        def write(element: etree._Element, level: int, mentions: Iterable[dict] = ()) -> None:
            """``element`` pretty-printed at ``level``: inside as many wrappers, cut out of them;
            its (empty) list of mentions, if any, holding ``mentions``."""
            wrapper = root = tei_element("x")
            for _ in range(level - 1):
                wrapper = tei_element("x", wrapper)
            wrapper.append(element)
            xml = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
            opening = len(f'<x xmlns="{TEI_NS}">\n') + sum(len("  " * depth + "<x>\n") for depth in range(1, level))
            closing = sum(len("  " * depth + "</x>\n") for depth in range(level))
            xml = xml[opening:-closing]
            at = xml.find(_MENTIONS)
            if at < 0 or not mentions:
                out.write(xml)
                return
            line = xml.rindex(b"\n", 0, at) + 1
            out.write(xml[:line])
            out.writelines(_tei_mentions(mentions, files, xml[line:at]))
            out.write(xml[at + len(_MENTIONS) + 1 :])

        def section(
            subtype: str,
            head: str,
            list_tag: str,
            records: Sequence[dict],
            make: Callable[[dict, dict[str, str]], etree._Element],
            **attributes,
        ) -> None:
            out.write(f'      <div type="index" subtype="{subtype}">\n'.encode())
            write(tei_element("head", None, head), 4)
            if records:
                opening = etree.tostring(tei_element(list_tag, None, None, **attributes)).replace(
                    f' xmlns="{TEI_NS}"'.encode(), b""
                )
                out.write(b"        " + opening.removesuffix(b"/>") + b">\n")
                for record in records:
                    write(make(record, files), 5, record.get("mentions", ()))
                out.write(f"        </{list_tag}>\n".encode())
            out.write(b"      </div>\n")

        out.write(f"<?xml version='1.0' encoding='UTF-8'?>\n<TEI xmlns=\"{TEI_NS}\">\n".encode())
        write(header, 1)
        out.write(b"  <text>\n    <body>\n")
        for kind in REGISTERED:
            section(kind.section, label(kind.folder, language), kind.list, indices.entities[kind.type], _tei_entry)
        dated = indices.entities["date"]
        section("chronology", label("chronology", language), "list", dated, _tei_dated, type="chronology")
        section("works", label("works", language), "listBibl", indices.works, _tei_work)
        out.write(b"    </body>\n  </text>\n</TEI>\n")
    return [path]


def _tei_dated(entity: dict, files: dict[str, str]) -> etree._Element:
    item = tei_element("item", None, n=entity["key"])
    tei_element("date", item, entity["name"], **tei_dating(entity["mentions"][0]))
    tei_element("list", item, type="mentions")  # its items: _tei_mentions
    return item


def _tei_work(work: dict, files: dict[str, str]) -> etree._Element:
    bibl = tei_element("bibl", None, n=work["id"], type=work["type"], subtype=work["subtype"])
    for author in work["authors"]:
        tei_element(author["role"], bibl, author["name"], ref=f"#{author['key']}" if author["key"] else None)
    for title in work["titles"]:
        tei_element("title", bibl, title["title"], level=title["level"])
    if work["date"] or work["date_when"]:
        tei_element("date", bibl, work["date"], when=work["date_when"])
    for url in work["urls"]:
        tei_element("ptr", bibl, target=url)
    if work["doi"]:
        tei_element("idno", bibl, work["doi"], type="DOI")
    tei_element("ref", bibl, work["text"], target=f"{files[work['document']]}#{work['passage']}", type="cited")
    return bibl


#: The writer of each format: the index data in ``out_dir``, their labels in an interface language.
WRITERS: dict[str, Callable[[Indices, Path, str], list[Path]]] = {
    "tei": _tei_file,
    "json": _json,
    "csv": _csv,
    "sqlite": _sqlite,
}


def write_indices(
    sources: list[Source],
    out_dir: Path,
    formats: set[str],
    language: str = "en",
    registers: Sequence[Path] = (),
    settings: Config = DEFAULT,
) -> list[Path]:
    """Index ``sources`` (with the ``registers``, files of the edition elsewhere) and write the indices
    in ``formats`` (of :data:`INDEX_FORMATS`) into ``out_dir`` (their labels in the interface
    ``language``; the letters of ``cmif`` described as the edition's ``settings`` say), with
    indices.xml marked as an output (:data:`edition.documents.OUTPUT_MARKER`: never read as
    TEI); refuses a folder of the ``sources`` (indices.xml would be read as one of them)."""
    inputs = {Path(os.path.realpath(source.path)).parent for source in sources}
    if Path(os.path.realpath(out_dir)) in inputs:
        raise InputError(
            Problem(
                str(out_dir),
                0,
                0,
                ERROR,
                f"{out_dir} holds the TEI files indexed: indices.xml would be read as one of them "
                "from then on; choose another output folder",
                "index-output",
            )
        )
    indices = collect(sources, registers=registers)
    written = [path for name in FORMATS if name in formats for path in WRITERS[name](indices, out_dir, language)]
    if "cmif" in formats:
        from .cmif import write_cmif  # which writes with this module's TEI writer

        written += write_cmif(indices, out_dir, settings)
    if formats & {"tei", "cmif"}:  # indices.xml, letters.xml
        atomic_write(out_dir / OUTPUT_MARKER, "Made by edition index: outputs, never read as TEI.\n")
    return written
