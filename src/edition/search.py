"""Full-text search of the HTML site: Pagefind (the ``pagefind`` PyPI package, whose wheel
ships the binary) indexes the document pages of a built site into ``pagefind/`` beside them,
with its own search interface; nothing is fetched, at build or at search time.

Document pages mark what is indexed (``xslt/html/document.xsl``): the article's text and notes
(``data-pagefind-body``), its title, and the filters ``document`` and ``language``; the parts
of the page that repeat or describe the text are left out (:data:`NOT_INDEXED`). All pages
go into one index whatever their language (``--force-language``), so that one search finds
English and Latvian passages alike and the language filter can narrow it.

An edition of more than :data:`SHARD_SIZE` documents gets several indexes (``pagefind/``,
``pagefind-1/`` …: :func:`bundles`), each of the pages a hash of their names assigns to it,
which the search page merges (Pagefind's ``mergeIndex``): a change to one document re-indexes
its share of the edition only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import zlib
from pathlib import Path

from .problems import ERROR, InputError, Problem

SEARCH_DIR = "pagefind"
INDEX_LANGUAGE = "en"
#: Table of contents, metadata, note markers (the notes are indexed in their list), page numbers
#: and back-links.
NOT_INDEXED = ("nav.toc", "section.about", "dl.summary", "a.fn-ref", "span.pb", "a.fn-back")
#: The most document pages in one index.
SHARD_SIZE = 50


def bundles(pages: list[str]) -> dict[str, list[str]]:
    """The folder of each index (``pagefind``, ``pagefind-1`` …) and the pages (file names) it
    indexes: one index up to :data:`SHARD_SIZE` pages, else as many as needed, a page's chosen
    by a hash of its name (so that it stays in its index as long as their number does); an
    index without pages is not made."""
    count = max(1, -(-len(pages) // SHARD_SIZE))
    shares: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        shares[zlib.crc32(page.encode("utf-8")) % count].append(page)
    return {SEARCH_DIR if number == 0 else f"{SEARCH_DIR}-{number}": share for number, share in enumerate(shares)}


class SearchError(OSError):
    """Pagefind is missing or failed; the message says what to do (an OSError: an outside program)."""


def pagefind_binary() -> Path:
    """The Pagefind executable of the ``pagefind`` package (extended build if installed)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        binary = None
    else:
        binary = get_executable()
    if binary is None or not binary.exists():
        raise SearchError(
            "Pagefind is not installed: install it with pip install 'pagefind[extended]' "
            "(its wheel ships the binary), or build without the search"
        )
    return binary


class Indexing:
    """Pagefind indexing pages of ``site`` into the folders ``indexes`` names (folder -> page
    file names, see :func:`bundles`), one after the other, in the background; each index is
    made from a folder of its own (``staging``) that holds its pages only (hard links)."""

    def __init__(self, site: Path, indexes: dict[str, list[str]], staging: Path):
        if not site.is_dir():
            raise InputError(Problem(str(site), 0, 0, ERROR, "no site to index: build it first", "search-input"))
        self.site, self.indexes, self.staging = site, indexes, staging
        self.binary = pagefind_binary()
        self.process: subprocess.Popen | None = None
        self.error: SearchError | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for folder, pages in self.indexes.items():
                if self._stopped:
                    return
                if pages:  # Pagefind refuses to make an empty index
                    self._index(folder, pages)
        except SearchError as exc:
            self.error = exc
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _index(self, folder: str, pages: list[str]) -> None:
        source = self.staging / folder
        shutil.rmtree(source, ignore_errors=True)
        source.mkdir(parents=True)
        for page in pages:
            try:
                os.link(self.site / page, source / page)
            except OSError:
                shutil.copy2(self.site / page, source / page)
        command = [
            str(self.binary),
            "--site",
            str(source),
            "--output-path",
            str(self.site / folder),
            "--force-language",
            INDEX_LANGUAGE,
            "--silent",
        ]
        for selector in NOT_INDEXED:
            command += ["--exclude-selectors", selector]
        try:
            self.process = process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            stdout, stderr = process.communicate(timeout=600)
        except OSError as exc:
            raise SearchError(f"Pagefind could not index {self.site}: {exc}") from None
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise SearchError(f"Pagefind could not index {self.site}: no result after 600 s") from None
        if self.process.returncode != 0 and not self._stopped:
            reason = " ".join((stderr or stdout).split()) or f"exit code {self.process.returncode}"
            raise SearchError(f"Pagefind could not index {self.site}: {reason}")

    def wait(self) -> list[Path]:
        """The files written into the index folders, once Pagefind has made them all."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        return sorted(
            p for folder, pages in self.indexes.items() if pages for p in (self.site / folder).rglob("*") if p.is_file()
        )

    def stop(self) -> None:
        """Stop Pagefind if it is still running."""
        self._stopped = True
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        self._thread.join()


def index_site(site: Path) -> list[Path]:
    """Index the document pages of ``site`` (those that mark a ``data-pagefind-body``, else
    every page, as Pagefind would) into its index folders (:func:`bundles`); returns the files
    written there."""
    files = sorted(site.glob("*.html")) if site.is_dir() else []
    pages = [p.name for p in files if b"data-pagefind-body" in p.read_bytes()] or [p.name for p in files]
    indexing = Indexing(site, bundles(pages), site.parent / f".{site.name}.search")
    try:
        return indexing.wait()
    finally:
        indexing.stop()
