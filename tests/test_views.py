"""Graph views and exports, read back with real readers."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from peelgraph.export import export_rdf
from peelgraph.views import analytics, to_networkx, write_view


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

    ds = Dataset()
    ds.parse(data=export_rdf(built_store, "jsonld"), format="json-ld")
    assert len(list(ds.graphs())) >= 6
