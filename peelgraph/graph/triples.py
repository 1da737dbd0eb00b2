"""Writing triples: one N-Triples writer for every graph the pipeline makes.

The document graphs (:mod:`peelgraph.graph.build`) and the link graphs
(:mod:`peelgraph.link.resolve`) are sets of rdflib terms made with the
:mod:`peelgraph.graph.vocab` namespaces (so a misspelt term fails loudly), written
out as sorted N-Triples by :meth:`TripleSet.ntriples`. Evidence nodes are
minted here once, by :func:`add_evidence`, for facts and passages alike.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import RDF, XSD, Literal, URIRef

from peelgraph.graph import iris
from peelgraph.graph.vocab import OA, PEEL

Triple = tuple[Any, Any, Any]


class Terms:
    """A vocabulary whose terms, once looked up, are plain attributes.

    rdflib's vocabularies look every attribute up through Python code (about 5 µs: a
    DefinedNamespace checks the term is defined), and a document's graph names some
    1,500 terms. The first lookup of each term still goes to the vocabulary, so a
    misspelt one fails as loudly; the term kept is the vocabulary's own object.
    """

    def __init__(self, vocabulary: Any) -> None:
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> Any:
        term = getattr(self._vocabulary, name)
        setattr(self, name, term)
        return term


class Written(str):
    """A literal already written as N-Triples (quoted, escaped, with its language tag):
    what :class:`DocumentTriples` makes instead of an rdflib ``Literal``, which takes
    several times as long to make and to write out again."""

    __slots__ = ()


def _escape(lexical: str) -> str:
    return (
        lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def nt_term(term: Any) -> str:
    """A term as N-Triples writes it (IRIs are minted already escaped, see iris)."""
    kind = type(term)  # exact types first: isinstance goes through rdflib's ABCs
    if kind is URIRef:
        return f"<{term}>"
    if kind is Written:
        return str(term)
    if kind is Literal or isinstance(term, Literal):
        lex = _escape(str(term))
        if term.language:
            return f'"{lex}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{lex}"^^<{term.datatype}>'
        return f'"{lex}"'
    return f"<{term}>"


class TripleSet:
    """Just enough of a Graph for building: adding to an rdflib Graph costs ~25 µs a
    triple (its indexes), a third of a document's build time, for triples that are
    only ever written out again."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()

    def add(self, triple: Triple) -> None:
        self.triples.add(triple)

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        return [
            o for s, p, o in self.triples if p == predicate and (subject is None or s == subject)
        ]

    def __len__(self) -> int:
        return len(self.triples)

    def ntriples(self) -> bytes:
        """The triples as N-Triples, one per line, sorted (so equal sets give equal bytes)."""
        lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in self.triples)
        return "\n".join(lines).encode("utf-8")


class DocumentTriples(TripleSet):
    """The triples of one document's graph, its plain literals made by :meth:`literal`
    as N-Triples text (they are only ever written out).

    Each triple is written as its N-Triples line when it is added, and the set is of
    lines: a set of term tuples compared rdflib's terms in Python (``URIRef.__eq__``)
    at every repeated triple and wrote every term at the end again, a third of a
    document's graph time. A triple added twice is one line, as it was one member."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: set[str] = set()
        self._added: list[Triple] = []  # as added, for objects() (asked once a document)

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        kind = type(o)
        obj = o if kind is Written else f"<{o}>" if kind is URIRef else nt_term(o)
        if type(s) is URIRef and type(p) is URIRef:
            self.lines.add(f"<{s}> <{p}> {obj} .")
        else:
            self.lines.add(f"{nt_term(s)} {nt_term(p)} {obj} .")
        self._added.append(triple)

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        # str.__eq__ first: rdflib's own __eq__ is Python code, and most predicates differ.
        return list(
            dict.fromkeys(
                o
                for s, p, o in self._added
                if str.__eq__(p, predicate) and p == predicate and (subject is None or s == subject)
            )
        )

    def __len__(self) -> int:
        return len(self.lines)

    def ntriples(self) -> bytes:
        return "\n".join(sorted(self.lines)).encode("utf-8")

    def literal(self, value: Any, lang: str | None = None) -> Any:
        """What ``Literal(value, lang=lang)`` writes, for a string; else that Literal."""
        if type(value) is not str:
            return Literal(value, lang=lang)
        lex = _escape(value)
        return Written(f'"{lex}"@{lang}' if lang else f'"{lex}"')

    def integer(self, n: int) -> Any:
        """What :func:`integer` writes, for an int (offsets, pages, years: a typed
        Literal made and written again for each cost more than the rest of the triple)."""
        if type(n) is not int:
            return integer(n)
        return Written(f'"{n}"^^<{_XSD_INTEGER}>')


_XSD_INTEGER = str(XSD.integer)


@lru_cache(maxsize=65_536)
def integer(n: int) -> Literal:
    """An xsd:integer literal. Cached: rdflib builds a typed literal in about 90 µs, and
    offsets, pages and years repeat (14,510 calls in linking a 10 % corpus took 1.3 s);
    a Literal is immutable, so sharing one is safe."""
    return Literal(n, datatype=XSD.integer)


@lru_cache(maxsize=65_536)
def typed(lexical: str, datatype: URIRef) -> Literal:
    """A typed literal from its lexical form, cached as :func:`integer` (scores, flags)."""
    return Literal(lexical, datatype=datatype)


# The terms of an evidence node, looked up once: a vocabulary's attribute lookup runs
# Python code each time (it checks the term is defined), and every fact has evidence.
_HAS_EVIDENCE, _EVIDENCE, _SOURCE_START, _SOURCE_END, _PAGE = (
    PEEL.hasEvidence,
    PEEL.Evidence,
    PEEL.sourceStart,
    PEEL.sourceEnd,
    PEEL.page,
)
_TYPE, _HAS_SOURCE, _EXACT, _START, _END = RDF.type, OA.hasSource, OA.exact, OA.start, OA.end


def add_evidence(
    sink: Any,
    subject: URIRef,
    doc_iri: str,
    span: tuple[int, int],
    quote: str,
    source_span: tuple[int, int] | None,
    page: int | None,
) -> URIRef:
    """The evidence node of ``subject``: where in which document it is said, and the quote.

    ``span`` counts in the document's cleaned text, ``source_span`` (when known) in
    the file; ``sink`` is anything with ``add((s, p, o))``.
    """
    start, end = span
    number = getattr(sink, "integer", integer)  # as the sink makes integers (see DocumentTriples)
    node = URIRef(iris.evidence(doc_iri.rsplit("/", 1)[-1], start, end))
    sink.add((subject, _HAS_EVIDENCE, node))
    sink.add((node, _TYPE, _EVIDENCE))
    sink.add((node, _HAS_SOURCE, URIRef(doc_iri)))
    sink.add((node, _EXACT, getattr(sink, "literal", Literal)(quote)))
    sink.add((node, _START, number(start)))
    sink.add((node, _END, number(end)))
    if source_span is not None:
        sink.add((node, _SOURCE_START, number(source_span[0])))
        sink.add((node, _SOURCE_END, number(source_span[1])))
        if page is not None:
            sink.add((node, _PAGE, number(page)))
    return node
