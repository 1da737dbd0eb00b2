"""Serve: a store in, a read-only SPARQL 1.1 endpoint and the query page out.

:mod:`.app` is the ASGI application and its server; :mod:`.protocol` reads
requests as the SPARQL 1.1 Protocol says (and refuses what may not run);
:mod:`.pool` runs queries in fenced worker processes with a time limit;
:mod:`.loadtest` measures it with many clients on loopback.
"""

from peelgraph.serve.app import ServerConfig, make_server

__all__ = ["ServerConfig", "make_server"]
