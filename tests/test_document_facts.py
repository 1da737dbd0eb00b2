"""Document facts (kind, force, year) from forms the record uses, on invented pages, and
their comparison with a corpus INDEX (``peelgraph eval --index``)."""

from __future__ import annotations

from pathlib import Path

from peelgraph.evaluate.index import evaluate_index
from peelgraph.extract.facts import DocumentInfo
from peelgraph.extract.metadata import extract_info
from peelgraph.ingest.read import ingest


def _info(tmp_path: Path, text: str, name: str = "doc.txt") -> DocumentInfo:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_info(ingest(path))[0]


def test_round_named_beside_the_programme_in_a_statement(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "The Police and Crime Commissioner for Kent welcomed the inspectorate's findings.\n"
        "The inspectorate today publishes its 2021-22 Police Effectiveness, Efficiency and "
        "Legitimacy (PEEL) report on the force.\n",
    )
    assert (info.kind, info.force, info.inspection_year, info.year_label) == (
        "commissioner-page",
        "kent",
        2021,
        "2021/22",
    )


def test_prose_year_yields_to_the_pages_own_date(tmp_path: Path) -> None:
    # The letter names an earlier round in prose; its own date places it in the later one.
    info = _info(
        tmp_path,
        "Surrey Police: closure of a cause of concern\nPublished on: 3 October 2024\n\n"
        "In our 2021–22 police effectiveness, efficiency and legitimacy (PEEL) inspection, "
        "we raised a cause of concern.\n",
    )
    assert (info.inspection_year, info.year_label) == (2023, "2023/25")


def test_year_from_in_year_the_inspectorate_graded(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Commissioner responds to inspection\n\nIn 2021, HMICFRS graded Dorset Police "
        "adequate in five areas. The Police and Crime Commissioner said she was pleased.\n",
    )
    assert (info.kind, info.inspection_year) == ("commissioner-page", 2021)


def test_a_span_of_rounds_names_none(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "About inspections\n\nSee the PEEL assessments 2014 – 2018/19 page for the earlier "
        "rounds, which assessed all forces.\n",
    )
    assert info.inspection_year is None


def test_year_headings_of_a_commissioners_grades_page(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Police and Crime Commissioner for Essex\n\nInspection results 2013-2015/16\n\n"
        "2017\n\nEffectiveness\n\nGood\n\n2017\n\nLegitimacy\n\nGood\n",
    )
    assert info.inspection_year == 2017


def test_forces_own_statement_is_not_a_commissioners(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Our statement following our latest HMICFRS inspection\n\n"
        "Chief Constable Jo Bloggs said the force was proud of its officers.\n"
        "Posted on 3rd March 2022\n\n"
        "The Police and Crime Commissioner will hold the force to account for Cumbria "
        "Constabulary's improvement.\n",
    )
    assert (info.kind, info.reported_by, info.force) == (
        "force-response",
        "force-response",
        "cumbria",
    )
    assert (info.published, info.inspection_year) == ("2022-03-03", 2021)


def test_inspectorate_news_item_and_its_report(tmp_path: Path) -> None:
    news = _info(
        tmp_path,
        "Forces improve, says inspectorate\n\nThe chief inspector's annual report came out "
        "today about forces in England and Wales.\n\nGet the report\n\n"
        "State of Policing: the annual assessment of policing in England and Wales 2019\n",
        "news.txt",
    )
    assert (news.kind, news.reported_by, news.inspection_year) == (
        "other",
        "inspectorate-press-release",
        2019,
    )
    report = _info(
        tmp_path,
        "Themes from the 2018/19 PEEL inspections\nPublished on: 2 May 2022\nForeword\n\n"
        "This report draws on inspections of all 43 forces.\n",
        "report.txt",
    )
    assert (report.kind, report.inspection_year, report.year_label) == (
        "inspection-report",
        2018,
        "2018/19",
    )


def test_tracking_page_year_from_its_rendered_history_and_force_from_its_area(
    tmp_path: Path,
) -> None:
    info = _info(
        tmp_path,
        "Recommendation 2\n\n• Within six months, forces should review their custody "
        "arrangements.\n\n4th April 2017 awaiting-review\n9th May 2018 complete\n\n"
        "Discussed at the Wiltshire custody board, which agreed the work is done.\n",
    )
    assert (info.kind, info.force, info.inspection_year) == (
        "recommendation-page",
        "wiltshire",
        2016,
    )


