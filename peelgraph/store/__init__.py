"""Store: named graphs in, one atomic version of the store on disk out.

:mod:`.embedded` is the default store (Oxigraph in a folder: versions written
beside each other, a pointer swapped once a version is complete);
:mod:`.files` reads and writes its manifest and pointer; :mod:`.sparql` holds
the internal queries the later stages run on it (``queries/internal/*.rq``).
"""

from peelgraph.store.embedded import DEFAULT_STORE, Store, open_store, writer

__all__ = ["DEFAULT_STORE", "Store", "open_store", "writer"]
