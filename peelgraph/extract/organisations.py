"""Organisations a document names, canonicalised, one pass per way they are named.

Rule- and list-based (no model): the 43 forces (by name, in a list of short
names, or by a common abbreviation), regional organised crime units, police and
crime commissioners, safeguarding hubs, the national bodies of the reference
list, and open classes by pattern ("... NHS foundation trust", "... Council",
"University of ..."). Passes run in that order through one span set, so a span
one pass read is not read again; one record per canonical name per document,
with the sentence of its first mention as evidence.

A recommendation addressed to all forces names classes ("regional organised crime
units"), not one force's partners; a bare "the ROCU" after a named one is that one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from peelgraph.extract.facts import DocumentInfo, Finding, Organisation
from peelgraph.extract.mentions import COOPERATION, defined_acronyms, title_case
from peelgraph.extract.names import force_mentions
from peelgraph.extract.passes import Candidate, Context, Pass, settle
from peelgraph.extract.text import evidence
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.reference.organisations import NATIONAL_BODIES, REGIONAL_UNITS, ROCU_REGION
from peelgraph.text.scan import Gated, PrefixScan, lower, max_width
from peelgraph.text.sentences import sentence_around


def _key(name: str) -> str:
    """A name as the national list indexes it: case, apostrophes, "&" and spaces folded."""
    return " ".join(name.lower().replace("’", "'").replace("&", " and ").split())


_REGIONS = (
    r"south west|south-west|south east|north west|north east|eastern|east midlands|west midlands|"
    r"south wales|southern wales|yorkshire and (?:the )?humber|london|tarian|titan|emsou|ersou|serocu"
)
# The look-ahead: the first letters of the regions, "regional", the abbreviations and
# "ROCU", so that most words are ruled out at once. Same matches.
_ROCU = re.compile(
    rf"(?i)\b(?=[snewyltr])(?:(?:(?P<region>{_REGIONS})\s+)?regional\s+(?:and\s+)?organised\s+crime\s+units?\b|\b(?:(?P<r2>SW|SE|NW|NE|EM|WM)\s+)?ROCUs?\b)"
)
# Every match holds "regional" or "ROCU" (in any case), either where it starts or after a
# region's name (or its two letters) and a run of spaces: see _rocus.
_ROCU_WORDS = ("regional", "rocu")
_REGION_REACH = max_width(rf"(?i:{_REGIONS}|SW|SE|NW|NE|EM|WM)")
_OPEN_ORGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:[A-Z0-9][\w'’-]{0,50}\s+){1,5}NHS\s+(?:[Ff]oundation\s+)?[Tt]rust\b|\b[\w-]{1,50}\s+NHS\s+foundation\s+trust\b"
        ),
        "health",
    ),
    (re.compile(r"\bNHS\s+\((?P<inner>[^)]{3,60})\)"), "health"),
    (
        re.compile(
            r"\b(?:[A-Z][\w'’-]{1,50}\s+){1,4}(?:Clinical\s+Commissioning\s+Group|Health\s+Board|University\s+Health\s+Board)\b"
        ),
        "health",
    ),
    (
        re.compile(
            r"\b(?:[A-Z][\w'’-]{1,50}\s+){1,5}(?:City\s+|County\s+|Borough\s+|District\s+)?Council\b"
        ),
        "local-authority",
    ),
    (re.compile(r"\b[A-Z]{3,}\s+council\b"), "local-authority"),
    (
        re.compile(
            r"\bUniversity\s+of\s+(?:[A-Z][\w'’-]{1,50}\s?){1,3}|\b(?:[A-Z][\w'’-]{1,50}\s+){1,2}University\b"
        ),
        "academic",
    ),
    (re.compile(r"\b(?:[A-Z][\w'’-]{1,50}\s+){1,4}Fire\s+and\s+Rescue\s+Service\b"), "other"),
    (
        re.compile(r"\b(?:[A-Z][\w'’-]{1,50}\s+(?:and\s+)?){1,4}Probation\s+Trust\b"),
        "criminal-justice",
    ),
    (re.compile(r"\b(?:[A-Z][\w'’-]{1,50}\s+){1,4}Trust\b"), "other"),
    (
        re.compile(
            r"\b(?:[A-Z][\w'’-]{1,50}\s+){1,4}(?:Unit|Bureau|Agency)\b(?:\s+\((?:[A-Z][\w]+)\))?"
        ),
        "other",
    ),
)
# The words each open class cannot match without (its head noun, as the pattern spells it):
# a pattern that starts at every capitalised word is not run over a text that lacks them.
_NEEDS: dict[str, tuple[str, ...]] = {
    p.pattern: words
    for (p, _), words in zip(
        _OPEN_ORGS,
        (
            ("NHS",),
            ("NHS",),
            ("Group", "Board"),
            ("Council",),
            ("council",),
            ("University",),
            ("Service",),
            ("Trust",),
            ("Trust",),
            ("Unit", "Bureau", "Agency"),
        ),
        strict=True,
    )
}
# Each led by a look-ahead on its first letter: most positions are turned away at one
# character, before the word boundary and the words are tried. Same matches.
_GENERIC_ORGS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"(?i)(?=h)\bhealth\s+boards?\b"), "Local health board", "health"),
    (
        re.compile(r"(?i)(?=c)\bcommunity\s+safety\s+partnerships?\b"),
        "Community safety partnerships (CSPs)",
        "local-authority",
    ),
    (
        re.compile(r"(?i)(?=s)\bsafeguarding\s+co-?ordination\s+units?\b"),
        "Safeguarding co-ordination units (SCUs)",
        "other",
    ),
    (
        re.compile(r"(?i)(?=p)\bprobation\b(?!\s+(?:trust|service))"),
        "Probation service",
        "criminal-justice",
    ),
)
_PCC = re.compile(
    r"(?i)\b(?P<office>office\s+of\s+the\s+)?(?:police(?:,\s+fire)?\s+and\s+crime\s+commissioner|P(?:F)?CC)(?:’s|'s)?"
    r"(?:\s+\((?:O?PCC)\))?(?:\s+for\s+(?P<area>[A-Z][\w&-]+(?:\s+(?:and\s+)?[A-Z][\w&-]+){0,3}))?\b|\bOPCC\b"
)
# "Leicestershire's Police and Crime Commissioner", "the Gwent PCC": the area before.
_AREA_BEFORE = re.compile(
    r"(?:^|\s)(?P<area>[A-Z][\w&-]+(?:\s+(?:and\s+)?[A-Z][\w&-]+){0,2})(?:[’']s)?\s+$"
)
_MASH = re.compile(r"(?i)\bmulti-agency\s+safeguarding\s+hubs?\b|\bMASH(?:es)?\b")
_FORCE_LIST = re.compile(
    r"\b((?:[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?,\s+){0,43}[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?\s+(?:and|&)\s+[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?)[ \t]+"
    # The forces' shared head: "Essex and Kent Police" is two forces (unless the whole is
    # one force's name, "Devon and Cornwall Police").
    r"(?P<head>forces|police\s+forces|Police|Constabularies)\b"
)


# Every list ends "and" (or "&"), one or two capitalised words and the shared head: a
# text without that (most of them) is not scanned by the pattern that starts at every
# capitalised word (see text.scan.Gated).
_FORCE_LIST_SCAN = Gated(
    _FORCE_LIST,
    [
        [
            re.compile(
                r"(?:and|&)\s+[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?[ \t]+"
                r"(?:forces|police\s+forces|Police|Constabularies)\b"
            )
        ]
    ],
)


def _national_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    index: dict[str, tuple[str, str, bool]] = {}
    alts: list[str] = []
    for org in NATIONAL_BODIES:
        for name in (org.canonical, *org.aliases):
            index[_key(name)] = (org.canonical, org.category, org.generic)
            parts = [re.escape(p).replace(r"\ ", r"\s+") for p in name.split("&")]
            esc = r"(?:&|and)".join(parts).replace("'", "['’]")
            alts.append(f"(?i:{esc})" if name.islower() else esc)
    alts.sort(key=len, reverse=True)
    # A look-ahead on the names' first characters (either case: a superset) rules out most
    # positions at once, where every name would be tried in turn. Same matches.
    names = [n for org in NATIONAL_BODIES for n in (org.canonical, *org.aliases)]
    lead = {c for n in names for c in (n[0].lower(), n[0].upper())}
    lead |= {"’"} if "'" in lead else set()
    first = re.escape("".join(sorted(lead)))
    # Not the first words of another name: "Home Office Counting Rules" is a standard.
    return re.compile(
        rf"(?<![\w-])(?=(?i:[{first}]))(?:"
        + "|".join(alts)
        + r")(?![\w-])(?!\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)"
    ), index


_NATIONAL_RE, _NATIONAL_INDEX = _national_pattern()


_REGIONAL_UNIT_NAMES = {n: u for u in REGIONAL_UNITS for n in (u.acronym, *u.written)}
_REGIONAL_UNIT_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in _REGIONAL_UNIT_NAMES) + r")\b"
)
_ROCU_ABBREV = {
    "SW": "South West",
    "SE": "South East",
    "NW": "North West",
    "NE": "North East",
    "EM": "East Midlands",
    "WM": "West Midlands",
}


# Precompiled: called at every candidate, a pattern given as a string went through re's
# cache each time. (A tail after a match is matched at its position, not on a copy of the
# rest of the text: a copy per candidate made a long document's reading quadratic.)
_TOGETHER = re.compile(r"(?i)\b(?:joint|collaborat\w*|together|alongside|with)\b")
_BRACKETS = re.compile(r"\([^)]*\)")
_PLURAL_UNITS = re.compile(r"(?i)units$|ROCUs$")
_NAMED_BESIDE = re.compile(r"\s*[,(]\s*(\w+)")
_UNIT_TAIL = re.compile(r"\s*\([^)]{2,12}\)")
_PCC_WORD = re.compile(r"\bPCC\b")
_MASH_TAIL = re.compile(r"\s*\(MASH\)")
_LAST_BRACKETS = re.compile(r"\s*\([^)]*\)$")
_LEAD_WORD = re.compile(r"\s*(?:(?:The|the|A|An|In|At|With|By|And|Both|Its|Our)\s+)?")
_UNIT_WORD = re.compile(r"(?i)\bunit\b")
_INSPECTORATE = re.compile(r"(?i)\binspectorate\b")
_ACRONYM_COUNCIL = re.compile(r"[A-Z]{3,}\s+council")
_NAME_UNIVERSITY = re.compile(r"(?:[A-Z][\w'’-]+\s+){1,2}University")
_ACRONYM_TAIL = re.compile(r"\s*\([A-Z]{2,6}\)")


@lru_cache(maxsize=8192)
def _org_key(canonical: str) -> str:
    """The key one organisation is known by (its canonical name, brackets aside, normalised):
    the same few names are keyed for every mention."""
    return forces.normalise_name(_BRACKETS.sub(" ", canonical))


def _role(ctx: Context, category: str, force: str | None, sentence: str) -> str:
    """What the organisation is to the document's force."""
    if force is not None and force == ctx.info.force:
        return "subject"
    if category == "inspectorate":
        return "other"
    if category == "police-force":
        together = _TOGETHER.search(sentence)
        return "partner" if together else "comparator"
    if category == "national-agency":
        return "partner" if COOPERATION.search(sentence) else "other"
    return "partner"


