"""Saved queries: ``queries/*.rq`` files with a header, run with typed parameters.

Header convention (after grlc's ``#+``)::

    #+ summary: what the query answers
    #+ param: force (force, optional) the force: name, short name or slug
    #+ example: peelgraph query trace --param force=gloucestershire

Parameters are bound as a ``VALUES`` block placed first in the WHERE group,
built from validated, escaped RDF terms (never by pasting user text into the
query). That is rdflib's ``initBindings`` semantics: FILTERs and BOUND() see
the value. (pyoxigraph's ``substitutions`` join the value at the end, so
``FILTER(!BOUND(?p) || ...)`` misses it.) The same bound text runs locally and
on a remote endpoint. An optional parameter left out stays a free variable.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph import iris
from peelgraph.errors import PeelgraphError, QueryError

PARAM_TYPES = (
    "force",
    "question",
    "grade",
    "status",
    "finding-type",
    "iri",
    "year",
    "integer",
    "string",
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str
    params: tuple[Param, ...]
    examples: tuple[str, ...] = ()

    def example_params(self) -> dict[str, str]:
        """The ``--param name=value`` pairs of the first example (tests, load test)."""
        import itertools
        import shlex

        words = shlex.split(self.examples[0]) if self.examples else []
        return dict(w.split("=", 1) for prev, w in itertools.pairwise(words) if prev == "--param")

    @property
    def kind(self) -> str:
        body = re.sub(r"(?m)#.*$", "", self.text)
        body = re.sub(r"(?is)\b(?:PREFIX|BASE)\s+\S*\s*<[^>]*>", "", body)
        m = re.search(r"(?i)\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body)
        return m.group(1).upper() if m else "SELECT"


_PARAM_RE = re.compile(r"^(\w+)\s*\(([\w-]+)(?:\s*,\s*(optional|required))?\)\s*(.*)$")


def parse_query_file(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    summary = ""
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        m = re.match(r"^#\+\s*(\w+):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "summary":
            summary = f"{summary} {value}".strip()
        elif key == "example":
            examples.append(value)
        elif key == "param":
            pm = _PARAM_RE.match(value)
            if not pm or pm.group(2) not in PARAM_TYPES:
                raise QueryError(
                    f"{path.name}: bad parameter line {value!r}",
                    hint=f"write '#+ param: name (type, optional) description'; types: {PARAM_TYPES}",
                )
            params.append(Param(pm.group(1), pm.group(2), pm.group(3) == "required", pm.group(4)))
    return SavedQuery(path.stem, path, text, summary, tuple(params), tuple(examples))


def saved_queries() -> dict[str, SavedQuery]:
    from peelgraph.resources import list_resources

    return {p.stem: parse_query_file(p) for p in list_resources("queries", ".rq")}


def load_query(name_or_path: str) -> SavedQuery:
    p = Path(name_or_path)
    if p.suffix == ".rq" and p.exists():
        return parse_query_file(p)
    if p.suffix == ".rq":
        raise QueryError(f"{name_or_path}: no such query file")
    queries = saved_queries()
    if name_or_path not in queries:
        raise QueryError(
            f"unknown query {name_or_path!r}",
            hint="saved queries: " + ", ".join(sorted(queries)),
        )
    return queries[name_or_path]


def resolve_param(param: Param, raw: str) -> tuple[str, str]:
    """A parameter's value as ('iri'|'literal-type', lexical form)."""
    from peelgraph.reference import forces, peel

    t = param.type
    if t == "force":
        return "iri", iris.force(forces.resolve(raw).slug)
    if t == "question":
        token = raw if raw in peel.BY_TOKEN else peel.classify_question(raw)
        if token is None:
            raise QueryError(
                f"unknown question {raw!r}", hint="questions: " + ", ".join(peel.BY_TOKEN)
            )
        return "iri", iris.question(token)
    if t == "grade":
        g = peel.normalise_grade(raw)
        if g is None:
            raise QueryError(f"unknown grade {raw!r}", hint="grades: " + ", ".join(peel.GRADES))
        return "iri", iris.grade(g)
    if t == "status":
        return "iri", iris.status(peel.normalise_status(raw))
    if t == "finding-type":
        token = raw.lower().replace(" ", "-")
        if token in {"afi", "area-for-improvement", "areas-for-improvement"}:
            token = "area-for-improvement"
        if token not in {"cause-of-concern", "recommendation", "area-for-improvement"}:
            raise QueryError(
                f"unknown finding type {raw!r}",
                hint="cause-of-concern, recommendation or area-for-improvement",
            )
        return "iri", iris.finding_type(token)
    if t == "iri":
        if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", raw):
            raise QueryError(f"parameter {param.name}: {raw!r} is not an IRI")
        return "iri", raw
    if t in {"year", "integer"}:
        if not re.fullmatch(r"-?\d+", raw.strip()):
            raise QueryError(f"parameter {param.name}: {raw!r} is not a whole number")
        return "http://www.w3.org/2001/XMLSchema#integer", raw.strip()
    return "http://www.w3.org/2001/XMLSchema#string", raw


