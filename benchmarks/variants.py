"""How much a change to the stylesheets costs or saves: one output's stylesheet from the
repository's ``xslt/`` and from changed copies of that folder, over every document of a corpus.

    cp -r xslt /tmp/v1   # then change /tmp/v1/html/namesdates.xsl, say
    .venv/bin/python benchmarks/variants.py html build/bench/corpus-10 /tmp/v1 --compare

Every document goes through each stylesheet in turn (the order reversed every other run), in
one process, with the parameters and light edition of a build; printed per stylesheet is the
sum over the documents of each one's fastest run, and its ratio to the repository's. Timed
side by side like this, a difference of 2-3 % shows; separate runs of ``run.py`` vary by 5-10 %.
``--compare`` also counts the documents whose output differs from the repository's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import edition  # noqa: E402

OUTPUTS = ("html", "text", "records")


def timings(
    output: str, corpus: Path, variants: list[Path], runs: int = 3, compare: bool = False
) -> list[tuple[str, float, int | None]]:
    """Per stylesheet (the repository's first, then those of ``variants``): its name, the sum of
    each document's fastest of ``runs`` runs, and how many outputs differ from the repository's
    (if ``compare``)."""
    from edition.documents import Source
    from edition.outputs import OUTPUTS
    from edition.parallel import Plan, Worker
    from edition.rendering import SHARED
    from edition.resources import XSLT_DIR
    from edition.saxon import stylesheet

    setup = edition(corpus)
    base = OUTPUTS[output].stylesheet
    sheets = [
        stylesheet(xsl) for xsl in [base] + [variant.resolve() / base.relative_to(XSLT_DIR) for variant in variants]
    ]
    sources = [Source.load(p) for p in (setup.paths if output == "records" else setup.documents)]
    with tempfile.TemporaryDirectory() as scratch:
        renderer = Worker(Plan(Path(scratch), setup.stubs, setup.registers, setup.names)).renderer
    nodes = [renderer.nodes(sheet, sources) for sheet in sheets]
    for sheet, edition_nodes in zip(sheets, nodes):  # each stylesheet keeps its parameters from one run to the next
        sheet.set(edition_nodes, {**SHARED, **OUTPUTS[output].parameters(setup.scope)})
    best: list[dict[str, float]] = [{} for _ in sheets]
    differ = [0 for _ in sheets]
    order = list(range(len(sheets)))
    for run in range(runs):
        for source in sources:
            outputs = {}
            for i in order if run % 2 == 0 else order[::-1]:
                started = time.perf_counter()
                outputs[i] = sheets[i].transform(nodes[i][source.uri], str(source.path))
                took = time.perf_counter() - started
                best[i][source.uri] = min(best[i].get(source.uri, took), took)
            if compare and run == 0:
                differ = [count + (outputs[i] != outputs[0]) for i, count in enumerate(differ)]
    names = ["xslt (repository)"] + [str(variant) for variant in variants]
    return [(name, sum(times.values()), count if compare else None) for name, times, count in zip(names, best, differ)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "output", choices=OUTPUTS, help="the stylesheet to time: a document's page, its text, or its index records"
    )
    parser.add_argument("corpus", type=Path, help="folder of TEI files (e.g. build/bench/corpus-10)")
    parser.add_argument("variants", type=Path, nargs="*", help="changed copies of xslt/")
    parser.add_argument("--runs", type=int, default=3, help="runs per document and stylesheet (the fastest counts)")
    parser.add_argument("--compare", action="store_true", help="count the outputs that differ from the repository's")
    args = parser.parse_args()
    for variant in args.variants:
        if not (variant / "common").is_dir():
            parser.error(f"{variant}: not a copy of xslt/ (it has no common/ folder)")
    from edition.saxon import SaxonError

    try:
        results = timings(args.output, args.corpus, args.variants, args.runs, args.compare)
    except SaxonError as exc:
        sys.exit(str(exc))
    base = results[0][1]
    for name, seconds, differ in results:
        print(f"{name:40} {seconds:8.3f} s  {seconds / base:6.3f}" + ("" if differ is None else f"  {differ} differ"))


if __name__ == "__main__":
    main()
