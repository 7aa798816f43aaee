"""Verse, drama, speech, tokenised text and examples of markup (xslt/html/drama.xsl,
xslt/text/drama.xsl, print through the HTML): small fixtures (tests/fixtures/drama/ and
tests/fixtures/foreign/drama.xml) for each feature, and real files of ``../shared/corpus``
(skipped without it), in HTML, plain text and the print HTML."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import CHROMIUM, LAUNCH_ARGS
from lxml import etree, html

from edition.documents import load_tei, with_neighbours
from edition.pdf import print_html
from edition.plaintext import write_texts
from edition.site import write_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "drama"
PLAY = ROOT / "tests" / "fixtures" / "foreign" / "drama.xml"
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
TEI = "http://www.tei-c.org/ns/1.0"


def render(paths: list[Path], folder: Path) -> dict[str, tuple[html.HtmlElement, str, html.HtmlElement]]:
    """Each document's HTML page, plain text and print HTML (its article in the book)."""
    documents = load_tei(paths)
    edition = with_neighbours(documents)
    write_site(documents, edition, folder / "html", home=False)
    texts = write_texts(documents, edition, folder / "text")
    book = html.fromstring(print_html(documents, edition))
    articles = book.xpath("//article")
    return {
        path.stem: (html.parse(str(folder / "html" / f"{path.stem}.html")).getroot(), text.read_text("utf-8"), article)
        for path, text, article in zip(paths, texts, articles, strict=True)
    }


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory) -> dict[str, tuple[html.HtmlElement, str, html.HtmlElement]]:
    return render([PLAY, *sorted(FIXTURES.glob("*.xml"))], tmp_path_factory.mktemp("drama"))


def texts(elements: list) -> list[str]:
    return [" ".join(e.text_content().split()) for e in elements]


def body(page: html.HtmlElement) -> html.HtmlElement:
    return page.xpath("//div[contains(concat(' ', @class, ' '), ' body ')]")[0]


# --- drama ----------------------------------------------------------------------------------------


def test_cast_list_speeches_and_stage_directions(fixtures):
    page, text, printed = fixtures["drama"]
    for root in (page, printed):
        cast = root.xpath(".//div[@class='castList']/ul[@class='cast']/li[@class='castItem']")
        assert texts(cast) == ["FERRYMAN, an old man", "TRAVELLER"]
        assert texts(cast[0].xpath("span[@class='role']")) == ["FERRYMAN"]
        speech = root.xpath(".//div[@class='sp']")[0]
        assert [c.get("class") for c in speech] == ["speaker", "l", "l"]
        # a stage direction between speeches is a paragraph; inside a speech's paragraph it runs in
        assert texts(root.xpath(".//p[@class='stage']")) == ["A river bank at dusk."]
        inline = root.xpath(".//div[@class='sp']/p[@class='p']/span[@class='stage']")
        assert texts(inline) == ["He holds it up."]
    assert "• FERRYMAN, an old man\n• TRAVELLER" in text
    # the speaker on a line of its own, the verse indented under it
    assert "\nFERRYMAN\n      Who calls across the water\n      at this late hour?\n" in text
    assert "TRAVELLER\nA man with one coin. He holds it up. Will it do?" in text


def test_speech_is_set_apart_from_its_speaker_in_the_style_sheets():
    for css in (ROOT / "xslt" / "html" / "assets" / "edition.css", ROOT / "xslt" / "print" / "print.css"):
        rules = css.read_text(encoding="utf-8")
        assert re.search(r"\.sp, \.u \{[^}]*padding-(inline-start|left): 1\.\d+(rem|em)", rules), css
        assert re.search(r"\.sp > \.speaker, \.u > \.speaker \{[^}]*margin-(inline-start|left): -1\.\d+(rem|em)", rules)
        assert re.search(r"\.l\[data-n\]::after \{ content: attr\(data-n\)", rules)
        assert re.search(r"\.stage \{ font-style: italic; \}", rules)


# --- verse ----------------------------------------------------------------------------------------


def line_numbers(root) -> dict[str, str]:
    return {
        " ".join(p.text_content().split()): p.get("data-n")
        for p in root.xpath(".//*[contains(concat(' ', @class, ' '), ' l ')]")
    }


