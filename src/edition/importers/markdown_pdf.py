"""Importer for Markdown converted from a PDF (theses, reports, books with footnotes).

The shape of source this module reads is what PDF-to-Markdown converters produce from a
paginated, footnoted document:

* a title page (short lines, hard line breaks ``"  \\n"``) before the first heading;
* ``#``/``##``/``###`` headings, the whole heading often wrapped in ``*…*`` or ``**…**``;
* a table of contents: lines ``Title<TAB>page`` (chapters in ``<b>…</b>``);
* note markers ``<sup>N</sup>`` in the running text;
* at every page end a ``---`` line followed by the texts of the notes of that page, each
  starting with ``<sup>N</sup>``; a note may run on in further paragraphs (typically a URL
  on a line of its own), even at the top of the next page's note block;
* paragraphs cut by those page ends (the text of the page resumes after the note block);
* inline Markdown: ``*italic*``, ``**bold**``, ``***both***``, ``[text](url)``,
  ``<url>``, backslash escapes, ``<sup>th</sup>``.

:func:`to_tei` turns it into TEI: notes at their anchors (``note place="foot"``) with
their citations as ``bibl``, ``pb`` at every page end (numbers anchored on the page
numbers of the table of contents), paragraphs re-joined across page ends, the heading
hierarchy as nested ``div``/``head``, the table of contents once in ``front``, the title
page as ``titlePage``. Every heuristic fails safe: what is not recognised is kept as
plain text, never dropped or reordered.

Options (``SourceMeta.options``): ``foreign`` ({lang: [words]}): an italic span that is wholly
one of these words (transliterations, say) is marked ``foreign`` with that language.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from lxml import etree

from .common import (
    XML_ID,
    XML_LANG,
    IdMaker,
    SourceMeta,
    T,
    append_text,
    build_tei,
    local,
    new,
    sub,
)

# --------------------------------------------------------------------------- constants

#: Scripts recognised in running text and the language their runs are given.
SCRIPT_LANGS: tuple[tuple[str, str], ...] = (
    ("\u0531-\u058f\ufb13-\ufb17", "hy"),  # Armenian
    ("\u0400-\u04ff", "ru"),  # Cyrillic (taken as Russian)
)

MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
_MONTH_RE = "|".join(MONTHS)

_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NOTE_START = re.compile(r"^<sup>(\d+)</sup>\s*")
_MARKER = re.compile(r"<sup>(\d+)</sup>")
_TOC_LINE = re.compile(r"^(?P<title>.+?)\t+(?P<page>(?:<b>)?\s*\d+\s*(?:</b>)?)\s*$")
_URL_ONLY = re.compile(r"^(?:<https?://[^>\s]+>|\[[^\]]*\]\(https?://[^)\s]+\))$")
_ESCAPABLE = "\\`*_{}[]()#+-.!|$<>\"'~^&@:;,/="


# --------------------------------------------------------------------------- blocks


@dataclass
class Block:
    """One blank-line-separated block of the source."""

    kind: str  # "rule", "heading", "note", "para"
    text: str
    line: int
    level: int = 0
    n: int = 0


def split_blocks(text: str) -> list[Block]:
    """Blocks separated by blank lines, classified (rule / heading / note / paragraph)."""
    blocks: list[Block] = []
    cur: list[str] = []
    start = 0
    for i, line in enumerate(text.split("\n") + [""], 1):
        if line.strip():
            if not cur:
                start = i
            cur.append(line.rstrip("\r"))
            continue
        if cur:
            blocks.append(_classify("\n".join(cur), start))
            cur = []
    return blocks


def _classify(raw: str, line: int) -> Block:
    one = raw.strip()
    if _RULE.match(one):
        return Block("rule", one, line)
    m = _HEADING.match(one) if "\n" not in one else None
    if m:
        return Block("heading", m.group(2), line, level=len(m.group(1)))
    m = _NOTE_START.match(one)
    if m:
        return Block("note", one[m.end() :], line, n=int(m.group(1)))
    return Block("para", raw, line)


def _flat(text: str) -> str:
    """A paragraph's lines joined: a Markdown hard break or a soft wrap becomes one space."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text.strip())


# --------------------------------------------------------------------------- pages


@dataclass
class Stream:
    """The source split into reading text and notes."""

    events: list[tuple] = field(
        default_factory=list
    )  # ("para", text, line) | ("heading", level, text, line) | ("pb", k)
    notes: dict[int, str] = field(default_factory=dict)
    note_lines: dict[int, int] = field(default_factory=dict)
    page_ends: int = 0
    continued_notes: list[int] = field(default_factory=list)  # notes running on past a page end


def paginate(blocks: list[Block]) -> Stream:
    """Separate the note blocks from the reading text; mark page ends as ``("pb", k)``.

    After a ``---`` line, note paragraphs (``<sup>N</sup> …``) are collected. A paragraph
    without a marker in that zone belongs to the last note when the next block is another
    note or when it is a bare link (a URL broken onto its own line); otherwise the zone is
    over and the text of the next page resumes.
    """
    s = Stream()
    zone = False
    last_note = 0
    notes_in_zone = 0
    for i, b in enumerate(blocks):
        if b.kind == "rule":
            s.page_ends += 1
            s.events.append(("pb", s.page_ends))
            zone = True
            notes_in_zone = 0
            continue
        if zone and b.kind == "note":
            if b.n in s.notes:
                raise ValueError(f"line {b.line}: note {b.n} occurs twice")
            s.notes[b.n] = _flat(b.text)
            s.note_lines[b.n] = b.line
            last_note = b.n
            notes_in_zone += 1
            continue
        if zone and b.kind == "para" and last_note:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            flat = _flat(b.text)
            if (nxt is not None and nxt.kind == "note") or _URL_ONLY.match(flat):
                if not notes_in_zone:
                    s.continued_notes.append(last_note)
                s.notes[last_note] += " " + flat
                continue
        zone = False
        if b.kind == "heading":
            s.events.append(("heading", b.level, b.text, b.line))
        elif b.kind == "note":
            # a note paragraph outside a note block: keep it as text, never drop it
            s.events.append(("para", f"<sup>{b.n}</sup> " + b.text, b.line))
        else:
            s.events.append(("para", b.text, b.line))
    return s


# --------------------------------------------------------------------------- inline Markdown


def unescape(text: str) -> str:
    """Resolve Markdown backslash escapes (``\\$`` -> ``$``)."""
    return re.sub(r"\\([" + re.escape(_ESCAPABLE) + "])", r"\1", text)


