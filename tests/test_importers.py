"""The importers (plain article, encyclopedia), their shared layer and ``edition import``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.importers import common, conversion, encyclopedia, plain_article
from edition.importers.common import SourceMeta, load_meta, serialize
from edition.profiles import relaxng
from edition.xmlio import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "importers"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _article(name: str = "article", meta: str | None = "article"):
    text = (FIX / f"{name}.txt").read_text(encoding="utf-8")
    m = load_meta(FIX / f"{meta}.toml") if meta else SourceMeta(key="sum", title="Summary test")
    tree = plain_article.to_tei(text, m, today="2025-01-01")
    # round trip through the serialiser and the safe parser, as the files are written
    return parse_bytes(serialize(tree), "test.xml"), m


def _text(el) -> str:
    return "".join(el.itertext())


def _schema_errors(tree, rng: Path) -> list[str]:
    """The RELAX NG errors of ``tree`` against the grammar ``rng``, as ``line:column: message``."""
    grammar = relaxng(rng)
    return [] if grammar.validate(tree) else [f"{e.line}:{e.column}: {e.message}" for e in grammar.error_log]


# --------------------------------------------------------------------------- common


def test_serialize_has_model_pis_and_keeps_mixed_content():
    m = SourceMeta(key="x", title="T")
    body = common.new("body")
    p = common.sub(common.sub(body, "div"), "p")
    common.add_inline(p, "a **b** *c* [d](http://e.org) f")
    data = serialize(common.build_tei(m, body, today="2025-01-01"))
    head = data.decode().splitlines()[:3]
    assert head[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert 'href="../schema/edition.rng"' in head[1] and "relaxng.org/ns/structure" in head[1]
    assert 'href="../schema/edition.sch"' in head[2] and "purl.oclc.org/dsdl/schematron" in head[2]
    assert (
        '<p>a <hi rend="bold">b</hi> <hi rend="italic">c</hi> <ref target="http://e.org">d</ref> f</p>' in data.decode()
    )
    assert "\n      <div>\n" in data.decode()  # element-only content is indented


def test_indent_never_adds_whitespace_inside_mixed_content():
    p = etree.fromstring('<p xmlns="http://www.tei-c.org/ns/1.0"><hi>a</hi><hi>b</hi></p>')
    div = common.new("div")
    div.append(p)
    common.indent(div)
    assert etree.tostring(p, encoding=str).count("\n") == 0 or "</hi><hi>" in etree.tostring(p, encoding=str)


def test_header_is_complete():
    tree, _ = _article()
    h = tree.getroot().find("t:teiHeader", NS)
    for path in (
        "t:fileDesc/t:titleStmt/t:respStmt",
        "t:fileDesc/t:publicationStmt/t:availability/t:licence",
        "t:fileDesc/t:sourceDesc/t:biblStruct/t:analytic/t:idno[@type='DOI']",
        "t:fileDesc/t:sourceDesc/t:biblStruct/t:monogr/t:imprint",
        "t:encodingDesc/t:editorialDecl",
        "t:profileDesc/t:langUsage/t:language",
        "t:profileDesc/t:textClass/t:keywords/t:term",
        "t:revisionDesc/t:change[@when='2025-01-01']",
    ):
        assert h.find(path, NS) is not None, path


def test_header_holds_only_the_edition_its_metadata_names():
    body = common.new("body")
    common.sub(body, "p", "Text.")
    bare = serialize(common.build_tei(SourceMeta(key="x", title="T"), body, today="2025-01-01")).decode()
    assert "seriesStmt" not in bare and "Part of" not in bare and "Nakhchivan" not in bare
    assert _schema_errors(parse_bytes(bare.encode(), "bare.xml"), ROOT / "schema" / "edition.rng") == []
    meta = SourceMeta(
        key="x",
        title="T",
        edition_title="Letters",
        edition_publisher="P",
        encoder="E",
        licence="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
    )
    h = common.build_header(meta, today="2025-01-01")
    assert h.findtext("t:fileDesc/t:seriesStmt/t:title[@level='s']", namespaces=NS) == "Letters"
    assert h.findtext("t:fileDesc/t:publicationStmt/t:publisher", namespaces=NS) == "P"
    assert h.find("t:fileDesc/t:publicationStmt/t:availability/t:licence", NS).get("target").startswith("https://")
    assert h.findtext("t:encodingDesc/t:projectDesc/t:p", namespaces=NS).startswith("Part of Letters. ")


def test_metadata_words_an_importers_decision():
    meta = SourceMeta(key="x", title="T", decision_texts={"foreign": "Our own words."})
    meta.add_decision("interpretation", "The importer's words.", "foreign")
    meta.add_decision("normalization", "Kept as written.", "as-written")
    assert [(d.key, d.text) for d in meta.decisions] == [
        ("foreign", "Our own words."),
        ("as-written", "Kept as written."),
    ]


def test_load_meta_reports_position_of_toml_errors(tmp_path):
    bad = tmp_path / "m.toml"
    bad.write_text('key = "a"\ntitle = \n', encoding="utf-8")
    with pytest.raises(common.InputError) as exc:
        load_meta(bad)
    assert re.match(rf"{re.escape(str(bad))}:2:\d+: error: not valid TOML", exc.value.problem.format())


def test_ids_carry_the_document_key_and_are_unique():
    tree, _ = _article()
    ids = [el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)]
    assert ids and len(ids) == len(set(ids))
    assert all(i == "tst" or i.startswith("tst-") for i in ids)


# --------------------------------------------------------------------------- plain article


def test_front_matter_abstract_and_keywords():
    tree, meta = _article()
    front = tree.getroot().find(".//t:front", NS)
    assert _text(front.find("t:titlePage/t:docTitle/t:titlePart", NS)) == "A Small Article on Testing (1920–1921)"
    assert front.find("t:titlePage/t:docAuthor", NS).text == "Ann Author"
    assert front.find("t:titlePage/t:byline/t:ref", NS).get("target") == "https://doi.org/10.1234/abcd"
    assert front.find("t:div[@type='abstract']/t:p/t:label", NS).text == "Abstract:"
    terms = [t.text for t in front.findall("t:div[@type='keywords']//t:term", NS)]
    assert terms == ["Testing", "Import", "TEI"]
    assert meta.keywords["en"] == terms


def test_numbered_headings_nest_and_restart_as_top_level():
    tree, _ = _article()
    body = tree.getroot().find(".//t:body", NS)
    top = [_text(d.find("t:head", NS)) for d in body.findall("t:div", NS)]
    assert top == ["Introduction:", "Methodology:", "1. Results Part:"]
    intro = body.find("t:div", NS)
    assert [_text(d.find("t:head", NS)) for d in intro.findall("t:div", NS)] == ["1. Background:", "2. Questions:"]
    results = body.findall("t:div", NS)[2]
    assert results.find("t:div/t:head", NS).text == "Sub Heading:"


def test_author_date_citations_and_archival_titles():
    tree, _ = _article()
    cits = tree.getroot().findall(".//t:body//t:bibl[@type='citation']", NS)
    first = cits[0]
    assert first.find("t:author", NS).text == "Sadıqov"
    assert first.find("t:date", NS).get("when") == "1995"
    assert first.find("t:citedRange", NS).text == "pp. 28-29"
    arch = cits[1]
    assert arch.get("subtype") == "archival"
    title = arch.find("t:title", NS)
    assert title.get("level") == "u" and title.get(XML_LANG) == "ru" and title.text == "Доклад товарищу Леграну"
    narrative = [c for c in cits if c.get("corresp")]
    assert narrative and narrative[0].get("corresp") == "#" + tree.getroot().find(".//t:listBibl/t:bibl", NS).get(
        XML_ID
    )
    # the parentheses stay outside the bibl, the text is unchanged
    p = first.getparent()
    assert "cites (Sadıqov, 1995, pp. 28-29) and" in _text(p)


def test_quotes_lists_and_rejoined_paragraphs():
    tree, _ = _article()
    root = tree.getroot()
    quote = root.find(".//t:quote", NS)
    assert _text(quote) == "“this is a long enough quotation to be marked as such”"
    assert root.find(".//t:body//t:quote[.='\"quoted\"']", NS) is None
    items = root.findall(".//t:list[@rend='bulleted']/t:item", NS)
    assert [_text(i) for i in items] == ["What is the first question?", "What is the second question?"]
    joined = [p for p in root.iter("{%s}p" % NS["t"]) if "continues on the next page" in _text(p)]
    assert len(joined) == 1


def test_references_are_structured():
    tree, _ = _article()
    bibls = tree.getroot().findall(".//t:back//t:listBibl/t:bibl", NS)
    assert len(bibls) == 2
    smith = bibls[0]
    assert _text(smith) == "Smith, J. (2010). A TITLE OF THE ARTICLE. Journal of Tests, 3(2), 11-20."
    assert smith.find("t:title[@level='a']", NS).text == "A TITLE OF THE ARTICLE"
    assert _text(smith.find("t:title[@level='j']", NS)) == "Journal of Tests"
    assert smith.find("t:title[@level='j']/t:hi[@rend='italic']", NS) is not None
    assert smith.find("t:biblScope[@unit='volume']", NS).text == "3"
    assert smith.find("t:biblScope[@unit='issue']", NS).text == "2"
    assert smith.find("t:biblScope[@unit='page']", NS).text == "11-20"
    doe = bibls[1]
    assert [a.text for a in doe.findall("t:author", NS)] == ["Doe, A.", "Roe, B."]
    assert _text(doe) == "Doe, A., & Roe, B. BOOK WITHOUT A YEAR."


def test_artefacts_removed_and_recorded():
    tree, _ = _article("summary", None)
    root = tree.getroot()
    body_text = " ".join(root.find("t:text", NS).itertext())
    assert "bookmark" not in body_text and "_GoBack" not in body_text
    # the duplicated tail is gone: the phrase occurs once, in the introduction
    assert body_text.count("Grand National Assembly of Turkey was established") == 1
    decl = {el.get("n"): _text(el) for el in root.find(".//t:editorialDecl", NS)}
    assert "bookmark" in decl and "[bookmark: _GoBack]" in decl["bookmark"]
    assert "duplicated-tail" in decl and "23, 1920" in decl["duplicated-tail"]


def test_summaries_in_other_languages_carry_xml_lang():
    tree, meta = _article("summary", None)
    root = tree.getroot()
    assert root.find(".//t:front/t:div[@type='abstract']/t:head", NS).text == "Summary"
    langs = [d.get(XML_LANG) for d in root.findall(".//t:back/t:div[@type='summary']", NS)]
    assert langs == ["az", "ru"]
    ru = root.findall(".//t:back/t:div[@type='summary']", NS)[1]
    assert [t.text for t in ru.findall(".//t:term", NS)] == ["Нахчыван", "Турция"]
    declared = {language.get("ident") for language in root.findall(".//t:langUsage/t:language", NS)}
    used = {el.get(XML_LANG) for el in root.iter() if el.get(XML_LANG)}
    assert used <= declared


def test_duplicated_tail_detector_needs_a_real_repeat():
    assert (
        plain_article.find_duplicated_tail(
            "one two three\nfour five six seven eight nine ten\nnothing repeated here at all in this line"
        )
        is None
    )


def test_duplicated_tail_is_found_and_the_search_is_linear(monkeypatch):
    body = "\n".join(f"line {i} of the article with words enough to count" for i in range(2000))
    repeated = "line 7 of the article with words enough to count\nline 8 of the article with words enough to count"
    assert plain_article.find_duplicated_tail(body + "\n" + repeated) == len(body) + 1
    # 2,000 lines with no repeat: tried once per line, this took seconds; now a few tails are tried
    assert plain_article.find_duplicated_tail(body + "\nan ordinary last line with no repeat in it at all") is None
    tried = []
    words = plain_article._words

    def counting(text: str) -> list[str]:
        tried.append(len(text))
        return words(text)

    monkeypatch.setattr(plain_article, "_words", counting)
    plain_article.find_duplicated_tail(body)
    assert len(tried) <= 4  # the text is tokenised a few times, not once per line


# --------------------------------------------------------------------------- encyclopedia


def _enc():
    text = (FIX / "encyclopedia.txt").read_text(encoding="utf-8")
    meta = load_meta(FIX / "encyclopedia.toml")
    return parse_bytes(serialize(encyclopedia.to_tei(text, meta, today="2025-01-01")), "e.xml"), meta


def test_encyclopedia_sections_captions_and_links():
    tree, _ = _enc()
    root = tree.getroot()
    assert root.get(XML_LANG) == "lv"
    divs = root.findall(".//t:body/t:div", NS)
    starts = [_text(d.find("t:p", NS))[:25] for d in divs]
    # lead (heuristic), editor's anchor, section after the gallery (heuristic)
    assert starts[0].startswith("Testa Republika")
    assert any(s.startswith("1917. gada 5. decembrī") for s in starts)
    assert any(s.startswith("Valdība strādāja labi.") for s in starts)
    assert any(s.startswith("Jaunā republika") for s in starts)
    heads = [_text(f.find("t:head", NS)) for f in root.iter("{%s}figure" % NS["t"])]
    assert heads == [
        "Britu artilērijas ierašanās Baku, 1918",
        "Bēgļi pamet Baku, 1918",
        "Britu karaspēka parāde Baku. Jūlijs, 1919",
    ]
    bibls = root.findall(".//t:back//t:listBibl/t:bibl", NS)
    titles = [_text(b.find("t:title", NS)) for b in bibls]
    assert titles == ["Пример документа", "ЗАГЛАВИЕ БОЛЬШИМИ БУКВАМИ В 1919 году", "Другое название", "Army building"]
    assert bibls[0].find("t:ref", NS).get("target") == "https://example.org/a.pdf"
    assert bibls[2].find("t:note[@type='link-status']", NS).text == "[novecojusi saite]"
    assert bibls[3].find("t:title", NS).get(XML_LANG) == "en"
    assert (
        root.find(".//t:foreign[@xml:lang='az']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"}).text
        == "Test Respublikası"
    )
    assert (
        root.find(".//t:foreign[@xml:lang='la']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"}).text
        == "de jure"
    )
    decl = {el.get("n") for el in root.find(".//t:editorialDecl", NS)}
    assert {"sections", "captions", "link-residue"} <= decl


def test_encyclopedia_anchor_must_occur_once():
    meta = load_meta(FIX / "encyclopedia.toml")
    meta.options["sections"] = [{"start": "does not occur"}]
    with pytest.raises(common.InputError) as exc:
        encyclopedia.to_tei((FIX / "encyclopedia.txt").read_text(encoding="utf-8"), meta)
    assert "occurs 0 times" in exc.value.problem.message


# --------------------------------------------------------------------------- CLI


def test_cli_writes_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "tei" / "x.xml"
    runner = CliRunner()
    args = [
        str(FIX / "article.txt"),
        "--format",
        "plain-article",
        "--meta",
        str(FIX / "article.toml"),
        "-o",
        str(out),
        "--date",
        "2025-01-01",
    ]
    r1 = runner.invoke(main, ["import", *args])
    assert r1.exit_code == 0, r1.output
    first = out.read_bytes()
    out.write_bytes(b"<curated/>")
    r2 = runner.invoke(main, ["import", *args])
    assert r2.exit_code == 2
    assert re.search(rf"{re.escape(str(out))}:0:0: error: .*--force", r2.output)
    assert out.read_bytes() == b"<curated/>"
    r3 = runner.invoke(main, ["import", *args, "--force"])
    assert r3.exit_code == 0 and out.read_bytes() == first


def test_cli_reports_errors_without_traceback(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc\n\xff\xfe broken")
    r = runner.invoke(main, ["import", str(bad), "--format", "plain-article", "-o", str(tmp_path / "o.xml")])
    assert r.exit_code == 2
    assert re.match(rf"{re.escape(str(bad))}:2:1: error: the source is not valid UTF-8", r.output)
    assert "Traceback" not in r.output
    missing = tmp_path / "missing.txt"
    r = runner.invoke(main, ["import", str(missing), "--format", "encyclopedia", "-o", str(tmp_path / "o.xml")])
    assert r.exit_code == 2 and r.output.startswith(f"{missing}:0:0: error: cannot read the source")
    meta = tmp_path / "m.toml"
    meta.write_text("key = 1x\n", encoding="utf-8")
    r = runner.invoke(
        main,
        [
            "import",
            str(FIX / "article.txt"),
            "--format",
            "plain-article",
            "--meta",
            str(meta),
            "-o",
            str(tmp_path / "o.xml"),
        ],
    )
    assert r.exit_code == 2 and re.match(rf"{re.escape(str(meta))}:1:\d+: error: not valid TOML", r.output)


def _import(source: Path, fmt: str, out: Path, *meta: str):
    return CliRunner().invoke(
        main, ["import", str(source), "--format", fmt, *meta, "-o", str(out), "--date", "2025-01-01"]
    )


def test_form_feeds_are_page_ends_and_other_controls_are_positioned(tmp_path):
    """pdftotext ends each page with a form feed: the import is the same as without them (a
    paragraph running over a page end stays one); another control character is named at its place."""
    text = (FIX / "article.txt").read_text(encoding="utf-8")
    assert "continues on the\n\n\n\nnext page" in text
    paged = text.replace("\n\nnext page", "\n\n\fnext page").replace("\nData text.", "\n\fData text.")
    paged = paged.replace("argues.", "argues.\f")
    for name, source in (("plain", text), ("paged", paged)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(source, encoding="utf-8")
    meta = ("--meta", str(FIX / "article.toml"))
    outputs = []
    for name in ("plain", "paged"):
        result = _import(tmp_path / name / "article.txt", "plain-article", tmp_path / f"{name}.xml", *meta)
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / f"{name}.xml").read_bytes().replace(name.encode(), b"NAME"))
    assert outputs[0] == outputs[1] and b"\x0c" not in outputs[1]
    assert conversion.read_source(_written(tmp_path / "words.txt", "page\fend\n")) == "page end\n"
    bell = _written(tmp_path / "bell.txt", "Title\n\nOne line.\nSome\x07thing.\n")
    result = _import(bell, "plain-article", tmp_path / "bell.xml")
    assert result.exit_code == 2 and not (tmp_path / "bell.xml").exists()
    assert result.output.strip() == (
        f"{bell}:4:5: error: the source holds the control character U+0007 here, which XML cannot hold: "
        "remove it (or write what it stands for) and import again [source-control]"
    )


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_text_too_long_for_the_toolkit_is_refused_at_its_place_in_the_source(tmp_path):
    """A 10.7 MB source without a paragraph break would become one text node the TEI reader
    refuses (libxml2's limit): the import is refused, where the text begins, and nothing is written."""
    source = _written(tmp_path / "long.txt", "Heading\n\n" + "Word after word, with no break at all. " * 275_000)
    result = _import(source, "encyclopedia", tmp_path / "long.xml")
    assert result.exit_code == 2 and not (tmp_path / "long.xml").exists()
    assert result.output.startswith(f"{source}:1:1: error: a text of 10,725,0") and result.output.endswith(
        "bytes one paragraph of a TEI file may hold; divide it into paragraphs (a blank line between them) "
        "and import again [source-too-long]\n"
    ), result.output


def test_cli_output_is_valid_tei(tmp_path):
    rng = Path(__file__).resolve().parents[1] / "schema" / "edition.rng"
    if not rng.exists():
        pytest.skip("schema/edition.rng not built")
    runner = CliRunner()
    for src, fmt, meta in (("article", "plain-article", "article"), ("encyclopedia", "encyclopedia", "encyclopedia")):
        out = tmp_path / f"{src}.xml"
        r = runner.invoke(
            main,
            ["import", str(FIX / f"{src}.txt"), "--format", fmt, "--meta", str(FIX / f"{meta}.toml"), "-o", str(out)],
        )
        assert r.exit_code == 0, r.output
        assert _schema_errors(parse_bytes(out.read_bytes(), str(out)), rng) == []


def test_import_without_the_importers_says_how_to_install_them():
    code = (
        "import sys; sys.modules['edition.importers'] = None\n"
        "from edition.cli import main\n"
        "main(['import', 'a.txt', '--format', 'plain-article', '-o', 'a.xml'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "pip install 'edition[import]'" in result.stderr
