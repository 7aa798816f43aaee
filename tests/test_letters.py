"""Letters: a letter's own title (not its series'), its date, sender, addressee and places from
``correspDesc`` on its page, and in the indices as mentions of their own part (the kind of
``correspAction``) linked to that block; the letters as CMIF: ``edition new``'s two letters,
built, and real letters of ``../shared/corpus`` (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from edition.build import build
from edition.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"
SERIES = "Letters of Ada Example and Ben Sample"
TITLES = {
    "letter-1": "Letter from Ada Example to Ben Sample, Vienna, 3 March 1901",
    "letter-2": "Letter from Ben Sample to Ada Example, Graz, 10 March 1901",
}
#: Ada Example's authority URI, added to her register entry (the template's has a bare Wikidata id).
ADA = "https://d-nb.info/gnd/000000000"


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    """``edition new``'s letters, each with the series title first in its titleStmt, and an
    authority URI of a correspondent, built."""
    folder = tmp_path_factory.mktemp("letters") / "letters"
    assert CliRunner().invoke(main, ["new", str(folder)]).exit_code == 0
    persons = folder / "tei" / "persons.xml"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(
            '<idno type="wikidata">Q4115189</idno>',
            f'<idno type="wikidata">Q4115189</idno><idno type="URI">{ADA}</idno>',
        ),
        encoding="utf-8",
    )
    for name in TITLES:
        path = folder / "tei" / f"{name}.xml"
        tree = etree.parse(str(path))
        title_stmt = tree.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt")
        series = etree.Element(f"{TEI}title", level="s")
        series.text = SERIES
        title_stmt.insert(0, series)
        tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return build(folder / "tei", folder / "build", check=False, pdf=False).output


def _page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def _summary(page: html.HtmlElement) -> dict[str, html.HtmlElement]:
    """The rows of a document page's summary: label -> dd."""
    dl = page.xpath('//header[@class="document"]/dl[@class="summary"]')[0]
    return {dt.text_content(): dt.getnext() for dt in dl.findall("dt")}


def test_a_letter_is_titled_by_its_own_title_never_its_series(letters):
    site = letters / "site"
    home = _page(site / "index.html")
    assert [a.text_content() for a in home.xpath('//ul[@class="documents"]//h3/a')] == list(TITLES.values())
    data = json.loads((letters / "indices" / "indices.json").read_text(encoding="utf-8"))
    assert {d["key"]: d["title"] for d in data["documents"] if d["key"] in TITLES} == TITLES
    for name, title in TITLES.items():
        page = _page(site / f"{name}.html")
        assert page.findtext(".//h1") == title
        assert page.findtext(".//title").startswith(title)
        assert SERIES not in page.findtext(".//title")
        assert title in [e.text_content() for e in page.xpath("//nav//*")]
        assert (letters / "text" / f"{name}.txt").read_text(encoding="utf-8").splitlines()[1] == title


def test_a_letter_shows_its_date_sender_addressee_and_places(letters):
    rows = _summary(_page(letters / "site" / "letter-1.html"))
    assert rows["Date"].xpath(".//time/@datetime") == ["1901-03-03"]
    assert rows["Date"].xpath(".//a/@href")[0].startswith("chronology/1901.html#")
    links = {
        key: [(a.get("href"), a.text_content()) for a in rows[key].xpath(".//a")] for key in ("Sender", "Addressee")
    }
    assert links == {
        "Sender": [("persons/ada.html", "Ada Example"), ("places/vienna.html", "Vienna")],
        "Addressee": [("persons/ben.html", "Ben Sample"), ("places/graz.html", "Graz")],
    }


def _mentions(data: dict, section: str, key: str, document: str) -> list[dict]:
    return [m for e in data[section] if e["key"] == key for m in e["mentions"] if m["document"] == document]


def test_the_correspondence_is_indexed_and_linked_to_the_letters_block(letters):
    """The sender, addressee, places and date are mentions of their action ('sent', 'received'),
    the date in the chronology under the letter's own date; each links to its place in the
    letter's block, and the entity pages name the sender and the addressee."""
    data = json.loads((letters / "indices" / "indices.json").read_text(encoding="utf-8"))
    site = letters / "site"
    summary = _page(site / "letter-2.html").xpath('//dl[@class="summary"]')[0]
    expected = {
        ("persons", "ben", "sent", "Sender"),
        ("places", "graz", "sent", "Correspondence"),
        ("dates", "1901-03-10", "sent", None),
        ("persons", "ada", "received", "Addressee"),
        ("places", "vienna", "received", "Correspondence"),
    }
    for section, key, part, where in expected:
        (mention,) = [m for m in _mentions(data, section, key, "letter-2") if m["part"] != "body"]
        assert mention["part"] == part
        assert summary.xpath(f'.//*[@id="{mention["id"]}"]'), (section, key)
        entity_page = site / ("chronology/1901.html" if section == "dates" else f"{section}/{key}.html")
        link = _page(entity_page).xpath(f'//a[@href="../letter-2.html#{mention["id"]}"]')[0]
        if where:
            assert link.getnext().text_content() == f"({where})"
    (date,) = [m for m in _mentions(data, "dates", "1901-03-10", "letter-2") if m["part"] == "sent"]
    assert date["sort_start"] == "1901-03-10"


