"""The built site in a real browser: Playwright driving Debian's chromium (never a downloaded
browser), headless, on the site served from 127.0.0.1. Every page is checked for requests to
other hosts (recorded and aborted), console errors and breaches of the site's
Content-Security-Policy (served as a header, and declared in each page opened from disk). Screenshots of each page type of the
edition go to build/screenshots/ (see SCREENSHOTS).

Skipped, with the reason, when /usr/bin/chromium or the playwright package is missing
(install: apt-get install -y chromium; pip install playwright).
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, FIXTURE_EDITION, LAUNCH_ARGS

import edition.search
from edition.build import MARKER, build
from edition.search import SEARCH_DIR
from edition.serve import HOST, serve_site

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed "
    "(apt-get install -y chromium); the browser tests never download a browser",
)


def screenshot_dir(tmp_path_factory) -> Path:
    """build/screenshots/, written after the tests' builds (which go elsewhere). build/ belongs to
    edition build, which replaces it as a whole: the screenshots live until the next build. A
    build/ that edition build did not make is left alone (screenshots then go to a temporary folder)."""
    build = ROOT / "build"
    if not build.exists():
        build.mkdir()
        (build / MARKER).write_text("Made by edition build; replaced as a whole by the next build.\n")
    if build.is_dir() and (build / MARKER).exists():
        return build / "screenshots"
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


#: Reports each breach of the Content-Security-Policy as a console error (Chromium's own message
#: about a blocked load is one too, not every breach has one).
REPORT_CSP = (
    "document.addEventListener('securitypolicyviolation', event =>"
    " console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))"
)


class Watched:
    """A page whose requests to other hosts, console errors and breaches of the
    Content-Security-Policy are recorded."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.context.add_init_script(REPORT_CSP)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == HOST:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def goto(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"requests left {HOST}: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"


def served(build_dir: Path):
    server = serve_site(build_dir / "site", 0)
    return server, f"http://{HOST}:{server.server_address[1]}/"


@pytest.fixture()
def site(browser, fixture_build):
    server, base = served(fixture_build)
    watched = Watched(browser, base)
    yield watched
    try:
        watched.close()
    finally:
        server.shutdown()
        server.server_close()


def test_note_marker_there_and_back_and_popover(site):
    page = site.goto("alpha.html")
    marker = page.locator("a.fn-ref").first
    popover = page.locator(".fn-pop")
    assert not popover.is_visible()
    marker.hover()
    assert popover.is_visible() and popover.inner_text().startswith("See")
    mark, pop = marker.bounding_box(), popover.bounding_box()  # just below its marker, on screen
    assert 0 <= pop["y"] - (mark["y"] + mark["height"]) <= 10
    assert pop["x"] <= mark["x"] + mark["width"] and pop["x"] + pop["width"] >= mark["x"]
    assert 0 <= pop["x"] and pop["x"] + pop["width"] <= page.viewport_size["width"]
    page.mouse.move(0, 0)
    popover.wait_for(state="hidden")
    marker.focus()
    assert popover.is_visible() and popover.inner_text().startswith("See")
    assert popover.locator("[id], a").count() == 0  # a copy: the note's ids and links stay in the list
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    marker.click()
    note_id = marker.get_attribute("href")[1:]
    assert page.evaluate("location.hash") == f"#{note_id}"
    assert page.locator(f"[id='{note_id}']").is_visible()
    page.locator(f"[id='{note_id}'] a.fn-back").click()
    assert page.evaluate("location.hash") == "#" + marker.get_attribute("id")
    assert marker.is_visible()


def test_mention_to_entity_page_and_on_to_another_document(site):
    page = site.goto("alpha.html")
    page.locator("main a.mention[href='places/pl-baku.html']").first.click()
    page.wait_for_url(re.compile(r"/places/pl-baku\.html$"))
    assert page.locator("h1").inner_text() == "Baku"
    assert page.locator("main dl.entry-data").is_visible()
    page.locator("ul.mentions a[href^='../beta.html#']").first.click()
    page.wait_for_url(re.compile(r"/beta\.html#beta-m\d+$"))
    target = page.evaluate("document.querySelector(':target').textContent")
    assert target == "Bakı"
    assert page.locator(":target").is_visible()
    page.go_back()
    page.locator("nav.breadcrumb a").last.click()  # back to the list, at the letter
    page.wait_for_url(re.compile(r"/places\.html#letter-B$"))
    assert page.locator("p#pl-baku").is_visible()


