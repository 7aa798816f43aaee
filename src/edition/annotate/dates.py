"""Rule-based recognition and ISO 8601 normalisation of dates in English, Latvian, Russian and
Azerbaijani, following the edition's encoding rules (ENCODING.md).

Spans: a preposition or article before a date stays outside ("on July 29", "the 1920s"), a
modifier is inside ("early June"), the year word of Latvian, Russian and Azerbaijani belongs to
the date ("1918. gada 28. maijā", "1920 г.", "1920–1921 годах", "1920-ci il"), and a range is
one date from its first to its last part ("November 7–8, 1920", "1918 - 1920", "no 13. aprīļa
līdz 25. jūlijam": "no" stays out). Month names and centuries are read in capitals too
("1919 Г. ИЮНЬ", "19TH CENTURY", "THE 1920S").

Normalisation: ``when`` for a point; ``from``/``to`` for a range and a century ("19th century",
"twentieth century", "XIX век": 1800–1899); ``notBefore``/``notAfter`` for a decade ("the
1920s": 1920–1929; "1980s and 90s", "1920-1930-cu illərdə", "1920–1930-е годы": both) and for
an approximation, where "early", "mid", "late" (Latvian "sākumā", "vidū", "beigās") take the
first, middle or last third of the month (days 1–10, 11–20, 21–end), year (months 1–4, 5–8,
9–12: "early 1990", "1920. gada sākumā"), decade (years 0–2, 3–5, 6–9) or century (00–32,
33–65, 66–99). A season is its three months (spring March–May, summer June–August, fall or
autumn September–November; "early"/"late" the first or last two, "mid" the middle one); the
winter of a year written is the one that ends in it or the one that begins in it ("the winter of
1991": January 1991–February 1992), a winter whose year comes from the context December–February.
A Russian archival year of three digits ("22/II-921 г.") leaves out the millennium and is read
as 1921.

A date without a year ("on July 29", "27. aprīlī", "Augustā", "в мае", "early June") takes
the year of the context (``year`` of :func:`find_dates`: the latest date before it that gives
one); "of that year", "of the same year", "of the following year", "of the previous year" after
it belong to it, and the last two move the year by one ("the fall of the following year"). Its
value then carries ``cert="medium"`` and ``evidence="internal"``; without a year of the context
it is not proposed. A year that looks back ("since 1920"), a decade and a century give no year
to the dates after them.

Numbers that are not dates are left alone: figures ("114 000", "1,500"), identifiers (ISSN,
ISBN), pages and page ranges ("p. 1920", "pp. 1918-1920", "с. 17", "27, no. 13 (2017):
2023-2028"), volumes, issues and numbers ("No. 1920"), quantities ("1500 soldiers").
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


def _month_pattern(lang: str, initial: str = "either", group: str = "m", endings: str | None = None) -> str:
    """A month name of ``lang`` as group ``group``: all in capitals, or with an ``initial`` capital
    (``"capital"``), small letter (``"small"``) or ``"either"``."""
    cases = {"capital": str.capitalize, "small": str.lower, "either": _capitalisable}
    stems = [cases[initial](s) for s in _MONTHS[lang]]
    ending = _ENDINGS[lang] if endings is None else endings
    capitals = f"(?:{'|'.join(s.upper() for s in _MONTHS[lang])}){ending.upper()}"
    return f"(?P<{group}>(?:{'|'.join(stems)}){ending}|{capitals})(?!\\w)"


EN, LV, RU, AZ = (
    _month_pattern("en", initial="capital"),
    _month_pattern("lv"),
    _month_pattern("ru"),
    _month_pattern("az"),
)
LV2 = _month_pattern("lv", group="m2")
LV_IN = _month_pattern("lv", endings="(?:ī|ā)")  # the locative: "aprīlī", "Augustā" (in April, in August)
RU_ALONE = _month_pattern("ru", initial="small")  # "Марта" is also a name
_YEAR_WORD = (
    r"(?:\s*[гГ][гГ]?\.|\s+год(?:ами|ам|ах|ов|а|у|е|ы)?(?!\w)|-c[iıuü]\s+il(?!l)[a-zəıöüğşç]*|"
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


_MOD = r"(?P<mod>(?i:early|mid|late))[\s-]+"
_DASH = r"\s*[–—-]\s*"
_ORD = r"(?:st|nd|rd|th)?"
_PREPOSITION = r"(?<!\w)(?:[Ii]n|of|[Ss]ince|[Uu]ntil|till|[Bb]y|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter)\s+"
#: numbers that are references, not dates: identifiers, pages, volumes and issues, with their ranges
_REFERENCE = re.compile(
    r"(?<!\w)(?:e-?)?ISSN[:\s]*\d{4}[–-]?\d{3}[\dXx]|(?<!\w)ISBN(?:-1[03])?[:\s]*(?:\d[\s-]?){9,12}[\dXx]"
    r"|(?<!\w)(?:(?:pp?|lpp|[Ss]tr|стр|səh)\.?|с\.|[Pp]ages?)\s*\d+(?:\s*[–—-]\s*\d+)?(?:\s*,\s*\d+(?:\s*[–—-]\s*\d+)?)*"
    r"|(?:(?<!\w)(?:(?:[Nn]o|[Nn]r|[Vv]ol)\.|[Vv]olume|[Ii]ssue|[Nn]umber)|№|#)\s*\d+(?:\s*[–—-]\s*\d+)?"
    r"|(?<=\):)\s*\d+(?:\s*[–—-]\s*\d+)?(?:\s*,\s*\d+(?:\s*[–—-]\s*\d+)?)*"  # "27, no. 13 (2017): 2023-2028"
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
_LV_MODIFIER = {"sākum": "early", "vid": "mid", "beig": "late"}  # "sākumā", "līdz … vidum", "līdz … beigām"
_LV_MOD = r"(?P<lvmod>sākum(?:ā|am|a)|vid(?:ū|um|us)|beig(?:ās|ām|as))(?!\w)"
#: the year of the context, of the one after it or of the one before it ("April 11 of that year")
_CONTEXT = re.compile(
    r"\s+of\s+(?:(?P<same>that|the\s+same|that\s+same)|(?P<next>the\s+following|the\s+next)|"
    r"(?P<previous>the\s+previous|the\s+preceding))\s+year(?!\w)"
)
_SINCE = re.compile(r"(?<!\w)[Ss]ince\s+$")  # "for the first time since 1920" looks back: no context year
#: season -> its first month (of three; winter: December to February of the next year)
_SEASONS = {
    "spring": 3,
    "summer": 6,
    "fall": 9,
    "autumn": 9,
    "winter": 12,
    "pavasar": 3,
    "vasar": 6,
    "ruden": 9,
    "ziem": 12,
    "весн": 3,
    "лет": 6,
    "осен": 9,
    "зим": 12,
}
_SEASON = r"(?P<s>(?i:spring|summer|fall|autumn|winter))"
_LV_SEASON = r"(?P<s>pavasarī|vasarā|rudenī|ziemā)"
_RU_SEASON = r"(?P<s>[Вв]есной|[Лл]етом|[Оо]сенью|[Зз]имой)"
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
]


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
    offset: int = 0  # a missing year: the context's year plus this ("of the following year": 1)


@dataclass
class DateMatch:
    """A date expression in a text and its normalisation as TEI attributes."""

    start: int
    end: int
    attributes: dict[str, str]
    year: int | None = None  # the year it gives the context after it: the year written in it, if any


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
    """Day (range), month (range) and year groups: d, d2, m, m2, y."""
    year, month = _int(m, "y"), _month(m.group("m"))
    if m.groupdict().get("mod"):
        last_day = calendar.monthrange(year or 2000, month)[1]
        low, high = _third(1, last_day, m.group("mod"))
        return Point(year, month, low), Point(year, month, high), "approx"
    first = Point(year, month, _int(m, "d"))
    if m.groupdict().get("d2"):
        return first, replace(first, day=int(m.group("d2"))), "range"
    if m.groupdict().get("m2"):
        return first, replace(first, month=_month(m.group("m2"))), "range"
    return first, first, "point"


def _part_of_year(m: re.Match) -> tuple[Point, Point, str]:
    """A third of a year ("early 1990", "1920. gada sākumā": January–April) or a season."""
    year = int(m.group("y")) if m.groupdict().get("y") else None
    if not m.groupdict().get("s"):
        low, high = _third(1, 12, m.group("mod") if m.groupdict().get("mod") else _lv_modifier(m))
        return Point(year, low), Point(year, high), "approx"
    first = next(month for stem, month in _SEASONS.items() if m.group("s").lower().startswith(stem))
    months = [(first + i - 1) % 12 + 1 for i in range(3)]
    if m.groupdict().get("mod"):  # early, mid, late summer: June–July, July, July–August
        months = {"early": months[:2], "mid": months[1:2], "late": months[1:]}[m.group("mod").lower()]
    years = [year + 1 if year is not None and month < first else year for month in months]  # winter: Jan of Y+1
    if year is not None and first == 12 and len(months) == 3:  # the winter of 1991: the one that ends in it
        months, years = [1, *months], [year, *years]  # or the one that begins in it, January 1991–February 1992
    return Point(years[0], months[0]), Point(years[-1], months[-1]), "approx"


def _decade(m: re.Match) -> tuple[Point, Point, str]:
    """A decade ("the 1920s") or two ("1980s and 90s", "1920-1930-cu illərdə")."""
    start = int(m.group("y"))
    second = m.groupdict().get("y2")
    if second:
        end = (start // 100 * 100 + int(second) if len(second) == 2 else int(second)) + 9
        return Point(start), Point(end), "approx"
    low, high = _third(start, start + 9, m.group("mod")) if m.groupdict().get("mod") else (start, start + 9)
    return Point(low), Point(high), "approx"


def _century(m: re.Match) -> tuple[Point, Point, str]:
    if m.groupdict().get("c"):
        number = int(m.group("c"))
    elif m.groupdict().get("cw"):
        number = _ORDINALS.index(m.group("cw").lower().replace(" ", "-")) + 1
    else:
        number = _roman(m.group("cr"))
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
    month, year = _month(m.group("m")), _int(m, "y")
    last = calendar.monthrange(year or 2001, month)[1]  # without a year, February has 28 days
    low, high = _third(1, last, _lv_modifier(m))
    return Point(year, month, low), Point(year, month, high), "approx"


def _lv_modifier(m: re.Match) -> str:
    return next(modifier for stem, modifier in _LV_MODIFIER.items() if m.group("lvmod").startswith(stem))


def _bare_year(m: re.Match) -> tuple[Point, Point, str]:
    point = Point(int(m.group("y")))
    return point, point, "point"


def _no_may_verb(m: re.Match) -> tuple[Point, Point, str] | None:
    """Azerbaijani day and month; "3 may" without a year is too often the English verb."""
    if m.group("m") == "may" and not m.group("y"):
        return None
    return _point(m)


_DAY = r"(?<![\w.,/])(?P<d>\d{1,2})"
_YEAR_AS = rf"(?P<bracket>\[)?{_year()}(?(bracket)\])"  # as written, or supplied in brackets: "May [1988]"
_FROM = r"(?:(?<=[Ff]rom )|(?<=[Bb]etween ))"  # "from March 23 to 26", "between February 25 and 26"
_LV_YEAR = rf"{_year(word=False, alone=True)}\.\s*gad[aā]\s+"  # "1918. gada …"
_DECADE = r"(?<!\w)(?P<y>1\d{2}0|20\d0)"
_RULES = [
    # English
    (rf"{EN}\s+(?P<d>\d{{1,2}}){_ORD}(?!\d)(?:{_DASH}(?P<d2>\d{{1,2}}){_ORD}(?![\d\w]))?(?:,?\s+{_YEAR_AS})?", _point),
    (rf"{_FROM}{EN}\s+(?P<d>\d{{1,2}}){_ORD}\s+(?:to|and|until|through)\s+(?P<d2>\d{{1,2}}){_ORD}(?!\w)", _point),
    (rf"{_DAY}{_ORD}(?:(?:{_DASH}|\s+and\s+)(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?{EN}(?:,?\s+{_YEAR_AS})?", _point),
    (rf"(?:{_MOD})?{EN}(?:,|\s+of)?\s+{_YEAR_AS}", _point),
    (rf"{_MOD}{EN}(?!\s*,?\s*\d)", _point),
    (rf"{_PREPOSITION}(?P<date>{EN})(?!\s*,?\s*\d)", _point),
    (rf"(?<!\w){EN}(?={_CONTEXT.pattern})", _point),
    (rf"(?<!\w)(?:{_MOD})?{_SEASON}(?:\s+of)?\s+{_year()}", _part_of_year),
    (rf"(?<!\w)(?:{_MOD})?{_SEASON}(?={_CONTEXT.pattern})", _part_of_year),
    (rf"(?<!\w){_MOD}{_year()}", _part_of_year),
    (rf"{_DECADE}['’]?s\s+(?:and|to|or)\s+(?:the\s+)?['’]?(?P<y2>\d0|1\d{{2}}0|20\d0)['’]?s(?!\w)", _decade),
    (rf"(?<!\w)(?:{_MOD})?(?P<y>1\d{{2}}0|20\d0)['’]?[sS](?!\w)", _decade),
    (rf"(?<!\w)(?:{_MOD})?(?P<c>\d{{1,2}})(?i:st|nd|rd|th)[\s-]+(?i:century)", _century),
    (
        rf"(?<!\w)(?:{_MOD})?(?P<cw>(?i:{'|'.join(o.replace('-', '[ -]') for o in _ORDINALS)}))[\s-]+(?i:century)",
        _century,
    ),
    (rf"{_year(word=False, alone=True)}[–—-](?P<y2>\d{{2}})(?![\w])(?![.,]\d)", _short_range),
    # Azerbaijani and Russian decades: "1920-ci illərdə", "1920-1930-cu illərdə", "1920–1930-е годы"
    (
        rf"{_DECADE}(?:{_DASH}(?P<y2>1\d{{2}}0|20\d0))?-(?:[cC][iıuüIİUÜ]\s+[iİI][lL][lL][əƏ][rR]\w*|(?:е|х|ые|ых)(?:\s+(?:год\w*|гг\.))?)(?!\w)",
        _decade,
    ),
    (_year(alone=True), _bare_year),
    # Latvian
    (rf"{_LV_YEAR}(?P<d>\d{{1,2}})\.?\s+{LV}", _point),
    (rf"{_LV_YEAR}{LV}(?:{_DASH}{LV2})?", _point),
    (rf"{_LV_YEAR}{_LV_MOD}", _part_of_year),
    (rf"{_LV_YEAR}{_LV_SEASON}(?!\w)", _part_of_year),
    (rf"{_DAY}\.\s*{LV}", _point),
    (rf"{LV},\s+{_year()}", _point),
    (rf"(?<!\w)(?:{_LV_YEAR})?{LV}\s+{_LV_MOD}", _lv_approx),
    (rf"{_DAY}\.\s*[–-]\s*(?P<d2>\d{{1,2}})\.\s*{LV}", _point),  # "24.-26. decembrī"
    (rf"(?<=[Nn]o ){_DAY}\.\s+līdz\s+(?P<d2>\d{{1,2}})\.\s*{LV}", _point),  # "no 14. līdz 21. decembrim"
    (rf"(?<!\w){LV_IN}", _point),
    (r"(?<![\w.])(?P<c>\d{1,2})\.\s*gadsimt[a-zāēīū]*", _century),
    # Russian
    (rf"{_DAY}\s+{RU}(?:\s+{_year()})?", _point),
    (rf"(?<!\w){RU}\s+{_year()}", _point),
    (rf"{_year(word=False, alone=True)}\s*[гГ]\.\s*{RU}", _point),
    (rf"(?<!\w){RU_ALONE}", _point),
    (rf"(?<!\w){_RU_SEASON}\s+{_year()}", _part_of_year),
    (rf"{_DAY}/(?P<mr>[IVX]{{1,4}})-(?P<y>\d{{3,4}})(?!\d)(?:\s*г\.)?", _archival),
    (rf"{_DAY}\.(?P<mn>\d{{1,2}})\.{_year()}", _numeric),
    (r"(?<!\w)(?P<cr>[IVX]{1,5})\s+(?:в\.|век[а-я]*|əsr[a-zəıöüğşç]*)", _century),
    # Azerbaijani
    (rf"{_DAY}\s+{AZ}(?:\s+{_year()})?", _no_may_verb),
    (rf"(?<!\w){AZ}\s+{_year()}", _point),
]
_COMPILED = [(re.compile(pattern), handler) for pattern, handler in _RULES]


def _candidates(text: str) -> list[_Found]:
    references = [m.span() for m in _REFERENCE.finditer(text)]
    found = []
    for pattern, handler in _COMPILED:
        for m in pattern.finditer(text):
            result = handler(m)
            if result is None:
                continue
            first, last, kind = result
            start, end = m.span("date") if m.groupdict().get("date") else m.span()
            if any(start < b and a < end for a, b in references):
                continue
            if first.valid() and last.valid() and not _quantity(text, end, first, kind):
                found.append(_Found(start, end, first, last, kind))
    return found


def _quantity(text: str, end: int, point: Point, kind: str) -> bool:
    """A bare number followed by a unit ("1500 soldiers") rather than a year."""
    return kind == "point" and point.month is None and bool(_UNIT_AFTER.match(text, end))


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


def _from_context(text: str, found: list[_Found]) -> list[_Found]:
    """A date without a year followed by "of that year", "of the following year" … takes that phrase in."""
    for item in found:
        context = _CONTEXT.match(text, item.end)
        if context and item.first.year is None and item.last.year is None:
            item.end = context.end()
            item.offset = 1 if context.group("next") else -1 if context.group("previous") else 0
    return found


def _no_context(text: str, found: _Found, first: Point, last: Point) -> bool:
    """A year that looks back ("since 1920"), a decade or a century: no context for the dates after it."""
    if first.month is not None:
        return False
    return bool(_SINCE.search(text, 0, found.start)) or (last.year or 0) - (first.year or 0) >= 9


_ATTRIBUTES = {"point": ("when",), "range": ("from", "to"), "approx": ("notBefore", "notAfter")}


def find_dates(text: str, year: int | None = None, relative: bool = True) -> list[DateMatch]:
    """The date expressions in ``text``, in order; ``year`` is the year of the context before it
    (not ``relative``: the year of the dates themselves, "of the following year" included)."""
    matches = []
    for found in _from_context(text, _merge_ranges(text, longest_first(_candidates(text)))):
        written = found.last.year or found.first.year
        inferred = written is None
        if inferred and year is None:
            continue
        first_year = written or (year or 0) + (found.offset if relative else 0)
        first = found.first if found.first.year else replace(found.first, year=first_year)
        turn = inferred and found.first.month and found.last.month and found.last.month < found.first.month
        last = found.last if found.last.year else replace(found.last, year=first_year + 1 if turn else first_year)
        if not (first.valid() and last.valid()):
            continue
        names = _ATTRIBUTES[found.kind]
        attributes = {names[0]: first.iso()} if found.kind == "point" else {names[0]: first.iso(), names[1]: last.iso()}
        if inferred:
            attributes.update(cert="medium", evidence="internal")
        context = None if _no_context(text, found, first, last) else written or first.year
        matches.append(DateMatch(found.start, found.end, attributes, context))
        year = context or year
    return matches


def parse_date(text: str, year: int | None = None, relative: bool = True) -> dict[str, str] | None:
    """The normalisation of ``text`` if all of it is one date expression, else None."""
    stripped = " ".join(text.split())
    found = find_dates(stripped, year, relative)
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(stripped)):
        return found[0].attributes
    return None
