"""The exit-code rule every command keeps, and failures as one line (never a traceback).

* 0: done;
* 1 (:data:`INPUT_ERRORS`): the input has errors, each listed as ``path:line:column: …``:
  what checking finds (``validate``, ``lint --strict``, the validation ``build`` and
  ``serve`` run first);
* 2 (:data:`CANNOT_RUN`): the command could not run: wrong usage (click's usage errors), an
  input that is missing or cannot be used (not well-formed, not TEI, locked by another
  process: :class:`edition.problems.InputError`), an output it may not or cannot write, a
  missing dependency, an internal error;
* 130, 143: stopped by Ctrl-C or SIGTERM (128 + the signal number, as a shell reports it).
"""

from __future__ import annotations

import errno
import signal
import sqlite3
import threading
import traceback
from contextlib import contextmanager
from typing import NoReturn

import click

from ..__main__ import INTERRUPTED, stopped_early
from ..problems import InputError, Problem
from ..saxon import SaxonError

INPUT_ERRORS = 1
CANNOT_RUN = 2


class HasErrors(click.ClickException):
    """The input has errors (already listed): ``Error: message`` and exit code 1."""

    exit_code = INPUT_ERRORS


class CannotRun(click.ClickException):
    """The command could not run: ``Error: message`` and exit code 2."""

    exit_code = CANNOT_RUN


def fail(problem: Problem) -> NoReturn:
    """Show ``problem`` on stderr and exit: the command could not run."""
    click.echo(problem.format(), err=True)
    raise click.exceptions.Exit(CANNOT_RUN)


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP): unwinds like Ctrl-C, so that every
    ``finally`` runs (temporary files and folders removed, worker processes stopped, locks
    released)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


#: The signals that stop a command: Ctrl-C, SIGTERM, a closed terminal.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _stop(signum, _frame) -> None:
    """Unwind the command (:class:`KeyboardInterrupt` for Ctrl-C, else :class:`Terminated`). The
    process is ending: from now on it ignores every stop signal, so that a second Ctrl-C cannot
    cut its cleanup (or the exit handlers of the standard library) short."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    _received.append(signum)
    raise _unwinding(signum)


#: The stop signal that arrived, if any: a library may turn the exception it raises into one of
#: its own (orjson, when it comes during a callback), and the command was stopped all the same.
_received: list[int] = []


def _unwinding(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated(signum)


@contextmanager
def _stop_signals_unwind():
    """The stop signals unwind the main thread for the duration (those the process was started
    ignoring, as ``nohup`` or a background job does, stay ignored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(sig, _stop)
    try:
        if stopped_early():
            raise KeyboardInterrupt
        yield
    finally:
        for sig, handler in previous.items():
            if signal.getsignal(sig) is _stop:  # none has arrived (else they stay ignored)
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
        except (click.exceptions.Exit, click.ClickException):
            raise
        except (click.Abort, KeyboardInterrupt, Terminated, Exception) as exc:
            stopped = _received and not isinstance(exc, (KeyboardInterrupt, Terminated))
            message, code = _explain(_unwinding(_received[0]) if stopped else exc)
            click.echo(message, err=True)
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exception(exc)
            ctx.exit(code)


def _explain(exc: BaseException) -> tuple[str, int]:
    """The one line shown for ``exc`` and the exit code."""
    if isinstance(exc, click.Abort):  # a question in the terminal was not answered
        if isinstance(exc.__context__, KeyboardInterrupt):
            return _explain(exc.__context__)
        return "edition: error: the input ended before every question was answered", CANNOT_RUN
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED, 128 + signal.SIGINT
    if isinstance(exc, Terminated):
        return f"edition: stopped by {exc}; files being written were left as they were", 128 + exc.signum
    if isinstance(exc, InputError):
        return exc.problem.format(), CANNOT_RUN
    if isinstance(exc, (SaxonError, OSError)):
        return f"edition: error: {_os_message(exc)}", CANNOT_RUN
    if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):  # "database or disk is full"
        return (
            "edition: error: No space left on device (the disk is full: the index store could not be "
            "written); free some space and run the command again",
            CANNOT_RUN,
        )
    if isinstance(exc, RecursionError):
        return (
            "edition: error: the document is nested too deeply to be processed (run with --debug for details)",
            CANNOT_RUN,
        )
    if isinstance(exc, MemoryError):
        return "edition: error: out of memory (the input is too large for this machine)", CANNOT_RUN
    # a bug: say so plainly, never show a traceback unless asked
    return f"edition: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", CANNOT_RUN


def _os_message(exc: BaseException) -> str:
    """An OSError as one line: the message and the file it concerns (a full disk is named as such)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        hint = " (the disk is full)" if exc.errno == errno.ENOSPC else ""
        return f"{exc.strerror}{hint}{where}"
    return str(exc)
