"""Scoring: which later sentence takes up which earlier statement, and how.

Pure functions over :class:`Sentence` records; :mod:`peelgraph.linking.read`
makes the records from the store.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from peelgraph.textnorm import FUNCTION_WORDS, fold

# One threshold for every force and document kind, checked on the seed gold
# (the README's evaluation section shows the sweep it was chosen from).
LINK_THRESHOLD = 0.40
SAME_FINDING = 0.75  # cosine above which two statements are the same finding in other words
PARALLEL = 0.70  # findings of two forces in the same standard words
MAX_TARGETS = 2  # per source sentence: the best few, not every weak echo
MAX_SOURCES = 5  # per target: the later statements that take it up most closely
BOILERPLATE_DOCS = 3  # a sentence printed word for word in this many documents is boilerplate
MIN_STEMS = 4  # shorter sentences ("Good.", headings) carry too little to link

_STOP = FUNCTION_WORDS | frozenset(
    """
    been being has have had are were which who whom there these those not also into more
    than such so but if then when where while how what all any each other some our we us
    they them he she his her i my me you your should would could can may might must will
    shall do does did done about over under between within across through during after
    before since last year years month months force forces constabulary hmic hmicfrs
    inspection report including include includes included well good make made ensure use
    used uses using work working works new now further also being one two three
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
_WORD = re.compile(r"[a-z0-9]+")
_ACRONYM_DEF = re.compile(
    # Word runs bounded: unbounded, a line of capitals was rescanned from each one (84 s).
    r"((?:[A-Z][\w'’-]{0,50}\s+(?:(?:of|in|and|for|the|on|to)\s+){0,3}){1,7}[A-Z][\w'’-]{0,50})\s*\(\s*['‘’]?([A-Z][A-Za-z]{1,9})['‘’]?\s*\)"
)
_INTRODUCED = re.compile(
    r"(?i)\b(?:(?:was|were|has\s+been|have\s+been)\s+(?:introduced|launched|implemented|established|set\s+up|rolled\s+out)|"
    r"(?:has|have)\s+(?:continued\s+to\s+)?(?:introduce[ds]?|launched|implemented|established|rolled\s+out)|"
    r"introduced\s+in)\b"
)
_ASKS = re.compile(r"(?i)\b(?:should|must|needs?\s+to|is\s+required\s+to)\b")
_PLANNED = re.compile(
    r"(?i)\b(?:developing|will|plan(?:s|ned)?\s+to|intend\w*|new|pilot\w*|proposed|in\s+development|"
    r"should\s+(?:adopt|introduce|develop|implement))\b"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, with what the graph already says about it."""

    doc: str  # document IRI
    force: str  # force IRI
    start: int
    end: int
    text: str
    time: str  # ISO date (or date-like key) of what the sentence states
    doc_time: str  # the document's own date: orders statements of the same time
    node: str | None = None  # the fact whose evidence it is, if any
    node_kind: str | None = None  # finding | comment | stance | back-reference | judgement
    stance: str | None = None  # disputes | accepts, for a stance
    response: bool = False  # a sentence of a force's or commissioner's response
    finding: bool = False  # the node is a finding (for parallel links across forces)
    part_of: str | None = None  # the status event a comment's sentence belongs to
    question: str | None = None  # the PEEL question it is about (its fact's, or its section's)


@dataclass(frozen=True)
class TextLink:
    source: Sentence
    target: Sentence
    relation: str  # follows-up | same-finding | outcome-of | disputes
    score: float
    parallel: bool = False


@lru_cache(maxsize=131072)
def _stems(text: str) -> tuple[str, ...]:
    words = _WORD.findall(fold(text).lower())
    return tuple(w[:6] for w in words if w not in _STOP and len(w) > 2 and not w.isdigit())


def acronyms(texts: list[str]) -> dict[str, tuple[str, ...]]:
    """Acronyms the corpus defines, "Management of Risk in Law Enforcement (MoRiLE)", to their stems."""
    out: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for m in _ACRONYM_DEF.finditer(text):
            long, short = m.group(1), m.group(2)
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", long)).lower()
            letters = re.sub(r"[^a-z]", "", short.lower())
            # The acronym's letters appear, in order, among the long form's initials.
            it = iter(initials)
            if len(letters) >= 2 and all(ch in it for ch in letters):
                words = re.findall(r"[A-Za-z][\w'’-]*", long)
                # Only as many trailing words as the acronym has letters: "the X Y Z (XYZ)".
                stems = _stems(" ".join(words[-max(len(letters), 2) :]))
                if stems:
                    out.setdefault(letters[:6], stems)
    return out


def _tokens(text: str, expand: dict[str, tuple[str, ...]]) -> frozenset[str]:
    stems = _stems(text)
    out = set(stems)
    for s in stems:
        if s in expand:
            out.update(expand[s])  # the acronym stands for its words
    joined = " ".join(stems)
    for short, long in expand.items():
        if len(long) > 1 and " ".join(long) in joined:
            out.add(short)  # the words stand for the acronym
    return frozenset(out)


def _cosine(a: frozenset[str], b: frozenset[str], w: dict[str, float]) -> float:
    shared = a & b
    if not shared:
        return 0.0
    num = sum(w.get(t, 0.0) ** 2 for t in shared)
    na = math.sqrt(sum(w.get(t, 0.0) ** 2 for t in a))
    nb = math.sqrt(sum(w.get(t, 0.0) ** 2 for t in b))
    return num / (na * nb) if na and nb else 0.0


def _relation(src: Sentence, tgt: Sentence, score: float) -> str:
    if src.node_kind == "stance" and src.stance == "disputes" and tgt.node_kind == "finding":
        return "disputes"
    if score >= SAME_FINDING and bool(_ASKS.search(src.text)) == bool(_ASKS.search(tgt.text)):
        # Nearly the same words in the same mood: a request restated as done is a follow-up.
        return "same-finding"
    if _INTRODUCED.search(src.text) and _PLANNED.search(tgt.text):
        return "outcome-of"
    return "follows-up"


def _is_target(s: Sentence) -> bool:
    return s.response or s.node_kind in {"finding", "comment", "stance", "back-reference"}


_HEADING_END = re.compile(r"[.;:!)'\"’”]\s*$")


def is_statement(s: Sentence) -> bool:
    """A sentence that says something: not a heading, a question or a list label."""
    if s.node is not None:
        return True
    words = s.text.split()
    return (
        len(words) >= 6 and not s.text.rstrip().endswith("?") and bool(_HEADING_END.search(s.text))
    )


def text_links(sentences: list[Sentence]) -> list[TextLink]:
    """Links from later sentences to the earlier statements they take up, force by force.

    Each force's documents are their own corpus (word weights, acronyms,
    boilerplate), so a force's links depend on its documents alone: adding a
    document of one force relinks that force and leaves the others as they were.
    """
    by_force: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_force[s.force].append(s)
    return [link for force in sorted(by_force) for link in _force_links(by_force[force])]


def _weights(tokens: list[frozenset[str]]) -> dict[str, float]:
    """Inverse sentence frequency of every token."""
    df: Counter[str] = Counter()
    for toks in tokens:
        df.update(toks)
    n = max(len(tokens), 1)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def _force_links(sentences: list[Sentence]) -> list[TextLink]:
    expand = acronyms([s.text for s in sentences])
    tokens = [_tokens(s.text, expand) for s in sentences]
    weights = _weights(tokens)
    n = max(len(sentences), 1)
    # Candidates share at least one informative token (an inverted index).
    rare = math.log((n + 1) / (max(2.0, n * 0.02) + 0.5))
    # Boilerplate, printed word for word in several documents ("HMICFRS inspected how
    # well forces ..."), says nothing about this force's findings however well it matches.
    docs_of: dict[str, set[str]] = defaultdict(set)
    for s in sentences:
        if s.node is None:
            docs_of[" ".join(_stems(s.text))].add(s.doc)
    statement = [
        is_statement(s)
        and (s.node is not None or len(docs_of[" ".join(_stems(s.text))]) < BOILERPLATE_DOCS)
        for s in sentences
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(sentences):
        if _is_target(s) and statement[k] and len(tokens[k]) >= MIN_STEMS:
            for t in tokens[k]:
                if weights[t] >= rare:
                    index[t].append(k)
    found: list[TextLink] = []
    for i, src in enumerate(sentences):
        if len(tokens[i]) < MIN_STEMS or not statement[i]:
            continue
        seen: set[int] = set()
        scored: list[tuple[float, int]] = []
        for t in tokens[i]:
            for j in index.get(t, ()):
                if j in seen:
                    continue
                seen.add(j)
                tgt = sentences[j]
                if statement_order(tgt) >= statement_order(src):
                    continue
                if tgt.doc == src.doc and not (src.finding and tgt.finding and tgt.time < src.time):
                    continue  # within a document only a quoted earlier finding is followed up
                if src.node is not None and src.node == tgt.node:
                    continue
                if src.question and tgt.question and src.question != tgt.question:
                    continue  # about different PEEL questions
                score = _cosine(tokens[i], tokens[j], weights)
                if score >= LINK_THRESHOLD:
                    scored.append((score, j))
        scored.sort(key=lambda x: (-x[0], x[1]))
        for score, j in scored[:MAX_TARGETS]:
            tgt = sentences[j]
            found.append(TextLink(src, tgt, _relation(src, tgt, score), round(score, 3)))
    by_target: dict[tuple[str, int], list[TextLink]] = defaultdict(list)
    for link in found:
        by_target[(link.target.doc, link.target.start)].append(link)
    return [
        link
        for key in sorted(by_target)
        for link in sorted(by_target[key], key=lambda x: (-x.score, statement_order(x.source)))[
            :MAX_SOURCES
        ]
    ]


def parallel_links(findings: list[Sentence]) -> list[TextLink]:
    """The same standard finding given to two forces.

    Each finding points at the first finding of another force stated in nearly
    the same words (a star round the first use of a wording, not a clique of
    every pair), found among the findings that share its two rarest words.
    """
    tokens = [_tokens(s.text, {}) for s in findings]
    weights = _weights(tokens)
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, s in enumerate(findings):
        if s.finding and len(tokens[k]) >= MIN_STEMS:
            key = tuple(sorted(tokens[k], key=lambda t: (-weights[t], t))[:2])
            groups[key].append(k)
    out: list[TextLink] = []
    for members in groups.values():
        members.sort(key=lambda k: statement_order(findings[k]))
        for n, a in enumerate(members):
            sa = findings[a]
            for b in members[:n]:
                sb = findings[b]
                if sb.force == sa.force or statement_order(sb) >= statement_order(sa):
                    continue
                score = _cosine(tokens[a], tokens[b], weights)
                if score >= PARALLEL:
                    out.append(TextLink(sa, sb, "same-finding", round(score, 3), parallel=True))
                    break
    return out


def statement_order(s: Sentence) -> tuple[str, str, str, int]:
    return (s.time, s.doc_time, s.doc, s.start)
