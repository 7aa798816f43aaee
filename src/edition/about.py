"""The pages about the edition its ``edition.toml`` names (``about``): each TEI or Markdown file
a page of the site, ``about-NAME.html``, linked from every page's menu
(``xslt/html/about.xsl``).

Markdown is converted by markdown-it-py (CommonMark) with raw HTML turned off: HTML in the
file is shown as text, and links other than to safe addresses are left as text. The XHTML it
gives is copied into the page through an allow-list of elements and attributes (the
stylesheet's mode ``h:markdown``), so no script or style reaches the site whatever the
converter lets through.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson
from markdown_it import MarkdownIt

from . import TEI_NS
from .config import Config
from .documents import Source, require_tei
from .problems import ERROR, InputError, Problem
from .saxon import serialized
from .xmlio import read_file

#: The start of the file name of each page about the edition.
PREFIX = "about-"
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class AboutPage:
    """One page about the edition: its ``name`` (the page's file without ``.html``), its
    ``title`` (the Markdown's first heading of level 1, the TEI's title, else the file's name),
    its ``kind`` (``markdown`` or ``tei``) and ``content`` (the XHTML made of the Markdown, or
    the TEI document)."""

    name: str
    title: str
    kind: str
    content: str

    def data(self) -> str:
        """What the stylesheet renders the page from (its parameter ``indices``)."""
        return orjson.dumps({"about": {"title": self.title, "kind": self.kind, "content": self.content}}).decode()


def pages(config: Config) -> tuple[AboutPage, ...]:
    """The pages about the edition that ``config`` names, in its order; :class:`InputError` for a
    file that cannot be read or two files of the same name."""
    found: dict[str, AboutPage] = {}
    for file in config.about:
        path = Path(file)
        page = _tei(path) if path.suffix.lower() == ".xml" else _markdown(path)
        if page.name in found:
            message = f"two pages about the edition would both be {page.name}.html: rename one of the files"
            raise InputError(Problem(file, 0, 0, ERROR, message, "output-clash"))
        found[page.name] = page
    return tuple(found.values())


def _markdown(path: Path) -> AboutPage:
    data = read_file(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(str(path), 1, 1, ERROR, f"not UTF-8: {exc.reason}", "file-encoding")) from None
    tokens = _MARKDOWN.parse(text)
    heading = next(
        (
            tokens[i + 1].content
            for i, token in enumerate(tokens[:-1])
            if token.type == "heading_open" and token.tag == "h1"
        ),
        "",
    )
    return AboutPage(
        PREFIX + path.stem,
        heading.strip() or path.stem,
        "markdown",
        _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}),
    )


def _tei(path: Path) -> AboutPage:
    source = require_tei(Source.load(path))
    titles = source.tree.findall(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    main = [t for t in titles if t.get("type") == "main"] or titles
    title = " ".join("".join(main[0].itertext()).split()) if main else ""
    return AboutPage(PREFIX + path.stem, title or path.stem, "tei", serialized(source.tree))
