"""Indices as data: mentions extracted by xslt/index/mentions.xsl, written as TEI, JSON, CSV, SQLite."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition import TEI_NS, XML_NS
from edition.cli import main
from edition.documents import Source, find_xml_files
from edition.indices import INDICES, WRITERS, collect, open_indices, write_indices
from edition.profiles import TEI_ALL, relaxng
from edition.spreadsheets import spreadsheet_safe

FIXTURES = Path(__file__).parent / "fixtures" / "indices"
EDITION = FIXTURES / "edition"
FOREIGN = FIXTURES / "foreign"
TEI = Path(__file__).parents[1] / "tei"
NS = {"tei": TEI_NS}
ALL_FILES = [
    "indices.xml",
    "indices.json",
    "persons.csv",
    "places.csv",
    "orgs.csv",
    "events.csv",
    "dates.csv",
    "works.csv",
    "indices.sqlite",
]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The indices of the fixture edition (two documents, three registers) and a foreign letter."""
    folder = tmp_path_factory.mktemp("indices")
    sources = [Source.load(p) for p in find_xml_files([EDITION, FOREIGN])]
    written = write_indices(sources, folder, {"tei", "json", "csv", "sqlite"})
    assert [p.name for p in written] == ALL_FILES
    return folder


@pytest.fixture(scope="module")
def data(out: Path) -> dict:
    return json.loads((out / "indices.json").read_text(encoding="utf-8"))


def entity(data: dict, index: str, key: str) -> dict:
    return next(e for e in data[index] if e["key"] == key)


def mention(data: dict, mention_id: str) -> dict:
    return next(
        m
        for index in ("persons", "places", "orgs", "dates")
        for e in data[index]
        for m in e["mentions"]
        if m["id"] == mention_id
    )


# --- extraction and grouping (seen through the JSON) ----------------------------------------


def test_entities_are_grouped_and_sorted_by_main_name(data):
    assert [(e["name"], e["count"]) for e in data["persons"]] == [
        ("Aurore", 1),
        ("George", 2),
        ("Hüseyn Sadıqov", 2),
        ("Iosif Stalin", 3),
        ("Local Person", 1),
        ("My brother", 1),
        ("Nobody Known", 1),
        ("Victor Hugo", 1),
    ]
    assert [(e["name"], e["count"]) for e in data["places"]] == [("Baku", 4), ("Nakhchivan", 4), ("Paris", 2)]
    assert [(e["name"], e["count"]) for e in data["orgs"]] == [("11th Red Army", 3), ("the Academy", 1)]
    assert sum(len(e["mentions"]) for i in ("persons", "places", "orgs", "dates") for e in data[i]) == 36
    assert "Never Mentioned" not in {e["name"] for e in data["persons"]}  # registers list only what is mentioned


def test_register_data(data):
    stalin = entity(data, "persons", "p-stalin")
    assert stalin["register"] == "persons.xml#p-stalin"
    assert stalin["variants"] == ["Stalin", "I. Stalin", "Сталин"]
    assert stalin["notes"] == ["Soviet leader; People's Commissar of Nationalities in 1920."]
    assert stalin["idnos"] == [{"type": "wikidata", "value": "Q855"}]
    assert stalin["dates"][0] == {
        "kind": "birth",
        "date_when": "1878-12-18",
        "sort_start": "1878-12-18",
        "sort_end": "1878-12-18",
        "text": "18 December 1878, Gori",
    }
    assert [m["surface"] for m in stalin["mentions"]] == ["I. Stalin", "Stalin", "Commissar"]  # rs by its entry
    baku = entity(data, "places", "pl-baku")
    assert (baku["subtype"], baku["lat"], baku["long"]) == ("settlement", 40.4093, 49.8671)
    assert [i["value"] for i in baku["idnos"]] == ["Q9248", "587084"]
    nakh = entity(data, "places", "pl-nakh")
    assert (nakh["lat"], nakh["long"], nakh["cert"]) == (39.2089, 45.4122, "high")  # "lat, long" parsed too
    assert entity(data, "persons", "p-sadiqov")["name"] == "Hüseyn Sadıqov"  # forename + surname
    assert mention(data, "beta-m6")["entity"] == "p-sadiqov"  # the register entry, not the @key beside @ref


