"""Back-references to earlier inspections, and the stances a response takes.

Back-references are sentences that point at an earlier inspection's finding:
"In our 2017 effectiveness report, we said that the force should ...", "In 2016,
we identified ...", "This was an area for improvement in 2016 which the force
has not yet addressed", "since our last inspection in 2017", "in an inspection
of vulnerability in 2015". Each gets the year and kind of the earlier
inspection and what the later document found, read from cue words in the
sentence and the one after it: addressed, partly addressed, not addressed or
unclear.

Stances are sentences of a force's or commissioner's response that accept or
dispute a judgement or finding; a disputed grade is linked to the question
whose section the sentence stands in (or the grade it names).
"""

from __future__ import annotations

import re

from peelgraph.extract.text import evidence
from peelgraph.model import (
    BackReference,
    Document,
    DocumentInfo,
    FindingType,
    Judgement,
    Stance,
)
from peelgraph.reference.peel import classify_question

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_KIND = r"(?:(?P<kind>effectiveness|efficiency|legitimacy|vulnerability|crime|PEEL|inspection)\s+)?"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"(?i)\b(?:in|since|as\s+part\s+of|raised\s+in|set\s+out\s+in\s+detail\s+in)\s+(?:our|HMIC\w*[’']?s?|the|an?)\s+{_YEAR}\s+{_KIND}(?:report|inspection|assessment)"
    ),
    re.compile(
        rf"(?i)\b(?:since|in)\s+(?:our|the|HMIC\w*[’']?s?)\s+last\s+(?:\w+\s+){{0,2}}inspection\s+in\s+{_YEAR}"
    ),
    re.compile(rf"(?i)\binspections?\s+of\s+(?P<kind>\w+)\s+(?:published\s+)?in\s+{_YEAR}"),
    re.compile(rf"(?i)\band\s+of\s+(?P<kind>\w+)\s+in\s+{_YEAR}"),
    re.compile(
        rf"(?i)\bIn\s+{_YEAR},?\s+(?:we|HMIC\w*)\s+(?:also\s+)?(?:identified|found|reported|recommended|said|stated|noted|commented|highlighted)"
    ),
    re.compile(
        rf"(?i)\b(?:area\s+for\s+improvement|recommendation|cause\s+of\s+concern|shortcoming)\s+in\s+{_YEAR}"
    ),
    re.compile(
        rf"(?i)\b(?:an\s+improvement\s+on|deteriorated\s+since|(?:last\s+)?examined\s+this\s+area\s+in)\s+{_YEAR}"
    ),
    re.compile(rf"(?i)\bcommented\s+on\s+this\s+in\s+our\s+{_YEAR}"),
)
_NEGATIVE = re.compile(
    r"(?i)\b(?:not\s+yet\s+addressed|has\s+not\s+(?:yet\s+)?(?:addressed|improved|made)|still\s+(?:needs|unable|not|does\s+not|lacks)|"
    r"little\s+has\s+been\s+done|remains?|disappointing|shortcomings?|of\s+(?:particular\s+)?concern|deteriorated|"
    r"less\s+assured|should\s+still|similar\s+observations|raised\s+again|repeated(?:ly)?|continues\s+to\s+(?:lack|be\s+un)|unable\s+to|is\s+not\s+(?:yet\s+)?)\b"
)
_POSITIVE = re.compile(
    r"(?i)\b(?:responded\s+positively|has\s+(?:now\s+)?improved|(?:made|some)\s+improvements?|an\s+improvement\s+on|"
    r"now\s+(?:has|conducts|uses|in\s+place)|"
    r"has\s+(?:been\s+)?(?:implemented|completed|addressed|developed|introduced)|we\s+are\s+pleased|"
    r"considerable\s+progress|made\s+progress|is\s+now|has\s+enhanced|good\s+progress|more\s+detailed)\b"
)
_PARTIAL = re.compile(r"(?i)\b(?:however|but|although|still|only|needs\s+to\s+be|yet\s+to)\b")
# A back-reference says what the earlier inspection found or what has happened
# since; a sentence that only names an earlier inspection's scope ("we inspected
# how well forces were prepared ... in our 2016 inspections") is not one.
_SAID_OR_DONE = re.compile(
    r"(?i)\b(?:should|recommend\w*|identif\w+|found|find|finding|concerns?|area\s+for\s+improvement|AFIs?|"
    r"shortcomings?|said|stated|reported|highlighted|commented|noted|observations?|progress|improv\w+|"
    r"address\w*|deteriorat\w+|assured|limited|lack\w*|weakness\w*|action\s+plan)\b"
)
_MODAL = re.compile(
    r"(?i)\b(?:will|plans?\s+to|intends?\s+to|is\s+(?:developing|considering)|aims?\s+to)\b"
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:\.(?=\d)[^.!?\n]*)*[.!?]?")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


