"""Graph views and exports, read back with real readers."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from peelgraph.export.formats import export_rdf
from peelgraph.export.views import analytics, to_networkx, write_view


@pytest.mark.parametrize("view", ["entities", "lineage"])
def test_graphml_and_gexf_round_trip(built_store, view: str) -> None:
    g = to_networkx(built_store, view)
    assert g.number_of_nodes() > 20 and g.number_of_edges() > 10
    back = nx.read_graphml(io.BytesIO(write_view(g, "graphml")))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    gexf = nx.read_gexf(io.BytesIO(write_view(g, "gexf")))
    assert gexf.number_of_nodes() == g.number_of_nodes()


def test_cytoscape_json_follows_the_format(built_store) -> None:
    g = to_networkx(built_store, "lineage")
    data = json.loads(write_view(g, "cytoscape"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == g.number_of_nodes()
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    judgements = [n["data"] for n in nodes if n["data"].get("type") == "judgement"]
    assert judgements and all(j["colour"].startswith("#") and j["grade"] for j in judgements)


def test_force_view_and_analytics(built_store) -> None:
    g = to_networkx(built_store, "force", force="gloucestershire")
    labels = {d.get("label") for _, d in g.nodes(data=True)}
    assert "Gloucestershire Constabulary" in labels and "Gwent Police" not in labels
    stats = analytics(
        nx.compose(to_networkx(built_store, "entities"), to_networkx(built_store, "lineage"))
    )
    assert any(
        name == "South West Regional Organised Crime Unit" for name, _ in stats["shared_partners"]
    )
    assert len(stats["longest_chain"]) >= 2


def test_jsonld_keeps_named_graphs(built_store) -> None:
    from rdflib import Dataset

    data = export_rdf(built_store, "jsonld")
    ds = Dataset()
    ds.parse(data=data, format="json-ld")
    assert len(list(ds.graphs())) >= 6
    assert sum(len(g) for g in ds.graphs()) == len(built_store)
    assert b'"hasEvidence"' in data  # short keys from the published context


def test_export_api_names_the_views() -> None:
    from peelgraph import export

    assert export.to_networkx is to_networkx and export.write_view is write_view


def test_view_counts_match_the_store(built_store) -> None:
    from peelgraph.query import run_local

    def count(q: str) -> int:
        return int(
            str(
                run_local(
                    built_store, "PREFIX peel: <https://w3id.org/peelgraph/ontology#> " + q
                ).rows[0]["n"]
            )
        )

    g = to_networkx(built_store, "lineage")
    findings = count("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a peel:Finding }")
    judgements = count("SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?j a peel:Judgement }")
    backrefs = count("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b a peel:BackReference }")
    disputes = count(
        'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a peel:Stance ; peel:stance "disputes" }'
    )
    # Status events too, each at its own date (issue 26).
    statuses = count(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?f peel:hasStatusEvent ?e . ?e peel:force ?x }"
    )
    assert g.number_of_nodes() == findings + judgements + backrefs + disputes + statuses
    edges = [d for _, _, d in g.edges(data=True)]
    recs = count("SELECT (COUNT(*) AS ?n) WHERE { ?c peel:hasRecommendation ?r }")
    assert sum(d["relation"] == "has-recommendation" for d in edges) == recs
    # Every back-reference to a finding is an edge: what a later document said of it.
    followed = count(
        "SELECT (COUNT(*) AS ?n) WHERE { ?b a peel:BackReference ; peel:followsUp ?f . ?f a peel:Finding }"
    )
    assert (
        sum(d["relation"] == "follows-up" and d["method"] == "explicit" for d in edges) >= followed
    )
    # Each grade leads to the next grade of its question: judgements less one per thread.
    threads = count(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?f ?q WHERE { ?j a peel:Judgement ; peel:force ?f ; peel:question ?q } }"
    )
    assert sum(d["relation"] == "next-grade" for d in edges) == judgements - threads
    e = to_networkx(built_store, "entities")
    mentioned = count(
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?m a peel:Mention ; peel:mentionOf ?t ; peel:force ?f . FILTER(?t != ?f) }"
    )
    forces = count("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?m a peel:Mention ; peel:force ?f }")
    assert mentioned <= e.number_of_nodes() <= mentioned + forces