def _find_closer(text: str, start: int, delim: str) -> int:
    """Index of the closing ``delim`` for an emphasis opened before ``start``, or -1."""
    i = start
    n = len(delim)
    while True:
        j = text.find(delim, i)
        if j < 0:
            return -1
        if text[j - 1] == "\\":
            i = j + 1
            continue
        if j > start and not text[j - 1].isspace():
            after = text[j + n : j + n + 1]
            if n == 1 and after == "*":
                # "**" inside a single-star span: skip the pair (nested bold)
                k = text.find("**", j + 2)
                i = (k + 2) if k >= 0 else j + 2
                continue
            if not (after.isalnum() and text[j - 1].isalnum() and delim == "_"):
                return j
        i = j + 1


def _link_end(text: str, i: int) -> tuple[int, str, str] | None:
    """Parse ``[label](url)`` at ``i``: (end, label, url) or None."""
    depth = 0
    j = i
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                break
        j += 1
    else:
        return None
    if text[j + 1 : j + 2] != "(":
        return None
    k = j + 2
    depth = 1
    while k < len(text):
        c = text[k]
        if c.isspace():
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return k + 1, text[i + 1 : j], text[j + 2 : k]
        k += 1
    return None


def _deep_unescape(text: str) -> str:
    prev = None
    while prev != text:
        prev, text = text, unescape(text)
    return text


class Inline:
    """Turns one paragraph of inline Markdown into TEI nodes appended to a parent."""

    def __init__(self, on_marker=None, foreign_terms: dict[str, str] | None = None, langs_used: set | None = None):
        self.on_marker = on_marker  # callable(parent, n) or None: keep markers as text
        self.foreign_terms = {k.lower(): v for k, v in (foreign_terms or {}).items()}
        self.langs_used = langs_used if langs_used is not None else set()

    # text with script runs -> foreign
    def text(self, parent: etree._Element, s: str) -> None:
        if not s:
            return
        if parent.get(XML_LANG) and local(parent) in ("title", "foreign"):
            append_text(parent, s)
            return
        pos = 0
        for m in _SCRIPT_RUN.finditer(s):
            lang = next(lang for i, (_, lang) in enumerate(SCRIPT_LANGS) if m.group(f"s{i}"))
            append_text(parent, s[pos : m.start()])
            sub(parent, "foreign", m.group(0), lang=lang)
            self.langs_used.add(lang)
            pos = m.end()
        append_text(parent, s[pos:])

    def __call__(self, parent: etree._Element, s: str) -> None:
        buf: list[str] = []
        i = 0
        n = len(s)

        def flush():
            if buf:
                self.text(parent, "".join(buf))
                buf.clear()

        while i < n:
            c = s[i]
            if c == "\\" and i + 1 < n and s[i + 1] in _ESCAPABLE:
                buf.append(s[i + 1])
                i += 2
                continue
            if c == "<":
                m = _SUP.match(s, i)
                if m:
                    flush()
                    if m.group(1).isdigit() and self.on_marker is not None:
                        self.on_marker(parent, int(m.group(1)))
                    else:
                        self(sub(parent, "hi", rend="superscript"), m.group(1))
                    i = m.end()
                    continue
                m = _AUTOLINK.match(s, i)
                if m:
                    flush()
                    sub(parent, "ptr", target=m.group(1))
                    i = m.end()
                    continue
                m = _HTML_B.match(s, i)
                if m:
                    flush()
                    self(sub(parent, "hi", rend="bold"), m.group(1))
                    i = m.end()
                    continue
            if c == "[":
                link = _link_end(s, i)
                if link:
                    end, label, url = link
                    flush()
                    if _deep_unescape(label) == url:
                        sub(parent, "ptr", target=url)
                    else:
                        self(sub(parent, "ref", target=url), label)
                    i = end
                    continue
            if c == "*" and i + 1 < n and not s[i + 1].isspace():
                run = len(s[i : i + 3]) - len(s[i : i + 3].lstrip("*"))
                for delim in ("***", "**", "*")[3 - run :] if run <= 3 else ():
                    body_start = i + len(delim)
                    if body_start >= n or s[body_start].isspace():
                        continue
                    j = _find_closer(s, body_start, delim)
                    if j > body_start:
                        flush()
                        inner = s[body_start:j]
                        self.emphasis(parent, delim, inner)
                        i = j + len(delim)
                        break
                else:
                    buf.append(c)
                    i += 1
                continue
            buf.append(c)
            i += 1
        flush()

    def emphasis(self, parent: etree._Element, delim: str, inner: str) -> None:
        if delim == "***":
            el = sub(sub(parent, "hi", rend="bold"), "hi", rend="italic")
        elif delim == "**":
            el = sub(parent, "hi", rend="bold")
        else:
            el = sub(parent, "hi", rend="italic")
            lang = self.foreign_terms.get(_deep_unescape(inner).strip().lower())
            if lang:
                el = sub(el, "foreign", lang=lang)
                self.langs_used.add(lang)
        self(el, inner)


_SUP = re.compile(r"<sup>([^<]{1,12})</sup>")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_HTML_B = re.compile(r"<b>(.*?)</b>")
_SCRIPT_RUN = re.compile(
    "|".join(
        f"(?P<s{i}>[{chars}]+(?:[\\s\\-–—,.:;!?«»()0-9]*[{chars}]+)*)" for i, (chars, _) in enumerate(SCRIPT_LANGS)
    )
)


# --------------------------------------------------------------------------- citations in notes

