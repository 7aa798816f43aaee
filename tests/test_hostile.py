"""Hostile content: TEI full of script and style payloads rendered by `edition html` and opened in
a real browser (Debian's chromium through Playwright, headless; never a downloaded browser);
stylesheets, WeasyPrint and Pagefind reading nothing outside the edition and never the network.

The browser test is skipped, with the reason, when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest
from click.testing import CliRunner
from conftest import CHROMIUM, LAUNCH_ARGS

import edition.saxon
import edition.search
from edition import validate as validation
from edition.cli import main
from edition.documents import load_tei, with_neighbours
from edition.indices import collect
from edition.pdf import PRINT_DIR, LocalFetcher, write_pdfs
from edition.plaintext import write_texts
from edition.saxon import Stylesheet
from edition.search import index_site
from edition.serve import HOST, serve_site
from edition.site import write_site
from edition.validate import validate
from edition.xmlio import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = ROOT / "tests" / "fixtures" / "robustness" / "payloads.xml"
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
SAFE_SCHEMES = ("http", "https", "mailto")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """`edition html` of the payload document."""
    out = tmp_path_factory.mktemp("hostile") / "site"
    result = CliRunner().invoke(main, ["html", str(PAYLOADS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# --- the HTML, statically ---------------------------------------------------------------------


def test_html_escapes_every_payload_and_keeps_only_safe_links(hostile_site):
    page = hostile_site / "payloads.html"
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(page.read_bytes())
    assert parser.errors == []
    assert [s.get("src") for s in document.iter("script")] == ["edition.js"]
    assert not document.findall(".//style") and not document.findall(".//iframe") and not document.findall(".//svg")
    assert not document.findall(".//object") and not document.findall(".//embed") and not document.findall(".//base")
    links = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        assert not any(name.lower().startswith("on") for name in element.attrib), (element.tag, element.attrib)
        assert "style" not in element.attrib, (element.tag, element.attrib)
        for name in ("href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"):
            if name in element.attrib:
                value = re.sub(r"[\s\x00-\x1f]", "", element.get(name))
                scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", value)
                assert scheme is None or scheme.group(1).lower() in SAFE_SCHEMES, (element.tag, value)
                assert scheme or value.startswith("//") or not re.match(r"(/|\.\./)", value), (element.tag, value)
                links.append(element.get(name))
    assert 'https://example.org/ok?a=1&b="2"<script>' in links and "mailto:someone@example.org" in links
    assert "other.html#x" in links
    assert not document.findall(".//img")  # every image of the document pointed somewhere unsafe
    text = " ".join("".join(document.find(".//main").itertext()).split())
    for payload in (
        "<script>window.__pwned='text'</script>",
        "<svg onload=\"alert('svg')\"/>",
        "<iframe src=\"javascript:alert('iframe')\"></iframe>",
        "]]> &lt;script&gt;",
        "<img src=x onerror=alert('head')>",
    ):
        assert payload in text, payload
    assert "<script>window.__pwned='title'</script>" in document.findtext(".//title")
    assert "display: none" not in page.read_text(encoding="utf-8")  # the rendition's CSS is not emitted


def test_every_url_left_out_of_the_html_is_a_positioned_warning():
    report = validate([PAYLOADS])
    left_out = {(p.line, p.rule, p.message.split('"')[1]) for p in report.problems if p.rule.startswith("url-")}
    assert all(p.severity == "warning" for p in report.problems if p.rule.startswith("url-"))
    assert {
        (16, "url-scheme", "javascript:window.__pwned='facsimile'"),
        (23, "url-scheme", "javascript:window.__pwned='js'"),
        (35, "url-scheme", "javascript:alert('ptr')"),
        (40, "url-outside", "../../../../etc/passwd"),
        (41, "url-outside", "/etc/passwd"),
        (54, "url-outside", "images/%2e%2e/%2E%2E/x.png"),
        (55, "url-scheme", "javascript:window.__pwned='media'"),
    } <= left_out
    assert not any(value.startswith(("https:", "mailto:", "other.html")) for _, _, value in left_out)


# --- the HTML in a browser --------------------------------------------------------------------


def test_nothing_executes_in_a_browser(hostile_site):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium); no browser is downloaded")
    server = serve_site(hostile_site, 0)
    base = f"http://{HOST}:{server.server_address[1]}/"
    dialogs, outside, errors = [], [], []

    def route(request_route) -> None:
        url = request_route.request.url
        if urlsplit(url).hostname == HOST:
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
            context = browser.new_context(service_workers="block")
            context.route("**/*", route)
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base + "payloads.html")
            page.wait_for_load_state("networkidle")
            # provoke every handler a payload could have smuggled in: hover, focus, click without following
            page.evaluate("""() => {
                for (const el of document.querySelectorAll('body *')) {
                    for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'error', 'load']) {
                        const event = new Event(type, {bubbles: true, cancelable: true});
                        el.addEventListener(type, e => { if (el.tagName === 'A') e.preventDefault(); }, {once: true});
                        el.dispatchEvent(event);
                    }
                }
            }""")
            for link in page.query_selector_all("a[href]"):
                href = link.get_attribute("href")
                assert not re.match(r"\s*(javascript|data|vbscript|file):", href, re.I), href
            page.wait_for_timeout(300)
            pwned = page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
            scripts = page.evaluate("() => [...document.scripts].map(s => s.src || s.textContent)")
            visible = page.evaluate("() => getComputedStyle(document.body).display")
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert pwned is None
    assert dialogs == []
    assert outside == []
    assert errors == []
    assert scripts == [base + "edition.js"]
    assert visible != "none"


# --- stylesheets read nothing outside the edition ------------------------------------------------

PROBE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="file" select="'FILE'"/>
  <xsl:param name="folder" select="'FOLDER'"/>
  <xsl:param name="http" select="'HTTP'"/>
  <xsl:template match="/">
    <r>
      <doc><xsl:try><xsl:value-of select="doc($file)"/><xsl:catch>refused</xsl:catch></xsl:try></doc>
      <document><xsl:try><xsl:value-of select="document($file)"/><xsl:catch>refused</xsl:catch></xsl:try></document>
      <http><xsl:try><xsl:value-of select="doc($http)"/><xsl:catch>refused</xsl:catch></xsl:try></http>
      <text><xsl:try><xsl:value-of select="unparsed-text($file)"/><xsl:catch>refused</xsl:catch></xsl:try></text>
      <lines><xsl:try><xsl:value-of select="unparsed-text-lines($http)"/><xsl:catch>refused</xsl:catch></xsl:try></lines>
      <collection><xsl:try><xsl:value-of select="count(collection($folder))"/><xsl:catch>refused</xsl:catch></xsl:try></collection>
      <json><xsl:try><xsl:value-of select="json-doc($http)"/><xsl:catch>refused</xsl:catch></xsl:try></json>
      <available><xsl:value-of select="doc-available($file), unparsed-text-available($file), doc-available($http)"/></available>
    </r>
  </xsl:template>
</xsl:stylesheet>"""


