"""The benchmark (not run by the suite: it takes minutes) still fits the library it measures."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("script", BENCHMARKS, ids=[p.name for p in BENCHMARKS])
def test_every_name_the_benchmark_imports_from_edition_exists(script):
    imports = [node for node in ast.walk(ast.parse(script.read_text(encoding="utf-8")))
               if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "edition"]
    for node in imports:
        module = importlib.import_module(node.module)
        assert [a.name for a in node.names if not hasattr(module, a.name)] == [], f"{script.name}:{node.lineno}"
