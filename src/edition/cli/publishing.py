"""``edition build``, ``html``, ``text``, ``index`` and ``serve``: the outputs of the edition on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import config
from ..build import Built, ValidationFailed, build, terminal_progress
from ..config import Config
from ..documents import Source, find_xml_files, load_tei, with_neighbours
from ..indices import INDEX_FORMATS, write_indices
from ..plaintext import NOTE_STYLES, write_texts
from ..problems import InputError, listed
from ..serve import HOST, serve_site, snapshot, try_build, watch
from ..site import write_site
from .checking import PROFILE, chosen_profile
from .errors import INPUT_ERRORS, CannotRun, HasErrors
from .options import TEI_DIR, inputs, no_validate, output_folder


@click.command("build")
@TEI_DIR
@output_folder("Output folder (replaced as a whole, only if an earlier build made it).", "build")
@no_validate("Skip the validation that otherwise comes first.")
@click.option(
    "--no-pdf", is_flag=True, help="Skip the print edition (the slowest part: minutes for the whole edition)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for the per-document stages (default: one per core).",
)
@click.option("--full", is_flag=True, help="Rebuild everything, ignoring what the previous build into OUTPUT kept.")
@PROFILE
def build_command(
    tei_dir: Path, output: Path, no_validate: bool, no_pdf: bool, jobs: int | None, full: bool, profile: str | None
) -> None:
    """Build the whole edition from TEI_DIR (default tei/): HTML site, plain text, indices, PDF.

    Validates first: with errors, they are listed as by `edition validate` and nothing is
    written (exit code 1). Writes OUTPUT/site, OUTPUT/text, OUTPUT/indices and OUTPUT/pdf;
    the previous output is replaced only when everything has been rendered. Only what changed
    since the previous build is redone; documents are rendered in parallel.
    """
    progress = terminal_progress()
    try:
        built = build(
            tei_dir,
            output,
            check=not no_validate,
            pdf=not no_pdf,
            jobs=jobs,
            incremental=not full,
            progress=progress,
            notice=lambda line: click.echo(line, err=True),
            profile=_profile(profile, tei_dir),
        )
    except ValidationFailed as failed:
        progress("")
        for line in listed(failed.report.problems):
            click.echo(line)
        click.echo(f"{failed.report.summary()}; nothing was built")
        sys.exit(INPUT_ERRORS)
    finally:
        if sys.stderr.isatty():
            click.echo("\r\033[K", nl=False, err=True)
    for line in listed(built.warnings):
        click.echo(line)
    click.echo(built.summary())


def _profile(name: str | None, tei_dir: Path) -> str | None:
    """``name`` (of --profile), refused if it is custom and the edition's configuration names no
    grammar or rules; the build reads the configuration itself."""
    if name == "custom":
        chosen_profile(name, tei_dir)
    return name


def _inputs(files: tuple[Path, ...]) -> tuple[list[Source], list[Source], Config]:
    """The documents ``files`` names, what their pointers may resolve into, and the configuration
    of their edition (the ``edition.toml`` found from the first one's folder upwards; its errors
    are the input's: listed, exit code 1)."""
    paths = find_xml_files(list(files))
    if not paths:
        raise click.UsageError("no .xml files given")
    try:
        settings = config.dated(config.for_edition(paths[0].parent))
    except InputError as error:
        click.echo(error.problem.format())
        click.echo("the edition's configuration has errors; nothing was written")
        sys.exit(INPUT_ERRORS)
    documents = load_tei(paths)
    return documents, with_neighbours(documents, config.register_files(settings)), settings


@click.command("html")
@inputs("files", required=True)
@output_folder("Folder for the pages (NAME.html per file), their TEI sources, style sheet and script.")
def html_command(files: tuple[Path, ...], output: Path) -> None:
    """Render TEI files (of the edition or from elsewhere) as HTML pages.

    FILES are TEI files or folders; pointers resolve against the TEI files beside each file and
    the registers of the edition.toml found from their folder upwards, whose texts (title,
    editors, licence, citation …) the pages show as the built site does.
    """
    documents, edition, settings = _inputs(files)
    for path in write_site(documents, edition, output, home=False, config=settings):
        click.echo(f"wrote {path}")


@click.command("text")
@inputs("files", required=True)
@output_folder("Folder for the texts (NAME.txt per file).")
@click.option(
    "--notes",
    type=click.Choice(NOTE_STYLES),
    default="endnotes",
    show_default=True,
    help="Footnotes as numbered endnotes, in brackets where they stand, or left out.",
)
def text_command(files: tuple[Path, ...], output: Path, notes: str) -> None:
    """Write the reading text of TEI files as plain UTF-8 text.

    Pointers resolve as for edition html: against the files beside each file and the registers
    of their edition.toml.
    """
    documents, edition, settings = _inputs(files)
    for path in write_texts(documents, edition, output, notes=notes, config=settings):
        click.echo(f"wrote {path}")


@click.command("index")
@inputs(required=True)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(INDEX_FORMATS),
    help="Output format; repeat for several (default: all): tei (indices.xml), json (indices.json), "
    "csv (persons/places/orgs/dates/works.csv), sqlite (indices.sqlite), cmif (letters.xml: the "
    "letters' correspondence as CMIF, if there are letters).",
)
@output_folder("Folder to write the indices into.", "build/indices")
def index_command(paths: tuple[Path, ...], formats: tuple[str, ...], output: Path) -> None:
    """Indices of persons, places, organisations, events, dates and works cited, with every mention.

    PATHS are TEI files or folders (searched for *.xml), of the edition or from elsewhere;
    pointers are resolved against the TEI files in each file's folder and the registers of the
    edition.toml found from there upwards. Without registers, names are grouped by their @ref or
    @key, else by their text.
    """
    files = find_xml_files(list(paths))
    if not files:
        raise click.UsageError(f"no .xml files in {', '.join(map(str, paths))}")
    settings = config.dated(config.for_edition(files[0].parent))
    written = write_indices(
        load_tei(files),
        output,
        set(formats or INDEX_FORMATS),
        settings.languages[0],
        config.register_files(settings),
        settings,
    )
    for path in written:
        click.echo(f"wrote {path}")


