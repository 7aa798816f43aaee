"""Robustness: bad input, faults (interrupted builds, full disks, concurrent runs) and the TEI
writes of import and annotate. Each test backs a row of docs/robustness.md.

Big or binary inputs are generated here, into tmp_path, never committed.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from edition import serve
from edition import validate as validation
from edition.build import build
from edition.cli import main
from edition.lock import Locked, lock_path, output_lock, tei_lock

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
MINIMAL = ROOT / "tests" / "fixtures" / "robustness" / "minimal.xml"
ANNOTATE = ROOT / "tests" / "fixtures" / "annotate"
EDITION = str(ROOT / ".venv" / "bin" / "edition")
TEI = "http://www.tei-c.org/ns/1.0"
LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+) "
    r"\[(?P<rule>[a-z-]+)\]$"
)


# --- helpers ----------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def minimal(body: str = "A short text.") -> str:
    return MINIMAL.read_text(encoding="utf-8").replace("BODY", body)


def plant(path: Path, old: str, new: str) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    index = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def problems(output: str) -> list[dict]:
    found = [LINE.match(line) for line in output.splitlines()]
    return [m.groupdict() for m in found if m]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A copy of the small valid edition, with one error planted in article.xml (a bad date), so that
    every test shows the other documents are still checked."""
    folder = tmp_path / "tei"
    shutil.copytree(GOOD, folder)
    return folder


# --- bad input: refused files ------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + f']>\n<TEI xmlns="{TEI}">&lol9;</TEI>\n'
).encode()
QUADRATIC = (f'<!DOCTYPE TEI [<!ENTITY a "{"x" * 100_000}">]>\n<TEI xmlns="{TEI}">{"&a;" * 1000}</TEI>').encode()
DEEP = minimal("<hi>" * 300 + "deep" + "</hi>" * 300).encode()
MANY_ATTRIBUTES = minimal("x\n<hi " + " ".join(f'a{i}="v"' for i in range(201)) + ">y</hi>").encode()
LONG_NAME = minimal(f"x <{'n' * 1500}>y</{'n' * 1500}>").encode()

# (id, file name, content, rule, line, column, a word of the message)
REFUSED = [
    (
        "malformed",
        "broken.xml",
        f'<TEI xmlns="{TEI}">\n  <teiHeader>\n</TEI>\n'.encode(),
        "xml-syntax",
        3,
        7,
        "Opening and ending tag mismatch",
    ),
    ("empty", "empty.xml", b"", "xml-empty", 1, 1, "empty"),
    ("blank", "blank.xml", b"  \n\t\n", "xml-empty", 1, 1, "empty"),
    (
        "binary-png",
        "image.xml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "xml-binary",
        1,
        1,
        "binary",
    ),
    ("binary-without-nul", "noise.xml", bytes(range(1, 32)) * 16, "xml-binary", 1, 1, "binary"),
    (
        "latin1-declared-utf8",
        "latin1.xml",
        minimal("café").replace("é", "\xe9").encode("latin-1"),
        "xml-syntax",
        23,
        13,
        "not UTF-8",
    ),
    (
        "latin1-undeclared",
        "latin1-plain.xml",
        minimal("café").replace('<?xml version="1.0" encoding="UTF-8"?>\n', "").encode("latin-1"),
        "xml-syntax",
        22,
        13,
        "UTF-8 is assumed",
    ),
    (
        "unknown-encoding",
        "klingon.xml",
        minimal().replace("UTF-8", "x-klingon").encode(),
        "xml-syntax",
        1,
        41,
        "x-klingon",
    ),
    (
        "utf16-declared-no-bom",
        "utf16.xml",
        minimal("café").replace("UTF-8", "UTF-16").encode(),
        "xml-syntax",
        1,
        31,
        "but is not UTF-16",
    ),
    (
        "utf32-declared-no-bom",
        "utf32.xml",
        minimal("café").replace("UTF-8", "UTF-32").encode(),
        "xml-syntax",
        1,
        31,
        "but is not UTF-32",
    ),
    ("html-root", "page.xml", b"<html>\n<body><p>Hello</p></body></html>", "tei-root", 1, 1, "<html>"),
    (
        "wrong-namespace",
        "ns.xml",
        minimal().replace(TEI, "http://www.tei-c.org/ns/2.0").encode(),
        "tei-root",
        2,
        1,
        "namespace http://www.tei-c.org/ns/2.0",
    ),
    (
        "no-namespace",
        "nons.xml",
        minimal().replace(f' xmlns="{TEI}"', "").encode(),
        "tei-root",
        2,
        1,
        "in no namespace",
    ),
    ("too-deep", "deep.xml", DEEP, "xml-limits", 23, 1021, "nested more than 256 deep"),
    ("too-many-attributes", "attributes.xml", MANY_ATTRIBUTES, "xml-limits", 24, 1, "<hi> has 201 attributes"),
    ("name-too-long", "name.xml", LONG_NAME, "xml-limits", 23, 12, "has 1,500 characters, more than the 1,000"),
    ("billion-laughs", "lol.xml", BILLION_LAUGHS, "xml-entity-declaration", 3, 2, "lol1"),
    ("quadratic-blowup", "blowup.xml", QUADRATIC, "xml-entity-declaration", 1, 16, "entity declarations are refused"),
    (
        "external-entity-file",
        "xxe.xml",
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="{TEI}">&x;</TEI>'.encode(),
        "xml-entity-declaration",
        1,
        16,
        "(x)",
    ),
    (
        "external-entity-http",
        "xxe-http.xml",
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "LISTENER/x.ent">]>\n<TEI xmlns="{TEI}">&x;</TEI>'.encode(),
        "xml-entity-declaration",
        1,
        16,
        "(x)",
    ),
    (
        "external-parameter-entity",
        "xxe-pe.xml",
        f'<!DOCTYPE TEI [<!ENTITY % dtd SYSTEM "LISTENER/x.dtd"> %dtd;]>\n<TEI xmlns="{TEI}">&x;</TEI>'.encode(),
        "xml-entity-declaration",
        1,
        16,
        "(dtd)",
    ),
    ("undeclared-entity", "nbsp.xml", minimal("a&nbsp;b").encode(), "xml-entity-reference", 23, 11, "&nbsp;"),
]


