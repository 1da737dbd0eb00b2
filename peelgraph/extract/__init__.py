"""Extract: a :class:`~peelgraph.ingest.document.Document` becomes typed facts with evidence.

The document's own facts come first (kind, force, year: :mod:`.metadata`, with the
kind and reporter in :mod:`.doc_kind`, the year in :mod:`.titles` and
:mod:`.year_inference`, the force in :mod:`.attribution`); every other fact type
is read by small passes, one per form the fact takes in documents
(:mod:`.passes`), which see what is known of the document. :mod:`.cues` finds
the words that signal a fact and says which facts account for them: the
build's line of cues not read, and ``peelgraph coverage``.
"""

from __future__ import annotations

from peelgraph.extract.facts import BackReference, DocumentInfo, Facts, Finding, StatusEvent
from peelgraph.ingest.document import Document


def extract(doc: Document) -> Facts:
    from peelgraph.extract.findings import extract_findings
    from peelgraph.extract.judgements import extract_judgements
    from peelgraph.extract.measures import extract_measures, extract_ocg_figures
    from peelgraph.extract.metadata import extract_info
    from peelgraph.extract.organisations import extract_organisations
    from peelgraph.extract.programmes import extract_programmes
    from peelgraph.extract.stances import extract_stances
    from peelgraph.extract.status import parse_rendered_status, parse_status_markup

    info, problems = extract_info(doc)
    findings = extract_findings(doc, info)
    events, status_problems = parse_status_markup(doc)
    rendered, rendered_problems = parse_rendered_status(doc, findings)
    events += rendered
    comments = [(e.evidence.start, e.evidence.end) for e in events if e.event_type == "comment"]
    orgs = extract_organisations(doc, info, findings)
    measures = extract_measures(doc, info) if info.force else []
    judgements = extract_judgements(doc, info)
    return Facts(
        document=doc,
        info=info,
        judgements=tuple(judgements),
        findings=tuple(findings),
        status_events=tuple(events),
        organisations=tuple(orgs),
        programmes=tuple(extract_programmes(doc, info, orgs)),
        measures=tuple(measures),
        ocg_figures=tuple(extract_ocg_figures(doc, info, measures) if info.force else ()),
        back_references=_back_references(doc, info, findings, events, comments),
        stances=tuple(extract_stances(doc, info, judgements)),
        problems=tuple(problems + status_problems + rendered_problems),
    )


def _back_references(
    doc: Document,
    info: DocumentInfo,
    findings: list[Finding],
    events: list[StatusEvent],
    comments: list[tuple[int, int]],
) -> tuple[BackReference, ...]:
    """The passes' back-references and the status comments' answers to their
    recommendations; where both read the same words, the answer (it names what it
    answers) and not the sentence around it."""
    from peelgraph.extract.answers import extract_status_answers
    from peelgraph.extract.backrefs import extract_back_references

    answers = extract_status_answers(doc, info, findings, events)
    refs = [
        b
        for b in extract_back_references(doc, info, comments)
        if not any(
            a.refers_to_year == b.refers_to_year
            and a.evidence.start < b.evidence.end
            and b.evidence.start < a.evidence.end
            for a in answers
        )
    ]
    return tuple(refs + answers)


__all__ = ["extract"]
