"""The embedded store: Oxigraph on disk, written atomically.

Layout of a store folder (default ``.peelgraph/``)::

    CURRENT            name of the active version folder (replaced atomically)
    v-<id>/oxigraph/   the Oxigraph (RocksDB) database of that version
    v-<id>/manifest.json   the documents in it: checksum, graph, counts

Every triple of the named graphs is also in the default graph, once: the
default graph is their set union, kept up to date by each write. Queries run
on it; Oxigraph's "union default graph" option is a multiset, and a finding
stated by five documents then turned one query row into 5^5 (measured: 1.4 s
instead of 4 ms for the findings query on 19 documents).

A write never touches the active version: it checkpoints it into a new
folder (RocksDB hard links, so it is cheap), changes the copy, and only then
points ``CURRENT`` at it with an atomic rename. A build killed at any moment
leaves the previous graph exactly as it was; the next write sweeps the debris.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peelgraph.errors import StoreError
from peelgraph.store.files import (
    fsync_dir,
    read_manifest,
    record_checksums_after,
    store_error,
    write_pointer,
)
from peelgraph.store.files import read_current as _read_current

DEFAULT_STORE = Path(".peelgraph")
# 2: the default graph holds the union of the named graphs (see above).
STORE_FORMAT = 2


@dataclass(frozen=True)
class GraphWrite:
    """One named graph to (re)place: its IRI and its content as N-Triples."""

    graph: str
    ntriples: bytes


class Store:
    """A read-only view on the active version, for queries and exports."""

    def __init__(self, root: Path, version: Path) -> None:
        import pyoxigraph

        self.root = root
        self.version = version
        try:
            self.ox = pyoxigraph.Store.read_only(str(version / "oxigraph"))
        except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
            raise store_error(root, exc) from None
        self.manifest: dict[str, Any] = read_manifest(root, version)

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        return dict(self.manifest.get("documents", {}))

    @property
    def union_in_default(self) -> bool:
        """True when the default graph holds the union (stores built since format 2)."""
        return int(self.manifest.get("format", 1)) >= STORE_FORMAT

    def __len__(self) -> int:
        """Quads in the named graphs (the default graph's copy not counted)."""
        return self.counts()[0]

    def counts(self) -> tuple[int, int]:
        """(statements, distinct triples): the quads of the named graphs, where a fact two
        documents state is counted in each, and the triples of their union (the default
        graph queries see), where it is counted once."""
        import pyoxigraph

        res = self.ox.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            use_default_graph_as_union=not self.union_in_default,  # stores before format 2
        )
        assert isinstance(res, pyoxigraph.QuerySolutions)
        distinct = int(next(iter(res))[0].value)
        total = len(self.ox)
        return (total - distinct if self.union_in_default else total), distinct

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs())

    def dump(self, fmt: str = "nquads", graph: str | None = None) -> bytes:
        import pyoxigraph

        formats = {
            "nquads": pyoxigraph.RdfFormat.N_QUADS,
            "trig": pyoxigraph.RdfFormat.TRIG,
            "turtle": pyoxigraph.RdfFormat.TURTLE,
            "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        }
        if graph:
            return self.ox.dump(format=formats[fmt], from_graph=pyoxigraph.NamedNode(graph)) or b""
        if fmt in {"turtle", "ntriples"}:
            # Triple formats take the union of every graph.
            if self.union_in_default:
                return (
                    self.ox.dump(format=formats[fmt], from_graph=pyoxigraph.DefaultGraph()) or b""
                )
            q = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            assert isinstance(q, pyoxigraph.QueryTriples)
            return q.serialize(format=formats[fmt]) or b""
        # Dataset formats: the named graphs only, not the default graph's copy of them.
        quads = (
            q
            for q in self.ox.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)
        )
        return pyoxigraph.serialize(quads, format=formats[fmt]) or b""

    def to_rdflib(self, graphs: Iterable[str] | None = None) -> Any:
        """An rdflib Dataset with the chosen named graphs (all by default)."""
        from rdflib import Dataset

        ds = Dataset()
        wanted = list(graphs) if graphs is not None else self.named_graphs()
        for g in wanted:
            ds.graph(g).parse(data=self.dump("ntriples", g), format="nt")
        return ds

    def close(self) -> None:
        del self.ox


def current_version(root: Path) -> Path | None:
    """The active version folder (what ``CURRENT`` points at), or None."""
    return _read_current(root)


def exists(root: Path = DEFAULT_STORE) -> bool:
    return _read_current(root) is not None