def test_search_for_a_word_filter_and_open_a_result(site):
    page = site.goto("alpha.html")
    page.fill("#site-search", "railway")
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=railway$"))
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15000)
    assert page.locator(".pagefind-ui__result-link").count() == 1
    # the filters appear once their data has loaded, which can follow the first result on a busy machine
    page.locator(".pagefind-ui__filter-name", has_text=re.compile("language", re.I)).first.wait_for(timeout=15000)
    filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {f.strip().lower() for f in filters} >= {"document", "language"}
    result.click()
    page.wait_for_url(re.compile(r"beta\.html"))
    assert "railway" in page.locator("main").inner_text()


def test_search_merges_the_indexes_of_a_large_edition(browser, tmp_path, monkeypatch):
    monkeypatch.setattr(edition.search, "SHARD_SIZE", 1)  # alpha and beta in two indexes
    out = build(FIXTURE_EDITION, tmp_path / "build", check=False, pdf=False, jobs=1).output
    assert (out / "site" / f"{SEARCH_DIR}-1" / "pagefind-entry.json").exists()
    server, base = served(out)
    watched = Watched(browser, base)
    try:
        for word, pages in {
            "Stalin": ["alpha.html"],
            "railway": ["beta.html"],
            "Nakhchivan": ["alpha.html", "beta.html"],
        }.items():
            page = watched.goto(f"search.html?q={word}")
            links = page.locator(".pagefind-ui__result-link")
            sync_api.expect(links).to_have_count(len(pages), timeout=15000)
            found = links.evaluate_all("links => links.map(link => link.pathname)")
            assert sorted(path.rsplit("/", 1)[-1] for path in found) == pages, word
        watched.close()
    finally:
        server.shutdown()
        server.server_close()


