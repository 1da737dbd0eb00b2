"""Findings: areas for improvement, causes of concern and recommendations, one pass per form.

1. Headed lists: "Area(s) for improvement" followed by bullets (multi-line
   bullets joined, sub-bullets kept with their parent) or "The force should ..."
   paragraphs; "Cause(s) of concern" and its paragraph; "Recommendation(s)" or
   "Recommendation 5" with an optional lead-in ("The force should immediately
   take steps to:") and bullets, on separate lines or run together with "•".
2. Lists after a paragraph that names their kind and ends in a colon ("We made the
   following recommendations:", "... had two areas for improvement in our 2017
   inspection. These were:"), with an optional inner lead-in.
3. A tracking page's recommendation with no heading: its first paragraph that
   asks for something ("With immediate effect, all forces should ..."), or a
   lead-in and its list ("Within six months the force should ... ensure that:").
4. Prose recommendations: "We recommend that the force ...".
5. Findings quoted from an earlier report: "In our 2017 effectiveness report, we
   said that the force should ...", "In 2016, we recommended that ...",
   "The following AFI was included in the 2017 effectiveness report. '...'".
6. Findings only named by a later document: "the causes of concern HMIC
   identified during last year's inspection", "HMIC's 2015 recommendations", "we
   said this was an area for improvement" (a back-reference that names a kind).

Each finding's question is that of the section it stands in, or, where the
document has no sections, the question its own wording names. A finding
addressed to forces in general ("all forces should", "transferred from
individual police forces") is national: it has no force of its own, and a
force's page that tracks it says whose progress its status history records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from peelgraph.extract.facts import DocumentInfo, Finding, FindingType
from peelgraph.extract.lists import Item, bullets
from peelgraph.extract.passes import Candidate, Context, Pass, settle
from peelgraph.extract.sections import BULLET_RE
from peelgraph.extract.text import Line, evidence
from peelgraph.ingest.document import Document
from peelgraph.reference.kinds import TRACKING_KINDS
from peelgraph.reference.questions import PILLAR_TOKENS, classify_question

# A heading alone on its line; a list item that names one ("- areas for improvement;") is
# not one.
# Numbered like recommendations ("Area for improvement 2", "Cause of concern 1").
_AFI_HEAD = re.compile(r"(?i)^\W*areas? for improvement(?:\s+\d{1,3})?[^\w;,]*$")
_COC_HEAD = re.compile(
    # "Cause of concern: responding to the public": the heading may name its topic.
    r"(?i)^\W*causes? (?:of|for) concern(?:\s+\d{1,3})?(?:[^\w;,]*|\s*:\s+[a-z][\w ,’'-]{2,60})$"
)
_REC_HEAD = re.compile(r"(?i)^\W*recommendations?(?:\s+\d{1,3})?[^\w;,]*$")
_INLINE_BULLET = re.compile(r"[^\S\n]*•[^\S\n]*")
_WORD = re.compile(r"\w")
# "The force should ...", "Norfolk Constabulary should ...": a finding's paragraph.
_SHOULD_START = re.compile(
    r"(?i)^(?:the (?:force|constabulary)|it|[A-Z][\w’' -]{2,40}?(?-i:Police|Constabulary)"
    r"(?: Service)?) (?:should|must|needs to)\b"
)
_ASKS = re.compile(r"(?i)\b(?:should|must|needs? to|recommend\w*)\b")
_PROSE_REC = re.compile(
    r"(?P<all>We recommend that (?:the (?:force|constabulary)|[A-Z][\w ]{2,40}?(?:Police|Constabulary))\s[^.]{10,400}\.)"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_QUOTED_PATTERNS: tuple[tuple[re.Pattern[str], FindingType | None], ...] = (
    (
        re.compile(
            rf"In (?:our|HMIC\w*[’']s|the) {_YEAR}(?: \w+){{0,3}} (?:report|inspection),? we (?:said|stated|found|noted|reported),? that\s+"
            r"(?P<text>the (?:force|constabulary) should [^.]{10,600}\.)",
            re.IGNORECASE,
        ),
        None,
    ),
    (
        re.compile(
            rf"In {_YEAR},? we identified,? as an? (?P<kind>area for improvement|cause of concern),? that\s+"
            r"(?P<text>the (?:force|constabulary) should [^.]{10,600}\.)",
            re.IGNORECASE,
        ),
        None,
    ),
    (
        re.compile(
            rf"In {_YEAR},? we recommended that\s+(?P<text>the (?:force|constabulary) should [^.]{{10,600}}\.)",
            re.IGNORECASE,
        ),
        "recommendation",
    ),
    (
        re.compile(
            rf"The following (?P<kind>AFI|area for improvement|recommendation|cause of concern) was "
            rf"(?:included|made|raised) in the {_YEAR}(?: \w+){{0,3}} (?:report|inspection)\.?\s*"
            r"['‘\"](?P<text>[^'’\"]{10,800}?)['’\"]",
            re.IGNORECASE,
        ),
        None,
    ),
)
# Addressed to forces in general, not to one force.
_NATIONAL = re.compile(
    r"(?i)\b(?:all\s+forces|(?:individual\s+)?police\s+forces|forces\s+should|by\s+forces|"
    r"chief\s+constables\s+should|each\s+force\s+should)\b"
)
_OWN_FORCE = re.compile(r"(?i)\bthe\s+(?:force|constabulary)\b")


def _kind_token(kind: str | None, default: FindingType) -> FindingType:
    k = " ".join((kind or "").lower().split())
    if k.startswith(("afi", "area")):
        return "area-for-improvement"
    if k.startswith("cause"):
        return "cause-of-concern"
    if k.startswith("recommendation"):
        return "recommendation"
    return default


def _fold(text: str) -> str:
    return " ".join(text.split())


def _question(ctx: Context, pos: int, text: str) -> str | None:
    q = ctx.section_at(pos) or classify_question(text, ctx.info.inspection_year)
    return None if q in PILLAR_TOKENS else q


def _finding(
    ctx: Context,
    ftype: FindingType,
    start: int,
    end: int,
    *,
    subs: list[tuple[int, int]] | None = None,
    lead_in: str | None = None,
    quoted_year: int | None = None,
    parent: str | None = None,
    reference_only: bool = False,
) -> Candidate[Finding]:
    doc, info = ctx.doc, ctx.info
    ev = evidence(doc, start, end)
    subs = subs or []
    sub_texts = tuple(_fold(doc.text[a:b]) for a, b in subs)
    head_end = subs[0][0] if subs else end
    head = _fold(doc.text[ev.start : head_end]).rstrip(" -")
    text = " ".join([head, *sub_texts]) if sub_texts else _fold(ev.quote)
    f = Finding(
        type=ftype,
        force=info.force,
        inspection_year=quoted_year or info.inspection_year,
        question=_question(ctx, start, text),
        text=text,
        evidence=ev,
        sub_items=sub_texts,
        lead_in=lead_in,
        quoted_from_year=quoted_year,
        parent=parent,
        tracked=info.kind in TRACKING_KINDS and not quoted_year,
        reference_only=reference_only,
    )
    return Candidate(f, ev.start, ev.end)


def _items(ctx: Context, i: int) -> tuple[list[Item], int]:
    """Bullets from line ``i``, or "The force should ..." paragraphs where there are none."""
    ls = ctx.lines
    items, nxt = bullets(ctx.doc, ls, i)
    if items:
        return items, nxt
    j = i
    while j < len(ls) and (not ls[j].stripped or _SHOULD_START.match(ls[j].stripped)):
        if ls[j].stripped:
            items.append((ls[j].start, ls[j].end, []))
        j += 1
    return items, j


def _cause_of_concern(ctx: Context, i: int) -> tuple[Candidate[Finding] | None, int]:
    """The paragraph under a "Cause(s) of concern" heading, up to its first full stop."""
    ls = ctx.lines
    j = i + 1
    paras: list[Line] = []
    while j < len(ls) and not (_REC_HEAD.match(ls[j].stripped) or _AFI_HEAD.match(ls[j].stripped)):
        s = ls[j].stripped
        if s:
            if paras and s.endswith(":"):
                break  # a lead-in to the recommendations that answer it
            if (
                paras
                and not ls[j - 1].stripped
                and len(s) < 80
                and not s.endswith((".", ";", ",", ":"))
            ):
                break  # the next heading
            paras.append(ls[j])
            if s.endswith("."):
                break
        j += 1
    if not paras:
        return None, max(j, i + 1)
    return _finding(ctx, "cause-of-concern", paras[0].start, paras[-1].end), max(j, i + 1)


# A lead-in that asks and opens a list: "The force should immediately:", "we recommend
# that, within three months, the force should: ensure ...; review ...".
# (Bounded on both sides of its verb, so a long line costs linear time.)
_LEAD_IN = re.compile(
    r"(?i)^(?P<lead>[^:\n]{0,400}?\b(?:should|must|needs? to|recommend\w*|take\s+steps\s+to)\b"
    r"[^:\n]{0,400}?:)"
)
# Items run together after a lead-in: "ensure that ...; review ...; and train ...".
_RUN_SPLIT = re.compile(r";\s*(?:and\s+)?")


def _is_heading(s: str) -> bool:
    return bool(_AFI_HEAD.match(s) or _COC_HEAD.match(s) or _REC_HEAD.match(s))


def _run_together(ctx: Context, a: int, b: int) -> list[tuple[int, int]]:
    """The items of a list run together on one line, by its bullets or else its semicolons."""
    text = ctx.text
    marks = list(_INLINE_BULLET.finditer(text, a, b))
    if marks and not _WORD.search(text, a, marks[0].start()):
        bounds = [*[m.start() for m in marks[1:]], b]
        spans = [(m.end(), e) for m, e in zip(marks, bounds, strict=True)]
    else:
        spans, pos = [], a
        for m in _RUN_SPLIT.finditer(text, a, b):
            spans.append((pos, m.start() + 1))  # the ";" stays with its item
            pos = m.end()
        spans.append((pos, b))
    out = []
    for x, y in spans:
        while y > x and text[y - 1].isspace():
            y -= 1
        if _WORD.search(text, x, y):
            out.append((x, y))
    return out


def _lowercase_items(ctx: Context, j: int) -> tuple[list[Item], int]:
    """Items that continue a lead-in's sentence without bullets: paragraphs that start in
    lower case ("ensure that ...;"), blank lines between them or not."""
    ls = ctx.lines
    items: list[Item] = []
    while j < len(ls):
        s = ls[j].stripped
        if not s:
            j += 1
            continue
        if not s[0].islower():
            break
        items.append((ls[j].start, ls[j].end, []))
        j += 1
    return items, j


def _recommendations(
    ctx: Context, i: int, parent: str | None
) -> tuple[list[Candidate[Finding]], int]:
    """The recommendations under a heading at line ``i``: one or more groups, each an
    optional lead-in ("The force should immediately:") and its items, as bullets (on their
    own lines or run together with "•"), as lower-case paragraphs continuing the lead-in,
    or run together after the lead-in's colon ("... should: ensure ...; review ...")."""
    ls = ctx.lines
    out: list[Candidate[Finding]] = []
    j = i + 1
    while True:
        while j < len(ls) and not ls[j].stripped:
            j += 1
        if j >= len(ls) or _is_heading(ls[j].stripped):
            break
        ln = ls[j]
        lead_in = None
        lead = (
            _LEAD_IN.match(ln.stripped)
            if ":" in ln.stripped[:801] and not BULLET_RE.match(ln.text)
            else None
        )
        if lead is not None and not ln.stripped.endswith(":"):
            # The lead-in and its items on one line.
            lead_in = lead.group("lead")
            body = ln.start + (len(ln.text) - len(ln.text.lstrip())) + lead.end()
            spans = _run_together(ctx, body, ln.end)
            if len(spans) < 2 and "•" not in ln.text[lead.end() :]:
                if out:
                    break
                # One request after a colon is one recommendation, lead-in and all.
                spans, lead_in = [(ln.start, ln.end)], None
            out += [
                _finding(ctx, "recommendation", a, b, lead_in=lead_in, parent=parent)
                for a, b in spans
            ]
            j += 1
            continue
        if ln.stripped.endswith(":") and (lead is not None or not out):
            lead_in = ln.stripped
            j += 1
            while j < len(ls) and not ls[j].stripped:
                j += 1
        if j < len(ls) and ls[j].stripped.startswith("•") and ls[j].stripped.count("•") > 1:
            # Bullets run together on one line ("• a; • b; • c").
            spans = _run_together(ctx, ls[j].start, ls[j].end)
            out += [
                _finding(ctx, "recommendation", a, b, lead_in=lead_in, parent=parent)
                for a, b in spans
            ]
            j += 1
            continue
        items, nxt = bullets(ctx.doc, ls, j)
        if not items and lead_in is not None:
            items, nxt = _lowercase_items(ctx, j)
        if not items and j < len(ls) and _SHOULD_START.match(ls[j].stripped):
            items, nxt = [(ls[j].start, ls[j].end, [])], j + 1
        if not items:
            break
        out += [
            _finding(ctx, "recommendation", a, b, subs=subs, lead_in=lead_in, parent=parent)
            for a, b, subs in items
        ]
        j = nxt
    return out, max(j, i + 1)