def open_store(root: Path = DEFAULT_STORE) -> Store:
    version = _read_current(root)
    if version is None:
        raise StoreError(
            f"{root}: no graph here yet",
            hint="build one first: peelgraph build PATH... (or pass --store DIR)",
        )
    return Store(root, version)


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[None]:
    try:
        root.mkdir(parents=True, exist_ok=True)
        fh = open(root / ".lock", "w")  # noqa: SIM115 (closed below, after the error mapping)
    except OSError as exc:
        raise store_error(root, exc) from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{root}: another peelgraph build is writing this store") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _sweep(root: Path, keep: Path | None) -> None:
    """Remove versions that are not current: debris of killed or superseded builds."""
    for p in root.iterdir():
        if p.is_dir() and p.name.startswith("v-") and (keep is None or p != keep):
            shutil.rmtree(p, ignore_errors=True)


def _triples_of(ox: Any, graph: str) -> set[tuple[Any, Any, Any]]:
    import pyoxigraph

    node = pyoxigraph.NamedNode(graph)
    return {
        (q.subject, q.predicate, q.object) for q in ox.quads_for_pattern(None, None, None, node)
    }


def graph_ntriples(ox: Any, graph: str) -> bytes:
    """A named graph of an open Oxigraph store, as N-Triples (empty when it has none)."""
    import pyoxigraph

    data = ox.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(graph))
    return data or b""


def _load(ox: Any, writes: list[GraphWrite], spool: Path, *, replace: bool) -> int:
    """Replace the given graphs, and keep the default graph their union.

    One bulk load of N-Quads spooled to disk is many times faster than a load
    per graph (about 50 s against 5 s for 1,900 documents) and does not hold a
    second copy of the data in memory. The same triples go into the default
    graph (a set: duplicates vanish); a triple the old version of a replaced
    graph had leaves the default graph only if no named graph still holds it.
    A graph that changed little (the link graphs after one document changed)
    is patched by its difference instead of dropped and loaded again. Returns
    the size of the N-Triples loaded whole.
    """
    import pyoxigraph

    left: set[tuple[Any, Any, Any]] = set()  # triples some replaced graph no longer has
    if replace:
        bulk = []
        for w in writes:
            before = _triples_of(ox, w.graph)
            if not before:
                bulk.append(w)
                continue
            after = _parse_triples(w.ntriples)
            gone, added = before - after, after - before
            left |= gone
            if len(gone) + len(added) <= PATCH_LIMIT:
                _patch(ox, w.graph, gone, added)
            else:
                ox.remove_graph(pyoxigraph.NamedNode(w.graph))
                bulk.append(w)
        writes = bulk
    quads = spool.with_suffix(".nq")
    triples = spool.with_suffix(".nt")
    with open(quads, "wb") as fq, open(triples, "wb") as ft:
        for w in writes:
            if not w.ntriples:
                continue
            # N-Triples lines end in " ." and literals cannot hold a raw newline,
            # so naming the graph before each line's end makes N-Quads.
            tag = f" <{w.graph}> .\n".encode()
            body = w.ntriples.rstrip()
            fq.write(body[:-1].rstrip().replace(b" .\n", tag) if body.endswith(b".") else body)
            fq.write(tag)
            ft.write(body + b"\n")
    # Two loads, not one file of both: Oxigraph's loader then holds a million-quad batch
    # per thread, and the documents' quads and triples in one file doubled the build's
    # peak memory at 100 % (0.8 -> 1.7 GB for the documents alone) for no time saved.
    # Lenient: Oxigraph skips checking each IRI and language tag again, 12-15 % of a
    # load's CPU, for lines this package wrote itself (IRIs minted by
    # peelgraph.graph.iris from quoted segments, language tags its own "en"; what an
    # input file says is only ever a literal, escaped by the writer).
    for path, fmt in (
        (quads, pyoxigraph.RdfFormat.N_QUADS),
        (triples, pyoxigraph.RdfFormat.N_TRIPLES),
    ):
        if path.stat().st_size:
            ox.bulk_load(path=str(path), format=fmt, lenient=True)
        path.unlink()
    _drop_orphans(ox, left)
    return sum(len(w.ntriples) for w in writes)


def _parse_triples(data: bytes) -> set[tuple[Any, Any, Any]]:
    import pyoxigraph

    if not data:
        return set()
    return {
        (t.subject, t.predicate, t.object)
        for t in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    }


# A graph whose new version differs from the old in fewer triples than this is
# patched in place; dropping and reloading the cross-document link graphs
# after one document changed cost more than everything else in a rebuild.
PATCH_LIMIT = 20_000


