"""A synthetic full-country PEEL corpus, for benchmarks at scale.

The generator writes documents with the structures of the real ones (the
seeds): inspection reports per pillar (2014-2017) and integrated PEEL
reports (2018/19, 2021/22, 2023-2025), force web pages, recommendation pages
with status histories in ``[on]...[status]...[/status][/on]`` markup, and
chief constables' response letters. Each force carries a history: areas for
improvement and causes of concern raised one year are referred back to in
later years ("In 2016, we identified, as an area for improvement, that..."),
addressed or raised again; recommendations move through their statuses.
Roughly a quarter of the reports are written as PDFs, some pages as HTML.

Nothing here is known to the pipeline: the documents go through the real
ingest and extractors. ``manifest.json`` records what each file is (kind,
force, year, its graded questions and findings) so that the benchmark can
check extraction on documents it never saw.

Usage::

    python benchmarks/corpus.py --scale 10 --out benchmarks/.corpus/scale-10
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from peelgraph.reference.forces import FORCES, Force
from peelgraph.reference.organisations import KNOWN_PROGRAMMES, NATIONAL_BODIES, ROCU_REGION

GENERATOR_VERSION = 5  # bump when the output changes, so cached corpora are rebuilt

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GRADES4 = ("Outstanding", "Good", "Requires improvement", "Inadequate")
GRADES5 = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")
GRADE_WEIGHTS4 = (1, 12, 6, 1)
GRADE_WEIGHTS5 = (1, 8, 8, 5, 1)

# question token -> wording of its heading in pillar reports (2014-2017)
EFFECTIVENESS_QUESTIONS = {
    "preventing-crime": "How effective is the force at preventing crime, tackling anti-social "
    "behaviour and keeping people safe?",
    "investigating-crime": "How effective is the force at investigating crime and reducing "
    "re-offending?",
    "protecting-vulnerable": "How effective is the force at protecting those who are vulnerable "
    "from harm, and supporting victims?",
    "serious-organised-crime": "How effective is the force at tackling serious and organised "
    "crime?",
}
INTEGRATED_QUESTIONS = {
    "preventing-crime": "Preventing crime and anti-social behaviour",
    "responding-to-public": "Responding to the public",
    "investigating-crime": "Investigating crime",
    "protecting-vulnerable": "Protecting vulnerable people",
    "managing-offenders": "Managing offenders and suspects",
    "workforce": "Developing a positive workplace",
    "treatment-of-public": "Treatment of the public",
}
# Sections of efficiency and legitimacy reports, graded only as a pillar here.
PILLAR_SECTIONS = {
    "efficiency": {
        "responding-to-public": "Meeting current demands and using resources",
        "use-of-resources": "Planning for the future",
    },
    "legitimacy": {
        "treatment-of-public": "Fair and respectful treatment of the public",
        "workforce": "Ethical and lawful behaviour of the workforce",
    },
}
OVERALL_WORDING = {
    "effectiveness": "How effective is the force at keeping people safe and reducing crime?",
    "efficiency": "How efficient is the force at keeping people safe and reducing crime?",
    "legitimacy": "How legitimate is the force at keeping people safe and reducing crime?",
}

# Areas for improvement per question: (action, object) pairs joined by templates,
# so that one force's findings recur across years in varied words.
AFI_BANK: dict[str, list[tuple[str, str]]] = {
    "preventing-crime": [
        ("adopt", "a structured and consistent problem-solving approach across all neighbourhoods"),
        ("evaluate", "its crime prevention activity and share what works with the workforce"),
        ("improve", "how it analyses anti-social behaviour with partner organisations"),
        ("ensure", "neighbourhood officers are not routinely taken away from their core duties"),
        ("develop", "its understanding of the communities it serves, including those less heard"),
    ],
    "investigating-crime": [
        ("ensure", "all investigations are subject to regular and active supervision"),
        ("improve", "its ability to retrieve digital evidence from mobile phones without delay"),
        ("ensure", "that crimes are allocated to investigators with the appropriate skills"),
        ("reduce", "the number of outstanding suspects, including those wanted on the PNC"),
        ("improve", "how it keeps victims informed in line with the Victims' Code"),
    ],
    "protecting-vulnerable": [
        ("improve", "the timeliness of its referrals of vulnerable children to partner agencies"),
        ("reduce", "the backlog of risk assessments for registered sex offenders"),
        ("improve", "its response to missing children, including return home interviews"),
        ("ensure", "officers use body-worn video at every domestic abuse incident"),
        ("process", "Clare's Law applications within the national timescales"),
    ],
    "serious-organised-crime": [
        ("develop", "a serious and organised crime local profile with partner organisations"),
        ("make", "maximum use of regional organised crime unit capabilities"),
        ("enhance", "its approach to the lifetime management of organised criminals"),
        ("learn", "from its disruptions of organised crime groups to maximise their effect"),
        ("strengthen", "its response to drug-dealing networks that use county lines"),
    ],
    "responding-to-public": [
        ("reduce", "the number of emergency calls abandoned before they are answered"),
        ("ensure", "call handlers use a structured risk assessment at the first contact"),
    ],
    "managing-offenders": [
        ("improve", "how it manages registered sex offenders in the community"),
        ("ensure", "that wanted persons are located and arrested promptly"),
    ],
    "workforce": [
        ("improve", "how it understands and supports the wellbeing of its workforce"),
        ("ensure", "that supervisors have the time and training to develop their staff"),
    ],
    "use-of-resources": [
        ("improve", "its understanding of the demand it faces, including hidden demand"),
        ("develop", "its plans for the future workforce and the skills it will need"),
    ],
    "treatment-of-public": [
        ("improve", "how it records and monitors the use of stop and search"),
        ("ensure", "that it engages with communities that are less likely to trust the police"),
    ],
}
AFI_FORMS = (
    "The force should {a} {o}.",
    "The force should {a} {o} as a priority.",
    "The constabulary should {a} {o}.",
)
BACKREF_ADDRESSED = (
    "In {y}, we identified, as an area for improvement, that the force should {a} {o}. "
    "We are pleased that the force has made good progress and this is no longer a concern.",
    "In our {y} {pillar} report, we said that the force should {a} {o}. "
    "Since then the force has made considerable progress in this area.",
)
BACKREF_PARTLY = (
    "In {y}, we identified, as an area for improvement, that the force should {a} {o}. "
    "The force has made some progress, but there is more to do.",
)
BACKREF_NOT = (
    "In {y}, we identified, as an area for improvement, that the force should {a} {o}. "
    "This was an area for improvement in {y} which the force has not yet addressed.",
)

FILLER = (
    "{force} works with {partner} to share information about people who may be at risk.",
    "Officers and staff we spoke to understood the priorities set by chief officers.",
    "The force has introduced {programme}, which brings together officers and {partner}.",
    "Neighbourhood teams in {area} use problem-solving plans to address local concerns.",
    "We reviewed case files and found that most investigations were of a reasonable standard.",
    "The force uses {programme} to assess and prioritise the threats it faces.",
    "Leaders in {force} have a clear understanding of the demand the force faces.",
    "Partners, including {partner}, told us that their working relationship with the force is good.",
    "The force has a well-established process for learning from complaints and reviews.",
    "Supervisors review the quality of investigations, although this is not always recorded.",
    "The force's approach to vulnerability is understood by the workforce in {area}.",
    "We found good examples of joint work with {partner} to support victims.",
    "The force is investing in training for call handlers and frontline officers.",
    "Through {programme}, officers work with schools and youth services in {area}.",
)
CODEWORDS = [
    "Argo",
    "Beacon",
    "Cobalt",
    "Dunlin",
    "Ember",
    "Falcon",
    "Granite",
    "Harrier",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lantern",
    "Meridian",
    "Nightjar",
    "Orchard",
    "Pennant",
    "Quarry",
    "Raven",
    "Sentinel",
    "Tern",
    "Umber",
    "Vanguard",
    "Willow",
    "Yarrow",
    "Zephyr",
    "Atlas",
    "Bramble",
    "Cedar",
    "Delta",
    "Eider",
    "Fulmar",
    "Gannet",
    "Heron",
    "Ibex",
    "Jackdaw",
    "Kite",
    "Linnet",
    "Merlin",
    "Osprey",
]


@dataclass
class DocSpec:
    """What one generated file is; the benchmark compares extraction with it."""

    file: str
    kind: str
    force: str
    year: int
    pillar: str | None
    questions: list[str] = field(default_factory=list)  # graded questions in it
    findings: int = 0  # findings raised in it (areas for improvement, causes, recommendations)
    back_references: int = 0


@dataclass
class _Finding:
    question: str
    action: str
    obj: str
    year: int
    pillar: str
    kind: str = "area-for-improvement"


@dataclass
class _ForceState:
    force: Force
    rng: random.Random
    open: list[_Finding] = field(default_factory=list)
    rec_id: int = 0
    programmes: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    grades: dict[tuple[int, str], str] = field(default_factory=dict)


def _partners(force: Force, rng: random.Random) -> list[str]:
    area = force.short
    local = [
        f"{area} County Council",
        f"{area} NHS Foundation Trust",
        f"University of {area}",
        f"{area} Fire and Rescue Service",
        f"{ROCU_REGION.get(force.slug, 'regional')} Regional Organised Crime Unit",
    ]
    national = [b.canonical for b in NATIONAL_BODIES if b.category != "inspectorate"]
    return local + rng.sample(national, k=min(6, len(national)))


def _programmes(rng: random.Random) -> list[str]:
    ops = [f"Operation {w}" for w in rng.sample(CODEWORDS, k=4)]
    known = [p.aliases[0] if p.aliases else p.canonical for p in KNOWN_PROGRAMMES]
    return ops + rng.sample(known, k=min(4, len(known)))


def _para(st: _ForceState, n: int) -> str:
    rng = st.rng
    sents = [
        rng.choice(FILLER).format(
            force=st.force.name,
            partner=rng.choice(st.partners),
            programme=rng.choice(st.programmes),
            area=st.force.short,
        )
        for _ in range(n)
    ]
    return " ".join(sents)


def _grade(st: _ForceState, year: int, question: str) -> str:
    """The force's grade for a question in a year: a force page and its report agree."""
    key = (year, question)
    if key not in st.grades:
        rng = st.rng
        scale, weights = (GRADES5, GRADE_WEIGHTS5) if year >= 2021 else (GRADES4, GRADE_WEIGHTS4)
        st.grades[key] = rng.choices(scale, weights)[0]
    return st.grades[key]


