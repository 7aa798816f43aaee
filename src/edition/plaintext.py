"""The plain-text output (:data:`edition.outputs.TEXT`): the reading text of each document, UTF-8."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .config import DEFAULT, Config
from .documents import Source
from .outputs import TEXT, Scope
from .rendering import write_each

NOTE_STYLES = ("endnotes", "inline", "none")


def write_texts(
    documents: list[Source],
    edition: list[Source],
    out_dir: Path,
    *,
    notes: str = "endnotes",
    config: Config = DEFAULT,
    progress: Callable[[str], None] = lambda label: None,
) -> list[Path]:
    """Write the reading text of each of ``documents`` to ``out_dir`` as ``<name>.txt``, as the
    edition's ``config`` says (its interface language, its base witness, the reading of its
    transcription)."""
    parameters = TEXT.parameters(Scope([], notes=notes, edition=config))
    return write_each(TEXT, documents, edition, out_dir, parameters, progress)[0]
