"""Problems found in input files, reported as ``path:line:column: severity: message [rule]``."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
#: The most problems of one file listed by default; the rest are counted (``edition validate --max-problems``).
MOST_PER_FILE = 100
#: Characters that would break a message's line or reorder it on a terminal, and their escapes.
_ESCAPES = {
    c: f"\\u{c:04x}"
    for c in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
} | {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one position of one file (line and column are 1-based; 0 = unknown)."""

    path: str
    line: int
    column: int
    severity: str
    message: str
    rule: str

    def format(self) -> str:
        """The problem as one line: control characters, line and paragraph separators and bidi
        controls in the path or the message (values quoted from the input) written as escapes."""
        return (
            f"{self.path.translate(_ESCAPES)}:{self.line}:{self.column}: {self.severity}: "
            f"{self.message.translate(_ESCAPES)} [{self.rule}]"
        )

    def as_dict(self) -> dict:
        return asdict(self)


class InputError(Exception):
    """Raised when an input file cannot be used at all; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


def listed(problems: Iterable[Problem], most: int = MOST_PER_FILE) -> Iterator[str]:
    """``problems`` (those of a file together, as a report sorts them) as lines: at most ``most`` of
    each file (0: all of them), then one line counting the rest of that file."""
    for path, group in itertools.groupby(problems, key=lambda problem: problem.path):
        count = 0
        for count, problem in enumerate(group, 1):
            if not most or count <= most:
                yield problem.format()
        if most and count > most:
            rest = count - most
            yield (
                f"{path.translate(_ESCAPES)}: … and {rest:,} more problem{'' if rest == 1 else 's'} in this file "
                "(edition validate --max-problems 0 lists them all)"
            )
