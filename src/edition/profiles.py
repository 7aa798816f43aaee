"""Validation profiles: the grammar and the Schematron rules TEI files are checked against
(README, "Validation profiles"), chosen by ``--profile`` or by ``[validation]`` in ``edition.toml``.

* ``edition``: the toolkit's customisation of TEI P5 (``schema/edition.rng``) and every rule of
  ``schema/edition.sch``;
* ``tei-all``: TEI P5 (``schema/tei_all.rng``) and only the rules of ``edition.sch`` that hold
  for any TEI (its phase ``tei-all``: pointers resolve, ids unique in their document, ISO 8601
  dates on date attributes, ranges in order);
* ``custom``: the edition's own grammar (RELAX NG, or an ODD derived from TEI P5) with the rules
  of ``tei-all`` and the edition's own Schematron, as ``edition.toml`` names them.

libxml2 takes some 15 s to compile TEI P5 and cannot store a compiled grammar: what is kept
between runs, in the user's cache folder, is each file's grammar check (keyed by the toolkit's
version and hashes of the grammar and of the file) and each ODD's grammar, so that TEI P5 is
compiled only for files it has not checked before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import __version__
from .config import Validation
from .resources import SCHEMA_DIR
from .xmlio import atomic_write, parse_bytes, parse_file

TEI_ALL = SCHEMA_DIR / "tei_all.rng"
SCHEMATRON = SCHEMA_DIR / "edition.sch"
NAMES = ("edition", "tei-all", "custom")


@dataclass(frozen=True)
class Profile:
    """A ``grammar`` (RELAX NG, or an ODD) and Schematron ``rules`` (each schema with its phase,
    '' for its default); the first rules are the toolkit's, whose lets a build supplies."""

    name: str
    grammar: Path
    rules: tuple[tuple[Path, str], ...]


EDITION = Profile("edition", SCHEMA_DIR / "edition.rng", ((SCHEMATRON, ""),))
TEI = Profile("tei-all", TEI_ALL, ((SCHEMATRON, "tei-all"),))


def profile(name: str | None = None, settings: Validation | None = None) -> Profile:
    """The profile ``name``, else the one ``settings`` (``[validation]`` of ``edition.toml``) names;
    ValueError for ``custom`` when ``settings`` names neither a grammar nor Schematron rules."""
    settings = settings or Validation()
    name = name or settings.profile
    if name == "edition":
        return EDITION
    if name == "tei-all":
        return TEI
    if not (settings.schema or settings.schematron):
        raise ValueError(
            "the custom profile checks against the grammar and rules edition.toml names: "
            "give [validation] schema (.rng or .odd) or schematron (.sch) there"
        )
    own = ((Path(settings.schematron), ""),) if settings.schematron else ()
    return Profile("custom", Path(settings.schema) if settings.schema else TEI_ALL, TEI.rules + own)


def cache_dir() -> Path:
    """The toolkit's folder in the user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "edition"


@functools.cache
def fingerprint(path: Path) -> str:
    """A hash of the file ``path`` (once per process)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def relaxng(grammar: Path) -> etree.RelaxNG:
    """The RELAX NG grammar ``grammar`` (for an ODD, the grammar derived from it against TEI P5),
    compiled once per process (:class:`edition.odd.OddError` if an ODD cannot be derived)."""
    if grammar.suffix != ".odd":
        return etree.RelaxNG(parse_file(grammar))
    derived = cache_dir() / "odd" / f"{_key(grammar)}.rng"
    try:
        data = derived.read_bytes()
    except OSError:
        from .odd import build_rng

        data = build_rng(grammar, TEI_ALL)
        _keep(derived, data)
    return etree.RelaxNG(parse_bytes(data, str(grammar)))


def _key(grammar: Path) -> str:
    """What a grammar's cached results are kept by: the toolkit's version (which words the
    messages) and the grammar's hash (an ODD's, with TEI P5's)."""
    return f"{__version__}-{fingerprint(grammar)}" + (
        f"-{fingerprint(TEI_ALL)[:16]}" if grammar.suffix == ".odd" else ""
    )


def cached_check(grammar: Path, data: bytes) -> list[list] | None:
    """What checking a file's ``data`` against ``grammar`` found the last time (lists of line,
    column and message), or None if it is not in the cache."""
    try:
        return json.loads((_checks(grammar) / f"{hashlib.sha256(data).hexdigest()}.json").read_bytes())
    except (OSError, ValueError):
        return None


def keep_check(grammar: Path, data: bytes, found: list[list]) -> None:
    """Keep what checking ``data`` against ``grammar`` ``found`` for the next run."""
    _keep(_checks(grammar) / f"{hashlib.sha256(data).hexdigest()}.json", json.dumps(found, ensure_ascii=False))


def _checks(grammar: Path) -> Path:
    return cache_dir() / "checks" / _key(grammar)


def _keep(path: Path, data: bytes | str) -> None:
    """Write ``path`` in the cache, unless the cache folder cannot be written (it is only a cache)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError:
        pass
