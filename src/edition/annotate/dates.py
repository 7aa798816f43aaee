"""Rule-based recognition and ISO 8601 normalisation of dates in English, Latvian, Russian and
Azerbaijani, following the edition's encoding rules (ENCODING.md).

Spans: a preposition or article before a date stays outside ("on July 29", "the 1920s"), a
modifier is inside ("early June"), the year word of Latvian, Russian and Azerbaijani belongs to
the date ("1918. gada 28. maijā", "1920 г.", "1920-ci il"), and a range is one date from its
first to its last part ("November 7–8, 1920", "no 13. aprīļa līdz 25. jūlijam": "no" stays out).

Normalisation: ``when`` for a point; ``from``/``to`` for a range and a century ("19th century":
1800–1899); ``notBefore``/``notAfter`` for a decade ("the 1920s": 1920–1929) and for an
approximation, where "early", "mid", "late" (Latvian "sākumā", "vidū", "beigās") take the first,
middle or last third of the month (days 1–10, 11–20, 21–end), decade (years 0–2, 3–5, 6–9) or
century (00–32, 33–65, 66–99). A Russian archival year of three digits ("22/II-921 г.") leaves out the
millennium and is read as 1921.

A date without a year ("on July 29", "27. aprīlī", "early June") takes the year of the latest
date written with a year before it (``year`` of :func:`find_dates`); its value then carries
``cert="medium"`` and ``evidence="internal"``. Without such a year it is not proposed.

Numbers that are not dates are left alone: figures ("114 000", "1,500"), pages and numbers
("p. 1920", "No. 1920"), quantities ("1500 soldiers").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace

from .matcher import longest_first

_MONTHS = {
    "en": [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    "lv": [
        "janvār",
        "februār",
        "mart",
        "aprī[lļ]",
        "maij",
        "jūnij",
        "jūlij",
        "august",
        "septembr",
        "oktobr",
        "novembr",
        "decembr",
    ],
    "ru": [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма[йяе]",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ],
    "az": [
        "yanvar",
        "fevral",
        "mart",
        "aprel",
        "may",
        "iyun",
        "iyul",
        "avqust",
        "sentyabr",
        "oktyabr",
        "noyabr",
        "dekabr",
    ],
}
_ENDINGS = {
    "en": "",
    "lv": "(?:is|im|am|s|a|ā|ī|u|i)?",
    "ru": "(?:[ьяе])?",
    "az": "(?:[ıi]nd[əa]|[ıi]n|d[əa]|[əa]|[ıi])?",
}
_MONTH_NUMBER = [(re.compile(stem), number) for stems in _MONTHS.values() for number, stem in enumerate(stems, 1)]
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _capitalisable(stem: str) -> str:
    first = {"i": "[İIi]"}.get(stem[0], f"[{stem[0].upper()}{stem[0]}]")
    return first + stem[1:]


def _month_pattern(lang: str, capital_only: bool = False) -> str:
    stems = [s.capitalize() if capital_only else _capitalisable(s) for s in _MONTHS[lang]]
    return f"(?P<m>(?:{'|'.join(stems)}){_ENDINGS[lang]})(?!\\w)"


EN, LV, RU, AZ = (
    _month_pattern("en", capital_only=True),
    _month_pattern("lv"),
    _month_pattern("ru"),
    _month_pattern("az"),
)
_YEAR_WORD = (
    r"(?:\s*гг?\.|\s+год[ауе]?(?!\w)|-c[iıuü]\s+il[a-zəıöüğşç]*|"
    r"\.\s*gad(?:am|iem|os|a|ā|s|u)(?!\w))"
)


def _year(word: bool = True, alone: bool = False) -> str:
    """A four-digit year 1000–2099 that is not part of a larger figure (``alone``: nor follows one),
    with its year word if ``word``."""
    return (
        (r"(?<![\w])(?<!\d[.,])" if alone else "")
        + r"(?P<y>1\d{3}|20\d{2})(?!\w)(?![.,]\d)(?! \d{3}(?!\d))"
        + (f"{_YEAR_WORD}?" if word else "")
    )


_MOD = r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+"
_DASH = r"\s*[–—-]\s*"
_ORD = r"(?:st|nd|rd|th)?"
_PREPOSITION = r"(?<!\w)(?:[Ii]n|of|[Ss]ince|[Uu]ntil|till|[Bb]y|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter)\s+"
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:(?<!\w)(?:pp?|[Pp]ages?|[Nn]o|[Nn]r|[Vv]ol|[Vv]olume|[Ii]ssue|[Nn]umber)\.?"
    r"|№|#)\s*$"
)
_UNIT_AFTER = re.compile(
    r"\s*(?:km|kilomet\w*|m|metres|meters|kg|tons?|%|per ?cent|men|soldiers|troops|people|persons|"
    r"households|families|villages|houses|r[o]?ubles|manats?|cilvēk\w*|karavīr\w*|человек\w*|"
    r"nəfər\w*)(?!\w)"
)
_CONNECTORS = [  # (what stands between two dates, what must stand just before the first)
    (re.compile(_DASH), None),
    (re.compile(r"\s+(?:to|until|till|and)\s+"), re.compile(r"(?<!\w)(?:[Ff]rom|[Bb]etween)\s+$")),
    (re.compile(r"\s+līdz\s+"), re.compile(r"(?<!\w)[Nn]o\s+$")),
    (re.compile(r"\s+(?:по|до)\s+"), re.compile(r"(?<!\w)[СсОо]т?\s+$")),
]
_LV_MODIFIER = {"sākumā": "early", "vidū": "mid", "beigās": "late"}


@dataclass(frozen=True)
class Point:
    """A calendar point as written; a missing year is filled in from the context."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        return (
            f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")
        )

    def valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        last = calendar.monthrange(self.year or 2000, self.month)[1] if self.month else 31
        return self.day is None or 1 <= self.day <= last


