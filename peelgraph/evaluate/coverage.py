"""The coverage report: every cue of each document, and what reads it.

``peelgraph coverage DOCS...`` extracts each document and lists its cues
(:mod:`peelgraph.extract.cues`): accounted for by a fact whose evidence holds
it, ruled out by a named rule, or not read. The totals per cue kind and per
rule say how much of what the documents signal the graph holds, and what the
rules set aside; the cues not read are where to look for forms the extractor
has not met.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph.extract.cues import CUE_KINDS, RULES, CueReading, read_cues

CONTEXT = 60  # characters shown either side of a cue not read


@dataclass(frozen=True)
class DocumentCoverage:
    name: str
    readings: tuple[CueReading, ...]
    text: str

    def unread(self) -> list[CueReading]:
        return [r for r in self.readings if not r.read]


@dataclass
class CoverageReport:
    documents: list[DocumentCoverage] = field(default_factory=list)
    # (file, "FILE: problem"): files that could not be read, as the build words them.
    failures: list[tuple[str, str]] = field(default_factory=list)

    def totals(self) -> dict[str, dict[str, int]]:
        """Per cue kind: cues, accounted for, ruled out, not read."""
        out = {k: {"cues": 0, "accounted": 0, "ruled_out": 0, "not_read": 0} for k in CUE_KINDS}
        for d in self.documents:
            for r in d.readings:
                t = out[r.cue.kind]
                t["cues"] += 1
                t["accounted" if r.accounted_by else "ruled_out" if r.rule else "not_read"] += 1
        return out

    def by_rule(self) -> Counter[tuple[str, str]]:
        return Counter((r.cue.kind, r.rule) for d in self.documents for r in d.readings if r.rule)

    def by_fact(self) -> Counter[tuple[str, str]]:
        return Counter(
            (r.cue.kind, r.accounted_by)
            for d in self.documents
            for r in d.readings
            if r.accounted_by
        )

    def to_text(self, show_all: bool = False, shown_as: Callable[[str], str] = str) -> str:
        """The report; ``shown_as`` escapes what comes from files (names, their text) for a
        terminal."""
        out: list[str] = []
        for d in self.documents:
            unread = d.unread()
            shown = d.readings if show_all else tuple(unread)
            out.append(f"{shown_as(d.name)}: {len(d.readings)} cues, {len(unread)} not read")
            for r in shown:
                what = (
                    f"read as {r.accounted_by}"
                    if r.accounted_by
                    else f"ruled out: {r.rule}"
                    if r.rule
                    else "NOT READ"
                )
                out.append(f"  {r.cue.kind:<14} {shown_as(_context(d.text, r))}  [{what}]")
        out.append("")
        out.append("cue kind        cues  accounted  ruled out  not read  read")
        for k, t in self.totals().items():
            rate = (t["accounted"] + t["ruled_out"]) / t["cues"] if t["cues"] else 1.0
            out.append(
                f"{k:<14} {t['cues']:>5} {t['accounted']:>10} {t['ruled_out']:>10} "
                f"{t['not_read']:>9} {rate:>5.1%}"
            )
        out.append("")
        out.append("accounted for by            cues")
        for (k, fact), n in sorted(self.by_fact().items()):
            out.append(f"  {k:<14} {fact:<16} {n:>5}")
        out.append("ruled out by                cues")
        order = {r.name: i for i, r in enumerate(RULES)}
        for (k, rule), n in sorted(self.by_rule().items(), key=lambda x: (x[0][0], order[x[0][1]])):
            out.append(f"  {k:<14} {rule}: {n}")
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": [
                {
                    "file": d.name,
                    "cues": [
                        {
                            "kind": r.cue.kind,
                            "start": r.cue.start,
                            "end": r.cue.end,
                            "text": r.cue.word,
                            "context": _context(d.text, r),
                            "accounted_by": r.accounted_by,
                            "rule": r.rule,
                            "read": r.read,
                        }
                        for r in d.readings
                    ],
                }
                for d in self.documents
            ],
            "failures": [{"file": n, "message": m} for n, m in self.failures],
            "totals": self.totals(),
            "rules": [
                {"kind": k, "rule": rule, "cues": n} for (k, rule), n in self.by_rule().items()
            ],
        }

    def json(self) -> str:
        return json.dumps(self.to_json(), indent=1, ensure_ascii=False)


def _context(text: str, r: CueReading) -> str:
    a, b = r.cue.start, r.cue.end
    before = " ".join(text[max(0, a - CONTEXT) : a].split())
    after = " ".join(text[b : b + CONTEXT].split())
    return f"…{before} »{text[a:b]}« {after}…"


def coverage(paths: list[Path]) -> CoverageReport:
    """Every file read and extracted, its cues read; files that cannot be read listed."""
    from peelgraph.errors import PeelgraphError
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    report = CoverageReport()
    for path in paths:
        try:
            facts = extract(ingest(path))
        except PeelgraphError as exc:
            report.failures.append((str(path), str(exc)))
            continue
        report.documents.append(
            DocumentCoverage(path.name, tuple(read_cues(facts)), facts.document.text)
        )
    return report
