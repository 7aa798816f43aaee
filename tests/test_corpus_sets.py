"""Every set of the corpus of real TEI from other projects (../shared/corpus: letters with
registers, CMIF, parliamentary corpora, drama, critical editions …) built as its own edition
under the tei-all profile: it builds, and every name of its documents whose pointer names a
register entry is a link to that entry's page (counted per set: 100 %)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html
from support.registers import FOLDERS, NS, entries, expected_links

from edition.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
#: Sets that are not TEI P5 and cannot build under tei-all, and what says why at the file's
#: position: the ELTeC novels use ELTeC's own elements (authorGender in textDesc; l and p inside
#: s), Syriaca.org's place its own attributes (srophe:computed-start …); each names its own schema
#: in an xml-model (the custom profile for them); the TEI P4 dictionary declares entities in its
#: DOCTYPE, which are refused for safety.
REFUSED = {
    "eltec-eng-lyall-level1.xml": "element <authorGender> is not allowed here (inside <textDesc>) [rng]",
    "eltec-eng-lyall-level2.xml": "element <l> is not allowed here (inside <s>) [rng]",
    "syriaca-place-78.xml": "attribute @srophe:computed-start of namespace https://srophe.app is not allowed on <event>",
    "lsj-p4-eng6.xml": "entity declarations are refused for safety",
}
#: The sets that are folders, each built as its own edition; the sets of one file are built
#: together as one (each file's pointers stay inside it or point to nothing there).
FOLDERS_OF_SETS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


def test_the_sets_that_are_not_tei_p5_are_refused_at_their_position():
    if not CORPUS.is_dir():
        pytest.skip("the corpus of real TEI is not there")
    for name, message in REFUSED.items():
        result = CliRunner().invoke(main, ["validate", "--profile", "tei-all", str(CORPUS / name)])
        assert result.exit_code == 1, result.output
        assert re.search(rf"{re.escape(name)}:\d+:\d+: error: .*{re.escape(message)}", result.output), result.output


@pytest.mark.parametrize("name", ["single files", *FOLDERS_OF_SETS])
def test_a_corpus_set_builds_and_links_every_registered_name(tmp_path, name):
    if not CORPUS.is_dir():
        pytest.skip("the corpus of real TEI is not there")
    tei = tmp_path / "tei"
    if name in FOLDERS_OF_SETS:
        shutil.copytree(CORPUS / name, tei)
    else:
        tei.mkdir()
        for file in CORPUS.glob("*.xml"):
            if file.name not in REFUSED:
                shutil.copy(file, tei)
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", str(tei), "-o", str(out), "--no-pdf", "--schema", "tei-all"])
    assert result.exit_code == 0, result.output[-3000:]
    site = out / "site"
    files = sorted(tei.rglob("*.xml"))
    kinds, uris = entries(files)
    expected, linked = Counter(), Counter()
    for file in files:
        page = site / file.with_suffix(".html").name
        if not page.is_file():
            continue  # a register: its entries have pages of their own
        expected += expected_links(etree.parse(str(file)).getroot().find(f".//{NS}text"), kinds, uris)
        linked += Counter(
            a.get("href")
            for a in html.parse(str(page)).iter("a")
            if "mention" in a.get("class", "").split() and a.get("href", "").split("/")[0] in FOLDERS.values()
        )
    print(f"\n[corpus] {name}: {sum(expected.values())} registered names, {sum((expected & linked).values())} linked")
    assert expected - linked == Counter()
    assert all((site / href).is_file() for href in expected)