def _publisher(year: int) -> str:
    return "HMICFRS" if year >= 2017 else "HMIC"


def _measure_block(st: _ForceState, year: int) -> list[str]:
    rng = st.rng
    out = ["Force in numbers", ""]
    blocks = [
        ("Calls for assistance", "Calls for assistance per 1,000 population", 300, 600, ""),
        ("Recorded crime", "Recorded crime per 1,000 population", 40, 110, ""),
        (
            "Anti-social behaviour",
            "Anti-social behaviour incidents per 1,000 population",
            15,
            40,
            "",
        ),
        (
            "Domestic abuse",
            "Domestic abuse as a percentage of all recorded crime (excluding fraud)",
            7,
            15,
            "%",
        ),
        ("Victim satisfaction rate", "Victim satisfaction rate", 70, 90, "%"),
        ("Organised crime groups", "Organised crime groups per million population", 15, 80, ""),
    ]
    for head, label, lo, hi, unit in blocks:
        value = round(rng.uniform(lo, hi), 1)
        national = round(rng.uniform(lo, hi), 1)
        when = "as at 30 June" if "Organised" in head else "12 months to 31 March"
        out += [
            head, "", f"{label} {when} {year}", "",
            st.force.name, "", f"{value}{unit}", "",
            "England and Wales", "", f"{national}{unit}", "", "",
        ]  # fmt: skip
    return out


