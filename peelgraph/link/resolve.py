"""Resolve and link: statements followed across documents and years.

Runs over the document graphs in the store and writes the link graphs, each
rule a function yielding typed values (:mod:`peelgraph.link.links`):

* ``graph/links``, explicit links, what the texts say (facts):
  :func:`back_reference_links`: a back-reference ("In 2016, we identified
  ...") follows up the earlier finding of the same force and year it names,
  best matched by wording; when that finding's document is not in the corpus
  it follows up a "referenced, not in corpus" finding node, so adding the
  earlier document later re-points the link instead of duplicating it. The
  finding whose text holds the back-reference follows up the same target.
  :func:`stance_links`: a response's stance on a graded question disputes (or
  accepts) the causes of concern of that force, year and question.
  :func:`next_grade_links`: the next grade of a disputed question follows up
  the statement that disputed it. A back-reference that speaks of a grade
  follows up the judgement of the year it names.
* ``graph/links-similarity``, proposed: :func:`parallel_finding_links`, the
  same standard finding given to two forces.
* ``graph/links-text/FORCE``: :func:`force_links`, one force's sentence
  links: explicit ones (a back-reference whose year's documents are here, to
  the statement it takes up) and proposed
  ones, the leads: later sentences, findings and comments that take up earlier
  statements, ranked by a model's probability (:mod:`peelgraph.link`).

Every link is a ``peel:Link`` node with its method and score; an explicit link
is also stated plainly (the ``peel:followsUp`` / ``peel:disputes`` triple that
queries walk), a proposed one is not: a lead is not a fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from peelgraph.graph import iris
from peelgraph.graph.vocab import PEEL
from peelgraph.link.links import Item, Link, Passage, ReferencedFinding, link_graph
from peelgraph.reference.kinds import REPORT_KINDS
from peelgraph.store.embedded import graph_ntriples
from peelgraph.store.sparql import bound, select  # the default graph is the union (store.py)
from peelgraph.text.similarity import dice
from peelgraph.text.words import FUNCTION_WORDS, stems

BACKREF_THRESHOLD = 0.12
# Narrower than the linker's stop words: with those, a back-reference's topic picks
# another finding of the seeds' 2016 recommendations (measured), so it keeps its own.
_STOP = FUNCTION_WORDS | frozenset(
    "were been has have had force forces should we our which there these those not are also into more than".split()  # noqa: SIM905
)


def word_similarity(a: str, b: str) -> float:
    """Overlap of content-word stems (Dice coefficient), 0..1."""
    return dice(frozenset(stems(a, _STOP, digits=True)), frozenset(stems(b, _STOP, digits=True)))


@dataclass(frozen=True)
class _Finding:
    iri: str
    force: str
    year: int
    question: str | None
    text: str
    type: str
    doc_starts: tuple[tuple[str, int, int], ...]


def _findings(
    ox: Any, forces: set[str] | None = None, docs: set[str] | None = None
) -> list[_Finding]:
    """The store's findings; with ``forces``, only those of these forces and those stated
    in ``docs`` (each read whole: all its rows and spans, as a full read gives them)."""
    if forces is None:
        rows = select(ox, "resolve-findings")
        referenced = {r["f"] for r in select(ox, "resolve-referenced-only")}
        evidence = select(ox, "resolve-finding-evidence")
    else:
        wanted = {r["f"] for r in select(ox, "resolve-findings", force=bound(forces))}
        wanted |= {r["f"] for r in select(ox, "resolve-finding-evidence", doc=bound(docs))}
        rows = select(ox, "resolve-findings", f=bound(wanted))
        referenced = {r["f"] for r in select(ox, "resolve-referenced-only", f=bound(wanted))}
        evidence = select(ox, "resolve-finding-evidence", f=bound(wanted))
    spans: dict[str, set[tuple[str, int, int]]] = {}
    for r in evidence:
        spans.setdefault(r["f"], set()).add((r["doc"], int(r["start"]), int(r["end"])))
    by: dict[str, dict[str, str]] = {}
    for r in sorted(rows, key=lambda r: (r["f"], r["q"], r["text"], r["type"])):
        if r["f"] not in referenced:
            by.setdefault(r["f"], r)
    return [
        _Finding(
            f,
            d["force"],
            int(d["year"]),
            d["q"] or None,
            d["text"],
            d["type"],
            tuple(sorted(spans.get(f, ()))),
        )
        for f, d in sorted(by.items())
    ]


class _Findings:
    """The findings of the store, found by force and year and by document position."""

    def __init__(self, findings: list[_Finding]) -> None:
        self.by_force_year: dict[tuple[str, int], list[_Finding]] = {}
        self.by_doc: dict[str, list[tuple[int, int, _Finding]]] = {}
        for f in findings:
            self.by_force_year.setdefault((f.force, f.year), []).append(f)
            for d, s, e in f.doc_starts:
                self.by_doc.setdefault(d, []).append((s, e, f))


@dataclass(frozen=True)
class LinkGraphs:
    """The derived graphs as N-Triples: named graph IRI -> content."""

    graphs: dict[str, bytes]


def link_graphs(ox: Any, forces: set[str] | None = None) -> LinkGraphs:
    """The link graphs for the current store content.

    Explicit links and parallel findings (between forces) are recomputed whole;
    sentence links are one graph per force, recomputed only for ``forces``
    (force IRIs; every force when None), since a force's sentence links depend
    on its own documents alone.
    """
    parts = explicit_parts(ox)
    explicit = b"\n".join(sorted({ln for d in parts.values() for ln in d.split(b"\n") if ln}))
    out = {
        iris.LINKS_GRAPH: explicit,
        iris.SIMILARITY_GRAPH: link_graph(parallel_finding_links(ox)),
    }
    out.update(text_link_graphs(ox, forces, said_pairs(explicit)))
    return LinkGraphs(out)


def explicit_parts(ox: Any, forces: set[str] | None = None) -> dict[str, bytes]:
    """The explicit links (``graph/links``) by the force of the statement that makes
    them (a back-reference's, a stance's, a disputed judgement's), as N-Triples: the
    graph is their union. A force's part reads the facts of that force and the findings
    stated in the documents of its back-references, so a rebuild computes the parts of
    the forces whose documents changed, not the country's. ``forces``: the parts to
    compute (every force's when None; one that has no links any more gets an empty part).
    """
    back_refs = select(ox, "resolve-back-references", force=bound(forces))
    findings = _Findings(_findings(ox, forces, {b["doc"] for b in back_refs}))
    judgements: dict[tuple[str, int], dict[str, str]] = {}
    for r in select(ox, "resolve-judgements", force=bound(forces)):
        by_q = judgements.setdefault((r["force"], int(r["year"])), {})
        by_q[r["q"].rsplit("/", 1)[-1]] = r["j"]
    items: dict[str, list[Item]] = {f: [] for f in forces or ()}
    for force, item in [
        *_back_reference_items(ox, findings, judgements, back_refs, forces),
        *_stance_items(ox, findings, forces),
        *_next_grade_items(ox, judgements, forces),
    ]:
        items.setdefault(force, []).append(item)
    return {force: link_graph(found) for force, found in sorted(items.items())}


# The plain triples an explicit link states (peelgraph.link.links._PROPERTY).
_STATED = tuple(
    f"<{PEEL[p]}>".encode() for p in ("followsUp", "disputes", "agreesWith", "sameFinding")
)


def said_pairs(explicit: bytes) -> set[tuple[str, str]]:
    """(source, target) of every link the explicit links graph states plainly: the pairs
    the sentence links do not propose again (read from the graph's N-Triples, so that
    the parts of forces not recomputed count too)."""
    out = set()
    for line in explicit.split(b"\n"):
        parts = line.split(b" ", 2)
        if len(parts) == 3 and parts[1] in _STATED and parts[2].startswith(b"<"):
            out.add((parts[0][1:-1].decode(), parts[2].rstrip(b" .")[1:-1].decode()))
    return out


def said_pairs_in(ox: Any) -> set[tuple[str, str]]:
    """:func:`said_pairs` of the explicit links graph as the store holds it."""
    import pyoxigraph

    graph = pyoxigraph.NamedNode(iris.LINKS_GRAPH)
    out = set()
    for name in ("followsUp", "disputes", "agreesWith", "sameFinding"):
        p = pyoxigraph.NamedNode(str(PEEL[name]))
        for q in ox.quads_for_pattern(None, p, None, graph):
            if isinstance(q.object, pyoxigraph.NamedNode):
                out.add((q.subject.value, q.object.value))
    return out


# The pairs the explicit links state, or a function computing them.
Said = set[tuple[str, str]] | Callable[[], set[tuple[str, str]]]


def text_link_graphs(
    ox: Any,
    forces: set[str] | None,
    said: Said,
    jobs: int = 1,
    held: Mapping[str, bytes] | None = None,
    meanwhile: Callable[[], None] | None = None,
    pool: LinkPool | None = None,
    unchanged_in: str | None = None,
) -> dict[str, bytes]:
    """``graph/links-text/FORCE`` for each of ``forces`` (every force when None).

    With ``jobs`` > 1 and enough forces, the forces are read and scored in worker
    processes (:func:`_scored_apart`), plain data in and a graph's bytes out; ``held``:
    the N-Triples of document graphs the caller holds already (a build's own writes),
    so that they need not be dumped from the store. ``said``: the pairs the explicit
    links state, or a function computing them, called while the workers read the
    sentences (which do not need them); ``meanwhile``: other work of the caller's, done
    while the workers score. ``pool``: workers the caller started before it knew the
    forces (:class:`LinkPool`), used for any number of them; ``unchanged_in``: the folder
    of a database holding, as ``ox`` does, every document graph not in ``held`` (the
    version a rebuild copied), which the workers read those from. Each force's graph depends on
    its own documents' graphs and the pairs said alone, so the graphs are the same bytes
    either way."""
    if forces is None:
        forces = {r["f"] for r in select(ox, "resolve-forces")}
    order = sorted(forces)
    graphs = [iris.text_links_graph(force.rsplit("/", 1)[-1]) for force in order]
    if order and pool is not None:
        scored = _scored_apart(ox, order, said, pool.jobs, held, meanwhile, pool, unchanged_in)
        return dict(zip(graphs, scored, strict=True))
    if jobs <= 1 or len(order) < PARALLEL_FORCES:
        pairs = said() if callable(said) else said
        if meanwhile is not None:
            meanwhile()
        return {
            g: link_graph(force_links(ox, f, pairs)) for g, f in zip(graphs, order, strict=True)
        }
    scored = _scored_apart(ox, order, said, jobs, held, meanwhile, unchanged_in=unchanged_in)
    return dict(zip(graphs, scored, strict=True))


# Fewer forces than this are scored in process: a worker's start-up (a fresh interpreter
# importing peelgraph and loading the model) costs more than a force or two's scoring,
# and a one-document rebuild relinks one force.
PARALLEL_FORCES = 3


class LinkPool:
    """Worker processes for the forces' sentence links, started before the forces to
    link are known, so that their start-up (a fresh interpreter importing numpy, scipy
    and the linker, about a second of CPU) runs on the other core while the caller
    extracts and loads the changed documents; then a rebuild that relinks one force
    scores it there while the caller computes the explicit links and the parallel
    findings, instead of after them in the same process. ``start``: how many to start
    now (at most ``jobs``; more start when more forces are submitted). Close it (or use
    it as a context manager) to end them; a pool is for one build."""

    def __init__(self, jobs: int, start: int = 1) -> None:
        import multiprocessing as mp
        import tempfile
        from concurrent.futures import ProcessPoolExecutor
        from pathlib import Path

        self.jobs = max(1, jobs)
        self.folder = Path(tempfile.mkdtemp(prefix="peelgraph-said-"))
        self.path = self.folder / "said.pickle"
        ctx = mp.get_context("spawn")  # the build holds the store's threads; forking is unsafe
        self.ready = ctx.Event()
        self.executor = ProcessPoolExecutor(
            self.jobs,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(self.ready, str(self.path)),
        )
        # Each submission while no worker is idle starts one: these start them now.
        self._warming = [self.executor.submit(_warm) for _ in range(min(start, self.jobs))]

    def close(self) -> None:
        import shutil

        self.ready.set()  # a worker still waiting for the pairs said wakes and ends
        self.executor.shutdown(cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> LinkPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _warm() -> None:
    """In a worker: import what scoring a force needs, and load the model, before any
    force is sent."""
    import numpy  # noqa: F401
    import pyoxigraph  # noqa: F401
    import scipy.sparse  # noqa: F401  (imported by the features' bulk arrays on first use)

    from peelgraph.link import load_model

    load_model()


def _scored_apart(
    ox: Any,
    forces: list[str],
    said: Said,
    jobs: int,
    held: Mapping[str, bytes] | None = None,
    meanwhile: Callable[[], None] | None = None,
    pool: LinkPool | None = None,
    unchanged_in: str | None = None,
) -> list[bytes]:
    """Each force's sentence-link graph, in order, read and scored in ``jobs`` workers.

    The parent sends a worker the N-Triples of the force's document graphs (``held``,
    else dumped from the store: the store being written cannot be opened from another
    process); the worker loads them into a store in its memory and reads the sentences
    there with the same queries (:func:`peelgraph.link.read.read_sentences`, whose
    patterns lie inside one document's graph, so they give the same rows). Reading
    them in the parent, one force after another, was about 13 s of CPU on the full
    country while the workers waited. The workers start reading before the pairs said
    are known (their explicit links, about 6 s in the parent on the full country) and
    wait for them only to score: the parent publishes them in a file and an event. At
    most a few forces' graphs wait queued, so the parent's memory holds a few forces'
    data beyond what it held already. ``pool``: workers started already
    (:class:`LinkPool`), left running for their owner to close; else a pool of ``jobs``
    is made for these forces and closed here. ``unchanged_in``: a database the workers
    open read-only for the graphs not ``held`` (see :func:`text_link_graphs`), instead of
    the parent dumping them from ``ox`` (a third of a second for one force's 40
    documents at 100 %, while the worker waited)."""
    from collections import deque
    from concurrent.futures import Future

    held = held or {}
    graphs_of: dict[str, set[str]] = {f: set() for f in forces}
    for r in select(ox, "link-documents", force=bound(forces)):
        graphs_of[r["force"]].add(r["g"])

    def data(g: str) -> bytes | None:
        if g in held:
            return held[g]
        return None if unchanged_in is not None else graph_ntriples(ox, g)

    own = pool is None
    if pool is None:
        pool = LinkPool(jobs, start=0)
    published = False

    def publish() -> None:
        import os
        import pickle

        nonlocal published
        assert pool is not None
        pairs = said() if callable(said) else said
        tmp = pool.path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, pool.path)  # whole or not at all
        published = True
        pool.ready.set()
        if meanwhile is not None:
            meanwhile()

    ahead = 2 * min(pool.jobs, len(forces))  # enough queued that no worker waits for the parent
    try:
        pending: deque[Future[bytes]] = deque()
        out: list[bytes] = []
        for force in forces:
            if len(pending) >= ahead:
                if not published:
                    publish()
                out.append(pending.popleft().result())
            graphs = [(g, data(g)) for g in sorted(graphs_of[force])]
            pending.append(pool.executor.submit(_score_force, force, graphs, unchanged_in))
        if not published:
            publish()
        out += [f.result() for f in pending]
    finally:
        # Failed before publishing: the workers waiting wake, find no file and fail, so
        # that the pool can shut down and the error reach the caller.
        pool.ready.set()
        if own:
            pool.close()
    return out


# A worker's state: the event the parent sets when the pairs said are published, the
# file they are in, and the pairs once read (one read per worker).
_READY: Any = None
_SAID_PATH = ""
_SAID: set[tuple[str, str]] | None = None


def _init_worker(ready: Any, path: str) -> None:
    from peelgraph.ingest.workers import die_with_parent

    # A worker waits on its parent's pipe: it must end with a build that is killed, even by
    # kill -9, as the extraction workers do.
    die_with_parent()
    global _READY, _SAID_PATH
    _READY, _SAID_PATH = ready, path


def _said() -> set[tuple[str, str]]:
    """In a worker: the pairs said, once the parent has published them."""
    global _SAID
    if _SAID is None:
        import pickle

        _READY.wait()
        with open(_SAID_PATH, "rb") as fh:  # missing: the parent failed before publishing
            _SAID = pickle.load(fh)
    return _SAID


def _score_force(
    force: str, graphs: list[tuple[str, bytes | None]], unchanged_in: str | None = None
) -> bytes:
    """In a worker: one force's sentence-link graph from its document graphs' N-Triples
    (None: the graph as the database ``unchanged_in`` holds it, copied quad by quad)."""
    import pyoxigraph

    from peelgraph.link import read_sentences

    store = pyoxigraph.Store()  # in memory: this force's documents alone
    source = None
    for g, data in graphs:
        node = pyoxigraph.NamedNode(g)
        if data is None:
            if source is None:
                source = pyoxigraph.Store.read_only(str(unchanged_in))
            store.extend(source.quads_for_pattern(None, None, None, node))
        elif data:
            store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=node)
    del source  # closed: the version it reads is deleted once the build is written
    sentences, docs = read_sentences(store, {force})
    del store
    return link_graph(scored_links(sentences, docs, _said()))


# A back-reference about an earlier grade: "when we judged the force to be good".
_NAMES_GRADE = re.compile(r"(?i)\b(?:judg\w*|graded|grading|rated)\b")


def back_reference_links(
    ox: Any, findings: _Findings, judgements: dict[tuple[str, int], dict[str, str]]
) -> Iterator[Link | ReferencedFinding]:
    """The links of every back-reference (see :func:`_back_reference_items`)."""
    rows = select(ox, "resolve-back-references")
    for _force, item in _back_reference_items(ox, findings, judgements, rows, None):
        yield item


def _back_reference_items(
    ox: Any,
    findings: _Findings,
    judgements: dict[tuple[str, int], dict[str, str]],
    back_refs: list[dict[str, str]],
    forces: set[str] | None,
) -> Iterator[tuple[str, Link | ReferencedFinding]]:
    """Back-references to what they name: the judgement of that year when they speak of
    a grade, else the finding of that year best matched by wording (of the kind they
    name, "the AFI"), else, when that year's report is not in the corpus, a
    referenced-only node. One whose year's report is here but names nothing it matches
    is left to :func:`force_links`, which picks the statement it takes up."""
    # The inspectorate's reports and pages (recommendation pages too) of each force and
    # year in the corpus: the documents linking.explicit.report_years reads.
    years = {
        (r["force"], int(r["year"]))
        for r in select(ox, "link-documents", force=bound(forces))
        if r["year"] and r["kind"].rsplit("/", 1)[-1] in REPORT_KINDS
    }
    for b in back_refs:
        year, start = int(b["year"]), int(b["start"])
        # The finding of the same document whose text holds the reference follows up too.
        holders = list(
            {f.iri: f for s, e, f in findings.by_doc.get(b["doc"], ()) if s <= start < e}.values()
        )
        target, score, looked = _named(b, year, findings, judgements, holders)
        if target is None:
            if looked:
                continue  # that year's findings are here but none matches: no guess
            if (b["force"], year) in years:
                # The earlier report is here but states nothing it names as such (a summary
                # page: "concerns about how vulnerable people are kept safe" for "both causes
                # of concern"): force_links picks the statement it takes up.
                continue
            referenced = _referenced_finding(ox, b, year)
            yield b["force"], referenced
            target, score = referenced.iri, 1.0
        yield b["force"], Link(b["b"], target, "follows-up", "explicit", score)
        for h in holders:
            if h.iri != target:
                yield b["force"], Link(h.iri, target, "follows-up", "explicit", score)


def _named(
    b: dict[str, str],
    year: int,
    findings: _Findings,
    judgements: dict[tuple[str, int], dict[str, str]],
    holders: list[_Finding],
) -> tuple[str | None, float, bool]:
    """The judgement or finding a back-reference names, with the link's score, and
    whether findings of the kind and year it names were there to choose from."""
    if _NAMES_GRADE.search(b["label"]):
        by_q = judgements.get((b["force"], year), {})
        question = b["q"].rsplit("/", 1)[-1] if b["q"] else "overall"
        judgement = by_q.get(question) or by_q.get("overall")
        if judgement:
            return judgement, 1.0, True
    candidates = [f for f in findings.by_force_year.get((b["force"], year), []) if f not in holders]
    if b["ftype"]:
        # "the AFI" is not the recommendation: a named kind of finding must agree.
        candidates = [f for f in candidates if f.type == b["ftype"]]
    if b["q"]:
        candidates = [f for f in candidates if f.question == b["q"]] or candidates
    scored = sorted(
        ((word_similarity(b["label"], f.text), f.iri) for f in candidates), reverse=True
    )
    if scored and scored[0][0] >= BACKREF_THRESHOLD:
        return scored[0][1], max(scored[0][0], 0.5), True
    return None, 0.0, bool(candidates)


def _referenced_finding(ox: Any, b: dict[str, str], year: int) -> ReferencedFinding:
    """The node for an earlier finding whose report is not in the corpus."""
    kind = re.sub(r"[^a-z0-9]+", "-", b["kind"].lower()).strip("-") or "inspection"
    question = b["q"].rsplit("/", 1)[-1] if b["q"] else "any-question"
    named = b["ftype"].rsplit("/", 1)[-1] if b["ftype"] else ""
    return ReferencedFinding(
        iri=iris.referenced_finding(
            b["force"].rsplit("/", 1)[-1],
            year,
            f"{kind}/{question}" + (f"/{named}" if named else ""),
        ),
        force=b["force"],
        year=year,
        finding_type=b["ftype"] or iris.finding_type("area-for-improvement"),
        kind=b["kind"],
        question=b["q"] or None,
        evidence=select(ox, "evidence-of", node=b["b"])[0]["ev"],
    )


# An acceptance (often a courtesy) takes up the cause of concern when it shares this much
# of its wording.
ACCEPTANCE_WORDING = 0.25


def stance_links(ox: Any, findings: _Findings) -> Iterator[Link]:
    """A response's stance on a question disputes (or accepts) its cause of concern: a
    dispute of the findings, a dispute of the grade that names the grade, an acceptance
    in the concern's words."""
    for _force, link in _stance_items(ox, findings, None):
        yield link


def _stance_items(
    ox: Any, findings: _Findings, forces: set[str] | None
) -> Iterator[tuple[str, Link]]:
    for st in select(ox, "resolve-stances", force=bound(forces)):
        year = int(st["insp"].rsplit("/", 1)[-1])
        named = st["grade"].rsplit("/", 1)[-1].replace("-", " ") if st["grade"] else None
        quote = " ".join(st["quote"].lower().split())
        for f in findings.by_force_year.get((st["force"], year), []):
            if f.question != st["q"] or not f.type.endswith("/cause-of-concern"):
                continue
            if st["stance"] == "disputes":
                takes_up = st["target"] != "grade" or bool(named and named in quote)
            else:
                takes_up = word_similarity(st["quote"], f.text) >= ACCEPTANCE_WORDING
            if takes_up:
                relation = "disputes" if st["stance"] == "disputes" else "agreesWith"
                yield st["force"], Link(st["s"], f.iri, relation, "explicit", 1.0)


def next_grade_links(ox: Any, judgements: dict[tuple[str, int], dict[str, str]]) -> Iterator[Link]:
    """The next grade of a disputed question answers the dispute: the later judgement
    follows up the first statement of each response that disputed the earlier grade,
    naming it."""
    for _force, link in _next_grade_items(ox, judgements, None):
        yield link


def _next_grade_items(
    ox: Any, judgements: dict[tuple[str, int], dict[str, str]], forces: set[str] | None
) -> Iterator[tuple[str, Link]]:
    first: dict[tuple[str, str, str], tuple[int, int, str]] = {}
    for r in select(ox, "resolve-grade-disputes", force=bound(forces)):
        named = r["grade"].rsplit("/", 1)[-1].replace("-", " ")
        if named in " ".join(r["quote"].lower().split()):
            key = (r["force"], r["q"], r["doc"])
            here = (int(r["year"]), int(r["start"]), r["s"])
            first[key] = min(first.get(key, here), here)
    for (force, q, _doc), (year, _start, stance) in sorted(first.items()):
        token = q.rsplit("/", 1)[-1]
        after = sorted(
            y for (f, y), by_q in judgements.items() if f == force and y > year and token in by_q
        )
        if after:
            link = Link(judgements[(force, after[0])][token], stance, "follows-up", "explicit", 1.0)
            yield force, link


def parallel_finding_links(
    ox: Any, rows_of: Callable[[str], list[dict[str, str]]] | None = None
) -> Iterator[Link]:
    """The same standard finding given to two forces (proposed, by wording); ``rows_of``
    as for :func:`peelgraph.link.read.read_findings`."""
    from peelgraph.link import parallel_links, read_findings

    for link in parallel_links(read_findings(ox, rows_of)):
        assert link.source.node and link.target.node
        yield Link(
            link.source.node, link.target.node, link.relation, "similarity", link.score, True
        )


def force_links(ox: Any, force: str, said: set[tuple[str, str]]) -> Iterator[Link | Passage]:
    """One force's sentence links: explicit ones (back-references resolved to the
    statement they take up, see linking.explicit) and proposed ones, the leads by
    wording; pairs in ``said`` are not proposed again."""
    from peelgraph.link import read_sentences

    sentences, docs = read_sentences(ox, {force})
    yield from scored_links(sentences, docs, said)


def scored_links(
    sentences: list[Any], docs: dict[str, Any], said: set[tuple[str, str]]
) -> Iterator[Link | Passage]:
    """:func:`force_links` of sentences and documents already read (``read_sentences``
    of one force): pure computation, no store, so a worker process can run it."""
    from peelgraph.link import Corpus, load_model, proposed_links
    from peelgraph.link.explicit import referenced_statements, report_years, said_pairs

    corpus, model = Corpus(sentences), load_model()
    resolved = {s for s, _ in said}
    years = report_years(docs)
    explicit = referenced_statements(corpus, model, resolved, years)
    proposed = proposed_links(corpus, model, said | said_pairs(explicit))
    indexes: dict[str, _SentenceIndex] = {}  # each document's, made once
    for link in [*explicit, *proposed]:
        ends = []
        for s in (link.source, link.target):
            if s.node:
                ends.append(s.node)
            else:
                if s.doc not in indexes:
                    indexes[s.doc] = _SentenceIndex(docs[s.doc].sentences)
                passage = _passage(s, docs[s.doc], indexes[s.doc])
                yield passage
                ends.append(passage.iri)
        if (ends[0], ends[1]) in said:
            continue  # graph/links states it already: one node, in one graph
        if all(iris.is_national_finding(e) for e in ends):
            # Between findings addressed to all forces: every force's graph would propose it,
            # each with its own words' weights. It is no one force's lead.
            continue
        method = "explicit" if link.explicit else "similarity"
        yield Link(ends[0], ends[1], link.relation, method, link.score, rank=link.rank)


def _passage(s: Any, doc: Any, index: _SentenceIndex | None = None) -> Passage:
    """The node for a sentence no fact covers, with evidence minted as the build mints it
    (``index``: the document's sentence index, if the caller keeps it)."""
    index = index or _SentenceIndex(doc.sentences)
    return Passage(
        iri=iris.passage(s.doc.rsplit("/", 1)[-1], s.start, s.end),
        doc=s.doc,
        force=s.force,
        span=(s.start, s.end),
        text=s.text,
        source_span=index.source_span(s.start, s.end),
        page=index.page(s.start),
        part_of=s.part_of,
    )


class _SentenceIndex:
    """A document's sentence index (rows: start, end, raw start, raw end, page, kind),
    looked up by position: by bisection where its rows are in order and apart (as the
    sentence splitter writes them), else by a scan (each lookup was a scan of the whole
    index, for every passage of the document)."""

    def __init__(self, rows: Any) -> None:
        self.rows = rows
        self.ordered = all(a[1] <= b[0] and a[0] <= a[1] for a, b in pairwise(rows))
        self.starts = [r[0] for r in rows]
        self.by_start: dict[int, Any] = {}
        self.by_end: dict[int, Any] = {}
        for r in rows:
            self.by_start.setdefault(r[0], r)
            self.by_end.setdefault(r[1], r)

    def containing(self, pos: int) -> Any:
        """The first row with start <= pos < end, or None."""
        if not self.ordered:
            return next((r for r in self.rows if r[0] <= pos < r[1]), None)
        from bisect import bisect_right

        k = bisect_right(self.starts, pos) - 1
        # Rows in order and apart: only the last row starting at or before pos may hold it.
        if k >= 0 and self.rows[k][0] <= pos < self.rows[k][1]:
            return self.rows[k]
        return None

    def page(self, pos: int) -> int | None:
        r = self.containing(pos)
        return r[4] if r is not None else None

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``start:end`` lies in the file: inside one sentence (a sentence, or a
        mappable part of one, see linking.read._uncovered), or from the start of one
        sentence to the end of another (a lead-in with its list)."""
        if self.ordered:
            held = self.containing(start)
            inside = held if held is not None and end <= held[1] else None
        else:
            inside = next((r for r in self.rows if r[0] <= start and end <= r[1]), None)
        if inside is not None:
            if (inside[0], inside[1]) == (start, end):
                return inside[2], inside[3]
            shift = inside[2] - inside[0]
            return start + shift, end + shift
        first, last = self.by_start.get(start), self.by_end.get(end)
        return (first[2], last[3]) if first is not None and last is not None else None


def _source_span(index: Any, start: int, end: int) -> tuple[int, int] | None:
    """:meth:`_SentenceIndex.source_span` of a sentence index (its rows)."""
    return _SentenceIndex(index).source_span(start, end)
