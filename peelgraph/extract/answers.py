"""Status comments that answer a recommendation point by point, in its own words.

A recommendation page's comments report on each recommendation by restating
it ("The constabulary has implemented a structured process for ...", "The
constabulary still needs to progress how it will maximise ..."). Each
restatement is a back-reference to the recommendation's inspection.
"""

from __future__ import annotations

import re

from peelgraph.extract.facts import BackReference, DocumentInfo, Finding, StatusEvent
from peelgraph.extract.outcomes import MODAL, NEGATIVE
from peelgraph.extract.text import evidence
from peelgraph.ingest.document import Document
from peelgraph.text.similarity import common_runs
from peelgraph.text.words import FUNCTION_WORDS, stem_spans

# Where a clause of a status comment begins: after a sentence or list mark, or at
# "and it / and the force" joining a second statement to the first.
_CLAUSE_START = re.compile(
    r"(?i)(?:[.;:!?\n]\s*|,\s+(?=[A-Z]|additionally|also|further)|\band\s+(?=(?:it|the\s+force|the\s+constabulary|they)\b))"
)
ANSWER_MIN_WORDS = 3  # a run of at least this many words in the recommendation's order
ANSWER_MIN_COVERAGE = 0.5  # of the recommendation's content words


def extract_status_answers(
    doc: Document,
    info: DocumentInfo,
    findings: list[Finding],
    events: list[StatusEvent],
) -> list[BackReference]:
    """The back-references of a document's status comments to its recommendations.

    Each restatement refers back to the recommendation's inspection; its outcome
    is read from the clause (a restatement as plain fact reports the action done).
    """
    if info.force is None:
        return []

    recs = [f for f in findings if f.type == "recommendation" and f.inspection_year]
    out: list[BackReference] = []
    for event in events:
        if event.event_type != "comment":
            continue
        ev = event.evidence
        words = stem_spans(doc.text[ev.start : ev.end], ev.start)
        stems = [w for w, _, _ in words]
        for rec in recs:
            rwords = [w for w, _, _ in stem_spans(rec.text)]
            content = [w for w in rwords if w not in FUNCTION_WORDS]
            if len(content) < 4:
                continue
            blocks = common_runs(stems, rwords, ANSWER_MIN_WORDS)  # (in comment, in rec, size)
            if not blocks:
                continue
            # The restatement is the run of blocks around the longest one, each
            # within a few words of the next in the comment.
            best = max(range(len(blocks)), key=lambda k: blocks[k][2])
            lo = hi = best
            while lo > 0 and blocks[lo][0] - (blocks[lo - 1][0] + blocks[lo - 1][2]) <= 8:
                lo -= 1
            while hi + 1 < len(blocks) and blocks[hi + 1][0] - (blocks[hi][0] + blocks[hi][2]) <= 8:
                hi += 1
            run = blocks[lo : hi + 1]
            covered = {
                k for _, b, n in run for k in range(b, b + n) if rwords[k] not in FUNCTION_WORDS
            }
            if len(covered) < ANSWER_MIN_COVERAGE * len(content):
                continue
            first, last = run[0][0], run[-1][0] + run[-1][2] - 1
            start, end = words[first][1], words[last][2]
            # Back to the start of the clause, at most ten words before the run.
            floor = words[max(first - 10, 0)][1]
            clause = None
            for m in _CLAUSE_START.finditer(doc.text, floor, start):
                clause = m.end()
            start = clause if clause is not None else floor
            span = doc.text[start:end]
            if NEGATIVE.search(span):
                outcome = "not-addressed"
            elif MODAL.search(span):
                outcome = "unclear"
            else:
                outcome = "addressed"
            out.append(
                BackReference(
                    force=info.force,
                    refers_to_year=rec.inspection_year,
                    refers_to_kind=f"{info.programme} inspection".strip(),
                    topic=" ".join(span.split())[:160],
                    question=rec.question,
                    outcome=outcome,
                    evidence=evidence(doc, start, end),
                    finding_type="recommendation",
                )
            )
    return out
