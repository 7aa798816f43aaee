"""The per-document stages of a build (the per-document outputs of :mod:`edition.outputs`: index
records, HTML page, plain text, PDF) in a pool of worker processes, each document rendered
against a light edition; then, in the same pool,
the pages about the edition (:class:`Pages`), each from its part of the index data.

A document's outputs need the whole edition only for what every page shows about the other
documents (the navigation: their titles, languages and file names) and for the pointers
that reach into other files. So each document is rendered against a *light edition*: the
registers in full, the document itself and the documents it points into in full, and every
other document as a *stub* (its ``TEI`` element with the ``teiHeader`` and an empty
``text``). A worker hands the registers and the stubs to Saxon once per stylesheet and then
only the document at hand (and what it points into), so no process holds the whole corpus:
documents are streamed to the workers as file names.

The workers are started with the ``spawn`` method (SaxonC must not be forked once it has
run); each renders through one :class:`edition.rendering.Renderer`, which compiles each
stylesheet once and reuses it for every document. With one job everything runs in the calling process, through
the same code. The workers leave Ctrl-C to the build and die with it, however it ends; on an
interrupt or an error they are stopped at once (:mod:`edition.processes`).
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import resource
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .corpora import load_document
from .documents import Source
from .indices import WRITERS, open_indices
from .outputs import DOWNLOADS, HTML, OUTPUTS, PAGES, Output, in_languages, output_path
from .problems import ERROR, InputError, Problem
from .processes import attach, spawning, stop
from .profiles import EDITION, Profile
from .rendering import REGISTER_LISTS, Renderer
from .site import RecordPages, download, write_pages
from .validate import check_document, schematron
from .xmlio import atomic_write, link


def default_jobs() -> int:
    """The number of worker processes when none is asked for: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def stub(tree: etree._ElementTree) -> bytes:
    """What the other documents' pages need of a document: its ``TEI`` element (attributes),
    its ``teiHeader`` and ``standOff`` and the lists of register entries of its ``text`` (the
    entries that pointers of other documents resolve to: a site index with prose around its
    lists, a bibliography's back), in an otherwise empty ``text`` (with its attributes)."""
    root = tree.getroot()
    light = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for part in ("teiHeader", "standOff"):
        kept = root.find(f"{{{TEI_NS}}}{part}")
        if kept is not None:
            light.append(copy.deepcopy(kept))
    text = root.find(f"{{{TEI_NS}}}text")
    if text is not None:
        light_text = etree.SubElement(light, text.tag, dict(text.attrib))
        lists = [e for e in text.iter(*REGISTER_LISTS) if _outermost(e)]
        if lists:
            etree.SubElement(light_text, f"{{{TEI_NS}}}back").extend(copy.deepcopy(e) for e in lists)
    return etree.tostring(light, encoding="UTF-8")


def _outermost(element: etree._Element) -> bool:
    """Whether ``element`` (a list of register entries) is in no other such list."""
    return not any(a.tag in REGISTER_LISTS for a in element.iterancestors())


@dataclass
class Plan:
    """What every worker needs to know about one build (sent to each worker once)."""

    out: Path  # the build's temporary folder
    stubs: dict[str, bytes]  # URI -> stub of every document of the edition
    registers: list[Path]  # register files (loaded in full)
    names: dict[str, str]  # URI -> output name (file name without .xml)
    outputs: dict[str, dict] = field(default_factory=dict)  # output to make -> its parameters
    profile: Profile = EDITION  # what the files are checked against
    folder: Path | None = None  # the edition's folder: what XIncludes may include (edition.corpora)


@dataclass
class Task:
    """One file to render (unless not ``render``) and to check (if it has ``lets``, its share of
    the Schematron's cross-file lets: :func:`edition.validate.cross_file_lets`), and the
    documents it points into; a register (``document`` false) gets its index records only. A
    file with errors is not rendered."""

    uri: str
    path: Path
    pointed: list[Path] = field(default_factory=list)
    document: bool = True
    render: bool = True
    lets: dict | None = None
    publish: bool = True  # its TEI published in the site (edition.outputs.publishable)


