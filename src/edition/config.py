"""The edition's configuration: ``edition.toml`` at the edition's root (README, "edition.toml").

:func:`find` looks for it in the TEI folder and the folders above it; :func:`load` reads it
into a :class:`Config`. Every key is optional; an unknown key, a value of the wrong type, a
value outside a closed list, a file named that does not exist or malformed TOML is an
:class:`InputError` at its position (``edition.toml:LINE:COLUMN``). The keys are the fields
of :class:`Config` and of its tables (:class:`Validation`, :class:`Print`).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
import string
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path

from .messages import LANGUAGES
from .problems import ERROR, InputError, Problem

FILE = "edition.toml"
#: The validation profiles (README, "Validation profiles").
PROFILES = ("edition", "tei-all", "custom")
#: The outputs an edition may leave out; the site and the index data are always made.
OPTIONAL_OUTPUTS = ("text", "pdf")
#: What a citation pattern (``cite``) may name: ``document`` is the title of the document cited
#: ('' when the edition is), ``url`` the address of what is cited.
CITE_FIELDS = ("title", "subtitle", "editors", "publisher", "version", "date", "document", "url")
#: What the pages about the edition (``about``) may be: TEI or Markdown.
ABOUT_SUFFIXES = (".xml", ".md", ".markdown")
#: Which reading of a choice of the text as written and a normalised one the text and the PDFs
#: show (``transcription``): the site shows both, with a switch.
TRANSCRIPTIONS = ("normalised", "diplomatic")
#: An edition's ``date``: a day, a month or a year of ISO 8601.
ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _choices(*values: str) -> dict:
    return {"choices": values}


_PATH = {"path": True}
#: A file or a folder, relative to edition.toml.
_PLACE = {"path": True, "folder": True}


@dataclass(frozen=True)
class Validation:
    """``[validation]``: what ``validate``, ``build`` and ``serve`` check the TEI against."""

    #: ``edition`` (the toolkit's customisation), ``tei-all`` (TEI P5 and the rules that hold for
    #: any TEI) or ``custom`` (``schema`` and ``schematron`` below, with the rules of tei-all).
    profile: str = field(default="edition", metadata=_choices(*PROFILES))
    #: custom: the edition's RELAX NG grammar (.rng) or ODD (.odd), relative to edition.toml.
    schema: str = field(default="", metadata=_PATH)
    #: custom: the edition's ISO Schematron rules (.sch), relative to edition.toml.
    schematron: str = field(default="", metadata=_PATH)


@dataclass(frozen=True)
class Print:
    """``[print]``: the print edition."""

    #: The page size, as CSS's ``@page size`` takes it (``A4``, ``letter``, ``170mm 240mm``);
    #: '' for the toolkit's (170 × 240 mm).
    page_size: str = ""


@dataclass(frozen=True)
class Config:
    """What ``edition.toml`` says (its defaults when it is absent). The texts left '' are taken
    from the TEI by the stylesheets where the TEI has them (README, "edition.toml")."""

    #: The edition's title; '' for the series title (seriesStmt) of the first document.
    title: str = ""
    subtitle: str = ""
    #: The editors' names; none for the editors of the first document's titleStmt.
    editors: tuple[str, ...] = ()
    #: '' for the publisher of the first document's publicationStmt.
    publisher: str = ""
    #: The licence of the edition, and its URL; '' for the first document's ``licence``.
    licence: str = ""
    licence_url: str = ""
    #: The address the site will be published at (the citation's ``{url}``).
    base_url: str = ""
    #: How to cite the edition: a pattern of :data:`CITE_FIELDS` in braces.
    cite: str = ""
    #: The home page's introduction (and the edition's PDF's): one paragraph; none when ''.
    introduction: str = ""
    #: The interface languages (of the message catalogue, :data:`edition.messages.LANGUAGES`), the
    #: first the default: the site in each (the others in a folder each, ``de/`` …), the text, the
    #: PDFs and the index data in the first.
    languages: tuple[str, ...] = field(default=("en",), metadata=_choices(*LANGUAGES))
    #: The edition's version (in the footer and the citation); '' for the first document's
    #: ``editionStmt/edition`` (its @n, else its text).
    version: str = ""
    #: The date of this state of the edition (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD), in the footer
    #: and the citation; '' for the day of the build (:func:`dated`).
    date: str = field(default="", metadata={"date": True})
    #: Pages about the edition: TEI or Markdown (.md) files, relative to edition.toml, each a
    #: page of the site (``about/NAME.html``) linked from every page's menu.
    about: tuple[str, ...] = field(default=(), metadata=_PATH)
    #: Where the registers are when they are not beside the documents: files or folders,
    #: relative to edition.toml; their TEI files are part of the edition.
    registers: tuple[str, ...] = field(default=(), metadata=_PLACE)
    #: The witness (its xml:id in ``listWit``) whose reading stands in the text where an ``app``
    #: has no ``lem``; '' for the first witness of each document's ``listWit``.
    base_witness: str = ""
    #: The reading of the text output and the PDFs where the TEI offers the text as written (sic,
    #: orig, abbr) and a normalised one (corr, reg, expan): :data:`TRANSCRIPTIONS`.
    transcription: str = field(default="normalised", metadata=_choices(*TRANSCRIPTIONS))
    #: The optional outputs made (:data:`OPTIONAL_OUTPUTS`).
    outputs: tuple[str, ...] = field(default=OPTIONAL_OUTPUTS, metadata=_choices(*OPTIONAL_OUTPUTS))
    validation: Validation = Validation()
    print: Print = Print()

    def settings(self) -> dict:
        """The configuration as JSON data (a build's options: the same after a round trip)."""
        return json.loads(json.dumps(dataclasses.asdict(self)))


#: The configuration of an edition without ``edition.toml``.
DEFAULT = Config()


def dated(config: Config) -> Config:
    """``config`` with its ``date``: as given, else the day ``SOURCE_DATE_EPOCH`` (seconds since
    1970, for reproducible builds) falls on, else today (UTC)."""
    if config.date:
        return config
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.UTC)
    )
    return dataclasses.replace(config, date=moment.date().isoformat())