# What the later report says was done, what it says improved, and what it says
# is still missing: the outcome is read from these in the text after a reference.
_DONE = re.compile(
    r"(?i)\b(?:responded\s+positively|now\s+(?:has|have|uses|conducts|in\s+place)|has\s+now\s+been|"
    r"has\s+since|(?:has|have)\s+(?:been\s+)?(?:now\s+)?(?:implemented|completed|addressed|developed|introduced|"
    r"established|created|restructured|enhanced|resolved|improved|put\s+in\s+place)|"
    r"(?:was|were)\s+(?:implemented|completed|introduced|created|established)|created|is\s+now|we\s+are\s+pleased)\b"
)
_PROGRESS = re.compile(
    r"(?i)\b(?:(?:considerable|good|some|significant|much)\s+progress|made\s+progress|progress\s+(?:has|had)\s+been|"
    r"(?:made|some)\s+improvements?|an\s+improvement\s+on|more\s+detailed|"
    r"(?:is|are)\s+working\s+(?:\w+\s+){0,3}to\s+(?:tackle|address|improve|resolve))\b"
)
_GAP = re.compile(
    r"(?i)\b(?:however|but|still|not\s+always|only\s+(?:has\s+)?limited|limited|needs\s+to\s+do\s+more|"
    r"yet\s+to|not\s+yet|doesn[’']t|does\s+not|is\s+not|are\s+not|inconsistent\w*)\b"
)
_CONCESSION = re.compile(r"(?i)^\s*(?:although|while|whilst|despite)\b")
# "In 2016, we identified that the force had not ..." reports the earlier
# finding: its words describe the old problem, not what the force does now.
_REPORTED = re.compile(
    r"(?i)\b(?:we|HMIC\w*)\s+(?:also\s+)?(?:identified|found|reported|said|stated|recommended|commented|noted|highlighted)\b"
)
_CONTINUES = re.compile(
    r"\s*(?:As\s+a\s+result|However|But|Although|Despite|Nonetheless|Nevertheless|Consequently|This|These|It)\b"
)
_THEN = re.compile(r"(?i)(?:,\s*(?:but|and|yet)\s|;\s*)")


def _state_outcome(state: str, concession: bool) -> str:
    done, progress, gap = _DONE.search(state), _PROGRESS.search(state), _GAP.search(state)
    if (done or progress or concession) and gap:
        return "partly-addressed"
    if done:
        return "addressed"
    if progress:
        return "partly-addressed"  # progress, with no word that it is complete
    if gap:
        return "not-addressed"
    return "unclear"


def _outcome(sentence: str, following: list[str]) -> str:
    """What the later document says became of the earlier finding."""
    reported = _REPORTED.search(sentence)
    if reported:
        # The report's own verdict is before the reporting verb ("This is
        # disappointing because HMIC highlighted ...") or after a "but"/"and".
        then = _THEN.search(sentence, reported.end())
        state = sentence[: reported.start()] + " " + (sentence[then.end() :] if then else "")
    else:
        state = sentence
    concession = any(_CONCESSION.search(f) for f in following[:1])
    outcome = _state_outcome(" ".join([state, *following]), concession)
    if outcome != "unclear":
        return outcome
    # Nothing said after the reference: the cue words of the sentence itself.
    nxt = following[0] if following else ""
    neg, pos = _NEGATIVE.search(sentence), _POSITIVE.search(sentence)
    if not (neg or pos):
        neg, pos = _NEGATIVE.search(nxt), _POSITIVE.search(nxt)
    if pos and (neg or _PARTIAL.search(sentence) or _PARTIAL.search(nxt[:200])):
        return "partly-addressed"
    if pos:
        return "addressed"
    if neg:
        return "not-addressed"
    return "unclear"


def _section_marks(text: str) -> list[tuple[int, str]]:
    """(position, question) of each heading that names a PEEL question other than the overall one."""
    marks: list[tuple[int, str]] = []
    for m in re.finditer(r"(?m)^[ \t]*([A-Z][^\n.]{8,90})[ \t]*$", text):
        q = classify_question(m.group(1))
        if q and q not in {"overall"}:
            marks.append((m.start(), q))
    return marks


def _section_at(marks: list[tuple[int, str]], pos: int) -> str | None:
    section = None
    for start, q in marks:
        if start <= pos:
            section = q
    return section


_NAMED_TYPE: tuple[tuple[re.Pattern[str], FindingType], ...] = (
    (re.compile(r"(?i)\b(?:AFIs?|areas?\s+for\s+improvement)\b"), "area-for-improvement"),
    (re.compile(r"(?i)\bcauses?\s+(?:of|for)\s+concern\b"), "cause-of-concern"),
    (re.compile(r"(?i)\brecommend(?:ed|ation|ations)?\b"), "recommendation"),
)


def named_finding_type(sentence: str) -> FindingType | None:
    """The kind of finding a sentence names ("the AFI", "we recommended"), if exactly one."""
    kinds = {t for p, t in _NAMED_TYPE if p.search(sentence)}
    return kinds.pop() if len(kinds) == 1 else None


