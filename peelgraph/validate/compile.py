"""The SHACL shapes compiled into SPARQL, to be evaluated inside the store.

pySHACL costs 100-170 µs per statement, in Python; a store of the whole country
(1.3 M statements) cannot be checked under half a minute that way, however it is
cut. The shapes of ``shapes/*.ttl`` are SHACL Core, and each of their constraints
is a condition on a focus node's values that SPARQL can state: this module reads
the shapes graph (generically: targets, paths, constraint components, nested
shapes) into one SELECT per targeted shape, which the store answers with the
violating focus nodes, their values and which constraint they break
(:mod:`peelgraph.validate.instore` runs them).

What a query sees is one named graph at a time, with the reference graph, as
pySHACL sees a batch (:mod:`peelgraph.validate.batches`): ``GRAPH ?g { ... }``
for the graph's own statements plus ``GRAPH <reference> { ... }``. A link graph's
minted nodes (findings, passages and evidence of documents not in the corpus) are
checked as pySHACL checks them, with what they point to in every graph
(:func:`peelgraph.validate.instore.check_graphs`).

A feature of SHACL the compiler does not know (a SPARQL-based constraint, a
sequence path, ``sh:closed``...) is an error when the shapes are loaded
(:class:`UnsupportedShape`): a new shape is never silently skipped.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peelgraph.errors import PeelgraphError

if TYPE_CHECKING:
    from peelgraph.validate.targeted import _Render

SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"

# Datatypes whose lexical forms Oxigraph and rdflib both read (a value of one of them
# that Oxigraph cannot cast to it is checked again as pySHACL checks it); pySHACL
# takes any other datatype on its IRI alone, and so does the compiled check.
_CASTABLE = {
    f"{_XSD}{t}" for t in ("integer", "decimal", "boolean", "date", "dateTime", "float", "double")
}
_NODE_KINDS = {
    "IRI": "isIRI({v})",
    "BlankNode": "isBLANK({v})",
    "Literal": "isLITERAL({v})",
    "BlankNodeOrIRI": "(isBLANK({v}) || isIRI({v}))",
    "BlankNodeOrLiteral": "(isBLANK({v}) || isLITERAL({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLITERAL({v}))",
}
# Predicates of a shape that are not constraints (or are read with another).
_NOT_CONSTRAINTS = {
    "path", "message", "severity", "deactivated", "targetClass", "targetSubjectsOf",
    "property", "name", "description", "order", "group", "flags",
}  # fmt: skip
_COMPONENTS = {
    "minCount", "maxCount", "datatype", "class", "in", "hasValue", "nodeKind", "pattern",
    "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
    "lessThan", "lessThanOrEquals", "or", "and", "not", "node",
}  # fmt: skip
_COMPARE = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}


class UnsupportedShape(PeelgraphError):
    """A shape uses SHACL the in-store engine cannot state in SPARQL."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(
            f"shapes: {message}", hint="`peelgraph validate --engine pyshacl` reads any SHACL Core"
        )


@dataclass(frozen=True)
class Constraint:
    """One constraint of a targeted shape: what a result of it says."""

    key: str  # the ?k a row of the shape's query carries
    component: str  # the constraint component's IRI
    shape: str | None  # the source shape (None when it is a blank node)
    path: str | None  # the result path when it is an IRI
    inverse: bool  # the path is the inverse of ``path``
    message: str
    severity: str  # Violation, Warning or Info
    has_value: bool  # rows carry the offending value
    recheck: tuple[str, ...] = ()  # ("datatype", IRI) or ("pattern", regex, flags): see instore
    limit: int | None = None  # sh:minCount / sh:maxCount: the bound (rows give the count)


@dataclass(frozen=True)
class Check:
    """One targeted shape: its constraints and its query for a kind of graph."""

    name: str
    constraints: tuple[Constraint, ...]
    query: Callable[[Scope], str]


@dataclass(frozen=True)
class Scope:
    """Which graphs a query reads: ``graphs`` (a VALUES block), or None for every named
    graph (the caller sets aside what is not its to check). ``reference``: the reference
    graph, read beside each graph; ``ref_predicates`` and ``ref_classes``: what it holds
    (a branch that cannot match is left out)."""

    graphs: tuple[str, ...] | None
    reference: str
    ref_predicates: frozenset[str]
    ref_classes: frozenset[str]


def _iri(x: str) -> str:
    return f"<{x}>"


