"""Grade statements read by structure: grade mentions, area mentions, and relations binding them.

A grade statement is a grade word from the year's closed vocabulary bound to one or more
PEEL areas inside a unit of text. The words of each side come from reference tables
(:mod:`peelgraph.reference.peel` for grades, :mod:`peelgraph.reference.questions` for areas
and the names people give them); this module knows only the relations:

* :func:`adjacent`: a line or table row holding an area and a grade and nothing else, with a
  separator in either order ("Preventing crime - Good", "Good: investigating crime");
* :func:`grade_clauses`: a grade in a grading construction ("is good at", "requires
  improvement in", "judged X to be good in", "'inadequate' for") and the areas of its scope,
  which runs to the next grade or the clause's end, so one sentence may grade several areas
  with several grades ("good at A, good at B and requires improvement in C") and one grade
  may be shared by coordinated areas ("good at preventing and investigating crime"); a
  scope that is only a colon takes the list under it ("rated 'good' at:" then items);
* :func:`grade_headings`: a grade alone as a heading ("Requires improvement") governing the
  bulleted areas under it;
* :func:`area_clauses`: an area as the subject and its grade as the predicate ("the efficiency
  with which the force carries out its responsibilities is good", "the way it tackles
  serious and organised crime requires improvement").

Each relation yields :class:`Binding` values with the subject it found (a force's name, a
pronoun, or None where the unit has none); whose grade it is, and which year's scheme
allows it, is the judgement passes' business.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from peelgraph.extract.lists import bullets
from peelgraph.extract.sections import BULLET_RE
from peelgraph.extract.text import Line, spans_holding
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.reference.peel import normalise_grade, scheme_for
from peelgraph.reference.questions import question_of_phrase, questions_in

_FOUR = r"outstanding|good|requires?\s+improvement|requiring\s+improvement|inadequate"
_FIVE = r"outstanding|good|adequate|requires?\s+improvement|requiring\s+improvement|inadequate"
_UNGRADED = r"ungraded|not\s+graded"
_OPEN_Q = r"['‘\"“]?"
_CLOSE_Q = r"['’\"”]?"


@dataclass(frozen=True)
class Mention:
    """A grade or an area named in the text: its value and where."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Binding:
    """A grade bound to an area: the span that states it and the subject it is said of."""

    grade: str
    question: str
    start: int
    end: int
    subject: str | None = None
    subject_pos: int = 0
    wording: str = ""
    # Where the grade word stands when the span is elsewhere (a list item under "rated
    # 'good' in the following areas:"): the coverage report asks which words were read.
    grade_at: int = -1


def grade_words(year: int | None) -> str:
    """The year's closed vocabulary as a regex alternation: "adequate" is a grade only on
    the five-point scale of 2021/22 onwards; before it, an ordinary word."""
    five = year is None or "Adequate" in scheme_for(year).grades
    return f"(?:{_FIVE if five else _FOUR}|{_UNGRADED})"


@lru_cache(maxsize=8)
def _grade_word(year: int | None) -> re.Pattern[str]:
    return re.compile(grade_words(year), re.IGNORECASE)


def graded_sentences(
    text: str, sentences: list[tuple[int, int]], year: int | None
) -> Iterator[tuple[int, int]]:
    """The sentences that hold a grade word of the year: every sentence form below needs
    one, and most sentences have none. Found once per list of sentences: the five forms
    ask of the same list."""
    memo = getattr(_GRADED, "memo", None)
    if memo is None or memo[0] is not text or memo[1] is not sentences or memo[2] != year:
        memo = _GRADED.memo = (text, sentences, year, _graded(text, sentences, year))
    return iter(memo[3])


# The last list of sentences read, per thread: nothing outlives the document.
_GRADED = threading.local()


def _graded(text: str, sentences: list[tuple[int, int]], year: int | None) -> list[tuple[int, int]]:
    # The vocabulary has no look-around, anchor or word boundary (see spans_holding).
    return spans_holding(_grade_word(year), text, sentences)


def grade_mentions(
    text: str, year: int | None, start: int = 0, end: int | None = None
) -> list[Mention]:
    """Every grade word of the year's vocabulary in ``text[start:end]``."""
    pat = re.compile(rf"\b{grade_words(year)}\b", re.IGNORECASE)
    out = []
    for m in pat.finditer(text, start, len(text) if end is None else end):
        if (g := normalise_grade(m.group())) is not None:
            out.append(Mention(g, m.start(), m.end()))
    return out


