"""The shapes evaluated inside the store: the compiled queries (:mod:`.compile`) run by
Oxigraph over each named graph with the reference graph, giving the records pySHACL
gives (:class:`~peelgraph.validate.shacl.Violation`).

Each graph's result is kept by what determines it (:mod:`.cache`): a document graph's
by its file's checksum, the extractor and its name; a link graph's by the documents
it comes from (as the pySHACL batches' notes are); the reference graph's by its
content. After one changed document only its graph and the link graphs whose
documents changed are queried again, named in a VALUES block.

What the compiled queries give is what pySHACL gives on the same scope, checked by
``tests/test_instore.py`` on graphs broken in every constraint the shapes use. Two
judgements are pySHACL's own and are made here as it makes them, on the few values
that need them: whether a literal of a numeric, boolean or date type is well typed
(rdflib's reading, for a literal Oxigraph cannot read) and whether a string matches
a pattern (Python's ``re``, whose ``$`` also matches before a final newline).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from peelgraph.validate.compile import Check, Constraint, Scope, compile_shapes
from peelgraph.validate.shacl import Violation, merged_violations

_OA_HAS_SOURCE = "http://www.w3.org/ns/oa#hasSource"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@functools.cache
def checks() -> list[Check]:
    """The shapes of ``shapes/*.ttl``, compiled once per process."""
    from peelgraph.validate.shacl import shapes_graph

    return compile_shapes(shapes_graph(lifted=False))


@dataclass(frozen=True)
class _Row:
    graph: str
    focus: Any
    value: Any
    constraint: Constraint


def _scope(store: Any, graphs: list[str] | None) -> Scope:
    from peelgraph.graph import iris

    preds, classes = _reference_terms(store)
    return Scope(
        graphs=tuple(graphs) if graphs is not None else None,
        reference=iris.REFERENCE_GRAPH,
        ref_predicates=preds,
        ref_classes=classes,
    )


# The graph of a link graph's minted chunk in the store they are checked in.
_CHUNK = "urn:peelgraph:minted:"


class _InMemory:
    """An Oxigraph store in memory, as :func:`check_graphs` reads a store (``.ox``)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox.Store()


def _reference_terms(store: Any) -> tuple[frozenset[str], frozenset[str]]:
    from peelgraph.graph import iris

    ref = f"<{iris.REFERENCE_GRAPH}>"
    preds = {
        s[0].value
        for s in store.ox.query(f"SELECT DISTINCT ?p WHERE {{ GRAPH {ref} {{ ?s ?p ?o }} }}")
    }
    classes = {
        s[0].value
        for s in store.ox.query(f"SELECT DISTINCT ?c WHERE {{ GRAPH {ref} {{ ?s a ?c }} }}")
    }
    return frozenset(preds), frozenset(classes)


def _rows(store: Any, scope: Scope, compiled: list[Check] | None = None) -> Iterable[_Row]:
    """The rows of every check's query (the shapes' by default): one a broken constraint."""
    for check in checks() if compiled is None else compiled:
        by_key = {c.key: c for c in check.constraints}
        counts = [c for c in check.constraints if c.limit is not None]
        for sol in store.ox.query(check.query(scope)):
            if sol["k"].value == "count":
                # The focus node's number of values, against each bound of the shape.
                n = int(sol["n"].value)
                for c in counts:
                    low = c.component.endswith("#MinCountConstraintComponent")
                    if (n < c.limit) if low else (n > c.limit):  # type: ignore[operator]
                        yield _Row(sol["g"].value, sol["f"], None, c)
                continue
            c = by_key[sol["k"].value]
            value = sol["v"] if c.has_value else None
            if c.recheck and not _breaks(c.recheck, value):
                continue
            yield _Row(sol["g"].value, sol["f"], value, c)


def _rdflib(term: Any) -> Any:
    """A pyoxigraph term as pySHACL's data graph holds it (see ``shacl.ntriples_graph``)."""
    from peelgraph.validate.shacl import quiet_rdflib

    with quiet_rdflib():
        return _rdflib_term(term)


def _rdflib_term(term: Any) -> Any:
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    return BNode(term.value)


def _breaks(recheck: tuple[str, ...], value: Any) -> bool:
    """pySHACL's judgement of a value the query flagged (datatype, pattern)."""
    from rdflib import BNode, Literal, URIRef

    v = _rdflib(value)
    if recheck[0] == "datatype":
        dt = URIRef(recheck[1])
        if not isinstance(v, Literal) or v.datatype != dt or getattr(v, "ill_typed", None) is True:
            return True
        return not _python_type_ok(v.value, recheck[1])
    _, pattern, flags = recheck
    if isinstance(v, BNode):
        return True
    re_flags = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
    return re.search(pattern, str(v), re_flags) is None


def _python_type_ok(value: Any, dt: str) -> bool:
    """As pySHACL asserts a well-typed literal's Python value (``_assert_actual_datatype``)."""
    import datetime
    from decimal import Decimal

    local = dt.rsplit("#", 1)[-1]
    kinds: dict[str, type | tuple[type, ...]] = {
        "integer": int,
        "decimal": Decimal,
        "boolean": bool,
        "date": datetime.date,
        "dateTime": datetime.datetime,
        "float": float,
    }
    kind = kinds.get(local)
    return kind is None or isinstance(value, kind)


def _text(term: Any) -> str:
    """A term as pySHACL's report gives it, ``str()`` of the rdflib term."""
    return str(_rdflib(term))


def check_graphs(
    store: Any, graphs: list[str] | None, names: dict[str, str], ref_lines: list[bytes]
) -> dict[str, list[Violation]]:
    """Violations of each graph checked: ``graphs`` (document, link and reference graphs),
    or every one of them (None).

    A link graph's minted nodes are checked as pySHACL's first chunk of it holds them,
    with what they rest on in every graph (:func:`~peelgraph.validate.batches.minted_chunk`):
    those chunks are put in a store in memory, each in a graph of its own, and the same
    queries run there."""
    from peelgraph.graph import iris

    out: dict[str, list[Violation]] = {}
    if graphs == []:
        return out
    links = [g for g in graphs or _link_graphs(store) if g.startswith(iris.LINKS_GRAPH)]
    apart = None
    if links and len(store.documents) >= _MINTED_APART and getattr(store, "version", None):
        from concurrent.futures import ProcessPoolExecutor

        # The minted chunks, and a third of the shapes' queries when every graph is
        # checked, are run on the other core meanwhile (the child opens the store itself,
        # read-only).
        share = 3 if graphs is None or len(graphs) > _SHARE_FROM else 0
        pool = ProcessPoolExecutor(1)
        apart = pool.submit(
            _apart_in_child, str(store.root), str(store.version), graphs, names, ref_lines, share
        )
        pool.shutdown(wait=False)
        _store_part(store, graphs, names, out, lambda i: not share or i % share != 0)
        found = apart.result()
    else:
        _store_part(store, graphs, names, out, lambda i: True)
        found = _minted(store, links, names, ref_lines)
    for g, vs in found.items():
        out.setdefault(g, []).extend(vs)
    return out


# Stale graphs beyond this many (or the whole store): the shapes' queries are shared
# between two processes.
_SHARE_FROM = 50


def _store_part(
    store: Any,
    graphs: list[str] | None,
    names: dict[str, str],
    out: dict[str, list[Violation]],
    mine: Callable[[int], bool],
) -> None:
    """The shapes' queries numbered ``mine`` over the store's graphs (every one when
    ``graphs`` is None), into ``out``."""
    from peelgraph.graph import iris
    from peelgraph.validate.batches import MINTED

    links = [g for g in graphs or _link_graphs(store) if g.startswith(iris.LINKS_GRAPH)]
    # The graphs validation reads, as pySHACL's batches do: documents, links, reference
    # (not the ontology, which describes terms rather than facts).
    checked = (
        set(graphs)
        if graphs is not None
        else {
            *(m["graph"] for m in store.documents.values()),
            *links,
            iris.REFERENCE_GRAPH,
        }
    )
    kinds = " ".join(f"<{k}>" for k in MINTED)
    # A link graph's minted nodes are checked in their chunk, not here.
    minted = {
        (sol["g"].value, sol["f"])
        for sol in store.ox.query(
            f"SELECT DISTINCT ?g ?f WHERE {{ VALUES ?g {{ {' '.join(f'<{g}>' for g in links)} }} "
            f"GRAPH ?g {{ ?f a ?t VALUES ?t {{ {kinds} }} }} }}"
        )
    }

    def keep(r: _Row) -> bool:
        return r.graph in checked and (r.graph, r.focus) not in minted

    compiled = [c for i, c in enumerate(checks()) if mine(i)]
    _collect(store, _scope(store, graphs), names, out, keep, compiled)


def _apart_in_child(
    root: str,
    version: str,
    graphs: list[str] | None,
    names: dict[str, str],
    ref_lines: list[bytes],
    share: int,
) -> dict[str, list[Violation]]:
    """In a process of its own: the link graphs' minted chunks, and every ``share``-th
    of the shapes' queries (none when 0)."""
    from pathlib import Path

    from peelgraph.graph import iris
    from peelgraph.store.embedded import Store

    store = Store(Path(root), Path(version))
    try:
        out: dict[str, list[Violation]] = {}
        if share:
            _store_part(store, graphs, names, out, lambda i: i % share == 0)
        links = [g for g in graphs or _link_graphs(store) if g.startswith(iris.LINKS_GRAPH)]
        for g, vs in _minted(store, links, names, ref_lines).items():
            out.setdefault(g, []).extend(vs)
        return out
    finally:
        store.close()


# A store of this many documents checks its link graphs' minted chunks in a process of
# its own (a few seconds at full scale; starting the process costs more on a small store).
_MINTED_APART = 200


def _minted(
    store: Any, links: list[str], names: dict[str, str], ref_lines: list[bytes]
) -> dict[str, list[Violation]]:
    """The violations of the link graphs' minted chunks, by link graph."""
    import pyoxigraph as ox

    from peelgraph.validate.batches import Reference, minted_chunk

    if not links:
        return {}
    ref = Reference(ref_lines)
    memory = _InMemory()
    for g in links:
        data = minted_chunk(store, ref, g)
        if data:
            memory.ox.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(_CHUNK + g))
    scope = Scope(None, f"{_CHUNK}reference", frozenset(), frozenset())
    found: dict[str, list[Violation]] = {}
    _collect(memory, scope, names, found, lambda r: True)
    return {g[len(_CHUNK) :]: vs for g, vs in found.items()}


def _link_graphs(store: Any) -> list[str]:
    from peelgraph.graph import iris

    return [g for g in store.named_graphs() if g.startswith(iris.LINKS_GRAPH)]


def _collect(
    store: Any,
    scope: Scope,
    names: dict[str, str],
    out: dict[str, list[Violation]],
    keep: Callable[[_Row], bool],
    compiled: list[Check] | None = None,
) -> None:
    rows = [r for r in _rows(store, scope, compiled) if keep(r)]
    described = _describe(store, {(r.graph, r.focus) for r in rows}, names)
    for r in rows:
        c = r.constraint
        label, docs = described[(r.graph, r.focus)]
        out.setdefault(r.graph, []).append(
            Violation(
                focus=_text(r.focus),
                path=c.path,
                value=_text(r.value) if r.value is not None else None,
                value_nt=_rdflib(r.value).n3() if r.value is not None else None,
                message=c.message,
                severity=c.severity,
                shape=c.shape,
                focus_label=label,
                documents=docs,
                component=c.component,
            )
        )


def _describe(
    store: Any, nodes: set[tuple[str, Any]], names: dict[str, str]
) -> dict[tuple[str, Any], tuple[str | None, tuple[str, ...]]]:
    """Each violating focus node's label and the documents its evidence comes from, in
    the graph it was checked in (with the reference graph), as pySHACL's report reads
    them from its batch."""
    from peelgraph.graph import iris
    from peelgraph.graph.vocab import PEEL

    ref = f"<{iris.REFERENCE_GRAPH}>"
    out: dict[tuple[str, Any], tuple[str | None, tuple[str, ...]]] = {}
    for graph, focus in sorted(nodes, key=lambda t: (t[0], str(t[1]))):
        f, g = str(focus), f"<{graph}>"
        label_q = (
            f"SELECT (MIN(STR(?l)) AS ?label) WHERE {{ {{ GRAPH {g} {{ {f} <{_RDFS_LABEL}> ?l }} }} "
            f"UNION {{ GRAPH {ref} {{ {f} <{_RDFS_LABEL}> ?l }} }} }}"
        )
        label = next(iter(store.ox.query(label_q)))["label"]
        source = (
            f"{{ GRAPH {g} {{ ?e <{_OA_HAS_SOURCE}> ?d }} }} "
            f"UNION {{ GRAPH {ref} {{ ?e <{_OA_HAS_SOURCE}> ?d }} }}"
        )
        docs_q = (
            f"SELECT DISTINCT ?d WHERE {{ {{ GRAPH {g} {{ {f} <{PEEL.hasEvidence}> ?e }} }} "
            f"UNION {{ GRAPH {ref} {{ {f} <{PEEL.hasEvidence}> ?e }} }} {source} }}"
        )
        docs = sorted(
            {
                names.get(s["d"].value) or s["d"].value
                for s in store.ox.query(docs_q)
                if hasattr(s["d"], "value")
            }
        )
        out[(graph, focus)] = (label.value if label is not None else None, tuple(docs))
    return out


def validate_graphs(store: Any, names: dict[str, str], results: Any) -> tuple[Any, dict[str, Any]]:
    """The store's violations (merged as pySHACL's batches are: each once, from the first
    graph in their order that has it), and every graph's result under its key, for the
    cache. Only the graphs whose key is not in ``results`` are queried."""
    from peelgraph.graph import iris
    from peelgraph.validate import cache
    from peelgraph.validate.batches import _signature, document_groups, link_sources
    from peelgraph.validate.shacl import ValidationReport

    ref = iris.REFERENCE_GRAPH
    ref_nt = store.dump("ntriples", ref)
    ref_key = cache.key("in-store", ref_nt)
    docs = [(g, m) for group in document_groups(store) for g, m in group]
    keys = {g: cache.key("in-store", ref_key, _signature(g, m)) for g, m in docs}
    links = {
        g: cache.key("in-store", ref_key, src) for g, src in sorted(link_sources(store).items())
    }
    keys.update(links)
    keys[ref] = cache.key("in-store", ref_key)
    stale = {g for g, k in keys.items() if results.get(k) is None}
    found = check_graphs(
        store, None if len(stale) == len(keys) else sorted(stale), names, ref_nt.splitlines()
    )
    reports: dict[str, ValidationReport] = {}
    for g, k in keys.items():
        if g in stale:
            vs = tuple(found.get(g, ()))
            reports[k] = ValidationReport(conforms=not vs, violations=vs, triples=0)
        else:
            reports[k] = results.get(k)
    # pySHACL's order: the document batches, the link graphs, the reference graph.
    order = [keys[g] for g, _ in docs] + [links[g] for g in links] + [keys[ref]]
    violations = merged_violations(reports[k].violations for k in order)
    merged = ValidationReport(
        conforms=not violations,
        violations=violations,
        triples=0,
        raw_turtle=report_turtle(violations),
    )
    return merged, reports


def report_turtle(violations: Iterable[Violation]) -> str:
    """A SHACL validation report (Turtle) of these records, as ``validate --report``
    writes it."""
    from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

    sh = Namespace("http://www.w3.org/ns/shacl#")
    g = Graph()
    g.bind("sh", sh)
    report = BNode()
    g.add((report, RDF.type, sh.ValidationReport))
    vs = list(violations)
    g.add((report, sh.conforms, Literal(not vs)))
    for v in vs:
        r = BNode()
        g.add((report, sh.result, r))
        g.add((r, RDF.type, sh.ValidationResult))
        g.add((r, sh.focusNode, URIRef(v.focus)))
        g.add((r, sh.resultSeverity, sh[v.severity]))
        g.add((r, sh.resultMessage, Literal(v.message)))
        if v.shape:
            g.add((r, sh.sourceShape, URIRef(v.shape)))
        if v.component:
            g.add((r, sh.sourceConstraintComponent, URIRef(v.component)))
        if v.path:
            g.add((r, sh.resultPath, URIRef(v.path)))
        if v.value is not None:
            g.add((r, sh.value, _term(v.value_nt) if v.value_nt else Literal(v.value)))
    return g.serialize(format="turtle")


def _term(nt: str) -> Any:
    """An rdflib term from its N-Triples form (a result's value as the engine read it)."""
    from rdflib import Graph

    g = Graph().parse(data=f"<urn:x:s> <urn:x:p> {nt} .\n", format="nt")
    return next(iter(g.objects()))
