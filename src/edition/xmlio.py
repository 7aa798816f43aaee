"""Safe XML reading and atomic writing: the one place where the toolkit parses files.

Every command reads XML through :func:`parse_file` or :func:`parse_bytes`:

* no DTD is loaded and nothing is fetched (no network, no external entities);
* a document that declares entities in its internal subset is refused, so billion-laughs
  and quadratic-blowup documents are rejected before any expansion happens;
* an entity reference the parser cannot resolve (it would need an external DTD) is refused;
* malformed, empty, binary or wrongly encoded input raises :class:`InputError` with the
  position of the first problem.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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
)


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


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return False  # UTF-16, which has NULs by nature
    return b"\x00" in head


def parse_bytes(data: bytes, path: str) -> etree._ElementTree:
    """Parse ``data`` (the contents of ``path``) safely; raise :class:`InputError` if unusable."""
    if not data.strip():
        raise _problem(path, 1, 1, "the file is empty: expected an XML document", "xml-empty")
    if _looks_binary(data):
        raise _problem(path, 1, 1, "this is a binary file, not an XML document", "xml-binary")
    parser = safe_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser, base_url=path))
    except etree.XMLSyntaxError as exc:
        entry = exc.error_log.filter_from_level(etree.ErrorLevels.ERROR)
        first = entry[0] if entry else None
        line = first.line if first else (exc.lineno or 1)
        column = first.column if first else (exc.offset or 1)
        message = first.message if first else str(exc)
        raise _problem(path, max(line, 1), max(column, 1), f"not well-formed XML: {message}", "xml-syntax") from None
    except (ValueError, LookupError) as exc:
        raise _problem(path, 1, 1, f"cannot read the document: {exc}", "xml-encoding") from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None:
        names = [entity.name for entity in dtd.iterentities()]
        if names:
            line, column = _position_of(data, b"<!ENTITY")
            raise _problem(
                path, line, column,
                "the document declares entities (" + ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
                + "); entity declarations are refused for safety: replace each entity reference by its text",
                "xml-entity-declaration",
            )
    for entity in tree.getroot().iter(etree.Entity):
        raise _problem(
            path, entity.sourceline or 1, 1,
            f"entity reference {entity.text} cannot be resolved: external DTDs are not loaded; "
            "write the character itself or a numeric character reference",
            "xml-entity-reference",
        )
    return tree


def parse_file(path: str | os.PathLike) -> etree._ElementTree:
    """Read and parse ``path`` safely; raise :class:`InputError` with a position if unusable."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _problem(shown, 0, 0, f"cannot read the file: {exc.strerror or exc}", "file-unreadable") from None
    return parse_bytes(data, shown)


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
