"""Safe XML reading and atomic writing: the one place where the toolkit parses files.

Every command reads XML through :func:`parse_file` or :func:`parse_bytes`:

* the document type declaration is blanked out before parsing (positions are kept), so no
  DTD is ever loaded and nothing is fetched (no network, no external entities);
* a document that declares entities in its internal subset is refused, so billion-laughs
  and quadratic-blowup documents are rejected before any expansion happens;
* an entity reference other than the five of XML (it would need a DTD) is refused;
* a document beyond the parser limits (:data:`LIMITS`, the same for Saxon) is refused;
* malformed, empty, binary or wrongly encoded input raises :class:`InputError` with the
  position of the first problem.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .problems import ERROR, InputError, Problem

_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    attribute_defaults=False,
    huge_tree=False,
    remove_blank_text=False,
    strip_cdata=False,
    collect_ids=False,  # duplicate xml:ids are reported by the Schematron, with both places
)


@dataclass(frozen=True)
class Limits:
    """The largest XML the toolkit reads, one table for lxml and Saxon. lxml, parsing without
    ``huge_tree``, stops at ``depth`` and ``text`` by itself; :func:`parse_bytes` checks
    ``attributes`` and ``name``, :func:`read_file` ``file_bytes``. Saxon's parser gets the same
    depth and, as it only ever parses documents :func:`parse_bytes` accepted, no limit of its own
    on the rest (:mod:`edition.saxon`)."""

    depth: int = 256  # elements nested in one another (libxml2's own limit)
    attributes: int = 200  # attributes of one element (Saxon's parser refused more by default)
    name: int = 1000  # characters of an element's or attribute's local name, a processing instruction's target
    text: int = 10_000_000  # bytes of one text node or attribute value (libxml2's own limit)
    file_bytes: int = 256 * 2**20  # a 100 MB document takes some 4 GB to index: see docs/robustness.md


LIMITS = Limits()
_ROOT_START = re.compile(rb"<[A-Za-z_:]")
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(?:\[(.*?)\]\s*)?>", re.S)
#: How a file in an encoding of 2 or 4 bytes a character begins (a byte order mark, or ``<?``), and
#: its codec; UTF-32 first, as its little-endian byte order mark begins like UTF-16's.
_WIDE = {
    b"\xff\xfe\x00\x00": "utf-32",
    b"\x00\x00\xfe\xff": "utf-32",
    b"<\x00\x00\x00?\x00\x00\x00": "utf-32-le",
    b"\x00\x00\x00<\x00\x00\x00?": "utf-32-be",
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
    b"<\x00?\x00": "utf-16-le",
    b"\x00<\x00?": "utf-16-be",
}


def safe_parser() -> etree.XMLParser:
    """A new lxml parser configured to load nothing but the document itself."""
    return etree.XMLParser(**_PARSER_OPTIONS)


def _problem(path: str, line: int, column: int, message: str, rule: str) -> InputError:
    return InputError(Problem(path, line, column, ERROR, message, rule))


def _position_of(data: bytes, needle: bytes) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle`` in ``data``."""
    index = data.find(needle)
    if index < 0:
        return 1, 1
    before = data[:index]
    line = before.count(b"\n") + 1
    column = index - (before.rfind(b"\n") + 1) + 1
    return line, column


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # never allowed in XML 1.0, in any ASCII-based encoding


def _looks_binary(data: bytes) -> bool:
    """NUL bytes (not UTF-16 or UTF-32), or several control characters XML forbids, near the start."""
    if data.startswith(tuple(_WIDE)):
        return False
    head = data[:4096]
    return b"\x00" in head or len(_CONTROL.findall(head)) >= 4


def _as_utf8(data: bytes, path: str) -> bytes:
    """UTF-16 or UTF-32 input re-encoded as UTF-8 (same characters, so the same lines and columns)."""
    codec = next((codec for start, codec in _WIDE.items() if data.startswith(start)), None)
    if codec is None:
        return data
    try:
        text = data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(codec, "replace")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise _problem(
            path, line, column, f"not well-formed XML: the bytes here are not {codec.upper()[:6]}", "xml-syntax"
        ) from None
    return re.sub(r"^(<\?xml[^>]*?encoding=[\"'])[^\"']*", r"\1UTF-8", text).encode("utf-8")


def _without_doctype(data: bytes, path: str) -> bytes:
    """``data`` with its document type declaration blanked; refuse one that declares entities."""
    root = _ROOT_START.search(data)
    match = _DOCTYPE.search(data, 0, root.start() if root else len(data))
    if not match:
        return data
    if match.group(1) and b"<!ENTITY" in match.group(1):
        names = re.findall(rb"<!ENTITY\s+(?:%\s+)?([^\s]+)", match.group(1))
        shown = ", ".join(n.decode("utf-8", "replace") for n in names[:5]) + ("…" if len(names) > 5 else "")
        line, column = _position_of(data, b"<!ENTITY")
        raise _problem(
            path,
            line,
            column,
            f"the document declares entities ({shown}); entity declarations are "
            "refused for safety: replace each entity reference by its text",
            "xml-entity-declaration",
        )
    blank = re.sub(rb"[^\n]", b" ", match.group(0))
    return data[: match.start()] + blank + data[match.end() :]


