"""Safe parsing: hostile and broken input is refused quickly, with a position; writes are atomic."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition.problems import InputError
from edition.saxon import Stylesheet
from edition.xmlio import atomic_write, parse_bytes, parse_file

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def refused(data: bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_bytes(data, "in.xml")
    return caught.value


def test_billion_laughs_is_refused_fast_and_in_bounded_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    error = refused(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    assert error.problem.rule == "xml-entity-declaration"
    assert (error.problem.line, error.problem.column) == (3, 2)
    assert "lol" in error.problem.message


def test_quadratic_blowup_is_refused():
    big = "x" * 100_000
    data = f'<!DOCTYPE r [<!ENTITY a "{big}">]><r>{"&a;" * 1000}</r>'.encode()
    assert refused(data).problem.rule == "xml-entity-declaration"


@pytest.mark.parametrize("system", ["file:///etc/passwd", "http://127.0.0.1:9/evil.dtd"])
def test_external_entities_are_refused_and_never_read(system):
    data = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{system}">]><r>&x;</r>'.encode()
    error = refused(data)
    assert error.problem.rule == "xml-entity-declaration"
    assert "root:" not in error.problem.message


def test_external_dtd_is_not_loaded_and_unknown_entities_are_refused():
    ok = parse_bytes(b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei_all.dtd"><TEI>text</TEI>', "in.xml")
    assert ok.getroot().text == "text"
    local = parse_bytes(b'<!DOCTYPE TEI SYSTEM "/etc/passwd">\n<TEI>text</TEI>', "in.xml")
    assert local.getroot().sourceline == 2 and local.docinfo.system_url is None
    error = refused(b'<!DOCTYPE TEI SYSTEM "tei.dtd">\n<TEI>caf&eacute;</TEI>')
    assert error.problem.rule == "xml-entity-reference" and "&eacute;" in error.problem.message
    assert error.problem.line == 2


def test_malformed_xml_reports_the_position():
    error = refused(b"<TEI>\n  <p>open\n</TEI>\n")
    assert error.problem.rule == "xml-syntax"
    assert error.problem.line == 3 and error.problem.column > 1
    assert error.problem.format().startswith("in.xml:3:")


@pytest.mark.parametrize(
    "data, rule",
    [
        (b"", "xml-empty"),
        (b"  \n\t", "xml-empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "xml-binary"),
        (b"<?xml version='1.0' encoding='UTF-8'?>\n<r>caf\xe9</r>", "xml-syntax"),
        (b"<?xml version='1.0' encoding='no-such-encoding'?><r/>", "xml-syntax"),
    ],
    ids=["empty", "blank", "binary", "latin1-declared-utf8", "unknown-encoding"],
)
def test_unusable_input_gets_one_clear_problem(data, rule):
    problem = refused(data).problem
    assert problem.rule == rule and problem.line >= 1 and problem.message


def test_utf16_and_bom_are_read_a_bom_wins_over_a_wrong_declaration():
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r>\n<r>Naxçıvan Нахичевань Նախիջևան</r>'
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        assert parse_bytes(data, "in.xml").getroot().text == "Naxçıvan Нахичевань Նախիջևան"
    bom = b"\xef\xbb\xbf<?xml version='1.0' encoding='ISO-8859-1'?>\n<r>\xc3\xa9</r>"
    assert parse_bytes(bom, "in.xml").getroot().text == "é"


def test_utf32_is_read_and_a_truncated_wide_file_is_positioned():
    text = '<?xml version="1.0" encoding="UTF-32"?>\n<r>Naxçıvan Нахичевань Նախիջևան 𐍈</r>'
    for data in (text.encode("utf-32"), text.encode("utf-32-le"), text.encode("utf-32-be")):
        assert parse_bytes(data, "in.xml").getroot().text == "Naxçıvan Нахичевань Նախիջևան 𐍈"
    for codec in ("utf-16", "utf-32"):
        problem = refused(text.replace("32", codec[-2:]).encode(codec)[:-1]).problem
        assert (problem.rule, problem.line, problem.column) == ("xml-syntax", 2, 37), problem
        assert problem.message.endswith(f"the bytes here are not {codec.upper()}")


def test_deep_nesting_is_refused_with_a_message():
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    problem = refused(data).problem
    assert problem.rule == "xml-limits" and "depth" in problem.message.lower()


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(InputError) as caught:
        parse_file(tmp_path / "nope.xml")
    assert caught.value.problem.rule == "file-unreadable"


def test_atomic_write_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "a.xml"
    atomic_write(target, "<a>é</a>")
    atomic_write(target, b"<b/>")
    assert target.read_bytes() == b"<b/>"
    assert [p.name for p in target.parent.iterdir()] == ["a.xml"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o640)
    atomic_write(target, b"<c/>")
    assert target.stat().st_mode & 0o777 == 0o640


def test_stylesheets_cannot_read_files_or_the_network(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret")
    xsl = tmp_path / "probe.xsl"
    xsl.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><r a="{unparsed-text-available($u)}" b="{doc-available($u)}"'
        " c=\"{doc-available('http://127.0.0.1:9/x.xml')}\"/></xsl:template>"
        '<xsl:param name="u" select="\'' + secret.as_uri() + "'\"/></xsl:stylesheet>"
    )
    sheet = Stylesheet(Path(xsl))
    node = sheet.document(parse_bytes(b"<x/>", "x.xml"), (tmp_path / "x.xml").as_uri())
    out = sheet.executable.transform_to_string(xdm_node=node)
    assert 'a="false"' in out and 'b="false"' in out and 'c="false"' in out


_PARAMETERS_AGAIN = """
import os, sys
from pathlib import Path
from edition.saxon import Stylesheet
from edition.xmlio import parse_bytes

def rss_mb():
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

folder = Path(sys.argv[1])
sheet = Stylesheet(folder / "count.xsl")
node = sheet.document(parse_bytes(b"<x/>", "x.xml"), (folder / "x.xml").as_uri())
uris = [(folder / f"document-{i}.xml").as_uri() for i in range(1000)]

def render_parameters(times):
    for _ in range(times):
        sheet.string_map(dict.fromkeys(uris, node))
        sheet.string_array(uris)

render_parameters(200)  # Saxon's heap takes what it needs first
before = rss_mb()
render_parameters(600)
print(rss_mb() - before)
"""


def test_a_stylesheets_parameters_made_again_and_again_do_not_grow_memory(tmp_path):
    # A worker hands Saxon the same URIs for every document it renders; SaxonC keeps ~130 bytes
    # for every string value made, so without reuse 600 maps and arrays of 1,000 would keep
    # ~150 MB. In a process of its own: the suite's other stylesheets move the heap too.
    (tmp_path / "count.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><r/></xsl:template></xsl:stylesheet>'
    )
    grown = subprocess.run(
        [sys.executable, "-c", _PARAMETERS_AGAIN, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert float(grown) < 40
