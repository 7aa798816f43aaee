"""edition annotate: proposals, minimal-diff writing, proposals files, interaction, refusals."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.annotate import apply
from edition.annotate.inflection import capitals, inflected
from edition.annotate.proposals import Annotator
from edition.annotate.registers import Registers
from edition.annotate.textmap import TextMap
from edition.cli import main
from edition.problems import InputError
from edition.xmlio import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "annotate"
ALL = {"person", "place", "org", "date"}
INFERRED = "cert=medium evidence=internal"
TAG = re.compile(rb"</?(?:persName|placeName|orgName|date)\b[^>]*>")

EN = [
    ("place", "Nakhchivan", "ref=places.xml#place-nakhchivan"),
    ("date", "1920", "when=1920"),
    ("date", "July 29", f"when=1920-07-29 {INFERRED}"),
    ("org", "11th Red Army", "ref=orgs.xml#org-red-army-11"),
    ("place", "Nakhchivan", "ref=places.xml#place-nakhchivan"),
    ("date", "April 1920", "when=1920-04"),
    ("person", "Stalin", "ref=persons.xml#pers-stalin"),
    ("person", "Kazım Karabekir Pasha", "ref=persons.xml#pers-karabekir"),
    ("date", "July 14, 1920", "when=1920-07-14"),
    ("org", "Grand National Assembly of Turkey", "ref=orgs.xml#org-tbmm"),
    ("date", "November 7–8,\n          1920", "from=1920-11-07 to=1920-11-08"),
    ("place", "Kars", "ref=places.xml#place-kars"),
    ("date", "early June", f"notBefore=1920-06-01 notAfter=1920-06-10 {INFERRED}"),
    ("place", "Naxçıvan", "ref=places.xml#place-nakhchivan"),
    ("person", "Khalil", "ambiguous: persons.xml#pers-khalil | persons.xml#pers-halil-kut"),
    ("date", "1920s", "notBefore=1920 notAfter=1929"),
    ("place", "Baku", "ref=places.xml#place-baku"),
    ("date", "1920–1921", "from=1920 to=1921"),
    ("person", "Sadıqov", "ref=persons.xml#pers-sadiqov"),
    ("date", "1995", "when=1995"),
    ("place", "Baku", "ref=places.xml#place-baku"),  # after "&amp;", not in the ref's URL text
    ("person", "I. Stalin", "ref=persons.xml#pers-stalin"),
    ("place", "Baku", "ref=places.xml#place-baku"),
    ("date", "19th century", "from=1800 to=1899"),
    ("place", "Kars", "ref=places.xml#place-kars"),  # in the title of a cited book; not 2014 (tagged), the DOI
    ("place", "Baku", "ref=places.xml#place-baku"),
    ("place", "Armenia", "ref=places.xml#place-armenia"),  # not "Arm&#233;nia", "Armenian", the comment, p. 1920
    ("person", "Stalin", "ref=persons.xml#pers-stalin"),
    ("date", "1921", "when=1921"),
    ("person", "Сталин", "ref=persons.xml#pers-stalin"),
    ("place", "Баку", "ref=places.xml#place-baku"),
    ("date", "28 апреля 1920 г.", "when=1920-04-28"),
    ("date", "22/II-921 г.", "when=1921-02-22"),
    ("place", "Bakı", "ref=places.xml#place-baku"),
    ("date", "28 aprel 1920-ci il", "when=1920-04-28"),
    ("place", "Հայաստան", "ref=places.xml#place-armenia"),
]
LV = [
    ("date", "1918. gada 28. maija līdz 1920. gada 28. aprīlim", "from=1918-05-28 to=1920-04-28"),
    ("place", "Gendžē", "ref=places.xml#place-ganja"),
    ("person", "Staļins", "ref=persons.xml#pers-stalin"),
    ("date", "27. aprīlī", f"when=1920-04-27 {INFERRED}"),
    ("place", "Baku", "ref=places.xml#place-baku"),
    ("date", "13. aprīļa līdz 25. jūlijam", f"from=1920-04-13 to=1920-07-25 {INFERRED}"),
    ("place", "Nahčivanas", "ref=places.xml#place-nakhchivan"),
    ("date", "1918. gada 28. maijā", "when=1918-05-28"),
]

KINDS = [  # names in titles of cited works, inflected and in capitals; dates from context; never in
    # a periodical's title, a URL, a DOI, an ISSN, a page range, nor a name inside a word ("Don't")
    ("date", "1920", "when=1920"),
    ("person", "Halil Kut", "ref=persons.xml#pers-halil-kut"),
    ("place", "Kars", "ref=places.xml#place-kars"),
    ("date", "April 11 of that year", f"when=1920-04-11 {INFERRED}"),
    (
        "person",
        "Khalil",  # the one of its two entries mentioned last
        "ref=persons.xml#pers-halil-kut (mentioned last of persons.xml#pers-khalil | persons.xml#pers-halil-kut)",
    ),
    ("date", "December of the same year", f"when=1920-12 {INFERRED}"),
    ("date", "fall of the following year", f"notBefore=1921-09 notAfter=1921-11 {INFERRED}"),
    ("place", "Don", "ref=places.xml#place-don"),
    ("date", "summer of 1923", "notBefore=1923-06 notAfter=1923-08"),
    ("date", "1900", "when=1900"),  # "since 1900" looks back: the context stays 1923
    ("date", "May 2", f"when=1923-05-02 {INFERRED}"),
    ("date", "late nineteenth century", "notBefore=1866 notAfter=1899"),
    ("date", "twentieth\n          century", "from=1900 to=1999"),
    ("date", "1930s and 40s", "notBefore=1930 notAfter=1949"),
    ("place", "Kars", "ref=places.xml#place-kars"),
    ("place", "Baku", "ref=places.xml#place-baku"),
    ("date", "1918 - 1920", "from=1918 to=1920"),
    ("date", "2019", "when=2019"),  # a cited work's date: not the context of "August 3"
    ("date", "August 3", f"when=1923-08-03 {INFERRED}"),
    ("date", "July 9", f"when=1923-07-09 {INFERRED}"),
    ("person", "Сталину", "ref=persons.xml#pers-stalin"),
    ("place", "Армении", "ref=places.xml#place-armenia"),
    ("org", "Азревкома", "ref=orgs.xml#org-azrevkom"),
    ("date", "1919. gada novembrī-decembrī", "from=1919-11 to=1919-12"),
    ("place", "Baku", "ref=places.xml#place-baku"),
    ("date", "Augustā", f"when=1919-08 {INFERRED}"),
    ("date", "1920. gada sākumā", "notBefore=1920-01 notAfter=1920-04"),
    ("date", "1920. gada aprīļa vidū", "notBefore=1920-04-11 notAfter=1920-04-20"),
    ("place", "Kars", "ref=places.xml#place-kars"),
    ("place", "KARS", "ref=places.xml#place-kars"),
    ("place", "BAKU", "ref=places.xml#place-baku"),
    ("date", "19TH CENTURY", "from=1800 to=1899"),
    ("date", "1920S", "notBefore=1920 notAfter=1929"),
    ("date", "1919 Г. ИЮНЬ", "when=1919-06"),
    ("date", "СЕНТЯБРЬ", f"when=1919-09 {INFERRED}"),
]


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    shutil.copytree(FIXTURES, folder)
    return folder


def propose(path: Path, types=ALL, titles=True, registers: Path | None = None):
    return Annotator(Registers.load(registers or path.parent), set(types), titles).propose(TextMap.load(path))


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def without_markup(data: bytes) -> bytes:
    return TAG.sub(b"", data)


# --- the text map -----------------------------------------------------------------------------


def test_every_character_is_mapped_to_the_bytes_that_write_it(tmp_path: Path):
    path = tmp_path / "t.xml"
    path.write_bytes(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>A &amp; Ž&#233;\r\nč<hi>B</hi></p></text></TEI>'.encode()
    )
    runs = TextMap.load(path).runs
    first = runs[0]
    assert first.text == "A & Žé\nč"
    pieces = [path.read_bytes()[a:b] for a, b in zip(first.offsets, first.offsets[1:])]
    assert pieces == [b"A", b" ", b"&amp;", b" ", "Ž".encode(), b"&#233;", b"\r\n", "č".encode()]
    assert runs[1].ancestors == ("TEI", "text", "p", "hi")


# --- proposals --------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [("en.xml", EN), ("lv.xml", LV), ("kinds.xml", KINDS)])
def test_exact_proposals(name, expected):
    proposals = propose(FIXTURES / name)
    assert [(p.type, p.surface, p.target) for p in proposals] == expected


def test_positions_point_at_the_surface():
    path = FIXTURES / "en.xml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for proposal in propose(path):
        line = lines[proposal.line - 1]
        assert line[proposal.column - 1 :].startswith(proposal.surface.split("\n")[0]), proposal.describe()


def test_types_and_titles_are_chosen():
    assert {p.type for p in propose(FIXTURES / "en.xml", types={"date"})} == {"date"}
    surfaces = [p.surface for p in propose(FIXTURES / "en.xml", types={"place"})]
    assert surfaces.count("Kars") == 2 and surfaces.count("Baku") == 4
    surfaces = [p.surface for p in propose(FIXTURES / "en.xml", types={"place"}, titles=False)]
    assert surfaces.count("Kars") == 1 and surfaces.count("Baku") == 3
    listed = run("annotate", "--dry-run", "--no-titles", str(FIXTURES / "kinds.xml")).output
    assert '"KARS"' not in listed and '"Сталину"' not in listed and '"Don"' in listed


def test_a_name_inside_a_word_or_a_currency_is_not_proposed(tmp_path: Path):
    for name in ("persons.xml", "places.xml", "orgs.xml"):
        shutil.copy(FIXTURES / name, tmp_path)
    path = tmp_path / "t.xml"
    path.write_text(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><p>Don’t, DON'T, Don't; Baku$ 5, Don's banks, the Don."
        "</p></text></TEI>",
        encoding="utf-8",
    )
    assert [(p.surface, p.column) for p in propose(path, types={"place"})] == [
        ("Don", 81),
        ("Don", 98),
    ]  # "Don's", "the Don"


def test_russian_cases_and_capitals_of_register_forms():
    assert inflected("Легран", person=True) == {"Леграна", "Леграну", "Леграном", "Легране"}
    assert inflected("Сталин", person=True) == {"Сталина", "Сталину", "Сталиным", "Сталине"}
    assert inflected("Борис Легран", person=True) >= {"Бориса Леграна", "Борису Леграну"}
    assert inflected("Армения") == {"Армении", "Армению", "Арменией"}
    assert "Азербайджанской Демократической Республики" in inflected("Азербайджанская Демократическая Республика")
    assert "Ревоенсовету 11 Армии" in inflected("Ревоенсовет 11 Армии")  # words after the head stay
    assert inflected("Баку") == inflected("РСФСР") == inflected("Kars") == set()  # indeclinable, Latin
    assert capitals("Nahcivan") == {"NAHCIVAN", "NAHCİVAN"} and capitals("ADR") == set()


def test_registers_elsewhere_give_relative_pointers(tmp_path: Path):
    registers, documents = tmp_path / "registers", tmp_path / "documents"
    registers.mkdir()
    documents.mkdir()
    for name in ("persons.xml", "places.xml", "orgs.xml"):
        shutil.copy(FIXTURES / name, registers)
    shutil.copy(FIXTURES / "lv.xml", documents)
    proposals = propose(documents / "lv.xml", types={"place"}, registers=registers)
    assert proposals[0].attributes == {"ref": "../registers/places.xml#place-ganja"}


# --- writing ----------------------------------------------------------------------------------


def test_write_inserts_tags_and_changes_nothing_else(edition: Path):
    path = edition / "en.xml"
    before = path.read_bytes()
    accepted = [p for p in propose(path) if not p.ambiguous]
    assert apply.write_all(accepted) == {path: len(accepted)}
    after = path.read_bytes()
    assert without_markup(after) == without_markup(before)
    assert len(TAG.findall(after)) == len(TAG.findall(before)) + 2 * len(accepted)
    assert b'on <date when="1920-07-14">July 14, 1920</date>, the <orgName ref="orgs.xml#org-tbmm">' in after
    assert b'&amp; <placeName ref="places.xml#place-baku">Baku</placeName>' in after
    assert b"Arm&#233;nia, <placeName" in after
    assert "".join(parse_bytes(after, "x").getroot().itertext()) == "".join(
        parse_bytes(before, "x").getroot().itertext()
    )
    assert [p.surface for p in propose(path)] == ["Khalil"]  # annotating again finds only the ambiguous form


def test_write_refuses_a_file_changed_since_the_proposals(edition: Path):
    path = edition / "en.xml"
    proposals = propose(path)
    path.write_bytes(path.read_bytes().replace(b"hard", b"harsh"))
    changed = path.read_bytes()
    with pytest.raises(InputError) as error:
        apply.write_all([p for p in proposals if not p.ambiguous])
    assert error.value.problem.rule == "annotate-changed"
    assert path.read_bytes() == changed


def test_write_refuses_a_file_changed_while_writing(edition: Path, monkeypatch):
    path = edition / "lv.xml"
    proposals = propose(path)
    original = apply.insert_markup

    def edit_meanwhile(document, items):
        path.write_bytes(path.read_bytes() + b"\n")
        return original(document, items)

    monkeypatch.setattr(apply, "insert_markup", edit_meanwhile)
    with pytest.raises(InputError, match="changed on disk"):
        apply.write_all(proposals)


def test_prefixed_tei_namespace_gets_prefixed_tags(tmp_path: Path):
    for name in ("persons.xml", "places.xml", "orgs.xml"):
        shutil.copy(FIXTURES / name, tmp_path)
    path = tmp_path / "p.xml"
    path.write_text(
        '<tei:TEI xmlns:tei="http://www.tei-c.org/ns/1.0"><tei:text><tei:p>Baku in 1920</tei:p></tei:text></tei:TEI>',
        encoding="utf-8",
    )
    apply.write_all(propose(path))
    assert (
        '<tei:placeName ref="places.xml#place-baku">Baku</tei:placeName> in <tei:date when="1920">1920</tei:date>'
        in path.read_text(encoding="utf-8")
    )


# --- command line -----------------------------------------------------------------------------


def test_dry_run_lists_and_changes_nothing(edition: Path):
    before = (edition / "lv.xml").read_bytes()
    result = run("annotate", "--dry-run", str(edition / "lv.xml"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        f'{edition / "lv.xml"}:28:35: date: "1918. gada 28. maija līdz 1920. gada 28. aprīlim" '
        "-> from=1918-05-28 to=1920-04-28"
    )
    assert lines[-1] == "8 proposals (0 ambiguous)"
    assert (edition / "lv.xml").read_bytes() == before


def test_annotate_writes_unambiguous_proposals_and_skips_registers(edition: Path):
    registers = {n: (edition / n).read_bytes() for n in ("persons.xml", "places.xml", "orgs.xml")}
    result = run("annotate", str(edition))
    assert result.exit_code == 0, result.output
    assert f"{edition / 'lv.xml'}: 8 elements inserted" in result.output
    assert "Khalil" in result.stderr and "not tagged" in result.stderr
    assert all((edition / n).read_bytes() == data for n, data in registers.items())
    assert run("validate", str(edition)).exit_code == 0


@pytest.mark.parametrize("suffix", [".tsv", ".json"])
def test_proposals_file_round_trip(edition: Path, suffix: str):
    path, table = edition / "en.xml", edition.parent / f"proposals{suffix}"
    before = path.read_bytes()
    result = run("annotate", "--proposals", str(table), str(path))
    assert result.exit_code == 0 and path.read_bytes() == before, result.output
    if suffix == ".json":
        rows = json.loads(table.read_text(encoding="utf-8"))
        for row in rows:
            if row["surface"] == "Kars":
                row["accept"] = False
            if row["surface"] == "Khalil":
                row.update(accept=True, attributes={"ref": "persons.xml#pers-khalil"})
        table.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    else:
        lines = table.read_text(encoding="utf-8").split("\n")
        assert lines[0].split("\t")[:3] == ["accept", "file", "line"]
        edited = []
        for line in lines:
            cells = line.split("\t")
            if len(cells) > 7 and cells[7] == "Kars":
                cells[0] = "n"
            if len(cells) > 7 and cells[7] == "Khalil":
                cells[0], cells[8] = "y", "ref=persons.xml#pers-khalil"
            edited.append("\t".join(cells))
        table.write_text("\n".join(edited), encoding="utf-8")
    result = run("annotate", "--apply", str(table))
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert '<persName ref="persons.xml#pers-khalil">Khalil</persName>' in after
    assert "near Kars," in after
    assert without_markup(path.read_bytes()) == without_markup(before)
    again = run("annotate", "--apply", str(table))
    assert again.exit_code == 2 and "[annotate-changed]" in again.output


def test_bad_proposals_file_is_reported_with_its_line(edition: Path):
    table = edition.parent / "proposals.tsv"
    run("annotate", "--proposals", str(table), str(edition / "lv.xml"))
    lines = table.read_text(encoding="utf-8").split("\n")
    lines[2] = "maybe" + lines[2][1:]
    table.write_text("\n".join(lines), encoding="utf-8")
    result = run("annotate", "--apply", str(table))
    assert result.exit_code == 2
    assert result.output.startswith(f'{table}:3:1: error: accept is "maybe"')


def test_interactive_asks_per_proposal(edition: Path):
    path = edition / "lv.xml"
    result = run("annotate", "--interactive", "--types", "place", str(path), input="y\nn\nq\n")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert '<placeName ref="places.xml#place-ganja">Gendžē</placeName>' in text
    assert "ieradās Baku," in text and "<placeName" not in text.replace('<placeName ref="places.xml#place-ganja">', "")


def test_interactive_choice_for_an_ambiguous_form(edition: Path):
    path = edition / "en.xml"
    answers = "".join("2\n" if p.ambiguous else "n\n" for p in propose(path, types={"person"}))
    result = run("annotate", "--interactive", "--types", "person", str(path), input=answers)
    assert result.exit_code == 0, result.output
    assert '<persName ref="persons.xml#pers-halil-kut">Khalil</persName>' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["annotate", "--dry-run", "--interactive", "{edition}/en.xml"], "choose one of"),
        (["annotate", "--dry-run"], "give the TEI files"),
        (["annotate", "--types", "people", "{edition}/en.xml"], "comma-separated list"),
        (["annotate", "--dry-run", "--registers", "{empty}", "{edition}/en.xml"], "[registers-missing]"),
    ],
)
def test_usage_errors_exit_2(edition: Path, tmp_path: Path, args, message):
    (tmp_path / "empty").mkdir()
    result = run(*[a.format(edition=edition, empty=tmp_path / "empty") for a in args])
    assert result.exit_code == 2 and message in result.output, result.output


def test_malformed_file_is_one_line_exit_2(edition: Path):
    (edition / "en.xml").write_text("<TEI><p>", encoding="utf-8")
    result = run("annotate", "--dry-run", str(edition / "en.xml"))
    assert result.exit_code == 2 and "[xml-syntax]" in result.output and "Traceback" not in result.output


# --- property: the text never changes ---------------------------------------------------------

_FORMS = [
    "Stalin",
    "I. Stalin",
    "Сталин",
    "Staļins",
    "Baku",
    "Bakı",
    "Kars",
    "Nakhchivan",
    "Nahčivanas",
    "Grand National Assembly of Turkey",
    "11th Red Army",
    "Khalil",
    "Հայաստան",
    "Turkey",
]
_DATES = [
    "1920",
    "April 1920",
    "July 14, 1920",
    "November 7–8, 1920",
    "1920–1921",
    "the 1920s",
    "on July 29",
    "early June",
    "1918. gada 28. maijā",
    "27. aprīlī",
    "22/II-921 г.",
    "28 апреля 1920 г.",
    "19th century",
    "28 aprel 1920-ci il",
    "p. 1920",
    "114 000",
]
_WORDS = st.lists(
    st.sampled_from(list("abc XYZ.,;–-'’\n\tāčēģīķļņšžəıöüğçşАбвЖ1290") + ["&amp;", "&lt;", "&#233;", "&#x10000;"]),
    max_size=12,
).map("".join)
_INLINE = st.one_of(
    _WORDS,
    st.sampled_from(_FORMS),
    st.sampled_from(_DATES),
    st.sampled_from(_FORMS).map(lambda f: f'<persName ref="persons.xml#pers-stalin">{f}</persName>'),
    st.sampled_from(_DATES).map(lambda d: f'<date when="1920">{d}</date>'),
    st.sampled_from(_FORMS).map(lambda f: f"<hi>{f}</hi>"),
    st.sampled_from(_FORMS).map(lambda f: f'<title level="m">{f}</title>'),
    st.sampled_from(_FORMS).map(lambda f: f"<!-- {f} -->"),
    st.sampled_from(_FORMS).map(lambda f: f'<ref target="https://x.org/{f}">https://x.org/{f}</ref>'),
    st.just("<lb/>"),
)
_PARAGRAPH = st.lists(
    st.one_of(
        _INLINE,
        st.lists(_INLINE, max_size=4).map(lambda items: '<note place="foot" n="1">' + " ".join(items) + "</note>"),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=3), newline=st.sampled_from(["\n", "\r\n"]))
def test_annotation_never_changes_the_text(paragraphs, newline):
    body = newline.join(f"      <p>{p}</p>" for p in paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{newline}<TEI xmlns="http://www.tei-c.org/ns/1.0">'
        f"<teiHeader><fileDesc><titleStmt><title>Baku 1920</title></titleStmt></fileDesc></teiHeader>"
        f"{newline}  <text><body>{newline}{body}{newline}  </body></text>{newline}</TEI>{newline}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name in ("persons.xml", "places.xml", "orgs.xml"):
            shutil.copy(FIXTURES / name, folder)
        path = Path(folder) / "doc.xml"
        path.write_bytes(document.encode("utf-8"))
        before = path.read_bytes()
        proposals = [p for p in propose(path) if not p.ambiguous]
        apply.write_all(proposals)
        after = path.read_bytes()
    old, new = parse_bytes(before, "before"), parse_bytes(after, "after")  # still well-formed
    assert "".join(new.getroot().itertext()) == "".join(old.getroot().itertext())
    assert without_markup(after) == without_markup(before)
    header = b"<teiHeader><fileDesc><titleStmt><title>Baku 1920</title>"
    assert header in after
