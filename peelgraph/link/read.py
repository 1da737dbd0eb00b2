"""Reading the store into :class:`~peelgraph.link.features.Sentence` records."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from peelgraph.link.features import Sentence, statement_key
from peelgraph.reference.kinds import RESPONSE_KINDS
from peelgraph.store.sparql import select

_UNIT_LIMIT = (
    700  # facts with evidence up to this long are statements; longer ones (comments) are split
)


@dataclass(frozen=True)
class DocText:
    iri: str
    force: str
    kind: str
    text: str
    # start, end, raw start, raw end, page, kind (text.sentences.Span.kind)
    sentences: tuple[tuple[int, int, int, int, int | None, str], ...]
    time: str
    year: int | None = None  # the year of the inspection it is about


def _documents(
    ox: object, forces: set[str] | None, text: bool
) -> dict[str, tuple[str, dict[str, str]]]:
    """Document IRI -> (its named graph, its row): force, kind, dates (and text, if asked)."""
    name = "link-document-texts" if text else "link-documents"
    return {r["doc"]: (r["g"], r) for r in select(ox, name, force=forces)}


def _time(r: dict[str, str]) -> str:
    return r["issued"] or r["modified"] or (f"{r['year']}-12-31" if r["year"] else "0000")


_KINDS = {
    "Finding": "finding",
    "StatusEvent": "comment",
    "Stance": "stance",
    "BackReference": "back-reference",
    "Judgement": "judgement",
}


@dataclass
class _Facts:
    """What the document graphs say about the statements of their documents."""

    units: dict[str, list[tuple[int, int, str, str]]]  # doc -> (start, end, node, type)
    quoted: dict[tuple[str, str], str]  # (finding, doc) -> the time the finding was stated
    comments: dict[str, str]  # status comment -> its date
    stances: dict[str, str]  # stance -> disputes | accepts
    questions: dict[str, str]  # node -> question token
    references: dict[str, int]  # back-reference -> the year it refers to

    @classmethod
    def read(cls, ox: object, graphs: list[str]) -> _Facts:
        units: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for r in select(ox, "link-units", g=graphs):
            kind = r["type"].rsplit("#", 1)[-1]
            units[r["doc"]].append((int(r["s"]), int(r["e"]), r["u"], kind))
        return cls(
            units,
            {(r["f"], r["doc"]): f"{r['year']}-12-31" for r in select(ox, "link-quoted", g=graphs)},
            {r["e"]: r["date"] for r in select(ox, "link-comments", g=graphs)},
            {r["s"]: r["v"] for r in select(ox, "link-stances", g=graphs)},
            {r["u"]: r["q"].rsplit("/", 1)[-1] for r in select(ox, "link-questions", g=graphs)},
            {r["b"]: int(r["year"]) for r in select(ox, "link-references", g=graphs)},
        )


def read_sentences(
    ox: object, forces: set[str] | None = None
) -> tuple[list[Sentence], dict[str, DocText]]:
    """The statements and sentences of the documents of ``forces`` (all when None),
    with the facts their document graphs hold for them."""
    import json

    found = _documents(ox, forces, text=True)
    docs: dict[str, DocText] = {}
    for doc, (_g, r) in found.items():
        docs[doc] = DocText(
            doc,
            r["force"],
            r["kind"].rsplit("/", 1)[-1],
            r["text"],
            tuple(_index_row(x) for x in json.loads(r["index"])),
            _time(r),
            int(r["year"]) if r["year"] else None,
        )
    if not docs:
        return [], {}
    # Only the documents' own graphs: the link graphs' nodes come from an earlier run.
    facts = _Facts.read(ox, [g for g, _ in found.values()])
    out: list[Sentence] = []
    for iri in sorted(docs):
        statements, taken = _fact_sentences(docs[iri], facts)
        out += statements + _passages(docs[iri], facts, taken)
    return out, docs


def _fact_sentences(d: DocText, facts: _Facts) -> tuple[list[Sentence], list[tuple[int, int]]]:
    """The facts of a document short enough to be one statement, and the spans they cover.

    Findings first: a stance or back-reference inside a finding's span is the finding.
    Status comments (long) are read sentence by sentence instead (see _passages).
    """
    response = d.kind in RESPONSE_KINDS
    statements = sorted(
        (s, e, u, k)
        for s, e, u, k in facts.units.get(d.iri, ())
        if e - s <= _UNIT_LIMIT and (k != "StatusEvent")
    )
    out: list[Sentence] = []
    taken: list[tuple[int, int]] = []
    references = [(s, e, u) for s, e, u, k in statements if k == "BackReference"]
    # Findings first, then back-references: a graded sentence that also refers back
    # ("requires improvement ..., although it has made progress since 2016") is read as
    # the reference, the words that link it to the earlier year.
    rank = {"Finding": 0, "BackReference": 1}
    for s, e, u, k in sorted(statements, key=lambda x: (rank.get(x[3], 2), x[0], x[1])):
        if any(s < b and a < e for a, b in taken):
            continue
        taken.append((s, e))
        # A back-reference inside a finding's words is the finding's unit: the unit still
        # refers back, for linking.explicit.
        ref = (
            u
            if k == "BackReference"
            else next((r for a, b, r in references if a < e and s < b), None)
        )
        out.append(
            Sentence(
                d.iri,
                d.force,
                s,
                e,
                d.text[s:e],
                facts.quoted.get((u, d.iri), d.time),
                d.time,
                node=u,
                node_kind=_KINDS[k],
                stance=facts.stances.get(u),
                response=response,
                finding=k == "Finding",
                question=facts.questions.get(u),
                refers_to=facts.references.get(ref) if ref else None,
                reference=ref,
            )
        )
    return out, taken


def _passages(d: DocText, facts: _Facts, taken: list[tuple[int, int]]) -> list[Sentence]:
    """The document's sentences no fact covers (or their uncovered rest), and each lead-in
    with what it introduces, dated by the status comment they stand in, if any."""
    response = d.kind in RESPONSE_KINDS
    # The status events that are comments: the only ones a piece is dated by.
    events = [
        (s, e, u)
        for s, e, u, k in facts.units.get(d.iri, ())
        if k == "StatusEvent" and u in facts.comments
    ]
    section = _sections(d)
    lists = _lists(d)
    lead_ins = {a for a, _, _ in lists}
    pieces = [(a, b, "list") for a, b, _ in lists] + [
        (a, b, unit) for a, b, unit in _uncovered(d, taken) if a not in lead_ins
    ]
    out: list[Sentence] = []
    for a, b, unit in pieces:
        comment = next((u for s, e, u in events if s <= a and b <= e), None)
        out.append(
            Sentence(
                d.iri,
                d.force,
                a,
                b,
                d.text[a:b],
                facts.comments[comment] if comment else d.time,
                d.time,
                node=None,
                node_kind="comment" if comment else None,
                response=response,
                part_of=comment,
                question=section(a),
                unit=unit,
            )
        )
    return out


_EDGE = re.compile(
    r"^[\s,;:.–-]*(?:(?:and|but|additionally|also)\b[\s,]*)?|[\s,;:–-]+$", re.IGNORECASE
)


def _uncovered(d: DocText, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The document's sentences, less what a fact already covers: (start, end, unit).

    A sentence partly covered by a fact (a status comment's clause that answers
    a recommendation) keeps its uncovered rest as a sentence of its own (unit
    ``part``), where the rest can be mapped back to the file (no artefact was cut
    out of it).
    """
    out: list[tuple[int, int, str]] = []
    # The facts' spans never overlap (_fact_sentences keeps the first of two that do), so
    # in start order their ends are in order too: a sentence's overlaps are found by
    # bisection, not by a pass over every span for every sentence.
    spans = sorted(taken)
    ends = [e for _s, e in spans]
    apart = all(s <= e for s, e in spans) and all(x[1] <= y[0] for x, y in pairwise(spans))
    for a, b, ra, rb, _page, _kind in d.sentences:
        if apart:
            k = bisect_right(ends, a)  # the first span ending after a
            overlaps = []
            while k < len(spans) and spans[k][0] < b:
                overlaps.append(spans[k])
                k += 1
        else:
            overlaps = sorted((s, e) for s, e in taken if s < b and a < e)
        if not overlaps:
            out.append((a, b, "sentence"))
            continue
        if rb - ra != b - a:
            continue  # cleaning removed something inside: the rest's offsets would not map
        pos = a
        for s, e in [*overlaps, (b, b)]:
            if s > pos:
                piece = d.text[pos:s]
                lead = _EDGE.match(piece)
                x = pos + (lead.end() if lead else 0)
                y = s - (len(piece) - len(piece.rstrip(" ,;:–-\n\t")))
                if y - x > 0 and len(d.text[x:y].split()) >= 6:
                    out.append((x, y, "part"))
            pos = max(pos, e)
    return out


