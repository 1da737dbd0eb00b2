"""Counts of mentions per force, worked out at build time for the grouping queries.

``partners``, ``programmes`` and ``shared-partners`` group every mention of an
organisation or programme in the country: each mention joined to its force,
document, role and quote is a handful of look-ups, and for the country's 20,000
mentions at full scale that was 1.3 to 2.3 s a question (issue 24). The groups
they make are a force's own: a mention's force is its document's, so the
mentions of one force are all in that force's documents. Here each force's
groups are counted once per build, as :data:`peelgraph.graph.iris.DERIVED_GRAPH`
triples in that force's part (a rebuild recounts the forces whose documents
changed), and the queries read a few hundred plain nodes:

* a ``peel:MentionTally`` per force, thing mentioned (``peel:tallyOf``), role the
  mentions give it (``peel:tallyRole``, absent for a programme) and category the
  mentions themselves carry (``peel:tallyCategory``: a force named as an
  organisation; absent where the category is the organisation's own), with
  ``peel:documentCount``, the number of documents with such a mention, and
  ``peel:firstQuote``, the first of their quotes in code-point order (what the
  queries' ``MIN(?q)`` gave).

What the queries still join at question time is what belongs to the thing
mentioned, not to the force (its label and category, which any document may
state): a tally is the group of a query's row because the build gives an
organisation its category either on the organisation (every partner) or on the
mention (a force named as one), never both, and a programme's mentions no role.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rdflib import RDF, RDFS, Literal, URIRef

from peelgraph.graph import iris
from peelgraph.graph.triples import TripleSet, integer
from peelgraph.graph.vocab import PEEL
from peelgraph.store.sparql import bound, select

# (force, thing mentioned, role, category): "" where the mentions give none.
TallyKey = tuple[str, str, str, str]


def tally_iri(key: TallyKey) -> str:
    """A tally's IRI: under its force's slug, a hash of what it counts (stable across
    builds, so a rebuild gives the same node)."""
    force, target, role, category = key
    digest = hashlib.sha256("\n".join((target, role, category)).encode("utf-8")).hexdigest()
    return f"{iris.ID}tally/{force.rsplit('/', 1)[-1]}/{digest[:16]}"


def mention_tallies(ox: Any, forces: set[str] | None = None) -> dict[TallyKey, tuple[int, str]]:
    """(documents, first quote) per tally key, from the mentions of ``forces`` (every
    force's when None) that have a quote, as the queries counted them."""
    docs: dict[TallyKey, set[str]] = {}
    first: dict[TallyKey, str] = {}
    for r in select(ox, "derive-agg-mentions", force=bound(forces)):
        key = (r["force"], r["target"], r["role"], r["category"])
        docs.setdefault(key, set()).add(r["doc"])
        # Python compares strings by code point, as SPARQL's MIN does plain literals.
        if key not in first or r["quote"] < first[key]:
            first[key] = r["quote"]
    return {key: (len(d), first[key]) for key, d in docs.items()}


def add_tallies(ox: Any, sinks: dict[str, TripleSet], forces: set[str] | None) -> None:
    """Each force's mention tallies into its part of the derived graph (``sinks``: force
    IRI -> its triples, as :func:`peelgraph.link.derived.derived_parts` keeps them)."""
    for key, (documents, quote) in sorted(mention_tallies(ox, forces).items()):
        force, target, role, category = key
        sink = sinks.setdefault(force, TripleSet())
        node = URIRef(tally_iri(key))
        sink.add((node, RDF.type, PEEL.MentionTally))
        sink.add((node, RDFS.label, Literal(f"Mentions in {force.rsplit('/', 1)[-1]}'s documents")))
        sink.add((node, PEEL.tallyForce, URIRef(force)))
        sink.add((node, PEEL.tallyOf, URIRef(target)))
        if role:
            sink.add((node, PEEL.tallyRole, Literal(role)))
        if category:
            sink.add((node, PEEL.tallyCategory, Literal(category)))
        sink.add((node, PEEL.documentCount, integer(documents)))
        sink.add((node, PEEL.firstQuote, Literal(quote)))
