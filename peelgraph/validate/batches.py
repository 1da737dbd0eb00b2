"""The store cut into batches that are validated apart, each under a cache key.

A named graph is the unit of provenance, so each document graph is validated
without the others of its force: one finding quoted with slightly different
words by two documents is not a finding with two texts. Documents of different
forces share no facts (their IRIs hold the force), so a batch joins a few
documents of different forces, with the reference triples they point to
(forces, concepts). The link graphs, cut into chunks, come with what their
"referenced, not in corpus" findings and passages point to (evidence, its
document, that document's inspection).

A batch's key is what determines its result. A document batch's comes from the
manifest (checksum and extractor of each document: no dump needed). A link
graph's chunks are keyed by their content, and those keys noted under the key
of the documents the graph comes from (a force's sentence links,
``links-text/FORCE``, from that force's documents alone; the other link graphs
from every document): while those documents are unchanged the graph is not read
again. Small batches keep a change small: one changed
document is validated again with a few others, and a link chunk of a few
thousand statements.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from peelgraph.graph.iris import ONTOLOGY, RDF_TYPE

# Documents per batch (of different forces): few enough that a changed document is
# validated again with few others, enough that pySHACL's cost per call (about 40 ms)
# stays small beside the batch's.
DOC_BATCH = 6
# Statements per link chunk, for the same reason.
LINK_CHUNK = 1500

_IRI_OBJECT = re.compile(rb"> (<[^>]*>) \.$")
_PEEL = ONTOLOGY
_RDF_TYPE = b"<" + RDF_TYPE.encode() + b">"
_LINKS = tuple(
    f" <{_PEEL}{p}> ".encode()
    for p in ("followsUp", "sameFinding", "outcomeOf", "disputes", "agreesWith")
)

# The nodes a link graph mints itself ("referenced, not in corpus" findings, passages,
# their evidence): checked with what they point to in the document graphs.
MINTED = tuple(f"{_PEEL}{c}" for c in ("Finding", "Passage", "Evidence"))


@dataclass(frozen=True)
class Batch:
    """Part of the store validated on its own: its cache key, and how to make its data
    (only called when the key is not cached: dumping a graph costs time)."""

    key: str
    data: Callable[[], bytes]


def _closure(
    seeds: set[bytes], describe: Callable[[list[bytes]], Iterable[bytes]], depth: int
) -> list[bytes]:
    """Triples describing ``seeds`` and, to ``depth`` steps, the IRIs they point to."""
    out: list[bytes] = []
    done: set[bytes] = set()
    frontier = set(seeds)
    for _ in range(depth):
        frontier -= done
        if not frontier:
            break
        done |= frontier
        found: set[bytes] = set()
        for line in describe(sorted(frontier)):
            out.append(line)
            # What a node rests on, not the nodes it links to (each checked in its own graph).
            if (m := _IRI_OBJECT.search(line)) and not any(p in line for p in _LINKS):
                found.add(m.group(1))
        frontier = found
    return out


def _describe_in_store(store: Any) -> Callable[[list[bytes]], Iterator[bytes]]:
    """Triples (from any graph, once each) about the given IRIs, asked 500 at a time."""

    def describe(nodes: list[bytes]) -> Iterator[bytes]:
        from peelgraph.store.sparql import bind, query_text

        for i in range(0, len(nodes), 500):
            iris = [n.decode()[1:-1] for n in nodes[i : i + 500]]  # <iri> as N-Triples writes it
            for sol in store.ox.query(bind(query_text("describe-nodes"), s=iris)):
                yield f"{sol[0]} {sol[1]} {sol[2]} .".encode()

    return describe


class Reference:
    """The reference graph's triples by subject, and a batch with what it points to."""

    def __init__(self, ref_lines: list[bytes]) -> None:
        self.lines = ref_lines
        self.by_subject: dict[bytes, list[bytes]] = {}
        for line in ref_lines:
            self.by_subject.setdefault(line.split(b" ", 1)[0], []).append(line)

    def _of(self, nodes: list[bytes]) -> Iterator[bytes]:
        for node in nodes:
            yield from self.by_subject.get(node, ())

    def batch(self, lines: list[bytes]) -> bytes:
        """``lines`` with the reference triples they point to, as N-Triples."""
        objects = {m.group(1) for ln in lines if (m := _IRI_OBJECT.search(ln))}
        extra = sorted(set(_closure(objects, self._of, depth=3)))
        return b"\n".join(lines) + b"\n" + b"\n".join(extra)