# "preventing and investigating crime": two activities sharing one object.
_SHARED_OBJECT = re.compile(r"\b(\w+ing),?\s+and\s+(\w+ing)\s+(?!and\b)([^,;]+)")
# "treating both the public and its workforce fairly": one verb (and its adverb) shared by
# two objects, each an area of its own.
_SHARED_VERB = re.compile(
    r"(?i)\b(\w+ing)\s+both\s+(.{1,80}?)\s+and\s+(.{1,80}?)"
    r"((?:\s+(?:fairly|well|effectively|with\s+fairness\s+and\s+respect))?)\s*$"
)
# "most types of crime" names the area "crime" with a quantifier.
# "across a number of areas including X": the areas are the ones the list names.
_AREAS_INCLUDING = re.compile(
    r"(?i)^\s*(?:(?:a\s+number\s+of|several|all|many|some|\w+)\s+)*(?:areas|categories),?\s+"
    r"(?:including|such\s+as|namely)\s+"
)
_QUANTIFIER = re.compile(
    r"\b(?:most|many|all|some|certain|other)\s+(?:types|forms|kinds|aspects)\s+of\s+"
)

# "anti-social behaviour (ASB)": an abbreviation after an area is not part of its name.
_ABBREVIATION = re.compile(r"\s*\([A-Z]{2,8}s?\)")


def area_mentions(phrase: str, year: int | None, offset: int = 0) -> list[Mention]:
    """The areas a phrase names, read as a list of clauses against the reference lexicon.

    Coordinated activities sharing their object are read as two areas ("preventing and
    investigating crime" is "preventing crime" and "investigating crime"); offsets are
    those of the clause as written (a shared object's clause spans the whole phrase).
    """
    if lead := _AREAS_INCLUDING.match(phrase):
        return area_mentions(phrase[lead.end() :], year, offset + lead.end())
    text = _ABBREVIATION.sub("", _QUANTIFIER.sub("", phrase))
    if both := _SHARED_VERB.search(text):
        verb, x, y, adverb = both.groups()
        spread = questions_in(f"{verb} {x}{adverb} and {verb} {y}{adverb}", year)
        if len(spread) == 2:
            return [Mention(q, offset, offset + len(phrase)) for q, _, _ in spread]
    if shared := _SHARED_OBJECT.search(text):
        a, b, obj = shared.groups()
        spread = [q for q, _, _ in questions_in(f"{a} {obj} and {b} {obj}", year)]
        if spread:
            rest = questions_in(text[: shared.start()] + " and " + text[shared.end() :], year)
            whole = offset + len(phrase)
            return [Mention(q, offset, whole) for q in spread] + [
                Mention(q, offset, whole) for q, _, _ in rest if q not in spread
            ]
    if text != phrase:
        return [Mention(q, offset, offset + len(phrase)) for q, _, _ in questions_in(text, year)]
    return [Mention(q, offset + a, offset + b) for q, a, b in questions_in(phrase, year)]


def _covered(phrase: str, found: list[Mention], offset: int) -> bool:
    """Whether the areas found account for the phrase (what is left is only "and", commas)."""
    left = list(phrase)
    for m in found:
        for i in range(m.start - offset, m.end - offset):
            left[i] = " "
    rest = re.sub(r"(?i)\b(?:and|the|its|both|also)\b|[\W_]", "", "".join(left))
    return len(rest) <= 2


# A unit holding only an area and its grade, in either order, with a separator.
_SEP = r"(?:[ \t]*[-–—:|][ \t]*|\t+|[ \t]{2,})"