_WIDE_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']((?:utf-?(16|32)|ucs-?([24]))[^\"']*)[\"']", re.I)


def _check_wide_declaration(data: bytes, path: str) -> None:
    """Refuse a file that declares UTF-16 or UTF-32 but is written in an 8-bit encoding (libxml2
    would read noise)."""
    if data.startswith(tuple(_WIDE)):
        return
    declared = _WIDE_DECLARED.match(data.lstrip(b"\xef\xbb\xbf"))
    if declared:
        wide = "UTF-16" if declared.group(2) == b"16" or declared.group(3) == b"2" else "UTF-32"
        raise _problem(
            path,
            1,
            declared.start(1) + 1,
            f'the file declares encoding="{declared.group(1).decode()}" '
            f"but is not {wide} (no byte order mark, no {wide} characters): correct the declaration "
            "(probably UTF-8)",
            "xml-syntax",
        )


def parse_bytes(data: bytes, path: str) -> etree._ElementTree:
    """Parse ``data`` (the contents of ``path``) safely; raise :class:`InputError` if unusable."""
    if not data.strip():
        raise _problem(path, 1, 1, "the file is empty: expected an XML document", "xml-empty")
    if _looks_binary(data):
        raise _problem(path, 1, 1, "this is a binary file, not an XML document", "xml-binary")
    _check_wide_declaration(data, path)
    data = _without_doctype(_as_utf8(data, path), path)
    parser = safe_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser, base_url=path))
    except etree.XMLSyntaxError as exc:
        raise _syntax_problem(exc, parser, data, path) from None
    except (ValueError, LookupError) as exc:
        raise _problem(path, 1, 1, f"cannot read the document: {exc}", "xml-encoding") from None
    _check_limits(tree.getroot(), data, path)
    return tree


def _check_limits(root: etree._Element, data: bytes, path: str) -> None:
    """Refuse the first element of ``root`` with more attributes, or a longer local name (its own
    or an attribute's), than :data:`LIMITS` allow, or a processing instruction with a longer target."""
    for node in root.iter(etree.Element):
        attributes = node.attrib
        if len(attributes) > LIMITS.attributes:
            message = f"has {len(attributes):,} attributes, more than the {LIMITS.attributes:,} an element may have"
            raise _beyond(data, path, node, _start_tag(node), f"the element <{shown_name(_qname(node))}> {message}")
        if len(node.tag) + len("".join(attributes)) > LIMITS.name:  # all its names together first: cheaper
            for what, name in (("element", node.tag), *(("attribute", key) for key in attributes)):
                local = name.rpartition("}")[2]
                if len(local) > LIMITS.name:
                    raise _beyond(data, path, node, _start_tag(node), _too_long(what, local))
    for node in root.iter(etree.PI):
        if len(node.target) > LIMITS.name:
            raise _beyond(data, path, node, f"<?{node.target}", _too_long("processing instruction", node.target))


