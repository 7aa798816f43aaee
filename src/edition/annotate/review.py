"""Reviewing proposals: a proposals file (TSV or JSON) an editor edits, or questions in a terminal.

A proposals file has one row per proposal. ``accept`` is ``y`` for an unambiguous proposal and
``?`` for an ambiguous one; an editor sets it to ``n`` to reject, or, for an ambiguous form,
writes the chosen ``ref=…`` in ``attributes`` (and the ``type``) and sets ``y``. The date
``attributes`` may be corrected the same way. ``start``/``end`` are byte offsets and
``checksum`` identifies the file they refer to: a file changed since is refused.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from ..problems import ERROR, InputError, Problem
from ..xmlio import atomic_write, read_file
from .proposals import TAGS, Proposal

COLUMNS = (
    "accept",
    "file",
    "line",
    "column",
    "start",
    "end",
    "type",
    "surface",
    "attributes",
    "candidates",
    "checksum",
)
_YES, _NO = {"y", "yes", "x", "1", "true"}, {"n", "no", "0", "false", "", "?"}


def _row(proposal: Proposal) -> dict:
    return {
        "accept": "?" if proposal.ambiguous else "y",
        "file": str(proposal.path),
        "line": proposal.line,
        "column": proposal.column,
        "start": proposal.start,
        "end": proposal.end,
        "type": proposal.type,
        "surface": " ".join(proposal.surface.split()),
        "attributes": " ".join(f"{k}={v}" for k, v in proposal.attributes.items()),
        "candidates": " ".join(proposal.candidates),
        "checksum": proposal.checksum,
    }


def dump(proposals: list[Proposal], path: Path) -> None:
    """Write ``proposals`` to ``path``: JSON if it ends in .json, else tab-separated values."""
    rows = [_row(p) for p in proposals]
    if path.suffix.lower() == ".json":
        for row in rows:
            row["accept"] = None if row["accept"] == "?" else True
            row["attributes"] = dict(p.split("=", 1) for p in row["attributes"].split())
            row["candidates"] = row["candidates"].split()
        atomic_write(path, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(path, out.getvalue())


def load(path: Path) -> list[Proposal]:
    """The accepted proposals of a proposals file (raises :class:`InputError` on a bad row)."""
    text = read_file(path).decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _bad(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
        if not isinstance(rows, list):
            raise _bad(path, 1, "expected a list of proposals")
        numbered: list[tuple[int | None, dict]] = [(None, row) for row in rows]
    else:
        reader = csv.DictReader(io.StringIO(text), delimiter="\t")
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise _bad(path, 1, f"the header lacks the column(s) {', '.join(sorted(missing))}")
        numbered = [(reader.line_num, row) for row in reader]
    accepted = []
    for number, (line, row) in enumerate(numbered, 1):
        proposal = _proposal(path, line or number, row)
        if proposal is not None:
            accepted.append(proposal)
    return accepted


def _bad(path: Path, line: int, message: str) -> InputError:
    return InputError(Problem(str(path), line, 1, ERROR, message, "proposals-file"))


def _accepted(value) -> bool | None:
    """True, False, or None when the value means neither."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    word = str(value).strip().lower()
    return True if word in _YES else False if word in _NO else None


def _proposal(path: Path, line: int, row) -> Proposal | None:
    if not isinstance(row, dict):
        raise _bad(path, line, "expected an object with the columns " + ", ".join(COLUMNS))
    accept = _accepted(row.get("accept"))
    if accept is None:
        raise _bad(path, line, f'accept is "{row.get("accept")}": write y or n')
    if not accept:
        return None
    attributes = row.get("attributes") or {}
    try:
        if isinstance(attributes, str):
            attributes = dict(word.split("=", 1) for word in attributes.split())
        candidates = row.get("candidates") or ()
        candidates = tuple(candidates.split() if isinstance(candidates, str) else candidates)
        proposal = Proposal(
            Path(row["file"]),
            int(row["start"]),
            int(row["end"]),
            int(row["line"]),
            int(row["column"]),
            str(row["type"]),
            str(row["surface"]),
            dict(attributes),
            candidates,
            str(row.get("checksum") or ""),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise _bad(path, line, f"incomplete or wrong row ({exc}): keep the columns as written") from None
    if proposal.type not in TAGS:
        raise _bad(path, line, f'type "{proposal.type}" is not one of {", ".join(TAGS)}')
    if proposal.ambiguous:
        raise _bad(
            path,
            line,
            f'"{proposal.surface}" is accepted but has no attributes: write ref=… '
            f"(one of: {' '.join(candidates) or 'the register entries'})",
        )
    return proposal


def ask(
    proposals: list[Proposal],
    data: dict[Path, bytes],
    choose: Callable[[str, list[str]], str],
    show: Callable[[str], None],
    emphasis: Callable[[str], str] = str,
) -> list[Proposal]:
    """Ask about each proposal (``data``: the files' bytes, for context): ``show`` writes a line,
    ``choose(question, choices)`` returns one of ``choices``, ``emphasis`` marks the proposed text."""
    accepted: list[Proposal] = []
    for index, proposal in enumerate(proposals):
        show("\n" + proposal.describe())
        show("  …" + _context(data[proposal.path], proposal, emphasis) + "…")
        if proposal.ambiguous:
            for number, candidate in enumerate(proposal.candidates, 1):
                show(f"  {number}: ref={candidate}")
            choices = [str(n) for n in range(1, len(proposal.candidates) + 1)] + ["n", "q"]
            answer = choose("  which entry (number), n = skip, q = stop", choices)
            if answer == "q":
                break
            if answer != "n":
                ref = proposal.candidates[int(answer) - 1]
                kinds = proposal.type.split("|")
                kind = choose("  type", kinds) if len(kinds) > 1 else kinds[0]
                proposal.attributes, proposal.type = {"ref": ref}, kind
                accepted.append(proposal)
            continue
        answer = choose("  tag it? y = yes, n = no, a = yes to all the rest, q = stop", ["y", "n", "a", "q"])
        if answer == "q":
            break
        if answer == "a":
            accepted += [p for p in proposals[index:] if not p.ambiguous]
            break
        if answer == "y":
            accepted.append(proposal)
    return accepted


def _context(data: bytes, proposal: Proposal, emphasis: Callable[[str], str], width: int = 60) -> str:
    before = data[max(0, proposal.start - width * 2) : proposal.start].decode("utf-8", errors="ignore")[-width:]
    after = data[proposal.end : proposal.end + width * 2].decode("utf-8", errors="ignore")[:width]
    inside = data[proposal.start : proposal.end].decode("utf-8")
    return " ".join(f"{before}[{emphasis(inside)}]{after}".split())
