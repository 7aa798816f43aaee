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
from edition.corpora import read
from edition.rendering import is_register

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "files"
#: Files that are not TEI P5 as they stand, and what says so at their positions under tei-all:
#: the ELTeC novels use ELTeC's own elements (authorGender in textDesc; l and p inside s), its list
#: of translations language tags that are none ("??"), Syriaca.org's place its own attributes
#: (srophe:computed-start …), al-Ḥaqāʾiq's issue a @type on l; each names its own schema in an
#: xml-model (the custom profile for them); the TEI P4 dictionary declares entities in its DOCTYPE,
#: which are refused for safety; the SARIT corpus includes 60 texts, 57 of which are not in this
#: copy of it (with --no-validate the other three build).
REFUSED = {
    "eltec-eng-lyall-level1.xml": "element <authorGender> is not allowed here (inside <textDesc>) [rng]",
    "eltec-eng-lyall-level2.xml": "element <l> is not allowed here (inside <s>) [rng]",
    "eltec-eng-translations-listbibl.xml": 'attribute @xml:lang="??" is not allowed on <bibl>',
    "syriaca-place-78.xml": "attribute @srophe:computed-start of namespace https://srophe.app is not allowed on <event>",
    "lsj-p4-eng6.xml": "entity declarations are refused for safety",
    "haqaiq-issue1/oclc_644997575-i_1.TEIP5.xml": 'attribute @type="bayt" is not allowed on <l>',
    "sarit-corpus/saritcorpus.xml": 'xi:include of "vadasthana.xml": the file does not exist [xinclude]',
}
#: The sets that are folders, each built as its own edition; the sets of one file are built
#: together as one (each file's pointers stay inside it or point to nothing there).
FOLDERS_OF_SETS = sorted(
    p.name
    for p in (CORPUS.iterdir() if CORPUS.is_dir() else ())
    if p.is_dir() and not any(r.startswith(f"{p.name}/") for r in REFUSED)
)


def test_the_sets_that_are_not_tei_p5_are_refused_at_their_position():
    if not CORPUS.is_dir():
        pytest.skip("the corpus of real TEI is not there")
    for name, message in REFUSED.items():
        result = CliRunner().invoke(
            main, ["validate", "--profile", "tei-all", "--max-problems", "0", str(CORPUS / name)]
        )
        assert result.exit_code == 1, result.output
        file = re.escape(Path(name).name)
        assert re.search(rf"{file}:\d+:\d+: error: .*{re.escape(message)}", result.output), result.output


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
    expected: Counter = Counter()
    for file in files:
        if not is_register(read(file)[0]):  # a register's names are its entries'
            for document in etree.parse(str(file)).getroot().iter(f"{NS}TEI"):  # a corpus's each
                expected += expected_links(document.find(f"{NS}text"), kinds, uris)
    linked = Counter(
        a.get("href")
        for page in site.glob("*.html")
        for a in html.parse(str(page)).iter("a")
        if "mention" in a.get("class", "").split() and a.get("href", "").split("/")[0] in FOLDERS.values()
    )
    print(f"\n[corpus] {name}: {sum(expected.values())} registered names, {sum((expected & linked).values())} linked")
    assert expected - linked == Counter()
    assert all((site / href).is_file() for href in expected)
