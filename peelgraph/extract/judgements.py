"""Judgements: question -> grade, one pass per form PEEL documents give them in.

Most explicit form first (a later pass never overrides an earlier one's grade
for the same force and question):

1. a question heading followed within a few lines by a line that is only a
   grade word (the effectiveness pages of every year, 2021/22 report sections);
2. judgement tables: ``label<TAB>grade<TAB>year`` rows, "Overall effectiveness
   2017  Requires improvement" lines, and national tables with a row per force;
3. the force summary sentences of 2015-2018 ("The extent to which X is
   effective at keeping people safe and reducing crime is good");
4. grade statements read by structure, the relations of
   :mod:`peelgraph.extract.grade_relations` (an area and its grade on one line, a grade
   heading over its list, a grade clause and its scope, an area as the subject of its
   grade, a sentence listing the areas of one grade), whose subject must be a force
   this page grades; and an overall grade named by a noun ("an overall judgement of
   'requires improvement'");
5. areas the inspectorate says it does not grade ("We do not make graded
   judgments in these areas").

Which wording names which question in which year is the reference tables'
business (:mod:`peelgraph.reference.questions`); these passes only know the forms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from peelgraph.extract.attribution import pillar_question
from peelgraph.extract.facts import DocumentInfo, Judgement
from peelgraph.extract.grade_relations import (
    Binding,
    adjacent,
    area_clauses,
    areas_listed,
    forces_listed,
    grade_clauses,
    grade_headings,
    object_clauses,
)
from peelgraph.extract.passes import Candidate, Context, Pass, settle
from peelgraph.extract.prose_grades import (
    LEAD_IN_SCAN,
    PROSE_GRADE_FORMS,
    STANDS_FOR_A_FORCE,
    force_subject,
)
from peelgraph.extract.sections import is_heading
from peelgraph.extract.text import Line, evidence
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.reference.peel import GRADE_RE, normalise_grade, scheme_for
from peelgraph.reference.questions import PILLAR_TOKENS, classify_question, questions_in
from peelgraph.text.scan import PrefixScan

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
# 2018/19, under a question: "our judgment from the 2016 effectiveness inspection has been
# carried over" (not the risk-based note that judgments of areas not re-inspected remain).
_CARRIED_OVER = re.compile(
    r"(?i)\bjudge?ment\s+from\s+(?:the\s+|our\s+)?(?P<year>(?:19|20)\d\d)\b[^.]{0,80}?"
    r"(?:has\s+been|was|is)\s+carried\s+over"
)
_EXTENT = re.compile(
    r"(?i)\bthe\s+extent\s+to\s+which\s+(?P<subj>the\s+force|the\s+constabulary|[A-Z][\w&'’ -]{2,50}?)\s+"
    r"(?P<how>is\s+effective|is\s+efficient|is\s+legitimate|operates\s+efficiently(?:\s+and\s+sustainably)?|"
    r"treats\s+the\s+public\s+and\s+its\s+workforce\s+legitimately)\b[^.]{0,80}?\s+"
    rf"(?:is\s+)?(?P<grade>{GRADE_RE.pattern})\b"
)
# Both tried only where "judgement"/"judgment" or "the extent" stands (see text.scan).
_CARRIED_OVER_SCAN = PrefixScan(_CARRIED_OVER)
_EXTENT_SCAN = PrefixScan(_EXTENT)
_POSSESSIVE = re.compile(r"([A-Z][\w&'’-]+(?:\s+(?:and\s+)?[A-Z][\w&'’-]+){0,3})[’']s\s+")
_PILLAR_OF = {"effective": "overall", "efficient": "efficiency", "legitimate": "legitimacy"}
_NOT_GRADED = re.compile(
    r"(?i)\b(?:do|did|does)(?:\s+not|n['’]t)\s+(?:make\s+)?(?:a\s+)?grade\w*(?:\s+judge?ments?)?|"
    r"\bnot\s+graded\b|"
    r"\bno\s+graded\s+judge?ments?\b"
)
_TABLE_SPLIT = re.compile(r"\t+|\s{2,}|\s*\|\s*")
_PILLAR_CELL = {"effectiveness": "overall", "efficiency": "efficiency", "legitimacy": "legitimacy"}


def _question_of(ctx: Context, wording: str) -> str | None:
    q = classify_question(wording, ctx.info.inspection_year)
    if q in PILLAR_TOKENS and ctx.info.pillar in {"efficiency", "legitimacy"}:
        return ctx.info.pillar
    return q


def _carried_over(ctx: Context) -> dict[str, int]:
    """Questions whose grade was carried over from an earlier year, with that year."""
    if "carried" not in ctx.extras:
        out: dict[str, int] = {}
        for m in _CARRIED_OVER_SCAN.finditer(ctx.text):
            q = ctx.section_at(m.start())
            if q is not None:
                out.setdefault(q, int(m.group("year")))
        ctx.extras["carried"] = out
    return ctx.extras["carried"]  # type: ignore[return-value]


def _candidate(
    ctx: Context,
    question: str | None,
    grade: str | None,
    start: int,
    end: int,
    *,
    last: int | None = None,
    force: str | None = None,
) -> Candidate[Judgement] | None:
    """A judgement of ``force`` (the document's by default), if the year's scheme grades it."""
    info = ctx.info
    force = force or info.force
    year = info.inspection_year
    if question is None or grade is None or force is None or year is None:
        return None
    question = pillar_question(question, ctx.text[start:end], info.pillar)
    scheme = scheme_for(year)
    allowed = scheme.effectiveness_questions if info.pillar == "effectiveness" else None
    # A pillar's own grade (2014's efficiency beside the effectiveness questions) is always one.
    if allowed is not None and question not in allowed and question not in PILLAR_TOKENS:
        return None  # not a graded question in that year's scheme (a sub-question)
    if grade not in scheme.grades:
        return None  # "adequate" before the five-point scale is a word, not a grade
    judgement = Judgement(
        force=force,
        inspection_year=year,
        question=question,
        grade=grade,
        last_inspected=last or _carried_over(ctx).get(question) or year,
        scheme=scheme.id,
        reported_by=info.reported_by,
        evidence=evidence(ctx.doc, start, end),
    )
    return Candidate(judgement, start, end, key=(force, question))


def heading_then_grade(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """A heading, then (past a "Last updated" line) a line that is only a grade."""
    ls = ctx.lines
    # The question of the last heading that names one: only a summary heading over a grade
    # asks for it, so headings are classified when it does, latest first (classifying every
    # heading of every page was a third of judgement reading).
    current: str | None = None
    pending: list[str] = []  # headings since ``current`` was last settled, in order

    def settled() -> str | None:
        nonlocal current
        for h in reversed(pending):
            if q := _question_of(ctx, h):
                current = q
                break
        pending.clear()
        return current

    for i, ln in enumerate(ls):
        s = ln.stripped
        if not s:
            continue
        m = _GRADE_ONLY.match(s)
        if m is None:
            # Only a "How effective..." question or a short section title sets the context.
            if is_heading(s) and len(s) > 12 and (s.endswith("?") or len(s) < 80):
                pending.append(s)
            continue
        j = i - 1
        while j >= 0 and (not ls[j].stripped or _SKIP_BETWEEN.match(ls[j].stripped)):
            j -= 1
        if j < 0 or i - j > 8:
            continue
        head = ls[j]
        q = _question_of(ctx, head.stripped) if is_heading(head.stripped) else None
        if q is None and _SUMMARY_HEAD.match(head.stripped):
            q = settled() if "overall" not in head.stripped.lower() else "overall"
        if q is None:
            # A note between the question and its grade ("our judgment from 2016 has been
            # carried over", wrapped over lines in a PDF): the question a few lines above.
            k = j - 1
            while k >= 0 and i - k <= 8 and not _GRADE_ONLY.match(ls[k].stripped):
                if ls[k].stripped.endswith("?") and (found := _question_of(ctx, ls[k].stripped)):
                    head, q = ls[k], found
                    break
                k -= 1
        if c := _candidate(ctx, q, normalise_grade(m.group(1)), head.start, ln.end):
            yield c


# A page's table flattened into lines, the question's cell glued to its grade's:
# "How effectively does the force reduce crime and keep people safe?Good".
_QUESTION_GRADE_LINE = re.compile(
    r"^[^\S\n]*(?P<label>How\s[^?\n]{10,200}\?)[^\S\n]*"
    r"(?P<grade>Outstanding|Good|Adequate|Requires\s+improvement|Inadequate)[^\S\n]*$"
)


def question_grade_lines(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """A question and its grade on one line, as a flattened table gives them."""
    for ln in ctx.lines:
        m = _QUESTION_GRADE_LINE.match(ln.text)
        q = _question_of(ctx, m.group("label")) if m else None
        if m and (c := _candidate(ctx, q, normalise_grade(m.group("grade")), ln.start, ln.end)):
            yield c


def table_rows(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """Judgement tables: label, grade and last-inspected year on one line."""
    for ln in ctx.lines:
        s = ln.stripped
        if m := _OVERALL_LINE.match(s):
            q = _question_of(ctx, m.group("label")) or "overall"
            if c := _candidate(ctx, q, normalise_grade(m.group("grade")), ln.start, ln.end):
                yield c
        elif (m := _TABLE_ROW.match(s)) and not _PROSE_TAIL.search(m.group("label")):
            last = int(m.group("year")) if m.group("year") else None
            label = m.group("label").strip(" \t·•*–-")
            # A row may name several questions ("Investigating crime, responding to the public").
            named: list[str | None] = [
                q for q, _, _ in questions_in(label, ctx.info.inspection_year)
            ]
            grade = normalise_grade(m.group("grade"))
            for question in named or [_question_of(ctx, label)]:
                if c := _candidate(ctx, question, grade, ln.start, ln.end, last=last):
                    yield c


# White space other than a line break or a space (rare: a tab, a no-break space ...).
_ODD_SPACE = re.compile(r"[^\S\n ]")


def _lines_with_cells(text: str, lines: list[Line]) -> set[int]:
    """The indexes of the lines that may hold a cell separator: a tab, a bar, or two white
    spaces in a row (no line break in a line); a line with none has one cell at most.

    Splitting every line, most of them prose of one cell, was 1.4 ms a document on the
    10 % sample (the separator's bar form may start anywhere). Found instead with
    ``str.find`` (tabs, bars, two spaces) and, for a pair with any other white space in it,
    at each such character, which is rare."""
    at: list[int] = []
    for sep in ("\t", "|", "  "):
        i = text.find(sep)
        while i >= 0:
            at.append(i)
            i = text.find(sep, i + 1)
    for m in _ODD_SPACE.finditer(text):
        i = m.start()
        if i + 1 < len(text) and text[i + 1] != "\n" and text[i + 1].isspace():
            at.append(i)
        if i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
            at.append(i - 1)
    starts = [ln.start for ln in lines]
    return {bisect_right(starts, i) - 1 for i in at}


def national_table(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """A grades table of many forces: a header of questions, then a row per force."""
    columns: list[str | None] | None = None
    with_cells = _lines_with_cells(ctx.text, ctx.lines)
    for i, ln in enumerate(ctx.lines):
        if i not in with_cells:
            continue  # one cell at most: neither a header nor a row
        cells = [c for c in _TABLE_SPLIT.split(ln.stripped) if c]
        if len(cells) < 2:
            continue
        force = forces.lookup(cells[0])
        if force is None:
            heads = [
                _PILLAR_CELL.get(c.lower()) or classify_question(c, ctx.info.inspection_year)
                for c in cells[1:]
            ]
            if sum(h is not None for h in heads) >= 2:
                columns = heads
            continue
        if columns is None:
            continue
        for q, cell in zip(columns, cells[1:], strict=False):
            c = _candidate(ctx, q, normalise_grade(cell), ln.start, ln.end, force=force.slug)
            if c is not None:
                yield c


def extent_sentences(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """ "The extent to which the force is effective at ... is good": a pillar's grade."""
    for m in _EXTENT_SCAN.finditer(ctx.text):
        if not force_subject(ctx, m.group("subj")):
            continue
        how = m.group("how").lower()
        q = next((v for k, v in _PILLAR_OF.items() if k in how), None)
        if c := _candidate(ctx, q, normalise_grade(m.group("grade")), m.start(), m.end()):
            yield c


def prose_grades(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """Grades stated in sentences, by the inspectorate or by someone reporting them."""
    text = ctx.text
    year = ctx.info.inspection_year
    sections = _force_sections(ctx)
    for form in PROSE_GRADE_FORMS:
        for m in form.finditer(text):
            subject = m.group("subj") if "subj" in form.groupindex else None
            force = None
            if subject is not None:
                graded, force = _whose(ctx, subject, sections, m.start())
                if not graded:
                    continue
            grade = normalise_grade(m.group("grade"))
            phrase = m.group("phrase")
            if grade is None or phrase is None:
                continue
            # "Gwent Police's overall effectiveness ... is good": the owner must be this force
            # (or, on a national page, a force it names).
            if owner := _POSSESSIVE.match(phrase):
                graded, force = _whose(ctx, owner.group(1), sections, m.start())
                if not graded:
                    continue
                phrase = phrase[owner.end() :]
            start = m.start()
            for q, _, _ in questions_in(phrase, year):
                if c := _candidate(ctx, q, grade, start, m.end(), force=force):
                    yield c


def _force_sections(ctx: Context) -> list[tuple[int, str]]:
    """On a page about many forces, where each force's part begins: (position, slug) of
    each lead-in that grades a named force ("Inspectors found that Cleveland Police:")."""
    if ctx.info.scope != "national":
        return []
    out = []
    for m in LEAD_IN_SCAN.finditer(ctx.text):
        subject = m.group("subj").strip()
        if named := forces.lookup(subject) or _named_force(subject):
            out.append((m.start(), named.slug))
    return out


def _whose(
    ctx: Context, subject: str, sections: list[tuple[int, str]], pos: int
) -> tuple[bool, str | None]:
    """Whether a sentence's subject is a force this page grades, and which: the
    document's own (None), or on a page about many forces, the one it names, or for
    "the constabulary", "it", the force whose part of the page it stands in (a slug)."""
    if force_subject(ctx, subject):
        return True, None
    if ctx.info.scope != "national":
        return False, None
    named = forces.lookup(subject.strip()) or _named_force(subject)
    if named is None and " ".join(subject.split()).lower() in STANDS_FOR_A_FORCE:
        slug = next((f for start, f in reversed(sections) if start < pos), None)
        return slug is not None, slug
    return named is not None, named.slug if named else None


def _bound(
    ctx: Context, bindings: Iterable[Binding], sections: list[tuple[int, str]] | None = None
) -> Iterator[Candidate[Judgement]]:
    """Judgements from grades bound to areas: the subject must be a force this page grades
    (a unit with no subject, a list or a table row, is the document's own)."""
    for b in bindings:
        force = None
        if b.subject and b.subject.lower() == "we":
            if not ctx.info.is_response:
                continue  # the inspectorate's "we" grades nobody
        elif b.subject:
            graded, force = _whose(ctx, b.subject, sections or [], b.subject_pos)
            if not graded:
                continue
        q = b.question
        # "an overall rating of good" on a page of one pillar grades that pillar.
        pillar = ctx.info.pillar
        if (
            q == "overall"
            and pillar in {"efficiency", "legitimacy"}
            and "effective" not in b.wording
        ):
            q = pillar
        last = _stated_earlier(ctx, b.start)
        if last is not None and q in _carried_over(ctx):
            last = None  # the question's own carried-over note says which year it was
        if c := _candidate(ctx, q, b.grade, b.start, b.end, force=force, last=last):
            yield c


# 2018/19 pages state a carried-over grade as "In 2017, we judged the force to be good at ...":
# the grade stands for this round, last inspected in the year the sentence names.
_IN_YEAR_WE_JUDGED = re.compile(
    r"(?i)\bin\s+(?P<year>(?:19|20)\d\d)(?:\s*/\s*\d\d)?,?\s+(?:we|HMIC\w*|the\s+inspectorate)\s+"
    r"(?:judged|assessed|found|graded|rated)\b"
)


def _stated_earlier(ctx: Context, pos: int) -> int | None:
    """The earlier year a grade's sentence says it was given in, if before this round."""
    year = ctx.info.inspection_year
    a = _sentence_start(ctx, pos)
    m = _IN_YEAR_WE_JUDGED.search(ctx.text, a, pos + 1) if pos >= a else None
    if m is None or year is None or int(m.group("year")) >= year:
        return None
    return int(m.group("year"))


def _sentence_start(ctx: Context, pos: int) -> int:
    """The start of the sentence holding ``pos`` (``pos`` itself where none does)."""
    # The sentences are sorted and do not overlap, so the one that can hold ``pos`` is the
    # last to start at or before it: a bisection, where a scan of every sentence for every
    # bound grade cost a long page seconds.
    starts: list[int] | None = ctx.extras.get("sentence_starts")  # type: ignore[assignment]
    if starts is None:
        starts = ctx.extras["sentence_starts"] = [s0 for s0, _ in ctx.sentences]
    i = bisect_right(starts, pos) - 1
    return starts[i] if i >= 0 and pos < ctx.sentences[i][1] else pos


def adjacent_units(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """A line that is an area and its grade, in either order ("Preventing crime - good")."""
    yield from _bound(ctx, adjacent(ctx.doc, ctx.lines, ctx.info.inspection_year))


def grade_heading_lists(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """A grade alone as a heading, and the bulleted areas under it."""
    yield from _bound(ctx, grade_headings(ctx.doc, ctx.lines, ctx.info.inspection_year))


def grade_clause_sentences(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """Grades in grading constructions and the areas each one's scope names."""
    bindings = grade_clauses(ctx.doc, ctx.sentences, ctx.info.inspection_year)
    yield from _bound(ctx, bindings, _force_sections(ctx))


def areas_listed_sentences(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """ "The 'inadequate' areas included A and B": a grade naming the areas a sentence lists."""
    yield from _bound(ctx, areas_listed(ctx.doc, ctx.sentences, ctx.info.inspection_year))


def area_clause_sentences(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """An area as a sentence's subject and its grade as the predicate."""
    bindings = area_clauses(ctx.doc, ctx.sentences, ctx.info.inspection_year)
    yield from _bound(ctx, bindings, _force_sections(ctx))


def object_clause_sentences(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """An area as a grading verb's object: "rated its crime recording as 'good'"."""
    bindings = object_clauses(ctx.doc, ctx.sentences, ctx.info.inspection_year)
    yield from _bound(ctx, bindings, _force_sections(ctx))


def forces_listed_sentences(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """A national page about one pillar: "The forces judged as 'good' are A, B and C"."""
    if ctx.info.scope != "national" or ctx.info.pillar is None:
        return
    yield from _bound(ctx, forces_listed(ctx.doc, ctx.sentences, ctx.info.inspection_year))


def _named_force(subject: str) -> forces.Force | None:
    words = subject.split()
    for n in range(len(words), 0, -1):
        if f := forces.lookup(" ".join(words[-n:])):
            return f
    return None


def ungraded_areas(ctx: Context) -> Iterator[Candidate[Judgement]]:
    """Areas inspected but not graded: "We do not make graded judgments in these areas"."""
    text = ctx.text
    sents = ctx.sentences
    for i, (a, b) in enumerate(sents):
        if not _NOT_GRADED.search(text, a, b):
            continue
        for s0, s1 in sents[max(0, i - 1) : i + 1]:
            sentence = text[s0:s1]
            cut = re.search(r"(?i)\b(?:inspected|assessed|looked\s+at)\s+", sentence)
            phrase = sentence[cut.end() :] if cut else sentence
            for q, _, _ in questions_in(phrase, ctx.info.inspection_year):
                if c := _candidate(ctx, q, "Ungraded", s0, b):
                    yield c


JUDGEMENT_PASSES: tuple[Pass[Judgement], ...] = (
    heading_then_grade,
    question_grade_lines,
    table_rows,
    national_table,
    extent_sentences,
    adjacent_units,
    grade_heading_lists,
    grade_clause_sentences,
    area_clause_sentences,
    object_clause_sentences,
    areas_listed_sentences,
    forces_listed_sentences,
    prose_grades,
    ungraded_areas,
)


def extract_judgements(doc: Document, info: DocumentInfo) -> list[Judgement]:
    if info.inspection_year is None:
        return []
    return settle(Context(doc, info), JUDGEMENT_PASSES)