@dataclass(frozen=True)
class _Read:
    """An organisation as a pass reads it: its span and names. The fact (its sentence and
    role) is made only for the readings :func:`settle` keeps: most candidates fall inside a
    span an earlier pass read, and cutting each one's sentence was a quarter of extraction."""

    a: int
    b: int
    canonical: str
    category: str
    force: str | None
    generic: bool
    name: str | None
    role: str | None


def _org(
    ctx: Context,
    a: int,
    b: int,
    canonical: str,
    category: str,
    *,
    force: str | None = None,
    generic: bool = False,
    name: str | None = None,
    role: str | None = None,
) -> Candidate[_Read]:
    read = _Read(a, b, canonical, category, force, generic, name, role)
    return Candidate(read, a, b, key=_org_key(canonical))


def _made(ctx: Context, r: _Read) -> Organisation:
    """The organisation of a kept reading, with the sentence around it as evidence."""
    text = ctx.text
    s, e = sentence_around(text, r.a, r.b)
    return Organisation(
        name=" ".join((r.name or text[r.a : r.b]).split()),
        canonical=r.canonical,
        category=r.category,
        role=r.role or _role(ctx, r.category, r.force, text[s:e]),
        force=r.force,
        generic=r.generic,
        evidence=evidence(ctx.doc, s, e),
    )


