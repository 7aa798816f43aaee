"""Running an importer on a source file: the formats, the source read as text, default metadata."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from lxml import etree

from ..problems import ERROR, InputError, Problem
from ..xmlio import LIMITS
from .common import SourceMeta

#: format name -> module (each has ``to_tei(text, meta)``).
FORMAT_MODULES = {
    "plain-article": "edition.importers.plain_article",
    "encyclopedia": "edition.importers.encyclopedia",
    "markdown-pdf": "edition.importers.markdown_pdf",
}


def read_source(path: Path) -> str:
    """The source text as UTF-8 (a BOM dropped; form feeds, pdftotext's page ends, taken out, or a
    space between two words); :class:`InputError` if unusable (a control character XML cannot hold
    is named at its place)."""
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
    control = _NOT_XML.search(text)
    if control:
        line, column = _position(text, control.start())
        raise InputError(
            Problem(
                shown,
                line,
                column,
                ERROR,
                f"the source holds the control character U+{ord(control.group()):04X} here, which XML cannot "
                "hold: remove it (or write what it stands for) and import again",
                "source-control",
            )
        )
    # a page end is no paragraph end: a paragraph running on over it stays one (and the lines are kept)
    return _FORM_FEED_BETWEEN_WORDS.sub(" ", text).replace("\f", "")


#: Characters XML cannot hold: the C0 controls but tab, line feed, carriage return (and form feed,
#: a page end, taken out), and two noncharacters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_FORM_FEED_BETWEEN_WORDS = re.compile(r"(?<=\S)\f+(?=\S)")


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_readable(tree: etree._ElementTree, text: str, source: str) -> None:
    """Refuse a conversion of ``text`` (the source ``source``) that the toolkit could not read back: a
    text of the TEI (a paragraph, a note) longer than ``LIMITS.text`` bytes, at its place in the source."""
    for node in tree.iter():
        for value in (node.text, node.tail):
            if value and len(value) > LIMITS.text // 4 and len(encoded := value.encode("utf-8")) > LIMITS.text:
                begins = re.search(r"\s+".join(map(re.escape, value.split(maxsplit=8)[:8])), text)
                line, column = _position(text, begins.start()) if begins else (0, 0)
                raise InputError(
                    Problem(
                        source,
                        line,
                        column,
                        ERROR,
                        f"a text of {len(encoded):,} bytes without a break begins here: more than the "
                        f"{LIMITS.text:,} bytes one paragraph of a TEI file may hold; divide it into "
                        "paragraphs (a blank line between them) and import again",
                        "source-too-long",
                    )
                )


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
    tree = module.to_tei(text, meta, **{k: v for k, v in extra.items() if k in accepted})
    _check_readable(tree, text, str(source))
    return tree
