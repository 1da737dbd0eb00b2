"""Queries in worker processes that can be stopped.

pyoxigraph cannot cancel a running evaluation and a thread cannot be killed, so
a query that yields no row until it finishes (a counted cross product, say)
would keep a core busy long after its time limit, and a few of them would take
the server down. Each query here runs in a worker process holding its own
read-only handle on the store; a worker that overruns is killed and replaced,
and the number of workers bounds the work the server does at once.

A worker also writes the answer in the media type asked for, so serialising a
huge CONSTRUCT is inside the time limit too. Before each query it reads the
store's pointer and reopens the store when a build has moved it, so every
worker answers from the new version from the first query after the swap. It
runs in a network namespace of its own (no network at all) and under a seccomp
filter that refuses it network sockets (either stops a fetch; the filter holds
where namespaces are refused, as in many containers), dies with the server,
never sees a SERVICE clause (refused on the parsed query before the engine
runs), and caps its own address space, so a query that would take the
machine's memory fails its worker alone (the engine aborts on a failed
allocation; the pool replaces the worker and says so in one line).

The command line runs its queries through a pool of one (``peelgraph query``),
so a query that crashes the engine (too deep, too large) is one line and exit 4
there too, never a segmentation fault.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from peelgraph.errors import PeelgraphError, QueryError, StoreError
from peelgraph.query.results import QueryResult


class QueryTimeout(QueryError):
    """The query ran out of time (or waited too long for a free worker)."""


@dataclass(frozen=True)
class Answer:
    """A query's answer written out in a media type, by the worker."""

    kind: str
    media: str
    body: bytes
    truncated: bool


# A worker's address space: the store opened takes about 650 MB of it (most of
# it reserved, not used); the rest is what one query may hold.
DEFAULT_MEMORY_MB = 2048
# Characters in one answer's terms: far beyond any saved query's, far below
# what fills the memory above (GROUP_CONCAT of the whole graph).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


# A query answered within this many seconds never touches the long-query lane;
# saved queries on the full-country graph take up to 0.76 s.
QUICK = 1.5
# How long a query that ran long is sent straight to the long lane.
LONG_MEMORY = 60.0


@dataclass(frozen=True)
class _Job:
    text: str
    timeout: float
    media: str | None  # None: the QueryResult itself
    kwargs: dict[str, Any] = field(default_factory=dict)


def _execute(store: Any, job: _Job) -> QueryResult | Answer:
    from peelgraph.query import formats
    from peelgraph.query.local import run_local

    result = run_local(store, job.text, deadline=time.monotonic() + job.timeout, **job.kwargs)
    if job.media is None:
        return result
    body = formats.write(result, job.media).encode("utf-8")
    return Answer(result.kind, job.media, body, result.truncated)


def _follow_pointer(store: Any, root: Path) -> Any:
    """The store to answer from: the version ``CURRENT`` names once a build has moved it.

    A damaged pointer (garbage, a missing version) or a version that will not
    open leaves the worker on the version it has open, which is intact: the
    server keeps answering, and ``peelgraph store check`` says what is wrong.
    """
    from peelgraph.store import embedded as store_mod

    try:
        if store_mod.current_version(root) == store.version:
            return store
        fresh = store_mod.open_store(root)  # a build moved the pointer
    except PeelgraphError:
        return store
    store.close()
    return fresh


def _serve_queries(root: str, conn: Connection, memory_mb: int) -> None:
    """A worker's loop: one query in, one answer out, until the pipe closes."""
    from peelgraph.ingest.workers import die_with_parent, fence_network, limit_memory
    from peelgraph.store import embedded as store_mod

    fences = fence_network()  # first, while this process has one thread
    die_with_parent()
    try:
        store = store_mod.open_store(Path(root))
    except PeelgraphError as exc:
        conn.send(("failed", exc.message))
        return
    if memory_mb:
        limit_memory(memory_mb * 1024 * 1024)  # after opening: the store's reservation fits
    # The engine prints its own report when it aborts (a failed allocation, a stack
    # overflow); the pool reports the crash in one line, so the worker's stderr goes nowhere.
    _quiet_stderr()
    conn.send(("ready", fences))
    while True:
        try:
            job: _Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            store = _follow_pointer(store, Path(root))
            answer: tuple[str, Any] = ("ok", _execute(store, job))
        except TimeoutError:
            answer = ("timeout", None)
        except PeelgraphError as exc:
            answer = ("error", (exc.message, exc.hint, exc.exit_code))
        except MemoryError:
            answer = ("error", ("the answer is too large to hold in memory", None, 4))
        except Exception as exc:  # the server sends a one-line message, never a trace
            answer = ("crash", type(exc).__name__)
        conn.send(answer)


def _quiet_stderr() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


@dataclass
class _Worker:
    process: Any
    conn: Connection


