"""The extracted facts: plain typed values passed from extraction to the later stages.

Every extracted fact is a frozen dataclass with an :class:`Evidence`: the span
of the document's cleaned text it was read from. The span maps back to the
original file (and page) through
:meth:`peelgraph.ingest.document.Document.source_span`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from peelgraph.ingest.document import Document

FindingType = Literal["cause-of-concern", "recommendation", "area-for-improvement"]
# Who states a grade: the inspectorate's own report or page, or someone reporting it.
Reporter = Literal[
    "inspectorate",
    "force-response",
    "commissioner",
    "inspectorate-press-release",
    "police-and-crime-panel",
    "other",
]
Scope = Literal["force", "national", "unknown"]
DocumentKind = Literal[
    "inspection-report",
    "force-page",
    "recommendation-page",
    "register-entry",
    "force-response",
    "commissioner-page",
    "other",
]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: document, page, cleaned-text span and exact quote."""

    doc_id: str
    start: int
    end: int
    quote: str
    page: int | None = None


@dataclass(frozen=True)
class DocumentInfo:
    kind: DocumentKind
    force: str | None  # force slug, see peelgraph.reference.forces
    programme: str  # e.g. "PEEL effectiveness"
    pillar: str | None  # effectiveness / efficiency / legitimacy / None (integrated)
    inspection_year: int | None
    year_basis: Literal["stated", "inferred", "unknown"]
    published: str | None  # ISO date or YYYY-MM
    last_updated: str | None
    author: str | None
    author_role: str | None
    addressee: str | None
    addressee_role: str | None
    publisher: str | None
    url: str | None
    title: str | None
    evidence: Evidence
    year_label: str | None = None  # "2018/19" where the round is a split year
    # "force": about one force; "national": about forces in general (a national
    # recommendation, a grades table); "unknown": no force named (a warning).
    scope: Scope = "force"
    forces_named: tuple[str, ...] = ()  # slugs, for national documents
    reported_by: Reporter = "inspectorate"  # who states the grades this document gives

    @property
    def is_response(self) -> bool:
        """A force's or commissioner's answer to a report (stances, reported grades)."""
        from peelgraph.reference.kinds import RESPONSE_KINDS

        return self.kind in RESPONSE_KINDS


@dataclass(frozen=True)
class Judgement:
    force: str
    inspection_year: int
    question: str  # question token, see peelgraph.reference.questions
    grade: str  # grade token, e.g. "Requires improvement"
    last_inspected: int
    scheme: str  # grading scheme id, see peelgraph.reference.peel.SCHEMES
    reported_by: Reporter
    evidence: Evidence


@dataclass(frozen=True)
class Finding:
    type: FindingType
    force: str | None  # None for a national finding (addressed to all forces)
    inspection_year: int | None
    question: str | None
    text: str
    evidence: Evidence
    sub_items: tuple[str, ...] = ()
    lead_in: str | None = None
    quoted_from_year: int | None = None  # set when quoting an earlier report
    parent: str | None = None  # key of the cause of concern a recommendation serves
    tracked: bool = False  # the finding a recommendation page tracks (status applies)
    scope: Scope = "force"
    tracked_for: str | None = None  # the force whose page tracks a national finding
    reference_only: bool = False  # named by a later document, its own words not given

    @property
    def key(self) -> str:
        from peelgraph.text.normalise import finding_key

        if self.scope == "national":
            # A national finding's words are its identity: every force's page tracks the same
            # one, whether or not that page says which inspection raised it.
            return finding_key("national", None, self.type, self.text)
        # A force's finding; its own document where the force is not named.
        owner = self.force or f"doc-{self.evidence.doc_id}"
        return finding_key(owner, self.inspection_year, self.type, self.text)


@dataclass(frozen=True)
class StatusEvent:
    date: str | None  # ISO date; None where a rendered page shows a comment without one
    event_type: Literal["status", "comment"]
    status: str | None
    comment: str | None
    evidence: Evidence
    truncated: bool = False  # a comment cut off by the end of the stored text


@dataclass(frozen=True)
class Organisation:
    """An organisation a document names, canonicalised across documents."""

    name: str  # as written
    canonical: str
    category: str
    role: str  # subject | partner | comparator | other
    force: str | None  # slug, when it is one of the 43 forces
    generic: bool
    evidence: Evidence


@dataclass(frozen=True)
class ProgrammeMention:
    """A named programme, operation, tool, scheme or board a document names."""

    name: str
    canonical: str
    category: str
    evidence: Evidence


@dataclass(frozen=True)
class Measure:
    """A numeric measure for a force and period, beside the England and Wales value."""

    force: str
    measure: str  # an identifier derived from the label, e.g. "calls_for_assistance"
    label: str  # the label as printed
    period: str | None
    value: float
    unit: str | None
    england_wales_value: float | None
    source: str  # "force-in-numbers" | "figure table" | "narrative"
    evidence: Evidence


@dataclass(frozen=True)
class OcgFigure:
    """Organised crime group figures of a force at a date."""

    force: str
    as_at: str | None
    count: int | None
    per_million: float | None
    england_wales_per_million: float | None
    evidence: Evidence


@dataclass(frozen=True)
class BackReference:
    """A statement that points at an earlier inspection's finding, and what was found since."""

    force: str | None
    refers_to_year: int | None  # None: "the last inspection", "previously"
    refers_to_kind: str
    topic: str
    question: str | None
    outcome: str  # addressed | partly-addressed | not-addressed | unclear
    evidence: Evidence
    finding_type: FindingType | None = None  # the kind of earlier finding it names, if it names one


@dataclass(frozen=True)
class Stance:
    """A response's stance on a judgement or finding: disputes or accepts."""

    force: str
    inspection_year: int | None
    question: str | None
    grade: str | None
    target: str  # grade | finding | area-for-improvement
    stance: str  # disputes | accepts
    evidence: Evidence


@dataclass(frozen=True)
class Problem:
    """Something the extractor noticed but could not turn into a fact."""

    message: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Facts:
    """Everything extracted from one document."""

    document: Document
    info: DocumentInfo
    judgements: tuple[Judgement, ...] = ()
    findings: tuple[Finding, ...] = ()
    status_events: tuple[StatusEvent, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    programmes: tuple[ProgrammeMention, ...] = ()
    measures: tuple[Measure, ...] = ()
    ocg_figures: tuple[OcgFigure, ...] = ()
    back_references: tuple[BackReference, ...] = ()
    stances: tuple[Stance, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        return {
            "judgements": len(self.judgements),
            "findings": len(self.findings),
            "status_events": len(self.status_events),
            "organisations": len(self.organisations),
            "programmes": len(self.programmes),
            "measures": len(self.measures),
            "ocg_figures": len(self.ocg_figures),
            "back_references": len(self.back_references),
            "stances": len(self.stances),
        }
