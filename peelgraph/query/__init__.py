"""Queries: saved ``.rq`` files with typed parameters, run on the store or an endpoint.

One module per job: :mod:`~peelgraph.query.saved` reads the saved queries and
their parameters; :mod:`~peelgraph.query.sparqltext` lexes SPARQL and binds
parameters into its text; :mod:`~peelgraph.query.results` holds result values
and :mod:`~peelgraph.query.formats` writes them in the protocol's formats;
:mod:`~peelgraph.query.local` runs queries on the embedded store and
:mod:`~peelgraph.query.remote` on a SPARQL 1.1 endpoint (and pushes graphs to a
Graph Store); :mod:`~peelgraph.query.trace` and :mod:`~peelgraph.query.timeline`
follow a finding across years. The terminal table is the command line's
(:mod:`peelgraph.cli.render`).
"""

from peelgraph.query.local import run_local, run_saved
from peelgraph.query.results import QueryResult, Value
from peelgraph.query.saved import (
    Param,
    SavedQuery,
    bind_params,
    load_query,
    load_saved,
    saved_queries,
)
from peelgraph.query.sparqltext import bind_text

__all__ = [
    "Param",
    "QueryResult",
    "SavedQuery",
    "Value",
    "bind_params",
    "bind_text",
    "load_query",
    "load_saved",
    "run_local",
    "run_saved",
    "saved_queries",
]
