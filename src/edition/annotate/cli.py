"""``edition annotate``, ``edition lint`` and ``edition stats``: entity and date markup commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..documents import find_xml_files
from . import apply, review
from .proposals import ALL_TYPES, Annotator, Proposal
from .registers import TYPES, RegisterCache
from .textmap import TextMap

_REGISTERS = click.option(
    "--registers", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the register files (persons, places, orgs). Default: each document's own folder.")


def _types(_ctx, _param, value: str) -> set[str]:
    chosen = {word.strip() for word in value.split(",") if word.strip()}
    unknown = chosen - set(ALL_TYPES)
    if unknown or not chosen:
        raise click.BadParameter(f"use a comma-separated list of {', '.join(ALL_TYPES)}")
    return chosen


def _propose(paths: list[Path], registers: Path | None, types: set[str], titles: bool) -> list[Proposal]:
    cache, annotators, proposals = RegisterCache(registers), {}, []
    for path in find_xml_files(paths):
        found = cache.get(path) if types & set(TYPES) else None
        if found and path.resolve() in found.paths:
            continue  # a register: its names are forms, not mentions
        if id(found) not in annotators:
            annotators[id(found)] = Annotator(found, types, titles)
        proposals += annotators[id(found)].propose(TextMap.load(path))
    return proposals


def _report_written(written: dict[Path, int]) -> None:
    for path, number in written.items():
        click.echo(f"{path}: {number} element{'' if number == 1 else 's'} inserted")
    if not written:
        click.echo("nothing to insert")


@click.command("annotate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_REGISTERS
@click.option("--types", default=",".join(ALL_TYPES), show_default=True, callback=_types,
              help="What to tag: comma-separated person, place, org, date.")
@click.option("--titles", is_flag=True, help="Tag inside title too (titles of cited works are left alone by default).")
@click.option("--dry-run", is_flag=True, help="List the proposals (path:line:column: type: \"text\" -> value); "
              "change nothing.")
@click.option("--proposals", "proposals_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the proposals to this file (.tsv or .json) for an editor to accept or reject; "
                   "change nothing.")
@click.option("--apply", "apply_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Insert the accepted proposals of this (edited) proposals file.")
@click.option("--interactive", is_flag=True, help="Ask y/n about each proposal in the terminal, then insert.")
def annotate_command(paths: tuple[Path, ...], registers: Path | None, types: set[str], titles: bool,
                     dry_run: bool, proposals_file: Path | None, apply_file: Path | None, interactive: bool) -> None:
    """Tag untagged names of register entries and dates in TEI files (PATHS: files or folders).

    Names are the forms (main and variant names) of the register entries, matched whole-word
    and case-sensitively, longest first; dates are recognised in English, Latvian, Russian and
    Azerbaijani and normalised in ISO 8601. Without an option, every unambiguous proposal is
    inserted. Files are changed only by the inserted tags, and not at all if they changed
    since they were read. Exit code 0; 2 when the command cannot run.
    """
    modes = [name for name, on in (("--dry-run", dry_run), ("--proposals", proposals_file),
                                   ("--apply", apply_file), ("--interactive", interactive)) if on]
    if len(modes) > 1:
        raise click.UsageError(f"choose one of {', '.join(modes)}")
    if apply_file:
        _report_written(apply.write_all(review.load(apply_file)))
        return
    if not paths:
        raise click.UsageError("give the TEI files or folders to annotate")
    proposals = _propose(list(paths), registers, types, titles)
    if dry_run:
        for proposal in proposals:
            click.echo(proposal.describe())
        ambiguous = sum(p.ambiguous for p in proposals)
        click.echo(f"{len(proposals)} proposals ({ambiguous} ambiguous)")
    elif proposals_file:
        review.dump(proposals, proposals_file)
        click.echo(f"wrote {len(proposals)} proposals to {proposals_file}")
    elif interactive:
        data = {p.path: TextMap.load(p.path).data for p in proposals}
        _report_written(apply.write_all(review.ask(proposals, data)))
    else:
        skipped = [p for p in proposals if p.ambiguous]
        for proposal in skipped:
            click.echo(f"{proposal.describe()} (not tagged: choose with --interactive or --proposals)", err=True)
        _report_written(apply.write_all([p for p in proposals if not p.ambiguous]))


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_REGISTERS
@click.option("--strict", is_flag=True, help="Exit with code 1 when there is a warning.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one 'path:line:column: warning: message [rule]' line each; json: a list for tools.")
def lint_command(paths: tuple[Path, ...], registers: Path | None, strict: bool, output: str) -> None:
    """Warn about entity and date markup that validation does not check (PATHS, default tei/).

    Known names left untagged, one text pointing to different entries, mentions whose text is
    not among their entry's forms, dates whose normalisation disagrees with their text. Exit
    code 0, or 1 with --strict when there is a warning.
    """
    from .lint import lint

    problems = lint(list(paths) or [Path("tei")], registers)
    if output == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(problem.format())
        click.echo(f"{len(problems)} warning{'' if len(problems) == 1 else 's'}")
    sys.exit(1 if strict and problems else 0)


@click.command("stats")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: aligned columns for the terminal; json or csv: for tools and spreadsheets.")
def stats_command(paths: tuple[Path, ...], output: str) -> None:
    """Count mentions and distinct entities per document and type (PATHS, default tei/)."""
    from .stats import count, render

    click.echo(render(count(list(paths) or [Path("tei")]), output))