def _qname(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def _start_tag(element: etree._Element) -> str:
    return f"<{_qname(element)}"


def shown_name(name: str) -> str:
    """``name`` as a message shows it: its first 40 characters and "…" if it is longer."""
    return name if len(name) <= 40 else name[:40] + "…"


def _too_long(what: str, name: str) -> str:
    return f"the {what} name {shown_name(name)} has {len(name):,} characters, more than the {LIMITS.name:,} a name may have"


def _beyond(data: bytes, path: str, node: etree._Element, markup: str, message: str) -> InputError:
    """The problem of ``node``, whose markup begins with ``markup``, being beyond :data:`LIMITS`."""
    end = -1  # libxml2 gives the line where the start tag ends; find where it begins
    for _ in range(node.sourceline or 1):
        end = data.find(b"\n", end + 1)
        if end < 0:
            end = len(data)
            break
    index = data.rfind(markup.encode("utf-8"), 0, end)
    if index < 0:
        return _problem(path, node.sourceline or 1, 1, f"{message}: refused for safety", "xml-limits")
    line_start = data.rfind(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", "replace")) + 1
    return _problem(path, data.count(b"\n", 0, index) + 1, column, f"{message}: refused for safety", "xml-limits")


def _syntax_problem(exc: etree.XMLSyntaxError, parser: etree.XMLParser, data: bytes, path: str) -> InputError:
    """What is wrong with ``data`` (the contents of ``path``) that ``parser`` refused, said plainly."""
    entry = parser.error_log.filter_from_level(etree.ErrorLevels.ERROR)
    first = entry[0] if entry else None
    line = first.line if first else (exc.lineno or 1)
    column = first.column if first else (exc.offset or 1)
    # libxml2's messages may run over several lines and name parser options the user cannot set
    message = " ".join((first.message if first else str(exc)).split()).replace(", try XML_PARSE_HUGE", "")
    entity = re.match(r"Entity '([^']+)' not defined", message)
    if entity:
        text = data.split(b"\n")[line - 1] if 0 < line <= data.count(b"\n") + 1 else b""
        start = text.rfind(f"&{entity.group(1)};".encode(), 0, max(column - 1, 0))
        column = start + 1 if start >= 0 else column
        return _problem(
            path,
            max(line, 1),
            max(column, 1),
            f"entity reference &{entity.group(1)}; cannot be resolved: DTDs are not loaded; "
            "write the character itself or a numeric character reference",
            "xml-entity-reference",
        )
    beyond = _libxml2_limit(message)
    if beyond:
        return _problem(path, max(line, 1), max(column, 1), f"{beyond}: refused for safety", "xml-limits")
    if "Invalid bytes in character encoding" in message or "Input is not proper UTF-8" in message:
        declared = re.match(rb"<\?xml[^>]*?encoding=[\"']([^\"']+)", data.lstrip(b"\xef\xbb\xbf"))
        encoding = declared.group(1).decode("ascii", "replace") if declared else "UTF-8"
        return _problem(
            path,
            max(line, 1),
            max(column, 1),
            f"not well-formed XML: the bytes here are not {encoding}"
            f"{'' if declared else ' (no encoding is declared, so UTF-8 is assumed)'}: save the file as "
            'UTF-8 or declare its real encoding in <?xml … encoding="…"?>',
            "xml-syntax",
        )
    return _problem(path, max(line, 1), max(column, 1), f"not well-formed XML: {message}", "xml-syntax")


def _libxml2_limit(message: str) -> str | None:
    """What libxml2's ``message`` says, if it is about one of the :data:`LIMITS` libxml2 keeps itself."""
    if message.startswith("Excessive depth in document"):
        return f"elements are nested more than {LIMITS.depth} deep here (no edition needs such depth)"
    if "Text node too long" in message or "Buffer size limit exceeded" in message:
        return (
            f"a text without markup (or an attribute value) longer than {LIMITS.text:,} bytes here "
            "(no edition needs one so long: divide it, into paragraphs for instance)"
        )
    if message.startswith("Name too long"):
        return f"a name longer than {LIMITS.name:,} characters here"
    return None


def read_file(path: str | os.PathLike) -> bytes:
    """The bytes of ``path``; raise :class:`InputError` if it cannot be read, is not a regular file
    (a named pipe, a device such as ``/dev/zero``, also behind a symbolic link: opened without
    waiting, never read) or is larger than ``LIMITS.file_bytes``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _problem(
                    str(path), 0, 0, f"not a regular file ({_file_kind(info.st_mode)}): not read", "file-not-regular"
                )
            if info.st_size > LIMITS.file_bytes:
                raise _problem(
                    str(path),
                    0,
                    0,
                    f"the file is {info.st_size / 2**20:,.0f} MiB, more than the "
                    f"{LIMITS.file_bytes // 2**20} MiB a TEI file may have: not read",
                    "file-too-large",
                )
            with os.fdopen(os.dup(fd), "rb") as handle:
                return handle.read()
        finally:
            os.close(fd)
    except OSError as exc:
        raise _problem(str(path), 0, 0, f"cannot read the file: {exc.strerror or exc}", "file-unreadable") from None


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def parse_file(path: str | os.PathLike) -> etree._ElementTree:
    """Read and parse ``path`` safely; raise :class:`InputError` with a position if unusable."""
    return parse_bytes(read_file(path), str(path))


def current_umask() -> int:
    """The process umask (read without changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of ``first`` and ``second`` (both exist) in one step, so that each name
    stands for one of them at every instant (Linux's ``renameat2`` with ``RENAME_EXCHANGE``);
    False, with nothing changed, where the system or its file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_cwd, rename_exchange = -100, 2
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (fsync of the folder)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: How many characters :func:`atomic_write` encodes at a time.
_PIECE = 2**22


def link(source: Path, target: Path) -> None:
    """Put the file ``source`` at ``target`` too: a hard link (a file is never written again in
    place: every write replaces it), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename.

    A replaced file keeps its permissions; a new one gets the usual ones (umask). Text is
    written as UTF-8 a piece at a time (a large page is not held twice, as text and as bytes).
    """
    with atomic_open(path) as handle:
        if isinstance(data, str):
            for start in range(0, len(data), _PIECE):
                handle.write(data[start : start + _PIECE].encode("utf-8"))
        else:
            handle.write(data)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` piece by piece (see :func:`atomic_path`)."""
    with atomic_path(path) as tmp, tmp.open("wb") as handle:
        yield handle


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """An empty temporary file in the folder of ``path``, to be written by name, which replaces
    ``path`` (atomically, permissions as :func:`atomic_write`) once the block ends without an
    exception, and is removed if it does not. A symbolic link stays a link: what it points to is
    replaced."""
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        try:
            os.fchmod(fd, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~current_umask())
        finally:
            os.close(fd)
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
