"""The common pointer model (xslt/common/pointers.xsl): '#id', 'file.xml#id', bare ids of register
entries, prefixDef prefixes, @key, authority URIs matched against the entries' idnos and several
values in one attribute, resolved alike by validation, the HTML pages and the index."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html
from support.registers import FOLDERS, entries, expected_links

from edition.cli import main
from edition.profiles import EDITION, TEI
from edition.validate import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "pointers"
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
NS = "{http://www.tei-c.org/ns/1.0}"

#: The name of the fixture letter (its xml:id) -> the page its pointer leads to ('' for none).
EXPECTED = {
    "n-file": "persons/goethe.html",
    "n-hash": "persons/pmb123.html",
    "n-bare": "persons/pmb123.html",
    "n-prefix": "persons/schiller.html",
    "n-key": "persons/herder.html",
    "n-gnd": "persons/goethe.html",
    "n-gnd-bare": "persons/schiller.html",
    "n-viaf": "persons/schiller.html",
    "n-wikidata": "persons/herder.html",
    "n-geonames": "places/weimar.html",
    "n-several": "persons/goethe.html",
    "n-unknown": "https://d-nb.info/gnd/000000000",
    "n-no-entry": "",
}


def _build(tei: Path, out: Path, *options: str) -> None:
    result = CliRunner().invoke(main, ["build", str(tei), "-o", str(out), "--no-pdf", *options])
    assert result.exit_code == 0, result.output


def test_every_pointer_convention_links_a_name_to_its_entry_and_indexes_it(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(FIXTURE, tei)
    assert validate(sorted(tei.glob("*.xml")), TEI).ok
    _build(tei, tmp_path / "build", "--schema", "tei-all")
    site = tmp_path / "build" / "site"
    page = html.parse(str(site / "letter.html"))
    links = {el.get("id"): el.get("href", "") for el in page.iter() if str(el.get("id", "")).startswith("n-")}
    assert links == EXPECTED
    for href in {h for h in EXPECTED.values() if h.endswith(".html")}:
        entity = (site / href).read_text(encoding="utf-8")
        mentions = {name for name, target in EXPECTED.items() if target == href}
        assert set(re.findall(r"letter\.html#(n-[a-z-]+)", entity)) == mentions, href


def test_a_dangling_pointer_is_an_error_of_the_edition_a_warning_of_any_tei_and_a_bare_value_neither(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "tei")
    letter = tmp_path / "tei" / "letter.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace('ref="#pmb123"', 'ref="#pmb999"'), encoding="utf-8")
    report = validate(sorted((tmp_path / "tei").glob("*.xml")), TEI)
    found = [(p.rule, p.severity, "'#pmb999'" in p.message) for p in report.problems]
    assert found == [("ref-resolves", "warning", True)] and report.ok
    _build(tmp_path / "tei", tmp_path / "build", "--schema", "tei-all")
    page = html.parse(str(tmp_path / "build" / "site" / "letter.html"))
    assert page.xpath("//*[@id='n-hash']/@href") == []  # shown, unlinked
    assert [
        p.rule for p in validate(sorted((tmp_path / "tei").glob("*.xml")), EDITION).problems if p.rule == "ref-resolves"
    ]


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("amp-letter", "data/editions/amp-transcript__0001.xml"),
        ("edgeworth-letter", "Edgeworth_Bodleian_696_1819-06_letter01.xml"),
    ],
)
def test_every_name_of_a_corpus_letter_whose_pointer_resolves_is_a_link_to_its_entry(tmp_path, name, letter):
    """Counted per set: the names of the letter's text whose pointer names a register entry, each
    an <a href> to that entry's page (100 %). The sets keep their real dangling pointers (a
    hand, letters not shipped, 'LongX1'), so they are built without validation."""
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip("the corpus of real TEI is not there")
    kinds, uris = entries(sorted(folder.rglob("*.xml")))
    expected = expected_links(etree.parse(str(folder / letter)).find(f"{NS}text"), kinds, uris)
    _build(folder, tmp_path / "build", "--no-validate")
    site = tmp_path / "build" / "site"
    page = html.parse(str(site / Path(letter).with_suffix(".html").name))
    linked = Counter(
        a.get("href")
        for a in page.iter("a")
        if "mention" in a.get("class", "").split() and a.get("href", "").split("/")[0] in FOLDERS.values()
    )
    print(f"\n[pointers] {name}: {sum(expected.values())} names resolve, {sum((expected & linked).values())} linked")
    assert sum(expected.values()) >= {"amp-letter": 17, "edgeworth-letter": 21}[name]
    assert expected - linked == Counter()
    assert all((site / href).is_file() for href in expected)
    if name == "amp-letter":  # register data for a reader: authorities by name, a place by its settlement
        auden = html.parse(str(site / "persons" / "amp_person_1.html"))
        idnos = [li.text_content() for li in auden.iter("li") if li.getparent().get("class") == "idnos"]
        assert idnos == ["GND: 118650963", "Wikidata: Q178698"]
        assert html.parse(str(site / "places" / "amp_place_id_1.html")).findtext(".//h1") == "Vienna"
        event = html.parse(str(site / "events" / "amp_event_id_69.html"))  # an index of events too
        assert event.findtext(".//h1").startswith("International Rudolf Kassner Symposium")
        assert "12 May 1963 – 17 May 1963" in event.getroot().text_content()  # dates as a reader writes them
        assert "Born21 February 1907 York" in auden.getroot().text_content().replace("\n", "")


def test_a_page_rendered_alone_links_no_page_it_does_not_write(tmp_path):
    """edition html FILE writes no entity or chronology pages, so its names link only addresses
    elsewhere (a build links them to its pages: the first test)."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["html", str(FIXTURE / "letter.xml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = html.parse(str(out / "letter.html"))
    links = {el.get("id"): el.get("href", "") for el in page.iter() if str(el.get("id", "")).startswith("n-")}
    assert links == {name: href if href.startswith("https://") else "" for name, href in EXPECTED.items()}
    hrefs = page.xpath("//a/@href")
    assert not [h for h in hrefs if h.split("/")[0] in ("persons", "places", "organisations", "chronology")]
    assert {p.name for p in out.iterdir() if p.is_dir()} <= {"tei", "images"}
