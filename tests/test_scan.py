"""Issue 24: a pattern tried only where one of its prefixes stands finds what finditer
finds. Every text is invented."""

from __future__ import annotations

import random
import re

from peelgraph.text.scan import PrefixScan, prefixes

_WORDS = (  # noqa: SIM905 (a word list reads better as words)
    "good Good GOOD outstanding requires improvement Requires  Improvement inadequate "
    "adequate should must needs to Gwent Police gwent police the Metropolitan Police "
    "Service North Yorkshire Police GMP gmp A&S recommend recommendations partner "
    "ſhould İnadequate ıt the force's force’s status: complete no-further action ’good’ "
    "‘Good’ 2017 since last year, inspection. \n\n • - ( ) , ; goodness ungood"
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
