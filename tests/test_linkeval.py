"""The scorer of proposed links and the evaluation of links, on invented documents and gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peelgraph.evaluate.links import (
    GoldLink,
    LinkRecord,
    LinkReport,
    Ranked,
    gold_links,
    gold_statements,
)
from peelgraph.link import Corpus, LinkModel, Sentence
from peelgraph.link.explicit import referenced_statements
from peelgraph.link.model import FEATURES, fit, load_model

FORCE = "https://w3id.org/peelgraph/id/force/essex"


def test_the_fit_learns_which_feature_tells_linked_pairs_apart(tmp_path: Path) -> None:
    k = FEATURES.index("cosine")
    rows, labels = [], []
    for n in range(60):
        row = [0.0] * len(FEATURES)
        row[k] = (n % 10) / 10
        row[FEATURES.index("same_mood")] = float(n % 2)  # noise, unrelated to the label
        rows.append(row)
        labels.append(int(n % 10 >= 7))
    model = fit(rows, labels, l2=0.1, fitted_on="invented")
    assert model.coef[k] > 1.0
    assert abs(model.coef[FEATURES.index("same_mood")]) < model.coef[k] / 4
    high, low = list(rows[9]), list(rows[0])
    assert model.score(high) > 0.5 > model.score(low)
    # Saved and loaded, the weights give the same scores.
    path = tmp_path / "weights.json"
    path.write_text(model.to_json())
    again = load_model(path)
    assert again.fitted_on == "invented"
    assert abs(again.score(high) - model.score(high)) < 1e-4
    with pytest.raises(ValueError):
        fit(rows, [0] * len(rows))


def test_weights_naming_other_features_are_refused() -> None:
    data = json.loads(load_model().to_json())
    data["features"]["a feature nobody computes"] = {"coef": 1, "mean": 0, "scale": 1}
    with pytest.raises(ValueError, match="refit"):
        LinkModel.from_json(json.dumps(data))


_TEXTS = {
    "old.txt": "Essex Police requires improvement at investigating crime.\n\n"
    "The force should improve how it supervises investigations.\n",
    "new.txt": "In 2016, we found that supervision of investigations was weak; it has improved.\n\n"
    "Essex Police requires improvement at investigating crime.\n\n"
    "Officers now record their investigation plans.\n",
    "kent.txt": "The force should improve how it supervises investigations.\n",
}


def _gold() -> dict[str, object]:
    def link(frm: str, efrom: str, to: str, eto: str, relation: str, **kw: object) -> dict:
        return {
            "from_file": frm,
            "to_file": to,
            "evidence_from": efrom,
            "evidence_to": eto,
            "relation": relation,
            **kw,
        }

    judgement = {
        "force": "Essex Police",
        "inspection_year": 2016,
        "question": "investigating-crime",
    }
    return {
        "documents": [
            {"file": "old.txt", "inspection_year": 2016},
            {"file": "new.txt", "inspection_year": 2017},
        ],
        "back_references": [
            {"file": "new.txt", "refers_to_year": 2016, "evidence": "In 2016, we found"}
        ],
        "judgements": [
            {"file": f, "evidence": "Essex Police requires improvement", **judgement}
            for f in ("old.txt", "new.txt")
        ],
        "links": [
            link("new.txt", "In 2016, we found", "old.txt", "supervises investigations", "follows-up"),
            link("new.txt", "Essex Police requires", "old.txt", "Essex Police requires", "same-finding"),
            link("new.txt", "Officers now record", "old.txt", "supervises", "follows-up"),
            link("kent.txt", "The force should", "old.txt", "The force should", "same-finding", parallel=True),
        ],
    }  # fmt: skip


def test_a_gold_links_tier_is_read_from_the_gold_alone() -> None:
    tiers = [g.tier for g in gold_links(_gold(), _TEXTS)]
    # A reference to the year of its target, the same judgement twice: what the text says.
    # A sentence that takes a finding up in its own words, and two forces' findings: leads.
    assert tiers == ["explicit", "explicit", "proposed", "proposed"]


def _record(frm: str, to: str, relation: str, fs: tuple[int, int], ts: tuple[int, int]):
    return LinkRecord(frm, to, relation, "proposed", 0.9, fs, ts, "")


def test_matching_needs_both_ends_and_the_relation_and_same_finding_goes_either_way() -> None:
    g = GoldLink(
        {"from_file": "a", "to_file": "b", "relation": "same-finding"},
        "explicit",
        ((0, 10),),
        ((5, 9),),
    )
    assert g.agrees(_record("a", "b", "same-finding", (2, 4), (6, 7)))
    assert g.agrees(_record("b", "a", "same-finding", (6, 7), (2, 4)))  # symmetric
    assert not g.agrees(_record("a", "b", "follows-up", (2, 4), (6, 7)))
    assert not g.agrees(_record("a", "b", "same-finding", (20, 24), (6, 7)))
    f = GoldLink(
        {"from_file": "a", "to_file": "b", "relation": "follows-up"},
        "proposed",
        ((0, 10),),
        ((5, 9),),
    )
    assert not f.agrees(_record("b", "a", "follows-up", (6, 7), (2, 4)))  # fmt: skip


def test_ranking_measures_and_precision_and_recall_by_tier() -> None:
    def gold(tier: str, n: int) -> GoldLink:
        return GoldLink(
            {"from_file": "a", "to_file": "b", "relation": "follows-up"},
            tier,
            ((n, n + 1),),
            ((n, n + 1),),
        )

    golds = [gold("explicit", 0), gold("proposed", 10), gold("proposed", 20), gold("proposed", 30)]
    ranked = [
        Ranked(golds[0], 1, 5),
        Ranked(golds[1], 2, 5),
        Ranked(golds[2], 4, 5),
        Ranked(golds[3], None, 5),
    ]
    produced = [
        LinkRecord("a", "b", "follows-up", "explicit", 1.0, (0, 1), (0, 1), ""),
        LinkRecord("a", "b", "follows-up", "proposed", 0.9, (10, 11), (10, 11), ""),
        LinkRecord("a", "b", "follows-up", "proposed", 0.8, (50, 51), (50, 51), ""),
    ]  # fmt: skip
    rows = {r.tier: r for r in LinkReport(produced, golds, ranked).rows()}
    assert (rows["explicit"].r1, rows["explicit"].mrr, rows["explicit"].precision) == (1, 1, 1)
    proposed = rows["proposed"]
    assert proposed.r1 == 0 and proposed.r3 == pytest.approx(1 / 3)
    assert proposed.mrr == pytest.approx((1 / 2 + 1 / 4) / 3)
    assert (proposed.precision, proposed.recall) == (0.5, pytest.approx(1 / 3))
    assert LinkReport(produced, golds, ranked).counts == (2, 1, 2)


def _sentence(doc: str, text: str, time: str, **kw: object) -> Sentence:
    return Sentence(doc, FORCE, 0, len(text), text, time, time, **kw)  # type: ignore[arg-type]


def test_a_reference_without_a_named_finding_follows_up_the_statement_it_takes_up() -> None:
    ref = _sentence(
        "d2018",
        "Since our 2016 inspection the force has improved how sergeants supervise detectives' investigations.",
        "2018-03-01",
        node="b1",
        node_kind="back-reference",
        refers_to=2016,
        reference="b1",
    )
    target = _sentence(
        "d2016", "Supervision of investigations in the force is weak and slow.", "2016-12-31"
    )
    other_year = _sentence(
        "d2015", "Supervision of investigations in the force is weak and slow too.", "2015-12-31"
    )
    unrelated = _sentence(
        "d2016", "Call handlers answer emergency calls within ten seconds now.", "2016-12-31"
    )
    corpus = Corpus([ref, target, other_year, unrelated])
    years = {"d2018": 2018, "d2016": 2016, "d2015": 2015}
    (link,) = referenced_statements(corpus, load_model(), set(), years)
    assert (link.source, link.target, link.explicit) == (ref, target, True)
    # One the resolver already linked (to a finding it names) is left alone.
    assert referenced_statements(corpus, load_model(), {"b1"}, years) == []  # fmt: skip


def test_a_reference_about_a_question_takes_up_what_that_year_said_about_it() -> None:
    ref = _sentence(
        "d2017",
        "Westshire Constabulary requires improvement at preventing crime and keeping people "
        "safe, although it has made progress in this area since 2016.",
        "2017-03-01",
        node="b1",
        node_kind="back-reference",
        refers_to=2016,
        reference="b1",
        question="preventing-crime",
    )
    overall = _sentence(
        "d2016",
        "Overall, Westshire Constabulary requires improvement at keeping people safe and "
        "reducing crime.",
        "2016-12-31",
    )
    praise = _sentence(
        "d2016",
        "Neighbourhood teams work well with councils to prevent crime in rural villages.",
        "2016-12-31",
        question="preventing-crime",
    )
    wanting = _sentence(
        "d2016",
        "The force needs to improve its approach to preventing crime and anti-social behaviour.",
        "2016-12-31",
    )
    comment = _sentence(
        "d2016",
        "Preventing crime requires improvement: the force has now made progress in this area.",
        "2018-04-06",
        node_kind="comment",
        question="preventing-crime",
    )
    corpus = Corpus([ref, overall, praise, wanting, comment])
    years = {"d2017": 2017, "d2016": 2016}
    (link,) = referenced_statements(corpus, load_model(), set(), years)
    # Not the overall sentence that shares more words, not the praise (the reference says
    # something was wanting), not the later status comment on the same page.
    assert link.target == wanting


_EARLIER = (
    "PEEL: Police effectiveness 2016\n\nAn inspection of {force}\n\nMarch 2017\n\n"
    "How effective is the force at protecting those who are vulnerable from harm, and supporting victims?\n\n"
    "Requires improvement\n\nRecommendations\n\nThe force should immediately take steps to:\n\n"
    "• ensure that missing children are visited by a trained officer within a day of their return home;\n"
    "• review every missing child report with a supervisor trained in safeguarding.\n"
)
_LATER = (
    "PEEL: Police effectiveness 2018\n\nAn inspection of {force}\n\nMarch 2019\n\n"
    "How effective is the force at protecting those who are vulnerable from harm, and supporting victims?\n\n"
    "Good\n\nA trained officer now visits missing children within a day of their return home. "
    "Supervisors trained in safeguarding review every missing child report.\n"
)


def _corpus(folder: Path, force: str) -> None:
    folder.mkdir(parents=True)
    (folder / "earlier.txt").write_text(_EARLIER.format(force=force), encoding="utf-8")
    (folder / "later.txt").write_text(_LATER.format(force=force), encoding="utf-8")
    gold = {
        "links": [
            {
                "from_file": "later.txt",
                "to_file": "earlier.txt",
                "relation": "follows-up",
                "evidence_from": "A trained officer now visits missing children",
                "evidence_to": "ensure that missing children are visited by a trained officer",
            },
            {
                "from_file": "later.txt",
                "to_file": "earlier.txt",
                "relation": "follows-up",
                "evidence_from": "Supervisors trained in safeguarding review",
                "evidence_to": "review every missing child report with a supervisor",
            },
        ]
    }
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")


def test_links_fit_cv_and_eval_with_the_weights_on_invented_documents(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from peelgraph.cli import app

    _corpus(tmp_path / "essex", "Essex Police")
    _corpus(tmp_path / "kent", "Kent Police")
    sets = []
    for name in ("essex", "kent"):
        sets += ["--gold", str(tmp_path / name / "gold.json"), "--docs", str(tmp_path / name)]
    runner = CliRunner()
    out = runner.invoke(app, ["links", "cv", *sets, "--json"])
    assert out.exit_code == 0, out.output
    results = json.loads(out.stdout)
    assert len(results) == 2 and all("fitted on" in name for name in results)
    for rep in results.values():
        (everything,) = [t for t in rep["tiers"] if t["tier"] == "all"]
        assert everything["gold"] == 2
        # Each later sentence ranks the recommendation it takes up first.
        assert everything["r1"] == 1.0 and everything["mrr"] == 1.0
    weights = tmp_path / "weights.json"
    out = runner.invoke(app, ["links", "fit", *sets, "--out", str(weights)])
    assert out.exit_code == 0, out.output
    assert load_model(weights).fitted_on == "essex/gold.json, kent/gold.json"
    gold, docs = str(tmp_path / "essex" / "gold.json"), str(tmp_path / "essex")
    out = runner.invoke(app, ["eval", gold, "--docs", docs, "--weights", str(weights), "--json"])
    assert out.exit_code == 0, out.output
    assert {t["tier"] for t in json.loads(out.stdout)["links"]["tiers"]} == {
        "explicit",
        "proposed",
        "all",
    }
    out = runner.invoke(app, ["links", "cv", "--gold", gold])
    assert out.exit_code != 0  # a gold file without its documents


def test_identity_links_are_not_scored_and_a_summary_item_takes_any_same_finding_link() -> None:
    texts = {
        "summary.txt": "Westshire Police is good at investigating crime.\n\nOfficers are trained.\n",
        "detail.txt": "Westshire Police is good at investigating crime.\n\nSupervisors check plans.\n",
        "commissioner.txt": "Westshire Police is good at investigating crime, the PCC said.\n",
        "later.txt": "Supervisors still check plans, as the 2016 inspection asked.\n",
    }
    judgement = {"force": "Westshire Police", "inspection_year": 2016, "question": "investigating-crime", "grade": "Good"}  # fmt: skip
    doc = {"force": "Westshire Police", "inspection_year": 2016, "programme": "PEEL effectiveness"}
    gold = {
        "documents": [
            {"file": "summary.txt", **doc},
            {"file": "detail.txt", **doc, "programme": "PEEL"},  # no pillar: any of that year's
            {"file": "commissioner.txt", **doc, "inspection_year": 2017},
            {"file": "later.txt", **doc, "inspection_year": 2018},
        ],
        "judgements": [
            {"file": f, "evidence": "Westshire Police is good at investigating crime", **judgement}
            for f in ("summary.txt", "detail.txt", "commissioner.txt")
        ],
        "links": [
            {"from_file": "summary.txt", "to_file": "detail.txt", "relation": "same-finding",
             "evidence_from": "Officers are trained", "evidence_to": "Supervisors check plans"},
            {"from_file": "commissioner.txt", "to_file": "summary.txt", "relation": "same-finding",
             "evidence_from": "Westshire Police is good", "evidence_to": "Westshire Police is good"},
            {"from_file": "later.txt", "to_file": "detail.txt", "relation": "follows-up",
             "evidence_from": "Supervisors still check", "evidence_to": "Supervisors check plans"},
        ],
    }  # fmt: skip
    summary, identity, strict = gold_links(gold, texts)
    assert (summary.role, identity.role, strict.role) == ("summary", "identity", "strict")
    produced = [
        # The graph's one node for the judgement both pages print: another sentence than
        # the gold's, but a same-finding link between the two pages of one inspection.
        LinkRecord("detail.txt", "summary.txt", "same-finding", "explicit", 1.0, (0, 10), (0, 10), "", True),
        # The commissioner's statement of the same judgement: one node, not scored.
        LinkRecord("commissioner.txt", "summary.txt", "same-finding", "explicit", 1.0, (0, 10), (0, 10), "", True),
        LinkRecord("commissioner.txt", "detail.txt", "same-finding", "proposed", 0.9, (0, 10), (0, 10), ""),
        # Strict elsewhere: the wrong sentence of the right document is a miss and a false positive.
        LinkRecord("later.txt", "detail.txt", "follows-up", "proposed", 0.8, (0, 10), (0, 10), ""),
    ]  # fmt: skip
    report = LinkReport(produced, [summary, identity, strict], [], gold_statements(gold, texts))
    # Only the summary item is matched; the identity links (the graph's, and the proposed
    # one between the commissioner's page and the detail page, whose ends state one gold
    # judgement) are neither hits nor false positives; the wrong follow-up is both a miss
    # and a false positive.
    assert report.counts == (1, 1, 1)
    assert [g.role for g in report.misses()] == ["strict"]
    assert [p.from_file for p in report.false_positives()] == ["later.txt"]
    # Without the gold's statements, the proposed link is an ordinary false positive.
    assert LinkReport(produced, [summary, identity, strict], []).counts == (1, 2, 1)
    # Two summary items between the same pages need two links: each link matches once.
    twice = LinkReport(produced[:1], [summary, summary], [])
    assert twice.counts == (1, 0, 1)
