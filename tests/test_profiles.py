"""Validation profiles (edition, tei-all, custom): TEI P5 from elsewhere checked against all of
TEI P5 and only the rules that hold for any TEI, its grammar checks kept between runs, the
edition's own grammar and rules named in edition.toml, closed value lists named in messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition import validate as validation
from edition.build import build
from edition.cli import main
from edition.profiles import EDITION, TEI
from edition.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "edition" / "template" / "tei"
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
DRAMA = CORPUS / "yidracor-sholem-aleichem-a-dokter.xml"


@pytest.fixture
def letters(tmp_path) -> Path:
    """Letters with msDesc, correspDesc and lower-case idno types, and their registers."""
    shutil.copytree(SAMPLE, tmp_path / "tei")
    return tmp_path / "tei"


def _shown(problems) -> list[str]:
    return [p.format() for p in problems]


@pytest.mark.slow
def test_tei_p5_letters_pass_tei_all_and_its_checks_are_kept(letters, monkeypatch):
    assert validate([letters], TEI).problems == []
    (letters / "apparatus.xml").write_text(
        (letters / "letter-1.xml")
        .read_text(encoding="utf-8")
        .replace('xml:id="letter-1"', 'xml:id="letter-2"')
        .replace('xml:id="letter-1-p1"', 'xml:id="letter-2-p1"')
        .replace(
            "<closer>",
            '<p><anchor xml:id="a1"/>text<anchor xml:id="a2"/><app from="#a1" to="#a2"><rdg>txt</rdg></app></p><closer>',
        ),
        encoding="utf-8",
    )
    assert validate([letters], TEI).problems == []  # app/@from is a pointer, not a date

    def compiled(grammar):
        raise AssertionError("the grammar was compiled again")

    monkeypatch.setattr(validation, "relaxng", compiled)  # each file's check against TEI P5 is kept
    assert validate([letters], TEI).problems == []


@pytest.mark.slow
def test_under_tei_all_only_the_rules_for_any_tei_run(letters):
    letter = letters / "letter-1.xml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(
        text.replace('<date when="1901-03-03">3 March', '<date when="1901-13-03">3 March', 1)
        .replace('ref="persons.xml#ben">Ben</persName>', 'ref="persons.xml#bob">Ben</persName>')
        .replace("<closer>", '<closer xml:id="letter-1-p1">')
        .replace('xml:lang="en" xml:id="letter-1"', 'xml:lang="en" xml:id="letter-1" rend="x"'),
        encoding="utf-8",
    )
    (letters / "unrelated.xml").write_text(text.replace("<msDesc>", '<msDesc xml:id="ada">'), encoding="utf-8")
    rules = sorted(p.rule for p in validate([letter], TEI).problems)
    assert rules == ["date-iso", "id-unique", "id-unique", "ref-resolves"]  # no edition rule (languages, notes …)
    (letters / "unrelated.xml").unlink()
    assert sorted(p.rule for p in validate([letter], TEI).problems) == rules


@pytest.mark.slow
def test_a_dracor_play_has_no_error_under_tei_all(tmp_path):
    if not DRAMA.is_file():
        pytest.skip("the corpus of real TEI is not there")
    shutil.copy(DRAMA, tmp_path)
    report = validate([tmp_path / DRAMA.name], TEI)
    assert report.ok, _shown(report.problems)[:10]


def test_the_edition_profile_names_the_values_a_closed_list_allows(letters):
    problems = _shown(validate([letters / "places.xml"], EDITION).problems)
    idno = next(p for p in problems if '@type="geonames"' in p)
    assert "is not allowed on <idno>" in idno and "the values allowed are: " in idno and "GeoNames" in idno


@pytest.mark.slow
def test_build_and_validate_take_the_profile_of_edition_toml_or_the_option(letters, monkeypatch):
    monkeypatch.chdir(letters.parent)
    result = CliRunner().invoke(main, ["validate", "tei", "--profile", "edition"])
    assert result.exit_code == 1 and "correspDesc" in result.output
    (letters.parent / "edition.toml").write_text('[validation]\nprofile = "tei-all"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "tei"])
    assert result.exit_code == 0, result.output
    built = build(letters, letters.parent / "build", pdf=False)
    assert (built.output / "site" / "letter-1.html").is_file()
    result = CliRunner().invoke(main, ["build", "tei", "-o", "out", "--no-pdf", "--profile", "edition"])
    assert result.exit_code == 1 and "nothing was built" in result.output


def test_a_custom_profile_checks_the_editions_own_grammar_and_rules(letters, monkeypatch):
    monkeypatch.chdir(letters.parent)
    (letters.parent / "own.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element><anyName/><ref name="any"/></element>'
        '</start><define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/><element><anyName/>'
        '<ref name="any"/></element></choice></zeroOrMore></define></grammar>',
        encoding="utf-8",
    )
    (letters.parent / "own.sch").write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/><sch:pattern><sch:rule context="tei:person">'
        '<sch:assert id="person-born" test="tei:birth">Say when <sch:value-of select="@xml:id"/> was born.</sch:assert>'
        "</sch:rule></sch:pattern></sch:schema>",
        encoding="utf-8",
    )
    toml = '[validation]\nprofile = "custom"\nschema = "own.rng"\nschematron = "own.sch"\n'
    (letters.parent / "edition.toml").write_text(toml, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "tei"])
    assert result.exit_code == 1
    assert "tei/persons.xml:" in result.output and "Say when ben was born. [person-born]" in result.output
    assert result.output.count("error:") == 1
    (letters.parent / "edition.toml").write_text('[validation]\nprofile = "custom"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "tei"])
    assert result.exit_code == 1 and "edition.toml:2:11: error: the custom profile needs" in result.output
    (letters.parent / "edition.toml").unlink()
    result = CliRunner().invoke(main, ["validate", "tei", "--profile", "custom"])
    assert result.exit_code == 2 and "give [validation] schema" in result.output
