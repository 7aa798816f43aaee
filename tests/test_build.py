"""``edition build``: the whole edition, validation first, atomic replacement of the output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

import edition.build
import edition.site
from edition.build import MARKER, build
from edition.cli import main
from edition.indices import INDICES
from edition.kinds import entity_page_name
from edition.site import ENTITY_PAGES, year

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
    *warnings, summary = output.splitlines()
    assert summary.startswith(f"built 4 documents into {out}/ (site/ ")
    assert all(": warning: " in line for line in warnings), warnings
    assert "text/ 4 files" in output and "indices/" in output
    assert {p.name for p in (out / "site").iterdir()} >= {
        "index.html",
        "edition.css",
        "edition.js",
        "mountain-fortress.html",
        "adr-1918-1920-lv.html",
        "persons.html",
        "places.html",
        "chronology.html",
        "pagefind",
    }
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
    files = {
        d["key"]: d["file"].removesuffix(".xml") + ".html"
        for d in data["documents"]
        if (out / "site" / (d["file"].removesuffix(".xml") + ".html")).exists()
    }
    ids: dict[str, set[str]] = {}
    for name in set(files.values()):
        document = html5lib.parse((out / "site" / name).read_bytes(), namespaceHTMLElements=False)
        ids[name] = {el.get("id") for el in document.iter() if isinstance(el.tag, str) and el.get("id")}
    mentions = [
        m
        for kind in ("persons", "places", "orgs", "dates")
        for entry in data[kind]
        for m in entry["mentions"]
        if m["part"] != "header" and m["document"] in files
    ]
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

    monkeypatch.setattr(edition.build, "Indexing", interrupted)
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


# --- parallel and incremental builds ------------------------------------------------------


def small_edition(folder: Path) -> Path:
    """The good fixture with a second article (own ids, a pointer into the first) and a third."""
    tei = folder / "tei"
    shutil.copytree(GOOD, tei)
    article = (tei / "article.xml").read_text(encoding="utf-8")
    for number in (2, 3):
        copy = article.replace("t-d1", f"t{number}-d1").replace("t-p1", f"t{number}-p1")
        copy = copy.replace("A test article", f"Test article {number}")
        (tei / f"article-{number}.xml").write_text(copy, encoding="utf-8")
    second = tei / "article-2.xml"
    second.write_text(
        second.read_text(encoding="utf-8").replace(
            "<head>Introduction</head>",
            '<head>Introduction, after <ref target="article.xml#t-p1">the first</ref></head>',
        ),
        encoding="utf-8",
    )
    return tei


def classic(tei: Path, out: Path) -> None:
    """The outputs as rendered in one process against the whole edition (no light edition)."""
    from edition import config
    from edition.documents import find_xml_files, load_tei
    from edition.indices import FORMATS, WRITERS, collect
    from edition.plaintext import write_texts
    from edition.rendering import is_register
    from edition.site import write_site

    sources = load_tei(find_xml_files([tei]))
    documents = [s for s in sources if not is_register(s)]
    indices = collect(sources)
    settings = config.dated(config.for_edition(tei))
    write_site(documents, sources, out / "site", indices=indices, config=settings, downloads=("tei", "text"))
    write_texts(documents, sources, out / "text")
    (out / "indices").mkdir()
    for name in FORMATS:
        WRITERS[name](indices, out / "indices")


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        name: data
        for name, data in snapshot(folder).items()
        if not name.startswith((f"site/{edition.build.SEARCH_DIR}/", ".edition"))
    }


def test_workers_render_what_one_process_renders(tmp_path, monkeypatch):
    monkeypatch.setattr(edition.site, "PAGE_BATCH", 2)  # the three entity pages in two tasks
    tei = small_edition(tmp_path)
    assert edition.build.validate([tei]).ok
    build(tei, tmp_path / "one", pdf=False, jobs=1)
    built = build(tei, tmp_path / "two", pdf=False, jobs=2)
    assert built.documents == 3 and built.rendered == 3
    # process ids: the documents' (two workers), and fresh ones for the pages (two tasks); how the
    # tasks spread over the workers is the machine's affair (a busy one gave three processes)
    assert 2 <= len(built.workers) <= 4
    classic(tei, tmp_path / "classic")
    reference = snapshot(tmp_path / "classic")
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert not any((tmp_path / name / edition.build.INDEX_STORE).exists() for name in ("one", "two"))  # let go
    assert {name: data for name, data in outputs(tmp_path / "two").items() if name in reference} == reference
    assert b'href="article.html#t-p1"' in (tmp_path / "two" / "site" / "article-2.html").read_bytes()
    assert {"site/persons/t-stalin.html", "site/places/t-baku.html", "site/organisations/t-army.html"} <= set(reference)


def test_a_rebuild_redoes_only_what_changed(tmp_path):
    tei = small_edition(tmp_path)
    out = tmp_path / "build"
    first = build(tei, out, pdf=False, jobs=1)
    before = snapshot(out)
    again = build(tei, out, pdf=False, jobs=1)
    assert (again.reused, again.rendered) == (3, 0) and "3 of 3 unchanged" in again.summary()
    assert snapshot(out) == before and again.summary().split(" in ")[0] == first.summary().split(" in ")[0]
    # a change in one document's text: that document only (and the indices, index pages, search)
    third = tei / "article-3.xml"
    third.write_text(third.read_text(encoding="utf-8").replace("Introduction", "Opening"), encoding="utf-8")
    changed = build(tei, out, pdf=False, jobs=1)
    assert (changed.reused, changed.rendered) == (2, 1)
    build(tei, tmp_path / "fresh", pdf=False, jobs=1, incremental=False)
    assert outputs(out) == outputs(tmp_path / "fresh")
    assert b"Opening" in (out / "site" / "article-3.html").read_bytes()
    # the first article is pointed into by the second: a change there redoes both
    first_article = tei / "article.xml"
    first_article.write_text(
        first_article.read_text(encoding="utf-8").replace("Baku</placeName>", "Bakı</placeName>"), encoding="utf-8"
    )
    home, places = (out / "site" / "index.html").stat().st_ino, (out / "site" / "places.html").stat().st_ino
    baku = (out / "site" / "places" / "t-baku.html").read_bytes()
    assert build(tei, out, pdf=False, jobs=1).rendered == 2
    # of the pages about the edition, only those whose data changed are made again: the list of
    # places shows no mentions
    assert (out / "site" / "index.html").stat().st_ino == home and (
        out / "site" / "places.html"
    ).stat().st_ino == places
    assert b"Bak\xc4\xb1" in (out / "site" / "places" / "t-baku.html").read_bytes() != baku
    # a title shows on every page (navigation): all are redone
    third.write_text(third.read_text(encoding="utf-8").replace("Test article 3", "Third"), encoding="utf-8")
    assert build(tei, out, pdf=False, jobs=1).rendered == 3
    assert b"Third" in (out / "site" / "article.html").read_bytes()


def test_a_rebuild_stages_again_only_the_index_records_that_changed(tmp_path, monkeypatch):
    import edition.indices

    tei = small_edition(tmp_path)
    out = tmp_path / "build"
    staged = []
    stage = edition.indices.Staging.stage
    monkeypatch.setattr(
        edition.indices.Staging,
        "stage",
        lambda self, name, *rest: staged.append(name.rsplit("/", 1)[-1]) or stage(self, name, *rest),
    )

    def rebuilt(**options) -> list[str]:
        staged.clear()
        build(tei, out, pdf=False, jobs=1, **options)
        names = sorted(staged)
        shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
        build(tei, tmp_path / "fresh", pdf=False, jobs=1, incremental=False)
        assert outputs(out) == outputs(tmp_path / "fresh")
        return names

    every = sorted(path.name for path in tei.glob("*.xml"))
    assert rebuilt() == every
    third = tei / "article-3.xml"
    third.write_text(
        third.read_text(encoding="utf-8").replace("Baku</placeName>", "Bakı</placeName>"), encoding="utf-8"
    )
    assert rebuilt() == ["article-3.xml"]
    assert "Bakı" in (out / "indices" / "indices.json").read_text(encoding="utf-8")
    # a document gone: every key changes (the headers of the others are in each), its records go
    (tei / "article-2.xml").unlink()
    assert rebuilt() == [name for name in every if name != "article-2.xml"]
    assert "article-2" not in (out / "indices" / "indices.json").read_text(encoding="utf-8")
    assert rebuilt() == []
    # staged records that cannot be read are staged anew
    (out / edition.build.STAGING).write_bytes(b"not a database")
    third.write_text(
        third.read_text(encoding="utf-8").replace("Bakı</placeName>", "Baku</placeName>"), encoding="utf-8"
    )
    assert rebuilt() == [name for name in every if name != "article-2.xml"]
    # a build from scratch stages everything
    assert rebuilt(incremental=False) == [name for name in every if name != "article-2.xml"]
    monkeypatch.setattr(edition.build, "toolkit_hash", lambda: "another")
    assert rebuilt() == [name for name in every if name != "article-2.xml"]


def test_a_rebuild_redoes_only_the_entity_pages_whose_data_changed(tmp_path):
    from conftest import FIXTURE_EDITION

    tei = tmp_path / "tei"
    shutil.copytree(FIXTURE_EDITION, tei)
    out = tmp_path / "build"
    site = out / "site"

    def pages() -> dict[str, int]:
        return {str(p.relative_to(site)): p.stat().st_ino for p in site.rglob("*.html") if "pagefind" not in p.parts}

    def entities() -> dict[str, dict | list]:
        """The data of each entity page and of each year page of the chronology."""
        data = json.loads((out / "indices" / "indices.json").read_text(encoding="utf-8"))
        pages: dict[str, dict | list] = {
            f"{folder}/{entity_page_name(e)}.html": e
            for kind, folder in ENTITY_PAGES.items()
            for e in data[INDICES[kind]]
        }
        for date in data["dates"]:
            pages.setdefault(f"chronology/{year(date['sort_start']) or 'undated'}.html", []).append(date)
        return pages

    build(tei, out, check=False, pdf=False, jobs=1)
    beta = tei / "beta.xml"
    text = beta.read_text(encoding="utf-8")
    body = text.index("<body")  # a paragraph's end, as benchmarks/run.py changes one: no mention's context
    for change in ("</p>", "entered"):  # then a change in the sentence of three mentions
        before, old = pages(), entities()
        beta.write_text(text[:body] + text[body:].replace(change, f"{change} (changed)", 1), encoding="utf-8")
        assert build(tei, out, check=False, pdf=False, jobs=1).rendered == 1
        after, new = pages(), entities()
        assert after.keys() == before.keys() and new.keys() == old.keys()
        redone = {name for name in after if after[name] != before[name]}
        changed = {name for name in new if new[name] != old[name]}
        assert redone == {"beta.html"} | changed
    # mentioned in that sentence (a date of 1920 too): the overview of the chronology is kept
    assert changed == {"organisations/o-army.html", "places/pl-baku.html", "chronology/1920.html"}
    for name in changed:
        assert "entered (changed)" in (site / name).read_text(encoding="utf-8")
    # taken over: other entities of beta.xml, those of alpha.xml only, the list pages
    assert {
        "persons/p-sadiqov.html",
        "places/pl-nakh.html",
        "persons/p-stalin.html",
        "places.html",
        "chronology.html",
    } <= after.keys() - redone


def test_a_rebuild_after_a_toolkit_change_redoes_everything(tmp_path, monkeypatch):
    tei = small_edition(tmp_path)
    out = tmp_path / "build"
    build(tei, out, pdf=False, jobs=1)
    monkeypatch.setattr(edition.build, "toolkit_hash", lambda: "another")
    assert build(tei, out, pdf=False, jobs=1).rendered == 3
    assert build(tei, out, pdf=False, jobs=1).rendered == 0


def test_a_rebuild_with_errors_is_refused_and_keeps_the_output(tmp_path):
    tei = small_edition(tmp_path)
    out = tmp_path / "build"
    build(tei, out, pdf=False, jobs=1)
    before = snapshot(out)
    article = tei / "article-3.xml"
    article.write_text(
        article.read_text(encoding="utf-8").replace('when="1920-04"', 'when="1920-02-30"'), encoding="utf-8"
    )
    with pytest.raises(edition.build.ValidationFailed):
        build(tei, out, pdf=False, jobs=1)
    assert snapshot(out) == before
