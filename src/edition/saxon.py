"""The XSLT 3.0 engine (SaxonC-HE): stylesheets compiled once and locked down, and run. The
only module that drives Saxon (:mod:`edition.rendering` runs the outputs through it).

Saxon never reads an input file itself: documents reach it already parsed by
:mod:`edition.xmlio` (so the same safety rules hold everywhere). Each compiled
stylesheet has a Saxon processor of its own, which is forbidden to open any URI once
the stylesheet is compiled: at run time ``doc()``, ``collection()``, ``unparsed-text()``
and the like fail, so a stylesheet can neither read outside the edition nor reach the
network. (Saxon cannot lift that restriction again, hence one processor per stylesheet.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeAlias

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmAtomicValue, PyXdmNode

from .xmlio import LIMITS

_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
_PARSER_PROPERTY = "http://saxon.sf.net/feature/parserProperty?uri=jdk.xml."
#: The limits of Saxon's parser (its JAXP properties), from the one table of :data:`edition.xmlio.LIMITS`:
#: the same depth (counted alike), and none for what lxml's reader checks before Saxon sees a document
#: (0: no limit; Saxon counts namespace declarations as attributes and namespace URIs as names).
_PARSER_LIMITS = {"maxElementDepth": LIMITS.depth, "elementAttributeLimit": 0, "maxXMLNameLimit": 0}
#: strings up to this length are made into XDM values once per stylesheet (see Stylesheet.string),
#: up to this many (then the made ones are let go and made again as needed)
_SHORT, _KEPT = 1024, 65536
#: A document handed to Saxon (:meth:`Stylesheet.document`).
Node: TypeAlias = PyXdmNode
#: What a parameter of a stylesheet may be: a string, a boolean, or an array (a list) or a map
#: (a dict, with strings for keys) of those.
Value: TypeAlias = "str | bool | Sequence[Value] | Mapping[str, Value]"


class SaxonError(Exception):
    """A stylesheet failed to compile or to run; the message is Saxon's."""


