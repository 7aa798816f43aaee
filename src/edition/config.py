"""The edition's configuration: ``edition.toml`` at the edition's root (README, "Configuration").

:func:`find` looks for it in the TEI folder and the folders above it; :func:`load` reads it
into a :class:`Config`. Every key is optional; an unknown key, a value of the wrong type or
malformed TOML is an :class:`InputError` at its position (``edition.toml:LINE:COLUMN``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .problems import ERROR, InputError, Problem

FILE = "edition.toml"


@dataclass(frozen=True)
class Config:
    """What ``edition.toml`` says (its defaults when it is absent)."""

    #: The home page's introduction (and the edition's PDF's): one paragraph; none when ''.
    introduction: str = ""


def find(tei_dir: Path) -> Path | None:
    """The ``edition.toml`` of the edition whose TEI files are in ``tei_dir``: in that folder or
    the nearest folder above it that has one; None if none has."""
    folder = tei_dir.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / FILE).is_file():
            return candidate / FILE
    return None


def for_edition(tei_dir: Path) -> Config:
    """The configuration of the edition whose TEI files are in ``tei_dir``."""
    path = find(tei_dir)
    return load(path) if path else Config()


def load(path: Path) -> Config:
    """Read ``path`` (an ``edition.toml``); :class:`InputError` at the position of what is wrong."""
    shown = _shown(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(
            Problem(shown, 0, 0, ERROR, f"cannot read the configuration: {exc.strerror or exc}", "file-unreadable")
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(shown, 1, 1, ERROR, f"the configuration is not UTF-8: {exc.reason}", "config-syntax")
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(Problem(shown, line, column, ERROR, f"not valid TOML: {message}", "config-syntax")) from None
    keys = [f.name for f in fields(Config)]
    for key, value in data.items():
        if key not in keys:
            line, column = _position(text, key, value=False)
            raise InputError(
                Problem(
                    shown, line, column, ERROR, f"unknown key {key!r}; the keys are: " + ", ".join(keys), "config-key"
                )
            )
        if not isinstance(value, str):  # every key holds a string, for now
            line, column = _position(text, key, value=True)
            raise InputError(
                Problem(shown, line, column, ERROR, f"{key!r} must be a string, not {_toml_type(value)}", "config-type")
            )
    return Config(**data)


def _shown(path: Path) -> str:
    """``path`` as a message shows it: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _position(text: str, key: str, *, value: bool) -> tuple[int, int]:
    """Line and column of top-level ``key`` in ``text`` (of its value if ``value``), as a key
    (``key =``, ``"key" =``, ``key.part =``) or a table (``[key]``, ``[[key]]``); 1:1 if not found."""
    name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    pattern = re.compile(
        rf"^[ \t]*(?:(?P<key>{name})[ \t]*[.=][ \t]*(?P<value>.?)|\[\[?[ \t]*(?P<table>{name}))", re.MULTILINE
    )
    found = pattern.search(text)
    if not found:
        return 1, 1
    group = "table" if found["table"] else ("value" if value else "key")
    start = found.start(group)
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _toml_type(value: object) -> str:
    """The TOML name of the type of ``value``."""
    names = {bool: "a boolean", int: "an integer", float: "a float", list: "an array", dict: "a table"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a date or time")
