"""Full-text search: Pagefind indexes the document pages of a built site (and only those),
offline, with filters by document and language; clear errors when it is missing or fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import edition.search
from edition.build import build
from edition.search import SEARCH_DIR, SearchError, index_site

FIXTURE_EDITION = Path(__file__).resolve().parent / "fixtures" / "indices" / "edition"


def test_the_build_indexes_the_document_pages(fixture_build):
    bundle = fixture_build / "site" / SEARCH_DIR
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"} <= {
        p.name for p in bundle.iterdir()
    }
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]  # one index for all languages
    assert entry["languages"]["en"]["page_count"] == 2  # alpha and beta; index pages are not indexed
    assert list(bundle.rglob("*.pf_filter")), "no filters were indexed"
    search = (fixture_build / "site" / "search.html").read_text(encoding="utf-8")
    assert (
        'src="pagefind/pagefind-ui.js"' in search
        and 'src="search.js"' in search
        and "//" not in search.split("<main")[1].split("</main>")[0].replace("://", "")
    )


def test_indexing_again_replaces_the_index(fixture_build, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(fixture_build / "site", site)
    written = index_site(site)
    assert written and all(p.is_relative_to(site / SEARCH_DIR) for p in written)
    # the pages of persons, places and organisations are there, and left out: their contexts
    # repeat the documents' text
    assert (site / "persons" / "p-stalin.html").exists() and "data-pagefind" not in (
        site / "persons" / "p-stalin.html"
    ).read_text(encoding="utf-8")
    entry = json.loads((site / SEARCH_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2


def test_missing_pagefind_is_a_clear_error(monkeypatch, tmp_path):
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(SearchError, match=r"pip install 'pagefind\[extended\]'"):
        index_site(tmp_path)


def test_a_failing_pagefind_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(edition.search, "pagefind_binary", lambda: Path("/bin/false"))
    (tmp_path / "page.html").write_text("<html><body data-pagefind-body><p>Text</p></body></html>")
    with pytest.raises(SearchError, match="Pagefind could not index"):
        index_site(tmp_path)


def test_bundles_share_the_pages_out_stably():
    assert edition.search.bundles(["a.html", "b.html"]) == {SEARCH_DIR: ["a.html", "b.html"]}
    pages = [f"doc-{n}.html" for n in range(120)]
    shares = edition.search.bundles(pages)
    assert list(shares) == [SEARCH_DIR, f"{SEARCH_DIR}-1", f"{SEARCH_DIR}-2"]
    assert sorted(page for share in shares.values() for page in share) == sorted(pages)
    assert all(20 <= len(share) <= 60 for share in shares.values())
    grown = edition.search.bundles(pages + ["doc-120.html"])  # still three: nobody moves
    assert {folder: [p for p in share if p != "doc-120.html"] for folder, share in grown.items()} == shares


def test_an_edition_in_several_indexes_reindexes_only_the_changed_share(tmp_path, monkeypatch):
    monkeypatch.setattr(edition.search, "SHARD_SIZE", 1)  # alpha and beta: an index each
    tei = tmp_path / "tei"
    shutil.copytree(FIXTURE_EDITION, tei)
    out = build(tei, tmp_path / "build", check=False, pdf=False, jobs=1).output
    site = out / "site"
    folders = {folder: share for folder, share in edition.search.bundles(["alpha.html", "beta.html"]).items()}
    assert sorted(folders) == [SEARCH_DIR, f"{SEARCH_DIR}-1"] and all(len(share) == 1 for share in folders.values())
    for folder in folders:
        entry = json.loads((site / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["en"]["page_count"] == 1
    search = (site / "search.html").read_text(encoding="utf-8")
    assert f'data-indexes="{SEARCH_DIR} {SEARCH_DIR}-1"' in search and f'src="{SEARCH_DIR}/pagefind-ui.js"' in search
    alpha = next(folder for folder, share in folders.items() if share == ["alpha.html"])
    beta = next(folder for folder, share in folders.items() if share == ["beta.html"])
    inodes = {folder: {p: p.stat().st_ino for p in (site / folder).rglob("*") if p.is_file()} for folder in folders}
    text = (tei / "beta.xml").read_text(encoding="utf-8")
    (tei / "beta.xml").write_text(text.replace("railway lines", "tramway lines"), encoding="utf-8")
    build(tei, out, check=False, pdf=False, jobs=1)
    assert {p: p.stat().st_ino for p in (site / alpha).rglob("*") if p.is_file()} == inodes[alpha]
    assert not set(inodes[beta].items()) & {(p, p.stat().st_ino) for p in (site / beta).rglob("*") if p.is_file()}
    assert not (out / ".edition-cache" / "search").exists()