def headed_lists(ctx: Context) -> Iterator[Candidate[Finding]]:
    """Findings under their headings: AFIs, a cause of concern, its recommendations."""
    ls = ctx.lines
    i = 0
    parent: str | None = None
    while i < len(ls):
        s = ls[i].stripped
        if BULLET_RE.match(ls[i].text) and s.endswith((".", ";", ",")):
            i += 1  # a list item that names a kind of finding ("- causes of concern."): no heading
        elif _AFI_HEAD.match(s):
            items, nxt = _items(ctx, i + 1)
            for a, b, subs in items:
                yield _finding(ctx, "area-for-improvement", a, b, subs=subs)
            i = max(nxt, i + 1)
        elif _COC_HEAD.match(s):
            coc, i = _cause_of_concern(ctx, i)
            if coc is not None:
                parent = coc.fact.key
                yield coc
        elif _REC_HEAD.match(s):
            recs, i = _recommendations(ctx, i, parent)
            yield from recs
        else:
            i += 1


# A paragraph that names the findings it lists and ends in a colon: "We made the following
# recommendations:", "Gwent Police had two areas for improvement in our 2017 efficiency
# inspection. These were:", "Our cause of concern ... had two accompanying recommendations:".
_NAMES_KIND = re.compile(
    r"(?i)\b(?:(?P<afi>areas?\s+for\s+improvement|AFIs?)|(?P<coc>causes?\s+(?:of|for)\s+concern)|"
    r"(?P<rec>recommend\w*))\b"
)
_DIRECTS = re.compile(r"(?i)\b(?:should|must|needs?\s+to)\b")
_EARLIER_REPORT = re.compile(
    r"(?i)\bin\s+(?:our|the|HMIC\w*[’']?s?)\s+(?P<year>(?:19|20)\d\d)\s+(?:\w+\s+){0,3}?"
    r"(?:inspection|report|assessment)"
)
# A later page's remark after an earlier finding it lists: "... abandoned calls.This has been
# addressed."
_REMARK = re.compile(r"(?<=[a-z)])\.\s*(?=[A-Z])")


