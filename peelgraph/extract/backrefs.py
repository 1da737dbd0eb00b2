"""Back-references: statements that point at an earlier inspection, and what became of it.

One pass per form a reference takes:

1. a dated reference: "In our 2017 effectiveness report, we said ...", "In 2016,
   we identified ...", "since our last inspection in 2017", "HMIC's 2015
   recommendations", "found to require improvement in 2014", "since 2016";
2. a reference relative to the document's own year: "last year's inspection",
   "the same as last year, when we judged ...", or to no year at all: "since
   the last inspection", "a reinspection of ...";
3. a response's reference to the report it answers: "the AFI", "the issues
   highlighted in the report", "an action plan to address them", "since the
   inspection";
4. a change since an earlier inspection or year: "the progress the force has made
   since last year", "Since 2016 it has gained a better understanding of demand",
   "improved since our last assessment", "the areas where we identified it could do
   better in our previous inspections";
5. a recommendation page's status comment that reports on its recommendation:
   "this recommendation is being progressed", "the 2017 inspection confirmed
   that ...", "has subsequently been inspected" (the strongest one per page).

Each gets the year and kind of the earlier inspection (or none, where the text
gives none) and what the later document found, by :mod:`.outcomes`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import replace

from peelgraph.extract.facts import BackReference, DocumentInfo, FindingType
from peelgraph.extract.outcomes import NEGATIVE, outcome, tracking_outcome
from peelgraph.extract.passes import Candidate, Context, Pass, settle
from peelgraph.extract.text import evidence, spans_holding
from peelgraph.ingest.document import Document
from peelgraph.reference import peel
from peelgraph.reference.kinds import REPORT_KINDS, TRACKING_KINDS
from peelgraph.reference.questions import PILLAR_TOKENS, classify_question

_YEAR = r"(?P<year>(?:19|20)\d\d)"
# The earlier inspection's kind: a pillar, a theme or its acronym ("our 2014 CDI inspection").
_KIND = r"(?:(?P<kind>effectiveness|efficiency|legitimacy|vulnerability|crime|PEEL|inspection|(?-i:[A-Z]{2,6}))\s+)?"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        # "in the HMIC 2012 inspection", "since our 2021/22 inspection"; "inspect" alone where a
        # stored page's text stops.
        rf"(?i)\b(?:in|since|as\s+part\s+of|raised\s+in|set\s+out\s+in\s+detail\s+in)\s+(?:our|HMIC\w*[’']?s?|the|an?)(?:\s+HMIC\w*)?\s+{_YEAR}(?:\s*[/–-]\s*\d\d(?!\d))?\s+{_KIND}(?:report|inspection|assessment|inspect\Z)"
    ),
    re.compile(
        rf"(?i)\b(?:since|in)\s+(?:our|the|HMIC\w*[’']?s?)\s+(?:last\s+)?(?:\w+\s+){{0,2}}inspection\s+in\s+(?:[A-Z][a-z]+\s+)?{_YEAR}"
    ),
    re.compile(rf"(?i)\binspections?\s+of\s+(?P<kind>\w+)\s+(?:published\s+)?in\s+{_YEAR}"),
    re.compile(rf"(?i)\band\s+of\s+(?P<kind>\w+)\s+in\s+{_YEAR}"),
    re.compile(
        rf"(?i)\bIn\s+{_YEAR},?\s+(?:we|HMIC\w*)\s+(?:also\s+)?(?:identified|found|reported|recommended|said|stated|noted|commented|highlighted|raised)"
    ),
    re.compile(
        rf"(?i)\b(?:area\s+for\s+improvement|recommendation|cause\s+of\s+concern|shortcoming)\s+in\s+{_YEAR}"
    ),
    re.compile(
        rf"(?i)\b(?:an\s+improvement\s+on|deteriorated\s+since|(?:last\s+)?examined\s+this\s+area\s+in)\s+{_YEAR}"
    ),
    re.compile(rf"(?i)\bcommented\s+on\s+this\s+in\s+our\s+{_YEAR}"),
)
# Forms added for the pages and statements of other years.
_MORE_DATED: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"(?i)\b(?:HMIC\w*[’']?s?|our|the)\s+{_YEAR}\s+(?:recommendations|causes\s+of\s+concern|areas\s+for\s+improvement|AFIs)\b"
    ),
    re.compile(
        rf"(?i)\b(?:was|were)\s+(?:found|judged|assessed|graded)\s+(?:to\s+(?:be\s+)?)?\w+(?:\s+\w+)?\s+in\s+{_YEAR}\b"
    ),
    re.compile(rf"(?i)\b(?:made\s+progress|improve\w*|progress)\b[^.]{{0,40}}\bsince\s+{_YEAR}\b"),
    # A letter's account of a round named at length: "In our 2021–22 police effectiveness,
    # efficiency and legitimacy (PEEL) inspection, we raised an area of concern ...".
    re.compile(
        rf"(?i)\bIn\s+(?:our|the|HMIC\w*[’']?s?)\s+{_YEAR}(?:\s*[/–-]\s*\d\d)?\s+"
        r"(?:(?:[^\W\d]|\()[\w,()]*\s+){0,7}?(?:inspection|report|assessment),?\s+(?:we|HMIC\w*)\s+"
        r"(?:also\s+)?(?:raised|identified|found|said|made|gave|graded|judged|recommended)\b"
    ),
)
_LAST_YEAR = re.compile(
    r"(?i)\blast\s+year[’']s\s+(?:\w+\s+){0,2}?(?P<kind>inspection|assessment|report|judge?ment|findings)"
    r"|\b(?:the\s+same\s+as|an\s+improvement\s+on|(?:progress|improve\w*)\s+since)\s+last\s+year\b"
    r"|\blast\s+year,?\s+when\s+we\b"
    # The inspector's own words of a year ago: "I set out the shortcomings in detail last year".
    r"|\b(?:I|we|HMIC\w*)\s+(?:set\s+out|said|found|identified|reported|highlighted|raised|recommended)\b"
    r"[^.;]{0,80}?\blast\s+year\b"
)
# An earlier inspection named without its year: "since the last (initial, previous)
# inspection", "a reinspection of", "concerns raised by our inspection of custody",
# "previous recommendations by HMIC".
_NO_YEAR = re.compile(
    r"(?i)\bsince\s+(?:the|our|its)\s+(?:last|previous|initial|first|original|earlier)\s+inspection\b(?!\s+in\s+(?:\w+\s+)?\d)"
    r"|\ba\s+re-?inspection\s+of\b"
    r"|\b(?:concerns|issues|recommendations|areas\s+for\s+improvement)\s+(?:that\s+(?:were|was)\s+|we\s+)?"
    r"(?:raised|made|identified)\s+(?:by|in)\s+(?:our|the|HMIC\w*[’']?s?)\s+(?:[^\W\d]+\s+){0,2}?(?:inspection|report)\b(?!\s+in\s+(?:\w+\s+)?\d)"
    r"|\b(?:previous|earlier|past)\s+(?:HMIC\w*\s+)?recommendations\b"
)
# Words every form of the two patterns above holds (no look-around, anchor or word
# boundary: see spans_holding): "last year" in each of _LAST_YEAR's; "inspection",
# "report" or "recommendations" in each of _NO_YEAR's.
_LAST_YEAR_WORDS = re.compile(r"(?i)last\s+year")
_NO_YEAR_WORDS = re.compile(r"(?i)inspection|report|recommendations")
_RESPONSE = re.compile(
    r"(?i)\b(?:the\s+AFI|recommendations?|since\s+the\s+(?:publication\s+of\s+the\s+report|inspection)|"
    r"action\s+plan\s+to\s+address|already\s+being\s+addressed)\b"
)
# What the report raised, where the response says something is being done about it
# (not where it only repeats what the report found).
_RAISED = re.compile(
    r"(?i)\b(?:issues|concerns|areas|shortcomings|findings)\s+(?:highlighted|raised|identified)\s+(?:in|by)\b"
)
_ACTING = re.compile(
    r"(?i)\b(?:address\w*|under\s+way|action\w*|progress\w*|implement\w*|work\w*\s+(?:to|on))\b"
)
# A status comment's report on its recommendation, strongest first: an inspection's
# verdict, then what is now the case ("now sits within", "has been transferred"), then a
# statement of the recommendation's progress.
_TRACKING_CUES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?i)\b(?:inspection|insight\s+\w+|reality\s+testing|review)\s+(?:\w+\s+){0,3}?(?:confirmed|found|showed|established)\b"
        r"|\b(?:insight|reality\s+testing)\b[^.]{0,60}\b(?:recognised|confirmed|found)\b|\bsubsequently\s+(?:been\s+)?inspected\b"
    ),
    re.compile(
        r"(?i)\bnow\s+(?:deals\s+with|sits\s+(?:with|in)|rests\s+with|lies\s+with|(?:has|have|holds?)\s+(?:the\s+)?responsibility)\b"
        r"|\b(?:has|have)\s+(?:now\s+)?been\s+(?:transferred|implemented|completed|addressed|embedded)\b"
        r"|\bis\s+satisfied\s+that\b"
    ),
    re.compile(
        r"(?i)\b(?:this|the)\s+recommendation\s+(?:is|was|has)\b|\b(?:has|have)\s+not\s+(?:(?:entirely|fully|yet)\s+){1,2}"
        r"(?:been\s+)?(?:transferred|implemented|completed|addressed)"
    ),
)
# A back-reference says what the earlier inspection found or what has happened
# since; a sentence that only names an earlier inspection's scope ("we inspected
# how well forces were prepared ... in our 2016 inspections") is not one.
_SAID_OR_DONE = re.compile(
    r"(?i)\b(?:should|recommend\w*|identif\w+|found|find|findings?|concerns?|area\s+for\s+improvement|AFIs?|responded|"
    r"shortcomings?|said|stated|reported|highlighted|commented|noted|observations?|progress|improv\w+|"
    r"address\w*|deteriorat\w+|assured|limited|lack\w*|weakness\w*|action\s+plan|judg\w*|graded|rated)\b"
)
_CONTINUES = re.compile(
    r"\s*(?:As\s+a\s+result|However|But|Although|Despite|Nonetheless|Nevertheless|Consequently|This|These|It)\b"
)


_NAMED_TYPE: tuple[tuple[re.Pattern[str], FindingType], ...] = (
    (re.compile(r"(?i)\b(?:AFIs?|areas?\s+for\s+improvement)\b"), "area-for-improvement"),
    (re.compile(r"(?i)\bcauses?\s+(?:of|for)\s+concern\b"), "cause-of-concern"),
    (re.compile(r"(?i)\brecommend(?:ed|ation|ations)?\b"), "recommendation"),
)


def named_finding_type(sentence: str) -> FindingType | None:
    """The kind of finding a sentence names ("the AFI", "we recommended"), if exactly one."""
    kinds = {t for p, t in _NAMED_TYPE if p.search(sentence)}
    return kinds.pop() if len(kinds) == 1 else None


def _question(ctx: Context, s: int, sentence: str) -> str | None:
    q = classify_question(sentence, ctx.info.inspection_year)
    return (q if q not in PILLAR_TOKENS else None) or ctx.section_at(s)


def _following(ctx: Context, i: int) -> list[str]:
    """The two sentences after sentence ``i``, while its paragraph (or its continuation) lasts."""
    text, sents = ctx.text, ctx.sentences
    out: list[str] = []
    for a, b in sents[i + 1 : i + 3]:
        if "\n\n" in text[sents[i + len(out)][1] : a] and not _CONTINUES.match(text, a):
            break
        out.append(text[a:b])
    return out


def _reference(
    ctx: Context, i: int, year: int | None, kind: str | None, how: str
) -> Candidate[BackReference]:
    """A back-reference from sentence ``i``; ``how`` is "unclear", "tracking" or "read"."""
    s, e = ctx.sentences[i]
    sentence = ctx.text[s:e]
    if how == "read":
        verdict = outcome(sentence, _following(ctx, i))
    elif how == "tracking":
        verdict = tracking_outcome(sentence)
    else:
        verdict = "unclear"
    ref = BackReference(
        force=ctx.info.force,
        refers_to_year=year,
        refers_to_kind=f"{kind} inspection"
        if kind and kind != "inspection"
        else (kind or "inspection"),
        topic=" ".join(sentence.split())[:160],
        question=_question(ctx, s, sentence),
        outcome=verdict,
        evidence=evidence(ctx.doc, s, e),
        finding_type=named_finding_type(sentence),
    )
    return Candidate(ref, s, e, key=(year, " ".join(sentence.lower().split())))


def _says_something(ctx: Context, i: int) -> bool:
    """A reference says what was found or done, not only an earlier inspection's scope."""
    s, e = ctx.sentences[i]
    sentence = ctx.text[s:e]
    nxt = _following(ctx, i)[:1]
    return any(_SAID_OR_DONE.search(t) for t in [sentence, *nxt]) or bool(NEGATIVE.search(sentence))


