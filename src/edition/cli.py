"""The ``edition`` command line: a thin layer over the library."""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def main() -> None:
    """Validate, import, annotate and publish TEI P5 editions."""
