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
    if not isinstance(data, dict):
        raise StoreError(f"{root}: corrupted ({path.relative_to(root)}); rebuild or restore")
    return data


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


@dataclass
class VersionCheck:
    """One version folder: whether its manifest and database open, and how big it is."""

    name: str
    documents: int | None = None
    problems: list[str] = field(default_factory=list)

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
        out.problems.append(exc.message.split(": ", 1)[-1])
    try:
        db = pyoxigraph.Store.read_only(str(version / "oxigraph"))
        for _ in db.quads_for_pattern(None, None, None, None):
            pass  # reads every block: a corrupted file shows here
        del db
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
        out.problems.append(store_error(root, exc).message.split(": ", 1)[-1])
    return out


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
    if not good:
        raise StoreError(
            f"{root}: no complete version to repair from",
            hint="rebuild: peelgraph build --rebuild PATH...",
        )
    write_pointer(root, root / good[0].name)  # versions() lists the newest first
    return check(root)
