"""``edition build`` checks each file alone, with its share of the cross-file facts, and in a
rebuild only the files whose check could have another outcome: the same problems as
``edition validate``, which checks the whole edition at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import edition.parallel
from edition.build import ValidationFailed, build
from edition.validate import validate

GOOD = Path(__file__).resolve().parent / "fixtures" / "validate" / "good"
UNUSED = '<person xml:id="t-unused"><persName>Nobody</persName></person>'


def two_articles(folder: Path) -> Path:
    """The good fixture, a second article pointing into the first, and an unused person."""
    tei = folder / "tei"
    shutil.copytree(GOOD, tei)
    article = (tei / "article.xml").read_text(encoding="utf-8")
    (tei / "article-2.xml").write_text(
        article.replace('"t-d1"', '"t2-d1"').replace('"t-p1"', '"t2-p1"').replace('"#t-p1"', '"article.xml#t-p1"'),
        encoding="utf-8",
    )
    edit(tei / "persons.xml", "</listPerson>", UNUSED + "</listPerson>")
    return tei


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The names of the files the build checks (in this process: one job)."""
    names = []
    check = edition.parallel.check_document

    def counting(source, nodes, lets, profile):
        names.append(source.path.name)
        return check(source, nodes, lets, profile)

    monkeypatch.setattr(edition.parallel, "check_document", counting)
    return names


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_build_reports_what_validate_reports(tmp_path, jobs):
    tei = two_articles(tmp_path)
    edit(tei / "article-2.xml", 'xml:id="t2-d1"', 'xml:id="t-d1"')  # defined in article.xml too
    edit(tei / "article-2.xml", 'ref="places.xml#t-baku"', 'ref="places.xml#t-bakuu"')
    with pytest.raises(ValidationFailed) as failed:
        build(tei, tmp_path / "build", pdf=False, jobs=jobs)
    expected = validate([tei])
    assert failed.value.report.problems == expected.problems and failed.value.report.files == 5
    rules = {(Path(p.path).name, p.rule) for p in expected.problems}
    assert rules == {
        ("article.xml", "id-unique"),
        ("article-2.xml", "id-unique"),
        ("article-2.xml", "ref-resolves"),
        ("persons.xml", "register-unused"),
    }
    assert not (tmp_path / "build").exists()


def test_a_rebuild_checks_again_only_what_could_have_changed(tmp_path, checked):
    tei, out = two_articles(tmp_path), tmp_path / "build"
    build(tei, out, pdf=False, jobs=1)
    assert sorted(checked) == ["article-2.xml", "article.xml", "orgs.xml", "persons.xml", "places.xml"]
    checked.clear()
    # new text, the same ids and pointers: only that file
    edit(tei / "article-2.xml", "<head>Introduction", "<head>Opening")
    build(tei, out, pdf=False, jobs=1)
    assert checked == ["article-2.xml"]
    checked.clear()
    # an id of the unchanged article.xml defined again in article-2.xml: both are in error
    edit(tei / "article-2.xml", 'xml:id="t2-d1"', 'xml:id="t-d1"')
    with pytest.raises(ValidationFailed) as failed:
        build(tei, out, pdf=False, jobs=1)
    assert sorted(checked) == ["article-2.xml", "article.xml"]
    assert {(Path(p.path).name, p.rule) for p in failed.value.report.problems if p.severity == "error"} == {
        ("article.xml", "id-unique"),
        ("article-2.xml", "id-unique"),
    }
    assert failed.value.report.problems == validate([tei]).problems
    checked.clear()
    # the unused person mentioned: the unchanged register is checked again, without its warning
    edit(tei / "article-2.xml", 'xml:id="t-d1"', 'xml:id="t2-d1"')
    edit(tei / "article-2.xml", "<head>Opening", '<head>Opening <persName ref="persons.xml#t-unused">N.</persName>')
    build(tei, out, pdf=False, jobs=1)
    assert sorted(checked) == ["article-2.xml", "persons.xml"]  # article.xml: as in the last build that passed
    assert validate([tei]).problems == []
    checked.clear()
    assert build(tei, out, pdf=False, jobs=1).rendered == 0 and checked == []
