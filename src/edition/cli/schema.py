"""``edition odd``: the edition's RELAX NG schema derived from its ODD customisation."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import CannotRun


@click.command()
@click.argument(
    "odd_file",
    metavar="ODD",
    default="schema/edition.odd",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    default="schema/edition.rng",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the RELAX NG schema.",
)
@click.option(
    "--tei-all",
    "tei_all",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The TEI P5 grammar the customisation restricts (default: TEI P5 4.3.0, tei_all.rng as "
    "shipped with the toolkit).",
)
def odd(odd_file: Path, output: Path, tei_all: Path | None) -> None:
    """Derive a RELAX NG schema from an ODD customisation (ODD, default schema/edition.odd).

    Only restrictions of TEI P5 are accepted (element include lists, closed value lists,
    attribute deletions), so whatever the schema accepts is valid TEI P5 too.
    """
    from ..odd import OddError, build_rng
    from ..resources import SCHEMA_DIR
    from ..xmlio import atomic_write

    try:
        atomic_write(output, build_rng(odd_file, tei_all or SCHEMA_DIR / "tei_all.rng"))
    except OddError as exc:
        raise CannotRun(f"{odd_file}: {exc}") from None
    click.echo(f"wrote {output}")
