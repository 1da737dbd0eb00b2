"""A gold set's documents built by the pipeline, ready to score links (see :mod:`peelgraph.evaluate.links`)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from peelgraph.evaluate.links import (
    GoldLink,
    LinkRecord,
    LinkReport,
    Ranked,
    _overlap,
    gold_files,
    gold_links,
    gold_statements,
    read_gold,
)
from peelgraph.graph import iris
from peelgraph.link.explicit import report_years
from peelgraph.link.model import LinkModel, fit, load_model

_EXPLICIT = 2.0  # above every probability: an explicit link ranks first


class LinkBench:
    """The store a build of the gold's files makes, read once: explicit links, each
    force's units and corpus, and every document's text (for spans in the files)."""

    def __init__(self, gold: dict[str, Any], docs_dir: Path, name: str = "gold") -> None:
        from peelgraph.errors import InputError
        from peelgraph.ingest.read import ingest
        from peelgraph.pipeline import build
        from peelgraph.store.embedded import open_store

        self.name = name
        paths = []
        for f in gold_files(gold):
            if not (docs_dir / f).exists():
                raise InputError(
                    str(docs_dir / f), "named in the gold file but not found in --docs"
                )
            paths.append(docs_dir / f)
        self.docs = {(d := ingest(p)).doc_id: d for p in paths}
        texts = {d.name: d.raw_text for d in self.docs.values()}
        self.golds = gold_links(gold, texts)
        self.statements = gold_statements(gold, texts)
        with tempfile.TemporaryDirectory(prefix="peelgraph-links-") as tmp:
            build(paths, Path(tmp) / "store")
            store = open_store(Path(tmp) / "store")
            try:
                self._read(store.ox)
            finally:
                store.close()

    def _read(self, ox: Any) -> None:
        from peelgraph.link import Corpus, read_sentences
        from peelgraph.store.sparql import select

        self.explicit: list[LinkRecord] = []
        self.parallel: list[LinkRecord] = []
        # The resolver's explicit links and the parallel findings, as built; each force's
        # sentence links are made again with the model given (see report).
        for r in select(ox, "eval-links"):
            if r["g"] == iris.LINKS_GRAPH:
                self.explicit.append(self._record(r, "explicit"))
            elif r["g"] == iris.SIMILARITY_GRAPH:
                self.parallel.append(self._record(r, "proposed"))
        for r in select(ox, "eval-same-node"):
            # Two statements of one node: scored only where a gold link asks for it.
            self.explicit.append(
                replace(
                    self._record(
                        {"rel": "same-finding", "score": "1", "fromDoc": r["docB"], "fs": r["sb"],
                         "fe": r["eb"], "toDoc": r["docA"], "ts": r["sa"], "te": r["ea"]},
                        "explicit",
                    ),
                    identity=True,
                )
            )  # fmt: skip
        self.said = {(r["s"], r["t"]) for r in select(ox, "explicit-pairs", g=iris.LINKS_GRAPH)}
        self.corpora: dict[str, Any] = {}
        self.units: dict[str, list[tuple[str, int]]] = {}  # doc id -> (force, unit index)
        self.years: dict[str, int | None] = {}
        for force in sorted({r["f"] for r in select(ox, "resolve-forces")}):
            sentences, docs = read_sentences(ox, {force})
            self.corpora[force] = Corpus(sentences)
            self.years.update(report_years(docs))
            for k, s in enumerate(sentences):
                self.units.setdefault(s.doc.rsplit("/", 1)[-1], []).append((force, k))

    def _record(self, r: dict[str, str], tier: str) -> LinkRecord:
        f, t = self.docs[r["fromDoc"].rsplit("/", 1)[-1]], self.docs[r["toDoc"].rsplit("/", 1)[-1]]
        fs, fe, ts, te = int(r["fs"]), int(r["fe"]), int(r["ts"]), int(r["te"])
        return LinkRecord(
            f.name,
            t.name,
            r["rel"],
            tier,
            float(r["score"]),
            f.source_span(fs, fe),
            t.source_span(ts, te),
            f.text[fs:fe],
        )

    def _span(self, force: str, k: int) -> tuple[int, int]:
        s = self.corpora[force].sentences[k]
        return self.docs[s.doc.rsplit("/", 1)[-1]].source_span(s.start, s.end)

    def force_links(self, model: LinkModel) -> tuple[list[LinkRecord], list[LinkRecord]]:
        """Each force's sentence links as the linker makes them with ``model``: explicit
        ones, and the leads at or above its threshold (with the parallel findings)."""
        from peelgraph.link import proposed_links
        from peelgraph.link.explicit import referenced_statements, said_pairs

        explicit: list[LinkRecord] = []
        proposed = list(self.parallel)
        resolved = {s for s, _ in self.said}
        for corpus in self.corpora.values():
            said = referenced_statements(corpus, model, resolved, self.years)
            explicit += [self._text_record(x, "explicit") for x in said]
            for link in proposed_links(corpus, model, self.said | said_pairs(said)):
                if link.score >= model.threshold:
                    proposed.append(self._text_record(link, "proposed"))
        return [x for x in explicit if x.from_file != x.to_file], [
            x for x in proposed if x.from_file != x.to_file
        ]

    def _text_record(self, link: Any, tier: str) -> LinkRecord:
        src, tgt = link.source, link.target
        fd, td = (self.docs[x.doc.rsplit("/", 1)[-1]] for x in (src, tgt))
        return LinkRecord(
            fd.name,
            td.name,
            link.relation,
            tier,
            link.score,
            fd.source_span(src.start, src.end),
            td.source_span(tgt.start, tgt.end),
            src.text,
        )

    def report(self, model: LinkModel | None = None) -> LinkReport:
        model = model or load_model()
        explicit, proposed = self.force_links(model)
        # Two facts stated by one sentence in both documents ("good at investigating crime
        # and protecting vulnerable people"): one pair of statements, one link.
        self._explicit_now = list(
            {
                (x.from_file, x.from_span, x.to_file, x.to_span, x.relation): x
                for x in [*self.explicit, *explicit]
            }.values()
        )
        ranked = [self.rank(g, model) for g in self.golds if g.scored]
        return LinkReport([*self._explicit_now, *proposed], self.golds, ranked, self.statements)

    def _source(self, g: GoldLink) -> tuple[str, int] | None:
        """The unit of the gold's later document whose evidence overlaps the gold's most."""
        doc = next((d for d in self.docs.values() if d.name == g.from_file), None)
        if doc is None:
            return None
        best = max(
            ((_overlap((self._span(f, k),), g.from_spans), (f, k)) for f, k in self.units.get(doc.doc_id, [])),
            default=(0, None),
        )  # fmt: skip
        return best[1] if best[0] > 0 else None

    def _scored(
        self, g: GoldLink, model: LinkModel
    ) -> tuple[list[float], list[bool], list[tuple[int, int]]] | None:
        """Scores of every candidate in the gold's target document, which are the gold's,
        and where each is in the file."""
        from peelgraph.link import Corpus

        found = self._source(g)
        doc = next((d for d in self.docs.values() if d.name == g.to_file), None)
        if found is None or doc is None:
            return None
        force, i = found
        targets = self.units.get(doc.doc_id, [])
        src = self.corpora[force].sentences[i]
        scores, gold, spans = [], [], []
        candidates = set(self.corpora[force].candidates(i))  # what the linker scores
        for tf, j in targets:
            if (tf, j) == (force, i):
                continue
            tgt = self.corpora[tf].sentences[j]
            spans.append(self._span(tf, j))
            gold.append(_overlap((spans[-1],), g.to_spans) > 0)
            if src.node and tgt.node and (src.node, tgt.node) in self.said:
                scores.append(_EXPLICIT)
            elif tf == force:
                corpus = self.corpora[force]
                ok = j in candidates
                scores.append(model.score(corpus.features(i, j)) if ok else -1.0)
            elif src.finding and tgt.finding:  # two forces: the parallel linker's cosine
                pair = Corpus([src, tgt])
                scores.append(pair.cosine(0, 1))
            else:
                scores.append(-1.0)
        return scores, gold, spans

    def rank(self, g: GoldLink, model: LinkModel) -> Ranked:
        if any(g.accepts(p) for p in self._explicit_now):
            n = len(self.units.get(self._doc_id(g.to_file), []))
            return Ranked(g, 1, n)
        scored = self._scored(g, model)
        if scored is None or not any(scored[1]):
            return Ranked(g, None, len(scored[0]) if scored else 0)
        scores, gold, spans = scored
        best = max(s for s, is_gold in zip(scores, gold, strict=True) if is_gold)
        if best < 0:
            return Ranked(g, None, len(scores))
        # Filtered ranking: another gold target of the same statement is not a wrong answer.
        source = self._source(g)
        others = [
            o.to_spans
            for o in self.golds
            if o is not g and o.to_file == g.to_file and self._source(o) == source
        ]
        above = sum(
            1
            for s, is_gold, sp in zip(scores, gold, spans, strict=True)
            if not is_gold and s >= best and not any(_overlap((sp,), o) > 0 for o in others)
        )
        return Ranked(g, 1 + above, len(scores))

    def _doc_id(self, name: str) -> str:
        return next((d.doc_id for d in self.docs.values() if d.name == name), "")

    def training_rows(self) -> tuple[list[list[float]], list[int]]:
        """Feature rows and labels for fitting: for each gold link within one force, the
        pair of its later statement with every candidate the linker may pair it with in
        the target document, labelled 1 where the candidate is the gold's target."""
        xs: list[list[float]] = []
        ys: list[int] = []
        for g in self.golds:
            found = self._source(g) if g.scored else None
            if found is None:
                continue
            force, i = found
            corpus = self.corpora[force]
            considered = set(corpus.candidates(i, limit=None))
            cands = [
                (j, _overlap((self._span(force, j),), g.to_spans) > 0)
                for tf, j in self.units.get(self._doc_id(g.to_file), [])
                if tf == force and j in considered
            ]
            if not any(is_gold for _, is_gold in cands):
                continue
            for j, is_gold in cands:
                xs.append(corpus.features(i, j))
                ys.append(int(is_gold))
        return xs, ys


