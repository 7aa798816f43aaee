"""The plain-text output (``xslt/text/text.xsl``): the reading text of each document, UTF-8."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .documents import Source
from .rendering import Rendering, output_names
from .saxon import XSLT_DIR
from .xmlio import atomic_write

TEXT_XSL = XSLT_DIR / "text" / "text.xsl"
NOTE_STYLES = ("endnotes", "inline", "none")


def write_texts(documents: list[Source], edition: list[Source], out_dir: Path, *, notes: str = "endnotes",
                progress: Callable[[str], None] = lambda label: None) -> list[Path]:
    """Write the reading text of each of ``documents`` to ``out_dir`` as ``<name>.txt``."""
    names = output_names(documents, ".txt")
    rendering = Rendering(TEXT_XSL, edition, notes=notes)
    written = []
    for source in documents:
        progress(f"text {source.path.name}")
        atomic_write(out_dir / names[source.uri], rendering.document(source))
        written.append(out_dir / names[source.uri])
    return written
