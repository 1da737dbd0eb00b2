"""Serve: a read-only SPARQL 1.1 Protocol endpoint over the store, saved queries and a page.

* ``/sparql`` (and ``/sparql/``): GET ``?query=``, POST form-encoded or
  ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri``;
  results as SPARQL JSON, XML, CSV or TSV (SELECT, ASK), Turtle, N-Triples,
  JSON-LD or RDF/XML (CONSTRUCT, DESCRIBE), chosen by Accept with q-values.
* ``/queries``: the saved queries with their summaries and parameters (JSON);
  ``/queries/NAME?param=value``: run one (saved names only, never a path).
* ``/``: a page to write queries, pick saved ones and see results.

The HTTP side is Starlette under uvicorn, which handle the listen backlog,
malformed and slow requests and client disconnects; the rules of the protocol
are :mod:`peelgraph.serve.protocol`'s. Read-only: updates, ``SERVICE`` and ``LOAD``
are refused. Each query runs in a worker process with a time limit (an
overrunning worker is killed and replaced, see :mod:`peelgraph.serve.pool`)
and a row limit; request bodies are capped; errors are one-line messages,
never stack traces. Binds to 127.0.0.1 unless told otherwise, answers only
requests addressed to a loopback name or the configured host (DNS rebinding),
and CORS is off unless enabled.
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peelgraph.errors import PeelgraphError
from peelgraph.serve.pool import QueryPool, QueryTimeout
from peelgraph.serve.protocol import LOOPBACK_NAMES, Refused, hostname

# Connections the kernel queues before the server accepts them: 200 clients
# opening at once overflowed the standard library's 5 and were reset.
BACKLOG = 2048
_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]


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
    allow_hosts: tuple[str, ...] = ()  # further Host names to answer; "*" answers any
    # A client has this long to send its request line and headers, and then its
    # body: a connection that trickles (or sends half a request and waits) is closed.
    request_timeout: float = 10.0
    memory_mb: int = 2048  # each query worker's address space (0: no cap)
    max_bytes: int = 64 * 1024 * 1024  # characters in one answer's terms

    def allowed_hosts(self) -> frozenset[str] | None:
        """Host names the server answers (None: any)."""
        if "*" in self.allow_hosts:
            return None
        names = {hostname(h) for h in self.allow_hosts} | {hostname(self.host)}
        return frozenset(LOOPBACK_NAMES | names)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Any:
    from starlette.responses import Response

    return Response(message + "\n", status, headers, media_type="text/plain; charset=utf-8")


class _HostCheck:
    """ASGI middleware: 403 for a Host header the server was not told to answer."""

    def __init__(self, app: Any, allowed: frozenset[str] | None) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.allowed is not None:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if host and hostname(host) not in self.allowed:
                response = _text(
                    403, f"host {host!r} is not served here (start the server with --allow-host)"
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# Longer request targets get 414: a 70 KB URL was answered 200. Browsers and
# SPARQL clients POST long queries; 8 KB is the common limit of servers and proxies.
MAX_URL = 8192
# Every response: never sniffed as another type, never framed by another site.
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
# Responses that are not the page: no content at all may load or run from them.
_DATA_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
_QUERY_PATHS = ("/sparql", "/queries")


def page_csp(html: str) -> str:
    """The page's Content-Security-Policy: its own inline scripts by hash, nothing else.

    The page is one response with its scripts inline (it loads nothing from the
    network); a script injected into it by any route would not match a hash.
    """
    import base64
    import hashlib
    import re

    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for attrs, body in re.findall(r"(?s)<script([^>]*)>(.*?)</script>", html)
        if "application/json" not in attrs
    ]
    return (
        f"default-src 'none'; script-src {' '.join(hashes)}; style-src 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def cross_site(headers: dict[bytes, bytes]) -> bool:
    """True when a browser says the request comes from another site's page.

    ``Sec-Fetch-Site: cross-site``, or an ``Origin`` whose host and port are not the
    ``Host`` the request is addressed to. A form POSTed from another site ran its
    query to the time limit; without ``--cors`` it is refused before it runs.
    """
    if headers.get(b"sec-fetch-site", b"").lower() == b"cross-site":
        return True
    origin = headers.get(b"origin")
    if origin is None:
        return False
    from urllib.parse import urlsplit

    host = headers.get(b"host", b"").decode("latin-1").lower()
    try:
        return origin == b"null" or urlsplit(origin.decode("latin-1")).netloc.lower() != host
    except ValueError:
        return True


class _Guard:
    """ASGI middleware: 414 for long URLs, cross-site queries refused, security headers."""

    def __init__(self, app: Any, config: ServerConfig, page_policy: str) -> None:
        self.app, self.config = app, config
        self.page_policy = page_policy.encode()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope["path"].encode()
        page = scope["path"] in {"/", "/index.html"}

        async def secured(message: Any) -> None:
            if message["type"] == "http.response.start":
                policy = self.page_policy if page else _DATA_CSP
                message["headers"] = [
                    *message.get("headers", []),
                    *_SECURITY_HEADERS,
                    (b"content-security-policy", policy),
                ]
            await send(message)

        if len(path) + len(scope.get("query_string", b"")) > MAX_URL:
            await _text(414, f"the URL is longer than {MAX_URL} bytes: POST the query")(
                scope, receive, secured
            )
            return
        headers = dict(scope["headers"])
        if (
            not self.config.cors
            and scope["path"].startswith(_QUERY_PATHS)
            and scope["method"] != "OPTIONS"
            and cross_site(headers)
        ):
            await _text(
                403, "cross-site requests are refused (start the server with --cors to allow them)"
            )(scope, receive, secured)
            return
        await self.app(scope, receive, secured)


async def _body(request: Any, limit: int, timeout: float) -> bytes:
    import asyncio

    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"request too large ({declared} bytes > {limit})")
    data = bytearray()

    async def read() -> None:
        async for chunk in request.stream():
            data.extend(chunk)
            if len(data) > limit:
                raise Refused(413, f"request too large (over {limit} bytes)")

    try:
        await asyncio.wait_for(read(), timeout)
    except asyncio.TimeoutError:
        raise Refused(408, f"the request body did not arrive within {timeout:g} s") from None
    return bytes(data)


def _protocol(timeout: float) -> type:
    """uvicorn's HTTP/1.1 protocol, closing connections whose request headers stall."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11Protocol(H11Protocol):
        _stall: Any = None

        def _arm(self) -> None:
            if self._stall is not None:
                self._stall.cancel()
            self._stall = self.loop.call_later(timeout, self._stalled)

        def _stalled(self) -> None:
            # No request under way (headers never completed): let the connection go.
            if self.cycle is None or self.cycle.response_complete:
                self.timeout_keep_alive_handler()

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete and self._stall:
                self._stall.cancel()
                self._stall = None

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._stall is not None:
                self._stall.cancel()
            super().connection_lost(exc)

    return TimedH11Protocol


