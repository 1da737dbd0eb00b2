"""Findings: areas for improvement, causes of concern and recommendations.

Read from structure and wording that every PEEL layout shares:

* a heading "Area(s) for improvement" followed by bullets (multi-line bullets
  joined, sub-bullets kept with their parent) or by "The force should ..." paragraphs;
* a heading "Cause(s) of concern" followed by its paragraph(s), and
  "Recommendation(s)" with an optional lead-in ("The force should immediately
  take steps to:") and bullets, on separate lines or run together with "•";
* prose recommendations: "We recommend that the force ...";
* findings quoted from an earlier report: "In our 2017 effectiveness report, we
  said that the force should ...", "In 2016, we identified, as an area for
  improvement, that the force should ...", "In 2016, we recommended that ...",
  "The following AFI was included in the 2017 effectiveness report. '...'".
  These carry the earlier year, so they become the earlier finding.

Each finding's question is the graded question whose section it stands in,
or, where the document has no sections, the question its own wording names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from peelgraph.extract.text import Line, evidence, lines
from peelgraph.model import Document, DocumentInfo, Finding, FindingType
from peelgraph.reference.peel import classify_question

_AFI_HEAD = re.compile(r"(?i)^\W*areas? for improvement\W*$")
_COC_HEAD = re.compile(r"(?i)^\W*causes? (?:of|for) concern\W*$")
_REC_HEAD = re.compile(r"(?i)^\W*recommendations?\W*$")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[•·▪◦‣●○\-–*]|\d{1,2}[.)]|\([a-z0-9]\))[ \t]+")
_INLINE_BULLET = re.compile(r"\s*•\s*")
_SHOULD_START = re.compile(r"(?i)^(?:the (?:force|constabulary)|it) (?:should|must|needs to)\b")
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


def _kind_token(kind: str | None, default: FindingType) -> FindingType:
    k = (kind or "").lower()
    if k in {"afi", "area for improvement"}:
        return "area-for-improvement"
    if k == "cause of concern":
        return "cause-of-concern"
    if k == "recommendation":
        return "recommendation"
    return default


class _Context:
    """The graded question whose section a position stands in."""

    def __init__(self, ls: list[Line]) -> None:
        self.marks: list[tuple[int, str]] = []
        for ln in ls:
            s = ln.stripped
            if (
                not (12 < len(s) < 220)
                or s.endswith((".", ";", ",", ":"))
                or _BULLET.match(ln.text)
            ):
                continue
            if "\t" in s or re.search(r"\.{4,}|\s\d+$", s):
                continue  # contents lines
            if s.endswith("?") and not re.match(r"(?i)how effective", s):
                continue  # sub-questions ("How well does the force ...?") do not move the section
            q = classify_question(s)
            if q and q not in {"overall", "efficiency", "legitimacy"}:
                self.marks.append((ln.start, q))

    def at(self, pos: int) -> str | None:
        q = None
        for start, token in self.marks:
            if start > pos:
                break
            q = token
        return q


def _bullets(
    doc: Document, ls: list[Line], i: int
) -> tuple[list[tuple[int, int, list[tuple[int, int]]]], int]:
    """Bullet items from line ``i`` on: (start, end, sub-item spans), and the next line index."""
    items: list[tuple[int, int, list[tuple[int, int]]]] = []
    base_indent: int | None = None
    n = len(ls)
    blank_run = 0
    while i < n:
        ln = ls[i]
        if not ln.stripped:
            blank_run += 1
            if blank_run > 2 and items:
                break
            i += 1
            continue
        m = _BULLET.match(ln.text)
        if m:
            indent = len(m.group("indent").expandtabs(4))
            if base_indent is None:
                base_indent = indent
            body = ln.start + m.end()
            if indent > base_indent and items:
                s, _, subs = items[-1]
                subs.append((body, ln.end))
                items[-1] = (s, ln.end, subs)
            else:
                items.append((body, ln.end, []))
            blank_run = 0
            i += 1
            continue
        if (
            items
            and blank_run == 0
            and not doc.text[items[-1][0] : items[-1][1]]
            .rstrip()
            .endswith((".", "?", "!", ".’", ".'", '."'))
        ):
            # A wrapped line continues the bullet above it, unless that bullet ended
            # its sentence (PDF text has no blank line between a list and what follows).
            s, _, subs = items[-1]
            if subs:
                subs[-1] = (subs[-1][0], ln.end)
            items[-1] = (s, ln.end, subs)
            i += 1
            continue
        break
    return _nest_after_colon(doc, items), i


def _nest_after_colon(
    doc: Document, items: list[tuple[int, int, list[tuple[int, int]]]]
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """A bullet ending in ':' owns the bullets after it, up to one that ends a sentence.

    PDF text loses indentation, so sub-bullets arrive as siblings; the colon
    and the list punctuation ("; and", the final ".") still say where they belong.
    """
    out: list[tuple[int, int, list[tuple[int, int]]]] = []
    owner: int | None = None
    for start, end, subs in items:
        text = doc.text[start:end].rstrip()
        if owner is not None:
            s0, _, osubs = out[owner]
            osubs.append((start, end))
            out[owner] = (s0, end, osubs)
            if text.endswith("."):
                owner = None
            continue
        out.append((start, end, subs))
        if text.endswith(":") and not subs:
            owner = len(out) - 1
    return out


def _fold(text: str) -> str:
    return " ".join(text.split())


def extract_findings(doc: Document, info: DocumentInfo) -> list[Finding]:
    if info.force is None:
        return []
    force = info.force
    year = info.inspection_year
    ls = lines(doc)
    ctx = _Context(ls)
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def question_for(pos: int, text: str) -> str | None:
        q = ctx.at(pos)
        if q is None:
            q = classify_question(text)
            if q in {"overall", "efficiency", "legitimacy"}:
                q = None
        return q

    def add(
        ftype: FindingType,
        start: int,
        end: int,
        *,
        subs: list[tuple[int, int]] = (),  # type: ignore[assignment]
        lead_in: str | None = None,
        quoted_year: int | None = None,
        parent: str | None = None,
        tracked: bool = False,
    ) -> Finding:
        ev = evidence(doc, start, end)
        sub_texts = tuple(_fold(doc.text[a:b]) for a, b in subs)
        head_end = subs[0][0] if subs else end
        head = _fold(doc.text[ev.start : head_end]).rstrip(" -")
        text = " ".join([head, *sub_texts]) if sub_texts else _fold(ev.quote)
        f = Finding(
            type=ftype,
            force=force,
            inspection_year=quoted_year or year,
            question=question_for(start, text),
            text=text,
            evidence=ev,
            sub_items=sub_texts,
            lead_in=lead_in,
            quoted_from_year=quoted_year,
            parent=parent,
            tracked=tracked,
        )
        out.append(f)
        taken.append((ev.start, ev.end))
        return f

    is_rec_page = info.kind == "recommendation-page"
    i = 0
    last_coc: Finding | None = None
    while i < len(ls):
        s = ls[i].stripped
        if _AFI_HEAD.match(s):
            items, nxt = _bullets(doc, ls, i + 1)
            if not items:
                # Paragraph style: "The force should ..." paragraphs under the heading.
                j = i + 1
                while j < len(ls) and (not ls[j].stripped or _SHOULD_START.match(ls[j].stripped)):
                    if ls[j].stripped:
                        items.append((ls[j].start, ls[j].end, []))
                    j += 1
                nxt = j
            for start, end, subs in items:
                add("area-for-improvement", start, end, subs=subs)
            i = max(nxt, i + 1)
            continue
        if _COC_HEAD.match(s):
            j = i + 1
            paras: list[Line] = []
            while j < len(ls) and not (
                _REC_HEAD.match(ls[j].stripped) or _AFI_HEAD.match(ls[j].stripped)
            ):
                if ls[j].stripped:
                    if paras and not ls[j - 1].stripped and _is_heading_like(ls[j].stripped):
                        break
                    paras.append(ls[j])
                    if len(paras) >= 1 and ls[j].stripped.endswith("."):
                        break
                j += 1
            if paras:
                last_coc = add(
                    "cause-of-concern", paras[0].start, paras[-1].end, tracked=is_rec_page
                )
            i = j if j > i else i + 1
            continue
        if _REC_HEAD.match(s):
            j = i + 1
            while j < len(ls) and not ls[j].stripped:
                j += 1
            lead_in = None
            if j < len(ls) and ls[j].stripped.endswith(":") and not _BULLET.match(ls[j].text):
                lead_in = ls[j].stripped
                j += 1
            while j < len(ls) and not ls[j].stripped:
                j += 1
            parent = last_coc.key if last_coc else None
            if j < len(ls) and ls[j].stripped.startswith("•") and ls[j].stripped.count("•") > 1:
                # Bullets run together on one line ("• a; • b; • c").
                ln = ls[j]
                parts = [m.end() for m in _INLINE_BULLET.finditer(ln.text)]
                bounds = [*[m.start() for m in _INLINE_BULLET.finditer(ln.text)][1:], len(ln.text)]
                for a, b in zip(parts, bounds, strict=True):
                    add(
                        "recommendation",
                        ln.start + a,
                        ln.start + b,
                        lead_in=lead_in,
                        parent=parent,
                        tracked=is_rec_page,
                    )
                i = j + 1
                continue
            items, nxt = _bullets(doc, ls, j)
            if not items and j < len(ls) and _SHOULD_START.match(ls[j].stripped):
                items = [(ls[j].start, ls[j].end, [])]
                nxt = j + 1
            for start, end, subs in items:
                add(
                    "recommendation",
                    start,
                    end,
                    subs=subs,
                    lead_in=lead_in,
                    parent=parent,
                    tracked=is_rec_page,
                )
            i = max(nxt, i + 1)
            continue
        i += 1

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for m in _PROSE_REC.finditer(doc.text):
        if free(m.start(), m.end()):
            add("recommendation", m.start(), m.end())
    for pattern, fixed in _QUOTED_PATTERNS:
        for m in pattern.finditer(doc.text):
            if not free(m.start("text"), m.end("text")):
                continue
            kind = m.groupdict().get("kind")
            ftype = fixed or _kind_token(kind, "area-for-improvement")
            add(ftype, m.start("text"), m.end("text"), quoted_year=int(m.group("year")))
    # A recommendation serves its cause of concern, so it shares that question.
    by_key = {f.key: f for f in out}
    out = [
        replace(f, question=by_key[f.parent].question)
        if f.question is None and f.parent in by_key
        else f
        for f in out
    ]
    # A quoted finding takes its question from its own wording when that is explicit.
    return [
        replace(f, question=classify_question(f.text) or f.question)
        if f.quoted_from_year and classify_question(f.text) not in {None, "overall"}
        else f
        for f in sorted(out, key=lambda f: f.evidence.start)
    ]


def _is_heading_like(s: str) -> bool:
    return len(s) < 80 and not s.endswith((".", ";", ",", ":"))
