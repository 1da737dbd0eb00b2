"""Judgements: question -> grade, from the layouts the inspectorate uses.

Three structures are read, none tied to one report:

* a question heading (or a "Summary of findings" under one) followed within a
  few lines by a line that is only a grade word;
* judgement tables: ``label<TAB>grade<TAB>last inspected year`` rows and
  "Overall effectiveness 2017  Requires improvement" lines;
* letters reporting grades: "graded as 'requires improvement' for preventing
  crime ... and 'inadequate' for tackling serious and organised crime".

The first statement of a question's grade in a document wins; later repeats
(summary sections restate grades) are the same judgement.
"""

from __future__ import annotations

import re

from peelgraph.extract.text import Line, evidence, lines
from peelgraph.model import Document, DocumentInfo, Judgement
from peelgraph.reference.peel import GRADE_RE, classify_question, normalise_grade, scheme_for

_GRADE_ONLY = re.compile(rf"^\W*({GRADE_RE.pattern})\W*$", re.IGNORECASE)
# A judgement table row: "label<TAB>grade<TAB>year"; from PDFs the tabs arrive as spaces.
_TABLE_ROW = re.compile(
    rf"^(?P<label>[^\t.;:]{{4,120}}?)[ \t]+(?P<grade>{GRADE_RE.pattern})(?:[ \t]+(?P<year>(?:19|20)\d\d))?\s*$",
    re.IGNORECASE,
)
# A sentence ending in a grade word ("... is good") is prose, not a table row.
_PROSE_TAIL = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|being|as|remains?|rated|judged|not|very|as)\s*$"
)
_OVERALL_LINE = re.compile(
    rf"^(?P<label>overall\s+(?:effectiveness|efficiency|legitimacy)|overall judge?ment)"
    rf"(?:\s+(?P<year>(?:19|20)\d\d))?[\s:\t]+(?P<grade>{GRADE_RE.pattern})\s*$",
    re.IGNORECASE,
)
_SKIP_BETWEEN = re.compile(r"(?i)^(?:last updated|\d{1,2}/\d{1,2}/\d{4}|[\d\W]*$)")
_SUMMARY_HEAD = re.compile(r"(?i)^(?:summary of findings|overall judge?ment|judge?ment)\W*$")
_LETTER_GRADE = re.compile(
    rf"(?:graded|judged|assessed|rated)\s+(?:as\s+)?['‘\"]?(?P<grade>{GRADE_RE.pattern})['’\"]?"
    rf"\s+(?:for|at|in)\s+(?P<label>[^;.'‘]+)"
    rf"|['‘\"](?P<grade2>{GRADE_RE.pattern})['’\"]\s+(?:for|at|in)\s+(?P<label2>[^;.'‘]+)",
    re.IGNORECASE,
)


def _question_of(text: str, pillar: str | None) -> str | None:
    q = classify_question(text)
    if q in {"overall", "efficiency", "legitimacy"} and pillar in {"efficiency", "legitimacy"}:
        return pillar
    return q


def _is_heading(ln: Line) -> bool:
    s = ln.stripped
    return 3 < len(s) < 220 and not s.endswith((".", ";", ",")) and "\t" not in s


def extract_judgements(doc: Document, info: DocumentInfo) -> list[Judgement]:
    if info.force is None or info.inspection_year is None:
        return []
    year = info.inspection_year
    scheme = scheme_for(year).id
    found: dict[str, Judgement] = {}
    reported_by = (
        "force-response" if info.kind in {"force-response", "commissioner-page"} else "inspectorate"
    )

    allowed = scheme_for(year).effectiveness_questions if info.pillar == "effectiveness" else None

    def add(
        question: str | None, grade: str | None, last: int | None, start: int, end: int
    ) -> None:
        if question is None or grade is None or question in found:
            return
        if allowed is not None and question not in allowed:
            return  # not a graded question in that year's scheme (a sub-question)
        found[question] = Judgement(
            force=info.force,  # type: ignore[arg-type]
            inspection_year=year,
            question=question,
            grade=grade,
            last_inspected=last or year,
            scheme=scheme,
            reported_by=reported_by,  # type: ignore[arg-type]
            evidence=evidence(doc, start, end),
        )

    ls = lines(doc)
    current_question: str | None = None
    for i, ln in enumerate(ls):
        s = ln.stripped
        if not s:
            continue
        if m := _OVERALL_LINE.match(s):
            add(
                _question_of(m.group("label"), info.pillar) or "overall",
                normalise_grade(m.group("grade")),
                None,
                ln.start,
                ln.end,
            )
            continue
        if (m := _TABLE_ROW.match(s)) and not _PROSE_TAIL.search(m.group("label")):
            last = int(m.group("year")) if m.group("year") else None
            add(
                _question_of(m.group("label"), info.pillar),
                normalise_grade(m.group("grade")),
                last,
                ln.start,
                ln.end,
            )
            continue
        if _GRADE_ONLY.match(s):
            grade = normalise_grade(_GRADE_ONLY.match(s).group(1))  # type: ignore[union-attr]
            # Walk back over blanks and dates to the heading this grade belongs to.
            j = i - 1
            while j >= 0 and (not ls[j].stripped or _SKIP_BETWEEN.match(ls[j].stripped)):
                j -= 1
            if j < 0 or i - j > 8:
                continue
            head = ls[j]
            q: str | None = _question_of(head.stripped, info.pillar) if _is_heading(head) else None
            if q is None and _SUMMARY_HEAD.match(head.stripped):
                q = current_question if "overall" not in head.stripped.lower() else "overall"
            if q is not None:
                add(q, grade, None, head.start, ln.end)
            continue
        if _is_heading(ln) and len(s) > 12:
            section = _question_of(s, info.pillar)
            # Only a "How effective..." question or a short section title sets the context.
            if section and (s.endswith("?") or len(s) < 80):
                current_question = section
    if reported_by == "force-response":
        for m in _LETTER_GRADE.finditer(doc.text):
            grade = normalise_grade(m.group("grade") or m.group("grade2"))
            label = m.group("label") or m.group("label2")
            add(_question_of(label, info.pillar), grade, None, m.start(), m.end())
    return list(found.values())
