"""Queries in worker processes that can be stopped.

pyoxigraph cannot cancel a running evaluation and a thread cannot be killed, so
a query that yields no row until it finishes (a counted cross product, say)
would keep a core busy long after its time limit, and a few of them would take
the server down. Each query here runs in a worker process holding its own
read-only handle on the store; a worker that overruns is killed and replaced,
and the number of workers bounds the work the server does at once.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from peelgraph.errors import PeelgraphError, QueryError
from peelgraph.query import QueryResult


class QueryTimeout(QueryError):
    """The query ran out of time (or waited too long for a free worker)."""


def _serve_queries(root: str, conn: Connection) -> None:
    """A worker's loop: one query in, one answer out, until the pipe closes."""
    from peelgraph.query import run_local
    from peelgraph.store import open_store

    store = open_store(Path(root))
    conn.send(("ready", None))
    while True:
        try:
            text, kwargs, timeout = conn.recv()
        except (EOFError, OSError):
            return
        try:
            deadline = time.monotonic() + timeout
            answer: tuple[str, Any] = ("ok", run_local(store, text, deadline=deadline, **kwargs))
        except TimeoutError:
            answer = ("timeout", None)
        except PeelgraphError as exc:
            answer = ("error", (exc.message, exc.hint))
        except Exception as exc:  # the server sends a one-line message, never a trace
            answer = ("crash", type(exc).__name__)
        conn.send(answer)


@dataclass
class _Worker:
    process: Any
    conn: Connection


class QueryPool:
    """``size`` worker processes answering queries on the store at ``root``."""

    def __init__(self, root: Path, size: int = 2) -> None:
        # spawn, not fork: the server has threads, and forking a threaded process is unsafe.
        self._ctx = mp.get_context("spawn")
        self._root = str(root)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.size = size
        self.replaced = 0
        workers = [self._start() for _ in range(size)]
        for w in workers:
            self._await_ready(w)
            self._idle.put(w)

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve_queries, args=(self._root, child), daemon=True, name="peelgraph-query"
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _await_ready(self, w: _Worker) -> None:
        if not w.conn.poll(60) or w.conn.recv()[0] != "ready":
            raise QueryError(f"{self._root}: a query worker could not open the store")

    def _replace(self, w: _Worker) -> None:
        """Kill ``w`` now; start its successor in the background."""
        w.process.kill()
        w.conn.close()
        w.process.join(5)
        self.replaced += 1

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

    def run(self, text: str, *, timeout: float, **kwargs: Any) -> QueryResult:
        """Run ``text`` (see :func:`peelgraph.query.run_local` for ``kwargs``) within ``timeout``."""
        deadline = time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"the server is busy: no query worker came free within {timeout:g} s; try again"
            ) from None
        healthy = False
        try:
            w.conn.send((text, kwargs, max(0.0, deadline - time.monotonic())))
            # A little grace past the deadline: the worker stops itself between rows.
            if not w.conn.poll(max(0.0, deadline - time.monotonic()) + 0.5):
                raise QueryTimeout(
                    f"the query ran longer than the {timeout:g} s limit and was stopped"
                )
            status, payload = w.conn.recv()
            healthy = True
        except (EOFError, OSError):
            raise QueryError("the query worker stopped unexpectedly; try again") from None
        finally:
            if healthy:
                self._idle.put(w)
            else:
                self._replace(w)
        if status == "ok":
            return payload
        if status == "timeout":
            raise QueryTimeout(f"the query ran longer than the {timeout:g} s limit and was stopped")
        if status == "error":
            message, hint = payload
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
