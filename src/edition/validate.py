"""Validation of TEI files: well-formedness, RELAX NG, Schematron and cross-file references.

Every problem of every file is collected (not only the first) as a
:class:`~edition.problems.Problem` with its file, line and column.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import XML_NS
from .corpora import once
from .documents import Source, find_xml_files, load_tei, with_neighbours
from .problems import ERROR, WARNING, InputError, Problem
from .profiles import EDITION, TEI, Profile, cached_check, keep_check, relaxng
from .saxon import Node, Stylesheet
from .schematron import Finding, Schematron
from .xmlio import parse_file, shown_name


@dataclass
class Report:
    """The outcome of a validation run."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return f"{count(self.files, 'file')} checked: {count(self.errors, 'error')}, {count(self.warnings, 'warning')}"

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [p.as_dict() for p in self.problems],
        }


@functools.cache
def schematron(schema: Path, phase: str = "") -> Schematron:
    """The Schematron schema at ``schema`` (its ``phase``), compiled once per process."""
    return Schematron(schema, phase)


_RNG_MESSAGES = [
    (re.compile(r"Expecting an element , got nothing"), "<{el}> is incomplete: a required child element is missing"),
    (re.compile(r"Expecting element (\S+), got (\S+)"), r"expected <\1> here, found <\2>"),
    # libxml2 cuts its messages at some 1,000 characters: "there" may be gone
    (re.compile(r"Did not expect element (\S+)(?: there)?"), r"element <\1> is not allowed here (inside <{parent}>)"),
    (re.compile(r"Did not expect text in element (\S+) content"), r"text is not allowed directly inside <\1>"),
    (re.compile(r"Element (\S+) has extra content: text"), r"text is not allowed directly inside <\1>"),
    (re.compile(r"Element (\S+) has extra content: (\S+)"), r"element <\2> is not allowed at this point inside <\1>"),
    (
        re.compile(r"Invalid attribute (\S+) for element (\S+)"),
        r"attribute @\1 is not allowed on <\2>, or its value is not valid there",
    ),
    (re.compile(r"Expecting an element (\S+), got nothing"), r"<{el}> is incomplete: it needs a <\1> child"),
    (
        re.compile(r"Element (\S+) failed to validate attributes"),
        r"<\1> has an attribute or value the schema does not allow",
    ),
    (
        re.compile(r"Expecting a namespace for element (\S+)"),
        r"<\1> must be in the TEI namespace (http://www.tei-c.org/ns/1.0)",
    ),
]
_CASCADES = re.compile(
    r"Element \S+ failed to validate content|Invalid sequence in interleave|Extra element \S+ in interleave"
)


#: A name in a message (after "<", "@", "element " or "attribute "), however long.
_NAME = re.compile(r"(?:(?<=[<@])|(?<=element )|(?<=attribute ))[^\s<>=\"]+")


def _rng_message(message: str, element: etree._Element | None, attribute: str | None) -> str:
    """libxml2's RELAX NG ``message`` about ``element`` (and its ``attribute``, Clark name, if the
    message is about one) in words, its names shortened (:func:`shown_name`)."""
    name = etree.QName(element).localname if element is not None else "element"
    parent = element.getparent() if element is not None else None
    parent_name = etree.QName(parent).localname if parent is not None else "document"
    foreign = etree.QName(attribute or "x")
    if foreign.namespace not in (None, XML_NS) and element is not None:  # libxml2 names it without its namespace
        prefix = next((p for p, uri in element.nsmap.items() if uri == foreign.namespace and p), "")
        return (
            f"attribute @{shown_name(f'{prefix}:{foreign.localname}' if prefix else foreign.localname)} of "
            f"namespace {foreign.namespace} is not allowed on <{name}>: the grammar allows no attribute "
            "of another namespace there (a project's own schema may: the custom profile)"
        )
    for pattern, replacement in _RNG_MESSAGES:
        if pattern.search(message):
            message = pattern.sub(replacement, message).replace("{el}", name).replace("{parent}", parent_name)
            break
    if foreign.namespace == XML_NS:
        message = message.replace(f"@{foreign.localname}", f"@xml:{foreign.localname}", 1)
    return _NAME.sub(lambda match: shown_name(match[0]), message)


