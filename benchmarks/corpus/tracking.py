"""Pages that track recommendations: a force's own, national ones on each force's page,
and the register entries of thematic inspections.

A status history is written in the site's raw markup
(``[on]date [status]word[/status][/on]``, comments in ``[comment]``) or, as a
page renders it, without markup: a date line then the status word, comments as
paragraphs. Some pages end inside a comment, cut off where the copy was stored.
A national recommendation ("all forces should ...") is the same on every force's
page; each page has its own history, and some never name their force, or name
it only in a comment, or by an abbreviation ("D&C").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from peelgraph.reference.forces import ABBREVIATIONS

from .common import (
    MONTHS,
    DocSpec,
    Finding,
    ForceState,
    long_date,
    ordinal,
    publication_date,
    publisher,
)

STATUSES = ("awaiting-review", "being-progressed", "being-progressed", "complete")
RENDERED = {
    "awaiting-review": "Awaiting review",
    "being-progressed": "Being progressed",
    "complete": "Complete",
}


@dataclass(frozen=True)
class NationalRecommendation:
    """A recommendation to all forces, from a national report of a PEEL round."""

    year: int
    number: int
    concern: str
    ask: str
    topic: str  # what a force's comment says it has done


NATIONAL_RECOMMENDATIONS = (
    NationalRecommendation(
        2015,
        3,
        "HMIC found that forces record the outcomes of stop and search encounters in widely "
        "different ways, so that neither forces nor the public can tell whether the power is "
        "used fairly.",
        "By September 2016, all forces should record the outcome of every stop and search "
        "encounter in the same way and publish the results each quarter.",
        "recording and publishing stop and search outcomes",
    ),
    NationalRecommendation(
        2016,
        2,
        "HMIC found that the assessment of risk to missing children is applied by forces in "
        "inconsistent ways, and that some children at high risk are graded as absent.",
        "Within six months, all forces should stop using the absent category for children and "
        "assess every missing child against the same risk criteria.",
        "the risk assessment of missing children",
    ),
    NationalRecommendation(
        2016,
        5,
        "HMIC found that the quality of the intelligence forces hold on organised crime groups "
        "varies so much that the national picture of the threat is unreliable.",
        "By March 2018, all forces should adopt the national standard for scoring and mapping "
        "organised crime groups and review every group they hold against it.",
        "mapping organised crime groups to the national standard",
    ),
    NationalRecommendation(
        2017,
        1,
        "HMICFRS found that police forces do not yet have the capacity to examine digital "
        "devices quickly enough, and that investigations are delayed as a result.",
        "By December 2018, all forces should set out how they will reduce the time taken to "
        "examine digital devices, and report their progress to the national lead.",
        "reducing the backlog of digital device examinations",
    ),
)

# Thematic inspections outside PEEL: (title, register number base, first year).
THEMATIC = (
    ("Answering the call: an inspection of police contact centres", 4310, 2015),
    ("Out of sight: the police response to missing adults", 4420, 2016),
    ("Sharper tools: digital forensics in policing", 4533, 2017),
    ("Safe at home: how forces respond to domestic abuse", 4611, 2015),
    ("Open doors: an inspection of police custody suites", 4702, 2018),
    ("Every contact counts: victims' experience of the police", 4815, 2019),
)
THEMATIC_ASKS = (
    "Within six months, all forces should review {x} and publish what they find.",
    "By the end of the next financial year, all forces should agree with their partners how "
    "{x} will be measured.",
    "Chief constables should ensure that {x} is supervised by a trained officer.",
    "Within twelve months, all forces should adopt the national guidance on {x}.",
)
THEMATIC_SUBJECTS = (
    "the training given to call handlers", "the way repeat cases are identified",
    "the recording of risk assessments", "the sharing of information with health services",
    "the handover of detained people between shifts", "the use of body-worn video",
)  # fmt: skip


def _date(rng: random.Random, year: int, month: int) -> str:
    return f"{ordinal(rng.randint(1, 28))} {MONTHS[(month - 1) % 12]} {year + (month - 1) // 12}"


def _cut(rng: random.Random, comment: str) -> str:
    """A comment as a stored copy that ends inside it keeps it: cut mid-word."""
    space = comment.find(" ", len(comment) // 2)
    return comment[: space + rng.randint(2, 4)] if space > 0 else comment[: len(comment) // 2]


def history(
    rng: random.Random,
    first: tuple[int, int, int],
    comments: list[str],
    *,
    rendered: bool,
    cut: bool = False,
) -> str:
    """A status history from the date ``first`` on, ``comments`` after the second status;
    ``cut``: the text ends inside the last comment."""
    n = 2 if cut else rng.randint(2, 4)
    _, month, year = first
    entries: list[str] = []
    for i, status in enumerate(STATUSES[:n]):
        when = long_date(first) if i == 0 else _date(rng, year, month + 5 * i)
        entries.append(
            f"{when}\n{RENDERED[status]}"
            if rendered
            else f"[on]{when} [status]{status}[/status][/on]"
        )
        if i == 1:
            for k, c in enumerate(comments):
                last = cut and k == len(comments) - 1
                body = _cut(rng, c) if last else c
                if rendered:
                    entries.append(f"{when}\n{body}")
                else:
                    close = "" if last else "\n\n[/comment][/on]"
                    entries.append(f"[on]{when} [comment]\n\n{body}{close}")
    return ("\n\n" if rendered else "").join(entries)


def force_recommendation_page(st: ForceState, coc: Finding, spec: DocSpec) -> str:
    """A force's own cause of concern and recommendation, with its status history."""
    rng = st.rng
    st.rec_id += 1
    url = (
        f"https://www.justiceinspectorates.gov.uk/hmicfrs/recommendation/{st.force.slug}/"
        f"{8000 + st.rec_id}/"
    )
    y = coc.year + 1
    comment = (
        f"This was assessed as part of the {y} {coc.pillar} inspection. The force has made "
        f"progress since the last inspection in {coc.year}."
    )
    rendered = rng.random() < 0.25
    events = history(rng, publication_date(rng, coc.year), [comment], rendered=rendered)
    spec.finding("cause-of-concern")
    spec.finding("recommendation", n=2)
    spec.back_references = 1
    spec.form = "force-recommendation-page" + ("-rendered" if rendered else "")
    text = "\n".join([
        "404 Page not found", "", url, "", "Cause of concern", "",
        f"It is a cause of concern to {publisher(coc.year)} that {st.force.name} does not "
        f"{coc.action} {coc.obj}. This was raised in the {coc.year} {coc.pillar} inspection.", "",
        "Recommendation", "", "The force should immediately take steps to:", "",
        f"• {coc.action} {coc.obj}; • review its plans with {rng.choice(st.partners)}.", "",
        events, "",
    ])  # fmt: skip
    return text


