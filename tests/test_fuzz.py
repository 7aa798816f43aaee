"""Fuzzing the whole pipeline with generated TEI (hypothesis): random nesting of the phrase-level
elements the edition's schema (schema/edition.rng) allows inside a paragraph, with random Unicode:
right-to-left scripts, combining marks, astral characters and XML's special characters.

For each document: validate, HTML, plain text and index run without any exception but a
reported problem (:class:`edition.problems.InputError`), and every text node of the input
appears in the plain text (whitespace collapsed, combining marks aside). The number of examples is bounded so that
the suite stays fast.

And with real TEI, mutated (:mod:`support.mutations`): the edition's files and those of
``../shared/corpus``, their bytes and their trees broken in seeded, reproducible ways; ``edition
validate`` and ``edition html`` run on each mutant in-process, in a worker process watched for
hangs, for a bounded time.
"""

from __future__ import annotations

import functools
import multiprocessing
import queue
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from support import mutations

from edition.documents import load_tei, with_neighbours
from edition.indices import collect
from edition.plaintext import write_texts
from edition.problems import InputError
from edition.site import write_site
from edition.validate import validate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
RNG = ROOT / "schema" / "edition.rng"
MINIMAL = ROOT / "tests" / "fixtures" / "robustness" / "minimal.xml"
TEI = "http://www.tei-c.org/ns/1.0"
R = "{http://relaxng.org/ns/structure/1.0}"
#: Elements whose text is, by design, not part of the reading text (or only one of two readings
#: is): alternatives inside choice, deletions, editorial descriptions, figure descriptions,
#: metadata-like content. The fuzzer leaves them out; everything else must keep its text.
NOT_READING_TEXT = {
    "choice",
    "sic",
    "corr",
    "orig",
    "reg",
    "abbr",
    "expan",
    "del",
    "desc",
    "figDesc",
    "gap",
    "note",
    "fw",
    "figure",
    "graphic",
    "media",
    "binaryObject",
    "formula",
    "index",
    "interp",
    "interpGrp",
    "link",
    "linkGrp",
    "join",
    "joinGrp",
    "alt",
    "altGrp",
    "certainty",
    "precision",
    "respons",
    "span",
    "spanGrp",
    "timeline",
    "witDetail",
    "app",
    "rdg",
    "lem",
    "rdgGrp",
    "anchor",
    "milestone",
    "pb",
    "lb",
    "cb",
    "gb",
    "ptr",
    "table",
    "list",
    "lg",
    "l",
    "listBibl",
    "bibl",
    "biblStruct",
    "listPerson",
    "listPlace",
    "listOrg",
    "castList",
    "sp",
    "stage",
    "label",
    "head",
    "trailer",
    "spGrp",
    "cit",
    "floatingText",
    "move",
    "view",
    "camera",
    "sound",
    "caption",
    "tech",
    "ab",
    "listEvent",
    "listRelation",
    "listObject",
    "listNym",
    "listApp",
    "listWit",
    "msDesc",
    "object",
}


@functools.cache
def schema_model() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """For each element of the schema: the elements its content may contain, and which elements
    may contain text (both read from schema/edition.rng, references followed)."""
    grammar = etree.parse(str(RNG)).getroot()
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iter(f"{R}define"):
        defines.setdefault(define.get("name"), []).append(define)
    element_of = {}
    for name, nodes in defines.items():
        for node in nodes:
            for element in node.findall(f"{R}element"):
                element_of[name] = element.get("name")

    @functools.cache
    def reach(define: str) -> tuple[frozenset[str], bool]:
        names, text = set(), False
        for node in defines.get(define, []):
            n, t = walk(node)
            names |= n
            text = text or t
        return frozenset(names), text

    def walk(node: etree._Element, inside: set[str] | None = None) -> tuple[set[str], bool]:
        names, text = set(), False
        for child in node:
            if not isinstance(child.tag, str) or child.tag == f"{R}attribute":
                continue
            if child.tag == f"{R}text":
                text = True
            elif child.tag == f"{R}element":
                names.add(child.get("name"))
            elif child.tag == f"{R}ref":
                target = child.get("name")
                if target in element_of:
                    names.add(element_of[target])
                elif not target.startswith("att."):
                    n, t = reach_guarded(target)
                    names |= n
                    text = text or t
            else:
                n, t = walk(child)
                names |= n
                text = text or t
        return names, text

    visiting: set[str] = set()

    def reach_guarded(define: str) -> tuple[frozenset[str], bool]:
        if define in visiting:
            return frozenset(), False
        visiting.add(define)
        try:
            return reach(define)
        finally:
            visiting.discard(define)

    content, mixed = {}, set()
    for define, name in element_of.items():
        element = next(e for node in defines[define] for e in node.findall(f"{R}element"))
        names, text = walk(element)
        content[name] = frozenset(names)
        if text:
            mixed.add(name)
    return content, frozenset(mixed)


def phrase_elements() -> dict[str, list[str]]:
    """Mixed-content elements reachable from <p>, each with the ones allowed inside it."""
    content, mixed = schema_model()

    def allowed(parent: str) -> list[str]:
        return sorted(n for n in content.get(parent, ()) if n in mixed and n not in NOT_READING_TEXT)

    found, todo = {}, ["p"]
    while todo:
        name = todo.pop()
        if name not in found:
            found[name] = allowed(name)
            todo.extend(found[name])
    return found


PHRASES = phrase_elements()

