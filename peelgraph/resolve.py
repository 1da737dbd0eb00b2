"""Resolve and link: findings followed across documents and years.

Runs over every document graph in the store (so an incremental build relinks
the whole corpus) and writes two named graphs, rebuilt each time:

* ``graph/links``: explicit links. A back-reference ("In 2016, we identified
  ...") follows up the earlier finding of the same force and year it names,
  best matched by wording; when that finding's document is not in the corpus
  it follows up a "referenced, not in corpus" finding node, so adding the
  earlier document later re-points the link instead of duplicating it. The
  finding whose text holds the back-reference follows up the same target. A
  response's stance on a graded question disputes (or accepts) the causes of
  concern of that force, year and question.
* ``graph/links-similarity``: proposed links between findings of the same
  force and question in different years, by wording, with a score, so that
  analysts can include or exclude them.

Every link is a ``peel:Link`` node with its method and score, beside the
plain ``peel:followsUp`` / ``peel:disputes`` triple that queries walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from peelgraph import iris
from peelgraph.sparql import select  # the default graph is the union (store.py)
from peelgraph.text.similarity import dice
from peelgraph.text.words import FUNCTION_WORDS, stems

BACKREF_THRESHOLD = 0.12
_STOP = FUNCTION_WORDS | frozenset(
    "were been has have had force forces should we our which there these those not are also into more than".split()  # noqa: SIM905
)

PEEL = iris.ONTOLOGY
_PROPERTY = {
    "follows-up": "followsUp",
    "same-finding": "sameFinding",
    "outcome-of": "outcomeOf",
    "disputes": "disputes",
    "agreesWith": "agreesWith",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"


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


class _Writer:
    def __init__(self) -> None:
        self.lines: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()  # (source, target) of every link written

    def t(self, s: str, p: str, o: str, literal: bool = False, datatype: str | None = None) -> None:
        if literal:
            esc = (
                o.replace("\\", "\\\\")
                .replace('"', '\\"')
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
            obj = f'"{esc}"' + (f"^^<{datatype}>" if datatype else "")
        else:
            obj = f"<{o}>"
        self.lines.add(f"<{s}> <{p}> {obj} .")

    def link(
        self,
        source: str,
        target: str,
        relation: str,
        method: str,
        score: float,
        parallel: bool = False,
    ) -> None:
        self.pairs.add((source, target))
        self.t(source, PEEL + _PROPERTY[relation], target)
        if relation in {"same-finding", "outcome-of"}:
            self.t(source, PEEL + "followsUp", target)  # so that queries walking followsUp see it
        node = iris.link(source, target, relation)
        if parallel:
            self.t(node, PEEL + "parallel", "true", literal=True, datatype=XSD + "boolean")
        self.t(node, RDF_TYPE, PEEL + "Link")
        self.t(node, PEEL + "linkFrom", source)
        self.t(node, PEEL + "linkTo", target)
        self.t(node, PEEL + "relation", relation, literal=True)
        self.t(node, PEEL + "method", method, literal=True)
        self.t(node, PEEL + "score", f"{score:.3f}", literal=True, datatype=XSD + "decimal")

    def data(self) -> bytes:
        return "\n".join(sorted(self.lines)).encode("utf-8")


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
    findings = _findings(ox)
    explicit, similar = _Writer(), _Writer()
    by_force_year: dict[tuple[str, int], list[_Finding]] = {}
    by_doc: dict[str, list[tuple[int, int, _Finding]]] = {}
    for f in findings:
        by_force_year.setdefault((f.force, f.year), []).append(f)
        for d, s, e in f.doc_starts:
            by_doc.setdefault(d, []).append((s, e, f))

    backrefs = select(ox, "resolve-back-references")
    for b in backrefs:
        year = int(b["year"])
        start, _end = int(b["start"]), int(b["end"])
        # The finding of the same document whose text holds the reference follows up too.
        holders = list(
            {f.iri: f for s, e, f in by_doc.get(b["doc"], ()) if s <= start < e}.values()
        )
        candidates = [f for f in by_force_year.get((b["force"], year), []) if f not in holders]
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
            kind = re.sub(r"[^a-z0-9]+", "-", b["kind"].lower()).strip("-") or "inspection"
            question = b["q"].rsplit("/", 1)[-1] if b["q"] else "any-question"
            named = b["ftype"].rsplit("/", 1)[-1] if b["ftype"] else ""
            target = iris.referenced_finding(
                b["force"].rsplit("/", 1)[-1],
                year,
                f"{kind}/{question}" + (f"/{named}" if named else ""),
            )
            score = 1.0
            explicit.t(target, RDF_TYPE, PEEL + "Finding")
            explicit.t(
                target, PEEL + "referencedOnly", "true", literal=True, datatype=XSD + "boolean"
            )
            explicit.t(target, PEEL + "force", b["force"])
            explicit.t(target, PEEL + "year", str(year), literal=True, datatype=XSD + "integer")
            explicit.t(
                target,
                PEEL + "findingType",
                b["ftype"] or iris.finding_type("area-for-improvement"),
            )
            explicit.t(
                target, RDFS_LABEL, f"Referenced, not in corpus: {b['kind']} {year}", literal=True
            )
            explicit.t(
                target,
                PEEL + "text",
                f"A finding of the {b['kind']} of {year}, referred to later; "
                "its report is not in the corpus",
                literal=True,
            )
            explicit.t(target, PEEL + "hasEvidence", _evidence_of(ox, b["b"]))
            if b["q"]:
                explicit.t(target, PEEL + "question", b["q"])
        explicit.link(b["b"], target, "follows-up", "explicit", score)
        for h in holders:
            if h.iri != target:
                explicit.link(h.iri, target, "follows-up", "explicit", score)

    stances = select(ox, "resolve-stances")
    for st in stances:
        year = int(st["insp"].rsplit("/", 1)[-1])
        for f in by_force_year.get((st["force"], year), []):
            if f.question == st["q"] and f.type.endswith("/cause-of-concern"):
                relation = "disputes" if st["stance"] == "disputes" else "agreesWith"
                explicit.link(st["s"], f.iri, relation, "explicit", 1.0)

    # The next grade of a disputed question answers the dispute: the later judgement
    # follows up each statement that disputed the earlier grade.
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
                explicit.link(after[0][1], stance, "follows-up", "explicit", 1.0)

    # Proposed links, by wording (peelgraph.linking): the same standard finding given to
    # two forces, and, force by force, the findings, comments and sentences of later
    # documents that take up earlier statements.
    from peelgraph.linking import parallel_links, read_findings, read_sentences, text_links

    for link in parallel_links(read_findings(ox)):
        assert link.source.node and link.target.node
        similar.link(
            link.source.node, link.target.node, link.relation, "similarity", link.score, True
        )
    out = {iris.LINKS_GRAPH: explicit.data(), iris.SIMILARITY_GRAPH: similar.data()}
    if forces is None:
        forces = {r["f"] for r in select(ox, "resolve-forces")}
    for force in sorted(forces):
        sentences, docs = read_sentences(ox, {force})
        text = _Writer()
        for link in text_links(sentences):
            src, tgt = link.source.node, link.target.node
            if src and tgt and (src, tgt) in explicit.pairs:
                continue  # the text already says so
            ends = [s.node or _passage(text, s, docs[s.doc]) for s in (link.source, link.target)]
            text.link(ends[0], ends[1], link.relation, "similarity", link.score)
        out[iris.text_links_graph(force.rsplit("/", 1)[-1])] = text.data()
    return LinkGraphs(out)


def _passage(out: _Writer, s: Any, doc: Any) -> str:
    """A node for a sentence no fact covers, with evidence minted as the build mints it."""
    doc_id = s.doc.rsplit("/", 1)[-1]
    node = iris.passage(doc_id, s.start, s.end)
    ev = iris.evidence(doc_id, s.start, s.end)
    # The sentence it is, or a mappable part of one (see linking._uncovered).
    raw = next((r for r in doc.sentences if r[0] <= s.start and s.end <= r[1]), None)
    if raw is not None and (raw[0], raw[1]) != (s.start, s.end):
        shift = raw[2] - raw[0]
        raw = (s.start, s.end, s.start + shift, s.end + shift, raw[4])
    oa = "http://www.w3.org/ns/oa#"
    out.t(node, RDF_TYPE, PEEL + "Passage")
    out.t(node, PEEL + "text", s.text, literal=True)
    out.t(node, RDFS_LABEL, "Passage: " + " ".join(s.text.split())[:87], literal=True)
    out.t(node, PEEL + "inDocument", s.doc)
    out.t(node, PEEL + "force", s.force)
    if s.part_of:
        out.t(node, "http://purl.org/dc/terms/isPartOf", s.part_of)
    out.t(node, PEEL + "hasEvidence", ev)
    out.t(ev, RDF_TYPE, PEEL + "Evidence")
    out.t(ev, oa + "hasSource", s.doc)
    out.t(ev, oa + "exact", s.text, literal=True)
    out.t(ev, oa + "start", str(s.start), literal=True, datatype=XSD + "integer")
    out.t(ev, oa + "end", str(s.end), literal=True, datatype=XSD + "integer")
    if raw is not None:
        out.t(ev, PEEL + "sourceStart", str(raw[2]), literal=True, datatype=XSD + "integer")
        out.t(ev, PEEL + "sourceEnd", str(raw[3]), literal=True, datatype=XSD + "integer")
        if raw[4] is not None:
            out.t(ev, PEEL + "page", str(raw[4]), literal=True, datatype=XSD + "integer")
    return node


def _evidence_of(ox: Any, node: str) -> str:
    return select(ox, "evidence-of", node=node)[0]["ev"]