def _index_row(x: list[Any]) -> tuple[int, int, int, int, int | None, str]:
    """A sentence index row; indexes written before sentence kinds were kept have five."""
    return (x[0], x[1], x[2], x[3], x[4], x[5] if len(x) > 5 else "sentence")


def _lists(d: DocText) -> list[tuple[int, int, int]]:
    """(start, end, lead-in end) of each lead-in with what it introduces: a sentence
    ending with a colon and its list items ("The force should immediately take steps
    to:" and its bullets), or announcing what follows ("The following AFI was included
    in the 2017 report.") and the next sentence."""
    out = []
    rows = d.sentences
    for k, row in enumerate(rows):
        if row[5] != "stub" or k + 1 == len(rows):
            continue
        last = k
        while last + 1 < len(rows) and rows[last + 1][5] == "item":
            last += 1
        if last == k and rows[k + 1][5] == "sentence":
            last = k + 1
        if last > k:
            out.append((row[0], rows[last][1], row[1]))
    return out


@lru_cache(maxsize=65_536)
def _heading_question(line: str) -> str | None:
    """:func:`peelgraph.reference.questions.classify_question` of a heading, cached: the
    same headings recur in every document of a year's form (4,500 calls, 2.9 s of a
    10 % corpus's linking, for a pure function of the line)."""
    from peelgraph.reference.questions import classify_question

    return classify_question(line)