def test_mentions_record_where_they_stand(data):
    stalin = mention(data, "al-m5")
    assert {
        k: stalin[k] for k in ("document", "position", "type", "entity", "passage", "part", "surface", "value")
    } == {
        "document": "al",
        "position": 5,
        "type": "person",
        "entity": "p-stalin",
        "passage": "al-p1",
        "part": "body",
        "surface": "Stalin",
        "value": "Iosif Stalin",
    }
    assert (mention(data, "al-m1")["part"], mention(data, "al-m1")["passage"]) == ("header", "teiHeader")
    assert (mention(data, "al-m2")["part"], mention(data, "al-m2")["passage"]) == ("front", "front/div1/p1")
    assert mention(data, "al-m17")["passage"] == "body/div2/p1"
    outer, inner = mention(data, "al-m12"), mention(data, "al-m14")  # nested notes
    assert (outer["part"], outer["note"], inner["part"], inner["note"]) == ("note", "1", "note", "1a")
    assert mention(data, "beta-m2")["surface"] == "Bakı" and mention(data, "beta-m2")["lang"] == "en"


def test_keys_without_register(data):
    nobody = entity(data, "persons", "persons.xml#nobody")  # an unresolved @ref keeps its value
    assert (nobody["register"], nobody["name"]) == ("", "Nobody Known")
    assert entity(data, "persons", "#local")["name"] == "Local Person"
    george = entity(data, "persons", "george")  # @key, two spellings
    assert [m["surface"] for m in george["mentions"]] == ["George", "G."]
    assert entity(data, "persons", "http://viaf.org/viaf/123")["name"] == "Victor Hugo"
    assert [m["id"] for m in entity(data, "places", "Paris")["mentions"]] == ["letter-m1", "letter-m6"]


def test_dates_in_chronological_order(data):
    assert [(e["key"], e["sort_start"], e["sort_end"]) for e in data["dates"]] == [
        ("1848-02-24", "1848-02-24", "1848-02-24"),
        ("[1920..1929]", "1920-01-01", "1929-12-31"),
        ("1920-04", "1920-04-01", "1920-04-30"),
        ("1920-04-28", "1920-04-28", "1920-04-28"),
        ("1920-07-29", "1920-07-29", "1920-07-29"),
        ("1920-11-07/1920-11-08", "1920-11-07", "1920-11-08"),
        ("1921", "1921-01-01", "1921-12-31"),
        ("1995", "1995-01-01", "1995-12-31"),
        ("2013", "2013-01-01", "2013-12-31"),
        ("once", "", ""),  # undated: last, keyed by its text
    ]
    july = mention(data, "al-m9")
    assert (july["date_when"], july["cert"], july["evidence"]) == ("1920-07-29", "medium", "conjecture")
    decade = mention(data, "al-m13")
    assert (decade["not_before"], decade["not_after"], decade["surface"]) == ("1920", "1929", "the 1920s")
    days = mention(data, "al-m15")
    assert (days["date_from"], days["date_to"]) == ("1920-11-07", "1920-11-08")


def test_context_is_the_sentence_without_notes(data):
    assert mention(data, "al-m5")["context"] == "In April 1920 Stalin wrote from Baku to the 11th Red Army."
    assert mention(data, "al-m9")["context"] == "The Commissar left on July 29."  # the note after it is left out
    assert mention(data, "al-m12")["context"] == "Also Nobody Known in the 1920s."  # the inner note too
    assert mention(data, "al-m14")["context"] == "Inner note naming Naxçıvan on November 7–8, 1920."
    long = mention(data, "beta-m7")["context"]
    assert long.startswith("…") and long.endswith("…") and "Nakhchivan" in long and len(long) <= 202