def test_search_in_a_second_interface_language_leads_to_its_pages(browser, tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(FIXTURE_EDITION, tei)
    (tei / "edition.toml").write_text('languages = ["en", "lv"]\n', encoding="utf-8")
    out = build(tei, tmp_path / "build", check=False, pdf=False, jobs=1).output
    server, base = served(out)
    watched = Watched(browser, base)
    try:
        for folder in ("", "lv/"):
            page = watched.goto(f"{folder}search.html?q=railway")
            links = page.locator(".pagefind-ui__result-link")
            sync_api.expect(links).to_have_count(1, timeout=15000)
            assert links.first.evaluate("link => link.pathname") == f"/{folder}beta.html"
            links.first.click()
            page.wait_for_url(re.compile(f"/{folder}beta\\.html"))
            assert page.locator("html").get_attribute("lang") == (folder.rstrip("/") or "en")
        watched.close()
    finally:
        server.shutdown()
        server.server_close()


def test_map_point_leads_to_the_place_page(site):
    page = site.goto("places.html")
    point = page.locator("#map a.place[href='places/pl-nakh.html']")
    assert point.locator("title").text_content().startswith("Nakhchivan")
    point.focus()  # the points are keyboard links
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/places/pl-nakh\.html$"))
    assert page.locator("h1").inner_text() == "Nakhchivan"


def test_chronology_year_page_timeline_and_back_to_the_passage(site):
    page = site.goto("alpha.html")
    page.locator("main a.mention[href^='chronology/']").first.click()
    page.wait_for_url(re.compile(r"chronology/\d+\.html#al-m\d+$"))
    mention_id = page.evaluate("location.hash")[1:]
    year_page = page.url.split("#")[0].rsplit("/", 1)[1]
    assert page.locator(f"li#{mention_id}").is_visible()
    page.locator(f"li#{mention_id} > a").first.click()
    page.wait_for_url(re.compile(rf"/alpha\.html#{mention_id}$"))
    page.go_back()
    page.locator("nav.breadcrumb a").first.click()
    page.wait_for_url(re.compile(r"/chronology\.html$"))
    bar = page.locator(f"figure.timeline a.mark[href='chronology/{year_page}']")
    assert bar.count() == 1
    bar.click()
    page.wait_for_url(re.compile(rf"/chronology/{re.escape(year_page)}$"))
    assert page.locator(f"li#{mention_id}").count() == 1


def test_every_kind_of_page_opened_from_disk_keeps_its_policy_and_breaks_none_of_it(browser, fixture_build):
    site = fixture_build / "site"
    context = browser.new_context(service_workers="block")
    context.add_init_script(REPORT_CSP)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    try:
        for path in (
            "index.html",
            "alpha.html",
            "persons.html",
            "places.html",
            "places/pl-baku.html",
            "organisations.html",
            "chronology.html",
            "chronology/1920.html",
            "works.html",
            "works/1.html",
            "search.html",
        ):
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            assert page.locator("div.fn-pop").count() == 1, path  # edition.js ran under the policy
            assert [text for text in messages if "Content Security Policy" in text or "CSP" in text] == [], path
        # and the page's policy is in force: an image or a request elsewhere is refused
        page.evaluate("document.body.append(Object.assign(new Image(), {src: 'https://example.org/x.png'}))")
        page.evaluate("fetch('https://example.org/').catch(() => null)")
        page.wait_for_timeout(500)
        blocked = [text for text in messages if text.startswith("CSP violation: ")]
        assert blocked == [
            "CSP violation: img-src https://example.org/x.png",
            "CSP violation: connect-src https://example.org/",
        ]
    finally:
        context.close()


def _png() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def test_an_image_in_the_folder_is_shown_from_disk_and_served(browser, tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    article = tei / "article.xml"
    figure = '<figure><graphic url="images/dot.png"/><figDesc>A dot</figDesc></figure>'
    text = article.read_text(encoding="utf-8").replace(
        "<head>Introduction</head>", "<head>Introduction</head>" + figure
    )
    article.write_text(text, encoding="utf-8")
    (tei / "images").mkdir()
    (tei / "images" / "dot.png").write_bytes(_png())
    out = build(tei, tmp_path / "build", pdf=False, jobs=1).output
    shown = "img => img.complete && img.naturalWidth"
    context = browser.new_context(service_workers="block")
    context.add_init_script(REPORT_CSP)
    try:
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto((out / "site" / "article.html").as_uri())
        assert page.locator("img[alt='A dot']").evaluate(shown) == 1
        assert messages == []
    finally:
        context.close()
    server, base = served(out)
    watched = Watched(browser, base)
    try:
        assert watched.goto("article.html").locator("img[alt='A dot']").evaluate(shown) == 1
        watched.close()
    finally:
        server.shutdown()
        server.server_close()


PAGE_TYPES = {
    "home": "index.html",
    "document": "mountain-fortress.html",
    "document-lv": "adr-1918-1920-lv.html",
    "persons": "persons.html",
    "places": "places.html",
    "organisations": "organisations.html",
    "person": "persons/pers-stalin.html",
    "place": "places/place-nakhchivan.html",
    "chronology": "chronology.html",
    "works": "works.html",
    "search": "search.html?q=Nakhchivan",
}


def test_every_page_type_of_the_edition_loads_offline_without_errors(browser, edition_build_output, tmp_path_factory):
    folder = screenshot_dir(tmp_path_factory)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    server, base = served(edition_build_output)
    watched = Watched(browser, base)
    try:
        for kind, path in PAGE_TYPES.items():
            page = watched.goto(path)
            assert page.locator("h1").count() == 1, path
            if kind == "search":
                page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
            page.screenshot(path=str(folder / f"{kind}.png"))
        watched.goto("places.html").locator("figure#map").screenshot(path=str(folder / "map.png"))
        watched.goto("chronology.html").locator("figure.timeline").screenshot(path=str(folder / "timeline.png"))
    finally:
        server.shutdown()
        server.server_close()
        watched.close()
    assert len(list(folder.glob("*.png"))) == len(PAGE_TYPES) + 2