def _term(t: Any) -> str:
    """An rdflib term as SPARQL."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return _iri(str(t))
    if isinstance(t, Literal):
        lex = (
            str(t)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        if t.language:
            return f'"{lex}"@{t.language}'
        if t.datatype is not None:
            return f'"{lex}"^^<{t.datatype}>'
        return f'"{lex}"'
    if isinstance(t, BNode):
        raise UnsupportedShape(f"a blank node as a constraint's value ({t})")
    raise UnsupportedShape(f"a constraint value of an unknown kind: {t!r}")


def _string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# ------------------------------------------------------------------ reading the shapes


class _Shapes:
    def __init__(self, g: Any) -> None:
        from rdflib import Namespace

        self.g = g
        self.sh = Namespace(SH)

    def one(self, node: Any, name: str) -> Any:
        vals = list(self.g.objects(node, self.sh[name]))
        if len(vals) > 1:
            raise UnsupportedShape(f"shape {node}: more than one sh:{name}")
        return vals[0] if vals else None

    def all(self, node: Any, name: str) -> list[Any]:
        return sorted(self.g.objects(node, self.sh[name]))

    def items(self, node: Any, name: str) -> list[Any]:
        from rdflib.collection import Collection

        head = self.one(node, name)
        return list(Collection(self.g, head)) if head is not None else []

    def check_known(self, node: Any) -> None:
        for p in set(self.g.predicates(node, None)):
            if str(p).startswith(SH):
                local = str(p)[len(SH) :]
                if local not in _COMPONENTS and local not in _NOT_CONSTRAINTS:
                    raise UnsupportedShape(
                        f"shape {node}: sh:{local} is not supported by the in-store engine"
                    )

    def path(self, node: Any) -> tuple[str, bool] | None:
        from rdflib import URIRef

        p = self.one(node, "path")
        if p is None:
            return None
        if isinstance(p, URIRef):
            return str(p), False
        inv = self.one(p, "inversePath")
        if isinstance(inv, URIRef) and len(set(self.g.predicates(p, None))) == 1:
            return str(inv), True
        raise UnsupportedShape(f"shape {node}: only a property or its inverse can be a path")

    def deactivated(self, node: Any) -> bool:
        d = self.one(node, "deactivated")
        return d is not None and d.toPython() is True


# ------------------------------------------------------------------ conditions


class _Compiler:
    def __init__(self, shapes: _Shapes) -> None:
        self.sh = shapes

    # A value node ``v`` (a SPARQL term or variable) breaks a value constraint: a
    # SPARQL expression.
    def bad_value(self, r: _Render, shape: Any, name: str, arg: Any, v: str) -> str:
        from rdflib import URIRef

        if name == "datatype":
            dt = str(arg)
            ok = f"(isLITERAL({v}) && DATATYPE({v}) = {_iri(dt)})"
            if dt in _CASTABLE:
                ok = f"({ok} && !isIRI(COALESCE({_iri(dt)}({v}), <urn:peelgraph:ill-typed>)))"
            return f"!{ok}"
        if name == "class":
            t = r.triple(v, _RDF_TYPE, _iri(str(arg)), inverse=False)
            return f"NOT EXISTS {{ {t} }}"
        if name == "in":
            members = self.sh.items(shape, "in")
            return (
                "!(" + (" || ".join(f"sameTerm({v}, {_term(m)})" for m in members) or "false") + ")"
            )
        if name == "nodeKind":
            kind = str(arg)[len(SH) :] if isinstance(arg, URIRef) else ""
            if kind not in _NODE_KINDS:
                raise UnsupportedShape(f"shape {shape}: sh:nodeKind {arg}")
            return "!" + _NODE_KINDS[kind].format(v=v)
        if name == "pattern":
            flags = self.sh.one(shape, "flags")
            fl = f", {_string(str(flags))}" if flags is not None else ""
            return f"(isBLANK({v}) || !REGEX(STR({v}), {_string(str(arg))}{fl}))"
        if name == "minLength":
            return f"(isBLANK({v}) || STRLEN(STR({v})) < {int(arg)})"
        if name == "maxLength":
            return f"(isBLANK({v}) || STRLEN(STR({v})) > {int(arg)})"
        if name in _COMPARE:
            return f"!COALESCE({v} {_COMPARE[name]} {_term(arg)}, false)"
        if name == "node":
            return "!" + self.conforms(r, arg, v)
        if name == "not":
            return self.conforms(r, arg, v)
        if name == "or":
            parts = [self.conforms(r, s, v) for s in self.sh.items(shape, "or")]
            return "!(" + (" || ".join(parts) or "false") + ")"
        if name == "and":
            parts = [self.conforms(r, s, v) for s in self.sh.items(shape, "and")]
            return "!(" + (" && ".join(parts) or "true") + ")"
        raise UnsupportedShape(f"shape {shape}: sh:{name} on a value")

    def conforms(self, r: _Render, shape: Any, x: str) -> str:
        """A SPARQL expression: node ``x`` conforms to ``shape``."""
        sh = self.sh
        sh.check_known(shape)
        if sh.deactivated(shape):
            return "true"
        parts: list[str] = []
        path = sh.path(shape)
        for name in sorted(_COMPONENTS):
            for arg in (
                sh.all(shape, name) if name not in {"in", "or", "and"} else [sh.one(shape, name)]
            ):
                if arg is None:
                    continue
                if path is None:
                    if name in {"minCount", "maxCount", "hasValue", "lessThan", "lessThanOrEquals"}:
                        if name == "hasValue":
                            parts.append(f"sameTerm({x}, {_term(arg)})")
                            continue
                        raise UnsupportedShape(f"shape {shape}: sh:{name} without a path")
                    parts.append("!(" + self.bad_value(r, shape, name, arg, x) + ")")
                else:
                    parts.append("!(" + self.bad_path(r, shape, name, arg, path, x) + ")")
        for prop in sh.all(shape, "property"):
            parts.append(self.conforms(r, prop, x))
        return "(" + (" && ".join(parts) or "true") + ")"

    def bad_path(
        self, r: _Render, shape: Any, name: str, arg: Any, path: tuple[str, bool], x: str
    ) -> str:
        """A SPARQL expression: the values of ``path`` on ``x`` break constraint ``name``."""
        pred, inverse = path

        def vals(o: str) -> str:
            return r.triple(x, pred, o, inverse=inverse)

        if name == "minCount":
            n = int(arg)
            if n == 0:
                return "false"
            if n != 1:
                raise UnsupportedShape(f"shape {shape}: sh:minCount {n} inside another shape")
            return f"NOT EXISTS {{ {vals(r.var())} }}"
        if name == "maxCount":
            n = int(arg)
            if n != 1 and n != 0:
                raise UnsupportedShape(f"shape {shape}: sh:maxCount {n} inside another shape")
            if n == 0:
                return f"EXISTS {{ {vals(r.var())} }}"
            a, b = r.var(), r.var()
            return f"EXISTS {{ {vals(a)} {vals(b)} FILTER(!sameTerm({a}, {b})) }}"
        if name == "hasValue":
            return f"NOT EXISTS {{ {vals(_term(arg))} }}"
        if name in {"lessThan", "lessThanOrEquals"}:
            a, b = r.var(), r.var()
            other = r.triple(x, str(arg), b)
            return f"EXISTS {{ {vals(a)} {other} FILTER({_not_less(a, b, name)}) }}"
        y = r.var()
        return f"EXISTS {{ {vals(y)} FILTER({self.bad_value(r, shape, name, arg, y)}) }}"


def _not_less(a: str, b: str, name: str) -> str:
    op = "<" if name == "lessThan" else "<="
    # pySHACL compares two IRIs as strings.
    return f"!COALESCE({a} {op} {b}, isIRI({a}) && isIRI({b}) && STR({a}) {op} STR({b}))"


# ------------------------------------------------------------------ targeted shapes


def _severity(sh: _Shapes, shape: Any) -> str:
    sev = sh.one(shape, "severity")
    return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"


def _message(sh: _Shapes, shape: Any) -> str:
    from rdflib import Literal

    msgs = sh.all(shape, "message")
    if len(msgs) != 1 or not isinstance(msgs[0], Literal):
        raise UnsupportedShape(
            f"shape {shape}: the in-store engine words each result by its shape's one sh:message"
        )
    return str(msgs[0])


def _targeted(sh: _Shapes) -> Iterator[tuple[Any, list[tuple[str, str]]]]:
    from rdflib import URIRef

    found: dict[Any, list[tuple[str, str]]] = {}
    for name in ("targetClass", "targetSubjectsOf", "targetNode", "targetObjectsOf"):
        for shape, target in sh.g.subject_objects(sh.sh[name]):
            if name in {"targetNode", "targetObjectsOf"} or not isinstance(target, URIRef):
                raise UnsupportedShape(f"shape {shape}: sh:{name} {target}")
            found.setdefault(shape, []).append((name, str(target)))
    for shape in sorted(found, key=str):
        if not sh.deactivated(shape):
            yield shape, sorted(found[shape])


def compile_shapes(shapes_graph: Any) -> list[Check]:
    """Every targeted shape of the graph as a :class:`Check` (an error at once for what
    the compiler cannot state)."""
    from peelgraph.validate.targeted import _query, _shape_branches

    sh = _Shapes(shapes_graph)
    comp = _Compiler(sh)
    checks: list[Check] = []
    keys = itertools.count()
    for node_shape, targets in _targeted(sh):
        sh.check_known(node_shape)
        # The node shape's own constraints on the focus node, then each property shape.
        parts: list[tuple[Any, tuple[str, bool] | None]] = []
        if sh.path(node_shape) is not None:
            parts.append((node_shape, sh.path(node_shape)))
        else:
            parts.append((node_shape, None))
            for prop in sh.all(node_shape, "property"):
                sh.check_known(prop)
                if not sh.deactivated(prop):
                    parts.append((prop, sh.path(prop)))
        for shape, path in parts:
            constraints, branches = _shape_branches(sh, comp, shape, path, keys)
            if not constraints:
                continue
            checks.append(
                Check(
                    name=f"{node_shape}" + (f" {path[0]}" if path else ""),
                    constraints=tuple(c for c, _ in constraints),
                    query=functools.partial(_query, targets, branches),
                )
            )
    # Nested shapes are checked as they are compiled; a query that cannot be built for
    # a scope fails here, at load, not while validating.
    probe = Scope(None, "urn:r", frozenset(), frozenset())
    for c in checks:
        c.query(probe)
    return checks
