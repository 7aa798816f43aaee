"""The print edition (edition.pdf, xslt/print/): PDFs checked through Debian's poppler-utils.

Two books are made: a synthetic edition written here (many footnotes with the source's
numbers, page ends, names in Latin, Cyrillic and Armenian script) and a book of two real
documents of the edition. The thesis alone takes minutes, so it is not rendered here.
A few pages are rendered to PNG in build-review/pdf/ (not wiped by `edition build`) for a
person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

pytest.importorskip("weasyprint")
if not shutil.which("pdftotext"):
    pytest.skip("poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed", allow_module_level=True)

from edition.cli import main  # noqa: E402
from edition.documents import load_tei  # noqa: E402
from edition.indices import collect  # noqa: E402
from edition.pdf import BOOK, PRINT_DIR, LocalFetcher, write_pdfs  # noqa: E402
from edition.rendering import is_register  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "build-review" / "pdf"
TEI_NS = "http://www.tei-c.org/ns/1.0"
HEADER = """<teiHeader><fileDesc><titleStmt><title type="main">{title}</title>{author}</titleStmt>
<publicationStmt><publisher>The test project</publisher></publicationStmt>
<seriesStmt><title level="s">A test edition</title></seriesStmt>
<sourceDesc><p>Written for the tests.</p></sourceDesc></fileDesc>
<profileDesc><langUsage><language ident="{lang}">{lang}</language></langUsage></profileDesc></teiHeader>"""
REGISTERS = {
    "persons": (
        "listPerson",
        """
      <person xml:id="p-aliyev"><persName>Heydər Əliyev</persName><persName>Гейдар Алиев</persName></person>
      <person xml:id="p-stalin"><persName>Iosif Stalin</persName><persName>Сталин</persName></person>""",
    ),
    "places": (
        "listPlace",
        """
      <place xml:id="pl-nakh"><placeName>Naxçıvan</placeName><placeName>Nahčivanas</placeName></place>
      <place xml:id="pl-artsakh"><placeName>Artsakh</placeName><placeName>Արցախ</placeName></place>""",
    ),
    "orgs": ("listOrg", """<org xml:id="o-army"><orgName>11th Red Army</orgName></org>"""),
}
WORDS = (
    "the border commission met again after the winter and the delegates argued over every valley road "
    "village and railway station that the maps of the previous year had drawn in different colours"
).split()
NAMES = [
    '<persName ref="persons.xml#p-aliyev">Heydər Əliyev</persName>',
    '<persName ref="persons.xml#p-stalin">Сталин</persName>',
    '<placeName ref="places.xml#pl-nakh">Nahčivanas</placeName>',
    '<placeName ref="places.xml#pl-artsakh" xml:lang="hy">Արցախ</placeName>',
    '<orgName ref="orgs.xml#o-army">11th Red Army</orgName>',
]


NOTES = [d * 10 + p for d in range(1, 4) for p in range(8)]  # paragraph numbers: note n is 100 + number


def _tei(lang: str, title: str, body: str, author: str = "", xml_id: str = "") -> str:
    ident = f' xml:id="{xml_id}"' if xml_id else ""
    return (
        f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}"{ident}>'
        f"{HEADER.format(title=title, author=author, lang=lang)}<text><body>{body}</body></text></TEI>"
    )


def _paragraph(number: int) -> str:
    """A paragraph with a name, a page end and a footnote numbered as in an imagined source."""
    words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(90))
    note = (
        f'<note place="foot" n="{100 + number}">Footnote noteword{number}x on the sources of this passage, '
        f"with {NAMES[(number + 2) % len(NAMES)]} and further detail to make it long enough to wrap.</note>"
    )
    half = words.split()
    return (
        f"<p>{words} {NAMES[number % len(NAMES)]} call{number}x{note} and then {' '.join(half[:40])} "
        f'<pb n="{number + 1}"/>{" ".join(half[40:])}.</p>'
    )


def synthetic_edition(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (element, entries) in REGISTERS.items():
        (folder / f"{name}.xml").write_text(_tei("en", name.title(), f"<{element}>{entries}</{element}>"), "utf-8")
    divs = "".join(
        f"<div><head>Section {d} on the border</head>{''.join(_paragraph(n) for n in NOTES if n // 10 == d)}</div>"
        for d in range(1, 4)
    )
    (folder / "one.xml").write_text(
        _tei("en", "The border commission: a chronicle", divs, "<author>Ayşə Quliyeva</author>", "one"), "utf-8"
    )
    (folder / "two.xml").write_text(
        _tei(
            "lv",
            "Robežkomisija",
            '<div><head>Ievads</head><p>Ļoti īsa nodaļa par <placeName ref="places.xml#pl-nakh">'
            "Nahčivanas</placeName> robežu: ā ē ī ū ņ ļ ķ ģ č š ž, ə ğ ı ş ç.</p></div>",
            xml_id="two",
        ),
        "utf-8",
    )
    return folder


def pdftotext(pdf: Path) -> list[str]:
    """The text of each page."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def words(text: str) -> set[str]:
    """The words of ``text``, with the words hyphenated at a line end re-joined (at a page end the
    rest follows the running head or the notes: any of the next lines may hold it)."""
    lines = [line for line in text.splitlines() if line.strip()]
    joined = {
        re.findall(r"\w+$", line[:-1])[-1] + re.findall(r"^\W*(\w+)", rest)[0]
        for i, line in enumerate(lines)
        if re.search(r"\w[-\u2010]$", line)
        for rest in lines[i + 1 : i + 12]
        if re.match(r"^\W*\w", rest)
    }
    return set(re.findall(r"\w+", text)) | joined


