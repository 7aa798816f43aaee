"""Who made the edition and how to use it: every page's footer (editors, licence, version,
date), the files each document's page and each index page link (TEI source, text, PDF, index
data) published in the site, the stable links and citations of documents and passages, the
pages about the edition (edition.toml's about, Markdown or TEI), the registers elsewhere
(edition.toml's registers), and the single-file commands reading edition.toml as the build does."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner
from lxml import html

from edition.build import build
from edition.cli import main
from edition.serve import snapshot

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_EDITION = ROOT / "tests" / "fixtures" / "indices" / "edition"

OWN = """
title = "Letters of Two Friends"
editors = ["Anna Example", "Bo Sample"]
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
version = "2.1"
date = "2026-11-30"
base_url = "https://example.org/letters"
cite = "{editors} (eds.), {title}, version {version} ({date}). {url}"
about = ["pages/about.md", "pages/team.xml"]
"""

MARKDOWN = """# About the letters

Two *friends* wrote them; see [the project](https://example.org/project) and
[a trap](javascript:alert(1)).

<script>alert("markdown")</script>

## How they were edited

![a picture](pic.png)
"""

TEAM = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>The team</title></titleStmt><publicationStmt><p/></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><p>Edited by two <hi rend="italic">friends</hi>.</p></body></text></TEI>
"""


def _edition(folder: Path, toml: str) -> Path:
    """A copy of the small test edition in ``folder``/tei with ``toml`` as its edition.toml and
    the pages about it that OWN names."""
    shutil.copytree(FIXTURE_EDITION, folder / "tei")
    (folder / "pages").mkdir()
    (folder / "pages" / "about.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "pages" / "team.xml").write_text(TEAM, encoding="utf-8")
    (folder / "edition.toml").write_text(toml, encoding="utf-8")
    return folder / "tei"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site of the test edition with OWN as its edition.toml, PDFs included."""
    folder = tmp_path_factory.mktemp("imprint")
    return build(_edition(folder, OWN), folder / "build", check=False, jobs=1).output / "site"


def _page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def _text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_every_page_has_the_footer_of_edition_toml(site):
    for name in ("index.html", "alpha.html", "persons.html", "persons/p-stalin.html", "about-about.html"):
        footer = _page(site / name).find(".//footer")
        assert _text(footer.find("p[@class='imprint']")) == (
            "Edited by Anna Example and Bo Sample · Licence: CC BY 4.0 · Version 2.1 · Date: 2026-11-30"
        ), name
        licence = footer.find(".//a[@rel='license']")
        assert licence.get("href") == "https://creativecommons.org/licenses/by/4.0/"
        assert footer.find(".//time").get("datetime") == "2026-11-30"


def test_a_document_page_links_its_tei_text_and_pdf_published_in_the_site(site):
    page = _page(site / "alpha.html")
    links = [a.get("href") for a in page.findall(".//p[@class='downloads']/a")]
    assert links == ["tei/alpha.xml", "text/alpha.txt", "pdf/alpha.pdf"]
    assert (site / "tei" / "alpha.xml").read_bytes() == (FIXTURE_EDITION / "alpha.xml").read_bytes()
    assert (site / "text" / "alpha.txt").read_bytes() == (site.parent / "text" / "alpha.txt").read_bytes()
    assert (site / "pdf" / "alpha.pdf").read_bytes()[:5] == b"%PDF-"
    assert not (site / "tei" / "persons.xml").exists()  # registers have no page


def test_index_pages_link_the_index_data_published_in_the_site(site):
    links = [a.get("href") for a in _page(site / "persons.html").findall(".//p[@class='index-data']/a")]
    assert links == ["indices/indices.xml", "indices/indices.json", "indices/indices.sqlite", "indices/persons.csv"]
    for link in links:
        assert (site / link).read_bytes() == (site.parent / link).read_bytes()


def test_documents_and_passages_have_stable_links_and_citations_after_the_pattern(site):
    page = _page(site / "alpha.html")
    cite = page.find(".//section[@class='cite']")
    assert cite.find(".//p[@class='permalink']/a").get("href") == "alpha.html"
    assert _text(cite.find(".//p[@class='citation']")) == (
        "Alpha: a report. In: Anna Example and Bo Sample (eds.), Letters of Two Friends, version 2.1 (2026-11-30). "
        "https://example.org/letters/alpha.html"
    )
    passage = page.find(".//details[@class='cite-passage']")
    assert passage.getparent().get("id") == "al-d1"
    assert passage.find(".//p[@class='permalink']/a").get("href") == "alpha.html#al-d1"
    assert _text(passage.find(".//p[@class='citation']")) == (
        "Alpha: a report, On Nakhchivan. In: Anna Example and Bo Sample (eds.), Letters of Two Friends, "
        "version 2.1 (2026-11-30). https://example.org/letters/alpha.html#al-d1"
    )


def test_pages_about_the_edition_from_markdown_and_tei_are_in_the_menu(site):
    for name in ("index.html", "alpha.html", "persons/p-stalin.html"):
        menu = {a.get("href"): _text(a) for a in _page(site / name).findall(".//nav[@class='site']//a")}
        up = "../" * name.count("/")
        assert menu[f"{up}about-about.html"] == "About the letters" and menu[f"{up}about-team.html"] == "The team"
    about = _page(site / "about-about.html")
    assert [_text(h) for h in about.findall(".//main//h1")] == ["About the letters"]
    assert _text(about.find(".//main//h2")) == "How they were edited"
    assert about.find(".//main//em").text == "friends"
    assert [a.get("href") for a in about.findall(".//main//a")] == ["https://example.org/project"]
    assert "a trap" in _text(about.find(".//main")) and 'alert("markdown")' in _text(about.find(".//main"))
    assert [s.get("src") for s in about.iter("script")] == ["edition.js"]  # the Markdown's is text
    assert about.find(".//main//img") is None and "a picture" in _text(about.find(".//main"))
    team = _page(site / "about-team.html")
    assert _text(team.find(".//main//h1")) == "The team"
    assert _text(team.find(".//main//p")) == "Edited by two friends."


def test_no_pdf_link_when_the_outputs_leave_the_pdf_out_and_links_from_another_language(tmp_path):
    toml = OWN + 'outputs = ["text"]\nlanguages = ["en", "lv"]\n'
    site = build(_edition(tmp_path, toml), tmp_path / "build", check=False, jobs=1).output / "site"
    links = [a.get("href") for a in _page(site / "alpha.html").findall(".//p[@class='downloads']/a")]
    assert links == ["tei/alpha.xml", "text/alpha.txt"] and not (site / "pdf").exists()
    latvian = _page(site / "lv" / "alpha.html")
    links = [a.get("href") for a in latvian.findall(".//p[@class='downloads']/a")]
    assert links == ["../tei/alpha.xml", "../text/alpha.txt"] and all((site / "lv" / link).is_file() for link in links)
    assert "Versija 2.1" in _text(latvian.find(".//footer"))
    menu = [a.get("href") for a in latvian.findall(".//nav[@class='site']//a")]
    assert "about-about.html" in menu and (site / "lv" / "about-about.html").is_file()
    data = [a.get("href") for a in _page(site / "lv" / "persons.html").findall(".//p[@class='index-data']/a")]
    assert data and all((site / "lv" / link).is_file() for link in data)


def test_edition_html_and_text_read_edition_toml(tmp_path, monkeypatch):
    toml = OWN.replace('date = "2026-11-30"\n', "") + 'registers = ["registers"]\n'
    tei = _edition(tmp_path, toml)
    (tmp_path / "registers").mkdir()
    for name in ("persons.xml", "places.xml", "orgs.xml"):
        (tei / name).rename(tmp_path / "registers" / name)
    for document in ("alpha.xml", "beta.xml"):
        text = (tei / document).read_text(encoding="utf-8")
        for name in ("persons.xml", "places.xml", "orgs.xml"):
            text = text.replace(f'"{name}#', f'"../registers/{name}#')
        (tei / document).write_text(text, encoding="utf-8")

    def unresolved() -> list[str]:
        report = json.loads(CliRunner().invoke(main, ["validate", str(tei), "--format", "json"]).output)
        return [p["message"] for p in report["problems"] if p["rule"] == "ref-resolves"]

    with_registers = unresolved()  # the registers elsewhere are part of the edition validated
    (tmp_path / "edition.toml").write_text(toml.replace('registers = ["registers"]\n', ""), encoding="utf-8")
    assert len(unresolved()) > len(with_registers) and not any("p-stalin" in m for m in with_registers)
    (tmp_path / "edition.toml").write_text(toml, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(365 * 86400))  # 1971-01-01: the date of a reproducible build
    result = CliRunner().invoke(main, ["html", str(tei / "alpha.xml"), "-o", str(tmp_path / "html")])
    assert result.exit_code == 0, result.output
    page = _page(tmp_path / "html" / "alpha.html")
    assert _text(page.find(".//footer/p[@class='imprint']")) == (
        "Edited by Anna Example and Bo Sample · Licence: CC BY 4.0 · Version 2.1 · Date: 1971-01-01"
    )
    assert [a.get("href") for a in page.findall(".//p[@class='downloads']/a")] == ["tei/alpha.xml"]
    assert (tmp_path / "html" / "tei" / "alpha.xml").is_file()
    assert "version 2.1 (1971-01-01). https://example.org/letters/alpha.html" in _text(
        page.find(".//section[@class='cite']")
    )
    # the register elsewhere, read (the entry's name); a page rendered alone links no entity page
    stalin = [el for el in page.iter("span", "a") if _text(el) == "Stalin" and "mention" in el.get("class", "")]
    assert stalin and all(el.tag == "span" and el.get("title") == "Iosif Stalin" for el in stalin)
    result = CliRunner().invoke(main, ["text", str(tei / "alpha.xml"), "-o", str(tmp_path / "text")])
    assert result.exit_code == 0, result.output
    built = build(tei, tmp_path / "build", check=False, pdf=False, jobs=1).output
    assert (tmp_path / "text" / "alpha.txt").read_bytes() == (built / "text" / "alpha.txt").read_bytes()
    assert "Iosif Stalin" in (built / "site" / "persons.html").read_text(encoding="utf-8")
    footer = _page(built / "site" / "alpha.html").find(".//footer")
    assert html.tostring(footer) == html.tostring(page.find(".//footer"))  # as the build's, same day
    result = CliRunner().invoke(main, ["index", str(tei / "alpha.xml"), "-o", str(tmp_path / "ix"), "--format", "json"])
    assert result.exit_code == 0, result.output
    persons = json.loads((tmp_path / "ix" / "indices.json").read_text(encoding="utf-8"))["persons"]
    assert [p["name"] for p in persons if p["key"] == "p-stalin"] == ["Iosif Stalin"]  # the register's data


def test_a_tei_source_a_browser_would_run_is_not_published(tmp_path):
    """Opened from the site, an XML file with XHTML (or SVG, MathML) elements or an
    xml-stylesheet instruction would run in the site's origin: its page links no TEI source."""
    text = (FIXTURE_EDITION / "alpha.xml").read_text(encoding="utf-8")
    (tmp_path / "alpha.xml").write_text(
        text.replace(
            "<p>Written at", '<p><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>Written at'
        ),
        encoding="utf-8",
    )
    (tmp_path / "beta.xml").write_text(
        text.replace("<TEI ", '<?xml-stylesheet href="x.xsl"?>\n<TEI ', 1), encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["html", str(tmp_path / "alpha.xml"), str(tmp_path / "beta.xml"), "-o", str(tmp_path / "html")]
    )
    assert result.exit_code == 0, result.output
    for name in ("alpha", "beta"):
        assert _page(tmp_path / "html" / f"{name}.html").find(".//p[@class='downloads']") is None
    assert not (tmp_path / "html" / "tei").exists()


def test_the_pages_stay_html5_with_one_h1_and_unique_ids(site):
    for name in ("index.html", "alpha.html", "persons.html", "about-about.html", "about-team.html"):
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
        document = parser.parse((site / name).read_bytes())
        assert parser.errors == [], name
        assert len(document.findall(".//h1")) == 1, name
        ids = [element.get("id") for element in document.iter() if element.get("id")]
        assert len(ids) == len(set(ids)), name


def test_serve_watches_edition_toml_and_the_files_it_names(tmp_path):
    tei = _edition(tmp_path, OWN + 'registers = ["registers"]\n')
    (tmp_path / "registers").mkdir()
    (tei / "persons.xml").rename(tmp_path / "registers" / "persons.xml")
    seen = snapshot(tei)
    for watched in ("edition.toml", "pages/about.md", "pages/team.xml", "registers/persons.xml"):
        assert (tmp_path / watched).resolve() in {path.resolve() for path in seen}, watched
    (tmp_path / "pages" / "about.md").write_text("# Changed\n", encoding="utf-8")
    os.utime(tmp_path / "pages" / "about.md", ns=(1, 1))
    assert snapshot(tei) != seen
