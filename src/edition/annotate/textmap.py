"""Where the text of an XML file is written in its bytes: runs of character data in context.

Tags are inserted into the original bytes of a file, so every character of the text needs the
byte offset where it is written (``&amp;`` is one character written as five bytes, a CR LF
pair one newline). The file is first parsed safely (:meth:`edition.documents.Source.load`
refuses entity declarations and DTDs); expat then reports the byte index of every chunk of
character data, and the chunks between two pieces of markup form one :class:`Run`.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from .. import TEI_NS
from ..documents import Source
from ..problems import ERROR, InputError, Problem

_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)", re.I)


@dataclass
class Run:
    """Character data between two pieces of markup, with the byte offset of each character."""

    text: str
    offsets: list[int]  # byte offset of each character, then of the end of the run
    ancestors: tuple[str, ...]  # local names of the enclosing TEI elements, outermost first
    prefix: str | None  # prefix for a new TEI element here ("" = default namespace); None: not TEI
    cdata: bool = False
    attributes: tuple[dict[str, str], ...] = ()  # the unprefixed attributes of each of the ancestors

    def within(self, *names: str) -> bool:
        return any(name in self.ancestors for name in names)

    def attribute(self, element: str, name: str) -> str | None:
        """Attribute ``name`` of the innermost enclosing ``element``, if there is one."""
        for local, attributes in zip(reversed(self.ancestors), reversed(self.attributes)):
            if local == element:
                return attributes.get(name)
        return None


def checksum(data: bytes) -> str:
    """A short fingerprint of a file's bytes, to notice changes between reading and writing."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class TextMap:
    """A parsed file, its bytes and its text runs in document order."""

    source: Source
    runs: list[Run]
    _lines: list[int] = field(default_factory=list, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def load(cls, path: Path) -> TextMap:
        """Read ``path`` safely and map its text (raises :class:`InputError`)."""
        source = Source.load(path)
        declared = _ENCODING.match(source.data)
        if source.data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            declared and declared.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii")
        ):
            raise InputError(
                Problem(
                    str(path),
                    1,
                    1,
                    ERROR,
                    "annotation reads and writes UTF-8 files only: convert the file to UTF-8 first",
                    "annotate-encoding",
                )
            )
        return cls(source, scan(source.data))

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def data(self) -> bytes:
        return self.source.data

    @property
    def checksum(self) -> str:
        return checksum(self.data)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of byte ``offset``."""
        if not self._lines:
            self._lines = [0] + [m.end() for m in re.finditer(rb"\n", self.data)]
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1]
        return line, len(self.data[start:offset].decode("utf-8", errors="replace")) + 1

    def run_at(self, start: int, end: int) -> tuple[Run, int, int] | None:
        """The run holding bytes ``start``–``end`` and the character indexes there, if they fit one."""
        if not self._starts:
            self._starts = [run.offsets[0] for run in self.runs]
        index = bisect.bisect_right(self._starts, start) - 1
        if index < 0:
            return None
        run = self.runs[index]
        positions = {offset: i for i, offset in enumerate(run.offsets)}
        if start not in positions or end not in positions or end <= start:
            return None
        return run, positions[start], positions[end]


def _split_name(name: str) -> tuple[str, str, str | None]:
    """expat's "uri local prefix" name as (namespace, local name, prefix)."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", parts[0], None
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""


def scan(data: bytes) -> list[Run]:
    """The text runs of the well-formed UTF-8 document ``data``."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    runs: list[Run] = []
    stack: list[tuple[str, str, str | None]] = []
    attributes: list[dict[str, str]] = []
    chunks: list[tuple[int, str]] = []
    cdata = False

    def flush(*_args) -> None:
        if not chunks:
            return
        text = ""
        offsets: list[int] = []
        for index, value in chunks:
            text += value
            offsets[-1:] = _char_offsets(data, index, value)
        tei = [index for index, (ns, _, _) in enumerate(stack) if ns == TEI_NS]
        names = tuple(stack[index][1] for index in tei)
        namespace, _, prefix = stack[-1] if stack else ("", "", None)
        runs.append(
            Run(text, offsets, names, prefix if namespace == TEI_NS else None, cdata, tuple(attributes[i] for i in tei))
        )
        chunks.clear()

    def start(name: str, attrs: dict) -> None:
        flush()
        stack.append(_split_name(name))
        attributes.append({key: value for key, value in attrs.items() if " " not in key})

    def end(_name: str) -> None:
        flush()
        stack.pop()
        attributes.pop()

    def cdata_section(opening: bool) -> None:
        nonlocal cdata
        flush()
        cdata = opening

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = lambda value: chunks.append((parser.CurrentByteIndex, value))
    parser.CommentHandler = flush
    parser.ProcessingInstructionHandler = flush
    parser.StartCdataSectionHandler = lambda: cdata_section(True)
    parser.EndCdataSectionHandler = lambda: cdata_section(False)
    parser.Parse(data, True)
    return runs


def _char_offsets(data: bytes, index: int, value: str) -> list[int]:
    """Byte offsets of each character of a chunk of character data at ``index``, then of its end."""
    if data[index : index + 1] == b"&":  # a character reference or one of the five entities
        return [index] * len(value) + [data.index(b";", index) + 1]
    offsets, position = [], index
    for char in value:
        offsets.append(position)
        if char == "\n" and data[position : position + 1] == b"\r":
            position += 2 if data[position + 1 : position + 2] == b"\n" else 1
        else:
            position += len(char.encode("utf-8"))
    return offsets + [position]
