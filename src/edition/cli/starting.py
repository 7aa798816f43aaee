"""``edition new``: start an edition of one's own."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("new")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="", help="The edition's title (default: made from FOLDER's name).")
def new_command(folder: Path, title: str) -> None:
    """Start a new edition in FOLDER (new, or empty) that builds at once.

    Writes edition.toml (title, editors, licence, introduction, validation profile tei-all),
    tei/ with two sample letters and their registers of persons and places, schema/ with the
    TEI P5 grammar, an Oxygen project (FOLDER.xpr: the grammar associated, the build as a
    transformation scenario), VS Code settings and a README. Then: cd FOLDER; edition build.
    """
    from ..scaffold import new_edition

    for path in new_edition(folder, title):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && edition build (the first check against TEI P5 takes about 15 s)")
