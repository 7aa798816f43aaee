"""edition validate: grammar, Schematron rules, cross-file references and positions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.cli import main
from edition.problems import Problem, listed
from edition.profiles import TEI
from edition.validate import validate

GOOD = Path(__file__).parent / "fixtures" / "validate" / "good"


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A copy of the small valid edition (an article and three registers)."""
    folder = tmp_path / "tei"
    shutil.copytree(GOOD, folder)
    return folder


def plant(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace ``old`` by ``new`` in ``path``; return the 1-based line and column where it starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text not unique: {old!r}"
    index = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def only(report, rule: str, file: str = ""):
    found = [p for p in report.problems if p.rule == rule and p.path.endswith(file)]
    assert len(found) == 1, [p.format() for p in report.problems]
    return found[0]


def test_good_edition_is_valid():
    report = validate([GOOD])
    assert report.problems == [], [p.format() for p in report.problems]
    assert report.files == 4 and report.ok


# (file, text to replace, replacement, rule, column of the reported spot relative to the replacement)
CASES = [
    ("article.xml", 'ref="persons.xml#t-stalin"', 'ref="persons.xml#t-stalinn"', "ref-resolves", 0),
    ("article.xml", 'ref="places.xml#t-baku"', 'ref="missing.xml#t-baku"', "ref-resolves", 0),
    ("article.xml", '<ref target="#t-p1">', '<ref target="#t-nowhere">', "ref-resolves", len("<ref ")),
    ("article.xml", 'persName ref="persons.xml#t-stalin"', 'persName ref="places.xml#t-baku"', "ref-type", -len("<")),
    ("article.xml", '<date when="1920-04">', '<date when="22/II-921">', "date-iso", len("<date ")),
    ("article.xml", '<date when="1920-04">', '<date when="1920-02-30">', "date-iso", len("<date ")),
    (
        "article.xml",
        'from="1920-11-07" to="1920-11-08"',
        'from="1920-11-07" to="1920-10"',
        "date-range-order",
        -len("<date "),
    ),
    (
        "article.xml",
        'notBefore="1920" notAfter="1929"',
        'notBefore="1930" notAfter="1929"',
        "date-range-order",
        -len("<date "),
    ),
    ("article.xml", '<foreign xml:lang="ru">', '<foreign xml:lang="hy">', "lang-declared", len("<foreign ")),
    ("article.xml", '<p xml:id="t-p1">', '<p xml:id="t-baku">', "id-unique", len("<p ")),
    ("persons.xml", "<persName>Iosif Stalin</persName>", "<persName> </persName>", "register-main-name", None),
]


@pytest.mark.parametrize("file, old, new, rule, offset", CASES, ids=[f"{c[3]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_reports_its_error_at_the_right_place(edition, file, old, new, rule, offset):
    line, column = plant(edition / file, old, new)
    report = validate([edition])
    problem = only(report, rule, file)
    assert problem.severity == "error" and not report.ok
    assert problem.path.endswith(file)
    if offset is not None:
        assert (problem.line, problem.column) == (line, column + offset)


def test_duplicate_id_across_files_is_reported_in_both(edition):
    plant(edition / "article.xml", 'xml:id="t-d1"', 'xml:id="t-army"')
    report = validate([edition])
    found = sorted(Path(p.path).name for p in report.problems if p.rule == "id-unique")
    assert found == ["article.xml", "orgs.xml"]
    assert all("article.xml" in p.message and "orgs.xml" in p.message for p in report.problems)


def test_empty_note_is_an_error(edition):
    line, column = plant(
        edition / "article.xml", '<note place="foot" n="1">', '<note place="foot" n="2"/><note place="foot" n="1">'
    )
    problem = only(validate([edition]), "note-not-empty")
    assert (problem.line, problem.column) == (line, column) and "note 2" in problem.message


def test_unused_register_entry_is_a_warning_not_an_error(edition):
    plant(edition / "article.xml", '<persName ref="persons.xml#t-stalin">Stalin</persName>', "Stalin")
    report = validate([edition])
    problem = only(report, "register-unused")
    assert problem.severity == "warning" and report.ok and "t-stalin" in problem.message


def test_single_file_resolves_references_against_its_folder(edition):
    report = validate([edition / "article.xml"])
    assert report.files == 1 and report.problems == []


def test_grammar_errors_name_the_element_and_position(edition):
    line, column = plant(edition / "article.xml", "<head>Introduction</head>", "<head>Introduction</head><bogus/>")
    problem = only(validate([edition]), "rng")
    assert "<bogus>" in problem.message and "<div>" in problem.message
    assert (problem.line, problem.column) == (line, column + len("<head>Introduction</head>"))


def test_every_problem_of_every_file_is_reported(edition):
    plant(edition / "article.xml", '<date when="1920-04">', '<date when="April">')
    plant(edition / "article.xml", '<foreign xml:lang="ru">', '<foreign xml:lang="xx">')
    plant(edition / "places.xml", "<placeName>Baku</placeName>", "<placeName/>")
    report = validate([edition])
    assert {p.rule for p in report.problems} >= {"date-iso", "lang-declared", "register-main-name"}
    assert report.errors >= 3


def test_malformed_and_foreign_files_get_one_clear_message_and_do_not_stop_the_others(edition):
    (edition / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n  <teiHeader>\n</TEI>\n")
    (edition / "html.xml").write_text("<html><body/></html>")
    plant(edition / "article.xml", '<date when="1920-04">', '<date when="1920-13">')
    report = validate([edition])
    by_file = {Path(p.path).name: p for p in report.problems}
    assert by_file["broken.xml"].rule == "xml-syntax" and by_file["broken.xml"].line == 3
    assert by_file["html.xml"].rule == "tei-root" and "<html>" in by_file["html.xml"].message
    assert by_file["article.xml"].rule == "date-iso"
    assert report.files == 6


def test_cli_text_output_summary_and_exit_codes(edition):
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(edition)])
    assert ok.exit_code == 0 and ok.output.strip().endswith("4 files checked: 0 errors, 0 warnings")
    line, column = plant(edition / "article.xml", '<date when="1920-04">', '<date when="1920-4">')
    bad = runner.invoke(main, ["validate", str(edition)])
    assert bad.exit_code == 1
    first = bad.output.splitlines()[0]
    assert first.startswith(f"{edition / 'article.xml'}:{line}:{column + len('<date ')}: error: ")
    assert first.endswith("[date-iso]")
    assert bad.output.strip().endswith("4 files checked: 1 error, 0 warnings")


def test_cli_json_output(edition):
    plant(edition / "article.xml", '<foreign xml:lang="ru">', '<foreign xml:lang="lv">')
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(edition)])
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["files"] == 4 and data["errors"] == 1 and data["warnings"] == 0
    assert data["problems"][0]["rule"] == "lang-declared" and data["problems"][0]["line"] > 0