class Stylesheet:
    """A compiled XSLT 3.0 stylesheet and the processor that runs it."""

    def __init__(self, path: Path, text: str | None = None):
        """Compile ``path`` (or ``text``, with ``path`` naming it in messages)."""
        self.path = path
        self._processor = PySaxonProcessor(license=False)
        # Documents reach Saxon as text serialised from lxml: let Saxon's own parser (depth 100,
        # 200 attributes, names of 1,000 characters by default) accept whatever lxml's reader accepted.
        for name, value in _PARSER_LIMITS.items():
            self._processor.set_configuration_property(_PARSER_PROPERTY + name, str(value))
        compiler = self._processor.new_xslt30_processor()
        try:
            if text is None:
                self.executable = compiler.compile_stylesheet(stylesheet_file=str(path))
            else:
                self.executable = compiler.compile_stylesheet(stylesheet_text=text)
        except PySaxonApiError as exc:
            raise SaxonError(f"{path}: cannot compile: {str(exc).strip()}") from None
        finally:
            self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")
        self._builder = self._processor.new_document_builder()
        self._strings: dict[str, PyXdmAtomicValue] = {}

    def document(self, tree: etree._ElementTree | etree._Element, uri: str) -> PyXdmNode:
        """Hand a safely parsed lxml tree to Saxon as a document whose base URI is ``uri``."""
        return self.parse(serialized(tree), uri)

    def parse(self, text: str, uri: str) -> PyXdmNode:
        """Hand Saxon the document ``text`` (:func:`serialized` from a safely parsed tree, which
        may be let go first) as a document whose base URI is ``uri``."""
        self._builder.set_base_uri(uri)
        try:
            return self._builder.parse_xml(xml_text=text, encoding="UTF-8")
        except PySaxonApiError as exc:
            raise SaxonError(
                f"{uri}: the document cannot be handed to {self.path.name}: {' '.join(str(exc).split())}"
            ) from None

    def string(self, value: str) -> PyXdmAtomicValue:
        """An XDM string. SaxonC-HE (13.1) keeps some 130 bytes for every string value made, for
        as long as the process lives, however short the value's life: a build worker that
        rendered 2,000 documents, each against the URIs of 4,000 (some 20,000 strings a
        document), kept 6 GB. So short strings (URIs, parameter values) are made once per
        stylesheet and reused, as many as :data:`_KEPT`."""
        if len(value) > _SHORT:
            return self._processor.make_string_value(value)
        made = self._strings.get(value)
        if made is None:
            if len(self._strings) >= _KEPT:  # ids that one document's check names, mostly
                self._strings.clear()
            made = self._strings[value] = self._processor.make_string_value(value)
        return made

    def string_map(self, mapping: dict):
        """An XDM map from strings to the given XDM values."""
        return self._processor.make_map({self.string(k): v for k, v in mapping.items()})

    def boolean(self, value: bool):
        """An XDM boolean."""
        return self._processor.make_boolean_value(value)

    def string_array(self, values: list[str]):
        """An XDM array of strings."""
        return self._processor.make_array([self.string(v) for v in values])

    def value(self, value: Value):
        """The XDM value of a parameter."""
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, bool):
            return self.boolean(value)
        if isinstance(value, Mapping):
            return self.string_map({key: self.value(item) for key, item in value.items()})
        return self._processor.make_array([self.value(item) for item in value])

    def set(self, nodes: dict[str, Node], parameters: Mapping[str, Value], also: tuple[str, ...] = ()) -> None:
        """Set the parameters for the next runs: ``$edition`` (the documents ``nodes``, by URI; so
        are the parameters named in ``also``) and ``parameters`` (``_`` in their names stands
        for ``-``); the others are cleared (:meth:`clear`)."""
        executable = self.executable
        executable.clear_parameters()
        edition = self.string_map(nodes)
        for name in ("edition", *also):
            executable.set_parameter(name, edition)
        for name, value in parameters.items():
            executable.set_parameter(name.replace("_", "-"), self.value(value))

    def clear(self) -> None:
        """Clear the parameters (and let go of the documents they hold)."""
        self.executable.clear_parameters()

    def transform(self, node: Node, what: str) -> str:
        """The output for the document ``node`` (``what`` names it in messages)."""
        return self.run(what, lambda executable: executable.transform_to_string(xdm_node=node))

    def transform_items(self, node: Node, what: str) -> Iterator[str]:
        """The strings the stylesheet gives for the document ``node`` (a sequence of them, not
        serialised), one by one: Saxon holds them, Python only the one at hand."""

        def call(executable):
            executable.set_result_as_raw_value(True)
            try:
                return executable.transform_to_value(xdm_node=node)
            finally:
                executable.set_result_as_raw_value(False)

        result = self.run(what, call)
        return (result.item_at(i).string_value for i in range(result.size))

    def call_template(self, what: str, name: str | None = None) -> str:
        """The output of the named template ``name`` (default: ``xsl:initial-template``)."""
        if name is None:
            return self.run(what, lambda executable: executable.call_template_returning_string())
        return self.run(what, lambda executable: executable.call_template_returning_string(template_name=name))

    def call_template_strings(self, what: str, name: str, **parameters: list[str]) -> list[str]:
        """The strings the named template ``name`` returns, called with the template parameters
        ``parameters`` (arrays of strings)."""

        def call(executable):
            executable.set_initial_template_parameters(
                False, {key: self.string_array(value) for key, value in parameters.items()}
            )
            executable.set_result_as_raw_value(True)  # the strings themselves, not a tree of them
            try:
                result = executable.call_template_returning_value(template_name=name)
            finally:
                executable.set_result_as_raw_value(False)
            return [result.item_at(i).string_value for i in range(result.size)] if result is not None else None

        return self.run(what, call)

    def run(self, what: str, call: Callable):
        """``call(executable)``; :class:`SaxonError` with the stylesheet's messages if it fails
        or gives nothing (``what``: the input, for the message)."""
        executable = self.executable
        executable.set_save_xsl_message(True)
        try:
            result = call(executable)
        except PySaxonApiError as exc:
            messages = executable.get_xsl_messages()
            reason = " ".join(messages.item_at(i).string_value for i in range(messages.size)) if messages else ""
            raise SaxonError(f"{what}: {self.path.name} failed: {reason or str(exc).strip()}") from None
        finally:
            executable.clear_xsl_messages()
        if result is None:
            raise SaxonError(f"{what}: {self.path.name} produced no output")
        return result


def serialized(tree: etree._ElementTree | etree._Element) -> str:
    """A safely parsed lxml tree as the text :meth:`Stylesheet.parse` takes."""
    return etree.tostring(tree.getroot() if isinstance(tree, etree._ElementTree) else tree, encoding="unicode")


@functools.cache
def stylesheet(path: Path) -> Stylesheet:
    """The stylesheet at ``path``, compiled once per process."""
    return Stylesheet(path)
