"""Sentence-level links: invented documents of invented years, so no seed wording is relied on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peelgraph.link import LinkModel, Sentence, is_statement, parallel_links, text_links
from peelgraph.link.model import FEATURES
from peelgraph.text.words import acronyms

FORCE = "https://w3id.org/peelgraph/id/force/essex"
OTHER = "https://w3id.org/peelgraph/id/force/kent"


def _s(doc: str, text: str, time: str, start: int = 0, **kw) -> Sentence:
    return Sentence(
        doc=doc,
        force=kw.pop("force", FORCE),
        start=start,
        end=start + len(text),
        text=text,
        time=time,
        doc_time=kw.pop("doc_time", time),
        **kw,
    )


_AFI = _s(
    "d2016",
    "The force should review how it records the use of stop and search on young people.",
    "2016-12-31",
    node="f1",
    node_kind="finding",
    finding=True,
    question="legitimacy",
)


# The force's other sentences: a word weighs by how rare it is in the force's documents.
_BACKGROUND = [
    _s(f"bg{k}", text, "2015-01-01", k * 200)
    for k, text in enumerate(
        [
            "The force answers emergency calls promptly and deploys officers quickly.",
            "Neighbourhood teams meet residents at regular community events in the county.",
            "Detectives investigate serious crime with the support of forensic specialists.",
            "The control room grades each call according to the risk it presents.",
            "Leaders communicate the force's priorities clearly to officers and staff.",
            "Victims of burglary receive a visit from a crime scene investigator.",
            "The force works with the local authority to reduce anti-social behaviour.",
            "Officers use body-worn video when they attend incidents of domestic abuse.",
            "The force has a clear plan for its workforce over the next four years.",
            "Custody officers check the welfare of detainees at regular intervals.",
        ]
    )
]


# A model written out by hand, so that these tests check the linker's mechanics and not
# what the fitted weights happen to be: the probability is one half at a word-stem cosine
# of 0.4, and statements about two different questions are all but never linked.
_WEIGHTS = {"cosine": 10.0, "other_question": -8.0}
MODEL = LinkModel(
    FEATURES,
    (0.0,) * len(FEATURES),
    (1.0,) * len(FEATURES),
    tuple(_WEIGHTS.get(f, 0.0) for f in FEATURES),
    -4.0,
    0.5,
)


def _links(*sentences: Sentence):
    """The links shown (at or above the model's threshold) among the sentences."""
    links = text_links([*sentences, *_BACKGROUND], MODEL)
    return {
        (link.source.text, link.target.text): link
        for link in links
        if link.score >= MODEL.threshold
    }


def test_a_later_sentence_taking_up_an_earlier_finding_follows_it_up() -> None:
    later = _s(
        "d2018",
        "Supervisors now review every record of stop and search on young people each week.",
        "2019-03-01",
        question="legitimacy",
    )
    noise = _s("d2018", "The force answers emergency calls promptly and well.", "2019-03-01", 99)
    links = _links(_AFI, later, noise)
    link = links[(later.text, _AFI.text)]
    assert link.relation == "follows-up" and 0 < link.score <= 1
    # Time runs one way: the earlier finding does not follow up the later sentence.
    assert (_AFI.text, later.text) not in links
    assert (noise.text, _AFI.text) not in links


def test_statements_about_another_question_or_force_are_not_linked() -> None:
    other_q = _s(
        "d2018",
        "Supervisors now review every record of stop and search on young people each week.",
        "2019-03-01",
        question="investigating-crime",
    )
    other_force = _s(
        "k2018",
        "Supervisors now review every record of stop and search on young people each week.",
        "2019-03-01",
        force=OTHER,
    )
    assert _links(_AFI, other_q, other_force) == {}


def test_near_verbatim_repeat_is_the_same_finding_and_introduction_is_an_outcome() -> None:
    repeat = _s(
        "d2018",
        "The force should review how it records the use of stop and search on young people.",
        "2019-03-01",
    )
    plan = _s(
        "letter",
        "We are developing a new youth diversion scheme with the county youth offending service.",
        "2017-05-01",
        response=True,
    )
    outcome = _s(
        "d2018",
        "The youth diversion scheme was introduced with the county youth offending service in June.",
        "2019-03-01",
        200,
    )
    links = _links(_AFI, repeat, plan, outcome)
    assert links[(repeat.text, _AFI.text)].relation == "same-finding"
    assert links[(outcome.text, plan.text)].relation == "outcome-of"


def test_a_disputing_statement_disputes_the_finding_it_argues_with() -> None:
    dispute = _s(
        "letter",
        "I do not accept that our records of stop and search on young people are incomplete.",
        "2017-05-01",
        node="st1",
        node_kind="stance",
        stance="disputes",
        response=True,
    )
    assert _links(_AFI, dispute)[(dispute.text, _AFI.text)].relation == "disputes"


def test_the_same_standard_finding_for_two_forces_is_a_parallel_link() -> None:
    kent = _s(
        "k2016",
        "The force should review how it records the use of stop and search on young people.",
        "2016-12-31",
        force=OTHER,
        node="k1",
        node_kind="finding",
        finding=True,
        doc_time="2017-03-01",
    )
    # Not a sentence link: each force's sentences are linked among themselves.
    assert not [link for link in text_links([_AFI, kent, *_BACKGROUND]) if link.parallel]
    (link,) = parallel_links([_AFI, kent])
    assert link.parallel
    assert link.relation == "same-finding"
    # Of two findings of the same year, the one whose document is later points at the other.
    assert (link.source.node, link.target.node) == ("k1", "f1")


def test_headings_and_list_labels_are_not_statements() -> None:
    assert not is_statement(_s("d", "Tackling serious and organised crime", "2019"))
    assert not is_statement(_s("d", "How effective is the force at tackling crime?", "2019"))
    assert not is_statement(_s("d", "- Modern slavery (profile completed)", "2019"))
    assert is_statement(_s("d", "The force has completed a profile of modern slavery.", "2019"))


def test_acronyms_defined_in_the_corpus_stand_for_their_words() -> None:
    found = acronyms(
        ["It uses Threat Harm Risk Investigation Vulnerability Engagement (THRIVE) daily."]
    )
    assert found["thriv"][:3] == ("threat", "harm", "risk")  # keyed by the stem of its letters
    assert acronyms(["It met the Home Office (XYZ) team."]) == {}
    plan = _s(
        "d2016",
        "The force should adopt Threat Harm Risk Investigation Vulnerability Engagement (THRIVE) "
        "in its control room.",
        "2016-12-31",
        node="f2",
        node_kind="finding",
        finding=True,
    )
    later = _s(
        "d2018", "Control room staff now apply THRIVE to every call they grade.", "2019-01-01"
    )
    assert (later.text, plan.text) in _links(plan, later)


def test_leads_are_ranked_for_each_earlier_statement() -> None:
    later = _s(
        "d2018",
        "Supervisors now review every record of stop and search on young people each week.",
        "2019-03-01",
        question="legitimacy",
    )
    weaker = _s(
        "d2019",
        "The force now records every stop and search it makes.",
        "2020-03-01",
        question="legitimacy",
    )
    leads = [x for x in text_links([_AFI, later, weaker, *_BACKGROUND], MODEL) if x.target == _AFI]
    assert [x.source for x in leads][:2] == [later, weaker]
    assert [x.rank for x in leads] == list(range(1, len(leads) + 1))
    assert leads[0].score > leads[1].score


def _write_reports(folder: Path, force: str) -> None:
    question = "How effective is the force at protecting those who are vulnerable from harm, and supporting victims?"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{force[:4]}-a.txt").write_text(
        f"PEEL: Police effectiveness 2016\n\nAn inspection of {force}\n\nMarch 2017\n\n"
        f"{question}\n\n{force} is judged to be good.\n\nAreas for improvement\n\n"
        "• The force should ensure that missing children are visited by a trained officer "
        "within a day of their return home.\n\n",
        encoding="utf-8",
    )
    (folder / f"{force[:4]}-b.txt").write_text(
        f"PEEL: Police effectiveness 2018\n\nAn inspection of {force}\n\nMarch 2019\n\n"
        f"{question}\n\n{force} is judged to be good.\n\n"
        "A trained officer now visits missing children within a day of their return home. "
        "Call handlers answer most calls within ten seconds.\n\n",
        encoding="utf-8",
    )


