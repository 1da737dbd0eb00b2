"""Sections: where each PEEL question's part of a document begins.

A heading that names a graded question ("How effective is the force at
investigating crime ...?", "Protecting vulnerable people") opens that
question's section until the next one; findings and statements in it belong
to that question. Sub-questions ("How well does the force ...?"), contents
lines and the pillar headings do not move the section.
"""

from __future__ import annotations

import re

from peelgraph.extract.text import Line
from peelgraph.reference.questions import PILLAR_TOKENS, classify_question

BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[•·▪◦‣●○\-–*]|\d{1,2}[.)]|\([a-z0-9]\))[ \t]+")
_CONTENTS_RE = re.compile(r"\.{4,}|\s\d+$")
_HOW_EFFECTIVE_RE = re.compile(r"(?i)how effective")


def is_heading(s: str) -> bool:
    """A line that can be a heading: short, not a sentence or a list item."""
    return 3 < len(s) < 220 and not s.endswith((".", ";", ",", ":")) and "\t" not in s


def section_marks(ls: list[Line], year: int | None = None) -> list[tuple[int, str]]:
    """(position, question) of each heading that opens a question's section, in order."""
    marks: list[tuple[int, str]] = []
    for ln in ls:
        s = ln.stripped
        if not (12 < len(s) < 220) or not is_heading(s) or BULLET_RE.match(ln.text):
            continue
        if _CONTENTS_RE.search(s):
            continue  # contents lines
        if s.endswith("?") and not _HOW_EFFECTIVE_RE.match(s):
            continue  # sub-questions ("How well does the force ...?") do not move the section
        q = classify_question(s, year)
        if q and q not in PILLAR_TOKENS:
            marks.append((ln.start, q))
    return marks
