"""``edition build``: the whole edition from its TEI folder into one output folder, atomically,
incrementally and in parallel.

The output folder (``build/``) gets ``site/`` (the HTML edition: document pages, index pages
and the search index ``site/pagefind/``), ``text/`` (plain text), ``indices/`` (index data)
and ``pdf/`` (the print edition). Everything is rendered into a temporary folder beside it,
which then replaces it: on any failure, an interrupt included, the previous output stays as it
was and no temporary folder is left behind. A folder that ``edition build`` did not make (no
:data:`MARKER` file) is never replaced.

Per document (HTML page, text, index records, PDF: :mod:`edition.parallel`) the work is done
by a pool of worker processes (``jobs``), against a light edition (registers, the document,
what it points into, and the headers of the others), streamed one document at a time. The
workers check each file too (grammar and Schematron) before they render it: the Schematron's
cross-file lets (ids defined twice, entries pointed to) are supplied as each file's share,
worked out from a summary of every file (made once per version of the file); a file with
errors is not rendered, and the build stops with the report of every file before anything
about the whole edition is made. The index records of all documents are then grouped into the
indices (:mod:`edition.indices`, an SQLite store in the build's folder: :data:`INDEX_STORE`;
the records are staged as rows in :data:`STAGING`, kept between builds, so that a rebuild
stages again only the documents whose records changed),
which serve the index data (:data:`WORKER_FORMATS` written in the pool, the others here), the
pages about the edition (rendered in the pool by fresh workers, each from its part of the data)
and the print edition's indices;
Pagefind indexes the document pages meanwhile (in several indexes in a large edition:
:func:`edition.search.bundles`).

Incremental: the output keeps :data:`STATE`, the content hashes of the inputs and of the
toolkit (stylesheets, schemas, code) and a key per document (its own hash, those of the
registers, of the files it points into and of every document's header). The next build takes
over (hard links, else copies, into the new temporary folder) every output whose key is
unchanged and renders only the rest, and checks again only the files whose key or share of the
cross-file lets changed (the others' findings are kept in the state); the outputs about the
whole edition (indices, the edition's PDF) are made again from the kept and the new index
records, and each page about the edition and each search index whose data changed.
With no input changed, the previous output is taken over whole, validation included.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from . import __version__
from .documents import Source, find_xml_files, load_tei, require_tei
from .lock import output_lock
from .indices import FORMATS as INDEX_FORMATS, WRITERS as INDEX_WRITERS, Indices, Staging
from .outputs import HOME_PAGE, HTML, INDEX_PAGES, OUTPUTS, PRINT, RECORDS_DIR, Scope, parameters
from .parallel import IndexData, Pages, Plan, Pool, Result, Summary, Task, default_jobs, pointed, stub
from .problems import ERROR, InputError, Problem
from .rendering import is_register, output_names
from .saxon import XSLT_DIR
from .search import SEARCH_DIR, Indexing, bundles
from .site import PAGE_DATA, RecordPages, check_names, page_data, page_file, write_assets
from .validate import SCHEMA_DIR, Report, cross_file_lets, validate
from .xmlio import atomic_write, current_umask, read_file

MARKER = ".edition-build"
#: What the next build needs to know to redo only what changed (JSON, in the output folder).
STATE = ".edition-build-state.json"
STATE_VERSION = 3
GROUPS = ("site", f"site/{SEARCH_DIR}", "text", "indices", "pdf")
#: Where the pages about the edition are made while Pagefind indexes the site.
PAGES_DIR = ".edition-cache/pages"
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
#: What the cross-file checks need of each file (``NAME.json``: see :func:`_check_keys`).
SUMMARIES_DIR = ".edition-cache/summaries"


class ValidationFailed(Exception):
    """The edition has errors; nothing was built."""

    def __init__(self, report: Report):
        super().__init__(report.summary())
        self.report = report


@dataclass
class Built:
    """What a build wrote, where, and how long it took (``reused``: documents whose outputs were
    taken over from the previous build)."""

    output: Path
    documents: int = 0
    files: dict[str, list[Path]] = field(default_factory=dict)
    seconds: float = 0.0
    reused: int = 0
    rendered: int = 0
    workers: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident memory (kB)

    def measured(self, result: Result) -> None:
        """Note the peak memory of the worker that made ``result``."""
        self.workers[result.pid] = max(self.workers.get(result.pid, 0), result.max_rss_kb)

    def summary(self) -> str:
        parts = ", ".join(f"{name}/ {len(paths)} file{'s' * (len(paths) != 1)}" for name, paths in self.files.items())
        reused = f"; {self.reused} of {self.documents} unchanged, taken over" if self.reused else ""
        return (f"built {self.documents} document{'s' * (self.documents != 1)} into {self.output}/ ({parts}) "
                f"in {self.seconds:.1f} s{reused}")


def _check_output(output: Path) -> None:
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise InputError(Problem(str(output), 0, 0, ERROR, f"refusing to replace {output}: it was not made by "
                                 f"edition build (it has no {MARKER} file); remove it or choose another output folder",
                                 "build-output"))


def _swap(new: Path, output: Path) -> None:
    """Put the folder ``new`` in the place of ``output`` (whose old contents are removed)."""
    if not output.exists():
        os.rename(new, output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rename(output, old / output.name)
    try:
        os.rename(new, output)
    except BaseException:
        os.rename(old / output.name, output)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def toolkit_hash() -> str:
    """A hash of everything besides the TEI that decides the output: stylesheets and their
    assets, schemas, the toolkit's code and version."""
    parts: list[str | bytes] = [__version__]
    for folder in (XSLT_DIR, SCHEMA_DIR, Path(__file__).resolve().parent):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [f"{folder.name}/{path.relative_to(folder)}", path.read_bytes()]
    return _digest(*parts)


