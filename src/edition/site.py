"""The HTML edition: a page per document (``xslt/html/document.xsl``), the home page
(``xslt/html/home.xsl``) and the site's style sheet and script (``xslt/html/assets``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .documents import Source
from .rendering import Rendering, output_names
from .saxon import XSLT_DIR
from .xmlio import atomic_write

HTML_DIR = XSLT_DIR / "html"
ASSETS = HTML_DIR / "assets"
HOME_PAGE = "index.html"


def write_assets(out_dir: Path) -> list[Path]:
    """Copy the style sheet and script into ``out_dir``."""
    written = []
    for asset in sorted(ASSETS.iterdir()):
        atomic_write(out_dir / asset.name, asset.read_bytes())
        written.append(out_dir / asset.name)
    return written


def write_site(documents: list[Source], edition: list[Source], out_dir: Path, *, home: bool = True,
               progress: Callable[[str], None] = lambda label: None) -> list[Path]:
    """Render ``documents`` (resolving pointers in ``edition``) as HTML pages into ``out_dir``,
    with the home page if ``home``, and the assets. Returns the pages written."""
    names = output_names(documents, ".html")
    parameters = dict(documents=[s.uri for s in documents], home_page=HOME_PAGE if home else "")
    pages = Rendering(HTML_DIR / "document.xsl", edition, **parameters)
    written = []
    for source in documents:
        progress(f"HTML {source.path.name}")
        atomic_write(out_dir / names[source.uri], pages.document(source))
        written.append(out_dir / names[source.uri])
    if home:
        atomic_write(out_dir / HOME_PAGE, Rendering(HTML_DIR / "home.xsl", edition, **parameters).initial_template())
        written.append(out_dir / HOME_PAGE)
    write_assets(out_dir)
    return written