def test_a_later_report_links_to_an_earlier_one_in_the_store(tmp_path: Path) -> None:
    from peelgraph.graph.vocab import PEEL
    from peelgraph.pipeline import build
    from peelgraph.query.trace import trace
    from peelgraph.store.embedded import open_store
    from peelgraph.validate.shacl import validate_store

    _write_reports(tmp_path / "docs", "Essex Police")
    assert build([tmp_path / "docs"], tmp_path / "store").ok
    store = open_store(tmp_path / "store")
    rows = list(
        store.ox.query(
            f"""SELECT ?p ?quote ?text WHERE {{
              ?p a <{PEEL}Passage> ; <{PEEL}hasEvidence>/<http://www.w3.org/ns/oa#exact> ?quote .
              ?link <{PEEL}linkFrom> ?p ; <{PEEL}linkTo> ?f ; <{PEEL}relation> "follows-up" .
              ?f <{PEEL}text> ?text }}"""
        )
    )
    assert any(
        str(r["quote"].value).startswith("A trained officer now visits missing children")
        and "missing children are visited" in r["text"].value
        for r in rows
    )
    assert validate_store(store).conforms
    events = [e.event for e in trace(store, "essex", "protecting-vulnerable").entries]
    # A lead by wording: marked proposed, with its score.
    assert any(
        e.startswith("Later statement (proposed, score ")
        and e.endswith("): follows-up the 2016 area for improvement")
        for e in events
    )


