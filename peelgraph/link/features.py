"""One force's statements as a corpus, and the features of a pair of them.

:class:`Corpus` holds what scoring a pair needs from the force's documents as a
whole (word weights, the acronyms they define, which sentences are
boilerplate); :meth:`Corpus.features` describes a pair (a later statement, an
earlier one) by the numbers :data:`peelgraph.link.model.FEATURES` names.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from peelgraph.text.similarity import idf_weights
from peelgraph.text.words import acronyms, stems


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, with what the graph already says about it."""

    doc: str  # document IRI
    force: str  # force IRI
    start: int
    end: int
    text: str
    time: str  # ISO date (or date-like key) of what the sentence states
    doc_time: str  # the document's own date: orders statements of the same time
    node: str | None = None  # the fact whose evidence it is, if any
    node_kind: str | None = None  # finding | comment | stance | back-reference | judgement
    stance: str | None = None  # disputes | accepts, for a stance
    response: bool = False  # a sentence of a force's or commissioner's response
    finding: bool = False  # the node is a finding (for parallel links across forces)
    part_of: str | None = None  # the status event a comment's sentence belongs to
    question: str | None = None  # the PEEL question it is about (its fact's, or its section's)
    unit: str = "sentence"  # sentence | part (of one) | list (a lead-in with what it introduces)
    refers_to: int | None = None  # the year a back-reference names
    # The back-reference the sentence states (its node, or one inside the finding it is).
    reference: str | None = None


BOILERPLATE_DOCS = 3  # a sentence printed word for word in this many documents is boilerplate
MIN_STEMS = 4  # shorter sentences ("Good.", headings) carry too little to link
COMMON = 0.10  # share of a force's statements a word may be in and still find candidates
CANDIDATES = 40  # per statement: the candidates the model scores
LONG_LINE = 15  # words: a line this long without end punctuation is no heading
MAX_YEARS = 3
UNDATED = "0000"  # the time of a statement whose document gives no date or year
# A grade as documents state it: "good", "requires improvement", "inadequate" ...
_GRADE = re.compile(
    r"(?i)\b(?:outstanding|good|adequate|inadequate|requires?\s+improvement|requiring\s+improvement|"
    r"require\s+improvement)\b"
)

_ASKS = re.compile(r"(?i)\b(?:should|must|needs?\s+to|is\s+required\s+to)\b")
_INTRODUCED = re.compile(
    r"(?i)\b(?:(?:was|were|has\s+been|have\s+been)\s+(?:introduced|launched|implemented|established|set\s+up|rolled\s+out)|"
    r"(?:has|have)\s+(?:continued\s+to\s+)?(?:introduce[ds]?|launched|implemented|established|rolled\s+out)|"
    r"introduced\s+in)\b"
)
_PLANNED = re.compile(
    r"(?i)\b(?:developing|will|plan(?:s|ned)?\s+to|intend\w*|new|pilot\w*|proposed|in\s+development|"
    r"should\s+(?:adopt|introduce|develop|implement))\b"
)
# A later statement that says it takes something up: what has happened since, now.
_FOLLOWUP = re.compile(
    r"(?i)\b(?:since\s+(?:our|the|its|HMIC\w*[’']?s?)\s+(?:last|previous|\d{4})|since\s+\d{4}|"
    r"last\s+year|previous(?:ly)?|has\s+now|now\s+(?:has|uses|conducts|in\s+place|have)|"
    r"(?:has|have)\s+(?:made|continued|developed|implemented|improved|introduced|completed|"
    r"addressed|established)|progress|improve(?:d|ments?)|no\s+longer|still|remains?|"
    r"we\s+(?:said|recommended|found|identified)|same\s+as|regain|already)\b"
)
_HEADING_END = re.compile(r"[.;:!)'\"’”]\s*$")
_RESPONSE_KINDS = frozenset({"force-response", "commissioner-page"})


def asks(text: str) -> bool:
    """Whether a statement asks for something ("should", "needs to")."""
    return bool(_ASKS.search(text))


def reports_outcome(later: str, earlier: str) -> bool:
    """The later statement reports introduced what the earlier one said was planned."""
    return bool(_INTRODUCED.search(later) and _PLANNED.search(earlier))


