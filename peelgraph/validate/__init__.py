"""Validate: a store (or one graph) in, a SHACL report a person can read out.

The shapes are ``shapes/*.ttl`` loaded by name; :mod:`.shacl` runs pySHACL on
each document graph and on the link graphs with what they point to.
"""

from peelgraph.validate.shacl import validate_graph, validate_store

__all__ = ["validate_graph", "validate_store"]
