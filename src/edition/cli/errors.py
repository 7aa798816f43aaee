"""Failures as one line and an exit code (never a traceback): the group of every command."""

from __future__ import annotations

import errno
import signal
import threading
import traceback
from contextlib import contextmanager

import click

from ..problems import InputError
from ..saxon import SaxonError


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