def _naming(st: ForceState) -> str:
    """How a national recommendation's page on this force names it."""
    rng = st.rng
    ways = ["url", "comment", "never"] + (["abbreviation"] if _abbreviation(st) else [])
    return rng.choices(ways, [3, 3, 2, 2][: len(ways)])[0]


def _abbreviation(st: ForceState) -> str | None:
    return next((a for a, slug in ABBREVIATIONS.items() if slug == st.force.slug), None)


def national_recommendation_page(st: ForceState, rec: NationalRecommendation, spec: DocSpec) -> str:
    """A national recommendation tracked on this force's page, with this force's history."""
    rng = st.rng
    naming = _naming(st)
    who = {
        "url": "The force",
        "comment": st.force.name,
        "abbreviation": _abbreviation(st) or "The force",
        "never": "The force",
    }[naming]
    comments = [
        f"{who} has provided an update on {rec.topic}.",
        f"The {rec.year + 1} inspection found that the work on {rec.topic} is now complete."
        if rng.random() < 0.5
        else "This recommendation is being progressed through a regional working group.",
    ]
    rendered = rng.random() < 0.3
    truncated = rng.random() < 0.15
    events = history(
        rng, publication_date(rng, rec.year), comments, rendered=rendered, cut=truncated
    )
    head = ["404 Page not found", ""] if rng.random() < 0.5 else []
    if naming == "url":
        head += [
            f"https://www.justiceinspectorates.gov.uk/hmicfrs/recommendation/{st.force.slug}/"
            f"{8700 + rec.number * 10 + rec.year % 10}/",
            "",
        ]
    text = "\n".join([
        *head, "Causes of concern", "", rec.concern, "", f"Recommendation {rec.number}", "",
        f"• {rec.ask}", "", events, "",
    ])  # fmt: skip
    if truncated:
        text = text.rstrip("\n")  # the copy ends where the comment was cut
    named = naming != "never"
    spec.force = st.force.slug if named else None
    spec.scope = "force" if named else "unknown"
    spec.finding("cause-of-concern", "national")
    spec.finding("recommendation", "national")
    spec.back_references = 1
    spec.form = (
        f"national-recommendation-page-{naming}"
        + ("-rendered" if rendered else "")
        + ("-cut" if truncated else "")
    )
    return text


def register_entry(rng: random.Random, index: int, spec: DocSpec) -> str:
    """A register entry: the thematic report's title and number, one recommendation to all
    forces, its status history (the opening [comment] tag sometimes lost)."""
    title, number, year = THEMATIC[index % len(THEMATIC)]
    k = index // len(THEMATIC)
    ask = THEMATIC_ASKS[(index + k) % len(THEMATIC_ASKS)].format(
        x=THEMATIC_SUBJECTS[(index * 5 + k) % len(THEMATIC_SUBJECTS)]
    )
    first = (rng.randint(1, 28), rng.randint(1, 12), year)
    comment = "This recommendation has subsequently been inspected in a later thematic inspection."
    events = history(rng, first, [comment], rendered=False)
    if rng.random() < 0.3:
        events = events.replace("[comment]\n\n", "\n\n", 1)
    spec.year = year
    spec.findings = [["recommendation", "national"]]
    spec.back_references = 1
    spec.form = "register-entry"
    return "\n".join([f"{title} ({number + k})", "", ask, "", events, ""])
