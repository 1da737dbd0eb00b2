"""Resolve and link: statements followed across documents and years.

Runs over the document graphs in the store and writes the link graphs, each
rule a function yielding typed values (:mod:`peelgraph.linking.links`):

* ``graph/links``, explicit links, what the texts say (facts):
  :func:`back_reference_links`: a back-reference ("In 2016, we identified
  ...") follows up the earlier finding of the same force and year it names,
  best matched by wording; when that finding's document is not in the corpus
  it follows up a "referenced, not in corpus" finding node, so adding the
  earlier document later re-points the link instead of duplicating it. The
  finding whose text holds the back-reference follows up the same target.
  :func:`stance_links`: a response's stance on a graded question disputes (or
  accepts) the causes of concern of that force, year and question.
  :func:`next_grade_links`: the next grade of a disputed question follows up
  the statement that disputed it.
* ``graph/links-similarity``, proposed: :func:`parallel_finding_links`, the
  same standard finding given to two forces.
* ``graph/links-text/FORCE``, proposed: :func:`sentence_links`, later
  sentences, findings and comments of a force that take up its earlier
  statements, by wording (:mod:`peelgraph.linking`), with their score.

Every link is a ``peel:Link`` node with its method and score, beside the
plain ``peel:followsUp`` / ``peel:disputes`` triple that queries walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from peelgraph import iris
from peelgraph.linking.links import Item, Link, Passage, ReferencedFinding, link_graph
from peelgraph.sparql import select  # the default graph is the union (store.py)
from peelgraph.text.similarity import dice
from peelgraph.text.words import FUNCTION_WORDS, stems

BACKREF_THRESHOLD = 0.12
# Narrower than the linker's stop words: with those, a back-reference's topic picks
# another finding of the seeds' 2016 recommendations (measured), so it keeps its own.
_STOP = FUNCTION_WORDS | frozenset(
    "were been has have had force forces should we our which there these those not are also into more than".split()  # noqa: SIM905
)


def word_similarity(a: str, b: str) -> float:
    """Overlap of content-word stems (Dice coefficient), 0..1."""
    return dice(frozenset(stems(a, _STOP, digits=True)), frozenset(stems(b, _STOP, digits=True)))


@dataclass(frozen=True)
class _Finding:
    iri: str
    force: str
    year: int
    question: str | None
    text: str
    type: str
    doc_starts: tuple[tuple[str, int, int], ...]


def _findings(ox: Any) -> list[_Finding]:
    rows = select(ox, "resolve-findings")
    referenced = {r["f"] for r in select(ox, "resolve-referenced-only")}
    spans: dict[str, set[tuple[str, int, int]]] = {}
    for r in select(ox, "resolve-finding-evidence"):
        spans.setdefault(r["f"], set()).add((r["doc"], int(r["start"]), int(r["end"])))
    by: dict[str, dict[str, str]] = {}
    for r in sorted(rows, key=lambda r: (r["f"], r["q"], r["text"], r["type"])):
        if r["f"] not in referenced:
            by.setdefault(r["f"], r)
    return [
        _Finding(
            f,
            d["force"],
            int(d["year"]),
            d["q"] or None,
            d["text"],
            d["type"],
            tuple(sorted(spans.get(f, ()))),
        )
        for f, d in sorted(by.items())
    ]


class _Findings:
    """The findings of the store, found by force and year and by document position."""

    def __init__(self, findings: list[_Finding]) -> None:
        self.by_force_year: dict[tuple[str, int], list[_Finding]] = {}
        self.by_doc: dict[str, list[tuple[int, int, _Finding]]] = {}
        for f in findings:
            self.by_force_year.setdefault((f.force, f.year), []).append(f)
            for d, s, e in f.doc_starts:
                self.by_doc.setdefault(d, []).append((s, e, f))


@dataclass(frozen=True)
class LinkGraphs:
    """The derived graphs as N-Triples: named graph IRI -> content."""

    graphs: dict[str, bytes]


def link_graphs(ox: Any, forces: set[str] | None = None) -> LinkGraphs:
    """The link graphs for the current store content.

    Explicit links and parallel findings (between forces) are recomputed whole;
    sentence links are one graph per force, recomputed only for ``forces``
    (force IRIs; every force when None), since a force's sentence links depend
    on its own documents alone.
    """
    findings = _Findings(_findings(ox))
    explicit: list[Item] = [
        *back_reference_links(ox, findings),
        *stance_links(ox, findings),
        *next_grade_links(ox),
    ]
    out = {
        iris.LINKS_GRAPH: link_graph(explicit),
        iris.SIMILARITY_GRAPH: link_graph(parallel_finding_links(ox)),
    }
    said = {(x.source, x.target) for x in explicit if isinstance(x, Link)}
    if forces is None:
        forces = {r["f"] for r in select(ox, "resolve-forces")}
    for force in sorted(forces):
        graph = iris.text_links_graph(force.rsplit("/", 1)[-1])
        out[graph] = link_graph(sentence_links(ox, force, said))
    return LinkGraphs(out)


def back_reference_links(ox: Any, findings: _Findings) -> Iterator[Link | ReferencedFinding]:
    """Back-references to the earlier finding they name (or a referenced-only node)."""
    for b in select(ox, "resolve-back-references"):
        year = int(b["year"])
        start = int(b["start"])
        # The finding of the same document whose text holds the reference follows up too.
        holders = list(
            {f.iri: f for s, e, f in findings.by_doc.get(b["doc"], ()) if s <= start < e}.values()
        )
        candidates = [
            f for f in findings.by_force_year.get((b["force"], year), []) if f not in holders
        ]
        if b["ftype"]:
            # "the AFI" is not the recommendation: a named kind of finding must agree.
            candidates = [f for f in candidates if f.type == b["ftype"]]
        if b["q"]:
            same_q = [f for f in candidates if f.question == b["q"]]
            candidates = same_q or candidates
        scored = sorted(
            ((word_similarity(b["label"], f.text), f.iri) for f in candidates), reverse=True
        )
        if scored and scored[0][0] >= BACKREF_THRESHOLD:
            target, score = scored[0][1], max(scored[0][0], 0.5)
        elif candidates:
            continue  # the earlier report is here but no finding matches: no guess
        else:
            referenced = _referenced_finding(ox, b, year)
            yield referenced
            target, score = referenced.iri, 1.0
        yield Link(b["b"], target, "follows-up", "explicit", score)
        for h in holders:
            if h.iri != target:
                yield Link(h.iri, target, "follows-up", "explicit", score)


def _referenced_finding(ox: Any, b: dict[str, str], year: int) -> ReferencedFinding:
    """The node for an earlier finding whose report is not in the corpus."""
    kind = re.sub(r"[^a-z0-9]+", "-", b["kind"].lower()).strip("-") or "inspection"
    question = b["q"].rsplit("/", 1)[-1] if b["q"] else "any-question"
    named = b["ftype"].rsplit("/", 1)[-1] if b["ftype"] else ""
    return ReferencedFinding(
        iri=iris.referenced_finding(
            b["force"].rsplit("/", 1)[-1],
            year,
            f"{kind}/{question}" + (f"/{named}" if named else ""),
        ),
        force=b["force"],
        year=year,
        finding_type=b["ftype"] or iris.finding_type("area-for-improvement"),
        kind=b["kind"],
        question=b["q"] or None,
        evidence=select(ox, "evidence-of", node=b["b"])[0]["ev"],
    )


def stance_links(ox: Any, findings: _Findings) -> Iterator[Link]:
    """A response's stance on a question disputes (or accepts) its causes of concern."""
    for st in select(ox, "resolve-stances"):
        year = int(st["insp"].rsplit("/", 1)[-1])
        for f in findings.by_force_year.get((st["force"], year), []):
            if f.question == st["q"] and f.type.endswith("/cause-of-concern"):
                relation = "disputes" if st["stance"] == "disputes" else "agreesWith"
                yield Link(st["s"], f.iri, relation, "explicit", 1.0)


