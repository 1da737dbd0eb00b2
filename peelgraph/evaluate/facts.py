"""Evaluate extraction against a gold file: precision, recall and F1 per fact type.

Gold format: ``../shared/gold/README.md`` (one list per fact type, each entry
with ``file`` and an exact ``evidence`` substring of its document).

Matching rules, per type (a produced fact and a gold fact are matched one to
one, best first; an unmatched produced fact is a false positive, an unmatched
gold fact a miss; gold entries marked ``borderline`` count when matched and
are left out of recall when missed):

* ``documents``: same file; kind equal (or the gold ``kind_alt``), force equal
  after name normalisation, inspection year equal.
* ``judgements``: same file; force, inspection year, question and grade equal
  (exact keys: these are categorical).
* ``findings``: same file and type; text similarity (normalised words,
  :func:`~peelgraph.text.similarity.word_ratio`) of at least ``TEXT_THRESHOLD``; where the gold text is
  null (a reference-only finding), evidence overlap instead.
* ``status_events``: same file; date, event type and status equal.
* ``organisations`` / ``programmes``: same file; canonical names equal after
  normalisation (case, punctuation, "the", "&", aliases and acronyms of the
  reference lists), or similar at ``NAME_THRESHOLD``, or the produced name
  equals the gold ``name`` as written.
* ``ocg_figures``: same file and force; the "as at" date equal (both may be null)
  and the per-million rate equal where both give one.
* ``metrics``: same file and force; value equal (to 0.1%); measure names
  similar at ``NAME_THRESHOLD`` or the evidence overlapping.
* ``back_references``: same file; year referred to equal; evidence overlapping
  or the topic similar at ``NAME_THRESHOLD``.
* ``disputes``: same file; question and disputed grade equal.
* ``links``: same files and relation; both ends' evidence overlapping. The links
  are those a build of the gold's files makes (the real pipeline, into a
  temporary store).

Evidence overlap is measured in the original file: a produced fact's span is
mapped back through the document's segment map; the gold evidence is found
verbatim in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peelgraph.errors import InputError
from peelgraph.evaluate.links import LinkReport, gold_files
from peelgraph.extract.facts import Evidence, Facts
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.text.similarity import char_ratio, word_ratio

TYPES = (
    "documents",
    "judgements",
    "findings",
    "status_events",
    "organisations",
    "programmes",
    "ocg_figures",
    "metrics",
    "back_references",
    "disputes",
    "links",
)
TEXT_THRESHOLD = 0.8
NAME_THRESHOLD = 0.85


def programme_key(name: str | None) -> str:
    """Programme names compare without a generic head ("Think Family programme" = "Think Family")."""
    from peelgraph.extract.programmes import programme_key as key

    return key(name) if name else ""


def normalise_name(name: str | None) -> str:
    if not name:
        return ""
    f = forces.lookup(name)
    if f is not None:
        return f.slug
    s = re.sub(r"\([^)]*\)", " ", name)  # "multi-agency safeguarding hub (MASH)"
    return forces.normalise_name(s)


# --------------------------------------------------------------------------- records


@dataclass
class Record:
    """A fact in the gold file's shape, with where its evidence lies in the file."""

    type: str
    file: str
    fields: dict[str, Any]
    spans: list[tuple[int, int]] = field(default_factory=list)
    borderline: bool = False
    to_spans: list[tuple[int, int]] = field(default_factory=list)  # links: the target's evidence

    def describe(self) -> str:
        keys = [
            k for k in self.fields if not k.startswith("evidence") and self.fields[k] is not None
        ]
        main = ", ".join(f"{k}={str(self.fields[k])[:70]!s}" for k in keys[:6])
        return f"{self.file}: {main}"

    @property
    def evidence(self) -> str | None:
        ev = self.fields.get("evidence") or self.fields.get("evidence_from")
        return str(ev) if ev else None


def _raw_span(doc: Document, ev: Evidence) -> tuple[int, int]:
    return doc.source_span(ev.start, ev.end)


