"""``edition annotate``: tagging names of register entries and dates."""

from __future__ import annotations

from pathlib import Path

import click

from ..annotate import apply, review
from ..annotate.proposals import ALL_TYPES, Annotator, Proposal
from ..annotate.registers import TYPES, RegisterCache
from ..annotate.textmap import TextMap
from ..documents import find_xml_files
from .options import REGISTERS, inputs


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


def _choose(question: str, choices: list[str]) -> str:
    return click.prompt(question, type=click.Choice(choices))


def _bold(text: str) -> str:
    return click.style(text, bold=True)


def _report_written(written: dict[Path, int]) -> None:
    for path, number in written.items():
        click.echo(f"{path}: {number} element{'' if number == 1 else 's'} inserted")
    if not written:
        click.echo("nothing to insert")


@click.command("annotate")
@inputs()
@REGISTERS
@click.option(
    "--types",
    default=",".join(ALL_TYPES),
    show_default=True,
    callback=_types,
    help="What to tag: comma-separated person, place, org, date.",
)
@click.option(
    "--titles/--no-titles",
    default=True,
    show_default=True,
    help="Tag inside titles of cited works (a periodical's title, level j, is never tagged inside).",
)
@click.option(
    "--dry-run", is_flag=True, help='List the proposals (path:line:column: type: "text" -> value); change nothing.'
)
@click.option(
    "--proposals",
    "proposals_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the proposals to this file (.tsv or .json) for an editor to accept or reject; change nothing.",
)
@click.option(
    "--apply",
    "apply_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Insert the accepted proposals of this (edited) proposals file.",
)
@click.option("--interactive", is_flag=True, help="Ask y/n about each proposal in the terminal, then insert.")
def annotate_command(
    paths: tuple[Path, ...],
    registers: Path | None,
    types: set[str],
    titles: bool,
    dry_run: bool,
    proposals_file: Path | None,
    apply_file: Path | None,
    interactive: bool,
) -> None:
    """Tag untagged names of register entries and dates in TEI files (PATHS: files or folders).

    Names are the forms (main and variant names) of the register entries, matched whole-word
    and case-sensitively, longest first (also the Russian cases of Cyrillic forms, and every
    form in text set in capitals); dates are recognised in English, Latvian, Russian and
    Azerbaijani and normalised in ISO 8601. Without an option, every unambiguous proposal is
    inserted. Files are changed only by the inserted tags, and not at all if they changed
    since they were read. Exit code 0; 2 when the command cannot run.
    """
    modes = [
        name
        for name, on in (
            ("--dry-run", dry_run),
            ("--proposals", proposals_file),
            ("--apply", apply_file),
            ("--interactive", interactive),
        )
        if on
    ]
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
        _report_written(apply.write_all(review.ask(proposals, data, _choose, click.echo, _bold)))
    else:
        skipped = [p for p in proposals if p.ambiguous]
        for proposal in skipped:
            click.echo(f"{proposal.describe()} (not tagged: choose with --interactive or --proposals)", err=True)
        _report_written(apply.write_all([p for p in proposals if not p.ambiguous]))
