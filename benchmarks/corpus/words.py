"""Word banks: the wordings of each PEEL year's questions, findings, filler and names.

Every sentence here is written for the generator. Question tokens are the ones
peelgraph's reference tables use (``peelgraph.reference.peel``), so that the
manifest speaks the same language as the extraction it is compared with; the
wordings are how the inspectorate's pages and reports of each year put them.
"""

from __future__ import annotations

# 2014 (the crime inspection's questions): token -> (heading, the clause prose grades name).
QUESTIONS_2014 = {
    "preventing-crime": (
        "How effective is the force at reducing crime and preventing offending?",
        "reducing crime and preventing offending",
    ),
    "investigating-crime": (
        "How effective is the force at investigating offending?",
        "investigating offending",
    ),
    "tackling-anti-social-behaviour": (
        "How effective is the force at tackling anti-social behaviour?",
        "tackling anti-social behaviour",
    ),
}
# 2015-2017 and 2018/19 effectiveness questions.
QUESTIONS_2015 = {
    "preventing-crime": (
        "How effective is the force at preventing crime, tackling anti-social behaviour and "
        "keeping people safe?",
        "preventing crime and tackling anti-social behaviour",
    ),
    "investigating-crime": (
        "How effective is the force at investigating crime and reducing re-offending?",
        "investigating crime and reducing re-offending",
    ),
    "protecting-vulnerable": (
        "How effective is the force at protecting from harm those who are vulnerable, and "
        "supporting victims?",
        "protecting vulnerable people and supporting victims",
    ),
    "serious-organised-crime": (
        "How effective is the force at tackling serious and organised crime?",
        "tackling serious and organised crime",
    ),
}
# The pillars: heading of a report or page (2015-2017), of the 2018/19 integrated
# assessment, the summary pages' "The extent to which ... is effective at ..." adjective,
# and the clause reported grades use.
PILLARS = {
    "overall": (
        "How effective is the force at keeping people safe and reducing crime?",
        "How effectively does the force reduce crime and keep people safe?",
        "effective",
        "overall effectiveness",
    ),
    "efficiency": (
        "How efficient is the force at keeping people safe and reducing crime?",
        "How efficiently does the force operate and how sustainable are its services?",
        "efficient",
        "efficiency",
    ),
    "legitimacy": (
        "How legitimate is the force at keeping people safe and reducing crime?",
        "How legitimately does the force treat the public and its workforce?",
        "legitimate",
        "legitimacy",
    ),
}
PILLAR_OF_TOKEN = {
    "overall": "effectiveness",
    "efficiency": "efficiency",
    "legitimacy": "legitimacy",
}
# Sections of efficiency and legitimacy reports (2015-2017), not graded one by one.
PILLAR_SECTIONS = {
    "efficiency": {
        "responding-to-the-public": "Meeting current demands and using resources",
        "use-of-resources": "Planning for the future",
    },
    "legitimacy": {
        "treatment-of-the-public": "Fair and respectful treatment of the public",
        "supporting-the-workforce": "Ethical and lawful behaviour of the workforce",
    },
}
# The five-point rounds' areas of policing: token -> (2021/22 heading, 2023/25 heading);
# None where the round did not grade the area.
AREAS = {
    "victim-service": ("Providing a service to the victims of crime", None),
    "treatment-of-the-public": ("Treatment of the public", "Police powers and public treatment"),
    "preventing-crime": ("Preventing crime and anti-social behaviour", "Preventing crime"),
    "responding-to-the-public": ("Responding to the public", "Responding to the public"),
    "investigating-crime": ("Investigating crime", "Investigating crime"),
    "protecting-vulnerable": ("Protecting vulnerable people", "Protecting vulnerable people"),
    "managing-offenders": ("Managing offenders and suspects", "Managing offenders"),
    "supporting-the-workforce": (
        "Developing a positive workplace",
        "Building, supporting and protecting the workforce",
    ),
    "use-of-resources": ("Good use of resources", None),
    "leadership": (None, "Leadership and force management"),
    "recording-data-about-crime": (None, "Recording data about crime"),
}


