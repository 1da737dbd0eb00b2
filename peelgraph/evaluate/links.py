"""Cross-document links against the gold: both tiers at the threshold, and ranking.

A gold file's documents are built by the real pipeline into a temporary store
(:class:`LinkBench`), so the links scored are the links the pipeline ships.

**Tiers.** A produced link is *explicit* when the resolver made it from what a
text says (``peel:method "explicit"``), or when two documents state one and the
same fact (a judgement or finding with evidence in both: ``same-finding`` by
identity); it is *proposed* when it is a lead by wording (sentence links whose
probability reaches the model's threshold, and parallel findings of two
forces). A gold link's tier is read from the gold file alone, never from what
the linker produced: explicit when the later text says it (a ``disputes``
link, or one from a gold dispute; a link from a gold back-reference to a
document of the year it refers to; the next grade after a gold dispute; the
same gold judgement or finding at both ends), proposed otherwise (and always
for two forces' parallel findings).

**Units.** Links join statements: two facts stated by one sentence in both
documents are one link, and a cause of concern with the recommendation made for
it, both stated by the same two documents, is one finding as the inspectorate
tracks it, linked once (on the recommendation; see ``eval-same-node.rq``).

**Identity (the gold's convention).** Two statements of one fact (the same
judgement or finding printed by two pages) are one node in a graph, and a link
between them is not scored either way:

* a gold link whose two ends state one gold fact (the same judgement: force,
  year, question and grade; or the same finding text) is left out of recall;
* a produced link between two statements of one node (the ``same-finding`` by
  identity the graph implies, ``eval-same-node.rq``), one whose ends state one
  gold judgement or finding, or one that matches an identity gold link, is left
  out of precision, unless it matches a scored gold link;
* a gold ``same-finding`` link between two pages of one inspection (a
  *summary* item: both files' gold documents give the same force and year, and
  the same pillar where both name one) is matched, once, by any produced
  ``same-finding`` link between those two files (each produced link matches one
  gold link), whatever its spans.

Otherwise the scorer is strict.

**Matching.** A produced link matches a gold link with the same files and
relation and both ends' evidence overlapping (``same-finding`` either way
round, as it is symmetric); summary items as above. Strict matches are made
first, then summary items take the produced links left. Per tier, precision
is the share of that tier's scored produced links that match some gold link,
recall the share of that tier's scored gold links matched by a produced link
of the same tier.

**Ranking.** For each gold link, the later statement is the linker's unit
whose evidence overlaps the gold's most; the candidates are the units of the
gold's target document, ranked as the linker ranks them: explicit links first,
then the model's probability (the cosine, for two forces' findings); units the
linker does not score for that statement (not stated before it, or sharing no
informative word with it) come last. Rank is pessimistic (ties count against the
gold target); a gold link whose later statement is no unit, or whose target
cannot be paired, has no rank. A gold link an explicit or identity link
already joins has rank 1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIERS = ("explicit", "proposed")
Span = tuple[int, int]


def _overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> int:
    return max((min(e1, e2) - max(s1, s2) for s1, e1 in a for s2, e2 in b), default=0)


@dataclass(frozen=True)
class LinkRecord:
    """A produced link in the gold's shape: files, relation, tier, score and both spans (in the
    files); ``identity`` when it joins two statements of one node (see the identity convention)."""

    from_file: str
    to_file: str
    relation: str
    tier: str
    score: float
    from_span: Span
    to_span: Span
    evidence: str
    identity: bool = False


ROLES = ("strict", "summary", "identity")


@dataclass(frozen=True)
class GoldLink:
    """A gold link with its spans in the files, its tier and how it is scored: ``strict``,
    ``summary`` (two pages of one inspection) or ``identity`` (not scored)."""

    entry: dict[str, Any]
    tier: str
    from_spans: tuple[Span, ...]
    to_spans: tuple[Span, ...]
    role: str = "strict"

    @property
    def scored(self) -> bool:
        return self.role != "identity"

    @property
    def from_file(self) -> str:
        return str(self.entry.get("from_file", ""))

    @property
    def to_file(self) -> str:
        return str(self.entry.get("to_file", ""))

    def agrees(self, p: LinkRecord) -> bool:
        """Whether produced link ``p`` is this gold link (see the module's matching rule)."""
        if p.relation != self.entry.get("relation"):
            return False
        ends = [(p.from_file, (p.from_span,), p.to_file, (p.to_span,))]
        if p.relation == "same-finding":
            ends.append((p.to_file, (p.to_span,), p.from_file, (p.from_span,)))
        return any(
            (f, t) == (self.from_file, self.to_file)
            and _overlap(fs, self.from_spans) > 0
            and _overlap(ts, self.to_spans) > 0
            for f, fs, t, ts in ends
        )

    def between(self, p: LinkRecord) -> bool:
        """Whether ``p`` is a ``same-finding`` link between this summary item's two files."""
        return (
            self.role == "summary"
            and p.relation == "same-finding"
            and {p.from_file, p.to_file} == {self.from_file, self.to_file}
        )

    def accepts(self, p: LinkRecord) -> bool:
        """Whether ``p`` may match this gold link: by its spans, or as a summary item's link."""
        return self.agrees(p) or self.between(p)


def _find(text: str, needle: str) -> tuple[Span, ...]:
    out, i = [], text.find(needle) if needle else -1
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return tuple(out)


Statement = tuple[str, str, tuple[Span, ...], tuple[Any, ...]]  # kind, file, spans, key


def gold_statements(gold: dict[str, Any], texts: dict[str, str]) -> list[Statement]:
    """Where the gold's back-references, disputes, judgements and findings are stated, each
    with the key that makes two statements one fact."""
    facts: list[Statement] = []
    for kind in ("back_references", "disputes", "judgements", "findings"):
        for e in gold.get(kind, []):
            if kind == "back_references":
                key: tuple[Any, ...] = (e.get("refers_to_year"),)
            elif kind == "findings":
                key = (e.get("text"),)
            else:
                key = tuple(e.get(k) for k in ("force", "inspection_year", "question", "grade"))
            text = texts.get(e.get("file", ""), "")
            facts.append((kind, e.get("file", ""), _find(text, e.get("evidence", "")), key))
    return facts


def one_fact(statements: list[Statement], p: LinkRecord) -> bool:
    """Whether produced link ``p`` joins two statements of one gold judgement or finding."""

    def keys(file: str, span: Span) -> set[tuple[str, tuple[Any, ...]]]:
        return {
            (k, key)
            for k, f, sp, key in statements
            if k in ("judgements", "findings") and f == file and _overlap(sp, (span,)) > 0
        }

    return bool(keys(p.from_file, p.from_span) & keys(p.to_file, p.to_span))


def gold_links(gold: dict[str, Any], texts: dict[str, str]) -> list[GoldLink]:
    """The gold file's links with their spans in the files, their tier and their role."""
    years = {e.get("file"): e.get("inspection_year") for e in gold.get("documents", [])}
    documents = {e.get("file"): e for e in gold.get("documents", [])}
    facts = gold_statements(gold, texts)
    out = []
    for e in gold.get("links", []):
        fs = _find(texts.get(e.get("from_file", ""), ""), e.get("evidence_from", ""))
        ts = _find(texts.get(e.get("to_file", ""), ""), e.get("evidence_to", ""))[:1]

        def at(file: str, spans: tuple[Span, ...]) -> list[tuple[str, tuple[Any, ...]]]:
            return [(k, key) for k, f, sp, key in facts if f == file and _overlap(sp, spans) > 0]

        src, tgt = at(e.get("from_file", ""), fs), at(e.get("to_file", ""), ts)
        tier = _gold_tier(e, src, tgt, years.get(e.get("to_file")))
        if e.get("relation") == "same-finding" and _one_inspection(
            documents.get(e.get("from_file")), documents.get(e.get("to_file"))
        ):
            role = "summary"
        elif _same_fact(src, tgt):
            role = "identity"
        else:
            role = "strict"
        out.append(GoldLink(e, tier, fs, ts, role))
    return out


def _pillar(doc: dict[str, Any]) -> str | None:
    programme = str(doc.get("programme") or "").lower()
    return next((p for p in ("effectiveness", "efficiency", "legitimacy") if p in programme), None)


def _one_inspection(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Two gold documents of one inspection: the same force and year, and the same pillar
    where both name one (a pillar-less "PEEL" page of that year is any of its pillars)."""
    if not a or not b or a.get("file") == b.get("file"):
        return False
    if not a.get("force") or a.get("inspection_year") is None:
        return False
    if (a.get("force"), a.get("inspection_year")) != (b.get("force"), b.get("inspection_year")):
        return False
    pa, pb = _pillar(a), _pillar(b)
    return pa is None or pb is None or pa == pb


def _same_fact(
    src: list[tuple[str, tuple[Any, ...]]], tgt: list[tuple[str, tuple[Any, ...]]]
) -> bool:
    """Both ends state one gold judgement or finding (its two statements are one node)."""
    return any(
        {key for k, key in src if k == kind} & {key for k, key in tgt if k == kind}
        for kind in ("judgements", "findings")
    )


def _gold_tier(
    e: dict[str, Any],
    src: list[tuple[str, tuple[Any, ...]]],
    tgt: list[tuple[str, tuple[Any, ...]]],
    target_year: int | None,
) -> str:
    """Explicit when the later text says the link (see the module's docstring)."""
    if e.get("relation") == "disputes":
        return "explicit"
    if e.get("parallel"):
        return "proposed"  # two forces: no text names the other force's finding
    if any(k == "disputes" for k, _ in src):
        return "explicit"  # a response disputing what it links to
    if any(k == "back_references" and key[0] == target_year for k, key in src):
        return "explicit"  # the later text refers back to the year of its target
    if any(k == "judgements" for k, _ in src) and any(k == "disputes" for k, _ in tgt):
        return "explicit"  # the next grade after a dispute
    if _same_fact(src, tgt):
        return "explicit"  # one fact (a judgement, a finding quoted) stated twice
    return "proposed"


@dataclass(frozen=True)
class Ranked:
    gold: GoldLink
    rank: int | None  # 1 = the gold target ranked first; None = not ranked
    candidates: int


@dataclass
class TierRow:
    tier: str
    gold: int
    r1: float
    r3: float
    mrr: float
    produced: int
    precision: float
    recall: float

    def to_json(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


@dataclass
class LinkReport:
    """Links of one gold set: produced (shown) links, gold links, ranks, matches."""

    produced: list[LinkRecord]
    golds: list[GoldLink]
    ranked: list[Ranked]
    statements: list[Statement] = field(default_factory=list)  # the gold's, for identity

    @staticmethod
    def _matched(produced: list[LinkRecord], golds: list[GoldLink]) -> list[tuple[int, int]]:
        """One-to-one matches of scored gold links: by spans first, then summary items."""
        used_p: set[int] = set()
        used_g: set[int] = set()
        pairs = []
        for match in (GoldLink.agrees, GoldLink.between):
            for gi, g in enumerate(golds):
                if not g.scored or gi in used_g:
                    continue
                for pi, p in enumerate(produced):
                    if pi not in used_p and match(g, p):
                        used_p.add(pi)
                        used_g.add(gi)
                        pairs.append((pi, gi))
                        break
        return pairs

    @property
    def scored_golds(self) -> list[GoldLink]:
        return [g for g in self.golds if g.scored]

    def scored_produced(self) -> list[LinkRecord]:
        """The produced links that count: all but those between two statements of one
        fact (a produced identity link, one joining two statements of one gold judgement
        or finding, or one matching an identity gold link) that match no scored gold link."""
        hit = {pi for pi, _ in self._matched(self.produced, self.golds)}
        identity = [g for g in self.golds if not g.scored]
        return [
            p
            for pi, p in enumerate(self.produced)
            if pi in hit
            or not (
                p.identity or one_fact(self.statements, p) or any(g.agrees(p) for g in identity)
            )
        ]

    @property
    def counts(self) -> tuple[int, int, int]:
        """tp, fp, fn of every scored produced link against every scored gold link."""
        produced = self.scored_produced()
        tp = len(self._matched(produced, self.golds))
        return tp, len(produced) - tp, len(self.scored_golds) - tp

    def misses(self) -> list[GoldLink]:
        hit = {gi for _, gi in self._matched(self.produced, self.golds)}
        return [g for gi, g in enumerate(self.golds) if g.scored and gi not in hit]

    def false_positives(self) -> list[LinkRecord]:
        produced = self.scored_produced()
        hit = {pi for pi, _ in self._matched(produced, self.golds)}
        return [p for pi, p in enumerate(produced) if pi not in hit]

    def rows(self) -> list[TierRow]:
        out = []
        scored = self.scored_produced()
        for tier in (*TIERS, "all"):
            golds = [g for g in self.scored_golds if tier in (g.tier, "all")]
            mine = [p for p in scored if tier in (p.tier, "all")]
            ranks = [r.rank for r in self.ranked if r.gold.scored and tier in (r.gold.tier, "all")]
            n = len(ranks) or 1
            out.append(
                TierRow(
                    tier,
                    len(golds),
                    sum(1 for r in ranks if r is not None and r <= 1) / n,
                    sum(1 for r in ranks if r is not None and r <= 3) / n,
                    sum(1 / r for r in ranks if r is not None) / n,
                    len(mine),
                    len(self._matched(mine, self.golds)) / len(mine) if mine else 1.0,
                    len(self._matched(mine, golds)) / len(golds) if golds else 1.0,
                )
            )
        return out

    def to_text(self, title: str = "links") -> str:
        lines = [
            f"{title + ' by tier':20} {'gold':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6} "
            f"{'produced':>8} {'precision':>9} {'recall':>7}"
        ]
        for r in self.rows():
            lines.append(
                f"{r.tier:20} {r.gold:4d} {r.r1:6.3f} {r.r3:6.3f} {r.mrr:6.3f} "
                f"{r.produced:8d} {r.precision:9.3f} {r.recall:7.3f}"
            )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "tiers": [r.to_json() for r in self.rows()],
            "ranks": [
                {
                    "from_file": r.gold.from_file,
                    "to_file": r.gold.to_file,
                    "from_item": r.gold.entry.get("from_item"),
                    "tier": r.gold.tier,
                    "rank": r.rank,
                    "candidates": r.candidates,
                }
                for r in self.ranked
            ],
        }


def read_gold(path: Path) -> dict[str, Any]:
    from peelgraph.errors import InputError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the gold file ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "a gold file is a JSON object of fact lists")
    return data


def gold_files(gold: dict[str, Any]) -> list[str]:
    """The files a gold file names (a link names two)."""
    return sorted(
        {
            f
            for v in gold.values()
            if isinstance(v, list)
            for e in v
            for f in (e.get("file"), e.get("from_file"), e.get("to_file"))
            if f
        }
    )