def test_real_letters_show_their_own_title_sender_and_addressee(corpus, tmp_path):
    amp = corpus / "amp-letter" / "data" / "editions" / "amp-transcript__0001.xml"
    edgeworth = corpus / "edgeworth-letter" / "Edgeworth_Bodleian_696_1819-06_letter01.xml"
    for letter in (amp, edgeworth):
        result = CliRunner().invoke(main, ["html", str(letter), "-o", str(tmp_path / letter.stem)])
        assert result.exit_code == 0, result.output
    page = _page(tmp_path / amp.stem / f"{amp.stem}.html")
    assert page.findtext(".//h1") == "Autograph Letter Signed W. H. Auden to Stella Musulin 1963-05-12"
    rows = {label: dd.text_content() for label, dd in _summary(page).items()}
    assert rows["Sender"] == "Postamt Kirchstetten (post office Kirchstetten), Kirchstetten"
    assert rows["Redirected to"] == "Neulinggasse 26"
    assert rows["Addressee"] == "Musulin, Stella, Fridau"
    assert rows["Date"].startswith("1963-05-13")
    page = _page(tmp_path / edgeworth.stem / f"{edgeworth.stem}.html")
    assert page.findtext(".//h1") == "Letter from Maria Edgeworth to Frances Anne Edgeworth, June 1819"
    rows = {label: dd.text_content() for label, dd in _summary(page).items()}
    assert (rows["Sender"], rows["Addressee"]) == ("Maria Edgeworth", "Frances Anne Edgeworth")


def test_a_real_letter_is_indexed_under_its_own_date(corpus, tmp_path):
    letter = corpus / "amp-letter" / "data" / "editions" / "amp-transcript__0001.xml"
    result = CliRunner().invoke(main, ["index", str(letter), "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "indices.json").read_text(encoding="utf-8"))
    assert data["documents"][0]["title"] == "Autograph Letter Signed W. H. Auden to Stella Musulin 1963-05-12"
    sent = [m for e in data["dates"] for m in e["mentions"] if m["part"] == "sent"]
    assert [(m["sort_start"], m["not_before"]) for m in sent] == [("1963-05-13", "1963-05-13T11:00:01+01:00")]
    received = [
        (m["type"], m["surface"])
        for s in ("persons", "places")
        for e in data[s]
        for m in e["mentions"]
        if m["part"] == "received"
    ]
    assert sorted(received) == [("person", "Musulin, Stella"), ("place", "Fridau"), ("place", "Fridau")]


def test_the_correspondents_are_indexed_with_their_letters(letters):
    """persons.html and organisations.html list the correspondents, the most letters first, each
    with the letters it sent and received; places are not correspondents."""
    data = json.loads((letters / "indices" / "indices.json").read_text(encoding="utf-8"))
    letters_of = {e["name"]: e["letters"] for e in data["persons"] if "letters" in e}
    assert letters_of == {"Ada Example": {"sent": 1, "received": 1}, "Ben Sample": {"sent": 1, "received": 1}}
    page = _page(letters / "site" / "persons.html")
    rows = [li.text_content() for li in page.xpath("//section[@class='correspondents']//li")]
    assert rows == [
        "Ada Example: Sender (1 letter), Addressee (1 letter)",
        "Ben Sample: Sender (1 letter), Addressee (1 letter)",
    ]
    assert not _page(letters / "site" / "places.html").xpath("//section[@class='correspondents']")


def test_the_letters_as_cmif(letters, tmp_path):
    """indices/letters.xml (and the site's, and edition index --format cmif's): a correspDesc per
    letter, its page, its sender, addressee, places and dates; the persons by their authority URI
    where the register has one."""
    tei = letters.parent / "tei"
    result = CliRunner().invoke(main, ["index", str(tei), "--format", "cmif", "-o", str(tmp_path / "cmif")])
    assert result.exit_code == 0 and sorted(p.name for p in (tmp_path / "cmif").iterdir()) == [
        ".edition-output",
        "letters.xml",
    ], result.output
    for folder in (letters / "indices", letters / "site" / "indices", tmp_path / "cmif"):
        cmif = etree.parse(str(folder / "letters.xml")).getroot()
        assert cmif.tag == f"{TEI}TEI"
        descs = cmif.findall(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}correspDesc")
        assert [(d.get("ref"), d.get("source")) for d in descs] == [
            ("letter-1.html", "#edition"),
            ("letter-2.html", "#edition"),
        ]
        assert cmif.find(f".//{TEI}sourceDesc/{TEI}bibl").get("{http://www.w3.org/XML/1998/namespace}id") == "edition"
        actions = [
            (
                a.get("type"),
                [(etree.QName(e).localname, e.text, e.get("ref"), e.get("when")) for e in a],
            )
            for a in descs[0]
        ]
        assert actions == [
            (
                "sent",
                [
                    ("persName", "Ada Example", ADA, None),
                    ("placeName", "Vienna", None, None),
                    ("date", None, None, "1901-03-03"),
                ],
            ),
            ("received", [("persName", "Ben Sample", None, None), ("placeName", "Graz", None, None)]),
        ]


def test_an_edition_without_letters_has_no_cmif(edition_build_output):
    assert not (edition_build_output / "indices" / "letters.xml").exists()
    assert not (edition_build_output / "site" / "indices" / "letters.xml").exists()


def test_a_file_of_many_letters_is_no_letter(corpus, tmp_path):
    """A CMIF file (a correspDesc per letter, 2,435) is not one letter: its page lists no sender or
    addressee, and its names are mentions in its header."""
    cmif = corpus / "cmif-spener-letters.xml"
    result = CliRunner().invoke(main, ["html", str(cmif), "-o", str(tmp_path / "html")])
    assert result.exit_code == 0, result.output
    rows = _summary(_page(tmp_path / "html" / f"{cmif.stem}.html"))
    assert not {"Sender", "Addressee"} & rows.keys()
    result = CliRunner().invoke(main, ["index", str(cmif), "--format", "json", "-o", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "index" / "indices.json").read_text(encoding="utf-8"))
    parts = {m["part"] for section in ("persons", "places", "dates") for e in data[section] for m in e["mentions"]}
    assert parts == {"header"}
