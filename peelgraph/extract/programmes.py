"""Named programmes, operations, tools, schemes and boards a document mentions.

One pass per way they are named: the reference list of national tools and
schemes, "Operation X", names introduced as "known as 'X'", capitalised names
with a head noun ("Think Family Programme", "Regional Intelligence Group"),
acronyms with their expansion, pairs sharing a head ("the A and B projects"),
unnamed but specific initiatives by their kind ("a mental health triage
pilot"), what a force pilots, and meetings and boards. A name that is an
organisation's, a force's or the inspectorate's programme (PEEL) is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from peelgraph.extract.facts import DocumentInfo, Organisation, ProgrammeMention
from peelgraph.extract.mentions import title_case
from peelgraph.extract.passes import Candidate, Context, Pass, settle
from peelgraph.extract.text import evidence
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.reference.organisations import KNOWN_PROGRAMMES
from peelgraph.text.scan import Gated, PrefixScan, lower
from peelgraph.text.sentences import sentence_around


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
    # A look-ahead on the names' first letters (in either case: a superset) rules out
    # most positions at once, where every name would be tried in turn. Same matches.
    names = [n for p in KNOWN_PROGRAMMES for n in (p.canonical, *p.aliases)]
    lead = re.escape("".join(sorted({c for n in names for c in (n[0].lower(), n[0].upper())})))
    return re.compile(
        rf"(?<![\w-])(?=['‘]|(?i:[{lead}]))['‘]?(?:" + "|".join(alts) + r")['’]?(?![\w-])"
    ), index


_KNOWN_PROG_RE, _KNOWN_PROG_INDEX = _known_programme_pattern()
_BRACKETS = re.compile(r"\([^)]*\)")
_HEAD_WORDS = re.compile(r"(?i)\s+(?:programmes?|initiatives?|schemes?|projects?)$")


# Remembered: a document keys the same few names at every candidate.
@lru_cache(maxsize=8192)
def programme_key(name: str) -> str:
    """Comparison key: "Think Family programme" and "Think Family" are one programme."""
    key = forces.normalise_name(_BRACKETS.sub(" ", name))
    stripped = _HEAD_WORDS.sub("", key)
    return stripped if len(stripped) > 2 else key


# Precompiled: called at every candidate, a pattern given as a string went through re's
# cache each time. (A tail after a match is matched at its position, not on a copy of the
# rest of the text: a copy per candidate made a long document's reading quadratic.)
_PEEL = re.compile(r"\bPEEL\b")
_HMIC = re.compile(r"\bHMIC\w*\b")
_BOARD_END = re.compile(r"(?i)\b(?:group|board|forum|panel|committee)$")
_ACRONYM_TAIL = re.compile(r"\s*\([A-Za-z]{2,8}\)")
_TOOL_WORD = re.compile(r"\b(?:app|system|tool|software|database)\b")
_HEADED_LEAD = re.compile(r"^(?:The|A|An|This|Its|Our|In|At)\s+")
_PAIR_LEAD = re.compile(r"^(?:The|A|An)\s+")
_RUN_LEAD = re.compile(r"^(?:The|A|An|Its|Their|Our|Monthly|Weekly|Daily|Quarterly)\s+")
_GENERIC_MEETING = re.compile(
    r"(?i)(?:partnership|multi-agency|partner|case|team|staff|strategic)\s+(?:meetings?|board|forum)$"
)

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
    r"\b(?P<name>(?:[A-Z][\w'’-]{1,50}\s+(?:and\s+|of\s+)?){1,5}(?:Programme|Scheme|Initiative|Project|Board|Forum|Panel|Review|Approach|Service|Committee|(?<!Crime\s)Group))\b"
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
    r"(?i)^(?:force'?s?|force’s|constabulary'?s?|more|localised|main|effective|online|new|regular|other|good|initial|first|final|next|previous|recent|"
    r"strong|both|all|several|two|three|various|such|these|those|many|some|formal|informal|separate|joint|"
    r"the|a|an)\s+"
)
_MEETING_BAD_WORD = re.compile(
    r"(?i)\b(?:chairs?|holds?|attends?|both|is|are|was|were|has|have|will|which|that|they|it|oversee|uses?|"
    r"lack|variety|through|number|range|series|communities|management\s+of|the)\b"
)
# A word after a meeting's head noun that makes the head a modifier of another noun.
_MODIFIES_NOUN = re.compile(
    r"\s+(?:teams?|units?|staff|officers?|co-?ordinators?|managers?|chairs?|secretariat)\b", re.I
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
# The words each pattern cannot match without (its head nouns or verb, as it spells them):
# patterns that try every capitalised word or article are not run over a text without
# them (most texts: none of the three found anything in a benchmark sample of 60).
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _PAIR_HEAD: ("projects", "programmes", "schemes", "initiatives"),
    _KIND_HEAD: ("pilot", "triage", "clinic", "survey", "diagnostic"),
    _PILOTING: ("pilot",),
}


def _scan(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    if any(word in text for word in _NEEDS[pattern]):
        yield from pattern.finditer(text)


_KIND_CATEGORY = {"diagnostic tool": "tool-or-model"}
# What a text introduces as a new arrangement, by the verb that introduces it and its
# kind: "introduced a new operating model", "the introduction of a new operating model",
# "trained as part of the new investigations framework". A new system or process in
# passing ("adjusting to a new IT system", "the new outcomes framework gives") is not
# introduced as the force's own arrangement, and the seeds' gold leaves such out.
_NEW_KIND = re.compile(
    r"(?i:\b(?:introduc\w*|implement\w*|launch\w*|bedd\w*\s+in|adopt\w*|roll\w*\s+out|as\s+part\s+of)"
    r"(?:\s+of)?)\s+(?:a|the|its|their)\s+(?P<name>new\s+"
    r"(?:(?!(?:a|an|the|of|to|in|with|for|at|on|by|and|or|is|was|which|that|way|ways)\b)[\w-]+\s+){1,3}?"
    r"(?P<head>operating\s+model|model|framework|structure|strategy))\b"
)
# An acronym named as a process, tool or model: "the SOCTA process", "the THRIVE model".
_ACRONYM_KIND = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?P<name>(?P<acr>[A-Z][A-Za-z]?[A-Z]{2,6})\s+"
    r"(?P<head>process|model|framework|tool|system|app|database|programme|scheme))\b"
)
# A capitalised name of three words or more before a lowercase "meeting", "board", "group"
# or "forum": "the monthly Northshire and Westshire Joint Tasking Assessment meeting". Found
# from the head back (a pattern starting at every capital cost a tenth of a second on a
# long run of capitals).
_LOWER_MEETING_HEAD = re.compile(r"(?<=[\w'’-])[ \t]+(?:meetings?|board|group|forum)\b")
_CAPITAL_RUN_END = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]{1,50}(?:\s+(?:and\s+|of\s+|&\s+)?[A-Z][\w'’-]{1,50}){2,9}$"
)


def _led(lead: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` tried only where ``lead`` (a class of the characters its alternatives
    can start with, a superset) stands: the look-ahead rules out most positions at once,
    where each alternative would be tried in turn. Same matches."""
    return re.compile(f"(?={lead})(?:{pattern.pattern})", pattern.flags)