def test_another_forces_documents_leave_a_forces_sentence_links_as_they_were(
    tmp_path: Path,
) -> None:
    from peelgraph.graph import iris
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    _write_reports(tmp_path / "docs", "Essex Police")
    root = tmp_path / "store"
    assert build([tmp_path / "docs"], root).ok
    essex = iris.text_links_graph("essex")
    before = open_store(root)
    essex_links = before.dump("ntriples", essex)
    before.close()
    assert b"Passage" in essex_links
    _write_reports(tmp_path / "docs", "Kent Police")
    assert build([tmp_path / "docs"], root).ok
    after = open_store(root)
    assert after.dump("ntriples", essex) == essex_links
    assert iris.text_links_graph("kent") in after.named_graphs()
    # The same store as a build from scratch of all four reports.
    assert build([tmp_path / "docs"], tmp_path / "scratch").ok
    scratch = open_store(tmp_path / "scratch")
    assert after.dump("nquads") == scratch.dump("nquads")
    scratch.close()
    after.close()


def test_the_uncovered_rest_of_a_sentence_is_a_sentence_of_its_own() -> None:
    from peelgraph.link import DocText
    from peelgraph.link.read import _uncovered

    text = (
        "The force has implemented a daily custody review, and it now records every "
        "detainee's welfare check on a shared system."
    )
    first = text.index(",")
    row = (0, len(text), 0, len(text), None, "sentence")
    doc = DocText("d", FORCE, "recommendation-page", text, (row,), "2019")
    (rest,) = _uncovered(doc, [(0, first)])
    assert text[rest[0] : rest[1]] == (
        "it now records every detainee's welfare check on a shared system."
    )
    assert rest[2] == "part"
    # Where cleaning cut something out of the sentence, its rest cannot be mapped: left out.
    moved = (0, len(text), 0, len(text) + 7, None, "sentence")
    cut = DocText("d", FORCE, "report", text, (moved,), "2019")
    assert _uncovered(cut, [(0, first)]) == []
    assert _uncovered(doc, []) == [(0, len(text), "sentence")]


