"""ISO Schematron: compiled to XSLT by ``xslt/schematron/compile.xsl`` and run by Saxon."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError

from .saxon import XSLT_DIR, SaxonError, Stylesheet, stylesheet
from .xmlio import parse_bytes, parse_file

COMPILER = XSLT_DIR / "schematron" / "compile.xsl"
SVRL = "http://purl.oclc.org/dsdl/svrl"


@dataclass(frozen=True)
class Finding:
    """A failed assert or successful report: where (an ``fn:path()``), which rule, how bad, what."""

    location: str
    rule: str
    role: str
    message: str


class Schematron:
    """A Schematron schema compiled once, then run over whole editions."""

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
        self._stylesheet = Stylesheet(schema, text=xslt)

    def run(self, documents: dict[str, etree._ElementTree], targets: list[str]) -> dict[str, list[Finding]]:
        """Check each URI in ``targets``; ``documents`` (URI -> tree) is the whole edition."""
        sheet = self._stylesheet
        nodes = sheet.string_map({uri: sheet.document(tree, uri) for uri, tree in documents.items()})
        executable = sheet.executable
        executable.set_parameter("schematron-documents", nodes)
        executable.set_parameter("edition", nodes)
        executable.set_parameter("schematron-targets", sheet.string_array(targets))
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