def areas_of(year: int) -> dict[str, str]:
    """The areas a five-point round (2021 or 2023) graded: token -> heading."""
    column = 0 if year < 2023 else 1
    return {t: w[column] for t, w in AREAS.items() if w[column] is not None}  # type: ignore[misc]


# Inspected, never graded: how the reports name them.
UNGRADED_AREAS = {
    "strategic-policing-requirement": (
        "how well the force meets its obligations under the strategic policing requirement"
    ),
    "armed-policing": "how well it protects the public from armed threats",
}
# How a commissioner or press release names a question when it reports its grade.
REPORTED_PHRASES = {
    "overall": ("its overall effectiveness", "keeping people safe and reducing crime"),
    "efficiency": ("efficiency", "its efficiency"),
    "legitimacy": ("legitimacy", "its legitimacy"),
    "preventing-crime": (
        "preventing crime and tackling anti-social behaviour",
        "preventing crime and anti-social behaviour",
    ),
    "investigating-crime": ("investigating crime", "investigating crime and reducing re-offending"),
    "protecting-vulnerable": (
        "protecting vulnerable people",
        "protecting vulnerable people and supporting victims",
    ),
    "serious-organised-crime": ("tackling serious and organised crime",),
    "responding-to-the-public": ("responding to the public",),
    "victim-service": ("providing a service to the victims of crime",),
    "managing-offenders": ("managing offenders and suspects",),
    "treatment-of-the-public": ("treatment of the public",),
    "supporting-the-workforce": ("supporting the workforce",),
    "use-of-resources": ("use of resources",),
    "leadership": ("leadership and force management",),
    "recording-data-about-crime": ("recording data about crime",),
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
    "responding-to-the-public": [
        ("reduce", "the number of emergency calls abandoned before they are answered"),
        ("ensure", "call handlers use a structured risk assessment at the first contact"),
    ],
    "managing-offenders": [
        ("improve", "how it manages registered sex offenders in the community"),
        ("ensure", "that wanted persons are located and arrested promptly"),
    ],
    "supporting-the-workforce": [
        ("improve", "how it understands and supports the wellbeing of its workforce"),
        ("ensure", "that supervisors have the time and training to develop their staff"),
    ],
    "use-of-resources": [
        ("improve", "its understanding of the demand it faces, including hidden demand"),
        ("develop", "its plans for the future workforce and the skills it will need"),
    ],
    "tackling-anti-social-behaviour": [
        ("agree", "with councils how repeat victims of anti-social behaviour are identified"),
        ("use", "the powers it has to deal with persistent anti-social behaviour"),
    ],
    "victim-service": [
        ("make", "sure that victims are told why their case has been closed"),
        ("record", "whether victims want to support a prosecution, and why not"),
    ],
    "leadership": [
        ("set", "out how its change programme will be governed and evaluated"),
        ("ensure", "that its senior leaders are visible to officers and staff"),
    ],
    "recording-data-about-crime": [
        ("record", "reports of crime within twenty-four hours of the first contact"),
        ("audit", "how incidents of violence against the person are closed"),
    ],
    "treatment-of-the-public": [
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
    "The force has not yet addressed it, and it remains an area for improvement.",
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

HMI_NAMES = (
    "Anne Marlowe", "David Okafor", "Helen Ridley", "Mark Tennant", "Priya Lal",
    "Roger Bexley", "Sarah Quayle", "Tom Easterby",
)  # fmt: skip
COMMISSIONER_NAMES = (
    "Alan Birtles", "Bridget Coyle", "Carl Denholm", "Diane Ferris", "Edward Gale",
    "Fiona Hart", "Gareth Ince", "Hazel Jowett", "Ian Kerrigan", "Julia Lomas",
    "Keith Marr", "Linda Nuttall", "Martin Ogden", "Nadia Prior", "Owen Rudd",
)  # fmt: skip
CHIEF_CONSTABLE_SURNAMES = ("Smith", "Jones", "Patel", "Evans", "Hughes", "Ward")
