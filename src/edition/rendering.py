"""Rendering the outputs (:mod:`edition.outputs`) of the documents of an edition, the same
way for a build's workers and for the commands that render files one by one, and what the
outputs share."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from . import TEI_NS
from .documents import Source
from .kinds import parameter as index_kinds
from .outputs import Made, Output, output_path
from .problems import ERROR, InputError, Problem
from .saxon import Node, Stylesheet, Value, serialized, stylesheet
from .xmlio import atomic_write, parse_bytes

#: What every stylesheet is handed besides its output's parameters: the index kinds.
SHARED: dict[str, Value] = {"index_kinds": index_kinds()}
#: The lists of register entries.
REGISTER_LISTS = tuple(
    f"{{{TEI_NS}}}{name}" for name in ("listPerson", "listPlace", "listOrg", "listEvent", "listNym", "listBibl")
)


#: What holds a document's text (a register holds none besides its lists).
_TEXT = tuple(f"{{{TEI_NS}}}{name}" for name in ("p", "ab", "l", "u", "sp", "seg"))


def is_register(source: Source) -> bool:
    """Whether ``source`` is a register: it holds lists of persons, places … (in its text or its
    ``standOff``: :mod:`edition.corpora` puts a file whose root is such a list in a body) and no
    text besides them (no paragraph, verse, utterance or speech outside them). A document with
    text is not one, whatever lists it holds: its own header's lists (``particDesc``,
    ``settingDesc``) and ``standOff`` are read as registers all the same (:func:`edition.parallel.stub`)."""
    root = source.tree.getroot()
    text = root.find(f"{{{TEI_NS}}}text")
    parts = [part for part in (text, root.find(f"{{{TEI_NS}}}standOff")) if part is not None]
    if not any(next(part.iter(*REGISTER_LISTS), None) is not None for part in parts):
        return False
    return text is None or not any(
        not any(a.tag in REGISTER_LISTS for a in block.iterancestors()) for block in text.iter(*_TEXT)
    )


def output_names(sources: list[Source], suffix: str) -> dict[str, str]:
    """The output file name of each source (its file name with ``suffix``), by URI; refuses clashes."""
    names: dict[str, str] = {}
    for source in sources:
        name = source.path.stem + suffix
        clash = next((uri for uri, other in names.items() if other == name), None)
        if clash:
            raise InputError(
                Problem(
                    str(source.path),
                    0,
                    0,
                    ERROR,
                    f"two input files would both be written as {name}: rename one of them or render them separately",
                    "output-clash",
                )
            )
        names[source.uri] = name
    return names


class Renderer:
    """Renders the outputs of :mod:`edition.outputs` over one edition: ``sources`` (registers, or
    every file) and the ``stubs`` of the other documents (:func:`edition.parallel.stub`, by URI)
    are handed to Saxon once per stylesheet, the documents at hand (and what they point into)
    with each rendering unless they are among them. Each stylesheet is compiled once per process
    (:func:`edition.saxon.stylesheet`). With ``release``, the sources' lxml trees are let go as
    they are handed over, before Saxon builds its own (:meth:`edition.documents.Source.release`:
    for one stylesheet, a large document's two trees are never held at once)."""

    def __init__(self, sources: list[Source], stubs: dict[str, bytes] | None = None, release: bool = False):
        self.sources, self.stubs, self.release = sources, stubs or {}, release
        self._base: dict[Stylesheet, dict[str, Node]] = {}

    def nodes(self, sheet: Stylesheet, full: Sequence[Source] = ()) -> dict[str, Node]:
        """``$edition`` for ``sheet``: stubs and sources (handed to Saxon once), ``full`` in full."""
        if sheet not in self._base:
            base = {uri: sheet.document(parse_bytes(data, f"{uri} (stub)"), uri) for uri, data in self.stubs.items()}
            base.update((s.uri, self._handed(sheet, s)) for s in self.sources)
            self._base[sheet] = base
        return self._base[sheet] | {s.uri: sheet.document(s.tree, s.uri) for s in full}

    def _handed(self, sheet: Stylesheet, source: Source) -> Node:
        text = serialized(source.tree)
        if self.release:
            source.release()
        return sheet.parse(text, source.uri)

    def document(
        self, output: Output, source: Source, parameters: dict[str, Value], full: Sequence[Source] = ()
    ) -> Made:
        """The per-document ``output`` of ``source`` (``full``: it and the files it points into, if
        they are not among the edition's sources)."""
        if output.items:
            return output.finish(self.items(output, source, parameters, full), source)
        return output.finish(self.text(output, source, parameters, full), source)

    def items(
        self, output: Output, source: Source, parameters: dict[str, Value], full: Sequence[Source] = ()
    ) -> Iterator[str]:
        """The strings the stylesheet of the per-document ``output`` (one of ``output.items``) gives
        for ``source``, one by one (:meth:`edition.saxon.Stylesheet.transform_items`)."""
        sheet, node = self._ready(output, source, parameters, full)
        return sheet.transform_items(node, str(source.path))

    def text(self, output: Output, source: Source, parameters: dict[str, Value], full: Sequence[Source] = ()) -> str:
        """What the stylesheet of the per-document ``output`` gives for ``source``, before
        ``output.finish`` (see :meth:`document`)."""
        if output.book:
            sheet = stylesheet(output.stylesheet)
            sheet.set(self.nodes(sheet, full), {**SHARED, **parameters, "documents": [source.uri]})
            return sheet.call_template(str(sheet.path))
        sheet, node = self._ready(output, source, parameters, full)
        return sheet.transform(node, str(source.path))

    def _ready(
        self, output: Output, source: Source, parameters: dict[str, Value], full: Sequence[Source]
    ) -> tuple[Stylesheet, Node]:
        """The stylesheet of ``output`` with its parameters set, and the document ``source`` for it."""
        sheet = stylesheet(output.stylesheet)
        nodes = self.nodes(sheet, full)
        sheet.set(nodes, {**SHARED, **parameters})
        return sheet, nodes[source.uri]

    def edition(self, output: Output, parameters: dict[str, Value]) -> str:
        """The per-edition ``output``: its stylesheet's initial template."""
        sheet = stylesheet(output.stylesheet)
        sheet.set(self.nodes(sheet), {**SHARED, **parameters})
        return sheet.call_template(str(sheet.path))

    def pages(self, output: Output, parameters: dict[str, Value], names: list[str]) -> dict[str, str]:
        """The pages ``names`` of the per-edition ``output``, by name, rendered in one
        transformation (its template ``pages``, so that the data are parsed once)."""
        sheet = stylesheet(output.stylesheet)
        sheet.set(self.nodes(sheet), {**SHARED, **parameters})
        return dict(
            zip(names, sheet.call_template_strings(", ".join(f"{name}.html" for name in names), "pages", pages=names))
        )


def write_each(
    output: Output,
    documents: list[Source],
    edition: list[Source],
    out_dir: Path | None,
    parameters: dict[str, Value],
    progress: Callable[[str], None] = lambda label: None,
) -> tuple[list[Path], dict[str, dict[str, int]]]:
    """Render ``output`` of each of ``documents`` (pointers resolve in ``edition``) into
    ``out_dir`` as NAME + its suffix (unless ``out_dir`` is None); the files written, and the
    anchors of each document's output (by URI: :attr:`edition.outputs.Made.anchors`). Each
    output is let go once written, and the lxml trees of ``edition`` once Saxon has them
    (:class:`Renderer`)."""
    names = output_names(documents, output.suffix) if out_dir is not None else {}
    renderer = Renderer(edition, release=True)
    written, anchors = [], {}
    for source in documents:
        progress(f"{output.label} {source.path.name}")
        made = renderer.document(output, source, parameters)
        anchors[source.uri] = made.anchors
        if out_dir is not None:
            written.append(output_path(out_dir, names[source.uri]))
            atomic_write(written[-1], made.data)
    return written, anchors
