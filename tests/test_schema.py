"""The edition's TEI customisation: schema/edition.odd, the generated schema/edition.rng and the ODD processor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition.odd import ANN, RNG, OddError, build_rng, odd_elements, rng_elements
from edition.xmlio import parse_file

ROOT = Path(__file__).resolve().parent.parent
ODD = ROOT / "schema" / "edition.odd"
EDITION_RNG = ROOT / "schema" / "edition.rng"
TEI_ALL = ROOT / "schema" / "tei_all.rng"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))
RESTRICTED = [p for p in INVALID if p.name.startswith("restricted-")]
NS = {"rng": RNG, "a": ANN}

# The contract with the people encoding the texts: these elements must stay in the schema.
CONTRACT = set(
    """
TEI teiHeader fileDesc titleStmt title author editor respStmt resp name persName orgName funder
sponsor principal editionStmt edition extent measure publicationStmt publisher distributor authority
pubPlace address addrLine date availability licence p idno ptr ref seriesStmt biblScope notesStmt
note sourceDesc bibl biblStruct analytic monogr imprint listBibl encodingDesc projectDesc
samplingDecl editorialDecl correction normalization quotation hyphenation segmentation
interpretation punctuation classDecl taxonomy category catDesc listPrefixDef prefixDef profileDesc
creation langUsage language textClass keywords term abstract revisionDesc change listChange
text front body back div head lb pb milestone list item label quote q cit hi emph foreign figure
figDesc graphic table row cell lg l choice sic corr orig reg abbr expan gap unclear add del supplied
seg mentioned soCalled gloss num docTitle titlePart docAuthor docDate docImprint titlePage byline
dateline opener closer salute signed epigraph argument trailer email
placeName forename surname roleName addName genName nameLink settlement region country geogName
district bloc rs time citedRange series
listPerson person birth death floruit occupation affiliation sex listPlace place location geo
listOrg org desc listRelation relation
""".split()
)


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """TEI P5 itself (lxml needs several seconds to compile it: once per session)."""
    return etree.RelaxNG(parse_file(TEI_ALL))


@pytest.fixture(scope="session")
def edition() -> etree.RelaxNG:
    return etree.RelaxNG(parse_file(EDITION_RNG))


@pytest.fixture(scope="session")
def rng() -> etree._Element:
    return parse_file(EDITION_RNG).getroot()


def _define(rng: etree._Element, name: str) -> etree._Element:
    return rng.find(f"rng:define[@name='{name}']", NS)


def _attribute(rng: etree._Element, element: str, attribute: str) -> etree._Element:
    return _define(rng, element).find(f".//rng:attribute[@name='{attribute}']", NS)


# The ODD and the generated schema stay in step.


def test_committed_rng_is_regenerated_from_the_odd_byte_for_byte():
    assert build_rng(ODD, TEI_ALL) == EDITION_RNG.read_bytes(), (
        "schema/edition.rng is out of date: regenerate it from schema/edition.odd"
    )


def test_odd_and_rng_name_the_same_elements():
    assert odd_elements(ODD) == rng_elements(EDITION_RNG)


def test_the_contract_elements_are_all_there():
    assert CONTRACT <= rng_elements(EDITION_RNG)


def test_the_odd_is_itself_valid_tei(tei_all):
    assert tei_all.validate(parse_file(ODD)), tei_all.error_log


def test_start_is_tei_only(rng):
    assert [r.get("name") for r in rng.find("rng:start", NS).iter(f"{{{RNG}}}ref")] == ["TEI"]


# No escape hatches, and documentation for editors.


def test_no_wildcards_anywhere(rng):
    assert not list(rng.iter(f"{{{RNG}}}anyName", f"{{{RNG}}}nsName"))
    names = [node.get("name") for node in rng.iter(f"{{{RNG}}}define", f"{{{RNG}}}ref")]
    assert not [n for n in names if n.startswith("anyElement")]
    assert b"anyName" not in EDITION_RNG.read_bytes() and b"anyElement" not in EDITION_RNG.read_bytes()


def test_every_element_carries_documentation(rng):
    undocumented = [
        e.get("name")
        for e in rng.iter(f"{{{RNG}}}element")
        if not "".join(e.find("a:documentation", NS).itertext()).strip()
    ]
    assert not undocumented


def test_the_editions_note_comes_before_teis_documentation(rng):
    doc = "".join(_define(rng, "persName").find("rng:element/a:documentation", NS).itertext())
    assert doc.startswith("Edition: A named individual")
    assert "honorifics" in doc and "\n\nTEI: (personal name)" in doc


def test_attribute_notes_and_closed_values_are_documented(rng):
    place = _attribute(rng, "note", "place")
    doc = place.find("a:documentation", NS).text
    assert doc.startswith("Edition: Only foot and end") and "Suggested values" not in doc
    assert [v.text for v in place.iter(f"{{{RNG}}}value")] == ["foot", "end"]


def test_no_embedded_schematron(rng):
    assert not list(rng.iter("{http://purl.oclc.org/dsdl/schematron}*"))


# Fixtures: what the edition accepts is TEI; what it refuses is refused for the planted reason.


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_is_valid_for_the_edition_and_for_tei(path, edition, tei_all):
    document = parse_file(path)
    assert edition.validate(document), edition.error_log
    assert tei_all.validate(document), tei_all.error_log


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_is_refused_where_the_error_was_planted(path, edition):
    text = path.read_text(encoding="utf-8")
    expect = re.search(r"<!-- Wrong: .*? expect: (\S+) -->", text).group(1)
    assert not edition.validate(parse_file(path))
    lines = text.splitlines()
    planted = [e for e in edition.error_log if expect in e.message or expect in lines[e.line - 1]]
    assert planted, edition.error_log


@pytest.mark.parametrize("path", RESTRICTED, ids=lambda p: p.name)
def test_restricted_fixture_is_still_valid_tei(path, tei_all):
    assert tei_all.validate(parse_file(path)), tei_all.error_log


# The processor refuses what is not a restriction of TEI.


def _odd(tmp_path: Path, include: str, specs: str = "") -> Path:
    path = tmp_path / "test.odd"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
        f'<schemaSpec ident="t" start="TEI"><moduleRef key="core" include="{include}"/>{specs}</schemaSpec>'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    return path


MINIMAL = (
    "TEI teiHeader fileDesc titleStmt title publicationStmt sourceDesc p text body language langUsage profileDesc note"
)


def test_a_minimal_odd_builds(tmp_path):
    schema = etree.RelaxNG(etree.fromstring(build_rng(_odd(tmp_path, MINIMAL), TEI_ALL)))
    assert schema.validate(
        etree.ElementTree(
            etree.fromstring(
                '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
                "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
                "<text><body><p>x</p></body></text></TEI>"
            )
        )
    ), schema.error_log


@pytest.mark.parametrize(
    "include, specs, message",
    [
        (MINIMAL + " frobnicate", "", "not TEI elements: frobnicate"),
        (MINIMAL.replace("sourceDesc ", ""), "", "content models need excluded elements: TEI fileDesc teiHeader"),
        (MINIMAL.replace(" note", ""), '<elementSpec ident="note" mode="change"/>', "elementSpec note"),
        (
            MINIMAL,
            '<elementSpec ident="title" mode="change"><attList><attDef ident="level" mode="change">'
            '<valList type="closed"><valItem ident="m"/><valItem ident="x"/></valList></attDef></attList></elementSpec>',
            "title/@level: TEI does not allow the value(s) x",
        ),
        (
            MINIMAL,
            '<elementSpec ident="language" mode="change"><attList><attDef ident="ident" mode="delete"/>'
            "</attList></elementSpec>",
            "language/@ident: a required attribute cannot be deleted",
        ),
        (
            MINIMAL,
            '<elementSpec ident="language" mode="change"><attList><attDef ident="ident" mode="change" usage="opt"/>'
            "</attList></elementSpec>",
            "language/@ident: a required attribute cannot be made optional",
        ),
        (MINIMAL, '<moduleRef key="namesdates"/>', "moduleRef namesdates: only explicit include lists"),
        (
            MINIMAL,
            '<elementSpec ident="note" mode="change"><attList><attDef ident="nonesuch" mode="delete"/>'
            "</attList></elementSpec>",
            "note/@nonesuch: TEI defines no such attribute",
        ),
    ],
)
def test_what_is_not_a_restriction_is_refused(tmp_path, include, specs, message):
    with pytest.raises(OddError, match=re.escape(message)):
        build_rng(_odd(tmp_path, include, specs), TEI_ALL)


def test_a_change_to_a_class_attribute_affects_that_element_only(rng):
    assert _attribute(rng, "date", "cert") is not None
    assert _attribute(rng, "p", "cert") is None  # p keeps TEI's class reference
    cert = _define(rng, "att.global.responsibility.attribute.cert")
    assert "unknown" in [v.text for v in cert.iter(f"{{{RNG}}}value")]