def _afi_text(rng: random.Random, f: _Finding) -> str:
    return rng.choice(AFI_FORMS).format(a=f.action, o=f.obj)


def _new_findings(st: _ForceState, question: str, year: int, pillar: str, n: int) -> list[_Finding]:
    bank = AFI_BANK.get(question, AFI_BANK["preventing-crime"])
    picks = st.rng.sample(bank, k=min(n, len(bank)))
    return [_Finding(question, a, o, year, pillar) for a, o in picks]


def _backrefs(st: _ForceState, question: str, year: int) -> tuple[list[str], int]:
    """Sentences referring back to this question's open findings; updates what stays open."""
    rng = st.rng
    lines: list[str] = []
    for f in [f for f in st.open if f.question == question and f.year < year]:
        roll = rng.random()
        bank = BACKREF_ADDRESSED if roll < 0.5 else BACKREF_PARTLY if roll < 0.75 else BACKREF_NOT
        lines += [rng.choice(bank).format(y=f.year, pillar=f.pillar, a=f.action, o=f.obj), ""]
        if bank is BACKREF_ADDRESSED:
            st.open.remove(f)
    return lines, len(lines) // 2


def _report(st: _ForceState, year: int, pillar: str, spec: DocSpec) -> tuple[str, list[_Finding]]:
    """An inspection report: a pillar report, or an integrated PEEL report from 2018."""
    rng = st.rng
    force = st.force
    pub_year = year + 1
    integrated = pillar == "peel"
    title = f"PEEL {year}/{str(year + 1)[2:]}" if integrated else f"PEEL: Police {pillar} {year}"
    out = [
        "", title, "", f"An inspection of {force.name}", "", "",
        f"{rng.choice(MONTHS)} {pub_year}", "", f"© {_publisher(pub_year)} {pub_year}", "",
        f"ISBN: 978-1-{rng.randint(100000, 999999)}-{rng.randint(10, 99)}-{rng.randint(0, 9)}", "",
        "Contents", "",
    ]  # fmt: skip
    questions = (
        INTEGRATED_QUESTIONS
        if integrated
        else EFFECTIVENESS_QUESTIONS
        if pillar == "effectiveness"
        else {}
    )
    raised: list[_Finding] = []
    if not integrated:
        overall = _grade(st, year, pillar)
        out += ["Overall judgment", "", "", overall, "", _para(st, 5), ""]
        spec.questions.append(pillar if pillar != "effectiveness" else "overall")
    out += _measure_block(st, year)
    if not questions:
        # Efficiency and legitimacy reports: ungraded sections with areas for improvement.
        questions = PILLAR_SECTIONS[pillar]
    for token, wording in questions.items():
        if wording.endswith("?") or integrated:
            out += [wording, "", "", _grade(st, year, token), "", ""]
            spec.questions.append(token)
        else:
            out += [wording, ""]
        # Real reports run to 40-80 KB of prose; so do these.
        for _ in range(rng.randint(8, 14)):
            out += [_para(st, rng.randint(5, 8)), ""]
        back, n_back = _backrefs(st, token, year)
        out += back
        spec.back_references += n_back
        if token == "serious-organised-crime":
            n = rng.randint(12, 140)
            out += [
                f"As at 30 June {year}, {force.name} was actively disrupting, investigating or "
                f"monitoring {n} organised crime groups (OCGs). This represents "
                f"{round(n / rng.uniform(0.6, 3.5), 1)} OCGs per one million of the population.",
                "",
            ]
        fresh = _new_findings(st, token, year, "PEEL" if integrated else pillar, rng.randint(1, 3))
        out += ["Areas for improvement", ""]
        out += [f"- {_afi_text(rng, f)}" for f in fresh] + [""]
        raised += fresh
        if rng.random() < 0.12 and not integrated:
            coc = _Finding(
                token,
                "address",
                f"shortcomings in {wording[:1].lower()}{wording[1:].rstrip('?')}",
                year,
                pillar,
                "cause-of-concern",
            )
            out += [
                "Cause of concern", "",
                f"It is a cause of concern to {_publisher(year)} that {force.name} does not "
                f"{coc.action} {coc.obj}.", "",
                "Recommendations", "", "The force should immediately take steps to:", "",
                f"- {coc.action} {coc.obj}; and", f"- review its plans with {rng.choice(st.partners)}.",
                "",
            ]  # fmt: skip
            raised.append(coc)
    spec.findings = len(raised)
    return "\n".join(out), raised


