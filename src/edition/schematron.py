"""ISO Schematron: compiled to XSLT by ``xslt/schematron/compile.xsl`` and run by Saxon."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PyXdmNode

from .saxon import XSLT_DIR, SaxonError, Stylesheet, stylesheet
from .xmlio import parse_bytes, parse_file

COMPILER = XSLT_DIR / "schematron" / "compile.xsl"
SVRL = "http://purl.oclc.org/dsdl/svrl"
FUNCTIONS = "urn:x-edition:functions"


@dataclass(frozen=True)
class Finding:
    """A failed assert or successful report: where (an ``fn:path()``), which rule, how bad, what."""

    location: str
    rule: str
    role: str
    message: str


class Schematron:
    """A Schematron schema compiled once, then run over whole editions or one document at a time."""

    def __init__(self, schema: Path):
        compiler = stylesheet(COMPILER)
        source = compiler.document(parse_file(schema), schema.resolve().as_uri())
        compiler.executable.set_save_xsl_message(True)
        try:
            xslt = compiler.executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            messages = compiler.executable.get_xsl_messages()
            reason = " ".join(messages.item_at(i).string_value for i in range(messages.size)) if messages else ""
            raise SaxonError(f"{schema}: cannot compile the Schematron: {reason or str(exc).strip()}") from None
        finally:
            compiler.executable.clear_xsl_messages()
        self.schema = schema
        self.stylesheet = Stylesheet(schema, text=xslt)

    def run(self, documents: dict[str, etree._ElementTree], targets: list[str]) -> dict[str, list[Finding]]:
        """Check each URI in ``targets``; ``documents`` (URI -> tree) is the whole edition."""
        sheet = self.stylesheet
        return self.check({uri: sheet.document(tree, uri) for uri, tree in documents.items()}, targets)

    def check(self, nodes: dict[str, PyXdmNode], targets: list[str],
              lets: dict[str, dict[str, list[str] | bool]] | None = None) -> dict[str, list[Finding]]:
        """Check each URI in ``targets``; ``nodes`` (URI -> document built by :attr:`stylesheet`)
        is the edition; ``lets`` supplies schema-level lets (name -> map from strings to arrays
        of strings or booleans) instead of their computation from the edition."""
        sheet = self.stylesheet
        edition = sheet.string_map(nodes)
        executable = sheet.executable
        executable.set_parameter("schematron-documents", edition)
        executable.set_parameter("edition", edition)
        executable.set_parameter("schematron-targets", sheet.string_array(targets))
        for name, mapping in (lets or {}).items():
            executable.set_parameter(name, sheet.string_map({key: sheet.string_array(value) if isinstance(value, list)
                                                             else sheet.boolean(value) for key, value in mapping.items()}))
        try:
            output = executable.call_template_returning_string(template_name="schematron-validate-all")
        except PySaxonApiError as exc:
            raise SaxonError(f"{self.schema}: Schematron failed: {str(exc).strip()}") from None
        finally:
            executable.clear_parameters()
        report = parse_bytes(output.encode("utf-8"), "<svrl>").getroot()
        results: dict[str, list[Finding]] = {uri: [] for uri in targets}
        for document in report.iterfind(f"{{{SVRL}}}schematron-output"):
            results[document.get("document")] = [
                Finding(f.get("location"), f.get("id"), f.get("role"), " ".join(f.findtext(f"{{{SVRL}}}text", "").split()))
                for f in document
                if f.tag in (f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
            ]
        return results

    def summary(self, node: PyXdmNode) -> dict[str, list[str]]:
        """What the schema's ``ed:summary`` function gathers from one document (built by
        :attr:`stylesheet`) for the schema-level lets: its ``ids`` and pointer ``targets``."""
        try:
            value = self.stylesheet.executable.call_function_returning_value(f"{{{FUNCTIONS}}}summary", [node])
        except PySaxonApiError as exc:
            raise SaxonError(f"{self.schema}: ed:summary failed: {str(exc).strip()}") from None
        return json.loads(value.head.string_value)
