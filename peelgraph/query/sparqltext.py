"""SPARQL text: a lexer, and the rewrites peelgraph makes to a query's text.

Parameters are bound as a ``VALUES`` block placed first in the WHERE group,
built from validated, escaped RDF terms (never by pasting user text into the
query). That is rdflib's ``initBindings`` semantics: FILTERs and BOUND() see
the value. (pyoxigraph's ``substitutions`` join the value at the end, so
``FILTER(!BOUND(?p) || ...)`` misses it.) The same bound text runs locally and
on a remote endpoint. An optional parameter left out stays a free variable.

Every rewrite works on tokens (:func:`tokens`), so a brace, a keyword or a
``#`` inside a string, an IRI or a comment is never mistaken for syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from peelgraph.errors import QueryError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# A bound value: ("iri", IRI) or (datatype IRI, lexical form).
Binding = tuple[str, str]

# The terminals of the SPARQL 1.1 grammar that can hide syntax characters
# (comments, IRIs, strings), then variables, then runs of other characters
# ("words": keywords, prefixed names, numbers) and single punctuation marks.
_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n\r]*)
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    |(?P<var>[?$][^\W]+)
    |(?P<word>[^\s{}()\[\]<>"'\#,;?$=!|^/*+&]+)
    |(?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # space | comment | iri | string | var | word | punct
    text: str
    start: int
    end: int

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``; an unclosed string or IRI falls back to punctuation."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        yield Token(kind, m.group(), m.start(), m.end())


def _significant(text: str) -> list[Token]:
    return [t for t in tokens(text) if t.kind not in {"space", "comment"}]


_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_UPDATES = (
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
)  # fmt: skip


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first form keyword of the query."""
    for t in _significant(text):
        if t.is_keyword(*_FORMS):
            return t.text.upper()
    return "SELECT"


def is_update(text: str) -> bool:
    """True when the text is a SPARQL update (its first keyword after the prologue)."""
    toks = _significant(text)
    i = 0
    while i < len(toks) and toks[i].is_keyword("PREFIX", "BASE"):
        i += 3 if toks[i].is_keyword("PREFIX") else 2
    return i < len(toks) and toks[i].is_keyword(*_UPDATES)


# Oxigraph's parser recurses once per nesting level and overflows its stack (a
# segfault) at about 3,000; no real query comes near this.
MAX_NESTING = 256


def nesting_depth(text: str) -> int:
    """The deepest nesting of braces, brackets and parentheses, outside strings and IRIs."""
    depth = deepest = 0
    for t in tokens(text):
        if t.kind == "punct" and t.text in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif t.kind == "punct" and t.text in "})]":
            depth -= 1
    return deepest


def check_query(text: str) -> None:
    """Refuse what the engine must never run: federation, and nesting that crashes it.

    Whether the query fetches is decided on its parse (:mod:`peelgraph.query.guard`).
    """
    from peelgraph.query.guard import refuse_outbound

    refuse_outbound(text)
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise QueryError(f"the query is nested too deeply ({depth} levels > {MAX_NESTING} allowed)")


def term_text(kind: str, lexical: str) -> str:
    """An RDF term in SPARQL syntax, escaped; raises on an IRI that cannot be one."""
    if kind == "iri":
        if not re.fullmatch(r'[^<>"{}|^`\\\x00-\x20]+', lexical):
            raise QueryError(f"{lexical!r} is not a valid IRI")
        return f"<{lexical}>"
    escaped = (
        lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    if kind == XSD_STRING:
        return f'"{escaped}"'
    return f'"{escaped}"^^{term_text("iri", kind)}'


def values_block(names: list[str], bindings: dict[str, Binding]) -> str:
    """``VALUES (?a ?b) { (x y) }`` for the named bindings, with a space either side."""
    values = " ".join(term_text(*bindings[n]) for n in names)
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "


def where_brace(text: str) -> int:
    """Index of the opening brace of the query's WHERE group."""
    form = None
    seen_where = False
    for t in _significant(text):
        if t.is_keyword("WHERE"):
            seen_where = True
        elif form is None and t.is_keyword(*_FORMS):
            form = t.text.upper()
        elif t.text == "{" and t.kind == "punct" and (seen_where or form in {"SELECT", "ASK"}):
            return t.start
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def _closing(toks: list[Token], i: int) -> int:
    """Index in ``toks`` of the brace closing the group opened at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "punct" and toks[j].text in "{}":
            depth += 1 if toks[j].text == "{" else -1
            if depth == 0:
                return j
    return len(toks) - 1


@dataclass(frozen=True)
class _SubSelect:
    projected: frozenset[str]  # variables projected as themselves, not (expr AS ?v)
    where_open: int  # text index just past the sub-select's WHERE brace
    sliced: bool  # LIMIT or OFFSET: a restricted input would pick other rows


def _sub_selects(toks: list[Token], start: int) -> Iterator[_SubSelect]:
    """Each ``{ SELECT ... }`` group whose brace comes at or after text index ``start``."""
    for i, t in enumerate(toks):
        if t.start < start or t.text != "{" or t.kind != "punct":
            continue
        if i + 1 >= len(toks) or not toks[i + 1].is_keyword("SELECT"):
            continue
        depth, projected, j = 0, set(), i + 2
        while j < len(toks) and not (
            depth == 0 and (toks[j].text == "{" or toks[j].is_keyword("WHERE"))
        ):
            depth += (toks[j].text == "(") - (toks[j].text == ")")
            if depth == 0 and toks[j].kind == "var":
                projected.add(toks[j].text[1:])
            j += 1
        while j < len(toks) and toks[j].text != "{":
            j += 1
        if j >= len(toks):
            return
        where_end, group_end = _closing(toks, j), _closing(toks, i)
        sliced = any(x.is_keyword("LIMIT", "OFFSET") for x in toks[where_end:group_end])
        yield _SubSelect(frozenset(projected), toks[j].end, sliced)


def bind_text(text: str, bindings: dict[str, Binding], *, push_down: bool = True) -> str:
    """The query with a VALUES block for ``bindings`` at the start of its WHERE group.

    With ``push_down`` the block is also put inside each sub-select that projects
    a bound variable as itself: the result is the same (the outer join would keep
    only those rows), but a sub-select is evaluated on its own, so without it a
    one-force query computed the sub-select for the whole country first. Remote
    queries go without it: Virtuoso 7 drops rows of a sub-select holding VALUES.
    """
    if not bindings:
        return text
    i = where_brace(text) + 1
    inserts = [(i, values_block(sorted(bindings), bindings))]
    for sub in _sub_selects(_significant(text), i) if push_down else ():
        names = sorted(set(bindings) & sub.projected)
        if names and not sub.sliced:
            inserts.append((sub.where_open, values_block(names, bindings)))
    for pos, block in sorted(inserts, reverse=True):
        text = text[:pos] + block + text[pos:]
    return text