def test_index_agreement_per_field(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Gwent PEEL 2016\n\nGwent Police is good.\n", encoding="utf-8")
    (docs / "b.txt").write_text(
        "Lincolnshire PEEL 2017\n\nLincolnshire Police is good.\n", encoding="utf-8"
    )
    index = tmp_path / "INDEX.md"
    index.write_text(
        "| file | kind | force | year | chars |\n|---|---|---|---|---|\n"
        "| a.txt | pillar-page | Gwent Police | 2016 | 40 |\n"
        "| b.txt | commissioner-page | Lincolnshire Police | 2018/19 | 40 |\n",
        encoding="utf-8",
    )
    report = evaluate_index(index, docs)
    assert (report.agree["kind"], report.counted["kind"]) == (1, 2)
    assert (report.agree["force"], report.counted["force"]) == (2, 2)
    assert (report.agree["year"], report.counted["year"]) == (1, 2)
    assert report.all_agree == 1
    assert {(f, k) for f, k, _, _ in report.disagreements} == {("b.txt", "kind"), ("b.txt", "year")}


def test_a_response_dates_its_inspection_by_when_it_took_place(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Our response to the inspectorate\n\nFollowing the report in 2015, we were inspected "
        "again by the inspectorate in 2016 as part of its work.\nChief Constable Ann Other "
        "said the force would act on the report about Essex Police.\n",
    )
    assert (info.kind, info.force, info.inspection_year) == ("force-response", "essex", 2016)
    later = _info(
        tmp_path,
        "Inspection findings published\n\nThe report follows an inspection of the force in "
        "2024. The Police and Crime Commissioner for Durham welcomed it.\n",
        "later.txt",
    )
    assert (later.kind, later.inspection_year, later.year_label) == (
        "commissioner-page",
        2023,
        "2023/25",
    )


def test_a_rounds_press_releases_page_is_national(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "PEEL: police legitimacy 2017 – force press releases\n\nGet the national press "
        "release\n\nDorset Police is good at treating people fairly\n\nInspectors found "
        "that Dorset Police is good.\n",
    )
    assert (info.force, info.scope, info.inspection_year) == (None, "national", 2017)


def test_a_commissioners_page_quoting_the_report_and_a_round_by_its_name(
    tmp_path: Path,
) -> None:
    quoted = _info(
        tmp_path,
        "Inspection reports\n\nThe Police and Crime Commissioner publishes the inspectorate's "
        "reports on the force. The Commissioner’s response can be read below.\n\n"
        "The inspection assessed how good Suffolk Constabulary is in ten areas of policing.\n",
    )
    assert (quoted.kind, quoted.force) == ("commissioner-page", "suffolk")
    named = _info(
        tmp_path,
        "Integrated PEEL Assessments\n\nPEEL is an annual assessment of police forces in "
        "England and Wales.\n",
        "named.txt",
    )
    assert (named.inspection_year, named.year_label) == (2018, "2018/19")
    framework = _info(
        tmp_path,
        "How we inspect\n\nRead the current PEEL Assessment Framework 2023–2025.\n",
        "framework.txt",
    )
    assert (framework.inspection_year, framework.year_label) == (2023, "2023/25")


def test_a_force_welcoming_its_report_by_its_letters(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Press bureau\n\nResponse to the inspection\n\nTHE MPS has welcomed the "
        "inspectorate's assessment of the Metropolitan Police Service.\n",
    )
    assert (info.kind, info.force) == ("force-response", "metropolitan")


def test_five_point_round_from_the_areas_only_it_graded(tmp_path: Path) -> None:
    # Neither statement says its round; the areas each grades belong to one round only.
    earlier = _info(
        tmp_path,
        "Our statement on the latest inspection\n\nChief Constable Ann Other welcomed the "
        "report, which graded Cumbria Constabulary as:\n\n• Good – in use of resources\n"
        "• Adequate – in investigating crime\n",
        "earlier.txt",
    )
    assert (earlier.inspection_year, earlier.year_label) == (2021, "2021/22")
    later = _info(
        tmp_path,
        "Commissioner questions the Chief Constable\n\nThe Police and Crime Commissioner for "
        "Durham noted that the force was found 'adequate' at police powers and public "
        "treatment and requires improvement in leadership and force management.\n",
        "later.txt",
    )
    assert (later.inspection_year, later.year_label) == (2023, "2023/25")
    # Areas of both rounds, or no five-point grade (adequate as an adjective): no round.
    both = _info(
        tmp_path,
        "Commissioner compares the rounds\n\nThe Police and Crime Commissioner for Durham "
        "said use of resources and leadership and force management were both rated "
        "'adequate'.\n",
        "both.txt",
    )
    assert both.inspection_year is None
    adjective = _info(
        tmp_path,
        "Commissioner on the budget\n\nThe Police and Crime Commissioner for Durham said "
        "the force has adequate resources and makes good use of resources.\n",
        "adjective.txt",
    )
    assert adjective.inspection_year is None


def test_round_named_by_the_programme_and_year_in_prose(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Inspection reports\n\nThe Police and Crime Commissioner for Kent publishes the "
        "reports. The most recent report can be found here – Police effectiveness, "
        "efficiency and legitimacy 2018/19: An inspection of Kent Police (our site).\n",
    )
    assert (info.inspection_year, info.year_label) == (2018, "2018/19")


def test_an_index_of_several_rounds_reports_names_no_year_in_its_prose(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Inspection reports\n\nThe Police and Crime Commissioner for Kent publishes the "
        "responses below.\n\nPolice effectiveness, efficiency and legitimacy 2018/19\n"
        "Response to PEEL Effectiveness 2017\nResponse to PEEL Legitimacy 2016\n",
    )
    assert info.inspection_year is None


_TRACKED = (
    "Recommendation 3\n\n• By March 2017, forces should review how they record missing "
    "children.\n\n4th April 2017 awaiting-review\n\n"
)


def test_a_tracking_page_naming_its_force_by_its_liaison_leads_code(tmp_path: Path) -> None:
    # "CUM" is no listed abbreviation: only Cumbria Constabulary's name holds its letters.
    info = _info(tmp_path, _TRACKED + "A review was held on 2 May 2018 with the CUM FLL.\n")
    assert (info.kind, info.force, info.scope) == ("recommendation-page", "cumbria", "force")
    # The inspectorate's letters in that place name no force.
    other = _info(
        tmp_path, _TRACKED + "A review was held with the HMIC FLL on 2 May 2018.\n", "o.txt"
    )
    assert (other.force, other.scope) == (None, "unknown")


def test_an_ambiguous_abbreviation_is_the_force_only_beside_its_region(tmp_path: Path) -> None:
    beside = _info(
        tmp_path,
        _TRACKED + "Checks were made at SWP and at the Southern Wales regional unit in 2018.\n",
    )
    assert beside.force == "south-wales"
    # Without the region, or as another body ("the DPP", the Director of Public
    # Prosecutions), the letters name no force.
    alone = _info(tmp_path, _TRACKED + "Checks were made at SWP in 2018.\n", "alone.txt")
    assert alone.force is None
    director = _info(
        tmp_path,
        _TRACKED + "Guidance from the DPP was shared with the Southern Wales unit in 2018.\n",
        "director.txt",
    )
    assert director.force is None


def test_a_tracking_page_without_a_history_is_placed_by_its_deadline(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Causes of concern\n\nThe force does not understand demand.\n\nRecommendation 1\n\n"
        "• The force should publish a plan for meeting demand no later than June 2016.\n\n"
        "Following a visit on 03/02/2017 the Lincolnshire Police plan was examined and is "
        "complete.\n",
    )
    assert (info.kind, info.force, info.inspection_year) == (
        "recommendation-page",
        "lincolnshire",
        2015,
    )
    # A date in a comment is not the recommendation's deadline.
    comment = _info(
        tmp_path,
        "Recommendation 1\n\n• Within six months, the force should publish a plan.\n\n"
        "The Lincolnshire Police board met by June 2019 to agree it.\n",
        "comment.txt",
    )
    assert comment.inspection_year is None


def test_a_commissioners_page_headed_by_the_reports_title(tmp_path: Path) -> None:
    opening = (
        "PEEL 2021/22 – An inspection of Kent Police\n\nInspectors found the force has "
        "improved how it investigates crime.\n\n"
    )
    page = _info(
        tmp_path,
        opening + "The Police and Crime Commissioner for Kent, Jo Bloggs welcomes the latest "
        "PEEL inspection report.\n",
    )
    assert (page.kind, page.reported_by, page.force) == (
        "commissioner-page",
        "commissioner",
        "kent",
    )
    # The report itself names the commissioner without speaking for them.
    report = _info(
        tmp_path,
        opening + "The force and the police and crime commissioner have agreed a plan.\n",
        "report.txt",
    )
    assert report.kind == "inspection-report"


def test_the_inspectorates_publication_page_listing_commissioners_responses(
    tmp_path: Path,
) -> None:
    info = _info(
        tmp_path,
        "Themes from the 2018/19 PEEL inspections\n\nThis report reflects on the inspections "
        "of police forces in England and Wales.\n\nGet the report\n\nGet the police and crime "
        "commissioners' responses\nKent PCC's response\nEssex PCC's response\n",
    )
    assert (info.kind, info.reported_by, info.scope) == (
        "other",
        "inspectorate-press-release",
        "national",
    )


def test_a_report_on_inspections_in_general_naming_one_force_in_passing(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Emerging themes from the first group of 2018/19 PEEL inspections\n\nPublished on: "
        "2 May 2019\n\nForeword\n\nMost police forces in England and Wales are performing "
        "well. We have also published our report on Surrey Police.\n",
    )
    assert (info.kind, info.force, info.scope) == ("inspection-report", None, "national")


def test_the_inspectorates_news_naming_no_force_is_national(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "Consultation on inspections\n\nHMIC has published its response to the points raised "
        "about its inspection programme.\n\nGet the response\n",
        encoding="utf-8",
    )
    info, problems = extract_info(ingest(path))
    assert (info.kind, info.reported_by, info.scope) == (
        "other",
        "inspectorate-press-release",
        "national",
    )
    assert problems == []


def test_a_page_naming_its_force_by_its_area_alone(tmp_path: Path) -> None:
    about = (
        "PEEL assessment 2018/19\n\nPEEL is the inspectorate's annual assessment of police "
        "forces in England and Wales; it reports on how well each force keeps people safe.\n\n"
    )
    one = _info(tmp_path, about + "The Essex report can be viewed here.\n")
    assert (one.force, one.scope) == ("essex", "force")
    # Two areas named, neither by its force's name: about forces in general.
    two = _info(tmp_path, about + "The Essex and Suffolk reports can be viewed here.\n", "two.txt")
    assert (two.force, two.scope) == (None, "national")


def test_a_release_about_one_forces_report_with_no_voice_of_its_own(tmp_path: Path) -> None:
    release = (
        "Force good at investigating crime\n\n3rd March 2017\n\nA report published today by "
        "HMIC has found that Essex Police is good at investigating crime.\n"
    )
    info = _info(tmp_path, release)
    assert (info.kind, info.reported_by, info.force) == (
        "commissioner-page",
        "commissioner",
        "essex",
    )
    # Someone speaking as "we" (the inspectorate's letter, the force's own page) is not it.
    voiced = _info(
        tmp_path, release + "We will publish our next report in the spring.\n", "voiced.txt"
    )
    assert voiced.kind == "other"


def test_one_report_grading_two_pillars_is_of_the_integrated_round(tmp_path: Path) -> None:
    page = (
        "Commissioner welcomes inspection of Dorset Police\n\nThe Police and Crime "
        "Commissioner for Dorset said the force was rated 'good' for its overall "
        "effectiveness. The report also rated it 'requires improvement' for its legitimacy.\n"
    )
    info = _info(tmp_path, page)
    assert (info.inspection_year, info.year_label) == (2018, "2018/19")
    # Each pillar in its own report (2014-2017), or one pillar alone: no round is told.
    separate = _info(
        tmp_path, page + "It was the last of the three pillar reports.\n", "separate.txt"
    )
    assert separate.inspection_year is None
    one = _info(
        tmp_path,
        "Commissioner welcomes inspection of Dorset Police\n\nThe Police and Crime "
        "Commissioner for Dorset said the force was rated 'good' for its efficiency.\n",
        "one.txt",
    )
    assert one.inspection_year is None


def test_a_commissioners_page_dating_the_report_it_describes_in_brackets(
    tmp_path: Path,
) -> None:
    info = _info(
        tmp_path,
        "Holding the force to account\n\nThe Police and Crime Commissioner for Essex "
        "publishes the inspectorate's reports on Essex Police.\n\nThe inspection assessed how "
        "good Essex Police is in ten areas of policing. (12 May 2022)\n",
    )
    assert (info.kind, info.inspection_year, info.year_label) == (
        "commissioner-page",
        2021,
        "2021/22",
    )


def test_the_inspectorates_letter_copied_to_the_commissioner(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "Dorset Police: closure of cause of concern letter\n\nPublished on: 3 October 2024\n\n"
        "Letter information\n\nFrom\nJo Bloggs\nHis Majesty's Inspector of Constabulary\n\n"
        "To\nAnn Other\nChief Constable\nDorset Police\n\nCc\nSam Smith\nPolice and Crime "
        "Commissioner for Dorset\n\nI am pleased to let you know that I will close the cause "
        "of concern about investigations.\n",
    )
    assert (info.kind, info.reported_by, info.force) == ("other", "inspectorate", "dorset")


def test_a_pages_date_line_in_other_forms(tmp_path: Path) -> None:
    statement = (
        "Commissioner welcomes inspection report\n\n{}\n\nThe Police and Crime Commissioner "
        "for Kent welcomed the inspectorate's report on Kent Police.\n"
    )
    for i, (line, iso, year) in enumerate(
        [
            ("March 17, 2023", "2023-03-17", 2021),
            ("20 Nov 2016 03:27 PM", "2016-11-20", 2016),
            ("17/03/2023", "2023-03-17", 2021),
            ("2024-02-07", "2024-02-07", 2023),
        ]
    ):
        info = _info(tmp_path, statement.format(line), f"d{i}.txt")
        assert (info.published, info.inspection_year) == (iso, year), line
    # An impossible date is no date.
    assert _info(tmp_path, statement.format("31/02/2023"), "bad.txt").published is None


def test_a_date_line_after_published_or_posted(tmp_path: Path) -> None:
    for i, line in enumerate(["Posted on March 17, 2023", "Published: 17/03/2023"]):
        info = _info(
            tmp_path,
            f"Commissioner welcomes inspection report\n\n{line}\n\nThe Police and Crime "
            "Commissioner for Kent welcomed the inspectorate's report on Kent Police.\n",
            f"p{i}.txt",
        )
        assert (info.published, info.inspection_year) == ("2023-03-17", 2021), line


def test_a_force_page_stored_without_its_title(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "How effective is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 02/03/2017\n\nCumbria Constabulary has been assessed as good in respect "
        "of its effectiveness at keeping people safe and reducing crime.\n",
    )
    assert (info.kind, info.force, info.inspection_year) == ("force-page", "cumbria", 2016)


def test_a_force_page_without_title_or_date_by_its_question_headings(tmp_path: Path) -> None:
    body = (
        "Effectiveness\n"
        "How effective is the force at preventing crime and keeping people safe?\n"
        "Cumbria Constabulary is good at preventing crime.\n"
        "How effective is the force at investigating crime?\n"
        "The force is good at investigating crime.\n"
    )
    assert _info(tmp_path, body).kind == "force-page"
    # The same headings over several forces' grades: a national table, not a force's page.
    national = _info(
        tmp_path, body + "Durham Constabulary and Kent Police are good too.\n", "national.txt"
    )
    assert national.kind == "other"


def test_the_inspectors_opening_of_a_first_round_force_page(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "This is the first PEEL Assessment of Durham Constabulary. In making this assessment I "
        "have used my professional judgment.\n\nThe force is good at reducing crime.\n",
    )
    assert (info.kind, info.force, info.inspection_year) == ("force-page", "durham", 2014)


def test_the_questions_list_of_a_round_is_no_force_page(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "PEEL 2016 questions\n\nEach force in England and Wales was assessed against these "
        "questions.\n\nHow effective is the force at preventing crime and keeping people "
        "safe?\nHow effective is the force at investigating crime?\n",
    )
    assert (info.kind, info.scope) == ("other", "national")


def test_a_force_page_without_title_by_its_inspectors_letter(tmp_path: Path) -> None:
    info = _info(
        tmp_path,
        "This year, for the first time, we have assessed leadership across the force.\n\n"
        "Read more about my assessment of Kent Police’s performance this year.\n\n"
        "I would like to congratulate the force on its performance.\n",
    )
    assert (info.kind, info.force, info.inspection_year) == ("force-page", "kent", 2015)
    later = _info(
        tmp_path,
        "This year, for the first time, we have inspected specialist capabilities.\n\n"
        "Read more about my assessment of Kent Police’s performance this year.\n",
        "later.txt",
    )
    assert later.inspection_year == 2016
    # A commissioner quoting the inspector is not the inspector's page.
    quoted = _info(
        tmp_path,
        "The Police and Crime Commissioner for Kent welcomed the report.\n\nThe inspector "
        "wrote: my assessment of Kent Police is positive.\n",
        "quoted.txt",
    )
    assert quoted.kind == "commissioner-page"