def is_statement(s: Sentence) -> bool:
    """A sentence that says something: not a heading, a question or a list label."""
    if s.node is not None:
        return True
    if s.unit == "list":
        return True  # a lead-in with the items it introduces
    words = s.text.split()
    if s.unit == "part":
        return len(words) >= 6  # the rest of a sentence a fact covers in part
    if len(words) < 6 or s.text.rstrip().endswith("?"):
        return False
    # A line without end punctuation is a heading, unless it is long (a sentence the
    # text breaks off, as letters and copied pages do).
    return bool(_HEADING_END.search(s.text)) or len(words) >= LONG_LINE


def _tokens(text: str, expand: dict[str, tuple[str, ...]]) -> frozenset[str]:
    found = stems(text)
    # A grade is a word that matters ("good" is otherwise too common to count).
    out = set(found) | {"grade:" + g for g in _grades(text)}
    for s in found:
        if s in expand:
            out.update(expand[s])  # the acronym stands for its words
    joined = " ".join(found)
    for short, long in expand.items():
        if len(long) > 1 and " ".join(long) in joined:
            out.add(short)  # the words stand for the acronym
    return frozenset(out)


def token_sets(texts: Sequence[str], expand: dict[str, tuple[str, ...]]) -> list[frozenset[str]]:
    return [_tokens(t, expand) for t in texts]


# _ORDER: sums over a set of words are taken exactly (math.fsum) or in sorted order.
# A float sum depends on the order of its terms, and a set of strings iterates in an
# order that changes with every process (hash randomisation): two candidates or two
# targets of equal weight were ranked differently from one build to the next, so a
# rebuild could differ from a build from scratch (66 link triples at 25 %).