def _paragraph_before(ctx: Context, i: int) -> tuple[int, str]:
    """The start and text of the paragraph that ends with line ``i``."""
    ls = ctx.lines
    k = i
    while k > 0 and ls[k - 1].stripped and i - k < 6:
        k -= 1
    return ls[k].start, ctx.text[ls[k].start : ls[i].end]


def named_lists(ctx: Context) -> Iterator[Candidate[Finding]]:
    """Findings listed after a paragraph that names them, with no heading of their own: the
    paragraph's last named kind is theirs ("... had two accompanying recommendations:"), an
    inner lead-in may follow ("Within three months, the force should:"), and each item (or
    the inner lead-in) must ask something, so a list of the kinds of findings ("we will
    identify: - areas for improvement; - causes of concern") is none. An earlier report the
    paragraph names ("in our 2017 efficiency inspection") is where the findings were raised."""
    if ctx.info.kind in TRACKING_KINDS:
        return  # a tracking page's lead-in and list are its one recommendation (below)
    ls = ctx.lines
    year = ctx.info.inspection_year
    for i, ln in enumerate(ls):
        if not ln.stripped.endswith(":") or BULLET_RE.match(ln.text) or _is_heading(ln.stripped):
            continue
        start, para = _paragraph_before(ctx, i)
        kinds = list(_NAMES_KIND.finditer(para))
        if not kinds or kinds[-1].end() < len(para) - 200:
            continue
        last = kinds[-1]
        ftype: FindingType = (
            "area-for-improvement"
            if last.group("afi")
            else "cause-of-concern"
            if last.group("coc")
            else "recommendation"
        )
        j = i + 1
        while j < len(ls) and not ls[j].stripped:
            j += 1
        lead_in = None
        if j < len(ls) and ls[j].stripped.endswith(":") and _DIRECTS.search(ls[j].stripped):
            lead_in = ls[j].stripped
            j += 1
        items, _ = bullets(ctx.doc, ls, j)
        if not items or not all(lead_in or _DIRECTS.search(ctx.text[a:b]) for a, b, _subs in items):
            continue
        earlier = _EARLIER_REPORT.search(para)
        quoted = int(earlier.group("year")) if earlier else None
        if quoted is not None and year is not None and quoted >= year:
            quoted = None
        for a, b, subs in items:
            if quoted is not None and (m := _REMARK.search(ctx.text, a, b)):
                b = m.start() + 1  # the finding, not the later page's remark on it
            c = _finding(ctx, ftype, a, b, subs=subs, lead_in=lead_in, quoted_year=quoted)
            yield Candidate(c.fact, start, items[-1][1])


