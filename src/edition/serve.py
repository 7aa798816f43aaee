"""``edition serve``: build the edition, serve its site on 127.0.0.1, rebuild when a TEI file changes.

The site is served from ``OUTPUT/site`` by Python's ``http.server``; since ``edition build``
swaps the whole output folder in one step, every request sees either the old site or the new
one. TEI files are watched by polling their modification times (no extra dependency); any
change rebuilds the whole edition, which takes seconds. A rebuild that fails (validation
errors, a broken file) prints its errors and leaves the previous site in place.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import Built, ValidationFailed, build
from .config import configured
from .documents import find_xml_files
from .images import image_files
from .outputs import CONTENT_SECURITY_POLICY
from .problems import ERROR, InputError, listed
from .saxon import SaxonError

HOST = "127.0.0.1"


#: What every response may load and run: the pages' own policy, and no framing by other sites.
SECURITY_HEADERS = {
    "Content-Security-Policy": f"{CONTENT_SECURITY_POLICY}; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
#: Seconds a connection may stay silent before it is closed (each holds a thread).
TIMEOUT = 30


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request, with :data:`SECURITY_HEADERS`; a path no file
    can have (a NUL byte) is a bad request."""

    timeout = TIMEOUT

    def log_message(self, format: str, *args) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        if "\0" in self.path or "%00" in self.path.lower():
            self.send_error(400, "Bad request")
            return None
        return super().send_head()


class QuietServer(ThreadingHTTPServer):
    """A threading server that says nothing of clients that went away, timed out or sent what
    cannot be served (one line for anything else, never a traceback)."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, (OSError, ValueError)):
            print(
                f"edition serve: a request from {client_address[0]} failed: {type(error).__name__}: {error}",
                file=sys.stderr,
            )


def serve_site(site: Path, port: int) -> ThreadingHTTPServer:
    """A server for the folder ``site`` on 127.0.0.1:``port`` (0: any free port), running in a thread."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = QuietServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def snapshot(tei_dir: Path) -> dict[Path, int]:
    """The TEI files and images of ``tei_dir``, its ``edition.toml`` and the files that names
    (:func:`edition.config.configured`), with their modification times (ns)."""
    files = {}
    for path in find_xml_files([tei_dir]) + image_files(tei_dir) + configured(tei_dir):
        try:
            files[path] = path.stat().st_mtime_ns
        except OSError:
            continue  # removed between listing and stat: the next poll sees it gone
    return files


def try_build(
    tei_dir: Path, output: Path, check: bool, echo: Callable[[str], None], profile: str | None = None
) -> Built | Exception:
    """Build (checking with the validation ``profile``, default the edition's), and say what
    happened: the build, or the failure whose errors were printed."""
    try:
        built = build(tei_dir, output, check=check, pdf=False, notice=echo, profile=profile)
    except ValidationFailed as failed:
        for line in listed(p for p in failed.report.problems if p.severity == ERROR):
            echo(line)
        echo(f"{failed.report.summary()}; still serving the previous site")
        return failed
    except InputError as exc:
        echo(f"{exc.problem.format()}\nstill serving the previous site")
        return exc
    except (SaxonError, OSError) as exc:
        echo(f"edition: error: {exc}\nstill serving the previous site")
        return exc
    echo(built.summary())
    return built


def watch(
    tei_dir: Path,
    output: Path,
    check: bool,
    echo: Callable[[str], None],
    seen: dict[Path, int],
    profile: str | None = None,
    *,
    interval: float = 0.5,
    stop: threading.Event | None = None,
) -> None:
    """Rebuild whenever the TEI files or images in ``tei_dir`` differ from ``seen`` (a
    :func:`snapshot`): added, removed or saved; until ``stop``."""
    stop = stop or threading.Event()
    while not stop.wait(interval):
        current = snapshot(tei_dir)
        if current == seen:
            continue
        time.sleep(interval)  # let an editor finish writing (several files, or write-then-rename)
        current = snapshot(tei_dir)
        changed = sorted(p.name for p in current.keys() | seen.keys() if current.get(p) != seen.get(p))
        echo(f"changed: {', '.join(changed)}; rebuilding …")
        try_build(tei_dir, output, check, echo, profile)
        seen = current