def _listing() -> str:
    from peelgraph.query import saved_queries

    return json.dumps(
        [
            {
                "name": q.name,
                "summary": q.summary,
                "examples": list(q.examples),
                "text": q.text,
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
        ],
        indent=1,
    )


class _Endpoint:
    """The routes' work, holding the pool and the configuration."""

    def __init__(self, pool: QueryPool, config: ServerConfig) -> None:
        self.pool, self.config = pool, config

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        out = dict(extra or {})
        if self.config.cors:
            out["Access-Control-Allow-Origin"] = "*"
        return out

    def answer(
        self,
        text: str,
        params: dict[str, list[str]],
        accept: str,
        base: str,
        bindings: dict[str, tuple[str, str]] | None = None,
    ) -> Any:
        """Run a query in a worker and answer in the negotiated format (blocking)."""
        from starlette.responses import Response

        from peelgraph.serve import protocol

        protocol.check_read_only(text)
        fmt = next(iter(params.get("format") or []), None)
        media = protocol.choose_media(text, accept, fmt)
        ans = self.pool.run(
            text,
            timeout=self.config.timeout,
            media=media,
            limit=self.config.max_rows,
            max_bytes=self.config.max_bytes,
            base_iri=base,
            bindings=bindings,
            **protocol.dataset(params),
        )
        extra = (
            {"X-Peelgraph-Truncated": f"max-rows={self.config.max_rows}"} if ans.truncated else {}
        )
        return Response(ans.body, 200, self.headers(extra), media_type=f"{media}; charset=utf-8")

    def saved(self, name: str, params: dict[str, list[str]], accept: str, base: str) -> Any:
        from peelgraph.query import bind_params, load_saved

        q = load_saved(name)
        repeated = sorted(k for k, v in params.items() if len(v) > 1)
        if repeated:
            raise Refused(400, f"parameter {repeated[0]} given more than once")
        given = {k: v[0] for k, v in params.items() if k != "format"}
        # The worker binds the values (terms, never syntax) after checking the query's text.
        return self.answer(q.text, params, accept, base, bind_params(q, given))

    async def run(self, request: Any, job: Any) -> Any:
        """Run ``job`` in a thread; map every failure to one line and its status."""
        from starlette.concurrency import run_in_threadpool

        try:
            return await run_in_threadpool(job)
        except Refused as exc:
            return _text(exc.status, exc.message, self.headers(exc.headers))
        except QueryTimeout as exc:
            return _text(503, str(exc), self.headers())
        except PeelgraphError as exc:
            status = 404 if exc.message.startswith("unknown query") else 400
            return _text(
                403 if "not allowed" in exc.message else status, exc.message, self.headers()
            )
        except Exception as exc:  # never a stack trace in a response
            return _text(500, f"internal error: {type(exc).__name__}", self.headers())


def make_app(pool: QueryPool, config: ServerConfig) -> Any:
    """The ASGI application: routes, the Host check and CORS."""
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    from peelgraph.serve import protocol

    ep = _Endpoint(pool, config)

    async def sparql(request: Any) -> Any:
        if request.method == "OPTIONS":
            allow = {"Allow": ", ".join(_METHODS)}
            if config.cors:
                allow |= {
                    "Access-Control-Allow-Methods": "GET, POST",
                    "Access-Control-Allow-Headers": "Content-Type, Accept",
                }
            return Response(b"", 204, ep.headers(allow))
        try:
            body = (
                await _body(request, config.max_body, config.request_timeout)
                if request.method == "POST"
                else b""
            )
            req = protocol.read_request(
                request.method,
                request.headers.get("content-type"),
                request.scope["query_string"],
                body,
            )
        except Refused as exc:
            return _text(exc.status, exc.message, ep.headers(exc.headers))
        base = f"{request.url.scheme}://{request.url.netloc}{request.url.path}"
        accept = request.headers.get("accept", "")
        return await ep.run(request, lambda: ep.answer(req.query, req.params, accept, base))

    async def saved(request: Any) -> Any:
        name = request.path_params["name"]
        base = f"{request.url.scheme}://{request.url.netloc}{request.url.path}"
        accept = request.headers.get("accept", "")

        def job() -> Any:
            return ep.saved(
                name, protocol.parse_params(request.scope["query_string"]), accept, base
            )

        return await ep.run(request, job)

    async def listing(request: Any) -> Any:
        return Response(_listing(), 200, ep.headers(), media_type="application/json")

    async def page(request: Any) -> Any:
        return HTMLResponse(_page(), headers=ep.headers())

    async def not_found(request: Any, exc: Exception) -> Any:
        return _text(404, f"no such resource {request.url.path}", ep.headers())

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/index.html", page, methods=["GET"]),
        Route("/sparql", sparql, methods=_METHODS),
        Route("/sparql/", sparql, methods=_METHODS),
        Route("/queries", listing, methods=["GET"]),
        Route("/queries/{name}", saved, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found})
    app.router.redirect_slashes = False
    return _HostCheck(_Guard(app, config, page_csp(_page())), config.allowed_hosts())


