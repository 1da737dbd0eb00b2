"""Vocabulary terms in code: a typo fails loudly (``_fail = True``).

Kept in step with ``ontology/peel.ttl`` by ``tests/test_ontology.py``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from peelgraph.graph.iris import ONTOLOGY, SHORT_PREFIXES


class PEEL(DefinedNamespace):
    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Force: URIRef
    Inspection: URIRef
    SourceDocument: URIRef
    Report: URIRef
    RecommendationPage: URIRef
    Response: URIRef
    Judgement: URIRef
    GradeClaim: URIRef
    Finding: URIRef
    CauseOfConcern: URIRef
    Recommendation: URIRef
    AreaForImprovement: URIRef
    StatusEvent: URIRef
    Evidence: URIRef
    Partner: URIRef
    Programme: URIRef
    Mention: URIRef
    MeasureObservation: URIRef
    OCGFigure: URIRef
    BackReference: URIRef
    Stance: URIRef
    Link: URIRef
    Passage: URIRef
    Tracking: URIRef
    # concept schemes
    Questions: URIRef
    Grades: URIRef
    GradingSchemes: URIRef
    Statuses: URIRef
    FindingTypes: URIRef
    DocumentKinds: URIRef
    # properties
    hasEvidence: URIRef
    page: URIRef
    sourceStart: URIRef
    sourceEnd: URIRef
    documentKind: URIRef
    fileName: URIRef
    checksum: URIRef
    mediaType: URIRef
    aboutInspection: URIRef
    addressee: URIRef
    authorRole: URIRef
    addresseeRole: URIRef
    yearBasis: URIRef
    slug: URIRef
    inspectedForce: URIRef
    year: URIRef
    programme: URIRef
    pillar: URIRef
    force: URIRef
    inspection: URIRef
    question: URIRef
    grade: URIRef
    gradeClaim: URIRef
    gradingScheme: URIRef
    lastInspected: URIRef
    rank: URIRef
    findingType: URIRef
    text: URIRef
    subItem: URIRef
    leadIn: URIRef
    hasRecommendation: URIRef
    quotedIn: URIRef
    trackedBy: URIRef
    followsUp: URIRef
    hasStatusEvent: URIRef
    date: URIRef
    status: URIRef
    eventType: URIRef
    commentText: URIRef
    orgCategory: URIRef
    programmeCategory: URIRef
    worksWith: URIRef
    mentions: URIRef
    mentionOf: URIRef
    role: URIRef
    inDocument: URIRef
    measure: URIRef
    refPeriod: URIRef
    value: URIRef
    unit: URIRef
    englandWalesValue: URIRef
    measureSource: URIRef
    asAt: URIRef
    ocgCount: URIRef
    ocgsPerMillion: URIRef
    englandWalesPerMillion: URIRef
    refersToYear: URIRef
    refersToKind: URIRef
    refersToFindingType: URIRef
    outcome: URIRef
    stance: URIRef
    target: URIRef
    about: URIRef
    disputes: URIRef
    agreesWith: URIRef
    referencedOnly: URIRef
    linkFrom: URIRef
    linkTo: URIRef
    relation: URIRef
    method: URIRef
    score: URIRef
    leadRank: URIRef
    parallel: URIRef
    tracks: URIRef
    trackingForce: URIRef
    latestStatus: URIRef
    latestDate: URIRef
    complete: URIRef
    ownEvidence: URIRef
    nextJudgement: URIRef
    earliestTakenUp: URIRef
    # a tracking's findings row (derived; peelgraph.link.derived)
    rowType: URIRef
    rowTypeLabel: URIRef
    rowText: URIRef
    rowYear: URIRef
    rowForceName: URIRef
    rowQuote: URIRef
    rowDocument: URIRef
    rowPage: URIRef
    rowQuestion: URIRef
    rowQuestionLabel: URIRef
    rowFindingRank: URIRef
    rowsForce: URIRef
    # a force's recurrence rows (derived; peelgraph.link.rows)
    recurrencesOf: URIRef
    recurrenceRank: URIRef
    recurrenceForceName: URIRef
    recurrenceLaterYear: URIRef
    recurrenceEarlierYear: URIRef
    recurrenceRelation: URIRef
    recurrenceMethod: URIRef
    recurrenceScore: URIRef
    recurrenceLaterText: URIRef
    recurrenceEarlierText: URIRef
    recurrenceLater: URIRef
    recurrenceEarlier: URIRef
    traceRowsForce: URIRef
    traceRowsQuestion: URIRef
    traceIndex: URIRef
    traceYear: URIRef
    traceDate: URIRef
    traceDateBasis: URIRef
    traceEvent: URIRef
    traceQuestionLabel: URIRef
    traceItem: URIRef
    traceText: URIRef
    traceGrade: URIRef
    traceStatus: URIRef
    traceQuote: URIRef
    traceDocument: URIRef
    tracePage: URIRef
    traceStart: URIRef
    traceTier: URIRef
    traceScore: URIRef
    traceTarget: URIRef
    traceRelation: URIRef
    traceAddress: URIRef
    sameFinding: URIRef
    outcomeOf: URIRef
    fullText: URIRef
    sentenceIndex: URIRef
    reportedBy: URIRef
    yearLabel: URIRef
    scope: URIRef
    namesForce: URIRef
    truncated: URIRef
    # derived at build time: mention tallies, trajectory entries (peelgraph.link.aggregates)
    MentionTally: URIRef
    tallyForce: URIRef
    tallyOf: URIRef
    tallyRole: URIRef
    tallyCategory: URIRef
    documentCount: URIRef
    firstQuote: URIRef
    TrajectoryEntry: URIRef
    entryForce: URIRef
    entryQuestion: URIRef
    entryYear: URIRef
    entryScheme: URIRef
    entryGrade: URIRef
    entrySources: URIRef
    entryLastInspected: URIRef
    entryJudgement: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
CITO = Namespace("http://purl.org/spar/cito/")
QB = Namespace("http://purl.org/linked-data/cube#")
PROV = Namespace("http://www.w3.org/ns/prov#")

# The namespaces bound in serialised RDF: the short prefixes but "id:" (IRIs of resources
# read better in full in Turtle and JSON-LD).
PREFIXES: dict[str, str] = {p: ns for p, ns in SHORT_PREFIXES.items() if p != "id"}