def extract_back_references(doc: Document, info: DocumentInfo) -> list[BackReference]:
    if info.force is None or info.inspection_year is None:
        return []
    text = doc.text
    sents = _sentences(text)
    out: list[BackReference] = []
    seen: set[tuple[int, int]] = set()
    said: set[tuple[int, str]] = set()  # summaries repeat sentences: one reference each
    response = info.kind in {"force-response", "commissioner-page"}
    marks = _section_marks(text)
    for i, (s, e) in enumerate(sents):
        sentence = text[s:e]
        # The two sentences after it, while the paragraph (or its continuation) lasts.
        following: list[str] = []
        for a, b in sents[i + 1 : i + 3]:
            if "\n\n" in text[(sents[i + len(following)][1]) : a] and not _CONTINUES.match(text, a):
                break
            following.append(text[a:b])
        for pattern in _PATTERNS:
            for m in pattern.finditer(sentence):
                year = int(m.group("year"))
                norm = " ".join(sentence.lower().split())
                if (
                    year > info.inspection_year
                    or year < 2008
                    or (year, s) in seen
                    or (year, norm) in said
                ):
                    continue
                if not (
                    _SAID_OR_DONE.search(sentence)
                    or _SAID_OR_DONE.search(following[0] if following else "")
                    or _POSITIVE.search(sentence)
                    or _NEGATIVE.search(sentence)
                ):
                    continue
                seen.add((year, s))
                said.add((year, norm))
                kind = (m.groupdict().get("kind") or "").lower() or None
                out.append(
                    BackReference(
                        force=info.force,
                        refers_to_year=year,
                        refers_to_kind=f"{kind} inspection"
                        if kind and kind != "inspection"
                        else "inspection",
                        topic=" ".join(sentence.split())[:160],
                        question=classify_question(sentence) or _section_at(marks, s),
                        outcome="unclear" if response else _outcome(sentence, following),
                        evidence=evidence(doc, s, e),
                        finding_type=named_finding_type(sentence),
                    )
                )
        if (
            response
            and not any(y == info.inspection_year and st == s for y, st in seen)
            and re.search(
                r"(?i)\b(?:the\s+AFI|recommendations?|since\s+the\s+publication\s+of\s+the\s+report)\b",
                sentence,
            )
        ):
            seen.add((info.inspection_year, s))
            out.append(
                BackReference(
                    info.force,
                    info.inspection_year,
                    f"{info.programme} report",
                    " ".join(sentence.split())[:160],
                    classify_question(sentence) or _section_at(marks, s),
                    "unclear",
                    evidence(doc, s, e),
                    named_finding_type(sentence),
                )
            )
    return out


_DISPUTE = re.compile(
    r"(?i)\b(?:disappointed|disagree\w*|(?:do|does|did)\s+not\s+(?:see|consider|accept|agree|believe|appear\s+to)|"
    r"challenge\w*|contrary\s+to|not\s+(?:properly\s+)?reflective|not\s+justified|does\s+not\s+represent|"
    r"greater\s+weight|not\s+deteriorated|discouraging)\b"
)
_ACCEPT = re.compile(
    r"(?i)\b(?:we\s+accept|I\s+accept|accept\s+the\s+findings|take\s+the\s+findings\s+seriously|agree\s+with)\b"
)
_GRADE_WORD = re.compile(
    r"(?i)\b(?:grad\w+|judg\w+|inadequate|requires?\s+improvement|deteriorated|performance)\b"
)


def extract_stances(doc: Document, info: DocumentInfo, judgements: list[Judgement]) -> list[Stance]:
    """Accepting or disputing statements in a response letter."""
    if info.kind not in {"force-response", "commissioner-page"} or info.force is None:
        return []
    text = doc.text
    grade_of = {j.question: j.grade for j in judgements}
    # Section headings of the letter move the question a statement is about.
    marks = _section_marks(text)
    out: list[Stance] = []
    for s, e in _sentences(text):
        sentence = text[s:e]
        if _DISPUTE.search(sentence):
            stance = "disputes"
        elif _ACCEPT.search(sentence):
            stance = "accepts"
        else:
            continue
        named = [
            (m.start(), j)
            for j in judgements
            for m in [re.search(re.escape(j.grade), sentence, re.IGNORECASE)]
            if m
        ]
        section = _section_at(marks, s)
        target = (
            "area-for-improvement"
            if re.search(r"\bAFI\b|area for improvement", sentence)
            else ("grade" if _GRADE_WORD.search(sentence) else "finding")
        )
        if len(named) > 1:
            # One statement disputing two grades: one stance each, split at the grade words.
            named.sort(key=lambda x: x[0])
            for k, (pos, j) in enumerate(named):
                a = s if k == 0 else s + pos
                b = s + named[k + 1][0] if k + 1 < len(named) else e
                out.append(
                    Stance(
                        info.force,
                        info.inspection_year,
                        j.question,
                        j.grade,
                        "grade",
                        stance,
                        evidence(doc, a, b),
                    )
                )
            continue
        question = named[0][1].question if named else section
        if question is None:
            if marks and s > marks[0][0]:
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
