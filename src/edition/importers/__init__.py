"""Importers: converters from one shape of source text to a TEI P5 skeleton.

* :mod:`.common`: the shared TEI-building layer (metadata, header, ids, serialisation);
* :mod:`.plain_article`: plain article text with headings on their own lines;
* :mod:`.encyclopedia`: a single-line encyclopedia text;
* :mod:`.markdown_pdf`: Markdown converted from a PDF (footnotes, page ends);
* :mod:`.conversion`: runs the importer of a format on a source file (the ``edition import``
  command is in :mod:`edition.cli.importing`).

Every importer offers ``to_tei(text: str, meta: SourceMeta) -> lxml.etree._ElementTree``.
"""

from .common import Author, Change, Decision, SourceMeta, build_header, build_tei, load_meta, serialize, write_tei

FORMATS = ("plain-article", "encyclopedia", "markdown-pdf")

__all__ = [
    "Author",
    "Change",
    "Decision",
    "FORMATS",
    "SourceMeta",
    "build_header",
    "build_tei",
    "load_meta",
    "serialize",
    "write_tei",
]
