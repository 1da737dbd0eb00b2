"""Saved queries: ``queries/*.rq`` files with a header, and their typed parameters.

Header convention (after grlc's ``#+``)::

    #+ summary: what the query answers
    #+ param: force (force, optional) the force: name, short name or slug
    #+ example: peelgraph query trace --param force=gloucestershire

A parameter's value is checked against its type and resolved to one RDF term
(a force's name to its IRI, a year to an integer literal, a prefixed name such as
``id:force/gwent`` to its IRI); binding that term into the query text is
:mod:`peelgraph.query.sparqltext`'s job. What a person typed that names no query,
parameter or known value is a :class:`~peelgraph.errors.UsageError` (exit 2, like
an unknown force); a query file that cannot be read is a ``QueryError``.
"""

from __future__ import annotations

import itertools
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from peelgraph.errors import QueryError, UsageError
from peelgraph.graph import iris
from peelgraph.query.sparqltext import XSD_INTEGER, XSD_STRING, Binding, query_form

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
    """One ``#+ param:`` line: a name, a type from :data:`PARAM_TYPES`, and what it means."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class SavedQuery:
    """A query file with its header read: summary, parameters and examples."""

    name: str
    path: Path
    text: str
    summary: str
    params: tuple[Param, ...]
    examples: tuple[str, ...] = ()

    def example_params(self) -> dict[str, str]:
        """The ``--param name=value`` pairs of the first example (tests, load test)."""
        words = shlex.split(self.examples[0]) if self.examples else []
        return dict(w.split("=", 1) for prev, w in itertools.pairwise(words) if prev == "--param")

    @property
    def kind(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        return query_form(self.text)


_PARAM_RE = re.compile(r"^(\w+)\s*\(([\w-]+)(?:\s*,\s*(optional|required))?\)\s*(.*)$")
_HEADER_RE = re.compile(r"^#\+\s*(\w+):\s*(.*)$")


def parse_query_file(path: Path) -> SavedQuery:
    """Read a ``.rq`` file and its ``#+`` header."""
    text = path.read_text(encoding="utf-8")
    summary = ""
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        m = _HEADER_RE.match(line)
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
    """Every saved query shipped with peelgraph, by name."""
    from peelgraph.resources import list_resources

    return {p.stem: parse_query_file(p) for p in list_resources("queries", ".rq")}


def load_saved(name: str) -> SavedQuery:
    """A saved query by its name only (never a path: what an HTTP client may ask for)."""
    queries = saved_queries()
    if name not in queries:
        raise UsageError(
            f"unknown query {name!r}",
            hint="saved queries: " + ", ".join(sorted(queries)),
        )
    return queries[name]


def load_query(name_or_path: str) -> SavedQuery:
    """A saved query by name, or any ``.rq`` file by its path (the command line's choice)."""
    p = Path(name_or_path)
    if p.suffix == ".rq" and p.exists():
        return parse_query_file(p)
    if p.suffix == ".rq":
        raise UsageError(f"{name_or_path}: no such query file")
    return load_saved(name_or_path)


_FINDING_TYPES = {
    "afi": "area-for-improvement",
    "areas-for-improvement": "area-for-improvement",
    "area-for-improvement": "area-for-improvement",
    "cause-of-concern": "cause-of-concern",
    "recommendation": "recommendation",
}


def _reference_term(param: Param, raw: str) -> Binding:
    """The IRI of a force, question, grade, status or finding type named by ``raw``."""
    from peelgraph.reference import forces, peel, questions

    t = param.type
    if t == "force":
        return "iri", iris.force(forces.resolve(raw).slug)
    if t == "question":
        token = raw if raw in questions.BY_TOKEN else questions.classify_question(raw)
        if token is None:
            raise UsageError(
                f"unknown question {raw!r}", hint="questions: " + ", ".join(questions.BY_TOKEN)
            )
        return "iri", iris.question(token)
    if t == "grade":
        g = peel.normalise_grade(raw)
        if g is None:
            raise UsageError(f"unknown grade {raw!r}", hint="grades: " + ", ".join(peel.GRADES))
        return "iri", iris.grade(g)
    if t == "status":
        return "iri", iris.status(peel.normalise_status(raw))
    token = _FINDING_TYPES.get(raw.lower().replace(" ", "-"))
    if token is None:
        raise UsageError(
            f"unknown finding type {raw!r}",
            hint="cause-of-concern, recommendation or area-for-improvement",
        )
    return "iri", iris.finding_type(token)


def resolve_param(param: Param, raw: str) -> Binding:
    """A parameter's value as ('iri'|datatype IRI, lexical form)."""
    if param.type in {"force", "question", "grade", "status", "finding-type"}:
        return _reference_term(param, raw)
    if param.type == "iri":
        raw = iris.expand(raw.strip())  # id:force/gwent, peel:Finding, as tables print them
        if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", raw):
            raise UsageError(f"parameter {param.name}: {raw!r} is not an IRI")
        return "iri", raw
    if param.type in {"year", "integer"}:
        if not re.fullmatch(r"-?\d+", raw.strip()):
            raise UsageError(f"parameter {param.name}: {raw!r} is not a whole number")
        return XSD_INTEGER, raw.strip()
    return XSD_STRING, raw


def bind_params(q: SavedQuery, given: dict[str, str]) -> dict[str, Binding]:
    """Check ``given`` against the query's parameters and resolve each to an RDF term."""
    known = {p.name: p for p in q.params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UsageError(
            f"query {q.name!r} has no parameter {', '.join(unknown)}",
            hint="its parameters: " + (", ".join(known) or "none"),
        )
    missing = [p.name for p in q.params if p.required and p.name not in given]
    if missing:
        raise UsageError(f"query {q.name!r} needs --param {missing[0]}=...")
    return {name: resolve_param(known[name], value) for name, value in given.items()}
