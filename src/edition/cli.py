"""The ``edition`` command line: a thin layer over the library."""

from __future__ import annotations

import errno
import json
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .problems import InputError
from .saxon import SaxonError


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP): unwinds like Ctrl-C, so that every
    ``finally`` runs (temporary files and folders removed, locks released)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _terminate(signum, _frame) -> None:
    raise Terminated(signum)


@contextmanager
def _stop_signals_unwind():
    """SIGTERM and SIGHUP raise :class:`Terminated` in the main thread for the duration."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class Group(click.Group):
    """Turns expected failures into one readable line and exit code 2; ``--debug`` shows tracebacks.

    Ctrl-C and SIGTERM stop a command cleanly: its ``finally`` blocks run (a build's temporary
    folder is removed and the previous output kept), one line says so, and the exit code is
    128 + the signal number (130, 143), as a shell reports it.
    """

    def invoke(self, ctx: click.Context):
        try:
            with _stop_signals_unwind():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except (KeyboardInterrupt, Terminated, Exception) as exc:
            message, code = _explain(exc)
            click.echo(message, err=True)
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exception(exc)
            ctx.exit(code)


def _explain(exc: BaseException) -> tuple[str, int]:
    """The one line shown for ``exc`` and the exit code."""
    if isinstance(exc, KeyboardInterrupt):
        return "edition: interrupted (Ctrl-C); files being written were left as they were", 128 + signal.SIGINT
    if isinstance(exc, Terminated):
        return f"edition: stopped by {exc}; files being written were left as they were", 128 + exc.signum
    if isinstance(exc, InputError):
        return exc.problem.format(), 2
    if isinstance(exc, (SaxonError, OSError)):
        return f"edition: error: {_os_message(exc)}", 2
    if isinstance(exc, RecursionError):
        return "edition: error: the document is nested too deeply to be processed (run with --debug for details)", 2
    if isinstance(exc, MemoryError):
        return "edition: error: out of memory (the input is too large for this machine)", 2
    # a bug: say so plainly, never show a traceback unless asked
    return f"edition: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", 2


def _os_message(exc: BaseException) -> str:
    """An OSError as one line: the message and the file it concerns (a full disk is named as such)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        hint = " (the disk is full)" if exc.errno == errno.ENOSPC else ""
        return f"{exc.strerror}{hint}{where}"
    return str(exc)


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
@click.option("--fail-fast", is_flag=True, help="Check file by file and stop at the first file with an error "
              "(by default every file is checked, whatever the others hold).")
def validate(paths: tuple[Path, ...], schema: str, output: str, no_warnings: bool, fail_fast: bool) -> None:
    """Check TEI files and folders: well-formedness, RELAX NG, Schematron, cross-file references.

    PATHS are files or folders (searched for *.xml); the default is tei/. References are
    resolved against the TEI files in each file's folder (the edition). Every file is checked
    even when others are malformed, unless --fail-fast. Exit code 0 only when there is no
    error; 1 when there are errors.
    """
    from .validate import validate as run

    if schema == "tei-all" and output == "text":
        click.echo("Compiling the TEI P5 grammar (tei_all.rng): this takes about 15 seconds…", err=True)
    targets = list(paths) or [Path("tei")]
    if fail_fast:
        report, stopped = _validate_until_error(run, targets, schema)
    else:
        report, stopped = run(targets, schema=schema), None
    if output == "json":
        click.echo(json.dumps(dict(report.as_dict(), **({"stopped_at": str(stopped)} if stopped else {})),
                              ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            if not (no_warnings and problem.severity == "warning"):
                click.echo(problem.format())
        click.echo(report.summary() + (f"; stopped at {stopped} (--fail-fast)" if stopped else ""))
    sys.exit(0 if report.ok else 1)


def _validate_until_error(run, paths: list[Path], schema: str):
    """Validate the files of ``paths`` one at a time until one has an error: (report, that file or None)."""
    from .documents import find_xml_files

    files = find_xml_files(paths)
    total = run([], schema=schema)
    for path in files:
        one = run([path], schema=schema)
        total.files += one.files
        total.problems.extend(one.problems)
        if not one.ok:
            return total, path
    return total, None


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
