"""The build's cost per stage and in full, at several corpus sizes, against two floors.

    .venv/bin/python benchmarks/run.py --scales 1,10,100 --runs 3

For each scale, a synthetic edition (``benchmarks/corpus.py``: the real documents copied
SCALE times with fresh ids and shuffled paragraphs, shared registers) is generated into
``--work`` (default ``build/bench``, outside git), then:

* each stage runs in a fresh process (``spawn``), ``--runs`` times: parse, RELAX NG,
  Schematron, HTML (document pages), text, index records, indices (grouping, index data,
  index and entity pages), search index (Pagefind), PDF (per document, up to ``--pdf-max`` scale);
  each run measures in the same process its floor on the same input: lxml parse + serialize
  (for parse and RELAX NG) or a SaxonC identity transform compiled once (each document handed
  to Saxon and copied; for the XSLT stages), just before the stage, or for the stages that
  render document by document (HTML, text, records, PDF) just before each document, so that
  a stage and its floor share the machine's moods;
* the full build (``edition build --no-pdf``) with 1 worker and with ``--jobs`` workers,
  a rebuild with nothing changed, and a rebuild after one document changed (``--builds``
  chooses among them: at 1000x, ``--stages none --builds full`` times the one build that
  the throughput and memory bars compare).

Printed per stage: median wall time, time per MB of TEI (the files the stage reads),
median ratio to its floor (the ratio of each run, then the median), and peak memory:
``ru_maxrss`` of the process that did the work (the whole process: Python, lxml and the
SaxonC native heap; tracemalloc would see only Python's share), and for the pool builds
the largest peak of a worker (measured in each worker the same way). At the end, the bars
of issue 7 with their figures, met or not.

``--big MB`` measures instead one document of MB MB (``corpus.make_big``): the peak memory
(``ru_maxrss`` of each command's own process) and time of ``edition validate``, ``html``,
``text`` and ``index`` of it, and of its floors, with issue 26's bar of about 1 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_big, make_corpus  # noqa: E402

STAGES = ("parse", "relaxng", "schematron", "html", "text", "records", "indices", "search", "pdf")
FLOOR = {
    "parse": "lxml",
    "relaxng": "lxml",
    "schematron": "saxon",
    "html": "saxon",
    "text": "saxon",
    "records": "saxon",
    "pdf": "saxon",
}
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""
#: files a floor copies before it is timed
WARM_UP = 10
#: stages timed document by document, each right after its floor on the same document
PER_DOCUMENT = ("html", "text", "records", "pdf")


# --- in the child process -----------------------------------------------------------------


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _floor(kind: str, paths: list[Path]) -> float:
    """The floor's time over ``paths``."""
    copy = _copier(kind, paths)
    started = time.perf_counter()
    for path in paths:
        copy(path)
    return time.perf_counter() - started


def _copier(kind: str, paths: list[Path]):
    """The floor's work on one file, compiled and warmed up on the first of ``paths``, as the
    stage's set-up compiles its stylesheets (a cold first run made floors some 10 % slower)."""
    from lxml import etree

    from edition.documents import Source

    if kind == "lxml":

        def copy(path):
            etree.tostring(Source.load(path).tree)
    else:
        from edition.saxon import Stylesheet

        identity = _identity(Stylesheet)

        def copy(path):
            source = Source.load(path)
            identity.executable.transform_to_string(xdm_node=identity.document(source.tree, source.uri))

    for path in paths[:WARM_UP]:
        copy(path)
    return copy


_IDENTITY = None


def _identity(Stylesheet):
    global _IDENTITY
    if _IDENTITY is None:
        _IDENTITY = Stylesheet(Path("identity.xsl"), text=IDENTITY)
    return _IDENTITY


class Edition(NamedTuple):
    """A corpus as a build hands it to its workers."""

    paths: list[Path]  # every TEI file
    registers: list[Path]  # the registers among them
    documents: list[Path]  # the others
    stubs: dict[str, bytes]  # the light edition: each document's stub, by URI
    names: dict[str, str]  # output name of each file, by URI
    scope: object  # what the outputs' parameters are made from (edition.outputs.Scope)


