"""The ``edition`` command line: a thin layer over the library."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .problems import InputError
from .saxon import SaxonError


class Group(click.Group):
    """Turns expected failures into one readable line and exit code 2; ``--debug`` shows tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except InputError as exc:
            click.echo(exc.problem.format(), err=True)
        except (SaxonError, OSError) as exc:
            click.echo(f"edition: error: {exc}", err=True)
        except Exception as exc:  # a bug: say so plainly, never show a traceback unless asked
            click.echo(f"edition: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        if ctx.obj and ctx.obj.get("debug"):
            traceback.print_exc()
        ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Validate, import, annotate and publish TEI P5 editions."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", type=click.Choice(["edition", "tei-all"]), default="edition", show_default=True,
              help="Grammar to check against: the edition's customisation (schema/edition.rng) or all of "
                   "TEI P5 4.3.0 (tei_all.rng, for TEI files from elsewhere; compiling it takes about 15 s).")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one 'path:line:column: severity: message [rule]' line per problem and a summary; "
                   "json: one object for tools.")
@click.option("--no-warnings", is_flag=True, help="Do not list warnings (they are still counted).")
def validate(paths: tuple[Path, ...], schema: str, output: str, no_warnings: bool) -> None:
    """Check TEI files and folders: well-formedness, RELAX NG, Schematron, cross-file references.

    PATHS are files or folders (searched for *.xml); the default is tei/. References are
    resolved against the TEI files in each file's folder (the edition). Exit code 0 only
    when there is no error; 1 when there are errors.
    """
    from .validate import validate as run

    if schema == "tei-all" and output == "text":
        click.echo("Compiling the TEI P5 grammar (tei_all.rng): this takes about 15 seconds…", err=True)
    report = run(list(paths) or [Path("tei")], schema=schema)
    if output == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            if not (no_warnings and problem.severity == "warning"):
                click.echo(problem.format())
        click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("odd_file", metavar="ODD", default="schema/edition.odd",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", default="schema/edition.rng", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Where to write the RELAX NG schema.")
@click.option("--tei-all", "tei_all", default="schema/tei_all.rng", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The TEI P5 grammar the customisation restricts.")
def odd(odd_file: Path, output: Path, tei_all: Path) -> None:
    """Derive a RELAX NG schema from an ODD customisation (ODD, default schema/edition.odd).

    Only restrictions of TEI P5 are accepted (element include lists, closed value lists,
    attribute deletions), so whatever the schema accepts is valid TEI P5 too.
    """
    from .odd import OddError, build_rng
    from .xmlio import atomic_write

    try:
        atomic_write(output, build_rng(odd_file, tei_all))
    except OddError as exc:
        raise click.ClickException(f"{odd_file}: {exc}") from None
    click.echo(f"wrote {output}")


# Commands defined beside the library code they drive; one line each.
from .importers.cli import import_command; main.add_command(import_command)  # noqa: E402
from .indices import index_command; main.add_command(index_command)  # noqa: E402
from .annotate.cli import annotate_command; main.add_command(annotate_command)  # noqa: E402
from .annotate.cli import lint_command; main.add_command(lint_command)  # noqa: E402
from .annotate.cli import stats_command; main.add_command(stats_command)  # noqa: E402
from .publish_cli import build_command; main.add_command(build_command)  # noqa: E402
from .publish_cli import html_command; main.add_command(html_command)  # noqa: E402
from .publish_cli import text_command; main.add_command(text_command)  # noqa: E402
from .serve import serve_command; main.add_command(serve_command)  # noqa: E402
from .pdf_cli import pdf_command; main.add_command(pdf_command)  # noqa: E402