class QueryPool:
    """``size`` worker processes answering queries on the store at ``root``."""

    def __init__(
        self,
        root: Path,
        size: int = 2,
        *,
        memory_mb: int = DEFAULT_MEMORY_MB,
        respawn: bool = True,
    ) -> None:
        # spawn, not fork: the server has threads, and forking a threaded process is unsafe.
        self._ctx = mp.get_context("spawn")
        self._root = str(root)
        self._memory_mb = memory_mb
        # A pool for one query (the command line's) starts no successor for a dead worker:
        # one started as the program exits would die reading its spawn data, noisily.
        self._respawn = respawn
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.size = size
        self.replaced = 0
        # The long-query lane (see _send): its slots, and the queries that ran long lately.
        self._long = threading.Semaphore(max(1, size - 1))
        self._known_long: dict[str, float] = {}
        self._lock = threading.Lock()
        self.namespaced = True  # every worker got its own empty network namespace
        self.sockets_denied = True  # every worker's seccomp filter is in force
        workers = [self._start() for _ in range(size)]
        for w in workers:
            self._await_ready(w)
            self._idle.put(w)

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve_queries,
            args=(self._root, child, self._memory_mb),
            daemon=True,
            name="peelgraph-query",
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _await_ready(self, w: _Worker) -> None:
        if not w.conn.poll(60):
            raise QueryError(f"{self._root}: a query worker could not open the store")
        try:
            status, detail = w.conn.recv()
        except (EOFError, OSError):
            status, detail = "failed", "its process ended"
        if status != "ready":
            raise QueryError(f"{self._root}: a query worker could not open the store ({detail})")
        namespaced, denied = detail
        self.namespaced = self.namespaced and bool(namespaced)
        self.sockets_denied = self.sockets_denied and bool(denied)

    @property
    def isolated(self) -> bool:
        """Every worker is fenced from the network by at least one of the kernel's means."""
        return self.namespaced or self.sockets_denied

    def _replace(self, w: _Worker) -> None:
        """Kill ``w`` now; start its successor in the background."""
        w.process.kill()
        w.conn.close()
        w.process.join(5)
        self.replaced += 1

        if not self._respawn:
            return

        def restart() -> None:
            if self._closed:
                return
            fresh = self._start()
            try:
                self._await_ready(fresh)
            except (QueryError, EOFError, OSError):
                fresh.process.kill()
                return
            self._idle.put(fresh)

        threading.Thread(target=restart, daemon=True).start()

    def _lane(self, job: _Job) -> tuple[str, bool]:
        """The job's key, and whether it ran long lately (it then waits for the long lane)."""
        import hashlib

        key = hashlib.sha256(repr((job.text, sorted(job.kwargs.items()))).encode()).hexdigest()
        with self._lock:
            now = time.monotonic()
            for k in [k for k, t in self._known_long.items() if t < now]:
                del self._known_long[k]
            return key, key in self._known_long

    def _mark_long(self, key: str) -> None:
        with self._lock:
            if len(self._known_long) > 10_000:  # bounded: the oldest mark goes first
                self._known_long.pop(next(iter(self._known_long)))
            self._known_long[key] = time.monotonic() + LONG_MEMORY

    def _send(self, job: _Job) -> tuple[str, Any]:
        """Run ``job`` on a free worker, keeping a worker for quick queries.

        Fair service without knowing who is who (every client on loopback has the
        same address): at most ``size - 1`` queries run past :data:`QUICK` seconds
        at once. A query still running at that mark when the long lane is full is
        stopped (503), and one that ran long lately waits for a long-lane slot
        before it takes a worker. Four clients looping an expensive COUNT left
        twenty normal clients 20 answers and 60 x 503 in 25 s: now they share one
        worker between them and the others keep the rest.
        """
        deadline = time.monotonic() + job.timeout
        lanes = self.size > 1
        key, known_long = self._lane(job) if lanes else ("", False)
        holding = False
        if known_long:
            if not self._long.acquire(timeout=job.timeout):
                raise QueryTimeout(
                    "the server is busy with long queries (this one ran long lately); try again"
                )
            holding = True
        try:
            w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            if holding:
                self._long.release()
            raise QueryTimeout(
                f"the server is busy: no query worker came free within {job.timeout:g} s; try again"
            ) from None
        healthy = False
        try:
            w.conn.send(job)
            if lanes and not holding and not w.conn.poll(QUICK):
                if not self._long.acquire(blocking=False):
                    self._mark_long(key)
                    raise QueryTimeout(
                        f"the server is busy with long queries: this one ran past {QUICK:g} s"
                        " while the long-query lane was full and was stopped; try again"
                    )
                holding = True
            # A little grace past the deadline: the worker stops itself between rows.
            if not w.conn.poll(max(0.0, deadline - time.monotonic()) + 0.5):
                if lanes:
                    self._mark_long(key)
                raise QueryTimeout(
                    f"the query ran longer than the {job.timeout:g} s limit and was stopped"
                )
            reply: tuple[str, Any] = w.conn.recv()
            healthy = True
        except (EOFError, OSError):
            raise QueryError(
                "the query crashed its worker process (too large or too deep for the engine,"
                " or past its memory cap); nothing else was affected"
            ) from None
        finally:
            if holding:
                self._long.release()
            if healthy:
                self._idle.put(w)
            else:
                self._replace(w)
        return reply

    def run(self, text: str, *, timeout: float, media: str | None = None, **kwargs: Any) -> Any:
        """Run ``text`` within ``timeout`` (``kwargs`` as :func:`peelgraph.query.run_local`'s).

        Returns the :class:`QueryResult`, or with ``media`` an :class:`Answer`
        already written in that media type.
        """
        status, payload = self._send(_Job(text, timeout, media, kwargs))
        if status == "ok":
            return payload
        if status == "timeout":
            raise QueryTimeout(f"the query ran longer than the {timeout:g} s limit and was stopped")
        if status == "error":
            message, hint, code = payload
            if code == StoreError.exit_code:  # a damaged store stays a store error (exit 3)
                raise StoreError(message, hint=hint)
            raise QueryError(message, hint=hint)
        raise QueryError(f"internal error: {payload}")

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                return
            w.conn.close()  # the worker's recv ends and it exits
            w.process.join(5)
            if w.process.is_alive():
                w.process.kill()
