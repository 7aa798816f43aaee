"""The TEI-building layer every importer shares.

An importer turns one *shape* of source text into a TEI document. What all of them need is
here, written once:

* :class:`SourceMeta` (with :class:`Author` and :class:`Decision`): the bibliographic and
  editorial facts about one source, loaded from a small TOML or JSON metadata file with
  :func:`load_meta` rather than hard-coded in the parsing logic;
* :func:`build_header`: a complete ``teiHeader`` from a :class:`SourceMeta`;
* :func:`build_tei`: the ``TEI`` root with ``teiHeader`` and ``text/front?/body/back?``;
* element helpers (:func:`T`, :func:`sub`, :func:`append_text`) and
  :func:`add_inline`, which turns light inline markup (``**bold**``, ``*italic*``,
  ``[text](url)``, bare URLs) into ``hi``/``ref``;
* :class:`IdMaker`: ``xml:id`` values unique across the edition (every id starts with the
  document key, e.g. ``nk20-div3``);
* :func:`serialize`: UTF-8 bytes with the two ``xml-model`` processing instructions,
  indented for a human reader, never adding whitespace inside mixed content;
* :func:`write_tei`: :func:`serialize` + :func:`edition.xmlio.atomic_write`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import overload

from lxml import etree

from ..problems import ERROR, InputError, Problem
from ..xmlio import atomic_write

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

XML_MODEL_PIS = (
    'href="../schema/edition.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="../schema/edition.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
)

#: English names of languages for ``langUsage`` (codes as in ``xml:lang``); a metadata file's
#: ``languages`` adds others.
LANGUAGE_NAMES = {
    "en": "English",
    "az": "Azerbaijani",
    "ru": "Russian",
    "tr": "Turkish",
    "ota": "Ottoman Turkish",
    "hy": "Armenian",
    "lv": "Latvian",
    "fa": "Persian",
    "ka": "Georgian",
    "fr": "French",
    "la": "Latin",
    "de": "German",
}

#: The ``editorialDecl`` parts a :class:`Decision` may name (TEI ``model.editorialDeclPart``).
DECISION_KINDS = (
    "correction",
    "normalization",
    "quotation",
    "hyphenation",
    "segmentation",
    "interpretation",
    "punctuation",
)


# --------------------------------------------------------------------------- metadata


@dataclass
class Author:
    """A person responsible for the source (author or editor)."""

    name: str
    forename: str = ""
    surname: str = ""
    affiliation: str = ""
    email: str = ""
    note: str = ""


@dataclass
class Decision:
    """One editorial intervention, written as one ``editorialDecl`` child with one ``p``.

    ``kind`` is the TEI element: correction, normalization, quotation, hyphenation,
    segmentation, interpretation or punctuation. ``key`` is a short stable name for the
    intervention (written as ``@n``), so tests and documentation can refer to it.
    """

    kind: str
    text: str
    key: str = ""


@dataclass
class Change:
    """One entry of ``revisionDesc``."""

    when: str
    text: str
    who: str = ""


@dataclass
class SourceMeta:
    """Bibliographic and editorial facts about one source, the input of :func:`build_header`.

    ``kind`` decides how the source is described in ``sourceDesc``: ``article`` (an
    article in a journal: ``analytic`` + ``monogr`` with ``title/@level="j"``),
    ``entry`` (an entry of a reference work: ``analytic`` + ``monogr`` with
    ``title/@level="m"``), ``thesis``/``book`` (a monograph: ``monogr`` only).
    """

    key: str
    title: str
    subtitle: str = ""
    #: Titles of the source in other languages: {xml:lang: title}.
    parallel_titles: dict[str, str] = field(default_factory=dict)
    #: True if ``title`` is supplied by the editor (the source gives none in its language).
    title_supplied: bool = False
    kind: str = "article"
    authors: list[Author] = field(default_factory=list)
    author_note: str = ""
    venue: str = ""
    venue_subtitle: str = ""
    issn: str = ""
    volume: str = ""
    issue: str = ""
    date: str = ""
    date_text: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    publisher: str = ""
    place: str = ""
    thesis_type: str = ""
    language: str = "en"
    languages: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)
    #: The edition's licence of the encoding (``availability/licence``) and its address.
    licence: str = ""
    licence_url: str = ""
    source_licence: str = ""
    source_file: str = ""
    source_note: str = ""
    #: The edition the document belongs to (``seriesStmt/title``), its publisher and encoder.
    edition_title: str = ""
    edition_publisher: str = ""
    encoder: str = ""
    project_desc: str = ""
    decisions: list[Decision] = field(default_factory=list)
    #: The edition's own wording of an importer's decision, by the decision's key (e.g. an
    #: example taken from this source); the importer's general wording otherwise.
    decision_texts: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Importer-specific settings (see each importer's module documentation), e.g.
    #: ``foreign`` = {"la": ["de facto"]}: phrases to wrap in ``foreign/@xml:lang``.
    options: dict = field(default_factory=dict)

    def language_name(self, ident: str) -> str:
        return self.languages.get(ident) or LANGUAGE_NAMES.get(ident, ident)

    def add_decision(self, kind: str, text: str, key: str = "") -> None:
        """Record an intervention once (a second call with the same ``key`` is ignored), in the
        words of :attr:`decision_texts` when it has the key."""
        if kind not in DECISION_KINDS:
            raise ValueError(f"unknown editorialDecl part {kind!r}; use one of {', '.join(DECISION_KINDS)}")
        if key and any(d.key == key for d in self.decisions):
            return
        self.decisions.append(Decision(kind, self.decision_texts.get(key, text), key))

    def use_language(self, ident: str, name: str = "") -> None:
        """Make sure ``ident`` is listed in ``langUsage``."""
        if ident not in self.languages:
            self.languages[ident] = name or LANGUAGE_NAMES.get(ident, ident)


def _meta_from_mapping(data: dict, path: str) -> SourceMeta:
    known = {f.name for f in fields(SourceMeta)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(Problem(path, 1, 1, ERROR, "unknown metadata field(s): " + ", ".join(unknown), "meta-field"))
    missing = [name for name in ("key", "title") if not data.get(name)]
    if missing:
        raise InputError(Problem(path, 1, 1, ERROR, "missing metadata field(s): " + ", ".join(missing), "meta-field"))
    values = dict(data)
    try:
        values["authors"] = [
            Author(**a) if isinstance(a, dict) else Author(name=str(a)) for a in data.get("authors", [])
        ]
        values["decisions"] = [Decision(**d) for d in data.get("decisions", [])]
        values["changes"] = [Change(**c) for c in data.get("changes", [])]
    except TypeError as exc:
        raise InputError(Problem(path, 1, 1, ERROR, f"malformed metadata entry: {exc}", "meta-field")) from None
    if not re.fullmatch(r"[a-z][a-z0-9]*", values["key"]):
        raise InputError(
            Problem(
                path,
                1,
                1,
                ERROR,
                "the document key must be lower-case letters and digits, starting with a letter",
                "meta-field",
            )
        )
    for d in values["decisions"]:
        if d.kind not in DECISION_KINDS:
            raise InputError(Problem(path, 1, 1, ERROR, f"unknown decision kind {d.kind!r}", "meta-field"))
    return SourceMeta(**values)


def load_meta(path: str | Path) -> SourceMeta:
    """Read a :class:`SourceMeta` from a TOML (``.toml``) or JSON (``.json``) file."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            Problem(shown, 0, 0, ERROR, f"cannot read the metadata file: {exc.strerror or exc}", "file-unreadable")
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(shown, 1, 1, ERROR, f"the metadata file is not UTF-8: {exc.reason}", "meta-encoding")
        ) from None
    if shown.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                Problem(shown, exc.lineno, exc.colno, ERROR, f"not valid JSON: {exc.msg}", "meta-syntax")
            ) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, col = 1, 1
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            if m:
                line, col = int(m.group(1)), int(m.group(2))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            raise InputError(Problem(shown, line, col, ERROR, f"not valid TOML: {message}", "meta-syntax")) from None
    if not isinstance(data, dict):
        raise InputError(Problem(shown, 1, 1, ERROR, "the metadata must be a table/object", "meta-syntax"))
    return _meta_from_mapping(data, shown)


