"""Each force's documents in date order, the national documents, and the corpus on disk.

A force's history follows PEEL's rounds: the 2014 effectiveness report and page;
for 2015-2017 a report per pillar, the pillar pages and the force summary page;
the 2018/19 integrated report and page; the five-point reports of 2021/22 and
2023/25. Around them: recommendation pages for its causes of concern and some
areas for improvement, national recommendations tracked on its pages,
chief constables' letters, commissioners' statements and an index of responses,
and the inspectorate's release on its five-point reports. National documents
(press releases of a round, grades tables, register entries) are interleaved
in proportion as forces are added, so that every scale has some.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from peelgraph.reference.forces import FORCES, Force
from peelgraph.reference.organisations import KNOWN_PROGRAMMES, NATIONAL_BODIES, ROCU_REGION

from . import national, pages, reports, statements, tracking
from .common import YEAR_LABELS, DocSpec, Finding, ForceState, World, html_page, seeded
from .words import CODEWORDS, QUESTIONS_2015

Doc = tuple[DocSpec, str, str]  # (spec, text, media: txt | html | pdf)
ROUNDS = (2014, 2015, 2016, 2017, 2018, 2021, 2023)
NO_COMMISSIONER = frozenset({"metropolitan", "city-of-london"})


def _partners(force: Force, rng: random.Random) -> list[str]:
    area = force.short
    local = [
        f"{area} County Council",
        f"{area} NHS Foundation Trust",
        f"University of {area}",
        f"{area} Fire and Rescue Service",
        f"{ROCU_REGION.get(force.slug, 'regional')} Regional Organised Crime Unit",
    ]
    bodies = [b.canonical for b in NATIONAL_BODIES if b.category != "inspectorate"]
    return local + rng.sample(bodies, k=min(6, len(bodies)))


def _programmes(rng: random.Random) -> list[str]:
    ops = [f"Operation {w}" for w in rng.sample(CODEWORDS, k=4)]
    known = [p.aliases[0] if p.aliases else p.canonical for p in KNOWN_PROGRAMMES]
    return ops + rng.sample(known, k=min(4, len(known)))


class _Writer:
    """Names a force's files in order and gives each its manifest entry."""

    def __init__(self, st: ForceState) -> None:
        self.st = st
        self.n = 0

    def spec(
        self, kind: str, year: int | None, pillar: str | None = None, form: str = ""
    ) -> DocSpec:
        force = self.st.force.slug
        return DocSpec("", kind, force, year, pillar, YEAR_LABELS.get(year or 0), form=form)

    def done(self, spec: DocSpec, text: str, media: str, name_year: int) -> Doc:
        self.n += 1
        spec.file = f"{self.st.force.slug}/{name_year}-{self.n:02d}-{spec.kind}.{media}"
        if media == "html":
            text = html_page(text, text.strip().split("\n", 1)[0])
        return spec, text, media


def _round_documents(w: _Writer, year: int) -> tuple[list[Doc], list[Finding]]:
    """The inspectorate's reports and pages of one round."""
    st, rng = w.st, w.st.rng
    out: list[Doc] = []
    raised: list[Finding] = []

    def page(spec: DocSpec, text: str) -> None:
        out.append(w.done(spec, text, "html" if rng.random() < 0.5 else "txt", year))

    def report(spec: DocSpec, made: tuple[str, list[Finding]]) -> None:
        raised.extend(made[1])
        out.append(w.done(spec, made[0], "pdf" if rng.random() < 0.25 else "txt", year))

    if year == 2014:
        spec = w.spec("inspection-report", 2014, "effectiveness", "pillar-report-2014")
        report(spec, reports.pillar_report(st, 2014, "effectiveness", spec))
        spec = w.spec("force-page", 2014, "effectiveness", "force-page-2014")
        page(spec, pages.page_2014(st, spec))
    elif year <= 2017:
        for pillar in ("effectiveness", "efficiency", "legitimacy"):
            spec = w.spec("inspection-report", year, pillar, "pillar-report")
            report(spec, reports.pillar_report(st, year, pillar, spec))
            if pillar == "effectiveness" or rng.random() < 0.9:  # a few pages were not kept
                spec = w.spec("force-page", year, pillar, f"pillar-page-{pillar}")
                page(spec, pages.pillar_page(st, year, pillar, spec))
        spec = w.spec("force-page", year, None, "force-summary-page")
        page(spec, pages.summary_page(st, year, spec))
    elif year == 2018:
        spec = w.spec("inspection-report", 2018, None, "integrated-report-2018")
        report(spec, reports.integrated_report(st, spec, st.carried))
        spec = w.spec("force-page", 2018, None, "force-page-2018")
        page(spec, pages.page_2018(st, spec, st.carried))
    else:
        spec = w.spec("inspection-report", year, None, f"five-point-report-{year}")
        report(spec, reports.five_point_report(st, year, spec))
    return out, raised


