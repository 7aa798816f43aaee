"""``edition build``: the whole edition from its TEI folder into one output folder, atomically,
incrementally and in parallel, in four stages: the documents, the indices, the pages about the
edition, the book.

The output folder (``build/``) gets ``site/`` (the HTML edition: document pages, index pages
and the search index ``site/pagefind/``), ``text/`` (plain text), ``indices/`` (index data)
and ``pdf/`` (the print edition). Everything is rendered into a temporary folder beside it,
which then replaces it: on any failure, an interrupt included, the previous output stays as it
was and no temporary folder is left behind. A folder that ``edition build`` did not make (no
:data:`MARKER` file) is never replaced.

1. The documents (:func:`_documents`): the per-document outputs of :mod:`edition.outputs`
   (index records, HTML page, text, PDF) are made by a pool of worker processes
   (:mod:`edition.parallel`, ``jobs``), against a light edition (registers, the document,
   what it points into, and the headers of the others), streamed one document at a time. The
   workers check each file too (grammar and Schematron) before they render it: the
   Schematron's cross-file lets (ids defined twice, entries pointed to) are supplied as each
   file's share, worked out from a summary of every file (made once per version of the file);
   a file with errors is not rendered, and the build stops with the report of every file
   before anything about the whole edition is made.
2. The indices (:func:`_indices`): the index records of all documents grouped
   (:mod:`edition.indices`, an SQLite store in the build's folder: :data:`INDEX_STORE`; the
   records are staged as rows in :data:`STAGING`, kept between builds, so that a rebuild stages
   again only the documents whose records changed), and the index data written from them
   (:data:`WORKER_FORMATS` in the pool, the others here meanwhile), with the letters as CMIF
   (:mod:`edition.cmif`).
3. The pages about the edition, rendered in the pool by fresh workers, each from its part of
   the data. Pagefind indexes the document pages during stages 2 and 3 (in
   several indexes in a large edition: :func:`edition.search.bundles`).
4. The book (:func:`_book`): the edition's PDF, with the page of every mention from the
   documents' own layouts.

Incremental: what a rebuild redoes is decided in :mod:`edition.incremental` (the state the
output keeps, the keys, the take-over of what did not change). With no input changed, the
previous output is taken over whole, validation included.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from . import config, profiles
from .about import AboutPage
from .about import pages as about_pages
from .cmif import write_cmif
from .config import OPTIONAL_OUTPUTS, Config, with_registers
from .corpora import documents as read_documents
from .corpora import edition_folder
from .documents import BUILD_MARKER, Source, find_xml_files, load_tei, pointed
from .images import publish, shown, stamps
from .incremental import (
    PAGES_DIR,
    STATE,
    SUMMARIES_DIR,
    Checked,
    Previous,
    Rendered,
    State,
    check_keys,
    digest,
    file_keys,
    files,
    indexes_to_make,
    pages_to_make,
    redo,
    take_over,
    toolkit_hash,
)
from .indices import FORMATS as INDEX_FORMATS
from .indices import WRITERS as INDEX_WRITERS
from .indices import Indices, Staging
from .kinds import renamed
from .lock import lock_path, output_lock
from .outputs import (
    DOWNLOADS,
    HTML,
    INDEX_DATA,
    OUTPUTS,
    PAGES,
    PRINT,
    RECORDS_DIR,
    Scope,
    in_languages,
    parameters,
    publishable,
)
from .parallel import IndexData, Plan, Pool, Result, Summary, Task, default_jobs, stub
from .problems import ERROR, InputError, Problem
from .rendering import is_register, output_names
from .search import SEARCH_DIR, Indexing, bundles
from .site import check_names, page_file, reserved_pages, write_assets
from .validate import Report, cross_file_lets, validate
from .xmlio import atomic_write, current_umask, exchange, read_file, sync_folder

MARKER = BUILD_MARKER
GROUPS = ("site", f"site/{SEARCH_DIR}", "text", "indices", "pdf")
#: The index store of the build (:meth:`edition.indices.Staging.assemble`), removed once the outputs are made.
INDEX_STORE = ".edition-cache/indices.sqlite"
#: The index records of every document as rows (:class:`edition.indices.Staging`), kept from one
#: build to the next: a rebuild stages again only the documents whose records changed.
STAGING = ".edition-cache/staging.sqlite"
#: The index data files the workers write, a format each, while this process writes the others
#: (with several jobs).
WORKER_FORMATS = ("tei", "csv")
#: Where each search index gets its pages (see :class:`edition.search.Indexing`).
SEARCH_STAGING = ".edition-cache/search"


class ValidationFailed(Exception):
    """The edition has errors; nothing was built."""

    def __init__(self, report: Report):
        super().__init__(report.summary())
        self.report = report


@dataclass
class Built:
    """What a build wrote, where, and how long it took (``reused``: documents whose outputs were
    taken over from the previous build), and the ``warnings`` its checks found."""

    output: Path
    documents: int = 0
    files: dict[str, list[Path]] = field(default_factory=dict)
    seconds: float = 0.0
    reused: int = 0
    rendered: int = 0
    workers: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident memory (kB)
    warnings: list[Problem] = field(default_factory=list)

    def measured(self, result: Result) -> None:
        """Note the peak memory of the worker that made ``result``."""
        self.workers[result.pid] = max(self.workers.get(result.pid, 0), result.max_rss_kb)

    def summary(self) -> str:
        parts = ", ".join(f"{name}/ {len(paths)} file{'s' * (len(paths) != 1)}" for name, paths in self.files.items())
        reused = f"; {self.reused} of {self.documents} unchanged, taken over" if self.reused else ""
        count = len(self.warnings)
        warned = f"; {count} warning{'s' * (count != 1)}" if count else ""
        return (
            f"built {self.documents} document{'s' * (self.documents != 1)} into {self.output}/ ({parts}) "
            f"in {self.seconds:.1f} s{reused}{warned}"
        )


def _check_output(output: Path) -> None:
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise InputError(
            Problem(
                str(output),
                0,
                0,
                ERROR,
                f"refusing to replace {output}: it was not made by "
                f"edition build (it has no {MARKER} file); remove it or choose another output folder",
                "build-output",
            )
        )


def _check_place(tei_dir: Path, output: Path) -> None:
    """Refuse an output folder that is, or holds, the TEI folder or the current folder: the build
    replaces its output folder as a whole."""
    out, tei, here = (Path(os.path.realpath(path)) for path in (output, tei_dir, os.getcwd()))
    held = (
        f"the TEI folder {tei_dir}"
        if tei.is_relative_to(out)
        else "the current folder"
        if here.is_relative_to(out)
        else ""
    )
    if held:
        raise InputError(
            Problem(
                str(output),
                0,
                0,
                ERROR,
                f"cannot build into {output}: it is or holds {held}, and a build replaces its output "
                "folder as a whole; choose another output folder (e.g. build)",
                "build-output",
            )
        )


def _swap(new: Path, output: Path) -> None:
    """Put the folder ``new`` in the place of ``output``: exchanged in one step where the system
    can (``new`` then holds the old output, to be removed), so that ``output`` is there at every
    instant; else by two renames. The renames are made durable."""
    if not output.exists():
        os.rename(new, output)
    elif not exchange(new, output):
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rename(output, old / output.name)
        try:
            os.rename(new, output)
        except BaseException:
            os.rename(old / output.name, output)
            raise
        finally:
            shutil.rmtree(old, ignore_errors=True)
    sync_folder(output.parent)


@contextmanager
def _output_held(output: Path, notice: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock of ``output``, having removed what killed builds left beside it, and check
    that it may be replaced."""
    killed: list[int] = []
    with output_lock(output, killed.append):
        _remove_leftovers(output, killed, notice)
        _check_output(output)
        yield