class PeelgraphServer:
    """uvicorn serving :func:`make_app` on a socket bound at construction (port 0 works)."""

    def __init__(self, config: ServerConfig, pool: QueryPool) -> None:
        import uvicorn

        self.pool = pool
        family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
        self.socket = socket.create_server(
            (config.host, config.port), family=family, backlog=BACKLOG
        )
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        self._server = uvicorn.Server(
            uvicorn.Config(
                make_app(pool, config),
                http=_protocol(config.request_timeout),
                log_config=None,
                lifespan="off",
                backlog=BACKLOG,
                timeout_keep_alive=5,
                # Past MAX_URL a request target gets 414 from _Guard; h11 refuses (400)
                # only headers past this, so a 70 KB URL is read and told why.
                h11_max_incomplete_event_size=256 * 1024,
                server_header=False,
            )
        )
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        self._server.should_exit = True
        self._stopped.wait(10)

    def server_close(self) -> None:
        self.socket.close()
        self.pool.close()


def make_server(config: ServerConfig) -> PeelgraphServer:
    from peelgraph.store.embedded import open_store

    open_store(config.store)  # a missing or broken store fails here, with its message
    pool = QueryPool(config.store, config.workers, memory_mb=config.memory_mb)
    return PeelgraphServer(config, pool)


def isolation_note(pool: QueryPool) -> str | None:
    """A line for the operator when a network fence could not be put up (None: both are)."""
    if pool.namespaced and pool.sockets_denied:
        return None
    if pool.namespaced or pool.sockets_denied:
        have = "network namespace" if pool.namespaced else "seccomp socket filter"
        lack = "seccomp socket filter" if pool.namespaced else "network namespace"
        return (
            f"Note: query workers are fenced by their {have}; the {lack} was refused here."
            " SERVICE is still refused on every parsed query."
        )
    return (
        "Warning: this machine refused both network fences (network namespace, seccomp),"
        " so query workers could open connections; SERVICE is still refused on every"
        " parsed query."
    )


def _page() -> str:
    """The query page (static/page.html, scripts inlined) with the prefixes it shortens IRIs by."""
    from peelgraph.graph.iris import SHORT_PREFIXES
    from peelgraph.resources import script_json, static_page

    prefixes = script_json(SHORT_PREFIXES)
    return static_page("page.html").replace("__PREFIXES__", prefixes, 1)