_AUTH_SOCIAL = r"(?:@\w+|Facebook|Twitter|YouTube|Telegram|Instagram)"
_Q_TITLE = re.compile(r"“(?P<c>[^”]+)”|\"(?P<s>[^\"]+)\"")
_I_TITLE = re.compile(r"\*(?P<t>[^*\s](?:[^*]*?[^*\s])?)\*(?!\*)")
_DATE = re.compile(
    rf"(?P<md>(?P<m1>{_MONTH_RE})\.? (?P<d1>\d{{1,2}}),? (?P<y1>\d{{4}}))"
    rf"|(?P<my>(?P<m2>{_MONTH_RE}),? (?P<y2>\d{{4}}))"
    r"|(?P<py>(?<=\()(?P<y3>1[5-9]\d\d|20\d\d)(?=\)))"
    r"|(?P<y>(?<=[ ,])(?P<y4>1[5-9]\d\d|20[0-4]\d)(?=[,.;]|$))"
)
_PAGES = r"(?:[ivxlcdm]+|\d+)(?:\s?[-–]\s?(?:[ivxlcdm]+|\d+))?(?:,\s?(?:[ivxlcdm]+|\d+)(?:\s?[-–]\s?(?:[ivxlcdm]+|\d+))?)*|\d{1,2}:\d\d(?:\s?[-–]\s?\d{1,2}:\d\d)?"
_IBID = re.compile(rf"^(?P<ibid>\*Ibid\.?\*|\*Ibid\*\.|Ibid\.?)(?P<sep>,?\s*)(?P<pp>{_PAGES})?(?P<end>\.?)$")
_SHORT = re.compile(
    rf"^(?P<a>[A-Z][^*“\"<>\[\]().:;]{{0,60}}?|(?:de|van|von|van der|al-) [A-Z][^*“\"<>\[\]().:;]{{0,50}}?)"
    rf"(?P<s1>[,.]\s)(?:\*(?P<t>[^*]+)\*(?P<s2>,?\s?))?(?P<pp>{_PAGES})(?P<end>\.?)$"
)
_AUTHOR_ONLY = re.compile(
    r"^(?P<a>(?:(?:de|van|von) )?[A-Z][\w’'-]+(?:(?:,? and |, )(?:(?:de|van|von) )?[A-Z][\w’'-]+){0,2})(?P<end>\.?)$"
)
#: A short form without the comma: one surname and the pages ("Croissant 37.").
_SHORT_BARE = re.compile(
    r"^(?P<a>(?:(?:de|van|von) )?[A-Z][\w’'-]+)(?P<s1>\s)(?P<pp>\d+(?:\s?[-–]\s?\d+)?)(?P<end>\.?)$"
)
_SHORT_TITLE = re.compile(
    r"^(?P<a>[A-Z][^*“\"<>\[\]().:;]{0,60}?|(?:de|van|von|van der|al-) [A-Z][^*“\"<>\[\]().:;]{0,50}?)"
    r"(?P<s1>,\s)\*(?P<t>[^*]+)\*(?P<end>\.?)$"
)
_IMPRINT = re.compile(
    r"^(?P<pre>\.?\s+)(?P<place>[A-Z][A-Za-z .'-]+?(?:, [A-Z]{2})?)(?P<s1>:\s)(?P<pub>[^,:.;]+(?:\.[^,:;\d ]+)?)"
    r"(?P<s2>,\s)(?P<date>\d{4})(?P<rest>.*)$"
)
_AUTHOR = re.compile(
    r"^(?P<a>(?:[A-Z]|de |van |von |al-|d’|d')[^.;“\"*<>\[\]]*?(?:\s[A-Z]\.)*(?:\s\*et al\.\*)?)"
    rf"(?P<s>\.\s+(?:{_AUTH_SOCIAL}\.\s+)*|(?<=\*)\s+)$"
)


@dataclass
class Seg:
    """A piece of a citation: ``tag`` None for plain text, else the element to make."""

    tag: str | None
    md: str
    attrs: dict = field(default_factory=dict)
    wrap: str = ""  # Markdown wrapper removed around md ("*")

    def source(self) -> str:
        return self.wrap + self.md + self.wrap


def _iso(m: re.Match | None) -> str | None:
    if m is None:
        return None
    if m.group("md"):
        mo, d, y = MONTHS[m.group("m1")], int(m.group("d1")), int(m.group("y1"))
        try:
            _dt.date(y, mo, d)
        except ValueError:
            return None
        return f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group("my"):
        return f"{int(m.group('y2')):04d}-{MONTHS[m.group('m2')]:02d}"
    return m.group("y3") or m.group("y4")


def _title_segs(md: str, level: str, wrap: str = "") -> list[Seg]:
    """A title; a final "." or "," inside quotation marks stays outside the element."""
    core, punct = (md[:-1], md[-1]) if md[-1:] in (".", ",") else (md, "")
    if not core:
        return [Seg(None, wrap + md + wrap)]
    segs = [Seg("title", core, {"level": level}, wrap="" if not wrap else wrap)]
    if punct:
        if wrap:  # *Title.* : keep the whole thing inside (rare); do not split Markdown
            return [Seg("title", md, {"level": level}, wrap=wrap)]
        segs.append(Seg(None, punct))
    return segs


def parse_citation(md: str) -> list[Seg] | None:
    """Segments of one citation in Chicago style, or None when it is not recognised.

    The segments' source text, concatenated, is always exactly ``md``.
    """
    s = md.strip()
    if s != md or not s:
        return None
    m = _IBID.match(s)
    if m:
        segs = [Seg(None, m.group("ibid"))]
        if m.group("pp"):
            segs += [Seg(None, m.group("sep")), Seg("citedRange", m.group("pp"))]
        elif m.group("sep"):
            segs.append(Seg(None, m.group("sep")))
        if m.group("end"):
            segs.append(Seg(None, m.group("end")))
        return segs
    m = _AUTHOR_ONLY.match(s)
    if m:
        return _authors(m.group("a")) + ([Seg(None, m.group("end"))] if m.group("end") else [])
    m = _SHORT.match(s) or _SHORT_TITLE.match(s) or _SHORT_BARE.match(s)
    if m and not _DATE.search(m.group("a")):
        g = m.groupdict()
        segs = _authors(g["a"]) + [Seg(None, g["s1"])]
        if g.get("t"):
            segs.append(Seg("title", g["t"], {"level": "m"}, wrap="*"))
            if g.get("s2"):
                segs.append(Seg(None, g["s2"]))
        if g.get("pp"):
            segs.append(Seg("citedRange", g["pp"]))
        if g["end"]:
            segs.append(Seg(None, g["end"]))
        return segs
    return _parse_full(s)


def _authors(a: str) -> list[Seg]:
    """``A``, ``A and B``, ``A, B, and C`` (surnames of a short form) as author elements."""
    if "," in a and " and " not in a:
        return [Seg("author", a)]
    parts = re.split(r"(,\s(?:and\s)?|\sand\s)", a)
    segs: list[Seg] = []
    for k, p in enumerate(parts):
        if k % 2:
            segs.append(Seg(None, p))
        elif p:
            segs.append(Seg("author", p))
    return segs


