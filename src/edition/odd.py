"""A small ODD processor: derive the edition's RELAX NG schema from TEI P5 by restriction only.

:func:`build_rng` reads the ODD's ``schemaSpec`` and the vendored ``tei_all.rng`` and

* keeps the definitions of the elements named in the ``moduleRef/@include`` lists and turns
  every reference to another element (and to the ``anyElement-*`` escape hatches) into
  ``<notAllowed/>``, propagating it through choices, groups and model classes;
* deletes the attribute classes of ``classSpec mode="delete"`` (all their attributes must be
  optional) and applies ``elementSpec mode="change"``: ``attDef mode="delete"`` drops an optional
  attribute, ``usage="req"`` makes one required, ``valList type="closed"`` replaces the values
  by a closed list, each value checked against TEI's own datatype. Attributes that come from
  a class are first copied into the element, so a change affects that element only;
* prepends the ``remarks`` of element and attribute specifications to TEI's ``a:documentation``
  and drops TEI's embedded Schematron (the edition's rules live in ``edition.sch``);
* keeps only the definitions reachable from the ODD's ``start``.

Whatever the result accepts, TEI P5 accepts too. The output is deterministic.
"""

from __future__ import annotations

import os
import re
from copy import deepcopy
from pathlib import Path

from lxml import etree

from .xmlio import parse_file

TEI = "http://www.tei-c.org/ns/1.0"
RNG = "http://relaxng.org/ns/structure/1.0"
ANN = "http://relaxng.org/ns/compatibility/annotations/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"
DOC = f"{{{ANN}}}documentation"
_SUGGESTED = re.compile(r"\n(Suggested|Sample) values include: [^\n]*")


class OddError(ValueError):
    """The ODD asks for something this processor cannot derive from TEI by restriction."""


def _rng(tag: str) -> str:
    return f"{{{RNG}}}{tag}"


def _tei(tag: str) -> str:
    return f"{{{TEI}}}{tag}"


def _schema_spec(odd_path: str | os.PathLike) -> etree._Element:
    spec = parse_file(odd_path).find(f".//{_tei('schemaSpec')}")
    if spec is None:
        raise OddError(f"{odd_path}: no schemaSpec")
    return spec


def _included(spec: etree._Element) -> set[str]:
    refs = list(spec.iter(_tei("moduleRef")))
    for ref in refs:
        if ref.get("include") is None and ref.get("key") != "tei":
            raise OddError(f"moduleRef {ref.get('key')}: only explicit include lists are supported")
    return {name for ref in refs for name in ref.get("include", "").split()}


def odd_elements(odd_path: str | os.PathLike) -> set[str]:
    """The element names that the ODD's ``moduleRef/@include`` lists select."""
    return _included(_schema_spec(odd_path))


def rng_elements(rng_path: str | os.PathLike) -> set[str]:
    """The names of the elements a RELAX NG schema (XML syntax) defines."""
    return {el.get("name") for el in parse_file(rng_path).iter(_rng("element")) if el.get("name")}


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _remarks(spec: etree._Element) -> str:
    return " ".join(_text(r) for r in spec.findall(_tei("remarks")))


def _annotate(node: etree._Element, note: str) -> None:
    """Put ``note`` in front of the ``a:documentation`` of ``node``."""
    if not note:
        return
    doc = node.find(DOC)
    if doc is None:
        doc = etree.Element(DOC)
        node.insert(0, doc)
    doc.text = f"Edition: {note}" + (f"\n\nTEI: {doc.text}" if doc.text or len(doc) else "")


def _patterns(node: etree._Element) -> list[etree._Element]:
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]


def _is_element_define(define: etree._Element) -> bool:
    return [c.tag for c in _patterns(define)] == [_rng("element")]


def _drop(node: etree._Element) -> None:
    """Remove a pattern equivalent to ``<empty/>``, leaving ``<empty/>`` where it is needed."""
    parent = node.getparent()
    if parent.tag == _rng("choice") or len(_patterns(parent)) == 1:
        parent.replace(node, etree.Element(_rng("empty")))
    else:
        parent.remove(node)


def _refs(node: etree._Element) -> list[str]:
    return [ref.get("name") for ref in node.iter(_rng("ref"))]


def _reachable(defines: dict[str, etree._Element], roots: list[etree._Element]) -> set[str]:
    seen: set[str] = set()
    todo = [name for root in roots for name in _refs(root)]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs(defines[name]))
    return seen


def _own(node: etree._Element):
    """The descendants of ``node`` that do not belong to a nested element."""
    for child in node:
        yield child
        if child.tag != _rng("element"):
            yield from _own(child)


def _provides(defines: dict[str, etree._Element], name: str, attribute: str) -> bool:
    define = defines[name]
    return any(a.get("name") == attribute for a in define.iter(_rng("attribute"))) or any(
        _provides(defines, ref, attribute) for ref in _refs(define) if ref.startswith("att.")
    )


