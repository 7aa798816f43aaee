"""Works cited, each citation filed under its work.

A citation that points to an entry of a works register (``ix:work-entry`` in
``xslt/index/works.xsl``) is filed under that entry; the others under their first author's
surname and main title, where a short title is the start or the subtitle of the full one
("Azerbaijani Turks" and "The Azerbaijani Turks: Power and Identity under Russian Rule" by
Altstadt are one work, as are "Anatomy of a Rivalry" and "Armenia and Azerbaijan: Anatomy of a
Rivalry" by Broers); an author-date citation without a title ("Armaoğlu, 2020") under that
author's work of that year; a citation by author alone ("Broers and Ohanyan, 3.") under the
author's work cited last before it in its document, else the author's one work; "Ibid." under
the work cited just before it in its document. What a work is shown as is its
register entry, else its fullest citation; the other titles it is cited under are its variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

#: Articles a title may start with, left out when titles are compared.
ARTICLES = frozenset("the a an der die das ein eine le la les l un une el los las il lo gli i uno".split())
#: Levels of title, the title of the work itself first (analytic before monograph, journal last).
LEVELS = ("a", "m", "u", "", "s", "j")
#: "The work cited just before": ibid., ebd., там же …
IBID = re.compile(r"\b(ibid|ebd|ebenda|eod|idem|там\s+же|turpat|aynı\s+eser)\b", re.IGNORECASE)


@dataclass
class Citation:
    """What the grouping reads of a citation (a record of :data:`edition.indices.WORK_FIELDS`)."""

    document: str
    authors: list[dict]
    titles: list[dict]
    start: str
    text: str
    entry: str = ""
    entry_text: str = ""


@dataclass
class Work:
    """A work and its ``citations`` (positions in the list grouped): its ``key`` (its register
    entry's xml:id, else made from author, title or year), what it is shown as (``text``, ``title``,
    ``author``), the other ``variants`` of its title, and its ``sort`` key."""

    key: str
    text: str
    author: str
    title: str
    variants: list[str]
    sort: tuple[str, str, str]
    citations: list[int] = field(default_factory=list)


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``, case and diacritics ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return tuple(re.findall(r"\w+", "".join(c for c in folded if not unicodedata.combining(c))))


def main_title(citation: Citation) -> str:
    """The title of the work itself, as written (the first of the highest level), or ''."""
    titles = [t for t in citation.titles if t["title"].strip()]
    ranked = sorted(titles, key=lambda t: LEVELS.index(t["level"]) if t["level"] in LEVELS else len(LEVELS))
    return " ".join(ranked[0]["title"].split()) if ranked else ""


def title_key(title: str) -> tuple[str, ...]:
    """The words a title is compared by, without a leading article."""
    found = words(title)
    return found[1:] if len(found) > 1 and found[0] in ARTICLES else found


def author_key(citation: Citation) -> str:
    """The last word of the first author's surname (the name before a comma, else the whole
    name), as :func:`words` gives it: "de Waal, Thomas" and "de Waal" are "waal"."""
    if not citation.authors:
        return ""
    return " ".join(words(citation.authors[0]["name"].split(",")[0])[-1:])


class _Sets:
    """Disjoint sets of citations (union-find over their positions)."""

    def __init__(self, size: int):
        self.parent = list(range(size))
        self.first: dict[tuple, int] = {}  # a key -> the first citation that has it

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def key(self, i: int, key: tuple) -> None:
        """File citation ``i`` under ``key`` with the others that have it."""
        if key in self.first:
            self.join(i, self.first[key])
        else:
            self.first[key] = i


@dataclass
class _Filing:
    """What the first pass over the citations leaves for the second: the titled citations (author
    -> title words -> a citation), those by their subtitles (position, author, subtitle words),
    by author and year alone, and by author alone with none of the author's titled before them."""

    titled: dict[str, dict[tuple[str, ...], int]] = field(default_factory=dict)
    subtitles: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    dated: list[tuple[int, str, str]] = field(default_factory=list)
    authored: list[tuple[int, str]] = field(default_factory=list)


def group(citations: Sequence[Citation]) -> list[Work]:
    """The works of ``citations`` (in edition order), sorted by author, title and year."""
    sets = _Sets(len(citations))
    filing = _first_pass(citations, sets)
    for author, by_title in filing.titled.items():
        if author:
            _join_short_titles(by_title, sets)
    for i, author, subtitle in filing.subtitles:  # "Anatomy of a Rivalry": "Armenia and Azerbaijan: Anatomy …"
        if subtitle in filing.titled[author]:
            sets.join(filing.titled[author][subtitle], i)
    _file_dated(citations, filing.dated, sets)
    for i, author in filing.authored:  # the author's one titled work, if there is one
        works = {sets.find(j) for j in filing.titled.get(author, {}).values()}
        if len(works) == 1:
            sets.join(i, works.pop())
        else:
            sets.key(i, ("author", author))
    members: dict[int, list[int]] = {}
    for i in range(len(citations)):
        members.setdefault(sets.find(i), []).append(i)
    found = [_work([citations[i] for i in cited], cited) for cited in members.values()]
    _unique_keys(found)
    return sorted(found, key=lambda w: (w.sort, w.key))


