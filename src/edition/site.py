"""The HTML edition: a page per document (``xslt/html/document.xsl``), the home page, the
index pages, a page per person, place and organisation (``persons/ID.html`` …) and the search
page (``xslt/html/indices.xsl``, from the index records of :mod:`edition.indices`), and the
site's style sheets and scripts (``xslt/html/assets``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

from .about import pages as about_pages
from .config import DEFAULT, Config
from .documents import Source
from .images import publish, shown
from .indices import INDICES, Indices, Page, entity_json, pages_of, records_json, sections_json, to_json
from .kinds import INDEX_KINDS, REGISTERED, entity_page_name, renamed
from .outputs import DOWNLOADS, HOME_PAGE, HTML, INDEX_PAGES, PAGES, Scope, output_path, publishable
from .problems import ERROR, InputError, Problem
from .rendering import Renderer, output_names, write_each
from .resources import XSLT_DIR
from .xmlio import atomic_write

ASSETS = XSLT_DIR / "html" / "assets"
#: The list pages of persons, places and organisations (their entities without the mentions)
#: and the folder of the page of each of their entities (``persons/ID.html`` …), by entity type
#: (document pages, NAME.html beside these folders, cannot clash with them).
ENTITY_PAGES = {kind.type: kind.folder for kind in REGISTERED}
#: The pages that list entities without their mentions (those are on each entity's page, and
#: on the chronology's page of each year: ``chronology/1920`` …, ``chronology/undated``): the
#: list page of each index kind, with its section of the index data.
LIST_PAGES = {kind.folder: kind.section for kind in INDEX_KINDS}
#: What each page about the edition shows of the indices, by name (``home``, then
#: :data:`~edition.outputs.INDEX_PAGES`): sections of indices.json besides ``documents``
#: (a list page its kind's; ``works``, the overview of the works' pages: :func:`works_overview`).
PAGE_DATA = {name: (LIST_PAGES[name],) if name in LIST_PAGES else () for name in ("home", *INDEX_PAGES)}
#: How many entity, year or works pages are rendered together (one transformation; one task of a build).
PAGE_BATCH = 50
#: How many mentions an entity's page lists: the others are on its further pages (``persons/ID~2``
#: …; "~" stands in no entity's page name: :func:`edition.kinds.page_name`).
MENTIONS_PER_PAGE = 500
#: How many works cited a page of them lists (``works/1`` …, in the order of the index).
WORKS_PER_PAGE = 500


def page_file(name: str) -> str:
    """The file of the page about the edition called ``name`` (``home`` is the home page,
    ``persons/ID`` an entity's page)."""
    return HOME_PAGE if name == "home" else f"{name}.html"


def page_data(indices: Indices, name: str) -> str:
    """What the page ``name`` of :data:`PAGE_DATA` shows of the indices (:data:`LIST_PAGES`:
    without the mentions, so that they change only with the entities and their counts)."""
    if name == "works":
        return works_overview(indices)
    return to_json(indices, PAGE_DATA[name], mentions=name not in LIST_PAGES, pages=True)


def works_overview(indices: Indices) -> str:
    """What ``works.html`` shows: each page of the works cited (a record of ``work_pages`` as
    :class:`RecordPages` gives it) with only its first and last work."""
    return sections_json(
        {
            "documents": records_json(indices.documents),
            "work_pages": [_work_page(indices, number, ends=True) for number in range(1, _works_pages(indices) + 1)],
        }
    )


def _works_pages(indices: Indices) -> int:
    return -(-len(indices.cited) // WORKS_PER_PAGE)


def _work_page(indices: Indices, number: int, ends: bool = False) -> bytes:
    """Page ``number`` of the works cited: its number, the number of ``pages``, the number of
    its ``first`` work, its ``size``, the ``count`` of works cited, of their ``citations`` and of
    the ``documents`` that cite them, and its ``works``, each with its ``citations`` (only the
    first and the last work, without them, if ``ends``)."""
    start = (number - 1) * WORKS_PER_PAGE
    stop = min(start + WORKS_PER_PAGE, len(indices.cited))
    shown = [indices.cited[start], indices.cited[stop - 1]] if ends else indices.cited[start:stop]
    works = [
        work | {"citations": [] if ends else indices.works[work["first"] - 1 : work["first"] - 1 + work["count"]]}
        for work in shown
    ]
    return orjson.dumps(
        {
            "page": number,
            "pages": _works_pages(indices),
            "first": start + 1,
            "size": stop - start,
            "count": len(indices.cited),
            "citations": len(indices.works),
            "documents": indices.citing,
            "works": works,
        }
    )


def _numbered(name: str, number: int) -> str:
    """The name of page ``number`` of a page's pages: ``persons/ID``, ``persons/ID~2`` …"""
    return name if number == 1 else f"{name}~{number}"


def year(day: str) -> str:
    """The year a date is filed under in the chronology, from its first day ("1920-04-01":
    "1920"; "" for none), as ``ed:year`` in ``xslt/common/dates.xsl``."""
    match = re.match(r"(-?\d+)-", day)
    return str(int(match[1])) if match else ""


class RecordPages:
    """The pages made from the index records a few at a time: the page of each person, place
    and organisation of ``indices`` and the chronology's page of each year (and their further
    pages, :data:`MENTIONS_PER_PAGE` mentions a page), and the pages of the works cited
    (:data:`WORKS_PER_PAGE` a page): ``pages`` (page name, ``persons/ID``, ``persons/ID~2``,
    ``chronology/1920``, ``chronology/1920~2`` or ``works/1``, -> section of the data and what it
    shows: entities, each with the :class:`~edition.indices.Page` of its mentions and fields of
    its own, or the number of a works page), their :meth:`records` serialized when asked for, and
    the ``documents`` section they share, serialized once (:func:`edition.indices.records_json`)."""

    def __init__(self, indices: Indices):
        self.indices = indices
        self.documents = records_json(indices.documents)
        self.pages: dict[str, tuple[str, list[tuple[dict, Page, dict]] | int]] = {}
        for kind, folder in ENTITY_PAGES.items():
            for entity in indices.entities[kind]:
                slug = entity_page_name(entity)
                name = f"{folder}/{slug}"
                if name in self.pages:
                    raise InputError(
                        Problem(
                            entity["register"] or entity["key"],
                            0,
                            0,
                            ERROR,
                            f"two {kind} entries would both have the page {name}.html: give one "
                            "another xml:id, @ref or @key",
                            "output-clash",
                        )
                    )
                pages = pages_of(entity, MENTIONS_PER_PAGE)
                for number in range(1, pages + 1):
                    page = Page(number, pages, (number - 1) * MENTIONS_PER_PAGE, number * MENTIONS_PER_PAGE)
                    self.pages[_numbered(name, number)] = (INDICES[kind], [(entity, page, {"slug": slug})])
        years: dict[str, list[dict]] = {}
        for date in indices.entities["date"]:
            years.setdefault(year(date["sort_start"]) or "undated", []).append(date)
        for name, dates in years.items():
            self._year_pages(f"chronology/{name}", dates)
        for number in range(1, _works_pages(indices) + 1):
            self.pages[f"works/{number}"] = ("work_pages", number)

    def _year_pages(self, name: str, dates: list[dict]) -> None:
        """The pages of the dates of one year, in order: their mentions :data:`MENTIONS_PER_PAGE` a
        page (a date's may go on over the next page), each date with the page its mentions
        ``starts`` on; the first page of several holds every date (those of later pages without
        mentions but the first, for its list of the dates of the year)."""
        counts = [len(date["mentions"]) for date in dates]
        pages = max(1, -(-sum(counts) // MENTIONS_PER_PAGE))
        offset = 0
        for date, count in zip(dates, counts):
            first = min(offset // MENTIONS_PER_PAGE + 1, pages)
            last = max(first, (offset + count - 1) // MENTIONS_PER_PAGE + 1)
            if first > 1:
                self._dated(name, 1, (date, Page(1, pages, 0, 1), {"starts": first}))
            for number in range(first, last + 1):
                start = max(offset, (number - 1) * MENTIONS_PER_PAGE) - offset
                stop = min(offset + count, number * MENTIONS_PER_PAGE) - offset
                self._dated(name, number, (date, Page(number, pages, start, stop), {"starts": first}))
            offset += count

    def _dated(self, name: str, number: int, shown: tuple[dict, Page, dict]) -> None:
        shown_on = self.pages.setdefault(_numbered(name, number), (INDICES["date"], []))[1]
        if isinstance(shown_on, list):  # a year's page (a page of works holds its number)
            shown_on.append(shown)

    def records(self, name: str) -> list[bytes]:
        """The records the page ``name`` shows, as indices.json has them (a works page: as
        :func:`works_overview`, with all its works)."""
        shown = self.pages[name][1]
        if isinstance(shown, int):
            return [_work_page(self.indices, shown)]
        return [entity_json(entity, page=page, **fields) for entity, page, fields in shown]

    def key(self, name: str) -> list[bytes]:
        """What the page ``name`` shows, to tell whether it changed: as :meth:`records`, but each
        entity's mentions as the rows the store holds (the same data, read without making a
        record of each)."""
        shown = self.pages[name][1]
        if isinstance(shown, int):
            return [_work_page(self.indices, shown)]
        return [
            part
            for entity, page, fields in shown
            for part in (
                entity_json(entity, mentions=False, **fields),
                orjson.dumps([tuple(page), entity["mentions"].rows(page.start, page.stop)]),
            )
        ]

    def data(self, names: list[str]) -> str:
        """What the pages ``names`` show of the indices: the documents and their records."""
        sections: dict[str, list[bytes]] = {"documents": self.documents}
        for name in names:
            sections.setdefault(self.pages[name][0], []).extend(self.records(name))
        return sections_json(sections)

    @staticmethod
    def batches(names: list[str]) -> Iterator[list[str]]:
        """The pages ``names`` :data:`PAGE_BATCH` at a time (rendered in one transformation)."""
        for start in range(0, len(names), PAGE_BATCH):
            yield names[start : start + PAGE_BATCH]


def write_pages(pages: dict[str, str], out_dir: Path) -> list[Path]:
    """Write the ``pages`` about the edition (by name: :meth:`edition.rendering.Renderer.pages`)
    into ``out_dir`` (``home`` as the home page, the others as NAME.html)."""
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, page in pages.items():
        written.append(output_path(out_dir, page_file(name)))
        atomic_write(written[-1], page)
    return written


def write_assets(out_dir: Path) -> list[Path]:
    """Copy the style sheet and scripts into ``out_dir``."""
    written = []
    for asset in sorted(ASSETS.iterdir()):
        atomic_write(out_dir / asset.name, asset.read_bytes())
        written.append(out_dir / asset.name)
    return written


def download(name: str, kind: str) -> str:
    """Where the site publishes the file ``kind`` (of :data:`~edition.outputs.DOWNLOADS`) of the
    document whose output name is ``name``, relative to the site."""
    return f"{kind}/{name}{DOWNLOADS[kind]}"


def reserved_pages(scope: Scope) -> list[str]:
    """The files of the pages about the edition ``scope`` has, which no document's page may be."""
    return (
        [HOME_PAGE] * scope.home
        + [f"{name}.html" for name in INDEX_PAGES] * scope.index_pages
        + [f"{page.name}.html" for page in scope.about]
    )


def check_names(documents: list[Source], names: dict[str, str], reserved: list[str]) -> None:
    for source in documents:
        if names[source.uri] in reserved:
            raise InputError(
                Problem(
                    str(source.path),
                    0,
                    0,
                    ERROR,
                    f"the page of this document would be written as "
                    f"{names[source.uri]}, which is the name of a page of the site "
                    f"({', '.join(reserved)}): rename the file",
                    "output-clash",
                )
            )


def write_site(
    documents: list[Source],
    edition: list[Source],
    out_dir: Path,
    *,
    home: bool = True,
    indices: Indices | None = None,
    config: Config = DEFAULT,
    downloads: tuple[str, ...] = ("tei",),
    progress: Callable[[str], None] = lambda label: None,
) -> list[Path]:
    """Render ``documents`` (resolving pointers in ``edition``) as HTML pages into ``out_dir``
    as the edition's ``config`` says, with the home page and the pages about the edition it
    names if ``home``, the index, entity and search pages if ``indices`` are given (the search
    index itself is :func:`edition.search.index_site`'s), the images the documents show
    (:mod:`edition.images`), their TEI sources (``tei/NAME.xml``; each page links the
    ``downloads`` of :data:`~edition.outputs.DOWNLOADS`) and the assets. Returns the pages written."""
    names = output_names(documents, HTML.suffix)
    scope = Scope(
        [s.uri for s in documents],
        list(names.values()),
        home=home,
        index_pages=indices is not None,
        edition=config,
        page_names=renamed(s.tree for s in edition),
        downloads=downloads,
        index_data=indices is not None,
        about=about_pages(config) if home else (),
        withheld=frozenset(s.uri for s in documents if not publishable(s.tree)),
    )
    check_names(documents, names, reserved_pages(scope))
    parameters = HTML.parameters(scope)
    written, _ = write_each(HTML, documents, edition, out_dir, parameters, progress)
    for source in documents:
        if source.uri not in scope.withheld:
            atomic_write(output_path(out_dir, download(source.path.stem, "tei")), source.data)
    if home or scope.index_pages:
        progress(PAGES.label)
        renderer = Renderer(edition)

        def write(names: list[str], data: str) -> list[Path]:
            return write_pages(renderer.pages(PAGES, parameters | {"indices": data}, names), out_dir)

        for page in scope.about:
            written += write([page.name], page.data())
        if indices is None:
            written += write(["home"] * home, "{}")
        else:  # each page from its own data, as a build renders them
            for name in ["home"] * home + list(INDEX_PAGES):
                written += write([name], page_data(indices, name))
            records = RecordPages(indices)
            for batch in records.batches(list(records.pages)):
                written += write(batch, records.data(batch))
    publish({where: file for source in documents for where, file in shown(source).items()}, out_dir)
    write_assets(out_dir)
    return written
