"""Forms of a register name that the register does not write: Russian cases and capitals.

Titles of archival documents name their addressees and places inflected ("Доклад
уполномоченному РСФСР товарищу Леграну": dative) and titles of cited works are often set in
capitals ("… OF NAKHCHIVAN IN THE 19TH CENTURY"). For a form written in Cyrillic,
:func:`inflected` gives the genitive, dative, accusative, instrumental and prepositional
singular of its head noun and of the adjectives before it, after their nominative endings
(words after the head, abbreviations in capitals and figures are left as they are: "Ревоенсовет
11 Армии" -> "Ревоенсовету 11 Армии"). :func:`capitals` gives a form in capital letters, with
the Turkish and Azerbaijani dotted capital İ as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
_VELAR = "гкхжшщчц"
_VOWELS = "аеёиоуыэюяйь"  # a word ending in none of these ends in a consonant
_FIVE = 5  # genitive, dative, accusative, instrumental, prepositional
_Table = Sequence[tuple[str, tuple[str, ...]]]

#: nominative ending -> the endings of the five oblique cases ("" in the accusative: as the nominative)
_NOUNS: _Table = [
    ("ия", ("ии", "ии", "ию", "ией", "ии")),
    ("а", ("ы", "е", "у", "ой", "е")),
    ("я", ("и", "е", "ю", "ей", "е")),
    ("й", ("я", "ю", "й", "ем", "е")),
    ("ь", ("и", "и", "ь", "ью", "и")),
    ("ь", ("я", "ю", "ь", "ем", "е")),
    ("о", ("а", "у", "о", "ом", "е")),
    ("ы", ("ов", "ам", "ы", "ами", "ах")),
    ("", ("а", "у", "", "ом", "е")),
]
_SURNAMES: _Table = [(e, tuple(e + c for c in ("а", "у", "а", "ым", "е"))) for e in ("ов", "ев", "ёв", "ин", "ын")]
_ADJECTIVES: _Table = [
    ("ая", ("ой", "ой", "ую", "ой", "ой")),
    ("яя", ("ей", "ей", "юю", "ей", "ей")),
    ("ый", ("ого", "ому", "ый", "ым", "ом")),
    ("ой", ("ого", "ому", "ой", "ым", "ом")),
    ("ий", ("его", "ему", "ий", "им", "ем")),
    ("ое", ("ого", "ому", "ое", "ым", "ом")),
    ("ее", ("его", "ему", "ее", "им", "ем")),
]


def _velar(stem: str, ending: str) -> str:
    """Spelling rules: ы becomes и, and an unstressed о after a velar or sibilant is е (roughly)."""
    if stem and stem[-1].lower() in _VELAR:
        if ending.startswith("ы"):
            return "и" + ending[1:]
        if ending == "его" or ending == "ему" or ending == "ем":
            return ending.replace("е", "о", 1)
    return ending


def _decline(word: str, table: _Table) -> list[tuple[str, ...]]:
    """The paradigms (five case forms each) of ``word`` by the first endings of ``table`` it has."""
    lower = word.lower()
    found = [(e, cases) for e, cases in table if lower.endswith(e) and (e or lower[-1] not in _VOWELS)]
    if not found:
        return []
    longest = max(len(e) for e, _ in found)
    paradigms = []
    for ending, cases in found:
        if len(ending) != longest:
            continue
        stem = word[: len(word) - len(ending)]
        if not stem:
            continue
        forms = tuple(stem + (_velar(stem, case) if case else ending) for case in cases)
        paradigms.append(tuple(f.upper() for f in forms) if word.isupper() else forms)
    return paradigms


def _declinable(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 2 and not all(c.isupper() for c in letters) and word.isalpha()


def inflected(form: str, person: bool = False) -> set[str]:
    """The oblique cases of a Cyrillic ``form`` (none for other scripts or an indeclinable form);
    a ``person``'s every name declines ("Борис Легран" -> "Бориса Леграна")."""
    if not _CYRILLIC.search(form) or _LATIN.search(form):
        return set()
    words = form.split(" ")
    head = next((i for i, w in enumerate(words) if _declinable(w) and not _adjective(w, i, words)), None)
    if head is None:
        return set()
    declining = [i for i, w in enumerate(words) if _declinable(w)] if person else list(range(head + 1))
    paradigms = {
        i: _decline(words[i], [*_SURNAMES, *_NOUNS] if person or i == head else _ADJECTIVES) for i in declining
    }
    found: set[str] = set()
    for variant in range(max(len(p) for p in paradigms.values())):
        for case in range(_FIVE):
            out = list(words)
            for i, choices in paradigms.items():
                if choices:
                    out[i] = choices[min(variant, len(choices) - 1)][case]
            found.add(" ".join(out))
    return found - {form}


def _adjective(word: str, index: int, words: list[str]) -> bool:
    """A word with an adjective's ending that another word follows."""
    return index + 1 < len(words) and bool(_decline(word, _ADJECTIVES))


def capitals(form: str) -> set[str]:
    """``form`` in capitals (with a dotted capital İ too), if that differs from it."""
    upper = {form.upper(), form.replace("i", "İ").replace("ı", "I").upper()}
    return {u for u in upper if u != form}
