"""The sentence around a mention (edition.contexts), cut from a block's marked reading text."""

from edition.contexts import MARKS, contexts, sentence


def marked(*parts: str) -> str:
    """A block from text and (k, mention) pairs: mention k framed by its marks."""
    return "".join(p if isinstance(p, str) else chr(MARKS + 2 * p[0]) + p[1] + chr(MARKS + 2 * p[0] + 1)
                   for p in parts)


def test_each_mention_gets_its_own_sentence():
    block = marked("Stalin came. In April ", (1, "Kirov"), " left for ", (2, "Baku"), ". Then ", (3, "Tiflis"),
                   " fell.")
    assert contexts(block, 3) == ["In April Kirov left for Baku.", "In April Kirov left for Baku.",
                                  "Then Tiflis fell."]


def test_nested_mentions_and_marks_of_others_are_not_quoted():
    block = marked("The ", (1, "Council of " + marked((2, "Baku"))), " met.")
    assert contexts(block, 2) == ["The Council of Baku met.", "The Council of Baku met."]


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


def test_a_missing_mark_gives_an_empty_context():
    assert contexts(marked("No marks here."), 1) == [""]