def unheaded_recommendation(ctx: Context) -> Iterator[Candidate[Finding]]:
    """A tracking page's recommendation with no heading: the first paragraph that asks
    for something, before the status history ("With immediate effect, all forces should
    ...", or a lead-in such as "Within six months the force should ... ensure that:" and
    its list)."""
    if ctx.info.kind not in TRACKING_KINDS:
        return
    ls = ctx.lines
    if any(
        _AFI_HEAD.match(ln.stripped) or _COC_HEAD.match(ln.stripped) or _REC_HEAD.match(ln.stripped)
        for ln in ls
    ):
        return
    history = ctx.text.find("[on]")
    for i, ln in enumerate(ls[:60]):
        if 0 <= history <= ln.start:
            return
        s = ln.stripped
        if not _ASKS.search(s) or BULLET_RE.match(ln.text):
            continue
        if s.endswith(":"):
            items, _ = bullets(ctx.doc, ls, i + 1)
            if items:
                subs = [(a, b) for a, b, _ in items]
                yield _finding(ctx, "recommendation", ln.start, items[-1][1], subs=subs)
                return
        yield _finding(ctx, "recommendation", ln.start, ln.end)
        return


def prose_recommendations(ctx: Context) -> Iterator[Candidate[Finding]]:
    for m in _PROSE_REC.finditer(ctx.text):
        yield _finding(ctx, "recommendation", m.start(), m.end())


