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


class Indexing:
    """Pagefind indexing the pages of ``site`` into ``site/pagefind``, in the background: only
    the document pages are indexed (they alone mark a ``data-pagefind-body``), so the other
    pages may be made meanwhile, elsewhere."""

    def __init__(self, site: Path):
        if not site.is_dir():
            raise InputError(Problem(str(site), 0, 0, ERROR, "no site to index: build it first", "search-input"))
        self.site = site
        command = [str(pagefind_binary()), "--site", str(site), "--output-subdir", SEARCH_DIR,
                   "--force-language", INDEX_LANGUAGE, "--silent"]
        for selector in NOT_INDEXED:
            command += ["--exclude-selectors", selector]
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            raise SearchError(f"Pagefind could not index {site}: {exc}") from None

    def wait(self) -> list[Path]:
        """The files written into ``site/pagefind``, once Pagefind has finished."""
        try:
            stdout, stderr = self.process.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            self.stop()
            raise SearchError(f"Pagefind could not index {self.site}: no result after 600 s") from None
        if self.process.returncode != 0:
            reason = " ".join((stderr or stdout).split()) or f"exit code {self.process.returncode}"
            raise SearchError(f"Pagefind could not index {self.site}: {reason}")
        return sorted(p for p in (self.site / SEARCH_DIR).rglob("*") if p.is_file())

    def stop(self) -> None:
        """Stop Pagefind if it is still running."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def index_site(site: Path) -> list[Path]:
    """Index the pages of ``site`` into ``site/pagefind``; returns the files written there."""
    return Indexing(site).wait()