def _parse_full(s: str) -> list[Seg] | None:
    """``Author. “Article.” *Container*. Date. URL`` or ``Author. *Book*. Place: Publisher, Year, pp.``"""
    # the first title: a quoted one or an italic one (not "*et al.*")
    first_q = _Q_TITLE.search(s)
    first_i = None
    for mi in _I_TITLE.finditer(s):
        if mi.group("t").strip(" .") not in ("et al", "Ibid"):  # not titles
            first_i = mi
            break
    first = min((x for x in (first_q, first_i) if x), key=lambda x: x.start(), default=None)
    if first is None:
        return None
    segs: list[Seg] = []
    pre = s[: first.start()]
    if pre:
        ma = _AUTHOR.match(pre)
        if ma and len(ma.group("a")) <= 80:
            a = ma.group("a")
            if a.endswith("*et al.*"):
                segs += [Seg("author", a[: -len(" *et al.*")]), Seg(None, a[-len(" *et al.*") :] + ma.group("s"))]
            else:
                segs += [Seg("author", a), Seg(None, ma.group("s"))]
        else:
            segs.append(Seg(None, pre))
    pos = first.end()
    if first is first_q:
        inner = first.group("c") if first.group("c") is not None else first.group("s")
        q_open, q_close = s[first.start()], s[first.end() - 1]
        segs.append(Seg(None, q_open))
        segs += _title_segs(inner, "a")
        segs.append(Seg(None, q_close))
        # a container in italics right after ("*TASS*", "In *Book*")
        rest = s[pos:]
        mc = re.match(r"^(?P<gap>\s(?:\[[^\]]*\]\.?\s)?(?:In\s)?)\*(?P<t>[^*\s](?:[^*]*?[^*\s])?)\*(?!\*)", rest)
        if mc:
            level = "m" if "In" in mc.group("gap") else "j"
            segs.append(Seg(None, mc.group("gap")))
            segs.append(Seg("title", mc.group("t"), {"level": level}, wrap="*"))
            pos += mc.end()
    else:
        after = s[pos:]
        mq = re.match(r"^(?P<gap>\.\s)(?P<q>“(?P<c>[^”]+)”|\"(?P<s>[^\"]+)\")", after)
        if mq:  # *Periodical*. “Article.” …
            segs.append(Seg("title", first.group("t"), {"level": "j"}, wrap="*"))
            segs.append(Seg(None, mq.group("gap") + mq.group("q")[0]))
            segs += _title_segs(mq.group("c") if mq.group("c") is not None else mq.group("s"), "a")
            segs.append(Seg(None, mq.group("q")[-1]))
            pos += mq.end()
            return segs + _tail_segs(s[pos:])
        segs.append(Seg("title", first.group("t"), {"level": "m"}, wrap="*"))
        imprint = _IMPRINT.match(s[pos:])
        if imprint:
            g = imprint.groupdict()
            segs += [
                Seg(None, g["pre"]),
                Seg("pubPlace", g["place"]),
                Seg(None, g["s1"]),
                Seg("publisher", g["pub"]),
                Seg(None, g["s2"]),
                Seg("date", g["date"], {"when": g["date"]}),
            ]
            rest = g["rest"]
            mr = re.match(rf"^(,\s)({_PAGES})(\.?)$", rest)
            if mr:
                segs += [Seg(None, mr.group(1)), Seg("citedRange", mr.group(2))]
                if mr.group(3):
                    segs.append(Seg(None, mr.group(3)))
            elif rest:
                segs.append(Seg(None, rest))
            return segs
    return segs + _tail_segs(s[pos:])


def _tail_segs(tail: str) -> list[Seg]:
    """The rest of a citation after its titles: the first date is tagged."""
    segs: list[Seg] = []
    # the date, outside links and other titles
    protected = re.sub(
        r"<[^>]*>|\[[^\]]*\]\([^)]*\)|\*[^*]*\*|“[^”]*”|\"[^\"]*\"", lambda m: "\0" * len(m.group(0)), tail
    )
    md = _DATE.search(protected)
    if md:
        if md.start():
            segs.append(Seg(None, tail[: md.start()]))
        when = _iso(md)
        segs.append(Seg("date", tail[md.start() : md.end()], {"when": when} if when else {}))
        if md.end() < len(tail):
            segs.append(Seg(None, tail[md.end() :]))
    elif tail:
        segs.append(Seg(None, tail))
    return segs


def split_citations(md: str) -> list[str]:
    """Split a note at top-level "; " between citations (never inside quotes or links)."""
    parts, depth, quote, start = [], 0, False, 0
    i = 0
    while i < len(md):
        c = md[i]
        if c in "[(<":
            depth += 1
        elif c in "])>" and depth:
            depth -= 1
        elif c == "“":
            quote = True
        elif c == "”":
            quote = False
        elif c == ";" and not depth and not quote and md[i + 1 : i + 2] == " ":
            parts.append(md[start:i])
            parts.append("; ")
            start = i + 2
            i += 2
            continue
        i += 1
    parts.append(md[start:])
    return parts


def _looks_like_citation(md: str) -> bool:
    return bool(re.search(r"https?://|www\.|\*[^*]+\*|“[^”]+”|\"[^\"]+\"|\bIbid\b|\b(?:1[5-9]|20)\d\d\b", md))


# --------------------------------------------------------------------------- the converter


@dataclass
class Options:
    """Knobs of the converter (defaults fit a Chicago-style thesis)."""

    #: word -> language: an italic span that is wholly one of these words (any case) is marked
    #: ``foreign`` (from the metadata's ``options.foreign``, {lang: [words]}).
    foreign_terms: dict[str, str] = field(default_factory=dict)
    first_page: int | None = None  # number of the page the body starts on; None: from the TOC
    today: str | None = None  # date of the import change (reproducible output)


