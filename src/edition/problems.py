"""Problems found in input files, reported as ``path:line:column: severity: message [rule]``."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


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
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict:
        return asdict(self)


class InputError(Exception):
    """Raised when an input file cannot be used at all; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem
