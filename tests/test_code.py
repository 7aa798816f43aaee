"""The code's own shape: no function of the library (the importers aside) longer than
:data:`MAX_LINES` lines; complexity is checked by ruff (C901, max 15) in ``make test``."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "edition"
MAX_LINES = 60


def test_no_function_is_longer_than_sixty_lines():
    long = []
    for path in sorted(SRC.rglob("*.py")):
        if "importers" in path.relative_to(SRC).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.name} ({lines} lines)")
    assert not long, "functions over 60 lines:\n" + "\n".join(long)
