"""The ``edition`` command line: a thin layer over the library, one module per family of commands.

:mod:`.errors` holds the exit-code rule all of them keep and turns failures into one line.
"""

from __future__ import annotations

import click

from .. import __version__
from .annotating import annotate_command
from .checking import lint_command, stats_command, validate
from .errors import CannotRun, Group
from .printing import pdf_command
from .publishing import build_command, html_command, index_command, serve_command, text_command
from .schema import odd
from .starting import new_command


def _not_installed(name: str, error: ModuleNotFoundError) -> click.Command:
    """``edition NAME`` when its optional part (the extra ``edition[NAME]``) is not installed: one
    line saying how to install it, exit code 2."""

    @click.command(
        name, add_help_option=False, context_settings={"ignore_unknown_options": True, "allow_extra_args": True}
    )
    def command() -> None:
        raise CannotRun(f"edition {name} is not installed ({error}): pip install 'edition[{name}]'")

    return command


try:
    from .importing import import_command
except ModuleNotFoundError as missing:  # the optional part edition[import]: the importers
    import_command = _not_installed("import", missing)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Validate, import, annotate and publish TEI P5 editions.

    Exit codes, the same for every command: 0 done; 1 the input has errors (each listed as
    path:line:column: severity: message [rule]); 2 the command could not run (wrong usage, an
    input missing or unusable, an output that cannot be written, an internal error).
    """
    ctx.obj = {"debug": debug}


for command in (
    new_command,
    validate,
    import_command,
    index_command,
    annotate_command,
    lint_command,
    stats_command,
    build_command,
    html_command,
    text_command,
    serve_command,
    pdf_command,
    odd,
):
    main.add_command(command)
