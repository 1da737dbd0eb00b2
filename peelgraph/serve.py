"""Serve: a read-only SPARQL 1.1 Protocol endpoint over the store, saved queries and a page.

* ``/sparql``: GET ``?query=``, POST form-encoded or ``application/sparql-query``;
  ``default-graph-uri`` / ``named-graph-uri``; results as SPARQL JSON, XML, CSV
  or TSV (SELECT, ASK), Turtle, N-Triples or JSON-LD (CONSTRUCT, DESCRIBE).
* ``/queries``: the saved queries with their summaries and parameters (JSON);
  ``/queries/NAME?param=value``: run one, in the same formats.
* ``/``: a page to write queries, pick saved ones and see results.

Read-only: updates, ``SERVICE`` and ``LOAD`` are refused. Each query runs in a
worker process with a time limit (an overrunning worker is killed and replaced,
see :mod:`peelgraph.querypool`) and a row limit; request bodies are capped;
errors are one-line messages, never stack traces. Binds to 127.0.0.1 unless
told otherwise; CORS is off unless enabled.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from peelgraph.errors import PeelgraphError, QueryError
from peelgraph.query import formats
from peelgraph.querypool import QueryPool, QueryTimeout

_UPDATE = re.compile(
    r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b"
)
_SERVICE = re.compile(r"(?i)\bSERVICE\b")
_SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
}

_RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "json-ld",
}


@dataclass(frozen=True)
class ServerConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_000_000
    cors: bool = False
    workers: int = 2


def _negotiate(accept: str, kind: str, fmt: str | None) -> str:
    table = _SELECT_TYPES if kind in {"SELECT", "ASK"} else _GRAPH_TYPES
    if fmt:
        for media, short in table.items():
            if fmt in {short, media}:
                return media
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media
    return "application/sparql-results+json" if kind in {"SELECT", "ASK"} else "text/turtle"


def run_guarded(pool: QueryPool, text: str, config: ServerConfig, **kwargs: Any) -> Any:
    """Run a read-only query in a worker, with the time and row limits."""
    if _UPDATE.search(text):
        raise QueryError("updates are not allowed: this endpoint is read-only")
    if _SERVICE.search(re.sub(r"(?m)#.*$", "", text)):
        raise QueryError(
            "SERVICE is not allowed: this endpoint does not fetch from other endpoints"
        )
    # One row over the limit tells a cut-off answer from one that fits exactly.
    return pool.run(text, timeout=config.timeout, limit=config.max_rows + 1, **kwargs)


def make_handler(pool: QueryPool, config: ServerConfig) -> type[BaseHTTPRequestHandler]:
    from peelgraph.query import bind_params, load_query, saved_queries

    class Handler(BaseHTTPRequestHandler):
        server_version = "peelgraph"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:  # quiet: one line per request
            import sys

            sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _send(
            self, code: int, body: str | bytes, media: str, extra: dict[str, str] | None = None
        ) -> None:
            data = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(code)
            self.send_header("Content-Type", f"{media}; charset=utf-8")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            if config.cors:
                self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(data)

        def _error(self, code: int, message: str) -> None:
            self._send(code, message + "\n", "text/plain")

        def do_GET(self) -> None:
            self._handle(parse_qs(urlparse(self.path).query), None)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > config.max_body:
                self._error(413, f"request too large ({length} bytes > {config.max_body})")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            params = parse_qs(urlparse(self.path).query)
            if ctype == "application/sparql-query":
                self._handle(params, body)
            elif ctype == "application/x-www-form-urlencoded":
                params.update(parse_qs(body))
                self._handle(params, None)
            elif ctype == "application/sparql-update":
                self._error(403, "updates are not allowed: this endpoint is read-only")
            else:
                self._error(415, f"unsupported content type {ctype!r}")

        def _handle(self, params: dict[str, list[str]], body: str | None) -> None:
            path = urlparse(self.path).path
            try:
                if path in {"/", "/index.html"}:
                    self._send(200, _page(), "text/html")
                elif path == "/queries":
                    listing = [
                        {
                            "name": q.name,
                            "summary": q.summary,
                            "examples": list(q.examples),
                            "params": [
                                {
                                    "name": p.name,
                                    "type": p.type,
                                    "required": p.required,
                                    "description": p.description,
                                }
                                for p in q.params
                            ],
                        }
                        for q in saved_queries().values()
                    ]
                    self._send(200, json.dumps(listing, indent=1), "application/json")
                elif path.startswith("/queries/"):
                    q = load_query(path.split("/", 2)[2])
                    given = {k: v[0] for k, v in params.items() if k != "format"}
                    bindings = bind_params(q, given)
                    self._answer(q.text, params, bindings)
                elif path == "/sparql":
                    if "update" in params:
                        self._error(403, "updates are not allowed: this endpoint is read-only")
                        return
                    text = body if body is not None else next(iter(params.get("query") or []), None)
                    if not text:
                        self._error(
                            400, "no query: pass ?query=... or POST application/sparql-query"
                        )
                        return
                    self._answer(text, params, None)
                else:
                    self._error(404, f"no such resource {path}")
            except QueryTimeout as exc:
                self._error(503, str(exc))
            except PeelgraphError as exc:
                self._error(403 if "not allowed" in exc.message else 400, exc.message)
            except Exception as exc:  # never a stack trace in a response
                self._error(500, f"internal error: {type(exc).__name__}")

        def _answer(self, text: str, params: dict[str, list[str]], bindings: Any) -> None:
            from peelgraph.query import bind_text

            if bindings:
                text = bind_text(text, bindings)
            result = run_guarded(
                pool,
                text,
                config,
                default_graph=params.get("default-graph-uri"),
                named_graphs=params.get("named-graph-uri"),
            )
            headers = {}
            if len(result.rows) > config.max_rows:
                # Cut to the limit, and say so: a silent cut looks like a complete answer.
                result.rows = result.rows[: config.max_rows]
                headers["X-Peelgraph-Truncated"] = f"max-rows={config.max_rows}"
            media = _negotiate(
                self.headers.get("Accept", ""),
                result.kind,
                next(iter(params.get("format") or []), None),
            )
            if result.kind in {"SELECT", "ASK"}:
                fmt = _SELECT_TYPES[media]
                body = {
                    "json": lambda: formats.to_json(result),
                    "xml": lambda: formats.to_xml(result),
                    "csv": lambda: formats.to_csv(result),
                    "tsv": lambda: formats.to_csv(result, "\t"),
                }[fmt]()
            else:
                body = formats.to_rdf(result, _RDF_FORMATS[media])
            self._send(200, body, media, headers)

    return Handler


class PeelgraphServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, config: ServerConfig, pool: QueryPool) -> None:
        self.pool = pool
        super().__init__((config.host, config.port), make_handler(pool, config))

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(config: ServerConfig) -> PeelgraphServer:
    from peelgraph.store import open_store

    open_store(config.store)  # a missing or broken store fails here, with its message
    return PeelgraphServer(config, QueryPool(config.store, config.workers))


def _page() -> str:
    from importlib import resources

    return (resources.files("peelgraph") / "page.html").read_text(encoding="utf-8")