@dataclass
class _Found:
    start: int
    end: int
    first: Point
    last: Point
    kind: str  # point, range or approx


@dataclass
class DateMatch:
    """A date expression in a text and its normalisation as TEI attributes."""

    start: int
    end: int
    attributes: dict[str, str]
    year: int | None = None  # the year written in the expression, if any


def _month(word: str) -> int:
    word = word.replace("İ", "i").lower()
    return next(number for stem, number in _MONTH_NUMBER if stem.match(word))


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _int(match: re.Match, name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value else None


def _third(first: int, last: int, modifier: str) -> tuple[int, int]:
    """The first, middle or last third of first..last."""
    size = last - first + 1
    bounds = {"early": (0, size // 3), "mid": (size // 3, 2 * size // 3), "late": (2 * size // 3, size)}
    low, high = bounds[modifier.lower()]
    return first + low, first + high - 1


def _point(m: re.Match) -> tuple[Point, Point, str]:
    """Day (range), month and year groups: d, d2, m, y."""
    year, month = _int(m, "y"), _month(m.group("m"))
    if m.groupdict().get("mod"):
        last_day = calendar.monthrange(year or 2000, month)[1]
        low, high = _third(1, last_day, m.group("mod"))
        return Point(year, month, low), Point(year, month, high), "approx"
    first = Point(year, month, _int(m, "d"))
    if m.groupdict().get("d2"):
        return first, replace(first, day=int(m.group("d2"))), "range"
    return first, first, "point"


def _decade(m: re.Match) -> tuple[Point, Point, str]:
    start = int(m.group("y"))
    low, high = _third(start, start + 9, m.group("mod")) if m.group("mod") else (start, start + 9)
    return Point(low), Point(high), "approx"


def _century(m: re.Match) -> tuple[Point, Point, str]:
    number = int(m.group("c")) if m.groupdict().get("c") else _roman(m.group("cr"))
    start = (number - 1) * 100
    if m.groupdict().get("mod"):
        low, high = _third(start, start + 99, m.group("mod"))
        return Point(low), Point(high), "approx"
    return Point(start), Point(start + 99), "range"


def _short_range(m: re.Match) -> tuple[Point, Point, str]:
    first = int(m.group("y"))
    return Point(first), Point(first // 100 * 100 + int(m.group("y2"))), "range"


def _archival(m: re.Match) -> tuple[Point, Point, str]:
    year = int(m.group("y"))
    point = Point(year + 1000 if year < 1000 else year, _roman(m.group("mr")), int(m.group("d")))
    return point, point, "point"


def _numeric(m: re.Match) -> tuple[Point, Point, str]:
    point = Point(int(m.group("y")), int(m.group("mn")), int(m.group("d")))
    return point, point, "point"


def _lv_approx(m: re.Match) -> tuple[Point, Point, str]:
    month = _month(m.group("m"))
    last = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31  # the year is not known yet
    low, high = _third(1, last, _LV_MODIFIER[m.group("lvmod")])
    return Point(None, month, low), Point(None, month, high), "approx"


def _bare_year(m: re.Match) -> tuple[Point, Point, str]:
    point = Point(int(m.group("y")))
    return point, point, "point"


def _no_may_verb(m: re.Match) -> tuple[Point, Point, str] | None:
    """Azerbaijani day and month; "3 may" without a year is too often the English verb."""
    if m.group("m") == "may" and not m.group("y"):
        return None
    return _point(m)


_DAY = r"(?<![\w.,/])(?P<d>\d{1,2})"
_RULES = [
    # English
    (rf"{EN}\s+(?P<d>\d{{1,2}}){_ORD}(?!\d)(?:{_DASH}(?P<d2>\d{{1,2}}){_ORD}(?![\d\w]))?(?:,?\s+{_year()})?", _point),
    (rf"{_DAY}{_ORD}(?:{_DASH}(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?{EN}(?:,?\s+{_year()})?", _point),
    (rf"(?:{_MOD})?{EN},?\s+{_year()}", _point),
    (rf"{_MOD}{EN}(?!\s*,?\s*\d)", _point),
    (rf"{_PREPOSITION}(?P<date>{EN})(?!\s*,?\s*\d)", _point),
    (rf"(?<!\w)(?:{_MOD})?(?P<y>1\d{{2}}0|20\d0)['’]?s(?!\w)", _decade),
    (rf"(?<!\w)(?:{_MOD})?(?P<c>\d{{1,2}})(?:st|nd|rd|th)[\s-]+[Cc]entury", _century),
    (rf"{_year(word=False, alone=True)}[–—-](?P<y2>\d{{2}})(?![\w])(?![.,]\d)", _short_range),
    (_year(alone=True), _bare_year),
    # Latvian
    (rf"{_year(word=False, alone=True)}\.\s*gad[aā]\s+(?P<d>\d{{1,2}})\.?\s+{LV}", _point),
    (rf"{_year(word=False, alone=True)}\.\s*gad[aā]\s+{LV}", _point),
    (rf"{_DAY}\.\s*{LV}", _point),
    (rf"{LV},\s+{_year()}", _point),
    (rf"(?<!\w){LV}\s+(?P<lvmod>sākumā|vidū|beigās)(?!\w)", _lv_approx),
    (r"(?<![\w.])(?P<c>\d{1,2})\.\s*gadsimt[a-zāēīū]*", _century),
    # Russian
    (rf"{_DAY}\s+{RU}(?:\s+{_year()})?", _point),
    (rf"(?<!\w){RU}\s+{_year()}", _point),
    (rf"{_DAY}/(?P<mr>[IVX]{{1,4}})-(?P<y>\d{{3,4}})(?!\d)(?:\s*г\.)?", _archival),
    (rf"{_DAY}\.(?P<mn>\d{{1,2}})\.{_year()}", _numeric),
    (r"(?<!\w)(?P<cr>[IVX]{1,5})\s+(?:в\.|век[а-я]*|əsr[a-zəıöüğşç]*)", _century),
    # Azerbaijani
    (rf"{_DAY}\s+{AZ}(?:\s+{_year()})?", _no_may_verb),
    (rf"(?<!\w){AZ}\s+{_year()}", _point),
]
_COMPILED = [(re.compile(pattern), handler) for pattern, handler in _RULES]


def _candidates(text: str) -> list[_Found]:
    found = []
    for pattern, handler in _COMPILED:
        for m in pattern.finditer(text):
            result = handler(m)
            if result is None:
                continue
            first, last, kind = result
            start, end = m.span("date") if m.groupdict().get("date") else m.span()
            if first.valid() and last.valid() and not _not_a_year(text, start, end, first, kind):
                found.append(_Found(start, end, first, last, kind))
    return found


def _not_a_year(text: str, start: int, end: int, point: Point, kind: str) -> bool:
    """A bare number that is a page, a number or a quantity rather than a year."""
    if kind != "point" or point.month is not None:
        return False
    return bool(_NOT_A_YEAR_BEFORE.search(text[max(0, start - 12) : start]) or _UNIT_AFTER.match(text, end))


def _granularity(point: Point) -> tuple[bool, bool]:
    return point.month is not None, point.day is not None


def _merge_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """Join two points with a range connector between them ("1920–1921", "no … līdz …") into one."""
    merged: list[_Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if (
            previous
            and previous.kind == item.kind == "point"
            and _connected(text, previous, item)
            and _granularity(previous.first) == _granularity(item.first)
        ):
            first = previous.first if previous.first.year else replace(previous.first, year=item.first.year)
            if first.year is None or item.first.year is None or first.iso() < item.first.iso():
                merged[-1] = _Found(previous.start, item.end, first, item.last, "range")
                continue
        merged.append(item)
    return merged


def _connected(text: str, a: _Found, b: _Found) -> bool:
    between = text[a.end : b.start]
    for connector, opener in _CONNECTORS:
        if connector.fullmatch(between) and (opener is None or opener.search(text[: a.start])):
            return True
    return False


_ATTRIBUTES = {"point": ("when",), "range": ("from", "to"), "approx": ("notBefore", "notAfter")}


def find_dates(text: str, year: int | None = None) -> list[DateMatch]:
    """The date expressions in ``text``, in order; ``year`` is the year of the context before it."""
    matches = []
    for found in _merge_ranges(text, longest_first(_candidates(text))):
        written = found.last.year or found.first.year
        inferred = written is None
        if inferred and year is None:
            continue
        first = found.first if found.first.year else replace(found.first, year=written or year)
        last = found.last if found.last.year else replace(found.last, year=written or year)
        if not (first.valid() and last.valid()):
            continue
        names = _ATTRIBUTES[found.kind]
        attributes = {names[0]: first.iso()} if found.kind == "point" else {names[0]: first.iso(), names[1]: last.iso()}
        if inferred:
            attributes.update(cert="medium", evidence="internal")
        matches.append(DateMatch(found.start, found.end, attributes, written))
        year = written or year
    return matches


def parse_date(text: str, year: int | None = None) -> dict[str, str] | None:
    """The normalisation of ``text`` if all of it is one date expression, else None."""
    stripped = " ".join(text.split())
    found = find_dates(stripped, year)
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(stripped)):
        return found[0].attributes
    return None