def quoted_findings(ctx: Context) -> Iterator[Candidate[Finding]]:
    """An earlier report's finding in its own words, with the earlier year."""
    for pattern, fixed in _QUOTED_PATTERNS:
        for m in pattern.finditer(ctx.text):
            ftype = fixed or _kind_token(m.groupdict().get("kind"), "area-for-improvement")
            yield _finding(
                ctx, ftype, m.start("text"), m.end("text"), quoted_year=int(m.group("year"))
            )


_OWN_ROUND_KINDS = frozenset(
    ["inspection", "peel", "effectiveness", "efficiency", "legitimacy", "leadership"]
)


def _other_inspection(kind: str | None) -> bool:
    """A named inspection other than a PEEL pillar ("an inspection of vulnerability in 2015",
    quoted by the 2015 effectiveness report): a finding of the same year that is not the
    document's own."""
    first = (kind or "inspection").split()[0].lower()
    return first not in _OWN_ROUND_KINDS


def referenced_findings(ctx: Context) -> Iterator[Candidate[Finding]]:
    """Earlier findings a later document names by kind and year only ("we said this was an
    area for improvement", "in 2014 and 2015, HMIC made recommendations about ..."): each
    back-reference that names a kind of finding stands for one, the sentence as evidence."""
    from peelgraph.extract.backrefs import EARLIER_PASSES, split_pairs

    year = ctx.info.inspection_year
    # ("acted on our recommendations since 2016": a change since a year names them too.)
    for whole in settle(ctx, EARLIER_PASSES):
        # "both causes of concern ... missing children and domestic abuse": one finding each,
        # all read from the one sentence (the second's evidence starts at the pair's cue).
        for ref in split_pairs(ctx.doc, [whole]):
            earlier = ref.refers_to_year
            if ref.finding_type is None or earlier is None or year is None or earlier > year:
                continue
            if earlier == year and not _other_inspection(ref.refers_to_kind):
                continue  # the document's own round
            ev = ref.evidence
            c = _finding(
                ctx, ref.finding_type, ev.start, ev.end, quoted_year=earlier, reference_only=True
            )
            yield Candidate(c.fact, whole.evidence.start, whole.evidence.end)


