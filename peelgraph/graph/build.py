"""Build: facts become RDF, one named graph per source document.

Every node is an IRI minted from canonical keys (no blank nodes), so the same
inputs give the same triples, and a rebuilt document's graph replaces the old
one exactly. Every fact links to a ``peel:Evidence`` node with its quote.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from peelgraph.extract.facts import Evidence, Facts, Finding, Judgement
from peelgraph.graph import iris
from peelgraph.graph.triples import DocumentTriples, Terms, TripleSet, add_evidence, integer
from peelgraph.graph.vocab import ORG, PEEL, PREFIXES, PROV, QB
from peelgraph.ingest.document import Document
from peelgraph.reference import forces, peel, questions
from peelgraph.reference.kinds import (
    DOCUMENT_KINDS,
    FINDING_TYPES,
    INSPECTORATE_KINDS,
    RESPONSE_KINDS,
)
from peelgraph.text.normalise import slugify
from peelgraph.text.sentences import sentences

# Their terms as plain attributes once looked up (see graph.triples.Terms): the same
# objects, without the vocabularies' lookup code at each of a document's triples.
RDF, RDFS, XSD, DCTERMS, SKOS = Terms(RDF), Terms(RDFS), Terms(XSD), Terms(DCTERMS), Terms(SKOS)
ORG, PEEL, PROV, QB = Terms(ORG), Terms(PEEL), Terms(PROV), Terms(QB)

_DOC_CLASS = {
    "inspection-report": PEEL.Report,
    "force-page": PEEL.Report,
    "register-entry": PEEL.RecommendationPage,
    "recommendation-page": PEEL.RecommendationPage,
    "force-response": PEEL.Response,
    "commissioner-page": PEEL.Response,
    "other": PEEL.SourceDocument,
}
_FINDING_CLASS = {
    "cause-of-concern": PEEL.CauseOfConcern,
    "recommendation": PEEL.Recommendation,
    "area-for-improvement": PEEL.AreaForImprovement,
}
FINDING_TYPE_LABELS = FINDING_TYPES
# Who gives a grade claim, as its label says it.
REPORTER_WORDS = {
    "inspectorate": "the inspectorate",
    "force-response": "the force's response",
    "commissioner": "the commissioner",
    "inspectorate-press-release": "the inspectorate's press release",
    "police-and-crime-panel": "a police and crime panel",
    "other": "another document",
}
DOCUMENT_KIND_LABELS = DOCUMENT_KINDS


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


# xsd:integer literals, made once per value (years repeat in every fact of a document:
# rdflib makes a typed literal in tens of microseconds); and the one boolean a graph says.
_int = integer
_TRUE = Literal(True)


def _date(value: str) -> Literal:
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


class _DocGraph:
    def __init__(self, facts: Facts, sink: Graph | TripleSet | None = None) -> None:
        self.facts = facts
        self.doc = facts.document
        self.g: Any = sink if sink is not None else _new_graph()
        self.doc_iri = URIRef(iris.document(self.doc.doc_id))
        # Plain literals as the sink makes them (N-Triples text for DocumentTriples).
        self.lit: Any = getattr(self.g, "literal", Literal)
        self.int: Any = getattr(self.g, "integer", _int)  # and integers
        self._inspections: dict[tuple[str, str, int], URIRef] = {}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def evidence(self, subject: URIRef, ev: Evidence) -> None:
        source = self.doc.source_span(ev.start, ev.end)
        add_evidence(self.g, subject, self.doc_iri, (ev.start, ev.end), ev.quote, source, ev.page)

    def inspection(
        self, year: int | None, force_slug: str | None = None, programme: str | None = None
    ) -> URIRef | None:
        """The inspection node of ``force_slug`` (the document's force) in ``year``, of
        ``programme`` (the document's)."""
        info = self.facts.info
        force_slug = force_slug or info.force
        if force_slug is None or year is None:
            return None
        programme = programme or info.programme
        # Asked for each judgement and finding (ten times a document on the 10 % sample):
        # its triples are added once, the same each time (the graph is a set of them).
        key = (force_slug, programme, year)
        if (made := self._inspections.get(key)) is not None:
            return made
        self._inspections[key] = self._inspection(year, force_slug, programme)
        return self._inspections[key]

    def _inspection(self, year: int, force_slug: str, programme: str) -> URIRef:
        info = self.facts.info
        pillar = info.pillar if programme == info.programme else programme.split()[-1]
        iri = URIRef(iris.inspection(force_slug, _slug(programme), year))
        force = forces.BY_SLUG[force_slug]
        self.add(iri, RDF.type, PEEL.Inspection)
        self.add(iri, PEEL.inspectedForce, URIRef(iris.force(force_slug)))
        self.add(iri, PEEL.year, self.int(year))
        self.add(iri, PEEL.programme, self.lit(programme))
        if pillar:
            self.add(iri, PEEL.pillar, self.lit(pillar))
        self.add(iri, RDFS.label, self.lit(f"{force.name} {programme} {year}"))
        return iri

    def document(self) -> None:
        info, d = self.facts.info, self.doc_iri
        self.add(d, RDF.type, _DOC_CLASS[info.kind])
        self.add(d, RDF.type, PEEL.SourceDocument)
        self.add(d, PEEL.documentKind, URIRef(iris.document_kind(info.kind)))
        self.add(d, PEEL.fileName, self.lit(self.doc.name))
        self.add(d, PEEL.checksum, self.lit(self.doc.checksum))
        self.add(d, PEEL.mediaType, self.lit(self.doc.media_type))
        self.add(d, RDFS.label, self.lit(document_label(self.facts)))
        if info.title and info.kind in INSPECTORATE_KINDS:
            self.add(d, DCTERMS.title, self.lit(info.title))
        if info.published:
            self.add(d, DCTERMS.issued, _date(info.published))
        if info.last_updated:
            self.add(d, DCTERMS.modified, _date(info.last_updated))
        # What a document may or may not say; add() leaves out what it does not.
        for prop, value in (
            (DCTERMS.creator, info.author),
            (PEEL.authorRole, info.author_role),
            (PEEL.addressee, info.addressee),
            (PEEL.addresseeRole, info.addressee_role),
            (DCTERMS.publisher, info.publisher),
        ):
            self.add(d, prop, self.lit(value) if value else None)
        # Where an analyst can cite it: the address the file or the build's index gives,
        # else one a tracking page prints in its opening lines.
        if address := self.doc.address or info.url:
            self.add(d, DCTERMS.source, Literal(address, datatype=XSD.anyURI))
        self.add(d, PEEL.yearBasis, self.lit(info.year_basis))
        # The text and its sentences, so that the linker can pair later sentences with
        # earlier findings (and mint evidence for them) without reading the file again.
        self.add(d, PEEL.fullText, self.lit(self.doc.text))
        self.add(d, PEEL.sentenceIndex, Literal(sentence_index(self.doc), datatype=RDF.JSON))
        if info.force:
            self.add(d, PEEL.force, URIRef(iris.force(info.force)))
        self.add(d, PEEL.scope, self.lit(info.scope))
        for slug in info.forces_named:
            self.add(d, PEEL.namesForce, URIRef(iris.force(slug)))
        if info.year_label:
            self.add(d, PEEL.yearLabel, self.lit(info.year_label))
        insp = self.inspection(info.inspection_year)
        if insp is not None:
            self.add(d, PEEL.aboutInspection, insp)
            if info.kind in INSPECTORATE_KINDS:
                self.add(d, PROV_GENERATED_BY, insp)
        self.evidence(d, info.evidence)

    def judgements(self) -> None:
        for j in self.facts.judgements:
            programme = peel.judgement_programme(
                self.facts.info.programme, j.question, j.inspection_year
            )
            insp = self.inspection(j.inspection_year, j.force, programme)
            assert insp is not None
            iri = URIRef(iris.judgement(str(insp), j.question))
            self.add(iri, RDF.type, PEEL.Judgement)
            self.add(iri, PEEL.inspection, insp)
            self.add(iri, PEEL.force, URIRef(iris.force(j.force)))
            self.add(iri, PEEL.year, self.int(j.inspection_year))
            self.add(iri, PEEL.question, URIRef(iris.question(j.question)))
            self.add(iri, PEEL.grade, URIRef(iris.grade(j.grade)))
            self.add(iri, PEEL.gradingScheme, URIRef(iris.grading_scheme(j.scheme)))
            self.add(iri, PEEL.lastInspected, self.int(j.last_inspected))
            self.add(iri, PEEL.reportedBy, self.lit(j.reported_by))
            q = questions.BY_TOKEN[j.question].label
            self.add(iri, RDFS.label, self.lit(f"{q} {j.inspection_year}: {j.grade}"))
            self.evidence(iri, j.evidence)
            self.grade_claim(iri, j, f"{q} {j.inspection_year}")

    def grade_claim(self, judgement: URIRef, j: Judgement, what: str) -> None:
        """This document's own statement of the judgement's grade. The judgement node is
        shared by every document that states it (so its grades and reporters pile up);
        the claim keeps which document, and which reporter, gave which grade."""
        claim = URIRef(iris.grade_claim(str(judgement), self.doc.doc_id))
        self.add(judgement, PEEL.gradeClaim, claim)
        self.add(claim, RDF.type, PEEL.GradeClaim)
        self.add(claim, PEEL.grade, URIRef(iris.grade(j.grade)))
        self.add(claim, PEEL.reportedBy, self.lit(j.reported_by))
        self.add(claim, PROV.wasDerivedFrom, self.doc_iri)
        who = REPORTER_WORDS.get(j.reported_by, j.reported_by)
        self.add(claim, RDFS.label, self.lit(f"{what}: {j.grade}, as {who} states it"))
        self.evidence(claim, j.evidence)

    def finding_iri(self, f: Finding) -> URIRef:
        return URIRef(iris.finding(f.key))

    def findings(self) -> list[URIRef]:
        tracked: list[URIRef] = []
        for f in self.facts.findings:
            iri = self.finding_iri(f)
            self.add(iri, RDF.type, PEEL.Finding)
            self.add(iri, RDF.type, _FINDING_CLASS[f.type])
            self.add(iri, PEEL.findingType, URIRef(iris.finding_type(f.type)))
            if f.scope == "force" and f.force:
                self.add(iri, PEEL.force, URIRef(iris.force(f.force)))
            self.add(
                iri, PEEL.scope, self.lit(f.scope if f.force or f.scope != "force" else "unknown")
            )
            if f.inspection_year is not None:
                self.add(iri, PEEL.year, self.int(f.inspection_year))
                if f.scope == "force":
                    self.add(iri, PEEL.inspection, self.inspection(f.inspection_year))
            if f.question:
                self.add(iri, PEEL.question, URIRef(iris.question(f.question)))
            self.add(iri, PEEL.text, self.lit(f.text))
            label = f.text if len(f.text) <= 90 else f.text[:87].rstrip() + "..."
            self.add(iri, RDFS.label, self.lit(f"{FINDING_TYPE_LABELS[f.type]}: {label}"))
            for item in f.sub_items:
                self.add(iri, PEEL.subItem, self.lit(item))
            if f.lead_in:
                self.add(iri, PEEL.leadIn, self.lit(f.lead_in))
            if f.quoted_from_year is not None:
                self.add(iri, PEEL.quotedIn, self.doc_iri)
            if f.reference_only:
                self.add(iri, PEEL.referencedOnly, _TRUE)
            if f.parent:
                self.add(URIRef(iris.finding(f.parent)), PEEL.hasRecommendation, iri)
            if f.tracked:
                self.add(iri, PEEL.trackedBy, self.doc_iri)
                tracked.append(iri)
            self.evidence(iri, f.evidence)
        return tracked

    def status_events(self, tracked: list[URIRef]) -> None:
        force = self.facts.info.force
        for e in self.facts.status_events:
            iri = URIRef(iris.status_event(self.doc.doc_id, e.evidence.start))
            when = e.date or "date not shown"
            self.add(iri, RDF.type, PEEL.StatusEvent)
            if e.date:
                self.add(iri, PEEL.date, Literal(e.date, datatype=XSD.date))
            self.add(iri, PEEL.eventType, self.lit(e.event_type))
            # Whose progress it records: the tracking page's force (a national
            # recommendation has a status history per force).
            if force:
                self.add(iri, PEEL.force, URIRef(iris.force(force)))
            self.add(iri, PEEL.inDocument, self.doc_iri)
            if e.status:
                self.add(iri, PEEL.status, URIRef(iris.status(e.status)))
                self.add(iri, RDFS.label, self.lit(f"{when}: {e.status}"))
            else:
                self.add(iri, RDFS.label, self.lit(f"{when}: comment"))
            if e.comment:
                self.add(iri, PEEL.commentText, self.lit(e.comment))
            if e.truncated:
                self.add(iri, PEEL.truncated, _TRUE)
            for f in tracked:
                self.add(f, PEEL.hasStatusEvent, iri)
            self.evidence(iri, e.evidence)

    def organisations(self) -> None:
        subject = self.facts.info.force
        subject_iri = URIRef(iris.force(subject)) if subject else None
        for o in self.facts.organisations:
            if o.force:
                iri = URIRef(iris.force(o.force))
            else:
                iri = URIRef(iris.organisation(organisation_key(o.canonical)))
                self.add(iri, RDF.type, PEEL.Partner)
                self.add(iri, RDF.type, ORG.Organization)
                self.add(iri, RDFS.label, self.lit(o.canonical))
                self.add(iri, SKOS.prefLabel, self.lit(o.canonical, lang="en"))
                self.add(iri, PEEL.orgCategory, self.lit(o.category))
            if o.name != o.canonical:
                self.add(iri, SKOS.altLabel, self.lit(o.name, lang="en"))
            m = self.mention(iri, o.evidence, o.role)
            if o.force:
                self.add(m, PEEL.orgCategory, self.lit(o.category))
            if subject_iri is not None and o.role == "partner" and iri != subject_iri:
                self.add(subject_iri, PEEL.worksWith, iri)

    def programmes(self) -> None:
        from peelgraph.extract.programmes import programme_key

        subject = self.facts.info.force
        for p in self.facts.programmes:
            iri = URIRef(
                iris.programme(slugify(programme_key(p.canonical)) or slugify(p.canonical))
            )
            self.add(iri, RDF.type, PEEL.Programme)
            self.add(iri, RDFS.label, self.lit(p.canonical))
            self.add(iri, PEEL.programmeCategory, self.lit(p.category))
            if p.name != p.canonical:
                self.add(iri, SKOS.altLabel, self.lit(p.name, lang="en"))
            self.mention(iri, p.evidence, None)
            if subject:
                self.add(URIRef(iris.force(subject)), PEEL.mentions, iri)

    def mention(self, target: URIRef, ev: Evidence, role: str | None) -> URIRef:
        m = URIRef(iris.mention(self.doc.doc_id, str(target)))
        self.add(m, RDF.type, PEEL.Mention)
        self.add(m, PEEL.mentionOf, target)
        self.add(m, PEEL.inDocument, self.doc_iri)
        if self.facts.info.force:
            self.add(m, PEEL.force, URIRef(iris.force(self.facts.info.force)))
        if role:
            self.add(m, PEEL.role, self.lit(role))
        self.evidence(m, ev)
        return m

    def measures(self) -> None:
        dataset = URIRef(iris.MEASURES_DATASET)
        for m in self.facts.measures:
            iri = URIRef(
                iris.measure(self.doc.doc_id, m.evidence.start, m.evidence.end)
                + f"/{slugify(m.measure)[:40]}"
            )
            self.add(iri, RDF.type, PEEL.MeasureObservation)
            self.add(iri, RDF.type, QB.Observation)
            self.add(iri, QB.dataSet, dataset)
            self.add(iri, PEEL.force, URIRef(iris.force(m.force)))
            self.add(iri, PEEL.measure, self.lit(m.measure))
            self.add(iri, RDFS.label, self.lit(m.label))
            if m.period:
                self.add(iri, PEEL.refPeriod, self.lit(m.period))
            self.add(iri, PEEL.value, Literal(_decimal(m.value), datatype=XSD.decimal))
            if m.unit:
                self.add(iri, PEEL.unit, self.lit(m.unit))
            if m.england_wales_value is not None:
                self.add(
                    iri,
                    PEEL.englandWalesValue,
                    Literal(_decimal(m.england_wales_value), datatype=XSD.decimal),
                )
            self.add(iri, PEEL.measureSource, self.lit(m.source))
            self.add(iri, PEEL.inDocument, self.doc_iri)
            self.evidence(iri, m.evidence)

    def ocg_figures(self) -> None:
        for o in self.facts.ocg_figures:
            iri = URIRef(iris.ocg_figure(o.force, o.as_at, self.doc.doc_id))
            self.add(iri, RDF.type, PEEL.OCGFigure)
            self.add(iri, RDF.type, QB.Observation)
            self.add(iri, QB.dataSet, URIRef(iris.MEASURES_DATASET))
            self.add(iri, PEEL.force, URIRef(iris.force(o.force)))
            self.add(
                iri,
                RDFS.label,
                self.lit(f"OCGs, {forces.BY_SLUG[o.force].name}, {o.as_at or 'date not given'}"),
            )
            if o.as_at:
                self.add(iri, PEEL.asAt, Literal(o.as_at, datatype=XSD.date))
            if o.count is not None:
                self.add(iri, PEEL.ocgCount, self.int(o.count))
            if o.per_million is not None:
                self.add(
                    iri,
                    PEEL.ocgsPerMillion,
                    Literal(_decimal(o.per_million), datatype=XSD.decimal),
                )
            if o.england_wales_per_million is not None:
                self.add(
                    iri,
                    PEEL.englandWalesPerMillion,
                    Literal(_decimal(o.england_wales_per_million), datatype=XSD.decimal),
                )
            self.add(iri, PEEL.inDocument, self.doc_iri)
            self.evidence(iri, o.evidence)

    def back_references(self) -> None:
        for b in self.facts.back_references:
            iri = URIRef(
                iris.back_reference(self.doc.doc_id, b.evidence.start, b.refers_to_year or 0)
            )
            self.add(iri, RDF.type, PEEL.BackReference)
            if b.force:
                self.add(iri, PEEL.force, URIRef(iris.force(b.force)))
            if b.refers_to_year is not None:
                self.add(iri, PEEL.refersToYear, self.int(b.refers_to_year))
            self.add(iri, PEEL.refersToKind, self.lit(b.refers_to_kind))
            self.add(iri, PEEL.outcome, self.lit(b.outcome))
            self.add(iri, RDFS.label, self.lit(b.topic))
            if b.question:
                self.add(iri, PEEL.question, URIRef(iris.question(b.question)))
            if b.finding_type:
                self.add(iri, PEEL.refersToFindingType, URIRef(iris.finding_type(b.finding_type)))
            self.add(iri, PEEL.inDocument, self.doc_iri)
            self.evidence(iri, b.evidence)

    def stances(self) -> None:
        for st in self.facts.stances:
            iri = URIRef(iris.stance(self.doc.doc_id, st.evidence.start))
            self.add(iri, RDF.type, PEEL.Stance)
            self.add(iri, PEEL.force, URIRef(iris.force(st.force)))
            self.add(iri, PEEL.stance, self.lit(st.stance))
            self.add(iri, PEEL.target, self.lit(st.target))
            self.add(
                iri,
                RDFS.label,
                self.lit(f"{st.stance}: {' '.join(st.evidence.quote.split())[:80]}"),
            )
            if st.question:
                self.add(iri, PEEL.question, URIRef(iris.question(st.question)))
            if st.grade:
                self.add(iri, PEEL.grade, URIRef(iris.grade(st.grade)))
            self.add(iri, PEEL.inDocument, self.doc_iri)
            self.evidence(iri, st.evidence)
            insp = self.inspection(st.inspection_year)
            if insp is not None and st.question and st.target == "grade":
                judgement = URIRef(iris.judgement(str(insp), st.question))
                self.add(iri, PEEL.about, judgement)
                prop = PEEL.disputes if st.stance == "disputes" else PEEL.agreesWith
                self.add(iri, prop, judgement)
                self.add(self.doc_iri, prop, judgement)


def sentence_index(doc: Document) -> str:
    """The document's sentences as JSON: [start, end, source start, source end, page,
    kind (sentence, heading, item, stub: see text.sentences)] each."""
    import json

    rows = []
    for sent in sentences(doc.text):
        a, b = sent.start, sent.end
        ra, rb = doc.source_span(a, b)
        rows.append([a, b, ra, rb, doc.page_at(a) if doc.pages else None, sent.kind])
    return json.dumps(rows, separators=(",", ":"))


def _decimal(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else f"{int(x)}.0"


def organisation_key(canonical: str) -> str:
    """One key per real organisation: parenthesised acronyms and case do not count."""
    import re

    return slugify(re.sub(r"\([^)]*\)", " ", canonical))


PROV_GENERATED_BY = URIRef("http://www.w3.org/ns/prov#wasGeneratedBy")


def document_label(facts: Facts) -> str:
    """A label a person recognises: kind, force, programme and year, and the date."""
    info = facts.info
    parts = [DOCUMENT_KIND_LABELS[info.kind]]
    if info.force:
        parts.append(forces.BY_SLUG[info.force].name)
    if info.inspection_year:
        parts.append(f"{info.programme} {info.inspection_year}")
    label = ", ".join(parts)
    if info.kind in RESPONSE_KINDS and info.author:
        label += f" (letter from {info.author}"
        label += f", {info.published})" if info.published else ")"
    elif info.published or info.last_updated:
        label += f" ({info.published or 'updated ' + str(info.last_updated)})"
    return label


def _slug(text: str) -> str:
    from peelgraph.text.normalise import slugify

    return slugify(text)


def document_graph(facts: Facts) -> Graph:
    """The named graph of one document's facts."""
    graph: Graph = _fill(_DocGraph(facts)).g
    return graph


def document_ntriples(facts: Facts) -> bytes:
    """The same graph as :func:`document_graph` (with status concepts), as sorted N-Triples."""
    sink = DocumentTriples()
    _fill(_DocGraph(facts, sink))
    status_concepts(sink)
    return sink.ntriples()


def _fill(b: _DocGraph) -> _DocGraph:
    b.document()
    b.judgements()
    tracked = b.findings()
    b.status_events(tracked)
    b.organisations()
    b.programmes()
    b.measures()
    b.ocg_figures()
    b.back_references()
    b.stances()
    return b


def _concept(g: Any, iri: str, scheme: URIRef, label: str, notation: str) -> URIRef:
    c = URIRef(iri)
    lit = getattr(g, "literal", Literal)  # as the sink makes plain literals (see _DocGraph)
    g.add((c, RDF.type, SKOS.Concept))
    g.add((c, SKOS.inScheme, scheme))
    g.add((c, SKOS.prefLabel, lit(label, lang="en")))
    g.add((c, RDFS.label, lit(label)))
    g.add((c, SKOS.notation, lit(notation)))
    return c


def reference_graph() -> Graph:
    """Forces and the SKOS concept schemes: the same for every build."""
    g = _new_graph()
    for f in forces.FORCES:
        iri = URIRef(iris.force(f.slug))
        g.add((iri, RDF.type, PEEL.Force))
        g.add((iri, RDF.type, ORG.Organization))
        g.add((iri, SKOS.prefLabel, Literal(f.name, lang="en")))
        g.add((iri, RDFS.label, Literal(f.name)))
        g.add((iri, PEEL.slug, Literal(f.slug)))
        for alias in (f.short, *f.aliases):
            g.add((iri, SKOS.altLabel, Literal(alias, lang="en")))
    for q in questions.QUESTIONS:
        _concept(g, iris.question(q.token), PEEL.Questions, q.label, q.token)
    for rank, grade in enumerate(peel.GRADES, 1):
        c = _concept(g, iris.grade(grade), PEEL.Grades, grade, grade.lower().replace(" ", "-"))
        if grade != "Ungraded":
            g.add((c, PEEL.rank, _int(rank)))
    for s in peel.SCHEMES:
        c = _concept(g, iris.grading_scheme(s.id), PEEL.GradingSchemes, s.label, s.id)
        g.add((c, SKOS.definition, Literal(s.comment, lang="en")))
    for st in peel.STATUSES:
        _concept(g, iris.status(st), PEEL.Statuses, st.replace("-", " ").capitalize(), st)
    for token, label in FINDING_TYPE_LABELS.items():
        _concept(g, iris.finding_type(token), PEEL.FindingTypes, label, token)
    for token, label in DOCUMENT_KIND_LABELS.items():
        _concept(g, iris.document_kind(token), PEEL.DocumentKinds, label, token)
    ds = URIRef(iris.MEASURES_DATASET)
    g.add((ds, RDF.type, QB.DataSet))
    g.add((ds, RDFS.label, Literal("Measures and OCG figures read from inspection documents")))
    return g


def status_concepts(graph: Any) -> None:
    """Statuses met in documents but not in the reference list still get a concept."""
    known = {URIRef(iris.status(s)) for s in peel.STATUSES}
    for st in set(graph.objects(None, PEEL.status)):
        if isinstance(st, URIRef) and st not in known:
            token = str(st).rsplit("/", 1)[-1]
            _concept(graph, str(st), PEEL.Statuses, token.replace("-", " ").capitalize(), token)
