"""The exit-code rule every command keeps (``edition.cli.errors``): 0 done, 1 the input has errors
(what checking finds), 2 the command could not run; never a traceback, failures in one line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import edition.cli.publishing
from edition.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
EDITION = str(ROOT / ".venv" / "bin" / "edition")
SOURCE = ROOT / "tests" / "fixtures" / "importers" / "article.txt"
PROBLEM = re.compile(r"^.+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$")
#: the lines of stderr that state why a command could not run
REASON = re.compile(r"^(.+:\d+:\d+: error: .+ \[[a-z-]+\]|Error: .+|edition: error: .+)$")

# command -> {case: (arguments, exit code)}; {good}: a valid edition, {errors}: the same with an
# invalid date, {broken}: a folder holding a file that is not well-formed XML, {out}: a new folder.
CASES = {
    "validate": {"good": (["{good}"], 0), "errors": (["{errors}"], 1), "cannot": (["--schema", "nope", "{good}"], 2)},
    "lint": {
        "good": (["--strict", "{good}/persons.xml"], 0),
        "errors": (["--strict", "{good}"], 1),
        "cannot": (["{out}/nope"], 2),
    },
    "stats": {"good": (["{good}"], 0), "errors": (["{broken}"], 2), "cannot": (["--format", "nope", "{good}"], 2)},
    "annotate": {
        "good": (["--dry-run", "{good}"], 0),
        "errors": (["--dry-run", "{broken}"], 2),
        "cannot": (["--dry-run", "--interactive", "{good}"], 2),
    },
    "import": {
        "good": (["{source}", "--format", "plain-article", "-o", "{out}/x.xml", "--date", "2024-01-01"], 0),
        "errors": (["{binary}", "--format", "plain-article", "-o", "{out}/x.xml"], 2),
        "cannot": (["{source}", "--format", "plain-article", "-o", "{good}/article.xml"], 2),
    },
    "index": {
        "good": (["{good}", "-o", "{out}/i"], 0),
        "errors": (["{broken}", "-o", "{out}/i"], 2),
        "cannot": ([], 2),
    },
    "html": {
        "good": (["{good}", "-o", "{out}/h"], 0),
        "errors": (["{broken}", "-o", "{out}/h"], 2),
        "cannot": (["{good}", "-o", "{file}/h"], 2),
    },
    "text": {
        "good": (["{good}", "-o", "{out}/t"], 0),
        "errors": (["{broken}", "-o", "{out}/t"], 2),
        "cannot": (["{good}", "-o", "{file}/t"], 2),
    },
    "build": {
        "good": (["{good}", "-o", "{out}/b", "--no-pdf"], 0),
        "errors": (["{errors}", "-o", "{out}/b"], 1),
        "cannot": (["{out}", "-o", "{out}/b"], 2),
    },
    "pdf": {
        "good": (["{good}/article.xml", "-o", "{out}/p", "--no-book"], 0),
        "errors": (["{broken}", "-o", "{out}/p"], 2),
        "cannot": (["{good}/persons.xml", "-o", "{out}/p"], 2),
    },
    "serve": {
        "good": (["{good}", "-o", "{out}/b", "-p", "0"], 0),
        "errors": (["{errors}", "-o", "{out}/b", "-p", "0"], 1),
        "cannot": (["{good}", "-o", "{out}/b", "-p", "70000"], 2),
    },
    "new": {"good": (["{out}/n"], 0), "errors": (["{good}"], 2), "cannot": (["{file}"], 2)},
    "odd": {
        "good": (["{root}/schema/edition.odd", "-o", "{out}/e.rng", "--tei-all", "{root}/schema/tei_all.rng"], 0),
        "errors": (["{good}/persons.xml", "-o", "{out}/e.rng", "--tei-all", "{root}/schema/tei_all.rng"], 2),
        "cannot": (["{out}/nope.odd", "-o", "{out}/e.rng"], 2),
    },
}


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("cli")
    errors = base / "errors"
    shutil.copytree(GOOD, errors)
    article = errors / "article.xml"
    article.write_text(
        article.read_text(encoding="utf-8").replace('when="1920-04"', 'when="1920-13"', 1), encoding="utf-8"
    )
    broken = base / "broken"
    broken.mkdir()
    (broken / "broken.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n</TEI>', encoding="utf-8")
    (base / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (base / "file").write_text("a file, not a folder")
    return {
        "good": GOOD,
        "errors": errors,
        "broken": broken,
        "binary": base / "binary.txt",
        "file": base / "file",
        "source": SOURCE,
        "root": ROOT,
    }


def arguments(command: str, case: str, places: dict[str, Path], out: Path) -> list[str]:
    return [command] + [a.format(out=out, **places) for a in CASES[command][case][0]]


def test_every_command_has_its_cases():
    assert set(CASES) == set(main.commands)


@pytest.mark.parametrize("case", ["good", "errors", "cannot"])
@pytest.mark.parametrize("command", sorted(CASES))
def test_exit_code_and_one_line_reason(command, case, places, tmp_path, monkeypatch):
    def watched(*args, **kwargs):
        return None  # serve watches until Ctrl-C (exit code 130: tests/test_signals.py); here it stops at once

    monkeypatch.setattr(edition.cli.publishing, "watch", watched)
    before = (GOOD / "article.xml").read_bytes()
    result = CliRunner().invoke(main, arguments(command, case, places, tmp_path / "out"))
    expected = CASES[command][case][1]
    assert result.exit_code == expected, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    if expected == 1:  # the errors, each on a line of its own
        assert any(PROBLEM.match(line) for line in result.output.splitlines()), result.output
    if expected == 2:  # one line says why
        reasons = [line for line in result.stderr.splitlines() if REASON.match(line)]
        assert len(reasons) == 1, result.stderr
    assert (GOOD / "article.xml").read_bytes() == before


@pytest.mark.parametrize("command", sorted(CASES))
def test_a_real_process_that_cannot_run_exits_2_with_one_line(command, places, tmp_path):
    result = subprocess.run(
        [EDITION, *arguments(command, "cannot", places, tmp_path / "out")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert len([line for line in result.stderr.splitlines() if REASON.match(line)]) == 1, result.stderr


def test_an_unanswered_question_is_a_command_that_could_not_run(tmp_path):
    folder = tmp_path / "tei"
    shutil.copytree(ROOT / "tests" / "fixtures" / "annotate", folder)
    result = CliRunner().invoke(
        main, ["annotate", "--interactive", "--types", "place", str(folder / "en.xml")], input=""
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == "edition: error: the input ended before every question was answered"


def test_the_library_does_not_import_click():
    library = [path for path in (ROOT / "src" / "edition").rglob("*.py") if "cli" not in path.relative_to(ROOT).parts]
    assert library and not [
        path for path in library if re.search(r"^\s*(import|from) click\b", path.read_text(encoding="utf-8"), re.M)
    ]


def test_build_lists_the_warnings_of_an_edition_without_errors(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    article = tei / "article.xml"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("<head>Introduction</head>", '<head>Introduction <ref target="../up.html">up</ref></head>')
    )
    line = next(n for n, row in enumerate(article.read_text(encoding="utf-8").splitlines(), 1) if "../up.html" in row)
    for run in ("built", "taken over"):
        result = CliRunner().invoke(main, ["build", str(tei), "-o", str(tmp_path / "out"), "--no-pdf"])
        assert result.exit_code == 0, (run, result.output)
        lines = result.output.splitlines()
        assert [row for row in lines if "[url-outside]" in row][0].startswith(f"{article}:{line}:"), run
        assert lines[-1].endswith("; 1 warning") and lines[-1].startswith("built "), run
