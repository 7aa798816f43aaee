"""Importer for plain article text: one paragraph per line, headings on their own lines.

The shape (journal articles exported to plain text):

* blocks are lines; blank lines separate blocks; a run of ``page_end_blank_lines`` (default
  3) or more blank lines after the front matter is a page end (``pb``); a paragraph that
  ends without final punctuation before such a page end is re-joined with the next one;
* front matter before the first heading (journal name, ISSN, title, author, affiliation
  with DOI) becomes ``front/titlePage``, recognised by comparing lines with the metadata;
* a heading is a short line without final punctuation (a trailing colon is allowed);
  numbered headings ``1. Text:`` and the usual section names (Introduction, Methodology,
  Conclusion …) decide the hierarchy (see :func:`_level`);
* ``Abstract:``/``Keywords:`` (and the same labels in other languages) are labelled
  paragraphs; "Summary"-type headings open an abstract ``div``; keywords also go into
  the header (``textClass/keywords``) when the metadata has none for that language;
* a heading in another language than the document opens a ``div`` with ``xml:lang``
  (title + abstract + keywords of a translated summary) in ``back``;
* ``- `` lines are list items; a ``References:`` section becomes ``listBibl`` of ``bibl``
  entries parsed as APA (author, date, title, journal, volume, issue, pages);
* author–date citations ``(Sadıqov, 1995, pp. 28-29)`` become ``bibl`` with ``author``,
  ``title`` (Cyrillic titles of archive documents: ``title level="u" type="archival"``),
  ``date`` and ``citedRange``; narrative citations ``Şimşek (2010)`` are marked when the
  name is in the reference list;
* quotations in curly double quotes of at least ``quote_min_words`` words are ``quote``;
* artefacts removed and recorded in ``editorialDecl``: Word bookmarks ``[bookmark: …]``
  and a fragment at the end that repeats earlier text (PDF extraction residue).

Options (``SourceMeta.options``): ``page_end_blank_lines`` (int), ``quote_min_words``
(int), ``citation_titles`` (list of strings that are titles although they contain a
comma), ``foreign`` ({lang: [phrases]}), ``markdown`` (bool, default: true when the text
has ``*…*`` markup).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from .common import (
    IdMaker,
    SourceMeta,
    Span,
    add_inline,
    append_text,
    balanced_parens,
    build_tei,
    detect_lang,
    new,
    phrase_spans,
    render_spans,
    sub,
    wrap_span,
)

#: Section names that open a top-level division (compared without case and colon).
MAJOR_SECTIONS = {
    "introduction",
    "literature review",
    "background",
    "methodology",
    "methods",
    "materials and methods",
    "main part",
    "results",
    "discussion",
    "conclusion",
    "conclusions",
    "references",
    "bibliography",
    "literature",
    "sources",
    "notes",
    "acknowledgements",
    "acknowledgments",
    "summary",
    "abstract",
}
#: Headings that open an abstract (any language).
ABSTRACT_HEADINGS = {"summary", "abstract", "xülasə", "резюме", "аннотация", "özet", "annotasiya", "kopsavilkums"}
#: Labels of labelled paragraphs: label -> kind.
LABELS = {
    "abstract": "abstract",
    "summary": "abstract",
    "annotasiya": "abstract",
    "аннотация": "abstract",
    "keywords": "keywords",
    "key words": "keywords",
    "açar sözlər": "keywords",
    "ключевые слова": "keywords",
    "anahtar kelimeler": "keywords",
    "atslēgvārdi": "keywords",
}
REFERENCE_HEADINGS = {"references", "bibliography", "literature", "sources", "ədəbiyyat", "литература", "kaynakça"}

_FINAL = re.compile(r"[.!?;,…”\"’')\]]\s*$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]*\]")


@dataclass
class Block:
    kind: str  # front, heading, label, item, p
    text: str
    line: int
    page_end_before: bool = False
    label: str = ""
    label_kind: str = ""
    number: str = ""


@dataclass
class Cleaned:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (kind, removed text)


# --------------------------------------------------------------------------- artefacts


def remove_bookmarks(text: str) -> tuple[str, list[str]]:
    """Remove Word bookmark residue ``[bookmark: _GoBack]``; return the text and what went."""
    found = _BOOKMARK.findall(text)
    return _BOOKMARK.sub("", text), found


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s)


def find_duplicated_tail(text: str, min_words: int = 8) -> int | None:
    """Offset of the start of a trailing fragment whose words repeat earlier text, or None.

    The tail is taken line by line from the end; the largest trailing group of lines whose
    word sequence occurs, contiguously, before it counts (PDF extraction residue). If a tail
    does not occur before it, no longer one does (its last part would), so the search stops
    at the first tail of ``min_words`` that does not repeat: linear in the text's length.
    """
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    best = None
    for i in range(len(lines) - 1, 0, -1):
        tail = " ".join(_words("\n".join(lines[i:])))
        if len(tail.split()) < min_words:
            continue
        if (" " + tail + " ") not in " " + " ".join(_words("\n".join(lines[:i]))) + " ":
            break
        best = i
    return offsets[best] if best is not None else None


def clean(text: str, meta: SourceMeta) -> Cleaned:
    """Remove the known artefacts of the shape and record each kind in ``meta``."""
    out = Cleaned(text)
    out.text, marks = remove_bookmarks(out.text)
    if marks:
        out.removed += [("bookmark", m) for m in marks]
        meta.add_decision(
            "correction",
            "Word bookmark residue removed: "
            + ", ".join(f"“{m}”" for m in marks)
            + f" ({len(marks)} occurrence{'s' if len(marks) > 1 else ''}; a field marker of the "
            "word processor, not text).",
            key="bookmark",
        )
    cut = find_duplicated_tail(out.text)
    if cut is not None:
        fragment = out.text[cut:]
        out.removed.append(("duplicated-tail", fragment))
        out.text = out.text[:cut]
        shown = re.sub(r"\s+", " ", fragment).strip()
        meta.add_decision(
            "correction",
            "A fragment at the very end of the transcription repeats, with the line breaks of "
            "the printed page, a passage of the text already given in full; it is PDF "
            f"extraction residue and was removed. The removed fragment reads: “{shown}”",
            key="duplicated-tail",
        )
    return out


# --------------------------------------------------------------------------- blocks


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().rstrip(":").casefold()


def _label_of(line: str) -> tuple[str, str] | None:
    m = re.match(r"^([^\W\d][\w ]{1,30}?):\s+\S", line)
    if m and m.group(1).casefold() in LABELS:
        return m.group(1) + ":", LABELS[m.group(1).casefold()]
    return None


def _is_heading(line: str) -> bool:
    if len(line) > 150 or line.startswith(("- ", "• ", "* ")):
        return False
    if line.endswith(":"):
        return len(line.split()) <= 14
    if _FINAL.search(line) and not re.search(r"\(\d{4}[–-]\d{4}(?: [^\W\d]+\.?)?\)$", line):
        return False
    letters = [c for c in line if c.isalpha()]
    mostly_caps = letters and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    return len(line.split()) <= (20 if mostly_caps else 10)


def _front_line(line: str, meta: SourceMeta) -> bool:
    n = _norm(line)
    if meta.venue and n == _norm(meta.venue):
        return True
    if meta.title and n == _norm(meta.title):
        return True
    if any(n == _norm(a.name) for a in meta.authors):
        return True
    if re.match(r"(?i)^e?-?issn\b", line):
        return True
    if meta.doi and meta.doi.casefold() in line.casefold():
        return True
    return False


def split_blocks(text: str, meta: SourceMeta) -> list[Block]:
    """Cut the text into classified blocks (see the module documentation)."""
    page_end_blanks = int(meta.options.get("page_end_blank_lines", 3))
    blocks: list[Block] = []
    blanks = 0
    in_front = True
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blanks += 1
            continue
        page_end = bool(page_end_blanks) and blanks >= page_end_blanks and not in_front
        blanks = 0
        if in_front and _front_line(line, meta):
            blocks.append(Block("front", line, n))
            continue
        in_front = False
        label = _label_of(line)
        if label:
            blocks.append(Block("label", line, n, page_end, label=label[0], label_kind=label[1]))
        elif line.startswith(("- ", "• ")):
            blocks.append(Block("item", line[2:].strip(), n, page_end, label=line[:1]))
        elif _is_heading(line):
            m = _NUMBERED.match(line)
            blocks.append(Block("heading", line, n, page_end, number=m.group(1) if m else ""))
        else:
            blocks.append(Block("p", line, n, page_end))
    # the last block cannot be a heading (nothing follows it)
    if blocks and blocks[-1].kind == "heading":
        blocks[-1].kind = "p"
    return blocks


# --------------------------------------------------------------------------- citations

_CITATION = re.compile(
    r"^(?P<who>.*?\S)"
    r"(?:,\s*(?P<year>\d{4}[a-z]?|n\.d\.))?"
    r"(?:,\s*(?P<range>pp?\.\s*\d[\w\s,–-]*?))?\s*$"
)
_AUTHORISH = re.compile(r"^[^\W\d_][\w’'-]*(?:\s+(?:and|&|və|ve|и)\s+[^\W\d_][\w’'-]*)?(?:\s+et al\.)?$")


def _range_el(parent: etree._Element, text: str, tag: str = "citedRange") -> None:
    # @from/@to are left out: the edition's Schematron reads every @from/@to as a date
    sub(parent, tag, text, unit="page")


def parse_citation(content: str, doc_lang: str, titles: Sequence[str] = ()) -> etree._Element | None:
    """``bibl`` for the inside of an author–date parenthesis, or ``None`` if it is not one."""
    m = _CITATION.match(content)
    if not m or not (m.group("year") or m.group("range")):
        return None
    who = m.group("who")
    if re.fullmatch(r"[\d\s,.–-]*", who):
        return None
    bibl = new("bibl", type="citation")
    lang = detect_lang(who, doc_lang)
    if lang == "ru" and who not in titles:
        bibl.set("subtype", "archival")
        sub(bibl, "title", who, level="u", lang="ru")
    elif who in titles:
        sub(bibl, "title", who, level="m", lang=lang if lang != doc_lang else None)
    elif _AUTHORISH.match(who):
        sub(bibl, "author", who)
    elif "," in who and _AUTHORISH.match(who.split(",", 1)[0].strip()):
        name, title = who.split(",", 1)
        sub(bibl, "author", name)
        space = title[: len(title) - len(title.lstrip())]
        append_text(bibl, "," + space)
        tlang = detect_lang(title, doc_lang)
        sub(bibl, "title", title.strip(), level="m", lang=tlang if tlang != doc_lang else None)
    else:
        tlang = detect_lang(who, doc_lang)
        sub(bibl, "title", who, level="m", lang=tlang if tlang != doc_lang else None)
    pos = m.end("who")
    if m.group("year"):
        append_text(bibl, content[pos : m.start("year")])
        year = m.group("year")
        sub(bibl, "date", year, when=year[:4] if year[:4].isdigit() else None)
        pos = m.end("year")
    if m.group("range"):
        append_text(bibl, content[pos : m.start("range")])
        _range_el(bibl, m.group("range"))
        pos = m.end("range")
    append_text(bibl, content[pos:])
    return bibl


# --------------------------------------------------------------------------- references


@dataclass
class Reference:
    text: str
    authors: list[str]
    surnames: list[str]
    year: str
    element: etree._Element


_REF_YEAR = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>\d{4}[a-z]?|n\.d\.)\)\.\s*(?P<rest>.*)$")
_REF_NOYEAR = re.compile(
    r"^(?P<authors>(?:[^\W\d_][\w’'-]*(?:\s[^\W\d_][\w’'-]*)?,\s*(?:[^\W\d_]\.\s*)+(?:,?\s*&\s*|,\s*)?)+)\s*(?P<rest>[^\W\d_].*)$"
)


def _split_authors(s: str) -> list[str]:
    parts = re.split(r",?\s*&\s*|(?<=\.),\s*(?=[^\W\d_][\w’'-]+,)", s.strip())
    return [p.strip() for p in parts if p.strip()]


def _markdown_title(parent: etree._Element, text: str, level: str, doc_lang: str) -> None:
    lang = detect_lang(re.sub(r"\*", "", text), doc_lang)
    title = sub(parent, "title", level=level, lang=lang if lang != doc_lang else None)
    add_inline(title, text, markdown=True, urls=False)


def parse_reference(text: str, doc_lang: str, ids: IdMaker) -> Reference:
    """A ``bibl`` for one APA-like reference entry, keeping every character of ``text``."""
    bibl = new("bibl")
    m = _REF_YEAR.match(text) or _REF_NOYEAR.match(text)
    if not m:
        add_inline(bibl, text, markdown=True)
        bibl.set("{http://www.w3.org/XML/1998/namespace}id", ids("bib"))
        return Reference(text, [], [], "", bibl)
    authors_raw = m.group("authors")
    authors_text = authors_raw.strip()
    authors = _split_authors(authors_text)
    # authors, each as written, with the separators between them as text
    pos = 0
    for a in authors:
        i = authors_text.find(a, pos)
        append_text(bibl, authors_text[pos:i])
        sub(bibl, "author", a)
        pos = i + len(a)
    append_text(bibl, authors_text[pos:])
    append_text(bibl, authors_raw[len(authors_raw.rstrip()) :])
    year = m.groupdict().get("year") or ""
    head_end = m.start("rest")
    between = text[m.end("authors") : head_end]
    if year:
        ys = between.find(year)
        append_text(bibl, between[:ys])
        sub(bibl, "date", year, when=year[:4] if year[:4].isdigit() else None)
        append_text(bibl, between[ys + len(year) :])
    else:
        append_text(bibl, between)
    rest = m.group("rest")
    # title = up to the first ". " (or "? ") that is not inside parentheses
    depth, cut = 0, None
    for i, ch in enumerate(rest):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ".?" and (i + 1 == len(rest) or rest[i + 1] == " "):
            cut = i
            break
    if cut is None:
        _markdown_title(bibl, rest, "m", doc_lang)
    else:
        title, container = rest[:cut], rest[cut + 1 :]
        container_s = container.strip()
        _parse_container(bibl, title, container, container_s, doc_lang)
    bibl.set("{http://www.w3.org/XML/1998/namespace}id", ids("bib"))
    surnames = [re.split(r",", a)[0].strip() for a in authors]
    return Reference(text, authors, surnames, year[:4], bibl)


_CONTAINER = re.compile(
    r"^(?P<title>.+?)"
    r"(?:,\s*(?P<vol>\*?[\w]+\*?)?(?:\((?P<issue>[^)]+)\))?)?"
    r"(?:,\s*(?P<pages>\d+\s*[-–]\s*\d+))?"
    r"(?P<end>\.?)$"
)


def _parse_container(bibl, title: str, container: str, container_s: str, doc_lang: str) -> None:
    m = _CONTAINER.match(container_s) if container_s else None
    if not m or not container_s:
        _markdown_title(bibl, title, "m", doc_lang)
        append_text(bibl, "." + container)
        return
    _markdown_title(bibl, title, "a", doc_lang)
    lead = container[: len(container) - len(container.lstrip())]
    append_text(bibl, "." + lead)
    _markdown_title(bibl, m.group("title"), "j", doc_lang)
    pos = m.end("title")
    if m.group("vol") or m.group("issue"):
        start = m.start("vol") if m.group("vol") else m.start("issue") - 1
        append_text(bibl, container_s[pos:start])
        if m.group("vol"):
            scope = sub(bibl, "biblScope", unit="volume")
            add_inline(scope, m.group("vol"), markdown=True, urls=False)
            pos = m.end("vol")
        if m.group("issue"):
            append_text(bibl, container_s[pos : m.start("issue")])
            sub(bibl, "biblScope", m.group("issue"), unit="issue")
            pos = m.end("issue")
    if m.group("pages"):
        append_text(bibl, container_s[pos : m.start("pages")])
        p = m.group("pages")
        sub(bibl, "biblScope", p, unit="page")
        pos = m.end("pages")
    append_text(bibl, container_s[pos:])


# --------------------------------------------------------------------------- inline


class Inline:
    """Renders the running text of one document (citations, quotations, foreign phrases)."""

    def __init__(self, meta: SourceMeta, references: list[Reference], markdown: bool):
        self.meta = meta
        self.doc_lang = meta.language
        self.references = references
        self.markdown = markdown
        self.quote_min = int(meta.options.get("quote_min_words", 6))
        self.titles = list(meta.options.get("citation_titles", []))
        self.foreign = meta.options.get("foreign", {})
        self.used_citations = False
        self.used_quotes = False
        self.used_foreign: set[str] = set()

    def _leaf(self, parent: etree._Element, text: str) -> None:
        add_inline(parent, text, markdown=self.markdown, urls=True)

    def render(self, parent: etree._Element, text: str) -> None:
        spans: list[Span] = []
        for a, b in balanced_parens(text):
            bibl = parse_citation(text[a + 1 : b - 1], self.doc_lang, self.titles)
            if bibl is not None:
                spans.append(Span(a + 1, b - 1, self._put(bibl), priority=2))
        surnames = {s.casefold(): r for r in self.references for s in r.surnames[:1]}
        if surnames:
            for m in re.finditer(r"(?<!\w)([^\W\d_][\w’'-]+) \((\d{4})\)", text):
                ref = surnames.get(m.group(1).casefold())
                if ref is not None:
                    spans.append(Span(m.start(), m.end(), self._narrative(ref, m), priority=2))
        for m in re.finditer(r"“([^“”]+)”", text):
            if len(m.group(1).split()) >= self.quote_min:
                spans.append(Span(m.start(), m.end(), wrap_span("quote"), priority=1))
                self.used_quotes = True
        fspans = phrase_spans(text, self.foreign)
        for lang, phrases in self.foreign.items():
            if any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", text) for p in phrases):
                self.used_foreign.add(lang)
        spans += fspans
        render_spans(parent, text, spans, leaf=self._leaf)

    def _put(self, bibl: etree._Element):
        def make(parent, segment):
            parent.append(bibl)
            self.used_citations = True
            for t in bibl.iter("{*}title"):
                lang = t.get("{http://www.w3.org/XML/1998/namespace}lang")
                if lang:
                    self.meta.use_language(lang)
            return None

        return make

    def _narrative(self, ref: Reference, m: re.Match):
        def make(parent, segment):
            bibl = sub(
                parent,
                "bibl",
                type="citation",
                corresp="#" + ref.element.get("{http://www.w3.org/XML/1998/namespace}id"),
            )
            sub(bibl, "author", m.group(1))
            append_text(bibl, " (")
            sub(bibl, "date", m.group(2), when=m.group(2))
            append_text(bibl, ")")
            self.used_citations = True
            return None

        return make


# --------------------------------------------------------------------------- structure


def _level(block: Block, state: dict) -> int:
    """Hierarchy of a heading.

    * a usual section name (Introduction, Methodology, Conclusion …) -> level 1;
    * ``N. Text``: inside a level-1 named section whose numbering it continues (or
      starts) -> level 2; a ``1.`` that restarts the numbering after a named section
      already had numbered subsections opens a numbered top-level sequence -> level 1,
      and so does a number that continues such a sequence;
    * any other heading -> one below the current numbered section (or level 1).
    """
    name = _norm(block.text)
    if not block.number and name in MAJOR_SECTIONS | ABSTRACT_HEADINGS:
        state.update(top="named", last_sub=0, last_top_num=0)
        return 1
    if block.number:
        num = int(block.number.split(".")[0])
        if state.get("top") == "named" and (num == state.get("last_sub", 0) + 1):
            state["last_sub"] = num
            return 2
        if state.get("top") == "numbered" and num == state.get("last_top_num", 0) + 1 or num == 1:
            state.update(top="numbered", last_top_num=num, last_sub=0)
            return 1
        state["last_sub"] = num
        return 2
    return 2 if state.get("top") else 1


def _keywords(parent: etree._Element, text: str, lang: str, meta: SourceMeta) -> None:
    """``term`` for each comma-separated keyword (a final full stop stays outside)."""
    body = text.rstrip()
    end = ""
    if body.endswith("."):
        body, end = body[:-1], "."
    terms = [t for t in re.split(r"(,\s*)", body)]
    collected = []
    for piece in terms:
        if re.fullmatch(r",\s*", piece) or not piece.strip():
            append_text(parent, piece)
        else:
            sub(parent, "term", piece)
            collected.append(piece.strip())
    append_text(parent, end + text[len(text.rstrip()) :])
    if lang not in meta.keywords:
        meta.keywords[lang] = collected


def to_tei(text: str, meta: SourceMeta, *, today: str | None = None) -> etree._ElementTree:
    """Convert plain article text to a TEI document (see the module documentation)."""
    ids = IdMaker(meta.key)
    doc_lang = meta.language
    meta.use_language(doc_lang)
    cleaned = clean(text, meta)
    blocks = split_blocks(cleaned.text, meta)
    markdown = bool(meta.options.get("markdown", re.search(r"(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])", cleaned.text)))

    # references first: the running text links narrative citations to them
    references: list[Reference] = []
    in_refs = False
    for b in blocks:
        if b.kind == "heading":
            in_refs = _norm(b.text) in REFERENCE_HEADINGS
        elif in_refs and b.kind in ("item", "p"):
            references.append(parse_reference(b.text, doc_lang, ids))
    inline = Inline(meta, references, markdown)

    front, body, back = new("front"), new("body"), new("back")
    title_page = None
    part = body  # front, body or back
    stack: list[tuple[int, etree._Element]] = []  # (level, div)
    state: dict = {}
    pending_pb = False
    current_list: etree._Element | None = None
    last_para: etree._Element | None = None
    last_block: Block | None = None
    foreign_div: etree._Element | None = None
    ref_iter = iter(references)
    seen_body_heading = False
    joined = 0
    pb_count = 0

    def target() -> etree._Element:
        return stack[-1][1] if stack else part

    first_page = meta.options.get("first_page")

    def new_pb(where: etree._Element) -> None:
        nonlocal pb_count
        pb_count += 1
        if first_page is not None:
            sub(where, "pb", n=str(int(first_page) + pb_count))

    def put_pb(where: etree._Element) -> None:
        nonlocal pending_pb
        if pending_pb:
            new_pb(where)
            pending_pb = False

    for b in blocks:
        if b.kind == "front":
            if title_page is None:
                title_page = sub(front, "titlePage")
            _front_element(title_page, b.text, meta, inline)
            continue
        if b.page_end_before:
            # a paragraph cut by the page end continues in this block
            if (
                last_para is not None
                and last_block is not None
                and b.kind == "p"
                and last_block.kind in ("p", "item")
                and not _FINAL.search(last_block.text)
            ):
                append_text(last_para, " ")
                new_pb(last_para)
                inline.render(last_para, b.text)
                last_block = b
                joined += 1
                continue
            pending_pb = True
        if b.kind == "heading":
            current_list = None
            name = _norm(b.text)
            lang = detect_lang(b.text, doc_lang)
            current_foreign = (
                foreign_div.get("{http://www.w3.org/XML/1998/namespace}lang") if foreign_div is not None else None
            )
            if lang != doc_lang and name in ABSTRACT_HEADINGS and lang != current_foreign:
                # a summary in another language without a title of its own
                part = back
                stack.clear()
                foreign_div = sub(back, "div", type="summary", lang=lang, id=ids("div"))
                meta.use_language(lang)
                stack.append((0, foreign_div))
                state.clear()
            if lang != doc_lang and name not in ABSTRACT_HEADINGS:
                # the title of a summary in another language: opens a div in back
                part = back
                stack.clear()
                foreign_div = sub(back, "div", type="summary", lang=lang, id=ids("div"))
                meta.use_language(lang)
                put_pb(foreign_div)
                head = sub(foreign_div, "head", type="title")
                inline.render(head, b.text)
                stack.append((0, foreign_div))
                state.clear()
                last_block, last_para = b, None
                continue
            if foreign_div is not None and name in ABSTRACT_HEADINGS:
                div = sub(foreign_div, "div", type="abstract", id=ids("div"))
                stack[:] = [(0, foreign_div), (1, div)]
            elif name in ABSTRACT_HEADINGS and not seen_body_heading:
                div = sub(front, "div", type="abstract", id=ids("div"))
                stack[:] = [(1, div)]
                part = front
            else:
                if name in REFERENCE_HEADINGS:
                    part = back
                    stack.clear()
                elif part is front:
                    part = body
                    stack.clear()
                seen_body_heading = True
                level = _level(b, state)
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent = target()
                kind = "bibliography" if name in REFERENCE_HEADINGS else "section"
                div = sub(parent, "div", type=kind, n=b.number or None, id=ids("div"))
                stack.append((level, div))
            put_pb(div)
            head = sub(div, "head")
            inline.render(head, b.text)
            last_block, last_para = b, None
            continue
        parent = target()
        if b.kind == "label":
            if b.label_kind == "abstract" and not stack:
                where = front if not seen_body_heading else parent
                div = sub(where, "div", type="abstract", id=ids("div"))
                parent = div
            elif b.label_kind == "keywords" and not stack:
                where = front if not seen_body_heading else parent
                div = sub(where, "div", type="keywords", id=ids("div"))
                parent = div
            put_pb(parent)
            p = sub(parent, "p")
            sub(p, "label", b.label)
            rest = b.text[len(b.label) :]
            block_lang = (
                foreign_div.get("{http://www.w3.org/XML/1998/namespace}lang") if foreign_div is not None else doc_lang
            )
            if b.label_kind == "keywords":
                append_text(p, rest[: len(rest) - len(rest.lstrip())])
                _keywords(p, rest.lstrip(), block_lang or detect_lang(rest, doc_lang), meta)
            else:
                inline.render(p, rest)
            last_block, last_para = b, p
            current_list = None
            continue
        if (
            b.kind == "item" and _norm(getattr(stack[-1][1].find("{*}head"), "text", "") or "") in REFERENCE_HEADINGS
            if stack
            else False
        ):
            lb = parent.find("{*}listBibl")
            if lb is None:
                lb = sub(parent, "listBibl")
            put_pb(lb)
            lb.append(next(ref_iter).element)
            last_block, last_para = b, None
            continue
        if b.kind == "item":
            if current_list is None or current_list.getparent() is not parent:
                put_pb(parent)
                current_list = sub(parent, "list", rend="bulleted")
            put_pb(current_list)
            item = sub(current_list, "item")
            inline.render(item, b.text)
            last_block, last_para = b, item
            continue
        current_list = None
        put_pb(parent)
        p = sub(parent, "p")
        inline.render(p, b.text)
        last_block, last_para = b, p

    _record_decisions(meta, inline, joined, pb_count, bool(references), title_page is not None, first_page is not None)
    tree = build_tei(meta, body, front if len(front) else None, back if len(back) else None, today=today)
    _lang_cleanup(tree.getroot())
    return tree


def _front_element(title_page: etree._Element, line: str, meta: SourceMeta, inline: Inline) -> None:
    n = _norm(line)
    if meta.title and n == _norm(meta.title):
        dt = sub(title_page, "docTitle")
        inline.render(sub(dt, "titlePart", type="main"), line)
    elif any(n == _norm(a.name) for a in meta.authors):
        sub(title_page, "docAuthor", line)
    elif meta.venue and n == _norm(meta.venue):
        di = sub(title_page, "docImprint")
        sub(di, "title", line, level="j")
    elif re.match(r"(?i)^e?-?issn\b", line):
        sub(title_page, "docImprint", line)
    else:
        bl = sub(title_page, "byline")
        add_inline(bl, line, markdown=False, urls=True)


def _record_decisions(
    meta: SourceMeta, inline: Inline, joined: int, pbs: int, refs: bool, front: bool, numbered: bool
) -> None:
    meta.add_decision(
        "normalization",
        "Leading and trailing spaces of each line of the transcription are not kept; all "
        "other characters, including spelling, punctuation and inconsistencies of the "
        "source, are kept as written.",
        key="whitespace",
    )
    meta.add_decision(
        "segmentation",
        "Each line of the transcription is a paragraph, list item or heading. Headings are "
        "the short lines without final punctuation; their hierarchy follows the numbering "
        "and the usual section names of a journal article. Abstracts and keywords in other "
        "languages are divisions with xml:lang.",
        key="blocks",
    )
    if front:
        meta.add_decision(
            "segmentation",
            "The journal front matter before the abstract (journal name, ISSN, title, author, "
            "affiliation and DOI) is encoded as front/titlePage.",
            key="front",
        )
    if pbs:
        if numbered:
            text = (
                f"Page ends ({pbs}; runs of three or more blank lines in the transcription) are "
                "marked with pb and the number of the page that begins, counted from the "
                "first page given in the import metadata."
                + (f" Paragraphs cut by a page end ({joined}) are re-joined, with pb at the cut." if joined else "")
            )
        else:
            text = (
                f"The transcription shows {pbs} page ends (runs of three or more blank lines). "
                "The page numbers are neither given nor derivable, so the page ends are not "
                "marked." + (f" Paragraphs cut by a page end ({joined}) are re-joined with a space." if joined else "")
            )
        meta.add_decision("segmentation", text, key="page-ends")
    if inline.used_citations:
        meta.add_decision(
            "interpretation",
            "Author–date citations are encoded as bibl with author (or title where the "
            "citation names a work), date and citedRange; the parentheses stay outside. "
            "Citations of archive documents by their Russian titles are bibl "
            'subtype="archival" with title level="u" (unpublished) xml:lang="ru". Names are not yet linked to the registers.',
            key="citations",
        )
    if refs:
        meta.add_decision(
            "interpretation",
            "The reference list is a listBibl of bibl entries with author, date, title "
            "(@level a/j/m), biblScope for volume, issue and pages; the punctuation of each "
            "entry is kept as text. Markdown asterisks for italics are encoded as "
            'hi rend="italic" and removed.',
            key="references",
        )
    if inline.used_quotes:
        meta.add_decision(
            "quotation",
            f"Quotations in curly double quotation marks of {inline.quote_min} words or more "
            "are marked with quote; the quotation marks are kept inside quote as printed. "
            "Shorter quoted expressions are left as text.",
            key="quotes",
        )
    if inline.used_foreign:
        for lang in inline.used_foreign:
            meta.use_language(lang)
        meta.add_decision(
            "interpretation",
            "Words and phrases in another language inside the running text are marked with foreign and xml:lang.",
            key="foreign",
        )


def _lang_cleanup(root: etree._Element) -> None:
    """Drop an ``xml:lang`` that repeats the language in force (inherited from an ancestor)."""
    key = "{http://www.w3.org/XML/1998/namespace}lang"
    for el in root.iter():
        if el is root or not isinstance(el.tag, str) or el.get(key) is None:
            continue
        parent = el.getparent()
        inherited = None
        while parent is not None:
            if parent.get(key) is not None:
                inherited = parent.get(key)
                break
            parent = parent.getparent()
        if inherited == el.get(key) and etree.QName(el).localname not in ("biblStruct", "keywords"):
            del el.attrib[key]
