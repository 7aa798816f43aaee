"""Manuscript descriptions (msDesc) as labelled sections in HTML, text and print
(xslt/common/description.xsl): a fixture of every part, and a real description of
../shared/corpus (skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html
from support.rendered import outputs

from edition.documents import load_tei
from edition.pdf import print_html

ROOT = Path(__file__).resolve().parents[1]
CODEX = ROOT / "tests" / "fixtures" / "msdesc" / "codex.xml"
CORPUS = ROOT.parent / "shared" / "corpus" / "files"


def fields(section: html.HtmlElement) -> list[tuple[str, str]]:
    return [(dt.text_content(), " ".join(dt.getnext().text_content().split())) for dt in section.iter("dt")]


def test_a_description_in_labelled_sections(tmp_path):
    page, text = outputs(CODEX, tmp_path)
    [description] = page.xpath("//section[contains(@class, 'ms-desc')]")
    assert description.xpath("h2/text()") == ["Manuscript description"]
    assert description.xpath("section/h3/text()") == [
        "Identifier",
        "Contents",
        "Physical description",
        "History",
        "Additional information",
    ]
    assert description.xpath("string(section[1]/p)") == "London, British Library, Add. 12,133"
    assert fields(description) == [
        ("Item 1", "Folios3b–107bTitleThe book of ExodusRubricܡܦܩܢܐ"),
        ("Folios", "3b–107b"),
        ("Title", "The book of Exodus"),
        ("Rubric", "ܡܦܩܢܐ"),
        ("Object", "Support MaterialVellumExtent108 leaves"),
        ("Support", "MaterialVellumExtent108 leaves"),
        ("Material", "Vellum"),
        ("Extent", "108 leaves"),
        ("Origin", "Written in the eighth century."),
        ("Provenance", "The convent of S. Mary Deipara."),
        ("Administrative information", "NoteCatalogued by William Wright."),
        ("Note", "Catalogued by William Wright."),
    ]
    rubric = description.xpath("//dd[contains(@class, 'rubric')]")[0]
    assert (rubric.get("lang"), rubric.get("dir")) == ("syc", "rtl")
    # the summary names the manuscript by its identifier, not its whole description
    assert "Vellum" not in page.xpath("string(//dl[@class='summary'])")
    assert (
        "Manuscript description\n======================\n\nIdentifier\n----------\n\n"
        "London, British Library, Add. 12,133\n\nContents\n--------\n\nItem 1:\n  Folios: 3b–107b\n"
        "  Title: The book of Exodus\n  Rubric: ܡܦܩܢܐ\n\nPhysical description\n--------------------\n\n"
        "Object:\n  Support:\n    Material: Vellum\n    Extent: 108 leaves\n\nHistory\n-------\n\n"
        "Origin: Written in the eighth century.\nProvenance: The convent of S. Mary Deipara.\n"
    ) in text
    assert text.index("Manuscript description") < text.index("The text of the codex.")
    documents = load_tei([CODEX])
    printed = html.fromstring(print_html(documents, documents))
    assert [h.text_content() for h in printed.xpath("//section[contains(@class, 'ms-desc')]/section/h3")][:2] == [
        "Identifier",
        "Contents",
    ]


def test_a_real_description_of_a_syriac_manuscript(tmp_path):
    path = CORPUS / "syriac-bl-add12133-msdesc.xml"
    if not path.is_file():
        pytest.skip(f"no corpus of real TEI at {CORPUS} (../shared/corpus beside the repository)")
    page, text = outputs(path, tmp_path)
    [description] = page.xpath("//section[contains(@class, 'ms-desc')]")
    assert description.xpath("section/h3/text()") == ["Identifier", "Overview", "Part 1", "Part 2"]
    assert description.xpath("section[3]/section/h4/text()") == [
        "Identifier",
        "Overview",
        "Contents",
        "Physical description",
        "History",
        "Additional information",
    ]
    labels = [label for label, _ in fields(description)]
    assert labels.count("Hand") >= 5 and "Final rubric" in labels and "Provenance" in labels
    assert description.xpath("//dd[contains(@class, 'finalRubric')][@lang='syr'][@dir='rtl']")
    assert not description.xpath("//dd/li") and description.xpath("//dd[contains(@class, 'listBibl')]/ul/li")
    assert "Item 1:\n  Folios: Foll. 3b-107b\n  Title: The book of Exodus, according to the Pěshiṭtā version." in text
