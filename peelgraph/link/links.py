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
from functools import lru_cache
from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from peelgraph.graph import iris
from peelgraph.graph.triples import DocumentTriples, Terms, add_evidence, integer, nt_term, typed
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


class _Lines:
    """A sink of N-Triples lines: what :class:`TripleSet` writes, line for line, without
    an rdflib term per IRI and literal of every link (making and writing them was most of
    the cost of writing a force's link graph). ``add`` takes rdflib terms (the evidence
    :func:`add_evidence` mints), ``line`` terms already written (:func:`_term`)."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        s, p, o = triple
        self.lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .")

    def line(self, s: str, p: str, o: str) -> None:
        self.lines.add(f"{s} {p} {o} .")

    def ntriples(self) -> bytes:
        return "\n".join(sorted(self.lines)).encode("utf-8")

    def literal(self, value: Any, lang: str | None = None) -> Any:
        """A plain literal written as N-Triples text (a passage's text, its evidence's
        quote): the line an rdflib Literal gives, without making one (graph.triples)."""
        return _WRITER.literal(value, lang)


_WRITER = DocumentTriples()  # its literal method alone is used


# The vocabularies' terms as plain attributes once looked up (graph.triples.Terms): a
# vocabulary's lookup runs Python code each time, some ten thousand a force's graph.
_PEEL, _RDF, _RDFS, _DCTERMS = Terms(PEEL), Terms(RDF), Terms(RDFS), Terms(DCTERMS)


@lru_cache(maxsize=65_536)
def _term(term: Any) -> str:
    """A term as N-Triples writes it, for the few values links repeat (properties,
    relations, scores, ranks, labels): rdflib's literal, written once per value."""
    return nt_term(term)


@lru_cache(maxsize=65_536, typed=True)  # typed: True and 1 are other literals
def _literal(value: Any, datatype: URIRef | None = None) -> str:
    """A literal of a value links repeat, written once per value."""
    return nt_term(Literal(value, datatype=datatype) if datatype else Literal(value))


def link_graph(items: Iterable[Item]) -> bytes:
    """The items as one named graph's N-Triples."""
    sink = _Lines()
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


def _link(sink: _Lines, link: Link) -> None:
    # IRIs are minted escaped (graph.iris): written as N-Triples writes a URIRef.
    source, target = f"<{link.source}>", f"<{link.target}>"
    if link.method == "explicit":
        # Only a fact is stated plainly: a lead is the qualified link alone, so that a
        # query walking peel:followsUp walks what the texts say.
        for prop in _PROPERTY[link.relation]:
            sink.line(source, _term(prop), target)
    node = f"<{iris.link(link.source, link.target, link.relation)}>"
    # Every term but the ends and the node written once per value (_term, _literal,
    # _decimal, _rank): looking the vocabulary's terms up and making a Literal per score
    # were most of the time a graph of 5,000 links took (0.3 s).
    if link.parallel:
        sink.line(node, _term(_PEEL.parallel), _literal(True))
    sink.line(node, _term(_RDF.type), _term(_PEEL.Link))
    sink.line(node, _term(_PEEL.linkFrom), source)
    sink.line(node, _term(_PEEL.linkTo), target)
    sink.line(node, _term(_PEEL.relation), _literal(link.relation))
    sink.line(node, _term(_PEEL.method), _literal(link.method))
    sink.line(node, _term(_PEEL.score), _decimal(f"{link.score:.3f}"))
    if link.rank is not None:
        sink.line(node, _term(_PEEL.leadRank), _rank(link.rank))
    # The tier in words, for every view and export that shows a label.
    tier = "Explicit" if link.method == "explicit" else f"Proposed (score {link.score:.2f})"
    sink.line(node, _term(_RDFS.label), _literal(f"{tier}: {link.relation}"))


# Keyed by the plain text or number: hashing a Literal (as _term's cache would) is most of
# what writing a score costs.
@lru_cache(maxsize=65_536)
def _decimal(text: str) -> str:
    return _term(typed(text, XSD.decimal))


@lru_cache(maxsize=4_096)
def _rank(rank: int) -> str:
    return _term(integer(rank))


def _referenced(sink: _Lines, f: ReferencedFinding) -> None:
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


def _passage(sink: _Lines, p: Passage) -> None:
    node = f"<{p.iri}>"
    sink.line(node, _term(_RDF.type), _term(_PEEL.Passage))
    sink.line(node, _term(_PEEL.text), sink.literal(p.text))
    label = sink.literal("Passage: " + " ".join(p.text.split())[:87])
    sink.line(node, _term(_RDFS.label), label)
    sink.line(node, _term(_PEEL.inDocument), f"<{p.doc}>")
    sink.line(node, _term(_PEEL.force), f"<{p.force}>")
    if p.part_of:
        sink.line(node, _term(_DCTERMS.isPartOf), f"<{p.part_of}>")
    add_evidence(sink, URIRef(p.iri), p.doc, p.span, p.text, p.source_span, p.page)
