"""Remote triple stores: push the graphs over the SPARQL 1.1 Graph Store HTTP Protocol.

``push`` PUTs every named graph of the local store to ``ENDPOINT?graph=IRI``
(the protocol's indirect graph identification), which replaces that graph on
the server: pushing twice leaves the server with one copy. Bodies are
N-Triples sent as ``text/turtle`` (N-Triples is a subset of Turtle, and every
Graph Store implementation reads Turtle). Authentication is HTTP basic or
digest (Virtuoso's ``/sparql-graph-crud-auth`` wants digest), with the password
taken from an environment variable rather than the command line when asked.

:func:`run_remote` runs a query on the server's SPARQL endpoint (SPARQL 1.1 Protocol).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from peelgraph.errors import PeelgraphError, QueryError
from peelgraph.query.results import QueryResult, from_sparql_json
from peelgraph.query.sparqltext import Binding, bind_text

AUTH_SCHEMES = ("basic", "digest")


class RemoteError(PeelgraphError):
    exit_code = 3


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    scheme: str = "basic"


@dataclass
class PushReport:
    endpoint: str
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    seconds: float = 0.0


class _ClosesChallenge:
    """Closes the 401 challenge response once answered (urllib leaves its socket open)."""

    def http_error_401(self, req, fp, code, msg, headers):  # urllib's untyped signature
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        finally:
            fp.close()


class _Digest(_ClosesChallenge, urllib.request.HTTPDigestAuthHandler):
    pass


class _Basic(_ClosesChallenge, urllib.request.HTTPBasicAuthHandler):
    pass


def opener(endpoint: str, credentials: Credentials | None) -> urllib.request.OpenerDirector:
    """A urllib opener that answers the server's basic or digest challenge."""
    handlers: list[Any] = []
    if credentials is not None:
        if credentials.scheme not in AUTH_SCHEMES:
            raise RemoteError(
                f"unknown authentication scheme {credentials.scheme!r}",
                hint=f"use one of: {', '.join(AUTH_SCHEMES)}",
            )
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, credentials.user, credentials.password)
        handler = _Digest(mgr) if credentials.scheme == "digest" else _Basic(mgr)
        handlers.append(handler)
    return urllib.request.build_opener(*handlers)


def first_line(err: urllib.error.HTTPError) -> str:
    """The first non-blank line of an HTTP error's body (or its reason), closing it."""
    try:
        lines = err.read().decode("utf-8", errors="replace").strip().splitlines()
    except OSError:
        lines = []
    finally:
        err.close()
    return next((ln.strip() for ln in lines if ln.strip()), str(err.reason))[:200]


def put_graph(
    op: urllib.request.OpenerDirector,
    endpoint: str,
    graph: str,
    ntriples: bytes,
    *,
    timeout: float = 300.0,
    method: str = "PUT",
) -> None:
    """Replace one graph on the server (HTTP PUT, indirect graph identification), or add
    to it (``method="POST"``)."""
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    req = urllib.request.Request(
        url,
        data=ntriples,
        method=method,
        headers={"Content-Type": "text/turtle; charset=utf-8"},
    )
    try:
        with op.open(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as err:
        hint = (
            "pass --user and --password-env (and --auth digest for Virtuoso)"
            if err.code in (401, 403)
            else None
        )
        raise RemoteError(
            f"{endpoint}: PUT of graph <{graph}> failed: HTTP {err.code}: {first_line(err)}",
            hint=hint,
        ) from None
    except (urllib.error.URLError, OSError) as err:
        raise RemoteError(f"{endpoint}: cannot reach the graph store ({err})") from None


# A request body at most this big: a server that answers an authentication challenge
# before reading the body (Virtuoso with digest) closes the connection on a larger one.
PUSH_PART = 256 * 1024


def _parts(data: bytes, size: int = PUSH_PART) -> list[bytes]:
    """N-Triples cut at line ends into parts of about ``size`` bytes (one part at least)."""
    parts, start = [], 0
    while start < len(data):
        end = data.find(b"\n", min(start + size, len(data)) - 1)
        end = len(data) if end < 0 else end + 1
        parts.append(data[start:end])
        start = end
    return parts or [data]


def push(
    store: Any,
    endpoint: str,
    *,
    credentials: Credentials | None = None,
    graphs: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """PUT each named graph of ``store`` (all by default) to a Graph Store endpoint."""
    if not endpoint.startswith(("http://", "https://")):
        raise RemoteError(f"{endpoint}: not an http(s) URL")
    op = opener(endpoint, credentials)
    report = PushReport(endpoint)
    t = time.perf_counter()
    for g in graphs if graphs is not None else store.named_graphs():
        data = store.dump("ntriples", g)
        for k, part in enumerate(_parts(data)):
            put_graph(op, endpoint, g, part, method="POST" if k else "PUT")
        report.graphs += 1
        report.triples += data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
        report.bytes += len(data)
        if progress:
            progress(g)
    report.seconds = time.perf_counter() - t
    return report


def run_remote(
    endpoint: str,
    text: str,
    bindings: dict[str, Binding] | None = None,
    *,
    timeout: float = 60.0,
    credentials: Credentials | None = None,
) -> QueryResult:
    """Run a query on any SPARQL 1.1 Protocol endpoint.

    The query goes as an urlencoded form POST, which every server takes
    (Virtuoso 7 never answers a direct ``application/sparql-query`` POST).
    ``credentials`` answer basic or digest challenges.
    """
    body = urllib.parse.urlencode(
        {"query": bind_text(text, bindings or {}, push_down=False)}
    ).encode("utf-8")
    req = urllib.request.Request(
        endpoint,
        data=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
    )
    try:
        with opener(endpoint, credentials).open(req, timeout=timeout) as resp:
            ctype = resp.headers.get("Content-Type", "")
            payload = resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        raise QueryError(f"{endpoint}: HTTP {err.code}: {first_line(err)}") from None
    except (urllib.error.URLError, OSError) as err:
        raise QueryError(f"{endpoint}: cannot reach the endpoint ({err})") from None
    if "json" not in ctype:
        return QueryResult("CONSTRUCT", graph_ntriples=payload)
    return from_sparql_json(json.loads(payload))