def _invalid_attribute(message: str, element: etree._Element | None) -> str | None:
    """The Clark name of the attribute an 'Invalid attribute' message is about, if any."""
    match = re.match(r"Invalid attribute (\S+) for element", message)
    if not match or element is None:
        return None
    return next((name for name in element.attrib if etree.QName(name).localname == match.group(1)), None)


def _prefixes(source: Source) -> dict[str, str]:
    """The namespace prefixes of ``source`` (libxml2 writes them into the paths of its errors)."""
    return {
        prefix: uri
        for element in source.tree.getroot().iter(tag=etree.Element)
        for prefix, uri in element.nsmap.items()
        if prefix
    }


def _check_rng(source: Source, grammar_file: Path, display: str) -> list[Problem]:
    grammar = relaxng(grammar_file)
    if grammar.validate(source.tree):
        return []
    entries = list(grammar.error_log)
    prefixes = _prefixes(source)
    problems: list[Problem] = []
    spots: set[tuple[str, int, int]] = set()
    for entry in entries:
        if _CASCADES.search(entry.message) and len(entries) > 1:
            continue  # a summary of errors reported on their own
        try:
            found = source.tree.xpath(entry.path, namespaces=prefixes) if entry.path else []
        except etree.XPathError:
            found = []
        element = found[0] if found and isinstance(found[0], etree._Element) else None
        attribute = _invalid_attribute(entry.message, element)
        path, line, column = (
            source.place(element, attribute) if element is not None else (display, entry.line, max(entry.column, 1))
        )
        if (path, line, column) not in spots:  # one message per spot
            spots.add((path, line, column))
            message = _rng_message(entry.message, element, attribute)
            if attribute and element is not None:
                message = _attribute_message(message, element, attribute, grammar_file)
            problems.append(Problem(path, line, column, ERROR, message, "rng"))
    return problems


def _attribute_message(message: str, element: etree._Element, attribute: str, grammar: Path) -> str:
    """``message`` about ``attribute`` of ``element`` with its value, and the values ``grammar``
    allows there if it allows a closed list of them."""
    qname = etree.QName(attribute)
    name, value = ("xml:" if qname.namespace == XML_NS else "") + qname.localname, element.get(attribute, "")
    message = message.replace(f"@{name} ", f'@{name}="{value}" ', 1)
    allowed = _closed_lists(grammar).get((etree.QName(element).localname, qname.localname))
    return f"{message}; the values allowed are: {', '.join(allowed)}" if allowed and value not in allowed else message


_RNG = "{http://relaxng.org/ns/structure/1.0}"