def _responses(w: _Writer, year: int, raised: list[Finding]) -> Iterator[Doc]:
    """What follows a round: recommendation pages, letters, statements, releases."""
    st, rng = w.st, w.st.rng
    for f in raised:
        st.open.append(f)
        if f.kind == "cause-of-concern":
            spec = w.spec("recommendation-page", year, f.pillar)
            yield w.done(spec, tracking.force_recommendation_page(st, f, spec), "txt", year)
    if raised and rng.random() < 0.6:  # a few pages record progress on an AFI too
        f = rng.choice(raised)
        coc = Finding(f.question, f.action, f.obj, year, f.pillar, "cause-of-concern")
        spec = w.spec("recommendation-page", year, f.pillar)
        yield w.done(spec, tracking.force_recommendation_page(st, coc, spec), "txt", year)
    for rec in tracking.NATIONAL_RECOMMENDATIONS:
        if rec.year == year and rng.random() < 0.8:  # tracked on (nearly) every force's page
            spec = w.spec("recommendation-page", year)
            text = tracking.national_recommendation_page(st, rec, spec)
            yield w.done(spec, text, "txt", year)
    if 2015 <= year <= 2018 and rng.random() < 0.3:
        spec = w.spec("force-response", year, "effectiveness", "chief-constable-letter")
        yield w.done(spec, statements.letter(st, year, spec), "txt", year + 1)
    # London's forces answer to the Mayor's office and the City's Common Council, not a PCC.
    if rng.random() < 0.45 and st.force.slug not in NO_COMMISSIONER:
        spec = w.spec("commissioner-page", year)
        text = statements.commissioner_statement(st, year, spec)
        yield w.done(spec, text, "html" if rng.random() < 0.3 else "txt", year + 1)
    if year >= 2021 and rng.random() < 0.5:
        spec = w.spec("other", year)
        text = national.single_release(st.world, rng, st.force, year, spec)
        yield w.done(spec, text, "html" if rng.random() < 0.5 else "txt", year)


def force_history(force: Force, seed: int) -> Iterator[Doc]:
    """(spec, text, media) for one force's documents in date order."""
    rng = seeded(seed, force.slug)
    st = ForceState(force, rng, World(seed), partners=_partners(force, rng))
    st.programmes = _programmes(rng)
    st.carried = rng.choice(list(QUESTIONS_2015))
    w = _Writer(st)
    for year in ROUNDS:
        docs, raised = _round_documents(w, year)
        yield from docs
        yield from _responses(w, year, raised)
    if rng.random() < 0.3 and force.slug not in NO_COMMISSIONER:
        spec = w.spec("commissioner-page", None)
        yield w.done(spec, statements.commissioner_index(st, spec), "txt", 2024)


def national_documents(seed: int) -> list[Doc]:
    """Documents about many forces, families interleaved so that any prefix has some of each."""
    world, rng = World(seed), seeded(seed, "national")
    families: list[list[Doc]] = [[], [], []]
    for i in range(4 * len(tracking.THEMATIC)):
        spec = DocSpec("", "register-entry", None, None, scope="national")
        families[0].append((spec, tracking.register_entry(rng, i, spec), "txt"))
    for year in (2015, 2016, 2017, 2018):
        spec = DocSpec("", "other", None, year, YEAR_LABELS.get(year), scope="national")
        chosen = rng.sample(list(FORCES), k=rng.randint(5, 9))
        families[1].append((spec, national.press_releases(world, rng, year, chosen, spec), "txt"))
    for year, by_question in (
        (2016, False),
        (2015, True),
        (2017, False),
        (2016, True),
        (2015, False),
    ):
        spec = DocSpec("", "other", None, year, scope="national")
        families[2].append(
            (spec, national.grades_table(world, rng, year, by_question, spec), "txt")
        )
    for spec, _, _ in (d for fam in families for d in fam):
        spec.year_label = YEAR_LABELS.get(spec.year or 0)
    out: list[Doc] = []
    while any(families):
        for fam in families:
            if fam:
                out.append(fam.pop(0))
    for n, (spec, _, media) in enumerate(out, 1):
        spec.file = f"national/{spec.year}-{n:02d}-{spec.kind}.{media}"
    return out


def corpus_documents(seed: int) -> Iterator[Doc]:
    """The whole corpus of one seed: force histories in a fixed random order, national
    documents after each force in proportion."""
    nat = national_documents(seed)
    order = sorted(FORCES, key=lambda f: seeded(seed, "order", f.slug).random())
    given = 0
    for k, force in enumerate(order, 1):
        yield from force_history(force, seed)
        want = math.ceil(len(nat) * k / len(order))
        yield from nat[given:want]
        given = want
