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
from typing import Any

from peelgraph.errors import PeelgraphError

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


class _Vars:
    def __init__(self) -> None:
        self._n = itertools.count()

    def __call__(self) -> str:
        return f"?x{next(self._n)}"


class _Render:
    """Graph patterns in one scope: the statements of graph ?g with the reference graph."""

    def __init__(self, scope: Scope) -> None:
        self.s = scope
        self.var = _Vars()

    def graphs(self) -> str:
        """The graphs checked: a VALUES block, or nothing (every graph)."""
        if self.s.graphs is None:
            return ""
        return "VALUES ?g { " + " ".join(_iri(g) for g in self.s.graphs) + " }"

    def triple(self, subj: str, pred: str, obj: str, *, inverse: bool = False) -> str:
        """``subj pred obj`` (or its inverse) in graph ?g or the reference graph."""
        s, o = (obj, subj) if inverse else (subj, obj)
        own = f"GRAPH ?g {{ {s} {_iri(pred)} {o} }}"
        if pred not in self.s.ref_predicates:
            return own
        return f"{{ {own} }} UNION {{ GRAPH {_iri(self.s.reference)} {{ {s} {_iri(pred)} {o} }} }}"

    def _focus_branches(self, targets: list[tuple[str, str]], *, listed: bool = False) -> list[str]:
        """``listed``: ?g is bound by a VALUES block of a few graphs; a node of the
        reference graph is then looked up in each (rather than each graph read whole)."""
        ref = _iri(self.s.reference)
        described = (
            "FILTER EXISTS { GRAPH ?g { ?f ?fp ?fo } }" if listed else "GRAPH ?g { ?f ?fp ?fo }"
        )
        branches = []
        for kind, iri in targets:
            if kind == "targetClass":
                branches.append(f"GRAPH ?g {{ ?f <{_RDF_TYPE}> {_iri(iri)} }}")
                if iri in self.s.ref_classes:
                    branches.append(f"GRAPH {ref} {{ ?f <{_RDF_TYPE}> {_iri(iri)} }} {described}")
            else:  # targetSubjectsOf
                branches.append(f"GRAPH ?g {{ ?f {_iri(iri)} ?fo }}")
                if iri in self.s.ref_predicates:
                    branches.append(f"GRAPH {ref} {{ ?f {_iri(iri)} ?fo0 }} {described}")
        return branches

    def focus(self, targets: list[tuple[str, str]]) -> str:
        """The focus nodes ?f of graph ?g: instances of the target classes typed in ?g
        (or typed in the reference graph and described in ?g), subjects of the target
        predicates."""
        branches = self._focus_branches(targets, listed=self.s.graphs is not None)
        body = " UNION ".join(f"{{ {self.graphs()} {b} }}" for b in branches)
        return f"{{ SELECT DISTINCT ?g ?f WHERE {{ {body} }} }}"

    def is_focus(self, targets: list[tuple[str, str]]) -> str:
        """?f is a focus node of ?g (both bound). Asked last, of the few rows that break a
        constraint, so that the focus nodes need not be listed: as an OPTIONAL, because
        Oxigraph would move a FILTER EXISTS before the join and ask it of every value."""
        # Oxigraph reads the OPTIONAL's side apart and joins by hashing: it reads only the
        # graphs checked.
        branches = self._focus_branches(targets, listed=self.s.graphs is not None)
        body = " UNION ".join(f"{{ {self.graphs()} {b} }}" for b in branches)
        return f"OPTIONAL {{ {body} BIND(true AS ?isf) }} FILTER(BOUND(?isf))"


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


def _shape_branches(
    sh: _Shapes, comp: _Compiler, shape: Any, path: tuple[str, bool] | None, keys: Iterator[int]
) -> tuple[list[tuple[Constraint, _Branch]], list[_Branch]]:
    from rdflib import URIRef

    out: list[tuple[Constraint, _Branch]] = []
    message = severity = None
    for name in sorted(_COMPONENTS):
        args = sh.all(shape, name) if name not in {"in", "or", "and"} else [sh.one(shape, name)]
        if path is None and name in {"minCount", "maxCount", "lessThan", "lessThanOrEquals"}:
            if any(a is not None for a in args):
                raise UnsupportedShape(f"shape {shape}: sh:{name} without a path")
            continue
        for arg in args:
            if arg is None:
                continue
            if message is None:
                message, severity = _message(sh, shape), _severity(sh, shape)
            component = f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent"
            recheck: tuple[str, ...] = ()
            if name == "datatype" and str(arg) in _CASTABLE:
                recheck = ("datatype", str(arg))
            if name == "pattern":
                flags = sh.one(shape, "flags")
                recheck = ("pattern", str(arg), str(flags) if flags is not None else "")
            c = Constraint(
                key="count" if name in {"minCount", "maxCount"} else f"c{next(keys)}",
                component=component,
                shape=str(shape) if isinstance(shape, URIRef) else None,
                path=path[0] if path and not path[1] else None,
                inverse=bool(path and path[1]),
                message=message,
                severity=severity or "Violation",
                has_value=name not in {"minCount", "maxCount", "hasValue"},
                recheck=recheck,
                limit=int(arg) if name in {"minCount", "maxCount"} else None,
            )
            out.append((c, _Branch(comp, shape, name, arg, path, c.key)))
    branches: list[Any] = []
    counts = [c for c, _ in out if c.limit is not None]
    if counts and path is not None:
        branches.append(_Counts(counts, path))
    simple = [b for c, b in out if c.limit is None and path is not None and b.name in _SIMPLE]
    if len(simple) > 1:
        branches.append(_Simple(simple, path))  # type: ignore[arg-type]
    else:
        branches += simple
    branches += [b for c, b in out if c.limit is None and b not in simple]
    return out, branches


