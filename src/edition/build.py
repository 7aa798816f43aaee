"""``edition build``: the whole edition from its TEI folder into one output folder, atomically.

The output folder (``build/``) gets ``site/`` (the HTML edition: document pages, index pages
and the search index ``site/pagefind/``), ``text/`` (plain text), ``indices/`` (index data)
and ``pdf/`` (the print edition). The index records are collected once and serve both the
index data and the index pages. Everything is rendered into a temporary folder beside it,
which then replaces it: on any failure, an interrupt included, the previous output stays as
it was and no temporary folder is left behind. A folder that ``edition build`` did not make
(no :data:`MARKER` file) is never replaced.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .documents import find_xml_files, load_tei
from .indices import FORMATS as INDEX_FORMATS, WRITERS as INDEX_WRITERS, collect
from .pdf import write_pdfs
from .plaintext import write_texts
from .problems import ERROR, InputError, Problem
from .rendering import is_register
from .search import SEARCH_DIR, index_site
from .site import write_site
from .validate import Report, validate
from .xmlio import current_umask, atomic_write

MARKER = ".edition-build"


class ValidationFailed(Exception):
    """The edition has errors; nothing was built."""

    def __init__(self, report: Report):
        super().__init__(report.summary())
        self.report = report


@dataclass
class Built:
    """What a build wrote, where, and how long it took."""

    output: Path
    documents: int = 0
    files: dict[str, list[Path]] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        parts = ", ".join(f"{name}/ {len(paths)} file{'s' * (len(paths) != 1)}" for name, paths in self.files.items())
        return f"built {self.documents} document{'s' * (self.documents != 1)} into {self.output}/ ({parts}) in {self.seconds:.1f} s"


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


def build(tei_dir: Path, output: Path, *, check: bool = True, pdf: bool = True,
          progress: Callable[[str], None] = lambda label: None) -> Built:
    """Validate (if ``check``) and render the edition in ``tei_dir`` into ``output`` (PDFs if ``pdf``)."""
    started = time.monotonic()
    paths = find_xml_files([tei_dir]) if tei_dir.is_dir() else []
    if not paths:
        raise InputError(Problem(str(tei_dir), 0, 0, ERROR, "no TEI files (*.xml) found: give the folder of the "
                                 "edition's TEI files", "build-input"))
    _check_output(output)
    if check:
        progress("validating")
        report = validate([tei_dir])
        if not report.ok:
            raise ValidationFailed(report)
    sources = load_tei(paths)
    documents = [s for s in sources if not is_register(s)]
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
    try:
        work.chmod(0o777 & ~current_umask())
        built = Built(output, len(documents))
        progress("indices")
        indices = collect(sources)
        built.files["site"] = write_site(documents, sources, work / "site", indices=indices, progress=progress)
        progress("search index")
        built.files[f"site/{SEARCH_DIR}"] = index_site(work / "site")
        built.files["text"] = write_texts(documents, sources, work / "text", progress=progress)
        built.files["indices"] = [path for name in INDEX_FORMATS for path in INDEX_WRITERS[name](indices, work / "indices")]
        if pdf:
            built.files["pdf"] = write_pdfs(documents, sources, work / "pdf", progress=progress)
        atomic_write(work / MARKER, "Made by edition build; replaced as a whole by the next build.\n")
        _swap(work, output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    built.seconds = time.monotonic() - started
    return built


def terminal_progress(stream=sys.stderr) -> Callable[[str], None]:
    """A progress display on one line of ``stream`` if it is a terminal, else nothing."""
    if not stream.isatty():
        return lambda label: None

    def show(label: str) -> None:
        stream.write(f"\r\033[K{label} …")
        stream.flush()

    return show