def test_lists_and_judgements_are_units_and_leads_are_listed(tmp_path: Path) -> None:
    from peelgraph.link import read_sentences
    from peelgraph.pipeline import build
    from peelgraph.query import run_saved
    from peelgraph.store.embedded import open_store
    from tests.test_linkeval import _corpus

    _corpus(tmp_path / "docs", "Essex Police")
    assert build([tmp_path / "docs"], tmp_path / "store").ok
    store = open_store(tmp_path / "store")
    sentences, _docs = read_sentences(store.ox)
    (listed,) = [s for s in sentences if s.unit == "list"]
    assert listed.text.startswith("The force should immediately take steps to:")
    assert "review every missing child report" in listed.text  # the lead-in with its items
    judgements = [s for s in sentences if s.node_kind == "judgement"]
    assert len(judgements) == 2 and all(s.question == "protecting-vulnerable" for s in judgements)
    (finding,) = [
        s.node for s in sentences if s.finding and s.text.startswith("ensure that missing")
    ]
    rows = run_saved(store, "leads", {"node": finding}).rows
    assert rows and all(str(r["tier"]) == "proposed" for r in rows)
    assert str(rows[0]["quote"]).startswith("A trained officer now visits missing children")
    assert str(rows[0]["when"]) == "later" and str(rows[0]["rank"]) == "1"
    store.close()


_SCORES_IN_A_FRESH_PROCESS = """
import json
from peelgraph.link import Corpus, Sentence
words = ["custody", "vetting", "missing", "children", "officers", "records", "welfare",
         "checks", "patrol", "training", "victims", "response", "calls", "handlers",
         "audits", "budgets", "drivers", "fleets", "grants", "hearings", "juries", "kiosks",
         "ledgers", "mentors", "notices", "orders", "permits", "quotas", "rosters", "sirens"]
sentences = []
for k in range(60):
    # Words of many different frequencies: weights whose sums round by their order.
    chosen = sorted({words[(k * k + n * n * 5 + n) % len(words)] for n in range(12)})
    text = "The force should improve " + " and ".join(chosen) + " reviews across districts."
    year = 2015 + k % 4
    sentences.append(Sentence(f"doc{year}", "F", k * 200, k * 200 + len(text), text,
                              f"{year}-06-01", f"{year}-06-01"))
c = Corpus(sentences)
out = [[i, c.candidates(i), [repr(c.features(i, j)) for j in c.candidates(i)]]
       for i in range(len(sentences))]
first, second = c.all_candidates()  # the linker's bulk path, summed in its own order
out.append([first.tolist(), second.tolist(), c.pair_features(first, second).tolist()])
print(json.dumps(out))
"""


def test_pair_scores_do_not_depend_on_the_process_hash_seed() -> None:
    """A force's features sum weights over sets of words: summed in a set's order, which
    changes with every process, the last bits differed and ties between candidates broke
    differently from one build to the next (a rebuild then differed from a build from
    scratch). The same corpus must give the same candidates and features under any seed."""
    import os
    import subprocess
    import sys

    runs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _SCORES_IN_A_FRESH_PROCESS],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        runs.append(proc.stdout)
    assert runs[0] and runs[0] == runs[1] == runs[2]


def test_bulk_candidates_and_features_are_the_per_pair_ones() -> None:
    """The linker finds candidates and features in sparse matrix products: the same pairs
    as Corpus.candidates (ties included: the shared weights are summed in the same order),
    and the same features as Corpus.features but for a float sum's last bit."""
    import numpy as np

    from peelgraph.link import Corpus, Sentence

    # Sixty invented words, each in a few statements: rare enough to find candidates by.
    words = [a + b for a in ("bram", "cold", "dusk", "fern", "gale", "hush") for b in (
        "ton", "ley", "mere", "wick", "ford", "holt", "by", "stow", "combe", "hurst")]  # fmt: skip
    sentences = []
    for k in range(80):
        chosen = sorted({words[(k * 7 + n * n * 5 + n) % len(words)] for n in range(6)})
        grade = ("good", "inadequate", "requires improvement", "")[k % 4]
        text = (
            f"The force {'should improve' if k % 3 else 'has now improved'} "
            + " and ".join(chosen)
            + f" reviews, which were {grade or 'noted'}."
        )
        year = 2015 + k % 4
        sentences.append(
            Sentence(
                f"doc{year}-{k % 2}", "F", k * 200, k * 200 + len(text), text,
                f"{year}-06-01" if k % 7 else "0000", f"{year}-06-0{1 + k % 2}",
                node=f"n{k % 30}" if k % 5 else None,
                node_kind=("finding", "comment", None, "judgement", "back-reference")[k % 5],
                question=("q1", "q2", None)[k % 3], response=k % 6 == 0,
                unit="list" if k % 11 == 0 else "sentence",
            )
        )  # fmt: skip
    c = Corpus(sentences)
    pairs = [(i, j) for i in range(len(sentences)) for j in c.candidates(i)]
    first, second = c.all_candidates()
    assert pairs and pairs == list(zip(first.tolist(), second.tolist(), strict=True))
    bulk = c.pair_features(first, second)
    assert np.allclose(bulk, np.array([c.features(i, j) for i, j in pairs]), rtol=1e-12, atol=0)
    assert {len({tuple(r) for r in bulk[:, k : k + 1].tolist()}) for k in (0, 15, 19)} != {1}