# Value constraints decided by the value alone: checked in one pass over the values.
_SIMPLE = {"datatype", "in", "nodeKind", "pattern", "minLength", "maxLength"} | set(_COMPARE)


def _own(r: _Render, path: tuple[str, bool], subj: str, obj: str) -> str:
    """The statements of ``path`` in the graphs checked, read alone (a subquery that
    Oxigraph reads as one scan, rather than one lookup per focus node)."""
    pred, inverse = path
    s, o = (obj, subj) if inverse else (subj, obj)
    return (
        f"{{ SELECT ?g {subj} {obj} WHERE {{ {r.graphs()} GRAPH ?g {{ {s} {_iri(pred)} {o} }} }} }}"
    )


def _in_ref(r: _Render, path: tuple[str, bool], subj: str, obj: str) -> str:
    pred, inverse = path
    s, o = (obj, subj) if inverse else (subj, obj)
    return f"{{ SELECT {subj} {obj} WHERE {{ GRAPH {_iri(r.s.reference)} {{ {s} {_iri(pred)} {o} }} }} }}"


class _Counts:
    """sh:minCount and sh:maxCount of one path: rows (?g ?f ?n) of the focus nodes whose
    number of values ?n breaks a bound (instore compares ?n with each)."""

    def __init__(self, counts: list[Constraint], path: tuple[str, bool]) -> None:
        self.counts, self.path = counts, path

    def __call__(self, r: _Render, targets: list[tuple[str, str]]) -> str:
        bounds = [
            f"COUNT(DISTINCT ?c) {'<' if _local(c.component) == 'minCount' else '>'} {c.limit}"
            for c in self.counts
        ]
        having = " || ".join(bounds)  # HAVING comes before the projection: no ?n in it
        key = 'BIND("count" AS ?k)'
        if self.path[0] in r.s.ref_predicates:
            # Values in the graph or the reference graph: counted per focus node.
            vals = f"{{ {_own(r, self.path, '?f', '?c')} }} UNION {{ {_in_ref(r, self.path, '?f', '?c')} }}"
            return (
                f"{{ SELECT ?g ?f (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {r.focus(targets)} "
                f"OPTIONAL {{ {vals} }} }} GROUP BY ?g ?f HAVING({having}) }} {key}"
            )
        groups = []
        if any(_local(c.component) == "minCount" and (c.limit or 0) > 0 for c in self.counts):
            # No value at all: the focus nodes less those with a value.
            groups.append(
                f"{{ {r.focus(targets)} MINUS {_own(r, self.path, '?f', '?x')} BIND(0 AS ?n) }}"
            )
        if any(_local(c.component) == "maxCount" or (c.limit or 0) > 1 for c in self.counts):
            # Some values: counted per subject, the few that break a bound then asked
            # whether they are focus nodes.
            groups.append(
                f"{{ {{ SELECT ?g ?f (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {_own(r, self.path, '?f', '?c')} }} "
                f"GROUP BY ?g ?f HAVING({having}) }} {r.is_focus(targets)} }}"
            )
        return f"{{ {' UNION '.join(groups)} }} {key}"