def register_files(config: Config) -> list[Path]:
    """The TEI files of the registers ``config`` names (``registers``: files, and the .xml files
    in folders)."""
    from .documents import find_xml_files

    return find_xml_files([Path(place) for place in config.registers])


def with_registers(paths: list[Path], config: Config) -> list[Path]:
    """``paths`` (files and folders) and the register files ``config`` names that are not among
    or inside them."""
    known = [path.resolve() for path in paths]
    return paths + [
        path
        for path in register_files(config)
        if not any(path.resolve() == other or path.resolve().is_relative_to(other) for other in known)
    ]


def configured(tei_dir: Path) -> list[Path]:
    """The ``edition.toml`` of the edition in ``tei_dir`` and the files it names that its TEI folder
    may not hold: the pages about the edition and the registers; none without one, only itself
    if it has errors."""
    path = find(tei_dir)
    if path is None:
        return []
    try:
        config = load(path)
    except InputError:
        return [path]
    return [path, *map(Path, config.about), *register_files(config)]


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
    return load(path) if path else DEFAULT


def load(path: Path) -> Config:
    """Read ``path`` (an ``edition.toml``); :class:`InputError` at the position of what is wrong.
    Files it names are made absolute (they are relative to its folder)."""
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
    reader = _Reader(shown, text, path.resolve().parent)
    config = typing.cast(Config, reader.read(Config, data, ()))
    if config.validation.profile == "custom" and not (config.validation.schema or config.validation.schematron):
        message = "the custom profile needs the edition's own schema or schematron (keys of [validation])"
        reader.fail(("validation", "profile"), message, "config-value")
    if not config.languages or len(set(config.languages)) < len(config.languages):
        reader.fail(("languages",), "'languages' must name each interface language once, at least one", "config-value")
    return config