class _Graphs:
    """The store's graphs as N-Triples lines, dumped when first asked for: one by one
    when few are wanted (a rebuild after one changed document), else the whole store
    at once, which costs less than a dump per graph."""

    def __init__(self, store: Any, wanted: int) -> None:
        self.store = store
        self.whole = wanted > max(8, len(store.documents) // 4)
        self.by_graph: dict[bytes, list[bytes]] | None = None

    def lines(self, graph: str) -> list[bytes]:
        if self.whole:
            if self.by_graph is None:
                self.by_graph = {}
                for ln in self.store.dump("nquads").splitlines():
                    head, g = ln[:-2].rstrip().rsplit(b" ", 1)
                    self.by_graph.setdefault(g, []).append(head + b" .")
            return self.by_graph.get(f"<{graph}>".encode(), [])
        return self.store.dump("ntriples", graph).splitlines()


def _signature(graph: str, meta: dict[str, Any]) -> str:
    """What determines a document graph: its file's bytes, the extractor, its name."""
    return f"{graph} {meta.get('checksum')} {meta.get('extractor')} {meta.get('name')}"


def _by_force(store: Any) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Each force's document graphs, in the order of their file paths."""
    by_force: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for _doc_id, meta in sorted(store.documents.items(), key=lambda kv: kv[1].get("path", kv[0])):
        by_force.setdefault(meta.get("force") or "", []).append((meta["graph"], meta))
    return by_force


def document_groups(store: Any) -> list[list[tuple[str, dict[str, Any]]]]:
    """Document graphs in batches of at most :data:`DOC_BATCH`, one of each force.

    A force's documents are dealt out in the order of their file paths, so that a
    document whose file changed stays in the batch it was in and the other batches
    keep their cached results.
    """
    by_force = _by_force(store)
    rounds = [
        [docs[k] for docs in by_force.values() if k < len(docs)]
        for k in range(max((len(v) for v in by_force.values()), default=0))
    ]
    return [r[i : i + DOC_BATCH] for r in rounds for i in range(0, len(r), DOC_BATCH)]


def _document_batches(store: Any, ref: Reference, ref_key: str, cached: set[str]) -> list[Batch]:
    from peelgraph.validate import cache

    groups = document_groups(store)
    keys = [cache.key(ref_key, *(_signature(g, m) for g, m in group)) for group in groups]
    graphs = _Graphs(store, sum(1 for k in keys if k not in cached))

    def data(group: list[tuple[str, dict[str, Any]]]) -> Callable[[], bytes]:
        return lambda: ref.batch([ln for g, _ in group for ln in graphs.lines(g)])

    return [Batch(k, data(group)) for k, group in zip(keys, groups, strict=True)]


def _graph_chunks(
    store: Any, ref: Reference, by_subject: dict[bytes, list[bytes]]
) -> list[list[bytes]]:
    """One link graph's chunks: its minted nodes with what they point to, then the rest."""
    minted = tuple(_RDF_TYPE + f" <{c}> .".encode() for c in MINTED)
    referenced = {
        subj for subj, lines in by_subject.items() if any(ln.endswith(minted) for ln in lines)
    }
    chunks: list[list[bytes]] = []
    chunk: list[bytes] = []
    for subj in sorted(referenced):
        chunk.extend(by_subject.pop(subj))
    if chunk:
        chunks.append(_with_what_they_rest_on(store, ref, chunk))
    n = max(1, sum(len(v) for v in by_subject.values()) // LINK_CHUNK)
    buckets: list[list[bytes]] = [[] for _ in range(n)]
    for subj in sorted(by_subject):
        buckets[zlib.crc32(_home(subj, by_subject[subj])) % n].extend(by_subject[subj])
    chunks.extend(b for b in buckets if b)
    return chunks


def _with_what_they_rest_on(store: Any, ref: Reference, chunk: list[bytes]) -> list[bytes]:
    """Minted nodes' statements with those, in any graph, of the nodes they rest on (to
    four steps): a passage's document, the document's inspection..."""
    seeds = {
        m.group(1)
        for ln in chunk
        if not any(p in ln for p in _LINKS) and (m := _IRI_OBJECT.search(ln))
    } - set(ref.by_subject)
    return chunk + _closure(seeds, _describe_in_store(store), depth=4)


def minted_chunk(store: Any, ref: Reference, graph: str) -> bytes:
    """A link graph's minted nodes (findings, passages and evidence of its own, typed in
    it) as pySHACL's first chunk of the graph holds them: their statements, what they
    rest on and the reference triples they point to, as N-Triples (empty: none)."""
    kinds = " ".join(f"<{k}>" for k in MINTED)
    q = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s a ?t VALUES ?t {{ {kinds} }} ?s ?p ?o }} }}"
    lines = sorted({f"{sol[0]} {sol[1]} {sol[2]} .".encode() for sol in store.ox.query(q)})
    if not lines:
        return b""
    return ref.batch(_with_what_they_rest_on(store, ref, lines))


_LINK_FROM = f" <{_PEEL}linkFrom> ".encode()
_HOME = re.compile(rb"^<[^>]*?/id/[^/>]+/([^/>]+)")


