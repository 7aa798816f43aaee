"""A TEI file's page of the site and its text output, as the tests of one kind of TEI read them."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from edition.documents import load_tei
from edition.plaintext import write_texts
from edition.site import write_site


def outputs(path: Path, out: Path) -> tuple[html.HtmlElement, str]:
    """The HTML page (parsed) and the text of the TEI file ``path``, rendered alone into ``out``."""
    documents = load_tei([path])
    write_site(documents, documents, out / "site", home=False)
    write_texts(documents, documents, out / "text")
    page = html.parse(str(out / "site" / f"{path.stem}.html")).getroot()
    return page, (out / "text" / f"{path.stem}.txt").read_text(encoding="utf-8")
