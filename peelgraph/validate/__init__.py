"""Validate: a store (or one graph) in, a SHACL report a person can read out.

The shapes are ``shapes/*.ttl`` loaded by name. By default :mod:`.instore` evaluates
them inside the store, compiled into SPARQL by :mod:`.compile`; pySHACL, the validator
of record, runs on batches of the store (:mod:`.batches`) with ``engine="pyshacl"``.
Both give the same violations (``tests/test_instore.py``).
"""

from peelgraph.validate.shacl import validate_graph, validate_store

__all__ = ["validate_graph", "validate_store"]
