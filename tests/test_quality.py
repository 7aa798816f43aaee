"""Measured quality of the entity and date markup against the hand-checked gold sample.

The sample (``fixtures/gold/sample.txt``; how it was made and its conventions: the README
there) holds sentences of all four documents with every person, place, organisation and date
they should carry. :mod:`support.quality` finds each sentence in its document's reading text and
compares the markup there with the gold: precision and recall per type, strict (type, exact
span and target: entry id, or date normalisation) and span only. The bars are what the markup
reaches on the sample, less one miss per type: 0.98 for persons, organisations and dates, 0.99
for places (the issue asks for at least 0.97, and 0.95 for organisations).

The figures, and every disagreement (false positives and negatives with document, line and
sentence), are printed: ``pytest -s tests/test_quality.py`` or ``python tests/test_quality.py``.
The annotate tool's own proposals on the untagged text are measured the same way, with bars of
their own (:data:`TOOL_BARS`: 0.95 precision and recall, dates 0.95 and 0.90). The tool reads the
registers as they are, which list the forms the markup met (inflections and capitals too): on
text whose forms the registers do not list yet it finds less.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import quality
from support.readingtext import reading_text, streams, words

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei"
GOLD = Path(__file__).parent / "fixtures" / "gold" / "sample.txt"
BARS = {"person": 0.98, "place": 0.99, "org": 0.98, "date": 0.98}
#: the annotate tool alone (issue 23): (precision, recall)
TOOL_BARS = {"person": (0.95, 0.95), "place": (0.95, 0.95), "org": (0.95, 0.95), "date": (0.95, 0.90)}
LANGUAGES = {"en", "lv", "az", "ru"}
DOCUMENTS = {"mountain-fortress", "nakhchivan-1920-1921", "nakhchivan-1924-1928", "adr-1918-1920-lv"}


@pytest.fixture(scope="module")
def gold() -> list[quality.Sentence]:
    return quality.load_gold(GOLD)


@pytest.fixture(scope="module")
def report(gold) -> quality.Report:
    return quality.evaluate_folder(gold, TEI)


# ---------------------------------------------------------------------------- the sample itself


def test_the_sample_is_large_and_covers_every_document_language_and_part(gold):
    assert len(gold) >= 180
    assert len({s.id for s in gold}) == len(gold), "sentence ids are unique"
    assert {s.document for s in gold} >= DOCUMENTS
    assert {s.lang for s in gold} >= LANGUAGES
    assert any(s.part.startswith("note ") for s in gold) and any(s.part == "refs" for s in gold)
    counts = {t: sum(1 for s in gold for m in s.mentions if m.type == t and not m.optional) for t in quality.TYPES}
    assert min(counts.values()) >= 20, counts


def test_the_sample_holds_the_hard_cases(gold):
    surfaces = {(m.type, m.surface) for s in gold for m in s.mentions}
    for case in [
        ("person", "Sadıqov"),
        ("person", "S. Sadiqov"),
        ("date", "November 7–8, 1920"),
        ("date", "April 1920"),
        ("date", "22/II-921 г."),
        ("date", "27. aprīlī"),
        ("date", "1918. gada 28. maijā"),
        ("place", "Nahčivanas"),
        ("place", "Gendžē"),
        ("date", "1930s"),
        ("date", "twentieth century"),
        ("org", "Grand National Assembly of Turkey"),
        # the kinds of the complete markup: names inside titles of cited works (Russian archival
        # titles, inflected; capitals), issuing bodies and publishers, abbreviations, dates in
        # titles and dates whose year comes from the context
        ("person", "Леграну"),
        ("org", "Ревоенсовету 11 Армии"),
        ("org", "Азревком"),
        ("place", "NAKHCHIVAN"),
        ("place", "Nagorno-Karabakh"),
        ("org", "Edinburgh University Press"),
        ("org", "Carnegie Endowment for International Peace"),
        ("date", "1918 - 1920"),
        ("date", "December of the same year"),
    ]:
        assert case in surfaces, case
    assert any(m.inferred for s in gold for m in s.mentions), "dates without a year"


def test_every_gold_sentence_is_in_its_documents_reading_text(gold):
    """The sentences were taken from the reading text, which markup does not change."""
    texts = {}
    for name in {s.document for s in gold}:
        running, notes = streams(TEI / f"{name}.xml")
        texts[name] = (running, dict(notes))
    for s in gold:
        running, notes = texts[s.document]
        where = notes.get(s.note, "") if s.note else running
        assert s.text in where, f"{s.id}: sentence not found in {s.document} ({s.part})"


def test_gold_targets_name_register_entries_or_are_flagged_new(gold):
    from edition.annotate.registers import Registers

    ids = {e.id: e.type for e in Registers.load(TEI).entries}
    for s in gold:
        for m in s.mentions:
            if m.type == "date" or "new" in m.flags:
                continue
            assert m.target in ids, f"{s.id}: {m.target} is not a register entry (flag it 'new')"
            assert ids[m.target] == m.type, f"{s.id}: {m.target} is a {ids[m.target]}, not a {m.type}"


# ---------------------------------------------------------------------------- the comparison itself


def test_comparison_counts_exact_span_and_target():
    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>On <date when="1920-07-29" cert="medium"
      evidence="internal">July 29</date> <persName ref="persons.xml#pers-x">Karabekir
      Pasha</persName> went to <placeName ref="places.xml#place-y">Kars</placeName>.<note place="foot" n="1">
      <author><persName ref="persons.xml#pers-z">Sadıqov</persName></author>, <date when="1995">1995</date>.</note>
      The <orgName ref="orgs.xml#org-q">Red</orgName> Army of <date from="1920" to="1921-12">1920–1921</date>.</p>
      </body></text></TEI>"""
    from lxml import etree

    doc = quality.marked(etree.ElementTree(etree.fromstring(tei)))
    assert doc.running.text.startswith("On July 29 Karabekir Pasha went to Kars. The Red Army")
    gold = quality.parse_gold("""## s1 | d | body | en | test
On July 29 Karabekir Pasha went to Kars.
  date | July 29 | when=1920-07-29 | inferred
  person | Karabekir Pasha | pers-x
  place | Kars | place-kars
## s2 | d | note 1 | en | test
Sadıqov, 1995.
  person | Sadıqov | pers-z
  date | 1995 | when=1995
## s3 | d | body | en | test
The Red Army of 1920–1921.
  org | Red Army | org-q
  date | 1920–1921 | from=1920-01-01 to=1921
""")
    report = quality.evaluate(gold, {"d": doc})
    assert (report.strict["date"].tp, report.strict["date"].fp, report.strict["date"].fn) == (3, 0, 0)
    assert (report.strict["person"].tp, report.strict["person"].fn) == (2, 0)
    assert (report.strict["place"].tp, report.strict["place"].fp, report.strict["place"].fn) == (0, 1, 1)
    assert (report.span["place"].tp, report.span["place"].fp) == (1, 0)  # right span, wrong entry
    assert (report.strict["org"].fp, report.strict["org"].fn, report.span["org"].fp) == (1, 1, 1)  # "Red"
    assert report.inferred["agree"] == 3 and not report.missing
    kinds = sorted(d.kind for d in report.disagreements)
    assert kinds == ["FN", "FP", "target"]


