"""``edition serve``: build the edition, serve its site on 127.0.0.1, rebuild when a TEI file changes.

The site is served from ``OUTPUT/site`` by Python's ``http.server``; since ``edition build``
swaps the whole output folder in one step, every request sees either the old site or the new
one. TEI files are watched by polling their modification times (no extra dependency); any
change rebuilds the whole edition, which takes seconds. A rebuild that fails (validation
errors, a broken file) prints its errors and leaves the previous site in place.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from .build import Built, ValidationFailed, build
from .documents import find_xml_files
from .problems import InputError
from .saxon import SaxonError

HOST = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args) -> None:
        pass


def serve_site(site: Path, port: int) -> ThreadingHTTPServer:
    """A server for the folder ``site`` on 127.0.0.1:``port`` (0: any free port), running in a thread."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def snapshot(tei_dir: Path) -> dict[Path, int]:
    """The TEI files of ``tei_dir`` with their modification times (ns)."""
    files = {}
    for path in find_xml_files([tei_dir]):
        try:
            files[path] = path.stat().st_mtime_ns
        except OSError:
            continue  # removed between listing and stat: the next poll sees it gone
    return files


def try_build(tei_dir: Path, output: Path, check: bool, echo: Callable[[str], None]) -> Built | None:
    """Build, and say what happened; None (and the errors printed) if the build failed."""
    try:
        built = build(tei_dir, output, check=check, pdf=False)
    except ValidationFailed as failed:
        for problem in failed.report.problems:
            if problem.severity == "error":
                echo(problem.format())
        echo(f"{failed.report.summary()}; still serving the previous site")
        return None
    except InputError as exc:
        echo(f"{exc.problem.format()}\nstill serving the previous site")
        return None
    except (SaxonError, OSError) as exc:
        echo(f"edition: error: {exc}\nstill serving the previous site")
        return None
    echo(built.summary())
    return built


def watch(tei_dir: Path, output: Path, check: bool, echo: Callable[[str], None], seen: dict[Path, int], *,
          interval: float = 0.5, stop: threading.Event | None = None) -> None:
    """Rebuild whenever the TEI files in ``tei_dir`` differ from ``seen`` (a :func:`snapshot`):
    added, removed or saved; until ``stop``."""
    stop = stop or threading.Event()
    while not stop.wait(interval):
        current = snapshot(tei_dir)
        if current == seen:
            continue
        time.sleep(interval)  # let an editor finish writing (several files, or write-then-rename)
        current = snapshot(tei_dir)
        changed = sorted(p.name for p in current.keys() | seen.keys() if current.get(p) != seen.get(p))
        echo(f"changed: {', '.join(changed)}; rebuilding …")
        try_build(tei_dir, output, check, echo)
        seen = current


@click.command("serve")
@click.argument("tei_dir", default="tei", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", default="build", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder of the build (as for edition build); its site/ is served.")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-validate", is_flag=True, help="Skip the validation before each build.")
def serve_command(tei_dir: Path, output: Path, port: int, no_validate: bool) -> None:
    """Build the edition from TEI_DIR (default tei/), serve it on http://127.0.0.1:PORT/ and
    rebuild it whenever a TEI file is saved.

    A failed rebuild prints its errors and the previous site stays online. Stop with Ctrl+C.
    """
    seen = snapshot(tei_dir)  # before the build: a file saved while it runs is rebuilt
    if try_build(tei_dir, output, not no_validate, click.echo) is None and not (output / "site").is_dir():
        raise click.ClickException("the first build failed and there is no earlier site to serve")
    try:
        server = serve_site(output / "site", port)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}; "
                                   "choose another port with --port") from None
    click.echo(f"serving {output / 'site'} at http://{HOST}:{server.server_address[1]}/ (Ctrl+C to stop); "
               f"watching {tei_dir}/ for changes")
    try:
        watch(tei_dir, output, not no_validate, click.echo, seen)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.shutdown()
        server.server_close()