@dataclass
class Summary:
    """One file to summarize for the cross-file checks (:meth:`edition.schematron.Schematron.summary`),
    the summary written to ``file`` (in the build's folder) with the file's ``digest``."""

    uri: str
    path: Path
    file: str
    digest: str


@dataclass
class Pages:
    """Pages about the whole edition (``names``, see :func:`edition.site.write_pages`), rendered
    from ``indices``: what they show of ``indices.json`` (:func:`edition.indices.to_json`); or,
    for entity, year and works pages, from the index ``store`` (:func:`edition.indices.group`)."""

    names: list[str]
    indices: str = ""
    folder: str = "site"  # where to write them, in the build's folder
    store: Path | None = None


@dataclass
class IndexData:
    """Index data files in ``formats`` (of :data:`edition.indices.FORMATS`), written into
    ``folder`` of the build's folder from the index ``store`` (:func:`edition.indices.group`),
    their labels in the interface ``language``."""

    formats: list[str]
    store: Path
    language: str
    folder: str = "indices"


@dataclass
class Result:
    """What rendering one document wrote (paths by output folder), its PDF's anchors (anchor ->
    page) and the worker's peak memory so far (kB, ``ru_maxrss``)."""

    uri: str
    written: dict[str, list[Path]] = field(default_factory=dict)
    anchors: dict[str, int] = field(default_factory=dict)
    pid: int = 0
    max_rss_kb: int = 0
    problem: Problem | None = None  # why the file could not be rendered
    problems: list[Problem] = field(default_factory=list)  # what checking it found
    summary: dict | None = None

    def measured(self) -> Result:
        """This result with the worker's process id and peak memory so far."""
        self.pid = os.getpid()
        self.max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return self


