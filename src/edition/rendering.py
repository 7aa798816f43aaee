"""Running an output stylesheet over the documents of an edition, and what the outputs share.

A :class:`Rendering` compiles its stylesheet once (:func:`edition.saxon.stylesheet`), hands
every document of the edition to Saxon once, and then renders any number of them.
"""

from __future__ import annotations

from pathlib import Path

from saxonche import PySaxonApiError, PyXdmNode

from . import TEI_NS
from .documents import Source
from .problems import ERROR, InputError, Problem
from .saxon import SaxonError, stylesheet

_REGISTER_LISTS = {f"{{{TEI_NS}}}{name}" for name in ("listPerson", "listPlace", "listOrg", "listEvent", "listNym")}


def is_register(source: Source) -> bool:
    """Whether ``source`` is a register (its body holds only lists of persons, places …)."""
    body = source.tree.getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    if body is None:
        return False
    lists = [el for el in body.iter() if el.tag in _REGISTER_LISTS]
    paragraphs = [p for p in body.iter(f"{{{TEI_NS}}}p") if not any(a.tag in _REGISTER_LISTS for a in p.iterancestors())]
    return bool(lists) and not paragraphs


def output_names(sources: list[Source], suffix: str) -> dict[str, str]:
    """The output file name of each source (its file name with ``suffix``), by URI; refuses clashes."""
    names: dict[str, str] = {}
    for source in sources:
        name = source.path.stem + suffix
        clash = next((uri for uri, other in names.items() if other == name), None)
        if clash:
            raise InputError(Problem(str(source.path), 0, 0, ERROR, f"two input files would both be written as {name}: "
                                     "rename one of them or render them separately", "output-clash"))
        names[source.uri] = name
    return names


class Rendering:
    """A stylesheet ready to render the documents of one edition with fixed parameters."""

    def __init__(self, path: Path, edition: list[Source], **parameters: str | bool | list[str]):
        sheet = stylesheet(path)
        self._setup(sheet, {s.uri: sheet.document(s.tree, s.uri) for s in edition}, parameters)

    @classmethod
    def over(cls, path: Path, nodes: dict[str, PyXdmNode], **parameters: str | bool | list[str]) -> Rendering:
        """A rendering whose ``$edition`` is ``nodes`` (URI -> document built by
        ``stylesheet(path).document``): documents already handed to Saxon are not handed again."""
        rendering = cls.__new__(cls)
        rendering._setup(stylesheet(path), nodes, parameters)
        return rendering

    def _setup(self, sheet, nodes: dict[str, PyXdmNode], parameters: dict[str, str | bool | list[str]]) -> None:
        self.sheet = sheet
        self.nodes = nodes
        executable = self.sheet.executable
        executable.clear_parameters()
        executable.set_parameter("edition", self.sheet.string_map(self.nodes))
        for name, value in parameters.items():
            executable.set_parameter(name.replace("_", "-"), self.sheet.string_array(value) if isinstance(value, list)
                                     else self.sheet.boolean(value) if isinstance(value, bool) else self.sheet.string(value))

    def document(self, source: Source) -> str:
        """The output for ``source`` (one of the edition's documents)."""
        return self._run(str(source.path), lambda ex: ex.transform_to_string(xdm_node=self.nodes[source.uri]))

    def initial_template(self) -> str:
        """The output of the stylesheet's xsl:initial-template (a page about the whole edition)."""
        return self._run(str(self.sheet.path), lambda ex: ex.call_template_returning_string())

    def _run(self, what: str, call) -> str:
        executable = self.sheet.executable
        executable.set_save_xsl_message(True)
        try:
            result = call(executable)
        except PySaxonApiError as exc:
            messages = executable.get_xsl_messages()
            reason = " ".join(messages.item_at(i).string_value for i in range(messages.size)) if messages else ""
            raise SaxonError(f"{what}: {self.sheet.path.name} failed: {reason or str(exc).strip()}") from None
        finally:
            executable.clear_xsl_messages()
        if result is None:
            raise SaxonError(f"{what}: {self.sheet.path.name} produced no output")
        return result