class _Branch:
    """One constraint of a targeted shape, rendered for a scope as a group of rows
    (?g ?f ?v ?k)."""

    def __init__(
        self,
        comp: _Compiler,
        shape: Any,
        name: str,
        arg: Any,
        path: tuple[str, bool] | None,
        key: str,
    ) -> None:
        self.comp, self.shape, self.name, self.arg, self.path, self.key = (
            comp,
            shape,
            name,
            arg,
            path,
            key,
        )

    def condition(self, r: _Render) -> str:
        """The value ?v breaks this (simple) constraint."""
        bad = self.comp.bad_value(r, self.shape, self.name, self.arg, "?v")
        if self.name == "pattern":
            # Python's `$` also matches before a final newline: such values are judged
            # again as pySHACL judges them.
            bad = f"({bad} || CONTAINS(STR(?v), {_string(chr(10))}))"
        return bad

    def __call__(self, r: _Render, targets: list[tuple[str, str]]) -> str:
        k = f'BIND("{self.key}" AS ?k)'
        name, arg, path, comp, shape = self.name, self.arg, self.path, self.comp, self.shape
        if path is None:
            # A node shape's constraint: the value node is the focus node.
            if name == "hasValue":
                return f"{r.focus(targets)} FILTER(!sameTerm(?f, {_term(arg)})) BIND(?f AS ?v) {k}"
            return f"{r.focus(targets)} FILTER({comp.bad_value(r, shape, name, arg, '?f')}) BIND(?f AS ?v) {k}"
        if name == "hasValue":
            return (
                f"{r.focus(targets)} FILTER({comp.bad_path(r, shape, name, arg, path, '?f')}) {k}"
            )
        if name in {"lessThan", "lessThanOrEquals"}:
            other = (str(arg), False)
            if path[0] in r.s.ref_predicates or str(arg) in r.s.ref_predicates:
                return (
                    f"{r.focus(targets)} FILTER({comp.bad_path(r, shape, name, arg, path, '?f')}) "
                    f"{r.triple('?f', path[0], '?v', inverse=path[1])} "
                    f"{r.triple('?f', str(arg), '?w')} FILTER({_not_less('?v', '?w', name)}) {k}"
                )
            return (
                f"{_own(r, path, '?f', '?v')} {_own(r, other, '?f', '?w')} "
                f"FILTER({_not_less('?v', '?w', name)}) {r.is_focus(targets)} {k}"
            )
        if name == "class":
            # Values less those of the class (in the graph, in the reference graph).
            cls = _iri(str(arg))
            ref = _iri(r.s.reference)
            typed = (
                f"MINUS {{ SELECT ?g ?v WHERE {{ {r.graphs()} GRAPH ?g {{ ?v <{_RDF_TYPE}> {cls} }} }} }} "
                f"MINUS {{ SELECT ?v WHERE {{ GRAPH {ref} {{ ?v <{_RDF_TYPE}> {cls} }} }} }}"
            )
            own = f"{{ {_own(r, path, '?f', '?v')} {typed} {r.is_focus(targets)} }}"
            if path[0] not in r.s.ref_predicates:
                return f"{own} {k}"
            refs = f"{{ {_in_ref(r, path, '?f', '?v')} {r.focus(targets)} {typed} }}"
            return f"{{ {own} UNION {refs} }} {k}"
        bad = self.condition(r)
        return _values_where(r, path, targets, f"FILTER({bad})") + f" {k}"


def _values_where(
    r: _Render, path: tuple[str, bool], targets: list[tuple[str, str]], test: str
) -> str:
    """Rows (?g ?f ?v ...) of the values ?v of ``path`` that pass ``test``, of focus nodes
    only: the values are filtered first (one scan), the focus asked of the few left."""
    own = f"{{ {_own(r, path, '?f', '?v')} {test} {r.is_focus(targets)} }}"
    if path[0] not in r.s.ref_predicates:
        return own
    refs = f"{{ {_in_ref(r, path, '?f', '?v')} {test} {r.focus(targets)} }}"
    return f"{{ {own} UNION {refs} }}"


class _Simple:
    """Several simple value constraints of one path in one pass: ``VALUES ?k`` crossed
    with the values, each key with its own condition."""

    def __init__(self, branches: list[_Branch], path: tuple[str, bool]) -> None:
        self.branches, self.path = branches, path

    def __call__(self, r: _Render, targets: list[tuple[str, str]]) -> str:
        keys = " ".join(f'"{b.key}"' for b in self.branches)
        either = " || ".join(f'(?k = "{b.key}" && {b.condition(r)})' for b in self.branches)
        return _values_where(r, self.path, targets, f"VALUES ?k {{ {keys} }} FILTER({either})")


def _local(component: str) -> str:
    name = component[len(SH) : -len("ConstraintComponent")]
    return name[0].lower() + name[1:]


def _query(targets: list[tuple[str, str]], branches: list[Any], scope: Scope) -> str:
    r = _Render(scope)
    groups = [f"{{ {b(r, targets)} }}" for b in branches]
    return "SELECT DISTINCT ?g ?f ?v ?k ?n WHERE { " + " UNION ".join(groups) + " }"