def test_cli_help_describes_every_command_and_option():
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0
    for name, command in main.commands.items():
        assert name in top.output
        text = runner.invoke(main, [name, "--help"]).output
        assert command.help and " ".join(command.help.split()[:6]) in " ".join(text.split())
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name} has no help"


@pytest.mark.slow
def test_tei_all_accepts_the_edition_and_foreign_tei(edition, tmp_path):
    foreign = tmp_path / "letter.xml"
    foreign.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
        '<text><body><div type="letter"><opener><salute>Dear</salute></opener><p>Text</p>'
        '<closer><signed>A.</signed></closer></div><div type="scene"><sp><speaker>X</speaker><p>drama</p></sp></div>'
        "</body></text></TEI>"
    )
    assert validate([edition], TEI).problems == []
    report = validate([foreign], TEI)
    assert report.ok, [p.format() for p in report.problems]
    assert not validate([foreign]).ok


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.sampled_from([b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>", b"<a>&x;</a>", b"<?xml version='1.1'?><a/>"]),
    )
)
def test_no_input_crashes_the_validator(tmp_path, data):
    path = tmp_path / "fuzz.xml"
    path.write_bytes(data)
    report = validate([path])
    assert report.files == 1
    assert all(p.line >= 0 and p.message for p in report.problems)


def test_page_ranges_are_not_dates(edition):
    plant(
        edition / "article.xml",
        "<head>Introduction</head>",
        '<head>Introduction</head><p><bibl><citedRange unit="page" from="28" to="29">28-29</citedRange></bibl></p>',
    )
    assert validate([edition]).problems == []


def test_elements_of_other_namespaces_are_located_exactly(edition):
    article = edition / "article.xml"
    line, column = plant(
        article,
        "<head>Introduction</head>",
        '<head>Introduction</head><x:insert xmlns:x="urn:x-elsewhere" href="x.xml"/>',
    )
    problem = only(validate([edition]), "rng")
    assert (problem.line, problem.column) == (line, column + len("<head>Introduction</head>"))
    assert "<insert>" in problem.message and "<div>" in problem.message


def test_prefix_definitions_expand_pointers(edition):
    plant(
        edition / "article.xml",
        "    <profileDesc>",
        '    <encodingDesc><listPrefixDef><prefixDef ident="per" matchPattern="(.+)" replacementPattern="persons.xml#$1">'
        "<p>Persons.</p></prefixDef></listPrefixDef></encodingDesc>\n    <profileDesc>",
    )
    plant(edition / "article.xml", 'ref="persons.xml#t-stalin"', 'ref="per:t-stalin"')
    assert validate([edition]).problems == []
    plant(edition / "article.xml", 'ref="per:t-stalin"', 'ref="per:t-nobody"')
    problem = only(validate([edition]), "ref-resolves")
    assert "persons.xml#t-nobody" in problem.message


def test_problems_are_listed_at_most_n_per_file_and_the_rest_counted():
    problems = [Problem(name, line, 1, "error", "bad", "r") for name in ("a.xml", "b.xml") for line in (1, 2, 3)]
    assert list(listed(problems, 2)) == [
        "a.xml:1:1: error: bad [r]",
        "a.xml:2:1: error: bad [r]",
        "a.xml: … and 1 more problem in this file (edition validate --max-problems 0 lists them all)",
        "b.xml:1:1: error: bad [r]",
        "b.xml:2:1: error: bad [r]",
        "b.xml: … and 1 more problem in this file (edition validate --max-problems 0 lists them all)",
    ]
    assert list(listed(problems, 0)) == list(listed(problems, 3)) == [p.format() for p in problems]