# The lead of each: the first letters of its verbs, head nouns, articles or quotes.
_QUOTED = _led("[kcnebpsit'‘a]", _QUOTED)
_NEW_KIND = _led("(?i:[iblar])", _NEW_KIND)
_ACRONYM_KIND = _led("[TtAaIi]", _ACRONYM_KIND)
_MEETING = _led("[atiodwfmq]", _MEETING)  # case-blind: "^Daily ..." starts at its "D"
_CAPITAL_HEAD = _led("[A-Z]", _CAPITAL_HEAD)
_LOWER_MEETING_HEAD = _led("[ \t]", _LOWER_MEETING_HEAD)

# What every match of these needs (see text.scan.Gated): most texts hold none, and the
# patterns were tried at every word their look-ahead lets through. A name introduced in
# quotes needs its lead word ("known", "called", "named", "entitled" or "be it"), a quoted
# name before its head noun, "programme of work" before a quote, or a bracketed name after
# a tool's kind (the bracket, a fast find, first); a new arrangement needs "new", at most
# four words and its head noun; an acronym named as a tool, the acronym before the noun.
_QUOTED_SCAN = Gated(
    _QUOTED,
    [
        *([re.compile(word)] for word in ("known", "called", "named", "entitled")),
        [re.compile(r"be\s+it")],
        [
            re.compile(
                r"['‘][A-Z][^'’\n]{2,50}['’]\s+(?:programme|scheme|initiative|project|meeting|"
                r"model|framework|app|tool|system)"
            )
        ],
        [re.compile(r"programme\s+of\s+work\s+['‘]")],
        [
            re.compile(r"\([A-Z][A-Za-z0-9 ]{2,40}\)"),
            re.compile(r"(?:tools?|systems?|software|app)\s+\([A-Z]"),
        ],
    ],
)
_NEW_KIND_SCAN = Gated(
    _NEW_KIND,
    [[re.compile(r"new\s+(?:[\w-]+\s+){1,4}(?:model|framework|structure|strategy)\b")]],
)
_ACRONYM_KIND_SCAN = Gated(
    _ACRONYM_KIND,
    [
        [
            re.compile(
                r"[A-Z][A-Za-z]?[A-Z]{2,6}\s+(?:process|model|framework|tool|system|app|database|"
                r"programme|scheme)\b"
            )
        ]
    ],
)

