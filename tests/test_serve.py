"""``edition serve``: the site on 127.0.0.1, rebuilt when a TEI file is saved, the previous
site kept (and the errors printed) when a rebuild fails."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request

from click.testing import CliRunner

from edition.cli import main
from edition.serve import HOST, serve_site, snapshot, watch

from conftest import FIXTURE_EDITION


def fetch(server, path: str) -> str:
    with urllib.request.urlopen(f"http://{HOST}:{server.server_address[1]}/{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_serves_the_site_on_the_loopback_address(fixture_build):
    server = serve_site(fixture_build / "site", 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert "Alpha: a report" in fetch(server, "alpha.html")
        assert "<h1>Persons</h1>" in fetch(server, "persons.html")
    finally:
        server.shutdown()
        server.server_close()


def test_rebuilds_when_a_tei_file_is_saved_and_keeps_the_site_when_it_fails(fixture_build, tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(FIXTURE_EDITION, tei)
    output = tmp_path / "build"
    shutil.copytree(fixture_build, output)
    server = serve_site(output / "site", 0)
    messages: list[str] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(tei, output, False, messages.append, snapshot(tei)),
                               kwargs={"interval": 0.2, "stop": stop})
    watcher.start()
    try:
        beta = tei / "beta.xml"
        beta.write_text(beta.read_text(encoding="utf-8").replace("Beta: a chronicle", "Beta: a revised chronicle"),
                        encoding="utf-8")
        assert wait_for(lambda: any(m.startswith("built ") for m in messages)), messages
        assert messages[0] == "changed: beta.xml; rebuilding …"
        assert "Beta: a revised chronicle" in fetch(server, "beta.html")
        beta.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><broken", encoding="utf-8")
        assert wait_for(lambda: any("still serving the previous site" in m for m in messages)), messages
        assert any("beta.xml" in m for m in messages[2:])
        assert "Beta: a revised chronicle" in fetch(server, "beta.html")
    finally:
        stop.set()
        watcher.join(30)
        server.shutdown()
        server.server_close()


def test_a_busy_port_is_a_clear_error(fixture_build, tmp_path):
    output = tmp_path / "build"
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(FIXTURE_EDITION), "-o", str(output), "--port", str(port),
                                           "--no-validate"])
    assert result.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def test_a_failed_first_build_with_no_site_says_so(tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "bad.xml").write_text("<TEI", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "tei"), "-o", str(tmp_path / "build")])
    assert result.exit_code == 1
    assert "bad.xml" in result.output and "no earlier site to serve" in result.output
