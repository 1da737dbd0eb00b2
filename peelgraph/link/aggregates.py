"""Per-force aggregates worked out at build time for the grouping queries.

``partners``, ``programmes`` and ``shared-partners`` grouped every mention of an
organisation or programme in the country, and ``grade-trajectory`` every grade
claim, on every question: each mention joined to its force, document, role and
quote is a handful of look-ups, and for the country's 20,000 mentions at full
scale that was 1.3 to 2.3 s a question (issue 24). The groups they make are a
force's own: a mention's force is its document's, and a judgement's force is
stated by every document that grades it, so the forces a changed document names
are the forces whose groups it can change. Here each force's groups are counted
once per build, as :data:`peelgraph.graph.iris.DERIVED_GRAPH` triples in that
force's part (a rebuild recounts only the forces its changed documents reach),
and the queries read plain nodes (about a thousand tallies and 2,300 entries at
full scale):

* a ``peel:MentionTally`` per force, thing mentioned (``peel:tallyOf``), role the
  mentions give it (``peel:tallyRole``, absent for a programme) and category the
  mentions themselves carry (``peel:tallyCategory``: a force named as an
  organisation; absent where the category is the organisation's own), with
  ``peel:documentCount``, the number of documents with such a mention, and
  ``peel:firstQuote``, the first of their quotes in code-point order (what the
  queries' ``MIN(?q)`` gave).

* a ``peel:TrajectoryEntry`` per force, question, inspection year and grading
  scheme: one row of ``grade-trajectory`` (612 ms for the country at 100 %), with
  its grades (``peel:entryGrade``, several where documents disagree), the number
  of documents that state them (``peel:entrySources``), the earliest year last
  inspected and the judgement node that row shows (the first by IRI).

What the queries still join at question time is what belongs to the thing
mentioned, not to the force (its label and category, which any document may
state): a tally is the group of a query's row because the build gives an
organisation its category either on the organisation (every partner) or on the
mention (a force named as one), never both, and a programme's mentions no role.
Likewise the labels of grades, questions and forces are the reference graph's,
joined by ``grade-trajectory`` itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, URIRef

from peelgraph.graph import iris
from peelgraph.graph.triples import DocumentTriples, Terms
from peelgraph.graph.vocab import PEEL
from peelgraph.store.sparql import bound, select

# The terms looked up once (see peelgraph.link.derived: the sinks are DocumentTriples).
_P, _TYPE, _LABEL = Terms(PEEL), RDF.type, RDFS.label


def sink_for(sinks: dict[str, Any], force: str) -> DocumentTriples:
    """``force``'s part of the derived graph in ``sinks``, made when first asked for."""
    sink = sinks.get(force)
    if sink is None:
        sink = sinks[force] = DocumentTriples()
    return sink


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
    force's when None) that have a quote, as the queries counted them. Counted by the
    query itself (a row a tally, not a mention): the first quote is ``MIN`` of the
    quotes' strings, in code-point order, as Python's ``min`` gave it."""
    rows = (
        select(ox, "derive-agg-mentions")
        if forces is None
        else select(ox, "derive-agg-mentions-of", force=bound(forces))
    )
    return {
        (r["force"], r["target"], r["roleText"], r["categoryText"]): (
            int(r["documents"]),
            r["firstQuote"],
        )
        for r in rows
    }


def add_tallies(ox: Any, sinks: dict[str, DocumentTriples], forces: set[str] | None) -> None:
    """Each force's mention tallies into its part of the derived graph (``sinks``: force
    IRI -> its triples, as :func:`peelgraph.link.derived.derived_parts` keeps them)."""
    for key, (documents, quote) in sorted(mention_tallies(ox, forces).items()):
        force, target, role, category = key
        sink = sink_for(sinks, force)
        node = URIRef(tally_iri(key))
        sink.add((node, _TYPE, _P.MentionTally))
        label = f"Mentions in {force.rsplit('/', 1)[-1]}'s documents"
        sink.add((node, _LABEL, sink.literal(label)))
        sink.add((node, _P.tallyForce, URIRef(force)))
        sink.add((node, _P.tallyOf, URIRef(target)))
        if role:
            sink.add((node, _P.tallyRole, sink.literal(role)))
        if category:
            sink.add((node, _P.tallyCategory, sink.literal(category)))
        sink.add((node, _P.documentCount, sink.integer(documents)))
        sink.add((node, _P.firstQuote, sink.literal(quote)))


# (force, question, year, grading scheme): one row of grade-trajectory.
EntryKey = tuple[str, str, int, str]


@dataclass
class _Entry:
    grades: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    last_inspected: list[int] = field(default_factory=list)
    judgements: list[str] = field(default_factory=list)


def entry_iri(key: EntryKey) -> str:
    """A trajectory entry's IRI: its force, question and year, and a hash of its scheme."""
    force, question, year, scheme = key
    digest = hashlib.sha256(scheme.encode("utf-8")).hexdigest()[:12]
    slug = question.rsplit("/", 1)[-1]
    return f"{iris.ID}trajectory/{force.rsplit('/', 1)[-1]}/{slug}/{year}/{digest}"


def trajectory_entries(ox: Any, forces: set[str] | None = None) -> dict[EntryKey, _Entry]:
    """The grade claims of ``forces``' judgements (every force's when None) grouped as
    grade-trajectory groups them: by force, question, year and grading scheme."""
    entries: dict[EntryKey, _Entry] = {}
    rows = (  # the country's joined by hashing, a few forces' looked up (see the queries)
        select(ox, "derive-agg-trajectory-all")
        if forces is None
        else select(ox, "derive-agg-trajectory", force=bound(forces))
    )
    for r in rows:
        key = (r["force"], r["question"], int(r["year"]), r["s"])
        e = entries.setdefault(key, _Entry())
        e.grades.add(r["g"])
        e.documents.add(r["doc"])
        e.last_inspected.append(int(r["li"]))
        e.judgements.append(r["j"])
    return entries


def add_trajectory_entries(
    ox: Any, sinks: dict[str, DocumentTriples], forces: set[str] | None
) -> None:
    """Each force's grade trajectory entries into its part of the derived graph."""
    for key, e in sorted(trajectory_entries(ox, forces).items()):
        force, question, year, scheme = key
        sink = sink_for(sinks, force)
        node = URIRef(entry_iri(key))
        sink.add((node, _TYPE, _P.TrajectoryEntry))
        label = f"Grades of {force.rsplit('/', 1)[-1]} in {year}"
        sink.add((node, _LABEL, sink.literal(label)))
        sink.add((node, _P.entryForce, URIRef(force)))
        sink.add((node, _P.entryQuestion, URIRef(question)))
        sink.add((node, _P.entryYear, sink.integer(year)))
        sink.add((node, _P.entryScheme, URIRef(scheme)))
        for g in sorted(e.grades):
            sink.add((node, _P.entryGrade, URIRef(g)))
        sink.add((node, _P.entrySources, sink.integer(len(e.documents))))
        sink.add((node, _P.entryLastInspected, sink.integer(min(e.last_inspected))))
        # The judgement the row shows: the first by IRI, as MIN(STR(?j)) chose it.
        sink.add((node, _P.entryJudgement, URIRef(min(e.judgements))))


def add_aggregates(ox: Any, sinks: dict[str, DocumentTriples], forces: set[str] | None) -> None:
    """Every aggregate of this module, by force, into ``sinks`` (what
    :func:`peelgraph.link.derived.derived_parts` calls)."""
    add_tallies(ox, sinks, forces)
    add_trajectory_entries(ox, sinks, forces)