@pytest.fixture
def pointing_out(tmp_path: Path, listener):
    """An edition whose document points outside it in every way: parent folders, file: URLs and
    the network; and a secret beside it."""
    url, hits = listener
    secret = tmp_path / "secret.xml"
    secret.write_text("<secret>TOP-SECRET-42</secret>")
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    article = tei / "article.xml"
    outside = (
        f'<p>See <ref target="../secret.xml#x">up</ref>, <ref target="{secret.as_uri()}">file</ref>, '
        f'<ref target="{url}/x.xml#y">net</ref>, <persName ref="../secret.xml#s">S</persName>, '
        f'<placeName ref="{url}/places.xml#p">P</placeName>, <ptr target="/etc/passwd"/>.</p>'
        f'<figure><graphic url="{url}/image.png"/><graphic url="{secret.as_uri()}"/>'
        f'<graphic url="../secret.xml"/></figure>'
    )
    text = article.read_text(encoding="utf-8").replace(
        "<head>Introduction</head>", "<head>Introduction</head>" + outside
    )
    article.write_text(
        text.replace('<?xml-model href="../../../../schema/edition.rng"', f'<?xml-model href="{url}/edition.rng"'),
        encoding="utf-8",
    )
    return tei, secret, url, hits


def test_every_compiled_stylesheet_refuses_to_read_files_and_the_network(pointing_out, tmp_path, monkeypatch):
    tei, secret, url, hits = pointing_out
    compiled: list[Stylesheet] = []
    original = Stylesheet.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        compiled.append(self)

    monkeypatch.setattr(edition.saxon.Stylesheet, "__init__", recording)
    uncached = edition.saxon.stylesheet.__wrapped__  # compile anew, so that every stylesheet is seen
    for module in ("edition.saxon", "edition.rendering", "edition.indices", "edition.schematron", "edition.parallel"):
        try:
            imported = __import__(module, fromlist=["stylesheet"])
        except ImportError:
            continue
        if hasattr(imported, "stylesheet"):
            monkeypatch.setattr(imported, "stylesheet", uncached)
    monkeypatch.setattr(validation, "schematron", validation.schematron.__wrapped__)
    validate([tei])  # the Schematron (and its compiler)
    sources = load_tei(sorted(tei.glob("*.xml")))
    documents = [s for s in sources if s.path.name == "article.xml"]
    out = tmp_path / "out"
    indices = collect(sources)
    write_site(documents, sources, out / "site", indices=indices)
    write_texts(documents, sources, out / "text")
    write_pdfs(documents, sources, out / "pdf")
    names = {s.path.name for s in compiled}
    assert {"compile.xsl", "edition.sch", "document.xsl", "text.xsl", "mentions.xsl", "print.xsl"} <= names, names
    for output in sorted(out.rglob("*")):
        if output.is_file():
            assert b"TOP-SECRET-42" not in output.read_bytes() and b"LEAKED" not in output.read_bytes(), output
    probe = (
        PROBE.replace("FILE", secret.as_uri()).replace("FOLDER", tmp_path.as_uri()).replace("HTTP", url + "/probe.xml")
    )
    for sheet in compiled:
        executable = sheet._processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=probe)
        node = sheet.document(parse_bytes(b"<x/>", "x.xml"), (tei / "x.xml").as_uri())
        result = executable.transform_to_string(xdm_node=node)
        assert "TOP-SECRET-42" not in result and "LEAKED" not in result, (sheet.path, result)
        for name in ("doc", "document", "http", "text", "lines", "collection", "json"):
            assert f"<{name}>refused</{name}>" in result, (sheet.path, name, result)
        assert "<available>false false false</available>" in result, (sheet.path, result)
    assert hits == []


