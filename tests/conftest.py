"""Fixtures shared by several test modules: the toolkit's cache folder, built sites (index
pages, search, server, browser) and a local listener that proves nothing reaches the network
(robustness, hostile content)."""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

from edition.build import build

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_EDITION = ROOT / "tests" / "fixtures" / "indices" / "edition"
#: The real TEI of other projects (../shared/corpus beside the repository; tests skip without it).
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
#: Debian's chromium, which the browser tests drive (they never download a browser), and its flags.
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-extensions",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory):
    """The toolkit's cache (each file's grammar checks, kept between runs) in a folder of the test
    session's own, not the user's."""
    folder, previous = tmp_path_factory.mktemp("cache"), os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The folder of the corpus of real TEI; the test is skipped without it."""
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus of real TEI at {CORPUS} (../shared/corpus beside the repository)")
    return CORPUS


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Path:
    """``edition build`` of the small test edition (alpha, beta and their registers), unvalidated:
    it holds a dangling reference on purpose."""
    return build(FIXTURE_EDITION, tmp_path_factory.mktemp("fixture") / "build", check=False, pdf=False).output


@pytest.fixture(scope="session")
def edition_build_output(tmp_path_factory) -> Path:
    """``edition build`` of the edition's own TEI (tei/), unvalidated: its markup is being added."""
    return build(ROOT / "tei", tmp_path_factory.mktemp("tei") / "build", check=False, pdf=False).output


@pytest.fixture
def listener():
    """A local HTTP server that records every request: nothing may ever ask it anything. What it
    would answer (an entity declaration, a marker text) shows up if something did read it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "PWNED"><x>LEAKED-FROM-NETWORK</x>')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
