"""Index pages of the site (persons, places, organisations, chronology, works cited, search),
the page of each person, place and organisation (persons/ID.html …, in pages of mentions) and
of each year of the chronology (chronology/1920.html …): valid and accessible HTML5, the
register data, every mention linked to its passage, the map, the timeline; and the
marks the search indexes by on the document pages."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import FIXTURE_EDITION
from test_html import parse_html

from edition import site
from edition.documents import load_tei
from edition.indices import collect
from edition.problems import InputError
from edition.search import NOT_INDEXED
from edition.site import ENTITY_PAGES, INDEX_PAGES, write_site

SVG = "{http://www.w3.org/2000/svg}"
PAGES = [f"{name}.html" for name in INDEX_PAGES]
SECTIONS = {"persons": "persons", "places": "places", "organisations": "orgs"}  # folder -> section of indices.json


def entity_pages(site: Path) -> list[str]:
    """The entity pages of a built site (persons/ID.html …), the chronology's year pages
    (chronology/1920.html …) and the pages of the works cited (works/1.html …), relative to it."""
    return sorted(
        str(p.relative_to(site))
        for folder in (*ENTITY_PAGES.values(), "chronology", "works")
        for p in (site / folder).glob("*.html")
    )


def ids_of(document) -> set[str]:
    return {el.get("id") for el in document.iter() if isinstance(el.tag, str) and el.get("id")}


def links(document):
    """(element, href) of every link, HTML and SVG."""
    return [
        (a, a.get("href"))
        for a in document.iter()
        if isinstance(a.tag, str) and a.get("href") and a.tag in ("a", f"{SVG}a")
    ]


@pytest.mark.parametrize("which", ["fixture_build", "edition_build_output"])
def test_index_pages_are_valid_accessible_html5(which, request):
    site = request.getfixturevalue(which) / "site"
    entities = entity_pages(site)
    assert len(entities) > 3
    for name in PAGES + ["index.html"] + entities:
        up = "../" * name.count("/")  # entity and year pages are one folder down
        document, errors = parse_html(site / name)
        assert errors == [], f"{name}: {errors[:3]}"
        assert len(document.findall(".//h1")) == 1, name
        assert document.get("lang") == "en"
        for landmark in ("header", "nav", "main", "footer"):
            assert document.find(f".//{landmark}") is not None, (name, landmark)
        ids = Counter(el.get("id") for el in document.iter() if isinstance(el.tag, str) and el.get("id"))
        assert [i for i, n in ids.items() if n > 1] == [], name
        levels = [
            int(el.tag[1]) for el in document.iter() if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)
        ]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (name, levels)
        assert [a.get("href") for a in document.findall(".//nav[@class='site']//li[@class='index-page']/a")] == [
            up + page for page in PAGES
        ]
        assert [
            el.get("href") or el.get("src") for el in document.findall("head/*") if el.tag in ("link", "script")
        ] == [up + "edition.css", up + "site.css", "data:,", up + "edition.js"]
        assert (
            document.find(".//nav[@class='site']//a[@aria-current='page']") is not None
            or name == "index.html"
            or document.find(".//nav[@class='breadcrumb']//li[@aria-current='page']") is not None
        )
        for svg in document.iter(f"{SVG}svg"):
            labels = svg.get("aria-labelledby").split()
            assert labels and all(document.find(f".//*[@id='{i}']") is not None for i in labels), name
            assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
            for link in svg.iter(f"{SVG}a"):
                assert link.findtext(f"{SVG}title") or link.findtext(f"{SVG}text"), name  # every link is named
        search = document.find(".//form[@role='search']")
        assert (search is None) == (name == "search.html")
        if search is not None:
            assert search.get("action") == up + "search.html" and search.find(".//label").get("for") == "site-search"


@pytest.mark.parametrize("which", ["fixture_build", "edition_build_output"])
def test_every_link_between_pages_resolves(which, request):
    """Entity pages link every mention to its passage; document pages link every name to its
    entity's page; list pages link each entity to its page; links from pages one folder down
    go up."""
    site = request.getfixturevalue(which) / "site"
    pages = {
        str(page.relative_to(site)): parse_html(page)[0]
        for page in site.rglob("*.html")
        if not page.is_relative_to(site / "pagefind")
    }
    targets = {name: ids_of(document) for name, document in pages.items()}
    checked, missing, into_entities = 0, set(), Counter()
    for name, document in pages.items():
        for _, href in links(document):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("data:"):
                continue
            page = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path)) if parts.path else name
            if page.startswith("pagefind/") or page in ("edition.css", "site.css"):
                continue
            if not page.endswith(".html"):  # a document's TEI, text or PDF, the index data
                assert (site / page).is_file(), (name, href)
                continue
            assert page in targets, (name, href)
            if "/" in page:
                into_entities[name.split("/")[0] if "/" in name else "documents" if name not in PAGES else name] += 1
            if parts.fragment:
                if unquote(parts.fragment) not in targets[page]:
                    missing.add(unquote(parts.fragment))
                checked += 1
    # names in the documents, list pages (and the map) lead to entity pages
    assert (
        into_entities["documents"] > 5
        and into_entities["persons.html"]
        and into_entities["places.html"] > into_entities["organisations.html"] > 0
    )
    assert checked > 50
    # document pages render a biblStruct's imprint without the ids of the dates in it (a gap of
    # xslt/html/linking.xsl): the only links allowed to miss
    data = json.loads((site.parent / "indices" / "indices.json").read_text(encoding="utf-8"))
    works = {w["passage"] for w in data["works"]}
    in_works = {m["id"] for d in data["dates"] for m in d["mentions"] if m["passage"] in works}
    assert missing <= in_works, sorted(missing - in_works)[:10]


def test_entity_pages_show_the_register_data_and_every_mention_with_its_context(fixture_build):
    site = fixture_build / "site"
    data = json.loads((fixture_build / "indices" / "indices.json").read_text(encoding="utf-8"))
    files = {d["key"]: d["file"].replace(".xml", ".html") for d in data["documents"]}
    for folder, section in SECTIONS.items():
        registered = [e for e in data[section] if e["register"]]
        assert registered and len(list((site / folder).glob("*.html"))) == len(data[section])
        listing, _ = parse_html(site / f"{folder}.html")
        for entity in registered:
            page, _ = parse_html(site / folder / f"{entity['key']}.html")
            assert page.findtext(".//h1") == entity["name"]
            items = page.findall(".//ul[@class='mentions']//ol/li")
            assert [li.find("a").get("href") for li in items] == [
                "../" + files[m["document"]] + ("" if m["part"] == "header" else f"#{m['id']}")
                for m in sorted(entity["mentions"], key=lambda m: list(files).index(m["document"]))
            ]
            assert ["".join(li.find("q").itertext()) for li in items] == [
                m["context"] for m in sorted(entity["mentions"], key=lambda m: list(files).index(m["document"]))
            ]
            assert all(li.findtext("q/mark") == li.findtext("a") for li in items if li.findtext("q/mark"))
            back, letter = [a.get("href") for a in page.findall(".//nav[@class='breadcrumb']//a")]
            assert back == f"../{folder}.html" and letter.startswith(f"{back}#letter-")  # the entry's letter section
            assert listing.find(f".//section/h2[@id='{letter.split('#')[1]}']/../p[@id='{entity['key']}']") is not None
    stalin, _ = parse_html(site / "persons" / "p-stalin.html")
    assert "I. Stalin" in [s.text for s in stalin.findall(".//ul[@class='variants']/li/span")]
    data_list = dict(
        zip(
            [dt.text for dt in stalin.findall(".//dl[@class='entry-data']/dt")],
            ["".join(dd.itertext()) for dd in stalin.findall(".//dl[@class='entry-data']/dd")],
        )
    )
    assert data_list["Born"] == "18 December 1878, Gori" and data_list["Mentions"] == "3 in 1 document"
    assert stalin.find(".//a[@href='https://www.wikidata.org/wiki/Q855']") is not None
    assert len(stalin.findall(".//q[@class='context']/mark")) == 3
    baku, _ = parse_html(site / "places" / "pl-baku.html")
    assert baku.find(".//ul[@class='variants']/li/span[@lang='az']").text == "Bakı"
    assert baku.find(".//a[@href='../places.html#map']").text == "40.4093° N, 49.8671° E"
    assert baku.find(".//a[@href='https://www.wikidata.org/wiki/Q9248']") is not None
    assert {a.get("href").split("#")[0] for a in baku.findall(".//ul[@class='mentions']//ol/li/a")} == {
        "../alpha.html",
        "../beta.html",
    }
    assert all(q.get("lang") == "en" for q in baku.findall(".//q[@class='context']"))  # each in its language
    assert (site / "persons" / "unregistered-person-.23local.html").exists()  # no register entry: an id from its key


def test_list_pages_link_each_entity_to_its_page_without_mentions(fixture_build):
    site = fixture_build / "site"
    data = json.loads((fixture_build / "indices" / "indices.json").read_text(encoding="utf-8"))
    for folder, section in SECTIONS.items():
        listing, _ = parse_html(site / f"{folder}.html")
        assert listing.find(".//q") is None and listing.find(".//ul[@class='mentions']") is None
        entries = listing.findall(".//p[@class='entry']")
        assert len(entries) == len(data[section])
        for entry, entity in zip(entries, data[section]):
            link = entry.find("a")
            assert link.text == entity["name"] and (site / link.get("href")).is_file()
            assert link.get("href") == f"{folder}/{entry.get('id')}.html"
            count = f"{entity['count']} mention{'s' * (entity['count'] != 1)} in {len(entity['documents'])} document"
            assert count in entry.findtext("span[@class='entry-line']")
    persons, _ = parse_html(site / "persons.html")
    stalin = persons.find(".//p[@id='p-stalin']")
    assert (
        stalin.findtext("span[@class='entry-line']") == "Born 18 December 1878, Gori · Died 5 March 1953 · "
        "3 mentions in 1 document"
    )
    assert persons.findtext(".//p[@class='index-summary']").split() == "4 persons, 7 mentions in 2 documents.".split()
    assert [a.text for a in persons.findall(".//nav[@class='letters']//a")] == sorted(
        {e["name"][0].upper() for e in data["persons"]}, key=[e["name"][0].upper() for e in data["persons"]].index
    )


def test_map_has_a_point_per_place_with_coordinates(fixture_build, edition_build_output):
    for build_dir in (fixture_build, edition_build_output):
        data = json.loads((build_dir / "indices" / "indices.json").read_text(encoding="utf-8"))
        located = {p["key"] for p in data["places"] if p["lat"] is not None}
        places, _ = parse_html(build_dir / "site" / "places.html")
        overview = places.find(".//figure[@id='map']")
        points = {a.get("href") for a in overview.iter(f"{SVG}a")}
        outside = {a.get("href") for a in overview.findall("figcaption/a")}
        assert points | outside == {f"places/{key}.html" for key in located} and not points & outside
        assert all((build_dir / "site" / href).is_file() for href in points | outside)
        assert all(a.find(f"{SVG}circle") is not None for a in overview.iter(f"{SVG}a"))
        assert [t.text for t in overview.findall(f".//{SVG}g[@class='places']//{SVG}text")]
        for circle in overview.iter(f"{SVG}circle"):
            assert 0 <= float(circle.get("cx")) <= 800


@pytest.mark.parametrize(
    "baku, nakhchivan, located",
    [
        ("51.5 -0.1", "-33.9 151.2", 2),  # London and Sydney: no place within reach of the median point
        ("-91 200", "1e308 -1e308", 0),  # not on the globe: no coordinates
        ("40.4 49.8", "NaN INF", 1),
    ],
)
def test_the_map_of_any_valid_coordinates(tmp_path, baku, nakhchivan, located):
    from edition.build import build

    edition = tmp_path / "edition"
    shutil.copytree(FIXTURE_EDITION, edition)
    places = edition / "places.xml"
    places.write_text(
        places.read_text(encoding="utf-8").replace("40.4093 49.8671", baku).replace("39.2089, 45.4122", nakhchivan),
        encoding="utf-8",
    )
    out = build(edition, tmp_path / "build", check=False, pdf=False).output
    data = json.loads((out / "indices" / "indices.json").read_text(encoding="utf-8"))
    assert len([p for p in data["places"] if p["lat"] is not None]) == located
    page, _ = parse_html(out / "site" / "places.html")
    overview = page.find(".//figure[@id='map']")
    if not located:
        assert overview is None
        return
    points = [a.get("href") for a in overview.iter(f"{SVG}a")]
    outside = [a.get("href") for a in overview.findall("figcaption/a")]
    assert len(points) == 1 and len(points + outside) == located
    assert all(0 <= float(c.get(xy)) <= 800 for c in overview.iter(f"{SVG}circle") for xy in ("cx", "cy"))


def test_chronology_lists_every_dated_mention_in_date_order_a_page_a_year(fixture_build, edition_build_output):
    for build_dir in (fixture_build, edition_build_output):
        data = json.loads((build_dir / "indices" / "indices.json").read_text(encoding="utf-8"))
        site = build_dir / "site"
        chronology, _ = parse_html(site / "chronology.html")
        years = [a.get("href") for a in chronology.findall(".//ol[@class='years']/li/a")]
        files = sorted(p.relative_to(site).as_posix() for p in (site / "chronology").glob("*.html"))
        assert years and sorted(years) == files  # every year page listed once, none missing
        listed, counted = [], 0
        for href in years:  # the years in date order, the dates on each page too
            page, _ = parse_html(site / href)
            assert page.find(".//nav[@class='breadcrumb']//a").get("href") == "../chronology.html"
            listed += [li.get("id") for li in page.findall(".//ul[@class='dated-mentions']/li")]
            counted += int(
                re.search(
                    r"\((\d+) mentions?",
                    "".join(chronology.find(f".//ol[@class='years']/li/a[@href='{href}']/..").itertext()),
                )[1]
            )
        mentions = [m for d in data["dates"] for m in d["mentions"]]
        dated = [m for m in mentions if m["sort_start"]]
        assert listed == [m["id"] for m in dated + [m for m in mentions if not m["sort_start"]]]
        assert counted == len(mentions)
        starts = [m["sort_start"] for m in dated]
        assert starts == sorted(starts, key=lambda s: tuple(int(part) for part in s.rsplit("-", 2)))
        bars = [
            a.get("href")
            for a in chronology.find(".//figure[@class='timeline']").iter(f"{SVG}a")
            if a.get("class") == "mark"
        ]
        assert bars and set(bars) <= set(years)
    data = json.loads((fixture_build / "indices" / "indices.json").read_text(encoding="utf-8"))
    chronology, _ = parse_html(fixture_build / "site" / "chronology.html")
    assert [a.text for a in chronology.findall(".//ol[@class='years']/li/a")][:3] == ["1920", "1921", "1995"]
    year, _ = parse_html(fixture_build / "site" / "chronology" / "1920.html")
    april = next(m["id"] for d in data["dates"] for m in d["mentions"] if m["surface"] == "April 1920")
    assert year.find(f".//li[@id='{april}']//q[@class='context']/mark").text == "April 1920"
    assert year.find(f".//li[@id='{april}']/a").get("href").startswith("../alpha.html#")


def test_works_cited_with_their_links(fixture_build):
    data = json.loads((fixture_build / "indices" / "indices.json").read_text(encoding="utf-8"))
    overview, _ = parse_html(fixture_build / "site" / "works.html")
    assert [a.get("href") for a in overview.findall(".//p[@class='works-page']/a")] == ["works/1.html"]
    works, _ = parse_html(fixture_build / "site" / "works" / "1.html")
    listed = works.findall(".//div[@class='work']")
    assert [w.get("id") for w in listed] == list(dict.fromkeys(f"work-{w['work']}" for w in data["works"]))
    assert len(listed) >= 2
    cited = [li.get("id") for w in listed for li in w.findall("ul[@class='citations']/li")]
    assert cited == [f"cited-{w['id']}" for w in data["works"]]
    hrefs = {a.get("href") for a in works.iter("a")}
    assert {"https://doi.org/10.1234/abc", "https://doi.org/10.5555/xyz"} <= hrefs
    assert "../alpha.html#al-b1" in hrefs
    assert works.find(".//nav[@class='pages']") is None  # one page: no page links


def test_works_cited_in_pages(tmp_path, monkeypatch):
    """WORKS_PER_PAGE works a page (1 here): works.html lists the pages by their first (and
    last) work; works/1.html, works/2.html … each with its citations and the way to the next
    and the previous page; together every work once, in the order of the index."""
    monkeypatch.setattr(site, "WORKS_PER_PAGE", 1)
    sources = load_tei(sorted(FIXTURE_EDITION.glob("*.xml")))
    documents = [s for s in sources if s.path.name in ("alpha.xml", "beta.xml")]
    indices = collect(documents)
    write_site(documents, sources, tmp_path, indices=indices)
    overview, errors = parse_html(tmp_path / "works.html")
    assert errors == []
    assert "2 works, 2 citations in 1 document," in " ".join(overview.findtext(".//p[@class='index-summary']").split())
    entries = overview.findall(".//p[@class='works-page']")
    assert [e.find("a").get("href") for e in entries] == ["works/1.html", "works/2.html"]
    assert [e.find("a").text for e in entries] == [w["authors"][0]["name"] for w in indices.works]
    assert [w["author"] for w in indices.cited] == [w["authors"][0]["name"] for w in indices.works]
    listed = []
    for number in (1, 2):
        page, errors = parse_html(tmp_path / "works" / f"{number}.html")
        assert errors == []
        assert page.findtext(".//p[@class='pages']") == f"Works {number}–{number} of 2."
        assert [(a.get("rel"), a.get("href")) for a in page.findall(".//nav[@class='pages']//a")] == [
            [("next", "2.html")],
            [("prev", "1.html")],
        ][number - 1]
        listed += [w.get("id") for w in page.findall(".//div[@class='work']")]
    assert listed == [f"work-{w['work']}" for w in indices.works]


def test_document_pages_carry_the_search_marks(fixture_build, edition_build_output):
    alpha, _ = parse_html(fixture_build / "site" / "alpha.html")
    article = alpha.find(".//article[@class='document']")
    assert "data-pagefind-body" in article.attrib
    assert [f.text for f in article.findall(".//*[@data-pagefind-filter='Document']")] == ["Alpha: a report"]
    assert [f.text for f in article.findall(".//*[@data-pagefind-filter='Language']")] == ["en"]
    assert article.find(".//h1").get("data-pagefind-meta") == "title"
    thesis, _ = parse_html(edition_build_output / "site" / "mountain-fortress.html")
    for selector in NOT_INDEXED:  # every part left out of the search still exists under that name
        tag, _, cls = selector.partition(".")
        assert thesis.findall(f".//article//{tag}[@class='{cls}']"), selector


def test_edition_html_has_no_index_pages_and_no_search_marks(tmp_path):
    documents = load_tei([FIXTURE_EDITION / "alpha.xml"])
    write_site(documents, load_tei(sorted(FIXTURE_EDITION.glob("*.xml"))), tmp_path, home=False)
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["alpha.html"]
    page = (tmp_path / "alpha.html").read_text(encoding="utf-8")
    assert "data-pagefind" not in page and "site-search" not in page and "index-page" not in page


def test_a_document_named_like_an_index_page_is_refused(tmp_path):
    for path in FIXTURE_EDITION.glob("*.xml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "alpha.xml").rename(tmp_path / "chronology.xml")
    sources = load_tei(sorted(tmp_path.glob("*.xml")))
    documents = [s for s in sources if s.path.name in ("chronology.xml", "beta.xml")]
    with pytest.raises(InputError) as caught:
        write_site(documents, sources, tmp_path / "site", indices=collect(documents))
    assert "chronology.html" in caught.value.problem.message and caught.value.problem.rule == "output-clash"


def test_two_entities_with_one_page_are_refused(tmp_path):
    """Ids of entities without a register entry are made from their keys: two keys may give one."""
    for path in FIXTURE_EDITION.glob("*.xml"):
        shutil.copy(path, tmp_path / path.name)
    beta = tmp_path / "beta.xml"  # "#local" gives the id unregistered-person-.23local
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("with\n", 'with <persName ref=".23local">another</persName>\n', 1),
        encoding="utf-8",
    )
    sources = load_tei(sorted(tmp_path.glob("*.xml")))
    documents = [s for s in sources if s.path.name in ("alpha.xml", "beta.xml")]
    with pytest.raises(InputError) as caught:
        write_site(documents, sources, tmp_path / "site", indices=collect(documents))
    assert (
        caught.value.problem.rule == "output-clash"
        and "persons/unregistered-person-.23local.html" in caught.value.problem.message
    )


def test_an_entity_with_many_mentions_has_them_on_several_pages(tmp_path, monkeypatch):
    """MENTIONS_PER_PAGE mentions a page (2 here): persons/ID.html, persons/ID~2.html …, each
    with the count and links to the others; together every mention once, in order."""
    monkeypatch.setattr(site, "MENTIONS_PER_PAGE", 2)
    sources = load_tei(sorted(FIXTURE_EDITION.glob("*.xml")))
    documents = [s for s in sources if s.path.name in ("alpha.xml", "beta.xml")]
    indices = collect(documents)
    write_site(documents, sources, tmp_path, indices=indices)
    baku = next(e for e in indices.entities["place"] if e["key"] == "pl-baku")
    assert len(baku["mentions"]) == 4
    assert sorted(p.name for p in (tmp_path / "places").glob("pl-baku*.html")) == ["pl-baku.html", "pl-baku~2.html"]
    listed = []
    for number, name in enumerate(["pl-baku.html", "pl-baku~2.html"], 1):
        page, errors = parse_html(tmp_path / "places" / name)
        assert errors == []
        assert "".join(page.find(".//p[@class='pages']").itertext()) == f"Mentions {2 * number - 1}–{2 * number} of 4."
        nav = page.find(".//nav[@class='pages']")
        assert [a.get("href") for a in nav.iter("a")] == ["pl-baku.html#mentions", "pl-baku~2.html#mentions"]
        assert [a.text for a in nav.iter("a") if a.get("aria-current") == "page"] == [str(number)]
        listed += [li.find("a").get("href") for li in page.findall(".//ul[@class='mentions']//ol/li")]
    assert listed == [f"../{m['document'] == 'al' and 'alpha' or 'beta'}.html#{m['id']}" for m in baku["mentions"]]
    one, _ = parse_html(tmp_path / "persons" / "p-sadiqov.html")  # two mentions: one page, no page links
    assert one.find(".//nav[@class='pages']") is None


def test_a_year_with_many_dated_mentions_goes_on_over_several_pages(tmp_path, monkeypatch):
    """MENTIONS_PER_PAGE dated mentions a page (3 here): chronology/1920.html, 1920~2.html …,
    a date's mentions going on over the next page; the first page lists the dates of the year,
    each linked to its heading where it starts; together every mention once, in date order."""
    monkeypatch.setattr(site, "MENTIONS_PER_PAGE", 3)
    minimal = (Path(__file__).parent / "fixtures" / "robustness" / "minimal.xml").read_text(encoding="utf-8")
    gamma = tmp_path / "tei" / "gamma.xml"
    gamma.parent.mkdir()
    gamma.write_text(
        minimal.replace(
            "BODY",
            'On <date when="1920-04-28">28 April</date>, <date when="1920-04-28">that '
            'day</date> and <date when="1920-04-28">again</date>.',
        ),
        encoding="utf-8",
    )
    sources = load_tei(sorted(FIXTURE_EDITION.glob("*.xml")) + [gamma])
    documents = [s for s in sources if s.path.name in ("alpha.xml", "beta.xml", "gamma.xml")]
    indices = collect(documents)
    write_site(documents, sources, tmp_path / "site", indices=indices)
    dates = [d for d in indices.entities["date"] if d["sort_start"].startswith("1920-")]
    assert [len(d["mentions"]) for d in dates] == [1, 1, 4, 1, 1]  # 8 mentions: pages of 3, 3 and 2
    folder = tmp_path / "site" / "chronology"
    names = ["1920.html", "1920~2.html", "1920~3.html"]
    assert sorted(p.name for p in folder.glob("1920*.html")) == names
    listed, pages = [], {}
    for number, name in enumerate(names, 1):
        page, errors = parse_html(folder / name)
        assert errors == []
        pages[name] = page
        nav = page.find(".//nav[@class='pages']")
        assert [a.get("href") for a in nav.iter("a")] == names
        assert [a.text for a in nav.iter("a") if a.get("aria-current") == "page"] == [str(number)]
        listed += [li.get("id") for li in page.findall(".//ul[@class='dated-mentions']/li")]
        assert (page.find(".//section[@class='year-dates']") is not None) == (number == 1)
    assert listed == [m["id"] for d in dates for m in d["mentions"]]
    assert "".join(pages["1920~2.html"].find(".//h2[@class='date']").itertext()).endswith("(continued)")
    listed = pages["1920.html"].findall(".//ol[@class='year-dates']/li/a")
    assert [a.text for a in listed][:3] == ["1920 – 1929 (approximately)", "1920-04", "1920-04-28"]
    assert len(listed) == len(dates)
    for a in listed:  # each date's link reaches its heading, on the page where it starts
        name, anchor = a.get("href").split("#")
        assert "".join(pages[name].find(f".//h2[@id='{anchor}']").itertext()) == a.text
    assert [a.get("href").split("#")[0] for a in listed] == ["1920.html"] * 3 + ["1920~3.html"] * 2
    single, _ = parse_html(folder / "1921.html")  # one mention: one page, no page links, no list of dates
    assert single.find(".//nav[@class='pages']") is None and single.find(".//section[@class='year-dates']") is None


def test_a_date_is_filed_under_the_year_its_document_page_links_to():
    """The year is reckoned twice: ``site.year`` chooses the chronology page a date goes on (from
    its first day), ``ed:year`` the page a document links the date to. They must agree."""
    from edition.resources import XSLT_DIR
    from edition.saxon import Stylesheet
    from edition.site import year

    days = ["1920-04-01", "1920-01", "0900-12-31", "-0044-03-15", "-0001-01-01", "12345-06-07", "0000-01-01", ""]
    sheet = Stylesheet(
        XSLT_DIR / "common" / "year-test.xsl",
        text=f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ed="urn:x-edition:functions">
          <xsl:include href="{(XSLT_DIR / "common" / "dates.xsl").as_uri()}"/>
          <xsl:output method="text"/>
          <xsl:param name="days" as="array(xs:string)"/>
          <xsl:template name="xsl:initial-template">
            <xsl:value-of select="array:flatten($days) ! ed:year(.)" separator="|"
                xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
          </xsl:template>
        </xsl:stylesheet>""",
    )
    sheet.set({}, {"days": days})
    assert sheet.call_template("years").split("|") == [year(day) for day in days]
    assert [year(day) for day in days] == ["1920", "1920", "900", "-44", "-1", "12345", "0", ""]