def bind_params(q: SavedQuery, given: dict[str, str]) -> dict[str, tuple[str, str]]:
    known = {p.name: p for p in q.params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise QueryError(
            f"query {q.name!r} has no parameter {', '.join(unknown)}",
            hint="its parameters: " + (", ".join(known) or "none"),
        )
    missing = [p.name for p in q.params if p.required and p.name not in given]
    if missing:
        raise QueryError(f"query {q.name!r} needs --param {missing[0]}=...")
    return {name: resolve_param(known[name], value) for name, value in given.items()}


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Value:
    """An RDF term in a result row, independent of the engine that produced it."""

    kind: str  # "iri" | "literal" | "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    def to_json(self) -> dict[str, str]:
        d = {
            "type": {"iri": "uri", "bnode": "bnode"}.get(self.kind, "literal"),
            "value": self.value,
        }
        if self.datatype and self.kind == "literal":
            d["datatype"] = self.datatype
        if self.lang:
            d["xml:lang"] = self.lang
        return d


@dataclass
class QueryResult:
    kind: str  # SELECT | ASK | CONSTRUCT
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Value | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph_ntriples: str = ""

    def column(self, name: str) -> list[str | None]:
        return [None if r.get(name) is None else str(r[name]) for r in self.rows]

    # Output formats -----------------------------------------------------------

    def to_sparql_json(self) -> dict[str, Any]:
        if self.kind == "ASK":
            return {"head": {}, "boolean": bool(self.boolean)}
        return {
            "head": {"vars": self.variables},
            "results": {
                "bindings": [
                    {k: v.to_json() for k, v in row.items() if v is not None} for row in self.rows
                ]
            },
        }

    def to_csv(self, delimiter: str = ",") -> str:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        if self.kind == "ASK":
            w.writerow(["boolean"])
            w.writerow([str(bool(self.boolean)).lower()])
            return buf.getvalue()
        w.writerow(self.variables)
        for row in self.rows:
            w.writerow(["" if row.get(v) is None else str(row[v]) for v in self.variables])
        return buf.getvalue()

    def to_table(self, max_width: int = 60) -> str:
        if self.kind == "ASK":
            return "yes" if self.boolean else "no"
        if self.kind in {"CONSTRUCT", "DESCRIBE"}:
            return self.graph_ntriples

        def cell(v: Value | None) -> str:
            if v is None:
                return ""
            s = _compact(v.value) if v.kind == "iri" else " ".join(v.value.split())
            return s if len(s) <= max_width else s[: max_width - 1] + "…"

        header = self.variables
        body = [[cell(r.get(v)) for v in header] for r in self.rows]
        widths = [max([len(h)] + [len(b[i]) for b in body]) for i, h in enumerate(header)]
        out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
        out.append("  ".join("-" * w for w in widths))
        out += [
            "  ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)).rstrip() for b in body
        ]
        out.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(out)

    def render(self, fmt: str) -> str:
        if fmt == "json":
            return json.dumps(self.to_sparql_json(), indent=1, ensure_ascii=False)
        if fmt == "csv":
            return self.to_csv()
        if fmt == "tsv":
            return self.to_csv("\t")
        if fmt == "turtle":
            if self.kind not in {"CONSTRUCT", "DESCRIBE"}:
                raise QueryError(
                    "turtle output is for CONSTRUCT and DESCRIBE queries",
                    hint="use --format table, csv or json for SELECT",
                )
            from rdflib import Graph

            from peelgraph.vocab import PREFIXES

            g = Graph()
            for p, ns in PREFIXES.items():
                g.bind(p, ns)
            g.parse(data=self.graph_ntriples, format="nt")
            return g.serialize(format="turtle")
        return self.to_table()


def _compact(iri: str) -> str:
    for prefix, short in ((iris.ID, ""), (iris.ONTOLOGY, "peel:")):
        if iri.startswith(prefix):
            return short + iri[len(prefix) :]
    return iri


def _value(term: Any) -> Value | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    if isinstance(term, ox.Literal):
        dt: str | None = term.datatype.value if term.datatype else None
        if term.language or dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Value("literal", term.value, dt, term.language)
    return Value("literal", str(term))


_IRI_OK = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')


def term_text(kind: str, lexical: str) -> str:
    """An RDF term in SPARQL syntax, escaped; raises on an IRI that cannot be one."""
    if kind == "iri":
        if not _IRI_OK.match(lexical):
            raise QueryError(f"{lexical!r} is not a valid IRI")
        return f"<{lexical}>"
    escaped = (
        lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    if kind == "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"'
    return f'"{escaped}"^^{term_text("iri", kind)}'


_SKIP = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
)


_KEYWORD = re.compile(r"(?<![\w?$:])(WHERE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _where_brace(text: str) -> int:
    """Index of the opening brace of the query's WHERE group (comments, strings, IRIs skipped)."""
    pos = 0
    form = None
    seen_where = False
    while pos < len(text):
        m = _SKIP.match(text, pos)
        if m:
            pos = m.end()
            continue
        k = _KEYWORD.match(text, pos)
        if k:
            word = k.group(1).upper()
            if word == "WHERE":
                seen_where = True
            elif form is None:
                form = word
            pos = k.end()
            continue
        if text[pos] == "{" and (seen_where or form in {"SELECT", "ASK"}):
            return pos
        pos += 1
    raise QueryError("cannot bind parameters: the query has no WHERE group")


_SUBSELECT = re.compile(r"\{\s*SELECT\b(?P<proj>.*?)\bWHERE\s*\{", re.IGNORECASE | re.DOTALL)


def _values_block(names: list[str], bindings: dict[str, tuple[str, str]]) -> str:
    values = " ".join(term_text(*bindings[n]) for n in names)
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "


def _plain_projection(proj: str) -> set[str]:
    """Variables a sub-select projects as themselves (not ``(expr AS ?v)``)."""
    depth, plain = 0, []
    for ch in proj:
        depth += ch == "("
        depth -= ch == ")"
        plain.append(ch if depth == 0 and ch != ")" else " ")
    return set(re.findall(r"[?$](\w+)", "".join(plain)))


def _group_end(text: str, open_brace: int) -> int:
    """Index just past the brace closing the group opened at ``open_brace``."""
    depth, pos = 0, open_brace
    while pos < len(text):
        m = _SKIP.match(text, pos)
        if m:
            pos = m.end()
            continue
        depth += text[pos] == "{"
        depth -= text[pos] == "}"
        pos += 1
        if depth == 0:
            return pos
    return len(text)


_SLICE = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)


def bind_text(text: str, bindings: dict[str, tuple[str, str]], *, push_down: bool = True) -> str:
    """The query with a VALUES block for ``bindings`` at the start of its WHERE group.

    With ``push_down`` the block is also put inside each sub-select that projects
    a bound variable as itself: the result is the same (the outer join would keep
    only those rows), but a sub-select is evaluated on its own, so without it a
    one-force query computed the sub-select for the whole country first. Remote
    queries go without it: Virtuoso 7 drops rows of a sub-select holding VALUES.
    """
    if not bindings:
        return text
    i = _where_brace(text) + 1
    inserts = [(i, _values_block(sorted(bindings), bindings))]
    for m in _SUBSELECT.finditer(text, i) if push_down else ():
        line_start = text.rfind("\n", 0, m.start()) + 1
        if "#" in text[line_start : m.start()]:
            continue  # inside a comment
        where_end = _group_end(text, m.end() - 1)
        if _SLICE.search(text, where_end, _group_end(text, m.start())):
            continue  # a LIMIT or OFFSET would pick other rows from a restricted input
        names = sorted(set(bindings) & _plain_projection(m.group("proj")))
        if names:
            inserts.append((m.end(), _values_block(names, bindings)))
    for pos, block in sorted(inserts, reverse=True):
        text = text[:pos] + block + text[pos:]
    return text


def run_local(
    store: Any,
    text: str,
    bindings: dict[str, tuple[str, str]] | None = None,
    *,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    limit: int | None = None,
    deadline: float | None = None,
) -> QueryResult:
    """Run SPARQL on the embedded store; the default graph is the union of all graphs."""
    import pyoxigraph as ox

    text = bind_text(text, bindings or {})
    kwargs: dict[str, Any] = {}
    if default_graph:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    elif not getattr(store, "union_in_default", False):
        kwargs["use_default_graph_as_union"] = True  # a store from before format 2
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        res = store.ox.query(text, **kwargs)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        nt = res.serialize(format=ox.RdfFormat.N_TRIPLES)
        return QueryResult("CONSTRUCT", graph_ntriples=nt.decode("utf-8") if nt else "")
    variables = [v.value for v in res.variables]
    rows: list[dict[str, Value | None]] = []
    import time

    try:
        for sol in res:
            rows.append({v: _value(sol[v]) for v in variables})
            if limit is not None and len(rows) >= limit:
                break
            # Rows come lazily, so a runaway query is stopped between rows.
            if deadline is not None and len(rows) % 64 == 0 and time.monotonic() > deadline:
                raise TimeoutError("query time limit")
    except (OSError, SyntaxError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    return QueryResult("SELECT", variables, rows)


def run_saved(store: Any, name_or_path: str, params: dict[str, str] | None = None) -> QueryResult:
    q = load_query(name_or_path)
    try:
        bindings = bind_params(q, params or {})
    except PeelgraphError:
        raise
    return run_local(store, q.text, bindings)


def run_remote(
    endpoint: str,
    text: str,
    bindings: dict[str, tuple[str, str]] | None = None,
    *,
    timeout: float = 60.0,
    credentials: Any = None,
) -> QueryResult:
    """Run a query on any SPARQL 1.1 Protocol endpoint.

    The query goes as an urlencoded form POST, which every server takes
    (Virtuoso 7 never answers a direct ``application/sparql-query`` POST).
    ``credentials`` (a :class:`peelgraph.remote.Credentials`) answer basic or
    digest challenges.
    """
    import urllib.error
    import urllib.parse
    import urllib.request

    from peelgraph.remote import first_line, opener

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
    data = json.loads(payload)
    if "boolean" in data:
        return QueryResult("ASK", boolean=bool(data["boolean"]))
    variables = list(data["head"]["vars"])
    rows: list[dict[str, Value | None]] = []
    for b in data["results"]["bindings"]:
        row: dict[str, Value | None] = dict.fromkeys(variables)
        for k, v in b.items():
            kind = {"uri": "iri", "bnode": "bnode"}.get(v["type"], "literal")
            row[k] = Value(kind, v["value"], v.get("datatype"), v.get("xml:lang"))
        rows.append(row)
    return QueryResult("SELECT", variables, rows)