def _sections(d: DocText) -> Callable[[int], str | None]:
    """The PEEL question of the section a position stands in, from the document's headings."""
    from bisect import bisect_right

    starts: list[int] = []
    tokens: list[str | None] = []
    for a, b, *_ in d.sentences:
        line = d.text[a:b]
        if len(line) > 160 or (line.rstrip().endswith(".") and not line.rstrip().endswith("?")):
            continue
        q = _heading_question(line)
        if q is not None:
            starts.append(a)
            tokens.append(None if q == "overall" else q)

    def at(pos: int) -> str | None:
        i = bisect_right(starts, pos) - 1
        return tokens[i] if i >= 0 else None

    return at


def read_findings(
    ox: object, rows_of: Callable[[str], list[dict[str, str]]] | None = None
) -> list[Sentence]:
    """Every finding of every force, once, where it was first stated (for parallel links).

    ``rows_of``: the rows of an internal query by name, where the caller keeps them (a
    build keeps the rows of unchanged documents: Writer.rows_by_graph); else selected."""

    def fetch(name: str) -> list[dict[str, str]]:
        return rows_of(name) if rows_of is not None else select(ox, name)

    found = {r["doc"]: (r["g"], r) for r in fetch("link-documents")}
    if not found:
        return []
    # The linker's own graphs ("referenced, not in corpus" nodes) are dropped here.
    rows = [
        r for r in fetch("parallel-findings") if r["doc"] in found and r["g"] == found[r["doc"]][0]
    ]
    first: dict[str, Sentence] = {}
    for r in rows:
        doc_time = _time(found[r["doc"]][1])
        # Quoted from an earlier report: stated in that year. The row says whether its
        # document's graph states the finding peel:quotedIn the document, where the build
        # states every such pair (peelgraph.graph.build).
        time = f"{r['year']}-12-31" if r["quoted"] and r["year"] else doc_time
        s = Sentence(
            r["doc"],
            r["force"],
            int(r["s"]),
            int(r["e"]),
            r["text"],
            time,
            doc_time,
            node=r["f"],
            node_kind="finding",
            finding=True,
        )
        if r["f"] not in first or statement_key(s) < statement_key(first[r["f"]]):
            first[r["f"]] = s
    return [first[f] for f in sorted(first)]
