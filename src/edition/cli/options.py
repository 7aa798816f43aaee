"""The arguments and options several commands share, defined once."""

from __future__ import annotations

from pathlib import Path

import click

#: The TEI folder of the edition (``build``, ``serve``).
TEI_DIR = click.argument("tei_dir", default="tei", type=click.Path(file_okay=False, path_type=Path))

REGISTERS = click.option(
    "--registers",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the register files (persons, places, orgs). Default: each document's own folder.",
)


def inputs(name: str = "paths", required: bool = False):
    """The files and folders a command reads (``name``: PATHS or FILES), all of them existing."""
    return click.argument(name, nargs=-1, required=required, type=click.Path(exists=True, path_type=Path))


def output_folder(help: str, default: str | None = None):
    """``-o/--output``, the folder a command writes into (``help``); required unless it has a ``default``."""
    return click.option(
        "-o",
        "--output",
        required=default is None,
        default=default,
        show_default=default is not None,
        type=click.Path(file_okay=False, path_type=Path),
        help=help,
    )


def no_validate(help: str):
    """``--no-validate``: skip the validation a command runs first (``help``)."""
    return click.option("--no-validate", is_flag=True, help=help)


def report_format(help: str):
    """``--format text|json`` (as the parameter ``output``): how problems are reported (``help``)."""
    return click.option(
        "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True, help=help
    )