_HEAD_CATEGORY = {
    "programme": "programme", "scheme": "scheme", "initiative": "initiative", "project": "programme",
    "meeting": "meeting-or-board", "meetings": "meeting-or-board", "board": "meeting-or-board",
    "forum": "meeting-or-board", "panel": "meeting-or-board", "conference": "meeting-or-board",
    "model": "tool-or-model", "framework": "tool-or-model", "app": "tool-or-model", "tool": "tool-or-model",
    "system": "tool-or-model", "review": "initiative", "approach": "programme", "service": "programme",
    "committee": "meeting-or-board", "group": "meeting-or-board",
}  # fmt: skip


def _prog(
    ctx: Context, a: int, b: int, name: str, canonical: str, category: str
) -> Candidate[_Read] | None:
    name = " ".join(name.strip(" '‘’\"").split())
    key = programme_key(canonical)
    org_names: set[str] = ctx.extras["org_names"]  # type: ignore[assignment]
    if (
        not key
        or key in org_names
        or forces.lookup(name)
        or _PEEL.search(name)
        # The inspectorate's own inspections and reports are no programme; a board it
        # runs ("the HMIC Police Performance Oversight Group") is one.
        or (_HMIC.search(name) and not _BOARD_END.search(name))
    ):
        return None
    return Candidate(_Read(a, b, name, canonical, category), a, b, key=key)


@dataclass(frozen=True)
class _Read:
    """A programme as a pass reads it: its span and names. The mention (its sentence) is made
    only for the readings :func:`settle` keeps: most candidates fall inside a span an earlier
    pass read, and cutting each one's sentence was most of programme reading."""

    a: int
    b: int
    name: str
    canonical: str
    category: str


def _made(ctx: Context, r: _Read) -> ProgrammeMention:
    s, e = sentence_around(ctx.text, r.a, r.b)
    return ProgrammeMention(r.name, r.canonical, r.category, evidence(ctx.doc, s, e))


def _yield(c: Candidate[_Read] | None) -> Iterator[Candidate[_Read]]:
    if c is not None:
        yield c


# Tried only where a name's first letters stand (after its optional quote), and where
# "operation" stands (see text.scan): the same matches, not a try at every word.
_KNOWN_PROG_SCAN = PrefixScan(_KNOWN_PROG_RE)
_OPERATION_SCAN = PrefixScan(_OPERATION)
# Scanned only in a text that holds one of the head nouns an acronym may stand before.
_ACRONYM_HEAD_SCAN = PrefixScan(_ACRONYM_HEAD)


