"""The ``edition`` command as installed (and ``python -m edition``).

Importing the command line (lxml, SaxonC, click and the toolkit) takes about a second; a Ctrl-C
meanwhile ends the command as a later one does (:mod:`edition.cli.errors`): one line, exit code
130, no traceback.
"""

from __future__ import annotations

import signal
import sys

#: What a command stopped by Ctrl-C says.
INTERRUPTED = "edition: interrupted (Ctrl-C); files being written were left as they were"


#: Whether a Ctrl-C came before the command took charge of the stop signals.
_stopped: list[int] = []
#: Whether the command line is still being imported (a Ctrl-C then unwinds the import).
_importing: list[bool] = [True]


def _interrupted(signum, frame) -> None:
    if not _stopped:  # a second Ctrl-C changes nothing: the process is ending
        _stopped.append(signum)
        if _importing:
            raise KeyboardInterrupt


def stopped_early() -> bool:
    """Whether a Ctrl-C came between the import and the moment the command took charge of the
    stop signals (:mod:`edition.cli.errors`), which then ends the command as it would have."""
    return bool(_stopped)


def main() -> None:
    """Import the command line and run it. A Ctrl-C during the import ends the command even if
    its exception was swallowed on the way (an extension module's initialisation may do that);
    one that comes after it is only noted, for the command to act on."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not if started ignoring it
        signal.signal(signal.SIGINT, _interrupted)
    try:
        from .cli import main as command
    except KeyboardInterrupt:
        pass
    _importing.clear()
    if _stopped:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(128 + signal.SIGINT)
    command()


if __name__ == "__main__":
    main()