# --------------------------------------------------------------------------- elements


def T(tag: str) -> str:
    """The Clark name of a TEI element: ``T("p") == "{http://www.tei-c.org/ns/1.0}p"``."""
    return f"{{{TEI_NS}}}{tag}"


def local(el: etree._Element) -> str:
    """The local name of an element (``""`` for comments and processing instructions)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def new(tag: str, text: str | None = None, attrib: dict | None = None, **attrs: str | None) -> etree._Element:
    """A new TEI element. Keyword ``lang``/``id`` become ``xml:lang``/``xml:id``."""
    el = etree.Element(T(tag), nsmap={None: TEI_NS})
    _set_attrs(el, attrib, attrs)
    if text:
        el.text = text
    return el


def sub(
    parent: etree._Element, tag: str, text: str | None = None, attrib: dict | None = None, **attrs: str | None
) -> etree._Element:
    """Append a new TEI child to ``parent`` (see :func:`new` for the attributes)."""
    el = etree.SubElement(parent, T(tag))
    _set_attrs(el, attrib, attrs)
    if text:
        el.text = text
    return el


def _set_attrs(el: etree._Element, attrib: dict | None, attrs: dict) -> None:
    for name, value in {**(attrib or {}), **attrs}.items():
        if value is None or value == "":
            continue
        if name == "lang":
            name = XML_LANG
        elif name == "id":
            name = XML_ID
        elif name.endswith("_"):
            name = name[:-1]  # type_ -> type
        el.set(name, str(value))


def append_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` at the end of ``parent``'s content (after its last child, if any)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_INLINE = re.compile(
    r"(?P<bold>\*\*(?P<bold_t>[^*\n]+?)\*\*)"
    r"|(?P<ital>(?<![\w*])\*(?P<ital_t>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![\w*]))"
    r"|(?P<link>\[(?P<link_t>[^\]\n]+)\]\((?P<link_u>[^)\s]+)\))"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\")\]]*[^\s<>\")\].,;:!?'’”])"
)


def add_inline(
    parent: etree._Element,
    text: str,
    *,
    markdown: bool = True,
    urls: bool = True,
    italic_rend: str = "italic",
) -> None:
    """Append ``text`` to ``parent``, turning light inline markup into TEI.

    With ``markdown``: ``**x**`` becomes ``hi rend="bold"``, ``*x*`` becomes
    ``hi rend="italic"`` and ``[x](url)`` becomes ``ref target="url"``; the markup
    characters themselves are dropped. With ``urls``: a bare URL becomes ``ref`` with the
    URL as ``@target`` and as its text (a ``www.`` address gets ``https://`` in the target
    only). Everything else is appended as text, unchanged.
    """
    pos = 0
    for m in _INLINE.finditer(text):
        kind = next(k for k in ("bold", "ital", "link", "url") if m.group(k))
        if kind in ("bold", "ital", "link") and not markdown:
            continue
        if kind == "url" and not urls:
            continue
        append_text(parent, text[pos : m.start()])
        if kind == "bold":
            hi = sub(parent, "hi", rend="bold")
            add_inline(hi, m.group("bold_t"), markdown=markdown, urls=urls, italic_rend=italic_rend)
        elif kind == "ital":
            hi = sub(parent, "hi", rend=italic_rend)
            add_inline(hi, m.group("ital_t"), markdown=markdown, urls=urls, italic_rend=italic_rend)
        elif kind == "link":
            ref = sub(parent, "ref", target=m.group("link_u"))
            add_inline(ref, m.group("link_t"), markdown=markdown, urls=False, italic_rend=italic_rend)
        else:
            url = m.group("url")
            target = url if url.startswith("http") else "https://" + url
            sub(parent, "ref", url, target=target)
        pos = m.end()
    append_text(parent, text[pos:])


class IdMaker:
    """``xml:id`` values unique across the edition: ``{key}-{kind}{n}``, e.g. ``nk20-div3``.

    Every id starts with the document key, so ids of different documents never collide.
    """

    def __init__(self, key: str):
        self.key = key
        self._counts: dict[str, int] = {}
        self._used: set[str] = set()

    def __call__(self, kind: str) -> str:
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        return self.claim(f"{self.key}-{kind}{n}")

    def claim(self, value: str) -> str:
        if value in self._used:
            raise ValueError(f"duplicate xml:id {value!r}")
        self._used.add(value)
        return value


# --------------------------------------------------------------------------- header


def _author_el(parent: etree._Element, tag: str, a: Author) -> etree._Element:
    el = sub(parent, tag)
    pers = sub(el, "persName")
    if a.forename or a.surname:
        if a.forename:
            sub(pers, "forename", a.forename)
        if a.forename and a.surname:
            append_text(pers, " ")
        if a.surname:
            sub(pers, "surname", a.surname)
    else:
        pers.text = a.name
    if a.affiliation:
        append_text(el, ", ")
        sub(el, "orgName", a.affiliation)
    if a.email:
        append_text(el, ", ")
        sub(el, "email", a.email)
    return el


def _date_el(parent: etree._Element, meta: SourceMeta) -> None:
    if not (meta.date or meta.date_text):
        return
    sub(
        parent,
        "date",
        meta.date_text or meta.date,
        when=meta.date if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", meta.date or "") else None,
    )


def _page_scope(parent: etree._Element, pages: str) -> None:
    # no @from/@to: the edition's Schematron reads every @from/@to as a date
    sub(parent, "biblScope", pages, unit="page")


def _work(parent: etree._Element, meta: SourceMeta, level: str) -> None:
    """Authors, titles (main, sub, parallel) and DOI of the source work at ``level`` (a or m)."""
    for a in meta.authors:
        _author_el(parent, "author", a)
    if not (meta.title_supplied and meta.parallel_titles):
        sub(parent, "title", meta.title, level=level, type="main")
    if meta.subtitle:
        sub(parent, "title", meta.subtitle, level=level, type="sub")
    for lang, t in meta.parallel_titles.items():
        sub(parent, "title", t, level=level, type="alt", lang=lang)
    if meta.doi:
        sub(parent, "idno", meta.doi, type="DOI")


def build_source_bibl(meta: SourceMeta) -> etree._Element:
    """The ``biblStruct`` that describes the source (``sourceDesc``)."""
    bs = new("biblStruct", type=meta.kind)
    bs.set(XML_LANG, meta.language)
    level = {"article": "a", "entry": "a"}.get(meta.kind)
    if level:
        _work(sub(bs, "analytic"), meta, "a")
    mo = sub(bs, "monogr")
    if level:
        if meta.venue:
            sub(mo, "title", meta.venue, level="j" if meta.kind == "article" else "m")
        else:
            sub(mo, "title", level="j" if meta.kind == "article" else "m")
        if meta.venue_subtitle:
            sub(mo, "title", meta.venue_subtitle, level="j" if meta.kind == "article" else "m", type="sub")
    else:
        _work(mo, meta, "m")
    if meta.issn:
        sub(mo, "idno", meta.issn, type="ISSN")
    if meta.thesis_type:
        sub(mo, "note", meta.thesis_type, type="thesis")
    im = sub(mo, "imprint")
    if meta.place:
        sub(im, "pubPlace", meta.place)
    if meta.publisher:
        sub(im, "publisher", meta.publisher)
    if meta.volume:
        sub(im, "biblScope", meta.volume, unit="volume")
    if meta.issue:
        sub(im, "biblScope", meta.issue, unit="issue")
    if meta.date or meta.date_text:
        _date_el(im, meta)
    else:
        sub(im, "date", "n.d.")
    if meta.pages:
        _page_scope(im, meta.pages)
    if meta.author_note:
        sub(bs, "note", meta.author_note, type="author")
    if meta.source_note:
        sub(bs, "note", meta.source_note)
    if meta.url:
        sub(bs, "ptr", target=meta.url)
    elif meta.doi:
        sub(bs, "ptr", target="https://doi.org/" + meta.doi)
    return bs


def build_header(meta: SourceMeta, *, today: str | None = None) -> etree._Element:
    """A complete ``teiHeader`` for the source described by ``meta``.

    ``today`` (ISO date) dates the import ``change`` when ``meta.changes`` is empty; it
    defaults to the current date. Give it for reproducible output.
    """
    h = new("teiHeader")
    fd = sub(h, "fileDesc")
    ts = sub(fd, "titleStmt")
    sub(ts, "title", meta.title, type="main" if not meta.title_supplied else "desc")
    if meta.subtitle:
        sub(ts, "title", meta.subtitle, type="sub")
    for lang, t in meta.parallel_titles.items():
        sub(ts, "title", t, type="alt", lang=lang)
    for a in meta.authors:
        _author_el(ts, "author", a)
    rs = sub(ts, "respStmt")
    sub(rs, "resp", "TEI P5 encoding, structural markup and header")
    sub(rs, "name", meta.encoder)

    ps = sub(fd, "publicationStmt")
    sub(ps, "publisher", meta.edition_publisher)
    av = sub(ps, "availability")
    sub(av, "licence", meta.licence, target=meta.licence_url)
    if meta.source_licence:
        sub(av, "p", meta.source_licence)
    if meta.edition_title:
        sub(sub(fd, "seriesStmt"), "title", meta.edition_title, level="s")

    if meta.notes:
        ns = sub(fd, "notesStmt")
        for text in meta.notes:
            sub(ns, "note", text)

    sd = sub(fd, "sourceDesc")
    sd.append(build_source_bibl(meta))
    if meta.source_file:
        tr = sub(sd, "bibl", "The transcription from which this file was made: ", type="transcription")
        sub(tr, "idno", meta.source_file, type="URI")

    ed = sub(h, "encodingDesc")
    pd = sub(ed, "projectDesc")
    sub(
        pd,
        "p",
        meta.project_desc
        or (
            (f"Part of {meta.edition_title}. " if meta.edition_title else "")
            + "The text was converted from the source "
            "transcription"
            + (f" ({meta.source_file})" if meta.source_file else "")
            + " with the importers of the edition toolkit and then checked by reading."
        ),
    )
    if meta.decisions:
        dec = sub(ed, "editorialDecl")
        for d in meta.decisions:
            part = sub(dec, d.kind, n=d.key or None)
            sub(part, "p", d.text)

    pr = sub(h, "profileDesc")
    lu = sub(pr, "langUsage")
    idents = [meta.language] + sorted(i for i in meta.languages if i != meta.language)
    for ident in idents:
        sub(lu, "language", meta.language_name(ident), ident=ident)
    if meta.keywords:
        tc = sub(pr, "textClass")
        for lang, terms in meta.keywords.items():
            kw = sub(tc, "keywords", lang=lang)
            for term in terms:
                sub(kw, "term", term)

    rd = sub(h, "revisionDesc")
    changes = meta.changes or [
        Change(today or _dt.date.today().isoformat(), "Imported from the source transcription with edition import.")
    ]
    for c in changes:
        sub(rd, "change", c.text, when=c.when, who=c.who or None)
    return h


def build_tei(
    meta: SourceMeta,
    body: etree._Element,
    front: etree._Element | None = None,
    back: etree._Element | None = None,
    *,
    today: str | None = None,
) -> etree._ElementTree:
    """Assemble ``TEI`` = ``teiHeader`` + ``text/(front?, body, back?)``."""
    for part in (front, body, back):
        if part is not None:
            for el in part.iter():
                if isinstance(el.tag, str) and el.get(XML_LANG):
                    meta.use_language(el.get(XML_LANG))
    root = new("TEI")
    root.set(XML_LANG, meta.language)
    root.set(XML_ID, meta.key)
    root.append(build_header(meta, today=today))
    text = sub(root, "text")
    for part in (front, body, back):
        if part is not None and (part is body or len(part)):
            text.append(part)
    return etree.ElementTree(root)


# --------------------------------------------------------------------------- output

#: Elements whose content model is element-only in TEI: the only ones that get indented.
ELEMENT_ONLY = frozenset(
    """TEI teiHeader fileDesc titleStmt editionStmt publicationStmt seriesStmt notesStmt
    sourceDesc biblStruct analytic monogr imprint series listBibl encodingDesc projectDesc
    samplingDecl editorialDecl correction normalization quotation hyphenation segmentation
    interpretation punctuation classDecl taxonomy category listPrefixDef prefixDef
    profileDesc langUsage textClass keywords revisionDesc listChange availability respStmt
    extent text front body back div list figure table row lg titlePage docImprint opener
    closer epigraph argument cit choice abstract address""".split()
)


def _blank(s: str | None) -> bool:
    return s is None or not s.strip()


def indent(el: etree._Element, level: int = 0, step: str = "  ") -> None:
    """Indent ``el`` in place: only element-only content is touched (see :data:`ELEMENT_ONLY`).

    An element is re-indented only if its local name is element-only in TEI and its own
    text and its children's tails are blank. Mixed content (``p``, ``head``, ``note``,
    ``bibl``, ``item`` …) is left byte for byte as built, descendants included.
    """
    children = [c for c in el]
    if not children or local(el) not in ELEMENT_ONLY:
        return
    if not _blank(el.text) or any(not _blank(c.tail) for c in children):
        return
    inner = "\n" + step * (level + 1)
    el.text = inner
    for c in children:
        c.tail = inner
        indent(c, level + 1, step)
    children[-1].tail = "\n" + step * level


def serialize(tree: etree._ElementTree | etree._Element, *, pretty: bool = True) -> bytes:
    """UTF-8 bytes: XML declaration, the two ``xml-model`` PIs, the indented document."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if pretty:
        indent(root)
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>\n']
    for data in XML_MODEL_PIS:
        parts.append(f"<?xml-model {data}?>\n".encode())
    parts.append(etree.tostring(root, encoding="utf-8", xml_declaration=False))
    parts.append(b"\n")
    return b"".join(parts)


