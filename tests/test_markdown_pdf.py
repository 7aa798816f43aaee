"""The Markdown-from-PDF importer on small fixtures (tests/fixtures/markdown_pdf/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.importers.common import SourceMeta, load_meta, serialize
from edition.importers.markdown_pdf import paginate, parse_citation, split_blocks, to_tei, unescape

FIX = Path(__file__).parent / "fixtures" / "markdown_pdf"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def doc():
    tree = to_tei((FIX / "sample.md").read_text(encoding="utf-8"), load_meta(FIX / "sample.toml"))
    return tree.getroot()


def convert(md: str, key: str = "t") -> etree._Element:
    return to_tei(md, SourceMeta(key=key, title="Test")).getroot()


def text_of(el) -> str:
    return "".join(el.itertext())


def x(root, path):
    return root.xpath(path, namespaces=NS)


def test_marker_becomes_note_at_its_anchor(doc):
    note = x(doc, "//t:note[@n='1']")[0]
    assert note.get("place") == "foot"
    assert note.get(XML_ID) == "smp-n1"
    assert note.getparent().tag.endswith("}p")
    # the note stands right after "expected." where the marker was, and the text goes on
    assert (note.getprevious().tail or "").endswith("expected.")
    assert note.tail.startswith(" It was")
    assert "<sup>" not in serialize(doc).decode()


def test_every_note_once_in_order(doc):
    assert [n.get("n") for n in x(doc, "//t:note[@place='foot']")] == ["1", "2", "3", "4", "5"]


def test_paragraph_rejoined_across_page_end(doc):
    pb = x(doc, "//t:pb[@n='2']")[0]
    p = pb.getparent()
    assert p.tag.endswith("}p")
    s = text_of(p)
    assert "for those who want to read more" in s
    assert pb.tail.startswith("want to read more")
    # the note block between the two halves is not in the paragraph's text
    assert "Doe, John" not in s.replace(text_of(x(p, "t:note[@n='1']")[0]), "")


def test_new_paragraph_after_page_end_is_not_joined(doc):
    heads = [text_of(h) for h in x(doc, "//t:body//t:head")]
    assert heads == ["Introduction", "Chapter One: Beginnings", "First Section", "Second Section"]
    pb = x(doc, "//t:pb[@n='4']")[0]
    assert pb.getparent().tag.endswith("}div") and pb.getnext().tag.endswith("}head")


def test_page_numbers_follow_toc(doc):
    assert [p.get("n") for p in x(doc, "//t:pb")] == ["1", "2", "3", "4"]
    for item in x(doc, "//t:div[@type='contents']//t:item"):
        ref = x(item, "t:ref")[0]
        target = x(doc, f"//t:div[@xml:id='{ref.get('target')[1:]}']")[0]
        first_pb = x(target, "preceding::t:pb[1] | .//t:pb[1]")
        page = x(target, "string((.//t:pb)[1]/@n)") if x(target, "t:pb") else x(target, "string(preceding::t:pb[1]/@n)")
        assert page == x(item, "string(t:num/@value)"), text_of(ref)
        assert first_pb


def test_heading_levels_nested(doc):
    ch = x(doc, "//t:body/t:div[@type='chapter']")
    assert len(ch) == 2
    secs = x(ch[1], "t:div[@type='section']/t:head")
    assert [text_of(h) for h in secs] == ["First Section", "Second Section"]  # ## and ### both sections
    assert x(ch[0], "string(t:head/@rend)") == "italic"


def test_emphasis_links_escapes(doc):
    body = x(doc, "//t:body")[0]
    assert x(body, "string(.//t:hi[@rend='italic'][1])") == "not"
    assert x(body, "string(.//t:hi[@rend='bold'][1])") == "very"
    assert x(body, "string(.//t:hi[@rend='bold']/t:hi[@rend='italic'])") == "someone"
    ref = x(body, ".//t:ref[@target='https://example.org/archive']")[0]
    assert text_of(ref) == "the site"
    assert "$138 billion" in text_of(body) and "\\$" not in text_of(body)
    assert x(body, ".//t:note[@n='1']//t:ptr/@target") == ["https://example.org/war"]


def test_toc_encoded_once(doc):
    toc = x(doc, "//t:front/t:div[@type='contents']")
    assert len(toc) == 1
    assert len(x(toc[0], ".//t:item")) == 4
    body_text = text_of(x(doc, "//t:body")[0])
    assert "\t" not in body_text and "Second Section\t" not in body_text
    assert not x(doc, "//t:body//t:list")


def test_title_page_and_front(doc):
    tp = x(doc, "//t:front/t:titlePage")[0]
    assert x(tp, "string(t:docTitle/t:titlePart[@type='main'])") == "A SMALL STUDY:"
    assert x(tp, "string(t:byline/t:docAuthor)") == "JANE DOE"
    assert x(tp, "string(t:docDate/@when)") == "2020-05"
    ack = x(doc, "//t:front/t:div[@type='acknowledgements']")[0]
    assert x(ack, "string(t:closer/t:signed)") == "Jane Doe"


def test_citation_markup(doc):
    b = x(doc, "//t:note[@n='3']/t:bibl")[0]
    assert x(b, "string(t:author)") == "Smith, Adam"
    assert x(b, "string(t:title[@level='m'])") == "A Book"
    assert x(b, "string(t:date/@when)") == "1999"
    assert x(b, "string(t:citedRange)") == "12-13"
    b1 = x(doc, "//t:note[@n='1']/t:bibl")[0]
    assert x(b1, "string(t:title[@level='a'])") == "A Long War"
    assert x(b1, "string(t:title[@level='j'])") == "The Daily"
    assert x(b1, "string(t:date/@when)") == "2021-04-14"
    ibid = x(doc, "//t:note[@n='2']/t:bibl")[0]
    assert text_of(ibid) == "Ibid., 14."


def test_note_continuation_and_fail_safe(doc):
    # the URL paragraph after note 4 belongs to note 4; the unparsed citation stays as text
    n4 = x(doc, "//t:note[@n='4']")[0]
    assert text_of(n4).startswith("Smith, A Book, 14; Roe, 5.")
    assert x(n4, ".//t:ptr/@target") == ["https://example.org/continued"]
    n5 = x(doc, "//t:note[@n='5']")[0]
    assert text_of(n5) == "A note that is only a remark, without any citation in it"
    assert not x(n5, "t:bibl")


def test_block_quote_and_languages(doc):
    q = x(doc, "//t:quote[@rend='block']")
    assert len(q) == 1 and text_of(q[0]).startswith("“a quotation")
    assert x(doc, "string(//t:foreign[@xml:lang='hy'])") == "Ստեփանակերտ"
    assert x(doc, "string(//t:foreign[@xml:lang='ru'])") == "glasnost"
    assert set(x(doc, "//t:langUsage/t:language/@ident")) >= {"en", "hy", "ru"}


def test_citation_segments_keep_the_text():
    for s in [
        "de Waal, *Black Garden*, 270.",
        "Croissant, 113.",
        "*Ibid.*, 14",
        "Avodyan, L. “Nagorno Karabakh.” *International Journal* 3, no. 2 (1995): 161-67, 163. <http://x.org/1>",
        "Mirzoyan, Alla. *Armenia*. New York: Palgrave Macmillan, 2010, 40.",
    ]:
        segs = parse_citation(s)
        assert segs is not None, s
        assert "".join(seg.source() for seg in segs) == s
    assert parse_citation("A note that is just prose, with words.") is None


def test_unescape():
    assert unescape(r"\$1 \* \_x\_ \\") == "$1 * _x_ \\"


def test_markers_and_notes_must_match():
    md = "# A\n\nText.<sup>1</sup> More<sup>2</sup>\n\n---\n\n<sup>1</sup> Note one.\n\n<sup>2</sup> Note two.\n"
    root = convert(md)
    assert [n.get("n") for n in x(root, "//t:note")] == ["1", "2"]
    # a note without a marker is not lost
    md2 = "# A\n\nText.\n\n---\n\n<sup>1</sup> Lonely note.\n"
    root2 = convert(md2)
    assert x(root2, "string(//t:back//t:note[@n='1'])") == "Lonely note."


def test_blocks_and_pagination():
    blocks = split_blocks("# H\n\npara one\ncontinued\n\n---\n\n<sup>1</sup> n\n\n<https://a.b/c>\n\nnext page\n")
    assert [b.kind for b in blocks] == ["heading", "para", "rule", "note", "para", "para"]
    st = paginate(blocks)
    assert st.notes == {1: "n <https://a.b/c>"}
    assert [e[0] for e in st.events] == ["heading", "para", "pb", "para"]
