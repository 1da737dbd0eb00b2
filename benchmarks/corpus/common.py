"""What every document family shares: the manifest entry, a force's state, grades and dates.

A force's grade for a question in a year is a pure function of the seed, the
force, the year and the question (:meth:`World.grade`), so a force page, its
report, a commissioner's statement, a press release of many forces and the
national table all give the same grade, whichever order they are written in.
"""

from __future__ import annotations

import hashlib
import html
import random
from dataclasses import dataclass, field

from peelgraph.reference.forces import Force

from .words import CODEWORDS, FILLER, HMI_NAMES

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
GRADES4 = ("Outstanding", "Good", "Requires improvement", "Inadequate")
GRADES5 = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")
GRADE_WEIGHTS4 = (1, 12, 6, 1)
GRADE_WEIGHTS5 = (1, 8, 8, 5, 1)
# The months in which each round's force reports came out (first year, last year),
# written here from the inspectorate's publication calendar, not read from peelgraph.
PUBLISHED: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {
    2014: ((2014, 11), (2015, 3)),
    2015: ((2016, 2), (2016, 3)),
    2016: ((2017, 3), (2017, 4)),
    2017: ((2018, 3), (2018, 5)),
    2018: ((2019, 5), (2020, 2)),
    2021: ((2022, 2), (2023, 4)),
    2023: ((2023, 10), (2025, 6)),
}
YEAR_LABELS = {2018: "2018/19", 2021: "2021/22", 2023: "2023/25"}


@dataclass
class DocSpec:
    """What one generated file is and holds; the benchmark compares extraction with it.

    ``judgements`` are ``[force, year, question, grade, reported_by, last_inspected]``
    (question tokens and grades as peelgraph's reference tables name them), every
    grade the document gives, for its own force or for others. ``findings`` are
    ``[type, scope]`` for each finding the document raises or tracks in its own
    words (not those it quotes from an earlier report). ``force`` is None where the
    document names no force (``scope`` "unknown") or is about many (``scope``
    "national"). ``form`` names the layout it was written in, for per-form figures.
    """

    file: str
    kind: str
    force: str | None
    year: int | None
    pillar: str | None = None
    year_label: str | None = None
    scope: str = "force"
    form: str = ""
    judgements: list[list[str | int]] = field(default_factory=list)
    findings: list[list[str]] = field(default_factory=list)
    back_references: int = 0
    disputes: int = 0

    def grade(
        self,
        force: str,
        year: int,
        question: str,
        grade: str,
        by: str = "inspectorate",
        last: int | None = None,
    ) -> None:
        self.judgements.append([force, year, question, grade, by, last or year])

    def finding(self, ftype: str, scope: str = "force", n: int = 1) -> None:
        self.findings += [[ftype, scope] for _ in range(n)]


def seeded(*parts: object) -> random.Random:
    """A random stream of its own for each (seed, force, ...) tuple."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


@dataclass(frozen=True)
class World:
    """What is true of every force, whichever document says it."""

    seed: int

    def grade(self, force: str, year: int, question: str) -> str:
        rng = seeded(self.seed, "grade", force, year, question)
        scale, weights = (GRADES5, GRADE_WEIGHTS5) if year >= 2021 else (GRADES4, GRADE_WEIGHTS4)
        return rng.choices(scale, weights)[0]

    def hmi(self, force: Force, year: int) -> str:
        """The inspector who signs the force's pages in a year (regions change hands)."""
        return seeded(self.seed, "hmi", force.slug, year // 3).choice(HMI_NAMES)


@dataclass
class ForceState:
    """One force's history as the generator writes it: open findings, partners, counters."""

    force: Force
    rng: random.Random
    world: World
    open: list[Finding] = field(default_factory=list)
    rec_id: int = 0
    programmes: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    carried: str = "serious-organised-crime"  # the question 2018/19 carried over from 2017

    def grade(self, year: int, question: str) -> str:
        return self.world.grade(self.force.slug, year, question)


@dataclass
class Finding:
    question: str
    action: str
    obj: str
    year: int
    pillar: str
    kind: str = "area-for-improvement"


def para(st: ForceState, n: int) -> str:
    rng = st.rng
    return " ".join(
        rng.choice(FILLER).format(
            force=st.force.name,
            partner=rng.choice(st.partners),
            programme=rng.choice(st.programmes),
            area=st.force.short,
        )
        for _ in range(n)
    )


def paras(st: ForceState, lo: int, hi: int, sentences: tuple[int, int] = (4, 8)) -> list[str]:
    """Between ``lo`` and ``hi`` paragraphs, each followed by a blank line."""
    rng = st.rng
    return [x for _ in range(rng.randint(lo, hi)) for x in (para(st, rng.randint(*sentences)), "")]


def operation(rng: random.Random) -> str:
    return f"Operation {rng.choice(CODEWORDS)}"


def publisher(year: int) -> str:
    return "HMICFRS" if year >= 2017 else "HMIC"


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def publication_date(rng: random.Random, year: int) -> tuple[int, int, int]:
    """(day, month, year) within the months the round of ``year`` was published."""
    (y0, m0), (y1, m1) = PUBLISHED[year]
    months = [
        (y, m) for y in range(y0, y1 + 1) for m in range(1, 13) if (y0, m0) <= (y, m) <= (y1, m1)
    ]
    y, m = rng.choice(months)
    return rng.randint(1, 28), m, y


def long_date(d: tuple[int, int, int], *, th: bool = True) -> str:
    day, month, year = d
    return f"{ordinal(day) if th else day} {MONTHS[month - 1]} {year}"


def uk_numeric(d: tuple[int, int, int]) -> str:
    return f"{d[0]:02d}/{d[1]:02d}/{d[2]}"


def html_page(text: str, title: str) -> str:
    """A web page: each paragraph a <p>, short lines headings, with some page chrome."""
    body = []
    for block in text.split("\n\n"):
        b = block.strip()
        if not b:
            continue
        tag = "h2" if len(b) < 90 and not b.endswith(".") else "p"
        body.append(f"<{tag}>{html.escape(b)}</{tag}>")
    return (
        f"<!doctype html>\n<html><head><title>{html.escape(title)}</title>"
        "<script>var tracking = 1;</script></head>\n<body><nav>Home | Publications</nav><main>\n"
        + "\n".join(body)
        + "\n</main></body></html>\n"
    )