def write_tei(tree: etree._ElementTree, path: str | Path) -> None:
    """Serialise ``tree`` and write it atomically to ``path``."""
    atomic_write(path, serialize(tree))


# --------------------------------------------------------------------------- text analysis

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ARMENIAN = re.compile(r"[\u0530-\u058F]")
_LETTER = re.compile(r"[^\W\d_]")
_LV = re.compile(r"[āēīūķļņģĀĒĪŪĶĻŅĢ]")


@overload
def detect_lang(text: str, default: str) -> str: ...
@overload
def detect_lang(text: str, default: None = None) -> str | None: ...
def detect_lang(text: str, default: str | None = None) -> str | None:
    """A guess at the language of a short passage from its script and letters.

    Cyrillic -> ``ru``; Armenian -> ``hy``; Latin with ``ə`` -> ``az``; Latin with Turkish
    ``ı``/``İ``/``ğ``/``ş`` (and no ``ə``) -> ``tr``; Latin with Latvian long vowels or
    ``ķ ļ ņ ģ`` -> ``lv``; anything else -> ``default``. The rule is deliberately simple and
    deterministic; override it per passage where it is wrong.
    """
    letters = _LETTER.findall(text)
    if not letters:
        return default
    n = len(letters)
    if len(_CYRILLIC.findall(text)) * 2 > n:
        return "ru"
    if len(_ARMENIAN.findall(text)) * 2 > n:
        return "hy"
    if re.search("[əƏ]", text):
        return "az"
    if re.search("[ıİğĞşŞ]", text):
        return "tr"
    if _LV.search(text):
        return "lv"
    return default


