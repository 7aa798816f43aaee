"""``edition new``: a new edition that builds at once, and carries only its own texts."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from edition.cli import main
from edition.xmlio import parse_file

THIS_EDITION = ("Nakhchivan", "Karabakh", "Artsakh", "Azerbaijan", "Caucasus")


def _of_this_edition(text: str) -> list[str]:
    return [word for word in THIS_EDITION if word.lower() in text.lower()]


def test_a_new_edition_has_its_files_and_its_editors_settings(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "letters"), "--title", "Letters of A & B"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "letters"
    assert sorted(p.name for p in (folder / "tei").iterdir()) == [
        "letter-1.xml",
        "letter-2.xml",
        "persons.xml",
        "places.xml",
    ]
    assert 'title = "Letters of A & B"' in (folder / "edition.toml").read_text(encoding="utf-8")
    project = parse_file(folder / "letters.xpr").getroot()  # well-formed, named after the folder
    assert project.tag == "project" and project.find("projectTree").get("name") == "letters.xpr"
    assert "${pdu}/schema/tei_all.rng" in {e.text for e in project.iter("String")}
    assert "${pdu}/build.xml" in {e.text for e in project.iter("String")}
    assert parse_file(folder / "build.xml").find("target/exec").get("executable") == "edition"
    settings = json.loads((folder / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["xml.fileAssociations"] == [{"pattern": "tei/**/*.xml", "systemId": "schema/tei_all.rng"}]
    letter = (folder / "tei" / "letter-1.xml").read_text(encoding="utf-8")
    assert 'href="../schema/tei_all.rng"' in letter and (folder / "schema" / "tei_all.rng").is_file()
    assert "letters.xpr" in (folder / "README.md").read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["new", str(folder)])
    assert again.exit_code == 2 and "is not an empty folder" in again.output


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils (pdfinfo, pdftotext) is not installed")
def test_a_new_edition_builds_at_once_with_only_its_own_texts(tmp_path, monkeypatch):
    assert CliRunner().invoke(main, ["new", str(tmp_path / "letters")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "letters")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    built = tmp_path / "letters" / "build"
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Letters</h1>" in home and "Edited by Your Name" in home and "Replace this paragraph" in home
    for page in (built / "site").rglob("*.html"):
        assert not _of_this_edition(page.read_text(encoding="utf-8")), page
    for pdf in ("edition.pdf", "letter-1.pdf", "letter-2.pdf"):
        metadata = subprocess.run(["pdfinfo", built / "pdf" / pdf], capture_output=True, text=True, check=True).stdout
        text = subprocess.run(["pdftotext", built / "pdf" / pdf, "-"], capture_output=True, text=True, check=True)
        assert not _of_this_edition(metadata + text.stdout), pdf
    book = subprocess.run(["pdfinfo", built / "pdf" / "edition.pdf"], capture_output=True, text=True).stdout
    assert "Title:           Letters\n" in book and "Author:          Your Name\n" in book
    assert "Subject:         A digital edition in TEI P5." in book