class Worker:
    """The state of one worker: the plan, and its renderer over the light edition."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.renderer = Renderer([load_document(path, plan.folder) for path in plan.registers], plan.stubs)
        self.record_pages: dict[Path, RecordPages] = {}  # by index store

    def render(self, task: Task | Summary | Pages | IndexData) -> Result:
        if isinstance(task, Pages):
            return self._pages(task)
        if isinstance(task, IndexData):
            return self._index_data(task)
        plan, result = self.plan, Result(task.uri)
        try:
            source = load_document(task.path, plan.folder)
            if isinstance(task, Summary):
                checker = schematron(*plan.profile.rules[0])
                nodes = self.renderer.nodes(checker.stylesheet, [source])
                result.summary = checker.summary(source.uri, nodes)
                _write(plan.out, task.file, json.dumps(result.summary | {"digest": task.digest}, ensure_ascii=False))
                return result.measured()
            full = [source] + [load_document(path, plan.folder) for path in task.pointed]
            if task.lets is not None:
                result.problems = check_document(
                    source, lambda sheet: self.renderer.nodes(sheet, full), task.lets, plan.profile
                )
                if any(problem.severity == ERROR for problem in result.problems):
                    return result.measured()
            if task.render:
                self._render(task, source, full, result)
        except InputError as exc:  # carried back as data: InputError does not survive pickling
            result.problem = exc.problem
        return result.measured()

    def _render(self, task: Task, source: Source, full: list[Source], result: Result) -> None:
        """Make the per-document outputs of ``source``; a document's TEI source, text and PDF
        are published in the site too (:data:`edition.outputs.DOWNLOADS`)."""
        stem, out = self.plan.names[task.uri], self.plan.out
        for name, parameters in self.plan.outputs.items():
            output = OUTPUTS[name]
            if output.per_document and (task.document or output.registers):
                for folder, in_language in in_languages(output, parameters):
                    made = self.renderer.document(output, source, in_language, full)
                    path = _write(out, f"{output.folder}/{folder}{stem}{output.suffix}", made.data)
                    result.written.setdefault(output.folder, []).append(path)
                    result.anchors |= made.anchors
                    if task.document and not folder:
                        self._publish(task, source, output, path, result)

    def _publish(self, task: Task, source: Source, output: Output, path: Path, result: Result) -> None:
        """Publish in the site what the site links of the document ``source`` beside its page, as
        ``output`` (its file ``path``) makes it: its text or PDF (linked), its TEI (unless
        withheld: :func:`edition.outputs.publishable`) with its page."""
        stem, out = self.plan.names[task.uri], self.plan.out
        if output.folder in DOWNLOADS:
            published = output_path(out, f"site/{download(stem, output.folder)}")
            link(path, published)
        elif output is HTML and task.publish:
            published = _write(out, f"site/{download(stem, 'tei')}", source.data)
        else:
            return
        result.written["site"].append(published)

    def _index_data(self, task: IndexData) -> Result:
        indices = open_indices(task.store)
        return Result(
            "",
            {
                task.folder: [
                    path
                    for name in task.formats
                    for path in WRITERS[name](indices, self.plan.out / task.folder, task.language)
                ]
            },
        ).measured()

    def _pages(self, task: Pages) -> Result:
        data = task.indices
        if task.store is not None:
            if task.store not in self.record_pages:
                self.record_pages[task.store] = RecordPages(open_indices(task.store))
            data = self.record_pages[task.store].data(task.names)
        written = []
        for folder, parameters in in_languages(PAGES, self.plan.outputs[PAGES.name]):
            pages = self.renderer.pages(PAGES, parameters | {"indices": data}, task.names)
            written += write_pages(pages, self.plan.out / task.folder / folder)
        return Result("", {"site": written}).measured()


def _write(root: Path, relative: str, data: str | bytes) -> Path:
    path = output_path(root, relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
    return path


_worker: Worker | None = None


def _start(plan: Plan, parent: int) -> None:
    global _worker
    attach(parent)
    _worker = Worker(plan)


def _render(task: Task | Summary | Pages | IndexData) -> Result:
    if _worker is None:
        raise RuntimeError("a worker process renders only after its initializer ran")
    return _worker.render(task)


def _label(task: Task | Summary | Pages | IndexData) -> str:
    if isinstance(task, Pages):
        return ", ".join(task.names)
    return f"{', '.join(task.formats)} index data" if isinstance(task, IndexData) else task.path.name


class Pool:
    """``jobs`` worker processes for one plan (this process if ``jobs`` is 1), started when first
    needed and kept for every batch of tasks until :meth:`restart`: documents, then the pages
    about the edition."""

    def __init__(self, plan: Plan, jobs: int, progress: Callable[[str], None] = lambda label: None):
        self.plan, self.jobs, self.progress = plan, jobs, progress
        self._worker: Worker | None = None
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, failure: type[BaseException] | None = None, *exc) -> None:
        if self._executor is None:
            return
        if failure is None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        else:  # an interrupt or an error: what the workers are doing is not wanted any more
            stop(self._executor)

    def restart(self) -> None:
        """Let the workers go once their tasks are done: the next tasks go to fresh ones. The
        workers of the documents hold the light edition for every stylesheet they ran (1.0-1.5
        GB each at 1000x), which the pages about the edition do not need."""
        self.__exit__()
        self._executor, self._worker = None, None

    def run(self, tasks: Sequence[Task | Summary | Pages | IndexData]) -> Iterator[Result]:
        """Render ``tasks``, in order; :class:`InputError` for the first that cannot be rendered.
        With workers, all tasks are handed out at once: the caller may do other work meanwhile."""
        if not tasks:
            return iter(())
        if self.jobs <= 1:
            self._worker = self._worker or Worker(self.plan)
            results: Iterator[Result] = map(self._worker.render, tasks)
        else:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.jobs,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(self.plan, os.getpid()),
                )
            with spawning():  # the workers start as the tasks are handed out
                results = self._executor.map(_render, tasks)
        return self._checked(tasks, results)

    def _checked(
        self, tasks: Sequence[Task | Summary | Pages | IndexData], results: Iterator[Result]
    ) -> Iterator[Result]:
        for task, result in zip(tasks, results):
            if result.problem is not None:
                raise InputError(result.problem)
            self.progress(f"rendered {_label(task)}")
            yield result
