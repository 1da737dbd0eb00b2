"""Cues: the words that signal a fact, and whether the extracted facts account for them.

The project's own recall alarm. A cue is found by a few plain patterns,
independent of the passes that extract facts: a grade word (grade cue); a
modal or a finding's name, "should", "must", "needs to", "area for
improvement", "cause of concern", "recommend" (finding cue); a reference to an
earlier inspection or year (back-reference cue); a status word (status cue).

Each cue is then *accounted for* by a fact of its family whose evidence holds
it, or *ruled out* by a named rule that says why the words state no fact here
(:data:`RULES`: "good practice", "a good understanding", the grading scale
explained, the speaker's own intention ...), or else *not read*: a fact the
extractor may have missed. Rules look at the words around the cue and the
document's structure (its title, headings), never at one document's wording,
and each names what it rules out so that the counts show what they hide.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from peelgraph.extract.facts import Facts
from peelgraph.extract.text import Line
from peelgraph.reference import forces, peel
from peelgraph.reference.kinds import TRACKING_KINDS
from peelgraph.text.scan import PrefixScan, lower

CUE_KINDS = ("grade", "finding", "back-reference", "status")
# The fact types whose evidence accounts for a cue of each kind: a grade is read as a
# judgement, or as a grade a response disputes or a back-reference recalls; a finding's
# words as a finding, a status comment, a back-reference or a stance.
ACCOUNTING: dict[str, tuple[str, ...]] = {
    "grade": ("judgements", "stances", "back_references"),
    "finding": ("findings", "status_events", "back_references", "stances"),
    "back-reference": ("back_references", "findings", "status_events", "judgements"),
    "status": ("status_events", "back_references"),
}

_GRADE_WORDS = (
    r"outstanding|good|adequate|inadequate|requires?\s+improvement|requiring\s+improvement"
)


def _led(letters: str, pattern: str) -> re.Pattern[str]:
    """A case-blind cue pattern that starts only at a word whose first letter is one of
    ``letters`` (every alternative's first letters): the look-ahead rules out most
    positions at once, where each alternative would be tried in turn. Same matches."""
    return re.compile(rf"(?i)\b(?=[{letters}])(?:{pattern})")


_GRADE_CUE_RE = _led("ogair", rf"\b({_GRADE_WORDS})\b")
_FINDING_CUE_RE = _led(
    "smnacr",
    r"\b(should|must|needs?\s+to|areas?\s+for\s+improvement|causes?\s+(?:of|for)\s+concern|"
    r"recommend(?:s|ed|ing|ations?)?)\b",
)
_YEAR = r"(?:19|20)\d\d(?:\s*[/–-]\s*\d\d(?!\d))?"
# Not "first": "the first PEEL assessment" is how a 2014 page names its own round.
_EARLIER = r"(?:last|previous|earlier|prior)"
_INSPECTION = r"(?:PEEL\s+)?(?:\w+\s+)?(?:inspections?|reports?|assessments?|PEEL)"
_BACKREF_CUE_RE = _led(
    "sotihaf",
    rf"\bsince\s+(?:our|the|its|HMIC\w*[’']s?)?\s*(?:{_EARLIER}|{_YEAR})\s+{_INSPECTION}\b"
    rf"|\b(?:our|the|its|HMIC\w*[’']s?)\s+{_EARLIER}\s+{_INSPECTION}\b"
    rf"|\bin\s+(?:our|the|its|HMIC\w*[’']s?)\s+{_YEAR}\s+{_INSPECTION}\b"
    rf"|\b(?:in|since)\s+{_YEAR},?\s+(?:we|HMIC\w*|the\s+inspectorate)\s+"
    r"(?:judged|found|graded|rated|said|reported|raised|made|recommended|identified|inspected)\b"
    # "Since 2016 it has ...", "the same as last year", "since last year's inspection".
    rf"|\bsince\s+(?:(?:our|the)\s+)?{_YEAR}\b(?!\s*[/–-])"
    r"|\b(?:as|than|since|from)\s+(?:last|the\s+previous)\s+year\b",
)
_STATUS_CUE_RE = _led("abcnsp", rf"\b(?:{peel.STATUS_WORDS_RE.pattern})\b")

_WORD_AFTER_RE = re.compile(r"[^\S\n]*[‘’'\"“”]?[^\S\n]*([A-Za-z][\w-]*)?")
# Words after a grade word that keep it a grade ("good at", "good overall", "good in
# four areas"); any other lower-case word makes it an adjective before its noun.
_GRADE_FOLLOWERS = frozenset(
    [
        "at",
        "in",
        "for",
        "overall",
        "and",
        "or",
        "across",
        "with",
        "to",
        "when",
        "on",
        "because",
        "but",
        "as",
        "since",
        "compared",
        "against",
        "by",
        "from",
        "also",
        "again",
        "now",
        "this",
        "last",
        "grade",
        "grades",
        "rating",
        "ratings",
        "judgment",
        "judgments",
        "judgement",
        "judgements",
        "is",
        "was",
        "were",
        "are",
    ]
)
_DEGREE_RE = re.compile(
    r"(?i)\b(?:so|too|quite|more|less|not|less\s+than|"
    r"reasonably|fairly|relatively|sufficiently|how)\s+[‘'\"“]?$"
    # "experiences ..., not all of which will be good": a negated generalisation.
    r"|\bnot\s+all\s+(?:of\s+)?(?:which|them|these|those)\s+(?:will|would|are|were|is|can)\s+"
    r"(?:be\s+)?[‘'\"“]?$"
)
_PRACTICE_RE = re.compile(r"(?i)^[\w\s]*?\s+practices?\b")
# Quotes too: "'outstanding', 'good' 'requires improvement' or 'inadequate'" is the scale.
_SCALE_SEP_RE = re.compile(r"^[\s,;/•*·|()–‘’'\"“”-]*(?:(?:or|and|to)\b[\s,;/•*·|()–‘’'\"“”-]*)?$")
_FIRST_PERSON_RE = re.compile(r"(?i)\b(?:we|I|you|us)\s+(?:\w+\s+){0,2}$")
_QUANTIFIED_RE = re.compile(
    r"(?i)\b(?:\d+|no|any|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|some|these|those|all|previous|earlier|remaining|further|new|each|both|many|"
    r"other|its|their|our|the\s+\d+|outstanding|open|existing)\s+(?:\w+\s+)?$"
)
_TERMS_RE = re.compile(
    r"(?i)\b(?:we\s+(?:make|issue|give|use|identify|raise|set\s+out|may)|"
    r"(?:is|are)\s+(?:an?\s+)?(?:issue|term|something|where|when|what)\b|"
    r"definition|defined\s+as|explains?\s+what)"
)
_FORCES_IN_GENERAL_RE = re.compile(
    r"(?i)\b(?:all|most|many|some|several|other|more|fewer|\d+|the\s+43|police|of\s+the|"
    r"half\s+of|those|these)\s+forces\b"
    r"|\bforces\s+(?:were|are|have|that|which)\b"
    r"|\bpolicing\s+(?:across|in)\s+England\s+and\s+Wales\b"
)
_PEEL_HISTORY_RE = re.compile(
    r"(?i)\b(?:introduced|changed|moved\s+to|began|launched|adopted|developed|replaced)\b"
)
_NOT_DONE_RE = re.compile(r"(?i)\b(?:remain(?:s|ing|ed)?|still|are|is)\s+$")


_STOPS = (".", "?", "!", "\n")
_REACH = 600  # how far a sentence or line is looked for either side of a cue


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int
    end: int
    word: str


@dataclass(frozen=True)
class CueReading:
    """A cue and what reads it: the fact type whose evidence holds it, or the rule that
    rules it out; neither: not read."""

    cue: Cue
    accounted_by: str | None = None
    rule: str | None = None

    @property
    def read(self) -> bool:
        return self.accounted_by is not None or self.rule is not None


@dataclass(frozen=True)
class _Context:
    text: str
    kind: str
    year: int | None
    title: tuple[int, int]
    facts: Facts
    runs: dict[int, int]  # grade cue start -> length of its run of grade words

    def sentence(self, cue: Cue) -> str:
        """The sentence (or line) the cue stands in, at most ``_REACH`` characters either
        side (every search is bounded, so a text without full stops stays linear)."""
        return self.text[self._start(cue) : self._end(cue)]

    def sentence_before(self, cue: Cue) -> str:
        """The words of the cue's sentence before it."""
        return self.text[self._start(cue) : cue.start]

    def _start(self, cue: Cue) -> int:
        lo = max(0, cue.start - _REACH)
        return max(self.text.rfind(c, lo, cue.start) for c in _STOPS) + 1 or lo

    def _end(self, cue: Cue) -> int:
        hi = min(len(self.text), cue.end + _REACH)
        ends = [i for c in _STOPS if (i := self.text.find(c, cue.end, hi)) >= 0]
        return min(ends) + 1 if ends else hi

    def line(self, cue: Cue) -> tuple[int, int]:
        lo = max(0, cue.start - _REACH)
        hi = min(len(self.text), cue.end + _REACH)
        a = self.text.rfind("\n", lo, cue.start) + 1 or lo
        b = self.text.find("\n", cue.end, hi)
        return a, (b if b >= 0 else hi)

    def before(self, cue: Cue, n: int = 40) -> str:
        return self.text[max(0, cue.start - n) : cue.start]

    def after(self, cue: Cue, n: int = 40) -> str:
        return self.text[cue.end : cue.end + n]


def _word_after(c: _Context, cue: Cue) -> str | None:
    m = _WORD_AFTER_RE.match(c.text, cue.end)
    return m.group(1) if m and m.group(1) else None


def _in_title(c: _Context, cue: Cue) -> bool:
    return c.title[0] <= cue.start < c.title[1]


def _scale(c: _Context, cue: Cue) -> bool:
    """Three grade words or more joined only by separators: the scale, not a grade."""
    return c.runs.get(cue.start, 1) >= 3


def _grade_runs(cues: list[Cue], text: str) -> dict[int, int]:
    """For each grade cue, the length of the run of grade words it is part of (joined only
    by commas, "or", "and", bullets): one pass over the document's grade cues."""
    runs: list[list[Cue]] = []
    for cue in (c for c in cues if c.kind == "grade"):
        prev = runs[-1][-1] if runs else None
        gap = text[prev.end : cue.start] if prev else ""
        if prev and len(gap) <= 40 and _SCALE_SEP_RE.match(gap):
            runs[-1].append(cue)
        else:
            runs.append([cue])
    return {c.start: len(run) for run in runs for c in run}


_LEGEND_ITEM_RE = re.compile(
    rf"(?i)^[ \t]*(?:[•·▪*\-–]|\d{{1,2}}[.)])[ \t]+[‘'\"“]?(?P<grade>{_GRADE_WORDS})[’'\"”]?"
    r"(?P<rest>[^\n]*)$"
)


def _legend(c: _Context, cue: Cue) -> bool:
    """The grading scale as a list, one grade per item ("1. Inadequate", "- Good – the force
    has demonstrated ..."): three grades or more, each once, and no item naming an area,
    so each item defines a grade and grades nothing."""
    from peelgraph.reference.questions import questions_in

    a, b = c.line(cue)
    first = _LEGEND_ITEM_RE.match(c.text[a:b])
    if first is None or a + first.start("grade") != cue.start:
        return False
    items = [first]
    for step in (-1, 1):  # the items above and below, across blank lines
        pos = a if step < 0 else b
        while 0 < pos < len(c.text) and len(items) < 8:
            if step < 0:
                end = c.text.rfind("\n", 0, pos)
                while end > 0 and not c.text[c.text.rfind("\n", 0, end) + 1 : end].strip():
                    end = c.text.rfind("\n", 0, end)
                start = c.text.rfind("\n", 0, end) + 1
                line, pos = c.text[start:end], start
            else:
                start = pos + 1
                while start < len(c.text) and c.text[start] == "\n":
                    start += 1
                end = c.text.find("\n", start)
                end = len(c.text) if end < 0 else end
                line, pos = c.text[start:end], end
            m = _LEGEND_ITEM_RE.match(line)
            if m is None:
                break
            items.append(m)
    grades = [peel.normalise_grade(m.group("grade")) for m in items]
    if len(items) < 3 or len(set(grades)) != len(grades):
        return False
    return not any(questions_in(m.group("rest"), c.year) for m in items)


def _cut_off(c: _Context, cue: Cue) -> bool:
    """The text ends inside the grade's sentence ("... is now good at prev"): the page was
    cut off before its scope, so what it grades cannot be read."""
    tail = c.text[cue.end :]
    return len(tail) < _REACH and not re.search(r"[.!?;:\n]", tail.rstrip())


def _adjective_pair(c: _Context, cue: Cue) -> bool:
    """ "good or poor performance", "both good and poor working practices": a grade word
    paired with its opposite before their noun."""
    return bool(
        re.match(
            r"(?i)\s+(?:or|and)\s+(?:poor|bad|weak|negative|less\s+good|not\s+so\s+good)\s+[a-z]",
            c.after(cue, 40),
        )
    )


_LIST_REACH = 60  # lines a grade heading's list is looked for under it


def _lines_from(text: str, start: int, n: int) -> list[Line]:
    """The ``n`` lines of ``text`` from ``start`` (a line's start): what a relation over
    lines needs near one cue, without splitting the whole document for each cue."""
    out: list[Line] = []
    pos = start
    while len(out) < n and pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        out.append(Line(pos, end, text[pos:end]))
        pos = end + 1
    return out


def _no_year(c: _Context, cue: Cue) -> bool:
    """A grade the relations bind to an area, on a page that states no inspection year:
    read, but no judgement can be made without the round it belongs to."""
    if c.year is not None:
        return False
    from peelgraph.extract import grade_relations as gr

    doc = c.facts.document
    span = [(c._start(cue), c._end(cue))]
    a, _ = c.line(cue)
    found = [
        *gr.adjacent(doc, _lines_from(c.text, a, 1), None),
        *gr.grade_clauses(doc, span, None),
        *gr.area_clauses(doc, span, None),
        *gr.areas_listed(doc, span, None),
        *gr.object_clauses(doc, span, None),
    ]
    word = peel.normalise_grade(cue.word)
    return any(
        f.grade == word and (f.start <= cue.start < f.end or f.grade_at == cue.start) for f in found
    )


def _adjective(c: _Context, cue: Cue) -> bool:
    if cue.word.lower().startswith("requir"):
        return False
    nxt = _word_after(c, cue)
    between = c.text[cue.end : cue.end + 3]
    if nxt is None or not nxt[0].islower() or any(ch in between for ch in ",;:.–-"):
        return False
    return nxt.lower() not in _GRADE_FOLLOWERS


def _practice(c: _Context, cue: Cue) -> bool:
    nxt = _word_after(c, cue)
    return nxt is not None and nxt.lower() in {"practice", "practices"}


def _degree(c: _Context, cue: Cue) -> bool:
    if _DEGREE_RE.search(c.before(cue, 30)):
        return True
    after = c.after(cue, 8).lower()
    # "good enough", "as good as": a measure, where "assessed as good" is a grade.
    return after.lstrip(" ’'\"”").startswith(("enough", "as "))


def _not_done(c: _Context, cue: Cue) -> bool:
    return cue.word.lower() == "outstanding" and bool(_NOT_DONE_RE.search(c.before(cue, 20)))


def _before_five_point(c: _Context, cue: Cue) -> bool:
    first_five = min(s.years[0] for s in peel.SCHEMES if "Adequate" in s.grades)
    return cue.word.lower() == "adequate" and c.year is not None and c.year < first_five


def _question(c: _Context, cue: Cue) -> bool:
    return c.sentence(cue).rstrip().endswith("?")


_COUNTED_AREAS_RE = re.compile(
    r"(?i)\b(?:no|most|any|all\s+but\s+(?:one|two|three)|none\s+of\s+the|half\s+of\s+the|"
    r"the\s+(?:other|remaining))\s+(?:\w+\s+){0,3}?(?:areas?|fields?|categories|questions)\b"
    r"(?:\s+(?!and\b|but\b)\w+){0,6}\s*[‘'\"“]?$"
    r"|\b(?:graded|rated|deemed|judged|assessed)\s+no\s+(?:areas?|fields?)\s+as\s+[‘'\"“]?$"
    r"|\bmost\s+(?:were\s+|are\s+)?(?:deemed|judged|assessed|rated|graded)\s+(?:to\s+be\s+|as\s+)?[‘'\"“]?$"
)
_GRADE_RUN_TAIL_RE = re.compile(
    rf"(?i)(?:[’'\"”]?\s*(?:,|or|and)\s*[‘'\"“]?(?:{_GRADE_WORDS}))*[’'\"”]?\s+"
    r"(?:grades|judge?ments|ratings)\b"
)


def _count_of_grades(c: _Context, cue: Cue) -> bool:
    # "no inadequate grades", "our first inadequate grades": grades counted, none given;
    # "no requires improvement or inadequate grades": a run of grade words counted.
    if _GRADE_RUN_TAIL_RE.match(c.text, cue.end):
        return True
    # "no areas ... are deemed 'inadequate'", "all but one field were assessed to be good",
    # "with most deemed to be 'good'": the grade of a count of areas, none named.
    before = c.sentence_before(cue)[-120:]
    if _COUNTED_AREAS_RE.search(_GRADE_RUN_RE.sub(" ", before)):
        return True
    return bool(
        re.match(
            # "in the other five areas", "in five out of six areas", and a count whose noun
            # the sentence gave before ("'good' in one area, 'adequate' in four and ...").
            r"(?i)[‘’'\"“”]?\s+(?:in|for|across)\s+(?:the\s+other\s+)?(?:\d+|one|two|three|four|"
            r"five|six|seven|eight|nine|ten|all|several|most|some)(?:\s+out\s+(?:of\s+)?\w+)?"
            r"(?:\s+(?:\w+\s+)?(?:areas?|of|categories|questions)\b|\s*(?:[.,;]|\s+and\b|$))",
            c.after(cue, 60),
        )
    )


# Earlier grade words of a run ("to be 'good' or"), left out when the words before a cue are
# read for a count: "most deemed to be 'good' or 'adequate'" counts both.
_GRADE_RUN_RE = re.compile(rf"(?i)[‘'\"“]?(?:{_GRADE_WORDS})[’'\"”]?\s*(?:,|or|and)\s*[‘'\"“]?$")
_CHANGE_RE = re.compile(
    rf"(?i)\bfrom\s+[‘'\"“]?(?:{_GRADE_WORDS})[’'\"”]?\s+to\s+[‘'\"“]?(?:{_GRADE_WORDS})\b"
)
_ANY_SUBJECT_RE = re.compile(
    r"(?i)\b(?:force|constabulary|service|it|its|they|their)\b|\b(?:Police|Constabulary)\b"
)


def _change_in_general(c: _Context, cue: Cue) -> bool:
    """A change of grade spoken of in general ("a reduction in grade, particularly from
    good to adequate, doesn't mean ..."): no force, and no "it", in the sentence up to the
    change (a force named after it, "unless we say so in the force's report", is not the
    subject of the change)."""
    sentence = c.sentence(cue)
    change = _CHANGE_RE.search(sentence)
    return change is not None and not _ANY_SUBJECT_RE.search(sentence, 0, change.end())


def _forces_in_general(c: _Context, cue: Cue) -> bool:
    # Forces are the subject: named before the grade in its sentence ("five forces being
    # outstanding"), not after it ("good at working with other forces").
    return bool(_FORCES_IN_GENERAL_RE.search(c.sentence_before(cue)))


def _first_person(c: _Context, cue: Cue) -> bool:
    return cue.word.lower() in {"should", "must", "need to", "needs to"} and bool(
        _FIRST_PERSON_RE.search(c.before(cue, 30))
    )


def _mention_of_findings(c: _Context, cue: Cue) -> bool:
    # Only the findings' names are counted or mentioned; a modal or a verb states one.
    if not re.match(r"(?i)areas?\b|causes?\b|recommendations?\b", cue.word):
        return False
    return bool(_QUANTIFIED_RE.search(c.before(cue, 30)))


# A heading that raises findings: what is under it is a finding however it is worded.
_FINDINGS_HEADING_RE = re.compile(
    r"(?im)^[ \t#*]*(?:(?:national\s+)?recommendations?|areas?\s+for\s+improvement|"
    r"causes?\s+(?:of|for)\s+concern)\b[^\n.]{0,60}$"
)
_ITEM_RE = re.compile(r"^\s*(?:[-*•·–]|\d+[.)]|[a-z][.)])\s")


_NAMES_FINDING_KIND_RE = re.compile(
    r"(?i)\b(?:areas?\s+for\s+improvement|AFIs?|causes?\s+(?:of|for)\s+concern|recommend\w*)\b"
)


def _lead_in_of(c: _Context, a: int) -> str | None:
    """The lead-in line ("However, it needs to:") of the list whose item starts at ``a``:
    the nearest line before it that ends in a colon, over items, their wrapped lines and
    blank lines only (None where a paragraph comes between)."""
    lo = max(0, a - 3000)
    lines = c.text[lo:a].split("\n")[:-1]
    for line in reversed(lines):
        s = line.strip()
        if s.endswith(":"):
            return s
        if s and not _ITEM_RE.match(line) and s[0].isupper() and s.endswith("."):
            return None  # a paragraph of its own, not an item's wrapped line
    return None


def _summary_list(c: _Context, a: int, b: int) -> bool:
    """A lead-in or an item of a summary's list that names no kind of finding ("However, it
    needs to: • improve ...", "My principal findings are as follows: • ..."); a list whose
    lead-in names one ("We made the following recommendations:") raises findings."""
    line = c.text[a:b]
    if line.rstrip().endswith(":") and not _ITEM_RE.match(line):
        start = c.text.rfind("\n\n", max(0, a - 600), a)
        return not _NAMES_FINDING_KIND_RE.search(c.text, start + 1 if start >= 0 else a, b)
    if _ITEM_RE.match(line):
        lead = _lead_in_of(c, a)
        return lead is not None and not _NAMES_FINDING_KIND_RE.search(lead)
    return False


_FORCE_SUBJECT_RE = re.compile(
    r"(?i)(?:\b(?:force|forces|constabulary|service|it|they|officers|staff|leaders|supervisors)"
    r"|\b(?-i:Police|Constabulary|Service))\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)*$"
)


def _directs_the_force(c: _Context, cue: Cue) -> bool:
    """A modal whose clause's subject is the force, its people, or left out ("..., but
    should improve how it ...")."""
    clause = re.split(r"[,;:(“”\"]|\b(?:and|but|However|Also)\b", c.sentence_before(cue))[-1]
    return not clause.strip() or bool(_FORCE_SUBJECT_RE.search(clause))


def _summary_call(c: _Context, cue: Cue) -> bool:
    """A call to improve ("the force needs to improve how it ...", "However, the force
    should review ...") in a summary's or a report body's prose, or in a summary's list
    whose lead-in names no kind of finding, that no findings heading (the nearest heading
    above) or recommending sentence raises. The inspectorate raises its findings under their
    own headings and named lists; the prose says what the findings are about, and the gold
    counts the findings, not the prose (its notes: prose "should", "needs to" and "must"
    sentences are not findings, "The force must address this problem as a matter of
    urgency" among them)."""
    if re.sub(r"\s+", " ", cue.word.lower()) not in {"should", "must", "need to", "needs to"}:
        return False
    a, b = c.line(cue)
    line = c.text[a:b]
    if (_ITEM_RE.match(line) or line.rstrip().endswith(":")) and not _summary_list(c, a, b):
        return False
    if re.search(r"(?i)\brecommend", c.sentence(cue)):
        return False
    if cue.word.lower() == "should" and not _directs_the_force(c, cue):
        return False  # said of others: not a call to the force (ruled below, or an alarm)
    return not _under_findings_heading(c, cue.start)


_HEADING_REACH = 6000  # how far back the heading over a cue is looked for


def _under_findings_heading(c: _Context, pos: int) -> bool:
    """Whether the nearest heading above ``pos`` raises findings ("Areas for improvement",
    "Recommendation 2"): a report's body prose under a section heading ("Preventing serious
    and organised crime") is not raised by a findings heading further up. A heading is a
    short line without closing punctuation that starts with a capital after a blank line
    or a finished sentence (a wrapped line of PDF text starts in lower case)."""
    lo = max(0, pos - _HEADING_REACH)
    lines = c.text[lo:pos].split("\n")[:-1]
    for k in range(len(lines) - 1, -1, -1):
        s = lines[k].strip()
        before = lines[k - 1].strip() if k > 0 else ""
        if (
            s
            and s[0].isupper()
            and len(s) < 100
            and not s.endswith((".", ";", ",", ":", "?", "’", "”", '"'))
            and not _ITEM_RE.match(lines[k])
            and (not before or before.endswith((".", "?", "!", ":")))
        ):
            return bool(_FINDINGS_HEADING_RE.match(s))
    # No heading in reach: any findings heading before still raises what follows it.
    return _FINDINGS_HEADING_RE.search(c.text, 0, pos) is not None


_PRAISE_RE = re.compile(
    r"(?i)^\s+(?:not\s+)?be\s+(?:\w+ly\s+)?(?:commended|congratulated|applauded|praised|"
    r"credited|proud|underestimated|overstated)\b"
)


def _praise(c: _Context, cue: Cue) -> bool:
    """ "should be commended", "should be congratulated", "should not be underestimated":
    praise or a caution, nothing asked of the force."""
    return cue.word.lower() == "should" and bool(_PRAISE_RE.match(c.after(cue, 60)))


def _said_of_others(c: _Context, cue: Cue) -> bool:
    """A "should" whose subject is not the force or its people ("These principles should be
    used", "Londoners should acknowledge", "questions should be asked", "This should help
    it"): nothing asked of the force."""
    return cue.word.lower() == "should" and not _directs_the_force(c, cue)


_NAMED_BY_DETERMINER_RE = re.compile(
    r"(?i)\b(?:the|this|that|these|those|force[’']s|its)\s+(?:\w+\s+)?$"
    r"|\b(?:address\w*|identify|check\w*)\s+$"
)


def _named_not_stated(c: _Context, cue: Cue) -> bool:
    """A finding named by a determiner, not stated ("closing the force's cause of concern
    regarding ...", "we will revisit this area for improvement", "addressing areas for
    improvement"), in a sentence that names no year: a finding stated elsewhere. With a year
    it is a reference to an earlier finding, which stays an alarm."""
    if not re.match(r"(?i)areas?\b|causes?\b|recommendations?\b", cue.word):
        return False
    if re.search(r"\b(?:19|20)\d\d\b", c.sentence(cue)):
        return False
    a, b = c.line(cue)
    if c.text[a:b].strip() == cue.word.strip():
        return False  # a heading
    return bool(_NAMED_BY_DETERMINER_RE.search(c.before(cue, 30)))


# An item that is only a kind of finding ("{name}" is filled in where the names are known).
_KIND_ITEM = r"(?i)^\s*(?:[-*•·–]|\d+[.)])\s+{name}\s*(?:[;,.]|\s[–-]\s.*)?\s*$"
_GRADE_MEANING_RE = re.compile(rf"(?i)^\s*(?:[-*•·–]\s+)?(?:{_GRADE_WORDS})\s*[–:-]")


def _kind_listed(c: _Context, cue: Cue) -> bool:
    """A list item that is only a kind of finding ("- areas for improvement;", "- causes of
    concern – with recommendations"), or a grade's meaning explained ("Inadequate – we have
    causes of concern and have made recommendations"): the kinds of findings, none raised."""
    a, b = c.line(cue)
    line = c.text[a:b]
    kind_item = re.compile(_KIND_ITEM.replace("{name}", _FINDING_NAME))
    return bool(kind_item.match(line) or _GRADE_MEANING_RE.match(line))


def _heading_over_findings(c: _Context, cue: Cue) -> bool:
    """A heading ("Areas for improvement") whose findings below it were read."""
    a, b = c.line(cue)
    line = c.text[a:b].strip()
    if len(line.split()) > 8 or line.endswith((".", ";", ",")):
        return False
    return any(b <= f.evidence.start <= b + 1500 for f in c.facts.findings)


_FINDING_NAME = r"(?:causes?\s+(?:of|for)\s+concern|areas?\s+for\s+improvement|recommendations?)"
# A run of them: "areas for improvement, causes of concern and recommendations".
_CATEGORIES_RE = re.compile(
    rf"(?i){_FINDING_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+){_FINDING_NAME})+"
)


def _categories(c: _Context, cue: Cue) -> bool:
    """Finding types named together ("causes of concern and areas for improvement"): the
    kinds of findings, not one of them."""
    a = max(0, cue.start - 60)
    return any(
        m.start() + a <= cue.start < m.end() + a
        for m in _CATEGORIES_RE.finditer(c.text[a : cue.end + 60])
    )


def _noun_need(c: _Context, cue: Cue) -> bool:
    """ "a need to", "the need to": a noun, not the force being told to act."""
    return cue.word.lower().startswith("need ") and bool(
        re.search(r"(?i)\b(?:a|the|no|any|clear|real)\s+$", c.before(cue, 12))
    )


_UNNAMED_AREAS_RE = re.compile(
    r"(?i)^\s+(?:\w+\s+){0,3}?(?:in|to|on)\s+(?:some|several|a\s+number\s+of|certain|other|"
    r"these|those|many|a\s+few|various|some\s+other)\s+(?:\w+\s+)?(?:areas?|aspects?|respects?)\b"
    r"|^\s+(?:\w+\s+){0,2}?(?:some|several|certain)\s+(?:\w+\s+)?(?:areas|aspects)\s+of\s+concern\b"
)


def _unnamed_areas(c: _Context, cue: Cue) -> bool:
    """A call to improve that names no area ("it needs to improve in some areas to provide
    a consistently good service"): a summary, the findings are stated elsewhere."""
    if cue.word.lower() not in {"should", "must", "need to", "needs to"}:
        return False
    rest = c.after(cue, 200).split(".")[0]
    # "... in some areas, including how it ...": the areas are named after all.
    named = re.search(r"(?i)\b(?:including|such\s+as|particularly|notably|namely)\b|:", rest)
    return bool(_UNNAMED_AREAS_RE.match(rest)) and named is None


_SUBORDINATE_RE = re.compile(
    r"(?i)\b(?:how|what|when|whenever|where|whether|if|as|than|who|whom|which)\s+"
    r"(?:[\w’'-]+\s+){0,4}$"
)
_MODALS = frozenset({"should", "must", "need to", "needs to"})


def _subordinate(c: _Context, cue: Cue) -> bool:
    """A modal inside a clause that describes, not directs: "how they should allocate
    crimes", "as effectively as it should", "when they should be recorded"."""
    if cue.word.lower() not in _MODALS:
        return False
    clause = re.split(r"[,;:(]|\band\b|\bbut\b", c.sentence_before(cue))[-1]
    return bool(_SUBORDINATE_RE.search(clause))


def _conditional(c: _Context, cue: Cue) -> bool:
    """ "should these forces need them", "if it should need them": a condition."""
    if cue.word.lower() != "should":
        return False
    nxt = (_word_after(c, cue) or "").lower()
    return nxt in {"these", "those", "the", "a", "an", "any", "they", "it", "you", "we"}


def _terms(c: _Context, cue: Cue) -> bool:
    return bool(_TERMS_RE.search(c.sentence(cue)))


def _own_round(c: _Context, cue: Cue) -> bool:
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", cue.word)]
    return bool(years) and c.year is not None and all(y >= c.year for y in years)


def _peel_history(c: _Context, cue: Cue) -> bool:
    return bool(_PEEL_HISTORY_RE.search(c.sentence(cue)))


_BARE_SINCE_YEAR_RE = re.compile(r"(?i)^since\s+(?:19|20)\d\d$")


def _period(c: _Context, cue: Cue) -> bool:
    """ "since 2011" starting a period in which nothing of the force's work is said to have
    changed ("£33m of savings since 2011", "not conducted a staff survey since 2010", "since
    2018 HMICFRS has issued a single report"): a span of time, no earlier inspection."""
    from peelgraph.extract.backrefs import changed

    word = " ".join(cue.word.split())
    return bool(_BARE_SINCE_YEAR_RE.match(word)) and not changed(c.sentence(cue))


_CARRIED_RE = re.compile(
    rf"(?i)^in\s+{_YEAR},?\s+we\s+judged\b[^.]{{0,200}}?\b(?:{_GRADE_WORDS})\b"
)


def _carried_over(c: _Context, cue: Cue) -> bool:
    """ "In 2017, we judged the force to be good at ...": the earlier year's grade stated again
    where this round did not inspect the question (carried over), nothing said of a change:
    the graph holds it as a judgement of that year and a link, not a back-reference."""
    from peelgraph.extract.backrefs import changed

    sentence = c.text[cue.start : c._end(cue)]
    return bool(_CARRIED_RE.match(sentence)) and not changed(sentence)


def _forces_in_general_since(c: _Context, cue: Cue) -> bool:
    """A page of no one force speaking of forces' progress since an earlier inspection ("the
    progress made by forces since our 2014 inspection"): no force's earlier finding."""
    return c.facts.info.force is None and bool(re.search(r"\bforces\b", c.sentence(cue)))


def _cut_off(c: _Context, cue: Cue) -> bool:
    """The text ends inside the cue's sentence, or under its heading, before it says what
    changed or what it asks ("Since our 2015 inspec", "we recommended that all forces should
    have start", a heading and nothing after it, at the end of a stored page): nothing to
    read."""
    from peelgraph.extract.backrefs import changed

    rest = c.text[cue.end :]
    if len(rest.strip()) >= 80 or any(ch in rest.strip() for ch in ".!?\n"):
        return False
    return cue.kind != "back-reference" or not changed(c.sentence(cue))


def _in_finding_text(c: _Context, cue: Cue) -> bool:
    """A status word inside a finding's own words ("complete an action plan"): a verb."""
    return any(f.evidence.start <= cue.start < f.evidence.end for f in c.facts.findings)


def _status_in_prose(c: _Context, cue: Cue) -> bool:
    return c.kind not in TRACKING_KINDS


@dataclass(frozen=True)
class Rule:
    name: str
    kinds: tuple[str, ...]
    holds: Callable[[_Context, Cue], bool]


# The named rules, tried in order: the first that holds rules the cue out.
RULES: tuple[Rule, ...] = (
    Rule("'adequate' before the five-point scale", ("grade",), _before_five_point),
    Rule(
        "the grading scale explained ('outstanding, good, ... or inadequate')", ("grade",), _scale
    ),
    Rule("a legend of the grading scale (a list of the grades, each defined)", ("grade",), _legend),
    Rule("'good practice' (a term, not a grade)", ("grade",), _practice),
    Rule(
        "a grade paired with its opposite before their noun ('good or poor performance')",
        ("grade",),
        _adjective_pair,
    ),
    Rule("an adjective before its noun ('a good understanding')", ("grade",), _adjective),
    Rule("a degree or comparison ('how good', 'not good', 'good enough')", ("grade",), _degree),
    Rule("'outstanding' meaning not yet done", ("grade",), _not_done),
    Rule("a count of grades ('good in four areas')", ("grade",), _count_of_grades),
    Rule(
        "a change of grade in general ('a reduction from good to adequate')",
        ("grade",),
        _change_in_general,
    ),
    Rule("the document's title", ("grade", "finding"), _in_title),
    Rule("a question", ("grade", "finding"), _question),
    Rule("said of forces in general ('most forces are good at')", ("grade",), _forces_in_general),
    Rule(
        "the text ends inside the grade's sentence (a page cut off: 'good at prev')",
        ("grade",),
        _cut_off,
    ),
    Rule(
        "bound to an area on a page that states no inspection year (no round to judge in)",
        ("grade",),
        _no_year,
    ),
    Rule("the speaker's own intention ('we must', 'I need to')", ("finding",), _first_person),
    Rule("a heading over findings that were read", ("finding",), _heading_over_findings),
    Rule(
        "finding types named together ('causes of concern and areas for improvement')",
        ("finding",),
        _categories,
    ),
    Rule("'a need to' (a noun)", ("finding",), _noun_need),
    Rule(
        "a modal in a clause that describes ('how they should', 'as it should')",
        ("finding",),
        _subordinate,
    ),
    Rule("a conditional 'should' ('should they need them')", ("finding",), _conditional),
    Rule(
        "a call to improve that names no area ('needs to improve in some areas')",
        ("finding",),
        _unnamed_areas,
    ),
    Rule("praise or a caution ('should be commended')", ("finding",), _praise),
    Rule(
        "a 'should' said of others than the force ('these principles should be used')",
        ("finding",),
        _said_of_others,
    ),
    Rule(
        "a call to improve in prose or a summary's list that no findings heading, named list "
        "or recommendation raises",
        ("finding",),
        _summary_call,
    ),
    Rule(
        "a finding named by a determiner, not stated ('closing the cause of concern regarding')",
        ("finding",),
        _named_not_stated,
    ),
    Rule(
        "the kinds of findings listed ('- areas for improvement;'), or a grade's meaning",
        ("finding",),
        _kind_listed,
    ),
    Rule(
        "a count or mention of findings ('two areas for improvement')",
        ("finding",),
        _mention_of_findings,
    ),
    Rule("the inspectorate's terms explained", ("finding",), _terms),
    Rule("the document's own round", ("back-reference",), _own_round),
    Rule("the history of PEEL ('in 2014 we introduced')", ("back-reference",), _peel_history),
    Rule(
        "a period from a year, no change of the force's work said ('savings since 2011')",
        ("back-reference",),
        _period,
    ),
    Rule(
        "an earlier grade carried over ('In 2017, we judged the force to be good')",
        ("back-reference",),
        _carried_over,
    ),
    Rule(
        "forces' progress on a page of no one force ('progress made by forces since 2014')",
        ("back-reference",),
        _forces_in_general_since,
    ),
    Rule(
        "cut off by the end of the text before it says what it asks or what changed",
        ("finding", "back-reference"),
        _cut_off,
    ),
    Rule("a word of a finding's text ('complete an action plan')", ("status",), _in_finding_text),
    Rule("a status word outside a recommendation page", ("status",), _status_in_prose),
)


def _restates(c: _Context, cue: Cue) -> bool:
    """The grade of a judgement read elsewhere in the document, stated again of the same
    question ("Good" under a question heading, then "The force is good at ..."): the
    graph holds it once, from the first statement."""
    from peelgraph.reference.questions import questions_named

    grade = peel.normalise_grade(cue.word)
    held = {j.question for j in c.facts.judgements if j.grade == grade}
    if not held:
        return False
    return bool(held & questions_named(c.sentence(cue), c.year)) or bool(
        held & _bound_here(c, cue, grade)
    )


def _bound_here(c: _Context, cue: Cue, grade: str | None) -> set[str]:
    """The questions the grade relations bind this grade word to, said of the document's
    own force (a name that is its force, "it", "the force", or an elided subject): a
    statement named by the lexicon's other names ("assessed as good in respect of the
    efficiency with which it keeps people safe ..."), which a heading's grade read first."""
    from peelgraph.extract.grade_relations import (
        PRONOUNS,
        area_clauses,
        grade_clauses,
        object_clauses,
    )

    span = [(c._start(cue), c._end(cue))]
    doc, own = c.facts.document, c.facts.info.force
    out: set[str] = set()
    found = [
        b
        for relation in (grade_clauses, area_clauses, object_clauses)
        for b in relation(doc, span, c.year)
    ]
    a, z = c.line(cue)
    if _GRADE_LINE_RE.match(c.text, a, z):
        # A grade alone on its line governs the list under it ("Good" then "• preventing
        # crime"): the judgements' evidence is each item, the grade word stands above them.
        from peelgraph.extract.grade_relations import grade_headings

        found += grade_headings(doc, _lines_from(c.text, a, _LIST_REACH), c.year)
    for b in found:
        if b.grade != grade or not (b.start <= cue.start < b.end or b.grade_at == cue.start):
            continue
        who = " ".join((b.subject or "").split()).lower()
        named = forces.lookup(b.subject) if b.subject else None
        if who == "we" or (who and who not in PRONOUNS and (not named or named.slug != own)):
            continue
        out.add(b.question)
    return out


_GRADE_LINE_RE = re.compile(rf"(?i)[^\w\n]*[‘'\"“]?(?:{_GRADE_WORDS})[’'\"”]?[\s:]*$")


class _AnchoredScan:
    """``pattern.finditer`` tried only a few words before its anchors.

    Every match of ``pattern`` holds an anchor (a match of ``anchors``, or one of ``words``
    in the text's lower case), and between the match's start and its first anchor stand
    only words (runs of word characters and ``'’``) and white space, at most ``runs``
    runs of them. So the pattern is tried, with ``match`` against the whole text, at each
    word boundary from that many runs before each anchor up to it, in order from the end
    of the last match: what ``finditer`` finds (the whole text is scanned where its lower
    case is not safe to find words in, see text.scan.lower)."""

    def __init__(
        self, pattern: re.Pattern[str], anchors: re.Pattern[str], words: tuple[str, ...], runs: int
    ) -> None:
        self.pattern, self.anchors, self.words, self.runs = pattern, anchors, words, runs

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = lower(text)
        if low is None:
            yield from self.pattern.finditer(text)
            return
        at = [m.start() for m in self.anchors.finditer(text)]
        for word in self.words:
            k = low.find(word)
            while k >= 0:
                at.append(k)
                k = low.find(word, k + 1)
        starts: set[int] = set()
        for k in at:
            lo = k
            for _ in range(self.runs):
                while lo > 0 and text[lo - 1].isspace():  # str.isspace is the engine's \s
                    lo -= 1
                word_end = lo
                # str.isalnum and "_" are the engine's \w
                while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "'’_"):
                    lo -= 1
                if lo == word_end:
                    break  # not a word: no match reaches back past it
            starts.update(b.start() for b in _BOUNDARY.finditer(text, lo, k + 1))
        match = self.pattern.match
        reached = 0
        for start in sorted(starts):
            if start >= reached and (m := match(text, start)) is not None:
                yield m
                reached = m.end()  # every match holds an anchor: none is empty


