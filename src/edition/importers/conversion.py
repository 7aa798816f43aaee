"""Running an importer on a source file: the formats, the source read as text, default metadata."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from ..problems import ERROR, InputError, Problem
from .common import SourceMeta

#: format name -> module (each has ``to_tei(text, meta)``).
FORMAT_MODULES = {
    "plain-article": "edition.importers.plain_article",
    "encyclopedia": "edition.importers.encyclopedia",
    "markdown-pdf": "edition.importers.markdown_pdf",
}


def read_source(path: Path) -> str:
    """The source text as UTF-8 (a BOM is dropped); :class:`InputError` if unusable."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            Problem(shown, 0, 0, ERROR, f"cannot read the source: {exc.strerror or exc}", "file-unreadable")
        ) from None
    if b"\x00" in data[:4096]:
        raise InputError(Problem(shown, 1, 1, ERROR, "this is a binary file, not a text source", "source-binary"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            Problem(shown, line, col, ERROR, f"the source is not valid UTF-8: {exc.reason}", "source-encoding")
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(Problem(shown, 1, 1, ERROR, "the source is empty", "source-empty"))
    return text


def default_meta(source: Path) -> SourceMeta:
    """Minimal metadata when no ``--meta`` file is given: key and title from the file name."""
    stem = source.stem
    key = re.sub(r"[^a-z0-9]", "", stem.lower()) or "doc"
    if not key[0].isalpha():
        key = "d" + key
    return SourceMeta(key=key[:12], title=stem, source_file=str(source))


def convert(source: Path, fmt: str, meta: SourceMeta, *, today: str | None = None, meta_path: str = ""):
    """Run the importer for ``fmt`` on ``source``; return the TEI tree."""
    text = read_source(source)
    module = importlib.import_module(FORMAT_MODULES[fmt])
    accepted = inspect.signature(module.to_tei).parameters
    extra = {"today": today, "meta_path": meta_path or str(source)}
    return module.to_tei(text, meta, **{k: v for k, v in extra.items() if k in accepted})
