"""The interface's message catalogue (``xslt/common/messages.json``, :mod:`edition.messages`): every
message in every language, with the same placeholders and the language's plural forms; every key
the code names is in it and every key in it is named; an edition whose interface is German has
no English label left in its site, its text, its print edition and its index data; an edition of
two interface languages has a site in each, linked by a language switch."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner
from lxml import etree

from edition import TEI_NS, config
from edition.build import build
from edition.cli import main
from edition.documents import find_xml_files, load_tei
from edition.kinds import INDEX_KINDS
from edition.messages import LANGUAGES, MESSAGES, PLURALS
from edition.outputs import INDEX_PAGES
from edition.pdf import print_html
from edition.rendering import is_register
from edition.resources import XSLT_DIR
from edition.saxon import Stylesheet

SRC = Path(__file__).resolve().parents[1] / "src" / "edition"
REQUIRED = ("en", "de", "fr", "it", "es", "ru", "lv", "tr", "az", "hy")
PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
#: The script each language's messages are written in (a letter of it in each message with letters).
SCRIPTS = {"ru": "CYRILLIC", "hy": "ARMENIAN"}
#: Words of three letters or more, in any script.
WORD = re.compile(r"[^\W\d_]{3,}")


def _forms(text: str | dict[str, str]) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def test_every_message_is_in_every_language_with_its_placeholders_and_plural_forms():
    assert set(REQUIRED) <= set(LANGUAGES)
    for key, by_language in MESSAGES.items():
        assert list(by_language) == list(LANGUAGES), key
        plural = isinstance(by_language["en"], dict)
        names = set(PLACEHOLDER.findall(_forms(by_language["en"])[0]))
        assert not plural or "count" in names, key
        for language, text in by_language.items():
            assert isinstance(text, dict) == plural, (key, language)
            assert not plural or list(text) == PLURALS[language], (key, language)
            for form in _forms(text):
                assert form and form == form.strip(), (key, language)
                assert set(PLACEHOLDER.findall(form)) == names, (key, language, form)
                rest = PLACEHOLDER.sub("", form)
                assert "{" not in rest and "}" not in rest, (key, language, form)
                letters = [unicodedata.name(c) for c in rest if c.isalpha()]
                if language in SCRIPTS and letters:
                    assert any(name.startswith(SCRIPTS[language]) for name in letters), (key, language, form)
                if language == "az":  # Azerbaijani in the Latin script
                    assert all(name.startswith("LATIN") for name in letters), (key, form)


@pytest.mark.parametrize(
    "language, forms",
    [
        ("en", {0: "other", 1: "one", 2: "other", 21: "other"}),
        ("fr", {0: "one", 1: "one", 2: "other"}),
        ("ru", {1: "one", 2: "few", 4: "few", 5: "many", 11: "many", 12: "many", 21: "one", 22: "few", 111: "many"}),
        ("lv", {0: "zero", 1: "one", 2: "other", 10: "zero", 11: "zero", 19: "zero", 21: "one", 111: "zero"}),
        ("hy", {0: "one", 1: "one", 2: "other"}),
    ],
)
def test_the_plural_form_of_a_count(tmp_path, language, forms):
    sheet = tmp_path / "plural.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:ed="urn:x-edition:functions">'
        f'<xsl:include href="{(XSLT_DIR / "common" / "messages.xsl").as_uri()}"/>'
        '<xsl:template name="xsl:initial-template">'
        f'<out><xsl:value-of select="({",".join(map(str, forms))}) ! ed:plural(.)"/></out>'
        "</xsl:template></xsl:stylesheet>",
        encoding="utf-8",
    )
    compiled = Stylesheet(sheet)
    compiled.set({}, {"language": language})
    assert etree.fromstring(compiled.call_template("plural").encode()).text.split() == list(forms.values())


def test_every_key_named_is_in_the_catalogue_and_every_key_is_named():
    stylesheets = "\n".join(p.read_text(encoding="utf-8") for p in XSLT_DIR.rglob("*.xsl"))
    python = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    named = set(re.findall(r"ed:label(?:-nodes)?\('([^']+)'", stylesheets))
    named |= set(re.findall(r'\blabel\("([^"]+)"', python))
    assert named - MESSAGES.keys() == set()
    # keys chosen at run time are named in maps of the stylesheets, or are the folders of the index
    # kinds and the names of the pages about the edition (the titles of their pages)
    quoted = set(re.findall(r"'([a-z][a-z-]*)'", stylesheets))
    chosen = {kind.folder for kind in INDEX_KINDS} | set(INDEX_PAGES)
    assert MESSAGES.keys() - named - quoted - chosen == set()


def _backwards(text: str | None) -> str | None:
    return re.sub(r"[^\W\d_]+", lambda word: word[0][::-1], text) if text else text


def _reversed(tei: Path) -> None:
    """Every word of the texts of the TEI file ``tei`` written backwards: none is an English word
    any more, so that an English label on a page is not taken for the edition's text."""
    tree = etree.parse(str(tei))
    for element in tree.iter(etree.Element):
        element.text, element.tail = _backwards(element.text), _backwards(element.tail)
    tree.write(str(tei), encoding="UTF-8", xml_declaration=True)