def plant_refused(edition: Path, name: str, data: bytes, listener_url: str) -> Path:
    path = edition / name
    path.write_bytes(data.replace(b"LISTENER", listener_url.encode()))
    return path


@pytest.mark.parametrize("case, name, data, rule, line, column, words", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_file_gets_one_positioned_line_and_the_others_are_still_checked(
    edition, listener, case, name, data, rule, line, column, words
):
    url, hits = listener
    bad = plant_refused(edition, name, data, url)
    date_line, date_column = plant(edition / "article.xml", 'when="1920-04"', 'when="1920-13"')
    started = time.perf_counter()
    result = run("validate", edition)
    assert time.perf_counter() - started < 30
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    found = problems(result.output)
    mine = [p for p in found if p["path"] == str(bad)]
    assert len(mine) == 1, result.output  # one message for the file, not a cascade
    assert (mine[0]["rule"], int(mine[0]["line"]), int(mine[0]["column"])) == (rule, line, column), mine[0]
    assert words in mine[0]["message"]
    assert any(
        p["path"].endswith("article.xml")
        and p["rule"] == "date-iso"
        and (int(p["line"]), int(p["column"])) == (date_line, date_column)
        for p in found
    ), result.output
    assert result.output.splitlines()[-1] == "5 files checked: 2 errors, 0 warnings"
    assert hits == []  # nothing fetched, ever


@pytest.mark.parametrize("case", ["malformed", "binary-png", "html-root", "billion-laughs", "too-many-attributes"])
def test_a_refused_file_stops_the_build_but_every_file_is_reported(edition, tmp_path, listener, case):
    _, name, data, rule, *_ = next(c for c in REFUSED if c[0] == case)
    plant_refused(edition, name, data, listener[0])
    plant(edition / "article.xml", 'when="1920-04"', 'when="1920-13"')
    result = run("build", edition, "-o", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert {p["rule"] for p in problems(result.output)} == {rule, "date-iso"}
    assert result.output.splitlines()[-1].endswith("; nothing was built")
    assert not (tmp_path / "out").exists()


def test_html_and_text_refuse_the_run_on_an_unusable_file_with_one_line(edition, tmp_path):
    (edition / "broken.xml").write_bytes(REFUSED[0][2])
    for command in ("html", "text"):
        result = run(command, edition, "-o", tmp_path / command)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert (
            result.output.strip() == f"{edition / 'broken.xml'}:3:7: error: not well-formed XML: Opening and ending "
            "tag mismatch: teiHeader line 2 and TEI [xml-syntax]"
        )
        assert not (tmp_path / command).exists()


def test_fail_fast_stops_at_the_first_file_with_an_error(edition):
    (edition / "a-broken.xml").write_bytes(REFUSED[0][2])
    plant(edition / "article.xml", 'when="1920-04"', 'when="1920-13"')
    result = run("validate", "--fail-fast", edition)
    assert result.exit_code == 1
    assert [p["rule"] for p in problems(result.output)] == ["xml-syntax"]
    assert (
        result.output.splitlines()[-1]
        == f"1 file checked: 1 error, 0 warnings; stopped at {edition / 'a-broken.xml'} (--fail-fast)"
    )
    everything = run("validate", edition)
    assert {p["rule"] for p in problems(everything.output)} == {"xml-syntax", "date-iso"}
    clean = run("validate", "--fail-fast", GOOD)
    assert clean.exit_code == 0 and clean.output.strip() == "4 files checked: 0 errors, 0 warnings"


# --- bad input: read as it should be -----------------------------------------------------------

ACCEPTED = [
    ("bom-beats-wrong-declaration", b"\xef\xbb\xbf" + minimal("café Naxçıvan").replace("UTF-8", "ISO-8859-1").encode()),
    ("utf16-with-bom", minimal("café Naxçıvan").replace("UTF-8", "UTF-16").encode("utf-16")),
    ("utf32-with-bom", minimal("café Naxçıvan").replace("UTF-8", "UTF-32").encode("utf-32")),
    ("utf32-without-bom", minimal("café Naxçıvan").replace("UTF-8", "UTF-32").encode("utf-32-be")),
    ("latin1-declared", minimal("café Naxçıvan").replace("UTF-8", "ISO-8859-9").encode("iso-8859-9")),
    (
        "external-dtd-file",
        minimal("café Naxçıvan").replace("<TEI ", '<!DOCTYPE TEI SYSTEM "file:///etc/passwd">\n<TEI ').encode(),
    ),
    (
        "external-dtd-http",
        minimal("café Naxçıvan").replace("<TEI ", '<!DOCTYPE TEI SYSTEM "LISTENER/tei.dtd">\n<TEI ').encode(),
    ),
    ("deepest-allowed", minimal("café Naxçıvan " + "<hi>" * 252 + "deep" + "</hi>" * 252).encode()),  # 256 deep
]


@pytest.mark.parametrize("case, data", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_unusual_but_readable_files_are_read_exactly_and_nothing_is_fetched(edition, tmp_path, listener, case, data):
    url, hits = listener
    plant_refused(edition, "odd.xml", data, url)
    result = run("validate", edition)
    assert result.exit_code == 0 and result.output.strip() == "5 files checked: 0 errors, 0 warnings", result.output
    result = run("text", edition / "odd.xml", "-o", tmp_path / "text")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "text" / "odd.txt").read_text(encoding="utf-8")
    assert "café Naxçıvan" in text and "root:" not in text
    result = run("html", edition / "odd.xml", "-o", tmp_path / "html")
    assert result.exit_code == 0, result.output
    assert "café Naxçıvan" in (tmp_path / "html" / "odd.html").read_text(encoding="utf-8")
    assert hits == []


def test_one_set_of_parser_limits_for_lxml_and_saxon(edition, tmp_path):
    """A file at the limits (200 attributes, names of 1,000 characters) is read by lxml and by Saxon;
    one beyond them is refused alone: the other files of its folder are still rendered."""
    names = " ".join(f'{"m" * 997}{i:03}="v"' for i in range(200))
    (edition / "at.xml").write_text(minimal(f"x <{'n' * 1000} {names}>y</{'n' * 1000}>"), encoding="utf-8")
    result = run("html", edition / "at.xml", "-o", tmp_path / "at")
    assert result.exit_code == 0, result.output
    result = run("validate", edition)
    assert result.exit_code == 1 and {p["rule"] for p in problems(result.output)} == {"rng"}, result.output
    (edition / "at.xml").unlink()
    for name, data in (("attributes.xml", MANY_ATTRIBUTES), ("name.xml", LONG_NAME)):
        (edition / name).write_bytes(data)
    result = run("html", edition / "article.xml", "-o", tmp_path / "html")
    assert result.exit_code == 0 and (tmp_path / "html" / "article.html").exists(), result.output
    result = run("build", edition, "-o", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 1 and {p["rule"] for p in problems(result.output)} == {"xml-limits"}, result.output
    assert len(result.output.splitlines()) == 3 and "Error on line" not in result.output


def test_xinclude_outside_the_folder_or_over_the_network_is_refused_and_reported(edition, tmp_path, listener):
    url, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
    includes = [
        f'<xi:include {xi} href="../secret.txt" parse="text"/>',
        f'<xi:include {xi} href="file:///etc/passwd" parse="text"/>',
        f'<xi:include {xi} href="{url}/x.xml"/>',
    ]
    line, column = plant(
        edition / "article.xml", "<head>Introduction</head>", "<head>Introduction</head>" + "".join(includes)
    )
    result = run("validate", edition)
    assert result.exit_code == 1
    found = problems(result.output)
    hrefs = [
        column + len("<head>Introduction</head>" + "".join(includes[:n])) + includes[n].index("href") for n in range(3)
    ]
    assert [(p["rule"], p["path"].endswith("article.xml"), int(p["line"])) for p in found] == [
        ("xinclude", True, line)
    ] * 3
    assert [int(p["column"]) for p in found] == hrefs, result.output
    assert "outside the edition's folder" in found[0]["message"] and "nothing is fetched" in found[2]["message"]
    out = tmp_path / "out"
    result = run("build", edition, "-o", out, "--no-validate", "--no-pdf")
    assert result.exit_code == 0, result.output
    for path, data in snapshot(out).items():
        assert b"TOP-SECRET-42" not in data and b"root:x:0" not in data and b"LEAKED" not in data, path
    assert hits == []


def test_names_with_spaces_and_non_latin_letters(tmp_path):
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    article = (GOOD / "article.xml").read_text(encoding="utf-8")

    def variant(prefix: str, other: str, other_prefix: str) -> str:
        text = re.sub(r'(xml:id="|target="#)t-', rf"\g<1>{prefix}-", article)
        return text.replace(f'target="#{prefix}-p1"', f'target="{other}#{other_prefix}-p1"')

    (tei / "Naxçıvan 1920.xml").write_text(
        variant("n1", "%D0%9D%D0%B0%D1%85%D0%B8%D1%87%D0%B5%D0%B2%D0%B0%D0%BD%D1%8C.xml", "n2"), encoding="utf-8"
    )
    # a pointer is a URI: the space is written %20 (a bare space separates pointers in @target)
    (tei / "Нахичевань.xml").write_text(variant("n2", "Naxçıvan%201920.xml", "n1"), encoding="utf-8")
    (tei / "article.xml").unlink()
    result = run("validate", tei)
    assert result.exit_code == 0 and result.output.strip() == "5 files checked: 0 errors, 0 warnings", result.output
    out = tmp_path / "Выход с пробелом"
    result = run("build", tei, "-o", out, "--no-pdf")
    assert result.exit_code == 0, result.output
    page = (out / "site" / "Naxçıvan 1920.html").read_text(encoding="utf-8")
    assert 'href="%D0%9D%D0%B0%D1%85%D0%B8%D1%87%D0%B5%D0%B2%D0%B0%D0%BD%D1%8C.html#n2-p1"' in page
    back = (out / "site" / "Нахичевань.html").read_text(encoding="utf-8")
    assert 'href="Naxçıvan%201920.html#n1-p1"' in back  # URLs as they stand: HTML5 takes non-ASCII letters
    for html in (page, back):  # each link leads to the other page
        other = re.search(r'href="([^"#]+)\.html#n[12]-p1"', html).group(1)
        assert (out / "site" / f"{unquote(other)}.html").exists(), other
    assert (out / "text" / "Нахичевань.txt").exists()
    line, column = plant(tei / "Нахичевань.xml", 'when="1920-04"', 'when="1920-13"')
    result = run("validate", tei)
    assert result.output.splitlines()[0].startswith(f"{tei / 'Нахичевань.xml'}:{line}:{column}: error: ")


# --- bad input: semantic errors ----------------------------------------------------------------

SEMANTIC = [
    ("ref-to-missing-entry", 'ref="persons.xml#t-stalin"', 'ref="persons.xml#t-nobody"', "ref-resolves", 0),
    ("invalid-when", 'when="1920-04"', 'when="1920-02-30"', "date-iso", 0),
    ("duplicate-id", 'xml:id="t-p1"', 'xml:id="t-army"', "id-unique", 0),
    (
        "unknown-language",
        '<foreign xml:lang="ru">',
        '<foreign xml:lang="x-klingon">',
        "lang-declared",
        len("<foreign "),
    ),
]


@pytest.mark.parametrize("case, old, new, rule, offset", SEMANTIC, ids=[c[0] for c in SEMANTIC])
def test_semantic_errors_are_positioned_and_other_documents_still_built_with_no_validate(
    edition, tmp_path, case, old, new, rule, offset
):
    line, column = plant(edition / "article.xml", old, new)
    plant(edition / "places.xml", "<placeName>Baku</placeName>", "<placeName/>")  # an error in another file
    result = run("validate", edition)
    assert result.exit_code == 1 and "Traceback" not in result.output
    found = problems(result.output)
    mine = [p for p in found if p["path"].endswith("article.xml") and p["rule"] == rule]
    assert mine and (int(mine[0]["line"]), int(mine[0]["column"])) == (line, column + offset), result.output
    assert any(p["path"].endswith("places.xml") and p["rule"] == "register-main-name" for p in found)
    if case == "duplicate-id":
        assert any(p["path"].endswith("orgs.xml") and p["rule"] == "id-unique" for p in found)
    refused = run("build", edition, "-o", tmp_path / "out", "--no-pdf")
    assert refused.exit_code == 1 and refused.output.splitlines()[-1].endswith("nothing was built")
    built = run("build", edition, "-o", tmp_path / "out", "--no-pdf", "--no-validate")
    assert built.exit_code == 0, built.output
    assert {p.name for p in (tmp_path / "out" / "site").glob("*.html")} >= {"article.html", "index.html"}


def test_a_wrong_prefix_definition_is_reported_and_the_rest_checked(edition, tmp_path):
    article = edition / "article.xml"
    plant(
        article,
        "    <profileDesc>",
        """    <encodingDesc>
      <listPrefixDef>
        <prefixDef ident="bad" matchPattern="(" replacementPattern="x"/>
        <prefixDef ident="empty" matchPattern="(.*)" replacementPattern="persons.xml#$1"/>
        <prefixDef ident="per" matchPattern="([a-z-]+)" replacementPattern="persons.xml#$1"/>
      </listPrefixDef>
    </encodingDesc>
    <profileDesc>""",
    )
    plant(article, '<persName ref="persons.xml#t-stalin">', '<persName ref="per:t-stalin bad:x empty:y per:t-nobody">')
    result = run("validate", edition)
    assert result.exit_code == 1 and "Schematron failed" not in result.output
    assert [(p["line"], p["rule"]) for p in problems(result.output)] == [
        ("19", "prefix-pattern"),
        ("20", "prefix-pattern"),
        ("35", "ref-resolves"),
    ]
    assert problems(result.output)[0]["message"] == (
        'prefixDef "bad" cannot expand pointers: its matchPattern is not a regular expression (Syntax error at char 1 '
        "in regular expression: Missing close parenthesis); its pointers are left as they stand."
    )
    assert "'persons.xml#t-nobody'" in problems(result.output)[2]["message"]
    assert run("build", edition, "-o", tmp_path / "out", "--no-validate", "--no-pdf").exit_code == 0


def test_values_quoted_in_messages_cannot_break_or_reorder_the_line(edition):
    plant(edition / "article.xml", '<date when="1920-04">', '<date when="1920&#x2028;evil&#x202E;gnirts&#9;x">')
    result = run("validate", edition)
    lines = [line for line in result.output.splitlines() if "[date-iso]" in line]
    assert result.exit_code == 1 and len(lines) == 1
    # the Schematron's messages have their white space (line separators included) collapsed
    assert '@when="1920 evil\\u202egnirts x" is not an ISO 8601 date' in lines[0]
    assert not any(ch in result.output for ch in "\u2028\u202e\t")
    from edition.problems import ERROR, Problem

    assert (
        Problem("a\nb.xml", 1, 2, ERROR, "x\u2028y\u2067z\x1b[31m", "r").format()
        == "a\\nb.xml:1:2: error: x\\u2028y\\u2067z\\u001b[31m [r]"
    )


def test_missing_register_file(edition, tmp_path):
    (edition / "places.xml").unlink()
    result = run("validate", edition)
    assert result.exit_code == 1
    found = problems(result.output)
    assert [p["rule"] for p in found] == ["ref-resolves"]
    assert "places.xml" in found[0]["message"] and found[0]["path"].endswith("article.xml")
    built = run("build", edition, "-o", tmp_path / "out", "--no-pdf", "--no-validate")
    assert built.exit_code == 0, built.output
    assert "Baku" in (tmp_path / "out" / "site" / "article.html").read_text(encoding="utf-8")


def test_missing_input_file_is_one_line(tmp_path):
    result = run("validate", tmp_path / "nope.xml", GOOD)
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[0] == f"{tmp_path / 'nope.xml'}:0:0: error: cannot read the file: "
        "No such file or directory [file-unreadable]"
    )
    assert result.output.splitlines()[-1] == "5 files checked: 1 error, 0 warnings"


def test_pipes_and_devices_are_never_read(edition, tmp_path):
    """A named pipe and a link to /dev/zero beside the edition's files are not read (they would
    hang or fill the memory); named on the command line, each gets one positioned line."""
    os.mkfifo(edition / "fifo.xml")
    (edition / "zero.xml").symlink_to("/dev/zero")
    article = edition / "article.xml"
    for args in (
        ["validate", article],
        ["validate", edition],
        ["html", article, "-o", tmp_path / "html"],
        ["text", article, "-o", tmp_path / "text"],
        ["index", article, "-o", tmp_path / "index"],
    ):
        done = subprocess.run([EDITION, *map(str, args)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    done = subprocess.run(
        [EDITION, "validate", str(edition / "fifo.xml"), str(edition / "zero.xml"), str(article)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.splitlines()[:2] == [
        f"{edition / 'fifo.xml'}:0:0: error: not a regular file (a named pipe): not read [file-not-regular]",
        f"{edition / 'zero.xml'}:0:0: error: not a regular file (a character device): not read [file-not-regular]",
    ]


def test_twenty_thousand_problems_cost_seconds_not_hours(tmp_path):
    """Each problem's position is found in constant time (it was a walk over the document per
    problem: 20,000 dangling pointers took more than ten minutes); 100 are listed, the rest counted."""
    body = "".join(f'<p><persName ref="#nope{i}">x</persName></p>' for i in range(20_000))
    (tmp_path / "many.xml").write_text(minimal("</p>" + body + "<p>"), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [EDITION, "validate", "--max-problems", "0", str(tmp_path / "many.xml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert time.monotonic() - started < 120
    found = problems(done.stdout)
    assert done.returncode == 1 and len(found) == 20_000 and {p["rule"] for p in found} == {"ref-resolves"}
    line = int(found[0]["line"])
    assert [(int(p["line"]), int(p["column"])) for p in found[:2]] == [
        (line, int(found[0]["column"])),
        (line, int(found[0]["column"]) + 42),
    ]
    assert found[-1]["message"].startswith("@ref points to '#nope19999'")
    capped = subprocess.run([EDITION, "validate", str(tmp_path / "many.xml"), GOOD], capture_output=True, text=True)
    assert capped.returncode == 1 and problems(capped.stdout) == found[:100], capped.stdout[-500:]
    assert capped.stdout.splitlines()[100:] == [
        f"{tmp_path / 'many.xml'}: … and 19,900 more problems in this file "
        "(edition validate --max-problems 0 lists them all)",
        "5 files checked: 20000 errors, 0 warnings",
    ]


# --- tracebacks ----------------------------------------------------------------------------------


def test_no_traceback_reaches_the_user_and_debug_shows_it(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(validation, "validate", broken)
    result = run("validate", GOOD)
    assert result.exit_code == 2
    assert result.output.strip() == "edition: internal error: RuntimeError: boom (run with --debug for details)"
    debug = run("--debug", "validate", GOOD)
    assert debug.exit_code == 2
    assert "Traceback (most recent call last)" in debug.output and "RuntimeError: boom" in debug.output


@pytest.mark.parametrize(
    "error, message",
    [
        (
            RecursionError("deep"),
            "edition: error: the document is nested too deeply to be processed (run with --debug for details)",
        ),
        (OSError(errno.EACCES, "Permission denied", "tei/x.xml"), "edition: error: Permission denied: tei/x.xml"),
        (MemoryError(), "edition: error: out of memory (the input is too large for this machine)"),
    ],
    ids=["recursion", "permission", "memory"],
)
def test_expected_failures_are_one_line(monkeypatch, error, message):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(validation, "validate", failing)
    result = run("validate", GOOD)
    assert result.exit_code == 2 and result.output.strip() == message


def test_real_processes_show_no_traceback_for_any_bad_input(tmp_path, listener):
    folder = tmp_path / "bad"
    folder.mkdir()
    for _, name, data, *_ in REFUSED:
        plant_refused(folder, name, data, listener[0])
    for args in (
        ["validate", folder],
        ["build", folder, "-o", tmp_path / "out"],
        ["html", folder, "-o", tmp_path / "h"],
        ["text", folder, "-o", tmp_path / "t"],
        ["index", folder, "-o", tmp_path / "i"],
        ["annotate", "--dry-run", folder],
        ["lint", folder],
        ["stats", folder],
    ):
        result = subprocess.run([EDITION, *map(str, args)], capture_output=True, text=True, timeout=120)
        assert result.returncode in ((0, 1, 2) if args[0] in ("lint", "stats") else (1, 2)), (args, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr, args
        assert "internal error" not in result.stderr, (args, result.stderr)
        assert problems(result.stdout + result.stderr), (args, result.stdout, result.stderr)
    debug = subprocess.run(
        [EDITION, "--debug", "html", folder / "broken.xml", "-o", tmp_path / "h"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr


# --- a 50 MB document ---------------------------------------------------------------------------

PARAGRAPH = (
    '<p>In <date when="1920-04">April 1920</date> <persName ref="persons.xml#t-stalin">Stalin</persName> '
    'wrote from <placeName ref="places.xml#t-baku">Baku</placeName> about Naxçıvan, Нахичевань and '
    'Նախիջևան; the <orgName ref="orgs.xml#t-army">11th Red Army</orgName> moved.'
    '<note place="foot">A note.</note></p>\n'
)


def write_big(path: Path, size: int) -> int:
    """A valid TEI document of about ``size`` bytes (divisions of 40 paragraphs with mentions and notes)."""
    article = (GOOD / "article.xml").read_text(encoding="utf-8")
    head, tail = article.split('<div xml:id="t-d1">')[0], "</body>\n  </text>\n</TEI>\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        written, number = len(head), 0
        while written < size:
            block = f'<div xml:id="big-d{number}"><head>Part {number}</head>\n{PARAGRAPH * 40}</div>\n'
            out.write(block)
            written += len(block.encode("utf-8"))
            number += 1
        out.write(tail)
    return number


@pytest.mark.slow
def test_a_50_mb_document_is_validated_and_rendered_in_bounded_time_and_memory(tmp_path):
    """About 2.5 minutes on the development machine (validate ≈ 60 s, 1.2 GB; html ≈ 75 s,
    1.7 GB; text ≈ 25 s, 1.5 GB): each runs in its own process, measured. Rendering lets the
    lxml tree go before Saxon builds its own (it took 2.4 and 2.0 GB when both were held)."""
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    (tei / "article.xml").unlink()
    divisions = write_big(tei / "big.xml", 50_000_000)
    assert (tei / "big.xml").stat().st_size >= 50_000_000
    limits = {"validate": 240, "html": 300, "text": 180}
    for command, args in (
        ("validate", [tei]),
        ("html", [tei / "big.xml", "-o", tmp_path / "html"]),
        ("text", [tei / "big.xml", "-o", tmp_path / "text"]),
    ):
        started = time.monotonic()
        code = f"""
import resource, sys
from edition.cli import main
try:
    main({[command, *map(str, args)]!r})
except SystemExit as exit:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
    raise
"""
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=limits[command] * 2
        )
        seconds = time.monotonic() - started
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
        peak_kib = int(result.stderr.strip().splitlines()[-1])
        assert seconds < limits[command], (command, seconds)
        assert peak_kib < 2_200_000, (command, peak_kib)
    assert (tmp_path / "html" / "big.html").stat().st_size > 50_000_000
    text = (tmp_path / "text" / "big.txt").read_text(encoding="utf-8")
    assert text.count("Նախիջևան") == divisions * 40
    assert f"Part {divisions - 1}" in text


# --- output paths: where the files of a build go -------------------------------------------------


def links_resolve(site: Path) -> list[str]:
    """Every relative link of every page of ``site`` leads to a file of it (asserted); the links into
    the entity folders (persons/ …), as written."""
    into_entities = []
    for page in site.rglob("*.html"):
        if "pagefind" in page.relative_to(site).parts:
            continue
        for href in re.findall(r'href="([^"#]*)', page.read_text(encoding="utf-8")):
            if href and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href):
                target = (page.parent / unquote(href)).resolve()
                assert target.is_relative_to(site.resolve()) and target.is_file(), (page, href)
                into_entities += [href] if re.match(r"(\.\./)?(persons|places|organisations)/", href) else []
    return into_entities


def test_ids_that_point_outside_the_output_make_pages_inside_it(edition, tmp_path):
    """D1: a register xml:id such as ../../tmp/x/PWNED (refused by validation) makes a page of a
    plain name in persons/, with every link to it; nothing is written outside the output folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    traversal = "../" * 40 + str(outside / "PWNED").lstrip("/")
    for name in ("persons.xml", "article.xml"):
        plant(edition / name, "t-stalin", traversal)
    assert run("validate", edition).exit_code == 1
    result = run("build", edition, "-o", tmp_path / "out", "--no-validate", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert list(outside.iterdir()) == [] and left(tmp_path) == ["out", "outside", "tei"]
    page = [p.name for p in (tmp_path / "out" / "site" / "persons").iterdir()]
    assert len(page) == 1 and page[0].startswith("_...2F...2F") and "/" not in unquote(page[0])
    links = links_resolve(tmp_path / "out" / "site")
    assert f"persons/{page[0]}" in links and f"../persons/{page[0]}" not in links


def test_output_paths_are_checked_against_the_output_folder(tmp_path):
    from edition.outputs import output_path
    from edition.problems import InputError

    assert output_path(tmp_path, "site/persons/t-stalin.html") == tmp_path / "site" / "persons" / "t-stalin.html"
    for bad in ("../x.html", "site/../../x.html", "/etc/passwd", "site//x", "site/./x", "a\0b", "x" * 242):
        with pytest.raises(InputError) as caught:
            output_path(tmp_path, bad)
        assert caught.value.problem.rule == "output-path"


def test_long_ids_and_names_make_bounded_unique_page_names(edition, tmp_path):
    """D3: a register id of 240 characters and a name without an entry of 42 Cyrillic letters
    (each 6 bytes once escaped) and another that differs from it only in its last letter get pages
    of at most 150 bytes, each its own; every link leads to its page."""
    long_id = "t-" + "stalin" * 40
    for name in ("persons.xml", "article.xml"):
        plant(edition / name, "t-stalin", long_id)
    plant(
        edition / "article.xml",
        "</note></p>",
        f"</note><persName>{'Г' * 42}</persName> <persName>{'Г' * 41}Д</persName></p>",
    )
    out = tmp_path / "out"
    for _ in range(2):  # the rebuild takes the pages over from the first build
        result = run("build", edition, "-o", out, "--no-pdf")
        assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (out / "site" / "persons").iterdir())
    assert len(pages) == 3 and all(len(p.encode()) <= 150 + len(".html") for p in pages), pages
    assert pages[0].startswith("t-stalinstalin") and pages[1].startswith("unregistered-person-.D0.93.D0.93")
    links = links_resolve(out / "site")
    assert {link.split("/")[-1] for link in links if "persons/" in link} == set(pages)
    assert f"persons/{pages[0]}" in links  # from the document page


@pytest.mark.parametrize("output", [".", "..", "../tei", "TMP"])
def test_an_output_folder_that_holds_the_inputs_or_the_current_folder_is_refused(tmp_path, monkeypatch, output):
    """D19: the build replaces its output folder as a whole: one that is or holds the TEI folder
    or the current folder (here an empty one) is refused before anything is rendered, and nothing
    is left behind."""
    shutil.copytree(GOOD, tmp_path / "tei")
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    output = str(tmp_path) if output == "TMP" else output
    before = snapshot(tmp_path)
    result = run("build", "../tei", "-o", output, "--no-pdf", "--no-validate")
    assert result.exit_code == 2
    assert re.fullmatch(
        rf"{re.escape(output)}:0:0: error: cannot build into {re.escape(output)}: it is or holds "
        r"(the TEI folder \.\./tei|the current folder), .*; choose another output folder \(e.g. build\) "
        r"\[build-output\]",
        result.output.strip(),
    ), result.output
    assert snapshot(tmp_path) == before and left(tmp_path) == ["here", "tei"] and left(tmp_path / "here") == []


def test_outputs_are_never_read_as_inputs(tmp_path):
    """D4: a build's output inside the TEI folder, and indices written below it, are not read as
    TEI (each build, validation and index sees the edition's four files); indices written into
    the TEI folder itself are refused."""
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    for _ in range(2):
        result = run("build", tei, "-o", tei / "out", "--no-pdf")
        assert result.exit_code == 0 and (tei / "out" / "indices" / "indices.xml").is_file(), result.output
    assert "4 files checked" in run("validate", tei).output
    # what serve watches (serve -o tei/out): no rebuild for the build's own output
    assert sorted(path.name for path in serve.snapshot(tei)) == sorted(path.name for path in GOOD.iterdir())
    before = snapshot(tei)
    result = run("index", tei, "-o", tei)
    assert result.exit_code == 2 and result.output.strip().endswith("choose another output folder [index-output]")
    assert snapshot(tei) == before
    assert run("index", tei, "-o", tei / "indices").exit_code == 0
    assert (tei / "indices" / "indices.xml").is_file()
    result = run("validate", tei)
    assert result.exit_code == 0 and "4 files checked" in result.output, result.output
    named = run("validate", tei / "indices" / "indices.xml", *sorted(tei.glob("*.xml"))).output
    assert "5 files checked" in named  # named on the command line, an output is read


# --- faults: interrupted and failing builds -------------------------------------------------------


@pytest.fixture
def built(tmp_path: Path):
    """A valid edition and a previous build of it; the edition then changes."""
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    out = tmp_path / "out"
    build(tei, out, pdf=False)
    plant(tei / "article.xml", "Introduction", "Changed")
    return tei, out, snapshot(out)


def left(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_to_a_real_build_leaves_the_previous_output_and_no_stray_files(tmp_path, built, sig):
    tei, out, before = built
    # as from a terminal: a suite started in the background (SIGINT ignored) must not pass that on
    process = subprocess.Popen(
        [EDITION, "build", str(tei), "-o", str(out), "--no-validate"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # the build has started writing
        assert process.poll() is None and time.monotonic() < deadline, "the build ended before it could be stopped"
        time.sleep(0.01)
    time.sleep(0.2)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + sig, (process.returncode, stdout, stderr)
    assert "Traceback" not in stderr and stderr.strip().endswith("files being written were left as they were")
    assert snapshot(out) == before
    assert left(tmp_path) == ["out", "tei"]


@pytest.mark.parametrize(
    "code, shown",
    [(errno.ENOSPC, "No space left on device (the disk is full)"), (errno.EIO, "Input/output error")],
    ids=["disk-full", "write-error"],
)
def test_a_write_failure_during_a_build_leaves_the_previous_output(tmp_path, built, monkeypatch, code, shown):
    tei, out, before = built
    calls = []
    real_fsync = os.fsync

    def failing(fd):
        calls.append(fd)
        if len(calls) > 3:
            raise OSError(code, os.strerror(code))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing)
    result = run("build", tei, "-o", out, "--no-validate", "--no-pdf")
    assert result.exit_code == 2 and len(calls) == 4
    assert result.output.strip() == f"edition: error: {shown}"
    assert snapshot(out) == before
    assert left(tmp_path) == ["out", "tei"]


def test_a_full_disk_in_the_search_indexer_leaves_the_previous_output(tmp_path, built, monkeypatch):
    import edition.search

    tei, out, before = built

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(edition.search.subprocess, "Popen", full)
    result = run("build", tei, "-o", out, "--no-validate", "--no-pdf")
    assert result.exit_code == 2
    assert result.output.startswith("edition: error: Pagefind could not index ") and result.output.strip().endswith(
        "No space left on device"
    )
    assert snapshot(out) == before
    assert left(tmp_path) == ["out", "tei"]


def test_the_output_swap_leaves_an_output_folder_at_every_instant(tmp_path, built, monkeypatch):
    """D17: the new output and the old are exchanged in one step (the output folder is never
    renamed away), and the folder that holds them is synced; where the system cannot exchange,
    two renames."""
    import edition.build

    tei, out, before = built
    renamed, synced = [], set()
    real_rename, real_fsync = os.rename, os.fsync

    def rename(src, dst, *args, **kwargs):
        renamed.append(Path(src))
        return real_rename(src, dst, *args, **kwargs)

    def fsync(fd):
        synced.add(os.fstat(fd).st_ino)
        return real_fsync(fd)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "fsync", fsync)
    assert run("build", tei, "-o", out, "--no-pdf").exit_code == 0
    assert out not in renamed and tmp_path.stat().st_ino in synced
    assert "Changed" in (out / "text" / "article.txt").read_text(encoding="utf-8")
    assert left(tmp_path) == ["out", "tei"]
    plant(tei / "article.xml", "Changed", "Changed again")
    monkeypatch.setattr(edition.build, "exchange", lambda first, second: False)
    assert run("build", tei, "-o", out, "--no-pdf").exit_code == 0
    assert "Changed again" in (out / "text" / "article.txt").read_text(encoding="utf-8")
    assert left(tmp_path) == ["out", "tei"]


def test_a_link_to_the_output_folder_stays_a_link(tmp_path, built):
    tei, out, before = built
    (tmp_path / "bl").symlink_to("out")
    result = run("build", tei, "-o", tmp_path / "bl", "--no-pdf")
    assert result.exit_code == 0 and f"into {tmp_path / 'bl'}/" in result.output
    assert (tmp_path / "bl").is_symlink() and os.readlink(tmp_path / "bl") == "out"
    assert "Changed" in (out / "text" / "article.txt").read_text(encoding="utf-8")
    assert left(tmp_path) == ["bl", "out", "tei"]


def test_a_full_disk_while_staging_the_indices_leaves_the_previous_output(tmp_path, built, monkeypatch):
    """D14: SQLite's "database or disk is full" is a full disk, said in one line (exit 2)."""
    import sqlite3

    import edition.indices

    tei, out, before = built

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(edition.indices.Staging, "stage", full)
    result = run("build", tei, "-o", out, "--no-validate", "--no-pdf")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "edition: error: No space left on device (the disk is full: the index store could not be written); "
        "free some space and run the command again"
    )
    assert snapshot(out) == before
    assert left(tmp_path) == ["out", "tei"]


# --- faults: locks ---------------------------------------------------------------------------------


def test_output_lock_refuses_a_second_holder_and_is_released(tmp_path):
    out = tmp_path / "build"
    with output_lock(out) as path:
        assert path == tmp_path / ".build.lock" and path.read_text().strip() == str(os.getpid())
        with pytest.raises(Locked) as caught:
            with output_lock(out):
                pass
        problem = caught.value.problem
        assert problem.rule == "output-locked" and problem.path == str(out)
        assert problem.format() == (
            f"{out}:0:0: error: another edition process (process {os.getpid()}) is building "
            f"into {out}; try again when it has finished (lock file {path}) [output-locked]"
        )
    assert not path.exists()
    with output_lock(out):
        pass
    with pytest.raises(KeyboardInterrupt):
        with output_lock(out):
            raise KeyboardInterrupt
    assert left(tmp_path) == []


HOLD = """
import sys, time
from edition.lock import output_lock
with output_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_the_lock_holds_through_symbolic_links(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "bl").symlink_to("build")
    with output_lock(tmp_path / "build") as path:
        assert lock_path(tmp_path / "bl") == path
        with pytest.raises(Locked):
            with output_lock(tmp_path / "bl"):
                pass


def test_writes_through_a_symbolic_link_reach_its_target(tmp_path):
    from edition.xmlio import atomic_write

    (tmp_path / "real.xml").write_text("before", encoding="utf-8")
    link = tmp_path / "link.xml"
    link.symlink_to("real.xml")
    atomic_write(link, "after")
    assert link.is_symlink() and (tmp_path / "real.xml").read_text(encoding="utf-8") == "after"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.xml", "real.xml"]


def test_a_lock_dies_with_its_process_even_when_killed(tmp_path):
    out = tmp_path / "build"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(Locked, match=rf"\(process {holder.pid}\) is building into"):
            with output_lock(out):
                pass
    finally:
        holder.kill()  # SIGKILL: no cleanup runs in the holder
        holder.wait()
    assert lock_path(out).exists()  # left behind by the killed process, but no longer held
    with output_lock(out):
        pass
    assert not lock_path(out).exists()


def test_two_builds_at_once_are_refused(tmp_path):
    if "output_lock" not in (ROOT / "src" / "edition" / "build.py").read_text(encoding="utf-8"):
        pytest.skip("build.py does not take the output lock yet (with output_lock(output): around the build)")
    tei = tmp_path / "tei"
    shutil.copytree(GOOD, tei)
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = run("build", tei, "-o", out, "--no-pdf")
        assert result.exit_code == 2
        assert result.output.strip() == (
            f"{out}:0:0: error: another edition process (process {holder.pid}) is building "
            f"into {out}; try again when it has finished (lock file {lock_path(out)}) "
            "[output-locked]"
        )
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    assert run("build", tei, "-o", out, "--no-pdf").exit_code == 0
    assert left(tmp_path) == ["out", "tei"]


# --- TEI writes: import and annotate ---------------------------------------------------------------

SOURCE = "A Title\n\nAbstract\n\nThe text of the article about Naxçıvan.\n\nIntroduction\n\nIt begins here.\n"


def test_import_never_overwrites_without_force_and_writes_atomically(tmp_path, monkeypatch):
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "tei" / "x.xml"
    target.parent.mkdir()
    target.write_text("curated work")
    result = run("import", source, "--format", "plain-article", "-o", target)
    assert result.exit_code == 2 and "[import-exists]" in result.output and target.read_text() == "curated work"

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("import", source, "--format", "plain-article", "-o", target, "--force")
    assert result.exit_code == 2
    assert (
        result.output.strip() == f"{target}:0:0: error: cannot write the output: No space left on device "
        "[file-unwritable]"
    )
    assert target.read_text() == "curated work" and left(target.parent) == ["x.xml"]
    monkeypatch.undo()
    result = run("import", source, "--format", "plain-article", "-o", target, "--force", "--date", "2024-01-01")
    assert result.exit_code == 0, result.output
    assert "Naxçıvan" in target.read_text(encoding="utf-8") and left(target.parent) == ["x.xml"]


def test_import_refuses_an_output_that_changed_while_converting(tmp_path, monkeypatch):
    from edition.importers import conversion as importer

    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "x.xml"
    target.write_text("old version")
    real = importer.convert

    def meanwhile(*args, **kwargs):
        tree = real(*args, **kwargs)
        target.write_text("an editor saved this meanwhile")
        return tree

    monkeypatch.setattr(importer, "convert", meanwhile)
    result = run("import", source, "--format", "plain-article", "-o", target, "--force")
    assert result.exit_code == 2 and "[import-changed]" in result.output
    assert target.read_text() == "an editor saved this meanwhile"
    assert left(tmp_path) == ["source.txt", "x.xml"]


def test_import_and_annotate_refuse_a_file_another_process_is_writing(tmp_path):
    folder = tmp_path / "tei"
    shutil.copytree(ANNOTATE, folder)
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    before = (folder / "en.xml").read_bytes()
    with tei_lock(folder / "en.xml"):
        result = run("annotate", folder / "en.xml")
        assert result.exit_code == 2 and "[file-locked]" in result.output and "is writing" in result.output
        result = run("import", source, "--format", "plain-article", "-o", folder / "en.xml", "--force")
        assert result.exit_code == 2 and "[file-locked]" in result.output
    assert (folder / "en.xml").read_bytes() == before
    assert run("annotate", folder / "en.xml").exit_code == 0
    assert not any(p.name.endswith((".lock", ".tmp")) for p in folder.iterdir())


def test_annotate_keeps_every_byte_but_the_inserted_tags(tmp_path):
    folder = tmp_path / "tei"
    shutil.copytree(ANNOTATE, folder)
    path = folder / "en.xml"
    original = path.read_bytes().replace(b"\n", b"\r\n").replace(b"<body>", b"<body><!-- Baku 1920 --><?pi Baku?>")
    path.write_bytes(original)
    mode = 0o640
    path.chmod(mode)
    result = run("annotate", path)
    assert result.exit_code == 0, result.output
    changed = path.read_bytes()
    tags = re.compile(rb"</?(?:persName|placeName|orgName|date)\b[^>]*>")
    assert len(tags.findall(changed)) > len(tags.findall(original))
    assert tags.sub(b"", changed) == tags.sub(b"", original)  # every other byte as it was: CRLF, comment, PI
    assert path.stat().st_mode & 0o777 == mode
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in ANNOTATE.iterdir())


def test_a_tei_file_with_other_names_is_refused_not_split(tmp_path):
    """D13: annotate and import --force replace the file they write; a file with hard links
    (other names) is refused, so that the names never part silently."""
    folder = tmp_path / "tei"
    shutil.copytree(ANNOTATE, folder)
    path = folder / "en.xml"
    os.link(path, tmp_path / "other.xml")
    before = path.read_bytes()
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    for result in (
        run("annotate", path),
        run("import", source, "--format", "plain-article", "-o", path, "--force"),
    ):
        assert result.exit_code == 2
        assert result.output.strip().splitlines()[-1] == (
            f"{path}:0:0: error: the file has 2 names (hard links): writing it would leave the other name with "
            "the old content, so it was not written; make it a file of its own first (cp FILE FILE.new && mv "
            "FILE.new FILE) [file-hard-linked]"
        )
    assert path.read_bytes() == before and (tmp_path / "other.xml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in ANNOTATE.iterdir())
    (tmp_path / "other.xml").unlink()
    assert run("annotate", path).exit_code == 0 and path.read_bytes() != before


def test_a_long_name_the_parser_accepts_is_shortened_in_the_schema_message(edition):
    name = "n" * 999  # the longest name the safe reader accepts
    bad = edition / "name.xml"
    bad.write_text(minimal(f"x <{name}>y</{name}>"), encoding="utf-8")
    mine = [p for p in problems(run("validate", edition).output) if p["path"] == str(bad)]
    assert [p["rule"] for p in mine] == ["rng"]
    assert f"<{'n' * 40}…>" in mine[0]["message"] and len(mine[0]["message"]) < 200, mine[0]["message"]
