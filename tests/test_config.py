"""The edition's configuration (``edition.toml``): found from the TEI folder upwards, its keys
checked with positions, its introduction on the home page and nowhere else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition import config
from edition.build import build
from edition.cli import main
from edition.documents import find_xml_files, load_tei
from edition.pdf import print_html
from edition.problems import InputError
from edition.rendering import is_register

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_EDITION = ROOT / "tests" / "fixtures" / "indices" / "edition"


def _edition(folder: Path, toml: str | None = None) -> Path:
    """A copy of the small test edition in ``folder``/tei, with ``toml`` as its edition.toml."""
    shutil.copytree(FIXTURE_EDITION, folder / "tei")
    if toml is not None:
        (folder / "edition.toml").write_text(toml, encoding="utf-8")
    return folder / "tei"


def test_found_from_the_tei_folder_upwards(tmp_path):
    tei = _edition(tmp_path / "one", 'introduction = "Two letters."\n')
    assert config.find(tei) == config.find(tei / "deeper") == tmp_path / "one" / "edition.toml"
    assert config.for_edition(tei) == config.Config(introduction="Two letters.")
    assert config.find(_edition(tmp_path / "other")) is None
    assert config.for_edition(tmp_path / "other" / "tei") == config.Config()


def test_this_editions_introduction_is_in_its_edition_toml():
    introduction = " ".join(config.for_edition(ROOT / "tei").introduction.split())
    assert introduction.startswith("A digital scholarly edition in TEI P5 of texts on Nakhchivan")
    assert config.for_edition(FIXTURE_EDITION) == config.Config()  # the test editions' own is empty
    assert "Nakhchivan" not in (ROOT / "xslt" / "html" / "params.xsl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "toml, position, message",
    [
        ('introduction = "x"\ntitel = "y"\n', "2:1", "unknown key 'titel'"),
        ("\n  introduction = 3\n", "2:18", "'introduction' must be a string, not an integer"),
        ('introduction = ["a"]\n', "1:16", "'introduction' must be a string, not an array"),
        ('[introduction]\ntext = "a"\n', "1:2", "'introduction' must be a string, not a table"),
        ('introduction = "x\n', r"1:\d+", "not valid TOML"),
    ],
)
def test_what_is_wrong_is_reported_at_its_position(tmp_path, monkeypatch, toml, position, message):
    monkeypatch.chdir(tmp_path)
    tei = _edition(tmp_path, toml)
    with pytest.raises(InputError) as error:
        config.for_edition(tei)
    assert re.match(rf"edition\.toml:{position}: error: .*{re.escape(message)}", error.value.problem.format())
    result = CliRunner().invoke(main, ["build", "tei", "-o", "out", "--no-pdf", "--no-validate"])
    assert result.exit_code == 1
    assert re.match(rf"edition\.toml:{position}: error: ", result.output)
    assert not (tmp_path / "out").exists()


def test_the_introduction_is_the_edition_tomls_or_none(tmp_path):
    plain = build(_edition(tmp_path / "plain"), tmp_path / "plain" / "build", check=False, pdf=False).output
    home = (plain / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="introduction"' not in home and "digital scholarly edition in TEI P5" not in home
    own = build(
        _edition(tmp_path / "own", 'introduction = "Two letters & a register."'),
        tmp_path / "own" / "build",
        check=False,
        pdf=False,
    ).output
    assert '<p class="introduction">Two letters &amp; a register.</p>' in (own / "site" / "index.html").read_text(
        encoding="utf-8"
    )


def test_the_books_title_page_has_the_introduction_given_or_none():
    sources = load_tei(find_xml_files([FIXTURE_EDITION]))
    documents = [s for s in sources if not is_register(s)]
    assert "book-introduction" not in print_html(documents, sources)
    book = print_html(documents, sources, introduction="Two letters.")
    assert '<p class="book-introduction">Two letters.</p>' in book
