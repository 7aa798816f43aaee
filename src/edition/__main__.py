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


#: Whether a Ctrl-C came while the command line was being imported.
_stopped: list[int] = []


def _interrupted(signum, frame) -> None:
    if not _stopped:  # a second Ctrl-C changes nothing: the process is ending
        _stopped.append(signum)
        raise KeyboardInterrupt


def main() -> None:
    """Import the command line and run it. A Ctrl-C during the import ends the command even if
    its exception was swallowed on the way (an extension module's initialisation may do that)."""
    default = signal.getsignal(signal.SIGINT)
    if default is signal.default_int_handler:  # not if the process was started ignoring Ctrl-C
        signal.signal(signal.SIGINT, _interrupted)
    try:
        from .cli import main as command
    except KeyboardInterrupt:
        pass
    if _stopped:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(128 + signal.SIGINT)
    if signal.getsignal(signal.SIGINT) is _interrupted:
        signal.signal(signal.SIGINT, default)
    command()


if __name__ == "__main__":
    main()
