"""Worker processes that stop with the command that started them.

A terminal sends Ctrl-C (SIGINT) to every process of the foreground group, the workers of a
build included; only the command should act on it (its cleanup stops them). So workers are
started with SIGINT blocked (:func:`spawning`: they inherit the mask of the thread that starts
them, before the interpreter even runs) and ignore it once started (:func:`attach`). A
command that is killed outright (``kill -9``, the out-of-memory killer) runs no cleanup:
each worker then dies with it, by ``PR_SET_PDEATHSIG`` on Linux and, anywhere, by a watch on
its parent's process id. :func:`stop` ends the workers of a pool at once, without waiting for
the tasks they are running.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

#: ``prctl`` option: the signal a process gets when its parent exits (linux/prctl.h).
PR_SET_PDEATHSIG = 1
#: Seconds between two looks of a worker at its parent's process id.
WATCH_INTERVAL = 1.0


@contextmanager
def spawning() -> Iterator[None]:
    """Processes started in the block begin with SIGINT blocked (a Ctrl-C meanwhile stays pending
    in them, and :func:`attach` discards it); this thread's mask is restored after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def attach(parent: int) -> None:
    """In a worker, first thing: ignore Ctrl-C (the command started by ``parent`` acts on it) and
    die with ``parent`` however it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the kernel was told
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    """Exit as soon as the parent has gone (the worker is then another process's child)."""
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os._exit(1)


def stop(executor: ProcessPoolExecutor) -> None:
    """End the workers of ``executor`` now (their tasks are not wanted any more) and let it go.

    Tasks already cancelled (``Executor.map`` cancels the rest when its caller is interrupted)
    are taken off the pool's list first: on the workers' death the pool marks every listed task
    failed, and Python 3.11 raises ``InvalidStateError`` in its manager thread for a cancelled
    one, which prints a traceback (fixed in later Pythons by skipping finished tasks)."""
    pending = executor._pending_work_items
    for work_id, item in list(pending.items()):
        if item.future.done():
            pending.pop(work_id, None)
    for process in list((executor._processes or {}).values()):
        process.kill()
    executor.shutdown(wait=True, cancel_futures=True)