def named_forces(ctx: Context) -> Iterator[Candidate[_Read]]:
    """The 43 forces by name or abbreviation, and in lists ("Durham, Lancashire and ... forces")."""
    text = ctx.text
    for mentions in force_mentions(text):
        for start, end, name in mentions:
            if f := forces.lookup(name):
                yield _org(ctx, start, end, f.name, "police-force", force=f.slug)
    for m in _FORCE_LIST_SCAN.finditer(text):
        if m.group("head") == "Police" and forces.lookup(f"{m.group(1)} Police"):
            continue
        pos = m.start(1)
        for part in re.split(r",\s+|\s+(?:and|&)\s+", m.group(1)):
            i = text.find(part, pos)
            f = forces.lookup(part)
            if f and i >= 0:
                yield _org(ctx, i, i + len(part), f.name, "police-force", force=f.slug)
            pos = i + len(part) if i >= 0 else pos


def _national(ctx: Context, pos: int) -> bool:
    spans: list[tuple[int, int]] = ctx.extras.get("national", [])  # type: ignore[assignment]
    return any(a <= pos < b for a, b in spans)


# Tried only where a unit's name, "MASH" or "multi-agency", or a generic body's first
# word stands (see text.scan): the same matches, not a try at every word.
_REGIONAL_UNIT_SCAN = PrefixScan(_REGIONAL_UNIT_RE)
_MASH_SCAN = PrefixScan(_MASH)
# Scanned only in a text that says "commissioner", "PCC", "OPCC" or "PFCC" (see text.scan).
_PCC_SCAN = PrefixScan(_PCC)
_GENERIC_SCANS = tuple((PrefixScan(p), canonical, cat) for p, canonical, cat in _GENERIC_ORGS)


