"""Signals and kills: Ctrl-C from a terminal (SIGINT to the whole process group, once or
several times in a row), ``kill -9`` of a build (what the out-of-memory killer does), and what
the next build finds. Real ``edition`` processes, each in a session of its own, whose every
process (the worker processes, multiprocessing's resource tracker, Pagefind) is found in /proc.
Each test backs a row of docs/robustness.md.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_EDITION, ROOT

from edition.__main__ import INTERRUPTED

EDITION = str(ROOT / ".venv" / "bin" / "edition")
#: This edition's TEI: large enough that its build and its validation are still running when the
#: Ctrl-C comes, on a quiet machine too (the fixture edition is built in about a second).
EDITION_TEI = ROOT / "tei"


def session(sid: int) -> dict[int, str]:
    """The live processes of the session ``sid``: process id -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile
        state, _ppid, _group, their_session = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(their_session) == sid and state != "Z":
            found[int(entry.name)] = command
    return found


def workers(sid: int) -> set[int]:
    return {pid for pid, command in session(sid).items() if "spawn_main" in command}


def start(*args: str) -> subprocess.Popen:
    """``edition ARGS`` in a session of its own, Ctrl-C acting as in a terminal (a suite started
    in the background ignores SIGINT: its children must not inherit that)."""
    return subprocess.Popen(
        [EDITION, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_for(condition, process: subprocess.Popen, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"the command ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"no {what} after {seconds} s"
        time.sleep(0.01)


def all_gone(sid: int, seconds: float) -> dict[int, str]:
    """The processes of ``sid`` still alive after waiting up to ``seconds`` for them to end."""
    deadline = time.monotonic() + seconds
    while (left := session(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def ctrl_c(process: subprocess.Popen, times: int, rng: random.Random) -> None:
    """Ctrl-C ``times`` from a terminal: SIGINT to the process group, 0.02-0.3 s apart."""
    for _ in range(times):
        try:
            os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:
            return  # every process of the group has ended
        time.sleep(rng.uniform(0.02, 0.3))


# when (after the first workers exist, or after the fresh workers of the pages about the edition
# do), how long after that, and how many Ctrl-C
TRIES = [
    ("first workers", 0.0, 0.3, 5),  # the workers are still starting: importing, compiling
    ("first workers", 0.3, 1.5, 2),
    ("first workers", 0.5, 1.5, 1),
    ("fresh workers", 0.0, 0.3, 3),  # the pages about the edition, the search index meanwhile
]


@pytest.mark.parametrize("stage, earliest, latest, times", TRIES, ids=[f"{t[0]}-{t[3]}" for t in TRIES])
def test_any_number_of_ctrl_c_ends_a_build_at_once_and_cleanly(tmp_path, stage, earliest, latest, times):
    rng = random.Random(f"{stage}{earliest}{times}")  # randomised, the same at every run
    out = tmp_path / "out"
    build = start("build", str(EDITION_TEI), "-o", str(out), "--no-validate", "--no-pdf", "--jobs", "2")
    try:
        wait_for(lambda: len(workers(build.pid)) == 2, build, "worker processes")
        if stage == "fresh workers":
            first = workers(build.pid)
            wait_for(lambda: workers(build.pid) - first, build, "fresh worker processes")
        time.sleep(rng.uniform(earliest, latest))
        assert build.poll() is None, "the build ended before it could be interrupted"
        interrupted = time.monotonic()
        ctrl_c(build, times, rng)
        stdout, stderr = build.communicate(timeout=60)  # never hangs
        seconds = time.monotonic() - interrupted
    finally:
        for pid in session(build.pid):
            os.kill(pid, signal.SIGKILL)
    assert (build.returncode, stdout, stderr) == (130, "", INTERRUPTED + "\n")  # one line, no traceback
    assert seconds < 20, seconds  # a few seconds; generous for a loaded machine
    assert all_gone(build.pid, 10) == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary folder, no lock file


def test_a_killed_build_takes_its_workers_along_and_the_next_build_cleans_up(tmp_path):
    out = tmp_path / "out"
    build = start("build", str(FIXTURE_EDITION), "-o", str(out), "--no-validate", "--no-pdf", "--jobs", "2")
    try:
        wait_for(lambda: len(workers(build.pid)) == 2, build, "worker processes")
        assert any(p.name.startswith(".out.") and p.name.endswith(".tmp") for p in tmp_path.iterdir())
        os.kill(build.pid, signal.SIGKILL)  # no cleanup runs
        build.wait(timeout=30)
        left = all_gone(build.pid, 10)  # the workers and the resource tracker end within seconds
    finally:
        for pid in session(build.pid):
            os.kill(pid, signal.SIGKILL)
    assert left == {}
    # what other builds left beside out: an unfinished swap of out (its previous output moved
    # aside) and the temporary folder of a build into another folder, which stays
    previous = tmp_path / ".out.old-0ld0ld_0" / "out"
    previous.mkdir(parents=True)
    (previous / ".edition-build").write_text("Made by edition build\n", encoding="utf-8")
    (tmp_path / ".out.x.tmp12345.tmp").mkdir()
    stale = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out."))
    assert ".out.lock" in stale and len(stale) == 4, stale  # the lock, old-, the killed build's .tmp, x's .tmp

    again = subprocess.run(
        [EDITION, "build", str(FIXTURE_EDITION), "-o", str(out), "--no-validate", "--no-pdf", "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    removed = ", ".join([name for name in stale if name not in (".out.lock", ".out.x.tmp12345.tmp")] + [".out.lock"])
    assert again.stderr == (
        f"edition: a build into {out} was stopped (process {build.pid}) before it could clean up: "
        f"removed {removed}; the previous output put back from .out.old-0ld0ld_0\n"
    )
    assert again.stdout.startswith(f"built 2 documents into {out}/")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.x.tmp12345.tmp", "out"]


def loading(pid: int) -> bool:
    """Whether the process ``pid`` has begun importing the toolkit's libraries (lxml is mapped)."""
    try:
        return "lxml" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5])
def test_ctrl_c_while_the_command_is_still_starting_is_one_line_and_exit_130(delay):
    """The first second after typing ``edition …`` goes to importing lxml, SaxonC and the toolkit
    (timed from the moment lxml is loaded: Python's own start-up before it, tens of milliseconds,
    ends with Python's message)."""
    command = start("validate", str(EDITION_TEI))
    wait_for(lambda: loading(command.pid), command, "the import of lxml")
    time.sleep(delay)
    os.killpg(command.pid, signal.SIGINT)
    _, stderr = command.communicate(timeout=60)
    assert command.returncode == 130, stderr
    assert stderr.strip().splitlines() == [INTERRUPTED]


def test_ctrl_c_stops_serve_with_exit_code_130(tmp_path):
    serve = start("serve", str(FIXTURE_EDITION), "-o", str(tmp_path / "out"), "--port", "0", "--no-validate")
    try:
        assert serve.stdout.readline().startswith("built 2 documents")
        assert serve.stdout.readline().startswith(f"serving {tmp_path / 'out' / 'site'} at http://127.0.0.1:")
        ctrl_c(serve, 3, random.Random(3))
        stdout, stderr = serve.communicate(timeout=60)
    finally:
        for pid in session(serve.pid):
            os.kill(pid, signal.SIGKILL)
    assert (serve.returncode, stdout, stderr) == (130, "", INTERRUPTED + "\n")
    assert all_gone(serve.pid, 10) == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
