"""The documents a file of the edition holds, worked out once, when it is read, so that all that
comes after (validation, index records, pages, text, PDF: the one pipeline of
:mod:`edition.build`, :mod:`edition.parallel`, :mod:`edition.rendering`) sees TEI documents only:

* a ``TEI`` file is one document (its XIncludes resolved, below);
* a file whose root is a list of register entries (``listPerson``, ``listPlace``, ``listOrg``,
  ``listBibl``, ``listEvent``) is a register: the list is wrapped in a TEI document (a header
  that names the file, the list as its body; which files are registers:
  :func:`edition.rendering.is_register`);
* a corpus (``teiCorpus``, nested ones too) is split into its documents. Each ``TEI`` in it is a
  document at the address ``CORPUS.xml/KEY.xml`` (KEY: its xml:id, else the corpus file's name
  and its number in the corpus), with ``xml:base`` on its root leading back to the corpus file,
  so that its relative pointers resolve as they did inside it, and the corpus's ``xml:lang`` if
  it has none; its page is ``KEY.html``. The corpus itself is a document at the corpus file's
  address: its ``teiHeader`` (whose lists of persons, places and organisations are registers,
  as a document's header lists are: a speaker's ``#id`` in a document resolves to the corpus's
  entry) and, as its text, the list of its documents. A TEI file that a corpus includes whole
  (``xi:include`` without ``xpointer``) is a document of the corpus too, read from its own file,
  at ``CORPUS.xml/FILE.xml`` (its page ``FILE.html``), and not a document of its own as well
  (:func:`once`), whether it lies in the edition's folder or not. Any other element of a
  corpus is in none of its documents: an error (rule ``corpus-content``).

Every element of a document read so keeps where it comes from
(:attr:`edition.documents.Source.origins`): its problems are reported at the file, line and
column where they are. The build's workers and the single-file commands get a part of a corpus
by its address (:func:`load_document`), which reads the corpus again (once per process).

XInclude (``xi:include``, ``parse="xml"`` or ``"text"``, ``xpointer`` as an xml:id,
``element()`` or ``xpointer(id('…'))``) is resolved for files inside the edition's folder only
(the folder of its ``edition.toml``, else its TEI folder: :func:`edition_folder`),
each file read and parsed as every input is (:mod:`edition.xmlio`: no DTD, no entities, the
same limits, and a document with its includes no larger than a file may be; at most 10,000
includes, and as many bytes as a file may have, included by a file and its includes); lxml and
Saxon never do XInclude, and nothing is fetched. An include's own file resolves its includes
(an ``xml:base`` on what it includes leads to that file). An include of a
URL (any scheme but ``file:``), of a file outside the folder or of a missing or unreadable file,
or one that includes itself, is refused: its ``xi:fallback`` is used if it has one, else the
include is left out and an error says where it is (``file:line:column``, rule ``xinclude``).
An error rather than a warning, as XInclude makes a resource error without a fallback fatal:
what the document says it holds is not there. It is an error of validation, not of reading, so
that every missing include of every file is listed (exit code 1), and ``--no-validate`` still
builds the rest of the edition.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit
from urllib.request import url2pathname

from lxml import etree

from . import TEI_NS, XML_NS, config
from .documents import Source, require_tei
from .problems import ERROR, InputError, Problem
from .xmlio import LIMITS, parse_bytes, read_file

XI_NS = "http://www.w3.org/2001/XInclude"
_INCLUDE, _FALLBACK = f"{{{XI_NS}}}include", f"{{{XI_NS}}}fallback"
_TEI, _CORPUS, _HEADER = f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus", f"{{{TEI_NS}}}teiHeader"
_ID, _BASE, _LANG = f"{{{XML_NS}}}id", f"{{{XML_NS}}}base", f"{{{XML_NS}}}lang"
#: The roots of files that are registers (a list of entries).
LIST_ROOTS = frozenset(
    f"{{{TEI_NS}}}{name}" for name in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent")
)
#: How deep includes may include further files, and how many includes a file may make in all.
_DEPTH = 16
_MOST_INCLUDES = 10_000
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_NCNAME = re.compile(r"[^\s:()/'\"]+")


class _Refused(Exception):
    """Why an include cannot be resolved."""


class _Beyond(InputError):
    """A file whose includes go beyond the limits (refused as a whole, as xmlio refuses a file)."""


def edition_folder(folder: Path) -> Path:
    """The folder of the edition that ``folder`` is in: the one with its ``edition.toml`` (in
    ``folder`` or above it), else ``folder`` itself. XIncludes may include the files inside it."""
    found = config.find(folder)
    return (found.parent if found else folder).resolve()


def read(path: Path, folder: Path | None = None) -> list[Source]:
    """The documents the file ``path`` holds, its own first (a corpus: the corpus, then its
    documents), includes resolved inside ``folder`` (by default, and for a file outside it: its
    edition's folder, :func:`edition_folder`); :class:`InputError` if the file cannot be read or
    is neither TEI nor a register list."""
    own = path.resolve().parent
    inside = folder is not None and own.is_relative_to(folder.resolve())
    return _Reader(folder.resolve() if folder is not None and inside else edition_folder(own)).read(path, [])


def documents(paths: list[Path], folder: Path | None = None) -> list[Source]:
    """Every document the files ``paths`` hold (:func:`read`), each once (:func:`once`)."""
    return once([source for path in paths for source in read(path, folder)])


def once(found: list[Source]) -> list[Source]:
    """``found`` without repeats, and without the documents of files that a corpus among them
    includes whole: such a file is a document of the corpus, not one of its own as well."""
    included = {origin.uri for source in found if (origin := _whole_file(source))}
    unique: dict[str, Source] = {}
    for source in found:
        if source.uri not in included:
            unique.setdefault(source.uri, source)
    return list(unique.values())


def _whole_file(source: Source) -> Source | None:
    """The file a corpus includes whole as the document ``source``, if it is one."""
    corpus = source.path.resolve().parent
    origin = source.origins[0] if source.origins else None
    return origin[0] if origin and corpus.is_file() and origin[0].path.resolve() != corpus else None


_last: tuple[tuple, list[Source]] | None = None


def load_document(path: Path, folder: Path | None = None) -> Source:
    """The document at ``path``: a file's own document (:func:`read`) or a document of a corpus
    at its address ``CORPUS.xml/KEY.xml`` (the corpus read once for all its documents)."""
    global _last
    if path.is_file() or not path.parent.is_file():
        return read(path, folder)[0]
    info = path.parent.stat()
    key = (path.parent.resolve(), folder, info.st_mtime_ns, info.st_size)
    if _last is None or _last[0] != key:
        _last = key, read(path.parent, folder)
    wanted = path.resolve().as_uri()
    found = next((source for source in _last[1] if source.uri == wanted), None)
    if found is None:
        message = f"the corpus {path.parent.name} holds no document {path.name}"
        raise InputError(Problem(str(path), 0, 0, ERROR, message, "corpus-part"))
    return found


@dataclass
class _Tree:
    """A tree being composed from files, with the origin of each element (see :class:`Source`)."""

    root: etree._Element
    origins: dict[etree._Element, tuple[Source, int] | None]

    @classmethod
    def of(cls, source: Source) -> _Tree:
        """A copy of the tree of ``source`` (a file, or a document read from files)."""
        root = copy.deepcopy(source.tree.getroot())
        elements = root.iter(etree.Element)
        if source.origins is None:
            return cls(root, {element: (source, n) for n, element in enumerate(elements)})
        return cls(root, dict(zip(elements, source.origins)))

    def copied(self, element: etree._Element, into: _Tree) -> etree._Element:
        """A copy of ``element`` (without its tail) whose elements keep their origins in ``into``."""
        copied = copy.deepcopy(element)
        copied.tail = None
        into.origins.update(zip(copied.iter(etree.Element), map(self.origins.get, element.iter(etree.Element))))
        return copied

    def made(
        self, tag: str, parent: etree._Element | None, like: etree._Element, text: str | None = None
    ) -> etree._Element:
        """A new element ``tag`` (in ``parent``), placed where ``like`` is in its file."""
        element = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
        element.text = text
        self.origins[element] = self.origins.get(like)
        return element

    def place(self, element: etree._Element, attribute: str | None = None) -> tuple[str, int, int]:
        """Where ``element`` (a copy) is in its file (the start of the root's file if it was made)."""
        origin = self.origins.get(element) or self.origins.get(self.root)
        return origin[0].at(origin[1], element, attribute) if origin else ("", 0, 0)

    def source(self, path: Path, problems: list[Problem]) -> Source:
        """The document ``path`` made of this tree (refused if it is beyond :data:`LIMITS`)."""
        data = etree.tostring(self.root, encoding="UTF-8", xml_declaration=True)
        if len(data) > LIMITS.file_bytes:
            message = (
                f"with its includes, the document is more than the {LIMITS.file_bytes // 2**20} MiB a TEI file may have"
            )
            raise InputError(Problem(*self.place(self.root), ERROR, message, "file-too-large"))
        origins = [self.origins.get(element) for element in self.root.iter(etree.Element)]
        return Source(path, data, parse_bytes(data, str(path)), origins, problems)


class _Reader:
    """Reads files inside ``folder``, each parsed once."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.files: dict[Path, Source] = {}
        self.includes, self.included = 0, 0  # includes resolved so far, and the bytes of what they included

    def _raw(self, path: Path) -> Source:
        key = path.resolve()
        if key not in self.files:
            self.files[key] = Source.load(path)
        return self.files[key]

    def read(self, path: Path, stack: list[Path]) -> list[Source]:
        """The documents of the file ``path``, included by the files of ``stack``."""
        raw = self._raw(path)
        root = raw.tree.getroot()
        if root.tag == _TEI and next(root.iter(_INCLUDE), None) is None:
            return [raw]
        if root.tag not in (_TEI, _CORPUS) and root.tag not in LIST_ROOTS:
            return [require_tei(raw)]
        stack = [*stack, path.resolve()]
        tree, problems = self._expanded(raw, stack)
        if root.tag == _CORPUS:
            return self._corpus(tree, path, problems, stack)
        if root.tag in LIST_ROOTS:
            tree = _wrapped(tree, path)
        return [tree.source(path, problems)]

    def _expanded(self, raw: Source, stack: list[Path]) -> tuple[_Tree, list[Problem]]:
        """The tree of ``raw`` with its includes resolved (those of a corpus's documents, which
        :meth:`_corpus` reads, aside), and the problems of those it could not resolve."""
        tree, problems = _Tree.of(raw), list[Problem]()
        while (include := next((i for i in tree.root.iter(_INCLUDE) if _pending(i, tree, raw)), None)) is not None:
            try:
                text, nodes = None, self._included(include, tree, stack, problems)
                if isinstance(nodes, str):
                    text, nodes = nodes, []
            except _Refused as refused:
                text, nodes = self._fallback(include, tree, str(refused), problems)
            _replace(include, text, nodes)
        return tree, problems

    def _fallback(
        self, include: etree._Element, tree: _Tree, why: str, problems: list[Problem]
    ) -> tuple[str | None, list[etree._Element]]:
        """What stands for ``include`` that cannot be resolved (``why``): its fallback, else nothing
        and a problem."""
        fallback = include.find(_FALLBACK)
        if fallback is None:
            problems.append(Problem(*tree.place(include, "href"), ERROR, why, "xinclude"))
            return None, []
        return fallback.text, list(fallback)

    def _target(self, include: etree._Element, tree: _Tree, stack: list[Path]) -> Path:
        """The file ``include`` names, if it may be read; else :class:`_Refused`."""
        href = (include.get("href") or "").strip()
        origin = tree.origins.get(include)
        here = origin[0].path if origin else stack[-1]
        scheme = _SCHEME.match(href)
        if scheme and scheme[1].lower() != "file":
            raise _Refused(
                f'xi:include of "{href}" refused: only files inside the edition\'s folder are included, nothing is fetched'
            )
        if not href:
            raise _Refused("xi:include without href: a document does not include itself here")
        try:
            path = (here.parent / url2pathname(urlsplit(href).path)).resolve()
        except (ValueError, OSError) as exc:  # "%00", a name too long
            raise _Refused(f'xi:include of "{href}": not a file name ({exc})') from None
        if not path.is_relative_to(self.folder):
            raise _Refused(f'xi:include of "{href}" refused: the file is outside the edition\'s folder ({self.folder})')
        if not path.is_file():
            raise _Refused(f'xi:include of "{href}": the file does not exist')
        if path in stack or len(stack) >= _DEPTH:
            raise _Refused(f'xi:include of "{href}" refused: it includes itself, or includes go deeper than {_DEPTH}')
        return path

    def _included(
        self, include: etree._Element, tree: _Tree, stack: list[Path], problems: list[Problem]
    ) -> str | list[etree._Element]:
        """What ``include`` includes: text, or copies of elements (their problems to ``problems``)."""
        path = self._target(include, tree, stack)
        parse = include.get("parse", "xml")
        if parse not in ("xml", "text"):
            raise _Refused(f'xi:include with parse="{parse}": only "xml" and "text" are known')
        try:
            data = read_file(path) if parse == "text" else self._raw(path).data
            self._count(data, include, tree)
            if parse == "text":
                return data.decode(include.get("encoding") or "utf-8")
            other, found = self._expanded(self._raw(path), [*stack, path])
        except _Beyond:
            raise
        except (InputError, UnicodeDecodeError, LookupError) as exc:  # LookupError: an unknown encoding
            why = exc.problem.format() if isinstance(exc, InputError) else str(exc)
            raise _Refused(f'xi:include of "{include.get("href")}": the file cannot be read ({why})') from None
        problems += found
        pointer = include.get("xpointer")
        targets = _pointed(other.root, pointer) if pointer else [other.root]
        if not targets:
            raise _Refused(f'xi:include of "{include.get("href")}": xpointer="{pointer}" designates nothing there')
        origin = tree.origins.get(include)
        base = quote(
            os.path.relpath(path, (origin[0].path.resolve() if origin else stack[-1]).parent).replace(os.sep, "/")
        )
        copies = [other.copied(target, tree) for target in targets]
        for copied in copies:
            copied.set(_BASE, urljoin(base, copied.get(_BASE, "")))
        return copies

    def _count(self, data: bytes, include: etree._Element, tree: _Tree) -> None:
        """Count an include of ``data``: includes of includes may not make more than
        :data:`_MOST_INCLUDES` includes or more bytes than a file may have (:data:`LIMITS`)."""
        self.includes, self.included = self.includes + 1, self.included + len(data)
        if self.includes > _MOST_INCLUDES or self.included > LIMITS.file_bytes:
            message = (
                f"more than {_MOST_INCLUDES:,} includes, or more than the {LIMITS.file_bytes // 2**20} MiB a TEI file "
                "may have included (a file counted each time it is included): not read"
            )
            raise _Beyond(Problem(*tree.place(include), ERROR, message, "xml-limits"))

    def _corpus(self, tree: _Tree, path: Path, problems: list[Problem], stack: list[Path]) -> list[Source]:
        """The corpus ``tree`` of the file ``path`` as its documents: itself, then the others."""
        parts: list[Source] = []
        numbers = itertools.count(1)
        back = quote(f"../{path.name}")

        def split(corpus: etree._Element, address: Path) -> Source:
            listed = []
            for child in list(corpus):
                if child.tag == _INCLUDE:
                    try:
                        target = self._target(child, tree, stack)
                        self._count(self._raw(target).data, child, tree)
                        included = self.read(target, stack)
                    except _Refused as refused:
                        text, nodes = self._fallback(child, tree, str(refused), problems)
                        _replace(child, text, nodes)
                        listed += [split_one(node) for node in nodes if node.tag in (_TEI, _CORPUS)]
                        continue
                    except InputError as exc:
                        message = (
                            f'xi:include of "{child.get("href")}": the file cannot be read ({exc.problem.format()})'
                        )
                        problems.append(Problem(*tree.place(child, "href"), ERROR, message, "xinclude"))
                        continue
                    if len(included) == 1:  # a TEI file: a document of the corpus, read from its own file
                        included = [_included_part(included[0], path)]
                    listed.append(included[0])
                    parts.extend(included)
                elif child.tag in (_TEI, _CORPUS):
                    listed.append(split_one(child))
                elif isinstance(child.tag, str) and child.tag != _HEADER:
                    message = (
                        f"<{etree.QName(child).localname}> is in no document of the corpus, and is left out: "
                        "a teiCorpus holds its teiHeader, then TEI and teiCorpus"
                    )
                    problems.append(Problem(*tree.place(child), ERROR, message, "corpus-content"))
            return _corpus_document(tree, corpus, address, listed, path, problems if corpus is tree.root else [])

        def split_one(element: etree._Element) -> Source:
            address = path / f"{_key(element, numbers, path)}.xml"
            lang = next((e.get(_LANG) for e in element.iterancestors() if e.get(_LANG)), None)
            if lang and element.get(_LANG) is None:
                element.set(_LANG, lang)
            if element.tag == _CORPUS:
                element.set(_BASE, urljoin(back, element.get(_BASE, "")))
                part = split(element, address)
            else:
                part = _part(tree, element, address, back)
            parts.append(part)
            return part

        return [split(tree.root, path), *parts]


def _key(element: etree._Element, numbers: Iterator[int], corpus: Path) -> str:
    """The name of a document of a corpus: its xml:id, else the corpus file's name and a number."""
    return element.get(_ID) or f"{corpus.stem}-{next(numbers)}"


def _part(tree: _Tree, element: etree._Element, address: Path, base: str) -> Source:
    """The document ``element`` of ``tree`` at ``address``, its xml:base leading to its file (``base``)."""
    part = _Tree(tree.copied(element, tree), tree.origins)
    part.root.set(_BASE, urljoin(base, part.root.get(_BASE, "")))
    return part.source(address, [])


def _included_part(document: Source, corpus: Path) -> Source:
    """The TEI ``document`` of its own file that ``corpus`` includes whole, as a document of the
    corpus: at ``CORPUS.xml/FILE.xml``, its xml:base leading back to its file."""
    whole = _Tree.of(document)
    back = os.path.relpath(document.path, corpus.parent).replace(os.sep, "/")
    return _part(whole, whole.root, corpus / document.path.name, quote(f"../{back}"))


def _corpus_document(
    tree: _Tree, corpus: etree._Element, address: Path, listed: list[Source], file: Path, problems: list[Problem]
) -> Source:
    """The document of ``corpus`` (at ``address``; of the corpus file ``file``): a ``TEI`` with
    its attributes and ``teiHeader`` and, as its text, a list of the documents ``listed``."""
    document = _Tree(tree.made(_TEI, None, corpus), tree.origins)
    for name, value in corpus.attrib.items():
        document.root.set(name, value)
    header = corpus.find(_HEADER)
    if header is not None:
        document.root.append(tree.copied(header, tree))
    body = tree.made(f"{{{TEI_NS}}}body", tree.made(f"{{{TEI_NS}}}text", document.root, corpus), corpus)
    items = tree.made(f"{{{TEI_NS}}}list", body, corpus)
    items.set("type", "documents")
    for source in listed:
        ref = tree.made(f"{{{TEI_NS}}}ref", tree.made(f"{{{TEI_NS}}}item", items, corpus), corpus, _title(source))
        ref.set("target", quote(os.path.relpath(source.path, file.parent).replace(os.sep, "/")))
    return document.source(address, problems)


def _title(source: Source) -> str:
    """The title of a document as a corpus lists it: its main title (and subtitle), else its name."""
    titles = source.tree.findall(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    text = {t.get("type") or "": " ".join("".join(t.itertext()).split()) for t in reversed(titles)}
    main = text.get("main") or text.get("") or text.get(titles[0].get("type") or "", "") if titles else ""
    return f"{main}: {text['sub']}" if main and text.get("sub") else main or source.path.stem


def _wrapped(tree: _Tree, path: Path) -> _Tree:
    """The register list of ``tree`` (its root) as the body of a TEI document titled with the file's name."""
    root = tree.root
    document = tree.made(_TEI, None, root)
    fields = tree.made(f"{{{TEI_NS}}}fileDesc", tree.made(_HEADER, document, root), root)
    tree.made(f"{{{TEI_NS}}}title", tree.made(f"{{{TEI_NS}}}titleStmt", fields, root), root, path.stem)
    for part in ("publicationStmt", "sourceDesc"):
        tree.made(f"{{{TEI_NS}}}p", tree.made(f"{{{TEI_NS}}}{part}", fields, root), root)
    tree.made(f"{{{TEI_NS}}}body", tree.made(f"{{{TEI_NS}}}text", document, root), root).append(root)
    return _Tree(document, tree.origins)


def _pending(include: etree._Element, tree: _Tree, raw: Source) -> bool:
    """Whether ``include`` is to be resolved in ``tree``, the tree of the file ``raw``: one of that
    file (those of the files it includes are resolved there, but for the root of a file, left as
    it is: a grammar error), not the root, not a corpus's include of a document (:func:`_whole`)."""
    origin = tree.origins.get(include)
    return origin is not None and origin[0] is raw and include.getparent() is not None and not _whole(include)


def _whole(include: etree._Element) -> bool:
    """Whether ``include`` includes a whole document into a corpus (a document of the corpus,
    read from its own file: :meth:`_Reader._corpus`)."""
    parent = include.getparent()
    return (
        parent is not None
        and parent.tag == _CORPUS
        and not include.get("xpointer")
        and include.get("parse", "xml") == "xml"
    )


def _pointed(root: etree._Element, pointer: str) -> list[etree._Element]:
    """The element the XPointer ``pointer`` designates in ``root``'s document: a bare xml:id,
    ``element(ID/2/1)``, ``element(/1/3)`` or ``xpointer(id('ID'))``; :class:`_Refused` for others."""
    pointer = pointer.strip()
    by_id = {element.get(_ID): element for element in root.iter(etree.Element) if element.get(_ID)}
    if _NCNAME.fullmatch(pointer):
        return [by_id[pointer]] if pointer in by_id else []
    named = re.fullmatch(r"xpointer\(\s*id\(\s*['\"]([^'\"]+)['\"]\s*\)\s*\)", pointer)
    if named:
        return [by_id[named[1]]] if named[1] in by_id else []
    steps = re.fullmatch(r"element\(([^)]*)\)", pointer)
    if not steps:
        raise _Refused(f'xpointer="{pointer}": only an xml:id, element() and xpointer(id()) are known')
    first, *rest = steps[1].split("/")
    node: etree._Element | None = by_id.get(first) if first else None
    if not first:
        node, rest = (root, rest[1:]) if rest[:1] == ["1"] else (None, [])
    for step in rest:
        children = [child for child in node if isinstance(child.tag, str)] if node is not None else []
        node = children[int(step) - 1] if step.isdigit() and 0 < int(step) <= len(children) else None
    return [node] if node is not None else []


def _replace(element: etree._Element, text: str | None, nodes: list[etree._Element]) -> None:
    """Put ``text`` and ``nodes`` in the place of ``element`` (whose tail stays)."""
    parent = element.getparent()
    if parent is None:
        return
    previous, tail, index = element.getprevious(), element.tail or "", parent.index(element)
    parent.remove(element)
    for offset, node in enumerate(nodes):
        parent.insert(index + offset, node)
    after = text or ""
    if previous is None:
        parent.text = (parent.text or "") + after
    else:
        previous.tail = (previous.tail or "") + after
    if nodes:
        nodes[-1].tail = (nodes[-1].tail or "") + tail
    elif previous is None:
        parent.text = (parent.text or "") + tail
    else:
        previous.tail = (previous.tail or "") + tail
