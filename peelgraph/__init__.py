"""peelgraph: police inspection reports of England and Wales as a knowledge graph.

The packages are the pipeline's stages, in the order data flows:
ingest -> extract -> graph -> store -> link -> validate -> query ->
serve / export, and evaluate beside them; ``reference`` (PEEL questions,
forces, organisations), ``text`` (sentences, words, normalisation) and ``cli``
serve every stage. ``pipeline`` drives a build. No stage imports a later one,
and heavy libraries are imported where they are used, so ``import peelgraph``
and ``peelgraph --help`` stay fast.

The public names (``from peelgraph import build, open_store, run_saved, ...``)
are loaded when first asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> the module that defines it; a module name alone re-exports the module
# (``from peelgraph import iris`` kept working when the modules became packages).
_PUBLIC = {
    "build": "peelgraph.pipeline",
    "open_store": "peelgraph.store.embedded",
    "Store": "peelgraph.store.embedded",
    "ingest": "peelgraph.ingest",
    "extract": "peelgraph.extract",
    "validate_store": "peelgraph.validate.shacl",
    "run_saved": "peelgraph.query.local",
    "run_local": "peelgraph.query.local",
    "trace": "peelgraph.query.trace",
    "export_rdf": "peelgraph.export.formats",
    "evaluate": "peelgraph.evaluate",
    "iris": "peelgraph.graph.iris",
    "vocab": "peelgraph.graph.vocab",
    "protocol": "peelgraph.serve.protocol",
    "timeline": "peelgraph.query.timeline",
}

__all__ = ["__version__", *sorted(_PUBLIC)]


def __getattr__(name: str) -> Any:
    target = _PUBLIC.get(name)
    if target is None:
        raise AttributeError(f"module 'peelgraph' has no attribute {name!r}")
    module = importlib.import_module(target)
    if target.rsplit(".", 1)[-1] == name:
        return module
    return getattr(module, name)
