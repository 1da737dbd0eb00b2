"""Deterministic IRIs minted from canonical keys, so a rebuild gives the same IRIs."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

BASE = "https://w3id.org/peelgraph/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
ONTOLOGY = BASE + "ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"  # for code that writes N-Triples

# Prefixed names for reading and pasting IRIs: the query page, the terminal tables and the
# IRI parameters of the saved queries all use these ("id:" for peelgraph's own resources).
SHORT_PREFIXES: dict[str, str] = {
    "id": ID,
    "peel": ONTOLOGY,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/",
    "qb": "http://purl.org/linked-data/cube#",
}


def compact(iri: str) -> str:
    """``id:force/gwent`` for ``https://w3id.org/peelgraph/id/force/gwent``; others unchanged."""
    for prefix, ns in SHORT_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def expand(name: str) -> str:
    """The full IRI of a prefixed name :func:`compact` writes; anything else unchanged."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in SHORT_PREFIXES and not local.startswith("//"):
        return SHORT_PREFIXES[prefix] + local
    return name


@lru_cache(maxsize=16_384)
def _seg(s: str) -> str:
    """A path segment, percent-encoded. Memoised: the same slugs, tokens and key parts
    are quoted for most facts of a document, and ``quote`` runs Python code each time."""
    return quote(s, safe="-_.~")


def force(slug: str) -> str:
    return f"{ID}force/{_seg(slug)}"


def document(doc_id: str) -> str:
    return f"{ID}doc/{doc_id}"


def doc_graph(doc_id: str) -> str:
    return f"{GRAPH}doc/{doc_id}"


LINKS_GRAPH = GRAPH + "links"  # also the prefix of every derived link graph
SIMILARITY_GRAPH = GRAPH + "links-similarity"


def text_links_graph(force_slug: str) -> str:
    """One force's sentence links (peelgraph.link), rebuilt when its documents change."""
    return f"{GRAPH}links-text/{force_slug}"


REFERENCE_GRAPH = GRAPH + "reference"
# Facts derived from every document at build time (peelgraph.link.derived). Named under
# LINKS_GRAPH, as the other graphs the build derives, so validation treats it as one.
DERIVED_GRAPH = LINKS_GRAPH + "-derived"


def tracking(finding_iri: str, force_iri: str) -> str:
    """One force's view of a finding: the finding's path under the force's slug."""
    return (
        f"{ID}tracking/{force_iri.rsplit('/', 1)[-1]}/{finding_iri.removeprefix(ID + 'finding/')}"
    )


def inspection(force_slug: str, programme_slug: str, year: int) -> str:
    return f"{ID}inspection/{_seg(force_slug)}/{_seg(programme_slug)}/{year}"


def judgement(inspection_iri: str, question: str) -> str:
    return f"{inspection_iri}/judgement/{_seg(question)}"


def grade_claim(judgement_iri: str, doc_id: str) -> str:
    """One document's statement of a judgement's grade: one per judgement and document, so
    a rebuild mints the same claim and two documents never share one."""
    return f"{judgement_iri}/claim/{_seg(doc_id)}"


def finding(key: str) -> str:
    return f"{ID}finding/{'/'.join(_seg(p) for p in key.split('/'))}"


def is_national_finding(iri: str) -> bool:
    """Whether ``iri`` is a finding addressed to all forces (see Finding.key)."""
    return iri.startswith(f"{ID}finding/national/")


def evidence(doc_id: str, start: int, end: int) -> str:
    return f"{ID}evidence/{doc_id}/{start}-{end}"


def status_event(doc_id: str, start: int) -> str:
    return f"{ID}status/{doc_id}/{start}"


def concept(scheme: str, token: str) -> str:
    return f"{ID}{_seg(scheme)}/{_seg(token)}"


def question(token: str) -> str:
    return concept("question", token)


def grade(label: str) -> str:
    return concept("grade", label.lower().replace(" ", "-"))


def status(token: str) -> str:
    return concept("status", token)


def finding_type(token: str) -> str:
    return concept("finding-type", token)


def grading_scheme(scheme_id: str) -> str:
    return concept("grading-scheme", scheme_id)


def document_kind(kind: str) -> str:
    return concept("document-kind", kind)


def organisation(key: str) -> str:
    return f"{ID}org/{_seg(key)}"


def programme(key: str) -> str:
    return f"{ID}programme/{_seg(key)}"


def mention(doc_id: str, target_iri: str) -> str:
    from hashlib import sha256

    return f"{ID}mention/{doc_id}/{sha256(target_iri.encode()).hexdigest()[:12]}"


def measure(doc_id: str, start: int, end: int) -> str:
    return f"{ID}measure/{doc_id}/{start}-{end}"


def ocg_figure(force_slug: str, as_at: str | None, doc_id: str) -> str:
    return f"{ID}ocg/{_seg(force_slug)}/{as_at or 'undated-' + doc_id}"


MEASURES_DATASET = ID + "dataset/measures"


def back_reference(doc_id: str, start: int, year: int) -> str:
    return f"{ID}backref/{doc_id}/{start}/{year}"


def stance(doc_id: str, start: int) -> str:
    return f"{ID}stance/{doc_id}/{start}"


def referenced_finding(force_slug: str, year: int, kind: str) -> str:
    return f"{ID}finding/{_seg(force_slug)}/{year}/referenced/{_seg(kind)}"


def link(source: str, target: str, relation: str) -> str:
    from hashlib import sha256

    return f"{ID}link/{sha256(f'{source} {target} {relation}'.encode()).hexdigest()[:16]}"


def passage(doc_id: str, start: int, end: int) -> str:
    return f"{ID}passage/{doc_id}/{start}-{end}"
