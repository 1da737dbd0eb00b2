"""Validation results kept by content, so that only what changed is validated again.

Validation cuts the store into batches (:func:`peelgraph.validate.shacl._partitions`)
that are checked apart. A batch's result depends only on its triples, the
shapes and the validating code, so it is kept under a key made of those: a
document batch's key from the checksums and extractor of its documents (read
from the manifest, no dump needed), a link batch's from its N-Triples. After one
changed document, only the batches that hold it (and the link batches whose
triples changed) are validated again; the rest are read back.

The results live beside the store's versions in ``validation-cache.json``: not
part of the graph (validate never writes to it), written atomically, and
pruned on each run to the batches of the store just validated. A store folder
that cannot be written simply gets no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from peelgraph.validate.shacl import ValidationReport, Violation

CACHE_FILE = "validation-cache.json"
_FORMAT = 3  # results and notes (3: each violation names its constraint component)


@cache
def fingerprint() -> str:
    """The shapes, pySHACL's version and the validating code (both engines): a change in any of them
    makes every cached result stale."""
    from importlib.metadata import version

    from peelgraph.resources import list_resources

    # pySHACL's version from its metadata: importing it costs 2 s, which the in-store
    # engine does not otherwise spend.
    h = hashlib.sha256(version("pyshacl").encode())
    for path in sorted(list_resources("shapes", ".ttl"), key=str):
        h.update(Path(path).read_bytes())
    here = Path(__file__).parent
    for f in sorted(here.glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def key(*parts: bytes | str) -> str:
    """A batch's key: its content (or what determines it) under :func:`fingerprint`."""
    h = hashlib.sha256(fingerprint().encode())
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def _to_json(r: ValidationReport) -> dict[str, Any]:
    return asdict(r)


def _from_json(d: dict[str, Any]) -> ValidationReport:
    violations = tuple(
        Violation(**{**v, "documents": tuple(v.get("documents", ()))})
        for v in d.get("violations", ())
    )
    return ValidationReport(
        conforms=bool(d["conforms"]),
        violations=violations,
        triples=int(d["triples"]),
        raw_turtle=d.get("raw_turtle", ""),
        statements=int(d.get("statements", 0)),
    )


class ResultCache:
    """Batch results by key, read from and written to a store folder (or nowhere).

    Beside the results, ``notes``: what saves reading the store again when nothing it
    depends on changed (a link graph's chunk keys under the key of the documents that
    determine it; the store's counts under its version)."""

    def __init__(self, root: Path | None) -> None:
        self.path = root / CACHE_FILE if root is not None else None
        self.results: dict[str, ValidationReport] = {}
        self.notes: dict[str, Any] = {}
        if self.path is not None and self.path.exists():
            # A cache that cannot be read is no cache: everything is validated again.
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                if raw.get("format") == _FORMAT:
                    self.results = {k: _from_json(v) for k, v in raw["results"].items()}
                    self.notes = dict(raw.get("notes", {}))

    def get(self, k: str) -> ValidationReport | None:
        return self.results.get(k)

    def save(self, results: dict[str, ValidationReport], notes: dict[str, Any]) -> None:
        """Keep exactly ``results`` (the batches of the store just validated) and ``notes``."""
        self.results, self.notes = dict(results), dict(notes)
        if self.path is None:
            return
        tmp = self.path.with_name(f".{CACHE_FILE}.{os.getpid()}")
        try:
            body = {
                "format": _FORMAT,
                "results": {k: _to_json(v) for k, v in sorted(results.items())},
                "notes": notes,
            }
            tmp.write_text(json.dumps(body, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