class Converter:
    def __init__(self, text: str, meta: SourceMeta, options: Options | None = None):
        self.src = text
        self.meta = meta
        self.opt = options or Options(
            foreign_terms={word: lang for lang, words in meta.options.get("foreign", {}).items() for word in words}
        )
        self.ids = IdMaker(meta.key)
        self.langs: set[str] = set()
        self.notes_placed: list[int] = []
        self.stream = Stream()
        self.stats: dict[str, int] = {}
        self.unparsed: list[tuple[str, str]] = []

    # ---- note markers
    def place_note(self, parent: etree._Element, n: int) -> None:
        text = self.stream.notes.get(n)
        if text is None:  # a marker without a note: keep it as written
            self.inline_plain(sub(parent, "hi", rend="superscript"), str(n))
            self.stats["orphan_markers"] = self.stats.get("orphan_markers", 0) + 1
            return
        if n in self.notes_placed:
            raise ValueError(f"note marker {n} occurs twice in the text")
        self.notes_placed.append(n)
        note = sub(parent, "note", place="foot", n=str(n))
        note.set(XML_ID, self.ids.claim(f"{self.meta.key}-n{n}"))
        self.fill_note(note, text)

    def inline_plain(self, parent, s):
        Inline(None, self.opt.foreign_terms, self.langs)(parent, s)

    def fill_note(self, note: etree._Element, md: str) -> None:
        inl = Inline(None, self.opt.foreign_terms, self.langs)
        if not _looks_like_citation(md) and parse_citation(md) is None:
            inl(note, md)
            self.stats["notes_prose"] = self.stats.get("notes_prose", 0) + 1
            self.unparsed.append(("prose", md))
            return
        parts = split_citations(md)
        parsed = [parse_citation(p) if k % 2 == 0 else None for k, p in enumerate(parts)]
        cits = parts[0::2]
        if len(cits) > 1 and not all(parsed[0::2]):
            parts, parsed = [md], [parse_citation(md)]
        for k, part in enumerate(parts):
            if k % 2:
                inl(note, part)
                continue
            segs = parsed[k]
            bibl = sub(note, "bibl")
            if segs is None or "".join(x.source() for x in segs) != part:
                inl(bibl, part)
                self.stats["bibl_plain"] = self.stats.get("bibl_plain", 0) + 1
                self.unparsed.append(("plain", part))
                continue
            self.stats["bibl_structured"] = self.stats.get("bibl_structured", 0) + 1
            for seg in segs:
                if seg.tag is None:
                    inl(bibl, seg.md)
                else:
                    el = sub(bibl, seg.tag, attrib=seg.attrs)
                    inl(el, seg.md)
                    if seg.tag == "title":
                        _hoist_lang(el)

    # ---- main
    def run(self) -> etree._ElementTree:
        blocks = split_blocks(self.src)
        # front: everything before the first body heading
        first_heading = next((k for k, b in enumerate(blocks) if b.kind == "heading"), len(blocks))
        title_blocks = blocks[:first_heading]
        toc_idx, toc = self.find_toc(blocks)
        body_start = self.body_start(blocks, toc, toc_idx)
        front_blocks = blocks[first_heading:body_start]
        self.stream = paginate(blocks[body_start:])
        front = new("front")
        if title_blocks:
            front.append(self.title_page(title_blocks))
        toc_div = None
        for div in self.front_divs(front_blocks, toc_idx - first_heading if toc_idx is not None else None):
            front.append(div)
            if div.get("type") == "contents":
                toc_div = div
        body = new("body")
        self.build_body(body, toc)
        if toc_div is not None:
            self.link_toc(toc_div, body)
        missing = sorted(set(self.stream.notes) - set(self.notes_placed))
        if missing:
            back = new("back")
            div = sub(back, "div", type="notes")
            sub(div, "head", "Notes without a marker in the text")
            for n in missing:
                note = sub(div, "note", place="foot", n=str(n))
                note.set(XML_ID, self.ids.claim(f"{self.meta.key}-n{n}"))
                self.fill_note(note, self.stream.notes[n])
        else:
            back = None
        self.record_decisions()
        tree = build_tei(self.meta, body, front, back, today=self.opt.today)
        return tree

    # ---- table of contents
    def find_toc(self, blocks):
        for k, b in enumerate(blocks):
            if b.kind == "para":
                lines = b.text.split("\n")
                if len(lines) >= 3 and sum(bool(_TOC_LINE.match(x)) for x in lines) >= 0.8 * len(lines):
                    entries = []
                    for x in lines:
                        m = _TOC_LINE.match(x)
                        if not m:
                            return None, None
                        title = m.group("title").strip()
                        strong = title.startswith("<b>") and title.endswith("</b>")
                        plain = re.sub(r"</?b>", "", title).strip()
                        page = int(re.sub(r"\D", "", m.group("page")))
                        entries.append({"raw": x, "title": plain, "level": 1 if strong else 2, "page": page})
                    if not any(e["level"] == 1 for e in entries):
                        for e in entries:
                            e["level"] = 1
                    return k, entries
        return None, None

    def body_start(self, blocks, toc, toc_idx) -> int:
        """Index of the first heading of the body (the first TOC entry, else after the TOC)."""
        if toc:
            want = _norm(toc[0]["title"])
            for k in range((toc_idx or 0) + 1, len(blocks)):
                if blocks[k].kind == "heading" and _norm(_strip_md(blocks[k].text)) == want:
                    return k
        if toc_idx is not None:
            return toc_idx + 1
        rule = next((k for k, b in enumerate(blocks) if b.kind == "rule"), len(blocks))
        return next((k for k in range(rule, -1, -1) if k < len(blocks) and blocks[k].kind == "heading"), 0)

    # ---- title page
    def title_page(self, blocks) -> etree._Element:
        tp = new("titlePage")
        groups = [[ln.rstrip() for ln in b.text.strip().split("\n")] for b in blocks]

        def words(x: str) -> list[str]:
            return re.findall(r"\w+", _norm(x))[:2]

        t_idx = next((k for k, g in enumerate(groups) if words(" ".join(g)) == words(self.meta.title)), None)
        for k, g in enumerate(groups):
            if t_idx is not None and k < t_idx:
                el = sub(tp, "docImprint")
                self.lines(el, g)
            elif k == t_idx:
                dt = sub(tp, "docTitle")
                dt.text = " "  # element-only: whitespace between the parts (re-indented below)
                parts = [g[0], g[1:]] if len(g) > 1 else [g[0], []]
                self.lines(sub(dt, "titlePart", type="main"), [parts[0]])
                if parts[1]:
                    self.lines(sub(dt, "titlePart", type="sub"), parts[1])
            elif g and g[0].strip().upper() == "BY":
                date_line = g[-1] if len(g) > 2 and _DATE.fullmatch(g[-1].strip().title()) else None
                names = g[1:-1] if date_line else g[1:]
                by = sub(tp, "byline")
                self.inline_plain(by, g[0].strip())
                for name in names:
                    append_text(by, " ")
                    sub(by, "lb")
                    self.lines(sub(by, "docAuthor"), [name], self.name_corrections(name))
                if date_line:
                    m = _DATE.fullmatch(date_line.strip().title())
                    d = sub(tp, "docDate", when=_iso(m))
                    self.lines(d, [date_line])
            elif t_idx is not None and k > t_idx:
                dt = tp.find(T("docTitle"))
                self.lines(sub(dt, "titlePart", type="desc"), g)
            else:
                self.lines(sub(tp, "docImprint"), g)
        for dt in tp.iter(T("docTitle")):  # element-only: indent its parts by hand
            dt.text = "\n" + "  " * 5
            for k, part in enumerate(dt):
                part.tail = "\n" + "  " * (5 if k < len(dt) - 1 else 4)
        return tp

    def name_corrections(self, line: str) -> dict[str, str]:
        """Misspelt words of an author's name on the title page, against the metadata."""
        import difflib

        fixes = {}
        known = [w for a in self.meta.authors for w in re.findall(r"[\w’'-]+", a.name)]
        for word in re.findall(r"[\w’'-]+", line):
            if any(word.lower() == k.lower() for k in known):
                continue
            close = difflib.get_close_matches(word.lower(), [k.lower() for k in known], n=1, cutoff=0.85)
            if close:
                right = next(k for k in known if k.lower() == close[0])
                fixes[word] = right.upper() if word.isupper() else right
        return fixes

    def lines(self, el, lines, corrections: dict[str, str] | None = None):
        for k, ln in enumerate(lines):
            if k:
                append_text(el, " ")  # the source's hard break is "  \n"
                sub(el, "lb")
            ln = ln.strip()
            fixed = False
            for sic, corr in (corrections or {}).items():
                if sic in ln:
                    before, after = ln.split(sic, 1)
                    self.inline_plain(el, before)
                    ch = sub(el, "choice")
                    sub(ch, "sic", sic)
                    sub(ch, "corr", corr)
                    self.inline_plain(el, after)
                    fixed = True
                    self.stats["corrections"] = self.stats.get("corrections", 0) + 1
                    break
            if not fixed:
                self.inline_plain(el, ln)

    # ---- front divisions
    def front_divs(self, blocks, toc_rel):
        divs = []
        cur = None
        for k, b in enumerate(blocks):
            if b.kind == "heading":
                cur = new("div", type=_front_type(_strip_md(b.text)))
                cur.set(XML_ID, self.ids("front"))
                self.head(cur, b.text)
                divs.append(cur)
                continue
            if cur is None:
                cur = new("div", type="section")
                divs.append(cur)
            if toc_rel is not None and k == toc_rel:
                cur.set("type", "contents")
                self.toc_list(cur, b.text)
                continue
            flat = _flat(b.text)
            if re.fullmatch(r"\*(?!\*)[^*]+\*", flat) and re.match(r"\*(Dedicated|In memory|To )", flat):
                d = new("div", type="dedication")
                d.set(XML_ID, self.ids("front"))
                self.inline_plain(sub(d, "p"), flat)
                divs.append(d)
                continue
            self.inline_plain(sub(cur, "p"), flat)
        for d in divs:
            _closer(d)
        return divs

    def toc_list(self, div, text):
        lst = sub(div, "list", type="toc")
        parent_item = None
        self.toc_items = []
        for x in text.split("\n"):
            m = _TOC_LINE.match(x)
            title, page = m.group("title").strip(), m.group("page").strip()
            strong = title.startswith("<b>")
            if strong or parent_item is None:
                item = sub(lst, "item")
                parent_item = item
                sublist = None
            else:
                if sublist is None:
                    sublist = sub(parent_item, "list")
                item = sub(sublist, "item")
            ref = sub(item, "ref")
            self.inline_plain(ref, title)
            append_text(item, " ")
            num = sub(item, "num", type="page")
            self.inline_plain(num, page)
            num.set("value", re.sub(r"\D", "", page))
            self.toc_items.append((ref, _norm(re.sub(r"</?b>", "", title))))
        # move a nested list after the text of its item, indented by hand (item is mixed
        # content, which the serialiser leaves alone)
        depth = 6  # TEI/text/front/div/list/item: the level of an item's children
        for item in lst.iter(T("item")):
            nested = item.find(T("list"))
            if nested is not None:
                item.remove(nested)
                item[-1].tail = "\n" + "  " * depth
                item.append(nested)
                nested.text = "\n" + "  " * (depth + 1)
                for k, it in enumerate(nested):
                    it.tail = "\n" + "  " * (depth + 1 if k < len(nested) - 1 else depth)
                nested.tail = "\n" + "  " * (depth - 1)

    def link_toc(self, toc_div, body):
        heads = {}
        for div in body.iter(T("div")):
            h = div.find(T("head"))
            if h is not None:
                heads.setdefault(_norm("".join(h.itertext())), div.get(XML_ID))
        for ref, key in getattr(self, "toc_items", []):
            target = heads.get(key)
            if target:
                ref.set("target", "#" + target)
            else:  # no heading found: keep the title as text, without a link
                _unwrap(ref)

    def head(self, div, md):
        text = md.strip()
        rend = None
        m = re.fullmatch(r"(\*{1,3})([^*].*?)\1", text)
        if m and "*" not in m.group(2).replace("\\*", ""):
            rend = {1: "italic", 2: "bold", 3: "bold italic"}[len(m.group(1))]
            text = m.group(2)
        h = sub(div, "head", rend=rend)
        Inline(self.place_note, self.opt.foreign_terms, self.langs)(h, text)
        return h

    # ---- body
    def number_pages(self, toc) -> None:
        """Give every page end of the stream the number of the page that begins there.

        The first page is ``Options.first_page`` or the page the table of contents gives
        for the first body heading. Where the TOC shows that a page end is missing between
        two headings (a page without notes has no ``---`` line), the page end is placed at
        the one paragraph break in that stretch that must be a page end (a paragraph ending
        without punctuation followed by one beginning in lower case or by the rest of a
        cut emphasis); if there is no single such place, no pb is invented and the
        numbering resumes at the heading.
        """
        events = self.stream.events
        toc_pages = {_norm(e["title"]): e["page"] for e in (toc or [])}
        first = self.opt.first_page
        checks = []  # (event index, page the TOC gives, page ends seen before)
        seen = 0
        for i, ev in enumerate(events):
            if ev[0] == "pb":
                seen += 1
            elif ev[0] == "heading":
                p = toc_pages.get(_norm(_strip_md(ev[2])))
                if p is not None:
                    checks.append((i, p, seen))
        if first is None:
            first = checks[0][1] - checks[0][2] if checks else 1
        self.stats["first_page"] = first
        self.hidden_pages = []
        self.unplaced_pages = []
        inserts: list[tuple[int, tuple]] = []
        offset = first
        prev_i = 0
        for i, p, seen_before in checks:
            gap = p - (seen_before + offset)
            if gap > 0:
                cands = [
                    k
                    for k in range(prev_i + 1, i)
                    if events[k][0] == "para"
                    and events[k - 1][0] == "para"
                    and _hidden_page_end(_flat(events[k - 1][1]), _flat(events[k][1]))
                ]
                if len(cands) == gap:
                    inserts += [(k, ("pb", "hidden")) for k in cands]
                else:
                    inserts.append((i, ("pb", "skip", gap)))
                offset += gap
            elif gap < 0:
                self.stats["toc_disagreements"] = self.stats.get("toc_disagreements", 0) + 1
            prev_i = i
        for k, ev in sorted(inserts, reverse=True):
            events.insert(k, ev)
        n = first
        numbered = []
        for ev in events:
            if ev[0] != "pb":
                numbered.append(ev)
            elif ev[1] == "skip":
                self.unplaced_pages += list(range(n + 1, n + 1 + ev[2]))
                n += ev[2]
            else:
                n += 1
                if ev[1] == "hidden":
                    self.hidden_pages.append(n)
                numbered.append(("pb", n))
        self.stream.events = numbered

    def build_body(self, body, toc):
        self.number_pages(toc)
        first_page = self.stats["first_page"]
        toc_levels = {_norm(e["title"]): e["level"] for e in (toc or [])}
        stack: list[tuple[int, etree._Element]] = [(0, body)]
        events = self.stream.events
        inline = Inline(self.place_note, self.opt.foreign_terms, self.langs)
        pending_pb: list[int] = []
        last_p: etree._Element | None = None
        last_text = ""
        first = True
        pages = []

        def pb_el(parent, n):
            el = sub(parent, "pb", n=str(n))
            pages.append(n)
            return el

        for idx, ev in enumerate(events):
            if ev[0] == "pb":
                # no page after the last page end
                if not any(e[0] != "pb" for e in events[idx + 1 :]):
                    continue
                pending_pb.append(ev[1])
                continue
            if ev[0] == "heading":
                _, mdlevel, text, _line = ev
                level = toc_levels.get(_norm(_strip_md(text))) or self.fallback_level(mdlevel, stack)
                while stack[-1][0] >= level:
                    stack.pop()
                div = sub(stack[-1][1], "div", type="chapter" if level == 1 else "section")
                div.set(XML_ID, self.ids("div"))
                if first:
                    pb_el(div, first_page)
                    first = False
                for k in pending_pb:
                    pb_el(div, k)
                pending_pb = []
                self.head(div, text)
                stack.append((level, div))
                last_p = None
                continue
            # paragraph
            _, text, _line = ev
            flat = _flat(text)
            parent = stack[-1][1]
            if first:
                pb_el(parent, first_page)
                first = False
            if pending_pb and last_p is not None and _continues(last_text, flat):
                sep = "" if last_text.endswith(("-", "—", "–")) else " "
                append_text(last_p, sep)
                for k in pending_pb:
                    pb_el(last_p, k)
                pending_pb = []
                inline(last_p, flat)
                last_text = flat
                self.stats["rejoined"] = self.stats.get("rejoined", 0) + 1
                continue
            if (
                not pending_pb
                and last_p is not None
                and _continues(last_text, flat)
                and re.search(r"(,|:|\bthat)$", _MARKER.sub("", last_text).rstrip())
            ):
                # a block quotation introduced by the end of the paragraph before
                append_text(last_p, " ")
                inline(sub(last_p, "quote", rend="block"), flat)
                last_text = flat
                self.stats["block_quotes"] = self.stats.get("block_quotes", 0) + 1
                continue
            for k in pending_pb:
                pb_el(parent, k)
            pending_pb = []
            last_p = sub(parent, "p")
            inline(last_p, flat)
            last_text = flat
        self.stats["pages"] = len(pages)
        self.pages = pages

    def fallback_level(self, mdlevel, stack):
        """Without a TOC entry: one deeper than the enclosing div at most."""
        return min(mdlevel, stack[-1][0] + 1) if mdlevel > stack[-1][0] else mdlevel

    def record_decisions(self):
        m = self.meta
        st = self.stream
        m.add_decision(
            "segmentation",
            (
                f"Page ends: the source marks the {st.page_ends} page ends of the original with a "
                "line '---' followed by the notes of the page. Each page end is encoded as pb with "
                "the page number of the original (the page number of the page that begins there), "
                f"counted from page {self.stats.get('first_page', 1)}, the page of the first body "
                "heading according to the table of contents; the unnumbered front matter carries no pb. "
                "A paragraph cut by a page end (its text resumes after the note block) is re-joined "
                "into one p with the pb inside it, where the text before the break ends without "
                "closing punctuation or the text after it begins in lower case; otherwise the paragraph "
                "is taken to end with the page."
            ),
            "page-ends",
        )
        if self.stats.get("block_quotes"):
            m.add_decision(
                "quotation",
                (
                    "Block quotations: a paragraph of the transcription that continues a paragraph ending "
                    "with a lead-in (a comma, a colon or 'that', e.g. 'As de Waal writes,') is a quotation "
                    "set off in the original; it is encoded as quote rend='block' inside the p it "
                    "continues. Quotation marks are kept as written."
                ),
                "block-quotes",
            )
        m.add_decision(
            "segmentation",
            (
                "Footnotes: the note texts printed at the page ends are moved to the position of their "
                "marker (<sup>N</sup> in the source) and encoded as note place='foot' with the original "
                "number in @n; a note text running on in a further paragraph (a URL on a line of its "
                "own) or at the top of the next page's note block is joined to its note with a space."
            ),
            "notes",
        )
        m.add_decision(
            "interpretation",
            (
                "Citations inside notes are encoded as bibl; author, title (@level a for articles, "
                "chapters and posts in quotation marks, j for periodicals, news outlets and websites "
                "in italics after them, m for books and other italic titles), place, publisher, date "
                "(@when in ISO 8601) and cited pages (citedRange) are tagged only where the Chicago "
                "pattern is recognised with certainty; otherwise the bibl holds the citation as plain "
                "text. 'Ibid.' is kept as written. Several citations in one note separated by ';' are "
                "separate bibl elements. The italics of a title so tagged are implied by title/@level."
            ),
            "citations",
        )
        m.add_decision(
            "normalization",
            (
                "Markdown of the transcription resolved: *…* and **…** become hi rend='italic'/'bold'; "
                "a heading wholly in italics or bold carries head/@rend instead; backslash escapes (\\$, "
                "\\*, \\_ …) are resolved to the character; of the HTML tags of the transcription, <sup>th</sup> becomes hi rend='superscript' "
                "and the <b> of the chapter entries of the table of contents is dropped (see structure); "
                "a link whose text is its own address (<url> or [url](url), also with doubled escapes "
                "in the text) becomes ptr/@target, any other link ref/@target; line breaks inside a "
                "paragraph or note (soft wraps and Markdown hard breaks) become spaces, except on the "
                "title page, where they are lb."
            ),
            "markdown",
        )
        m.add_decision(
            "segmentation",
            (
                "Structure: the table of contents is encoded once, as front/div[@type='contents'] with "
                "a list whose items point (ref/@target) to the divisions of the body and give the page "
                "number (num type='page'); it is not repeated as text. The chapter entries, set in "
                "<b>…</b> in the transcription, are the items of the outer list, the sections nested "
                "lists under them; the <b> tags are not kept. Heading levels follow the "
                "table of contents (chapters and the Introduction and Conclusion as div type='chapter', "
                "the entries under them as div type='section'), because the transcription uses ## and "
                "### alike for sections. The title page is front/titlePage; the acknowledgements, the "
                "author's note and the dedication are front divisions; a signature and date at the end "
                "of a front division are encoded as closer/signed and closer/dateline."
            ),
            "structure",
        )
        languages = (
            "Languages: runs of Armenian script are marked foreign xml:lang='hy', runs of Cyrillic "
            "script foreign xml:lang='ru' (titles wholly in such a script carry the xml:lang "
            "themselves)"
        )
        if self.opt.foreign_terms:
            languages += (
                "; words set in italics are marked foreign with their language only when the "
                "whole italic span is a word of a fixed list (e.g. " + ", ".join(list(self.opt.foreign_terms)[:4]) + ")"
            )
        m.add_decision("interpretation", languages + ".", "languages")
        if self.hidden_pages or self.unplaced_pages:
            parts = []
            if self.hidden_pages:
                parts.append(
                    "the end of page(s) "
                    + ", ".join(str(p - 1) for p in self.hidden_pages)
                    + " has no notes and so no '---' line in the transcription; the table of contents "
                    "shows the page missing, and the pb is placed at the only paragraph break in that "
                    "stretch that must be a page end (a sentence or an italic title cut in two)"
                )
            if self.unplaced_pages:
                parts.append(
                    "the beginning of page(s) "
                    + ", ".join(map(str, self.unplaced_pages))
                    + " cannot be located (a page without notes); no pb is given for it and the "
                    "numbering resumes as the table of contents requires"
                )
            m.add_decision("segmentation", "Pages without notes: " + "; ".join(parts) + ".", "hidden-pages")
        if self.stats.get("corrections"):
            m.add_decision(
                "correction",
                (
                    "Errors of the source are kept as written; on the title page the misspelt author's "
                    "name is given with a correction in choice/sic + corr."
                ),
                "corrections",
            )
        for lang in sorted(self.langs):
            m.use_language(lang)


