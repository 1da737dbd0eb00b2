"""The learned part of proposed links: a small logistic regression over pair features.

A pair (a later statement, an earlier one) is described by a few numbers the
linker computes anyway (:data:`FEATURES`: word-stem cosine, shared acronyms,
same question, kinds of statement, years apart, relation cues ...), and the
model turns them into the probability that an analyst would link the two.
The weights are fitted on the gold links (``peelgraph links fit``) and saved
in ``weights.json`` beside this module; nothing is fitted at run time.

The fit is plain Python (Newton's method on an L2-penalised log-likelihood,
features standardised): a few dozen features and a few thousand pairs need
no numerical library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FEATURES: tuple[str, ...] = (
    "cosine",  # IDF-weighted cosine of content-word stems (acronyms read as their words)
    "coverage",  # share of the earlier statement's word weight the later one repeats
    "rarest_shared",  # weight of the rarest word both use, over the corpus's largest
    "shared_acronym",  # both use an acronym or defined term of the corpus
    "same_question",  # both about the same PEEL question
    "other_question",  # about two different PEEL questions
    "target_finding",  # the earlier statement is a finding
    "target_comment",  # ... a status comment
    "target_response",  # ... a sentence of a force's or commissioner's response
    "target_judgement",  # ... a judgement (a grade and what it says)
    "target_reference",  # ... a back-reference (itself a later statement about another)
    "target_list",  # ... a lead-in with the list it introduces
    "source_finding",  # the later statement is a finding
    "source_judgement",  # ... a judgement
    "source_response",  # ... a sentence of a response
    "years_apart",  # years between the two (0..3, capped)
    "followup_cue",  # the later one says it follows something up ("since", "has now")
    "outcome_cue",  # the later one reports done what the earlier one planned
    "same_mood",  # both ask ("should") or both report
    "same_grade",  # both name the same grade ("good", "requires improvement")
    "other_grade",  # both name grades, and none in common
)

WEIGHTS_FILE = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class LinkModel:
    """Standardised logistic regression: p = sigmoid(b + sum w_k (x_k - mean_k) / scale_k)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # the probability at which a proposed link is shown as a link
    fitted_on: str = ""  # what the weights were fitted on (for the record)

    def score(self, x: Sequence[float]) -> float:
        z = self.intercept
        for v, m, s, w in zip(x, self.mean, self.scale, self.coef, strict=True):
            z += w * (v - m) / s
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def scores(self, rows: Sequence[Sequence[float]] | Any) -> list[float]:
        """:meth:`score` of many pairs at once (rows of features, or a matrix of them): one
        matrix product instead of a Python loop per pair (the same probabilities, to the
        last few bits of a float)."""
        import numpy as np

        if len(rows) == 0:
            return []
        x = np.asarray(rows, dtype=float)
        z = self.intercept + ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(
            self.coef
        )
        return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))]

    def to_json(self) -> str:
        return json.dumps(
            {
                "fitted_on": self.fitted_on,
                "threshold": self.threshold,
                "intercept": round(self.intercept, 6),
                "features": {
                    f: {"coef": round(w, 6), "mean": round(m, 6), "scale": round(s, 6)}
                    for f, w, m, s in zip(
                        self.features, self.coef, self.mean, self.scale, strict=True
                    )
                },
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        data = json.loads(text)
        feats = data["features"]
        if tuple(feats) != FEATURES:
            raise ValueError(
                "the weights name other features than this linker computes; refit them"
            )
        return cls(
            tuple(feats),
            tuple(float(feats[f]["mean"]) for f in feats),
            tuple(float(feats[f]["scale"]) for f in feats),
            tuple(float(feats[f]["coef"]) for f in feats),
            float(data["intercept"]),
            float(data["threshold"]),
            str(data.get("fitted_on", "")),
        )


def load_model(path: Path | None = None) -> LinkModel:
    """The fitted weights shipped with peelgraph (or those at ``path``)."""
    return LinkModel.from_json((path or WEIGHTS_FILE).read_text(encoding="utf-8"))


def fit(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    *,
    l2: float = 1.0,
    threshold: float = 0.5,
    fitted_on: str = "",
    iterations: int = 50,
    balanced: bool = False,
) -> LinkModel:
    """Fit the weights on feature rows and 0/1 labels (penalty ``l2`` on the weights)."""
    n, k = len(rows), len(FEATURES)
    if n == 0 or not any(labels) or all(labels):
        raise ValueError("fitting needs both linked and unlinked pairs")
    mean = [sum(r[j] for r in rows) / n for j in range(k)]
    scale = [math.sqrt(sum((r[j] - mean[j]) ** 2 for r in rows) / n) or 1.0 for j in range(k)]
    xs = [[1.0] + [(r[j] - mean[j]) / scale[j] for j in range(k)] for r in rows]
    # With ``balanced``, the few positives count, in total, as much as all the negatives.
    pos = sum(labels)
    weight = [((n - pos) / pos if balanced else 1.0) if y else 1.0 for y in labels]
    beta = [0.0] * (k + 1)
    for _ in range(iterations):
        grad = [0.0] * (k + 1)
        hess = [[0.0] * (k + 1) for _ in range(k + 1)]
        for x, y, w in zip(xs, labels, weight, strict=True):
            z = sum(b * v for b, v in zip(beta, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = w * (y - p), w * p * (1 - p)
            for a in range(k + 1):
                grad[a] += g * x[a]
                if h:
                    row = hess[a]
                    xa = h * x[a]
                    for b in range(a, k + 1):
                        row[b] += xa * x[b]
        for a in range(1, k + 1):  # the intercept is not penalised
            grad[a] -= l2 * beta[a]
            hess[a][a] += l2
        for a in range(k + 1):
            for b in range(a):
                hess[a][b] = hess[b][a]
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return LinkModel(
        FEATURES, tuple(mean), tuple(scale), tuple(beta[1:]), beta[0], threshold, fitted_on
    )


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b, by Gaussian elimination with partial pivoting (a is small)."""
    n = len(b)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x
