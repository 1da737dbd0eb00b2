"""Extraction in bounded worker processes: a hostile file costs its own worker, never the run.

A 0.9 MB PDF can hold a content stream that inflates to hundreds of
megabytes; the PDF reader then takes gigabytes and minutes inside C code,
where no Python check runs. So each document is read in a worker process
with an address-space limit (an allocation past it fails), a wall-clock limit
(the worker is killed and replaced when it overruns) and a watcher that ends
it when the build dies. A document that trips a limit becomes one failure
line; the other documents are still built, in input order.

Limits (environment): ``PEELGRAPH_WORKER_MEMORY_MB`` (default 3,072) and
``PEELGRAPH_DOC_TIMEOUT`` seconds (default 300).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Limits:
    """What one document may take: memory of its worker, and time."""

    memory_mb: int = 3072
    seconds: float = 300.0

    @classmethod
    def from_env(cls) -> Limits:
        mem = os.environ.get("PEELGRAPH_WORKER_MEMORY_MB", "")
        secs = os.environ.get("PEELGRAPH_DOC_TIMEOUT", "")
        return cls(
            int(mem) if mem.isdigit() else cls.memory_mb,
            float(secs) if secs.replace(".", "", 1).isdigit() else cls.seconds,
        )


class LimitTripped(Exception):
    """A document's worker overran its time or died (most often: past its memory)."""


def _loop(
    conn: Connection,
    work: Callable[[Path], Any],
    memory_mb: int,
    prepare: Callable[[], None] | None = None,
) -> None:
    from peelgraph.ingest.workers import die_with_parent, limit_memory

    die_with_parent()
    limit_memory(memory_mb * 1024 * 1024)
    if prepare is not None:
        # Before "ready": the time limit is for reading a document, and a fresh
        # interpreter's imports (a second or more on a loaded machine) would otherwise be
        # charged to its first document, which then tripped a short limit.
        prepare()
    conn.send("ready")
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(work(path))


class _Worker:
    def __init__(
        self,
        ctx: Any,
        work: Callable[[Path], Any],
        limits: Limits,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        self.limits = limits
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_loop,
            args=(child, work, limits.memory_mb, prepare),
            daemon=True,
            name="peelgraph-extract",
        )
        self.process.start()
        child.close()
        if not self.conn.poll(120) or self.conn.recv() != "ready":
            self.kill()
            raise RuntimeError("an extraction worker did not start")

    def call(self, path: Path) -> Any:
        try:
            self.conn.send(path)
            if self.conn.poll(self.limits.seconds):
                return self.conn.recv()
        except (EOFError, OSError):
            pass
        else:
            self.kill()
            raise LimitTripped(
                f"reading it took over {self.limits.seconds:g} s, the limit for one document, "
                "and was stopped (PEELGRAPH_DOC_TIMEOUT allows more)"
            )
        self.process.join(5)
        code = self.process.exitcode
        self.kill()
        how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit {code}"
        raise LimitTripped(
            f"its reader died ({how}), most likely past the memory limit of "
            f"{self.limits.memory_mb} MB for one document (PEELGRAPH_WORKER_MEMORY_MB allows more)"
        )

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def is_pdf(path: Path) -> bool:
    """A PDF by name or by its first bytes: the kind of file that can inflate in the reader."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def run_bounded(
    items: list[Path],
    work: Callable[[Path], Any],
    on_limit: Callable[[Path, str], Any],
    *,
    jobs: int = 1,
    limits: Limits | None = None,
    prepare: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, Any]]:
    """``(item, work(item))`` in input order, each call in a bounded worker process.

    ``work`` must be picklable (a module-level function or a partial of one), and so
    must ``prepare``, run once in each worker before its first item (imports), outside
    the time limit.
    An item whose worker trips a limit yields ``on_limit(item, message)``
    instead, and its worker is replaced.
    """
    limits = limits or Limits.from_env()
    ctx = mp.get_context("spawn")  # the build may hold threads; forking those is unsafe
    todo: queue.Queue[tuple[int, Path] | None] = queue.Queue()
    done: queue.Queue[tuple[int, Any]] = queue.Queue()
    for i, item in enumerate(items):
        todo.put((i, item))
    n = max(1, min(jobs, len(items)))
    for _ in range(n):
        todo.put(None)
    stop = threading.Event()

    def slot() -> None:
        worker: _Worker | None = None
        try:
            while not stop.is_set() and (task := todo.get()) is not None:
                i, item = task
                try:
                    worker = worker or _Worker(ctx, work, limits, prepare)
                    done.put((i, worker.call(item)))
                except LimitTripped as exc:
                    worker = None
                    done.put((i, on_limit(item, str(exc))))
                except Exception as exc:  # a worker that cannot start: still one line
                    worker = None
                    done.put((i, on_limit(item, f"{type(exc).__name__}: {exc}")))
        finally:
            if worker is not None:
                worker.conn.close()  # its loop ends; the process exits
                worker.process.join(5)
                if worker.process.is_alive():
                    worker.kill()

    threads = [threading.Thread(target=slot, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    pending: dict[int, Any] = {}
    try:
        for i, item in enumerate(items):
            while i not in pending:
                j, result = done.get()
                pending[j] = result
            yield item, pending.pop(i)
    finally:
        stop.set()
        while True:  # the caller stopped early: leave the rest unread
            try:
                todo.get_nowait()
            except queue.Empty:
                break
        for _ in threads:
            todo.put(None)
        for t in threads:
            t.join(10)
