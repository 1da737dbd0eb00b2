"""Which force a document is about, read from the places documents name it.

In order: a report's "An inspection of X", a force page's "X PEEL 2016" title,
"This is HMIC's third PEEL assessment of X", a recommendation page's address,
a letter's signature block, a commissioner's "Police and Crime Commissioner for
X", and last the force the text names most. A document that names no force
is not an error: a page addressed to all forces is national (with the forces
it names), anything else has an unknown force and carries a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from peelgraph.extract.facts import Problem
from peelgraph.extract.names import force_mentions
from peelgraph.extract.prose_grades import LEAD_IN_SCAN
from peelgraph.extract.text import Line, evidence
from peelgraph.extract.titles import page_title
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.reference.kinds import RESPONSE_KINDS
from peelgraph.text.scan import PrefixScan

INSPECTION_OF_RE = re.compile(
    r"(?im)^[^\S\n]*(?:.{0,80}?[–-]\s*)?An?\s+inspection\s+of\s+(?:the\s+)?(.+?)\s*$"
)
REC_URL_RE = re.compile(r"https?://\S*/recommendations?/([a-z0-9-]+)/\S*", re.IGNORECASE)
_ASSESSMENT_OF_RE = re.compile(
    r"(?i)\b(?:PEEL\b[^.\n]{0,80}?assessment|inspection assessed how good|assessment of the effectiveness"
    r"[^.\n]{0,60}?with which)\s+(?:of\s+)?(?P<name>[A-Z][\w&'’ -]{2,50}?)"
    r"(?=\s+(?:is|keeps|in|\.)|[.,])"
)
_COMMISSIONER = r"(?:Police(?:,)?\s+(?:Fire\s+)?and\s+Crime\s+Commissioner|PCC)"
_AREA = r"[A-Z][\w&'’-]+(?:\s+(?:and\s+|of\s+)?[A-Z][\w&'’-]+){0,3}"
# "the Police and Crime Commissioner for Surrey", "Leicestershire's Police and Crime
# Commissioner": two forms, searched apart so that one cannot swallow the other.
_COMMISSIONER_OF_RES = (
    re.compile(rf"{_COMMISSIONER}\s+(?:\(PCC\)\s+)?for\s+(?P<area>{_AREA})"),
    re.compile(rf"(?P<area>{_AREA})(?:[’']s)?\s+{_COMMISSIONER}\b"),
)
# Line-anchored patterns start with [^\S\n]*, not \s*: from every line start, \s* would
# run over all the blank lines that follow (quadratic on a page of blank lines).
SIGN_OFF_RE = re.compile(r"^[^\S\n]*Yours\s+(?:sincerely|faithfully)", re.IGNORECASE | re.MULTILINE)
# Addressed to forces in general: a national recommendation or a table of all forces.
_NATIONAL_RE = re.compile(
    r"(?i)\b(?:all\s+forces|(?:individual\s+)?police\s+forces|forces\s+in\s+England\s+and\s+Wales|"
    r"by\s+forces|each\s+force|(?:the|all)\s+43\s+(?:police\s+)?forces|"
    # "more than half of forces have been judged ...", "so many forces are judged ..."
    r"(?:half|many|most|several)\s+(?:of\s+)?(?:the\s+)?(?:police\s+)?forces)\b"
)


# Which pillar: the words that name one ("how legitimate", "its efficiency", "effectively").
_PILLAR_WORD = r"(?:effective(?:ly|ness)?|efficien(?:t|tly|cy)|legitima(?:te|tely|cy))(?![\w-])"
_PILLAR_WORD_RE = re.compile(rf"(?i)\b{_PILLAR_WORD}")
_PILLAR_WORD_SCAN = PrefixScan(_PILLAR_WORD_RE)  # the same matches (see text.scan)
# What an inspection looked at: "this inspection looked at how legitimate X is", "HMIC assessed
# the legitimacy of X", "inspectors examined how efficiently", a coordination read whole
# ("how effective, efficient and legitimate": three pillars, so none). "HMIC also assessed
# legitimacy" names a second subject beside the page's own, so it does not count.
_INSPECTED_RE = re.compile(
    r"(?i)\b(?P<also>also\s+)?(?:looked\s+at|assessed|examined|inspected|focused\s+on)\s+"
    rf"(?P<what>(?:how\s+|the\s+|its\s+|forces[’']?\s+)?{_PILLAR_WORD}"
    rf"(?:(?:\s*,\s*|\s+and\s+|\s+or\s+){_PILLAR_WORD})*)"
)


def pillars_named(text: str) -> set[str]:
    """The pillars a phrase names by word: effective/efficient/legitimate in any form."""
    found = set()
    for m in _PILLAR_WORD_SCAN.finditer(text):
        w = m.group(0).lower()
        found.add(
            "effectiveness"
            if w.startswith("effective")
            else "efficiency"
            if w.startswith("efficien")
            else "legitimacy"
        )
    return found


def inspected_pillar(text: str, year: int | None) -> str | None:
    """The one pillar a document says the inspection it reports on looked at, or None.

    A commissioner's or a force's page often names its report only in a sentence
    ("the latest inspection looked at how legitimate the force is"), never in a
    title; the grades it then gives ("an overall rating of 'good'") are that pillar's.
    Only in the years of one report per pillar (2014-2017): an integrated PEEL
    assessment's page that says what it assessed of one pillar is still about all three.
    """
    from peelgraph.reference.peel import scheme_for

    if year is None or scheme_for(year).effectiveness_questions is None:
        return None
    named: set[str] = set()
    for m in _INSPECTED_RE.finditer(text):
        if not m.group("also"):
            named |= pillars_named(m.group("what"))
    return named.pop() if len(named) == 1 else None


def pillar_question(question: str, words: str, pillar: str | None) -> str:
    """The judgement a pillar's grade belongs to: on a page about the efficiency or
    legitimacy inspection, an overall grade whose own words name no pillar ("an overall
    rating of 'good'", "keeping people safe and reducing crime", which all three pillars
    of 2015-2017 asked) is that pillar's overall grade, not effectiveness's."""
    from peelgraph.reference.questions import PILLAR_TOKENS

    if question not in PILLAR_TOKENS or pillar not in {"efficiency", "legitimacy"}:
        return question
    return question if pillars_named(words) else pillar


_RELEASES_TITLE_RE = re.compile(r"(?i)\bpress\s+releases\b")


@dataclass(frozen=True)
class Attribution:
    force: str | None
    position: int  # where the text names it (-1: not named directly)
    scope: str  # force | national | unknown
    forces_named: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def _lookup_name(name: str) -> str | None:
    """A force from a name as written, trying shorter heads ("Avon and Somerset Constabulary's")."""
    name = re.sub(r"[’']s$", "", name.strip(" .,;:"))
    words = name.split()
    for n in range(len(words), 0, -1):
        f = forces.lookup(" ".join(words[:n]))
        if f:
            return f.slug
    return None


def _named(text: str) -> list[tuple[str, int]]:
    """(slug, position) of each mention of a force by name or abbreviation, in order."""
    found = [
        (f.slug, start)
        for mentions in force_mentions(text)
        for start, _, name in mentions
        if (f := forces.lookup(name)) is not None
    ]
    return sorted(found, key=lambda x: x[1])


def mentions(text: str) -> Counter[str]:
    return Counter(slug for slug, _ in _named(text))


def _most_mentioned(text: str) -> tuple[str | None, int]:
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for slug, pos in _named(text):
        counts[slug] += 1
        first.setdefault(slug, pos)
    if not counts:
        return None, -1
    slug = min(counts, key=lambda s: (-counts[s], first[s]))
    return slug, first[slug]


def _named_place(doc: Document, head: list[Line], kind: str) -> tuple[str | None, int]:
    """The force a form of the document's opening names, with its position."""
    text = doc.text
    window = text[: max(3000, head[-1].end if head else 0)]
    if m := INSPECTION_OF_RE.search(window):
        return _lookup_name(m.group(1)), m.start(1)
    for ln in head[:6]:
        if (m := page_title(ln)) and (f := forces.lookup(m.group("force"))):
            return f.slug, ln.start + m.start("force")
    if m := _ASSESSMENT_OF_RE.search(window):
        slug = _lookup_name(m.group("name"))
        if slug:
            return slug, m.start("name")
    if m := REC_URL_RE.search(window):
        f = forces.lookup(m.group(1))
        return (f.slug if f else None), m.start(1)
    if kind in RESPONSE_KINDS:
        if sign := SIGN_OFF_RE.search(text):
            slug, pos = _most_mentioned(text[sign.end() :])
            if slug:
                return slug, sign.end() + pos
        for pattern in _COMMISSIONER_OF_RES:
            for m in pattern.finditer(text[:6000]):
                if slug := _lookup_name(m.group("area")):
                    return slug, m.start("area")
    return None, -1