def edition(tei: Path) -> Edition:
    """The corpus at ``tei`` as a build hands it to its workers."""
    from edition.documents import Source, find_xml_files
    from edition.outputs import Scope
    from edition.parallel import stub
    from edition.rendering import is_register

    paths = find_xml_files([tei])
    registers = [p for p in paths if is_register(Source.load(p))]
    documents = [p for p in paths if p not in registers]
    scope = Scope([p.resolve().as_uri() for p in documents], [f"{p.stem}.html" for p in documents])
    return Edition(
        paths,
        registers,
        documents,
        {p.resolve().as_uri(): stub(Source.load(p).tree) for p in documents},
        {p.resolve().as_uri(): p.stem for p in paths},
        scope,
    )


def _stage(stage: str, corpus: str, scratch: str) -> dict:
    """Run ``stage`` once over ``corpus`` (in this fresh process); its time, floor and peak memory."""
    from edition.documents import Source
    from edition.outputs import OUTPUTS, parameters
    from edition.parallel import Plan, Task, Worker

    out = Path(scratch)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    paths, registers, documents, stubs, names, scope = edition(Path(corpus))
    inputs = paths if stage in ("parse", "relaxng", "schematron", "records", "indices") else documents
    size = sum(p.stat().st_size for p in inputs)
    floor = _floor(FLOOR[stage], inputs) if stage in FLOOR and stage not in PER_DOCUMENT else None
    # set-up outside the timed part: stylesheets compiled, light edition ready (as in a worker)
    output = {"html": "html", "text": "text", "records": "records", "indices": "records", "pdf": "pdf"}.get(stage)
    plan = Plan(out, stubs, registers, names, parameters(scope, [output] if output else []))
    tasks = [Task(p.resolve().as_uri(), p, [], p in documents) for p in inputs]
    worker = Worker(plan) if stage in ("html", "text", "records", "pdf", "indices") else None
    if worker is not None:  # compile and hand the light edition over once, as a worker does
        from edition.saxon import stylesheet

        worker.renderer.nodes(stylesheet(OUTPUTS[output].stylesheet))
    if stage == "indices":
        for task in tasks:
            worker.render(task)
    if stage == "search":
        _html_site(Path(corpus), out)
    copy = _copier(FLOOR[stage], inputs) if stage in PER_DOCUMENT else None
    started = time.perf_counter()
    if stage == "parse":
        for path in inputs:
            Source.load(path)
    elif stage == "relaxng":
        from edition.profiles import EDITION, relaxng
        from edition.validate import _check_rng

        relaxng(EDITION.grammar)
        started = time.perf_counter()  # compiling the grammar (once per process) is not the stage
        for path in inputs:
            source = Source.load(path)
            _check_rng(source, EDITION.grammar, str(path))
    elif stage == "schematron":
        from edition.documents import load_tei
        from edition.profiles import SCHEMATRON
        from edition.validate import schematron

        compiled = schematron(SCHEMATRON)
        started = time.perf_counter()
        sources = load_tei(inputs)
        compiled.run({s.uri: s.tree for s in sources}, [s.uri for s in sources])
    elif stage in PER_DOCUMENT:  # each document's floor just before it, so that both see the same machine
        floor, rendering = 0.0, 0.0
        for task in tasks:
            copied = time.perf_counter()
            copy(task.path)
            begun = time.perf_counter()
            result = worker.render(task)
            rendering += time.perf_counter() - begun
            floor += begun - copied
            assert result.problem is None, result.problem
    elif stage == "indices":
        import orjson

        from edition.indices import FORMATS, WRITERS, group
        from edition.outputs import PAGES, RECORDS_DIR
        from edition.parallel import Pages
        from edition.site import PAGE_DATA, RecordPages, page_data

        indices = group(
            ((t.path, orjson.loads((out / RECORDS_DIR / f"{names[t.uri]}.json").read_bytes())) for t in tasks),
            out / "store.sqlite",
        )
        (out / "indices").mkdir()
        for name in FORMATS:
            WRITERS[name](indices, out / "indices")
        worker.plan.outputs = parameters(
            scope, [PAGES.name]
        )  # the pages about the edition, one after the other, as one build worker makes them
        for name in PAGE_DATA:
            worker.render(Pages([name], page_data(indices, name)))
        entities = RecordPages(indices)
        for name in entities.pages:  # their keys, as a build computes them
            entities.key(name)
        for batch in entities.batches(list(entities.pages)):
            worker.render(Pages(batch, store=out / "store.sqlite"))
    elif stage == "search":
        from edition.search import index_site

        index_site(out / "site")
    seconds = rendering if stage in PER_DOCUMENT else time.perf_counter() - started
    return {
        "seconds": seconds,
        "floor": floor,
        "mb": size / 1e6,
        "peak_kb": _peak_kb(),
        "children_peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def _html_site(tei: Path, out: Path) -> None:
    """A site to index (set-up of the search stage): the build's own pages."""
    from edition.build import build

    build(tei, out / "b", check=False, pdf=False, jobs=1, incremental=False)
    shutil.move(out / "b" / "site", out / "site")
    shutil.rmtree(out / "site" / "pagefind")


def _build(corpus: str, output: str, jobs: int, check: bool, touch: str | None) -> dict:
    from edition.build import build

    if touch:
        path = Path(touch)
        data = path.read_bytes()
        body = data.index(b"<body")  # a paragraph of the text (the header shows on every page)
        path.write_bytes(data[:body] + data[body:].replace(b"</p>", b" (changed)</p>", 1))
    started = time.perf_counter()
    built = build(Path(corpus), Path(output), check=check, pdf=False, jobs=jobs)
    seconds = time.perf_counter() - started
    if touch:
        path.write_bytes(data)
    return {
        "seconds": seconds,
        "peak_kb": _peak_kb(),
        "workers_kb": built.workers,
        "reused": built.reused,
        "rendered": built.rendered,
    }


def _in_child(function, *args) -> dict:
    """``function(*args)`` in a fresh process (not a daemon: a build starts workers of its own)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# --- one big document (--big) ---------------------------------------------------------------

#: The bar of issue 26 for ``html``, ``text`` and ``index`` of a 100 MB document: about 1 GB.
BIG_BAR_MB = 1024
#: The floors of the big document, each alone in a fresh process: lxml's tree (the file parsed
#: safely), Saxon's tree (the file parsed by Saxon itself, copied by an identity transform to
#: a file) and the toolkit's way of handing a document to Saxon (serialised from lxml, the
#: identity's output returned as a string).
BIG_FLOORS = {
    "lxml parse": "from edition.documents import Source; Source.load(PATH)",
    "saxon parse + identity to a file": (
        "from saxonche import PySaxonProcessor; p = PySaxonProcessor(license=False); "
        "x = p.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY); "
        "x.transform_to_file(xdm_node=p.parse_xml(xml_file_name=str(PATH)), output_file=OUT)"
    ),
    "lxml -> saxon, identity to a string": (
        "from edition.documents import Source; from edition.saxon import Stylesheet; "
        "s = Stylesheet(Path('identity.xsl'), text=IDENTITY); source = Source.load(PATH); "
        "s.executable.transform_to_string(xdm_node=s.document(source.tree, source.uri))"
    ),
}


def _measured(argv: list[str]) -> tuple[float, float, int]:
    """Run ``argv``: its wall time (s), peak memory (``ru_maxrss`` of that process alone, MB)
    and exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1e3, process.returncode


def run_big(mb: int, args) -> tuple[dict, list[tuple[str, str, bool | None]]]:
    """Time, peak memory and exit code of ``edition validate``, ``html``, ``text`` and
    ``index`` of one document of ``mb`` MB (``corpus.make_big``), each in a fresh process, and
    of its floors (by name); the bars."""
    folder = Path(args.work) / f"big-{mb}"
    files = make_big(mb, folder)
    big = folder / "big.xml"
    out = Path(args.work) / "scratch-big"
    print(f"\n== one document of {big.stat().st_size / 1e6:.1f} MB ({big}), beside the registers", flush=True)
    print(f"{'command':42} {'s':>8} {'peak MB':>8} {'exit':>5}")
    edition = [sys.executable, "-c", "from edition.cli import main; main()"]
    commands = {
        "validate": ["validate", *map(str, files)],
        "html": ["html", str(big), "-o", str(out / "html")],
        "text": ["text", str(big), "-o", str(out / "text")],
        "index": ["index", *map(str, files), "-o", str(out / "index")],
    }
    figures = {}
    for name, command in commands.items():
        shutil.rmtree(out, ignore_errors=True)
        figures[name] = seconds, peak, code = _measured(edition + command)
        print(f"{name:42} {seconds:8.1f} {peak:8.0f} {code:5}", flush=True)
    for name, code in BIG_FLOORS.items():
        out.mkdir(parents=True, exist_ok=True)
        prelude = f"from pathlib import Path; PATH = Path({str(big)!r}); OUT = {str(out / 'copy.xml')!r}; "
        floor = _measured([sys.executable, "-c", f"{prelude}IDENTITY = {IDENTITY!r}; {code}"])
        figures[f"floor: {name}"] = seconds, peak, status = floor
        print(f"{'floor: ' + name:42} {seconds:8.1f} {peak:8.0f} {status:5}", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    return figures, [
        (
            f"{name} of a {mb} MB document within ~1 GB ({BIG_BAR_MB} MB)",
            f"{figures[name][1]:.0f} MB",
            figures[name][1] <= BIG_BAR_MB,
        )
        for name in ("html", "text", "index")
    ]


# --- in the parent ------------------------------------------------------------------------


def machine() -> dict:
    from importlib.metadata import version

    import lxml.etree

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1e6, 1),
        "python": platform.python_version(),
        "saxonche": version("saxonche"),
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
        "weasyprint": version("weasyprint"),
    }


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def run_scale(scale: int, args) -> dict:
    corpus = Path(args.work) / f"corpus-{scale}"
    files = make_corpus(scale, corpus)
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"\n== scale {scale}x: {len(files)} files, {mb:.1f} MB of TEI ({corpus})", flush=True)
    results = {"scale": scale, "files": len(files), "mb": mb, "stages": {}, "builds": {}}
    scratch = str(Path(args.work) / "scratch")
    print(f"{'stage':12} {'median s':>9} {'s/MB':>7} {'floor s/MB':>10} {'x floor':>8} {'peak MB':>8}")
    for stage in STAGES:
        if stage == "pdf" and scale > args.pdf_max or stage not in args.stages.split(","):
            continue
        runs = [_in_child(_stage, stage, str(corpus), scratch) for _ in range(args.runs if stage != "pdf" else 1)]
        seconds = median(r["seconds"] for r in runs)
        row = {
            "seconds": seconds,
            "mb": runs[0]["mb"],
            "s_per_mb": seconds / runs[0]["mb"],
            "floor_s_per_mb": median(r["floor"] / r["mb"] for r in runs if r["floor"]),
            "ratio": median(r["seconds"] / r["floor"] for r in runs if r["floor"]),
            "peak_mb": max(r["peak_kb"] for r in runs) / 1e3,
        }
        results["stages"][stage] = row
        ratio = f"{row['ratio']:8.2f}" if row["ratio"] else f"{'':8}"
        floor = f"{row['floor_s_per_mb']:10.3f}" if row["floor_s_per_mb"] else f"{'':10}"
        print(f"{stage:12} {seconds:9.2f} {row['s_per_mb']:7.2f} {floor} {ratio} {row['peak_mb']:8.0f}", flush=True)
    if args.no_build:
        return results
    output = Path(args.work) / f"build-{scale}"
    touched = next(p for p in files if "-k" not in p.name and p.name not in ("persons.xml", "places.xml", "orgs.xml"))
    plans = {
        "full1": ("full, 1 worker", 1, True, None, True),
        "full": (f"full, {args.jobs} workers", args.jobs, True, None, True),
        "unchanged": ("nothing changed", args.jobs, True, None, False),
        "changed": ("one document changed", args.jobs, True, str(touched), False),
    }
    plans = [plan for name, plan in plans.items() if name in args.builds.split(",")]
    print(f"{'build':24} {'median s':>9} {'MB/s':>6} {'main MB':>8} {'worker MB':>9} {'redone':>7}")
    for label, jobs, check, touch, fresh in plans:
        runs = []
        for _ in range(args.build_runs):
            if fresh:
                shutil.rmtree(output, ignore_errors=True)
            runs.append(_in_child(_build, str(corpus), str(output), jobs, check, touch))
        seconds = median(r["seconds"] for r in runs)
        workers = max((kb for r in runs for kb in r["workers_kb"].values()), default=0) / 1e3
        row = {
            "seconds": seconds,
            "mb_per_s": mb / seconds,
            "peak_mb": max(r["peak_kb"] for r in runs) / 1e3,
            "worker_peak_mb": workers,
            "rendered": runs[0]["rendered"],
        }
        results["builds"][label] = row
        print(
            f"{label:24} {seconds:9.2f} {mb / seconds:6.2f} {row['peak_mb']:8.0f} {workers:9.0f} {row['rendered']:7}",
            flush=True,
        )
    return results


