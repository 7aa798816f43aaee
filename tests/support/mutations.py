"""Mutants of real TEI for the fuzz test (tests/test_fuzz.py), and the worker that runs
``edition validate`` and ``edition html`` on them in-process.

Case ``i`` of seed ``s`` draws everything (the file, one to three mutations, their places) from
``random.Random(f"{s}-{i}")``, so that :func:`mutant` gives its bytes again. Byte-level mutations
work on the file as it is (flipped, deleted, repeated, swapped or cut bytes, snippets of hostile or
broken markup); structural ones on its tree (elements deleted, repeated, moved, renamed, unwrapped
or wrapped, attributes given wrong values), serialised again.
"""

from __future__ import annotations

import copy
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
#: Bytes markup is made of, and bytes that are not text.
BYTES = b"<>&;\"'/=!?[]-#:x \n\x00\x0c\x1b\x7f\x80\xc3\xff"
SNIPPETS = [
    b'<!DOCTYPE TEI [<!ENTITY a "b">]>',
    b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">',
    b"&amp;",
    b"&nbsp;",
    b"&#0;",
    b"&#x10FFFF;",
    b"&#xD800;",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"-->",
    b"<?pi x?>",
    b"<?xml version='1.0'?>",
    b"\xef\xbb\xbf",
    "\u202e\u2028\u0301\U0001f600".encode(),
    b"</p>",
    b"<p>",
    b'<hi xml:id="dup">',
    b'<persName ref="#nowhere">x</persName>',
    b'<date when="2020-13-45">x</date>',
    b'<ref target="javascript:alert(1)">x</ref>',
    b'<graphic url="../../../../etc/passwd"/>',
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
    b"<hi>" * 260 + b"</hi>" * 260,
    b"<hi " + b" ".join(b'a%d="v"' % i for i in range(201)) + b"/>",
    b"<" + b"n" * 1001 + b"/>",
]
NAMES = [
    "p", "hi", "note", "pb", "lb", "div", "head", "list", "item", "table", "row", "cell", "persName",
    "placeName", "orgName", "date", "ref", "ptr", "choice", "sic", "corr", "app", "rdg", "lem", "lg",
    "l", "sp", "speaker", "quote", "q", "bibl", "title", "foreign", "term", "gap", "figure", "seg",
    "w", "pc", "anchor", "milestone", "teiHeader", "text", "body", "TEI", "teiCorpus", "nonsense",
]  # fmt: skip
ATTRIBUTES = ["ref", "target", "when", "from", "to", "notBefore", f"{{{XML}}}id", f"{{{XML}}}lang", "rend",
              "n", "corresp", "facs", "url", "who", "type", "place", "sameAs", "prev", "next"]  # fmt: skip
VALUES = ["#nowhere", "persons.xml#x", "#", "", " ", "javascript:alert(1)", "1920-13-45", "-0333",
          "../../etc/passwd", "x" * 5000, "dup", "#dup #dup", "\u202e", "a b c", "file:///etc/passwd"]  # fmt: skip


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randint(1, 200))


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.choice(BYTES) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(out)


def _delete(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:start] + data[end:]


