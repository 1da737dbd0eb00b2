"""Export the store's graphs in standard RDF formats."""

from __future__ import annotations

from typing import Any


def export_rdf(store: Any, fmt: str, *, graph: str | None = None) -> bytes:
    """N-Quads, TriG and JSON-LD keep the named graphs; Turtle is the union, with prefixes."""
    if fmt == "jsonld":
        import json

        from rdflib import Dataset

        from peelgraph.resources import resource_path

        # The published context (ontology/context.jsonld) gives every peelgraph term a short key.
        context = json.loads(resource_path("ontology", "context.jsonld").read_text())["@context"]
        ds = Dataset()
        ds.parse(data=store.dump("nquads", graph), format="nquads")
        out_ld: bytes = ds.serialize(format="json-ld", context=context, encoding="utf-8")
        return out_ld
    if fmt == "turtle":
        from rdflib import Graph

        from peelgraph.graph.vocab import PREFIXES

        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        g.parse(data=store.dump("ntriples", graph), format="nt")
        out: bytes = g.serialize(format="turtle", encoding="utf-8")
        return out
    data: bytes = store.dump(fmt, graph)
    return data
