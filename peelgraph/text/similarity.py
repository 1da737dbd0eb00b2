"""How alike two wordings are: one place for every measure the project uses."""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

from peelgraph.text.normalise import normalise_text


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two sets (Dice coefficient), 0..1."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def idf_weights(token_sets: Sequence[Iterable[str]]) -> dict[str, float]:
    """Inverse frequency of every token over ``token_sets`` (each set one unit of text)."""
    df: Counter[str] = Counter()
    for toks in token_sets:
        df.update(toks)
    n = max(len(token_sets), 1)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def weighted_cosine(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    """Cosine of two token sets, each token weighted (by :func:`idf_weights`), 0..1."""
    shared = a & b
    if not shared:
        return 0.0
    num = math.fsum(weights.get(t, 0.0) ** 2 for t in shared)
    na = math.sqrt(math.fsum(weights.get(t, 0.0) ** 2 for t in a))
    nb = math.sqrt(math.fsum(weights.get(t, 0.0) ** 2 for t in b))
    return num / (na * nb) if na and nb else 0.0


def word_ratio(a: str | None, b: str | None) -> float:
    """Similarity of two texts' normalised words in order (difflib ratio), 0..1."""
    if not a or not b:
        return 0.0
    wa, wb = normalise_text(a).split(), normalise_text(b).split()
    if wa == wb:
        return 1.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def char_ratio(a: str, b: str) -> float:
    """Character-level similarity of two (normalised) names, "units" ~ "unit", 0..1."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def common_runs(
    a: Sequence[Hashable], b: Sequence[Hashable], min_size: int
) -> list[tuple[int, int, int]]:
    """Runs of at least ``min_size`` items ``a`` and ``b`` share in the same order:
    (start in a, start in b, size), in the order of ``a``."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sorted((m.a, m.b, m.size) for m in sm.get_matching_blocks() if m.size >= min_size)
