"""HTML output: the four documents of the edition and foreign TEI, checked as parsed HTML5.

The pages are parsed with html5lib (the WHATWG parsing algorithm; every parse error counts).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from edition.build import build
from edition.documents import load_tei, with_neighbours
from edition.plaintext import write_texts
from edition.rendering import is_register
from edition.site import write_site
from edition.validate import validate
from edition.xmlio import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei"
FOREIGN = ROOT / "tests" / "fixtures" / "foreign"
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def parse_html(path: Path):
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(path.read_bytes())
    return document, parser.errors


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    sources = load_tei(sorted(TEI.glob("*.xml")))
    write_site([s for s in sources if not is_register(s)], sources, out)
    return out


@pytest.fixture(scope="module")
def foreign_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("foreign")
    documents = load_tei(sorted(FOREIGN.glob("*.xml")) + [GOOD / "article.xml"])
    write_site(documents, with_neighbours(documents), out, home=False)
    return out


def pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


@pytest.mark.parametrize("which", ["edition_site", "foreign_site"])
def test_pages_are_html5_with_one_h1_lang_and_unique_ids(which, request):
    folder = request.getfixturevalue(which)
    assert len(pages(folder)) >= 5
    for page in pages(folder):
        document, errors = parse_html(page)
        assert errors == [], f"{page.name}: {errors[:3]}"
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        parse_bytes(page.read_bytes(), str(page))  # HTML5 in XML syntax: well-formed XML too
        assert len(document.findall(".//h1")) == 1, page.name
        assert document.get("lang"), page.name
        for landmark in ("header", "nav", "main", "footer"):
            assert document.find(f".//{landmark}") is not None, (page.name, landmark)
        assert document.find(".//a[@class='skip']").get("href") == "#main"
        ids = Counter(el.get("id") for el in document.iter() if isinstance(el.tag, str) and el.get("id"))
        assert [i for i, n in ids.items() if n > 1] == [], page.name
        levels = [
            int(el.tag[1]) for el in document.iter() if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)
        ]
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page.name, levels)
        for img in document.iter("img"):
            assert img.get("alt"), page.name


def test_thesis_notes_have_markers_back_links_and_descriptions(edition_site):
    tei = etree.parse(str(TEI / "mountain-fortress.xml"))
    notes = tei.xpath("//t:text//t:note[@place='foot']", namespaces=NS)
    assert len(notes) == 1085
    document, _ = parse_html(edition_site / "mountain-fortress.html")
    ids = {el.get("id"): el for el in document.iter() if isinstance(el.tag, str) and el.get("id")}
    markers = document.findall(".//a[@class='fn-ref']")
    backs = document.findall(".//a[@class='fn-back']")
    assert len(markers) == len(backs) == 1085
    for note, marker in zip(notes, markers):
        target = marker.get("href")[1:]
        assert target == note.get("{http://www.w3.org/XML/1998/namespace}id")
        assert marker.findtext("sup") == note.get("n")
        assert ids[target].tag == "li"
        assert ids[target].find("a[@class='fn-back']").get("href") == "#" + marker.get("id")
        text = ids[marker.get("aria-describedby")]  # what edition.js shows by the marker
        assert text.get("class") == "fn-text" and text in list(ids[target])
        for ptr in note.iter("{http://www.tei-c.org/ns/1.0}ptr"):
            ptr.text = ptr.get("target")
        assert " ".join("".join(text.itertext()).split()) == " ".join("".join(note.itertext()).split())


def test_every_page_break_is_shown_with_an_anchor(edition_site):
    for name in ("mountain-fortress", "nakhchivan-1924-1928"):
        tei = etree.parse(str(TEI / f"{name}.xml"))
        numbers = tei.xpath("//t:text//t:pb/@n", namespaces=NS)
        in_links = tei.xpath(
            "count(//t:text//t:pb[ancestor::t:persName or ancestor::t:placeName or ancestor::t:orgName"
            " or ancestor::t:date or ancestor::t:rs or ancestor::t:ref])",
            namespaces=NS,
        )
        document, _ = parse_html(edition_site / f"{name}.html")
        shown = document.findall(".//span[@class='pb']")
        assert ["".join(s.itertext()) for s in shown] == [f"[p. {n}]" for n in numbers]
        assert all(s.find("a").get("href") == "#" + s.get("id") for s in shown if s.find("a") is not None)
        assert sum(s.find("a") is None for s in shown) == in_links  # inside a link: no link of its own


def test_languages_labels_and_metadata(edition_site):
    latvian, _ = parse_html(edition_site / "adr-1918-1920-lv.html")
    assert latvian.get("lang") == "en"  # the interface's (edition.toml: languages), its labels English
    assert latvian.find(".//section[@class='about']/h2").text == "About this document"
    assert latvian.find(".//header[@class='document']/h1").get("lang") == "lv"  # the document's title and text
    assert latvian.find(".//article/div[@class='text']").get("lang") == "lv"
    assert latvian.findall(".//*[@lang='ru']")
    thesis, _ = parse_html(edition_site / "mountain-fortress.html")
    assert thesis.get("lang") == "en"
    assert len(thesis.findall(".//i[@lang='hy-Latn']")) >= 45  # romanised Armenian: the script subtag
    assert thesis.findall(".//*[@lang='hy']")  # Armenian script
    assert thesis.find(".//details[@class='editorial']") is not None
    toc = [a.get("href") for a in thesis.findall(".//nav[@class='toc']//a")]
    assert "#mf-div1" in toc and all(thesis.find(f".//*[@id='{h[1:]}']") is not None for h in toc)
    article, _ = parse_html(edition_site / "nakhchivan-1924-1928.html")
    assert article.find(".//a[@href='https://doi.org/10.69760/gqmpzx53']") is not None
    home, errors = parse_html(edition_site / "index.html")
    titles = [a.text for a in home.findall(".//ul[@class='documents']//h3/a")]
    assert len(titles) == 4 and "Mountain Fortress: The Past, Present, and Future of the Artsakh Conflict" in titles
    assert not [el for el in home.iter() if isinstance(el.tag, str) and el.get("id", "").startswith("mf-")]


def test_mentions_link_to_the_indices_with_their_ids(tmp_path, foreign_site):
    site = build(GOOD, tmp_path / "build", check=False, pdf=False).output / "site"
    document, _ = parse_html(site / "article.html")
    stalin = document.find(".//a[@id='article-m2']")
    assert stalin.get("href") == "persons/t-stalin.html" and stalin.get("title") == "Iosif Stalin"
    date = document.find(".//a[@id='article-m1']")
    assert date.get("href") == "chronology/1920.html#article-m1" and date.get("title") == "1920-04"
    assert date.find("time").get("datetime") == "1920-04"
    assert document.find(".//a[@id='article-m5']").get("title") == "1920-11-07 – 1920-11-08"
    assert document.find(".//i[@lang='ru']").text == "да"
    alone, _ = parse_html(foreign_site / "article.html")  # no entity or year pages beside it: no links
    assert alone.find(".//span[@id='article-m2']").get("title") == "Iosif Stalin"
    assert alone.find(".//span[@id='article-m1']/time").get("datetime") == "1920-04"


def test_foreign_tei_keeps_its_text(foreign_site):
    for name in ("letter", "drama", "prose", "unknown"):
        tei = etree.parse(str(FOREIGN / f"{name}.xml"))
        document, _ = parse_html(foreign_site / f"{name}.html")
        html = " ".join("".join(document.find(".//main").itertext()).split())
        for node in tei.xpath("//t:text//text()[not(ancestor::t:figDesc)]", namespaces=NS):
            for word in re.findall(r"\w+", node):
                assert word in html, (name, word)
    prose, _ = parse_html(foreign_site / "prose.html")
    assert prose.find(".//ol/li/ul/li") is not None
    assert prose.find(".//table/caption").text == "Distances" and prose.findall(".//th")
    assert prose.find(".//figure/img").get("alt") == "A dirt road between hills."
    assert prose.find(".//a[@href='https://doi.org/10.1234/journey']") is not None


def test_hostile_links_and_markup_are_neutralised(foreign_site):
    document, errors = parse_html(foreign_site / "hostile.html")
    assert errors == []
    assert document.find(".//script[@src='edition.js']") is not None
    assert len(document.findall(".//script")) == 1
    for el in document.iter():
        if not isinstance(el.tag, str):
            continue
        for name in ("href", "src"):
            value = re.sub(r"[\s\x00-\x1f]", "", el.get(name, "")).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), value
        assert not any(name.startswith("on") for name in el.attrib), el.attrib
    hrefs = [a.get("href") for a in document.iter("a")]
    assert 'https://example.org/ok?a=1&b="2"' in hrefs and "mailto:someone@example.org" in hrefs
    assert '<script>alert("title")</script>' in document.findtext(".//title")


def test_images_elsewhere_are_linked_not_loaded(tmp_path):
    source = tmp_path / "figures.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>F</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>"
        '<figure><graphic url="https://example.org/map.png"/><figDesc>A map</figDesc></figure>'
        '<figure><graphic url="//example.org/b.png"/></figure>'
        '<figure><graphic url="images/local.png"/><figDesc>Local</figDesc></figure></body></text></TEI>',
        encoding="utf-8",
    )
    documents = load_tei([source])
    write_site(documents, documents, tmp_path / "out", home=False)
    page, errors = parse_html(tmp_path / "out" / "figures.html")
    assert errors == []
    assert [img.get("src") for img in page.iter("img")] == ["images/local.png"]
    links = {a.get("href"): "".join(a.itertext()) for a in page.iter("a") if a.get("class") == "graphic"}
    assert links == {"https://example.org/map.png": "[A map]", "//example.org/b.png": "[Figure]"}


FIGURES = """
<figure><graphic url="images/map.png"/><figDesc>Map</figDesc></figure>
<figure><graphic url="images/sub/../My%20plan.png"/><figDesc>Plan</figDesc></figure>
<figure><graphic url="../outside.png"/><graphic url="images/%2e%2e/%2E%2E/outside.png"/></figure>
<figure><graphic url="images\\..\\..\\outside.png"/><graphic url="/etc/passwd"/></figure>
<figure><graphic url="../../../../../../../etc/passwd"/><graphic url="file:///etc/passwd"/></figure>
<figure><graphic url="images/secret.png"/><graphic url="notes.txt"/></figure>
<p>See <ref target="javascript:alert(1)">js</ref>, <ref target="../up.html">up</ref>,
<ptr target="/etc/passwd"/>, <ref target="images/map.png">the map</ref>.</p>"""


def test_images_in_the_folder_are_published_and_urls_leading_out_left_out_with_a_warning(tmp_path):
    tei = tmp_path / "edition" / "tei"
    shutil.copytree(GOOD, tei)
    article = tei / "article.xml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("<head>Introduction</head>", "<head>Introduction</head>" + FIGURES),
        encoding="utf-8",
    )
    (tei / "images").mkdir()
    (tei / "images" / "map.png").write_bytes(b"MAP")
    (tei / "images" / "My plan.png").write_bytes(b"PLAN")
    (tei / "notes.txt").write_text("not an image")
    (tmp_path / "edition" / "outside.png").write_bytes(b"OUTSIDE")
    (tmp_path / "secret.txt").write_text("TOP-SECRET-42")
    (tei / "images" / "secret.png").symlink_to(tmp_path / "secret.txt")
    warnings = [(p.line, p.rule) for p in validate([tei]).problems if p.rule.startswith("url-")]
    assert Counter(rule for _, rule in warnings) == {"url-outside": 7, "url-scheme": 2}
    out = build(tei, tmp_path / "build", pdf=False).output / "site"
    page, errors = parse_html(out / "article.html")
    assert errors == []
    assert [img.get("src") for img in page.iter("img")] == [
        "images/map.png",
        "images/sub/../My%20plan.png",
        "images/secret.png",
        "notes.txt",
    ]
    published = {
        str(f.relative_to(out)): f.read_bytes()
        for f in out.rglob("*")
        if f.suffix in (".png", ".txt") and f.parent != out / "text"  # text/: the documents' own texts
    }
    assert published == {"images/map.png": b"MAP", "images/My plan.png": b"PLAN"}  # no link out, no text file
    texts = ("js", "up", "/etc/passwd", "the map")
    assert [a.get("href") for a in page.iter("a") if "".join(a.itertext()) in texts] == ["images/map.png"]
    assert "TOP-SECRET-42" not in "".join(f.read_text(errors="replace") for f in out.rglob("*") if f.is_file())
    (tei / "images" / "map.png").write_bytes(b"MAP, SECOND EDITION")  # the TEI unchanged: the image still counts
    build(tei, tmp_path / "build", pdf=False)
    assert (out / "images" / "map.png").read_bytes() == b"MAP, SECOND EDITION"
    # images of an output folder inside the TEI folder, or of a hidden folder, are not the edition's
    build(tei, tei / "build", pdf=False)
    (tei / ".drafts").mkdir()
    (tei / ".drafts" / "sketch.png").write_bytes(b"DRAFT")
    said: list[str] = []
    build(tei, tei / "build", pdf=False, progress=said.append)
    assert said == ["nothing changed"]


def _small_document(path: Path, title: str, lang: str, series: str | None = None) -> None:
    series_stmt = f"<seriesStmt><title>{series}</title></seriesStmt>" if series else ""
    path.write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt><title>{title}'
        f"</title></titleStmt><publicationStmt><p/></publicationStmt>{series_stmt}<sourceDesc><p/></sourceDesc>"
        f"</fileDesc></teiHeader><text><body><p>{title}.</p></body></text></TEI>",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> tuple[Path, list[tuple[str, str, str]]]:
    """An edition of 15 small documents (more than nav-documents, 12), every third in Latvian;
    the first has no series title, the second has one."""
    folder = tmp_path_factory.mktemp("large")
    documents = []
    for i in range(15):
        lang = "lv" if i % 3 == 1 else "en"
        _small_document(
            folder / f"doc{i:02d}.xml", f"Document {i:02d}", lang, "Series of the edition" if i == 1 else None
        )
        documents.append((f"doc{i:02d}.html", f"Document {i:02d}", lang))
    out = folder / "site"
    write_site(load_tei(sorted(folder.glob("*.xml"))), load_tei(sorted(folder.glob("*.xml"))), out)
    return out, documents


def test_small_edition_navigation_lists_every_document(edition_site):
    pages = sorted(p.stem for p in (TEI).glob("*.xml") if p.stem not in ("persons", "places", "orgs"))
    for name in pages:
        document, _ = parse_html(edition_site / f"{name}.html")
        links = [a for a in document.findall(".//nav[@class='site']//a") if a.get("href") != "index.html"]
        assert [a.get("href") for a in links] == [f"{p}.html" for p in pages]
        assert [a.get("href") for a in links if a.get("aria-current")] == [f"{name}.html"]
        assert not [a for a in links if a.get("rel")]


def test_large_edition_navigation_links_home_and_neighbours_only(large_site):
    out, documents = large_site
    for i, (file, _title, lang) in enumerate(documents):
        page, errors = parse_html(out / file)
        assert errors == [], file
        assert page.get("lang") == "en"  # the interface's; the text's own is on it
        assert page.find(".//div[@class='text']").get("lang") == lang
        assert page.findtext(".//p[@class='site-title']/a") == "Series of the edition"
        links = page.findall(".//nav[@class='site']//a")
        assert links[0].get("href") == "index.html"
        expected = documents[max(0, i - 1) : i + 2]
        assert [a.get("href") for a in links[1:]] == [f for f, _, _ in expected], file
        for a, (f, t, doc_lang) in zip(links[1:], expected):
            text = "".join(a.itertext())
            if f == file:
                assert a.get("aria-current") == "page" and a.get("lang") == doc_lang and text == t
                assert a.get("rel") is None
            else:
                rel = "prev" if f < file else "next"
                assert a.get("rel") == rel and a.get("aria-current") is None
                label = {"prev": "Previous", "next": "Next"}[rel]
                assert text == f"{label}: {t}"
                assert a.find("span").get("lang") == doc_lang and a.findtext("span") == t
    home, errors = parse_html(out / "index.html")
    assert errors == []
    assert [a.get("href") for a in home.findall(".//ul[@class='documents']//h3/a")] == [f for f, _, _ in documents]
    assert [a.get("href") for a in home.findall(".//nav[@class='site']//a")] == ["index.html"]


def test_footnotes_without_n_or_id_are_numbered_as_in_the_text(tmp_path):
    """The page numbers its footnotes by their position, the plain text by an accumulator: the
    same labels, and ids from the document key and that number unless a note has its own."""
    tei = tmp_path / "notes.xml"
    tei.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
      <titleStmt><title>Notes</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
      <sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>
      <p>One<note place="foot">first</note>, two<note place="foot" n="*">second</note>,
        <note place="margin">in the margin</note>three<note place="foot" xml:id="mine">third</note>,
        four<note place="foot">fourth <note place="foot">nested</note></note>.</p>
    </body></text></TEI>""",
        encoding="utf-8",
    )
    documents = load_tei([tei])
    write_site(documents, documents, tmp_path / "site", home=False)
    text = write_texts(documents, documents, tmp_path / "text")[0].read_text(encoding="utf-8")
    document, errors = parse_html(tmp_path / "site" / "notes.html")
    assert errors == []
    markers = document.findall(".//a[@class='fn-ref']")
    assert [m.findtext("sup") for m in markers] == ["1", "*", "3", "4"]
    assert re.findall(r"\[([^\]\s]+)\]", text.rsplit("Notes", 1)[0]) == ["1", "*", "3", "4"]
    assert [m.get("href") for m in markers] == ["#notes-note1", "#notes-note2", "#mine", "#notes-note4"]
    items = document.findall(".//ol[@class='fn-list']/li")
    assert [li.get("id") for li in items] == ["notes-note1", "notes-note2", "mine", "notes-note4"]
    assert [" ".join("".join(li.find("div").itertext()).split()) for li in items] == [
        "first",
        "second",
        "third",
        "fourth nested",
    ]


