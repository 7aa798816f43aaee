"""edition stats: mentions and distinct entities per document and type."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from edition.annotate.stats import count
from edition.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "annotate"


def test_counts(tmp_path: Path):
    shutil.copytree(FIXTURES, tmp_path / "tei")
    counts = {(Path(c.document).name, c.type): (c.mentions, c.entities) for c in count([tmp_path / "tei"])}
    assert counts[("tagged.xml", "person")] == (2, 1)
    assert counts[("tagged.xml", "place")] == (2, 2)
    assert counts[("tagged.xml", "date")] == (4, 4)
    assert counts[("en.xml", "person")] == (1, 1)
    assert counts[("en.xml", "date")] == (1, 1)
    assert counts[("lv.xml", "place")] == (0, 0)
    assert counts[("(all)", "person")] == (3, 1)  # the same entry in two documents counts once
    assert counts[("(all)", "date")] == (5, 5)
    assert not any(name in ("persons.xml", "places.xml", "orgs.xml") for name, _ in counts)


def test_formats():
    runner = CliRunner()
    table = runner.invoke(main, ["stats", str(FIXTURES / "tagged.xml")])
    assert table.exit_code == 0
    assert table.output.splitlines()[0].split() == ["document", "type", "mentions", "entities"]
    assert table.output.splitlines()[1].split() == [str(FIXTURES / "tagged.xml"), "person", "2", "1"]
    rows = json.loads(runner.invoke(main, ["stats", "--format", "json", str(FIXTURES / "tagged.xml")]).output)
    assert {"document": str(FIXTURES / "tagged.xml"), "type": "date", "mentions": 4, "entities": 4} in rows
    out = runner.invoke(main, ["stats", "--format", "csv", str(FIXTURES / "tagged.xml")]).output
    assert list(csv.DictReader(io.StringIO(out)))[2] == {
        "document": str(FIXTURES / "tagged.xml"),
        "type": "org",
        "mentions": "0",
        "entities": "0",
    }


def test_malformed_file_exit_2(tmp_path: Path):
    (tmp_path / "bad.xml").write_text("<TEI>", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", str(tmp_path)])
    assert result.exit_code == 2 and "[xml-syntax]" in result.output


def test_a_file_that_is_not_tei_is_named_and_not_counted(tmp_path: Path):
    shutil.copy(FIXTURES / "tagged.xml", tmp_path / "tagged.xml")
    (tmp_path / "page.xml").write_text("<html/>", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", str(tmp_path)])
    assert result.exit_code == 0
    assert f"{tmp_path / 'page.xml'}:1:1: warning: not a TEI document: the root element is <html>" in result.output
    assert "not counted [tei-root]" in result.output and "tagged.xml" in result.output