OWN = """
title = "Briefe zweier Freunde"
editors = ["Erika Muster"]
licence = "CC BY 4.0"
cite = "{editors} (Hg.), {title}"
introduction = "Eine Ausgabe von Briefen."
languages = [LANGUAGES]
outputs = ["text"]
"""


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> tuple[Path, set[str]]:
    """A new edition (``edition new``) with a German interface and English as a second one,
    its texts backwards, built; and the words of its data (its texts, attributes and edition.toml),
    which its pages may show besides the labels."""
    folder = tmp_path_factory.mktemp("german") / "briefe"
    assert CliRunner().invoke(main, ["new", str(folder)]).exit_code == 0
    (folder / "edition.toml").write_text(OWN.replace("LANGUAGES", '"de", "en"'), encoding="utf-8")
    own = config.for_edition(folder / "tei")
    data = {
        word
        for text in (own.title, *own.editors, own.licence, own.cite, own.introduction)
        for word in WORD.findall(text)
    }
    for tei in sorted((folder / "tei").glob("*.xml")):
        _reversed(tei)
        root = etree.parse(str(tei)).getroot()
        data |= {word for text in root.itertext() for word in WORD.findall(text)}
        data |= {
            word
            for element in root.iter(etree.Element)
            for value in element.attrib.values()
            for word in WORD.findall(value)
        }
    return build(folder / "tei", folder / "build", check=False, pdf=False).output, data


def _german_words() -> set[str]:
    return {word for by in MESSAGES.values() for form in _forms(by["de"]) for word in WORD.findall(form)}


def _interface_text(page: etree._Element, language: str) -> list[str]:
    """The text of ``page`` (an HTML tree) that is the interface's: its text and the attributes
    that label, outside what is marked as in another language than ``language`` (the texts)."""
    found = []

    def walk(element: etree._Element) -> None:
        if not isinstance(element.tag, str) or element.get("lang", language) != language:
            return
        if etree.QName(element).localname in ("script", "style"):
            return
        found.extend(element.get(name) for name in ("aria-label", "title", "alt", "data-missing") if element.get(name))
        found.extend(v for name, v in element.attrib.items() if name == "data-pagefind-filter")
        found.append(element.text or "")
        for child in element:
            walk(child)
            found.append(child.tail or "")

    walk(page)
    return [text for text in found if text.strip()]


def _parse(path: Path) -> etree._Element:
    return html5lib.parse(path.read_bytes(), treebuilder="lxml", namespaceHTMLElements=False).getroot()