def test_every_fifth_line_is_numbered_outside_its_text(fixtures):
    page, text, printed = fixtures["verse"]
    for root in (page, printed):
        numbers = {line: n for line, n in line_numbers(root).items() if n}
        # counted within each poem, from @n where given (restarting where the text's does),
        # a metrical line split between speakers counted once, lines quoted in prose not at all
        assert numbers == {"alpha five": "5", "beta ten": "10", "beta five again": "5", "gamma five": "5"}
        # the numbers are generated content: no line's text holds one
        assert not any(re.search(r"\d", line) for line in line_numbers(root))
    assert "\n   5  alpha five\n" in text and "\n  10  beta ten\n" in text and "\n   5  gamma five" in text
    assert "\n      delta five" in text


def test_indents_half_lines_and_stanzas(fixtures):
    page, text, printed = fixtures["verse"]
    for root in (page, printed):
        lines = {
            " ".join(p.text_content().split()): p for p in root.xpath(".//p[contains(concat(' ', @class, ' '), ' l ')]")
        }
        assert "indent-1" in lines["alpha three"].get("class").split()
        assert "indent-2" in lines["alpha four"].get("class").split()
        assert "indent-1" in lines["alpha six"].get("class").split()
        assert "indent-1" not in lines["alpha one"].get("class").split()
        # the second and third parts of a metrical line stand after the parts before them
        assert lines["A friend."].get("data-before") == "Who goes there? "
        assert lines["Then come in."].get("data-before") == "Who goes there? A friend. "
        assert len(root.xpath(".//div[contains(concat(' ', @class, ' '), ' lg ')]")) == 2
    assert "\n      alpha two\n        alpha three\n          alpha four\n\n   5  alpha five\n" in text
    who, friend, then = (re.search(rf"\n( *){re.escape(line)}", text) for line in ("Who", "A friend.", "Then come in."))
    assert len(friend.group(1)) == len(who.group(1)) + len("Who goes there? ")
    assert len(then.group(1)) == len(who.group(1)) + len("Who goes there? A friend. ")


def test_line_numbers_are_shown_but_never_read_out_or_copied(tmp_path):
    """In Debian's chromium (skipped without it): the number is generated content with an empty
    alternative text, out of the accessibility tree and of a selection of the lines; the pages of
    verse, speech and markup fit a phone's width."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    documents = load_tei([FIXTURES / "verse.xml", FIXTURES / "speech.xml", FIXTURES / "example.xml"])
    write_site(documents, with_neighbours(documents), tmp_path, home=False)
    select = """() => { const range = document.createRange();
        range.selectNodeContents(document.querySelectorAll('div.lg')[1]);
        getSelection().removeAllRanges(); getSelection().addRange(range); return getSelection().toString(); }"""
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 844})
            page.goto((tmp_path / "verse.html").as_uri())
            number = "getComputedStyle(document.querySelector('p[data-n]'), '::after')"
            assert page.evaluate(f"{number}.content") == '"5" / ""'
            assert page.evaluate(f"{number}.visibility") == "visible"
            stanza = page.locator("div.lg").nth(1).aria_snapshot()
            assert stanza == "- paragraph: alpha five\n- paragraph: alpha six\n- paragraph: alpha seven"
            assert page.evaluate(select).split() == "alpha five alpha six alpha seven".split()
            for name in ("verse", "speech", "example"):
                page.goto((tmp_path / f"{name}.html").as_uri())
                assert page.evaluate(overflow) == 0, (name, width)
            page.close()
        browser.close()


# --- speech ---------------------------------------------------------------------------------------


def test_utterances_show_their_speakers_from_the_register(fixtures):
    page, text, printed = fixtures["speech"]
    speakers = page.xpath("//div[@class='u']/p[@class='speaker']")
    assert texts(speakers) == ["Ann Harris", "James Okafor", "Visitor1900"]
    assert [a.get("href") for a in page.xpath("//div[@class='u']/p[@class='speaker']/a")] == [
        "persons/HarrisAnn.html",
        "persons/OkaforJames.html",
    ]
    assert texts(printed.xpath(".//div[@class='u']/p[@class='speaker']")) == texts(speakers)
    assert "\nAnn Harris\nMembers, we begin.\n" in text and "\nVisitor1900\nShame!" in text


def test_notes_and_incidents_of_a_transcript_stay_in_place(fixtures):
    page, text, printed = fixtures["speech"]
    for root in (page, printed):
        assert not root.xpath(".//*[@class='fn-ref' or @class='fn-call' or @class='footnote']")
        notes = root.xpath(
            ".//div[contains(@class, 'type-debateSection')]/p[contains(concat(' ', @class, ' '), ' note ')]"
        )
        assert texts(notes) == ["The sitting opened at 10.03.", "THE SPEAKER (Ann Harris):"]
        assert [n.get("class") for n in notes] == ["note type-time", "note type-speaker"]
        assert texts(root.xpath(".//div[@class='u']/p[@class='seg']/small[@class='note']")) == ["inaudible"]
        assert texts(root.xpath(".//p[contains(concat(' ', @class, ' '), ' stage ')]")) == ["Applause.", "bows"]
        assert texts(root.xpath(".//p[@class='seg']/span[@class='vocal stage']")) == ["laughter"]
    assert not page.xpath("//section[@class='notes']")
    assert text.index("The sitting opened") < text.index("THE SPEAKER (Ann Harris):") < text.index("Members, we begin.")
    assert "\n\nApplause.\n\n" in text and "Is the minister present? inaudible Thank you." in text
    assert "Notes\n" not in text


# --- tokens ---------------------------------------------------------------------------------------


def running(root) -> str:
    return " ".join(body(root).text_content().split())


def test_tokens_are_joined_as_written(fixtures):
    expected = ["Била је поноћ, Марко Краљевић спава. (Тихо) Ко је то?", "Zagreb– Beograd: da li?!"]
    page, text, printed = fixtures["tokens"]
    assert texts(body(page).xpath(".//p")) == expected
    assert texts(printed.xpath(".//p[@class='p']")) == expected
    assert all(line in text for line in expected)
    # the space before a name stands outside it
    for root in (page, printed):
        name = root.xpath(".//span[@class='name type-PER']")[0]
        assert name.text_content() == "Марко Краљевић" and name.getprevious() is None
        assert name.getparent().text.endswith("поноћ, ")


def test_join_attributes_and_marked_spaces(fixtures):
    page, text, printed = fixtures["joins"]
    for root in (page, printed):
        assert texts(root.xpath(".//p[@class='seg']")) == ["Ali ima? »Da« in-ne - konec."]
        assert texts(root.xpath(".//p[@class='p']")) == ["Pričenjam sejo, ki"]
    assert "Ali ima? »Da« in-ne - konec.\n\nPričenjam sejo, ki" in text


# --- examples of markup ---------------------------------------------------------------------------

EXAMPLE = """<choice>
  <orig>voro</orig>
  <reg type="spelling">vero</reg>
