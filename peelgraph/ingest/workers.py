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


# seccomp: the kernel's syscall filter, which an unprivileged process may put on
# itself (after PR_SET_NO_NEW_PRIVS) where namespaces are refused, as under the
# usual container seccomp profiles. Numbers from <linux/audit.h>, <asm/unistd.h>.
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_NR_SOCKET = {"x86_64": 41, "aarch64": 198}
_NR_IO_URING_SETUP = 425  # the same on both: io_uring can open sockets without socket()
_NR_SECCOMP = {"x86_64": 317, "aarch64": 277}
_AF_UNIX = 1
_X32_BIT = 0x40000000  # x86_64's x32 syscalls: same calls, other numbers
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO_EACCES = 0x00050000 | 13


class _SockFilter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _socket_filter(machine: str) -> list[tuple[int, int, int, int]]:
    """BPF: socket() of any family but AF_UNIX fails with EACCES; so does io_uring_setup."""
    ld_w_abs, jeq_k, jge_k, ret_k = 0x20, 0x15, 0x35, 0x06
    return [
        (ld_w_abs, 0, 0, 4),  # seccomp_data.arch
        (jeq_k, 1, 0, _AUDIT_ARCH[machine]),
        (ret_k, 0, 0, _RET_ERRNO_EACCES),  # another ABI (32-bit calls): refuse everything
        (ld_w_abs, 0, 0, 0),  # seccomp_data.nr
        (jge_k, 6, 0, _X32_BIT),
        (jeq_k, 5, 0, _NR_IO_URING_SETUP),
        (jeq_k, 0, 3, _NR_SOCKET[machine]),
        (ld_w_abs, 0, 0, 16),  # args[0] (low half): the address family
        (jeq_k, 1, 0, _AF_UNIX),
        (ret_k, 0, 0, _RET_ERRNO_EACCES),
        (ret_k, 0, 0, _RET_ALLOW),
        (ret_k, 0, 0, _RET_ERRNO_EACCES),
    ]


def deny_sockets() -> bool:
    """Forbid this process (every thread) to open a network socket; True when in force.

    Where :func:`drop_network` is refused this still stops a query engine that
    was asked to fetch: ``socket(AF_INET, ...)`` fails with EACCES. Unix sockets
    (the pipe to the parent is one, already open) stay allowed. Irreversible,
    inherited by children.
    """
    import platform

    libc = _libc()
    machine = platform.machine()
    if libc is None or machine not in _AUDIT_ARCH:
        return False
    rules = _socket_filter(machine)
    prog_filter = (_SockFilter * len(rules))(*(_SockFilter(*r) for r in rules))
    prog = _SockFprog(len(rules), prog_filter)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, required unprivileged
        return False
    # seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC): every thread at once
    if libc.syscall(_NR_SECCOMP[machine], 1, 1, ctypes.byref(prog)) == 0:
        return True
    return libc.prctl(22, 2, ctypes.byref(prog), 0, 0) == 0  # PR_SET_SECCOMP, this thread


def fence_network() -> tuple[bool, bool]:
    """Both network fences: (own empty network namespace, sockets denied by seccomp).

    Call while the process has one thread. Either alone stops a fetch; both are
    asked for so that a machine that refuses one still has the other.
    """
    return drop_network(), deny_sockets()