def test_weasyprint_fetches_only_the_print_style_sheet(listener, tmp_path):
    url, hits = listener
    fetcher = LocalFetcher()
    assert fetcher.fetch((PRINT_DIR / "print.css").as_uri()).url.endswith("print.css")
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    for refused in (
        secret.as_uri(),
        "file:///etc/passwd",
        f"{url}/x.css",
        "https://example.org/font.woff2",
        (PRINT_DIR / ".." / ".." / "README.md").as_uri(),
        PRINT_DIR.as_uri() + "/../../README.md",
        "data:text/css,body{}",
        "FILE:///etc/passwd",
        (PRINT_DIR / "missing.css").as_uri(),
    ):
        with pytest.raises(ValueError, match="not fetched"):
            fetcher.fetch(refused)
    assert hits == []


def test_pagefind_indexes_without_any_network(tmp_path, monkeypatch):
    if subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -rn (a network namespace without any interface) is not available here")
    real = edition.search.pagefind_binary()
    wrapper = tmp_path / "pagefind-offline"
    wrapper.write_text(f'#!/bin/sh\nexec unshare -rn "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setattr(edition.search, "pagefind_binary", lambda: wrapper)
    site = tmp_path / "site"
    documents = load_tei([GOOD / "article.xml"])
    write_site(documents, with_neighbours(documents), site)
    written = index_site(site)
    assert any(p.name == "pagefind.js" for p in written)