def _home(subject: bytes, lines: list[bytes]) -> bytes:
    """Where a subject's statements belong: the second part of the path of its IRI (the
    force of a tracking or finding, the document of a back-reference), or of the finding
    a link starts from. A chunk then holds the links of a few forces or documents, so
    that a changed document changes few chunks rather than one in every chunk."""
    key = subject
    for ln in lines:
        if _LINK_FROM in ln:
            key = ln.rsplit(b" ", 2)[-2]
            break
    m = _HOME.match(key)
    return m.group(1) if m else key


class _LinkGraph:
    """One link graph's chunks as N-Triples batches, read from the store when first needed."""

    def __init__(self, store: Any, ref: Reference, graph: str, dump: Future[bytes] | None) -> None:
        self.store, self.ref, self.graph, self._dump = store, ref, graph, dump
        self._chunks: list[list[bytes]] | None = None

    def chunks(self) -> list[list[bytes]]:
        """The chunks' statements, without the reference triples they point to (those
        follow from the reference graph, which is part of each chunk's key)."""
        if self._chunks is None:
            nt = self._dump.result() if self._dump else self.store.dump("ntriples", self.graph)
            by_subject: dict[bytes, list[bytes]] = {}
            for ln in nt.splitlines():
                by_subject.setdefault(ln.split(b" ", 1)[0], []).append(ln)
            self._chunks = _graph_chunks(self.store, self.ref, by_subject)
        return self._chunks


def _link_batches(
    store: Any,
    ref: Reference,
    ref_key: str,
    cached: set[str],
    notes: dict[str, Any],
    noted: dict[str, Any],
) -> list[Batch]:
    """The link graphs' chunks. ``notes``: what the last run noted of each link graph (the
    key of the documents it came from, its chunk keys); ``noted`` receives this run's."""
    from peelgraph.validate import cache

    sources = link_sources(store)
    graphs = sorted(sources)
    known = {
        g: note["chunks"]
        for g in sources
        if (note := notes.get(g))
        and note.get("source") == sources[g]
        and all(k in cached for k in note["chunks"])
    }
    out: list[Batch] = []
    # The graphs to read are dumped in threads (Oxigraph lets go of the GIL while it
    # writes), while this thread splits and keys the ones already read.
    with ThreadPoolExecutor(max_workers=2) as pool:
        dumps = {g: pool.submit(store.dump, "ntriples", g) for g in graphs if g not in known}
        for g in graphs:
            if g in known:
                keys = known[g]
                out.extend(Batch(k, _unreachable) for k in keys)
            else:
                chunks = _LinkGraph(store, ref, g, dumps[g]).chunks()
                keys = [cache.key(ref_key, b"\n".join(c)) for c in chunks]
                out.extend(
                    Batch(k, lambda c=c: ref.batch(c))  # type: ignore[misc]
                    for k, c in zip(keys, chunks, strict=True)
                )
            noted[g] = {"source": sources[g], "chunks": keys}
    return out


def link_sources(store: Any) -> dict[str, str]:
    """Each link graph, under the key of the documents it comes from: a force's sentence
    links (``links-text/FORCE``) from that force's documents, the others from every
    document. While that key is unchanged, so is the graph."""
    from peelgraph.graph import iris
    from peelgraph.validate import cache

    by_force = _by_force(store)
    text_prefix = iris.text_links_graph("")
    graphs = sorted(g for g in store.named_graphs() if g.startswith(iris.LINKS_GRAPH))
    every = [_signature(d, m) for docs in by_force.values() for d, m in docs]
    return {
        g: cache.key(g, *(_signature(d, m) for d, m in by_force.get(g[len(text_prefix) :], [])))
        if g.startswith(text_prefix)
        else cache.key(g, *every)  # the other link graphs come from every document
        for g in graphs
    }


def _unreachable() -> bytes:
    raise AssertionError("a cached batch's data is never read")


def partitions(
    store: Any, cached: set[str] | None = None, notes: dict[str, Any] | None = None
) -> tuple[list[Batch], dict[str, Any]]:
    """The store's batches (documents, link chunks, the reference graph), and the notes
    to keep for the next run. ``cached``: the keys whose results are known (their data
    is then not read); ``notes``: those the last run kept."""
    from peelgraph.graph import iris
    from peelgraph.validate import cache

    cached = cached or set()
    ref_nt = store.dump("ntriples", iris.REFERENCE_GRAPH)
    ref = Reference(ref_nt.splitlines())
    ref_key = cache.key(ref_nt)
    noted: dict[str, Any] = {}
    batches = [
        *_document_batches(store, ref, ref_key, cached),
        *_link_batches(store, ref, ref_key, cached, notes or {}, noted),
        Batch(ref_key, lambda: b"\n".join(ref.lines)),
    ]
    return batches, noted