def known_programmes(ctx: Context) -> Iterator[Candidate[_Read]]:
    for m in _KNOWN_PROG_SCAN.finditer(ctx.text):
        canonical, category = _KNOWN_PROG_INDEX[forces.normalise_name(m.group(0).strip("'‘’"))]
        tail = _ACRONYM_TAIL.match(ctx.text, m.end())
        end = tail.end() if tail else m.end()
        yield from _yield(_prog(ctx, m.start(), end, m.group(0), canonical, category))


def operations(ctx: Context) -> Iterator[Candidate[_Read]]:
    for m in _OPERATION_SCAN.finditer(ctx.text):
        yield from _yield(_prog(ctx, m.start(), m.end(), m.group(0), m.group(0), "operation"))


def introduced_names(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Names introduced as such: "known as 'X'", "the 'X' programme", "tools (X)"."""
    text = ctx.text
    for m in _QUOTED_SCAN.finditer(text):
        g = next(k for k in ("q", "bare", "q2", "q3", "q4") if m.group(k))
        name = m.group(g)
        head = (m.group("head") or "").lower()
        context = text[max(0, m.start() - 40) : m.end() + 20].lower()
        if head:
            category = _HEAD_CATEGORY[head]
        elif g == "q4" or _TOOL_WORD.search(context):
            category = "tool-or-model"
        elif "meeting" in context or "board" in context:
            category = "meeting-or-board"
        else:
            category = "programme"
        yield from _yield(_prog(ctx, m.start(g), m.end(g), name, title_case(name), category))


def headed_names(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Capitalised names with a head noun, acronyms with their expansion, pairs of names."""
    for m in _capital_heads(ctx.text):
        g = "name" if m.group("name") else "name2"
        name = _HEADED_LEAD.sub("", m.group(g))
        if len(name.split()) < 2:
            continue
        category = _HEAD_CATEGORY.get(name.split()[-1].lower(), "programme")
        yield from _yield(
            _prog(ctx, m.end(g) - len(name), m.end(g), name, title_case(name), category)
        )
    for m in _ACRONYM_HEAD_SCAN.finditer(ctx.text):
        name = m.group("name")
        category = _HEAD_CATEGORY[m.group("head")]
        yield from _yield(_prog(ctx, m.start("name"), m.end("name"), name, name, category))
    for m in _scan(_PAIR_HEAD, ctx.text):
        head = m.group("head")[:-1]
        for g in ("a", "b"):
            name = _PAIR_LEAD.sub("", m.group(g))
            label = f"{name} {head}"
            yield from _yield(
                _prog(ctx, m.end(g) - len(name), m.end(g), label, label, _HEAD_CATEGORY[head])
            )


# The head nouns of _CAPITAL_HEAD as it spells them, and how many runs of a word's
# characters a name may span before one: five words, each with its "and" or "of" (one over).
_CAPITAL_HEADS = (
    *("Programme", "Scheme", "Initiative", "Project", "Board", "Forum", "Panel", "Review"),
    *("Approach", "Service", "Committee", "Group"),
    *("programme", "scheme", "initiative", "project"),
)
_CAPITAL_RUNS = 11


def _capital_heads(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_CAPITAL_HEAD.finditer(text)``, tried only before head nouns.

    The pattern was tried at every capital of the text (0.8 ms a document on the 10 %
    sample). Between a match's start (a capital) and its head noun stand only words (runs
    of word characters and ``'’-``) and white space, at most ``_CAPITAL_RUNS`` runs of
    them, and white space just before the noun. So the pattern is tried, with ``match``
    against the whole text, at each capital from that many runs before each such noun to
    the noun, in order from the end of the last match: what ``finditer`` finds."""
    starts: set[int] = set()
    for head in _CAPITAL_HEADS:
        k = text.find(head)
        while k >= 0:
            if k > 0 and text[k - 1].isspace():
                lo = k
                for _ in range(_CAPITAL_RUNS):
                    while lo > 0 and text[lo - 1].isspace():  # str.isspace is the engine's \s
                        lo -= 1
                    word_end = lo
                    # str.isalnum and "_" are the engine's \w
                    while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "'’-_"):
                        lo -= 1
                    if lo == word_end:
                        break  # not a word: no name reaches back past it
                starts.update(i for i in range(lo, k) if "A" <= text[i] <= "Z")
            k = text.find(head, k + 1)
    match = _CAPITAL_HEAD.match
    reached = 0
    for start in sorted(starts):
        if start >= reached and (m := match(text, start)) is not None:
            yield m
            reached = m.end()  # every match holds its head noun: none is empty


def kinds_of_initiative(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Unnamed but specific: "a mental health triage pilot", "piloting asset-based ..."."""
    for m in _scan(_KIND_HEAD, ctx.text):
        head = " ".join(m.group("head").split()).lower()
        name = m.group("name")
        category = _KIND_CATEGORY.get(head, "initiative")
        yield from _yield(
            _prog(ctx, m.start("name"), m.end("name"), name, name[:1].upper() + name[1:], category)
        )
    for m in _scan(_PILOTING, ctx.text):
        obj = m.group("obj")
        if len(obj.split()) >= 2 or obj.isupper():
            label = f"{obj[:1].upper()}{obj[1:]} pilot"
            yield from _yield(_prog(ctx, m.start("obj"), m.end("obj"), obj, label, "initiative"))


def introduced_kinds(ctx: Context) -> Iterator[Candidate[_Read]]:
    """What a text introduces as new ("a new operating model"), acronyms named as a process
    or tool ("the SOCTA process"), long capitalised names of meetings and boards."""
    org_names: set[str] = ctx.extras["org_names"]  # type: ignore[assignment]
    for m in _NEW_KIND_SCAN.finditer(ctx.text):
        name = " ".join(m.group("name").split())
        yield from _yield(_prog(ctx, m.start("name"), m.end("name"), name, name, "programme"))
    for m in _ACRONYM_KIND_SCAN.finditer(ctx.text):
        if forces.normalise_name(m.group("acr")) in org_names or forces.lookup(m.group("acr")):
            continue  # an organisation's process ("the CPS process") is no tool
        name, head = m.group("name"), m.group("head")
        category = _HEAD_CATEGORY.get(head, "tool-or-model")
        if head == "process":
            category = "tool-or-model"
        yield from _yield(_prog(ctx, m.start("name"), m.end("name"), name, name, category))
    text = ctx.text
    for h in _lower_meeting_heads(text):
        run = _CAPITAL_RUN_END.search(text, max(0, h.start() - 200), h.start())
        if run is None:
            continue
        name = _RUN_LEAD.sub("", text[run.start() : h.end()])
        if len(name.split()) < 4:
            continue
        yield from _yield(
            _prog(
                ctx, h.end() - len(name), h.end(), name, " ".join(name.split()), "meeting-or-board"
            )
        )


# The head nouns alone: led by their first letters, which the engine skips to fast.
_MEETING_HEAD_WORD = re.compile(r"(?:meetings?|board|group|forum)\b")


def _lower_meeting_heads(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_LOWER_MEETING_HEAD.finditer(text)``, found from the head nouns.

    The pattern, led by a space, was tried at every space of the text. A match is the run
    of spaces before a head noun, from where the run starts (inside it, the look-behind
    for a word's last character fails); each noun the head word's scan finds is such a
    place only if spaces stand before it (a noun found inside a word, "overboard", has a
    letter before it), and is tried with ``match`` where its run starts: the same matches,
    in order (no match ends past the next noun's run)."""
    match = _LOWER_MEETING_HEAD.match
    for word in _MEETING_HEAD_WORD.finditer(text):
        start = word.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start < word.start() and (m := match(text, start)) is not None:
            yield m


# The head nouns of _MEETING, in lower case ("meeting" finds "meetings" too), and how many
# runs of a word's characters its name may span before one: an article (or the tail of a
# run, "‘the"), the first word, and five more each with its "and", "of" or "for" (one over).
_MEETING_HEADS = ("meeting", "board", "forum", "conference", "panel")
_MEETING_RUNS = 13
_WORD_PUNCT = "'’‘-"  # with the word characters, what _MEETING's words are made of


def _meetings_named(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_MEETING.finditer(text)``, tried only before head nouns.

    The pattern was tried at every word its look-ahead's letters start, in every text that
    names a meeting, board, forum, conference or panel (0.7 ms a document on the 10 %
    sample; a text naming none was not scanned). Between a
    match's start and its head noun stand only words (runs of word characters and
    ``'’‘-``) and white space, at most ``_MEETING_RUNS`` runs of them, and white space
    just before the noun. So the pattern is tried, with ``match`` against the whole text,
    at every position from that many runs before each such noun (found in the text's
    lower case, see text.scan.lower) to the noun, in order from the end of the last match:
    what ``finditer`` finds (and nothing where no noun stands, as the word gate had it)."""
    low = lower(text)
    if low is None:
        yield from _MEETING.finditer(text)
        return
    starts: set[int] = set()
    for head in _MEETING_HEADS:
        k = low.find(head)
        while k >= 0:
            if k > 0 and text[k - 1].isspace():
                lo = k
                for _ in range(_MEETING_RUNS):
                    while lo > 0 and text[lo - 1].isspace():  # str.isspace is the engine's \s
                        lo -= 1
                    word_end = lo
                    # str.isalnum and "_" are the engine's \w
                    while lo > 0 and (
                        text[lo - 1].isalnum() or text[lo - 1] in _WORD_PUNCT or text[lo - 1] == "_"
                    ):
                        lo -= 1
                    if lo == word_end:
                        break  # not a word: no name reaches back past it
                starts.update(range(lo, k))
            k = low.find(head, k + 1)
    match = _MEETING.match
    reached = 0
    for start in sorted(starts):
        if start >= reached and (m := match(text, start)) is not None:
            yield m
            reached = m.end()  # every match holds its head noun: none is empty


def meetings(ctx: Context) -> Iterator[Candidate[_Read]]:
    """Meetings and boards: named back from their acronym, or by their head noun."""
    text = ctx.text
    for name, start, end, acr in _meeting_acronyms(text):
        n = len([c for c in acr.rstrip("s") if c.isupper()])
        words = name.split()
        if len(words) >= n >= 2:
            kept = " ".join(words[-n:])
            label = f"{kept} ({acr})"
            a = start + len(name) - len(kept)
            yield from _yield(
                _prog(ctx, a, end, label, label[:1].upper() + label[1:], "meeting-or-board")
            )
    for m in _meetings_named(text):
        name, start, acr = m.group("name"), m.start("name"), m.group("acr")
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
            or _GENERIC_MEETING.match(name)
            # "the domestic abuse conference team": the head noun names a team's work.
            or _MODIFIES_NOUN.match(text, m.end())
        ):
            continue
        label = name + (f" ({acr})" if acr else "")
        yield from _yield(
            _prog(ctx, start, m.end(), label, label[:1].upper() + label[1:], "meeting-or-board")
        )


PROGRAMME_PASSES: tuple[Pass[_Read], ...] = (
    known_programmes,
    operations,
    introduced_names,
    headed_names,
    kinds_of_initiative,
    introduced_kinds,
    meetings,
)


def extract_programmes(
    doc: Document, info: DocumentInfo, orgs: Sequence[Organisation] = ()
) -> list[ProgrammeMention]:
    org_names = {forces.normalise_name(o.canonical) for o in orgs} | {
        forces.normalise_name(o.name) for o in orgs
    }
    ctx = Context(doc, info, extras={"org_names": org_names})
    found = [_made(ctx, r) for r in settle(ctx, PROGRAMME_PASSES)]
    return sorted(found, key=lambda p: p.evidence.start)
