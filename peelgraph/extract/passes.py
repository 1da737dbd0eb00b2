"""Extraction as small passes, one per form a fact takes in documents.

A pass reads a :class:`Context` and yields :class:`Candidate` facts, each with
the span of text it was read from and, where a fact may be stated more than
once, a key (one grade per force and question). :func:`settle` runs the passes
of one fact type in order, most reliable form first, through one shared
:class:`SpanSet`: a candidate is dropped when an earlier pass already read its
span or its key. A pass may yield several facts from the very same span (one
sentence grading two questions), but not from overlapping ones. A span read again
for a fact already known (a second mention) is still read: no later pass takes it.

Adding a form is one pass (a function) in the tuple of its fact type, and one
test on an invented document in that form.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from peelgraph.extract.facts import DocumentInfo
from peelgraph.extract.text import Line, lines
from peelgraph.ingest.document import Document
from peelgraph.text.sentences import sentence_spans

T = TypeVar("T")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """A fact a pass read, the span it was read from, and its identity if it has one."""

    fact: T
    start: int
    end: int
    key: Hashable | None = None


class SpanSet:
    """Spans of text already read, merged into disjoint sorted runs: overlap tests in O(log n)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_left(self._spans, (start, start))
        if i > 0 and self._spans[i - 1][1] > start:
            return False
        return not (i < len(self._spans) and self._spans[i][0] < end)

    def claim(self, start: int, end: int) -> None:
        """Add a span, merged with the runs it touches (only its neighbours are looked at)."""
        spans = self._spans
        i = bisect_left(spans, (start, start))
        if i > 0 and spans[i - 1][1] >= start:
            i -= 1  # the run before reaches into this span
        j = i
        while j < len(spans) and spans[j][0] <= end:
            start, end = min(start, spans[j][0]), max(end, spans[j][1])
            j += 1
        spans[i:j] = [(start, end)]


@dataclass
class Context:
    """What every pass reads: the document, what is known of it, and shared views of its text."""

    doc: Document
    info: DocumentInfo
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def lines(self) -> list[Line]:
        return lines(self.doc)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.doc.text)

    @cached_property
    def sections(self) -> list[tuple[int, str]]:
        """(position, question) of each heading that opens a question's section."""
        from peelgraph.extract.sections import section_marks

        return section_marks(self.lines, self.info.inspection_year)

    def section_at(self, pos: int) -> str | None:
        marks = self.sections
        i = bisect_left(marks, (pos + 1, "")) - 1
        return marks[i][1] if i >= 0 else None


Pass = Callable[[Context], Iterable[Candidate[T]]]


def settle(ctx: Context, passes: Sequence[Pass[T]], spans: SpanSet | None = None) -> list[T]:
    """Run ``passes`` in order; keep each candidate whose span and key are still free."""
    spans = spans if spans is not None else SpanSet()
    keys: set[Hashable] = set()
    out: list[T] = []
    for run in passes:
        mine: set[tuple[int, int]] = set()  # spans this pass read: it may read them again
        for c in run(ctx):
            span = (c.start, c.end)
            if span not in mine:
                if not spans.free(*span):
                    continue
                spans.claim(*span)
                mine.add(span)
            if c.key is not None:
                if c.key in keys:
                    continue
                keys.add(c.key)
            out.append(c.fact)
    return out
