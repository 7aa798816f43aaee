"""Input documents: finding them, loading them safely, and pointing at positions inside them."""

from __future__ import annotations

import ctypes
import os
import re
import xml.parsers.expat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from . import TEI_NS, XML_NS
from .problems import ERROR, InputError, Problem
from .xmlio import parse_bytes, read_file

_STEP = re.compile(r"/(@?)(?:Q\{([^}]*)\})?([^/\[{]+)(?:\[(\d+)\])?")
#: A released tree of a file this large is handed back to the system at once (libxml2 frees it
#: into the C heap, where Saxon's own heap cannot reuse it).
_GIVE_BACK = 16 * 2**20
#: glibc's malloc_trim (None elsewhere): returns the free pages of the C heap to the system.
_malloc_trim = getattr(ctypes.CDLL(None), "malloc_trim", None)


#: The file ``edition build`` leaves in its output folder (which the next build may replace).
BUILD_MARKER = ".edition-build"
#: The file ``edition index`` leaves in its output folder (its indices.xml is not an input).
OUTPUT_MARKER = ".edition-output"


def find_xml_files(paths: list[Path]) -> list[Path]:
    """The .xml files named by ``paths`` (files as given, folders searched recursively), sorted.
    In a folder, hidden files and folders and the output folders of the toolkit below it (those
    with a :data:`BUILD_MARKER` or :data:`OUTPUT_MARKER` file) are passed over: an output is never
    read as an input."""
    found: list[Path] = []
    for path in paths:
        found.extend(files_in(path, lambda name: name.endswith(".xml")) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def files_in(folder: Path, wanted: Callable[[str], bool]) -> list[Path]:
    """The regular files under ``folder`` whose names are ``wanted``, sorted, passing over hidden
    files and folders and the toolkit's output folders (as :func:`find_xml_files`)."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        if root != str(folder) and (BUILD_MARKER in files or OUTPUT_MARKER in files):
            folders[:] = []
            continue
        folders[:] = [name for name in folders if not name.startswith(".")]
        paths = (Path(root, name) for name in files if wanted(name) and not name.startswith("."))
        found.extend(path for path in paths if path.is_file())
    return sorted(found)


@dataclass
class Source:
    """One parsed input document with what is needed to report positions in it. Its tree may be
    let go (:meth:`release`, once Saxon has the document) and is then parsed again from ``data``
    if asked for. A document read from other files (:mod:`edition.corpora`: a part of a corpus,
    includes resolved, a register list wrapped in TEI) has ``origins``: for each of its elements
    in document order, the file it comes from and that element's number there (None: made by the
    toolkit); its positions are those in that file, and ``problems`` what reading it found."""

    path: Path
    data: bytes
    _tree: etree._ElementTree | None
    origins: list[tuple[Source, int] | None] | None = field(default=None, repr=False, compare=False)
    problems: list[Problem] = field(default_factory=list, repr=False, compare=False)
    _starts: list[tuple[int, int]] | None = field(default=None, repr=False)
    _order: dict[etree._Element, int] | None = field(default=None, repr=False, compare=False)
    _decoded: tuple[str, list[int]] | None = field(default=None, repr=False, compare=False)
    _children: dict[tuple[etree._Element, str], list[etree._Element]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def load(cls, path: Path) -> Source:
        """Read and parse ``path`` safely (raises :class:`edition.problems.InputError`)."""
        data = read_file(path)
        return cls(path, data, parse_bytes(data, str(path)))

    @property
    def tree(self) -> etree._ElementTree:
        if self._tree is None:
            self._tree = parse_bytes(self.data, str(self.path))
        return self._tree

    def release(self) -> None:
        """Let go of the tree and what was computed from it (a large document's tree takes some
        eight times its size)."""
        self._tree, self._order = None, None
        self._children.clear()
        if len(self.data) >= _GIVE_BACK and _malloc_trim is not None:
            _malloc_trim(0)

    @property
    def uri(self) -> str:
        return self.path.resolve().as_uri()

    @property
    def folder(self) -> Path:
        """The folder of the file the document is read from (a corpus's, for one of its documents)."""
        folder = self.path.resolve().parent
        return folder.parent if folder.is_file() else folder

    @property
    def is_tei(self) -> bool:
        return self.tree.getroot().tag == f"{{{TEI_NS}}}TEI"

    def _element_starts(self) -> list[tuple[int, int]]:
        """1-based (line, column) of every element's start tag, in document order."""
        if self._starts is None:
            starts: list[tuple[int, int]] = []
            parser = xml.parsers.expat.ParserCreate()
            parser.StartElementHandler = lambda name, attrs: starts.append(
                (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            )
            try:
                parser.Parse(self.data, True)
            except xml.parsers.expat.ExpatError:
                pass  # an encoding expat lacks: positions fall back to lxml's lines
            self._starts = starts
        return self._starts

    def position(self, node: etree._Element, attribute: str | None = None) -> tuple[int, int]:
        """Line and column of ``node``'s start tag, or of its attribute ``attribute`` (Clark name),
        in the file it comes from (:meth:`place`)."""
        return self.place(node, attribute)[1:]

    def place(self, node: etree._Element, attribute: str | None = None) -> tuple[str, int, int]:
        """The file, line and column of ``node``'s start tag, or of its attribute ``attribute``."""
        if not isinstance(node.tag, str):
            return str(self.path), node.sourceline or 1, 1
        number = self.number(node)
        if self.origins is None:
            return self.at(number, node, attribute)
        # a document read from other files: the place of the element it comes from, or of the
        # nearest before it that comes from a file
        origins = self.origins
        found = next((origins[n] for n in range(min(number, len(origins) - 1), -1, -1) if origins[n]), None)
        if found is None:
            return str(self.path), 1, 1
        return found[0].at(found[1], node, attribute if found is origins[number] else None)

    def number(self, node: etree._Element) -> int:
        """The number of the element ``node`` in document order (-1 if it is not in the tree)."""
        if self._order is None:  # made once: each problem's position costs a look-up, not a count
            self._order = {element: i for i, element in enumerate(self.tree.getroot().iter(etree.Element))}
        return self._order.get(node, -1)

    def at(self, number: int, node: etree._Element, attribute: str | None = None) -> tuple[str, int, int]:
        """The file, line and column of the start tag of this file's element ``number`` (document
        order), or of its attribute ``attribute`` (named as on ``node``, that element or a copy)."""
        starts = self._element_starts()
        if not 0 <= number < len(starts):
            return str(self.path), node.sourceline or 1, 1
        line, column = starts[number]
        if attribute:
            line, column = self._attribute_position(node, attribute, line, column)
        return str(self.path), line, column

    def _attribute_position(self, node: etree._Element, attribute: str, line: int, column: int) -> tuple[int, int]:
        namespace, _, local = attribute[1:].partition("}") if attribute.startswith("{") else ("", "", attribute)
        prefix = (
            "xml"
            if namespace == XML_NS
            else next((p for p, uri in (node.nsmap or {}).items() if uri == namespace and p), None)
        )
        qname = f"{prefix}:{local}" if namespace else local
        if self._decoded is None:  # decoded, and its lines found, once: not once per problem
            decoded = self.data.decode("utf-8", errors="replace")
            self._decoded = decoded, [0] + [m.end() for m in re.finditer("\n", decoded)]
        decoded, line_offsets = self._decoded
        start = line_offsets[line - 1] + column - 1 if line <= len(line_offsets) else len(decoded)
        end = decoded.find(">", start)
        text = decoded[start : end if end >= 0 else None]
        match = re.search(r"\s" + re.escape(qname) + r"\s*=", text)
        if not match:
            return line, column
        before = text[: match.start() + 1]
        newlines = before.count("\n")
        if newlines:
            return line + newlines, len(before) - before.rfind("\n")
        return line, column + len(before)

    def resolve_path(self, path: str) -> tuple[etree._Element | None, str | None]:
        """The element (and attribute name) that an XPath 3.0 ``fn:path()`` result designates."""
        node: etree._Element | None = None
        for is_attribute, namespace, name, index in _STEP.findall(path):
            if is_attribute:
                return node, (f"{{{namespace}}}{name}" if namespace else name)
            tag = f"{{{namespace}}}{name}" if namespace else name
            if node is None:
                root = self.tree.getroot()
                node = root if root.tag == tag else None
            else:
                matches = self._children.get((node, tag))
                if matches is None:  # listed once per element and name, not once per problem
                    matches = self._children[node, tag] = [child for child in node if child.tag == tag]
                position = int(index or 1) - 1
                node = matches[position] if position < len(matches) else None
            if node is None:
                return None, None
        return node, None


def require_tei(source: Source) -> Source:
    """``source`` if it is a TEI document; else :class:`InputError` saying what its root is."""
    if not source.is_tei:
        qname = etree.QName(source.tree.getroot())
        where = f"in namespace {qname.namespace}" if qname.namespace else "in no namespace"
        line, column = source.position(source.tree.getroot())
        raise InputError(
            Problem(
                str(source.path),
                line,
                column,
                ERROR,
                f"not a TEI document: the root element is <{qname.localname}> {where}; expected <TEI>, <teiCorpus> "
                f'or a register list (<listPerson>, <listPlace>, <listOrg>, <listBibl>, <listEvent>) in xmlns="{TEI_NS}"',
                "tei-root",
            )
        )
    return source


def load_tei(paths: list[Path]) -> list[Source]:
    """The documents at ``paths``, parsed safely, each once: all those a file holds
    (:func:`edition.corpora.read`: a corpus's documents too), a corpus's document by its address;
    :class:`InputError` for the first unusable one."""
    from .corpora import documents, load_document  # corpora builds on Source

    found = {source.uri: source for source in documents([path for path in paths if path.is_file()])}
    return list(found.values()) + [
        load_document(path) for path in paths if not path.is_file() and path.resolve().as_uri() not in found
    ]


def pointed(source: Source) -> set[str] | None:
    """The URIs of the files that attributes of ``source`` point into (``file.xml`` or
    ``file.xml#id``, relative to its folder), or None for "any": a document that defines
    pointer prefixes (``prefixDef``), whose expansions are not worked out here."""
    if source.tree.find(f".//{{{TEI_NS}}}prefixDef") is not None:
        return None
    files = set()
    for element in source.tree.iter(etree.Element):
        for value in element.attrib.values():
            if ".xml" not in value:
                continue
            for token in value.split():
                file = token.split("#", 1)[0]
                if file.endswith(".xml") and ":" not in file:
                    files.add(file)
    folder = source.folder
    found = {(folder / unquote(file)).resolve().as_uri() for file in files}  # URI references: "%20" for a space
    found.discard(source.uri)
    return found


#: What a file holds that the documents beside it may point into without naming the file: the
#: entries of a register (bare ids, '#id' of an entry elsewhere, @key, authority URIs).
_HOLDS_ENTRIES = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?list(?:Person|Place|Org|Event|Nym|Bibl)[\s/>]")


def with_neighbours(sources: list[Source], registers: Sequence[Path] = (), every: bool = False) -> list[Source]:
    """``sources``, the ``registers`` (files of the edition elsewhere) and the TEI documents of
    those files beside them that their pointers may resolve into: the files they name, and those
    that hold register entries (found in the bytes: the other files beside them are not parsed),
    or of ``every`` file beside them (for rules about the whole edition)."""
    from .corpora import read

    edition = {s.uri: s for s in sources}
    edition |= {s.uri: s for s in load_tei(list(registers)) if s.uri not in edition}
    named: set[str] | None = set()
    for source in sources:
        pointed_into = pointed(source)
        named = None if pointed_into is None or named is None else named | pointed_into
    for folder in sorted({s.folder for s in sources}):
        for path in sorted(folder.glob("*.xml")):
            uri = path.resolve().as_uri()
            if uri in edition:
                continue
            try:
                if not every and named is not None and uri not in named and not _HOLDS_ENTRIES.search(read_file(path)):
                    continue
                neighbours = read(path)
            except InputError:
                continue  # not part of the edition; reported when it is checked itself
            edition |= {s.uri: s for s in neighbours if s.uri not in edition}
    return list(edition.values())
