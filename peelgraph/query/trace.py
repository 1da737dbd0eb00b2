"""Trace: the thread of one force's findings on one question, as a timeline.

Runs the saved ``trace`` query and shapes its rows into a :class:`Timeline`
(see :mod:`peelgraph.query.timeline` for the rule that places each entry): what was
raised, what the force was asked to do, every status change and comment, what
later inspections said, and the grades.

A trace can start from a finding, given by IRI or by a phrase of its text.
A phrase may match several findings; :func:`find_findings` returns them all,
and :func:`choose` picks one, or refuses when they belong to different threads
and no choice was made.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from peelgraph.errors import UsageError
from peelgraph.query.timeline import Timeline

_TYPE_ORDER = ("Cause of concern", "Recommendation", "Area for improvement")


@dataclass(frozen=True)
class FindingMatch:
    """A finding a phrase or IRI names, with the thread (force, question) it belongs to."""

    finding: str
    force: str
    force_name: str
    question: str | None
    question_label: str | None
    year: int | None
    type: str
    text: str

    @property
    def thread(self) -> tuple[str, str | None]:
        return self.force, self.question

    def describe(self) -> str:
        """'Area for improvement 2016, Gwent Police, serious-organised-crime'."""
        token = self.question.rsplit("/", 1)[-1] if self.question else "no question"
        return f"{self.type} {self.year or ''}, {self.force_name}, {token}"


def _rank(m: FindingMatch) -> tuple[int, int, str]:
    """The earliest cause of concern or recommendation is where a thread starts."""
    kind = next((i for i, t in enumerate(_TYPE_ORDER) if m.type.startswith(t)), len(_TYPE_ORDER))
    return (m.year or 9999, kind, m.finding)


def find_findings(store: Any, phrase_or_iri: str, force: str | None = None) -> list[FindingMatch]:
    """Every finding whose IRI is ``phrase_or_iri`` or whose text contains it, earliest first."""
    from peelgraph.graph.iris import expand
    from peelgraph.query import run_saved

    phrase_or_iri = expand(phrase_or_iri)  # id:finding/... as tables print it
    params = {"force": force} if force else {}
    if phrase_or_iri.startswith("http"):
        rows = [
            r
            for r in run_saved(store, "findings", params).rows
            if r["finding"] and r["finding"].value == phrase_or_iri
        ]
    else:
        rows = run_saved(store, "findings", {**params, "topic": phrase_or_iri}).rows

    def s(r: dict[str, Any], k: str) -> str | None:
        return None if r.get(k) is None else str(r[k])

    matches = {
        str(r["finding"]): FindingMatch(
            finding=str(r["finding"]),
            force=str(r["force"]),
            force_name=s(r, "forceName") or str(r["force"]),
            question=s(r, "question"),
            question_label=s(r, "questionLabel"),
            year=int(str(r["year"])) if r.get("year") else None,
            type=s(r, "typeLabel") or "Finding",
            text=" ".join((s(r, "text") or "").split()),
        )
        for r in rows
    }
    if not matches:
        # A phrase that names nothing is the user's to change, as a phrase naming several is.
        raise UsageError(
            f"no finding matches {phrase_or_iri!r}",
            hint="try `peelgraph query findings --param topic=WORD` to search findings",
        )
    return sorted(matches.values(), key=_rank)


def choose(matches: list[FindingMatch], pick: int | None = None) -> FindingMatch:
    """The match to trace: the ``pick``-th (from 1), or the first when all share one thread.

    Several threads and no pick is ambiguous: a :class:`UsageError` (exit 2) that
    says how many there are; the caller lists them.
    """
    if pick is not None:
        if not 1 <= pick <= len(matches):
            raise UsageError(
                f"--pick {pick}: there are {len(matches)} matching findings",
                hint=f"choose 1 to {len(matches)}",
            )
        return matches[pick - 1]
    threads = {m.thread for m in matches}
    if len(threads) > 1:
        raise UsageError(
            f"{len(matches)} findings in {len(threads)} threads match; say which one to trace",
            hint="add --pick N (the numbers listed above), or a longer phrase, --force or --question",
        )
    return matches[0]


def find_finding(
    store: Any, phrase_or_iri: str, force: str | None = None, pick: int | None = None
) -> tuple[str, str | None]:
    """(force IRI, question IRI) of the one finding a phrase or IRI names (see :func:`choose`)."""
    return choose(find_findings(store, phrase_or_iri, force), pick).thread


def trace(
    store: Any, force: str, question: str | None = None, finding: FindingMatch | None = None
) -> Timeline:
    """``force`` and ``question`` are anything the query parameters accept (names, tokens, IRIs)."""
    from peelgraph.query import run_saved
    from peelgraph.reference import forces

    params = {"force": force.rsplit("/", 1)[-1] if force.startswith("http") else force}
    if question:
        params["question"] = (
            question.rsplit("/", 1)[-1] if question.startswith("http") else question
        )
    res = run_saved(store, "trace", params)
    name = forces.resolve(params["force"]).name
    question_label = next((str(r["questionLabel"]) for r in res.rows if question), None)
    return Timeline.from_rows(
        name,
        question_label or (question and params.get("question")),
        res.rows,
        finding=asdict(finding) if finding else None,
    )