def test_works_cited(data):
    assert [w["id"] for w in data["works"]] == ["al-b1", "al-w1"]  # sorted by author
    article, book = data["works"]
    assert article["titles"] == [{"level": "a", "title": "An article"}, {"level": "j", "title": "A Journal"}]
    assert (article["doi"], article["date_when"], article["part"], article["passage"]) == (
        "10.5555/xyz",
        "2013",
        "back",
        "al-b1",
    )
    assert book["authors"] == [{"name": "Sadıqov", "role": "author", "key": "p-sadiqov"}]
    assert (book["urls"], book["doi"], book["part"], book["note"]) == (
        ["https://doi.org/10.1234/abc"],
        "10.1234/abc",
        "note",
        "1",
    )


def test_records_of_names_in_nested_blocks_and_attributes_with_line_ends(tmp_path):
    """A name's context comes from its own block, the innermost (a list item in a paragraph);
    names nest; tabs and line ends in attribute values or text do not split records; markup
    characters in a context are escaped in indices.xml."""
    (tmp_path / "odd.xml").write_text(
        f"""<TEI xmlns="{TEI_NS}" xml:id="odd"><teiHeader><fileDesc>
  <titleStmt><title>Odd\tfile</title></titleStmt><publicationStmt><p/></publicationStmt>
  <sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>
  <p>In <placeName ref="#baku&#9;x" cert="high&#10;ish">Baku</placeName> they said:
    <list><item>Go to <orgName>the Council of <placeName>Tiflis</placeName></orgName>. Then stop.</item></list>
    And <persName xml:lang="ru">Kirov</persName> left &amp; said "&lt;no&gt;" again. <bibl><author>A.&#9;Author</author> <title>A&#10;title</title></bibl></p>
</body></text></TEI>""",
        encoding="utf-8",
    )
    grouped = collect([Source.load(tmp_path / "odd.xml")])
    (document,) = grouped.documents
    assert document["title"] == "Odd file"
    found = {
        m["surface"]: m for kind in ("place", "org", "person") for e in grouped.entities[kind] for m in e["mentions"]
    }
    assert (
        found["Baku"]["context"] == "In Baku they said: Go to the Council of Tiflis."
    )  # the item read in the paragraph
    assert found["Kirov"]["context"] == 'And Kirov left & said "<no>" again.'
    assert found["Tiflis"]["context"] == found["the Council of Tiflis"]["context"] == "Go to the Council of Tiflis."
    assert (found["Baku"]["ref"], found["Baku"]["entity"], found["Baku"]["cert"]) == ("#baku x", "#baku x", "high ish")
    assert [m["position"] for m in found.values()] == [1, 3, 2, 4]
    (work,) = grouped.works
    assert (work["authors"], work["titles"]) == (
        [{"name": "A. Author", "role": "author", "key": ""}],
        [{"level": "", "title": "A title"}],
    )
    WRITERS["tei"](grouped, tmp_path)  # the mentions' items are written as text there: escaped as lxml would
    (item,) = etree.parse(str(tmp_path / "indices.xml")).iterfind(".//tei:item[@n='odd-m4']", NS)
    assert item.findtext("tei:quote", namespaces=NS) == found["Kirov"]["context"]
    assert (item.find("tei:ref", NS).get(f"{{{XML_NS}}}lang"), item.find("tei:ptr", NS).get("target")) == (
        "ru",
        "odd.xml#odd-m4",
    )


# --- the other formats --------------------------------------------------------------------