def test_sentence_links_scored_in_worker_processes_are_the_in_process_ones(
    tmp_path: Path,
) -> None:
    """A build with jobs scores the forces' sentence links in workers: the same bytes."""
    from peelgraph.link.resolve import (
        PARALLEL_FORCES,
        _scored_apart,
        force_links,
        link_graph,
        said_pairs_in,
        text_link_graphs,
    )
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store
    from peelgraph.store.sparql import select

    names = ["Essex Police", "Kent Police", "Surrey Police"]
    assert len(names) >= PARALLEL_FORCES  # enough forces that a build uses the workers
    for name in names:
        _write_reports(tmp_path / "docs", name)
    assert build([tmp_path / "docs"], tmp_path / "one").ok
    assert build([tmp_path / "docs"], tmp_path / "two", jobs=2).ok
    one, two = open_store(tmp_path / "one"), open_store(tmp_path / "two")
    assert one.dump("nquads") == two.dump("nquads")
    two.close()
    # The workers' graphs themselves, force by force, beside the in-process ones.
    said = said_pairs_in(one.ox)
    forces = sorted(r["f"] for r in select(one.ox, "resolve-forces"))
    assert len(forces) == len(names)
    in_process = [link_graph(force_links(one.ox, f, said)) for f in forces]
    assert all(b"Passage" in g for g in in_process)
    assert _scored_apart(one.ox, forces, said, 2) == in_process
    assert list(text_link_graphs(one.ox, None, said, jobs=2).values()) == in_process
    one.close()


def test_sentence_link_workers_wait_for_the_pairs_said_and_end_when_they_fail(
    tmp_path: Path,
) -> None:
    """The workers read while the parent computes the pairs said (a function, called
    once, with ``meanwhile`` after it): the same graphs as with the pairs given; and a
    failure computing them reaches the caller instead of leaving the workers waiting."""
    import pytest

    from peelgraph.link.resolve import _scored_apart, said_pairs_in
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store
    from peelgraph.store.sparql import select

    for name in ["Essex Police", "Kent Police", "Surrey Police"]:
        _write_reports(tmp_path / "docs", name)
    assert build([tmp_path / "docs"], tmp_path / "one").ok
    one = open_store(tmp_path / "one")
    said = said_pairs_in(one.ox)
    forces = sorted(r["f"] for r in select(one.ox, "resolve-forces"))
    calls: list[str] = []

    def computed() -> set[tuple[str, str]]:
        calls.append("said")
        return said

    given = _scored_apart(one.ox, forces, said, 2)
    later = _scored_apart(one.ox, forces, computed, 2, meanwhile=lambda: calls.append("meanwhile"))
    assert later == given and calls == ["said", "meanwhile"]

    def failing() -> set[tuple[str, str]]:
        raise RuntimeError("explicit links failed")

    with pytest.raises(RuntimeError, match="explicit links failed"):
        _scored_apart(one.ox, forces, failing, 2)
    one.close()