def _force_page(st: _ForceState, year: int, pillar: str, spec: DocSpec) -> str:
    rng = st.rng
    force = st.force
    label = pillar.capitalize() if pillar != "peel" else "Effectiveness"
    out = [
        "Skip to content", "", f"{force.short} PEEL {year}", "", label, "",
        OVERALL_WORDING.get(pillar, OVERALL_WORDING["effectiveness"]), "",
        f"Last updated {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year + 1}",
        _grade(st, year, pillar), "", _para(st, 6), "", f"Questions for {label}", "",
    ]  # fmt: skip
    spec.questions.append("overall" if pillar in {"effectiveness", "peel"} else pillar)
    questions = EFFECTIVENESS_QUESTIONS if pillar in {"effectiveness", "peel"} else {}
    for i, (token, wording) in enumerate(questions.items(), 1):
        out += [str(i), "", wording, "", _grade(st, year, token), ""]
        out += [x for _ in range(rng.randint(2, 5)) for x in (_para(st, rng.randint(4, 8)), "")]
        spec.questions.append(token)
    return "\n".join(out)


def _recommendation_page(st: _ForceState, coc: _Finding, spec: DocSpec) -> str:
    rng = st.rng
    st.rec_id += 1
    url = (
        f"https://www.justiceinspectorates.gov.uk/hmicfrs/recommendation/{st.force.slug}/"
        f"{8000 + st.rec_id}/"
    )
    statuses = ["awaiting-review", "being-progressed", "being-progressed", "complete"]
    events: list[str] = []
    day, month = rng.randint(1, 27), rng.randint(1, 12)
    for i, status in enumerate(statuses[: rng.randint(2, 4)]):
        y = coc.year + 1 + i // 2
        events.append(f"[on]{day}th {MONTHS[(month + i) % 12]} {y} [status]{status}[/status][/on]")
        if i == 1:
            events.append(
                f"[on]{day}th {MONTHS[(month + i) % 12]} {y} [comment]\n\nThis was assessed as part "
                f"of the {y} {coc.pillar} inspection. The force has made progress since the last "
                f"inspection in {coc.year}.\n\n[/comment][/on]"
            )
    spec.findings = 2
    return "\n".join([
        "404 Page not found", "", url, "", "Cause of concern", "",
        f"It is a cause of concern to {_publisher(coc.year)} that {st.force.name} does not "
        f"{coc.action} {coc.obj}. This was raised in the {coc.year} {coc.pillar} inspection.", "",
        "Recommendation", "", "The force should immediately take steps to:", "",
        f"• {coc.action} {coc.obj}; • review its plans with {rng.choice(st.partners)}.", "",
        "".join(events), "",
    ])  # fmt: skip


