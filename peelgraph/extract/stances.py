"""Stances: sentences of a force's or commissioner's response that accept or dispute.

A disputed grade is linked to the question whose section the sentence stands
in, or to the grades the sentence itself names ("disappointed that we have been
graded as 'requires improvement' for preventing crime ...; and 'inadequate' for
tackling serious and organised crime" disputes two grades, one stance each).
"""

from __future__ import annotations

import re

from peelgraph.extract.facts import DocumentInfo, Judgement, Stance
from peelgraph.extract.grade_relations import area_clauses, areas_listed, grade_clauses
from peelgraph.extract.passes import Context
from peelgraph.extract.prose_grades import PROSE_GRADE_FORMS
from peelgraph.extract.text import evidence
from peelgraph.ingest.document import Document
from peelgraph.reference.peel import normalise_grade
from peelgraph.reference.questions import questions_in

# "Challenged" and "we would challenge" dispute; "the financial challenges" does not.
_DISPUTE = re.compile(
    r"(?i)\b(?:disappointed|disagree\w*|(?:do|does|did)\s+not\s+(?:see|consider|accept|agree|believe|appear\s+to)|"
    r"challeng(?:ed|ing)|(?:I|we|would|to)\s+challenge|(?:made|make|raised?)\s+(?:this|that|a|the)\s+challenge|contrary\s+to|not\s+(?:properly\s+)?reflective|not\s+justified|does\s+not\s+represent|"
    r"greater\s+weight|not\s+deteriorated|discouraging|surprised)\b"
    # A concession and its rebuttal: "While our understanding ... was not consolidated
    # ..., we have sound and developing processes ...".
    r"|\b(?:While|Although|Whilst)\b[^.;]{0,200}\bnot\b[^.;]{0,200},\s*(?:we|I|the\s+(?:force|constabulary))\s+(?:have|has|am|are|is|do|does)\b"
)
_ACCEPT = re.compile(
    r"(?i)\b(?:we\s+accept|I\s+accept|accept\s+the\s+findings|take\s+the\s+findings\s+seriously|agree\s+with)\b"
)
_GRADE_WORD = re.compile(
    r"(?i)\b(?:grad\w+|judg\w+|inadequate|requires?\s+improvement|deteriorated|performance)\b"
)


def _named_grades(ctx: Context, a: int, b: int) -> list[tuple[int, str, str]]:
    """(position, question, grade) of each grade a sentence names: the grade relations
    (:mod:`peelgraph.extract.grade_relations`) and the overall-judgement noun form."""
    text = ctx.text[:b]
    year = ctx.info.inspection_year
    found: dict[str, tuple[int, str, str]] = {}
    for relation in (grade_clauses, area_clauses, areas_listed):
        for binding in relation(ctx.doc, [(a, b)], year):
            found.setdefault(binding.question, (binding.start, binding.question, binding.grade))
    for form in PROSE_GRADE_FORMS:
        for m in form.finditer(text, a):
            grade = normalise_grade(m.group("grade"))
            if grade is None or m.group("phrase") is None:
                continue
            for q, _, _ in questions_in(m.group("phrase"), year):
                found.setdefault(q, (m.start(), q, grade))
    return sorted(found.values())


def extract_stances(doc: Document, info: DocumentInfo, judgements: list[Judgement]) -> list[Stance]:
    """Accepting or disputing statements in a response."""
    if not info.is_response or info.force is None:
        return []
    ctx = Context(doc, info)
    text = doc.text
    grade_of = {j.question: j.grade for j in judgements}
    # Section headings of the letter move the question a statement is about.
    first_section = ctx.sections[0][0] if ctx.sections else None
    out: list[Stance] = []
    for s, e in ctx.sentences:
        sentence = text[s:e]
        if _DISPUTE.search(sentence):
            stance = "disputes"
        elif _ACCEPT.search(sentence):
            stance = "accepts"
        else:
            continue
        named = _named_grades(ctx, s, e)
        if named:
            # A statement naming grades takes a stance on each, split at its grade words.
            for k, (pos, q, named_grade) in enumerate(named):
                a = s if k == 0 else pos
                b = named[k + 1][0] if k + 1 < len(named) else e
                ev = evidence(doc, a, b)
                out.append(
                    Stance(info.force, info.inspection_year, q, named_grade, "grade", stance, ev)
                )
            continue
        # A grade word of one of the report's judgements names that judgement's question.
        by_grade = [j.question for j in judgements if re.search(re.escape(j.grade), sentence, re.I)]
        section = by_grade[0] if len(set(by_grade)) == 1 else ctx.section_at(s)
        target = (
            "area-for-improvement"
            if re.search(r"\bAFI\b|area for improvement", sentence)
            else ("grade" if _GRADE_WORD.search(sentence) else "finding")
        )
        question = section
        if question is None:
            if first_section is not None and s > first_section:
                continue
            target = "grade"  # before the first section: the grades as a whole
        grade = grade_of.get(question) if question and target != "area-for-improvement" else None
        out.append(
            Stance(
                info.force,
                info.inspection_year,
                question,
                grade,
                target,
                stance,
                evidence(doc, s, e),
            )
        )
    return out