def adjacent(doc: Document, lines: list[Line], year: int | None) -> Iterator[Binding]:
    """ "Area – Good", "Good: Area", "Area<TAB>Good": a line that is an area and a grade."""
    grade = rf"{_OPEN_Q}(?P<grade>{grade_words(year)}){_CLOSE_Q}"
    area = r"(?P<area>[A-Za-z][^\n]{2,140}?)"
    forms = (
        re.compile(rf"^{area}{_SEP}{grade}[ \t]*[.;,]?[ \t]*$", re.IGNORECASE),
        re.compile(rf"^{grade}{_SEP}{area}[ \t]*[.;,]?[ \t]*$", re.IGNORECASE),
        # "Good – in A, B and C": the grade's scope after its preposition, a list of areas
        # that may carry more than their names ("as well as", an abbreviation).
        re.compile(
            rf"^{grade}{_SEP}(?P<prep>in|at|for)\s+{area}[ \t]*[.;,]?[ \t]*$", re.IGNORECASE
        ),
    )
    # Every form holds a grade word of the year: only the lines holding one are tried (most
    # hold none, and the first form's lazy area tried each length of a long line before
    # its separator: a millisecond a document on the 10 % sample).
    graded = set(spans_holding(_grade_word(year), doc.text, [(ln.start, ln.end) for ln in lines]))
    for ln in lines:
        if (ln.start, ln.end) not in graded:
            continue
        b = BULLET_RE.match(ln.text)
        body = ln.start + (b.end() if b else 0)
        s = doc.text[body : ln.end]
        for form in forms:
            m = form.match(s)
            if m is None:
                continue
            g = normalise_grade(m.group("grade"))
            a0 = body + m.start("area")
            found = area_mentions(m.group("area"), year, a0)
            if g is None or not found:
                continue
            if "prep" not in form.groupindex and not _covered(m.group("area"), found, a0):
                continue
            for f in found:
                yield Binding(g, f.value, ln.start, ln.end, wording=m.group("area"))
            break


