"""Synthetic editions for the benchmark, made from the real edition in ``tei/``.

``make_corpus(scale, out)`` writes ``scale`` copies of each of the edition's documents into
``out`` beside one shared copy of the registers (``persons.xml``, ``places.xml``,
``orgs.xml``). Copy 0 is the real document, unchanged, so scale 1 is the real edition.
Copy ``k`` (k >= 1) is written as ``NAME-kNNNN.xml`` with

* fresh ids: every ``xml:id`` of the document (``TEI/@xml:id`` included) gets the suffix
  ``-kNNNN``, and every pointer to it (``#id`` in the same file, ``NAME.xml#id`` from another
  document of the edition) is rewritten to match, in every pointer attribute the Schematron
  knows (``ref``, ``target``, ``corresp`` …); pointers into the registers stay as they are;
* shuffled paragraphs: within each parent, its ``p`` children change places (seeded by
  ``k``), everything else keeps its place, so the grammar still accepts the copy.

The result validates like the real edition (0 errors), so a build runs on it for real.

``make_big(mb, out)`` writes one document of about ``mb`` MB, ``big.xml``, beside the
registers: the largest of the edition's documents with its body repeated (copy 0 as it is,
copy ``k`` made as above, so ids stay unique and pointers resolve) until the file is that large.

    .venv/bin/python benchmarks/corpus.py 10 build/bench/corpus-10
    .venv/bin/python benchmarks/corpus.py --big-mb 100 build/bench/big-100
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
TEI_DIR = ROOT / "tei"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REGISTERS = ("persons.xml", "places.xml", "orgs.xml")
POINTERS = (
    "ref",
    "target",
    "corresp",
    "who",
    "resp",
    "sameAs",
    "copyOf",
    "next",
    "prev",
    "hand",
    "source",
    "synch",
    "active",
    "passive",
    "mutual",
    "scheme",
    "ana",
    "decls",
    "change",
    "spanTo",
    "wit",
    "scribeRef",
)
STAMP = ".corpus"


def copy_name(name: str, k: int) -> str:
    """The file name of copy ``k`` of the document file ``name``."""
    return name if k == 0 else f"{name.removesuffix('.xml')}-k{k:04d}.xml"


def _rewrite(token: str, k: int, own: str, ids: dict[str, set[str]]) -> str:
    """``token`` (one pointer) pointing into copy ``k`` where it pointed into a document."""
    if "#" in token:
        file, fragment = token.split("#", 1)
    elif token.endswith(".xml"):
        file, fragment = token, None
    else:
        return token
    if "/" in file or ":" in file or (file and file not in ids):
        return token  # a URL, another folder, or a register: unchanged
    name = file or own
    if fragment is not None and fragment not in ids[name]:
        return token  # not an id of that document (left as the original has it)
    new_file = copy_name(file, k) if file else ""
    return new_file + (f"#{fragment}-k{k:04d}" if fragment is not None else "")


def _copy(tree: etree._ElementTree, name: str, k: int, ids: dict[str, set[str]]) -> etree._ElementTree:
    tree = etree.ElementTree(etree.fromstring(etree.tostring(tree)))  # a copy (the prolog is written apart)
    rng = random.Random(f"{name}:{k}")
    for element in tree.iter(etree.Element):
        if element.get(XML_ID) is not None:
            element.set(XML_ID, f"{element.get(XML_ID)}-k{k:04d}")
        for attribute in POINTERS:
            value = element.get(attribute)
            if value is not None:
                element.set(attribute, " ".join(_rewrite(t, k, name, ids) for t in value.split()))
        slots = [i for i, child in enumerate(element) if child.tag == f"{{{TEI}}}p"]
        if len(slots) > 1:
            paragraphs = [element[i] for i in slots]
            tails = [p.tail for p in paragraphs]
            rng.shuffle(paragraphs)
            # the p slots take the shuffled paragraphs; the whitespace after each slot stays put
            children = list(element)
            for slot, p, tail in zip(slots, paragraphs, tails):
                children[slot] = p
                p.tail = tail
            for child in list(element):
                element.remove(child)
            element.extend(children)
    return tree


def make_corpus(scale: int, out: Path, tei_dir: Path = TEI_DIR) -> list[Path]:
    """Write the edition ``scale`` times over into ``out`` (replaced); returns the files written."""
    if (out / STAMP).exists() and (out / STAMP).read_text() == f"{scale}\n":
        return sorted(out.glob("*.xml"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    documents = sorted(p for p in tei_dir.glob("*.xml") if p.name not in REGISTERS)
    prologs, trees = {}, {}
    for path in documents:
        data = path.read_bytes()
        prologs[path.name] = data[: data.index(b"<TEI")]
        trees[path.name] = etree.parse(str(path), parser)
    ids = {name: {el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)} for name, tree in trees.items()}
    written = []
    for register in REGISTERS:
        shutil.copyfile(tei_dir / register, out / register)
        written.append(out / register)
    for name, tree in trees.items():
        for k in range(scale):
            target = out / copy_name(name, k)
            if k == 0:
                shutil.copyfile(tei_dir / name, target)
            else:
                copy = _copy(tree, name, k, ids)
                target.write_bytes(prologs[name] + etree.tostring(copy.getroot(), encoding="UTF-8") + b"\n")
            written.append(target)
    (out / STAMP).write_text(f"{scale}\n")
    return sorted(written)


_BODY = re.compile(rb"<body\b[^>]*>(.*)</body>", re.S)


def make_big(mb: int, out: Path, tei_dir: Path = TEI_DIR) -> list[Path]:
    """Write the registers and one document of about ``mb`` MB, ``big.xml``, into ``out``
    (replaced); returns the files written."""
    if (out / STAMP).exists() and (out / STAMP).read_text() == f"big {mb}\n":
        return sorted(out.glob("*.xml"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    documents = [p for p in tei_dir.glob("*.xml") if p.name not in REGISTERS]
    largest = max(documents, key=lambda p: p.stat().st_size)
    data = largest.read_bytes()
    tree = etree.parse(str(largest), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    ids = {largest.name: {el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)}}
    whole = _BODY.search(data)
    with (out / "big.xml").open("wb") as big:
        big.write(data[: whole.end(1)])  # copy 0: the document itself (its front points into its body)
        k = 0
        while big.tell() + len(data) - whole.end(1) < mb * 1_000_000:
            k += 1
            big.write(_BODY.search(etree.tostring(_copy(tree, largest.name, k, ids))).group(1))
        big.write(data[whole.end(1) :])
    for register in REGISTERS:
        shutil.copyfile(tei_dir / register, out / register)
    (out / STAMP).write_text(f"big {mb}\n")
    return sorted(out.glob("*.xml"))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big-mb":
        files = make_big(int(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 3:
        files = make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    else:
        sys.exit("usage: corpus.py SCALE OUTPUT_FOLDER | corpus.py --big-mb MB OUTPUT_FOLDER")
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB in {sys.argv[-1]}")
