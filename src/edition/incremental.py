"""What a rebuild redoes: the state a build leaves in its output (:class:`State`, :data:`STATE`),
the keys that tell whether an output is still good, and the take-over of what is
(:class:`Previous`).

A key is a hash of what an output depends on. Each file's key holds its own content, that of
the files it points into, of the registers and of every document's header; a file's check key
adds its share of the Schematron's cross-file lets; a page about the edition's key its data;
a search index's key the keys of its pages. The toolkit (:func:`toolkit_hash`: stylesheets,
schemas, code) and the build's options are in the state: when they change, nothing is taken
over. What is taken over is hard-linked (else copied) from the previous output into the new
one: the previous output is never written to.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .about import AboutPage
from .indices import Indices
from .outputs import output_path
from .parallel import Pages, Task
from .resources import SCHEMA_DIR, XSLT_DIR
from .site import PAGE_DATA, RecordPages, page_data, page_file
from .xmlio import link

#: What the next build needs to know to redo only what changed (JSON, in the output folder).
STATE = ".edition-build-state.json"
STATE_VERSION = 4
#: Where the pages about the edition are made while Pagefind indexes the site.
PAGES_DIR = ".edition-cache/pages"
#: What the cross-file checks need of each file (``NAME.json``: see :meth:`Previous.summary`).
SUMMARIES_DIR = ".edition-cache/summaries"


def digest(*parts: str | bytes) -> str:
    """A hash of ``parts``."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()


@functools.cache
def toolkit_hash() -> str:
    """A hash of everything besides the TEI that decides the output: stylesheets and their
    assets, schemas, the toolkit's code and version."""
    parts: list[str | bytes] = [__version__]
    for folder in (XSLT_DIR, SCHEMA_DIR, Path(__file__).resolve().parent):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [f"{folder.name}/{path.relative_to(folder)}", path.read_bytes()]
    return digest(*parts)


@dataclass
class Rendered:
    """What a file's outputs were made from (its ``key``), its ``files`` (relative to the output)
    and the page of each anchor of its PDF."""

    key: str
    files: list[str]
    anchors: dict[str, int] = field(default_factory=dict)


@dataclass
class Checked:
    """What a file's check was made from (its check ``key``) and the ``problems`` it found
    (:meth:`edition.problems.Problem.as_dict`)."""

    key: str
    problems: list[dict]