class Corpus:
    """One force's statements, with the word statistics pairs are scored by.

    Each force's documents are their own corpus (word weights, acronyms,
    boilerplate), so a force's links depend on its documents alone.
    """

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = list(sentences)
        # Only a text with a parenthesis can define an acronym ("... (MoRiLE)"): the others
        # are not searched (the same definitions, in the same order).
        self.expand = acronyms([s.text for s in self.sentences if "(" in s.text])
        self.tokens = token_sets([s.text for s in self.sentences], self.expand)
        self.weights = idf_weights(self.tokens)
        n = max(len(self.sentences), 1)
        self.top_weight = math.log((n + 1) / 0.5)
        # Candidates share at least one informative token (an inverted index of the
        # tokens in at most COMMON of the force's statements: the rest say little).
        self.rare = math.log((n + 1) / (max(10.0, n * COMMON) + 0.5))
        # Boilerplate, printed word for word in several documents ("HMICFRS inspected how
        # well forces ..."), says nothing about this force's findings however well it matches.
        docs_of: dict[str, set[str]] = defaultdict(set)
        for s in self.sentences:
            if s.node is None:
                docs_of[" ".join(stems(s.text))].add(s.doc)
        self.statement = [
            is_statement(s)
            and (s.node is not None or len(docs_of[" ".join(stems(s.text))]) < BOILERPLATE_DOCS)
            and len(self.tokens[k]) >= MIN_STEMS
            for k, s in enumerate(self.sentences)
        ]
        # What a pair's features need of each statement alone, worked out once per
        # statement rather than once per pair it is scored in (a statement is in up to
        # CANDIDATES pairs as the later one and as many as the earlier one).
        # Only statements are ever in a pair (eligible), so only theirs are read: the
        # cues' regular expressions were most of the cost of a force's corpus.
        w = self.weights
        said = [s.text if ok else "" for s, ok in zip(self.sentences, self.statement, strict=True)]
        self.grades = [_grades(t) for t in said]
        self.asks = [asks(t) for t in said]
        self.followup = [bool(_FOLLOWUP.search(t)) for t in said]
        self.introduced = [bool(_INTRODUCED.search(t)) for t in said]
        self.planned = [bool(_PLANNED.search(t)) for t in said]
        self.total = [math.fsum(w[t] for t in toks) or 1.0 for toks in self.tokens]
        self.norm = [math.sqrt(math.fsum(w.get(t, 0.0) ** 2 for t in toks)) for toks in self.tokens]
        self.index: dict[str, list[int]] = defaultdict(list)
        for k in range(len(self.sentences)):
            if self.statement[k]:
                for t in self.tokens[k]:
                    if self.weights[t] >= self.rare:
                        self.index[t].append(k)
        self._bulk: _Bulk | None = None  # the arrays of bulk scoring, made when first asked

    def cosine(self, i: int, j: int) -> float:
        """:func:`peelgraph.text.similarity.weighted_cosine` of the two statements, with
        their norms worked out once."""
        shared = self.tokens[i] & self.tokens[j]
        if not shared:
            return 0.0
        w = self.weights
        num = math.fsum(w.get(t, 0.0) ** 2 for t in shared)
        na, nb = self.norm[i], self.norm[j]
        return num / (na * nb) if na and nb else 0.0

    def candidates(self, i: int, limit: int | None = CANDIDATES) -> list[int]:
        """The statements ``i`` may take up that share the most informative words with it
        (at most :data:`CANDIDATES`, by the summed squared weight of the words shared):
        the model scores these, not every pair of the force's statements."""
        if not self.statement[i]:
            return []
        shared: dict[int, float] = defaultdict(float)
        for t in sorted(self.tokens[i]):  # summed in one order: see _ORDER
            w = self.weights[t] ** 2
            for j in self.index.get(t, ()):
                shared[j] += w
        ranked = sorted(shared, key=lambda j: (-shared[j], j))
        return sorted([j for j in ranked if self.eligible(i, j)][:limit])

    def eligible(self, i: int, j: int) -> bool:
        """Whether ``i`` may take up ``j``: both statements, ``j`` stated before ``i``
        (or the same day, or either undated: a commissioner's release of the day a
        report came out), and not one fact twice."""
        src, tgt = self.sentences[i], self.sentences[j]
        if not (self.statement[i] and self.statement[j]) or i == j:
            return False
        if tgt.doc == src.doc:
            # Within a document only what was stated earlier is followed up: a finding
            # quoted from an earlier report, a recommendation by a later status comment.
            return tgt.time < src.time
        if src.node is not None and src.node == tgt.node:
            return False
        if UNDATED in (src.time, tgt.time):
            return True
        return (tgt.time, tgt.doc_time) <= (src.time, src.doc_time)

    def features(self, i: int, j: int) -> list[float]:
        """The pair's features, in the order of ``model.FEATURES``."""
        src, tgt = self.sentences[i], self.sentences[j]
        a, b = self.tokens[i], self.tokens[j]
        w = self.weights
        shared = a & b
        total_b = self.total[j]
        same_q = bool(src.question and tgt.question and src.question == tgt.question)
        other_q = bool(src.question and tgt.question and src.question != tgt.question)
        years = _year(src.time) - _year(tgt.time) if UNDATED not in (src.time, tgt.time) else 0
        grades = self.grades[i], self.grades[j]
        return [
            self.cosine(i, j),
            math.fsum(w[t] for t in shared) / total_b,
            max((w[t] for t in shared), default=0.0) / self.top_weight,
            float(any(t in self.expand for t in shared)),
            float(same_q),
            float(other_q),
            float(tgt.node_kind == "finding"),
            float(tgt.node_kind == "comment"),
            float(tgt.response and tgt.node_kind is None),
            float(tgt.node_kind == "judgement"),
            float(tgt.node_kind == "back-reference"),
            float(tgt.unit == "list"),
            float(src.node_kind == "finding"),
            float(src.node_kind == "judgement"),
            float(src.response),
            float(max(0, min(MAX_YEARS, years))),
            float(self.followup[i]),
            float(self.introduced[i] and self.planned[j]),  # reports_outcome(src, tgt)
            float(self.asks[i] == self.asks[j]),
            float(bool(grades[0] & grades[1])),
            float(bool(grades[0]) and bool(grades[1]) and not grades[0] & grades[1]),
        ]

    def bulk(self) -> _Bulk:
        """The statements as arrays, for :meth:`all_candidates` and :meth:`pair_features`."""
        if self._bulk is None:
            self._bulk = _Bulk(self)
        return self._bulk

    def all_candidates(self, limit: int = CANDIDATES) -> tuple[Any, Any]:
        """(I, J): every statement's :meth:`candidates`, as two index arrays in (i, j)
        order, found by sparse matrix products rather than a Python loop per posting.

        The words' squared weights are summed for each pair in the order of the words
        (their columns are the sorted vocabulary, and the product accumulates a row's
        columns in order), exactly as :meth:`candidates` sums them: the same sums to the
        last bit, so the same candidates, ties included.
        """
        import numpy as np

        b = self.bulk()
        rows_all = np.flatnonzero(b.statement)
        found_i: list[Any] = []
        found_j: list[Any] = []
        # Rows in chunks: the product holds every pair sharing a rare word of the chunk.
        for lo in range(0, len(rows_all), _CHUNK):
            rows = rows_all[lo : lo + _CHUNK]
            prod = (b.x[rows] @ b.index).tocsr()
            prod.sort_indices()
            counts = np.diff(prod.indptr)
            i = np.repeat(rows, counts)
            j = prod.indices.astype(np.int64)
            shared = prod.data
            ok = b.eligible(i, j)
            i, j, shared = i[ok], j[ok], shared[ok]
            # Best first within each row: most shared weight, then the lower index.
            order = np.lexsort((j, -shared, i))
            i, j = i[order], j[order]
            starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]])
            place = np.arange(len(i)) - np.repeat(starts, np.diff(np.r_[starts, len(i)]))
            keep = place < limit
            found_i.append(i[keep])
            found_j.append(j[keep])
        if not found_i:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        i, j = np.concatenate(found_i), np.concatenate(found_j)
        order = np.lexsort((j, i))
        return i[order], j[order]

    def pair_features(self, i: Any, j: Any) -> Any:
        """:meth:`features` of many pairs at once (index arrays ``i``, ``j``), as a matrix
        with a row per pair: the same numbers, but for the order of the terms of the
        cosine's and the coverage's sums (a float sum's last bit; the model's score is
        rounded to three places)."""
        import numpy as np

        b = self.bulk()
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        out = np.zeros((len(i), 21), dtype=float)
        if not len(i):
            return out
        shared = b.x[i].multiply(b.x[j]).tocsr()
        num = shared @ b.w2
        norm = b.norm[i] * b.norm[j]
        out[:, 0] = np.divide(num, norm, out=np.zeros(len(i)), where=(norm != 0) & (num != 0))
        out[:, 1] = (shared @ b.w) / b.total[j]
        weighted = shared.multiply(b.w[None, :]).tocsr()
        rarest = np.asarray(weighted.max(axis=1).todense()).ravel()
        out[:, 2] = rarest / self.top_weight
        out[:, 3] = (shared @ b.acronym) > 0
        qi, qj = b.question[i], b.question[j]
        both = (qi >= 0) & (qj >= 0)
        out[:, 4] = both & (qi == qj)
        out[:, 5] = both & (qi != qj)
        kind_j, kind_i = b.kind[j], b.kind[i]
        out[:, 6] = kind_j == _KIND["finding"]
        out[:, 7] = kind_j == _KIND["comment"]
        out[:, 8] = b.response[j] & (kind_j == _KIND[None])
        out[:, 9] = kind_j == _KIND["judgement"]
        out[:, 10] = kind_j == _KIND["back-reference"]
        out[:, 11] = b.listed[j]
        out[:, 12] = kind_i == _KIND["finding"]
        out[:, 13] = kind_i == _KIND["judgement"]
        out[:, 14] = b.response[i]
        dated = ~(b.undated[i] | b.undated[j])
        out[:, 15] = np.where(dated, np.clip(b.year[i] - b.year[j], 0, MAX_YEARS), 0)
        out[:, 16] = b.followup[i]
        out[:, 17] = b.introduced[i] & b.planned[j]
        out[:, 18] = b.asks[i] == b.asks[j]
        gi, gj = b.grades[i], b.grades[j]
        out[:, 19] = (gi & gj) != 0
        out[:, 20] = (gi != 0) & (gj != 0) & ((gi & gj) == 0)
        return out