def _hoist_lang(el: etree._Element) -> None:
    """``title`` whose whole content is one ``foreign``: the language goes onto the title."""
    kids = list(el)
    if (
        len(kids) == 1
        and local(kids[0]) == "foreign"
        and not (el.text or "").strip()
        and not (kids[0].tail or "").strip(" .,?!")
    ):
        f = kids[0]
        el.set(XML_LANG, f.get(XML_LANG))
        el.text = (el.text or "") + (f.text or "")
        for c in f:
            el.append(c)
        tail = f.tail
        el.remove(f)
        append_text(el, tail or "")


def _unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its content."""
    parent = el.getparent()
    idx = parent.index(el)
    prev = parent[idx - 1] if idx else None
    text = el.text or ""
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for k, c in enumerate(list(el)):
        parent.insert(idx + k, c)
    last = parent[idx + len(el) - 1] if len(el) else (parent[idx - 1] if idx else None)
    tail = el.tail or ""
    parent.remove(el)
    if last is not None and last is not el:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _closer(div: etree._Element) -> None:
    """A front division that ends with a name and a date line: closer/signed + dateline."""
    ps = [c for c in div if local(c) == "p"]
    if len(ps) < 3 or len(div) == 0 or div[-1] is not ps[-1]:
        return
    last, prev = ps[-1], ps[-2]
    lt, pt = "".join(last.itertext()), "".join(prev.itertext())
    if not (len(last) == 0 and _DATE.fullmatch(lt.strip())):
        return
    if len(prev) or len(pt) > 60 or not re.fullmatch(r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3}", pt.strip()):
        return
    closer = new("closer")
    div.insert(div.index(prev), closer)
    sub(closer, "signed", pt)
    m = _DATE.fullmatch(lt.strip())
    dl = sub(closer, "dateline")
    sub(dl, "date", lt, when=_iso(m))
    div.remove(prev)
    div.remove(last)


def _hidden_page_end(before: str, after: str) -> bool:
    """A paragraph break that can only be a page end (used where the TOC shows one missing)."""
    if not _continues(before, after) or re.search(r"(,|\bthat|:)\s*$", before):
        return False
    return after[0].islower() or (before.endswith("*") and after.startswith("*"))


def _continues(before: str, after: str) -> bool:
    """Does the paragraph ``after`` (top of a page) continue ``before`` (end of the last page)?"""
    if not before or not after or after.startswith("#"):
        return False
    end = _MARKER.sub("", before).rstrip()
    end = re.sub(r"\*+$", "", end) if not end.endswith("\\*") else end
    if not end:
        return False
    return end[-1] not in '.?!”"’:)…' or after[0].islower()


def _strip_md(s: str) -> str:
    s = _MARKER.sub("", s)
    s = re.sub(r"</?b>", "", s)
    return unescape(s.replace("*", "")).strip()


def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", s).strip().lower()


def _front_type(title: str) -> str:
    t = _norm(title)
    if "acknowledg" in t:
        return "acknowledgements"
    if "contents" in t:
        return "contents"
    if "dedicat" in t:
        return "dedication"
    if "abstract" in t:
        return "abstract"
    if "preface" in t or "author's note" in t or "foreword" in t:
        return "preface"
    return "section"


def to_tei(text: str, meta: SourceMeta, options: Options | None = None) -> etree._ElementTree:
    """Convert Markdown-from-PDF ``text`` into a TEI document described by ``meta``."""
    return Converter(text, meta, options).run()


def convert(text: str, meta: SourceMeta, options: Options | None = None) -> tuple[etree._ElementTree, dict]:
    """Like :func:`to_tei`, also returning figures (pages, notes, re-joined paragraphs …)."""
    c = Converter(text, meta, options)
    tree = c.run()
    stats = dict(c.stats)
    stats["notes"] = len(c.notes_placed)
    stats["page_ends"] = c.stream.page_ends
    stats["notes_continued_over_page"] = len(c.stream.continued_notes)
    return tree, stats
