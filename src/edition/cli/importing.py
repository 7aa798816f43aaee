"""``edition import``: convert a source text into a TEI skeleton.

    edition import SOURCE --format plain-article|encyclopedia|markdown-pdf [--meta FILE]
                   -o tei/x.xml [--force] [--date YYYY-MM-DD]

The files in ``tei/`` are the curated sources of truth once imported: an existing output
file is never overwritten unless ``--force`` is given. A source or output that cannot be used
is reported as ``path:line:column: error: message [rule]`` with exit code 2, as for every
command that could not run.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..importers import conversion
from ..importers.common import load_meta, write_tei
from ..lock import tei_lock
from ..problems import ERROR, InputError, Problem
from .errors import fail


def _current(path: Path) -> bytes | None:
    """The bytes of ``path`` now (None if it does not exist): compared before the write."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return b""
    except OSError as exc:
        raise InputError(
            Problem(str(path), 0, 0, ERROR, f"cannot read the output file: {exc.strerror or exc}", "file-unreadable")
        ) from None


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(sorted(conversion.FORMAT_MODULES)),
    help="The shape of the source text.",
)
@click.option(
    "--meta",
    "meta_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="TOML or JSON file with the document's metadata (key, title, authors, DOI …).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The TEI file to write."
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists (it may hold curated work).")
@click.option(
    "--date", "today", metavar="YYYY-MM-DD", help="Date of the import change in revisionDesc (default: today)."
)
def import_command(
    source: Path, fmt: str, meta_file: Path | None, output: Path, force: bool, today: str | None
) -> None:
    """Convert SOURCE into a TEI file (a skeleton to be curated by hand afterwards)."""
    before = _current(output)
    if before is not None and not force:
        fail(
            Problem(
                str(output),
                0,
                0,
                ERROR,
                "the output file exists and may hold curated work; not overwritten (use --force to replace it)",
                "import-exists",
            )
        )
    if today is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", today):
        raise click.BadParameter("expected YYYY-MM-DD", param_hint="--date")
    try:
        meta = load_meta(meta_file) if meta_file else conversion.default_meta(source)
        if not meta.source_file:
            meta.source_file = str(source)
        tree = conversion.convert(source, fmt, meta, today=today, meta_path=str(meta_file or source))
    except ModuleNotFoundError as exc:
        fail(Problem(str(source), 0, 0, ERROR, f"the importer for {fmt} is not available: {exc}", "import-format"))
    except (ValueError, KeyError, TypeError) as exc:
        fail(Problem(str(source), 0, 0, ERROR, f"cannot convert the source: {exc}", "import-failed"))
    try:
        with tei_lock(output):
            if _current(output) != before:
                fail(
                    Problem(
                        str(output),
                        0,
                        0,
                        ERROR,
                        "the output file changed on disk while the source was being "
                        "converted; not overwritten: run the command again",
                        "import-changed",
                    )
                )
            write_tei(tree, output)
    except OSError as exc:
        fail(Problem(str(output), 0, 0, ERROR, f"cannot write the output: {exc.strerror or exc}", "file-unwritable"))
    click.echo(f"{output}: written from {source} ({fmt})")