_SHORT_NAME_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(f.short) for f in sorted(forces.FORCES, key=lambda f: -len(f.short)))
    + r")\b"
)


def areas_named(text: str) -> dict[str, int]:
    """Each force named by its area alone, with its first position."""
    found: dict[str, int] = {}
    for m in _SHORT_NAME_RE.finditer(forces.fold_confusables(text)):
        if (f := forces.lookup(m.group(0))) is not None:
            found.setdefault(f.slug, m.start())
    return found


def _short_named(text: str) -> tuple[str | None, int]:
    """The first force named by its area alone ("Suffolk"), with its position."""
    for m in _SHORT_NAME_RE.finditer(forces.fold_confusables(text)):
        if (f := forces.lookup(m.group(0))) is not None:
            return f.slug, m.start()
    return None, -1


# The place a tracking page's comments name the force whose liaison lead acts: "the BED
# FLL", "WMD Force Liaison Officer". Capitals only: "The Force Liaison Lead" is no code.
_LIAISON_RE = re.compile(
    r"\b(?P<code>[A-Z][A-Z&]{1,4})[^\S\n]+(?:FLLs?|FLOs?|Force[^\S\n]+Liaison[^\S\n]+"
    r"(?:Leads?|Officers?|Managers?))\b"
)
# Ambiguous abbreviations standing alone ("at DPP"), not "the DPP" (the Director).
_CONTEXT_ABBREVIATION_RE = re.compile(
    r"(?<![\w&])(?<!the )(?<!The )(?P<code>"
    + "|".join(map(re.escape, forces.CONTEXT_ABBREVIATIONS))
    + r")(?![\w&])"
)
# Tried only where a code's letters stand (see text.scan): the same matches.
_CONTEXT_ABBREVIATION_SCAN = PrefixScan(_CONTEXT_ABBREVIATION_RE)
_WORDS_NOT_CODES = frozenset({"THE", "AND", "FOR", "OUR", "ITS", "ALL", "NEW", "ANY"})