def _remove_leftovers(output: Path, killed: list[int], notice: Callable[[str], None]) -> None:
    """Remove what builds into ``output`` that were killed left beside it (its lock is held: no
    build into it is running), and say so in one line: their temporary folders, and the previous
    output that an unfinished swap had moved aside (put back if ``output`` is missing); ``killed``:
    the process id a stale lock file named, if any."""
    leftover = re.compile(rf"\.{re.escape(output.name)}\.(?:[a-z0-9_]{{8}}\.tmp|old-[a-z0-9_]{{8}})")
    found = sorted(p for p in output.parent.iterdir() if leftover.fullmatch(p.name)) if output.parent.is_dir() else []
    if not found and not killed:
        return
    restored = ""
    for folder in found:
        moved = folder / output.name
        if folder.name.startswith(f".{output.name}.old-") and not output.exists() and (moved / MARKER).exists():
            os.rename(moved, output)
            restored = f"; the previous output put back from {folder.name}"
        shutil.rmtree(folder, ignore_errors=True)
    removed = [p.name for p in found if not p.exists()] + [lock_path(output).name] * bool(killed)
    by = f" (process {killed[0]})" if killed else ""
    notice(
        f"edition: a build into {output} was stopped{by} before it could clean up: removed {', '.join(removed)}{restored}"
    )