def bars(results: list[dict], jobs: int) -> list[tuple[str, str, bool | None]]:
    out = []
    for stage in ("html", "text", "records"):
        worst = max((r["stages"][stage]["ratio"] for r in results if stage in r["stages"]), default=None)
        if worst is not None:
            out.append((f"{stage} at most 3x the identity-transform floor per MB", f"worst {worst:.2f}x", worst <= 3))
    for stage in ("relaxng", "schematron"):
        points = [(r["mb"], r["stages"][stage]["s_per_mb"]) for r in results if stage in r["stages"]]
        if len(points) > 1:
            growth = points[-1][1] / points[0][1]
            out.append(
                (
                    f"{stage} linear in corpus size (s/MB at the largest / at the smallest scale <= 1.5)",
                    f"{growth:.2f}",
                    growth <= 1.5,
                )
            )
    key = f"full, {jobs} workers"
    for r in results:
        builds = r["builds"]
        if key not in builds:
            continue
        full = builds[key]["seconds"]
        if "nothing changed" in builds:
            out.append(
                (
                    f"{r['scale']}x: rebuild with nothing changed < 5% of a full build",
                    f"{100 * builds['nothing changed']['seconds'] / full:.1f}%",
                    builds["nothing changed"]["seconds"] < 0.05 * full,
                )
            )
        if "one document changed" in builds:
            out.append(
                (
                    f"{r['scale']}x: rebuild after one document changed < 25% of a full build",
                    f"{100 * builds['one document changed']['seconds'] / full:.1f}%",
                    builds["one document changed"]["seconds"] < 0.25 * full,
                )
            )
        if "full, 1 worker" in builds:
            speedup = builds["full, 1 worker"]["seconds"] / full
            out.append(
                (f"{r['scale']}x: {jobs} workers at least 1.6x faster than 1", f"{speedup:.2f}x", speedup >= 1.6)
            )
    built = [r for r in results if key in r["builds"]]
    if len(built) > 1:
        first, last = built[0], built[-1]
        change = last["builds"][key]["mb_per_s"] / first["builds"][key]["mb_per_s"]
        out.append((f"throughput at {last['scale']}x within 20% of {first['scale']}x", f"{change:.2f}x", change >= 0.8))
        memory = (last["builds"][key]["peak_mb"] / first["builds"][key]["peak_mb"]) / (last["mb"] / first["mb"])
        out.append(
            (
                f"peak memory sub-linear ({first['scale']}x -> {last['scale']}x: memory growth / size growth)",
                f"{memory:.2f}",
                memory < 1,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated corpus sizes (copies of each document)")
    parser.add_argument("--runs", type=int, default=3, help="runs per stage (the median is printed)")
    parser.add_argument("--build-runs", type=int, default=1, help="runs per full/incremental build")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="workers of the parallel build")
    parser.add_argument("--pdf-max", type=int, default=1, help="largest scale at which PDFs are made")
    parser.add_argument("--work", default=str(ROOT / "build" / "bench"), help="folder for corpora and outputs")
    parser.add_argument("--no-build", action="store_true", help="stages only, no full builds")
    parser.add_argument(
        "--stages",
        default=",".join(STAGES),
        help="comma-separated stages to time (default: all; 'none': the builds only)",
    )
    parser.add_argument(
        "--builds",
        default="full1,full,unchanged,changed",
        help="comma-separated builds to time (default: all): full1 (full build, 1 worker), full "
        "(full build, --jobs workers), unchanged (rebuild, nothing changed), changed (rebuild "
        "after one document changed)",
    )
    parser.add_argument(
        "--big",
        type=int,
        metavar="MB",
        help="instead of the scales: peak memory of validate, html, text and index of one document of MB MB",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    if args.big:
        figures, met = run_big(args.big, args)
        results = [{"big_mb": args.big, "commands": figures}]
        print("\nbars (issue 26):")
    else:
        results = [run_scale(int(scale), args) for scale in args.scales.split(",")]
        met = bars(results, args.jobs)
        print("\nbars (issue 7):")
    for bar, figure, ok in met:
        print(f"  [{'met' if ok else 'NOT met'}] {bar}: {figure}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "results": results}, indent=2))


if __name__ == "__main__":
    main()
