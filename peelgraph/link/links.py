"""What the link rules yield, and how it is written as RDF.

Every rule of :mod:`peelgraph.link.resolve` yields typed values: a :class:`Link`
between two nodes, and the nodes a link needs that no document graph holds (a
finding known only from a later reference, a passage no fact covers).
:func:`link_graph` writes them with the shared writer of
:mod:`peelgraph.graph.triples`, in the terms of :mod:`peelgraph.graph.vocab`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from peelgraph.graph import iris
from peelgraph.graph.triples import TripleSet, add_evidence, integer, typed
from peelgraph.graph.vocab import PEEL

# A relation's property; same-finding and outcome-of also state followsUp, so that
# queries walking followsUp see them.
_PROPERTY = {
    "follows-up": (PEEL.followsUp,),
    "same-finding": (PEEL.sameFinding, PEEL.followsUp),
    "outcome-of": (PEEL.outcomeOf, PEEL.followsUp),
    "disputes": (PEEL.disputes,),
    "agreesWith": (PEEL.agreesWith,),
}


@dataclass(frozen=True)
class Link:
    """``source`` takes up ``target``: a qualified ``peel:Link`` with method and score."""

    source: str
    target: str
    relation: str  # follows-up | same-finding | outcome-of | disputes | agreesWith
    method: str  # explicit (the text says so) | similarity (proposed by wording)
    score: float
    parallel: bool = False  # the same finding given to two forces
    rank: int | None = None  # a lead's place among its earlier statement's leads, best first


@dataclass(frozen=True)
class ReferencedFinding:
    """An earlier finding known only from a later document's reference to it."""

    iri: str
    force: str
    year: int
    finding_type: str  # IRI
    kind: str  # the inspection the reference names ("effectiveness inspection")
    question: str | None  # IRI
    evidence: str  # the referring statement's evidence node


@dataclass(frozen=True)
class Passage:
    """A sentence a link rests on where no fact covers it, with its evidence."""

    iri: str
    doc: str
    force: str
    span: tuple[int, int]
    text: str
    source_span: tuple[int, int] | None  # in the file, where the span maps back to it
    page: int | None
    part_of: str | None  # the status event a comment's sentence belongs to


Item = Link | ReferencedFinding | Passage


def _best(links: Iterable[Link]) -> list[Link]:
    """One link per (source, target, relation), the node's identity: a finding stated in
    several places of a document is one node, so its units may each propose the same
    link. The explicit one wins, else the best score, with the best rank any had."""
    best: dict[tuple[str, str, str], Link] = {}
    for link in links:
        key = (link.source, link.target, link.relation)
        old = best.get(key)
        if old is None:
            best[key] = link
            continue
        keep = max(old, link, key=lambda x: (x.method == "explicit", x.score))
        ranks = [r for r in (old.rank, link.rank) if r is not None]
        best[key] = replace(keep, rank=min(ranks) if ranks else None)
    return list(best.values())


def link_graph(items: Iterable[Item]) -> bytes:
    """The items as one named graph's N-Triples."""
    sink = TripleSet()
    links: list[Link] = []
    for item in items:
        if isinstance(item, Link):
            links.append(item)
        elif isinstance(item, ReferencedFinding):
            _referenced(sink, item)
        else:
            _passage(sink, item)
    for link in _best(links):
        _link(sink, link)
    return sink.ntriples()


def _link(sink: TripleSet, link: Link) -> None:
    source, target = URIRef(link.source), URIRef(link.target)
    if link.method == "explicit":
        # Only a fact is stated plainly: a lead is the qualified link alone, so that a
        # query walking peel:followsUp walks what the texts say.
        for prop in _PROPERTY[link.relation]:
            sink.add((source, prop, target))
    node = URIRef(iris.link(link.source, link.target, link.relation))
    if link.parallel:
        sink.add((node, PEEL.parallel, Literal(True)))
    sink.add((node, RDF.type, PEEL.Link))
    sink.add((node, PEEL.linkFrom, source))
    sink.add((node, PEEL.linkTo, target))
    sink.add((node, PEEL.relation, Literal(link.relation)))
    sink.add((node, PEEL.method, Literal(link.method)))
    sink.add((node, PEEL.score, typed(f"{link.score:.3f}", XSD.decimal)))
    if link.rank is not None:
        sink.add((node, PEEL.leadRank, integer(link.rank)))
    # The tier in words, for every view and export that shows a label.
    tier = "Explicit" if link.method == "explicit" else f"Proposed (score {link.score:.2f})"
    sink.add((node, RDFS.label, Literal(f"{tier}: {link.relation}")))


def _referenced(sink: TripleSet, f: ReferencedFinding) -> None:
    node = URIRef(f.iri)
    sink.add((node, RDF.type, PEEL.Finding))
    sink.add((node, PEEL.referencedOnly, Literal(True)))
    sink.add((node, PEEL.force, URIRef(f.force)))
    sink.add((node, PEEL.year, integer(f.year)))
    sink.add((node, PEEL.findingType, URIRef(f.finding_type)))
    sink.add((node, RDFS.label, Literal(f"Referenced, not in corpus: {f.kind} {f.year}")))
    text = (
        f"A finding of the {f.kind} of {f.year}, referred to later; its report is not in the corpus"
    )
    sink.add((node, PEEL.text, Literal(text)))
    sink.add((node, PEEL.hasEvidence, URIRef(f.evidence)))
    if f.question:
        sink.add((node, PEEL.question, URIRef(f.question)))


def _passage(sink: TripleSet, p: Passage) -> None:
    node = URIRef(p.iri)
    sink.add((node, RDF.type, PEEL.Passage))
    sink.add((node, PEEL.text, Literal(p.text)))
    sink.add((node, RDFS.label, Literal("Passage: " + " ".join(p.text.split())[:87])))
    sink.add((node, PEEL.inDocument, URIRef(p.doc)))
    sink.add((node, PEEL.force, URIRef(p.force)))
    if p.part_of:
        sink.add((node, DCTERMS.isPartOf, URIRef(p.part_of)))
    add_evidence(sink, node, p.doc, p.span, p.text, p.source_span, p.page)
