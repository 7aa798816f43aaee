"""The sentence around each mention, as the indices quote it.

``xslt/index/mentions.xsl`` gives, per block a document's mentions are read in (paragraph,
heading, note …), its reading text once, whitespace normalised, with every name in it marked:
``OPEN`` + the name's generate-id() + ``OPENED`` before it, ``CLOSE`` after it (names nest).
:func:`marked` finds where each stands, :func:`context` cuts the snippet of a mention from it:
the sentence it stands in, at most ``length`` characters, longer ones cut at word boundaries
and marked with "…" (the mention itself is never cut). Done here rather than in XSLT because
it is string work that SaxonC's regular expressions make costly (some 80 µs a search, a dozen
times the whole rest).
"""

from __future__ import annotations

import re
import unicodedata

#: The marks: characters of the supplementary private use area A.
OPEN, OPENED, CLOSE = "\U000f0000", "\U000f0001", "\U000f0002"
LENGTH = 200
_MARK = re.compile(f"{OPEN}([^{OPENED}]*){OPENED}|{CLOSE}")
_SPACE = " \t\n\r"  # XPath's whitespace (after normalize-space: only " ")
_STOP = re.compile("[.!?…]")
_CLOSING = '"”’»)'
_OPENING = '"“«('


def marked(block: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text of a marked ``block`` without its marks, and where each name marked in it
    starts and ends in that text, by the name's id."""
    text, spans, started = [], {}, []
    position, offset = 0, 0
    for mark in _MARK.finditer(block):
        text.append(block[position : mark.start()])
        offset += mark.start() - position
        position = mark.end()
        if mark[1] is not None:
            started.append((mark[1], offset))
        elif started:
            name, start = started.pop()
            spans[name] = (start, offset)
    text.append(block[position:])
    return "".join(text), spans


def context(text: str, start: int, end: int, length: int = LENGTH) -> str:
    """The snippet of the mention at ``text[start:end]``."""
    reach = length + 50  # only this much next to a mention can make it into its snippet
    return sentence(text[max(0, start - reach) : start], text[start:end], text[end : end + reach], length)


def _lower_or_digit(text: str, at: int) -> bool:
    """Whether the two characters before ``at`` are lower-case or case-less letters or digits
    (so the stop after them ends a sentence: not "I." or "Dr.")."""
    return at >= 2 and all(unicodedata.category(c) in ("Ll", "Lo", "Nd") for c in text[at - 2 : at])


def _after_stop(text: str, at: int) -> int | None:
    """Where the next sentence starts if the stop at ``at`` ends one: after closing quotes and
    at least one space comes a capital, an opening quote or bracket (the position of that
    character), or the end of ``text`` (its length); else None."""
    i = at + 1
    while i < len(text) and text[i] in _CLOSING:
        i += 1
    spaces = i
    while i < len(text) and text[i] in _SPACE:
        i += 1
    if i == spaces:
        return None
    if i == len(text):
        return i
    return i if unicodedata.category(text[i]) == "Lu" or text[i] in _OPENING else None


def _sentence_start(preceding: str) -> str:
    """The part of ``preceding`` that belongs to the sentence the text after it starts or continues."""
    for stop in reversed([m.start() for m in _STOP.finditer(preceding)]):
        if _lower_or_digit(preceding, stop):
            start = _after_stop(preceding, stop)
            if start is not None:
                return preceding[start:]
    return preceding


def _sentence_end(following: str) -> str:
    """The part of ``following`` up to the end of the sentence (stop and closing quotes included)."""
    for match in _STOP.finditer(following):
        stop = match.start()
        if (
            (stop == 0 or _lower_or_digit(following, stop))
            and (start := _after_stop(following, stop)) is not None
            and start < len(following)
        ):
            end = stop + 1
            while following[end] in _CLOSING:
                end += 1
            return following[:end]
    return following


def _normalize(text: str) -> str:
    if "  " not in text and "\t" not in text and "\n" not in text and "\r" not in text:
        return text.strip(_SPACE)  # the usual case: the block's text comes whitespace-normalised
    return re.sub(f"[{_SPACE}]+", " ", text).strip(_SPACE)


def sentence(preceding: str, mention: str, following: str, length: int = LENGTH) -> str:
    """The snippet of a mention, from the text of its block before it, its own and after it."""
    reach = length + 50  # only this much next to the mention can make it into the snippet
    before = _sentence_start(preceding[len(preceding) - reach :] if len(preceding) > reach else preceding)
    after = _sentence_end(following[:reach])
    room = max(0, length - len(mention))
    before_room = max(room // 2, room - len(after))
    after_room = room - min(len(before), before_room)
    if len(before) > before_room:
        before = "…" + re.sub(f"^[^{_SPACE}]*[{_SPACE}]", "", before[max(0, len(before) - before_room + 1) :], count=1)
    if len(after) > after_room:
        after = re.sub(f"[{_SPACE}][^{_SPACE}]*\\Z", "", after[: max(0, after_room - 1)], count=1) + "…"
    return _normalize(before + mention + after)
