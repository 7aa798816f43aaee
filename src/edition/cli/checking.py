"""``edition validate``, ``edition lint`` and ``edition stats``: checking and counting the markup."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import config
from ..problems import ERROR, MOST_PER_FILE, InputError, Problem, listed
from ..profiles import NAMES, TEI_ALL, Profile
from ..profiles import profile as profile_named
from .errors import INPUT_ERRORS
from .options import REGISTERS, inputs, report_format

#: The validation profile of validate, build and serve.
PROFILE = click.option(
    "--profile",
    "--schema",
    "profile",
    type=click.Choice(NAMES),
    default=None,
    help="What to check against: edition (the toolkit's customisation of TEI P5 and all its rules), "
    "tei-all (all of TEI P5 and only the rules that hold for any TEI: pointers resolve, ids are "
    "unique, dates are ISO 8601, ranges are in order) or custom (the grammar and Schematron that "
    "edition.toml names). Default: the profile of edition.toml's [validation], else edition.",
)


def chosen_profile(name: str | None, folder: Path) -> Profile:
    """The validation profile ``name``, else the one of the ``edition.toml`` of the edition in
    ``folder``; its errors are the input's (listed, exit code 1)."""
    try:
        settings = config.for_edition(folder)
    except InputError as error:
        click.echo(error.problem.format())
        click.echo("the edition's configuration has errors; nothing was checked")
        sys.exit(INPUT_ERRORS)
    try:
        return profile_named(name, settings.validation)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@PROFILE
@report_format(
    "text: one 'path:line:column: severity: message [rule]' line per problem and a summary; json: one object for tools."
)
@click.option("--no-warnings", is_flag=True, help="Do not list warnings (they are still counted).")
@click.option(
    "--max-problems",
    type=click.IntRange(min=0),
    default=MOST_PER_FILE,
    show_default=True,
    metavar="N",
    help="List at most N problems of each file and count the rest on one line (0: list them all; "
    "--format json always lists them all).",
)
@click.option(
    "--fail-fast",
    is_flag=True,
    help="Check file by file and stop at the first file with an error "
    "(by default every file is checked, whatever the others hold).",
)
def validate(
    paths: tuple[Path, ...], profile: str | None, output: str, no_warnings: bool, max_problems: int, fail_fast: bool
) -> None:
    """Check TEI files and folders: well-formedness, RELAX NG, Schematron, cross-file references.

    PATHS are files or folders (searched for *.xml); the default is tei/. References are
    resolved against the TEI files in each file's folder (the edition); the registers that
    edition.toml names elsewhere are checked with them. Every file is checked
    even when others are malformed, unless --fail-fast. Exit code 0 only when there is no
    error; 1 when there are errors.
    """
    from ..validate import validate as run

    folder = next((p if p.is_dir() else p.parent for p in paths), Path("tei"))
    chosen = chosen_profile(profile, folder)
    # the edition's registers elsewhere (edition.toml's registers) are checked with it, as by build
    targets = config.with_registers(list(paths) or [Path("tei")], config.for_edition(folder))
    if chosen.grammar == TEI_ALL and output == "text":
        click.echo("TEI P5 (tei_all.rng): compiling it for files not checked before takes about 15 s…", err=True)
    if fail_fast:
        report, stopped = _validate_until_error(run, targets, chosen)
    else:
        report, stopped = run(targets, chosen), None
    if output == "json":
        click.echo(
            json.dumps(
                dict(report.as_dict(), **({"stopped_at": str(stopped)} if stopped else {})),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        shown = (p for p in report.problems if not (no_warnings and p.severity == "warning"))
        for line in listed(shown, max_problems):
            click.echo(line)
        click.echo(report.summary() + (f"; stopped at {stopped} (--fail-fast)" if stopped else ""))
    sys.exit(0 if report.ok else INPUT_ERRORS)


def _validate_until_error(run, paths: list[Path], profile: Profile):
    """Validate the files of ``paths`` one at a time until one has an error: (report, that file or None)."""
    from ..documents import find_xml_files

    files = find_xml_files(paths)
    total = run([], profile)
    for path in files:
        one = run([path], profile)
        total.files += one.files
        total.problems.extend(one.problems)
        if not one.ok:
            return total, path
    return total, None


@click.command("lint")
@inputs()
@REGISTERS
@click.option("--strict", is_flag=True, help="Exit with code 1 when there is a warning.")
@report_format("text: one 'path:line:column: warning: message [rule]' line each; json: a list for tools.")
def lint_command(paths: tuple[Path, ...], registers: Path | None, strict: bool, output: str) -> None:
    """Warn about entity and date markup that validation does not check (PATHS, default tei/).

    Known names left untagged, one text pointing to different entries, mentions whose text is
    not among their entry's forms, dates whose normalisation disagrees with their text. Exit
    code 0; 1 when a file cannot be read (an error) or, with --strict, when there is a warning.
    """
    from ..annotate.lint import lint

    problems = lint(list(paths) or [Path("tei")], registers)
    errors = sum(p.severity == ERROR for p in problems)
    if output == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(problem.format())
        warnings = len(problems) - errors
        click.echo(
            (f"{errors} error{'' if errors == 1 else 's'}, " if errors else "")
            + f"{warnings} warning{'' if warnings == 1 else 's'}"
        )
    sys.exit(INPUT_ERRORS if errors or (strict and problems) else 0)


@click.command("stats")
@inputs()
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table: aligned columns for the terminal; json or csv: for tools and spreadsheets.",
)
def stats_command(paths: tuple[Path, ...], output: str) -> None:
    """Count mentions and distinct entities per document and type (PATHS, default tei/).

    A file that is not a TEI document is left out with a warning.
    """
    from ..annotate.stats import count, render

    skipped: list[Problem] = []
    counted = count(list(paths) or [Path("tei")], skipped)
    for problem in skipped:
        click.echo(problem.format(), err=True)
    click.echo(render(counted, output))