def _tei(lang: str, body: str) -> str:
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt><title>T</title>'
        "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
        f"<text><body>{body}</body></text></TEI>"
    )


def test_the_writing_direction_is_marked_where_it_changes(tmp_path, edition_site):
    """dir from the language (its script subtag first) on every element where the direction
    changes, and nowhere else: this edition's pages (all left to right) have none."""
    (tmp_path / "mixed.xml").write_text(
        _tei(
            "en",
            '<p>English, <q xml:lang="ar">عربي <foreign xml:lang="en">inside</foreign> عربي</q>, '
            '<foreign xml:lang="az-Arab">آذربایجان</foreign> and <foreign xml:lang="az">Azərbaycan</foreign>.</p>'
            '<p xml:lang="syc">ܫܠܡܐ <pb n="2"/> ܫܠܡܐ</p>'
            '<p><foreign xml:lang="heb">שלום</foreign> and <foreign xml:lang="ara">سلام</foreign></p>',
        ),
        encoding="utf-8",
    )
    (tmp_path / "farsi.xml").write_text(
        _tei("fa", '<p>فارسی <foreign xml:lang="ku-Latn">Kurdî</foreign> فارسی</p>'), encoding="utf-8"
    )
    documents = load_tei(sorted(tmp_path.glob("*.xml")))
    write_site(documents, documents, tmp_path / "out", home=False)

    def marked(name: str) -> list[tuple[str, str | None, str]]:
        page, errors = parse_html(tmp_path / "out" / name)
        assert errors == []
        main = page.find(".//main")
        return [(el.get("lang"), el.get("dir"), "".join(el.itertext())[:9]) for el in main.iter() if el.get("lang")]

    mixed = marked("mixed.html")
    assert ("ar", "rtl", "عربي insi") in mixed and ("en", "ltr", "inside") in mixed
    assert ("az-Arab", "rtl", "آذربایجان") in mixed and ("az", None, "Azərbayca") in mixed
    assert ("syc", "rtl", "ܫܠܡܐ [p. ") in mixed
    assert ("en", "ltr", "[p. 2]") in mixed  # the page label, in the interface's language
    assert ("heb", "rtl", "שלום") in mixed and ("ara", "rtl", "سلام") in mixed  # ISO 639-2 codes too
    farsi = marked("farsi.html")
    assert ("fa", "rtl", "T") in farsi  # the title and the text on an English page
    assert ("fa", "rtl", "فارسی Kur") in farsi and ("ku-Latn", "ltr", "Kurdî") in farsi
    assert not [p for p in pages(edition_site) if b' dir="' in p.read_bytes()]