def test_a_german_interface_has_no_english_label_left(german):
    built, data = german
    allowed = _german_words() | data
    pages = sorted(p for p in (built / "site").rglob("*.html") if p.relative_to(built / "site").parts[0] != "en")
    assert len(pages) > 10
    for path in pages:
        page = _parse(path)
        assert page.get("lang") == "de", path
        left = {word for text in _interface_text(page, "de") for word in WORD.findall(text)} - allowed
        assert not left, (path.relative_to(built), sorted(left))
    # the labels are there: every page of the site is German
    home = _parse(built / "site" / "index.html")
    assert "Herausgegeben von Erika Muster" in "".join(home.itertext())
    assert home.find(".//a[@class='skip']").text == "Zum Text springen"
    # the text, the index data and the print edition
    for text in (built / "text").glob("*.txt"):
        assert not set(WORD.findall(text.read_text(encoding="utf-8"))) - allowed, text.name
    indices = etree.parse(str(built / "indices" / "indices.xml"))
    heads = [h.text for h in indices.iter(f"{{{TEI_NS}}}head")]
    assert heads == ["Personen", "Orte", "Organisationen", "Ereignisse", "Chronologie", "Zitierte Werke"]
    header = indices.find(f"{{{TEI_NS}}}teiHeader")
    assert not {word for text in header.itertext() for word in WORD.findall(text)} - _german_words() - data
    tei = built.parent / "tei"
    sources = load_tei(find_xml_files([tei]))
    book = print_html([s for s in sources if not is_register(s)], sources, config=config.for_edition(tei))
    left = {w for text in _interface_text(etree.HTML(book), "de") for w in WORD.findall(text)} - allowed
    assert not left and '<html lang="de">' in book


def test_two_interface_languages_a_site_in_each_and_a_switch(german):
    built, _ = german
    site = built / "site"
    for german_page in sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "en"):
        name = german_page.relative_to(site)
        english_page = site / "en" / name
        assert english_page.is_file(), name
        for path, language, other in ((german_page, "de", english_page), (english_page, "en", german_page)):
            page = _parse(path)
            assert page.get("lang") == language
            switch = page.find(".//nav[@class='languages']")
            assert (
                switch.get("aria-label") == {"de": "Sprachen dieser Website", "en": "Languages of this site"}[language]
            )
            links = {a.get("hreflang"): a for a in switch.iter("a")}
            assert [(a.get("lang"), a.text) for a in links.values()] == [("de", "Deutsch"), ("en", "English")]
            assert links[language].get("aria-current") == "page"
            assert (path.parent / links[language].get("href")).resolve() == path.resolve()
            assert (path.parent / links[{"de": "en", "en": "de"}[language]].get("href")).resolve() == other.resolve()
            for link in page.iter("link"):  # the style sheets of the site's folder, from either
                if link.get("rel") == "stylesheet":
                    assert (path.parent / link.get("href")).is_file(), (name, link.get("href"))
    english_home = _parse(site / "en" / "index.html")
    assert english_home.find(".//a[@class='skip']").text == "Skip to the text"
    assert "Edited by Erika Muster" in "".join(english_home.itertext())
    assert not (site / "en" / "pagefind").exists()  # one search index, of the pages of the first language


def test_a_rebuild_of_two_languages_redoes_the_changed_document_in_both(german, tmp_path):
    built, _ = german
    tei = tmp_path / "tei"
    shutil.copytree(built.parent / "tei", tei)
    shutil.copy(built.parent / "edition.toml", tmp_path / "edition.toml")
    output = build(tei, tmp_path / "build", check=False, pdf=False).output
    letter = tei / "letter-2.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("</body>", "<p>Nachsatz.</p></body>"), "utf-8")
    again = build(tei, output, check=False, pdf=False)
    assert (again.reused, again.rendered) == (1, 1)
    for folder in (output / "site", output / "site" / "en"):
        assert "Nachsatz." in (folder / "letter-2.html").read_text(encoding="utf-8")
        assert (folder / "letter-1.html").is_file() and (folder / "persons.html").is_file()
    assert sorted(p.relative_to(output) for p in output.rglob("*.html")) == sorted(
        p.relative_to(built) for p in built.rglob("*.html")
    )