_DATED = (*_PATTERNS, *_MORE_DATED)
# Every dated form names a year: a sentence with none (most of them) is not read by twelve
# patterns. (The same "(?:19|20)\d\d" the forms' year group matches, searched in the
# sentence's own bounds.)
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def _union(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that finds something where any of ``patterns`` does (their groups
    unnamed), for case-blind patterns without back-references; else None."""
    bodies = []
    for p in patterns:
        if not p.pattern.startswith("(?i)") or "(?P=" in p.pattern or "(?i)" in p.pattern[4:]:
            return None
        bodies.append(re.sub(r"\(\?P<\w+>", "(?:", p.pattern[4:]))
    return re.compile("(?i)(?:" + ")|(?:".join(bodies) + ")")


# A sentence with a year is searched once for any dated form: most (six in seven on the
# benchmark sample) hold none, and were searched by each of the twelve.
_ANY_DATED = _union(_DATED)


def dated_references(ctx: Context) -> Iterator[Candidate[BackReference]]:
    year = ctx.info.inspection_year
    if year is None:
        return
    how = "unclear" if ctx.info.is_response else "read"
    text = ctx.text
    for i, (s, e) in enumerate(ctx.sentences):
        if _ANY_YEAR.search(text, s, e) is None:
            continue
        sentence = text[s:e]
        if _ANY_DATED is not None and _ANY_DATED.search(sentence) is None:
            continue
        for pattern in _DATED:
            for m in pattern.finditer(sentence):
                earlier = int(m.group("year"))
                if earlier > year or earlier < 2008 or not _says_something(ctx, i):
                    continue
                kind = (m.groupdict().get("kind") or "").lower() or None
                yield _reference(ctx, i, earlier, kind, how)


def relative_references(ctx: Context) -> Iterator[Candidate[BackReference]]:
    """ "Last year's inspection" (the year before), "since the last inspection" (no year).
    A response's reference to an inspection before the report it answers is read like any
    other ("It has also made significant improvements since the last inspection", quoted by
    a commissioner): only its statements about the report it answers are "unclear"."""
    year = ctx.info.inspection_year
    how = "read"
    text, sents = ctx.text, ctx.sentences
    # Only sentences that hold a form's words are read by its long pattern.
    last_year = set(spans_holding(_LAST_YEAR_WORDS, text, sents)) if year is not None else set()
    no_year = set(spans_holding(_NO_YEAR_WORDS, text, sents))
    for i, (s, e) in enumerate(sents):
        if (s, e) not in last_year and (s, e) not in no_year:
            continue
        sentence = text[s:e]
        if (s, e) in last_year and (m := _LAST_YEAR.search(sentence)) and _says_something(ctx, i):
            yield _reference(ctx, i, year - 1, (m.group("kind") or "").lower() or None, how)  # type: ignore[operator]
        elif (s, e) in no_year and _NO_YEAR.search(sentence) and _says_something(ctx, i):
            yield _reference(ctx, i, None, None, how)


# A change measured from an earlier inspection: "the progress the force has made since last
# year", "Since 2016 it has gained a better understanding of demand", "improved its approach
# since our last assessment", "has successfully addressed many of those areas where we
# identified it could do better in our previous inspections", "Following our last
# inspection, I was concerned ...". Group "last" is the year before the document's, "year" a
# year, neither: an earlier inspection of no year.
_SINCE = re.compile(
    r"(?i)\bsince\s+(?:(?:my|our|the)\s+(?:\w+\s+)?(?:inspection|assessment)\s+)?(?P<last>last\s+year)\b"
    rf"|\bsince\s+(?:our\s+)?{_YEAR}\b(?!\s*[/–-]\s*\d)"
    r"|\b(?:since|following|after)\s+(?:our|the|its)\s+(?:last|previous|initial|earlier)\s+"
    r"(?:PEEL\s+)?(?:inspection|assessment)s?\b(?!\s+(?:in\s+)?(?:\w+\s+)?\d)"
    r"|\bin\s+(?:our|HMIC\w*[’']?s?)\s+(?:previous|earlier|past)\s+(?:PEEL\s+)?inspections?\b"
    # "the areas for improvement identified in previous inspections", "progress against the
    # national recommendations for ...".
    r"|\b(?:concerns|issues|recommendations|areas\s+for\s+improvement)\s+(?:\w+\s+)?(?:raised|made|identified)\s+in\s+"
    r"(?:previous|earlier|past)\s+(?:PEEL\s+)?(?:inspections?|reports?)\b"
    r"|\b(?:progress|improvements?)\s+(?:\w+\s+){0,3}?(?:against|on|towards)\s+(?:the\s+)?(?:national\s+)?recommendations\b"
)
# A word each form of _SINCE holds (see spans_holding): "since" (the first two),
# "inspection" or "assessment", "report", "recommendations".
_SINCE_WORDS = re.compile(r"(?i)since|inspection|assessment|report|recommendations")
# What the sentence must say happened since: a change of the force's own work or
# performance. A statistic ("recorded crime rose since last year"), a period of money
# ("savings since 2011") or of the inspectorate's practice ("since 2018 HMICFRS has issued a
# single report") says none.
_CHANGED = re.compile(
    # ("improvement" of "areas for improvement" or "requires improvement" names no change.)
    r"(?i)\b(?:progress\w*|(?<!for\s)(?<!requires\s)(?<!require\s)improv\w+|deteriorat\w+|maintain\w*|consolidat\w+|address\w*|"
    r"acted\s+on|better|concerned)\b|\bperformance\b[^.]{0,40}\bdeclined\b"
)


def changed(sentence: str) -> bool:
    """Whether a sentence says the force's work or performance changed (or held) since."""
    return bool(_CHANGED.search(sentence))


def since_references(ctx: Context) -> Iterator[Candidate[BackReference]]:
    """A change since an earlier inspection or year the sentence names by "since" (the year
    before the document's, a year of PEEL, or an earlier inspection of no year)."""
    year = ctx.info.inspection_year
    how = "read"
    first = min(s.years[0] for s in peel.SCHEMES)
    # (Read in a response too: the earlier inspection is not the report it answers.)
    worded = set(spans_holding(_SINCE_WORDS, ctx.text, ctx.sentences))
    for i, (s, e) in enumerate(ctx.sentences):
        if (s, e) not in worded:
            continue  # none of the pattern's words: it cannot match
        m = _SINCE.search(ctx.text, s, e)
        if m is None or not _CHANGED.search(ctx.text, s, e):
            continue
        if m.group("last"):
            if year is None:
                continue
            earlier: int | None = year - 1
        elif m.group("year"):
            earlier = int(m.group("year"))
            # A bare year before PEEL began is a period ("since 2010"), not an inspection.
            if year is None or not first <= earlier < year:
                continue
        else:
            earlier = None
        yield _reference(ctx, i, earlier, None, how)


# A page about the inspection (a commissioner's page, a panel's minutes) reporting on the
# force's response to it: "pleased with the progress made in its response to the inspection
# findings", "making progress in response to the critical report".
_ANSWERED = re.compile(
    r"(?i)\b(?:response|responding|respond\w*)\s+to\s+(?:the|its|our|this|HMIC\w*[’']?s?)\s+"
    r"(?:[^\W\d]+\s+){0,3}?(?:report|inspection|findings|recommendations)\b"
)
_HOW_FAR = re.compile(r"(?i)\b(?:progress|improv\w+|address\w*|implement\w*)\b")


def response_references(ctx: Context) -> Iterator[Candidate[BackReference]]:
    """A response's statements about the report it answers."""
    info = ctx.info
    if not info.is_response or info.inspection_year is None:
        return
    for i, (s, e) in enumerate(ctx.sentences):
        if (
            _RESPONSE.search(ctx.text, s, e)
            or (_RAISED.search(ctx.text, s, e) and _ACTING.search(ctx.text, s, e))
            # "making huge progress in response to the critical report"
            or (_ANSWERED.search(ctx.text, s, e) and _HOW_FAR.search(ctx.text, s, e))
        ):
            yield _reference(ctx, i, info.inspection_year, f"{info.programme} report", "unclear")


def answered_reports(ctx: Context) -> Iterator[Candidate[BackReference]]:
    """What a page about an inspection says of the force's response to it (not the
    inspectorate's own reports, whose "in response to our recommendations" names no year)."""
    info = ctx.info
    if info.kind in REPORT_KINDS or info.is_response or info.inspection_year is None:
        return
    for i, (s, e) in enumerate(ctx.sentences):
        if _ANSWERED.search(ctx.text, s, e) and _HOW_FAR.search(ctx.text, s, e):
            yield _reference(ctx, i, info.inspection_year, info.programme, "read")


def tracking_references(ctx: Context) -> Iterator[Candidate[BackReference]]:
    """The one status comment sentence per page that reports on its recommendation: the
    latest comment's verdict or statement of what is now the case, else the strongest cue
    of any comment (of two comments with it, the later)."""
    info = ctx.info
    comments = ctx.extras.get("comments")
    if info.kind not in TRACKING_KINDS or info.inspection_year is None or not comments:
        return
    spans: list[tuple[int, int]] = comments  # type: ignore[assignment]
    inside = [
        [i for i, (s, e) in enumerate(ctx.sentences) if a <= s and e <= b]
        for a, b in sorted(spans, reverse=True)
    ]
    # The latest comment, where it gives a verdict or says what is now the case: what
    # became of the recommendation is what the page says last.
    for cue in _TRACKING_CUES[:2]:
        for i in inside[0]:
            s, e = ctx.sentences[i]
            if cue.search(ctx.text, s, e):
                yield _reference(ctx, i, info.inspection_year, info.programme, "tracking")
                return
    for cue in _TRACKING_CUES:
        for i in (i for comment in inside for i in comment):
            s, e = ctx.sentences[i]
            if cue.search(ctx.text, s, e):
                yield _reference(ctx, i, info.inspection_year, info.programme, "tracking")
                return


# Findings read the first three passes too (the earlier findings a reference names, in
# :func:`peelgraph.extract.findings.referenced_findings`), in a context of their own: their
# candidates depend on the document and what is known of it only, so the second reading
# is the first one's list (a quarter of back-reference reading was this repetition). One
# document at a time, per thread, so that nothing outlives the document it was read from.
_READ = threading.local()


def _read_once(run: Pass[BackReference]) -> Pass[BackReference]:
    def once(ctx: Context) -> list[Candidate[BackReference]]:
        memo = getattr(_READ, "memo", None)
        if memo is None or memo[0] is not ctx.doc or memo[1] is not ctx.info:
            memo = _READ.memo = (ctx.doc, ctx.info, {})
        found: dict[str, list[Candidate[BackReference]]] = memo[2]
        if run.__name__ not in found:
            found[run.__name__] = list(run(ctx))
        return found[run.__name__]

    once.__name__ = once.__qualname__ = run.__name__
    once.__doc__ = run.__doc__
    return once


# The passes that find a reference to an earlier inspection wherever a document stands
# (findings read them for the earlier findings they name).
EARLIER_PASSES: tuple[Pass[BackReference], ...] = (
    _read_once(dated_references),
    _read_once(relative_references),
    _read_once(since_references),
)

BACK_REFERENCE_PASSES: tuple[Pass[BackReference], ...] = (
    *EARLIER_PASSES,
    response_references,
    answered_reports,
    tracking_references,
)


# One sentence that refers back to two earlier findings at once: "addressed both causes
# of concern ... by improving how it responds to missing children and domestic abuse",
# "improvements since the last inspection in the areas of domestic abuse and serious
# organised crime". Each is its own back-reference (the gold's convention: one entry each).
_BOTH = re.compile(
    r"(?i)\b(?:both|the\s+two)\s+(?:causes?\s+(?:of|for)\s+concern|recommendations|areas\s+for\s+improvement|AFIs|concerns)\b"
)
_CONJUNCT = (
    r"(?:(?!(?:and|or|but|the|a|an|its|their|which|while|as|to|of|in)\b)[\w’'-]+\s+){0,3}?[\w’'-]+"
)
_PAIR = re.compile(
    rf"(?i)\b(?:to|of|in|on|for|about)\s+(?P<x>{_CONJUNCT})\s+and\s+(?P<y>{_CONJUNCT})(?=\s*(?:[,.;:]|$))"
)
_AREAS_OF = re.compile(
    rf"(?i)\bin\s+the\s+(?:\w+\s+)?areas?\s+of\s+(?P<x>{_CONJUNCT})\s+and\s+(?P<y>{_CONJUNCT})(?=\s*(?:[,.;:]|$))"
)


def split_pairs(doc: Document, refs: list[BackReference]) -> list[BackReference]:
    """A reference to two earlier findings named as a pair becomes two: the first keeps the
    sentence as its evidence, the second's runs from the pair's cue to the sentence's end (so
    each has its own span and node, and the sentence stays one link unit)."""
    out: list[BackReference] = []
    for ref in refs:
        ev = ref.evidence
        sentence = doc.text[ev.start : ev.end]
        cue = _AREAS_OF.search(sentence)
        pair = cue
        if cue is None and (cue := _BOTH.search(sentence)):
            pair = next((m for m in _PAIR.finditer(sentence, cue.end())), None)
        if cue is None or pair is None:
            out.append(ref)
            continue
        second_start = ev.start + cue.start()
        if second_start <= ev.start:
            second_start = ev.start + pair.start("y")
        for a, b, topic in (
            (ev.start, ev.end, pair.group("x")),
            (second_start, ev.end, pair.group("y")),
        ):
            q = classify_question(topic)
            out.append(
                replace(
                    ref,
                    evidence=evidence(doc, a, b),
                    topic=" ".join(topic.split()),
                    question=(q if q not in PILLAR_TOKENS else None) or ref.question,
                )
            )
    return out


def extract_back_references(
    doc: Document, info: DocumentInfo, comments: list[tuple[int, int]] | None = None
) -> list[BackReference]:
    """``comments``: the spans of the page's status comments, where tracking pages report."""
    ctx = Context(doc, info, extras={"comments": comments or []})
    refs = sorted(settle(ctx, BACK_REFERENCE_PASSES), key=lambda b: b.evidence.start)
    return sorted(split_pairs(doc, refs), key=lambda b: b.evidence.start)
