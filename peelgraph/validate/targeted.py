"""The queries of targeted shapes: for each property shape, one SELECT whose rows
(?g ?f ?v ?k ?n) are the focus nodes that break one of its constraints, in the
scope of :class:`~peelgraph.validate.compile.Scope`. The conditions on a value (nested
shapes too) are :mod:`peelgraph.validate.compile`'s; this module decides how each is
read from the store, which is what its speed depends on:

- a property's statements are read in one scan, as a subquery of their own, and
  joined to the focus nodes by hashing rather than looked up focus node by focus node;
- the focus is asked last, only of the few rows that break a constraint (as an
  OPTIONAL: Oxigraph moves a FILTER EXISTS before the join and asks it of every value);
- simple value constraints of one path share one pass (``VALUES ?k``);
- with a few listed graphs (after a change), every part reads only those graphs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from peelgraph.validate.compile import (
    _CASTABLE,
    _COMPARE,
    _COMPONENTS,
    _RDF_TYPE,
    SH,
    Constraint,
    Scope,
    UnsupportedShape,
    _iri,
    _message,
    _not_less,
    _severity,
    _string,
    _term,
)

if TYPE_CHECKING:
    from peelgraph.validate.compile import _Compiler, _Shapes


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


# ------------------------------------------------------------------ targeted shapes


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
