"""Fences for worker processes: they die with their parent, hold no network, stay in bounds.

Extraction workers read hostile files and query workers run strangers' SPARQL;
what the kernel enforces cannot be talked around by an input, so each worker
puts these on itself as it starts (Linux; elsewhere they do nothing).
"""

from __future__ import annotations

import ctypes
import os
import resource
import sys
import threading
import time

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent(poll: float = 0.2) -> None:
    """End this process soon after its parent dies (even by ``kill -9``).

    A worker blocked on a dead parent's pipe would otherwise live for ever. A
    watcher thread polls the parent's pid: Linux's parent-death signal fires
    when the *thread* that started the worker ends, and replacement workers are
    started from short-lived threads.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="peelgraph-parent-watch").start()


def drop_network() -> bool:
    """Move this process into a network namespace of its own, with no interfaces up.

    After this no connection can be opened, to loopback or anywhere: a query
    engine asked to fetch (SPARQL ``SERVICE``) gets "network unreachable". Needs
    CAP_SYS_ADMIN or unprivileged user namespaces; returns False when neither.
    Call it while the process has one thread (user namespaces demand it).
    """
    libc = _libc()
    if libc is None:
        return False
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def limit_memory(max_bytes: int) -> None:
    """Cap this process's address space: an allocation past it fails (MemoryError)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