# Statements per chunk of the candidate product (bounds its memory: a chunk's pairs).
_CHUNK = 2048
_KIND = {
    k: n
    for n, k in enumerate([None, "finding", "comment", "stance", "back-reference", "judgement"])
}
_GRADE_BITS = {
    g: 1 << n
    for n, g in enumerate(["outstanding", "good", "adequate", "inadequate", "requires improvement"])
}


class _Bulk:
    """A corpus's statements as arrays: a sparse matrix of their words (columns the
    sorted vocabulary), the candidate index as a matrix, and each attribute a pair's
    features read, by statement."""

    def __init__(self, c: Corpus) -> None:
        import numpy as np
        from scipy import sparse

        n = len(c.sentences)
        vocab = sorted(c.weights)
        col = {t: k for k, t in enumerate(vocab)}
        rows = [k for k, toks in enumerate(c.tokens) for _ in toks]
        cols = [col[t] for toks in c.tokens for t in toks]
        self.x = sparse.csr_matrix(
            (np.ones(len(cols)), (rows, cols)), shape=(n, len(vocab)), dtype=float
        )
        self.x.sort_indices()
        self.w = np.array([c.weights[t] for t in vocab], dtype=float)
        self.w2 = np.array([c.weights[t] ** 2 for t in vocab], dtype=float)
        self.acronym = np.array([t in c.expand for t in vocab], dtype=float)
        self.statement = np.array(c.statement, dtype=bool)
        # The index of Corpus.candidates as a (word x statement) matrix of squared weights.
        rare = self.w >= c.rare
        coo = self.x.tocoo()
        keep = self.statement[coo.row] & rare[coo.col]
        self.index = sparse.csr_matrix(
            (self.w2[coo.col[keep]], (coo.col[keep], coo.row[keep])), shape=(len(vocab), n)
        )
        self.norm = np.array(c.norm, dtype=float)
        self.total = np.array(c.total, dtype=float)
        s = c.sentences
        self.doc = _codes([x.doc for x in s])
        self.node = _ids([x.node for x in s])
        self.time = _codes([x.time for x in s])
        self.doc_time = _codes([x.doc_time for x in s])
        self.undated = np.array([x.time == UNDATED for x in s], dtype=bool)
        self.year = np.array([_year(x.time) for x in s], dtype=np.int64)
        self.question = _ids([x.question for x in s])
        self.kind = np.array([_KIND.get(x.node_kind, -1) for x in s])
        self.response = np.array([x.response for x in s], dtype=bool)
        self.listed = np.array([x.unit == "list" for x in s], dtype=bool)
        self.followup = np.array(c.followup, dtype=bool)
        self.introduced = np.array(c.introduced, dtype=bool)
        self.planned = np.array(c.planned, dtype=bool)
        self.asks = np.array(c.asks, dtype=bool)
        self.grades = np.array([sum(_GRADE_BITS[g] for g in gs) for gs in c.grades], dtype=np.int64)

    def eligible(self, i: Any, j: Any) -> Any:
        """:meth:`Corpus.eligible` of pairs of statements (index arrays), as a mask."""
        import numpy as np

        ok = self.statement[i] & self.statement[j] & (i != j)
        same_doc = self.doc[i] == self.doc[j]
        same_node = (self.node[i] >= 0) & (self.node[i] == self.node[j])
        undated = self.undated[i] | self.undated[j]
        earlier = (self.time[j] < self.time[i]) | (
            (self.time[j] == self.time[i]) & (self.doc_time[j] <= self.doc_time[i])
        )
        across = ~same_node & (undated | earlier)
        return ok & np.where(same_doc, self.time[j] < self.time[i], across)


