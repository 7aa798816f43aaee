"""Finding many name forms in text at once: Aho–Corasick, longest match, Unicode word boundaries.

Matching is case-sensitive. A match must not start or end inside a word: letters and digits of
any script (Latvian, Azerbaijani, Cyrillic, Armenian …) and combining marks are word characters,
and an English contraction or a currency sign continues its word ("Don" is not in "Don't", "US"
not in "US$"; "Stalin" is in "Stalin's", and "NAHCİVAN" in the Turkish "NAHCİVAN'IN").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import ahocorasick

T = TypeVar("T")
_CONTRACTION = re.compile(r"['’](?:t|ll|re|ve|d|m)(?!\w)|\$", re.I)  # "Don't", "US$"
S = TypeVar("S", bound="_Span")


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


class _Span(Protocol):
    """Anything with a ``start`` and an ``end`` offset."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    value: T


def longest_first(matches: list[S]) -> list[S]:
    """Leftmost-longest selection of spans (``start``, ``end``): none overlap, the longer one wins."""
    chosen: list[S] = []
    for match in sorted(matches, key=lambda m: (m.start, m.start - m.end)):
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


class Matcher(Generic[T]):
    """All occurrences of a set of strings (each with a value) in a text, whole words only."""

    def __init__(self, patterns: dict[str, T]):
        self._automaton = ahocorasick.Automaton()
        for pattern, value in patterns.items():
            if pattern:
                self._automaton.add_word(pattern, (len(pattern), value))
        self._empty = not patterns
        if not self._empty:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[Match[T]]:
        """Every whole-word occurrence, overlapping ones included."""
        if self._empty:
            return []
        found = []
        for last, (length, value) in self._automaton.iter(text):
            start, end = last + 1 - length, last + 1
            if _bounded(text, start, end):
                found.append(Match(start, end, value))
        return found


def _bounded(text: str, start: int, end: int) -> bool:
    """True unless the span cuts into a word at its start or its end."""
    if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
        return False
    if end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
        return False
    return not _CONTRACTION.match(text, end)
