"""``edition build``, ``edition html`` and ``edition text``: the reading outputs on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import ValidationFailed, build, terminal_progress
from .plaintext import NOTE_STYLES, write_texts
from .documents import find_xml_files, load_tei, with_neighbours
from .site import write_site


@click.command("build")
@click.argument("tei_dir", default="tei", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", default="build", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (replaced as a whole, only if an earlier build made it).")
@click.option("--no-validate", is_flag=True, help="Skip the validation that otherwise comes first.")
@click.option("--no-pdf", is_flag=True, help="Skip the print edition (the slowest part: minutes for the whole edition).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the per-document stages (default: one per core).")
@click.option("--full", is_flag=True, help="Rebuild everything, ignoring what the previous build into OUTPUT kept.")
def build_command(tei_dir: Path, output: Path, no_validate: bool, no_pdf: bool, jobs: int | None, full: bool) -> None:
    """Build the whole edition from TEI_DIR (default tei/): HTML site, plain text, indices, PDF.

    Validates first: with errors, they are listed as by `edition validate` and nothing is
    written (exit code 1). Writes OUTPUT/site, OUTPUT/text, OUTPUT/indices and OUTPUT/pdf;
    the previous output is replaced only when everything has been rendered. Only what changed
    since the previous build is redone; documents are rendered in parallel.
    """
    progress = terminal_progress()
    try:
        built = build(tei_dir, output, check=not no_validate, pdf=not no_pdf, jobs=jobs, incremental=not full,
                      progress=progress)
    except ValidationFailed as failed:
        progress("")
        for problem in failed.report.problems:
            click.echo(problem.format())
        click.echo(f"{failed.report.summary()}; nothing was built")
        sys.exit(1)
    finally:
        if sys.stderr.isatty():
            click.echo("\r\033[K", nl=False, err=True)
    click.echo(built.summary())


def _inputs(files: tuple[Path, ...]):
    paths = find_xml_files(list(files))
    if not paths:
        raise click.UsageError("no .xml files given")
    documents = load_tei(paths)
    return documents, with_neighbours(documents)


@click.command("html")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the pages (NAME.html per file) and their style sheet and script.")
def html_command(files: tuple[Path, ...], output: Path) -> None:
    """Render TEI files (of the edition or from elsewhere) as HTML pages.

    FILES are TEI files or folders; pointers resolve against the TEI files beside each file.
    """
    documents, edition = _inputs(files)
    for path in write_site(documents, edition, output, home=False):
        click.echo(f"wrote {path}")


@click.command("text")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the texts (NAME.txt per file).")
@click.option("--notes", type=click.Choice(NOTE_STYLES), default="endnotes", show_default=True,
              help="Footnotes as numbered endnotes, in brackets where they stand, or left out.")
def text_command(files: tuple[Path, ...], output: Path, notes: str) -> None:
    """Write the reading text of TEI files as plain UTF-8 text."""
    documents, edition = _inputs(files)
    for path in write_texts(documents, edition, output, notes=notes):
        click.echo(f"wrote {path}")
