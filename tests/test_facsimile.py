"""Facsimiles beside the text (xslt/html/facsimile.xsl): page breaks with pb/@facs, images beside
the document published with the site, images elsewhere linked and never loaded; a fixture and
the real facsimile editions of ../shared/corpus (skipped without it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import html

from edition.documents import load_tei
from edition.outputs import CONTENT_SECURITY_POLICY
from edition.pdf import print_html
from edition.site import write_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "facsimile"


def page(path: Path, out: Path) -> html.HtmlElement:
    documents = load_tei([path])
    write_site(documents, documents, out, home=False)
    return html.parse(str(out / f"{path.stem}.html")).getroot()


def test_each_page_beside_its_image(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "tei")
    root = page(tmp_path / "tei" / "letter.xml", tmp_path / "site")
    figures = root.xpath("//*[contains(@class, 'facsimile')]")
    assert [f.xpath("string(figcaption | span[last()])") for f in figures] == [
        "Facsimile of page 1",
        "Facsimile of page 2",
        "",
    ]
    # a file beside the document, and a surface's image beside it rather than elsewhere: shown, and published
    assert [f.xpath("a/img/@src") for f in figures[:2]] == [["images/page1.png"], ["images/page2.png"]]
    assert (tmp_path / "site" / "images" / "page1.png").read_bytes() == (FIXTURE / "images" / "page1.png").read_bytes()
    assert (tmp_path / "site" / "images" / "page2.png").is_file()
    # a zone of a IIIF image: its region, linked, not loaded
    assert figures[2].xpath("a[@class='facs-remote']/@href") == [
        "https://iiif.example.org/iiif/letter/3/10,20,100,200/max/0/default.jpg"
    ]
    assert not root.xpath("//img[starts-with(@src, 'http')]") and "img-src 'self' data:" in CONTENT_SECURITY_POLICY
    # each page break is followed by its image
    for figure in figures:
        assert "pb" in figure.getprevious().get("class")


def test_no_facsimile_in_print(tmp_path):
    documents = load_tei([FIXTURE / "letter.xml"])
    assert not html.fromstring(print_html(documents, documents)).xpath("//*[contains(@class, 'facsimile')]")


def test_a_japanese_facsimile_edition_by_zones(corpus, tmp_path):
    """Kōui Genji monogatari (NDL): every page break points to a zone of a IIIF image."""
    root = page(corpus / "koui-genji-facsimile.xml", tmp_path)
    links = root.xpath("//*[contains(@class, 'facsimile')]/a[@class='facs-remote']")
    assert len(links) == 24
    assert links[0].get("href") == "https://www.dl.ndl.go.jp/api/iiif/3437686/R0000022/0,0,3445,4706/full/0/default.jpg"
    assert links[0].text == "Facsimile of page 5 ↗"


def test_a_letter_with_iiif_pages(corpus, tmp_path):
    """An Auden–Musulin letter (ACDH): pb/@facs IIIF addresses, pages named by @ed."""
    root = page(corpus / "amp-letter" / "data" / "editions" / "amp-transcript__0001.xml", tmp_path)
    links = root.xpath("//*[contains(@class, 'facsimile')]/a/@href")
    assert links[:2] == ["https://iiif.acdh.oeaw.ac.at/amp/amp_0001/", "https://iiif.acdh.oeaw.ac.at/amp/amp_0002/"]
