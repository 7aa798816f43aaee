"""edition lint: warnings about entity and date markup, and images, that validation does not give."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.annotate.lint import lint
from edition.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "annotate"


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_findings_on_the_tagged_document(edition: Path):
    path = str(edition / "tagged.xml")
    found = [(p.line, p.column, p.rule, p.message) for p in lint([edition / "tagged.xml"])]
    assert found == [
        (
            28,
            15,
            "name-untagged",
            '"Nakhchivan" names places.xml#place-nakhchivan but is not tagged (edition annotate tags it)',
        ),
        (29, 15, "date-mismatch", 'the text "April 1920" reads as when="1920-04", but the element says when="1920-05"'),
        (
            30,
            11,
            "name-form-missing",
            '"Comrade Stalin" is not among the forms of persons.xml#pers-stalin: add '
            '<persName type="variant">Comrade Stalin</persName> to the entry',
        ),
        (
            30,
            85,
            "surface-ambiguous",
            '"Kars" points to places.xml#place-kars here, elsewhere to places.xml#place-baku',
        ),
        (
            31,
            57,
            "name-form-missing",
            '"Kars" is not among the forms of places.xml#place-baku: add '
            '<placeName type="variant">Kars</placeName> to the entry',
        ),
        (
            31,
            57,
            "surface-ambiguous",
            '"Kars" points to places.xml#place-baku here, elsewhere to places.xml#place-kars',
        ),
        (
            33,
            26,
            "name-untagged",
            '"Nakhchivan" names places.xml#place-nakhchivan but is not tagged (edition annotate tags it)',
        ),
    ]
    assert all(p.path == path and p.severity == "warning" for p in lint([edition / "tagged.xml"]))


def test_inferred_year_and_correct_dates_are_not_reported(edition: Path):
    rules = {(p.line, p.rule) for p in lint([edition / "tagged.xml"])}
    assert (31, "date-mismatch") not in rules and (32, "date-mismatch") not in rules


def test_ambiguous_untagged_form_and_registers_not_linted(edition: Path):
    problems = lint([edition])
    assert any(
        p.rule == "name-untagged" and "may name persons.xml#pers-khalil or persons.xml#pers-halil-kut" in p.message
        for p in problems
    )
    assert not any(p.path.endswith(("persons.xml", "places.xml", "orgs.xml")) for p in problems)


def test_without_registers_dates_are_still_checked(tmp_path: Path):
    shutil.copy(FIXTURES / "tagged.xml", tmp_path)
    problems = lint([tmp_path / "tagged.xml"])
    assert [p.rule for p in problems] == ["registers-missing", "date-mismatch"]


def test_images_the_site_cannot_publish_are_named_at_their_graphic(tmp_path: Path):
    figures = (
        '<figure><graphic url="images/map.png"/></figure>\n<figure><graphic url="images/lost.png"/></figure>\n'
        '<figure><graphic url="notes.txt"/></figure>\n<figure><graphic url="images/secret.png"/></figure>\n'
        '<figure><graphic url="../outside.png"/><graphic url="https://example.org/x.png"/></figure>\n'
    )
    text = (FIXTURES / "tagged.xml").read_text(encoding="utf-8")
    (tmp_path / "tagged.xml").write_text(text.replace("<body>", "<body>\n" + figures, 1), encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "map.png").write_bytes(b"PNG")
    (tmp_path / "notes.txt").write_text("notes")
    (tmp_path.parent / "secret.txt").write_text("secret")
    (tmp_path / "images" / "secret.png").symlink_to(tmp_path.parent / "secret.txt")
    line = text[: text.index("<body>")].count("\n") + 2
    found = [(p.line, p.message) for p in lint([tmp_path / "tagged.xml"]) if p.rule == "image-unpublished"]
    assert found == [
        (
            line + 1,
            f'the image "images/lost.png" is not published with the site: there is no file images/lost.png in {tmp_path}',
        ),
        (
            line + 2,
            'the image "notes.txt" is not published with the site: it is not an image a browser shows '
            "(.avif, .gif, .jpeg, .jpg, .png, .svg, .webp)",
        ),
        (
            line + 3,
            'the image "images/secret.png" is not published with the site: it leads out of the folder through a symbolic link',
        ),
    ]  # ../outside.png: validation warns (url-outside); https: linked, not published


def test_cli_output_and_exit_codes(edition: Path):
    runner = CliRunner()
    result = runner.invoke(main, ["lint", str(edition / "tagged.xml")])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        f'{edition / "tagged.xml"}:28:15: warning: "Nakhchivan" names '
        "places.xml#place-nakhchivan but is not tagged (edition annotate tags "
        "it) [name-untagged]"
    )
    assert result.output.splitlines()[-1] == "7 warnings"
    assert runner.invoke(main, ["lint", "--strict", str(edition / "tagged.xml")]).exit_code == 1
    assert runner.invoke(main, ["lint", "--strict", str(edition / "persons.xml")]).exit_code == 0
    as_json = json.loads(runner.invoke(main, ["lint", "--format", "json", str(edition / "tagged.xml")]).output)
    assert len(as_json) == 7 and as_json[0]["rule"] == "name-untagged"


def test_a_malformed_file_is_one_error_and_exit_1(edition: Path):
    (edition / "broken.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>', encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(edition)])
    broken = [line for line in result.output.splitlines() if "broken.xml" in line]
    assert result.exit_code == 1 and len(broken) == 1 and ": error: not well-formed XML" in broken[0]
    assert result.output.splitlines()[-1].startswith("1 error, ")
    assert "[name-untagged]" in result.output  # the other files' registers are still read
