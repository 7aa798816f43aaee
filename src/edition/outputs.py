"""The outputs of an edition, declared once: each one's name, entry stylesheet, parameters,
whether it is made per document or per edition, its post-processing and where its files go.

``edition build`` (:mod:`edition.parallel`) and the commands that render files one by one
(``edition html``, ``text``, ``index``, ``pdf``) make them through the same
:class:`edition.rendering.Renderer`. A new output format is an :class:`Output` here, listed in
:data:`OUTPUTS`, and its stylesheet in ``xslt/``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import orjson
from lxml import etree

from .about import AboutPage
from .config import DEFAULT, Config
from .documents import Source
from .kinds import INDEX_KINDS
from .problems import ERROR, InputError, Problem
from .records import records
from .resources import XSLT_DIR
from .saxon import Value
from .search import bundles

HOME_PAGE = "index.html"
#: What the site's pages may load and run: the site's own files, Pagefind's WebAssembly and its
#: placeholder images (data:); images elsewhere are linked, not loaded (xslt/html/figures.xsl).
#: Every HTML page declares it in a <meta> first in its head, which cannot say frame-ancestors:
#: ``edition serve`` sends it with that as a header (:data:`edition.serve.SECURITY_HEADERS`).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
)
#: The pages about the whole edition: named templates of indices.xsl, written as NAME.html.
INDEX_PAGES = (*(kind.folder for kind in INDEX_KINDS), "works", "search")
#: The folder of each document's index records in a build (``NAME.json``), kept for the next build.
RECORDS_DIR = ".edition-cache/records"
#: The whole edition's PDF, beside each document's.
BOOK = "edition.pdf"
#: The files of a document the site publishes beside its page and links from it, as
#: ``site/KIND/NAME`` + suffix: its TEI source and, when they are made, its text and its PDF
#: (the outputs of those folders, linked, not copied).
DOWNLOADS = {"tei": ".xml", "text": ".txt", "pdf": ".pdf"}
#: Namespaces whose elements a browser runs or styles when it opens an XML file: a TEI file that
#: holds any, or an xml-stylesheet instruction, is not published in the site (:func:`publishable`).
ACTIVE_NAMESPACES = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML")
#: The folder of the site that holds the index data (the build's ``indices/``, linked).
INDEX_DATA = "indices"
#: The most bytes a part of an output's path may have: a file name's 255 less what the temporary
#: name of a write adds (:func:`edition.xmlio.atomic_path`).
PART_BYTES = 241


def output_path(root: Path, relative: str) -> Path:
    """``root/relative``: the one way the file of an output is named, so that none is written
    outside its output folder. Refuses (:class:`InputError`) a ``relative`` path that is absolute,
    has an empty part, ``.``, ``..`` or a NUL, or a part longer than :data:`PART_BYTES` bytes."""
    parts = relative.split("/")
    if PurePosixPath(relative).is_absolute() or any(p in ("", ".", "..") or "\0" in p for p in parts):
        reason = "would be written outside the output folder"
    elif any(len(p.encode("utf-8", "surrogateescape")) > PART_BYTES for p in parts):
        reason = f"has a name longer than {PART_BYTES} bytes"
    else:
        return root.joinpath(*parts)
    raise InputError(
        Problem(str(root), 0, 0, ERROR, f"the output file {relative} {reason}: not written", "output-path")
    )


def publishable(tree: etree._ElementTree) -> bool:
    """Whether the TEI ``tree`` may be published in the site as it is: opened from there, it could
    run no script of the site's origin (no element of :data:`ACTIVE_NAMESPACES`, no
    xml-stylesheet instruction)."""
    root = tree.getroot()
    pis = [
        node
        for node in (*root.itersiblings(preceding=True), *root.iter(etree.PI))
        if isinstance(node, etree._ProcessingInstruction)
    ]
    if any(pi.target == "xml-stylesheet" for pi in pis):
        return False
    return not any(etree.QName(element).namespace in ACTIVE_NAMESPACES for element in root.iter(etree.Element))


@dataclass(frozen=True)
class Scope:
    """What one run renders, which the outputs' parameters are made from: the ``documents``
    (URIs, in edition order) and their ``pages`` (HTML file names); whether the site has a
    home page and the pages about the edition; how the text shows notes; whether every register
    is among the files rendered (else the index records carry what they say of each entry); the
    edition's configuration (its ``edition.toml``); the page names of the register entries whose
    xml:id is not one (:func:`edition.kinds.renamed`); the files of each document the site
    publishes (``downloads``, of :data:`DOWNLOADS`; the TEI of those ``withheld``, by URI, not:
    :func:`publishable`); whether it publishes the index data; the
    pages about the edition its configuration names (:mod:`edition.about`)."""

    documents: list[str]
    pages: list[str] = field(default_factory=list)
    home: bool = True
    index_pages: bool = True
    notes: str = "endnotes"
    registers_indexed: bool = True
    edition: Config = DEFAULT
    page_names: dict[str, str] = field(default_factory=dict)
    downloads: tuple[str, ...] = ()
    withheld: frozenset[str] = frozenset()
    index_data: bool = False
    about: tuple[AboutPage, ...] = ()


@dataclass(frozen=True)
class Made:
    """What rendering one output of one document gave: the file's ``data``, and the page of each
    anchor (PDF)."""

    data: str | bytes
    anchors: dict[str, int] = field(default_factory=dict)


def _as_is(output: str, source: Source) -> Made:
    return Made(output)


def _records(output: Iterator[str], source: Source) -> Made:
    data = records(output, source.path)
    return Made(orjson.dumps({**data, "mentions": list(data["mentions"])}))


def _laid_out(output: str, source: Source) -> Made:
    from .pdf import layout  # WeasyPrint: imported only where PDFs are made

    laid, anchors = layout(output)
    return Made(laid.write_pdf(), anchors)


def interface_of(languages: list[str], language: str) -> dict[str, Value]:
    """The site's pages in the interface ``language`` of the edition's ``languages``: its
    language, the edition's languages (the language switch) and the way from a page in it to the
    site's folder (``../`` from the folder of a language other than the first)."""
    return {"language": language, "languages": languages, "site_up": "" if language == languages[0] else "../"}


