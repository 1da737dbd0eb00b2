"""Does this query reach out? Decided from the parsed query, never from a reading of its text.

The engine (Oxigraph) fetches a ``SERVICE`` clause's IRI over HTTP, and
pyoxigraph offers no option that takes its service handler away. A check that
reads the text with its own lexer misreads what the engine parses: an escaped
character in a prefixed name (``ex:a\\'``) or a ``\\u`` escape in an IRI
(``<http://x/\\u0041#>``) made the lexer see a string or a comment where the
engine saw syntax, and the ``SERVICE`` after it ran. So:

1. Every ``\\uXXXX`` / ``\\UXXXXXXXX`` escape is expanded first, as the SPARQL
   grammar does before parsing (``SERV\\u0049CE`` is the keyword). A query whose
   expanded, NFKC-normalised, case-folded text holds no ``service`` anywhere (in
   a string, an IRI, a comment or as the keyword) cannot name the keyword: it
   passes without parsing. Nearly every query takes this branch, so the cost of
   a real parse is paid only when the word is there.
2. Otherwise rdflib's SPARQL 1.1 parser reads the query and its parse tree is
   searched for a ``ServiceGraphPattern``. A query rdflib cannot parse is
   refused (it cannot be shown not to fetch); one it parses with no SERVICE
   node (a topic search for "service to victims") runs.

Behind this check, query workers hold no network: see
:func:`peelgraph.ingest.workers.fence_network`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from peelgraph.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# rdflib's parser is pyparsing: a query this long that also names the word
# would take seconds to parse, and no query peelgraph answers is near it.
MAX_PARSED = 100_000


def expand_escapes(text: str) -> str:
    """``text`` with the grammar's codepoint escapes expanded (an invalid one left as it is)."""

    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()

    return _ESCAPE.sub(one, text)


def might_name_service(text: str) -> bool:
    """False only when no spelling of the keyword can be in ``text`` (the cheap first step)."""
    folded = unicodedata.normalize("NFKC", expand_escapes(text)).casefold()
    return "service" in folded


def _has_service(node: Any, depth: int = 0) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 10_000:
        return True  # deeper than any tree a real query makes: refuse rather than guess
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return True
        return any(_has_service(v, depth + 1) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_has_service(v, depth + 1) for v in node)
    if isinstance(node, dict):
        return any(_has_service(v, depth + 1) for v in node.values())
    return False


def reaches_out(text: str) -> bool:
    """True when the query may make the engine fetch (a SERVICE clause, or unparseable)."""
    if not might_name_service(text):
        return False
    if len(text) > MAX_PARSED:
        return True
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:  # a parse error, RecursionError: cannot show it does not fetch
        return True
    return _has_service(tree)


def refuse_outbound(text: str) -> None:
    """Raise :class:`QueryError` when the query may reach out (see :func:`reaches_out`)."""
    if reaches_out(text):
        raise QueryError(
            "SERVICE is not allowed: peelgraph never fetches from other endpoints"
            " (a query naming the word that cannot be parsed is refused too)"
        )