def balanced_parens(text: str, open_: str = "(", close: str = ")") -> list[tuple[int, int]]:
    """``(start, end)`` of every outermost balanced bracket pair (``text[start] == open_``)."""
    found, depth, start = [], 0, -1
    for i, ch in enumerate(text):
        if ch == open_:
            if depth == 0:
                start = i
            depth += 1
        elif ch == close and depth:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1))
    return found


@dataclass
class Span:
    """A stretch ``text[start:end]`` to be rendered by ``make(parent, segment)``.

    ``make`` appends whatever it builds to ``parent`` and returns the element into which
    nested spans should be rendered, or ``None`` if it renders the segment itself
    (nested spans are then dropped).
    """

    start: int
    end: int
    make: object
    priority: int = 0


def render_spans(
    parent: etree._Element,
    text: str,
    spans: list[Span],
    leaf=None,
) -> None:
    """Append ``text`` to ``parent`` with ``spans`` turned into elements.

    Spans nest when one lies inside another; a span that crosses an earlier-chosen one
    (by start, then length, then ``priority``) is dropped. Text outside spans is appended
    with ``leaf(parent, segment)`` (default: :func:`append_text`).
    """
    leaf = leaf or append_text
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start), -s.priority))
    kept: list[Span] = []
    stack: list[Span] = []
    for sp in ordered:
        while stack and stack[-1].end <= sp.start:
            stack.pop()
        if stack and sp.end > stack[-1].end:
            continue  # crosses an enclosing span
        if any(k.start < sp.start < k.end < sp.end for k in kept):
            continue
        kept.append(sp)
        stack.append(sp)
    _render(parent, text, 0, len(text), kept, leaf)


def _render(parent, text, start, end, spans, leaf) -> None:
    pos = start
    i = 0
    while i < len(spans):
        sp = spans[i]
        inner = [s for s in spans[i + 1 :] if s.start >= sp.start and s.end <= sp.end]
        leaf(parent, text[pos : sp.start])
        target = sp.make(parent, text[sp.start : sp.end])
        if target is not None:
            _render(target, text, sp.start, sp.end, inner, leaf)
        pos = sp.end
        i += 1 + len(inner)
    leaf(parent, text[pos:end])


def wrap_span(tag: str, **attrs: str | None):
    """A ``Span.make`` that wraps the segment (and its nested spans) in one element."""

    def make(parent: etree._Element, segment: str) -> etree._Element:
        return sub(parent, tag, None, None, **attrs)

    return make


def phrase_spans(text: str, phrases: dict[str, list[str]], tag: str = "foreign") -> list[Span]:
    """Spans wrapping every whole-word occurrence of the given phrases, per language."""
    spans = []
    for lang, items in (phrases or {}).items():
        for phrase in items:
            for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text):
                spans.append(Span(m.start(), m.end(), wrap_span(tag, lang=lang), priority=1))
    return spans