def _codes(values: list[str]) -> Any:
    """Each string's rank among the distinct values: comparing ranks compares strings."""
    import numpy as np

    rank = {v: k for k, v in enumerate(sorted(set(values)))}
    return np.array([rank[v] for v in values], dtype=np.int64)


def _ids(values: list[str | None]) -> Any:
    """One number per distinct value (the index of its first occurrence), -1 for none
    (None or ""): equal numbers are equal values."""
    import numpy as np

    first: dict[str, int] = {}
    return np.array([first.setdefault(v, k) if v else -1 for k, v in enumerate(values)])


@lru_cache(maxsize=65_536)
def _grades(text: str) -> frozenset[str]:
    """The grades a statement names ("requiring improvement" is "requires improvement");
    cached: a corpus reads each statement's twice, for its words and for its features."""
    out = set()
    for m in _GRADE.finditer(text):
        word = m.group(0).lower().split()[0]
        out.add("requires improvement" if word.startswith("requir") else word)
    return frozenset(out)


def _year(time: str) -> int:
    return int(time[:4]) if time[:4].isdigit() else 0


def statement_key(s: Sentence) -> tuple[str, str, str, int]:
    """Statements in time order: what they state, then their document's date and place."""
    return (s.time, s.doc_time, s.doc, s.start)