def test_optional_gold_mentions_count_neither_way():
    from lxml import etree

    doc = quality.marked(
        etree.ElementTree(
            etree.fromstring(
                '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>The <placeName ref="#place-kura">Kura</placeName>-Arax '
                "plain.</p></body></text></TEI>"
            )
        )
    )
    gold = quality.parse_gold(
        "## s | d | body | en | t\nThe Kura-Arax plain.\n  place | Kura-Arax | place-k | optional\n"
    )
    report = quality.evaluate(gold, {"d": doc})
    assert report.total().tp == report.total().fp == report.total().fn == 0


def test_gold_file_errors_are_reported():
    with pytest.raises(quality.GoldError, match="not found"):
        quality.parse_gold("## s | d | body | en | t\nA text.\n  place | Kars | place-kars\n")
    with pytest.raises(quality.GoldError, match="normalisation"):
        quality.parse_gold("## s | d | body | en | t\nIn 1920.\n  date | 1920 | 1920\n")


# ---------------------------------------------------------------------------- the figures


def print_figures(report: quality.Report, limit: int | None = None) -> None:
    print()
    print(report.table())
    print("disagreement classes:", ", ".join(f"{k}: {v}" for k, v in sorted(report.classes().items())) or "none")
    if report.disagreements or report.missing:
        print(f"-- disagreements ({len(report.disagreements)}):")
        print(report.listing(limit))


def test_the_annotate_tool_alone(gold):
    """The tool's raw proposals on the untagged documents (the registers as they are) meet its bars."""
    report = quality.evaluate_folder(gold, TEI, tool=True)
    print_figures(report, limit=60)
    assert report.sentences == len(gold) and not report.missing
    below = {
        kind: (round(report.strict[kind].precision, 3), round(report.strict[kind].recall, 3))
        for kind, (precision, recall) in TOOL_BARS.items()
        if report.strict[kind].precision < precision or report.strict[kind].recall < recall
    }
    assert not below, f"annotate below its bars (precision, recall) {TOOL_BARS}: {below}"


def test_markup_meets_the_bars(report):
    print_figures(report)
    assert not report.missing, "gold sentences not found in their documents"
    below = {
        kind: (round(report.strict[kind].precision, 3), round(report.strict[kind].recall, 3))
        for kind, bar in BARS.items()
        if report.strict[kind].precision < bar or report.strict[kind].recall < bar
    }
    assert not below, f"precision/recall below the bar (person, org, date 0.98; place 0.99): {below}"


def test_reading_text_conventions():
    from lxml import etree

    tei = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc/></teiHeader><text><body>'
        '<head>Head</head><p>the 11<hi>th</hi> century<note place="foot" n="1">A <ptr target="https://x.org/a_b"/>'
        '</note> and <choice><sic>TEH</sic><corr>THE</corr></choice><pb n="2"/>end</p></body></text></TEI>'
    )
    assert words(reading_text(tei)) == "Head the 11th century A https x org a_b and TEH end".split()
    assert words(reading_text(tei, notes="omit", choice="corr")) == "Head the 11th century and THE end".split()
    running, notes = streams(tei)
    assert words(running) == "Head the 11th century and TEH end".split()
    assert notes == [("1", "A https://x.org/a_b")]


if __name__ == "__main__":
    sample = quality.load_gold(GOLD)
    print_figures(quality.evaluate_folder(sample, TEI, tool=True), limit=None if "--all" in sys.argv else 60)
    result = quality.evaluate_folder(sample, TEI)
    print_figures(result)
    sys.exit(0 if all(result.strict[k].precision >= b and result.strict[k].recall >= b for k, b in BARS.items()) else 1)