_BOUNDARY = re.compile(r"\b")
# The back-reference cues have no prefixes to find ("in", "as" are too short), and their
# scan of every word was 1.1 ms of a document's 1.5 ms of cue finding on the 10 % sample.
# Each form holds a year or an earlier inspection's word ("last", "previous", "earlier",
# "prior") after at most two words ("since our", "in HMICFRS's", "as the"; one over).
_BACKREF_CUE_SCAN = _AnchoredScan(
    _BACKREF_CUE_RE, re.compile(r"(?:19|20)\d\d"), ("last", "previous", "earlier", "prior"), 3
)

# Each tried only where one of its words' beginnings stands (see text.scan: the same
# cues; the four scans of every position were a third of counting a document's cues).
_CUE_SCANS: tuple[tuple[str, PrefixScan | _AnchoredScan], ...] = (
    ("grade", PrefixScan(_GRADE_CUE_RE)),
    ("finding", PrefixScan(_FINDING_CUE_RE)),
    ("back-reference", _BACKREF_CUE_SCAN),
    ("status", PrefixScan(_STATUS_CUE_RE)),
)


def find_cues(text: str) -> list[Cue]:
    """Every cue in the text, in order."""
    found = [
        Cue(kind, m.start(), m.end(), m.group(0))
        for kind, scan in _CUE_SCANS
        for m in scan.finditer(text)
    ]
    return sorted(found, key=lambda c: (c.start, c.kind))


