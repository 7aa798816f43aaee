"""``edition pdf``: the print edition (:mod:`edition.pdf`) on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import config
from ..build import terminal_progress
from ..documents import find_xml_files, load_tei, with_neighbours
from ..rendering import is_register
from .errors import CannotRun
from .options import inputs, output_folder


@click.command("pdf")
@inputs()
@output_folder("Folder for the PDFs: NAME.pdf per document and edition.pdf for all of them.")
@click.option("--no-documents", is_flag=True, help="Write only edition.pdf, not a PDF per document.")
@click.option("--no-book", is_flag=True, help="Write only the PDF of each document, not edition.pdf.")
def pdf_command(paths: tuple[Path, ...], output: Path, no_documents: bool, no_book: bool) -> None:
    """Print edition: a PDF of each TEI document and one of them all (default folder: tei/).

    edition.pdf has a title page, the contents, the documents and indices of persons, places
    and organisations with its own page numbers. PATHS are TEI files or folders; registers
    among them are not printed as documents, and pointers resolve against the TEI files beside
    each file and the registers of the edition's edition.toml. The whole edition takes a few minutes (the thesis has 1,085 footnotes).
    """
    try:
        from ..pdf import write_pdfs
    except (ImportError, OSError) as exc:  # WeasyPrint or the Pango library it needs is missing
        raise CannotRun(
            f"cannot make PDFs without WeasyPrint ({exc}): install it with "
            "'pip install weasyprint' (it needs Debian's libpango-1.0-0)"
        ) from None
    folder = next((p if p.is_dir() else p.parent for p in paths), Path("tei"))
    files = find_xml_files(list(paths) or [Path("tei")])
    settings = config.for_edition(folder)
    sources = load_tei(files)
    documents = [s for s in sources if not is_register(s)]
    if not documents:
        raise click.UsageError("no TEI documents given (only registers or no .xml files)")
    try:
        written = write_pdfs(
            documents,
            with_neighbours(sources, config.register_files(settings)),
            output,
            each=not no_documents,
            book=not no_book,
            config=settings,
            progress=terminal_progress(),
        )
    finally:
        if sys.stderr.isatty():
            click.echo("\r\033[K", nl=False, err=True)
    for path in written:
        click.echo(f"wrote {path}")
