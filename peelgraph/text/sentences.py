"""The one sentence splitter of the project.

Evidence spans, the sentence index a document graph carries and the units the
linker pairs are all cut by :func:`sentence_spans`, so that two facts quoting
the same sentence quote the same characters.
"""

from __future__ import annotations

import re

# A sentence: up to a full stop (not one inside a number), a line end or a list bullet.
_SENTENCE = re.compile(r"[^.!?\n•]+(?:\.(?=\d)[^.!?\n•]*)*[.!?]?")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, white space trimmed.

    Offsets count in ``text``; a sentence never crosses ``start`` or ``end``.
    """
    stop = len(text) if end is None else end
    out = []
    for m in _SENTENCE.finditer(text, start, stop):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out
