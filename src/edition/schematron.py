"""ISO Schematron: compiled to XSLT by ``xslt/schematron/compile.xsl`` and run by Saxon."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .resources import XSLT_DIR
from .saxon import Node, Stylesheet, stylesheet
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
    """A Schematron schema (its ``phase``: '' for its default) compiled once, then run over whole
    editions or one document at a time."""

    def __init__(self, schema: Path, phase: str = ""):
        compiler = stylesheet(COMPILER)
        compiler.set({}, {"phase": phase})
        xslt = compiler.transform(compiler.document(parse_file(schema), schema.resolve().as_uri()), str(schema))
        self.schema = schema
        self.stylesheet = Stylesheet(schema, text=xslt)

    def run(self, documents: dict[str, etree._ElementTree], targets: list[str]) -> dict[str, list[Finding]]:
        """Check each URI in ``targets``; ``documents`` (URI -> tree) is the whole edition."""
        sheet = self.stylesheet
        return self.check({uri: sheet.document(tree, uri) for uri, tree in documents.items()}, targets)

    def check(
        self, nodes: dict[str, Node], targets: list[str], lets: dict[str, dict[str, list[str] | bool]] | None = None
    ) -> dict[str, list[Finding]]:
        """Check each URI in ``targets``; ``nodes`` (URI -> document built by :attr:`stylesheet`)
        is the edition; ``lets`` supplies schema-level lets (name -> map from strings to arrays
        of strings or booleans) instead of their computation from the edition."""
        sheet = self.stylesheet
        sheet.set(nodes, {"schematron_targets": targets, **(lets or {})}, also=("schematron-documents",))
        try:
            output = sheet.call_template(str(self.schema), "schematron-validate-all")
        finally:
            sheet.clear()
        report = parse_bytes(output.encode("utf-8"), "<svrl>").getroot()
        results: dict[str, list[Finding]] = {uri: [] for uri in targets}
        for document in report.iterfind(f"{{{SVRL}}}schematron-output"):
            results[document.get("document")] = [
                Finding(
                    f.get("location"), f.get("id"), f.get("role"), " ".join(f.findtext(f"{{{SVRL}}}text", "").split())
                )
                for f in document
                if f.tag in (f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
            ]
        return results

    def summary(self, uri: str, nodes: dict[str, Node]) -> dict[str, list[str]]:
        """What the schema's ``ed:summary`` template gathers from the document ``uri`` of the
        edition ``nodes`` (URI -> document built by :attr:`stylesheet`: the registers, whose entries
        bare ids and URIs resolve to) for the schema-level lets: its ``ids`` and pointer ``targets``."""
        sheet = self.stylesheet
        sheet.set(nodes, {})
        try:
            return json.loads(sheet.call_template_strings(str(self.schema), f"{{{FUNCTIONS}}}summary", uri=[uri])[0])
        finally:
            sheet.clear()
