"""Document facts at scale: kind, force and year against a corpus INDEX read by a person.

``peelgraph eval --index INDEX.md --docs DIR`` reads every document the INDEX
lists (only its text: nothing is read from a file name), extracts the
document's own facts and compares them with the INDEX row: agreement per field,
and every disagreement.

The INDEX is a markdown table with the columns ``file | kind | force | year``
(more columns are ignored). Its values are compared as follows; ``?`` is not
counted.

``kind``: the INDEX's kinds name where a page comes from; peelgraph's name what
a document does (:data:`peelgraph.reference.kinds.DOCUMENT_KINDS`). One table
maps the first to the second, :data:`KIND_MAP`:

==========================  ===============================================
INDEX kind                  peelgraph kind (reporter where it decides)
==========================  ===============================================
force-page, pillar-page     force-page or inspection-report
report                      inspection-report or force-page
recommendation-page         recommendation-page or register-entry
commissioner-page           commissioner-page
force-press-release         force-response (a force's own answer)
inspectorate-press-release  other, reported by inspectorate-press-release
national-page               other
other                       not compared (the reader's catch-all: letters,
                            publication pages, a Hansard debate, an FOI page)
==========================  ===============================================

``force``: a force's name agrees with the force peelgraph read (names
normalised); ``national`` and ``several`` agree with a national document.

``year``: "2016" agrees with inspection year 2016; a round's label, "2018/19",
"2021/22", "2023-25", agrees with the round's first year (2018, 2021, 2023),
the year peelgraph gives every document of that round beside its label.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph.errors import InputError
from peelgraph.reference import forces

FIELDS = ("kind", "force", "year")
# INDEX kind -> (the peelgraph kinds that agree, the reporter required or None).
KIND_MAP: dict[str, tuple[frozenset[str], str | None]] = {
    "force-page": (frozenset({"force-page", "inspection-report"}), None),
    "pillar-page": (frozenset({"force-page", "inspection-report"}), None),
    "report": (frozenset({"inspection-report", "force-page"}), None),
    "recommendation-page": (frozenset({"recommendation-page", "register-entry"}), None),
    "commissioner-page": (frozenset({"commissioner-page"}), None),
    "force-press-release": (frozenset({"force-response"}), None),
    "inspectorate-press-release": (frozenset({"other"}), "inspectorate-press-release"),
    "national-page": (frozenset({"other"}), None),
}
NOT_COMPARED = frozenset({"?", "", "other"})
NATIONAL = frozenset({"national", "several"})
_YEAR_RE = re.compile(r"^((?:19|20)\d\d)(?:\s*[/-]\s*\d{2,4})?$")


@dataclass(frozen=True)
class Row:
    file: str
    kind: str
    force: str
    year: str


@dataclass(frozen=True)
class Read:
    """What peelgraph read of one document, in the INDEX's terms."""

    kind: str
    reporter: str
    force: str  # the force's name, "national" or "(unknown)"
    year: int | None
    label: str | None


@dataclass
class IndexReport:
    agree: Counter[str] = field(default_factory=Counter)
    counted: Counter[str] = field(default_factory=Counter)
    # (file, field, INDEX value, peelgraph value)
    disagreements: list[tuple[str, str, str, str]] = field(default_factory=list)
    documents: int = 0
    all_agree: int = 0  # documents whose every counted field agrees

    def rate(self, f: str) -> float:
        return self.agree[f] / self.counted[f] if self.counted[f] else 1.0

    def to_text(self) -> str:
        out = ["field        agree  counted   rate"]
        for f in FIELDS:
            out.append(f"{f:<10} {self.agree[f]:>7} {self.counted[f]:>8}  {self.rate(f):.3f}")
        total_a, total_c = sum(self.agree.values()), sum(self.counted.values())
        out.append(f"{'all fields':<10} {total_a:>7} {total_c:>8}  {total_a / total_c:.3f}")
        out.append(
            f"documents with every counted field right: {self.all_agree} of {self.documents}"
        )
        out.append(f"\nDisagreements ({len(self.disagreements)}): file, field, INDEX, peelgraph")
        out += [f"  {f}  {k}: {a} / {b}" for f, k, a, b in self.disagreements]
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": {
                f: {"agree": self.agree[f], "counted": self.counted[f], "rate": self.rate(f)}
                for f in FIELDS
            },
            "documents": self.documents,
            "all_agree": self.all_agree,
            "disagreements": [
                {"file": f, "field": k, "index": a, "peelgraph": b}
                for f, k, a, b in self.disagreements
            ],
        }


def read_index(path: Path) -> list[Row]:
    """The INDEX's rows: a markdown table whose header names file, kind, force and year."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the index ({exc.strerror})") from None
    header: list[str] | None = None
    rows: list[Row] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            if {"file", *FIELDS} <= set(cells):
                header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # the table's rule line
        r = dict(zip(header, cells, strict=False))
        rows.append(Row(r["file"], r["kind"], r["force"], r["year"]))
    if header is None:
        raise InputError(str(path), "no table with the columns file, kind, force and year")
    return rows


def _kind_agrees(index_kind: str, read: Read) -> bool:
    kinds, reporter = KIND_MAP.get(index_kind, (frozenset({index_kind}), None))
    return read.kind in kinds and (reporter is None or read.reporter == reporter)


def _force_agrees(index_force: str, read: Read) -> bool:
    if index_force.lower() in NATIONAL:
        return read.force == "national"
    return forces.normalise_name(index_force) == forces.normalise_name(read.force)


def _year_agrees(index_year: str, read: Read) -> bool:
    m = _YEAR_RE.match(index_year)
    return bool(m) and read.year == int(m.group(1))


def compare(rows: list[Row], reads: dict[str, Read]) -> IndexReport:
    report = IndexReport()
    checks = {"kind": _kind_agrees, "force": _force_agrees, "year": _year_agrees}
    for row in rows:
        read = reads[row.file]
        report.documents += 1
        every = True
        for f in FIELDS:
            want = getattr(row, f)
            if want in NOT_COMPARED or (f == "kind" and want not in KIND_MAP):
                continue
            report.counted[f] += 1
            if checks[f](want, read):
                report.agree[f] += 1
                continue
            every = False
            got = {
                "kind": f"{read.kind} ({read.reporter})",
                "force": read.force,
                "year": f"{read.year} ({read.label})" if read.year else "none",
            }[f]
            report.disagreements.append((row.file, f, want, got))
        report.all_agree += every
    return report


def read_document(path: Path) -> Read:
    """The document's own facts, read from its text alone."""
    from peelgraph.extract.metadata import extract_info
    from peelgraph.ingest.read import ingest

    info, _ = extract_info(ingest(path))
    force = (
        forces.BY_SLUG[info.force].name
        if info.force
        else ("national" if info.scope == "national" else "(unknown)")
    )
    return Read(info.kind, info.reported_by, force, info.inspection_year, info.year_label)


def evaluate_index(index: Path, docs: Path) -> IndexReport:
    rows = read_index(index)
    reads: dict[str, Read] = {}
    for row in rows:
        path = docs / row.file
        if not path.exists():
            raise InputError(str(path), "named in the index but not found in --docs")
        reads[row.file] = read_document(path)
    return compare(rows, reads)


def report_json(report: IndexReport) -> str:
    return json.dumps(report.to_json(), indent=1, ensure_ascii=False)