def regional_units(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Regional organised crime units: by name, the region named, or the force's region."""
    text = ctx.text
    for m in _REGIONAL_UNIT_SCAN.finditer(text):
        unit = _REGIONAL_UNIT_NAMES[m.group(0)]
        yield _org(ctx, m.start(), m.end(), unit.canonical, "regional-unit")
    last: str | None = None  # the last unit named with its region
    # Both forms hold "regional" or "ROCU" (in any case): a text with neither is not scanned
    # by the long pattern that tries every region's name at every word.
    for m in _rocus(text):
        region = m.group("region") or _ROCU_ABBREV.get(m.group("r2") or "")
        if not region and _PLURAL_UNITS.search(m.group(0)) and _national(ctx, m.start()):
            continue  # a recommendation to all forces names the class, not one unit
        if not region and last is None and ctx.info.force:
            region = ROCU_REGION.get(ctx.info.force)
        canonical = (
            f"{title_case(region)} Regional Organised Crime Unit"
            if region
            else last or "Regional Organised Crime Unit"
        )
        # "the regional organised crime unit, ERSOU": the unit the text names beside it.
        named = _NAMED_BESIDE.match(text, m.end(), m.end() + 40)
        if named and named.group(1) in _REGIONAL_UNIT_NAMES:
            canonical = _REGIONAL_UNIT_NAMES[named.group(1)].canonical
            last = canonical
        if region:
            last = canonical
        tail = _UNIT_TAIL.match(text, m.end())
        end = tail.end() if tail else m.end()
        yield _org(
            ctx, m.start(), end, canonical.replace("South-west", "South West"), "regional-unit"
        )


def _rocus(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_ROCU.finditer(text)``, tried only where one can start.

    The pattern tried every word its look-ahead's eleven letters start (about 1 ms a
    document) to find units named in half the documents. A match starts at its word
    ("regional", "ROCU") or at a region's name before it, which ends where the run of
    spaces before the word starts and is at most ``_REGION_REACH`` characters long (a
    region's name holds neither word). So the pattern is tried, with ``match`` against
    the whole text, at each place the words stand (in the text's lower case, see
    text.scan.lower) and at each position up to that far before the spaces in front of
    them, in order from the end of the last match: what ``finditer`` finds."""
    low = lower(text)
    if low is None or _REGION_REACH is None:
        yield from _ROCU.finditer(text)
        return
    starts: set[int] = set()
    for word in _ROCU_WORDS:
        k = low.find(word)
        while k >= 0:
            starts.add(k)
            spaces = k
            while spaces > 0 and text[spaces - 1].isspace():  # str.isspace is the engine's \s
                spaces -= 1
            if spaces < k:
                starts.update(range(max(0, spaces - _REGION_REACH), spaces))
            k = low.find(word, k + 1)
    match = _ROCU.match
    reached = 0
    for start in sorted(starts):
        if start >= reached and (m := match(text, start)) is not None:
            yield m
            reached = m.end()  # every match holds its word: none is empty


def commissioners(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Police and crime commissioners and their offices: one organisation for the graph."""
    text = ctx.text
    subject = forces.BY_SLUG[ctx.info.force] if ctx.info.force else None
    # In a commissioner's own page or a force's response, the commissioner writes or is written to.
    role = "other" if ctx.info.is_response else None
    for m in _PCC_SCAN.finditer(text):
        if m.group(0) == "PCC" and not _PCC_WORD.search(text[m.start() : m.end()]):
            continue
        area = m.group("area")
        if not area and (before := _AREA_BEFORE.search(text, max(0, m.start() - 60), m.start())):
            named = forces.lookup(before.group("area"))
            area = named.short if named else None
        area = area or (subject.short if subject else "")
        canonical = f"{area} Police and Crime Commissioner".strip()
        yield _org(ctx, m.start(), m.end(), canonical, "other", role=role)


def safeguarding_hubs(ctx: Context) -> Iterator[Candidate[_Read]]:
    area = forces.BY_SLUG[ctx.info.force].short if ctx.info.force else ""
    for m in _MASH_SCAN.finditer(ctx.text):
        tail = _MASH_TAIL.match(ctx.text, m.end())
        end = tail.end() if tail else m.end()
        yield _org(
            ctx, m.start(), end, f"{area} Multi-Agency Safeguarding Hub (MASH)".strip(), "other"
        )


# How many runs of a word's characters (and spaces between) a match may span before its
# head word: five words before "NHS" or "(City) Council", four and their "and"s before
# "Probation Trust", four before "Fire and Rescue Service" or "Clinical Commissioning
# Group" (one over). Every open class's pattern starts at a word boundary.
_HEAD_RUNS = 10
_BOUNDARY = re.compile(r"\b")


def _around_heads(
    pattern: re.Pattern[str], text: str, heads: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` yields, tried only just before head words.

    A pattern that may start at every capitalised word costs a try at each, and most of a
    text is far from any "Council" or "Trust". Between a match's start and its head word
    stand only words (runs of word characters and ``'’-``) and white space, at most
    ``_HEAD_RUNS`` runs of them (or the match starts at the head word). So the pattern is
    tried, with ``match`` against the whole text, at each word boundary from that many
    runs before each head word up to the word, in order from the end of the last match:
    what ``finditer`` finds. (It was tried at every position within 500 characters of a
    head word, and over the whole text when a gap longer than that reach allowed for stood
    in it: 1.8 ms a document on the 10 % sample.)"""
    starts: set[int] = set()
    for word in heads:
        k = text.find(word)
        while k >= 0:
            lo = k
            for _ in range(_HEAD_RUNS):
                while lo > 0 and text[lo - 1].isspace():  # str.isspace is the engine's \s
                    lo -= 1
                word_end = lo
                # str.isalnum and "_" are the engine's \w
                while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "'’-_"):
                    lo -= 1
                if lo == word_end:
                    break  # not a word: no match reaches back past it
            starts.update(b.start() for b in _BOUNDARY.finditer(text, lo, k + 1))
            k = text.find(word, k + 1)
    match = pattern.match
    reached = 0
    for start in sorted(starts):
        if start >= reached and (m := match(text, start)) is not None:
            yield m
            reached = m.end()  # every match holds its head word: none is empty


def _open_classes(
    ctx: Context, patterns: tuple[tuple[re.Pattern[str], str], ...]
) -> Iterator[Candidate[_Read]]:
    text = ctx.text
    acronyms = ctx.extras.setdefault("acronyms", None) or defined_acronyms(text)
    ctx.extras["acronyms"] = acronyms
    for pattern, category in patterns:
        if not any(word in text for word in _NEEDS[pattern.pattern]):
            continue  # its head word is nowhere in the text: no scan at every capital
        for m in _around_heads(pattern, text, _NEEDS[pattern.pattern]):
            inner = m.groupdict().get("inner")
            whole = m.group(0) if inner else _LAST_BRACKETS.sub("", m.group(0))
            lead = _LEAD_WORD.match(whole)
            offset = lead.end() if lead else 0
            name = " ".join(whole[offset:].split())
            if len(name) < 5 or name.lower().startswith(("police and crime", "multi-agency")):
                continue
            if category == "other" and _UNIT_WORD.search(name) and "regional" in name.lower():
                continue  # regional organised crime units are recognised above
            if _INSPECTORATE.search(name):
                continue  # the inspectorate's own names are on the national list
            if inner:
                canonical = f"NHS {inner}"
            elif _ACRONYM_COUNCIL.fullmatch(name) and name.split()[0] in acronyms:  # type: ignore[operator]
                canonical = f"{title_case(acronyms[name.split()[0]][0])} Council"  # type: ignore[index]
            elif _NAME_UNIVERSITY.fullmatch(name):
                canonical = "University of " + name.rsplit(" ", 1)[0]
            else:
                canonical = title_case(name)
            cat = category
            if known := _NATIONAL_INDEX.get(_key(name)):
                canonical, cat = known[0], known[1]
            yield _org(ctx, m.start() + offset, m.end(), canonical, cat)


def health_bodies(ctx: Context) -> Iterator[Candidate[_Read]]:
    """NHS bodies, before the national list, so "NHS" inside a trust's name is not taken alone."""
    yield from _open_classes(ctx, _OPEN_ORGS[:3])


def national_bodies(ctx: Context) -> Iterator[Candidate[_Read]]:
    text = ctx.text
    for m in _NATIONAL_RE.finditer(text):
        canonical, category, generic = _NATIONAL_INDEX[_key(m.group(0))]
        tail = _ACRONYM_TAIL.match(text, m.end())
        end = tail.end() if tail else m.end()
        yield _org(ctx, m.start(), end, canonical, category, generic=generic)


def other_bodies(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Councils, universities, trusts, units ... by pattern."""
    yield from _open_classes(ctx, _OPEN_ORGS[3:])


def generic_bodies(ctx: Context) -> Iterator[Candidate[_Read]]:
    for scan, canonical, category in _GENERIC_SCANS:
        for m in scan.finditer(ctx.text):
            yield _org(ctx, m.start(), m.end(), canonical, category, generic=True)


ORGANISATION_PASSES: tuple[Pass[_Read], ...] = (
    named_forces,
    regional_units,
    commissioners,
    safeguarding_hubs,
    health_bodies,
    national_bodies,
    other_bodies,
    generic_bodies,
)


def extract_organisations(
    doc: Document, info: DocumentInfo, findings: Sequence[Finding] = ()
) -> list[Organisation]:
    national = [(f.evidence.start, f.evidence.end) for f in findings if f.scope == "national"]
    ctx = Context(doc, info, extras={"national": national})
    found = [_made(ctx, r) for r in settle(ctx, ORGANISATION_PASSES)]
    return sorted(found, key=lambda o: o.evidence.start)
