"""``edition new``: a new edition that builds at once, made from the files of ``template/``
(README, "Start your own edition").

The template holds ``edition.toml``, ``tei/`` (two sample letters with a footnote, persons,
places, dates and ``correspDesc``, and their registers in files of their own), an Oxygen project
(``edition.xpr``, named after the edition's folder) with the build as a transformation scenario
(``build.xml``), VS Code settings and a README; ``$title`` and ``$name`` in them stand for the
edition's title and folder name. The TEI P5 grammar the toolkit checks against is copied into
``schema/``, where the TEI files' ``<?xml-model?>`` and the editors' settings find it.
"""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

from .problems import ERROR, InputError, Problem
from .profiles import TEI_ALL
from .xmlio import atomic_write

TEMPLATE = Path(str(files("edition") / "template"))
#: How a value is written into a file of the template, by the file's suffix.
_QUOTED = {".toml": lambda value: json.dumps(value, ensure_ascii=False)[1:-1], ".xml": escape, ".xpr": escape}


def new_edition(folder: Path, title: str = "") -> list[Path]:
    """Write a new edition into ``folder`` (new, or empty) with ``title`` (default: the
    folder's name); the files written. :class:`InputError` if ``folder`` holds anything."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        message = "is not an empty folder: give a new folder for the new edition"
        raise InputError(Problem(str(folder), 0, 0, ERROR, message, "new-exists"))
    name = folder.resolve().name
    values = {"title": title or name.replace("-", " ").replace("_", " ").capitalize(), "name": name}
    written = []
    for source in sorted(p for p in TEMPLATE.rglob("*") if p.is_file()):
        relative = source.relative_to(TEMPLATE)
        target = folder / (relative.with_name(f"{name}.xpr") if relative.suffix == ".xpr" else relative)
        quote = _QUOTED.get(source.suffix, str)
        text = Template(source.read_text(encoding="utf-8")).safe_substitute({k: quote(v) for k, v in values.items()})
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text)
        written.append(target)
    (folder / "schema").mkdir(exist_ok=True)
    shutil.copyfile(TEI_ALL, folder / "schema" / TEI_ALL.name)
    return [*written, folder / "schema" / TEI_ALL.name]
