"""Extract: a :class:`~peelgraph.model.Document` becomes typed facts with evidence."""

from __future__ import annotations

from peelgraph.model import Document, Facts


def extract(doc: Document) -> Facts:
    from peelgraph.extract.answers import extract_status_answers
    from peelgraph.extract.backrefs import extract_back_references, extract_stances
    from peelgraph.extract.entities import extract_organisations, extract_programmes
    from peelgraph.extract.findings import extract_findings
    from peelgraph.extract.judgements import extract_judgements
    from peelgraph.extract.measures import extract_measures, extract_ocg_figures
    from peelgraph.extract.metadata import extract_info
    from peelgraph.extract.status import parse_status_markup

    info, problems = extract_info(doc)
    events, status_problems = parse_status_markup(doc)
    orgs = extract_organisations(doc, info)
    measures = extract_measures(doc, info)
    judgements = extract_judgements(doc, info)
    findings = extract_findings(doc, info)
    return Facts(
        document=doc,
        info=info,
        judgements=tuple(judgements),
        findings=tuple(findings),
        status_events=tuple(events),
        organisations=tuple(orgs),
        programmes=tuple(extract_programmes(doc, info, orgs)),
        measures=tuple(measures),
        ocg_figures=tuple(extract_ocg_figures(doc, info, measures)),
        back_references=tuple(
            extract_back_references(doc, info) + extract_status_answers(doc, info, findings, events)
        ),
        stances=tuple(extract_stances(doc, info, judgements)),
        problems=tuple(problems + status_problems),
    )


__all__ = ["extract"]
