"""Graph: facts in, RDF out, under peelgraph's ontology.

:mod:`.iris` mints the deterministic IRIs (the same facts, the same IRIs);
:mod:`.vocab` names the ontology's and the reused vocabularies' terms;
:mod:`.triples` writes N-Triples; :mod:`.build` turns one document's
:class:`~peelgraph.extract.facts.Facts` into its named graph. rdflib is imported
only when a graph is built, so ``import peelgraph.graph`` stays light.
"""

from __future__ import annotations

from typing import Any

from peelgraph.graph import iris

__all__ = ["document_graph", "document_ntriples", "iris", "reference_graph"]


def __getattr__(name: str) -> Any:
    if name in {"document_graph", "document_ntriples", "reference_graph"}:
        from peelgraph.graph import build

        return getattr(build, name)
    raise AttributeError(name)
