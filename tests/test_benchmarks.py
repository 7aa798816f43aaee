"""The benchmark (not run by the suite: it takes minutes) still fits the library it measures."""

from __future__ import annotations

import ast
import importlib
import shutil
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("script", BENCHMARKS, ids=[p.name for p in BENCHMARKS])
def test_every_name_the_benchmark_imports_from_edition_exists(script):
    imports = [
        node
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "edition"
    ]
    for node in imports:
        module = importlib.import_module(node.module)
        assert [a.name for a in node.names if not hasattr(module, a.name)] == [], f"{script.name}:{node.lineno}"


def test_variants_times_copies_of_the_stylesheets_and_finds_changed_output(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS[0].parent))
    from variants import timings

    root = BENCHMARKS[0].parents[1]
    same, changed = tmp_path / "same", tmp_path / "changed"
    shutil.copytree(root / "xslt", same)
    shutil.copytree(root / "xslt", changed)
    text = changed / "text" / "text.xsl"
    text.write_text(
        text.read_text(encoding="utf-8").replace(
            "</xsl:stylesheet>", '<xsl:template match="tei:p" priority="100">changed</xsl:template></xsl:stylesheet>'
        ),
        encoding="utf-8",
    )
    results = timings("text", root / "tei", [same, changed], runs=1, compare=True)
    assert [name for name, _, _ in results] == ["xslt (repository)", str(same), str(changed)]
    assert all(seconds > 0 for _, seconds, _ in results)
    documents = len([p for p in (root / "tei").glob("*.xml") if p.stem not in ("persons", "places", "orgs")])
    assert [differ for _, _, differ in results] == [0, 0, documents]