def _tei_files(tei_dir: Path, settings: Config) -> list[Path]:
    """The TEI files of the edition in ``tei_dir`` and its registers elsewhere (``settings``:
    :func:`edition.config.register_files`); :class:`InputError` if there are none."""
    paths = find_xml_files([tei_dir]) if tei_dir.is_dir() else []
    if not paths:
        message = "no TEI files (*.xml) found: give the folder of the edition's TEI files"
        raise InputError(Problem(str(tei_dir), 0, 0, ERROR, message, "build-input"))
    return with_registers(paths, settings)


def _relative(path: Path, tei_dir: Path) -> str:
    """``path`` relative to the TEI folder (``../registers/persons.xml`` for a register elsewhere)."""
    return os.path.relpath(path, tei_dir)


def build(
    tei_dir: Path,
    output: Path,
    *,
    check: bool = True,
    pdf: bool = True,
    jobs: int | None = None,
    incremental: bool = True,
    progress: Callable[[str], None] = lambda label: None,
    notice: Callable[[str], None] = lambda line: None,
    profile: str | None = None,
) -> Built:
    """Validate (if ``check``: with the validation ``profile``, default the one of the edition's
    ``edition.toml``) and render the edition in ``tei_dir`` into ``output`` (PDFs if ``pdf``),
    the per-document work in ``jobs`` processes (default: one per core), redoing only what
    changed (unless not ``incremental``); ``notice`` hears of a killed build's leftovers."""
    started = time.monotonic()
    settings = _settings(tei_dir, pdf, profile)
    paths = _tei_files(tei_dir, settings)
    _check_place(tei_dir, output)
    shown, output = output, Path(os.path.realpath(output))  # a link to the output folder stays a link
    with _output_held(output, notice):  # a second build into the same folder is refused
        state = State(
            toolkit_hash(),
            {"tei": str(tei_dir.resolve()), "edition": settings.settings()},
            {_relative(path, tei_dir): digest(read_file(path)) for path in paths}
            | stamps(tei_dir)
            | {f"about {file}": digest(read_file(Path(file))) for file in settings.about},
            check,
        )
        previous = _previous(output, state) if incremental else None
        unchanged = previous if previous is not None and previous.inputs == state.inputs else None
        if unchanged is not None and check and not unchanged.validated:
            progress("validating")
            _validated(tei_dir, settings)
        output.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
        try:
            work.chmod(0o777 & ~current_umask())
            if unchanged is not None:
                progress("nothing changed")
                state, built = _taken_over(unchanged, Previous(unchanged, output, work), check)
            else:
                previous_build = Previous(previous, output, work)
                built = _rebuilt(
                    Run(tei_dir, paths, previous_build, state, jobs or default_jobs(), settings, check, progress)
                )
            _finish(work, output, state)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    built.output = shown
    built.files = {group: [shown / file for file in state.groups[group]] for group in GROUPS if group in state.groups}
    built.seconds = time.monotonic() - started
    return built


def _finish(work: Path, output: Path, state: State) -> None:
    """Leave the ``state`` and the marker in the build's folder ``work``, and put it in the place of ``output``."""
    atomic_write(work / STATE, state.dumps())
    atomic_write(work / MARKER, "Made by edition build; replaced as a whole by the next build.\n")
    _swap(work, output)


def _previous(output: Path, state: State) -> State | None:
    """The state of the previous build in ``output``, if it ran with the toolkit and the options
    of ``state``."""
    previous = State.load(output)
    return previous if previous and (previous.toolkit, previous.options) == (state.toolkit, state.options) else None


