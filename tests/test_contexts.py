"""The sentence around a mention (edition.contexts), cut from a block's marked reading text."""

from edition.contexts import CLOSE, OPEN, OPENED, context, marked, sentence


def block(*parts: str | tuple[str, str]) -> str:
    """A marked block from text and (id, name) pairs: each name framed by its marks."""
    return "".join(p if isinstance(p, str) else OPEN + p[0] + OPENED + p[1] + CLOSE for p in parts)


def contexts(text: str, *names: str) -> list[str]:
    plain, spans = marked(text)
    return [context(plain, *spans[name]) for name in names]


def test_each_mention_gets_its_own_sentence():
    text = block(
        "Stalin came. In April ", ("d1", "Kirov"), " left for ", ("d2", "Baku"), ". Then ", ("d3", "Tiflis"), " fell."
    )
    assert contexts(text, "d1", "d2", "d3") == [
        "In April Kirov left for Baku.",
        "In April Kirov left for Baku.",
        "Then Tiflis fell.",
    ]


def test_nested_names_are_found_and_marks_are_not_quoted():
    text = block("The ", ("d1", "Council of " + block(("d2", "Baku"))), " met.")
    assert marked(text) == ("The Council of Baku met.", {"d1": (4, 19), "d2": (15, 19)})
    assert contexts(text, "d1", "d2") == ["The Council of Baku met.", "The Council of Baku met."]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    assert sentence("Dr. Smith met I. ", "Stalin", " in 1920. He left.") == "Dr. Smith met I. Stalin in 1920."


def test_closing_quotes_stay_with_their_sentence():
    assert sentence("He wrote “it ends here.” Then ", "Baku", " “fell.” Later more.") == "Then Baku “fell.”"


def test_a_stop_right_after_the_mention_ends_the_sentence():
    assert sentence("It was ", "Baku", ". Then more.") == "It was Baku."


def test_long_sentences_are_cut_at_word_boundaries():
    words = " ".join(f"word{i}" for i in range(100))
    snippet = sentence(words + " ", "Stalin", " " + words, length=60)
    assert snippet.startswith("…") and snippet.endswith("…") and "Stalin" in snippet
    assert len(snippet) <= 62 and all(w.startswith("word") for w in snippet.strip("…").replace("Stalin", "").split())


def test_the_mention_itself_is_never_cut():
    long = "x" * 300
    assert sentence("Before it ", long, " after it.", length=200) == f"…{long}…"


def test_a_block_without_marks_has_no_names():
    assert marked("No marks here.") == ("No marks here.", {})