def _force_name(slug: str | None) -> str | None:
    return forces.BY_SLUG[slug].name if slug else None


def _document_fields(info: Any) -> dict[str, Any]:
    return {
        "kind": info.kind,
        "force": _force_name(info.force),
        "inspection_year": info.inspection_year,
        "programme": info.programme,
        "published": info.published,
        "author": info.author,
        "addressee": info.addressee,
    }


# Each fact type in the gold file's shape: the Facts field it comes from, and its fields.
_FIELDS: dict[str, tuple[str, Callable[[Any], dict[str, Any]]]] = {
    "judgements": ("judgements", lambda j: {
        "force": _force_name(j.force), "inspection_year": j.inspection_year,
        "question": j.question, "grade": j.grade, "last_inspected": j.last_inspected}),
    "findings": ("findings", lambda f: {
        "type": f.type, "text": f.text, "question": f.question,
        "inspection_year": f.inspection_year, "quoted_from_year": f.quoted_from_year}),
    "status_events": ("status_events", lambda e: {
        "date": e.date, "event_type": e.event_type, "status": e.status}),
    "organisations": ("organisations", lambda o: {
        "name": o.name, "canonical": o.canonical, "category": o.category, "role": o.role}),
    "programmes": ("programmes", lambda p: {
        "name": p.name, "canonical": p.canonical, "category": p.category}),
    "metrics": ("measures", lambda m: {
        "force": _force_name(m.force), "measure": m.measure, "period": m.period,
        "value": m.value, "unit": m.unit, "england_wales_value": m.england_wales_value}),
    "ocg_figures": ("ocg_figures", lambda o: {
        "force": _force_name(o.force), "as_at": o.as_at, "ocg_count": o.count,
        "ocgs_per_million": o.per_million,
        "england_wales_per_million": o.england_wales_per_million}),
    "back_references": ("back_references", lambda b: {
        "force": _force_name(b.force), "refers_to_year": b.refers_to_year,
        "refers_to_kind": b.refers_to_kind, "topic": b.topic, "outcome": b.outcome}),
    "disputes": ("stances", lambda st: {
        "force": _force_name(st.force), "inspection_year": st.inspection_year,
        "question": st.question, "grade_disputed": st.grade, "target": st.target}),
}  # fmt: skip


def facts_to_records(facts: Facts) -> dict[str, list[Record]]:
    """The extractor's facts for one document in the gold file's shape."""
    doc = facts.document
    out: dict[str, list[Record]] = {t: [] for t in TYPES}

    def record(t: str, ev: Evidence, fields: dict[str, Any]) -> Record:
        return Record(t, doc.name, {**fields, "evidence": ev.quote}, [_raw_span(doc, ev)])

    out["documents"].append(record("documents", facts.info.evidence, _document_fields(facts.info)))
    for t, (attr, fields) in _FIELDS.items():
        for x in getattr(facts, attr):
            if t == "disputes" and x.stance != "disputes":
                continue  # the gold lists disputes only; an accepting stance is no dispute
            out[t].append(record(t, x.evidence, fields(x)))
    return out


def gold_records(
    gold: dict[str, list[dict[str, Any]]], texts: dict[str, str]
) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {t: [] for t in TYPES}
    for t in TYPES:
        for entry in gold.get(t, []):
            file = entry.get("file") or entry.get("from_file") or ""
            spans: list[tuple[int, int]] = []
            for k, v in entry.items():
                if not k.startswith("evidence") or not isinstance(v, str) or k == "evidence_to":
                    continue
                raw = texts.get(file, "")
                i = raw.find(v)
                while i >= 0:
                    spans.append((i, i + len(v)))
                    i = raw.find(v, i + 1)
            to_spans: list[tuple[int, int]] = []
            if t == "links" and isinstance(entry.get("evidence_to"), str):
                raw = texts.get(entry.get("to_file", ""), "")
                i = raw.find(entry["evidence_to"])
                if i >= 0:
                    to_spans.append((i, i + len(entry["evidence_to"])))
            out[t].append(
                Record(t, file, dict(entry), spans, bool(entry.get("borderline")), to_spans)
            )
    return out