def interface(config: Config) -> dict[str, Value]:
    """The site's pages in the edition's first interface language (:func:`interface_of`)."""
    return interface_of(list(config.languages), config.languages[0])


def _own(config: Config) -> dict[str, Value]:
    """The edition's own data from its ``config``, as the HTML and print stylesheets take them,
    in its first interface language."""
    return dict(
        language=config.languages[0],
        edition_title=config.title,
        subtitle=config.subtitle,
        editors=list(config.editors),
        publisher=config.publisher,
        licence=config.licence,
        licence_url=config.licence_url,
        base_url=config.base_url,
        cite=config.cite,
        introduction=config.introduction,
        version=config.version,
        date=config.date,
        base_witness=config.base_witness,
    )


def _print(scope: Scope) -> dict[str, Value]:
    return {
        **_own(scope.edition),
        "css": "print.css",
        "page_size": scope.edition.print.page_size,
        "transcription": scope.edition.transcription,
    }


def _site(scope: Scope) -> dict[str, Value]:
    return dict(
        _own(scope.edition) | interface(scope.edition),
        documents=scope.documents,
        csp=CONTENT_SECURITY_POLICY,
        home_page=HOME_PAGE if scope.home else "",
        page_names=scope.page_names,
        index_pages=[f"{name}.html" for name in INDEX_PAGES] if scope.index_pages else [],
        search_indexes=[folder for folder, pages in bundles(scope.pages).items() if pages],
        downloads=list(scope.downloads),
        withheld=sorted(scope.withheld),
        index_data=_index_data() if scope.index_data else {},
        about_pages=[{"file": f"{page.name}.html", "title": page.title} for page in scope.about],
    )


