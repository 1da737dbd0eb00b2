"""Issue 24: a pattern tried only where one of its prefixes stands finds what finditer
finds. Every text is invented."""

from __future__ import annotations

import itertools
import random
import re

from peelgraph.text.scan import PrefixScan, prefixes

_WORDS = (  # noqa: SIM905 (a word list reads better as words)
    "good Good GOOD outstanding requires improvement Requires  Improvement inadequate "
    "adequate should must needs to Gwent Police gwent police the Metropolitan Police "
    "Service North Yorkshire Police GMP gmp A&S recommend recommendations partner "
    "ſhould İnadequate ıt the force's force’s status: complete no-further action ’good’ "
    "‘Good’ 2017 since last year, inspection. \n\n • - ( ) , ; goodness ungood 'qbname ‘xcname’ zpname' qbnames"
).split(" ")

_PATTERNS = [
    re.compile(
        r"(?i)\b(?=[ogair])(?:\b(outstanding|good|adequate|inadequate|requires?\s+improvement)\b)"
    ),
    re.compile(r"(?i)\b(should|must|needs?\s+to|recommend(?:s|ed|ations?)?)\b"),
    re.compile(r"\b(?:Gwent|North\s+Yorkshire|Metropolitan)\s+Police(?:\s+Service)?\b"),
    re.compile(r"(?i)(?<![\w&])(?:A&S|GMP)(?![\w&])"),
    re.compile(r"(?i)\bthe\s+(?-i:[A-Z]\w+)\s+police\b"),
    re.compile(r"(?i)[‘'\"“]?good[’'\"”]?"),
    re.compile(r"(?i)\bforce[’']s\b"),
    re.compile(r"(?i)no[ -]further[ -]action|complete"),
    re.compile(r"(?:since|last)\s+(?P<what>year|inspection)"),
    # No prefix, but words every match holds: only a text with one of them is scanned.
    re.compile(r"(?i)(?:\b(?:the|a)\s+)?(?:force|police)\b"),
    re.compile(r"(?i)\bin\s+(?:our\s+)?2017\b"),
    # An optional quote first, before more names than are found with each quote: each
    # name tried where it stands and one character before.
    re.compile(
        r"(?<![\w-])['‘]?(?:(?i:good)|(?i:gwent\s+police)|(?i:2017)|(?i:’good’)|"
        + "|".join(f"(?i:{a}{b}name)" for a in "qxz" for b in "bcdfghjklmnp")
        + ")"
    ),
]


def _texts() -> list[str]:
    rnd = random.Random(24)
    texts = ["", "good", "Good good GOOD", "ſhould İnadequate good", "the Gwent Police"]
    for _ in range(300):
        texts.append(" ".join(rnd.choice(_WORDS) for _ in range(rnd.randrange(1, 40))))
    return texts


def _found(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def test_a_prefix_scan_finds_what_finditer_finds() -> None:
    rnd = random.Random(7)
    for pattern in _PATTERNS:
        scan = PrefixScan(pattern)
        for text in _texts():
            assert _found(scan.finditer(text)) == _found(pattern.finditer(text)), (pattern, text)
            i = rnd.randrange(len(text) + 1)
            j = rnd.randrange(i, len(text) + 1)
            assert _found(scan.finditer(text, i, j)) == _found(pattern.finditer(text, i, j))
            first, found = pattern.search(text, i), scan.search(text, i)
            assert (found and found.span()) == (first and first.span())


def test_prefixes_read_from_the_pattern() -> None:
    assert prefixes(_PATTERNS[0]) == ["adequate", "good", "inadequate", "outstanding", "require"]
    assert prefixes(_PATTERNS[2]) == ["gwent", "metropolitan", "north"]
    assert PrefixScan(_PATTERNS[-1]).slack == 1 and prefixes(_PATTERNS[-1]) is None
    assert PrefixScan(_PATTERNS[5]).slack == 0
    assert PrefixScan(_PATTERNS[-3]).words == ["force", "police"]
    assert PrefixScan(_PATTERNS[-2]).words == ["2017"]
    # An optional quote leads: each quote with the word, and the word alone.
    assert "good" in (prefixes(_PATTERNS[5]) or [])
    # No prefix worth finding: a class of characters, a short word, an optional head.
    assert prefixes(re.compile(r"\w+ing")) is None
    assert prefixes(re.compile(r"(?i)\bin\s+2017")) is None
    assert prefixes(re.compile(r"(?:the\s+)?force")) is None


def test_a_text_whose_lower_case_is_unsafe_is_scanned_whole() -> None:
    # "ſ" is matched case-blind by "s", "ı" by "i", and "İ" is two characters in lower case.
    scan = PrefixScan(re.compile(r"(?i)should|inadequate"))
    for text in ("we ſhould act", "İnadequate, and then should", "ınadequate"):
        assert _found(scan.finditer(text)) == _found(scan.pattern.finditer(text))
        assert _found(scan.finditer(text))


_WORD_PATTERNS = [
    re.compile(r"(?i)inspection|report|recommendations"),
    re.compile(r"(?i)last\s+year"),
    re.compile(r"(?:outstanding|good|requires?\s+improvement|not\s+graded)", re.IGNORECASE),
    re.compile(r"Good|GMP"),  # case-sensitive: found in lower case, then searched
    re.compile(r"(?i)force[’']s|should"),
]


def _spans(text: str, rnd: random.Random) -> list[tuple[int, int]]:
    cuts = sorted({0, len(text), *(rnd.randrange(len(text) + 1) for _ in range(6))})
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


def test_spans_holding_finds_the_spans_a_search_of_each_finds() -> None:
    from peelgraph.text.scan import factors, spans_holding

    rnd = random.Random(11)
    texts = [*_texts(), "last\\nyear report", "LAST  YEAR: Report", "the ſhould ınspection"]
    for word in _WORD_PATTERNS:
        assert factors(word)
        for text in texts:
            spans = _spans(text, rnd)
            expected = [(a, b) for a, b in spans if word.search(text, a, b)]
            assert spans_holding(word, text, spans) == expected, (word, text)
            # Every match holds one of the pattern's factors (in lower case; in a text
            # without the letters lower case moves or hides, see text.scan).
            for m in word.finditer("" if set(text) & set("İıſ") else text):
                assert any(f in m.group(0).lower() for f in factors(word) or [])
    # Spans that overlap are searched each, as before.
    text = "a good report"
    assert spans_holding(_WORD_PATTERNS[0], text, [(0, 13), (2, 13)]) == [(0, 13), (2, 13)]


def test_a_sentence_without_follow_announces_nothing() -> None:
    """The sentence kinds try _ANNOUNCES only where "follow" stands (issue 24)."""
    from peelgraph.text.sentences import _ANNOUNCES

    rnd = random.Random(3)
    words = [*_WORDS, "as", "follows", "FOLLOWS:", "the", "Following", "foll", "ows"]
    for _ in range(2000):
        body = " ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 12)))
        assert bool(_ANNOUNCES.match(body)) == (
            "follow" in body.lower() and bool(_ANNOUNCES.match(body))
        )
