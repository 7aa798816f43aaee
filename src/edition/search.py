"""Full-text search of the HTML site: Pagefind (the ``pagefind`` PyPI package, whose wheel
ships the binary) indexes the document pages of a built site into ``pagefind/`` beside them,
with its own search interface; nothing is fetched, at build or at search time.

Document pages mark what is indexed (``xslt/html/document.xsl``): the article's text and notes
(``data-pagefind-body``), its title, and the filters ``document`` and ``language``; the parts
of the page that repeat or describe the text are left out (:data:`NOT_INDEXED`). All pages
go into one index whatever their language (``--force-language``), so that one search finds
English and Latvian passages alike and the language filter can narrow it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .problems import ERROR, InputError, Problem

SEARCH_DIR = "pagefind"
INDEX_LANGUAGE = "en"
#: Table of contents, metadata, note popovers (the notes are indexed where they stand), page
#: numbers and back-links.
NOT_INDEXED = ("nav.toc", "section.about", "dl.summary", "span.fn-pop", "span.pb", "a.fn-back")


class SearchError(OSError):
    """Pagefind is missing or failed; the message says what to do (an OSError: an outside program)."""


def pagefind_binary() -> Path:
    """The Pagefind executable of the ``pagefind`` package (extended build if installed)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    binary = get_executable() if get_executable else None
    if binary is None or not binary.exists():
        raise SearchError("Pagefind is not installed: install it with pip install 'pagefind[extended]' "
                          "(its wheel ships the binary), or build without the search")
    return binary


def index_site(site: Path) -> list[Path]:
    """Index the pages of ``site`` into ``site/pagefind``; returns the files written there."""
    if not site.is_dir():
        raise InputError(Problem(str(site), 0, 0, ERROR, "no site to index: build it first", "search-input"))
    command = [str(pagefind_binary()), "--site", str(site), "--output-subdir", SEARCH_DIR,
               "--force-language", INDEX_LANGUAGE, "--silent"]
    for selector in NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"Pagefind could not index {site}: {exc}") from None
    if result.returncode != 0:
        reason = " ".join((result.stderr or result.stdout).split()) or f"exit code {result.returncode}"
        raise SearchError(f"Pagefind could not index {site}: {reason}")
    return sorted(p for p in (site / SEARCH_DIR).rglob("*") if p.is_file())