def _index_data() -> dict[str, Value]:
    """The index data each index page links (in the site's :data:`INDEX_DATA`), by page name: the
    TEI, JSON and SQLite files, and the CSV file of the page's kind."""
    whole = [f"{INDEX_DATA}/indices.{suffix}" for suffix in ("xml", "json", "sqlite")]
    csv = {kind.folder: kind.section for kind in INDEX_KINDS} | {"works": "works"}
    return {page: [*whole, f"{INDEX_DATA}/{section}.csv"] for page, section in csv.items()}


@dataclass(frozen=True)
class Output:
    """One output: ``stylesheet`` (in ``xslt/``) run with ``parameters`` (made from the
    :class:`Scope`), in each interface language if ``languages`` (:func:`in_languages`); per document (a file ``NAME`` + ``suffix`` in ``folder`` of the build's
    output, made from the stylesheet's output by ``finish``; for registers too if ``registers``;
    by the initial template with ``$documents`` the document if ``book``; ``finish`` takes the
    strings the stylesheet returns one by one if ``items``, else its serialised output) or per
    edition."""

    name: str
    stylesheet: Path
    folder: str
    label: str
    suffix: str = ""
    per_document: bool = True
    registers: bool = False
    book: bool = False
    languages: bool = False
    items: bool = False
    parameters: Callable[[Scope], dict[str, Value]] = lambda scope: {}
    finish: Callable[[typing.Any, Source], Made] = _as_is


RECORDS = Output(
    "records",
    XSLT_DIR / "index" / "mentions.xsl",
    RECORDS_DIR,
    "index records",
    ".json",
    registers=True,
    items=True,
    parameters=lambda scope: {"registers_indexed": scope.registers_indexed},
    finish=_records,
)
HTML = Output("html", XSLT_DIR / "html" / "document.xsl", "site", "HTML", ".html", languages=True, parameters=_site)
TEXT = Output(
    "text",
    XSLT_DIR / "text" / "text.xsl",
    "text",
    "text",
    ".txt",
    parameters=lambda scope: {
        "notes": scope.notes,
        "language": scope.edition.languages[0],
        "base_witness": scope.edition.base_witness,
        "transcription": scope.edition.transcription,
    },
)
PRINT = Output(
    "pdf",
    XSLT_DIR / "print" / "print.xsl",
    "pdf",
    "PDF",
    ".pdf",
    book=True,
    parameters=lambda scope: {**_print(scope), "indices": "{}"},
    finish=_laid_out,
)
#: The pages about the edition (home, lists, entity, year and works pages: :mod:`edition.site`),
#: from the index data.
PAGES = Output(
    "pages",
    XSLT_DIR / "html" / "indices.xsl",
    "site",
    "HTML pages about the edition",
    per_document=False,
    languages=True,
    parameters=_site,
)
#: The whole edition's PDF (:data:`BOOK`), with its indices.
EDITION_PDF = Output(
    "book",
    XSLT_DIR / "print" / "print.xsl",
    "pdf",
    f"PDF {BOOK}",
    per_document=False,
    parameters=lambda scope: {**_print(scope), "documents": scope.documents},
)

#: Every output, by name; the per-document ones in the order a build makes them.
OUTPUTS = {output.name: output for output in (RECORDS, HTML, TEXT, PRINT, PAGES, EDITION_PDF)}


def parameters(scope: Scope, names: list[str]) -> dict[str, dict[str, Value]]:
    """The parameters of the outputs ``names`` for ``scope``."""
    return {name: OUTPUTS[name].parameters(scope) for name in names}


def in_languages(output: Output, parameters: dict[str, Value]) -> list[tuple[str, dict[str, Value]]]:
    """``output`` with ``parameters`` in each interface language they name (:func:`interface`),
    with the folder its files go to in the output's folder: '' for the first language, ``LANG/``
    for each other; in the first only if the output is not made in every language."""
    names = typing.cast(list[str], parameters.get("languages", [])) if output.languages else []
    return [("", parameters)] + [(f"{name}/", parameters | interface_of(names, name)) for name in names[1:]]
