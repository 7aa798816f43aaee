"""Writing accepted proposals: tags inserted into the file's own bytes, nothing else changed.

Every other byte of the file stays as it was (formatting, character references, comments), so
the diff shows only the new tags. A file is written only if it is still the one the proposals
were made from, and only if its text content is unchanged by the insertion; the write is atomic.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..lock import tei_lock
from ..problems import ERROR, InputError, Problem
from ..xmlio import atomic_write, parse_bytes, read_file
from .proposals import Proposal
from .textmap import TextMap


def _refuse(proposal: Proposal, message: str, rule: str = "annotate-span") -> InputError:
    return InputError(Problem(str(proposal.path), proposal.line, proposal.column, ERROR, message, rule))


def start_tag(name: str, attributes: dict[str, str]) -> str:
    return "<" + name + "".join(f" {key}={quoteattr(value)}" for key, value in attributes.items()) + ">"


def insert_markup(document: TextMap, proposals: list[Proposal]) -> bytes:
    """The bytes of ``document`` with each proposal's element around its text."""
    pieces, position = [], 0
    for proposal in sorted(proposals, key=lambda p: p.start):
        found = document.run_at(proposal.start, proposal.end)
        if found is None or proposal.start < position:
            raise _refuse(
                proposal,
                f"bytes {proposal.start}–{proposal.end} are not one piece of text of the file "
                "or overlap another accepted proposal",
            )
        run, first, last = found
        if " ".join(run.text[first:last].split()) != " ".join(proposal.surface.split()):
            raise _refuse(proposal, f'the text there is "{run.text[first:last]}", not "{proposal.surface}"')
        if run.prefix is None or run.cdata:
            raise _refuse(proposal, "no TEI element can be inserted here (CDATA or another namespace)")
        name = f"{run.prefix}:{proposal.tag}" if run.prefix else proposal.tag
        pieces += [
            document.data[position : proposal.start],
            start_tag(name, proposal.attributes).encode(),
            document.data[proposal.start : proposal.end],
            f"</{name}>".encode(),
        ]
        position = proposal.end
    pieces.append(document.data[position:])
    return b"".join(pieces)


def _text(data: bytes, path: Path) -> str:
    return "".join(parse_bytes(data, str(path)).getroot().itertext())


def write_file(path: Path, proposals: list[Proposal]) -> int:
    """Insert ``proposals`` (all of ``path``) into the file; return how many elements were inserted."""
    document = TextMap.load(path)
    for proposal in proposals:
        if proposal.checksum and proposal.checksum != document.checksum:
            raise _refuse(
                proposal, "the file has changed since the proposals were made: make them again", "annotate-changed"
            )
        if proposal.ambiguous:
            raise _refuse(
                proposal,
                f'"{proposal.surface}" is ambiguous ({proposal.target}): choose the entry (ref=…) before accepting it',
            )
    data = insert_markup(document, proposals)
    if _text(data, path) != _text(document.data, path):
        raise RuntimeError(f"{path}: inserting the markup would change the text; nothing was written")
    with tei_lock(path):  # no other edition process writes it between the check and the write
        if read_file(path) != document.data:
            raise InputError(
                Problem(
                    str(path),
                    0,
                    0,
                    ERROR,
                    "the file changed on disk while it was being annotated; nothing was written: run the command again",
                    "annotate-changed",
                )
            )
        atomic_write(path, data)
    return len(proposals)


def write_all(proposals: list[Proposal]) -> dict[Path, int]:
    """Write the accepted ``proposals`` into their files; the number of elements inserted per file."""
    by_file: dict[Path, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_file[proposal.path].append(proposal)
    return {path: write_file(path, items) for path, items in by_file.items()}