def _first_pass(citations: Sequence[Citation], sets: _Sets) -> _Filing:
    """File what can be filed in edition order: by register entry, author and title, text, the
    author's title cited last in the document ("Broers and Ohanyan, 3."), the citation before
    ("Ibid."); keep the rest for the second pass."""
    filing = _Filing()
    previous: dict[str, int] = {}  # the last citation of each document
    last_by: dict[tuple[str, str], int] = {}  # the last titled citation of an author in a document
    for i, citation in enumerate(citations):
        author, title = author_key(citation), title_key(main_title(citation))
        if citation.entry:
            sets.key(i, ("entry", citation.entry))
        if title:
            sets.key(i, ("title", author, title))
            filing.titled.setdefault(author, {}).setdefault(title, i)
            last_by[citation.document, author] = i
            if author and ":" in main_title(citation):
                filing.subtitles.append((i, author, title_key(main_title(citation).split(":", 1)[1])))
        elif author and _year(citation):
            filing.dated.append((i, author, _year(citation)))
        elif author and (citation.document, author) in last_by:
            sets.join(i, last_by[citation.document, author])
        elif author:
            filing.authored.append((i, author))
        elif citation.document in previous and IBID.search(citation.text):
            sets.join(i, previous[citation.document])
        elif not citation.entry:
            sets.key(i, ("text", words(citation.text)))
        previous[citation.document] = i
    return filing


def _join_short_titles(by_title: dict[tuple[str, ...], int], sets: _Sets) -> None:
    """Of one author's titles (words -> a citation), join each to the longer ones that start with
    it, where those are one title (each the start of the longest): "Black Garden" to "Black Garden:
    Armenia and Azerbaijan through Peace and War", but "Armenia" to neither of "Armenia: A
    Political History" and "Armenia and Azerbaijan"."""
    ordered = sorted(by_title)
    for n, shorter in enumerate(ordered):
        longer = []
        for other in ordered[n + 1 :]:
            if other[: len(shorter)] != shorter:
                break
            longer.append(other)
        if longer and all(longer[-1][: len(other)] == other for other in longer):
            sets.join(by_title[shorter], by_title[longer[-1]])


def _file_dated(citations: Sequence[Citation], dated: list[tuple[int, str, str]], sets: _Sets) -> None:
    """File each author-date citation (position, author, year) under that author's one titled
    work of that year, else with the others of that author and year."""
    years: dict[tuple[str, str], set[int]] = {}
    for i, citation in enumerate(citations):
        if main_title(citation):
            years.setdefault((author_key(citation), _year(citation)), set()).add(sets.find(i))
    for i, author, year in dated:
        titled = years.get((author, year), set())
        if len(titled) == 1:
            sets.join(i, next(iter(titled)))
        else:
            sets.key(i, ("dated", author, year))


def _year(citation: Citation) -> str:
    """The year of a citation's date ("-333" before the common era), or ''."""
    match = re.match(r"-?\d+", citation.start)
    return str(int(match[0])) if match else ""


def _work(cited: list[Citation], numbers: list[int]) -> Work:
    """The work of the citations ``cited`` (positions ``numbers``)."""
    entry = next((c for c in cited if c.entry), None)
    # a register entry is cited in its own register (a bibliography): that citation is the work
    shown = [c for c in cited if entry and c.text == entry.entry_text] or cited
    fullest = max(shown, key=lambda c: (len(main_title(c)), bool(c.authors), bool(c.start), len(c.text)))
    title = main_title(fullest)
    author = fullest.authors[0]["name"] if fullest.authors else ""
    variants = list(dict.fromkeys(t for t in map(main_title, cited) if t and t != title))
    if entry:
        key, text = entry.entry, entry.entry_text or fullest.text
    else:
        made = (title_key(title)[:6] or (_year(fullest),)) if fullest.authors else words(fullest.text)[:6]
        key = "-".join(part for part in (author_key(fullest), *made) if part) or "work"
        text = fullest.text
    named = " ".join(title_key(title) or words(text))
    sort = (" ".join(words(author)) or named, named, _year(fullest))  # filed under author, else title
    return Work(key, text, author, title, variants, sort, numbers)


def _unique_keys(works: list[Work]) -> None:
    """Tell apart works whose made keys are the same: key, key-2, key-3 …"""
    seen: dict[str, int] = {}
    for work in sorted(works, key=lambda w: w.citations[0]):
        count = seen[work.key] = seen.get(work.key, 0) + 1
        if count > 1:
            work.key = f"{work.key}-{count}"