def _load_state(output: Path) -> dict | None:
    try:
        state = json.loads((output / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else None


def _take_over(old: Path, new: Path, relative: str) -> None:
    """Put the file ``old/relative`` at ``new/relative``: a hard link (the old one is never
    written again: every write replaces a file), else a copy."""
    target = new / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old / relative, target)
    except OSError:
        shutil.copy2(old / relative, target)


def _kept(old_key: str | None, key: str, old: Path, new: Path, files: list[str]) -> bool:
    """Whether the outputs ``files`` (relative to ``old``) of something whose key was
    ``old_key`` and is ``key`` now can be kept; if so, they are taken over into ``new``."""
    if old_key != key or not files or not all((old / file).is_file() for file in files):
        return False
    for file in files:
        _take_over(old, new, file)
    return True


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def build(tei_dir: Path, output: Path, *, check: bool = True, pdf: bool = True, jobs: int | None = None,
          incremental: bool = True, progress: Callable[[str], None] = lambda label: None) -> Built:
    """Validate (if ``check``) and render the edition in ``tei_dir`` into ``output`` (PDFs if
    ``pdf``), the per-document work in ``jobs`` processes (default: one per core), redoing
    only what changed since the previous build into ``output`` (unless not ``incremental``)."""
    started = time.monotonic()
    paths = find_xml_files([tei_dir]) if tei_dir.is_dir() else []
    if not paths:
        raise InputError(Problem(str(tei_dir), 0, 0, ERROR, "no TEI files (*.xml) found: give the folder of the "
                                 "edition's TEI files", "build-input"))
    with output_lock(output):  # a second build into the same folder is refused
        _check_output(output)
        inputs = {str(path.relative_to(tei_dir)): _digest(read_file(path)) for path in paths}
        options = {"pdf": pdf, "tei": str(tei_dir.resolve())}
        previous = _load_state(output) if incremental else None
        if previous and (previous.get("toolkit"), previous.get("options")) != (toolkit_hash(), options):
            previous = None
        unchanged = previous is not None and previous.get("inputs") == inputs
        jobs = jobs or default_jobs()
        if unchanged and check and not previous.get("validated"):
            progress("validating")
            _validated(tei_dir)
        output.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
        try:
            work.chmod(0o777 & ~current_umask())
            if unchanged:
                progress("nothing changed")
                for relative in _files(output):
                    if relative not in (STATE, MARKER):
                        _take_over(output, work, relative)
                state = previous | {"validated": previous["validated"] or check}
                built = Built(output, state["documents"], reused=state["documents"])
            else:
                try:
                    state, built = _render(tei_dir, paths, work, output, previous, jobs, pdf, check, progress)
                except InputError:
                    if check:  # its report names every problem of every file
                        _validated(tei_dir)
                    raise
                state |= {"version": STATE_VERSION, "toolkit": toolkit_hash(), "options": options, "inputs": inputs,
                          "validated": check}
            built.files = {group: [output / relative for relative in state["files"][group]] for group in GROUPS
                           if group in state["files"]}
            atomic_write(work / STATE, json.dumps(state, ensure_ascii=False, sort_keys=True))
            atomic_write(work / MARKER, "Made by edition build; replaced as a whole by the next build.\n")
            _swap(work, output)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    built.seconds = time.monotonic() - started
    return built


def _validated(tei_dir: Path) -> None:
    """Validate the whole edition here and now; :class:`ValidationFailed` if it has errors."""
    report = validate([tei_dir])
    if not report.ok:
        raise ValidationFailed(report)


def _render(tei_dir: Path, paths: list[Path], work: Path, output: Path, previous: dict | None, jobs: int, pdf: bool,
            check: bool, progress: Callable[[str], None]) -> tuple[dict, Built]:
    """Render the edition into ``work``, and check it file by file (if ``check``; raises
    :class:`ValidationFailed` before any output about the whole edition is made), taking over
    from ``output`` what ``previous`` (its state) says is unchanged; the new state and what
    was built."""
    progress("reading")
    read = _read(paths)
    registers, documents, stubs, inputs = read.registers, read.documents, read.stubs, read.inputs
    document_pages = output_names(documents, HTML.suffix)
    check_names(documents, document_pages, [HOME_PAGE] + [f"{name}.html" for name in INDEX_PAGES])
    names = {uri: name.removesuffix(HTML.suffix) for uri, name in document_pages.items()}
    register_uris = {path.resolve().as_uri() for path in registers}
    names |= {path.resolve().as_uri(): path.stem for path in registers}
    indexes = bundles(list(document_pages.values()))
    made = [name for name, output in OUTPUTS.items() if pdf or output.folder != PRINT.folder]
    plan = Plan(work, stubs, registers, names, parameters(Scope([s.uri for s in documents], list(document_pages.values())),
                                                          made))

    base = _digest(*(part for uri in sorted(register_uris) for part in (uri, inputs[uri])))
    headers = _digest(base, json.dumps(plan.outputs[HTML.name]), *(part for uri, data in stubs.items() for part in (uri, data)))
    tasks, keys = _tasks(paths, read, register_uris, headers)
    relative = {uri: str(path.relative_to(tei_dir)) for uri, path in ((t.uri, t.path) for t in tasks)}
    site = work / "site"
    with Pool(plan, jobs, progress) as pool:
        checks = _check_keys(tasks, keys, inputs, names, output, work, pool, progress) if check else {}
        todo, files_of, checked = _work_to_do(tasks, keys, checks, relative, previous, output, work)
        built = Built(output, len(documents), reused=sum(t.document and not t.render for t in tasks),
                      rendered=sum(t.document and t.render for t in tasks))
        for task, result in zip(todo, pool.run(todo)):
            if task.render:
                files_of[relative[task.uri]] = {"files": sorted(str(p.relative_to(work)) for paths in
                                                                result.written.values() for p in paths),
                                                "anchors": result.anchors}
            if task.lets is not None:
                checked[relative[task.uri]] = {"key": checks[task.uri][0],
                                               "problems": [p.as_dict() for p in result.problems]}
            built.measured(result)
        report = Report(len(paths), sorted(Problem(**p) for c in checked.values() for p in c["problems"]))
        if not report.ok:
            raise ValidationFailed(report)
        progress("search index")
        # the document pages are all there; the other pages go to PAGES_DIR meanwhile
        index_keys, todo_indexes = _indexes_to_make(indexes, {f"{names[t.uri]}.html": keys[t.uri] for t in tasks},
                                                    previous, output, work)
        indexing = Indexing(site, todo_indexes, work / SEARCH_STAGING)
        try:
            if jobs <= 1:
                indexing.wait()
            progress("indices")
            pool.restart()  # the pages about the edition in fresh workers
            (work / "indices").mkdir()
            indices = _grouped(tasks, keys, names, previous, output, work)
            # some index data, then the pages about the edition in the workers; the rest here meanwhile
            elsewhere = pool.run([IndexData([name], work / INDEX_STORE) for name in WORKER_FORMATS]) if jobs > 1 \
                else iter(())
            page_keys, todo_pages = _pages_to_make(indices, work / INDEX_STORE, headers, previous, output, work)
            pages = pool.run(todo_pages)
            progress("index data")
            for name in INDEX_FORMATS:
                if jobs <= 1 or name not in WORKER_FORMATS:
                    INDEX_WRITERS[name](indices, work / "indices")
            for result in (*elsewhere, *pages):
                built.measured(result)
            progress("search index")
            indexing.wait()
        finally:
            indexing.stop()
    (work / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    for page in (work / PAGES_DIR).iterdir():
        page.rename(site / page.name)
    (work / PAGES_DIR).rmdir()
    write_assets(site)
    if pdf:
        _book(documents, registers, indices, files_of, relative, names, work, progress)
    indices.store.close()
    (work / INDEX_STORE).unlink()
    listed = _files(work)
    groups = {
        "site": [f"site/{names[s.uri]}.html" for s in documents]
        + [f"site/{page_file(name)}" for name in page_keys],
        f"site/{SEARCH_DIR}": [f for f in listed if f.startswith(tuple(f"site/{folder}/" for folder in indexes))],
        "text": [f for f in listed if f.startswith("text/")],
        "indices": [f for f in listed if f.startswith("indices/")],
    }
    if pdf:
        groups["pdf"] = [f for f in listed if f.startswith("pdf/")]
    state = {"documents": len(documents), "files": groups, "files_of": files_of, "pages": page_keys, "search": index_keys,
             "keys": {relative[uri]: key for uri, key in keys.items()}, "checked": checked}
    return state, built


@dataclass
class _Read:
    """What the build reads of every file of the edition before the workers render them."""

    registers: list[Path] = field(default_factory=list)
    documents: list[Source] = field(default_factory=list)  # without their trees: those stay with the workers
    stubs: dict[str, bytes] = field(default_factory=dict)  # URI -> stub (see edition.parallel.stub)
    links: dict[str, set[str] | None] = field(default_factory=dict)  # URI -> files it points into
    inputs: dict[str, str] = field(default_factory=dict)  # URI -> hash of its content


def _grouped(tasks: list[Task], keys: dict[str, str], names: dict[str, str], previous: dict | None, output: Path,
             work: Path) -> Indices:
    """The indices of the edition (in the store :data:`INDEX_STORE`), from the staged records of
    the previous build (if ``previous``; a copy, changed here: ``output`` stays as it was until
    the new build replaces it) and those of the documents whose records are new."""
    if previous is not None and (output / STAGING).is_file():
        (work / STAGING).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(output / STAGING, work / STAGING)
    staging = Staging(work / STAGING, version=toolkit_hash())
    staged = staging.stamps()
    files = {task.uri: work / RECORDS_DIR / f"{names[task.uri]}.json" for task in tasks}
    stamps = {uri: f"{keys[uri]} {stat.st_size} {stat.st_mtime_ns}" for uri, stat in
              ((uri, path.stat()) for uri, path in files.items())}
    staging.forget([uri for uri, stamp in staged.items() if stamps.get(uri) != stamp])
    for task in tasks:
        if staged.get(task.uri) != stamps[task.uri]:
            staging.stage(task.uri, stamps[task.uri], task.path, orjson.loads(files[task.uri].read_bytes()))
    return staging.assemble([task.uri for task in tasks], work / INDEX_STORE)


def _read(paths: list[Path]) -> _Read:
    read = _Read()
    for path in paths:
        source = require_tei(Source.load(path))
        read.inputs[source.uri] = _digest(source.data)
        if is_register(source):
            read.registers.append(path)
        else:
            read.documents.append(Source(path, b"", None))
            read.stubs[source.uri] = stub(source.tree)
            read.links[source.uri] = pointed(source)
    return read


def _tasks(paths: list[Path], read: _Read, register_uris: set[str], headers: str) -> tuple[list[Task], dict[str, str]]:
    """A task per file, and the key of each file: what its outputs depend on (``headers``: the
    registers and every document's header; its content and that of the files it points into)."""
    tasks, keys = [], {}
    for path in paths:
        uri = path.resolve().as_uri()
        found = read.links.get(uri, set())
        targets = [t for t in sorted(read.stubs if found is None else found & read.stubs.keys()) if t != uri]
        tasks.append(Task(uri, path, [_path_of(t) for t in targets], uri not in register_uris))
        keys[uri] = _digest(headers, uri, read.inputs[uri], *(read.inputs[t] for t in targets))
    return tasks, keys


def _check_keys(tasks: list[Task], keys: dict[str, str], inputs: dict[str, str], names: dict[str, str],
                output: Path, work: Path, pool: Pool, progress: Callable[[str], None]) -> dict[str, tuple[str, dict]]:
    """The key of each file's check (its key and its share of the cross-file lets) and that
    share. The summary of each file (``SUMMARIES_DIR/NAME.json``) is taken over from
    ``output`` if the file is unchanged, else made in the pool."""
    summaries, todo = {}, []
    for task in tasks:
        file = f"{SUMMARIES_DIR}/{names[task.uri]}.json"
        try:
            summary = json.loads((output / file).read_bytes())
        except (OSError, ValueError):
            summary = None
        if isinstance(summary, dict) and summary.get("digest") == inputs[task.uri]:
            _take_over(output, work, file)
            summaries[task.uri] = summary
        else:
            todo.append(Summary(task.uri, task.path, file, inputs[task.uri]))
    progress("summaries")
    summaries |= {result.uri: result.summary for result in pool.run(todo)}
    lets = cross_file_lets({task.uri: summaries[task.uri] for task in tasks})
    return {uri: (_digest(keys[uri], json.dumps(share, sort_keys=True)), share) for uri, share in lets.items()}


def _work_to_do(tasks: list[Task], keys: dict[str, str], checks: dict[str, tuple[str, dict]], relative: dict[str, str],
                previous: dict | None, output: Path, work: Path) -> tuple[list[Task], dict[str, dict], dict[str, dict]]:
    """The tasks that render or check a file whose key or check key changed since ``previous``
    (the others: their outputs taken over from ``output``, their check's findings from
    ``previous``), the files of each file taken over and the checks taken over."""
    previous = previous or {}
    old_files, old_keys, old_checks = (previous.get(name, {}) for name in ("files_of", "keys", "checked"))
    todo, files_of, checked = [], {}, {}
    for task in tasks:
        name = relative[task.uri]
        files = old_files.get(name, {"files": []})
        if _kept(old_keys.get(name), keys[task.uri], output, work, files["files"]):
            task.render = False
            files_of[name] = files
        if task.uri in checks and old_checks.get(name, {}).get("key") != checks[task.uri][0]:
            task.lets = checks[task.uri][1]
        elif task.uri in checks:
            checked[name] = old_checks[name]
        if task.render or task.lets is not None:
            todo.append(task)
    return todo, files_of, checked


def _pages_to_make(indices: Indices, store: Path, headers: str, previous: dict | None, output: Path,
                   work: Path) -> tuple[dict[str, str], list[Pages]]:
    """The key of each page about the edition, entity, year and works pages included (its data
    and the documents' headers), and those to render (entity, year and works pages in batches:
    :meth:`RecordPages.batches`, from the index ``store``); a page whose key is as in the
    previous build is taken over into PAGES_DIR."""
    old = (previous or {}).get("pages", {})
    keys, todo = {}, []

    def changed(name: str, *data: str | bytes) -> bool:
        keys[name] = _digest(headers, *data)
        return not _kept(old.get(name), keys[name], output / "site", work / PAGES_DIR, [page_file(name)])

    for name in PAGE_DATA:
        data = page_data(indices, name)
        if changed(name, data):
            todo.append(Pages([name], data, PAGES_DIR))
    pages = RecordPages(indices)
    documents = _digest(*pages.documents)
    entities = [name for name in pages.pages if changed(name, documents, *pages.key(name))]
    todo += [Pages(batch, folder=PAGES_DIR, store=store) for batch in pages.batches(entities)]
    return keys, todo


def _indexes_to_make(indexes: dict[str, list[str]], keys: dict[str, str], previous: dict | None, output: Path,
                     work: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The key of each search index (its folder, its pages and their keys), and the indexes to
    make; one whose key is as in the previous build is taken over into ``work/site``."""
    index_keys, todo = {}, {}
    for folder, pages in indexes.items():
        index_keys[folder] = _digest(folder, *(part for page in pages for part in (page, keys[page])))
        old = output / "site" / folder
        if not _kept((previous or {}).get("search", {}).get(folder), index_keys[folder], old, work / "site" / folder,
                     _files(old) if old.is_dir() else []):
            todo[folder] = pages
    return index_keys, todo


def _path_of(uri: str) -> Path:
    from urllib.parse import urlsplit
    from urllib.request import url2pathname
    return Path(url2pathname(urlsplit(uri).path))


def _book(documents: list[Source], registers: list[Path], indices: Indices, files_of: dict[str, dict],
          relative: dict[str, str], names: dict[str, str], work: Path, progress: Callable[[str], None]) -> None:
    """The edition's PDF (if there are several documents), with the page of every mention from
    the documents' own layouts."""
    from .pdf import BOOK, check_book_name, write_book
    if len(documents) < 2:
        return
    check_book_name(documents, {s.uri: names[s.uri] + ".pdf" for s in documents})
    pages = {anchor: (number, page) for number, source in enumerate(documents)
             for anchor, page in files_of[relative[source.uri]].get("anchors", {}).items()}
    progress(f"PDF {BOOK}")
    edition = load_tei(sorted([s.path for s in documents] + registers))
    write_book([s for s in edition if s.uri in {d.uri for d in documents}], edition, indices, pages, work / "pdf")


def terminal_progress(stream=sys.stderr) -> Callable[[str], None]:
    """A progress display on one line of ``stream`` if it is a terminal, else nothing."""
    if not stream.isatty():
        return lambda label: None

    def show(label: str) -> None:
        stream.write(f"\r\033[K{label} …")
        stream.flush()

    return show
