"""The print edition (:data:`edition.outputs.PRINT`, :data:`edition.outputs.EDITION_PDF`): PDFs
through print-oriented HTML (``xslt/print/print.xsl``) and CSS Paged Media
(``xslt/print/print.css``), laid out by WeasyPrint.

:func:`write_pdfs` writes one PDF per document (``NAME.pdf``) and one for the whole edition
(:data:`BOOK`: title page, contents, the documents, indices of persons, places and
organisations). The layout computes every page number of the contents and indices
(``target-counter``); an index cites each page once, so the documents are laid out before
the edition (see :func:`write_pdfs`). Names link to the index, note calls to their notes and
back, index pages to the passages.

WeasyPrint fetches nothing but the files of ``xslt/print/`` (:class:`LocalFetcher`); the fonts
come from the system (fontconfig) and are embedded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .config import DEFAULT, Config
from .documents import Source
from .indices import Indices, collect
from .kinds import REGISTERED
from .outputs import BOOK, EDITION_PDF, PRINT, Scope
from .problems import ERROR, InputError, Problem
from .rendering import Renderer, output_names, write_each
from .xmlio import atomic_write

PRINT_DIR = PRINT.stylesheet.parent


class LocalFetcher(URLFetcher):
    """Serves the files of ``xslt/print/`` (the style sheet) and refuses every other URL."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or path.parent != PRINT_DIR.resolve() or not path.is_file():
            raise ValueError(f"not fetched: {url} (the print edition uses only the files of {PRINT_DIR})")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "text/css; charset=utf-8"})


def layout(html: str):
    """The laid-out ``html`` (a WeasyPrint document) and the page number of each of its anchors."""
    document = HTML(string=html, base_url=PRINT_DIR.as_uri() + "/", url_fetcher=LocalFetcher()).render()
    return document, {anchor: number for number, page in enumerate(document.pages, 1) for anchor in page.anchors}


def index_json(indices: Indices, pages: dict[str, tuple[int, int]]) -> str:
    """The book's indices: for each entry, the first of its mentions on each page, where ``pages``
    gives the (document, page) of every mention laid out."""
    data: dict[str, list] = {}
    for kind in (kind.type for kind in REGISTERED):
        data[kind] = []
        for entity in indices.entities[kind]:
            first: dict[tuple[int, int], str] = {}
            for mention in entity["mentions"]:
                page = pages.get(mention["id"])
                if page is not None:
                    first.setdefault(page, mention["id"])
            if first:
                data[kind].append(
                    {
                        "name": entity["name"],
                        "anchor": f"idx-{entity['key']}" if entity["register"] else "",
                        "mentions": [first[page] for page in sorted(first)],
                    }
                )
    return json.dumps(data, ensure_ascii=False)


def write_pdfs(
    documents: list[Source],
    edition: list[Source],
    out_dir: Path,
    *,
    each: bool = True,
    book: bool = True,
    config: Config = DEFAULT,
    progress: Callable[[str], None] = lambda label: None,
) -> list[Path]:
    """Write into ``out_dir`` the PDF of each of ``documents`` (if ``each``) and, if ``book`` and
    there are several, the edition's (:data:`BOOK`), with what the edition's ``config`` says;
    pointers resolve in ``edition``. Returns the files written.

    The edition's indices learn which mentions share a page from the documents' own layouts:
    each document begins on a right-hand page of the same size in both, so its pages break alike.
    """
    book = book and len(documents) > 1
    if book:
        check_book_name(documents, output_names(documents, PRINT.suffix))
    written, anchors = write_each(
        PRINT, documents, edition, out_dir if each else None, PRINT.parameters(Scope([], edition=config)), progress
    )
    pages = {
        anchor: (number, page)
        for number, source in enumerate(documents)
        for anchor, page in anchors[source.uri].items()
    }
    if book:
        progress(EDITION_PDF.label)
        written.append(write_book(documents, edition, collect(edition), pages, out_dir, config))
    return written


def check_book_name(documents: list[Source], names: dict[str, str]) -> None:
    """Refuse a document whose PDF (``names``: URI -> file name) would be the edition's."""
    clash = next((s for s in documents if names[s.uri] == BOOK), None)
    if clash:
        raise InputError(
            Problem(
                str(clash.path),
                0,
                0,
                ERROR,
                f"this document's PDF would be written as {BOOK}, the name of the whole edition's PDF: rename the file",
                "output-clash",
            )
        )


def write_book(
    documents: list[Source],
    edition: list[Source],
    indices: Indices,
    pages: dict[str, tuple[int, int]],
    out_dir: Path,
    config: Config = DEFAULT,
) -> Path:
    """The edition's PDF (:data:`BOOK`) of ``documents`` as the edition's ``config`` says, its
    indices placed by ``pages`` (each mention's document number and page, from the documents' own
    layouts)."""
    laid, _ = layout(print_html(documents, edition, index_json(indices, pages), config))
    atomic_write(out_dir / BOOK, laid.write_pdf())
    return out_dir / BOOK


def print_html(documents: list[Source], edition: list[Source], indices: str = "{}", config: Config = DEFAULT) -> str:
    """The print HTML of a book of ``documents`` with ``indices`` as the edition's ``config``
    says (see ``xslt/print/params.xsl``)."""
    scope = Scope([s.uri for s in documents], edition=config)
    parameters = EDITION_PDF.parameters(scope) | {"indices": indices}
    return Renderer(edition).edition(EDITION_PDF, parameters)
