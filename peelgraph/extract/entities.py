"""Organisations and named programmes a document mentions, canonicalised.

Rule- and list-based (no model): the 43 forces and the national bodies come
from reference lists with aliases and acronyms; open classes are patterns
("... NHS foundation trust", "... Council", "University of ...", "... Fire and
Rescue Service", "<region> regional organised crime unit", "Operation X",
"... programme / board / meeting"); acronyms the text defines ("multi-agency
safeguarding hub (MASH)") resolve to their long form. One record per
canonical name per document, with the sentence of its first mention as
evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from peelgraph.extract.text import evidence
from peelgraph.model import Document, DocumentInfo, Organisation, ProgrammeMention
from peelgraph.reference import forces
from peelgraph.reference.organisations import KNOWN_PROGRAMMES, NATIONAL_BODIES, ROCU_REGION

_COOPERATION = re.compile(
    r"(?i)\b(?:joint|jointly|collaborat\w*|partner\w*|together|alongside|with|engag\w*|refer\w*|shar\w*|"
    r"multi-agency|works?|working|support\w*)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])|\n\s*\n")


def sentence_span(text: str, start: int, end: int, limit: int = 300) -> tuple[int, int]:
    """The sentence around a mention, at most ``limit`` characters, trimmed around the mention."""
    lo = max(0, start - limit)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    e_match = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    e = e_match.start() if e_match else min(len(text), end + limit // 2)
    if e - s > limit:
        s = max(s, start - (limit - (end - start)) // 2)
        e = min(e, s + limit)
    return s, e


def _title(s: str) -> str:
    small = {"and", "of", "the", "for", "in", "on", "to"}
    words = s.split()
    return " ".join(
        w
        if (w.isupper() or any(c.isdigit() for c in w) or (i and w.lower() in small))
        else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def defined_acronyms(text: str) -> dict[str, tuple[str, int]]:
    """Acronyms the text defines: "long form (ACR)" -> {ACR: (long form, position)}."""
    out: dict[str, tuple[str, int]] = {}
    for m in re.finditer(r"\(([A-Z][A-Za-z]{1,8}s?)\)", text):
        acr = m.group(1)
        letters = [c.lower() for c in acr.rstrip("s") if c.isupper()] or [acr[0].lower()]
        before = text[max(0, m.start() - 120) : m.start()].rstrip()
        words = re.findall(r"[\w’'-]+", before)
        # Take as many words back as the acronym needs, counting hyphenated parts.
        for n in range(1, min(len(words), 12) + 1):
            cand = words[-n:]
            parts = [p for w in cand for p in w.split("-") if p]
            with_all = [p[0].lower() for p in parts]
            content = [
                p[0].lower() for p in parts if p.lower() not in {"and", "of", "the", "for", "&"}
            ]
            if (with_all == letters or content == letters) and parts[0].lower() not in {
                "and",
                "of",
                "the",
                "for",
            }:
                long = " ".join(cand)
                if long.lower() != acr.lower():
                    out.setdefault(acr, (long, m.start()))
                break
            if len(content) > len(letters) + 1:
                break
    return out


# --------------------------------------------------------------------------- organisations

_REGIONS = (
    r"south west|south-west|south east|north west|north east|eastern|east midlands|west midlands|"
    r"south wales|southern wales|yorkshire and (?:the )?humber|london|tarian|titan|emsou|ersou|serocu"
)
_ROCU = re.compile(
    rf"(?i)\b(?:(?P<region>{_REGIONS})\s+)?regional\s+(?:and\s+)?organised\s+crime\s+units?\b|\b(?:(?P<r2>SW|SE|NW|NE|EM|WM)\s+)?ROCUs?\b"
)
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
_GENERIC_ORGS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"(?i)\bhealth\s+boards?\b"), "Local health board", "health"),
    (
        re.compile(r"(?i)\bcommunity\s+safety\s+partnerships?\b"),
        "Community safety partnerships (CSPs)",
        "local-authority",
    ),
    (
        re.compile(r"(?i)\bsafeguarding\s+co-?ordination\s+units?\b"),
        "Safeguarding co-ordination units (SCUs)",
        "other",
    ),
    (
        re.compile(r"(?i)\bprobation\b(?!\s+(?:trust|service))"),
        "Probation service",
        "criminal-justice",
    ),
)
_PCC = re.compile(
    r"(?i)\b(?P<office>office\s+of\s+the\s+)?(?:police\s+and\s+crime\s+commissioner|PCC)(?:’s|'s)?"
    r"(?:\s+for\s+(?P<area>[A-Z][\w ]+?)(?=[\s,.;:]|$))?\b|\bOPCC\b"
)
_MASH = re.compile(r"(?i)\bmulti-agency\s+safeguarding\s+hubs?\b|\bMASH(?:es)?\b")
_FORCE_LIST = re.compile(
    r"\b((?:[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?,\s+){0,43}[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?\s+and\s+[A-Z][\w-]{1,50}(?:\s+[A-Z][\w-]{1,50})?)\s+forces\b"
)


def _national_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    index: dict[str, tuple[str, str, bool]] = {}
    alts: list[str] = []
    for org in NATIONAL_BODIES:
        for name in (org.canonical, *org.aliases):
            index[name.lower()] = (org.canonical, org.category, org.generic)
            esc = re.escape(name).replace(r"\ ", r"\s+")
            alts.append(f"(?i:{esc})" if name.islower() else esc)
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"), index


_NATIONAL_RE, _NATIONAL_INDEX = _national_pattern()


def extract_organisations(doc: Document, info: DocumentInfo) -> list[Organisation]:
    text = doc.text
    subject = info.force
    subject_force = forces.BY_SLUG[subject] if subject else None
    found: dict[str, Organisation] = {}
    taken: list[tuple[int, int]] = []
    acronyms = defined_acronyms(text)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(
        a: int,
        b: int,
        canonical: str,
        category: str,
        *,
        force: str | None = None,
        generic: bool = False,
        name: str | None = None,
    ) -> None:
        if not free(a, b):
            return
        taken.append((a, b))
        key = forces.normalise_name(re.sub(r"\([^)]*\)", " ", canonical))
        if key in found:
            return
        s, e = sentence_span(text, a, b)
        sentence = text[s:e]
        if force is not None and force == subject:
            role = "subject"
        elif category == "inspectorate":
            role = "other"
        elif category == "police-force":
            role = (
                "partner"
                if re.search(r"(?i)\b(?:joint|collaborat\w*|together|alongside|with)\b", sentence)
                else "comparator"
            )
        elif category == "national-agency":
            role = "partner" if _COOPERATION.search(sentence) else "other"
        else:
            role = "partner"
        found[key] = Organisation(
            name=" ".join((name or text[a:b]).split()),
            canonical=canonical,
            category=category,
            role=role,
            force=force,
            generic=generic,
            evidence=evidence(doc, s, e),
        )

    # The 43 forces, named in full or in a list of short names ("Durham, Lancashire and ... forces").
    for m in forces.FORCE_NAME_RE.finditer(text):
        f = forces.lookup(m.group(0))
        if f:
            add(m.start(), m.end(), f.name, "police-force", force=f.slug)
    for m in _FORCE_LIST.finditer(text):
        pos = m.start(1)
        for part in re.split(r",\s+|\s+and\s+", m.group(1)):
            i = text.find(part, pos)
            f = forces.lookup(part)
            if f and i >= 0:
                add(i, i + len(part), f.name, "police-force", force=f.slug)
            pos = i + len(part) if i >= 0 else pos
    # Regional organised crime units: the region named, or the subject force's region.
    for m in _ROCU.finditer(text):
        region = m.group("region") or {
            "SW": "South West",
            "SE": "South East",
            "NW": "North West",
            "NE": "North East",
            "EM": "East Midlands",
            "WM": "West Midlands",
        }.get(m.group("r2") or "")
        if not region and subject:
            region = ROCU_REGION.get(subject)
        canonical = (
            f"{_title(region)} Regional Organised Crime Unit"
            if region
            else "Regional Organised Crime Unit"
        )
        end = m.end()
        tail = re.match(r"\s*\([^)]{2,12}\)", text[end:])
        add(
            m.start(),
            end + (tail.end() if tail else 0),
            canonical.replace("South-west", "South West"),
            "regional-unit",
        )
    # Police and crime commissioners and their offices.
    for m in _PCC.finditer(text):
        if m.group(0) == "PCC" and not re.search(r"\bPCC\b", text[m.start() : m.end()]):
            continue
        area = m.group("area") or (subject_force.short if subject_force else "")
        # The commissioner and the office are one organisation for the graph.
        canonical = f"Office of the Police and Crime Commissioner for {area}".strip()
        tail = re.match(r"\s*\((?:O?PCC)\)", text[m.end() :])
        add(m.start(), m.end() + (tail.end() if tail else 0), canonical, "other")
    for m in re.finditer(
        r"(?i)\boffice\s+of\s+the\s+PCC\s+for\s+([A-Z][\w-]+(?:\s+and\s+[A-Z][\w-]+)?)", text
    ):
        add(
            m.start(),
            m.end(),
            f"Office of the Police and Crime Commissioner for {m.group(1)}",
            "other",
        )
    # Multi-agency safeguarding hubs.
    for m in _MASH.finditer(text):
        area = subject_force.short if subject_force else ""
        tail = re.match(r"\s*\(MASH\)", text[m.end() :])
        add(
            m.start(),
            m.end() + (tail.end() if tail else 0),
            f"{area} Multi-Agency Safeguarding Hub (MASH)".strip(),
            "other",
        )

    def open_classes(patterns: tuple[tuple[re.Pattern[str], str], ...]) -> None:
        for pattern, category in patterns:
            for m in pattern.finditer(text):
                inner = m.groupdict().get("inner")
                whole = m.group(0) if inner else re.sub(r"\s*\([^)]*\)$", "", m.group(0))
                lead = re.match(
                    r"\s*(?:(?:The|the|A|An|In|At|With|By|And|Both|Its|Our)\s+)?", whole
                )
                offset = lead.end() if lead else 0
                name = " ".join(whole[offset:].split())
                if len(name) < 5 or name.lower().startswith(("police and crime", "multi-agency")):
                    continue
                if (
                    category == "other"
                    and re.search(r"(?i)\bunit\b", name)
                    and "regional" in name.lower()
                ):
                    continue  # regional organised crime units are recognised above
                if inner:
                    canonical = f"NHS {inner}"
                elif re.fullmatch(r"[A-Z]{3,}\s+council", name) and name.split()[0] in acronyms:
                    canonical = f"{_title(acronyms[name.split()[0]][0])} Council"
                elif re.fullmatch(r"(?:[A-Z][\w'’-]+\s+){1,2}University", name):
                    canonical = "University of " + name.rsplit(" ", 1)[0]
                else:
                    canonical = _title(name)
                cat = category
                known = _NATIONAL_INDEX.get(name.lower())
                if known:
                    canonical, cat = known[0], known[1]
                add(m.start() + offset, m.end(), canonical, cat)

    # NHS bodies before the national list, so "NHS" inside a trust's name is not taken alone.
    open_classes(_OPEN_ORGS[:3])
    # National bodies from the reference list.
    for m in _NATIONAL_RE.finditer(text):
        canonical, category, generic = _NATIONAL_INDEX[" ".join(m.group(0).lower().split())]
        tail = re.match(r"\s*\([A-Z]{2,6}\)", text[m.end() :])
        add(m.start(), m.end() + (tail.end() if tail else 0), canonical, category, generic=generic)
    # Open classes by pattern (councils, universities, trusts, units ...).
    open_classes(_OPEN_ORGS[3:])
    for pattern, canonical, category in _GENERIC_ORGS:
        for m in pattern.finditer(text):
            add(m.start(), m.end(), canonical, category, generic=True)
    return sorted(found.values(), key=lambda o: o.evidence.start)


# --------------------------------------------------------------------------- programmes


def _known_programme_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    index: dict[str, tuple[str, str]] = {}
    alts: list[str] = []
    for p in KNOWN_PROGRAMMES:
        for name in (p.canonical, *p.aliases):
            key = forces.normalise_name(name)
            index[key] = (p.canonical, p.category)
            esc = re.escape(name).replace(r"\ ", r"\s+")
            alts.append(esc if (name.isupper() or len(name.split()) == 1) else f"(?i:{esc})")
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])['‘]?(?:" + "|".join(alts) + r")['’]?(?![\w-])"), index


_KNOWN_PROG_RE, _KNOWN_PROG_INDEX = _known_programme_pattern()
_HEAD_WORDS = re.compile(r"(?i)\s+(?:programmes?|initiatives?|schemes?|projects?)$")


def programme_key(name: str) -> str:
    """Comparison key: "Think Family programme" and "Think Family" are one programme."""
    key = forces.normalise_name(re.sub(r"\([^)]*\)", " ", name))
    stripped = _HEAD_WORDS.sub("", key)
    return stripped if len(stripped) > 2 else key


_OPERATION = re.compile(r"\bOperation\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")
_QUOTED = re.compile(
    r"(?:known(?:\s+locally)?\s+as|called|named|entitled|be\s+it)\s+(?:the\s+|an?\s+)?['‘\"](?P<q>(?=[^'’\"\n]*[A-Z])[A-Za-z0-9][^'’\"\n]{2,60})['’\"](?!\s+(?:teams?|units?|departments?|squads?)\b)"
    r"|(?:programme|scheme|initiative|project|capability|tool|system),?\s+known(?:\s+locally)?\s+as\s+"
    r"(?P<bare>[A-Z][\w'’-]+(?:\s+(?:and\s+)?[A-Z][\w'’-]+){0,5}(?:\s+\([A-Z]{2,8}\))?)"
    r"|['‘](?P<q2>[A-Z][^'’\n]{2,50})['’]\s+(?P<head>programme|scheme|initiative|project|meeting|model|framework|app|tool|system)"
    r"|programme\s+of\s+work\s+['‘](?P<q3>[^'’\n]{3,60})['’]"
    # "new analytical tools (SAS visual analytics)": a product named in brackets after its kind.
    r"|\b(?:tools?|systems?|software|app)\s+\((?P<q4>[A-Z][A-Za-z0-9 ]{2,40})\)"
)
_CAPITAL_HEAD = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’-]{1,50}\s+(?:and\s+|of\s+)?){1,5}(?:Programme|Scheme|Initiative|Project|Board|Forum|Panel|Review|Approach|Service))\b"
    r"|\b(?P<name2>(?:[A-Z][\w'’-]{1,50}\s+){1,4}(?:programme|scheme|initiative|project))\b"
)
# "the Great Expectations and Aston projects": two named projects sharing a head noun.
_PAIR_HEAD = re.compile(
    r"\b(?P<a>(?:[A-Z][\w'’-]{1,50}\s+){0,2}[A-Z][\w'’-]{1,50})\s+and\s+(?P<b>(?:[A-Z][\w'’-]{1,50}\s+){0,2}[A-Z][\w'’-]{1,50})\s+"
    r"(?P<head>projects|programmes|schemes|initiatives)\b"
)
# "IRIS (integrated response integrated systems) programme": an acronym with its expansion.
_ACRONYM_HEAD = re.compile(
    r"\b(?P<name>[A-Z]{3,}\s+\([a-z][^)]{3,60}\)\s+(?P<head>programme|scheme|system|tool|model|initiative|project))\b"
)
# "... tasking and co-ordination meeting (TCG)": found from the bracketed acronym
# back, because a pattern starting at every word ("up to six words, then
# 'meeting'") cost a third of all entity extraction.
_MEETING_ACRONYM_TAIL = re.compile(
    r"(?P<head>meetings?|boards?|forums?|conferences?|panels?)\s+\((?P<acr>[A-Z]{2,6}s?)\)"
)
_WORDS_BEFORE = re.compile(r"(?:[\w'’-]+\s+){1,6}$")


def _meeting_acronyms(text: str) -> list[tuple[str, int, int, str]]:
    """(name, name start, end of the bracketed acronym, acronym) for each such mention."""
    out = []
    for m in _MEETING_ACRONYM_TAIL.finditer(text):
        lo = max(0, m.start() - 240)
        before = _WORDS_BEFORE.search(text, lo, m.start())
        if before is None or (before.start() == lo and lo > 0 and not text[lo - 1].isspace()):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’-"):
            continue  # "meeting" inside a longer word
        out.append((text[before.start() : m.end("head")], before.start(), m.end(), m.group("acr")))
    return out


_MEETING_SKIP_FIRST = re.compile(
    r"(?i)^(?:force'?s?|force’s|constabulary'?s?|more|localised|main|effective|online|new|regular|other|good|"
    r"strong|both|all|several|two|three|various|such|these|those|many|some|formal|informal|separate|joint|"
    r"the|a|an)\s+"
)
_MEETING_BAD_WORD = re.compile(
    r"(?i)\b(?:chairs?|holds?|attends?|both|is|are|was|were|has|have|will|which|that|they|it|oversee|uses?|"
    r"lack|variety|through|number|range|series|communities|management\s+of|the)\b"
)
_MEETING = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur)\s+|^(?=(?:Daily|Weekly|Fortnightly|Monthly|Quarterly)\s))"
    r"(?P<name>(?:(?!(?:a|an|the|of|to|in|with|for|at|on|by|as)\b)[\w'’‘-]+\s+)(?:(?:and\s+|of\s+|for\s+)?[\w'’‘-]+\s+){0,5}?"
    r"(?:meetings?|board|forum|conference|panel))\b(?:\s+\((?P<acr>[A-Z]{2,6}s?)\))?",
    re.MULTILINE | re.IGNORECASE,
)
# Unnamed but specific initiatives, by their head noun: "a mental health triage pilot",
# "the Ministry of Justice's out of court disposals pilot", "a county wide stalking
# clinic", "the national domestic abuse survey", "a Home Office diagnostic tool".
_KIND_HEAD = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)|['’]s)\s+"
    r"(?P<name>(?:(?!(?:new|further|first|second|recent|current|this|that|same|other|monthly|weekly"
    r"|daily|annual|quarterly|yearly|the|to|since|for|with|and|in|on|a|an)\b)[\w-]+\s+){1,4}?"
    r"(?P<head>pilot|triage\s+car|clinic|survey|diagnostic\s+tool))\b"
)
# "piloting asset-based community development": what a force pilots, by the verb.
_PILOTING = re.compile(
    r"\b(?:piloting|to\s+pilot|pilots)\s+(?:an?\s+|the\s+)?"
    r"(?P<obj>(?:(?!(?:with|in|at|to|for|on|and|across|from|by|of|the|its|their)\b)[\w-]+"
    r"(?:\s+(?!(?:with|in|at|to|for|on|and|across|from|by|of)\b)[\w-]+){0,3}))"
)
_KIND_CATEGORY = {"diagnostic tool": "tool-or-model"}

_HEAD_CATEGORY = {
    "programme": "programme", "scheme": "scheme", "initiative": "initiative", "project": "programme",
    "meeting": "meeting-or-board", "meetings": "meeting-or-board", "board": "meeting-or-board",
    "forum": "meeting-or-board", "panel": "meeting-or-board", "conference": "meeting-or-board",
    "model": "tool-or-model", "framework": "tool-or-model", "app": "tool-or-model", "tool": "tool-or-model",
    "system": "tool-or-model", "review": "initiative", "approach": "programme", "service": "programme",
}  # fmt: skip


def extract_programmes(
    doc: Document, info: DocumentInfo, orgs: Sequence[Organisation] = ()
) -> list[ProgrammeMention]:
    text = doc.text
    found: dict[str, ProgrammeMention] = {}
    taken: list[tuple[int, int]] = []
    org_names = {forces.normalise_name(o.canonical) for o in orgs} | {
        forces.normalise_name(o.name) for o in orgs
    }

    def add(a: int, b: int, name: str, canonical: str, category: str) -> None:
        if any(not (b <= x or a >= y) for x, y in taken):
            return
        name = " ".join(name.strip(" '‘’\"").split())
        key = programme_key(canonical)
        if (
            not key
            or key in org_names
            or forces.lookup(name)
            or re.search(r"\b(?:PEEL|HMIC\w*)\b", name)
        ):
            return
        taken.append((a, b))
        if key in found:
            return
        s, e = sentence_span(text, a, b)
        found[key] = ProgrammeMention(name, canonical, category, evidence(doc, s, e))

    for m in _KNOWN_PROG_RE.finditer(text):
        canonical, category = _KNOWN_PROG_INDEX[forces.normalise_name(m.group(0).strip("'‘’"))]
        tail = re.match(r"\s*\([A-Za-z]{2,8}\)", text[m.end() :])
        add(m.start(), m.end() + (tail.end() if tail else 0), m.group(0), canonical, category)
    for m in _OPERATION.finditer(text):
        add(m.start(), m.end(), m.group(0), m.group(0), "operation")
    for m in _QUOTED.finditer(text):
        g = next(k for k in ("q", "bare", "q2", "q3", "q4") if m.group(k))
        name = m.group(g)
        head = (m.group("head") or "").lower()
        context = text[max(0, m.start() - 40) : m.end() + 20].lower()
        if head:
            category = _HEAD_CATEGORY[head]
        elif g == "q4" or re.search(r"\b(?:app|system|tool|software|database)\b", context):
            category = "tool-or-model"
        elif "meeting" in context or "board" in context:
            category = "meeting-or-board"
        else:
            category = "programme"
        add(m.start(g), m.end(g), name, _title(name), category)
    for m in _CAPITAL_HEAD.finditer(text):
        g = "name" if m.group("name") else "name2"
        name = re.sub(r"^(?:The|A|An|This|Its|Our|In|At)\s+", "", m.group(g))
        if len(name.split()) < 2:
            continue
        head = name.split()[-1].lower()
        add(
            m.end(g) - len(name),
            m.end(g),
            name,
            _title(name),
            _HEAD_CATEGORY.get(head, "programme"),
        )
    for m in _ACRONYM_HEAD.finditer(text):
        add(
            m.start("name"),
            m.end("name"),
            m.group("name"),
            m.group("name"),
            _HEAD_CATEGORY[m.group("head")],
        )
    for m in _PAIR_HEAD.finditer(text):
        head = m.group("head")[:-1]
        for g in ("a", "b"):
            name = re.sub(r"^(?:The|A|An)\s+", "", m.group(g))
            add(
                m.end(g) - len(name),
                m.end(g),
                f"{name} {head}",
                f"{name} {head}",
                _HEAD_CATEGORY[head],
            )
    for m in _KIND_HEAD.finditer(text):
        head = " ".join(m.group("head").split()).lower()
        name = m.group("name")
        add(
            m.start("name"),
            m.end("name"),
            name,
            name[:1].upper() + name[1:],
            _KIND_CATEGORY.get(head, "initiative"),
        )
    for m in _PILOTING.finditer(text):
        obj = m.group("obj")
        if len(obj.split()) >= 2 or obj.isupper():
            add(
                m.start("obj"),
                m.end("obj"),
                obj,
                f"{obj[:1].upper()}{obj[1:]} pilot",
                "initiative",
            )
    for name, start, end, acr in _meeting_acronyms(text):
        n = len([c for c in acr.rstrip("s") if c.isupper()])
        words = name.split()
        if len(words) >= n >= 2:
            kept = " ".join(words[-n:])
            label = f"{kept} ({acr})"
            name_end = start + len(name)
            add(name_end - len(kept), end, label, label[:1].upper() + label[1:], "meeting-or-board")
    for m in _MEETING.finditer(text):
        name = m.group("name")
        start = m.start("name")
        acr = m.group("acr")
        if acr:
            # An acronym after the name says how many words belong to it.
            n = len([c for c in acr.rstrip("s") if c.isupper()])
            words = name.split()
            if len(words) > n:
                kept = " ".join(words[-n:])
                start = m.end("name") - len(kept)
                name = kept
        while (skip := _MEETING_SKIP_FIRST.match(name)) and len(name.split()) > 2:
            start += skip.end()
            name = name[skip.end() :]
        if (
            _MEETING_SKIP_FIRST.match(name)
            or len(name.split()) < 2
            or _MEETING_BAD_WORD.search(name)
            or re.match(
                r"(?i)(?:partnership|multi-agency|partner|case|team|staff|strategic)\s+(?:meetings?|board|forum)$",
                name,
            )
        ):
            continue
        label = name + (f" ({acr})" if acr else "")
        add(start, m.end(), label, label[:1].upper() + label[1:], "meeting-or-board")
    return sorted(found.values(), key=lambda p: p.evidence.start)
