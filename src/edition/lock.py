"""Locks: one writer at a time for an output folder (``edition build``) and for a TEI file
(``edition import``, ``edition annotate``).

A lock is an exclusive, non-blocking ``fcntl.flock`` on a hidden file beside what it protects
(``build/`` -> ``.build.lock``, ``tei/x.xml`` -> ``.x.xml.lock``). A second process that asks
for a lock already held is refused at once with a message that names the holder's process
id; it never waits. The kernel releases the lock when its holder exits, however it exits
(a crash or ``kill -9`` included), so a lock never outlives its process; on a normal release
the lock file is removed too (an inode check makes that safe against a process that opened
the file just before it went away). A lock file found with another process's id in it was
therefore left by a process that was killed: whoever takes the lock next is told (``abandoned``).
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import ERROR, InputError, Problem


class Locked(InputError):
    """What the lock protects is being written by another process (an :class:`InputError`)."""


def lock_path(target: str | os.PathLike) -> Path:
    """The lock file of ``target``: a hidden file beside it (beside what a symbolic link points to,
    so that every name of one folder or file shares one lock)."""
    target = Path(os.path.realpath(target))
    return target.parent / f".{target.name}.lock"


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def _acquire(path: Path) -> tuple[int, int] | None:
    """An open descriptor of ``path`` holding its exclusive lock and the process id the file held
    (0 if none: a new file), or None if another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return None
            raise
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            left = os.pread(fd, 32, 0).strip()
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            return fd, int(left) if left.isdigit() else 0
        os.close(fd)  # the previous holder removed this file after we opened it: take a fresh one


@contextmanager
def exclusive(
    target: str | os.PathLike, what: str, rule: str = "locked", abandoned: Callable[[int], None] = lambda pid: None
) -> Iterator[Path]:
    """Hold the lock of ``target`` for the ``with`` block; :class:`Locked` if another process has it.

    ``what`` completes the message: "another edition process is {what} ``target``". If a process
    that was killed while it held the lock left its lock file, ``abandoned`` gets its process id.
    """
    path = lock_path(target)
    acquired = _acquire(path)
    if acquired is None:
        raise Locked(
            Problem(
                str(target),
                0,
                0,
                ERROR,
                f"another edition process{_holder(path)} is {what} {target}; "
                f"try again when it has finished (lock file {path})",
                rule,
            )
        )
    fd, left = acquired
    try:
        if left:
            abandoned(left)
        yield path
    finally:
        try:
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)


def output_lock(output: str | os.PathLike, abandoned: Callable[[int], None] = lambda pid: None):
    """The lock of a build's output folder: ``with output_lock(output): ...`` around the build
    (``abandoned``: see :func:`exclusive`)."""
    return exclusive(output, "building into", "output-locked", abandoned)


@contextmanager
def tei_lock(path: str | os.PathLike) -> Iterator[Path]:
    """The lock of a TEI file while a command reads, changes and writes it. A file with other
    names (hard links) is refused: the write replaces the file, so they would keep the old
    content without a word."""
    with exclusive(path, "writing", "file-locked") as lock:
        names = os.stat(path).st_nlink if os.path.exists(path) else 1
        if names > 1:
            raise InputError(
                Problem(
                    str(path),
                    0,
                    0,
                    ERROR,
                    f"the file has {names} names (hard links): writing it would leave the other "
                    f"name{'s' * (names > 2)} with the old content, so it was not written; make it a file "
                    "of its own first (cp FILE FILE.new && mv FILE.new FILE)",
                    "file-hard-linked",
                )
            )
        yield lock
