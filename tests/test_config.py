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
        ('editors = "A. B."\n', "1:11", "'editors' must be an array of strings, not a string"),
        ('editors = ["A. B.", 2]\n', "1:11", "'editors' must be an array of strings, not an array holding an integer"),
        ('outputs = ["text", "html"]\n', "1:11", "'outputs' cannot be 'html'; the values allowed are: text, pdf"),
        ('cite = "{title}, {year}"\n', "1:8", "'cite' names {year}; a pattern may name: title, subtitle, editors"),
        ('title = "T"\n\n[validation]\nprofil = "tei-all"\n', "4:1", "unknown key 'profil'; the keys of [validation]"),
        ("[validation]\nprofile = 'tei_all'\n", "2:11", "the values allowed are: edition, tei-all, custom"),
        ('[validation]\nschema = "missing.rng"\n', "2:10", "'validation.schema': no file 'missing.rng'"),
        ('[print]\npage_size = "A4; color: red"\n', "2:13", "'print.page_size' is not a page size"),
        ("print = true\n", "1:9", "'print' must be a table, not a boolean"),
        ('languages = ["de", "xx"]\n', "1:13", "'languages' cannot be 'xx'; the values allowed are: en, de, fr, it"),
        ("languages = []\n", "1:13", "'languages' must name each interface language once, at least one"),
        ('languages = ["de", "de"]\n', "1:13", "'languages' must name each interface language once"),
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


OWN = """
title = "Letters of Two Friends"
subtitle = "A sample & a test"
editors = ["Anna Example", "Bo Sample"]
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
base_url = "https://example.org/letters/"
cite = "{editors} (eds.), {title}. {subtitle}. {url}"
outputs = ["text"]
"""


def test_the_editions_own_data_on_its_pages_and_its_books(tmp_path):
    built = build(_edition(tmp_path, OWN), tmp_path / "build", check=False).output
    assert not (built / "pdf").exists() and (built / "text" / "alpha.txt").is_file()  # no PDF: not in outputs
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Letters of Two Friends</title>" in home and "<h1>Letters of Two Friends</h1>" in home
    assert '<p class="subtitle">A sample &amp; a test</p>' in home
    assert '<p class="editors">Edited by Anna Example and Bo Sample</p>' in home
    assert (
        '<p class="citation">Anna Example and Bo Sample (eds.), Letters of Two Friends. A sample &amp; a test. '
        "https://example.org/letters/</p>"
    ) in home
    page = (built / "site" / "alpha.html").read_text(encoding="utf-8")
    assert "Letters of Two Friends</a>" in page and "TEI edition" not in page
    sources = load_tei(find_xml_files([tmp_path / "tei"]))
    documents = [s for s in sources if not is_register(s)]
    book = print_html(documents, sources, config=config.for_edition(tmp_path / "tei"))
    assert '<meta name="author" content="Anna Example; Bo Sample"' in book
    assert '<p class="book-title">Letters of Two Friends</p>' in book
    assert '<p class="book-author">Anna Example and Bo Sample</p>' in book
    assert "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)" in book
    assert "@page" not in book
    small = config.Config(print=config.Print(page_size="A5"))
    assert "<style>@page { size: A5 }</style>" in print_html(documents, sources, config=small)


def test_without_edition_toml_the_editions_data_come_from_the_tei(tmp_path):
    tei = _edition(tmp_path)
    header = (tei / "alpha.xml").read_text(encoding="utf-8")
    header = header.replace("</titleStmt>", "<editor>C. Editor</editor></titleStmt>", 1).replace(
        "<p>Test fixture.</p>",
        '<publisher>A Press</publisher><availability><licence target="https://example.org/l">Free</licence>'
        "</availability>",
        1,
    )
    header = header.replace("<sourceDesc>", '<seriesStmt><title level="s">The Series</title></seriesStmt><sourceDesc>')
    (tei / "alpha.xml").write_text(header, encoding="utf-8")
    built = build(tei, tmp_path / "build", check=False, pdf=False).output
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert "<h1>The Series</h1>" in home and "Edited by C. Editor" in home
    sources = load_tei(find_xml_files([tei]))
    book = print_html([s for s in sources if not is_register(s)], sources)
    assert '<meta name="author" content="C. Editor"' in book
    assert "A Press · Print edition" in book and "Free (https://example.org/l)" in book


def test_the_books_title_page_has_the_introduction_given_or_none():
    sources = load_tei(find_xml_files([FIXTURE_EDITION]))
    documents = [s for s in sources if not is_register(s)]
    assert "book-introduction" not in print_html(documents, sources)
    book = print_html(documents, sources, config=config.Config(introduction="Two letters."))
    assert '<p class="book-introduction">Two letters.</p>' in book
