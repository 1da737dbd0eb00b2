"""peelgraph: police inspection reports of England and Wales as a knowledge graph.

The pipeline runs one way: ingest -> extract -> build (a named graph per
document) -> store -> resolve (the links between documents, read from the
version of the store being written, and written into it) -> validate ->
query/export. Each stage is a module; heavy libraries are imported where they
are used so that ``import peelgraph`` and ``peelgraph --help`` stay fast.
"""

__version__ = "0.1.0"