def flat(text: str) -> str:
    return " ".join(re.sub(r"(\w)[-\u2010]\n(\w)", r"\1\2", text).split())


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with its compressed streams (object streams included) decompressed."""
    data = pdf.read_bytes()
    streams = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            streams.append(zlib.decompress(stream))
        except zlib.error:
            pass
    return data + b"".join(streams)


def index_entries(pages: list[str], names: list[str]) -> dict[str, list[int]]:
    """The page numbers after each name in the index (the pages after the last 'Index' heading).
    An entry begins a line; longer names are matched first and taken out, since the end of a
    long name wrapped to a new line may look like a short one ("…Northern / Caucasus, 6")."""
    start = max(i for i, page in enumerate(pages) if page.lstrip().startswith("Index"))
    text = "\n".join(pages[start:])
    entries = {}
    for name in sorted(names, key=len, reverse=True):
        pattern = r"^" + r"\s+".join(map(re.escape, name.split())) + r", (\d+(?:,\s+\d+(?!\w))*)"
        match = re.search(pattern, text, re.M)
        if match:
            entries[name] = [int(n) for n in re.split(r",\s+", match.group(1))]
            text = text[: match.start()] + text[match.end() :]
    return entries


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, list]:
    """The folder of the PDFs of a synthetic edition, and the edition."""
    folder = synthetic_edition(tmp_path_factory.mktemp("tei") / "tei")
    out = tmp_path_factory.mktemp("pdf")
    sources = load_tei(sorted(folder.glob("*.xml")))
    written = write_pdfs([s for s in sources if not is_register(s)], sources, out)
    assert [p.name for p in written] == ["one.pdf", "two.pdf", BOOK]
    REVIEW.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "8", str(out / BOOK), str(REVIEW / "synthetic")], check=True
    )
    return out, sources


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> tuple[Path, list]:
    """The book of two short documents of the edition (English and Latvian)."""
    out = tmp_path_factory.mktemp("real")
    sources = load_tei(sorted((ROOT / "tei").glob("*.xml")))
    documents = [s for s in sources if s.path.stem in ("nakhchivan-1924-1928", "adr-1918-1920-lv")]
    write_pdfs(documents, sources, out, each=False)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "5", "-l", "7", str(out / BOOK), str(REVIEW / "real")], check=True
    )
    return out / BOOK, sources


def test_every_word_of_text_and_notes_is_printed(synthetic, real):
    folder = synthetic[0]
    book, sources = real
    printed = words("\n".join(pdftotext(book)))
    for source in (s for s in sources if s.path.stem in ("nakhchivan-1924-1928", "adr-1918-1920-lv")):
        text = " ".join(source.tree.getroot().find(f"{{{TEI_NS}}}text").itertext())
        missing = set(re.findall(r"\w+", text)) - printed
        assert not missing, f"{source.path.name}: {sorted(missing)[:20]}"
    printed = words("\n".join(pdftotext(folder / BOOK)))
    for number in NOTES:
        assert {f"call{number}x", f"noteword{number}x"} <= printed


def test_footnotes_stand_on_the_page_of_their_call_with_the_source_number(synthetic):
    """WeasyPrint defers a footnote to the next page when that alone avoids an orphan or a widow
    (weasyprint/layout/block.py, "report footnotes"): allowed for a few notes, never farther."""
    folder = synthetic[0]
    pages = pdftotext(folder / BOOK)
    deferred = []
    for number in NOTES:
        call = [i for i, page in enumerate(pages) if f"call{number}x" in page]
        note = [i for i, page in enumerate(pages) if f"noteword{number}x" in page]
        assert len(call) == len(note) == 1 and note[0] - call[0] in (0, 1), f"note {100 + number}: {call}, {note}"
        assert re.search(rf"^{100 + number} Footnote noteword{number}x", pages[note[0]], re.M)
        deferred += [number] if note != call else []
    assert len(deferred) <= len(NOTES) // 8, deferred


def test_source_page_numbers_stand_in_the_margin(synthetic):
    folder = synthetic[0]
    text = "\n".join(pdftotext(folder / "one.pdf"))
    assert all(f"p. {n + 1}" in text for n in (10, 11, 27, 37))


@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_index_pages_contain_the_names_once_each(which, request):
    book, edition = request.getfixturevalue(which)
    if which == "synthetic":
        book = book / BOOK
    pages = pdftotext(book)
    entities = [e for kind in ("person", "place", "org") for e in collect(edition).entities[kind]]
    entries = index_entries(pages, [e["name"] for e in entities])
    assert len(entries) >= (5 if which == "synthetic" else 20)
    for entity in entities:
        numbers = entries.get(entity["name"], [])
        assert numbers == sorted(set(numbers)), f"{entity['name']}: {numbers}"
        surfaces = {flat(m["surface"]) for m in entity["mentions"]}
        for number in numbers:
            page = flat(pages[number - 1])
            assert any(s in page for s in surfaces), f"{entity['name']}: page {number} names none of {surfaces}"


def test_metadata_outline_and_embedded_fonts(synthetic):
    folder = synthetic[0]
    info = subprocess.run(["pdfinfo", str(folder / "one.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+The border commission: a chronicle$", info, re.M)
    assert re.search(r"^Author:\s+Ayşə Quliyeva$", info, re.M)
    assert b"/Lang (en)" in pdf_objects(folder / "one.pdf")
    outline = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", "-q", str(folder / BOOK)], capture_output=True, text=True, check=True
    ).stdout
    items = [etree.fromstring(f"<i>{m}</i>").xpath("string()") for m in re.findall(r"<item[^>]*>(.*?)</item>", outline)]
    assert {
        "Contents",
        "The border commission: a chronicle",
        "Section 2 on the border",
        "Robežkomisija",
        "Index",
        "Persons",
        "Places",
        "Organisations",
    } <= set(items)
    fonts = subprocess.run(["pdffonts", str(folder / BOOK)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts
    assert any("Armenian" in row for row in rows) and any("Noto-Serif" in row for row in rows)


def test_every_script_is_printed(synthetic):
    folder = synthetic[0]
    text = "\n".join(pdftotext(folder / BOOK))
    for sample in ("Heydər Əliyev", "Сталин", "Արցախ", "ā ē ī ū ņ ļ ķ ģ č š ž, ə ğ ı ş ç"):
        assert sample in text


def test_review_pages_are_rendered(synthetic, real):
    pngs = sorted(REVIEW.glob("synthetic-*.png")) + sorted(REVIEW.glob("real-*.png"))
    assert len(pngs) >= 8 and sum(p.stat().st_size > 20000 for p in pngs) >= 6


def test_nothing_is_fetched():
    fetcher = LocalFetcher()
    assert fetcher.fetch((PRINT_DIR / "print.css").as_uri()).read().startswith(b"/*")
    for url in (
        "https://example.org/font.woff",
        "file:///etc/passwd",
        (PRINT_DIR.parent / "html" / "core.xsl").as_uri(),
        "data:text/css,body{}",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_command_line(tmp_path):
    folder = synthetic_edition(tmp_path / "tei")
    result = CliRunner().invoke(main, ["pdf", str(folder / "two.xml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "two.pdf").stat().st_size > 1000 and not (tmp_path / "out" / BOOK).exists()
    result = CliRunner().invoke(main, ["pdf", str(folder / "persons.xml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no TEI documents" in result.output and "Traceback" not in result.output


RIGHT_TO_LEFT_VERSE = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ar"><teiHeader><fileDesc><titleStmt>
<title>شعر</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
</teiHeader><text><body><lg>
    <l type="bayt">
       <seg>أبي الهضيمةِ ناءٍ بالعظيمة مت </seg>
       <seg> لاف الكريمة جلد غيرُ ثنيان</seg>
       <note place="bottom">
          <gap/>
       </note>
    </l>
</lg></body></text></TEI>"""


