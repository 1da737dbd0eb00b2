"""The one sentence splitter, on invented text."""

from __future__ import annotations

from peelgraph.text.sentences import sentence_around, sentence_spans, sentences

_TEXT = (
    "Summary\n\n"
    "The force is good, e.g. at Dr. Jones's request. It has 2.5 officers per 1,000 people! Is it?\n"
    "The force should immediately take steps to:\n\n"
    "• introduce a daily review; • agree a joint protocol with the\nlocal authority and\n"
    "Kent County Council.\n"
    "- train call handlers\n"
    "1. review missing children\n"
    "How effective is the force at tackling crime?\n\n"
    "Good\n"
    "The force has made\nprogress since 2016. It uses J. Smith's model."
)


def _pieces(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in sentences(text)]


def test_sentences_end_at_stops_not_at_abbreviations_initials_or_numbers() -> None:
    got = [t for _, t in _pieces(_TEXT)]
    assert "The force is good, e.g. at Dr. Jones's request." in got
    assert "It has 2.5 officers per 1,000 people!" in got
    assert "Is it?" in got
    assert "It uses J. Smith's model." in got


def test_wrapped_lines_are_joined_and_headings_items_and_stubs_are_their_own() -> None:
    pieces = _pieces(_TEXT)
    assert ("heading", "Summary") in pieces
    assert ("stub", "The force should immediately take steps to:") in pieces
    assert ("item", "introduce a daily review;") in pieces
    assert (
        "item",
        "agree a joint protocol with the\nlocal authority and\nKent County Council.",
    ) in pieces
    assert ("item", "train call handlers") in pieces
    assert ("item", "review missing children") in pieces
    assert ("heading", "Good") in pieces
    assert ("sentence", "The force has made\nprogress since 2016.") in pieces


def test_offsets_count_in_the_whole_text_and_bounds_are_kept() -> None:
    start = _TEXT.index("It has")
    end = _TEXT.index("Is it?")
    spans = sentence_spans(_TEXT, start, end)
    assert [_TEXT[a:b] for a, b in spans] == ["It has 2.5 officers per 1,000 people!"]
    for a, b in sentence_spans(_TEXT):
        assert _TEXT[a:b] == _TEXT[a:b].strip()


def test_the_sentence_around_a_mention() -> None:
    i = _TEXT.index("2.5")
    a, b = sentence_around(_TEXT, i, i + 3)
    assert _TEXT[a:b] == "It has 2.5 officers per 1,000 people!"
    long = "word " * 200 + "MASH " + "word " * 200
    i = long.index("MASH")
    a, b = sentence_around(long, i, i + 4, limit=100)
    assert b - a <= 100 and a <= i and i + 4 <= b


def test_a_sentence_announcing_what_follows_is_a_lead_in() -> None:
    text = (
        "The following area for improvement was included in the 2017 report. The force should act."
    )
    kinds = [s.kind for s in sentences(text)]
    assert kinds == ["stub", "sentence"]


# Every boundary form near every window edge: a stop before spaces and a line break, a
# glued stop, a wrapped line ending on "and", a bullet, blank lines with spaces about them,
# a numbered item, an initial.
_EDGES = (
    "Results .  \nThe force improved.It now acts! Mr. J. Smith said so.\t\n"
    "It works with\npartners and\nthe council.  \n \n  • one item;• two\n"
    "1. review cases  \n\n\nGood\nThe end?  Yes."
)


def test_a_window_is_split_as_the_whole_text_would_be_cut_there() -> None:
    """Windows are read from the whole text's split (cached per text): the same
    sentences as splitting the window alone, wherever its edges fall."""
    from peelgraph.text.sentences import _Split

    for text in (_EDGES, _TEXT[:160]):
        whole = _Split(text)
        assert whole.spans == sentences(text)
        for lo in range(len(text) + 1):
            for hi in range(lo + 1, len(text) + 1):
                assert whole.window(lo, hi) == sentences(text, lo, hi), (lo, hi)


def test_the_candidate_screen_changes_no_candidate() -> None:
    """The boundary pattern tries the characters candidates start with first (for speed):
    the same candidates, of the same forms, as the forms alone find."""
    import random
    import re

    from peelgraph.text.sentences import _CANDIDATE

    screen = "(?=[ \\t\\n•.!?])(?:"
    assert _CANDIDATE.pattern.startswith(screen) and _CANDIDATE.pattern.endswith(")")
    forms = re.compile(_CANDIDATE.pattern[len(screen) : -1])
    rnd = random.Random(11)
    alphabet = "aZ9 \t\n•.!?\"')]”x"
    samples = [_TEXT, _EDGES]
    samples += [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(30))) for _ in range(5000)
    ]
    for text in samples:
        got = [(m.span(), m.lastgroup) for m in _CANDIDATE.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in forms.finditer(text)], text
