"""The store's files: the ``CURRENT`` pointer, the version folders, their manifests.

Kept apart from :mod:`peelgraph.store.embedded` (which reads and writes the graphs) so
that ``peelgraph store check`` and ``repair`` can look at a store too broken to
open, and every OS or RocksDB failure reads as one line (exit 3).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph.errors import StoreError

CURRENT = "CURRENT"


def read_manifest(root: Path, version: Path) -> dict[str, Any]:
    """A version's manifest (empty for a version from before manifests)."""
    path = version / "manifest.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise StoreError(
            f"{root}: corrupted ({path.relative_to(root)} is not valid JSON); rebuild or restore",
            hint="peelgraph store check says what is wrong; peelgraph build --rebuild starts afresh",
        ) from None
    problem = manifest_problem(data)
    if problem:
        raise StoreError(
            f"{root}: corrupted ({path.relative_to(root)}: {problem})",
            hint="peelgraph store repair rewrites it from what is sound; "
            "peelgraph build --rebuild starts afresh",
        )
    return data


# The fields of a document's entry that readers use, with the types they must have.
_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "checksum": (str,),
    "graph": (str,),
    "name": (str,),
    "path": (str,),
    "kind": (str,),
    "extractor": (str,),
    "force": (str, type(None)),
    "year": (int, type(None)),
    "triples": (int,),
    "counts": (dict,),
}


def entry_problem(entry: Any) -> str | None:
    """What is wrong with one document's entry (None: well formed)."""
    if not isinstance(entry, dict):
        return f"an entry is {type(entry).__name__}, not an object"
    for key, types in _ENTRY_TYPES.items():
        value = entry.get(key)
        if key in entry and (not isinstance(value, types) or isinstance(value, bool)):
            return f"an entry's {key!r} is {type(value).__name__}"
    return None


def manifest_problem(data: Any) -> str | None:
    """What is wrong with a manifest's shape (None: well formed).

    A manifest of the wrong shape (``"format": "two"``, ``"documents": [1, 2]``)
    was a traceback in every command; it is a store error like any corruption.
    """
    if not isinstance(data, dict):
        return f"a {type(data).__name__}, not an object"
    fmt = data.get("format", 1)
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        return f"'format' is {fmt!r}, not a version number"
    docs = data.get("documents", {})
    if not isinstance(docs, dict):
        return f"'documents' is a {type(docs).__name__}, not an object"
    for entry in docs.values():
        problem = entry_problem(entry)
        if problem:
            return problem
    return None


def versions(root: Path) -> list[Path]:
    """The complete version folders, newest first (a folder is renamed into place when done)."""
    if not root.is_dir():
        return []
    found = [
        p
        for p in root.iterdir()
        if p.is_dir() and p.name.startswith("v-") and not p.name.endswith(".tmp")
    ]
    done = [p for p in found if (p / "oxigraph").is_dir() and (p / "manifest.json").exists()]
    return sorted(done, key=lambda p: (p / "manifest.json").stat().st_mtime, reverse=True)


_REPAIR_HINT = (
    "peelgraph store check says what is wrong; peelgraph store repair points CURRENT at "
    "the newest complete version; peelgraph build --rebuild starts afresh"
)


def read_current(root: Path) -> Path | None:
    """The active version; None when the store holds no version at all.

    An unreadable pointer beside existing versions is an error, never "no graph
    yet": the next build would otherwise start empty and sweep them away.
    """
    cur = root / CURRENT
    try:
        name = cur.read_text(encoding="ascii").strip() if cur.exists() else None
    except (OSError, UnicodeDecodeError):
        name = ""
    if name is None:
        if versions(root):
            raise StoreError(
                f"{root}: corrupted ({CURRENT} is missing but versions exist)", hint=_REPAIR_HINT
            )
        return None
    version = root / name
    if not name.startswith("v-") or "/" in name or not (version / "oxigraph").is_dir():
        raise StoreError(
            f"{root}: corrupted ({CURRENT} is {'empty' if not name else 'unreadable'} or names no version)",
            hint=_REPAIR_HINT,
        )
    return version


