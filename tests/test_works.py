"""Works cited, each citation filed under its work (edition.works): the forms this edition's
citations take (short titles, subtitles, author-date, author alone, Ibid.), works registers that
citations point to, and the works pages and index data built from them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main
from edition.works import Citation, group

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "files"


def cite(
    document: str, text: str, author: str = "", title: str = "", level: str = "m", year: str = "", entry: str = ""
):
    return Citation(
        document,
        [{"name": author, "role": "author", "key": ""}] if author else [],
        [{"level": level, "title": title}] if title else [],
        f"{year}-01-01" if year else "",
        text,
        entry,
        "",
    )


CITATIONS = [
    cite(
        "a",
        "Altstadt, Audrey. The Azerbaijani Turks: Power and Identity under Russian Rule. Stanford, 1992.",
        "Altstadt, Audrey",
        "The Azerbaijani Turks: Power and Identity under Russian Rule",
        year="1992",
    ),  # 0
    cite("a", "Altstadt, Azerbaijani Turks, 18.", "Altstadt", "Azerbaijani Turks"),  # 1
    cite(
        "a",
        "Ibid., 40.",
    ),  # 2: Altstadt
    cite("b", "Altstadt, The Azerbaijani Turks, 7.", "Altstadt", "The Azerbaijani Turks"),  # 3
    cite(
        "a",
        "Broers, Laurence. Armenia and Azerbaijan: Anatomy of a Rivalry. Edinburgh, 2019.",
        "Broers, Laurence",
        "Armenia and Azerbaijan: Anatomy of a Rivalry",
        year="2019",
    ),  # 4
    cite("b", "Broers, Anatomy of A Rivalry, 12.", "Broers", "Anatomy of A Rivalry"),  # 5
    cite("a", "Broers and Ohanyan, 3.", "Broers"),  # 6: the Broers cited last in a
    cite(
        "c",
        "Armaoğlu, Fahir. 20. Yüzyıl Siyasi Tarihi. Istanbul, 2020.",
        "Armaoğlu, Fahir",
        "20. Yüzyıl Siyasi Tarihi",
        year="2020",
    ),  # 7
    cite("c", "Armaoğlu, 2020", "Armaoğlu", year="2020"),  # 8
    cite(
        "c",
        "“Armenia: Martial law undermines press freedom.” 2020.",
        title="Armenia: Martial law undermines press freedom",
        level="a",
    ),  # 9
    cite(
        "c",
        "“Armenia: Unlawful Rocket, Missile Strikes on Azerbaijan.” 2020.",
        title="Armenia: Unlawful Rocket, Missile Strikes on Azerbaijan",
        level="a",
    ),  # 10
    cite("d", "Hovannisian, The Armenian People: Volume I, 145.", "Hovannisian", "The Armenian People: Volume I"),  # 11
    cite(
        "d", "Hovannisian, The Armenian People: Volume II, 12.", "Hovannisian", "The Armenian People: Volume II"
    ),  # 12
    cite("d", "Hovannisian, The Armenian People, 3.", "Hovannisian", "The Armenian People"),  # 13: volume I or II?
    cite("e", "Goethe to Schiller", entry="w-faust"),  # 14
    cite("e", "Faust. Eine Tragödie.", "Goethe, Johann Wolfgang", "Faust", entry="w-faust"),  # 15
    cite("e", "Goethe, Faust, v. 1112.", "Goethe", "Faust"),  # 16: joins the entry by author and title
]


def test_each_citation_is_filed_under_its_work():
    works = group(CITATIONS)
    filed = {i: w.key for w in works for i in w.citations}
    assert sorted(i for w in works for i in w.citations) == list(range(len(CITATIONS)))
    same = [(0, 1, 2, 3), (4, 5, 6), (7, 8), (14, 15, 16)]
    for together in same:
        assert len({filed[i] for i in together}) == 1, together
    apart = [(0, 4), (9, 10), (11, 12), (11, 13), (12, 13), (7, 0)]
    for pair in apart:
        assert filed[pair[0]] != filed[pair[1]], pair
    altstadt = next(w for w in works if 0 in w.citations)
    assert altstadt.title == "The Azerbaijani Turks: Power and Identity under Russian Rule"
    assert altstadt.variants == ["Azerbaijani Turks", "The Azerbaijani Turks"]
    assert altstadt.key == "altstadt-azerbaijani-turks-power-and-identity-under"
    assert next(w for w in works if 14 in w.citations).key == "w-faust"
    filed_under = [w.author.split(",")[0] or w.title for w in works]  # by author, else title
    assert filed_under[:5] == [
        "Altstadt",
        "Armaoğlu",
        "Armenia: Martial law undermines press freedom",
        "Armenia: Unlawful Rocket, Missile Strikes on Azerbaijan",
        "Broers",
    ]
    assert len({w.key for w in works}) == len(works)


def test_the_works_of_an_edition_with_a_works_register(tmp_path):
    """The Maria Edgeworth letter set: a works register (Workography.xml, a listBibl of 247
    entries); mitford's drama and site index: titles with @ref to the entries of si.xml."""
    if not CORPUS.is_dir():
        pytest.skip("the corpus of real TEI is not there")
    shutil.copytree(CORPUS / "mitford-charles1", tmp_path / "tei")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "tei"), "-o", str(tmp_path / "build"), "--no-pdf", "--no-validate"]
    )
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(tmp_path / "build" / "indices" / "indices.sqlite")
    cited, works = (
        db.execute("SELECT count(*) FROM works").fetchone()[0],
        db.execute("SELECT count(*) FROM cited_works").fetchone()[0],
    )
    assert cited > 2000 and works < cited * 0.6  # citations grouped
    village = db.execute("SELECT text, count, variants FROM cited_works WHERE key = 'Our_Village1st_ed'").fetchone()
    assert village[0].startswith("Our Village: Sketches of Rural Character and Scenery") and village[1] > 100
    assert "Our Village" in json.loads(village[2])
    in_play = db.execute(
        "SELECT count(*) FROM works w JOIN documents d ON d.id = w.document_id WHERE d.file = 'Charles1_new.xml'"
    ).fetchone()[0]
    assert in_play > 0  # title/@ref in the play's text: works cited
    pages = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "build" / "site" / "works").glob("*.html"))]
    (page,) = [page for page in pages if 'id="work-Our_Village1st_ed"' in page]
    assert "Also cited as: Our Village;" in page