def _localise(element: etree._Element, attribute: str, defines: dict[str, etree._Element]):
    """The ``attribute`` pattern of ``element``, copying the class definitions it comes from."""
    while True:
        nodes = list(_own(element))
        for node in nodes:
            if node.tag == _rng("attribute") and node.get("name") == attribute:
                return node
        ref = next(
            (
                n
                for n in nodes
                if n.tag == _rng("ref")
                and n.get("name").startswith("att.")
                and _provides(defines, n.get("name"), attribute)
            ),
            None,
        )
        if ref is None:
            return None
        parent = ref.getparent()
        copies = [deepcopy(c) for c in defines[ref.get("name")] if isinstance(c.tag, str)]
        if parent.tag not in (_rng("element"), _rng("group")):
            group = etree.Element(_rng("group"))
            group.extend(copies)
            copies = [group]
        index = parent.index(ref)
        parent.remove(ref)
        for offset, copy in enumerate(copies):
            parent.insert(index + offset, copy)


def _optional_wrapper(attribute: etree._Element):
    parent = attribute.getparent()
    return parent if parent.tag == _rng("optional") and len(_patterns(parent)) == 1 else None


def _accepts(content: list[etree._Element], values: list[str], defines: dict[str, etree._Element]) -> list[str]:
    """The ``values`` that the attribute value pattern ``content`` refuses."""
    grammar = etree.Element(_rng("grammar"), datatypeLibrary=XSD)
    element = etree.SubElement(etree.SubElement(grammar, _rng("start")), _rng("element"), name="x")
    attribute = etree.SubElement(element, _rng("attribute"), name="v")
    attribute.extend(deepcopy(c) for c in content)
    for name in sorted(_reachable(defines, [attribute])):
        grammar.append(deepcopy(defines[name]))
    schema = etree.RelaxNG(grammar)
    return [v for v in values if not schema.validate(etree.ElementTree(etree.Element("x", v=v)))]


def _close(attribute: etree._Element, val_list: etree._Element, defines, where: str) -> None:
    """Replace the values of ``attribute`` by the closed ``val_list``."""
    content = _patterns(attribute)
    tei_docs = {
        v.text: v.getnext()
        for v in attribute.iter(_rng("value"))
        if v.getnext() is not None and v.getnext().tag == DOC and v.getnext().text
    }
    items = val_list.findall(_tei("valItem"))
    values = [item.get("ident") for item in items]
    refused = _accepts(content, values, defines)
    if refused:
        raise OddError(f"{where}: TEI does not allow the value(s) {', '.join(refused)}")
    choice = etree.Element(_rng("choice"))
    for item, value in zip(items, values):
        etree.SubElement(choice, _rng("value")).text = value
        desc = item.find(_tei("desc"))
        if desc is not None:
            etree.SubElement(choice, DOC).text = _text(desc)
        elif value in tei_docs:
            choice.append(deepcopy(tei_docs[value]))
    for node in content:
        attribute.remove(node)
    attribute.append(choice)
    doc = attribute.find(DOC)
    if doc is not None and doc.text:
        doc.text = _SUGGESTED.sub("", doc.text)


def _change_attribute(element: etree._Element, att_def: etree._Element, defines, where: str) -> None:
    name = att_def.get("ident")
    where = f"{where}/@{name}"
    attribute = _localise(element, name, defines)
    if attribute is None:
        raise OddError(f"{where}: TEI defines no such attribute")
    wrapper = _optional_wrapper(attribute)
    if att_def.get("mode") == "delete":
        if wrapper is None:
            raise OddError(f"{where}: a required attribute cannot be deleted")
        _drop(wrapper)
        return
    if att_def.get("mode") != "change":
        raise OddError(f"{where}: only attDef mode='change' or 'delete' is supported")
    if att_def.get("usage") == "req" and wrapper is not None:
        wrapper.getparent().replace(wrapper, attribute)
    elif att_def.get("usage") in ("opt", "rec") and wrapper is None:
        raise OddError(f"{where}: a required attribute cannot be made optional")
    val_list = att_def.find(_tei("valList"))
    if val_list is not None and val_list.get("type") == "closed":
        _close(attribute, val_list, defines, where)
    _annotate(attribute, _remarks(att_def))


def _change_element(spec: etree._Element, defines, included: set[str]) -> None:
    name = spec.get("ident")
    if spec.get("mode") != "change" or name not in included:
        raise OddError(f"elementSpec {name}: only mode='change' of an included element is supported")
    element = defines[name].find(_rng("element"))
    for att_def in spec.iter(_tei("attDef")):
        _change_attribute(element, att_def, defines, name)
    _annotate(element, _remarks(spec))


def _delete_class(spec: etree._Element, defines) -> None:
    name = f"{spec.get('ident')}.attributes"
    if spec.get("mode") != "delete" or spec.get("type") != "atts" or name not in defines:
        raise OddError(f"classSpec {spec.get('ident')}: only mode='delete' of an attribute class is supported")
    for define in [defines[n] for n in _reachable(defines, [defines[name]])] + [defines[name]]:
        if any(_optional_wrapper(a) is None for a in define.iter(_rng("attribute"))):
            raise OddError(f"classSpec {spec.get('ident')}: a class with required attributes cannot be deleted")
    for define in defines.values():
        for ref in [r for r in define.iter(_rng("ref")) if r.get("name") == name]:
            _drop(ref)


