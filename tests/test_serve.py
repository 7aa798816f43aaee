"""``edition serve``: the site on 127.0.0.1, rebuilt when a TEI file is saved, the previous
site kept (and the errors printed) when a rebuild fails."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request

from click.testing import CliRunner
from conftest import FIXTURE_EDITION
from lxml import etree

from edition.cli import main
from edition.serve import HOST, serve_site, snapshot, watch


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


def raw(server, request: bytes) -> bytes:
    with socket.create_connection((HOST, server.server_address[1]), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_hostile_and_careless_clients_get_answers_and_print_nothing(fixture_build, capfd):
    server = serve_site(fixture_build / "site", 0)
    try:
        assert raw(server, b"GET /.%00./etc/passwd HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 400 ")
        with urllib.request.urlopen(f"http://{HOST}:{server.server_address[1]}/alpha.html", timeout=10) as response:
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self' ")
        assert raw(server, b"GET /../../../etc/passwd HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 404 ")
        for _ in range(20):  # clients that leave before the answer
            with socket.create_connection((HOST, server.server_address[1]), timeout=10) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.sendall(b"GET /persons.html HTTP/1.0\r\n\r\n")
        assert "Alpha: a report" in fetch(server, "alpha.html")
    finally:
        server.shutdown()
        server.server_close()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out and "Error" not in captured.err


def test_every_page_written_declares_the_policy_serve_sends(fixture_build):
    """Every HTML page of a build opens its head with the Content-Security-Policy serve sends as a
    header, without frame-ancestors (which a <meta> cannot say): pages opened from disk keep it."""
    server = serve_site(fixture_build / "site", 0)
    try:
        with urllib.request.urlopen(f"http://{HOST}:{server.server_address[1]}/index.html", timeout=10) as response:
            header = response.headers["Content-Security-Policy"]
    finally:
        server.shutdown()
        server.server_close()
    assert header.endswith("; frame-ancestors 'none'") and "script-src 'self' 'wasm-unsafe-eval';" in header
    pages = sorted((fixture_build / "site").rglob("*.html"))
    assert {page.parent.name for page in pages} >= {"site", "places", "chronology", "works", "organisations"}
    assert {page.name for page in pages} >= {"index.html", "alpha.html", "places.html", "search.html", "works.html"}
    for page in pages:
        first = etree.parse(str(page)).find("head")[0]
        assert (first.tag, first.get("http-equiv")) == ("meta", "Content-Security-Policy"), page
        assert first.get("content") + "; frame-ancestors 'none'" == header, page


def test_an_idle_connection_is_closed(fixture_build, monkeypatch):
    import edition.serve

    assert 0 < edition.serve.QuietHandler.timeout <= 60
    monkeypatch.setattr(edition.serve.QuietHandler, "timeout", 1)
    server = serve_site(fixture_build / "site", 0)
    try:
        with socket.create_connection((HOST, server.server_address[1]), timeout=10) as sock:
            started = time.monotonic()
            assert sock.recv(1) == b""  # closed by the server, not by this test's 10 s
            assert time.monotonic() - started < 8
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
    watcher = threading.Thread(
        target=watch, args=(tei, output, False, messages.append, snapshot(tei)), kwargs={"interval": 0.2, "stop": stop}
    )
    watcher.start()
    try:
        beta = tei / "beta.xml"
        beta.write_text(
            beta.read_text(encoding="utf-8").replace("Beta: a chronicle", "Beta: a revised chronicle"), encoding="utf-8"
        )
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


def test_a_saved_image_is_a_change_and_another_file_is_not(tmp_path):
    shutil.copytree(FIXTURE_EDITION, tmp_path / "tei")
    before = snapshot(tmp_path / "tei")
    (tmp_path / "tei" / "notes.txt").write_text("not the edition's")
    assert snapshot(tmp_path / "tei") == before
    (tmp_path / "tei" / "images").mkdir()
    (tmp_path / "tei" / "images" / "map.png").write_bytes(b"PNG")
    assert snapshot(tmp_path / "tei").keys() - before.keys() == {tmp_path / "tei" / "images" / "map.png"}


def test_a_busy_port_is_a_clear_error(fixture_build, tmp_path):
    output = tmp_path / "build"
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            main, ["serve", str(FIXTURE_EDITION), "-o", str(output), "--port", str(port), "--no-validate"]
        )
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def test_a_failed_first_build_with_no_site_says_so(tmp_path):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "bad.xml").write_text("<TEI", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "tei"), "-o", str(tmp_path / "build")])
    assert result.exit_code == 1
    assert "bad.xml" in result.output and "no earlier site to serve" in result.output