@click.command("serve")
@TEI_DIR
@output_folder("Output folder of the build (as for edition build); its site/ is served.", "build")
@click.option(
    "-p",
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 (0: any free port).",
)
@no_validate("Skip the validation before each build.")
@PROFILE
def serve_command(tei_dir: Path, output: Path, port: int, no_validate: bool, profile: str | None) -> None:
    """Build the edition from TEI_DIR (default tei/), serve it on http://127.0.0.1:PORT/ and
    rebuild it whenever a TEI file is saved.

    A failed rebuild prints its errors and the previous site stays online. Stop with Ctrl+C.
    """
    seen = snapshot(tei_dir)  # before the build: a file saved while it runs is rebuilt
    profile = _profile(profile, tei_dir)
    first = try_build(tei_dir, output, not no_validate, click.echo, profile)
    if not isinstance(first, Built) and not (output / "site").is_dir():
        message = "the first build failed and there is no earlier site to serve"
        if isinstance(first, ValidationFailed):
            raise HasErrors(message)
        raise CannotRun(message)
    try:
        server = serve_site(output / "site", port)
    except OSError as exc:
        raise CannotRun(
            f"cannot serve on {HOST}:{port}: {exc.strerror or exc}; choose another port with --port"
        ) from None
    click.echo(
        f"serving {output / 'site'} at http://{HOST}:{server.server_address[1]}/ (Ctrl+C to stop); "
        f"watching {tei_dir}/ for changes"
    )
    try:  # until Ctrl-C (exit code 130, as for every command)
        watch(tei_dir, output, not no_validate, click.echo, seen, profile)
    finally:
        server.shutdown()
        server.server_close()