def _code_slug(code: str) -> str | None:
    """The force a code in a force's place stands for: a listed abbreviation, or the one
    force whose name holds its letters in order; never another body's letters."""
    from peelgraph.reference.organisations import NATIONAL_BODIES

    if code in _WORDS_NOT_CODES or any(code in org.aliases for org in NATIONAL_BODIES):
        return None
    if slug := forces.ABBREVIATIONS.get(code) or forces.CONTEXT_ABBREVIATIONS.get(code):
        return slug
    f = forces.code_force(code)
    return f.slug if f else None


def _abbreviated(text: str) -> tuple[str | None, int]:
    """A force named only by its letters, where the text makes them the force: a code in
    the place a tracking page names its liaison lead's force, or an abbreviation that is
    also another body's ("DPP") beside the name of the force's region or regional unit.
    One force only: two candidates name none."""
    found: dict[str, int] = {}
    for m in _LIAISON_RE.finditer(text):
        if slug := _code_slug(m.group("code")):
            found.setdefault(slug, m.start("code"))
    region: frozenset[str] | None = None  # read only when an abbreviation needs it
    for m in _CONTEXT_ABBREVIATION_SCAN.finditer(text):
        slug = forces.CONTEXT_ABBREVIATIONS[m.group("code")]
        region = forces.regions_named(text) if region is None else region
        if slug in region:
            found.setdefault(slug, m.start("code"))
    if len(found) != 1:
        return None, -1
    ((slug, pos),) = found.items()
    return slug, pos