# --------------------------------------------------------------------------- matching


def _overlap(a: Record, b: Record) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.spans for s2, e2 in b.spans)


def _eq(a: Any, b: Any) -> bool:
    return a == b or (a is None and b is None)


def _score(t: str, p: Record, g: Record) -> float:
    """How well produced record ``p`` matches gold ``g`` (0 = not a match)."""
    if p.file != g.file:
        return 0.0
    pf, gf = p.fields, g.fields
    if t == "documents":
        kinds = {gf.get("kind"), gf.get("kind_alt")}
        ok = (
            pf.get("kind") in kinds
            and normalise_name(pf.get("force")) == normalise_name(gf.get("force"))
            and pf.get("inspection_year") == gf.get("inspection_year")
        )
        return 1.0 if ok else 0.0
    if t == "judgements":
        keys = ("question", "grade", "inspection_year")
        ok = all(pf.get(k) == gf.get(k) for k in keys) and normalise_name(
            pf.get("force")
        ) == normalise_name(gf.get("force"))
        return 1.0 if ok else 0.0
    if t == "findings":
        if pf.get("type") != gf.get("type"):
            return 0.0
        if gf.get("text"):
            s = max(
                word_ratio(pf.get("text"), gf.get("text")),
                word_ratio(pf.get("text"), gf.get("text_verbatim")),
            )
            return s if s >= TEXT_THRESHOLD else 0.0
        return 0.9 if _overlap(p, g) else 0.0
    if t == "status_events":
        keys = ("date", "event_type", "status")
        return 1.0 if all(_eq(pf.get(k), gf.get(k)) for k in keys) else 0.0
    if t in {"organisations", "programmes"}:
        norm = programme_key if t == "programmes" else normalise_name
        pnames = {norm(pf.get("canonical")), norm(pf.get("name"))} - {""}
        gnames = {norm(gf.get("canonical")), norm(gf.get("name"))} - {""}
        if norm(pf.get("canonical")) == norm(gf.get("canonical")):
            return 1.0
        if pnames & gnames:
            return 0.95
        best = max((char_ratio(a, b) for a in pnames for b in gnames), default=0.0)
        return best if best >= NAME_THRESHOLD else 0.0
    if t == "ocg_figures":
        if normalise_name(pf.get("force")) != normalise_name(gf.get("force")):
            return 0.0
        if not _eq(pf.get("as_at"), gf.get("as_at")):
            return 0.0
        pr, gr = pf.get("ocgs_per_million"), gf.get("ocgs_per_million")
        if pr is not None and gr is not None and abs(float(pr) - float(gr)) > 0.51:
            return 0.0
        return 1.0
    if t == "metrics":
        if normalise_name(pf.get("force")) != normalise_name(gf.get("force")):
            return 0.0
        try:
            pv, gv = float(pf.get("value")), float(gf.get("value"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0.0
        if abs(pv - gv) > max(1e-9, abs(gv) * 0.001):
            return 0.0
        s = word_ratio(
            pf.get("measure", "").replace("_", " "), gf.get("measure", "").replace("_", " ")
        )
        if _overlap(p, g):
            return max(s, 0.9)
        return s if s >= NAME_THRESHOLD else 0.0
    if t == "back_references":
        if pf.get("refers_to_year") != gf.get("refers_to_year"):
            return 0.0
        if _overlap(p, g):
            return 1.0
        s = word_ratio(pf.get("topic"), gf.get("topic"))
        return s if s >= NAME_THRESHOLD else 0.0
    if t == "disputes":
        ok = pf.get("question") == gf.get("question") and pf.get("grade_disputed") == gf.get(
            "grade_disputed"
        )
        return 1.0 if ok else 0.0
    return 0.0


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class EvalResult:
    types: dict[str, TypeScore]
    misses: list[Record]
    false_positives: list[Record]
    evidence_checked: int
    evidence_failed: list[str]
    # Per attribute scored on matched pairs only (e.g. a back-reference's
    # outcome): (agreeing, matched, the pairs that disagree as "produced / gold").
    attributes: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)
    links: LinkReport | None = None  # links by tier, with ranking (peelgraph.evaluate.links)

    @property
    def overall(self) -> TypeScore:
        total = TypeScore()
        for s in self.types.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    @property
    def evidence_ok(self) -> float:
        if not self.evidence_checked:
            return 1.0
        return (self.evidence_checked - len(self.evidence_failed)) / self.evidence_checked

    def to_json(self) -> dict[str, Any]:
        def item(r: Record) -> dict[str, Any]:
            return {
                "type": r.type,
                "file": r.file,
                **{k: v for k, v in r.fields.items() if k != "note"},
            }

        return {
            "types": {t: s.to_json() for t, s in self.types.items()},
            "overall": self.overall.to_json(),
            "evidence_ok": round(self.evidence_ok, 4),
            "evidence_failures": self.evidence_failed,
            "attributes": {
                k: {"agree": a, "matched": n, "disagreements": d}
                for k, (a, n, d) in self.attributes.items()
            },
            "links": self.links.to_json() if self.links else None,
            "misses": [item(r) for r in self.misses],
            "false_positives": [item(r) for r in self.false_positives],
        }

    def to_text(self) -> str:
        lines = [
            f"{'type':16} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
        ]
        for t, s in [*self.types.items(), ("overall", self.overall)]:
            lines.append(
                f"{t:16} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}"
            )
        lines.append("")
        lines.append(
            f"evidence check: {self.evidence_ok:.1%} of {self.evidence_checked} extracted facts have a quote "
            "found verbatim at its offsets and mapping back to the file"
        )
        for msg in self.evidence_failed[:20]:
            lines.append(f"  FAILED {msg}")
        if self.links is not None:
            lines += ["", self.links.to_text()]
        for k, (a, n, disagreements) in self.attributes.items():
            lines.append(f"{k}: {a} of {n} matched facts agree with the gold")
            lines += [f"  {d}" for d in disagreements]
        if self.misses:
            lines += ["", f"Misses ({len(self.misses)}): gold facts the extractor did not produce"]
            for r in self.misses:
                ev = (r.evidence or "").replace("\n", " ")[:100]
                lines.append(f"  [{r.type}] {r.describe()}")
                lines.append(f"      evidence: “{ev}”")
        if self.false_positives:
            lines += [
                "",
                f"False positives ({len(self.false_positives)}): produced facts the gold lacks",
            ]
            for r in self.false_positives:
                ev = (r.evidence or "").replace("\n", " ")[:100]
                lines.append(f"  [{r.type}] {r.describe()}")
                lines.append(f"      evidence: “{ev}”")
        return "\n".join(lines)


# Attributes compared on matched pairs: right fact, but is this field right too?
ATTRIBUTES = {"back_references": ("outcome",)}


def match(
    t: str, produced: list[Record], gold: list[Record]
) -> tuple[TypeScore, list[Record], list[Record], list[tuple[Record, Record]]]:
    pairs = []
    for i, p in enumerate(produced):
        for j, g in enumerate(gold):
            s = _score(t, p, g)
            if s > 0:
                pairs.append((s, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[Record, Record]] = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched.append((produced[i], gold[j]))
    score = TypeScore(tp=len(used_p))
    fps = [p for i, p in enumerate(produced) if i not in used_p]
    misses = [g for j, g in enumerate(gold) if j not in used_g and not g.borderline]
    score.fp, score.fn = len(fps), len(misses)
    return score, misses, fps, matched


def check_evidence(facts: Facts) -> tuple[int, list[str]]:
    """Every quote is verbatim at its offsets and maps back to the file (and page)."""
    doc = facts.document
    evs: list[Evidence] = [facts.info.evidence]
    evs += [
        x.evidence  # type: ignore[attr-defined]
        for x in (
            *facts.judgements,
            *facts.findings,
            *facts.status_events,
            *facts.organisations,
            *facts.programmes,
            *facts.measures,
            *facts.ocg_figures,
            *facts.back_references,
            *facts.stances,
        )
    ]
    failed: list[str] = []
    for ev in evs:
        where = f"{doc.name}[{ev.start}:{ev.end}]"
        if doc.text[ev.start : ev.end] != ev.quote:
            failed.append(f"{where}: quote is not the text at its offsets")
            continue
        ra, rb = doc.source_span(ev.start, ev.end)
        raw = doc.raw_text[ra:rb]
        # Deleting artefacts from the raw span must give back the quote exactly.
        from peelgraph.ingest.read import clean_text

        if clean_text(raw)[0].strip() != ev.quote.strip() and not _subsequence(ev.quote, raw):
            failed.append(f"{where}: quote does not map back to the file")
            continue
        if doc.pages and (ev.page is None or doc.page_at(ev.start) != ev.page):
            failed.append(f"{where}: wrong page")
    return len(evs), failed


def _subsequence(quote: str, raw: str) -> bool:
    it = iter(raw)
    return all(ch in it for ch in quote)


def evaluate(gold_path: Path, docs_dir: Path, weights: Path | None = None) -> EvalResult:
    """The extractor's facts and the pipeline's links against a gold file (links with
    the model at ``weights``, the shipped one by default)."""
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(gold_path), f"cannot read the gold file ({exc})") from None
    files = gold_files(gold)
    produced: dict[str, list[Record]] = {t: [] for t in TYPES}
    texts: dict[str, str] = {}
    checked, failures = 0, []
    for name in files:
        path = docs_dir / name
        if not path.exists():
            raise InputError(str(path), "named in the gold file but not found in --docs")
        facts = extract(ingest(path))
        texts[name] = facts.document.raw_text
        for t, recs in facts_to_records(facts).items():
            produced[t].extend(recs)
        n, bad = check_evidence(facts)
        checked += n
        failures += bad
    gold_recs = gold_records(gold, texts)
    links = _links(gold, docs_dir, gold_path.name, weights)
    types: dict[str, TypeScore] = {}
    misses: list[Record] = []
    fps: list[Record] = []
    attributes: dict[str, tuple[int, int, list[str]]] = {}
    for t in TYPES:
        if t == "links":
            types[t], m, fp = _link_scores(links)
            misses += m
            fps += fp
            continue
        score, m, fp, matched = match(t, produced[t], gold_recs[t])
        types[t] = score
        misses += m
        fps += fp
        for attr in ATTRIBUTES.get(t, ()):
            scored = [(p, g) for p, g in matched if g.fields.get(attr) is not None]
            wrong = [
                f"{p.file}: {p.fields.get(attr)} / {g.fields.get(attr)}: "
                f"“{(p.evidence or '')[:70]}”"
                for p, g in scored
                if p.fields.get(attr) != g.fields.get(attr)
            ]
            attributes[f"{t} {attr}"] = (len(scored) - len(wrong), len(scored), wrong)
    return EvalResult(types, misses, fps, checked, failures, attributes, links)


def _links(gold: dict[str, Any], docs_dir: Path, name: str, weights: Path | None) -> LinkReport:
    from peelgraph.evaluate.linkbench import LinkBench
    from peelgraph.link.model import load_model

    return LinkBench(gold, docs_dir, name=name).report(load_model(weights))


def _link_scores(links: LinkReport) -> tuple[TypeScore, list[Record], list[Record]]:
    """The links row of the table (every shown link against every gold link), and the
    misses and false positives in the shape of the other types."""
    tp, fp, fn = links.counts
    misses = [
        Record("links", g.from_file, dict(g.entry), list(g.from_spans), False, list(g.to_spans))
        for g in links.misses()
    ]
    fps = [
        Record(
            "links",
            p.from_file,
            {
                "from_file": p.from_file,
                "to_file": p.to_file,
                "relation": p.relation,
                "tier": p.tier,
                "score": p.score,
                "evidence": p.evidence,
            },
            [p.from_span],
            False,
            [p.to_span],
        )
        for p in links.false_positives()
    ]
    return TypeScore(tp, fp, fn), misses, fps
