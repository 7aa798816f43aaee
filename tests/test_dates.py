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
    ("From March 23 to 26, some", "March 23 to 26", {"from": "1920-03-23", "to": "1920-03-26", **INFERRED}),
    ("between February 25 and 26, x", "February 25 and 26", {"from": "1920-02-25", "to": "1920-02-26", **INFERRED}),
    ("formed in July of 1988, proved", "July of 1988", {"when": "1988-07"}),
    ("towns on 5 and 6 April with", "5 and 6 April", {"from": "1920-04-05", "to": "1920-04-06", **INFERRED}),
    ("“In May [1988], Karabakh", "May [1988]", {"when": "1988-05"}),
    # the year from the context, the whole phrase
    ("On April 11 of that year, the", "April 11 of that year", {"when": "1920-04-11", **INFERRED}),
    ("in December of the same year.", "December of the same year", {"when": "1920-12", **INFERRED}),
    (
        "By the fall of the following year, the",
        "fall of the following year",
        {"notBefore": "1921-09", "notAfter": "1921-11", **INFERRED},
    ),
    ("in March of the previous year", "March of the previous year", {"when": "1919-03", **INFERRED}),
    # seasons, thirds of a year, decades and centuries
    ("the summer of 1989 came", "summer of 1989", {"notBefore": "1989-06", "notAfter": "1989-08"}),
    ("the late fall of 1993", "late fall of 1993", {"notBefore": "1993-10", "notAfter": "1993-11"}),
    ("the winter of 1991", "winter of 1991", {"notBefore": "1991-01", "notAfter": "1992-02"}),
    ("By early 1990, in", "early 1990", {"notBefore": "1990-01", "notAfter": "1990-04"}),
    ("the 1980s and 90s", "1980s and 90s", {"notBefore": "1980", "notAfter": "1999"}),
    ("the late nineteenth century", "late nineteenth century", {"notBefore": "1866", "notAfter": "1899"}),
    ("the twentieth century", "twentieth century", {"from": "1900", "to": "1999"}),
    ("IN THE 19TH CENTURY", "19TH CENTURY", {"from": "1800", "to": "1899"}),
    ("AND THE 1920S.", "1920S", {"notBefore": "1920", "notAfter": "1929"}),
    # Latvian: a month alone, a year's third, a season, months of a year
    ("Augustā briti pameta", "Augustā", {"when": "1920-08", **INFERRED}),
    ("tomēr aprīlī Deņikins", "aprīlī", {"when": "1920-04", **INFERRED}),
    ("1920. gada sākumā armiju", "1920. gada sākumā", {"notBefore": "1920-01", "notAfter": "1920-04"}),
    ("1919. gada beigās", "1919. gada beigās", {"notBefore": "1919-09", "notAfter": "1919-12"}),
    ("1920. gada aprīļa vidū", "1920. gada aprīļa vidū", {"notBefore": "1920-04-11", "notAfter": "1920-04-20"}),
    ("1919. gada rudenī", "1919. gada rudenī", {"notBefore": "1919-09", "notAfter": "1919-11"}),
    ("1918. gada novembrī-decembrī", "1918. gada novembrī-decembrī", {"from": "1918-11", "to": "1918-12"}),
    ("finanses. 24.-26. decembrī Baku", "24.-26. decembrī", {"from": "1920-12-24", "to": "1920-12-26", **INFERRED}),
    (
        "No 14. līdz 21. decembrim Baku",
        "14. līdz 21. decembrim",
        {"from": "1920-12-14", "to": "1920-12-21", **INFERRED},
    ),
    ("Līdz 1919. gada beigām bija", "1919. gada beigām", {"notBefore": "1919-09", "notAfter": "1919-12"}),
    ("Līdz maija vidum", "maija vidum", {"notBefore": "1920-05-11", "notAfter": "1920-05-20", **INFERRED}),
    # Russian and Azerbaijani
    ("В 1918–1919 годах", "1918–1919 годах", {"from": "1918", "to": "1919"}),
    ("летом 1920 г. в", "летом 1920 г.", {"notBefore": "1920-06", "notAfter": "1920-08"}),
    ("в мае он", "мае", {"when": "1920-05", **INFERRED}),
    ("1920-1930-CU İLLƏRDƏ GƏNCƏ", "1920-1930-CU İLLƏRDƏ", {"notBefore": "1920", "notAfter": "1939"}),
    ("1920-ci illərdə", "1920-ci illərdə", {"notBefore": "1920", "notAfter": "1929"}),
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
        "ISSN 1512-1801",
        "eISSN 2181-1920",
        "ISBN 978-1-4744-1920-3",
        "pp. 1918-1920",
        "p. 1920–1921",
        "pp. 17, 1920",
        "no. 13 (n.d.): 2023-2028, 2025",
        "с. 1920",
        "Vol. 1920",
        "issue 1921",
        "that year",
        "the following year",
        "Марта Иванова",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, year=1920) == []


def test_year_comes_from_the_latest_date_with_a_year():
    text = "In April 1921 it began; on July 29 it ended."
    found = find_dates(text, year=1920)
    assert [d.attributes for d in found] == [{"when": "1921-04"}, {"when": "1921-07-29", **INFERRED}]


def test_two_dates_in_one_bracket():
    text = "(1919 Г. ИЮНЬ, СЕНТЯБРЬ)"
    found = find_dates(text, year=1950)
    assert [(text[d.start : d.end], d.attributes) for d in found] == [
        ("1919 Г. ИЮНЬ", {"when": "1919-06"}),
        ("СЕНТЯБРЬ", {"when": "1919-09", **INFERRED}),
    ]


def test_what_gives_no_context_year():
    """A year that looks back ("since 1920"), a decade and a century leave the context as it was."""
    for text in ("For the first time since 1900, on May 2", "In the 1900s, on May 2", "The 19th century. On May 2"):
        assert find_dates(text, year=1920)[-1].attributes == {"when": "1920-05-02", **INFERRED}, text
    found = find_dates("In 1921 it began; on July 29 of the following year it ended.", year=1920)
    assert found[-1].attributes == {"when": "1922-07-29", **INFERRED}


def test_date_without_year_and_without_context_is_not_proposed():
    assert find_dates("On July 29 it ended.") == []


def test_parse_date_reads_a_whole_text_only():
    assert parse_date("November 7–8,\n  1920") == {"from": "1920-11-07", "to": "1920-11-08"}
    assert parse_date("July 29", year=1920) == {"when": "1920-07-29", **INFERRED}
    assert parse_date("in April 1920") is None
    assert parse_date("n.d.") is None
    assert parse_date("fall of the following year", year=1994, relative=False) == {
        "notBefore": "1994-09",
        "notAfter": "1994-11",
        **INFERRED,
    }
