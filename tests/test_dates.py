"""edition.annotate.dates: recognition, spans and ISO 8601 normalisation in four languages."""

from __future__ import annotations

import pytest

from edition.annotate.dates import find_dates, parse_date

INFERRED = {"cert": "medium", "evidence": "internal"}

# (text, the date's span in it, its attributes); the context year is 1920
EXAMPLES = [
    ("in 1920 the", "1920", {"when": "1920"}),
    ("in April 1920 there", "April 1920", {"when": "1920-04"}),
    ("on July 14, 1920, he", "July 14, 1920", {"when": "1920-07-14"}),
    ("On November 7–8, 1920, x", "November 7–8, 1920", {"from": "1920-11-07", "to": "1920-11-08"}),
    ("the years 1920–1921 were", "1920–1921", {"from": "1920", "to": "1921"}),
    ("in the 1920s", "1920s", {"notBefore": "1920", "notAfter": "1929"}),
    ("On July 29 in", "July 29", {"when": "1920-07-29", **INFERRED}),
    ("in early June the", "early June", {"notBefore": "1920-06-01", "notAfter": "1920-06-10", **INFERRED}),
    ("in early June 1921", "early June 1921", {"notBefore": "1921-06-01", "notAfter": "1921-06-10"}),
    ("pēc 1918. gada 28. maijā", "1918. gada 28. maijā", {"when": "1918-05-28"}),
    ("Viņš 27. aprīlī ieradās", "27. aprīlī", {"when": "1920-04-27", **INFERRED}),
    (
        "no 13. aprīļa līdz 25. jūlijam pastāvēja",
        "13. aprīļa līdz 25. jūlijam",
        {"from": "1920-04-13", "to": "1920-07-25", **INFERRED},
    ),
    (
        "no 1918. gada 28. maija līdz 1920. gada 28. aprīlim",
        "1918. gada 28. maija līdz 1920. gada 28. aprīlim",
        {"from": "1918-05-28", "to": "1920-04-28"},
    ),
    ("no 1918. gada 7 decembra", "1918. gada 7 decembra", {"when": "1918-12-07"}),
    ("Parāde. Jūlijs, 1919", "Jūlijs, 1919", {"when": "1919-07"}),
    ("Maija vidū delegācija", "Maija vidū", {"notBefore": "1920-05-11", "notAfter": "1920-05-20", **INFERRED}),
    ("1918. gadā", "1918. gadā", {"when": "1918"}),
    ("22/II-921 г. Начгарнизона", "22/II-921 г.", {"when": "1921-02-22"}),
    ("the 19th century", "19th century", {"from": "1800", "to": "1899"}),
    ("the early 20th century", "early 20th century", {"notBefore": "1900", "notAfter": "1932"}),
    ("XIX век", "XIX век", {"from": "1800", "to": "1899"}),
    ("Сталин, 28 апреля 1920 г. в Баку", "28 апреля 1920 г.", {"when": "1920-04-28"}),
    ("Протокол. 04.11.1920", "04.11.1920", {"when": "1920-11-04"}),
    ("Bakı, 28 aprel 1920-ci il", "28 aprel 1920-ci il", {"when": "1920-04-28"}),
    ("(1924–1928)", "1924–1928", {"from": "1924", "to": "1928"}),
    ("between 1918 and 1920", "1918 and 1920", {"from": "1918", "to": "1920"}),
    ("by December 1922-until", "December 1922", {"when": "1922-12"}),
    ("14 July 1920", "14 July 1920", {"when": "1920-07-14"}),
    ("in May, he", "May", {"when": "1920-05", **INFERRED}),
    ("Stalin's 1921 letter", "1921", {"when": "1921"}),
]


@pytest.mark.parametrize("text, span, attributes", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples_are_recognised_and_normalised(text, span, attributes):
    found = find_dates(text, year=1920)
    assert [(text[d.start : d.end], d.attributes) for d in found] == [(span, attributes)]


@pytest.mark.parametrize(
    "text",
    [
        "114 000 refugees",
        "1,500 soldiers",
        "1500 soldiers",
        "p. 1920",
        "pp. 1920",
        "No. 1921",
        "10.69760/gqmpzx53",
        "the mayor may 3 may",
        "Article 3 may be",
        "12345",
        "3000",
        "May we",
        "the 1920.5 ratio",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, year=1920) == []


def test_year_comes_from_the_latest_date_with_a_year():
    text = "In April 1921 it began; on July 29 it ended."
    found = find_dates(text, year=1920)
    assert [d.attributes for d in found] == [{"when": "1921-04"}, {"when": "1921-07-29", **INFERRED}]


def test_date_without_year_and_without_context_is_not_proposed():
    assert find_dates("On July 29 it ended.") == []


def test_parse_date_reads_a_whole_text_only():
    assert parse_date("November 7–8,\n  1920") == {"from": "1920-11-07", "to": "1920-11-08"}
    assert parse_date("July 29", year=1920) == {"when": "1920-07-29", **INFERRED}
    assert parse_date("in April 1920") is None
    assert parse_date("n.d.") is None
