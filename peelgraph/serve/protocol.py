"""The SPARQL 1.1 Protocol's request side: what a request asks, checked before it runs.

Pure functions over a request's method, headers, query string and body, so
the rules (one query, a dataset of IRIs, UTF-8 only, the media types offered)
are tested without a server and the server itself stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from peelgraph.query import formats
from peelgraph.query.sparqltext import is_update, query_form

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
_UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}
_IRI = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:[^<>"{}|^`\\\x00-\x20]*$')


class Refused(Exception):
    """A request the endpoint answers with an HTTP error and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


Params = dict[str, list[str]]


def parse_params(raw: bytes | str) -> Params:
    """``a=1&a=2&b=3`` as lists of values; invalid UTF-8 in a value is a 400."""
    text = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    out: Params = {}
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, "a parameter is not valid UTF-8 once percent-decoded") from None
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def _media_and_charset(content_type: str) -> tuple[str, str | None]:
    media, *rest = (x.strip() for x in content_type.split(";"))
    charset = None
    for p in rest:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip('"').lower()
    return media.lower(), charset


@dataclass
class SparqlRequest:
    """A query request once read: its text and parameters (dataset, format)."""

    query: str
    params: Params = field(default_factory=dict)


def read_request(
    method: str, content_type: str | None, query_string: bytes, body: bytes
) -> SparqlRequest:
    """The query a GET or POST to ``/sparql`` carries, or :class:`Refused`."""
    params = parse_params(query_string)
    if method == "POST":
        media, charset = _media_and_charset(content_type or "")
        if charset is not None and charset not in _UTF8:
            raise Refused(415, f"charset {charset!r} is not supported: send UTF-8")
        if media == UPDATE or "update" in params:
            raise Refused(403, "updates are not allowed: this endpoint is read-only")
        if media == DIRECT:
            try:
                direct = body.decode("utf-8")
            except UnicodeDecodeError:
                raise Refused(400, "the query is not valid UTF-8") from None
            if "query" in params:
                raise Refused(400, "two queries: one in the body and one in the URL")
            params["query"] = [direct]
        elif media == FORM:
            for k, v in parse_params(body).items():
                params.setdefault(k, []).extend(v)
        else:
            shown = media or "none"
            raise Refused(415, f"unsupported content type {shown!r}: send {FORM} or {DIRECT}")
    if "update" in params:
        raise Refused(403, "updates are not allowed: this endpoint is read-only")
    queries = params.get("query") or []
    if len(queries) > 1:
        raise Refused(400, f"{len(queries)} query parameters: send exactly one")
    if not queries or not queries[0].strip():
        raise Refused(400, "no query: pass ?query=... or POST application/sparql-query")
    return SparqlRequest(queries[0], params)


def dataset(params: Params) -> dict[str, list[str]]:
    """``default-graph-uri`` and ``named-graph-uri`` as the engine's dataset arguments.

    Per the protocol, naming only named graphs leaves the default graph empty.
    """
    defaults, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    for iri in (*defaults, *named):
        if not _IRI.match(iri):
            raise Refused(
                400, f"{iri!r} is not an absolute IRI (default-graph-uri, named-graph-uri)"
            )
    out: dict[str, list[str]] = {}
    if defaults or named:
        out["default_graph"] = list(defaults)
    if named:
        out["named_graphs"] = list(named)
    return out


def check_read_only(text: str) -> None:
    """Updates refused before a worker is taken.

    Whether a query reaches out (SERVICE) is decided in the worker, on the parsed
    query (:func:`peelgraph.query.guard.refuse_outbound`, in ``run_local``): parsing
    can take a while, and there it runs under the query's time limit, not in the
    server's own process. The refusal is a 403 all the same.
    """
    if is_update(text):
        raise Refused(403, "updates are not allowed: this endpoint is read-only")


# ``format=`` values clients send (SPARQLWrapper sends one beside its Accept
# header), by query form; a value not listed leaves the choice to Accept.
_FORMAT_ALIASES = {
    "results": {
        "json": "application/sparql-results+json",
        "srj": "application/sparql-results+json",
        "xml": "application/sparql-results+xml",
        "srx": "application/sparql-results+xml",
        "csv": "text/csv",
        "tsv": "text/tab-separated-values",
    },
    "graph": {
        "turtle": "text/turtle",
        "ttl": "text/turtle",
        "n3": "text/turtle",  # Turtle is a subset of N3
        "ntriples": "application/n-triples",
        "nt": "application/n-triples",
        "json-ld": "application/ld+json",
        "jsonld": "application/ld+json",
        "xml": "application/rdf+xml",
        "rdf+xml": "application/rdf+xml",
        "rdf": "application/rdf+xml",
    },
}


def choose_media(text: str, accept: str, fmt: str | None) -> str:
    """The media type to answer in: ``format=`` if we know it, else the Accept header."""
    form = query_form(text)
    offered = formats.media_for(form)
    aliases = _FORMAT_ALIASES["results" if form in {"SELECT", "ASK"} else "graph"]
    if fmt:
        key = fmt.strip().lower()
        if key in offered:
            return key
        if key in aliases:
            return aliases[key]
    chosen = formats.negotiate(accept, form)
    if chosen is None:
        raise Refused(
            406, f"none of the accepted types is offered for {form}: {', '.join(offered)}"
        )
    return chosen


# Names a browser on this machine uses for a loopback server; any other Host
# header may be a DNS-rebinding page and gets 403 unless --allow-host names it.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def hostname(host_header: str) -> str:
    """The host part of a Host header, lower case: ``[::1]:80`` -> ``::1``."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0].rstrip(".") if h.count(":") == 1 else h.rstrip(".")