def next_grade_links(ox: Any) -> Iterator[Link]:
    """The next grade of a disputed question answers the dispute: the later judgement
    follows up each statement that disputed the earlier grade."""
    disputed: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for r in select(ox, "resolve-grade-disputes"):
        # Only a statement that names the grade it disputes (the grade's IRI ends in its name).
        named = r["grade"].rsplit("/", 1)[-1].replace("-", " ")
        if named in " ".join(r["quote"].lower().split()):
            disputed.setdefault((r["force"], r["q"]), []).append((int(r["year"]), r["s"]))
    later: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for r in select(ox, "resolve-judgements"):
        if (r["force"], r["q"]) in disputed:
            later.setdefault((r["force"], r["q"]), []).append((int(r["year"]), r["j"]))
    for key, stances_of in sorted(disputed.items()):
        for year, stance in sorted(stances_of):
            after = sorted(j for j in later.get(key, []) if j[0] > year)
            if after:
                yield Link(after[0][1], stance, "follows-up", "explicit", 1.0)


def parallel_finding_links(ox: Any) -> Iterator[Link]:
    """The same standard finding given to two forces (proposed, by wording)."""
    from peelgraph.linking import parallel_links, read_findings

    for link in parallel_links(read_findings(ox)):
        assert link.source.node and link.target.node
        yield Link(
            link.source.node, link.target.node, link.relation, "similarity", link.score, True
        )


def sentence_links(ox: Any, force: str, said: set[tuple[str, str]]) -> Iterator[Link | Passage]:
    """One force's later statements that take up its earlier ones, by wording; pairs in
    ``said`` are left out (the text already says so)."""
    from peelgraph.linking import read_sentences, text_links

    sentences, docs = read_sentences(ox, {force})
    for link in text_links(sentences):
        src, tgt = link.source.node, link.target.node
        if src and tgt and (src, tgt) in said:
            continue
        ends = []
        for s in (link.source, link.target):
            if s.node:
                ends.append(s.node)
            else:
                passage = _passage(s, docs[s.doc])
                yield passage
                ends.append(passage.iri)
        yield Link(ends[0], ends[1], link.relation, "similarity", link.score)


def _passage(s: Any, doc: Any) -> Passage:
    """The node for a sentence no fact covers, with evidence minted as the build mints it."""
    # The sentence it is, or a mappable part of one (see linking.read._uncovered).
    raw = next((r for r in doc.sentences if r[0] <= s.start and s.end <= r[1]), None)
    if raw is not None and (raw[0], raw[1]) != (s.start, s.end):
        shift = raw[2] - raw[0]
        raw = (s.start, s.end, s.start + shift, s.end + shift, raw[4])
    return Passage(
        iri=iris.passage(s.doc.rsplit("/", 1)[-1], s.start, s.end),
        doc=s.doc,
        force=s.force,
        span=(s.start, s.end),
        text=s.text,
        source_span=(raw[2], raw[3]) if raw is not None else None,
        page=raw[4] if raw is not None else None,
        part_of=s.part_of,
    )