@dataclass
class State:
    """What a build leaves for the next: the ``toolkit`` and ``options`` it ran with, the hash
    of each input file and the size and time of each image file there (``inputs``, by path
    relative to the TEI folder: :func:`edition.images.stamps`) and whether they were
    ``validated``; the number of ``documents``, the files of each output group (``groups``);
    per input file its outputs (``rendered``) and its check (``checked``); the key of each page
    about the edition (``pages``) and of each search index (``search``)."""

    toolkit: str
    options: dict
    inputs: dict[str, str]
    validated: bool
    documents: int = 0
    groups: dict[str, list[str]] = field(default_factory=dict)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    checked: dict[str, Checked] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    search: dict[str, str] = field(default_factory=dict)

    def dumps(self) -> str:
        """The state as the text of :data:`STATE`."""
        return json.dumps({"version": STATE_VERSION} | dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def load(cls, output: Path) -> State | None:
        """The state of the build in ``output``; None if there is none, or one another version
        of this module wrote, or one that cannot be read."""
        try:
            data = json.loads((output / STATE).read_text(encoding="utf-8"))
            if data.pop("version") != STATE_VERSION:
                return None
            rendered, checked = data.pop("rendered"), data.pop("checked")
            return cls(
                **data,
                rendered={name: Rendered(**value) for name, value in rendered.items()},
                checked={name: Checked(**value) for name, value in checked.items()},
            )
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None


def take_over(old: Path, new: Path, relative: str) -> None:
    """Put the file ``old/relative`` at ``new/relative``: a hard link (the old one is never
    written again: every write replaces a file), else a copy."""
    link(old / relative, output_path(new, relative))


def files(root: Path) -> list[str]:
    """Every file under ``root``, relative to it, sorted."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


class Previous:
    """The previous build in ``output`` (its ``state``, None for none) as the build in ``work``
    takes over from it: each method takes over one kind of output if its key is unchanged."""

    def __init__(self, state: State | None, output: Path, work: Path):
        self.state, self.output, self.work = state, output, work

    def _kept(self, old_key: str | None, key: str, old: Path, new: Path, names: list[str]) -> bool:
        if old_key != key or not names or not all((old / name).is_file() for name in names):
            return False
        for name in names:
            take_over(old, new, name)
        return True

    def everything(self, skip: tuple[str, ...]) -> None:
        """Take over the whole previous output, but the files ``skip``."""
        for relative in files(self.output):
            if relative not in skip:
                take_over(self.output, self.work, relative)

    def rendered(self, name: str, key: str) -> Rendered | None:
        """The outputs of the input file ``name``, taken over, if its ``key`` is unchanged."""
        old = self.state.rendered.get(name) if self.state else None
        if old is not None and self._kept(old.key, key, self.output, self.work, old.files):
            return old
        return None

    def checked(self, name: str, key: str) -> Checked | None:
        """The check of the input file ``name``, if its check ``key`` is unchanged."""
        old = self.state.checked.get(name) if self.state else None
        return old if old is not None and old.key == key else None

    def summary(self, name: str, content: str) -> dict | None:
        """The summary of an input file for the cross-file checks (``SUMMARIES_DIR/NAME.json``),
        taken over, if the file's ``content`` (hash) is unchanged."""
        file = f"{SUMMARIES_DIR}/{name}.json"
        try:
            summary = json.loads((self.output / file).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(summary, dict) or summary.get("digest") != content:
            return None
        take_over(self.output, self.work, file)
        return summary

    def page(self, name: str, files: list[str], key: str) -> bool:
        """Whether the page about the edition ``name`` (its ``files`` in the site, one per
        interface language) is unchanged (by its ``key``); if so, it is taken over into
        :data:`PAGES_DIR`."""
        old = self.state.pages.get(name) if self.state else None
        return self._kept(old, key, self.output / "site", self.work / PAGES_DIR, files)

    def search_index(self, folder: str, key: str) -> bool:
        """Whether the search index in ``site/folder`` is unchanged (by its ``key``); if so, it
        is taken over."""
        old_folder = self.output / "site" / folder
        return self._kept(
            self.state.search.get(folder) if self.state else None,
            key,
            old_folder,
            self.work / "site" / folder,
            files(old_folder) if old_folder.is_dir() else [],
        )

    def copy(self, relative: str) -> bool:
        """Copy the previous build's file ``relative`` (if there is a previous build with it) into
        the new build, to be changed there (the previous output stays as it was until the new
        build replaces it)."""
        if self.state is None or not (self.output / relative).is_file():
            return False
        (self.work / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.output / relative, self.work / relative)
        return True


def file_keys(files: dict[str, list[str]], inputs: dict[str, str], headers: str) -> dict[str, str]:
    """The key of each file (URI -> the files it points into, by URI): what its outputs depend
    on (``headers``: the registers and every document's header; its content and that of the
    files it points into, ``inputs``: URI -> hash of its content)."""
    return {
        uri: digest(headers, uri, inputs[uri], *(inputs[target] for target in pointed))
        for uri, pointed in files.items()
    }


def check_keys(keys: dict[str, str], shares: dict[str, dict]) -> dict[str, str]:
    """The key of each file's check: its key and its share of the cross-file lets."""
    return {uri: digest(keys[uri], json.dumps(share, sort_keys=True)) for uri, share in shares.items()}


def redo(
    tasks: list[Task],
    keys: dict[str, str],
    checks: dict[str, tuple[str, dict]],
    relative: dict[str, str],
    previous: Previous,
    state: State,
) -> list[Task]:
    """The tasks that render or check a file whose key (``keys``) or check key (``checks``: URI
    -> key and share of the lets) changed since the previous build; the others' outputs are
    taken over and, with their checks' findings, noted in ``state``."""
    todo = []
    for task in tasks:
        name = relative[task.uri]
        rendered = previous.rendered(name, keys[task.uri])
        if rendered is not None:
            task.render = False
            state.rendered[name] = rendered
        if task.uri in checks:
            checked = previous.checked(name, checks[task.uri][0])
            if checked is None:
                task.lets = checks[task.uri][1]
            else:
                state.checked[name] = checked
        if task.render or task.lets is not None:
            todo.append(task)
    return todo


def pages_to_make(
    indices: Indices,
    store: Path,
    headers: str,
    folders: list[str],
    previous: Previous,
    about: tuple[AboutPage, ...] = (),
) -> tuple[dict[str, str], list[Pages]]:
    """The key of each page about the edition, entity, year and works pages and the pages of
    ``about`` included (its data and the documents' headers), and those to render (entity, year
    and works pages in batches: :meth:`RecordPages.batches`, from the index ``store``); a page
    whose key is as in the previous build is taken over into :data:`PAGES_DIR`, in each of the
    ``folders`` of the site's interface languages (:func:`edition.outputs.in_languages`)."""
    keys, todo = {}, []

    def changed(name: str, *data: str | bytes) -> bool:
        keys[name] = digest(headers, *data)
        return not previous.page(name, [folder + page_file(name) for folder in folders], keys[name])

    for name in PAGE_DATA:
        data = page_data(indices, name)
        if changed(name, data):
            todo.append(Pages([name], data, PAGES_DIR))
    for page in about:
        data = page.data()
        if changed(page.name, data):
            todo.append(Pages([page.name], data, PAGES_DIR))
    pages = RecordPages(indices)
    documents = digest(*pages.documents)
    entities = [name for name in pages.pages if changed(name, documents, *pages.key(name))]
    todo += [Pages(batch, folder=PAGES_DIR, store=store) for batch in pages.batches(entities)]
    return keys, todo


def indexes_to_make(
    indexes: dict[str, list[str]], keys: dict[str, str], previous: Previous
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The key of each search index (its folder, its pages and their ``keys``), and the indexes
    to make; one whose key is as in the previous build is taken over."""
    index_keys, todo = {}, {}
    for folder, pages in indexes.items():
        index_keys[folder] = digest(folder, *(part for page in pages for part in (page, keys[page])))
        if not previous.search_index(folder, index_keys[folder]):
            todo[folder] = pages
    return index_keys, todo