def test_csv(out):
    with (out / "persons.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 12
    stalin = [r for r in rows if r["entity"] == "p-stalin"]
    assert [r["id"] for r in stalin] == ["al-m1", "al-m5", "al-m8"]
    assert stalin[0]["name"] == "Iosif Stalin" and stalin[0]["variants"] == "Stalin | I. Stalin | Сталин"
    with (out / "dates.csv").open(encoding="utf-8", newline="") as handle:
        dates = list(csv.DictReader(handle))
    assert [r["id"] for r in dates][:3] == ["letter-m2", "al-m13", "al-m4"]
    with (out / "works.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["doi"] for r in csv.DictReader(handle)] == ["10.5555/xyz", "10.1234/abc"]


def test_csv_cells_are_never_formulas(tmp_path):
    """A name that a spreadsheet would run as a formula is written with a leading apostrophe;
    numbers (a negative latitude) stay numbers."""
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    persons = edition / "persons.xml"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(
            "<persName>Iosif Stalin</persName>", '<persName>=HYPERLINK("http://x.invalid","y")</persName>'
        ),
        encoding="utf-8",
    )
    places = edition / "places.xml"
    places.write_text(places.read_text(encoding="utf-8").replace("40.4093 49.8671", "-33.9 151.2"), encoding="utf-8")
    write_indices([Source.load(p) for p in find_xml_files([edition])], tmp_path / "out", {"csv"})
    with (tmp_path / "out" / "persons.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["entity"] == "p-stalin"]
    assert rows and {r["name"] for r in rows} == {'\'=HYPERLINK("http://x.invalid","y")'}
    with (tmp_path / "out" / "places.csv").open(encoding="utf-8", newline="") as handle:
        assert "-33.9" in {r["lat"] for r in csv.DictReader(handle)}
    cells = ("@SUM(1+1)", "=1+1", "-x", "-cmd|'/c calc'!A0", "\tx", "+1 555", "-12.5", "-3000/-2001", "-0333-01-01", "")
    assert [spreadsheet_safe(c) for c in cells] == [
        "'@SUM(1+1)",
        "'=1+1",
        "'-x",
        "'-cmd|'/c calc'!A0",
        "'\tx",
        "+1 555",
        "-12.5",
        "-3000/-2001",
        "-0333-01-01",
        "",
    ]


def test_sqlite(out):
    db = sqlite3.connect(out / "indices.sqlite")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "entities", "mentions", "works")
    ] == [6, 23, 36, 2]
    rows = db.execute("""SELECT m.id, m.surface FROM mentions m JOIN entities e ON e.id = m.entity_id
                         JOIN documents d ON d.id = m.document_id
                         WHERE e.name = 'Iosif Stalin' AND d.key = 'al' ORDER BY m.position""").fetchall()
    assert rows == [("al-m1", "I. Stalin"), ("al-m5", "Stalin"), ("al-m8", "Commissar")]
    assert db.execute(
        "SELECT document, count(*) FROM mention_list WHERE entity = 'pl-baku' GROUP BY document ORDER BY document"
    ).fetchall() == [("al", 2), ("beta", 2)]
    assert json.loads(db.execute("SELECT variants FROM entities WHERE key = 'pl-nakh'").fetchone()[0]) == [
        "Naxçıvan",
        "Nahčivanas",
    ]
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"mentions_by_entity", "mentions_by_document"} <= indexes
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("INSERT INTO mentions (id, document_id, entity_id, surface, position) VALUES ('x', 99, 99, 'x', 1)")


