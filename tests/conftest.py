"""Built sites shared by the tests of the index pages, the search, the server and the browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.build import build

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_EDITION = ROOT / "tests" / "fixtures" / "indices" / "edition"


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Path:
    """``edition build`` of the small test edition (alpha, beta and their registers), unvalidated:
    it holds a dangling reference on purpose."""
    return build(FIXTURE_EDITION, tmp_path_factory.mktemp("fixture") / "build", check=False, pdf=False).output


@pytest.fixture(scope="session")
def edition_build_output(tmp_path_factory) -> Path:
    """``edition build`` of the edition's own TEI (tei/), unvalidated: its markup is being added."""
    return build(ROOT / "tei", tmp_path_factory.mktemp("tei") / "build", check=False, pdf=False).output
