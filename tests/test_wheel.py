"""The package works anywhere: the wheel built from the checkout, installed into a fresh
virtualenv and run from a folder outside the checkout, finds the stylesheets and schemas it
ships and makes every output."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
#: what the wheel is built from (setuptools writes build/ and *.egg-info into the project it
#: builds, so it builds a copy: build/ is the edition's own output folder)
PROJECT = ("pyproject.toml", "README.md", "src", "xslt", "schema")
#: the environment of every command: nothing of the checkout on the path, output not buffered
ENV = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
ENV["PYTHONUNBUFFERED"] = "1"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    site: Path  # the fresh virtualenv's site-packages
    work: Path  # a folder outside the checkout, holding tei/ (a small valid edition)

    def run(self, *args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.python.parent / "edition", *map(str, args)],
            cwd=self.work,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(list(map(str, args)), cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """The wheel, installed with --no-deps into a fresh virtualenv; the dependencies are the test
    environment's, on the path by a ``.pth`` line (no download, and no edition: it has none)."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"
    project.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, project / name)
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp / "dist", project, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("edition-*.whl")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    python = venv / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp
    )
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp).strip())
    dependencies = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site / "test-dependencies.pth").write_text("\n".join(dependencies) + "\n", encoding="utf-8")
    work = tmp / "work"
    shutil.copytree(GOOD, work / "tei")
    return Installed(wheel, python, site, work)


def test_the_wheel_holds_every_module_stylesheet_and_schema(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    package = ROOT / "src" / "edition"
    expected = {f"edition/{path.relative_to(package).as_posix()}" for path in package.rglob("*.py")}
    expected |= {
        f"edition/{p.relative_to(package).as_posix()}" for p in (package / "template").rglob("*") if p.is_file()
    }
    expected |= {
        f"edition/{path.relative_to(ROOT).as_posix()}"
        for folder in ("xslt", "schema")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    }
    assert "edition/xslt/html/document.xsl" in expected and "edition/schema/edition.rng" in expected
    assert sorted(expected - names) == []


def test_the_edition_and_its_resources_come_from_the_fresh_virtualenv(installed):
    shown = _run(
        installed.python,
        "-c",
        "import edition, edition.resources as r; print(edition.__file__); print(r.XSLT_DIR); print(r.SCHEMA_DIR)",
        cwd=installed.work,
    )
    module, xslt, schema = map(Path, shown.split("\n")[:3])
    assert module == installed.site / "edition" / "__init__.py"
    assert (xslt, schema) == (installed.site / "edition" / "xslt", installed.site / "edition" / "schema")
    assert ROOT not in module.parents


def test_validate(installed):
    done = installed.run("validate", "tei")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 files checked: 0 errors, 0 warnings" in done.stdout


def test_html(installed):
    done = installed.run("html", "tei/article.xml", "-o", "html")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (installed.work / "html" / "article.html").read_text(encoding="utf-8")
    assert "<title>A test article" in page and "Stalin" in page
    assert (installed.work / "html" / "edition.css").is_file()


def test_text(installed):
    done = installed.run("text", "tei/article.xml", "-o", "text")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Stalin" in (installed.work / "text" / "article.txt").read_text(encoding="utf-8")


def test_index(installed):
    done = installed.run("index", "tei", "--format", "json", "-o", "indices")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "t-stalin" in (installed.work / "indices" / "indices.json").read_text(encoding="utf-8")


def test_pdf(installed):
    done = installed.run("pdf", "tei", "-o", "pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (installed.work / "pdf" / "article.pdf").read_bytes().startswith(b"%PDF-")


def test_build(installed):
    done = installed.run("build", "tei", "-o", "build")
    assert done.returncode == 0, done.stdout + done.stderr
    out = installed.work / "build"
    assert "<title>A test article" in (out / "site" / "article.html").read_text(encoding="utf-8")
    assert (out / "site" / "persons.html").is_file() and (out / "site" / "pagefind").is_dir()
    assert "Stalin" in (out / "text" / "article.txt").read_text(encoding="utf-8")
    assert (out / "indices" / "indices.json").is_file()
    assert (out / "pdf" / "article.pdf").read_bytes().startswith(b"%PDF-")


def test_new(installed):
    done = installed.run("new", "letters")
    assert done.returncode == 0, done.stdout + done.stderr
    folder = installed.work / "letters"
    assert (folder / "tei" / "letter-1.xml").is_file() and (folder / ".vscode" / "settings.json").is_file()
    assert (folder / "schema" / "tei_all.rng").read_bytes() == (ROOT / "schema" / "tei_all.rng").read_bytes()


def test_odd_from_outside_the_checkout(installed):
    odd = installed.site / "edition" / "schema" / "edition.odd"
    done = installed.run("odd", odd, "-o", "edition.rng")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (installed.work / "edition.rng").read_bytes() == (ROOT / "schema" / "edition.rng").read_bytes()


def test_serve_answers_on_the_loopback_address_only(installed):
    server = subprocess.Popen(
        [installed.python.parent / "edition", "serve", "tei", "-o", "served", "--port", "0"],
        cwd=installed.work,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # even in a suite started in the background
    )
    try:
        lines = []
        for line in server.stdout:
            lines.append(line)
            if found := re.search(r"at http://127\.0\.0\.1:(\d+)/", line):
                break
        assert found, "".join(lines)
        port = int(found[1])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/article.html", timeout=10) as response:
            assert response.status == 200
            assert "<title>A test article" in response.read().decode("utf-8")
        with pytest.raises(urllib.error.URLError):  # another address of the machine
            urllib.request.urlopen(f"http://127.0.0.2:{port}/article.html", timeout=10)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    assert server.returncode == 130  # stopped by Ctrl-C