# A grade in a grading construction: optional verb group, the grade, the preposition of its
# scope. "a good understanding", "good practice" have no preposition after the grade.
_VERB = (
    r"(?P<verb>\b(?:is|are|was|were|be|been|being|remains?|remained|rated|graded|judged|assessed|"
    r"deemed|found|considered|(?:a\s+)?(?:rating|grading|grade|judge?ment)\s+of)\s+"
    r"(?:(?:as|to\s+be|to|now|still|also|overall|generally|very|again|consistently|currently|"
    r"only|independently)\s+)*)?"
)
_PREP = (
    r"(?P<prep>in\s+respect\s+of|in\s+terms\s+of|when\s+it\s+comes\s+to|with\s+regard\s+to|"
    r"at|in|for|across)\b"
)
# Where a grade's scope ends: the clause's end, a turn, a new subject.
_SCOPE_END = re.compile(
    r"[.;:!?\n]|\((?![A-Z]{2,8}s?\))|\s[–—-]\s|,\s+(?:which|where)\b|(?<!\bwith)(?<!\bin)\s+which\s+(?!it\b)|"
    r",?\s+(?:but|although|though|however|while|whilst|whereas|"
    r"particularly|especially|so\s+that|because|as\s+well\s+as\s+(?:having|being))\b|"
    r",\s+(?:and\s+)?(?:it|the\s+force|the\s+constabulary|we|there|this)\b|"
    r"\s+and\s+(?:it|has|had|have|the\s+force|the\s+constabulary|there|we|this)\b"
)
# A conjunction left at a scope's end, or one before a parenthetical comma ("and, since
# last year, it ..."): the coordination goes on with a new clause, not another area.
_DANGLING = re.compile(r"(?is),?\s+(?:and|or|but)\s*(?:,.*)?$")
_EARLIER = re.compile(r"(?i)\b(?:last|previous|preceding)\s+(?:year|inspection)\b|\bpreviously\b")
_NOMINAL = re.compile(r"(?i)(?:a\s+)?(?:rating|grading|grade|judge?ment)\b")
_AREAS_HEAD = re.compile(
    r"(?i)\s*(?:all|each\s+of)?\s*(?:the\s+)?(?:\w+\s+)?(?:areas?|pillars?|categories|category|questions?)\s*"
)
_ALL_PILLARS = re.compile(
    r"(?i)\s*(?:all|each|every|each\s+of|all\s+of)\s+(?:the\s+|its\s+)?(?:three\s+)?pillars\s*"
)
_DASH = re.compile(r"[^\S\n]+[–—-][^\S\n]+")
_COLON = re.compile(r"[^\S\n]*:")
# What stands between two clauses; a subject is what is left after the last of them.
_CLAUSE_SEP = re.compile(
    r"[,;:(]|\b(?:and|but|however|that|while|whilst|although|because|so|overall|also|then|"
    r"in\s+general|generally)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"(?i)^.*\b(?:judged|found|assessed|rated|considered|graded|deemed|judges|finds|assesses|rates|"
    r"concludes|concluded|says|said|states|stated|shows|showed|believes|recognises|recognised)\s+"
)
_PREPOSITIONS = frozenset(
    [
        "in",
        "of",
        "at",
        "for",
        "by",
        "with",
        "from",
        "to",
        "across",
        "within",
        "on",
        "about",
        "among",
        "into",
        "under",
        "than",
    ]
)
_AUXILIARIES = re.compile(
    # "The force continues to be good at": the verb's aspect, not part of its subject.
    r"(?:\s+(?:has|have|had|is|are|was|were|been|being|be|to|will|would|may|might|now|"
    r"continues|continued|continue))+\s*$",
    re.IGNORECASE,
)
# "we" stands for the force only on the force's own pages; whose page it is, the caller knows.
PRONOUNS = frozenset({"it", "the force", "the constabulary", "the service", "we"})


def subject_of(pre: str) -> tuple[str | None, int]:
    """The subject standing at the end of ``pre`` (the text before a verb), and where it
    starts; ("", n) when the clause has none (its subject is elided: "..., and is good at")
    and (None, 0) when what stands there is not a force or a pronoun ("officers are good at").
    """
    # The auxiliaries before a reporting verb ("X has been assessed as good") are the verb's.
    pre = _AUXILIARIES.sub("", pre)
    seps = list(_CLAUSE_SEP.finditer(pre))
    tail_start = seps[-1].end() if seps else 0
    # "we judged Gwent Police to be": the subject is the reporting verb's object.
    if rep := _REPORTING.match(pre[tail_start:]):
        tail_start += rep.end()
        # "we graded Gwent Police as": "as" is the reporting verb's, as "to be" is.
        pre = re.sub(r"(?i)\s+as\s*$", "", pre)
    # Spaces and an opening quote stand before a subject, not in it.
    while tail_start < len(pre) and not pre[tail_start].isalnum():
        tail_start += 1
    tail = pre[tail_start:]
    # "Avon and Somerset Constabulary": a name may hold a separator; try the longest tail
    # that is a force, starting at a separator or after a reporting verb.
    words = list(re.finditer(r"\S+", pre))
    for w in words:
        cand = pre[w.start() :].strip()
        if w.start() > tail_start:
            break
        if forces.lookup(cand.rstrip(",")) is not None:
            before = pre[: w.start()].split()
            if not before or before[-1].lower() not in _PREPOSITIONS:
                return cand, w.start()
    t = " ".join(tail.split()).lower()
    if not t:
        return "", tail_start
    if t in PRONOUNS:
        return tail.strip(), tail_start + (len(tail) - len(tail.lstrip()))
    return None, 0


def grade_clauses(
    doc: Document, sentences: list[tuple[int, int]], year: int | None
) -> Iterator[Binding]:
    """Grades in grading constructions, each with the areas of its scope, in each sentence."""
    text = doc.text
    gc = re.compile(
        rf"(?:(?P<poss>\b(?:our|its)\s+)|{_VERB}){_OPEN_Q}(?P<grade>{grade_words(year)}){_CLOSE_Q}"
        # "our 'good' rating for crime recording": the grade before its noun, owned.
        r"(?P<noun>\s+(?:rating|grading|grade|judge?ment))?"
        # "requires improvement overall in its effectiveness"
        r"(?:\s+overall)?"
        rf"(?:\s*\([^)\n]{{0,120}}\))?(?:\s+[–—-])?\s+{_PREP}",
        re.IGNORECASE,
    )
    for a, b in graded_sentences(text, sentences, year):
        found = list(gc.finditer(text, a, b))
        subject: str | None = None
        subject_pos = a
        prev_end = a
        for k, m in enumerate(found):
            head = m.start()
            if _EARLIER.search(text, a, head):
                continue  # "last year, when we judged the force to be good": a back-reference
            if bool(m.group("poss")) != bool(m.group("noun")):
                continue  # "a good grade in ..." is no one's; "its good at" is no grade
            subj, pos = subject_of(text[prev_end:head])
            pos += prev_end
            if m.group("poss"):  # "our": the responding force's own; "its": the force's
                subj, pos = ("we" if m.group("poss").lower().startswith("our") else "it"), head
            nominal = bool(m.group("verb")) and _NOMINAL.match(m.group("verb")) is not None
            if subj == "" and subject is not None:
                subj, pos = subject, subject_pos  # elided: the clause before's subject
            elif subj == "" and k == 0:
                subj, pos = _sentence_subject(text, a, head)
                if subj is None:
                    subj, pos = _lead_in_subject(text, a)
            if nominal and not subj:
                subj, pos = "", head  # "with a rating of 'good' for X": the page's own force
            if subj is None or (subj == "" and not nominal):
                prev_end = m.end()
                subject = None
                continue
            if subj != subject:
                subject, subject_pos = subj, pos
            limit = found[k + 1].start() if k + 1 < len(found) else b
            stop = _SCOPE_END.search(text, m.end(), limit)
            s_end = stop.start() if stop else limit
            # "good at investigating crime and, since last year, it has ...": a coordination
            # the scope's end cut off leaves its conjunction, not part of the area's name.
            scope = text[m.end() : s_end]
            prev_end = m.end()
            g = normalise_grade(m.group("grade"))
            if g is None:
                continue
            # "rated 'good' at:" then its items (the splitter may end the sentence before the
            # colon); "in all three areas: A, B and C" names its areas after the colon.
            after = m.end()
            if _AREAS_HEAD.fullmatch(scope):
                after = s_end
            colon = _COLON.match(text, after) or (
                _DASH.match(text, after) if after != m.end() else None
            )
            if colon and not text[colon.end() : text.find("\n", colon.end())].strip():
                yield from _list_under(
                    doc, g, colon.end(), year, subj, subject_pos, m.start("grade")
                )
                continue
            if colon and after != m.end():
                stop = _SCOPE_END.search(text, colon.end(), b)
                s_end = stop.start() if stop else b
                scope = text[colon.end() : s_end]
            if _ALL_PILLARS.fullmatch(scope) and not colon:
                # "inadequate in each of the three pillars": the grade of every pillar.
                for q in ("overall", "efficiency", "legitimacy"):
                    yield Binding(g, q, head, s_end, subj, subject_pos, scope)
                continue
            scope_at = s_end - len(scope)
            if dangling := _DANGLING.search(scope):
                scope = scope[: dangling.start()]
            for f in area_mentions(scope, year, scope_at):
                yield Binding(g, f.value, head, s_end, subj, subject_pos, scope)


# The subject of a sentence's first clause, for a grade clause whose own subject is elided
# after "and": "Gwent Police has an effective approach to X and is good at Y".
_FIRST_SUBJECT = re.compile(
    r"(?:^|[,;:]\s+|\bthat\s+)(?P<s>(?:[Tt]he\s+(?:force|constabulary|service)|[Ii]t|"
    r"[A-Z][\w&'’-]+(?:\s+(?:and\s+|of\s+)?[A-Z][\w&'’-]+){0,4}))\s+(?:has|have|is|are|was|were|"
    r"received|remains|requires|works|provides|continues|had|needs)\b"
)


def _sentence_subject(text: str, a: int, head: int) -> tuple[str | None, int]:
    # The sentence as its own string: "^" matches where a string starts, not at a search's
    # start position, so a sentence inside a paragraph had no first subject.
    for m in _FIRST_SUBJECT.finditer(text[a:head]):
        s = m.group("s")
        if " ".join(s.split()).lower() in PRONOUNS or forces.lookup(s) is not None:
            return s, a + m.start("s")
    return None, 0


def _lead_in_subject(text: str, a: int) -> tuple[str | None, int]:
    """For a list item whose clause has no subject ("• is 'good' at ..."), the subject of
    the lead-in the list hangs from ("Inspectors found that Kent Police:")."""
    line_start = text.rfind("\n", 0, a) + 1
    if not BULLET_RE.match(text[line_start : a + 4]) and not BULLET_RE.match(text[line_start:a]):
        return None, 0
    pos = line_start - 1
    while pos > 0:
        prev = text.rfind("\n", 0, pos) + 1
        line = text[prev:pos]
        if line.strip() and not BULLET_RE.match(line):
            lead = line.rstrip()
            if not lead.endswith(":"):
                return None, 0
            subj, at = subject_of(lead[:-1] + " ")
            return (subj, prev + at) if subj else (None, 0)
        pos = prev - 1
    return None, 0


def _list_under(
    doc: Document,
    grade: str,
    pos: int,
    year: int | None,
    subject: str | None,
    subject_pos: int,
    grade_at: int = -1,
) -> Iterator[Binding]:
    """The bulleted items after a lead-in ending in a colon, each naming its areas."""
    from peelgraph.extract.text import lines as all_lines

    ls = [ln for ln in all_lines(doc) if ln.end > pos]
    if not ls:
        return
    if ls[0].start < pos:  # the rest of the lead-in's own line
        if doc.text[pos : ls[0].end].strip():
            return
        ls = ls[1:]
    items, _ = bullets(doc, ls, 0)
    for start, end, _subs in items:
        item = doc.text[start:end]
        found = area_mentions(item, year, start)
        if not found:
            break  # the list has turned to something else
        for f in found:
            yield Binding(grade, f.value, start, end, subject, subject_pos, item, grade_at)


def grade_headings(doc: Document, lines: list[Line], year: int | None) -> Iterator[Binding]:
    """A line that is only a grade, then the bulleted areas it governs."""
    only = re.compile(
        rf"^\W*{_OPEN_Q}(?P<grade>{grade_words(year)}){_CLOSE_Q}\s*:?\s*$", re.IGNORECASE
    )
    for i, ln in enumerate(lines):
        m = only.match(ln.text)
        if m is None or BULLET_RE.match(ln.text):
            continue
        g = normalise_grade(m.group("grade"))
        j = i + 1
        while j < len(lines) and not lines[j].stripped:
            j += 1
        if g is None or j >= len(lines) or not BULLET_RE.match(lines[j].text):
            continue
        items, _ = bullets(doc, lines, j)
        for start, end, _subs in items:
            item = doc.text[start:end]
            found = area_mentions(item, year, start)
            if not found or not _covered(item, found, start):
                break
            for f in found:
                yield Binding(
                    g, f.value, start, end, wording=item, grade_at=ln.start + m.start("grade")
                )


def areas_listed(
    doc: Document, sentences: list[tuple[int, int]], year: int | None
) -> Iterator[Binding]:
    """ "The 'inadequate' areas included A and B", "the areas requiring improvement were A, B":
    the grade names a set of areas, and the rest of the sentence lists them."""
    text = doc.text
    grade = rf"{_OPEN_Q}(?P<grade>{grade_words(year)}){_CLOSE_Q}"
    pat = re.compile(
        rf"\b(?:{grade}\s+areas?|areas?\s+(?:(?:graded|rated|judged|highlighted|assessed)\s+(?:as\s+)?)?"
        rf"{grade.replace('(?P<grade>', '(?P<grade2>')})\s+(?:included|includes|include|were|was|are|is)\s+",
        re.IGNORECASE,
    )
    for a, b in graded_sentences(text, sentences, year):
        for m in pat.finditer(text, a, b):
            g = normalise_grade(m.group("grade") or m.group("grade2"))
            stop = _SCOPE_END.search(text, m.end(), b)
            s_end = stop.start() if stop else b
            if g is None:
                continue
            for f in area_mentions(text[m.end() : s_end], year, m.end()):
                yield Binding(g, f.value, m.start(), s_end, wording=text[m.end() : s_end])


def forces_listed(
    doc: Document, sentences: list[tuple[int, int]], year: int | None
) -> Iterator[Binding]:
    """ "The six forces assessed as 'requires improvement' are A, B and C", "The force judged
    as outstanding is D": a national page's grade, and the forces it names for it. The area
    is the page's (bound here as ``overall``, the pillar the page is about)."""
    text = doc.text
    grade = rf"{_OPEN_Q}(?P<grade>{grade_words(year)}){_CLOSE_Q}"
    pat = re.compile(
        r"\b(?:the\s+)?(?:\w+\s+)?forces?\s+(?:(?:that\s+)?(?:were|was|are|is)\s+)?"
        rf"(?:judged|assessed|graded|rated|found)\s+(?:as\s+|to\s+be\s+)?{grade}\s+"
        r"(?:are|is|were|was)\s+",
        re.IGNORECASE,
    )
    for a, b in graded_sentences(text, sentences, year):
        for m in pat.finditer(text, a, b):
            g = normalise_grade(m.group("grade"))
            stop = re.compile(r"[.;:\n]").search(text, m.end(), b)
            s_end = stop.start() if stop else b
            names = [
                n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", text[m.end() : s_end])
            ]
            found = [forces.lookup(n) for n in names if n]
            # Every item must be a force: a list that turns to anything else is not this form.
            if g is None or not found or any(f is None for f in found):
                continue
            for name in names:
                yield Binding(g, "overall", m.start(), s_end, name, m.start(), "")


# The area as the subject, the grade as the predicate: "AREA is good", "AREA requires improvement".
def area_clauses(
    doc: Document, sentences: list[tuple[int, int]], year: int | None
) -> Iterator[Binding]:
    text = doc.text
    pred = re.compile(
        r"(?P<verb>\s+(?:(?:is|are|was|were|remains|has\s+been|have\s+been)"
        r"(?:\s+(?:also|again|still|now|overall|generally|assessed|judged|found|rated|considered|deemed))*"
        # "is judged to require improvement": "to" before the verb of the grade itself.
        r"(?:\s+(?:to\s+be|as|to(?=\s+require\s+improvement)))?\s+|"
        r"(?:still\s+|also\s+)?(?=requires?\s+improvement)))"
        rf"{_OPEN_Q}(?P<grade>{grade_words(year)}){_CLOSE_Q}"
        r"(?=\s*(?:[.;:,!?\n)–—]|$|\s+(?:and|but|overall|in\s+(?:19|20)\d\d)\b))",
        re.IGNORECASE,
    )
    for a, b in graded_sentences(text, sentences, year):
        for m in pred.finditer(text, a, b):
            g = normalise_grade(m.group("grade"))
            if g is None:
                continue
            pre = text[a : m.start()]
            # The noun phrase starts at a clause boundary: the nearest that makes it an area
            # ("... and its approach to tackling serious and organised crime is good").
            cuts = [c.end() for c in _NP_START.finditer(pre)]
            for start in [*reversed(cuts), 0]:
                np = pre[start:]
                q, owner = _area_np(np, year)
                if q is not None:
                    yield Binding(g, q, a + start, m.end(), owner, a + start, np)
                    break


def object_clauses(
    doc: Document, sentences: list[tuple[int, int]], year: int | None
) -> Iterator[Binding]:
    """ "The report grades Kent Police's crime recording as 'good'", "rated its investigations
    as requiring improvement": the area as a grading verb's object, the grade after "as"."""
    text = doc.text
    pat = re.compile(
        r"\b(?:grades|graded|grading|rates|rated|rating|judges|judged|assesses|assessed)\s+"
        rf"(?P<np>[^.;:!?\n]{{3,120}}?)\s+as\s+(?:being\s+)?{_OPEN_Q}(?P<grade>{grade_words(year)})"
        rf"{_CLOSE_Q}(?=\s*(?:[.;:,!?\n)–—]|$|\s+(?:and|but|in|for)\b))",
        re.IGNORECASE,
    )
    for a, b in graded_sentences(text, sentences, year):
        for m in pat.finditer(text, a, b):
            g = normalise_grade(m.group("grade"))
            q, owner = _area_np(m.group("np"), year)
            if g is not None and q is not None:
                yield Binding(g, q, m.start(), m.end(), owner, m.start("np"), m.group("np"))


_NP_START = re.compile(r"[.;:!?\n•]|,\s+|\b(?:and|but|however|that)\s+")
_OWNER = re.compile(r"^\s*(?P<o>[A-Z][\w&'’-]+(?:\s+(?:and\s+)?[A-Z][\w&'’-]+){0,4})[’']s\s+")


# The question a noun phrase names, remembered: the phrases before a grade are tried at
# each clause boundary, and the same ones recur (three in four calls on the benchmark
# sample and on real documents asked what an earlier call had).
_phrase_question = lru_cache(maxsize=16384)(question_of_phrase)


def _area_np(np: str, year: int | None) -> tuple[str | None, str | None]:
    """The area a noun phrase is (wholly), and its owner if it names one ("Kent Police's")."""
    owner = None
    if (o := _OWNER.match(np)) and forces.lookup(o.group("o")) is not None:
        owner = o.group("o")
        np = np[o.end() :]
    np = re.sub(r"(?i)^\s*(?:however|overall|also|in\s+general)\s*,?\s*", "", np)
    return _phrase_question(np, year), owner