def test_tei(out):
    tree = etree.parse(str(out / "indices.xml"))
    stalin = next(p for p in tree.iterfind(".//tei:person", NS) if p.get(f"{{{XML_NS}}}id") == "p-stalin")
    assert stalin.findtext("tei:persName[@type='main']", namespaces=NS) == "Iosif Stalin"
    assert stalin.find("tei:birth", NS).get("when") == "1878-12-18"
    assert [i.get("n") for i in stalin.iterfind(".//tei:list[@type='mentions']/tei:item", NS)] == [
        "al-m1",
        "al-m5",
        "al-m8",
    ]
    assert stalin.find(".//tei:item/tei:ptr", NS).get("target") == "alpha.xml#al-m1"
    assert len(tree.findall(".//tei:listPerson/tei:person", NS)) == 8
    assert tree.find(".//tei:place[@type='settlement']/tei:location/tei:geo", NS).text == "40.4093 49.8671"
    chronology = tree.findall(".//tei:list[@type='chronology']/tei:item/tei:date", NS)
    assert [d.get("when") or d.get("from") or d.get("notBefore") for d in chronology][:3] == [
        "1848-02-24",
        "1920",
        "1920-04",
    ]
    assert len(tree.findall(".//tei:listBibl/tei:bibl", NS)) == 2


@pytest.mark.slow
def test_tei_is_valid_tei_p5(out):
    grammar = relaxng(TEI_ALL)
    assert grammar.validate(etree.parse(str(out / "indices.xml"))), grammar.error_log


def test_store_holds_the_indices_and_reads_mentions_when_asked(out, data, tmp_path):
    """The indices are grouped into an SQLite store (the indices.sqlite written); reopened
    read-only, it gives the same records, the mentions read in slices of their rowids."""
    sources = [Source.load(p) for p in find_xml_files([EDITION, FOREIGN])]
    grouped = collect(sources, tmp_path / "store.sqlite")
    reopened = open_indices(tmp_path / "store.sqlite")
    for indices in (grouped, reopened):
        assert [d["key"] for d in indices.documents] == [d["key"] for d in data["documents"]]
        for kind, section in INDICES.items():
            for entity, expected in zip(indices.entities[kind], data[section], strict=True):
                mentions = entity["mentions"]
                assert list(mentions) == expected["mentions"]
                assert (len(mentions), mentions.documents) == (expected["count"], expected["documents"])
                assert mentions[-1] == expected["mentions"][-1] and mentions[1:3] == expected["mentions"][1:3]
                assert mentions[::2] == expected["mentions"][::2] and mentions[5:2] == []
        assert list(indices.works) == data["works"] and indices.works[1] == data["works"][1]
    with pytest.raises(IndexError):
        reopened.entities["person"][0]["mentions"][1]  # Aurore: one mention
    with pytest.raises(sqlite3.OperationalError):
        reopened.store.execute("DELETE FROM mentions")  # read-only
    written = sqlite3.connect(out / "indices.sqlite")
    for table in ("documents", "entities", "mentions", "works"):
        query = f"SELECT * FROM {table} ORDER BY rowid"
        assert written.execute(query).fetchall() == reopened.store.execute(query).fetchall()


def test_real_edition_files(tmp_path):
    written = write_indices([Source.load(p) for p in find_xml_files([TEI])], tmp_path, {"json", "sqlite"})
    assert [p.name for p in written] == ["indices.json", "indices.sqlite"]
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert {"nk20"} <= {d["key"] for d in data["documents"]}
    mentions = [m for i in ("persons", "places", "orgs", "dates") for e in data[i] for m in e["mentions"]]
    assert mentions and len({m["id"] for m in mentions}) == len(mentions)
    assert all(m["sort_start"] for m in mentions if m["date_when"][:4].isdigit())
    assert data["works"]


# --- the command line ---------------------------------------------------------------------