@dataclass(frozen=True)
class _Covered:
    """Evidence spans of one fact type, asked whether any holds a cue in O(log n): the
    spans sorted by start, with the furthest end reached by any span starting so far."""

    starts: list[int]
    reach: list[int]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> _Covered:
        spans = sorted(spans)
        reach: list[int] = []
        for _, b in spans:
            reach.append(max(b, reach[-1]) if reach else b)
        return cls([a for a, _ in spans], reach)

    def holds(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


def _spans(facts: Facts) -> dict[str, _Covered]:
    return {
        t: _Covered.of([(x.evidence.start, x.evidence.end) for x in getattr(facts, t)])
        for t in {t for types in ACCOUNTING.values() for t in types}
    }


def _reading(facts: Facts) -> tuple[list[Cue], _Context, dict[str, _Covered]]:
    """The document's cues, what the rules read them in, and the facts' evidence spans."""
    doc, info = facts.document, facts.info
    title = (info.evidence.start, info.evidence.end) if info.title else (0, 0)
    if info.title and (at := doc.text.find(info.title)) >= 0:
        title = (at, at + len(info.title))
    cues = find_cues(doc.text)
    runs = _grade_runs(cues, doc.text)
    ctx = _Context(doc.text, info.kind, info.inspection_year, title, facts, runs)
    return cues, ctx, _spans(facts)


def read_cues(facts: Facts) -> list[CueReading]:
    """Each cue of the document with what reads it."""
    cues, ctx, spans = _reading(facts)
    out: list[CueReading] = []
    for cue in cues:
        by = next(
            (t for t in ACCOUNTING[cue.kind] if spans[t].holds(cue.start, cue.end)),
            None,
        )
        if by is None and cue.kind == "grade" and _restates(ctx, cue):
            by = "judgements"
        if by is not None:
            out.append(CueReading(cue, accounted_by=by))
            continue
        rule = next((r.name for r in RULES if cue.kind in r.kinds and r.holds(ctx, cue)), None)
        out.append(CueReading(cue, rule=rule))
    return out


def unread_counts(facts: Facts) -> dict[str, int]:
    """Cues not read, per cue kind (only kinds with any), in the order :func:`read_cues`
    meets them: the same counts, asking only whether a cue is read, not by what.

    A cue is read when a fact's evidence holds it, when a grade restates a judgement, or
    when a rule holds; the rules (plain tests of the words around the cue) are asked
    before the restatement, which reads the grade relations around every grade word the
    evidence does not hold, and which half of those cues need not be asked once a rule
    holds (it was two fifths of counting a document's cues). Every build counts them."""
    cues, ctx, spans = _reading(facts)
    counts: dict[str, int] = {}
    for cue in cues:
        kind = cue.kind
        if any(spans[t].holds(cue.start, cue.end) for t in ACCOUNTING[kind]):
            continue
        if any(kind in r.kinds and r.holds(ctx, cue) for r in RULES):
            continue
        if kind == "grade" and _restates(ctx, cue):
            continue
        counts[kind] = counts.get(kind, 0) + 1
    return counts