def _taken_over(state: State, previous: Previous, check: bool) -> tuple[State, Built]:
    """The ``previous`` build (its ``state``) taken over whole (no input changed); the new state
    and what was built."""
    previous.everything(skip=(STATE, MARKER))
    state = dataclasses.replace(state, validated=state.validated or check)
    return state, Built(previous.output, state.documents, reused=state.documents, warnings=_found(state))


def _found(state: State) -> list[Problem]:
    """What the checks of the files of ``state`` found, in file and line order."""
    return sorted(Problem(**p) for checked in state.checked.values() for p in checked.problems)


def _settings(tei_dir: Path, pdf: bool, profile: str | None) -> Config:
    """The configuration of the edition in ``tei_dir``, without PDFs unless ``pdf``, with the
    validation ``profile`` if given; :class:`ValidationFailed` if it has errors (listed like the TEI's)."""
    try:
        settings = config.dated(config.for_edition(tei_dir))
    except InputError as error:
        raise ValidationFailed(Report(1, [error.problem])) from None
    if not pdf:
        settings = dataclasses.replace(settings, outputs=tuple(o for o in settings.outputs if o != "pdf"))
    if profile:
        settings = dataclasses.replace(settings, validation=dataclasses.replace(settings.validation, profile=profile))
    return settings


def _validated(tei_dir: Path, settings: Config) -> None:
    """Validate the whole edition here and now as its ``settings`` say; :class:`ValidationFailed`
    if it has errors."""
    report = validate(with_registers([tei_dir], settings), profiles.profile(None, settings.validation))
    if not report.ok:
        raise ValidationFailed(report)


@dataclass
class Run:
    """One build that renders (not everything taken over): the edition in ``tei_dir`` (its TEI
    files ``paths``) into ``previous.work``, taking over from the ``previous`` build what is
    unchanged, in ``jobs`` processes, as its ``settings`` say, checking each file if ``check``;
    ``state`` is filled in as it goes, ``progress`` shown."""

    tei_dir: Path
    paths: list[Path]
    previous: Previous
    state: State
    jobs: int
    settings: Config
    check: bool
    progress: Callable[[str], None]


def _rebuilt(run: Run) -> Built:
    """:func:`_render`; if it finds errors in the input, they are reported (if ``run.check``) as
    :func:`edition.validate.validate` reports them, for every file."""
    try:
        return _render(run)
    except InputError:
        if run.check:  # its report names every problem of every file
            _validated(run.tei_dir, run.settings)
        raise