def test_a_right_to_left_verse_line_with_a_footnote_is_printed(tmp_path):
    """A verse line of an Arabic periodical (al-Haqaiq, ../shared/corpus) whose footnote holds only
    a gap, with line ends between the elements: WeasyPrint stopped with an AssertionError."""
    (tmp_path / "verse.xml").write_text(RIGHT_TO_LEFT_VERSE, encoding="utf-8")
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "verse.xml"), "-o", str(tmp_path / "out"), "--no-book"])
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "verse.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "الكريمة" in text and "[…]" in text


SCRIPTS = {  # language: a word in its script, and the font family the PDF embeds for it
    "ar": ("العربية", "Naskh-Arabic"),
    "he": ("עברית", "Hebrew"),
    "syc": ("ܣܘܪܝܝܐ", "Syriac"),
    "el": ("Ἑλληνικά", "Noto-Serif"),
    "ka": ("ქართული", "Serif-Georgian"),
    "ja": ("日本語の本文", "CJK"),
}


def test_every_script_has_its_font_in_print(tmp_path):
    """Arabic, Hebrew, Syriac, Greek, Georgian and CJK, each in a font for its script (Debian's
    fonts-noto-core and fonts-noto-cjk, which make edition and make test install), embedded."""
    body = "".join(f'<p xml:lang="{lang}">{word}</p>' for lang, (word, _) in SCRIPTS.items())
    (tmp_path / "scripts.xml").write_text(_tei("en", "Scripts", body), encoding="utf-8")
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "scripts.xml"), "-o", str(tmp_path / "out"), "--no-book"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "scripts.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for lang, (word, family) in SCRIPTS.items():
        assert word in text, lang
        assert family in fonts, (lang, fonts)
    assert "[?]" not in text and "\ufffd" not in text