def _patch(
    ox: Any,
    graph_iri: str,
    gone: set[tuple[Any, Any, Any]],
    added: set[tuple[Any, Any, Any]],
) -> None:
    """Take ``gone`` out of a named graph and put ``added`` into it and the default graph."""
    import pyoxigraph

    graph, default = pyoxigraph.NamedNode(graph_iri), pyoxigraph.DefaultGraph()
    for s, p, o in gone:
        ox.remove(pyoxigraph.Quad(s, p, o, graph))
    ox.extend([pyoxigraph.Quad(s, p, o, g) for s, p, o in added for g in (graph, default)])


def _drop_orphans(ox: Any, candidates: set[tuple[Any, Any, Any]]) -> None:
    """Remove from the default graph the ``candidates`` no named graph holds any more."""
    import pyoxigraph

    default = pyoxigraph.DefaultGraph()
    for s, p, o in candidates:
        if not any(
            not isinstance(q.graph_name, pyoxigraph.DefaultGraph)
            for q in ox.quads_for_pattern(s, p, o, None)
        ):
            ox.remove(pyoxigraph.Quad(s, p, o, default))


# Beside each version's database: the parts its part-wise graphs were written from.
PARTS = "parts"


def _lines(data: bytes) -> set[bytes]:
    return {ln for ln in data.split(b"\n") if ln.strip()}


def _part_name(key: str) -> str:
    import hashlib

    return hashlib.sha256(key.encode()).hexdigest()[:32] + ".nt"


def _write_part(folder: Path, key: str, data: bytes) -> None:
    """A part's file: its key on the first line, then its N-Triples. Written to a new
    file and renamed over the old, never in place: the old one may be a hard link the
    current version still reads."""
    path = folder / _part_name(key)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(key.encode() + b"\n" + data)
    os.replace(tmp, path)


class GraphParts:
    """The parts a graph was written from, read back from a version's folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def names(self) -> list[str]:
        """The parts' keys."""
        out = []
        for p in sorted(self.folder.glob("*.nt")):
            with open(p, "rb") as fh:
                out.append(fh.readline().rstrip(b"\n").decode())
        return out

    def data(self, key: str) -> bytes:
        path = self.folder / _part_name(key)
        if not path.exists():
            return b""
        _key, _, data = path.read_bytes().partition(b"\n")
        return data

    def lines(self, key: str) -> set[bytes]:
        return _lines(self.data(key))


def _needed_mb(current: Path | None, new_bytes: int) -> float:
    """About what a write takes on disk: the new data loaded twice (spool and
    database), and room for the copy's compaction."""
    old = sum(f.stat().st_size for f in (current / "oxigraph").iterdir()) if current else 0
    return (3 * new_bytes + old) / 1e6