</choice>
<!-- a comment & more -->
<gap reason="illegible"/>"""


def test_examples_of_markup_are_shown_as_written(fixtures):
    page, text, printed = fixtures["example"]
    for root in (page, printed):
        block = root.xpath(".//pre[@class='egXML']")[0]
        assert block.text_content() == EXAMPLE and block.get("dir") == "ltr"
        kinds = {span.get("class"): span.text_content() for span in block.iter("span")}
        assert kinds["xml-attribute"] == "reason" and kinds["xml-value"] == '"illegible"'
        assert kinds["xml-comment"] == "<!-- a comment & more -->"
        inline = root.xpath(".//p[@class='p']/span[@class='egXML block']")[0]
        assert inline.text_content() == '<q type="variant"/>'
    assert "\n".join("    " + line for line in EXAMPLE.splitlines()) in text
    assert '\n    <q type="variant"/>\n' in text


# --- real TEI -------------------------------------------------------------------------------------

REAL = {
    "romeo": "teisimple-romeo-juliet.xml",
    "dokter": "yidracor-sholem-aleichem-a-dokter.xml",
    "charles": "mitford-charles1/Charles1_new.xml",
    "catullus": "perseus-catullus-lat.xml",
    "hafez": "perseus-hafez-divan-far.xml",
    "session": "siparl-sdt2/SDT2/KPZONOJFSPD-Redna-021-1998-11-25.xml",
    "session-ana": "siparl-ana-KPZONOJFSPD-1998-11-25.xml",
    "parlamint": "parlamint-tr-2020-05-27-ana.xml",
    "eltec": "eltec-eng-lyall-level2.xml",
}


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, tuple[html.HtmlElement, str, html.HtmlElement]]:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus of real TEI at {CORPUS} (../shared/corpus beside the repository)")
    rendered = {}
    for key, name in REAL.items():
        path = CORPUS / name
        rendered[key] = render([path], tmp_path_factory.mktemp(key))[path.stem]
    return rendered


def normalised(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@pytest.mark.parametrize("key", REAL)
def test_no_word_of_a_real_text_is_lost(real, key):
    """Every text node of <text> is in the plain text and on the HTML page, whitespace aside."""
    page, text, _ = real[key]
    tree = etree.parse(str(CORPUS / REAL[key]))
    shown = normalised(text), normalised(page.xpath("//article")[0].text_content())
    for node in tree.xpath("//t:text//text()[normalize-space()][not(ancestor::t:linkGrp)]", namespaces={"t": TEI}):
        assert all(normalised(node) in output for output in shown), node


def test_real_plays(real):
    page, text, printed = real["charles"]
    speeches = page.xpath("//div[@class='sp']")
    tree = etree.parse(str(CORPUS / REAL["charles"]))
    # the speeches of the text: 623 outside readings, 4 in the readings that stand in the text
    # (of an app without lem, the base witness's); the others' are in the apparatus
    outside = tree.xpath("//t:sp[not(ancestor::t:rdg)]", namespaces={"t": TEI})
    assert len(outside) == 623 and len(speeches) == 627
    spoken = [sp for sp in speeches if sp[0].get("class") == "speaker"]
    assert len(spoken) >= len([sp for sp in outside if sp[0].tag == f"{{{TEI}}}speaker"])
    assert len(page.xpath("//ul[@class='cast']/li[@class='castItem']")) > 20
    # Mitford's lines have no @n: counted within each act and scene
    assert [page.get_element_by_id(f"Chas_act_1_L{n}").get("data-n") for n in (4, 5, 10, 11)] == [None, "5", "10", None]
    assert len(printed.xpath(".//p[@data-n]")) == len(page.xpath("//p[@data-n]"))
    assert "\nIreton.\n      He alighted with us\n   5  Three hours agone.\n" in text
    page, text, _ = real["dokter"]
    assert page.xpath("//div[@class='sp']/p[@class='speaker']")[0].text_content() == "חײם־לײב"
    assert page.xpath("//div[@class='sp']/p[@class='p']/span[@class='stage']")
    assert "\nחײם־לײב\nמאַכט מיט די הענט" in text
    page, text, _ = real["romeo"]
    assert texts(page.xpath("//div[@class='sp']/p[@class='speaker']")[:2]) == ["Sampson.", "Greg."]


def test_real_verse(real):
    page, text, printed = real["catullus"]
    tree = etree.parse(str(CORPUS / REAL["catullus"]))
    fifths = tree.xpath("//t:l[@n mod 5 = 0][not(ancestor::t:note)]", namespaces={"t": TEI})
    numbered = page.xpath("//p[@data-n]")
    assert [p.get("data-n") for p in numbered] == [line.get("n") for line in fifths]
    assert len(printed.xpath(".//p[@data-n]")) == len(numbered)
    assert "\n   5  iam tum cum ausus es unus Italorum\n" in text
    page, text, _ = real["hafez"]
    line = page.xpath("//p[contains(concat(' ', @class, ' '), ' l ')][@data-n='5']")[0]
    assert len(line.xpath("span[@class='seg']")) == 2 and "5" not in line.text_content()


def test_real_sessions(real):
    page, text, _ = real["session"]
    assert (
        texts(page.xpath("//p[contains(concat(' ', @class, ' '), ' type-speaker ')]"))[0] == "PREDSEDNIK RAFAEL KUŽNIK:"
    )
    assert not page.xpath("//section[@class='notes']")
    assert page.xpath("//div[@class='u']")[0][0].get("class") == "speaker"
    page, text, _ = real["session-ana"]
    assert "in potem še točko razno. Ali ima kdo kakšno pripombo k dnevnemu redu? Če nima, bi prosil" in running(page)
    assert "točko razno. Ali ima kdo kakšno pripombo k dnevnemu redu?" in text
    page, text, _ = real["parlamint"]
    assert "Türkiye Büyük Millet Meclisinin 91’inci Birleşimini açıyorum." in running(page)
    assert "\nLevent.Gök\nTürkiye Büyük Millet Meclisinin 91’inci Birleşimini açıyorum.\n" in text


def test_real_tokenised_novel(real):
    page, text, printed = real["eltec"]
    for output in (running(page), " ".join(text.split()), running(printed)):
        assert "At last the tea came up, and so" in output
        assert "a Nihilist!” The sound waves" in output.replace("\n", " ") or "a Nihilist!”" in output
        assert not re.search(r"\w \.(\s|$)", output)
    # the space before a name stands outside it where the file has whitespace there (all but
    # 13 of 414, such as '<w>Dear</w><rs><w>Leonoff</w>', where the space is the name's first)
    mentions = page.xpath("//*[contains(concat(' ', @class, ' '), ' mention ')]")
    spaced = [m for m in mentions if m.text_content() != m.text_content().lstrip()]
    assert len(mentions) == 414 and len(spaced) == 13
    assert "“What a shocking thing! Do you really mean it?” exclaimed Miss Houghton." in text