def test_cli_formats_and_single_file(tmp_path):
    result = CliRunner().invoke(
        main, ["index", str(EDITION / "alpha.xml"), "--format", "json", "--format", "csv", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["indices.json", "persons.csv", "places.csv", "orgs.csv", "events.csv", "dates.csv", "works.csv"]
    )
    data = json.loads((tmp_path / "indices.json").read_text(encoding="utf-8"))
    assert [d["key"] for d in data["documents"]] == ["al"]
    assert entity(data, "persons", "p-stalin")["name"] == "Iosif Stalin"  # registers found beside the file


def test_register_data_alike_for_a_document_indexed_alone(data, tmp_path):
    """Indexing every file, a document's records leave the data of the entries it mentions to
    the registers' own records; indexed alone, it carries them: the indices agree."""
    write_indices([Source.load(EDITION / "alpha.xml")], tmp_path, {"json"})
    alone = json.loads((tmp_path / "indices.json").read_text(encoding="utf-8"))
    compared = 0
    for index in ("persons", "places", "orgs"):
        for record in alone[index]:
            whole = entity(data, index, record["key"])
            assert {k: v for k, v in record.items() if k not in ("mentions", "count", "documents")} == {
                k: v for k, v in whole.items() if k not in ("mentions", "count", "documents")
            }
            compared += bool(record["register"])
    assert compared >= 5


def test_cli_rewrites_atomically(tmp_path):
    for _ in range(2):
        result = CliRunner().invoke(main, ["index", str(FOREIGN), "--format", "sqlite", "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["indices.sqlite"]  # replaced, no temporary file left


@pytest.mark.parametrize(
    "content, message",
    [
        ("<html/>", "not a TEI document"),
        ("<TEI xmlns='http://www.tei-c.org/ns/1.0'>", "not well-formed XML"),
    ],
)
def test_cli_unusable_input(tmp_path, content, message):
    bad = tmp_path / "bad.xml"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["index", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.startswith(f"{bad}:1:") and message in result.output
    assert "Traceback" not in result.output


def test_cli_duplicate_document_keys(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(FOREIGN / "letter.xml", tmp_path / name / "letter.xml")
    result = CliRunner().invoke(main, ["index", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and 'two documents have the key "letter"' in result.output


def test_cli_needs_paths():
    assert CliRunner().invoke(main, ["index"]).exit_code == 2


def test_days_sort_chronologically_before_the_common_era_too():
    from edition.indices import _day

    days = ["1920-04-28", "", "-0200-01-01", "-0333-01-01", "0800-01-01", "-3000-01-01"]
    assert sorted(days, key=_day) == ["-3000-01-01", "-0333-01-01", "-0200-01-01", "0800-01-01", "1920-04-28", ""]


DUPLICATE_IDS = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D</title></titleStmt>'
    "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>"
    '<div xml:id="x1"><p><persName xml:id="x1">Anna</persName> and <persName xml:id="x1">Berta</persName> met on '
    '<date when="1920-01-01" xml:id="x1">1 January 1920</date><note place="foot" xml:id="x1">A note.</note>.</p>'
    "</div></body></text></TEI>"
)


def test_duplicate_ids_the_first_wins_in_the_index_and_the_page(tmp_path):
    """Validation refuses duplicate xml:ids ([id-unique]); index and html of such a file still work,
    and every output names each id once: the first element keeps it, the others are numbered."""
    source = tmp_path / "d.xml"
    source.write_text(DUPLICATE_IDS, encoding="utf-8")
    indexed = CliRunner().invoke(main, ["index", str(source), "-o", str(tmp_path / "ix"), "--format", "json"])
    assert indexed.exit_code == 0, indexed.output  # it was "internal error: IntegrityError"
    data = json.loads((tmp_path / "ix" / "indices.json").read_text(encoding="utf-8"))
    mentions = {m["surface"]: m["id"] for kind in ("persons", "dates") for e in data[kind] for m in e["mentions"]}
    assert mentions == {"Anna": "d-m1", "Berta": "d-m2", "1 January 1920": "d-m3"}  # the division has x1
    assert CliRunner().invoke(main, ["html", str(source), "-o", str(tmp_path / "html")]).exit_code == 0
    page = (tmp_path / "html" / "d.html").read_text(encoding="utf-8")
    ids = etree.HTML(page).xpath("//@id")
    assert len(ids) == len(set(ids)) and ids.count("x1") == 1
    assert etree.HTML(page).xpath("//*[@id='x1']")[0].get("class").split()[0] == "div"