class Writer:
    """A write in progress: a new version of the store, committed when its ``with``
    block ends (see :func:`writer`).

    ``ox`` is the new version's Oxigraph store, readable between loads, so that
    the graphs derived from the documents (the cross-document links) are computed
    from what the write holds and loaded into the same version.
    """

    def __init__(
        self,
        ox: Any,
        spool: Path,
        copied: bool,
        manifest: dict[str, Any],
        root: Path,
        source: Path | None = None,
    ) -> None:
        self.ox = ox
        # The database of the version this one was copied from (None: it started empty):
        # another process may open it read-only for the graphs the write leaves as they
        # were, since this one, being written, it cannot open.
        self.source = source
        self._spool = spool
        self._copied = copied  # loads replace graphs already there
        self.copied_from_start = copied  # the version started as a copy of the current one
        self.manifest = manifest
        self.bulk_bytes = 0  # N-Triples loaded whole (not patched), for the compaction choice
        self._root = root
        self.offered = 0  # bytes of N-Triples given to load, for a disk-full message

    @contextlib.contextmanager
    def _store_errors(self) -> Iterator[None]:
        """The disk or the database failing while writing: one line, exit 3."""
        try:
            yield
        except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
            current = _read_current(self._root)
            raise store_error(self._root, exc, _needed_mb(current, self.offered)) from None

    def remove(self, graphs: Iterable[str]) -> None:
        """Drop named graphs (and their triples from the default graph's union)."""
        import pyoxigraph

        gone: set[tuple[Any, Any, Any]] = set()
        with self._store_errors():
            for g in graphs:
                if self._copied:
                    gone |= _triples_of(self.ox, g)
                self.ox.remove_graph(pyoxigraph.NamedNode(g))
            _drop_orphans(self.ox, gone)

    def load(self, writes: Iterable[GraphWrite]) -> None:
        """Replace whole named graphs with the given N-Triples."""
        writes = list(writes)
        self.offered += sum(len(w.ntriples) for w in writes)
        with self._store_errors():
            self.bulk_bytes += _load(self.ox, writes, self._spool, replace=self._copied)
        self._copied = True  # later loads replace what this one wrote

    def parts(self, graph: str) -> GraphParts | None:
        """The parts ``graph`` was last written from (:meth:`load_parts`), or None when
        this version holds none for it (a build from scratch, or a store written before
        parts were kept): then the caller computes every part."""
        folder = self._parts_dir(graph)
        return GraphParts(folder) if (folder / "complete").exists() else None

    def _parts_dir(self, graph: str) -> Path:
        import hashlib

        return self._spool.parent / PARTS / hashlib.sha256(graph.encode()).hexdigest()[:32]

    def load_parts(
        self, graph: str, parts: dict[str, bytes], *, complete: bool
    ) -> tuple[set[bytes], set[bytes]]:
        """Write a named graph that is the union of parts (one per force, say), keeping
        each part beside the database so that the next write can replace a few parts and
        patch the graph by their difference instead of computing it all again.

        ``complete``: ``parts`` are all of them (the graph is replaced whole); otherwise
        they replace the parts of those keys (an empty part removes its key) and the
        others stay. Returns the N-Triples lines (gone, added) the graph lost and gained.
        """
        folder = self._parts_dir(graph)
        old = None if complete else self.parts(graph)
        if old is None and not complete:
            raise ValueError(f"{graph}: no parts to replace some of (check Writer.parts first)")
        if old is None:
            return self.load_whole({graph: parts})[graph]
        changed = {k: _lines(v) for k, v in parts.items()}
        previous = {k: old.lines(k) for k in changed}
        kept: set[bytes] = set()
        for key in old.names():
            if key not in changed:
                kept |= old.lines(key)
        gone = set().union(*previous.values()) - set().union(*changed.values()) - kept
        added = set().union(*changed.values()) - set().union(*previous.values()) - kept
        with self._store_errors():
            lost = _parse_triples(b"\n".join(gone))
            _patch(self.ox, graph, lost, _parse_triples(b"\n".join(added)))
            _drop_orphans(self.ox, lost)
            for key, data in parts.items():
                if data:
                    _write_part(folder, key, data)
                else:
                    (folder / _part_name(key)).unlink(missing_ok=True)
        self._copied = True
        return gone, added

    def load_whole(
        self, graphs: dict[str, dict[str, bytes]]
    ) -> dict[str, tuple[set[bytes], set[bytes]]]:
        """:meth:`load_parts` with ``complete`` of several graphs (graph -> its parts) in
        one load: one bulk load for them all rather than one per graph (a build from
        scratch writes some fifty link graphs). Returns each graph's (gone, added)."""
        out: dict[str, tuple[set[bytes], set[bytes]]] = {}
        writes = []
        for graph, parts in graphs.items():
            union: set[bytes] = set()
            for data in parts.values():
                union.update(_lines(data))
            before = _lines(self.dump_graph(graph)) if self._copied else set()
            writes.append(GraphWrite(graph, b"\n".join(sorted(union))))
            out[graph] = (before - union, union - before)
        self.load(writes)
        for graph, parts in graphs.items():
            folder = self._parts_dir(graph)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            for key, data in parts.items():
                if data:
                    _write_part(folder, key, data)
            (folder / "complete").write_bytes(b"")
        return out

    def rows_by_graph(
        self, name: str, changed: Iterable[str] | None, prefix: str = ""
    ) -> list[dict[str, str]]:
        """The rows of internal SELECT ``name`` (each with its named graph, ``?g``, whose
        patterns lie inside ``GRAPH ?g``) in the graphs whose IRI starts with ``prefix``,
        kept beside the database so that the next write reads again only the graphs in
        ``changed`` (every graph when None, or when this version keeps no rows of it
        yet). Rows come grouped by graph, in graph order, each graph's sorted: the same
        list whether read whole or in part."""
        from peelgraph.store.sparql import bound, query_text, select

        # One file per query text and prefix: rows kept for another prefix, or by an
        # older text of the query (other columns), are not these.
        tag = f"-{_part_name(prefix)[:8]}" if prefix else ""
        path = (
            self._spool.parent / PARTS / f"rows-{name}{tag}-{_part_name(query_text(name))[:8]}.json"
        )
        for old in path.parent.glob(f"rows-{name}{tag}-*.json"):
            if old != path and len(old.name) == len(path.name):
                old.unlink()  # kept by an older text of the query: never read again
        by: dict[str, list[dict[str, str]]] = {}
        if changed is not None and path.exists():
            by = json.loads(path.read_text(encoding="utf-8"))
            changed = {g for g in changed if g.startswith(prefix)}
            for g in changed:
                by.pop(g, None)
            fresh = select(self.ox, name, g=bound(changed))
        else:
            fresh = [r for r in select(self.ox, name) if r["g"].startswith(prefix)]
        for g in {r["g"] for r in fresh}:
            by[g] = []
        for r in fresh:
            by[r["g"]].append(r)
        for g in {r["g"] for r in fresh}:
            by[g].sort(key=lambda r: sorted(r.items()))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        # Unsorted keys: the rows are read back by graph in sorted order, each graph's
        # rows sorted; sorting every row's keys was a third of the write (4 MB at 100 %).
        tmp.write_text(json.dumps(by), encoding="utf-8")
        os.replace(tmp, path)  # a new file: the old may be a hard link the current version reads
        return [r for g in sorted(by) for r in by[g]]

    def graph_names(self) -> list[str]:
        """The named graphs of the version being written."""
        return sorted(g.value for g in self.ox.named_graphs())

    def dump_graph(self, graph: str) -> bytes:
        """A named graph of the version being written, as N-Triples."""
        return graph_ntriples(self.ox, graph)

    def update_manifest(self, documents: dict[str, Any], remove: Iterable[str] = ()) -> None:
        """Record the documents written (and forget the removed ones) in the manifest."""
        docs = self.manifest.setdefault("documents", {})
        for k in remove:
            docs.pop(k, None)
        docs.update(documents)