def bench(gold_path: Path, docs_dir: Path) -> LinkBench:
    """A :class:`LinkBench` for a gold file and its documents."""
    return LinkBench(
        read_gold(gold_path), docs_dir, name=f"{gold_path.parent.name}/{gold_path.name}"
    )


def cross_validate(sets: list[tuple[Path, Path]], l2: float = 1.0) -> list[tuple[str, LinkReport]]:
    """Each set measured with weights fitted on the others' gold links only."""
    benches = [bench(g, d) for g, d in sets]
    out = []
    for k, b in enumerate(benches):
        others = [o for i, o in enumerate(benches) if i != k]
        model = fit_benches(others, l2=l2)
        out.append((f"{b.name} (fitted on {model.fitted_on})", b.report(model)))
    return out


def fit_benches(benches: list[LinkBench], *, l2: float) -> LinkModel:
    """Weights fitted on the gold links of ``benches``, with the threshold at which the
    links the linker then shows best match their gold (F1), among the links no explicit
    link already makes."""
    xs: list[list[float]] = []
    ys: list[int] = []
    for b in benches:
        rows, labels = b.training_rows()
        xs += rows
        ys += labels
    model = fit(xs, ys, l2=l2, fitted_on=", ".join(b.name for b in benches))
    scored: list[tuple[float, bool]] = []
    wanted = 0
    for b in benches:
        explicit, proposed = b.force_links(replace(model, threshold=0.0))
        golds = [
            g
            for g in b.golds
            if g.scored and not any(g.accepts(p) for p in [*b.explicit, *explicit])
        ]
        wanted += len(golds)
        used: set[int] = set()
        for p in sorted(proposed, key=lambda x: -x.score):
            hit = next((k for k, g in enumerate(golds) if k not in used and g.agrees(p)), None)
            if hit is not None:
                used.add(hit)
            scored.append((p.score, hit is not None))
    best, threshold, tp = 0.0, 1.0, 0
    for k, (score, found) in enumerate(sorted(scored, reverse=True), 1):
        tp += found
        f1 = 2 * tp / (k + wanted) if wanted else 0.0
        if found and f1 > best:
            best, threshold = f1, score
    return replace(model, threshold=round(threshold, 4))


def fit_sets(sets: list[tuple[Path, Path]], l2: float = 1.0) -> LinkModel:
    """Weights fitted on the gold links of every set (what ``weights.json`` ships)."""
    return fit_benches([bench(g, d) for g, d in sets], l2=l2)