def write_pointer(root: Path, version: Path) -> None:
    """Point ``CURRENT`` at ``version`` atomically and durably (file and folder fsynced)."""
    pointer = root / f"{CURRENT}.tmp"
    with open(pointer, "w", encoding="ascii") as fh:
        fh.write(version.name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(pointer, root / CURRENT)
    fsync_dir(root)


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_error(root: Path, exc: BaseException, needed_mb: float | None = None) -> StoreError:
    """An OS or RocksDB failure as one line: disk full, read-only, corrupted, or as it came."""
    import errno

    text = str(exc)
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or "No space left" in text:
        need = f" (needs about {max(1, round(needed_mb))} MB)" if needed_mb else ""
        return StoreError(
            f"{root}: no space left on device{need}",
            hint="free some space and build again; the previous graph is intact",
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only file system" in text:
        where = getattr(exc, "filename", None) or root
        return StoreError(
            f"{root}: read-only (cannot write {where})",
            hint="build into a store you can write: --store DIR",
        )
    if "Corruption" in text or "corrupt" in text.lower():
        # RocksDB names the damaged file inside a long message: show that file.
        damaged = re.search(r"(/\S+?\.(?:sst|log)|MANIFEST-\d+)\b", text)
        what = Path(damaged.group(1)).name if damaged else text.splitlines()[0][:120]
        return StoreError(f"{root}: corrupted ({what}); rebuild or restore", hint=_REPAIR_HINT)
    return StoreError(
        f"{root}: cannot use the store ({text.splitlines()[0][:200] if text else type(exc).__name__})"
    )


CHECKSUMS = "checksums.json"


def _db_files(version: Path) -> list[Path]:
    """The database's files whose bytes never change once the version is complete.

    RocksDB writes its info log (LOG) and lock file even when opened read-only;
    every other file (tables, manifest, options, write-ahead log) is left as built.
    """
    db = version / "oxigraph"
    return sorted(p for p in db.iterdir() if p.is_file() and not p.name.startswith(("LOG", "LOCK")))


# The link and derived graphs' parts beside the database (store.embedded.PARTS): the next
# write patches a graph by the difference from them, so a damaged part would be written
# into the graph unseen. They are summed with the database's files, under this prefix.
_PARTS_PREFIX = "parts/"


def _summed_files(version: Path) -> dict[str, Path]:
    """Every file the checksums cover, by its name in the record: the database's files
    by their own names, the parts by their path under the version."""
    out = {p.name: p for p in _db_files(version)}
    parts = version / _PARTS_PREFIX.rstrip("/")
    if parts.is_dir():
        for p in sorted(parts.rglob("*")):
            if p.is_file() and p.suffix != ".tmp":
                out[p.relative_to(version).as_posix()] = p
    return out


def _recorded_path(version: Path, name: str) -> Path:
    return version / name if name.startswith(_PARTS_PREFIX) else version / "oxigraph" / name


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def record_checksums(version: Path) -> None:
    """Write the SHA-256 of every database file, for ``store check`` to verify later.

    A byte flipped inside a table that no query reads (the OSP index, say) was
    found only by the next build; against these sums it is found by the check.
    """
    sums = {name: _sha256(p) for name, p in _summed_files(version).items()}
    (version / CHECKSUMS).write_text(json.dumps(sums, indent=1, sort_keys=True), encoding="utf-8")


def record_checksums_after(version: Path, previous: Path | None) -> None:
    """:func:`record_checksums`, taking the sum of a table the new version shares with
    ``previous`` (the same file, hard-linked by the checkpoint: same device and inode)
    from ``previous``'s record instead of reading it again. RocksDB never rewrites a
    table in place, so a shared file holds the bytes it was summed with; after one
    changed document nearly every table is shared, and hashing the whole database
    again (500 MB at full scale) was a second of every rebuild. A byte flipped in the
    shared file since is still found: the recorded sum is the old, right one."""
    known: dict[tuple[int, int, int], str] = {}
    if previous is not None:
        try:
            old = json.loads((previous / CHECKSUMS).read_text(encoding="utf-8"))
            recorded = list(old.items())
        except (OSError, ValueError, AttributeError):
            recorded = []  # no usable record: every file is hashed
        for name, digest in recorded:
            try:
                st = _recorded_path(previous, str(name)).stat()
            except OSError:
                continue  # gone from the old version: the new one's file is hashed
            known[(st.st_dev, st.st_ino, st.st_size)] = str(digest)
    sums = {}
    for name, p in _summed_files(version).items():
        st = p.stat()
        sums[name] = known.get((st.st_dev, st.st_ino, st.st_size)) or _sha256(p)
    (version / CHECKSUMS).write_text(json.dumps(sums, indent=1, sort_keys=True), encoding="utf-8")


def checksum_problems(version: Path) -> list[str]:
    """Files that differ from the recorded sums, or are missing (none recorded: none found)."""
    path = version / CHECKSUMS
    if not path.exists():
        return []
    try:
        sums = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(sums, dict)
    except (ValueError, UnicodeDecodeError, AssertionError):
        return [f"{CHECKSUMS} is unreadable"]
    problems = []
    for name, digest in sorted(sums.items()):
        f = _recorded_path(version, str(name))
        if not f.is_file():
            problems.append(f"{name} is missing")
        elif _sha256(f) != digest:
            problems.append(f"{name} does not match its checksum")
    return problems


@dataclass
class VersionCheck:
    """One version folder: whether its manifest and database open, and how big it is."""

    name: str
    documents: int | None = None
    problems: list[str] = field(default_factory=list)
    manifest_bad: bool = False  # only the manifest is wrong: repair can rewrite it

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class StoreCheck:
    """What ``peelgraph store check`` finds: the pointer and every version."""

    root: Path
    current: str | None = None
    pointer_problem: str | None = None
    versions: list[VersionCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        active = [v for v in self.versions if v.name == self.current]
        return self.pointer_problem is None and bool(active) and active[0].ok

    def summary(self) -> str:
        lines = [f"{self.root}: {'healthy' if self.ok else 'needs attention'}"]
        lines.append(f"  CURRENT: {self.pointer_problem or self.current or '(no graph yet)'}")
        for v in self.versions:
            mark = "*" if v.name == self.current else " "
            state = "ok" if v.ok else "; ".join(v.problems)
            docs = "" if v.documents is None else f", {v.documents} documents"
            lines.append(f"  {mark} {v.name}{docs}: {state}")
        return "\n".join(lines)


def _check_version(root: Path, version: Path) -> VersionCheck:
    import pyoxigraph

    out = VersionCheck(version.name)
    try:
        out.documents = len(read_manifest(root, version).get("documents", {}))
    except StoreError as exc:
        out.manifest_bad = True
        out.problems.append(exc.message.split(": ", 1)[-1])
    out.problems.extend(f"corrupted ({p})" for p in checksum_problems(version))
    try:
        db = pyoxigraph.Store.read_only(str(version / "oxigraph"))
        # Each pattern is answered from another index (quads by subject, predicate,
        # object, graph first): a damaged block of any of them shows here.
        for pattern in _INDEX_PATTERNS:
            for _ in db.query(pattern):
                pass
        del db
    except (OSError, RuntimeError, SyntaxError) as exc:  # RocksDB: corruption as RuntimeError
        out.problems.append(store_error(root, exc).message.split(": ", 1)[-1])
    return out


# Queries that make Oxigraph walk each of its indexes through: a triple pattern
# with the subject, predicate or object bound to each term in turn is served by
# the index starting with that position (SPO, POS, OSP) in the default graph and
# in the named graphs (GSPO, GPOS, GOSP, and SPOG, POSG, OSPG over every graph).
_INDEX_PATTERNS = (
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT DISTINCT ?p WHERE { ?s ?p ?o } } ?s2 ?p ?o2 }",
    "SELECT * WHERE { { SELECT DISTINCT ?o WHERE { ?s ?p ?o } } ?s2 ?p2 ?o }",
    "SELECT * WHERE { GRAPH ?g { { SELECT DISTINCT ?p WHERE { ?s ?p ?o } } ?s2 ?p ?o2 } }",
    "SELECT * WHERE { GRAPH ?g { { SELECT DISTINCT ?o WHERE { ?s ?p ?o } } ?s2 ?p2 ?o } }",
    "SELECT * WHERE { { SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } } } GRAPH ?h { ?s2 ?p ?o2 } }",
    "SELECT * WHERE { { SELECT DISTINCT ?o WHERE { GRAPH ?g { ?s ?p ?o } } } GRAPH ?h { ?s2 ?p2 ?o } }",
)


def check(root: Path) -> StoreCheck:
    """Look at the pointer and every complete version, reading each database through."""
    report = StoreCheck(root)
    try:
        current = read_current(root)
        report.current = current.name if current else None
    except StoreError as exc:
        report.pointer_problem = exc.message.split(": ", 1)[-1]
    report.versions = [_check_version(root, v) for v in versions(root)]
    return report


def repair(root: Path) -> StoreCheck:
    """Point ``CURRENT`` at the newest version that checks out; returns the check after."""
    report = check(root)
    if report.ok:
        return report
    good = [v for v in report.versions if v.ok]
    fixable = [v for v in report.versions if v.manifest_bad and len(v.problems) == 1]
    if not good and fixable:
        rewrite_manifest(root, root / fixable[0].name)
        if report.pointer_problem:
            write_pointer(root, root / fixable[0].name)
        return check(root)
    if not good:
        raise StoreError(
            f"{root}: no complete version to repair from",
            hint="rebuild: peelgraph build --rebuild PATH...",
        )
    write_pointer(root, root / good[0].name)  # versions() lists the newest first
    return check(root)


def rewrite_manifest(root: Path, version: Path) -> tuple[int, int]:
    """Replace a manifest of the wrong shape by what is sound in it: (kept, dropped) entries.

    Entries of the wrong shape are dropped (their documents are built afresh by
    the next build); the format is read from the database itself, as stores
    since format 2 hold the union of the named graphs in their default graph.
    """
    import pyoxigraph

    path = version / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        data = {}
    docs = data.get("documents") if isinstance(data, dict) else None
    docs = docs if isinstance(docs, dict) else {}
    kept = {k: v for k, v in docs.items() if entry_problem(v) is None}
    db = pyoxigraph.Store.read_only(str(version / "oxigraph"))
    union = bool(db.query("ASK { ?s ?p ?o }"))  # the default graph alone
    del db
    fixed = {"documents": kept, "format": 2 if union else 1}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(fixed, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
    fsync_dir(version)
    return len(kept), len(docs) - len(kept)
