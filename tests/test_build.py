"""``edition build``: the whole edition, validation first, atomic replacement of the output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

import edition.build
from edition.build import MARKER, build
from edition.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def edition_build(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("edition") / "build"
    result = CliRunner().invoke(main, ["build", str(ROOT / "tei"), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_of_the_edition(edition_build):
    out, output = edition_build
    assert output.startswith(f"built 4 documents into {out}/ (site/ ")
    assert "text/ 4 files" in output and "indices/" in output
    assert {p.name for p in (out / "site").iterdir()} >= {"index.html", "edition.css", "edition.js",
                                                         "mountain-fortress.html", "adr-1918-1920-lv.html",
                                                         "persons.html", "places.html", "chronology.html", "pagefind"}
    assert not (out / "text" / "persons.txt").exists()  # registers are not documents
    assert len(list((out / "text").glob("*.txt"))) == 4
    assert (out / "indices" / "indices.json").exists() and (out / MARKER).exists()
    assert [p.name for p in out.parent.iterdir()] == ["build"]
    for page in (out / "site").glob("*.html"):
        assert b"http://" not in page.read_bytes().split(b"<main")[0]  # no external requests in the head
    css = (out / "site" / "edition.css").read_text()
    assert "@import" not in css and "url(" not in css


def test_index_mentions_point_to_ids_in_the_html(edition_build):
    out, _ = edition_build
    data = json.loads((out / "indices" / "indices.json").read_text(encoding="utf-8"))
    files = {d["key"]: d["file"].removesuffix(".xml") + ".html" for d in data["documents"]
             if (out / "site" / (d["file"].removesuffix(".xml") + ".html")).exists()}
    ids: dict[str, set[str]] = {}
    for name in set(files.values()):
        document = html5lib.parse((out / "site" / name).read_bytes(), namespaceHTMLElements=False)
        ids[name] = {el.get("id") for el in document.iter() if isinstance(el.tag, str) and el.get("id")}
    mentions = [m for kind in ("persons", "places", "orgs", "dates") for entry in data[kind] for m in entry["mentions"]
                if m["part"] != "header" and m["document"] in files]
    assert mentions
    assert [m["id"] for m in mentions if m["id"] not in ids[files[m["document"]]]] == []


def test_validation_errors_stop_the_build(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    article = tei / "article.xml"
    article.write_text(article.read_text().replace('when="1920-04"', 'when="1920-02-30"'))
    result = CliRunner().invoke(main, ["build", str(tei), "-o", str(tmp_path / "build")])
    assert result.exit_code == 1
    assert "article.xml:" in result.output and "[date-iso]" in result.output and "nothing was built" in result.output
    assert not (tmp_path / "build").exists()
    result = CliRunner().invoke(main, ["build", str(tei), "-o", str(tmp_path / "build"), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "site" / "article.html").exists()
    assert (tmp_path / "build" / "pdf" / "article.pdf").read_bytes().startswith(b"%PDF-")
    assert "pdf/ 1 file" in result.output


def test_a_failed_build_leaves_the_previous_output_intact(tmp_path, monkeypatch):
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    out = tmp_path / "build"
    build(tei, out)
    before = snapshot(out)
    (tei / "article.xml").write_text((tei / "article.xml").read_text().replace("Introduction", "Changed"))

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(edition.build, "write_texts", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(tei, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "tei"]
    monkeypatch.undo()
    build(tei, out)
    assert b"Changed" in (out / "site" / "article.html").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "tei"]


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep me")
    result = runner.invoke(main, ["build", str(GOOD), "-o", str(foreign)])
    assert result.exit_code == 2 and "refusing to replace" in result.output
    assert (foreign / "precious.txt").read_text() == "keep me"
    result = runner.invoke(main, ["build", str(tmp_path / "missing"), "-o", str(tmp_path / "b")])
    assert result.exit_code == 2 and "no TEI files" in result.output and "Traceback" not in result.output