def _letter(st: _ForceState, year: int, spec: DocSpec) -> str:
    rng = st.rng
    force = st.force
    disputed = rng.choice(list(EFFECTIVENESS_QUESTIONS.values()))
    grade = rng.choice(("requires improvement", "inadequate"))
    topic = disputed.removeprefix("How effective is the force at ").rstrip("?")
    spec.questions.append("letter")
    return "\n".join([
        "Chief Executive", f"Office of the Police and Crime Commissioner for {force.short}", "",
        f"{rng.randint(1, 28)} {rng.choice(MONTHS[2:6])} {year + 1}", "", "Dear Chief Executive", "",
        f"Comments on the PEEL Effectiveness Inspection {year}", "",
        f"I am disappointed that we have been graded as '{grade}' for {topic}. "
        "I do not accept that this grade reflects the progress we have made.", "",
        _para(st, 6), "", _para(st, 5), "",
        "I accept the areas for improvement in the report and we have plans to address them.", "",
        "Yours sincerely", "", f"{rng.choice(('A.', 'J.', 'M.', 'S.'))} {rng.choice(('Smith', 'Jones', 'Patel', 'Evans'))}",
        "Chief Constable", force.name, "",
    ])  # fmt: skip


def _html(text: str, title: str) -> str:
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


def _force_history(force: Force, seed: int) -> Iterator[tuple[DocSpec, str, str]]:
    """(spec, text, media) for one force's documents in date order."""
    digest = hashlib.sha256(f"{seed}:{force.slug}".encode()).hexdigest()
    rng = random.Random(int(digest[:16], 16))
    st = _ForceState(force, rng, partners=_partners(force, rng), programmes=_programmes(rng))
    plan: list[tuple[int, str]] = [(2014, "effectiveness"), (2014, "legitimacy")]
    for y in (2015, 2016, 2017):
        plan += [(y, "effectiveness"), (y, "efficiency"), (y, "legitimacy")]
    plan += [(2018, "peel"), (2021, "peel"), (2023, "peel"), (2025, "peel")]
    n = 0

    def name(kind: str, year: int, suffix: str) -> str:
        nonlocal n
        n += 1
        return f"{force.slug}/{year}-{n:02d}-{kind}.{suffix}"

    for year, pillar in plan:
        spec = DocSpec(
            "", "inspection-report", force.slug, year, None if pillar == "peel" else pillar
        )
        text, raised = _report(st, year, pillar, spec)
        media = "pdf" if rng.random() < 0.25 else "txt"
        spec.file = name("report", year, media)
        yield spec, text, media
        page = DocSpec("", "force-page", force.slug, year, None if pillar == "peel" else pillar)
        ptext = _force_page(st, year, pillar, page)
        pmedia = "html" if rng.random() < 0.5 else "txt"
        page.file = name("page", year, pmedia)
        yield page, ptext if pmedia == "txt" else _html(ptext, f"{force.short} PEEL {year}"), pmedia
        for f in raised:
            st.open.append(f)
            if f.kind == "cause-of-concern":
                rec = DocSpec("", "recommendation-page", force.slug, year, f.pillar)
                rtext = _recommendation_page(st, f, rec)
                rec.file = name("recommendation", year, "txt")
                yield rec, rtext, "txt"
        if pillar in {"effectiveness", "peel"} and rng.random() < 0.3:
            letter = DocSpec("", "force-response", force.slug, year, "effectiveness")
            ltext = _letter(st, year, letter)
            letter.file = name("response", year + 1, "txt")
            yield letter, ltext, "txt"
        # A few recommendation pages record progress on areas for improvement too.
        if rng.random() < 0.6 and raised:
            f = rng.choice(raised)
            rec = DocSpec("", "recommendation-page", force.slug, year, f.pillar)
            rtext = _recommendation_page(
                st, _Finding(f.question, f.action, f.obj, year, f.pillar, "cause-of-concern"), rec
            )
            rec.file = name("recommendation", year, "txt")
            yield rec, rtext, "txt"