def _reduce(node: etree._Element) -> bool:
    """Simplify ``<notAllowed/>`` upwards through the patterns below ``node``; True if changed."""
    changed = False
    for child in _patterns(node):
        changed |= _reduce(child)
    patterns = _patterns(node)
    dead = [p for p in patterns if p.tag == _rng("notAllowed")]
    if not dead or node.tag == _rng("define"):
        return changed
    if node.tag == _rng("choice") and len(dead) < len(patterns):
        for p in dead:
            node.remove(p)
    elif node.tag in (_rng("optional"), _rng("zeroOrMore")):
        _drop(node)
    else:
        node.getparent().replace(node, etree.Element(_rng("notAllowed")))
    return True


def _prune(defines: dict[str, etree._Element]) -> set[str]:
    """Propagate ``<notAllowed/>`` through all definitions; return the names that allow nothing."""
    while True:
        changed = False
        for define in defines.values():
            changed |= _reduce(define)
        empty = {n for n, d in defines.items() if any(p.tag == _rng("notAllowed") for p in _patterns(d))}
        for define in defines.values():
            for ref in [r for r in define.iter(_rng("ref")) if r.get("name") in empty]:
                ref.getparent().replace(ref, etree.Element(_rng("notAllowed")))
                changed = True
        if not changed:
            return empty


def _tidy(root: etree._Element) -> None:
    """Drop Schematron and the whitespace between patterns, so that pretty-printing works."""
    for node in [n for n in root.iter(f"{{{SCH}}}*")]:
        node.getparent().remove(node)
    keep = (DOC, _rng("value"), _rng("param"))
    for node in root.iter():
        if any(a.tag in keep for a in node.iterancestors()) or node.tag in keep:
            continue
        if node.text is not None and not node.text.strip():
            node.text = None
        for child in node:
            if child.tail is not None and not child.tail.strip():
                child.tail = None


def build_rng(odd_path: str | os.PathLike, tei_all_path: str | os.PathLike) -> bytes:
    """The RELAX NG schema (XML syntax, pretty-printed UTF-8) that the ODD derives from ``tei_all.rng``."""
    spec = _schema_spec(odd_path)
    included = _included(spec)
    tei_all = parse_file(tei_all_path).getroot()
    defines = _customised(spec, tei_all, included)
    start = _start(spec.get("start", "TEI").split())
    unsatisfiable = _prune(defines) & included
    if unsatisfiable:
        raise OddError("content models need excluded elements: " + " ".join(sorted(unsatisfiable)))
    keep = _reachable(defines, [start])
    if included - keep:
        raise OddError("included but not reachable from the start: " + " ".join(sorted(included - keep)))
    grammar = etree.Element(_rng("grammar"), nsmap={None: RNG, "a": ANN}, ns=TEI, datatypeLibrary=XSD)
    grammar.append(
        etree.Comment(
            f" Generated by edition.odd.build_rng from {Path(odd_path).name} and {Path(tei_all_path).name}"
            " (TEI P5): do not edit; change the ODD and regenerate. "
        )
    )
    grammar.extend(deepcopy(c) for c in tei_all if isinstance(c, etree._Comment))
    grammar.append(start)
    grammar.extend(defines[name] for name in defines if name in keep)
    _tidy(grammar)
    etree.cleanup_namespaces(grammar, top_nsmap={None: RNG, "a": ANN})
    _check_closed(grammar)
    return etree.tostring(grammar, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _customised(spec: etree._Element, tei_all: etree._Element, included: set[str]) -> dict[str, etree._Element]:
    """The defines of ``tei_all`` as the ODD's ``spec`` changes them, by name: its class and
    element specifications applied, references to elements not ``included`` not allowed."""
    defines = {d.get("name"): deepcopy(d) for d in tei_all.iterchildren(_rng("define"))}
    elements = {n for n, d in defines.items() if _is_element_define(d)}
    if included - elements:
        raise OddError("not TEI elements: " + " ".join(sorted(included - elements)))
    for class_spec in spec.iter(_tei("classSpec")):
        _delete_class(class_spec, defines)
    for element_spec in spec.iter(_tei("elementSpec")):
        _change_element(element_spec, defines, included)
    for define in defines.values():
        for ref in [r for r in define.iter(_rng("ref")) if r.get("name") in elements - included]:
            ref.getparent().replace(ref, etree.Element(_rng("notAllowed")))
    return defines


def _start(names: list[str]) -> etree._Element:
    """The grammar's start: the elements ``names``."""
    start = etree.Element(_rng("start"))
    choice = etree.SubElement(start, _rng("choice")) if len(names) > 1 else start
    for name in names:
        etree.SubElement(choice, _rng("ref"), name=name)
    return start


def _check_closed(grammar: etree._Element) -> None:
    """Refuse a grammar with a wildcard or an undocumented element."""
    if next(grammar.iter(_rng("anyName")), None) is not None:
        raise OddError("an anyName wildcard is reachable from the start")
    for element in grammar.iter(_rng("element")):
        if element.find(DOC) is None or not element.get("name"):
            raise OddError(f"element {element.get('name')}: no a:documentation")