class _Reader:
    """Reads the data of one ``edition.toml`` (``text``, shown as ``shown``) into its dataclasses."""

    def __init__(self, shown: str, text: str, folder: Path):
        self.shown, self.text, self.folder = shown, text, folder

    def fail(self, keys: tuple[str, ...], message: str, rule: str, *, value: bool = True) -> typing.NoReturn:
        line, column = _position(self.text, keys, value=value)
        raise InputError(Problem(self.shown, line, column, ERROR, message, rule))

    def read(self, kind: type, data: dict, table: tuple[str, ...]) -> object:
        """An instance of the dataclass ``kind`` from ``data`` (the table ``table``)."""
        hints = typing.get_type_hints(kind)
        known = {f.name: f for f in dataclasses.fields(kind)}
        values = {}
        for key, value in data.items():
            keys = (*table, key)
            if key not in known:
                where = f" of [{'.'.join(table)}]" if table else ""
                self.fail(
                    keys, f"unknown key {key!r}; the keys{where} are: {', '.join(known)}", "config-key", value=False
                )
            values[key] = self.value(keys, hints[key], known[key].metadata, value)
        return kind(**values)

    def value(self, keys: tuple[str, ...], hint: object, metadata: typing.Mapping, value: object) -> object:
        """``value`` of the key ``keys`` checked against its type ``hint`` and its ``metadata``."""
        name = ".".join(keys)
        if dataclasses.is_dataclass(hint):
            if not isinstance(value, dict):
                self.fail(keys, f"{name!r} must be a table, not {_toml_type(value)}", "config-type")
            return self.read(typing.cast(type, hint), value, keys)
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(keys, f"{name!r} must be true or false, not {_toml_type(value)}", "config-type")
            return value
        items = value if typing.get_origin(hint) is tuple and isinstance(value, list) else [value]
        if (
            typing.get_origin(hint) is tuple
            and not isinstance(value, list)
            or not all(isinstance(item, str) for item in items)
        ):
            wanted = "an array of strings" if typing.get_origin(hint) is tuple else "a string"
            wrong = next((item for item in items if not isinstance(item, str)), value)
            found = f"an array holding {_toml_type(wrong)}" if isinstance(value, list) and wrong is not value else None
            self.fail(keys, f"{name!r} must be {wanted}, not {found or _toml_type(value)}", "config-type")
        strings = typing.cast(list[str], items)
        for item in strings:
            self.check(keys, metadata, item)
        if metadata.get("path"):
            strings = [str(self.folder / item) if item else "" for item in strings]
        return tuple(strings) if typing.get_origin(hint) is tuple else strings[0]

    def check(self, keys: tuple[str, ...], metadata: typing.Mapping, item: str) -> None:
        """A string ``item`` of the key ``keys``: in its closed list, an existing file, a pattern."""
        name = ".".join(keys)
        choices = metadata.get("choices")
        if choices and item not in choices:
            self.fail(
                keys, f"{name!r} cannot be {item!r}; the values allowed are: {', '.join(choices)}", "config-value"
            )
        if metadata.get("path") and item and not (self.folder / item).is_file():
            if not (metadata.get("folder") and (self.folder / item).is_dir()):
                what = "file or folder" if metadata.get("folder") else "file"
                self.fail(keys, f"{name!r}: no {what} {item!r} beside {FILE}", "config-value")
        if metadata.get("date") and item and not ISO_DATE.fullmatch(item):
            self.fail(keys, f"{name!r} is not an ISO 8601 date: {item!r} (YYYY, YYYY-MM or YYYY-MM-DD)", "config-value")
        if keys == ("about",) and not item.lower().endswith(ABOUT_SUFFIXES):
            self.fail(
                keys,
                f"'about' names {item!r}: a page about the edition is a TEI (.xml) or Markdown (.md) file",
                "config-value",
            )
        if keys == ("print", "page_size") and not re.fullmatch(r"[A-Za-z0-9. ]*", item):
            self.fail(
                keys, f"'print.page_size' is not a page size: {item!r} (e.g. A4, letter, 170mm 240mm)", "config-value"
            )
        if keys == ("cite",):
            try:
                named = {part[1] for part in string.Formatter().parse(item) if part[1] is not None}
            except ValueError as exc:
                self.fail(keys, f"'cite' is not a pattern: {exc}", "config-value")
            unknown = sorted(named - set(CITE_FIELDS))
            if unknown:
                message = f"'cite' names {{{unknown[0]}}}; a pattern may name: " + ", ".join(CITE_FIELDS)
                self.fail(keys, message, "config-value")


def _shown(path: Path) -> str:
    """``path`` as a message shows it: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _position(text: str, keys: tuple[str, ...], *, value: bool) -> tuple[int, int]:
    """Line and column of the key ``keys`` (a top-level key, or a key of a table, looked for after
    the table's header) in ``text`` (of its value if ``value``), as a key (``key =``,
    ``"key" =``, ``key.part =``) or a table (``[key]``, ``[[key]]``); 1:1 if not found."""
    start = 0
    for table in keys[:-1]:
        header = re.search(rf"^[ \t]*\[[ \t]*{_quoted(table)}[ \t]*\]", text[start:], re.MULTILINE)
        start += header.end() if header else 0
    name = _quoted(keys[-1])
    pattern = re.compile(
        rf"^[ \t]*(?:(?P<key>{name})[ \t]*[.=][ \t]*(?P<value>.?)|\[\[?[ \t]*(?P<table>{name}))", re.MULTILINE
    )
    found = pattern.search(text, start)
    if not found:
        return 1, 1
    group = "table" if found["table"] else ("value" if value else "key")
    at = found.start(group)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _quoted(key: str) -> str:
    """A pattern for ``key`` as TOML writes it: bare or quoted."""
    return rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"


def _toml_type(value: object) -> str:
    """The TOML name of the type of ``value``."""
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
    }
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a date or time")