def full_size(seed: int = 7) -> int:
    """Documents in the 100 % corpus: every force's whole history (about 1,900)."""
    return sum(1 for force in FORCES for _ in _force_history(force, seed))


def generate(out: Path, scale: float, *, seed: int = 7, quiet: bool = False) -> list[DocSpec]:
    """Write the corpus at ``scale`` percent into ``out`` (reused when already there).

    Smaller scales take whole force histories in a fixed random order (the
    last one cut short), so links across years stay intact; scales above 100
    add further rounds of histories under other seeds.
    """
    target = max(1, round(full_size(seed) * scale / 100))
    stamp = {"version": GENERATOR_VERSION, "scale": scale, "seed": seed}
    manifest = out / "manifest.json"
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("stamp") == stamp:
            return [DocSpec(**d) for d in saved["documents"]]
    out.mkdir(parents=True, exist_ok=True)
    order = sorted(FORCES, key=lambda f: hashlib.sha256(f"{seed}:{f.slug}".encode()).hexdigest())
    specs: list[DocSpec] = []
    from peelgraph.testing import make_pdf

    rounds = 0
    while len(specs) < target:
        prefix = f"round-{rounds}/" if rounds else ""
        for force in order:
            for spec, text, media in _force_history(force, seed + rounds):
                if len(specs) >= target:
                    break
                spec.file = prefix + spec.file
                path = out / spec.file
                path.parent.mkdir(parents=True, exist_ok=True)
                if media == "pdf":
                    make_pdf(path, text)
                else:
                    path.write_text(text, encoding="utf-8")
                specs.append(spec)
                if not quiet and len(specs) % 100 == 0:
                    print(f"  generated {len(specs)}/{target} documents", file=sys.stderr)
            if len(specs) >= target:
                break
        rounds += 1
    manifest.write_text(
        json.dumps({"stamp": stamp, "documents": [asdict(s) for s in specs]}, indent=1)
    )
    return specs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="percent of the full country corpus")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    out = args.out or Path(__file__).parent / ".corpus" / f"scale-{args.scale:g}"
    specs = generate(out, args.scale, seed=args.seed)
    print(f"{len(specs)} documents in {out}")


if __name__ == "__main__":
    main()
