"""A throwaway Virtuoso (Debian's virtuoso-opensource-7-bin) on loopback, for the tests.

Started in a temporary folder on free ports and stopped afterwards; nothing
listens beyond 127.0.0.1. When virtuoso-t is missing the tests that need it
are skipped, unless PEELGRAPH_REQUIRE_VIRTUOSO is set (as `.ci/run` does), in
which case they fail: CI must not pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
DirsAllowed = {d}
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 8
MaxClientConnections = 8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass(frozen=True)
class Virtuoso:
    base: str

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        """The Graph Store endpoint that takes digest authentication (user dba)."""
        return f"{self.base}/sparql-graph-crud-auth"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_virtuoso(folder: Path, timeout: float = 90.0) -> Iterator[Virtuoso]:
    exe = shutil.which("virtuoso-t")
    if exe is None:
        raise FileNotFoundError("virtuoso-t (Debian package virtuoso-opensource-7-bin)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port = _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql_port=_free_port(), http_port=http_port))
    with open(folder / "stdout.log", "wb") as log:
        proc = subprocess.Popen(
            [exe, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=log
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"virtuoso exited: {(folder / 'stdout.log').read_text()[-500:]}")
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("virtuoso did not answer in time")
            time.sleep(0.3)
        yield Virtuoso(base)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def required() -> bool:
    return bool(os.environ.get("PEELGRAPH_REQUIRE_VIRTUOSO"))
