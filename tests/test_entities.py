"""Organisations, programmes, measures and OCG figures: extraction, one node per organisation, queries."""

from __future__ import annotations

from peelgraph.query import run_saved
from tests.conftest import AVON_2015, GLOUCS_LETTER, GLOUCS_PAGE, GLOUCS_REC, GWENT_2017


def _orgs(facts) -> dict[str, tuple[str, str]]:
    return {o.canonical: (o.category, o.role) for o in facts.organisations}


def test_organisations_are_canonicalised(facts_by_file) -> None:
    page = _orgs(facts_by_file[GLOUCS_PAGE])
    assert page["Gloucestershire Constabulary"] == ("police-force", "subject")
    assert page["2gether NHS Foundation Trust"][0] == "health"
    assert page["South West Regional Organised Crime Unit"][0] == "regional-unit"
    assert page["National Crime Agency"][0] == "national-agency"
    assert page["Crown Prosecution Service"][0] == "criminal-justice"
    assert page["Avon and Somerset Constabulary"] == ("police-force", "partner")
    letter = _orgs(facts_by_file[GLOUCS_LETTER])
    # "Regional and Organised Crime Unit (ROCU)" with no region: the force's own region.
    assert "South West Regional Organised Crime Unit" in letter
    assert letter["Office of Surveillance Commissioners"][0] == "inspectorate"
    avon = _orgs(facts_by_file[AVON_2015])
    assert avon["Bath and North East Somerset Council"][0] == "local-authority"  # "BANES council"
    assert avon["University of Portsmouth"][0] == "academic"  # "Portsmouth University"
    gwent = _orgs(facts_by_file[GWENT_2017])
    assert gwent["South Wales Regional Organised Crime Unit"][0] == "regional-unit"
    assert gwent["Leicestershire Police"] == ("police-force", "comparator")  # a list of short names


def test_acronyms_defined_in_the_text_resolve(facts_by_file) -> None:
    from peelgraph.extract.mentions import defined_acronyms

    acr = defined_acronyms(facts_by_file[AVON_2015].document.text)
    assert acr["BANES"][0] == "Bath and North East Somerset"
    gwent = defined_acronyms(facts_by_file[GWENT_2017].document.text)
    assert gwent["MASH"][0].lower() == "multi-agency safeguarding hub"


def test_programmes(facts_by_file) -> None:
    names = {p.canonical: p.category for p in facts_by_file[GLOUCS_PAGE].programmes}
    assert names["Operation Argo"] == "operation"
    assert names["THRIVE"] == "tool-or-model"
    assert names["Clare's Law (Domestic Violence Disclosure Scheme)"] == "scheme"
    assert names["Multi-Agency Risk Assessment Conference (MARAC)"] == "meeting-or-board"
    letter = {p.canonical for p in facts_by_file[GLOUCS_LETTER].programmes}
    assert {
        "Operation Emperor",
        "Operation Trivium",
        "Great Expectations",
        "Strategic Monitoring Board",
    } <= letter
    avon = {p.canonical for p in facts_by_file[AVON_2015].programmes}
    assert "Think Family" in avon and "Troubled Families programme" in avon


def test_force_in_numbers_and_figure_tables(facts_by_file) -> None:
    avon = {
        (m.measure, m.period, m.source): (m.value, m.england_wales_value)
        for m in facts_by_file[AVON_2015].measures
    }
    assert avon[("calls_for_assistance", "12 months to 31 March 2015", "force-in-numbers")] == (
        588,
        350,
    )
    assert avon[("ocgs_per_million", "as at 30 June 2015", "force-in-numbers")] == (36.5, 74.7)
    assert avon[("sexual_offences", "12 months to 30 June 2015", "figure table")] == (1.5, 1.6)
    gwent = {
        (m.measure, m.source): (m.value, m.england_wales_value, m.unit)
        for m in facts_by_file[GWENT_2017].measures
    }
    assert gwent[("change_in_asb_incidents", "force-in-numbers")][:2] == (-16, -0.05)
    assert gwent[("calls_for_assistance", "force-in-numbers")][:2] == (338, 282)


def test_ocg_figures(facts_by_file) -> None:
    got = {
        (o.force, o.as_at): (o.count, o.per_million, o.england_wales_per_million)
        for f in (GLOUCS_PAGE, AVON_2015, GWENT_2017)
        for o in facts_by_file[f].ocg_figures
    }
    assert got[("gloucestershire", None)] == (20, 32, None)
    assert got[("avon-and-somerset", "2015-06-30")] == (60, 36.5, 74.7)
    assert got[("gwent", "2017-07-01")] == (None, 33, 47)
    assert got[("city-of-london", "2017-07-01")] == (46, None, None)