_NATIONAL_TITLE_RE = re.compile(
    r"(?i)\b(?:PEEL\s+(?:inspections|assessments)|(?:police\s+)?forces|"
    r"(?:policing|police)\s+in\s+England\s+and\s+Wales|(?:a\s+)?national\s+overview)\b"
)


def _national_title(title: str) -> bool:
    """A title about inspections, forces or policing in general, naming no force (a
    page that opens with a sentence about forces has no such title)."""
    if len(title) > 150 or title.endswith((".", ",", ";", ":")):
        return False
    return bool(_NATIONAL_TITLE_RE.search(title)) and not (
        forces.FORCE_NAME_RE.search(title) or _SHORT_NAME_RE.search(title)
    )


def _grades_many(text: str) -> bool:
    """Whether the text grades two forces or more, each under a lead-in that names it."""
    graded = {_lookup_name(m.group("subj")) for m in LEAD_IN_SCAN.finditer(text)} - {None}
    return len(graded) >= 2


def attribute(doc: Document, head: list[Line], kind: str) -> Attribution:
    """The force the document is about, or why it has none."""
    text = doc.text
    problems: list[Problem] = []
    slug, pos = _named_place(doc, head, kind)
    if slug is None and (m := INSPECTION_OF_RE.search(text[:3000])):
        name = m.group(1).strip()
        if not _NATIONAL_RE.search(name):
            problems.append(
                Problem(f"unknown force {name!r} in the title", evidence(doc, m.start(1), m.end(1)))
            )
    named = tuple(sorted(mentions(text)))
    window = text[: max(3000, head[-1].end if head else 0)]
    # Opening on forces in general and naming several, or grading several forces one after
    # another ("Inspectors found that X:" for each, as press releases of a round do):
    # about all of them, not one.
    if slug is None and len(named) >= 2 and (_NATIONAL_RE.search(window) or _grades_many(text)):
        return Attribution(None, -1, "national", named, problems)
    # A title about policing or inspections in general ("Emerging themes from the 2018/19
    # PEEL inspections", "The Annual Assessment of Policing in England and Wales") over an
    # opening on forces in general: national, however few forces its text names in passing.
    if slug is None and head and _national_title(head[0].stripped) and _NATIONAL_RE.search(window):
        return Attribution(None, -1, "national", named, problems)
    # The inspectorate's page of a round's press releases ("... 2016 – force press
    # releases") is about all forces even where the stored text reaches only the first
    # force it names. (Opening on forces in general is not enough: a force's report and a
    # commissioner's page say "police forces in England and Wales" too.)
    if slug is None and head and _RELEASES_TITLE_RE.search(head[0].stripped):
        return Attribution(None, -1, "national", named, problems)
    if slug is None:
        slug, pos = _most_mentioned(text)
    if slug is None and kind == "recommendation-page":
        # A force's tracking page: its liaison lead's comments name the force's area
        # ("the Suffolk and Norfolk joint ... meeting") where they never write its name.
        slug, pos = _short_named(text)
    if slug is None and len(areas := areas_named(text)) == 1:
        # A force's or commissioner's page that names its force by its area alone ("The
        # Sussex report can be viewed here", "Sussex 2017 PEEL Assessment"), and no other.
        ((slug, pos),) = areas.items()
    if slug is None:
        slug, pos = _abbreviated(text)
    if slug is not None:
        return Attribution(slug, pos, "force", problems=problems)
    if _NATIONAL_RE.search(text):
        return Attribution(None, -1, "national", named, problems)
    unknown = forces.FORCE_LIKE_RE.search(text[:5000])
    if unknown and not problems:
        problems.append(
            Problem(
                f"unknown force {unknown.group(1)!r}: not one of the 43 forces of England and Wales",
                evidence(doc, unknown.start(1), unknown.end(1)),
            )
        )
    elif not problems:
        problems.append(Problem("names no police force of England and Wales: its force is unknown"))
    return Attribution(None, -1, "unknown", named, problems)
