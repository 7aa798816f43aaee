"""Full-text search: Pagefind indexes the document pages of a built site (and only those),
offline, with filters by document and language; clear errors when it is missing or fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import edition.search
from edition.search import SEARCH_DIR, SearchError, index_site


def test_the_build_indexes_the_document_pages(fixture_build):
    bundle = fixture_build / "site" / SEARCH_DIR
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"} <= {p.name for p in bundle.iterdir()}
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]  # one index for all languages
    assert entry["languages"]["en"]["page_count"] == 2  # alpha and beta; index pages are not indexed
    assert list(bundle.rglob("*.pf_filter")), "no filters were indexed"
    search = (fixture_build / "site" / "search.html").read_text(encoding="utf-8")
    assert 'src="pagefind/pagefind-ui.js"' in search and 'src="search.js"' in search and "//" not in search.split("<main")[1].split("</main>")[0].replace("://", "")


def test_indexing_again_replaces_the_index(fixture_build, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(fixture_build / "site", site)
    written = index_site(site)
    assert written and all(p.is_relative_to(site / SEARCH_DIR) for p in written)


def test_missing_pagefind_is_a_clear_error(monkeypatch, tmp_path):
    import pagefind.service
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(SearchError, match=r"pip install 'pagefind\[extended\]'"):
        index_site(tmp_path)


def test_a_failing_pagefind_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(edition.search, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(SearchError, match="Pagefind could not index"):
        index_site(tmp_path)