FINDING_PASSES: tuple[Pass[Finding], ...] = (
    headed_lists,
    named_lists,
    unheaded_recommendation,
    prose_recommendations,
    quoted_findings,
    referenced_findings,
)


def _national(findings: list[Finding], info: DocumentInfo) -> list[Finding]:
    """A tracking page's findings addressed to all forces belong to no one force."""
    if info.kind not in TRACKING_KINDS:
        return findings
    national = any(
        _NATIONAL.search(f.text) and not _OWN_FORCE.search(f.text)
        for f in findings
        if not f.quoted_from_year
    )
    if not national:
        return findings
    out = []
    keys: dict[str, str] = {}
    for f in findings:
        if f.quoted_from_year:
            out.append(f)
            continue
        g = replace(f, force=None, scope="national", tracked_for=info.force)
        keys[f.key] = g.key
        out.append(g)
    return [replace(f, parent=keys.get(f.parent or "", f.parent)) if f.parent else f for f in out]


def extract_findings(doc: Document, info: DocumentInfo) -> list[Finding]:
    found = settle(Context(doc, info), FINDING_PASSES)
    out = _national(sorted(found, key=lambda f: f.evidence.start), info)
    # A recommendation serves its cause of concern, so it shares that question.
    by_key = {f.key: f for f in out}
    out = [
        replace(f, question=by_key[f.parent].question)
        if f.question is None and f.parent in by_key
        else f
        for f in out
    ]
    # A quoted finding takes its question from its own wording when that is explicit.
    year = info.inspection_year
    return [
        replace(f, question=classify_question(f.text, year) or f.question)
        if f.quoted_from_year and classify_question(f.text, year) not in {None, *PILLAR_TOKENS}
        else f
        for f in out
    ]