CHARACTERS = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")),
    st.sampled_from(list("&<>\"'")),  # XML's special characters
    st.sampled_from(list("שלום עולם مرحبا بالعالم")),  # right to left
    st.sampled_from(["\u0301", "\u0308", "\u0327", "\u0331", "\u20dd"]),  # combining marks
    st.sampled_from(["\U0001f600", "\U00010400", "\U0001d11e", "\U00020000", "\U0001f1e6", "\U0001f1ff"]),  # astral
    st.sampled_from(["\u200f", "\u200e", "\u202e", "\u2066"]),  # bidi controls
    st.sampled_from(list("Naxçıvan Нахичевань Նախիջևան Azərbaycan")),
)
XML_ILLEGAL = {"\ufffe", "\uffff"}
TEXT = st.text(CHARACTERS, min_size=1, max_size=30).map(lambda s: "".join(c for c in s if c not in XML_ILLEGAL))


def content(parent: str, depth: int):
    """Children of ``parent``: a list of strings (text) and (name, children) pairs."""
    allowed = PHRASES.get(parent, [])
    if depth <= 0 or not allowed:
        return st.lists(TEXT, min_size=1, max_size=2)
    element = st.sampled_from(allowed).flatmap(lambda name: content(name, depth - 1).map(lambda kids: (name, kids)))
    return st.lists(st.one_of(TEXT, element), min_size=1, max_size=4)


PARAGRAPHS = st.lists(content("p", 4), min_size=1, max_size=3)


def build_tei(paragraphs) -> etree._ElementTree:
    tree = etree.parse(str(MINIMAL))
    body_p = tree.find(f".//{{{TEI}}}body/{{{TEI}}}p")
    body = body_p.getparent()
    body.remove(body_p)

    def fill(element: etree._Element, children) -> None:
        last = None
        for child in children:
            if isinstance(child, str):
                if last is None:
                    element.text = (element.text or "") + child
                else:
                    last.tail = (last.tail or "") + child
            else:
                name, kids = child
                last = etree.SubElement(element, f"{{{TEI}}}{name}")
                fill(last, kids)

    for paragraph in paragraphs:
        fill(etree.SubElement(body, f"{{{TEI}}}p"), paragraph)
    return tree


def normalised(text: str) -> str:
    """The text's base characters, whitespace collapsed: combining marks are left out, since the
    text output composes them (NFC) with a letter that may sit in the neighbouring text node
    (``<name>E</name>`` then U+0330 reads ``Ḛ``), and reorders marks met across a node boundary."""
    decomposed = unicodedata.normalize("NFD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def test_the_schema_model_is_read():
    assert len(schema_model()[0]) == 165
    assert {"hi", "persName", "placeName", "date", "foreign", "emph", "title"} <= set(PHRASES["p"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(PARAGRAPHS)
def test_generated_tei_never_crashes_any_output_and_keeps_its_text(paragraphs):
    tree = build_tei(paragraphs)
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        path = folder / "fuzz.xml"
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        report = validate([path])  # problems are fine, exceptions are not
        assert report.files == 1
        try:
            documents = load_tei([path])
        except InputError as exc:  # a reported problem is an acceptable outcome
            assert exc.problem.path == str(path)
            return
        edition = with_neighbours(documents)
        write_site(documents, edition, folder / "html", home=False)
        html = (folder / "html" / "fuzz.html").read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>")
        written = write_texts(documents, edition, folder / "text")
        collect(documents)
        reading = normalised(written[0].read_text(encoding="utf-8"))
        body = tree.find(f".//{{{TEI}}}body")
        for node in body.xpath(".//text()"):
            if normalised(node):
                assert normalised(node) in reading, (node, reading)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- real TEI, mutated ----------------------------------------------------------------------------

SEED = 26
#: Seconds of mutants for each set of files, and the longest one case may take (the first
#: compiles the stylesheets; the machine may be shared).
SECONDS, CASE_TIMEOUT = 10, 120
#: Files larger than this are left out, so that many mutants fit in the time.
LARGEST = 400_000


def real_tei(where: str) -> list[Path]:
    """The TEI files of the edition or of the corpus (skips the case if the corpus is absent)."""
    if where == "edition":
        return sorted(p for p in (ROOT / "tei").glob("*.xml") if p.stat().st_size <= LARGEST)
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus of real TEI at {CORPUS} (../shared/corpus beside the repository)")
    return sorted(p for p in CORPUS.rglob("*.xml") if p.stat().st_size <= LARGEST)


@pytest.mark.parametrize("where", ["edition", "corpus"])
def test_mutated_real_tei_never_crashes_validate_or_html(where):
    """Every mutant gets exit code 0, 1 or 2, never a traceback or an internal error, and none
    hangs. A failing case is replayed with ``support.mutations.mutant(real_tei(where), SEED, case)``."""
    files = real_tei(where)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no Saxon state is copied
    report = context.Queue()
    worker = context.Process(target=mutations.run_cases, args=(files, SEED, SECONDS, report), daemon=True)
    worker.start()
    failures, current, cases = [], None, 0
    try:
        while True:
            try:
                kind, case, detail = report.get(timeout=CASE_TIMEOUT)
            except queue.Empty:
                pytest.fail(f"{where}: case {current} took more than {CASE_TIMEOUT} s (a hang?)")
            if kind == "start":
                current = (case, detail)
            elif kind == "done" and detail:
                failures.append((current, detail))
            elif kind == "end":
                cases = case
                break
    finally:
        worker.kill()
        worker.join()
    assert cases >= 3, f"only {cases} cases in {SECONDS} s"
    assert not failures, failures[:3]
