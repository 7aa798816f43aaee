"""Registers shown as documents (xslt/common/registers.xsl): each entry its main name and what
else it holds, labelled, its notes in place (not footnotes), in HTML, text and print; a fixture
and the real registers of ../shared/corpus (skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html
from support.rendered import outputs

from edition.documents import load_tei
from edition.pdf import print_html

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = ROOT / "tests" / "fixtures" / "registers" / "people.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"


def squeezed(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_entries_with_their_names_dates_places_and_notes(tmp_path):
    page, text = outputs(PEOPLE, tmp_path)
    [auden] = page.xpath("//ul[contains(@class, 'register')]/li[@id='auden']")
    assert squeezed(auden.xpath("p[@class='entry-name']")[0]) == "W. H. Auden"
    assert [(dt.text, [squeezed(dd) for dd in dt.itersiblings() if dd.tag == "dd"][:2]) for dt in auden.iter("dt")][
        :1
    ] == [("Variants", ["Wystan Hugh Auden", "21 February 1907, York"])]
    labels = [dt.text for dt in auden.iter("dt")]
    assert labels == ["Variants", "Born", "Died", "Occupation", "Identifiers", "Note"]
    assert squeezed(auden.xpath("dl/dd[last()]")[0]) == "Wrote the libretto of The Rake's Progress."
    assert not page.xpath("//a[@class='fn-ref'] | //section[@class='notes']")
    assert [dt.text for dt in page.xpath("//li[@id='york']//dt")] == ["Location", "Note"]
    assert (
        "W. H. Auden\n  Variants: Wystan Hugh Auden\n  Born: 21 February 1907, York\n"
        "  Died: 29 September 1973, Vienna\n  Occupation: poet\n"
        "  Identifiers: https://d-nb.info/gnd/118650963\n"
        "  Note: Wrote the libretto of The Rake's Progress.\nYork\n  Location: 53.96 -1.08\n"
        "  Note: A city in the north of England.\n"
    ) in text
    documents = load_tei([PEOPLE])
    printed = html.fromstring(print_html(documents, documents))
    assert len(printed.xpath("//li[contains(@class, 'entry')]")) == 2 and not printed.xpath("//*[@class='fn-call']")


@pytest.mark.parametrize(
    "name",
    ["amp-letter/entities/out/amp-index-persons.xml", "edgeworth-letter/Personography.xml", "syriaca-place-78.xml"],
)
def test_real_registers_are_lists_of_entries(corpus, tmp_path, name):
    path = corpus / name
    kinds = ("person", "personGrp", "place", "org", "event")
    lists = {f"{TEI}{name}" for name in ("listPerson", "listPlace", "listOrg", "listEvent")}
    entries = [e for e in etree.parse(str(path)).iter(*(TEI + k for k in kinds)) if e.getparent().tag in lists]
    page, text = outputs(path, tmp_path)
    assert len(page.xpath("//ul[contains(@class, 'register')]/li[contains(@class, 'entry')]")) == len(entries)
    assert not page.xpath("//a[@class='fn-ref']")
    every_id = page.xpath("//@id")
    assert len(every_id) == len(set(every_id))  # a part shown as itself keeps its id, its dd has none
    ids = [e.get("{http://www.w3.org/XML/1998/namespace}id") for e in entries]
    assert [i for i in ids if i] == page.xpath("//li[contains(@class, 'entry')]/@id")
    names = [line for line in text.splitlines()[4:] if line and not line.startswith(" ")]
    assert len(names) >= len(entries)  # each entry's main name begins a line, what it holds indented


def test_the_site_index_of_a_real_edition_has_its_notes_in_place(corpus, tmp_path):
    """The Mitford project's site index (2.4 MB): its notes, in entries and in named list items
    with ids, were footnote markers; those left are the notes of figures."""
    page, _ = outputs(corpus / "mitford-charles1" / "si.xml", tmp_path)
    assert len(page.xpath("//a[@class='fn-ref']")) <= 8
    assert page.xpath("//li[@id='adder']//small[contains(@class, 'note')]")
