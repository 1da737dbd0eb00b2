"""PEEL's questions and how documents of each year word them.

Questions are tokens (``preventing-crime``, ...) shared by every year, so that a
trajectory can line them up. Each question knows the patterns that find it in a
heading, the phrases that name it in a sentence ("good at *investigating crime*"),
and the years it was asked in that form; the extractors know only the forms of
documents, and ask this table which question a wording names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ANY_YEAR = (2000, 2100)


@dataclass(frozen=True)
class Question:
    """A PEEL question (or pillar) and how documents word it.

    ``patterns`` are searched in a heading or label (most specific question
    first); ``phrases`` must match a whole clause of a sentence ("good at
    *investigating crime*"), so prose only grades what names the question
    itself, not any sentence that mentions its subject. ``years`` is when the
    question was asked in that form.
    """

    token: str
    label: str
    patterns: tuple[str, ...]
    phrases: tuple[str, ...] = ()
    years: tuple[int, int] = ANY_YEAR
    # The other names an area goes by, read like ``phrases`` (a whole clause), kept
    # apart with where each comes from (``NAMES_SOURCES``): the wording of each PEEL
    # year's published question list, and the short names commissioners and forces use.
    names: tuple[tuple[str, str], ...] = ()


_SOC = r"serious,? and organised crime|serious organised crime"
# Where the names come from (the second item of each ``names`` entry).
PEEL_2014 = "PEEL 2014 force reports: the inspectorate's summary of each judgement"
PEEL_PILLARS = "PEEL 2015-2017 pillar reports: the summary sentence of each pillar's judgement"
PEEL_2018 = "PEEL 2018/19 integrated assessment: the published questions of each pillar"
PEEL_2021 = "PEEL 2021/22 and 2023-25: the published list of graded areas"
PEEL_2016_QUESTIONS = (
    "PEEL 2016-2017 efficiency and legitimacy reports (and 2018/19's legitimacy): the graded "
    "questions of each pillar and the summary sentence that grades each one"
)
SHORT = "the short names commissioners, forces and the inspectorate's news use for an area"
# A force, a pronoun or "the force" as the subject inside a wording ("the efficiency with
# which Kent Police keeps people safe"): up to six words of any name.
_WHO = r"(?:it|the force|the constabulary|the service|(?:\S+ ){1,6}?)"
_SAFE_AND_REDUCING = (
    r"(?:keeping people safe and reducing crime|reducing crime and keeping people safe)"
)
# Order matters: the first question whose pattern matches wins, so the specific
# ones come before the broad "keep people safe" wording of the pillar overall.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "specialist-capabilities",
        "Specialist capabilities",
        (r"specialist capabilit", r"^(?!.*organised).*national policing responsibilit"),
        (r"(?:its |the force'?s )?specialist capabilities",),
    ),
    Question(
        "armed-policing",
        "Armed policing",
        (r"armed policing", r"armed threats"),
        (
            r"armed policing",
            r"(?:how well )?(?:it|the force) protects the public from armed threats",
        ),
        (2018, 2100),
    ),
    Question(
        "strategic-policing-requirement",
        "Strategic policing requirement",
        (r"strategic policing requirement",),
        (
            r"(?:how well \S+(?: \S+){0,3} )?meets its obligations under the strategic policing requirement",
        ),
        (2018, 2100),
    ),
    Question(
        "serious-organised-crime",
        "Tackling serious and organised crime",
        (_SOC, r"organised crime", r"\bsoc\b"),
        (
            rf"(?:(?:its |the force'?s |the )?(?:management of|approach to|response to|handling of)|"
            rf"(?:the way (?:it|the force) )?(?:tackl\w*|deal\w* with|disrupt\w*|manag\w*|respond\w* to))?"
            rf"\s*(?:{_SOC})(?:,? including .*)?",
        ),
        names=((r"(?:tackl\w*|disrupt\w*|deal\w* with) organised crime(?: groups)?", SHORT),),
    ),
    Question(
        "recording-data-about-crime",
        "Recording data about crime",
        (r"recording data about crime", r"crime data integrity", r"^recording crime"),
        (r"record\w* (?:data about )?crime(?: effectively| accurately)?", r"crime data integrity"),
        (2021, 2100),
        names=(
            (r"crime recording(?: accuracy| processes| standards| arrangements)?", SHORT),
            (r"recording crime(?: data)?", SHORT),
            (r"(?:the )?accuracy of (?:its )?crime recording", SHORT),
        ),
    ),
    Question(
        "victim-service",
        "Providing a service to the victims of crime",
        (r"service to (?:the )?victims", r"victim service"),
        (
            r"(?:(?:its|the force'?s) )?(?:providing a )?service (?:it gives )?to (?:the )?victims(?: of crime)?",
        ),
        (2021, 2100),
        names=(
            (r"supporting victims(?: of crime)?", SHORT),
            (r"victim service", SHORT),
            (
                rf"(?:how effective )?(?:a |the )?service {_WHO}(?:gives|provides|offers) to (?:the )?victims(?: of crime)?",
                PEEL_2021,
            ),
        ),
    ),
    Question(
        "protecting-vulnerable",
        "Protecting vulnerable people and supporting victims",
        # Domestic abuse is part of PEEL's vulnerability question in every year.
        (r"protect\w* (?:from harm )?(?:those|people|vulnerable)", r"vulnerab", r"domestic abuse"),
        (
            r"protect\w* (?:from harm )?(?:vulnerable people|those who are vulnerable|people who are vulnerable)"
            r"(?: from harm)?(?:,? and supporting victims)?",
            r"(?:the )?protection (?:of|it provides to) vulnerable people",
            r"how (?:the force|it) protects vulnerable people",
        ),
        names=(
            (r"vulnerability", SHORT),
            (r"protecting (?:the )?vulnerable", SHORT),
            (r"(?:its )?(?:response|approach) to (?:protecting )?vulnerab\w*(?: people)?", SHORT),
        ),
    ),
    # Before "investigating crime", whose 2015 wording includes "managing offenders".
    Question(
        "managing-offenders",
        "Managing offenders and suspects",
        (r"managing offenders and suspects", r"manag\w* (?:dangerous )?offenders"),
        (
            r"manag\w* (?:dangerous |sexual )?(?:offenders|suspects)(?: and (?:suspects|offenders))?",
        ),
        (2021, 2100),
    ),
    Question(
        "investigating-crime",
        "Investigating crime and reducing re-offending",
        (
            r"investigat\w* (?:of )?(?:crime|offending)",
            r"investigative (?:capability|standards|capacity)",
            r"re-?offending",
            r"managing offenders",
        ),
        (
            r"investigat\w* (?:crimes?|offending)(?: and (?:reducing re-?offending|managing offenders))?",
            r"(?:its )?investigative (?:capability|standards|capacity)",
            r"how (?:the force|it) investigates crime",
        ),
        names=((r"crime investigations?", SHORT), (r"investigations", SHORT)),
    ),
    Question(
        "tackling-anti-social-behaviour",
        "Tackling anti-social behaviour",
        (r"^(?:how effective is the force at )?tackling anti-?social behaviour\W*$",),
        (r"tackl\w* anti-?social behaviour",),
        (2014, 2014),
    ),
    Question(
        "preventing-crime",
        "Preventing crime and tackling anti-social behaviour",
        (
            r"prevent\w* crime",
            r"reduc\w* crime and prevent\w* offending",
            r"prevent\w* offending and reduc\w* crime",
            r"anti-?social behaviour",
        ),
        (
            r"prevent\w* crime(?:,? and (?:tackling )?anti-?social behaviour)?(?:,? and keeping people safe)?",
            r"reduc\w* crime,? (?:and )?prevent\w* offending",
            r"prevent\w* offending,? (?:and )?reduc\w* crime",
            r"tackl\w* anti-?social behaviour",
            r"crime prevention",
        ),
        names=(
            (r"crime prevention", SHORT),
            (r"prevent\w* and tackl\w* crime(?: and anti-?social behaviour)?", SHORT),
            (r"neighbourhood policing and crime prevention", SHORT),
        ),
    ),
    Question(
        "responding-to-the-public",
        "Responding to the public",
        (r"respond\w* to the public",),
        (r"(?:its )?respon(?:se|ding|ds) to the public",),
        (2021, 2100),
    ),
    Question(
        "treatment-of-the-public",
        "Treatment of the public",
        (
            # Not the 2018/19 legitimacy pillar's own question ("... treat the public and its
            # workforce?"), which is the pillar.
            r"treat\w* (?:of )?the public(?! and its workforce)",
            r"treat(?:s|ing)? people fairly",
            r"police powers and public treatment",
            r"treat\w* all (?:of )?the people it serves",
        ),
        (
            r"(?:engaging with and )?treat\w* (?:of )?the public(?: with fairness and respect)?",
            r"police powers and public treatment",
        ),
        # 2016-2019: "To what extent does the force treat all of the people it serves with
        # fairness and respect?", the question 2021/22 carries on as "treatment of the public".
        (2016, 2100),
        names=(
            (r"(?:fair )?treatment of the public", PEEL_2021),
            (
                r"(?:the )?use of police powers(?: and (?:its |their )?treatment of the public)?",
                PEEL_2021,
            ),
            (r"using police powers", SHORT),
            (
                r"treat\w* (?:all (?:of )?)?(?:the )?people (?:it|the force|the constabulary) serves?"
                r"(?: with fairness and respect| fairly)?",
                PEEL_2016_QUESTIONS,
            ),
            (r"treat\w* the public fairly", PEEL_2016_QUESTIONS),
        ),
    ),
    Question(
        "behaving-ethically",
        "Ensuring the workforce behaves ethically and lawfully",
        (r"ethically and lawfully",),
        (),
        (2016, 2019),
        names=(
            (
                r"(?:ensur\w* (?:that )?)?(?:its |the )?workforce behaves? ethically and lawfully",
                PEEL_2016_QUESTIONS,
            ),
            (r"behaving ethically and lawfully", PEEL_2016_QUESTIONS),
        ),
    ),
    Question(
        "treatment-of-the-workforce",
        "Treating the workforce with fairness and respect",
        (r"treat\w* (?:of )?(?:its|the) workforce with fairness",),
        (),
        (2016, 2019),
        names=(
            (
                r"treat\w* (?:of )?(?:its|the) (?:own )?workforce (?:with fairness and respect|fairly)",
                PEEL_2016_QUESTIONS,
            ),
        ),
    ),
    Question(
        "supporting-the-workforce",
        "Supporting the workforce",
        (r"supporting the workforce", r"positive workplace", r"protecting the workforce"),
        (
            r"(?:building, )?supporting(?: and protecting)? the workforce",
            r"developing a positive workplace",
        ),
        (2021, 2100),
        names=((r"(?:building, )?supporting and protecting (?:the|its) workforce", PEEL_2021),),
    ),
    Question(
        "leadership",
        "Leadership (and force management)",
        (r"leadership and (?:force )?management", r"^leadership\W*$"),
        (r"leadership(?: and force management)?",),
    ),
    Question(
        "planning-for-the-future",
        "Planning for the future",
        # "How well is the force planning for (demand in) the future?" (2016-2019 questions).
        (r"^planning for (?:the )?future", r"planning for (?:demand in )?the future\W*$"),
        (r"(?:its )?planning for (?:the )?future(?: demand)?",),
        (2016, 2019),
    ),
    Question(
        "understanding-demand",
        "Understanding demand",
        (
            r"^how well does the force understand (?:the )?(?:current and (?:likely )?future )?"
            r"demand",
        ),
        (),
        (2016, 2017),
        names=(
            (
                r"understanding (?:of )?(?:the )?(?:current and (?:likely )?future )?demands?"
                r"(?: for its services| on its services)?",
                PEEL_2016_QUESTIONS,
            ),
            (
                rf"(?:the way (?:in which )?|how (?:well )?){_WHO}understands (?:the )?"
                r"(?:current and (?:likely )?future )?demands?(?: for its services)?",
                PEEL_2016_QUESTIONS,
            ),
        ),
    ),
    Question(
        "use-of-resources",
        "Good use of resources",
        (
            r"use of resources",
            r"^how well does the force use its resources to manage",
            r"meet\w* (?:its )?current demands? and us\w* (?:its )?resources",
        ),
        (r"(?:(?:making )?good )?use of (?:its )?resources",),
        # 2016-2017: "How well does the force use its resources to manage (current) demand?",
        # 2018/19: "How well does the force meet current demands and use resources?".
        (2016, 2100),
        names=(
            (
                r"(?:(?:its|the) )?use of (?:its )?resources to (?:manage|meet) (?:current )?demands?",
                PEEL_2016_QUESTIONS,
            ),
            (
                r"using (?:its )?resources to (?:manage|meet) (?:current )?demands?",
                PEEL_2016_QUESTIONS,
            ),
            (r"meeting current demands? and using (?:its )?resources", PEEL_2018),
            # 2021/22's area "Strategic planning, organisational management and value for
            # money", which reports headed "Good use of resources".
            (
                r"strategic planning(?:,? (?:and )?organisational management)?"
                r"(?:,? and (?:providing |achieving )?value for money)?",
                PEEL_2021,
            ),
            (r"(?:achieving|providing) value for money", SHORT),
        ),
    ),
    Question(
        "overall",
        "Overall effectiveness",
        (
            r"keep\w* people safe and reduc",
            r"reduc\w* crime and keep\w* people safe",
            r"^overall (?:effectiveness|judge?ment)",
            r"how well the force tackles crime",
            r"\b(?:our|its|the) overall judge?ment\b",
        ),
        (
            r"(?:keeping|keep) people safe and reducing crime",
            r"(?:effectively )?reducing crime and keeping people safe",
            r"how effectively it reduces crime and keeps people safe",
            r"(?:its |the force'?s )?(?:overall )?effectiveness(?: at keeping people safe and reducing crime)?",
            r"effective at (?:keeping people safe and reducing crime|reducing crime and keeping people safe)",
            r"(?:the |its )?overall (?:judge?ment|grade|grading|rating|assessment)",
        ),
        names=(
            (
                rf"(?:the )?effectiveness with which {_WHO}keeps people safe and reduces crime",
                PEEL_PILLARS,
            ),
            (rf"how effectively {_WHO}keeps people safe and reduces crime", PEEL_PILLARS),
            # The pillar's question turned into a clause: "how effective it is at ...".
            (rf"how effective {_WHO}is at {_SAFE_AND_REDUCING}", PEEL_PILLARS),
        ),
    ),
    Question(
        "efficiency",
        "Overall efficiency",
        (r"^overall efficiency", r"how efficient\w* (?:is|does) the force"),
        (
            r"(?:its |the force'?s )?(?:overall )?efficiency",
            r"efficient at keeping people safe and reducing crime",
            r"operat\w* efficiently(?: and (?:sustainably|providing sustainable services(?: to the public)?))?",
        ),
        names=(
            (
                rf"(?:the )?efficiency with which {_WHO}(?:carries out its responsibilities|"
                r"keeps people safe and reduces crime)",
                PEEL_2014,
            ),
            (
                rf"how efficiently {_WHO}(?:operates|keeps people safe and reduces crime)",
                PEEL_PILLARS,
            ),
            (r"(?:its )?efficiency at keeping people safe and reducing crime", PEEL_PILLARS),
            (r"(?:the )?force(?:'s)? efficiency", SHORT),
            (rf"how efficient {_WHO}is at {_SAFE_AND_REDUCING}", PEEL_PILLARS),
        ),
    ),
    Question(
        "legitimacy",
        "Overall legitimacy",
        (r"^overall legitimacy", r"how legitimate\w* (?:is|does) the force"),
        (
            r"(?:its |the force'?s )?(?:overall )?legitimacy",
            r"legitimate at keeping people safe and reducing crime",
            r"treats the public and its workforce legitimately",
            r"(?:how (?:legitimately )?|the way )it treats the public and its workforce(?: legitimately)?",
        ),
        names=(
            (
                rf"(?:the )?legitimacy with which {_WHO}keeps people safe and reduces crime",
                PEEL_PILLARS,
            ),
            (rf"how legitimately {_WHO}keeps people safe and reduces crime", PEEL_PILLARS),
            (r"(?:its )?legitimacy at keeping people safe and reducing crime", PEEL_PILLARS),
            (rf"how legitimate {_WHO}is at {_SAFE_AND_REDUCING}", PEEL_PILLARS),
            (
                rf"how legitimately {_WHO}treats (?:the public and its workforce|its workforce and the public)",
                PEEL_2018,
            ),
            # The pillar as a gerund, whole, so the list splitter does not take its first half
            # for the public's question ("treating both the public and its workforce fairly"
            # is the two questions: grade_relations spreads "both").
            (r"treat\w* the public and its workforce(?: legitimately)?", PEEL_2018),
        ),
    ),
)

BY_TOKEN: dict[str, Question] = {q.token: q for q in QUESTIONS}
PILLAR_TOKENS = frozenset({"overall", "efficiency", "legitimacy"})


def _norm(wording: str) -> str:
    return " ".join(wording.lower().replace("’", "'").replace("‘", "'").split())


def _in_year(q: Question, year: int | None) -> bool:
    return year is None or q.years[0] <= year <= q.years[1]


# Each question's patterns as one: a search finds a match of the alternation wherever one
# of its patterns matches, so it says the same as searching each in turn, in one pass.
_PATTERNS: tuple[tuple[Question, re.Pattern[str]], ...] = tuple(
    (q, re.compile("|".join(f"(?:{p})" for p in q.patterns))) for q in QUESTIONS
)


def classify_question(wording: str, year: int | None = None) -> str | None:
    """The question token a heading or label denotes, or None.

    With ``year``, only questions asked that year count (a 2014 page's
    "tackling anti-social behaviour" is its own question; later, a part of
    preventing crime).
    """
    # Memoised for headings and labels: every heading-like line of a document is asked by
    # each pass's context (its sections, its grades), and documents of one kind share
    # their headings; a long sentence, asked once, is not kept.
    if len(wording) <= 240:
        return _classified(wording, year)
    return _classify(wording, year)


def _classify(wording: str, year: int | None) -> str | None:
    s = _norm(wording)
    for q, pattern in _PATTERNS:
        if _in_year(q, year) and pattern.search(s):
            return q.token
    return None


_classified = lru_cache(maxsize=65_536)(_classify)


# Asked of the same statements for each back-reference of a force (linking.explicit).
@lru_cache(maxsize=65_536)
def questions_named(wording: str, year: int | None = None) -> frozenset[str]:
    """Every question token a sentence names ("preventing crime ..., its investigative
    standards and the protection it provides to vulnerable people": three)."""
    s = _norm(wording)
    return frozenset(q.token for q, pattern in _PATTERNS if _in_year(q, year) and pattern.search(s))


_PHRASE_RES: dict[str, re.Pattern[str]] = {
    q.token: re.compile("(?:" + "|".join((*q.phrases, *(n for n, _ in q.names))) + r")\W*")
    for q in QUESTIONS
    if q.phrases or q.names
}


# The verbs of PEEL's questions, as a press release words them about a force: "how it
# tackles serious and organised crime" is "tackling serious and organised crime".
_QUESTION_VERBS = {
    "achieves": "achieving",
    "deals": "dealing",
    "ensure": "ensuring",
    "ensures": "ensuring",
    "disrupts": "disrupting",
    "investigates": "investigating",
    "keeps": "keeping",
    "manages": "managing",
    "meets": "meeting",
    "plans": "planning",
    "prevents": "preventing",
    "protects": "protecting",
    "reduces": "reducing",
    "responds": "responding",
    "supports": "supporting",
    "tackles": "tackling",
    "treats": "treating",
    "understands": "understanding",
    "uses": "using",
}
# "how it investigates crime", "the way it investigates offending": the question's own verb.
_HOW_IT = re.compile(
    r"^(?:how (?:well )?|the ways? (?:in which )?)(?:the force|the constabulary|it) (?=(?:"
    + "|".join(_QUESTION_VERBS)
    + r")\b)"
)
_AND_VERB = re.compile(r"\b(and|,) (" + "|".join(_QUESTION_VERBS) + r")\b")


def question_of_phrase(phrase: str, year: int | None = None) -> str | None:
    """The question a whole clause names ("investigating offending"), or None."""
    s = _norm(phrase).strip(" ,.;:'\"“”")
    s = re.sub(r"^(?:(?:both|also|in|at|for|with|on) )+", "", s)
    # Whose it is does not change the question: "the constabulary's service to victims".
    s = re.sub(r"^(?:its|their|the (?:force|constabulary|service)'s) ", "", s)
    # "its effectiveness at investigating crime", "the ability of the force to investigate
    # crime", "its approach to preventing crime": the activity named is the area.
    s = _ASPECT.sub("", s)
    # "requires improvement in (some) aspects of how it treats ...": how the inspectorate
    # grades a question it found partly wanting; the question is the one named.
    s = re.sub(r"^(?:(?:some|certain|many|most) )?aspects of ", "", s)
    # "the 'legitimacy' strand (of the inspection)", "the efficiency pillar": the area named
    # in the frame the inspection's parts are spoken of in.
    s = re.sub(r"[\"“”]", "", s).strip()
    if frame := _PART_FRAME.fullmatch(s):
        s = frame.group("area")
    s = re.sub(r"^the (?=(?:effectiveness|efficiency|legitimacy)$)", "", s)
    wordings = [s]
    if _HOW_IT.match(s):
        rest = _HOW_IT.sub("", s)
        verb = rest.split(" ", 1)[0]
        rest = _QUESTION_VERBS[verb] + rest[len(verb) :]
        wordings.append(
            _AND_VERB.sub(lambda m: f"{m.group(1)} {_QUESTION_VERBS[m.group(2)]}", rest)
        )
    for wording in wordings:
        for q in QUESTIONS:
            pat = _PHRASE_RES.get(q.token)
            if pat is not None and _in_year(q, year) and pat.fullmatch(wording):
                return q.token
    return None


_ASPECT = re.compile(
    r"^(?:(?:effectiveness|performance|approach|work|ability)(?: of (?:the force|the constabulary|it))? "
    r"(?:at|in|to|of)|the ability of (?:the force|the constabulary|\S+(?: \S+){0,4}?) to) "
    r"(?=\w+ing\b|(?:investigate|prevent|protect|tackle|reduce|keep|manage|respond)\b)"
)
_PART_FRAME = re.compile(
    r"the (?P<area>[\w ,'-]{3,60}?) (?:strand|pillar|element|category|part)"
    r"(?: of (?:the |our |its )?(?:inspection|assessment|peel(?: assessment| inspection)?))?"
)
_MAX_PARTS = 6
_CLAUSE_SPLIT = re.compile(r",?\s+as\s+well\s+as\s+|,\s*(?:and\s+)?|\s+and\s+|;\s*")


def questions_in(phrase: str, year: int | None = None) -> list[tuple[str, int, int]]:
    """The questions a list names, with the span of each: "investigating crime and protecting
    vulnerable people, particularly ..." gives both questions and ignores the rest.

    Parts are joined greedily, so a question whose wording has an "and" in it
    ("reducing crime and preventing offending") is read whole.
    """
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(phrase):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(phrase)))
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(bounds):
        # No wording of a question has more than a few parts ("strategic planning,
        # organisational management and value for money": three), so a join is tried over
        # at most _MAX_PARTS of them: a list of any length is read in linear time.
        for j in range(min(len(bounds), i + _MAX_PARTS), i, -1):
            a, b = bounds[i][0], bounds[j - 1][1]
            q = question_of_phrase(phrase[a:b], year)
            if q is not None:
                if q not in [t for t, _, _ in out]:
                    out.append((q, a, b))
                i = j
                break
        else:
            i += 1
    return out