@functools.cache
def _closed_lists(grammar: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """The closed value lists of the RELAX NG file ``grammar``: (element, attribute) -> values,
    for the attributes defined inside their element's definition with values and no datatype."""
    lists: dict[tuple[str, str], tuple[str, ...]] = {}
    if grammar.suffix != ".rng":
        return lists
    for element in parse_file(grammar).iter(f"{_RNG}element"):
        for attribute in element.iter(f"{_RNG}attribute"):
            values = [value.text or "" for value in attribute.iter(f"{_RNG}value")]
            if (
                values
                and next(attribute.iterancestors(f"{_RNG}element")) is element
                and next(attribute.iter(f"{_RNG}data", f"{_RNG}text"), None) is None
            ):
                lists[(element.get("name", ""), attribute.get("name", ""))] = tuple(values)
    return lists


def _schematron_problems(source: Source, findings, display: str) -> list[Problem]:
    problems = []
    for finding in findings:
        node, attribute = source.resolve_path(finding.location)
        path, line, column = source.place(node, attribute) if node is not None else (display, 1, 1)
        severity = WARNING if finding.role in ("warning", "warn", "info") else ERROR
        problems.append(Problem(path, line, column, severity, finding.message, finding.rule))
    return problems


def _load(path: Path) -> list[Source] | Problem:
    """The documents of the file ``path`` (a corpus's too), or why it cannot be read."""
    try:
        return load_tei([path])
    except InputError as exc:
        return exc.problem


def validate(paths: list[Path], profile: Profile = EDITION) -> Report:
    """Validate the XML files named by ``paths`` (files or folders) as ``profile`` says."""
    files = find_xml_files(paths)
    report = Report(files=len(files))
    targets: dict[str, Source] = {}
    for path in files:
        loaded = _load(path)
        if isinstance(loaded, Problem):
            report.problems.append(loaded)
        else:
            targets |= {source.uri: source for source in loaded}
    targets = {source.uri: source for source in once(list(targets.values()))}
    if targets:
        # the rules of any TEI need only what the files point into; the others are about the edition
        beside = with_neighbours(list(targets.values()), every=profile.name != TEI.name)
        edition = {s.uri: s.tree for s in beside}
        findings: dict[str, list[Finding]] = {}
        for rules, phase in profile.rules:
            for uri, found in schematron(rules, phase).run(edition, list(targets)).items():
                findings.setdefault(uri, []).extend(found)
        for uri, source in targets.items():
            report.problems.extend(file_problems(source, findings.get(uri, []), profile))
    report.problems.sort(key=lambda p: (p.path, p.line, p.column))
    return report


def check_document(
    source: Source, edition: Callable[[Stylesheet], dict[str, Node]], lets: dict[str, dict], profile: Profile = EDITION
) -> list[Problem]:
    """The problems of ``source`` alone, as ``profile`` says, with ``edition`` (for a Schematron's
    stylesheet, URI -> document built by it: at least the registers, ``source`` and the files it
    points into) and ``lets``, its share of the toolkit's schema-level lets (:func:`cross_file_lets`)."""
    findings = []
    for number, (rules, phase) in enumerate(profile.rules):
        checker = schematron(rules, phase)
        findings += checker.check(edition(checker.stylesheet), [source.uri], lets if number == 0 else None)[source.uri]
    return file_problems(source, findings, profile)


def cross_file_lets(summaries: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, dict]]:
    """Each file's share of the Schematron's schema-level lets, from the summary of every file
    of the edition (URI -> ``Schematron.summary``): ``id-owners`` for its ids that are defined
    more than once, ``referenced`` for its ids that something points to. Unlike the lets, the
    shares change only when what they say about the file changes."""
    owners: dict[str, list[str]] = {}
    referenced: dict[str, set[str]] = {}
    for uri, summary in summaries.items():
        for id_ in summary["ids"]:
            owners.setdefault(id_, []).append(uri)
        for target in summary["targets"]:
            file, _, id_ = target.partition("#")
            referenced.setdefault(file, set()).add(id_)
    shares: dict[str, dict[str, dict]] = {}
    for uri, summary in summaries.items():
        pointed_to = referenced.get(uri, set())
        shares[uri] = {
            "id-owners": {id_: owners[id_] for id_ in summary["ids"] if len(owners[id_]) > 1},
            "referenced": {f"{uri}#{id_}": True for id_ in sorted(set(summary["ids"]) & pointed_to)},
        }
    return shares


def file_problems(source: Source, findings: list, profile: Profile = EDITION) -> list[Problem]:
    """The problems of ``source``: those found reading it (:mod:`edition.corpora`: includes), its
    errors against the grammar of ``profile`` and its Schematron ``findings``, sorted (a document
    read from several files: each problem in the file where it is)."""
    display = str(source.path)
    problems = _grammar_problems(source, profile.grammar, display) + _schematron_problems(source, findings, display)
    return sorted(source.problems + _without_rng_duplicates(problems), key=lambda p: (p.path, p.line, p.column))


def _grammar_problems(source: Source, grammar: Path, display: str) -> list[Problem]:
    """The errors of ``source`` against ``grammar``: as found the last time the same content was
    checked against the same grammar (:func:`edition.profiles.cached_check`), else found now."""
    found = cached_check(grammar, source.data)
    folder = Path(display).parent
    if found is None:  # each problem's file (of a document read from several) relative to the document's
        found = [
            [p.line, p.column, p.message, os.path.relpath(p.path, folder)] for p in _check_rng(source, grammar, display)
        ]
        keep_check(grammar, source.data, found)
    return [
        Problem(
            os.path.normpath(folder / where[0]) if where[:1] not in ([], [Path(display).name]) else display,
            line,
            column,
            ERROR,
            message,
            "rng",
        )
        for line, column, message, *where in found
    ]


def _without_rng_duplicates(problems: list[Problem]) -> list[Problem]:
    """Drop a grammar error where a Schematron rule explains the same spot better."""
    explained = {(p.path, p.line, p.column) for p in problems if p.rule != "rng" and p.severity == ERROR}
    return [p for p in problems if p.rule != "rng" or (p.path, p.line, p.column) not in explained]
