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


HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Header names</title>
        <author><persName><forename>Joseph</forename> <surname>Stalin</surname></persName></author>
        <author><persName ref="persons.xml#pers-sadiqov">Sadıqov</persName></author>
        <author><persName>Jane Doe</persName></author>
        <editor>Stalin, Joseph and Jane Roe</editor>
        <respStmt><resp>Encoded by</resp><name>Kazım Karabekir Pasha</name></respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher><orgName>TBMM</orgName></publisher>
        <publisher>The edition project</publisher>
      </publicationStmt>
      <sourceDesc><p>Written for the tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text><body><p>Nothing.</p></body></text>
</TEI>
"""


def test_header_names_that_duplicate_register_entries(edition: Path):
    (edition / "header.xml").write_text(HEADER, encoding="utf-8")
    found = [(p.line, p.column, p.message) for p in lint([edition / "header.xml"]) if p.rule == "header-name-unlinked"]
    assert found == [
        (
            7,
            17,
            '"Joseph Stalin" in the header (author) points to no register entry, so the indices list it as an '
            'unregistered person, a duplicate of persons.xml#pers-stalin: add ref="persons.xml#pers-stalin"',
        ),
        (
            10,
            9,
            '"Stalin, Joseph" in the header (editor) names persons.xml#pers-stalin but is not linked to it: '
            'write <persName ref="persons.xml#pers-stalin">Stalin, Joseph</persName>',
        ),
        (
            11,
            42,
            '"Kazım Karabekir Pasha" in the header (respStmt) names persons.xml#pers-karabekir but is not linked '
            'to it: add ref="persons.xml#pers-karabekir"',
        ),
        (
            14,
            20,
            '"TBMM" in the header (publisher) points to no register entry, so the indices list it as an '
            'unregistered organisation, a duplicate of orgs.xml#org-tbmm: add ref="orgs.xml#org-tbmm"',
        ),
    ]  # not: the linked Sadıqov, Jane Doe and Jane Roe (no entry), the edition project
    output = CliRunner().invoke(main, ["lint", str(edition / "header.xml")]).output
    assert f"{edition / 'header.xml'}:7:17: warning: " in output and "[header-name-unlinked]" in output


def test_a_choice_is_read_as_written(edition: Path):
    text = (FIXTURES / "tagged.xml").read_text(encoding="utf-8")
    text = text.replace(
        "and Nakhchivan.</p>",
        'and <persName ref="persons.xml#pers-stalin"><choice><sic>Stalim</sic><corr>Stalin</corr></choice></persName>'
        ' <persName ref="persons.xml#pers-stalin"><choice><expan>Joseph Stalin</expan><abbr>Stalin</abbr></choice>'
        "</persName>.</p>",
    )
    (edition / "tagged.xml").write_text(text, encoding="utf-8")
    missing = [p.message for p in lint([edition / "tagged.xml"]) if p.rule == "name-form-missing"]
    assert (
        '"Stalim" is not among the forms of persons.xml#pers-stalin: add <persName type="variant">Stalim</persName>'
        in (" ".join(missing))
    )
    assert not any("StalimStalin" in m or "Joseph StalinStalin" in m or '"Stalin"' in m for m in missing)


REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>More persons</title></titleStmt><publicationStmt><p>Test.</p>
  </publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <listPerson>
      <person xml:id="pers-dzhugashvili">
        <persName type="main">Ioseb Jughashvili</persName>
        <idno type="URI">http://www.wikidata.org/entity/Q855</idno>
      </person>
      <person xml:id="pers-sadiqov-2">
        <persName type="main">Sadıqov</persName>
        <note>Historian.</note>
      </person>
      <person xml:id="pers-karabekir-2">
        <persName type="main">Kazim Karabekir Pasha</persName>
        <note>Commander of the Eastern Front.</note>
      </person>
      <person xml:id="pers-halil-kut-2">
        <persName type="main">Halil Kut</persName>
        <note>His grandson, a historian.</note>
      </person>
    </listPerson>
    <listPlace>
      <place xml:id="place-kars-fortress" type="settlement">
        <placeName type="main">Kars fortress</placeName>
        <idno type="GeoNames">743952</idno>
      </place>
      <place xml:id="place-kars-town" type="settlement">
        <placeName type="main">Kars town</placeName>
        <idno type="GeoNames">743952</idno>
      </place>
    </listPlace>
  </body></text>
</TEI>
"""


def test_register_entries_that_describe_one_entity_twice(edition: Path, monkeypatch):
    (edition / "persons2.xml").write_text(REGISTER, encoding="utf-8")
    monkeypatch.chdir(edition.parent)  # a relative path, as typed
    found = [(p.path, p.line, p.message) for p in lint([Path("tei")]) if p.rule == "register-duplicate"]
    assert found == [
        (
            "tei/persons2.xml",
            7,
            'person "Ioseb Jughashvili" (pers-dzhugashvili) describes the same entity as pers-stalin (persons.xml:28): '
            "the same identifier (Wikidata Q855); keep one entry, with the forms of both, and point the mentions of "
            "the other to it (or correct the identifier of one)",
        ),
        (
            "tei/persons2.xml",
            15,
            'person "Kazim Karabekir Pasha" (pers-karabekir-2) describes the same entity as pers-karabekir '
            '(persons.xml:40): the same main name "Kazim Karabekir Pasha" and nothing that tells them apart '
            "(identifier, dates, note, type, place); keep one entry, with the forms of both, and point the mentions "
            "of the other to it (or tell namesakes apart in their notes)",
        ),
    ]  # not: a one-word name (Sadıqov), a namesake with another note, a GeoNames place alone under another name
    assert not [p for p in lint([edition / "en.xml"]) if p.rule == "register-duplicate"]  # the registers not linted