def test_a_rebuild_relinking_forces_in_workers_gives_what_a_build_from_scratch_gives(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """A rebuild with jobs relinks the forces in workers (started before the documents
    are read), sending them the changed documents' graphs it holds; the unchanged ones
    the workers read from the version the rebuild copied, nothing is dumped from the
    store being written: the store is what a build from scratch of the same files gives,
    whether every force was relinked or one."""
    from peelgraph.pipeline import build
    from peelgraph.store.embedded import open_store

    docs = tmp_path / "docs"
    names = ["Essex Police", "Kent Police", "Surrey Police"]
    for name in names:
        _write_reports(docs, name)
    assert build([docs], tmp_path / "store", jobs=2).ok
    for name in names:  # each force's later report changed, its earlier one kept
        later = docs / f"{name[:4]}-b.txt"
        later.write_text(
            later.read_text(encoding="utf-8")
            + "The force should visit missing children within a day of their return.\n",
            encoding="utf-8",
        )
    from peelgraph.link import resolve

    dumped: list[str] = []
    real_dump = resolve.graph_ntriples

    def dump(ox: Any, graph: str) -> bytes:
        dumped.append(graph)
        return real_dump(ox, graph)

    monkeypatch.setattr(resolve, "graph_ntriples", dump)
    report = build([docs], tmp_path / "store", jobs=2)
    assert report.ok and len(report.built) == len(names) == len(report.unchanged)
    assert dumped == []  # the changed graphs were held, the unchanged read by the workers

    def same_as_from_scratch(scratch: Path) -> None:
        assert build([docs], scratch).ok
        rebuilt, fresh = open_store(tmp_path / "store"), open_store(scratch)
        assert sorted(rebuilt.dump("nquads").splitlines()) == sorted(
            fresh.dump("nquads").splitlines()
        )
        rebuilt.close()
        fresh.close()

    same_as_from_scratch(tmp_path / "scratch")
    # One force's later report changed again: one force relinked, in a worker all the same.
    later = docs / f"{names[1][:4]}-b.txt"
    later.write_text(
        later.read_text(encoding="utf-8") + "The force should review its custody records.\n",
        encoding="utf-8",
    )
    apart: list[list[str]] = []
    real_apart = resolve._scored_apart

    def scored_apart(ox: Any, forces: list[str], *args: Any, **kwargs: Any) -> list[bytes]:
        apart.append(forces)
        return real_apart(ox, forces, *args, **kwargs)

    monkeypatch.setattr(resolve, "_scored_apart", scored_apart)
    report = build([docs], tmp_path / "store", jobs=2)
    assert report.ok and len(report.built) == 1 and dumped == []
    assert [len(forces) for forces in apart] == [1]  # scored in a worker, not in process
    same_as_from_scratch(tmp_path / "scratch-one")


def test_the_pairs_said_read_from_the_explicit_links_parts_are_the_stores(
    tmp_path: Path,
) -> None:
    """A build reads the pairs the explicit links state from the parts the graph was
    written from (its union), not from the store: the same pairs as the store's, after
    a build and after a rebuild that changed one force's parts."""
    import hashlib

    from peelgraph.graph import iris
    from peelgraph.link.resolve import said_pairs_in
    from peelgraph.pipeline import _said_in_parts, build
    from peelgraph.store.embedded import PARTS, GraphParts, open_store

    docs = tmp_path / "docs"
    for name in ["Essex Police", "Kent Police"]:
        _write_reports(docs, name)
        later = docs / f"{name[:4]}-b.txt"
        later.write_text(  # a back-reference: an explicit link, a pair said
            later.read_text(encoding="utf-8")
            + "In 2016, we found that the force should ensure that missing children are "
            "visited by a trained officer within a day of their return home.\n",
            encoding="utf-8",
        )
    folder = hashlib.sha256(iris.LINKS_GRAPH.encode()).hexdigest()[:32]
    for step in ("build", "rebuild"):
        if step == "rebuild":
            later = docs / "Kent-b.txt"
            later.write_text(
                later.read_text(encoding="utf-8") + "The force should review its custody.\n",
                encoding="utf-8",
            )
        assert build([docs], tmp_path / "store").ok
        store = open_store(tmp_path / "store")
        pairs = said_pairs_in(store.ox)
        assert pairs  # the invented reports refer back: there are pairs to compare
        assert _said_in_parts(GraphParts(store.version / PARTS / folder)) == pairs
        store.close()
