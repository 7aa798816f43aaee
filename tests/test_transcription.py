"""Transcriptions in the Leiden conventions (xslt/common/transcription.xsl), in HTML, text and
print alike: a small fixture of every convention, and real transcriptions of ../shared/corpus
(skipped without it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import html

from edition.config import load
from edition.documents import load_tei
from edition.pdf import print_html
from edition.plaintext import write_texts
from edition.site import write_site

ROOT = Path(__file__).resolve().parents[1]
LEIDEN = ROOT / "tests" / "fixtures" / "transcription" / "leiden.xml"


def page(path: Path, out: Path) -> html.HtmlElement:
    documents = load_tei([path])
    write_site(documents, documents, out, home=False)
    return html.parse(str(out / f"{path.stem}.html")).getroot()


def text(path: Path, out: Path, **config) -> str:
    documents = load_tei([path])
    write_texts(documents, documents, out, notes="inline", **config)
    return (out / f"{path.stem}.txt").read_text(encoding="utf-8")


def diplomatic(tmp_path: Path):
    (tmp_path / "edition.toml").write_text('transcription = "diplomatic"\n', encoding="utf-8")
    return load(tmp_path / "edition.toml")


def test_every_convention_in_the_text(tmp_path):
    normalised = text(LEIDEN, tmp_path / "n")
    assert (
        "The pr(aetoris) wrote the (as written: teh) letter (as written: lettre) [lost] word dim(?), "
        "[...] [… 2 lines …] .... […] Sulpici[[i]] \\over/ /under\\ ⟨margin⟩ ⸢torn⸣ {twice}." in normalised
    )
    written = text(LEIDEN, tmp_path / "d", config=diplomatic(tmp_path))
    assert "The pr. (expanded: pr(aetoris)) wrote teh (corrected: the) lettre (regularised: letter) [lost]" in written


def test_the_page_tells_the_conventions_apart_and_lists_those_used(tmp_path):
    root = page(LEIDEN, tmp_path)
    signs = {
        span.text_content(): (span.get("data-open"), span.get("data-close"))
        for span in root.xpath("//div[@class='text']//*[contains(@class, 'leiden')]")
    }
    assert signs["aetoris"] == ("(", ")") and signs["lost"] == ("[", "]") and signs["i"] == ("[[", "]]")
    assert signs["over"] == ("\\", "/") and signs["under"] == ("/", "\\") and signs["margin"] == ("⟨", "⟩")
    assert signs["twice"] == ("{", "}") and signs["torn"] == ("⸢", "⸣")
    assert [g.text_content() for g in root.xpath("//span[contains(@class, 'gap')]")] == [
        "[...]",
        "[… 2 lines …]",
        "....",
        "[…]",
    ]
    # the words stay whole: the signs are the style sheet's
    assert "praetoris" in root.xpath("string(//div[@class='text'])")
    legend = root.xpath("//section[@class='transcription']//dl[@class='legend']/dd/text()")
    assert len(legend) == 14 and "letters read with uncertainty" in legend
    # the reading switch: the normalised reading first, the text as written beside it
    assert root.xpath("//input[@id='reading-normalised']/@checked") == ["checked"]
    choice = root.xpath("//span[contains(@class, 'choice-sic')]")[0]
    assert choice.get("tabindex") == "0"
    assert [(s.get("class"), s.text_content(), s.get("data-label")) for s in choice] == [
        ("norm", "the", "corrected"),
        ("dipl", "teh", "as written"),
    ]


def test_a_legend_only_of_what_a_document_uses(tmp_path):
    source = tmp_path / "one.xml"
    one = LEIDEN.read_text(encoding="utf-8")
    source.write_text(one[: one.index("<body>")] + "<body><p>A <supplied>word</supplied>.</p></body></text></TEI>")
    root = page(source, tmp_path / "out")
    assert root.xpath("//dl[@class='legend']/dd/text()") == [
        "text lost or omitted in the source, supplied by the editor"
    ]
    assert not root.xpath("//fieldset[@class='reading-switch']")
    shutil.copy(ROOT / "tests" / "fixtures" / "foreign" / "letter.xml", tmp_path / "letter.xml")
    assert not page(tmp_path / "letter.xml", tmp_path / "plain").xpath("//section[@class='transcription']")


def test_print_shows_the_reading_the_edition_chooses(tmp_path):
    documents = load_tei([LEIDEN])
    normalised = html.fromstring(print_html(documents, documents))
    assert [c.text_content() for c in normalised.xpath("//span[@class='choice']")][:2] == [
        "praetoris",
        "the (as written: teh)",
    ]
    written = html.fromstring(print_html(documents, documents, config=diplomatic(tmp_path)))
    assert [c.text_content() for c in written.xpath("//span[@class='choice']")][:2] == [
        "pr. (expanded: praetoris)",
        "teh (corrected: the)",
    ]
    assert not written.xpath("//input | //*[@tabindex]")


def test_real_expansions_and_corrections(corpus, tmp_path):
    """Suetonius (Perseus): abbreviations with their expansions (ex) and deletions of letters."""
    path = corpus / "perseus-suetonius-julius-lat.xml"
    assert "pr(aetoris) iure dicundo" in text(path, tmp_path / "text")
    root = page(path, tmp_path / "html")
    assert "Sulpicii" in root.xpath("string(//div[@class='text'])")
    legend = root.xpath("//dl[@class='legend']/dd/text()")
    assert legend[0].startswith("abbreviation expanded") and "deleted in the source" in legend


def test_a_real_letter_with_deletions_additions_and_gaps(corpus, tmp_path):
    """A letter of Maria Edgeworth (Bodleian): del, add, unclear, gap, damage."""
    path = corpus / "edgeworth-letter" / "Edgeworth_Bodleian_696_1819-06_letter01.xml"
    root = page(path, tmp_path / "html")
    legend = root.xpath("//dl[@class='legend']/dd/text()")
    assert {"deleted in the source", "added in the source", "damaged text", "letters read with uncertainty"} <= set(
        legend
    )
    plain = text(path, tmp_path / "text")
    assert "[[" in plain and "⟨" in plain and "⸢" in plain
