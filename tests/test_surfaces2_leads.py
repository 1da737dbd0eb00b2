"""Leads in the trace and views (issue 26): only proposed links at or above the model's
calibrated threshold, each with its target, relation, tier and score; Mermaid boxes that a
reader can tell apart."""

from __future__ import annotations

import json
import re
from collections import Counter

from peelgraph.link.model import load_model
from peelgraph.query.trace import trace
from peelgraph.resources import resource_path


def test_trace_query_threshold_is_the_models() -> None:
    # The trace's rows are derived at build time (peelgraph.link.thread) by this query.
    text = resource_path("queries", "internal/derive-trace-rows.rq").read_text(encoding="utf-8")
    (found,) = re.findall(r"\?s >= ([0-9.]+)", text)
    assert float(found) == load_model().threshold


def test_proposed_entries_carry_target_relation_tier_and_score(built_store) -> None:
    tl = trace(built_store, "gloucestershire", "serious-organised-crime")
    entries = json.loads(tl.to_json())["entries"]
    proposed = [e for e in entries if e["link"] == "proposed"]
    assert proposed
    threshold = load_model().threshold
    for e in proposed:
        assert e["score"] >= threshold
        assert e["target"].startswith("https://w3id.org/peelgraph/id/finding/")
        assert e["relation"] in ("follows-up", "same-finding", "outcome-of")
    # Entries that are no link carry none of it.
    assert all(e["target"] is None for e in entries if e["link"] is None)


def test_mermaid_boxes_differ_and_disputes_say_what_they_dispute(built_store) -> None:
    text = trace(built_store, "gloucestershire", "serious-organised-crime").to_mermaid()
    boxes = [ln.split(" : ", 1)[1] for ln in text.splitlines() if " : " in ln]
    assert [b for b, n in Counter(boxes).items() if n > 1] == []
    disputes = [b for b in boxes if "Response disputes" in b]
    assert disputes and all("“" in b for b in disputes)


def test_lineage_view_leaves_out_leads_below_the_threshold(built_store) -> None:
    from peelgraph.export.views import to_networkx

    g = to_networkx(built_store, "lineage")
    threshold = load_model().threshold
    scores = [d["weight"] for _, _, d in g.edges(data=True) if d["method"] == "similarity"]
    assert scores and min(scores) >= threshold