def _repeat(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[start:end] + data[at:]


def _swap(data: bytes, rng: random.Random) -> bytes:
    first, second = sorted((_span(data, rng), _span(data, rng)))
    if first[1] > second[0]:
        return data
    return data[: first[0]] + data[second[0] : second[1]] + data[first[1] : second[0]] + data[first[0] : first[1]]


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _snippet(data: bytes, rng: random.Random) -> bytes:
    at = data.find(b">", rng.randrange(len(data) + 1)) + 1 if rng.random() < 0.7 else rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(SNIPPETS) + data[at:]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _remove(element: etree._Element) -> None:
    """Take ``element`` out of its parent, keeping its tail."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _delete_element(root: etree._Element, rng: random.Random) -> None:
    _remove(rng.choice(_elements(root)))


def _repeat_element(root: etree._Element, rng: random.Random) -> None:
    element = rng.choice(_elements(root))
    if element.getparent() is not None:
        element.addnext(copy.deepcopy(element))


def _move_element(root: etree._Element, rng: random.Random) -> None:
    element, target = rng.choice(_elements(root)), rng.choice(_elements(root))
    if element is root or element in target.iterancestors() or element is target:
        return
    _remove(element)
    element.tail = None
    target.insert(rng.randint(0, len(target)), element)


def _rename_element(root: etree._Element, rng: random.Random) -> None:
    element = rng.choice(_elements(root))
    element.tag = f"{{{TEI}}}{rng.choice(NAMES)}" if rng.random() < 0.9 else rng.choice(NAMES)


def _unwrap_element(root: etree._Element, rng: random.Random) -> None:
    """Replace an element by its children (its text goes with its tail, after them)."""
    element = rng.choice(_elements(root))
    if element.getparent() is None:
        return
    for child in reversed(element):
        element.addnext(child)  # each child's tail moves with it
    element.tail, element.text = (element.text or "") + (element.tail or ""), None
    _remove(element)


def _wrap_element(root: etree._Element, rng: random.Random) -> None:
    element = rng.choice(_elements(root))
    if element.getparent() is None:
        return
    wrapper = etree.Element(f"{{{TEI}}}{rng.choice(NAMES)}")
    element.addprevious(wrapper)
    wrapper.tail, element.tail = element.tail, None
    wrapper.append(element)


def _attribute(root: etree._Element, rng: random.Random) -> None:
    element = rng.choice(_elements(root))
    if rng.random() < 0.2:
        element.attrib.clear()
    else:
        element.set(rng.choice(ATTRIBUTES), rng.choice(VALUES))


Bytes = Callable[[bytes, random.Random], bytes]
Tree = Callable[[etree._Element, random.Random], None]
BYTE_MUTATIONS: dict[str, Bytes] = {
    "flip": _flip,
    "delete": _delete,
    "repeat": _repeat,
    "swap": _swap,
    "cut": _cut,
    "snippet": _snippet,
}
TREE_MUTATIONS: dict[str, Tree] = {
    "delete-element": _delete_element,
    "repeat-element": _repeat_element,
    "move-element": _move_element,
    "rename-element": _rename_element,
    "unwrap-element": _unwrap_element,
    "wrap-element": _wrap_element,
    "attribute": _attribute,
}


def mutant(files: list[Path], seed: int, case: int) -> tuple[Path, list[str], bytes]:
    """Case ``case`` of ``seed``: the file it mutates, the mutations applied, the mutant's bytes."""
    from edition.problems import InputError
    from edition.xmlio import parse_bytes

    rng = random.Random(f"{seed}-{case}")
    path = rng.choice(files)
    data = path.read_bytes()
    names: list[str] = []
    if rng.random() < 0.5:
        try:
            root = parse_bytes(data, str(path)).getroot()
        except InputError:
            root = None
        if root is not None:
            for name in rng.sample(sorted(TREE_MUTATIONS), rng.randint(1, 3)):
                TREE_MUTATIONS[name](root, rng)
                names.append(name)
            data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    for name in rng.sample(sorted(BYTE_MUTATIONS), rng.randint(0 if names else 1, 2)):
        data = BYTE_MUTATIONS[name](data, rng)
        names.append(name)
    return path, names, data


def check(path: Path, data: bytes) -> list[str]:
    """Run ``edition validate`` and ``edition html`` in-process on ``data`` (saved as a file named as
    ``path``, alone in a folder): what went wrong (none: all is well). Problems found in the input
    are fine, whatever the exit code; an exit code outside 0-2, an exception, a traceback, and a
    failure that is not a problem of the input (``edition: error: …``: a stylesheet that failed, say)
    are not."""
    from click.testing import CliRunner

    from edition.cli import main

    folder = Path(tempfile.mkdtemp(prefix="fuzz-real-"))
    try:
        mutated = folder / path.name
        mutated.write_bytes(data)
        wrong = []
        for args in (["validate", mutated], ["html", mutated, "-o", folder / "html"]):
            result = CliRunner().invoke(main, [str(a) for a in args])
            output = result.output  # stdout and stderr
            if result.exit_code not in (0, 1, 2):
                wrong.append(f"{args[0]}: exit code {result.exit_code}")
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                wrong.append(f"{args[0]}: {type(result.exception).__name__}: {result.exception}")
            if "Traceback" in output or "edition: internal error" in output or "edition: error" in output:
                wrong.append(f"{args[0]}: {output[-3000:]}")  # not a problem found in the input
        return wrong
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_cases(files: list[Path], seed: int, seconds: float, report) -> None:
    """Check cases 0, 1, 2 … of ``seed`` until ``seconds`` have passed (counted once the first file,
    unchanged, has been checked: the stylesheets are compiled then), telling ``report`` (a queue)
    ``("start", case, what)`` before each and ``("done", case, problems)`` after it."""
    report.put(("start", -1, f"{files[0]} (unchanged)"))
    report.put(("done", -1, check(files[0], files[0].read_bytes())))
    deadline = time.monotonic() + seconds
    case = 0
    while time.monotonic() < deadline:
        path, names, data = mutant(files, seed, case)
        report.put(("start", case, f"{path} ({', '.join(names)})"))
        report.put(("done", case, check(path, data)))
        case += 1
    report.put(("end", case, None))
