"""Importer for a single-line encyclopedia text (an article whose layout was flattened).

The shape: the whole article on one line; headings and paragraph breaks lost; image
captions run into the text; external links left at the end as wiki-style residue
(``[host/path Title]``, bare titles, ``[novecojusi saite]`` = "outdated link").

What the importer recovers, reproducibly:

* **captions** (``figure/head``): a caption ends with a bare year that is not followed
  by the ordinal full stop of running prose (Latvian writes "1918. gada"), i.e.
  ``…, 1918`` or ``… Jūlijs, 1919.`` directly followed by a capitalised word; it starts
  after the previous caption or, for the first of a series, after the last sentence end.
  A series of captions (a gallery) closes the section it stands in;
* **sections** (``div``): the lead ends before the first sentence that opens with a year
  earlier than a year already mentioned (the article starts its chronological account);
  a gallery ends a section; further section and paragraph starts can be given by the
  editor as ``options.sections`` = [{start = "first words", kind = "div"|"p"}], each of
  which must occur exactly once. The source's headings are lost and are not invented:
  the divisions have no ``head``;
* **link residue** (``back/div/listBibl``): from the first ``[host/…`` link to the end;
  one ``bibl`` per link or title, ``ref`` for the address, ``title`` with ``xml:lang``,
  ``note type="link-status"`` for the outdated-link marker;
* ``(language: name)`` glosses after the lemma become ``foreign`` with ``xml:lang``;
  ``options.foreign`` adds phrases (e.g. {la = ["de facto"]}).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..problems import ERROR, InputError, Problem
from .common import (
    IdMaker,
    SourceMeta,
    Span,
    add_inline,
    append_text,
    build_tei,
    detect_lang,
    new,
    phrase_spans,
    render_spans,
    sub,
    wrap_span,
)

UPPER = "A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ"
MONTHS_LV = (
    "Janvāris",
    "Februāris",
    "Marts",
    "Aprīlis",
    "Maijs",
    "Jūnijs",
    "Jūlijs",
    "Augusts",
    "Septembris",
    "Oktobris",
    "Novembris",
    "Decembris",
)
#: Language adjectives of a "(language: name)" gloss -> xml:lang.
GLOSS_LANGUAGES = {
    "azerbaidžāņu": "az",
    "krievu": "ru",
    "armēņu": "hy",
    "turku": "tr",
    "persiešu": "fa",
    "angļu": "en",
    "gruzīnu": "ka",
    "latviešu": "lv",
}
_CAPTION_END = re.compile(r"(?:,\s\d{4}(?!\.)|\b(?:" + "|".join(MONTHS_LV) + r"),\s\d{4}\.?)(?=\s+[" + UPPER + r"])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[" + UPPER + r"0-9\"“])")
_RESIDUE = re.compile(r"\[(?:https?://)?[\w-]+(?:\.[\w-]+)+/")
_DEAD = re.compile(r"\[novecojusi\s+saite\]")


@dataclass
class Caption:
    start: int
    end: int


def find_captions(text: str) -> list[list[Caption]]:
    """Groups (galleries) of consecutive captions, by character offsets in ``text``."""
    groups: list[list[Caption]] = []
    prev_end = None
    for m in _CAPTION_END.finditer(text):
        if prev_end is not None and _joined(text, prev_end, m.start()):
            start = prev_end
            while start < len(text) and text[start] == " ":
                start += 1
            groups[-1].append(Caption(start, m.end()))
        else:
            ends = [s.end() for s in _SENTENCE_END.finditer(text, 0, m.start())]
            start = ends[-1] if ends else 0
            groups.append([Caption(start, m.end())])
        prev_end = m.end()
    return groups


def _joined(text: str, a: int, b: int) -> bool:
    """True if the stretch between two caption ends is itself one caption (no sentence)."""
    seg = text[a:b].strip()
    return 0 < len(seg.split()) <= 16


def sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def lead_end(text: str, limit: int) -> int | None:
    """Offset of the first sentence that opens with a year earlier than one already seen."""
    seen = 0
    starts = sentence_starts(text)
    for i, start in enumerate(starts):
        if start >= limit:
            break
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        m = re.match(r"(\d{4})\.\s", text[start:end])
        if m and seen and int(m.group(1)) < seen:
            return start
        years = [int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\.\s+gad", text[start:end])]
        if years:
            seen = max([seen] + years)
    return None


def _anchor(text: str, phrase: str, meta_path: str) -> int:
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if len(hits) != 1:
        raise InputError(
            Problem(
                meta_path,
                1,
                1,
                ERROR,
                f"section anchor {phrase!r} occurs {len(hits)} times in the text; it must occur exactly once",
                "meta-anchor",
            )
        )
    return hits[0]


# --------------------------------------------------------------------------- residue


def residue_start(text: str) -> int | None:
    m = _RESIDUE.search(text)
    return m.start() if m else None


def split_residue(residue: str) -> list[str]:
    """Entries of the link residue: ``[…]`` links, and bare titles cut at outdated-link markers
    and at the start of a run of capitalised words (an all-caps title) or, after such a run,
    before the next capitalised word."""
    entries: list[str] = []
    pos = 0
    for m in re.finditer(r"\[(?!novecojusi)[^\]]*\]", residue):
        entries += _split_bare(residue[pos : m.start()])
        entries.append(m.group())
        pos = m.end()
    entries += _split_bare(residue[pos:])
    return [e for e in entries if e.strip()]


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _neutral(word: str) -> bool:
    return sum(c.isalpha() for c in word) < 2


def _split_bare(s: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?<=\[novecojusi saite\])|(?<=\[novecojusi\xa0saite\])", s):
        dead = _DEAD.search(piece)
        marker = piece[dead.start() :] if dead else ""
        piece = piece[: dead.start()] if dead else piece
        tokens = re.split(r"(\s+)", piece)
        words = [t for t in tokens if t and not t.isspace()]
        current, in_caps, wi = "", False, 0
        for tok in tokens:
            if not tok or tok.isspace():
                current += tok
                continue
            wi += 1
            nxt = next((w for w in words[wi:] if not _neutral(w)), "")
            if not _neutral(tok):
                if not in_caps and _is_caps(tok) and _is_caps(nxt):
                    if current.strip():
                        out.append(current)
                        current = ""
                    in_caps = True
                elif in_caps and not _is_caps(tok) and tok[:1].isupper():
                    out.append(current)
                    current = ""
                    in_caps = False
            current += tok
        current += marker
        if current.strip():
            out.append(current)
    return out


def residue_bibl(entry: str, doc_lang: str, meta: SourceMeta) -> etree._Element:
    bibl = new("bibl")
    text = entry.strip()
    dead = _DEAD.search(text)
    core = text[: dead.start()] if dead else text
    m = re.fullmatch(r"\[(\S+)\s+([^\]]*)\]", core)
    if m:
        url, title = m.group(1), m.group(2)
        target = url if re.match(r"https?://", url) else "https://" + url
        sub(bibl, "ref", url, target=target)
        append_text(bibl, " ")
    else:
        title = core
    lang = detect_lang(title, None) or ("en" if re.fullmatch(r"[\x00-\x7f]+", title) else doc_lang)
    meta.use_language(lang)
    t = sub(bibl, "title", title.strip(), lang=lang if lang != doc_lang else None)
    del t
    if dead:
        sub(bibl, "note", dead.group(), type="link-status", lang="lv" if doc_lang != "lv" else None)
    return bibl


# --------------------------------------------------------------------------- main


def to_tei(text: str, meta: SourceMeta, *, today: str | None = None, meta_path: str = "metadata") -> etree._ElementTree:
    """Convert a single-line encyclopedia text to TEI (see the module documentation)."""
    ids = IdMaker(meta.key)
    doc_lang = meta.language
    meta.use_language(doc_lang)
    flat = text.strip("\n")
    if "\n" in flat.strip():
        flat = re.sub(r"\s*\n\s*", " ", flat)
    cut = residue_start(flat)
    main, residue = (flat[:cut], flat[cut:]) if cut is not None else (flat, "")
    main_text = main.rstrip()

    galleries = find_captions(main_text)
    caption_spans = [(c.start, c.end) for g in galleries for c in g]

    # boundaries: (offset, kind)
    bounds: dict[int, str] = {}
    first_caption = caption_spans[0][0] if caption_spans else len(main_text)
    le = lead_end(main_text, first_caption)
    if le is not None:
        bounds[le] = "div"
    for g in galleries:
        after = g[-1].end
        while after < len(main_text) and main_text[after] == " ":
            after += 1
        if after < len(main_text):
            bounds[after] = "div"
    for sec in meta.options.get("sections", []):
        start = sec["start"] if isinstance(sec, dict) else str(sec)
        kind = sec.get("kind", "div") if isinstance(sec, dict) else "div"
        bounds[_anchor(main_text, start, meta_path)] = kind if kind in ("div", "p") else "div"

    body = new("body")
    points = sorted(set(bounds) | {0})
    div = None
    foreign = dict(meta.options.get("foreign", {}))
    used_foreign: set[str] = set()
    for i, start in enumerate(points):
        end = points[i + 1] if i + 1 < len(points) else len(main_text)
        kind = bounds.get(start, "div")
        if div is None or kind == "div":
            div = sub(body, "div", type="section", n=str(len(body) + 1), id=ids("div"))
        _fill(div, main_text, start, end, caption_spans, foreign, used_foreign, ids, doc_lang)

    back = new("back")
    if residue.strip():
        bdiv = sub(back, "div", type="links", id=ids("div"))
        lb = sub(bdiv, "listBibl")
        for entry in split_residue(residue):
            b = residue_bibl(entry, doc_lang, meta)
            b.set("{http://www.w3.org/XML/1998/namespace}id", ids("bib"))
            lb.append(b)

    for lang in used_foreign:
        meta.use_language(lang)
    _decisions(meta, galleries, le is not None, meta.options.get("sections", []), bool(residue.strip()), used_foreign)
    return build_tei(meta, body, None, back if len(back) else None, today=today)


def _fill(div, text, start, end, captions, foreign, used_foreign, ids, doc_lang) -> None:
    """Paragraphs and figures of ``text[start:end]``."""
    pos = start
    for a, b in captions:
        if a >= end or b <= start:
            continue
        _para(div, text[pos:a], foreign, used_foreign, doc_lang)
        fig = sub(div, "figure", id=ids("fig"))
        head = sub(fig, "head")
        head.text = text[a:b].strip()
        pos = b
    _para(div, text[pos:end], foreign, used_foreign, doc_lang)


def _para(div, segment: str, foreign, used_foreign, doc_lang) -> None:
    seg = segment.strip()
    if not seg:
        return
    p = sub(div, "p")
    spans: list[Span] = []
    for m in re.finditer(r"\((\w+): ([^()]+)\)", seg):
        lang = GLOSS_LANGUAGES.get(m.group(1).casefold())
        if lang and lang != doc_lang:
            spans.append(Span(m.start(2), m.end(2), wrap_span("foreign", lang=lang)))
            used_foreign.add(lang)
    fs = phrase_spans(seg, foreign)
    for lang, phrases in foreign.items():
        if any(re.search(r"(?<!\w)" + re.escape(x) + r"(?!\w)", seg) for x in phrases):
            used_foreign.add(lang)
    render_spans(p, seg, spans + fs, leaf=lambda parent, t: add_inline(parent, t, markdown=False, urls=False))


def _decisions(meta: SourceMeta, galleries, lead: bool, sections, residue: bool, foreign) -> None:
    n_caps = sum(len(g) for g in galleries)
    div_anchors = [s for s in sections if (s.get("kind", "div") if isinstance(s, dict) else "div") == "div"]
    p_anchors = [s for s in sections if isinstance(s, dict) and s.get("kind") == "p"]
    text = (
        "The transcription is one single line: the headings and paragraph breaks of the "
        "article are lost. The text is divided into untitled div elements (the lost headings "
        "are not supplied). "
    )
    if lead:
        text += (
            "The lead ends before the first sentence that opens with a year earlier than one "
            "already mentioned, where the chronological account begins. "
        )
    if galleries:
        text += "A series of image captions closes the section it stands in. "
    if div_anchors or p_anchors:
        text += (
            f"The editor placed {len(div_anchors)} further section start(s) and "
            f"{len(p_anchors)} paragraph start(s) where the topic changes; each is given "
            "by its first words in the import metadata: "
            + "; ".join(
                f"“{s['start'] if isinstance(s, dict) else s}” ({(s.get('kind', 'div') if isinstance(s, dict) else 'div')})"
                + (f": {s['reason']}" if isinstance(s, dict) and s.get("reason") else "")
                for s in sections
            )
            + "."
        )
    meta.add_decision("segmentation", text.strip(), key="sections")
    if galleries:
        meta.add_decision(
            "segmentation",
            f"Image captions that ran into the text ({n_caps}) are encoded as figure/head "
            "where they stand; no images are present. A caption is recognised by its final "
            "year without the ordinal full stop of running prose (“…, 1918”, “… Jūlijs, "
            "1919.”) followed by a capitalised word.",
            key="captions",
        )
    if residue:
        meta.add_decision(
            "interpretation",
            "The residue of the article's links at the end is a listBibl: one bibl per link "
            "or title; the square brackets of the wiki link syntax are removed, the address "
            "is a ref (its scheme https:// is supplied in @target only), the title has "
            "xml:lang; the marker “[novecojusi saite]” (outdated link) is a note "
            'type="link-status".',
            key="link-residue",
        )
    if foreign:
        meta.add_decision(
            "interpretation",
            "Names and phrases in another language are marked with foreign and xml:lang.",
            key="foreign",
        )
    meta.add_decision(
        "normalization",
        "The text is otherwise kept exactly as transcribed, including its misspellings "
        "and inconsistent forms of names.",
        key="as-written",
    )