def test_one_node_per_organisation_across_documents(built_store) -> None:
    res = run_saved(built_store, "shared-partners", {})
    shared = {str(r["partnerName"]): int(str(r["forces"])) for r in res.rows}
    assert shared["South West Regional Organised Crime Unit"] == 2
    # The same ROCU named three ways in three Gloucestershire documents is one node.
    rows = run_saved(
        built_store, "partners", {"force": "gloucestershire", "category": "regional-unit"}
    ).rows
    rocu = [r for r in rows if str(r["partnerName"]) == "South West Regional Organised Crime Unit"]
    assert len({str(r["partner"]) for r in rocu}) == 1
    assert int(str(rocu[0]["documents"])) == 3
    # A force named in another force's document is the force node itself.
    avon = run_saved(
        built_store, "partners", {"force": "gloucestershire", "category": "police-force"}
    ).rows
    assert any(str(r["partner"]).endswith("/force/avon-and-somerset") for r in avon)


def test_measure_and_programme_queries(built_store) -> None:
    rows = run_saved(
        built_store, "measures", {"force": "gwent", "measure": "ocgs_per_million"}
    ).rows
    fin = [r for r in rows if str(r["source"]) == "force-in-numbers"]
    assert [
        (float(str(r["value"])), float(str(r["englandWales"])), str(r["period"])) for r in fin
    ] == [(33.0, 47.0, "as at 1 July 2017")]
    ocg = run_saved(built_store, "ocg", {"force": "avon-and-somerset"}).rows
    assert [(str(r["asAt"]), int(str(r["ocgCount"]))) for r in ocg] == [("2015-06-30", 60)]
    ops = run_saved(
        built_store, "programmes", {"force": "gloucestershire", "category": "operation"}
    ).rows
    assert {str(r["programmeName"]) for r in ops} >= {
        "Operation Argo",
        "Operation Emperor",
        "Operation Trivium",
    }


def test_rec_page_names_the_regional_unit(facts_by_file) -> None:
    assert "South West Regional Organised Crime Unit" in _orgs(facts_by_file[GLOUCS_REC])


def test_narrative_comparisons_with_england_and_wales(tmp_path) -> None:
    """Rates in prose beside the England and Wales figure, in the forms reports use."""
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    doc = tmp_path / "report.txt"
    doc.write_text(
        "PEEL: Police effectiveness 2016\n\nAn inspection of Kent Police\n\n"
        "When compared with the previous year, police recorded crime (excluding fraud) in Kent "
        "fell by 8 percent for the 12 months to 30 June 2016, compared with a reduction of 3 "
        "percent across all forces in England and Wales.\n\n"
        "Of those who were victims in the 12 months to 31 March 2016, 81.5 percent were "
        "satisfied with their whole experience. This is similar to the national victim "
        "satisfaction rate of 83.3 percent over the same period.\n\n"
        "For every 100 domestic abuse-flagged crimes recorded by Kent Police, there were 41 "
        "arrests made in the 12 months to 30 June 2016 (this compares with the England and "
        "Wales rate of 45).\n\n"
        "Custody was used as a place of safety 12 times, which represents 6.4 uses as a place "
        "of safety per 100,000 population (compared with an England and Wales rate of 15.1).\n",
        encoding="utf-8",
    )
    facts = extract(ingest(doc))
    got = {(m.value, m.england_wales_value): m for m in facts.measures if m.source == "narrative"}
    assert set(got) == {(-8.0, -3.0), (81.5, 83.3), (41.0, 45.0), (6.4, 15.1)}
    assert got[(81.5, 83.3)].measure == "victim_satisfaction_rate"
    assert got[(41.0, 45.0)].unit == "arrests per 100 domestic abuse-flagged crimes"
    assert got[(6.4, 15.1)].unit == "uses as a place of safety per 100,000 population"
    for m in got.values():
        assert facts.document.text[m.evidence.start : m.evidence.end] == m.evidence.quote


def test_unnamed_initiatives_by_their_kind_and_by_piloting(tmp_path) -> None:
    from peelgraph.extract import extract
    from peelgraph.ingest.read import ingest

    doc = tmp_path / "report.txt"
    doc.write_text(
        "PEEL: Police effectiveness 2017\n\nAn inspection of Dorset Police\n\n"
        "The force has introduced a street triage car with the local NHS trust. "
        "It took part in the Home Office's serious violence pilot, and is piloting "
        "restorative justice conferencing. A weekly survey of victims started in May. "
        "The commissioner agreed to fund the expansion of the pilot.\n",
        encoding="utf-8",
    )
    names = {p.name: p.category for p in extract(ingest(doc)).programmes}
    assert names["street triage car"] == "initiative"
    assert names["serious violence pilot"] == "initiative"
    assert names["restorative justice conferencing"] == "initiative"
    assert not any("survey" in n or "expansion" in n for n in names)