def _start(root: Path, current: Path | None, tmp: Path, replace_all: bool) -> Writer:
    """The new version: a copy of the current one (or empty), open for writing."""
    import pyoxigraph

    try:
        manifest: dict[str, Any] = {"documents": {}}
        if current is not None and not replace_all:
            src = pyoxigraph.Store.read_only(str(current / "oxigraph"))
            src.backup(str(tmp / "oxigraph"))
            del src
            if (current / "manifest.json").exists():
                manifest = read_manifest(root, current)  # a damaged one: store error, exit 3
        ox = pyoxigraph.Store(str(tmp / "oxigraph"))
        copied = current is not None and not replace_all
        if copied and (current / PARTS).is_dir():
            # Hard links: a part is replaced by a new file (os.replace), never rewritten
            # in place, so the current version's parts stay as they were.
            shutil.copytree(current / PARTS, tmp / PARTS, copy_function=os.link)
        if copied and int(manifest.get("format", 1)) < STORE_FORMAT:
            # A store from before the union default graph: fill it once.
            ox.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
        raise store_error(root, exc, _needed_mb(current, 0)) from None
    source = current / "oxigraph" if copied and current is not None else None
    return Writer(ox, tmp / "load", copied, manifest, root, source)


@contextlib.contextmanager
def writer(root: Path, *, replace_all: bool = False) -> Iterator[Writer]:
    """Write a new version of the store atomically::

        with store.writer(root) as w:
            w.remove(old_graphs)
            w.load(graph_writes)
            w.load(derived_from(w.ox))
            w.update_manifest(documents)

    The version starts as a copy of the current one (empty with ``replace_all``)
    and becomes current only when the block ends without an exception; until
    then, and if it fails, the store is exactly as it was.
    """
    with _lock(root):
        current = _read_current(root)
        _sweep(root, current)
        new = root / f"v-{uuid.uuid4().hex[:12]}"
        tmp = root / f"{new.name}.tmp"
        tmp.mkdir()
        try:
            w = _start(root, current, tmp, replace_all)
            # The caller's block runs here: its store operations report their own failures
            # (Writer._store_errors); anything else it raises is its own, left as it is.
            yield w
            with w._store_errors():
                w.ox.flush()
                # Compaction pays after a big load; after a few changed documents (graphs
                # patched in place) it only costs (about 2 s on the full-country store).
                if not w.copied_from_start or w.bulk_bytes > 5_000_000:
                    w.ox.optimize()
                manifest = w.manifest
                w.ox = None
                del w
                manifest["format"] = STORE_FORMAT
                # Compact: indented, its encoding ran in Python, not C (4x the time, 60 ms
                # of every write at 100 %), for a file no one reads by eye.
                (tmp / "manifest.json").write_text(
                    json.dumps(manifest, sort_keys=True, separators=(",", ":"))
                )
                # The database is closed: its files are final.
                record_checksums_after(tmp, None if replace_all else current)
                os.replace(tmp, new)
                fsync_dir(root)
                write_pointer(root, new)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if current is not None:
            shutil.rmtree(current, ignore_errors=True)