def _render(run: Run) -> Built:
    """Render the edition stage by stage, and check it file by file (if ``run.check``; raises
    :class:`ValidationFailed` before any output about the whole edition is made)."""
    previous, state, jobs, progress = run.previous, run.state, run.jobs, run.progress
    language = run.settings.languages[0]
    progress("reading")
    edition = _Edition.read(run.tei_dir, run.paths, previous.work, run.settings)
    work = previous.work
    built = Built(previous.output, len(edition.documents))
    with Pool(edition.plan, jobs, progress) as pool:
        _documents(run, edition, pool, built)
        progress("search index")  # the document pages are all there; the other pages go to PAGES_DIR meanwhile
        state.search, todo = indexes_to_make(
            edition.indexes, {f"{edition.names[t.uri]}.html": edition.keys[t.uri] for t in edition.tasks}, previous
        )
        indexing = Indexing(work / "site", todo, work / SEARCH_STAGING)
        try:
            if jobs <= 1:
                indexing.wait()
            progress("indices")
            pool.restart()  # the index data and the pages about the edition in fresh workers
            indices = _indices(edition, previous)
            # some index data, then the pages about the edition in the workers; the rest here meanwhile
            elsewhere = (
                pool.run([IndexData([name], work / INDEX_STORE, language) for name in WORKER_FORMATS])
                if jobs > 1
                else iter(())
            )
            state.pages, todo_pages = pages_to_make(
                indices, work / INDEX_STORE, edition.headers, edition.folders, previous, edition.about
            )
            pages = pool.run(todo_pages)
            progress("index data")
            for name in INDEX_FORMATS:
                if jobs <= 1 or name not in WORKER_FORMATS:
                    INDEX_WRITERS[name](indices, work / "indices", language)
            write_cmif(indices, work / "indices", run.settings)
            for result in (*elsewhere, *pages):
                built.measured(result)
            progress("search index")
            indexing.wait()
        finally:
            indexing.stop()
    _publish_index_data(work)
    (work / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    _move_into(work / PAGES_DIR, work / "site")
    write_assets(work / "site")
    publish(edition.images, work / "site")
    if "pdf" in run.settings.outputs:
        _book(edition, indices, run.settings, state, progress)
    indices.store.close()
    (work / INDEX_STORE).unlink()
    state.documents = len(edition.documents)
    state.groups = _groups(edition, work, state, run.settings)
    return built


def _move_into(folder: Path, target: Path) -> None:
    """Move what ``folder`` holds into the folder ``target`` (a folder of both merged), and remove it."""
    for entry in folder.iterdir():
        if entry.is_dir() and (target / entry.name).is_dir():
            _move_into(entry, target / entry.name)
        else:
            entry.rename(target / entry.name)
    folder.rmdir()


@dataclass
class _Edition:
    """What the build knows of the edition before the workers render it: its files (``paths``,
    ``registers``, the ``documents`` without their trees: those stay with the workers), the
    ``stubs`` of the documents, the output name of each file and its path relative to the TEI
    folder (``names``, ``relative``, by URI), the search ``indexes`` and their pages, the
    ``folders`` of the site's pages in each interface language ('', ``de/`` …), the plan
    of the workers, a task and a key per file, and ``headers``, the key of what every output
    shows of the whole edition (registers and the documents' headers); ``inputs``: the hash of
    each file's content, by URI; ``images``: the images the documents show, by their place in
    the site."""

    paths: list[Path]
    registers: list[Path]
    documents: list[Source]
    stubs: dict[str, bytes]
    names: dict[str, str]
    relative: dict[str, str]
    indexes: dict[str, list[str]]
    folders: list[str]
    inputs: dict[str, str]
    plan: Plan
    tasks: list[Task]
    keys: dict[str, str]
    headers: str
    images: dict[str, Path]
    about: tuple[AboutPage, ...]

    @classmethod
    def read(cls, tei_dir: Path, paths: list[Path], work: Path, settings: Config) -> _Edition:
        addresses, registers, documents, stubs, links, inputs, images, page_names, withheld = _read(paths, tei_dir)
        pages = output_names(documents, HTML.suffix)
        scope = Scope(
            [s.uri for s in documents],
            list(pages.values()),
            edition=settings,
            page_names=page_names,
            downloads=("tei", *settings.outputs),
            index_data=True,
            about=about_pages(settings),
            withheld=withheld,
        )
        check_names(documents, pages, reserved_pages(scope))
        plan = _plan(work, registers, pages, stubs, scope, settings, tei_dir)
        names = plan.names
        register_uris = {path.resolve().as_uri() for path in registers}
        headers = digest(
            digest(*(part for uri in sorted(register_uris) for part in (uri, inputs[uri]))),
            json.dumps(plan.outputs[HTML.name]),
            *(part for item in stubs.items() for part in item),
        )
        tasks, pointing = [], {}
        for path in addresses:
            uri = path.resolve().as_uri()
            pointing[uri] = _pointed(uri, links.get(uri, set()), stubs)
            tasks.append(Task(uri, path, [_path_of(t) for t in pointing[uri]], uri not in register_uris))
            tasks[-1].publish = uri not in withheld
        return cls(
            paths,
            registers,
            documents,
            stubs,
            names,
            {t.uri: _relative(t.path, tei_dir) for t in tasks},
            bundles(list(pages.values())),
            [folder for folder, _ in in_languages(PAGES, plan.outputs[PAGES.name])],
            inputs,
            plan,
            tasks,
            file_keys(pointing, inputs, headers),
            headers,
            images,
            scope.about,
        )


def _plan(
    work: Path,
    registers: list[Path],
    pages: dict[str, str],
    stubs: dict[str, bytes],
    scope: Scope,
    settings: Config,
    tei_dir: Path,
) -> Plan:
    """What the workers need to know: the outputs to make (those ``settings`` name) with their
    parameters (from ``scope``), and the output name of each file (``pages``: each document's
    HTML page)."""
    names = {uri: name.removesuffix(HTML.suffix) for uri, name in pages.items()}
    names |= {path.resolve().as_uri(): path.stem for path in registers}
    left_out = {folder for folder in OPTIONAL_OUTPUTS if folder not in settings.outputs}
    made = [name for name, output in OUTPUTS.items() if output.folder not in left_out]
    profile = profiles.profile(None, settings.validation)
    return Plan(work, stubs, registers, names, parameters(scope, made), profile, edition_folder(tei_dir))


def _read(
    paths: list[Path], tei_dir: Path
) -> tuple[
    list[Path],
    list[Path],
    list[Source],
    dict[str, bytes],
    dict[str, set[str] | None],
    dict[str, str],
    dict[str, Path],
    dict[str, str],
    frozenset[str],
]:
    """What the build reads of every file before the workers render them: the address of every
    document the files hold (:func:`edition.corpora.read`: a corpus's documents too), the registers, the
    documents (without their trees: those stay with the workers), the documents' stubs
    (:func:`edition.parallel.stub`), the files each points into (:func:`edition.parallel.pointed`),
    the hash of each file's content (by URI), the images the documents show (by their place in
    the site: :func:`edition.images.shown`) and the page names of entries whose xml:id is not
    one (:func:`edition.kinds.renamed`), and the documents whose TEI the site does not publish
    (:func:`edition.outputs.publishable`)."""
    addresses, registers, documents, stubs, links, inputs = [], [], [], {}, {}, {}
    withheld = set()
    images: dict[str, Path] = {}
    page_names: dict[str, str] = {}
    for source in read_documents(paths, edition_folder(tei_dir)):
        addresses.append(source.path)
        inputs[source.uri] = digest(source.data)
        page_names |= renamed([source.tree])
        if is_register(source):
            registers.append(source.path)
        else:
            documents.append(Source(source.path, b"", None))
            stubs[source.uri] = stub(source.tree)
            links[source.uri] = pointed(source)
            images |= shown(source)
            if not publishable(source.tree):
                withheld.add(source.uri)
    return addresses, registers, documents, stubs, links, inputs, images, page_names, frozenset(withheld)


def _pointed(uri: str, found: set[str] | None, stubs: dict[str, bytes]) -> list[str]:
    """The documents the file ``uri`` points into (``found``; None: any), sorted."""
    return [target for target in sorted(stubs if found is None else found & stubs.keys()) if target != uri]


def _documents(run: Run, edition: _Edition, pool: Pool, built: Built) -> None:
    """Stage 1: check and render each file whose key changed (the others' outputs and findings
    taken over); :class:`ValidationFailed` if a file has errors."""
    previous, state = run.previous, run.state
    checks = _checks(edition, previous, pool, run.progress) if run.check else {}
    todo = redo(edition.tasks, edition.keys, checks, edition.relative, previous, state)
    built.reused = sum(t.document and not t.render for t in edition.tasks)
    built.rendered = sum(t.document and t.render for t in edition.tasks)
    for task, result in zip(todo, pool.run(todo)):
        name = edition.relative[task.uri]
        if task.render:
            state.rendered[name] = Rendered(
                edition.keys[task.uri],
                sorted(str(p.relative_to(previous.work)) for paths in result.written.values() for p in paths),
                result.anchors,
            )
        if task.lets is not None:
            state.checked[name] = Checked(checks[task.uri][0], [p.as_dict() for p in result.problems])
        built.measured(result)
    report = Report(len(edition.paths), _found(state))
    if not report.ok:
        raise ValidationFailed(report)
    built.warnings = report.problems


def _checks(
    edition: _Edition, previous: Previous, pool: Pool, progress: Callable[[str], None]
) -> dict[str, tuple[str, dict]]:
    """The key of each file's check and its share of the cross-file lets, from the summary of
    each file (``SUMMARIES_DIR/NAME.json``), taken over if neither the file nor the registers and
    headers (whose entries its bare ids and URIs resolve to) changed, else made in the pool."""
    summaries: dict[str, dict] = {}
    todo = []
    for task in edition.tasks:
        name, content = edition.names[task.uri], digest(edition.headers, edition.inputs[task.uri])
        summary = previous.summary(name, content)
        if summary is None:
            todo.append(Summary(task.uri, task.path, f"{SUMMARIES_DIR}/{name}.json", content))
        else:
            summaries[task.uri] = summary
    progress("summaries")
    summaries |= {result.uri: result.summary or {} for result in pool.run(todo)}
    shares = cross_file_lets({task.uri: summaries[task.uri] for task in edition.tasks})
    keys = check_keys(edition.keys, shares)
    return {uri: (keys[uri], share) for uri, share in shares.items()}


def _indices(edition: _Edition, previous: Previous) -> Indices:
    """Stage 2: the indices of the edition (in the store :data:`INDEX_STORE`), from the staged
    records of the previous build (a copy: the previous output stays as it was until the new
    build replaces it) and those of the documents whose records are new."""
    work = previous.work
    (work / "indices").mkdir()
    previous.copy(STAGING)
    staging = Staging(work / STAGING, version=toolkit_hash())
    staged = staging.stamps()
    records = {task.uri: work / RECORDS_DIR / f"{edition.names[task.uri]}.json" for task in edition.tasks}
    stamps = {
        uri: f"{edition.keys[uri]} {stat.st_size} {stat.st_mtime_ns}"
        for uri, stat in ((uri, path.stat()) for uri, path in records.items())
    }
    staging.forget([uri for uri, stamp in staged.items() if stamps.get(uri) != stamp])
    for task in edition.tasks:
        if staged.get(task.uri) != stamps[task.uri]:
            staging.stage(task.uri, stamps[task.uri], task.path, orjson.loads(records[task.uri].read_bytes()))
    return staging.assemble([task.uri for task in edition.tasks], work / INDEX_STORE)


def _publish_index_data(work: Path) -> None:
    """Publish the index data in the site (``site/indices/``, linked from the index pages): each
    file of the build's ``indices/`` linked there, not copied."""
    for file in sorted((work / "indices").iterdir()):
        take_over(work / "indices", work / "site" / INDEX_DATA, file.name)


def _book(edition: _Edition, indices: Indices, settings: Config, state: State, progress: Callable[[str], None]) -> None:
    """Stage 4: the edition's PDF (if there are several documents), with the page of every
    mention from the documents' own layouts."""
    from .pdf import BOOK, check_book_name, write_book

    documents = edition.documents
    if len(documents) < 2:
        return
    check_book_name(documents, {s.uri: edition.names[s.uri] + PRINT.suffix for s in documents})
    pages = {
        anchor: (number, page)
        for number, source in enumerate(documents)
        for anchor, page in state.rendered[edition.relative[source.uri]].anchors.items()
    }
    progress(f"PDF {BOOK}")
    whole = load_tei(sorted([s.path for s in documents] + edition.registers))
    write_book(
        [s for s in whole if s.uri in {d.uri for d in documents}],
        whole,
        indices,
        pages,
        edition.plan.out / "pdf",
        settings,
    )


def _groups(edition: _Edition, work: Path, state: State, settings: Config) -> dict[str, list[str]]:
    """The files of each output group (:data:`GROUPS`) the ``settings`` make."""
    listed = files(work)
    groups = {
        "site": [
            f"site/{folder}{page}"
            for folder in edition.folders
            for page in [f"{edition.names[s.uri]}.html" for s in edition.documents] + list(map(page_file, state.pages))
        ]
        + [f"site/{where}" for where in sorted(edition.images)]
        + [f for f in listed if f.startswith(tuple(f"site/{folder}/" for folder in (*DOWNLOADS, INDEX_DATA)))],
        f"site/{SEARCH_DIR}": [
            f for f in listed if f.startswith(tuple(f"site/{folder}/" for folder in edition.indexes))
        ],
        "indices": [f for f in listed if f.startswith("indices/")],
    }
    for group in settings.outputs:
        groups[group] = [f for f in listed if f.startswith(f"{group}/")]
    return groups


def _path_of(uri: str) -> Path:
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    return Path(url2pathname(urlsplit(uri).path))


def terminal_progress(stream=sys.stderr) -> Callable[[str], None]:
    """A progress display on one line of ``stream`` if it is a terminal, else nothing."""
    if not stream.isatty():
        return lambda label: None

    def show(label: str) -> None:
        stream.write(f"\r\033[K{label} …")
        stream.flush()

    return show
