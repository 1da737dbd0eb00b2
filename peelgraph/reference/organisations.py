"""Reference lists for organisations and named programmes, with aliases and acronyms.

National bodies and well-known tools and schemes are listed by name; open
classes (councils, NHS trusts, universities, fire and rescue services,
regional organised crime units, operations) are recognised by pattern in
:mod:`peelgraph.extract.entities`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownOrg:
    canonical: str
    category: str
    aliases: tuple[str, ...] = ()
    generic: bool = False


ORG_CATEGORIES = (
    "police-force",
    "health",
    "local-authority",
    "criminal-justice",
    "national-agency",
    "charity-voluntary",
    "academic",
    "regional-unit",
    "inspectorate",
    "other",
)

NATIONAL_BODIES: tuple[KnownOrg, ...] = (
    KnownOrg(
        "HM Inspectorate of Constabulary and Fire & Rescue Services",
        "inspectorate",
        (
            "HMICFRS",
            "HMIC",
            "HM Inspectorate of Constabulary",
            "Her Majesty's Inspectorate of Constabulary",
            "HM Inspectorate of Constabulary and Fire and Rescue Services",
            "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
            "Her Majesty's Inspectorate of Constabulary and Fire & Rescue",
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue",
        ),
    ),
    KnownOrg(
        "Office of Surveillance Commissioners",
        "inspectorate",
        (
            "Office of the Surveillance Commissioner",
            "Office of the Surveillance Commissioners",
            "OSC",
        ),
    ),
    KnownOrg("Investigatory Powers Commissioner's Office", "inspectorate", ("IPCO",)),
    KnownOrg("Independent Office for Police Conduct", "national-agency", ("IOPC",)),
    KnownOrg("Independent Police Complaints Commission", "national-agency", ("IPCC",)),
    KnownOrg("College of Policing", "national-agency"),
    KnownOrg("Home Office", "national-agency"),
    KnownOrg("Ministry of Justice", "national-agency", ("MoJ",)),
    KnownOrg("National Crime Agency", "national-agency", ("NCA",)),
    KnownOrg("Crown Prosecution Service", "criminal-justice", ("CPS",)),
    KnownOrg("Immigration Enforcement", "national-agency"),
    KnownOrg("Border Force", "national-agency"),
    KnownOrg(
        "HM Revenue and Customs", "national-agency", ("HMRC", "Her Majesty's Revenue and Customs")
    ),
    KnownOrg("Action Fraud", "national-agency"),
    KnownOrg("National Fraud Intelligence Bureau", "national-agency", ("NFIB",)),
    KnownOrg("ACRO Criminal Records Office", "national-agency", ("ACRO",)),
    KnownOrg("Office for National Statistics", "national-agency", ("ONS",)),
    KnownOrg("Youth Justice Board", "national-agency"),
    KnownOrg(
        "National Police Chiefs' Council",
        "national-agency",
        ("NPCC", "National Police Chiefs Council"),
    ),
    KnownOrg("Department for Education", "national-agency", ("DfE",)),
    KnownOrg("Department for Work and Pensions", "national-agency", ("DWP",)),
    KnownOrg("Driver and Vehicle Licensing Agency", "national-agency", ("DVLA",)),
    KnownOrg("Serious Fraud Office", "national-agency", ("SFO",)),
    KnownOrg("Ofsted", "inspectorate"),
    KnownOrg("Care Quality Commission", "inspectorate", ("CQC",)),
    KnownOrg("HM Inspectorate of Probation", "inspectorate"),
    KnownOrg("HM Inspectorate of Prisons", "inspectorate"),
    KnownOrg("British Transport Police", "police-force", ("BTP",)),
    KnownOrg("Police Scotland", "police-force"),
    KnownOrg("Police Service of Northern Ireland", "police-force", ("PSNI",)),
    KnownOrg("Civil Nuclear Constabulary", "police-force"),
    KnownOrg("Ministry of Defence Police", "police-force"),
    KnownOrg("Victim Support", "charity-voluntary"),
    KnownOrg("Crimestoppers", "charity-voluntary", ("Crime Stoppers",)),
    KnownOrg("Catch22", "charity-voluntary", ("Catch 22",)),
    KnownOrg(
        "NSPCC",
        "charity-voluntary",
        ("National Society for the Prevention of Cruelty to Children",),
    ),
    KnownOrg("Barnardo's", "charity-voluntary", ("Barnardos",)),
    KnownOrg("Women's Aid", "charity-voluntary"),
    KnownOrg("Refuge", "charity-voluntary"),
    KnownOrg("SafeLives", "charity-voluntary", ("Safe Lives",)),
    KnownOrg("Mind", "charity-voluntary"),
    KnownOrg("Samaritans", "charity-voluntary"),
    KnownOrg("Ipsos MORI", "other", ("Ipsos Mori",)),
    KnownOrg("NHS", "health", ("National Health Service",)),
    KnownOrg("NHS England", "health"),
    KnownOrg("Public Health England", "health"),
    KnownOrg(
        "HM Prison Service",
        "criminal-justice",
        ("prison service", "HM Prison and Probation Service", "HMPPS", "prisons service"),
        generic=True,
    ),
    KnownOrg("National Probation Service", "criminal-justice", ("NPS",)),
    KnownOrg(
        "Probation service",
        "criminal-justice",
        ("probation service", "probation services"),
        generic=True,
    ),
    KnownOrg(
        "Community Rehabilitation Company",
        "criminal-justice",
        ("Community Rehabilitation Company", "CRC"),
        generic=True,
    ),
    KnownOrg("Government Agency Intelligence Network", "other", ("GAIN",)),
    KnownOrg("Counter Terrorism Policing", "regional-unit", ("Counter Terrorism Policing",)),
)


@dataclass(frozen=True)
class RegionalUnit:
    """A regional organised crime (or counter-terrorism) unit known by its own name;
    ``written`` are other spellings of it in running text ("Tarian" for TARIAN)."""

    acronym: str
    canonical: str
    written: tuple[str, ...] = ()


REGIONAL_UNITS: tuple[RegionalUnit, ...] = (
    RegionalUnit("ERSOU", "Eastern Region Special Operations Unit (ERSOU)"),
    RegionalUnit("EMSOU", "East Midlands Special Operations Unit (EMSOU)"),
    RegionalUnit("SEROCU", "South East Regional Organised Crime Unit (SEROCU)"),
    RegionalUnit("NERSOU", "North East Regional Special Operations Unit (NERSOU)"),
    RegionalUnit("TITAN", "North West Regional Organised Crime Unit (TITAN)"),
    # TARIAN is a Welsh word, not an acronym: reports write it "Tarian".
    RegionalUnit("TARIAN", "Southern Wales Regional Organised Crime Unit (TARIAN)", ("Tarian",)),
    RegionalUnit("ROCUWM", "West Midlands Regional Organised Crime Unit (ROCUWM)"),
    # The counter-terrorism unit of the four Welsh forces (public name, e.g. on the Welsh
    # forces' and the Wales Office's pages).
    RegionalUnit("WECTU", "Wales Extremism and Counter Terrorism Unit (WECTU)"),
)


@dataclass(frozen=True)
class KnownProgramme:
    canonical: str
    category: str
    aliases: tuple[str, ...] = ()


PROGRAMME_CATEGORIES = (
    "operation",
    "programme",
    "initiative",
    "tool-or-model",
    "scheme",
    "meeting-or-board",
)

# National tools, models, schemes, IT systems and programmes that any force's report may name.
KNOWN_PROGRAMMES: tuple[KnownProgramme, ...] = (
    KnownProgramme(
        "MoRiLE (Management of Risk in Law Enforcement)",
        "tool-or-model",
        ("MoRiLE", "MORILE", "Management of Risk in Law Enforcement"),
    ),
    KnownProgramme("THRIVE", "tool-or-model", ("THRIVE", "THRIVE+")),
    KnownProgramme("OSARA problem-solving model", "tool-or-model", ("OSARA",)),
    KnownProgramme("SARA problem-solving model", "tool-or-model", ("SARA",)),
    KnownProgramme(
        "VIST (Vulnerability Identification Screening Tool)",
        "tool-or-model",
        ("VIST", "vulnerability identification screening tool"),
    ),
    KnownProgramme(
        "DASH (domestic abuse, stalking and harassment and honour-based violence risk assessment)",
        "tool-or-model",
        ("DASH",),
    ),
    KnownProgramme(
        "ARMS (Active Risk Management System)",
        "tool-or-model",
        ("ARMS", "active risk management system"),
    ),
    KnownProgramme(
        "APSTRA (armed policing strategic threat and risk assessment)",
        "tool-or-model",
        ("APSTRA", "armed policing strategic threat and risk assessment"),
    ),
    KnownProgramme(
        "4P framework (pursue, prevent, protect, prepare)",
        "tool-or-model",
        ("4P", "4Ps", "4 P", "'4P' framework"),
    ),
    KnownProgramme(
        "Clare's Law (Domestic Violence Disclosure Scheme)",
        "scheme",
        ("Clare's Law", "Clare’s Law", "domestic violence disclosure scheme", "DVDS"),
    ),
    KnownProgramme(
        "Sarah's Law (Child Sex Offender Disclosure Scheme)",
        "scheme",
        ("Sarah's Law", "child sex offender disclosure scheme"),
    ),
    KnownProgramme(
        "Multi-Agency Risk Assessment Conference (MARAC)",
        "meeting-or-board",
        (
            "MARAC",
            "MARACs",
            "multi-agency risk assessment conference",
            "multi-agency risk-assessment conference",
        ),
    ),
    KnownProgramme(
        "Multi-Agency Public Protection Arrangements (MAPPA)",
        "scheme",
        (
            "MAPPA",
            "MAPPAs",
            "multi-agency public protection arrangements",
            "multi-agency public protection procedures",
        ),
    ),
    KnownProgramme(
        "Integrated Offender Management (IOM)",
        "programme",
        ("IOM", "integrated offender management", "integrated offender management programme"),
    ),
    KnownProgramme(
        "Professional Investigation Programme (PIP)",
        "programme",
        ("PIP", "professional investigations programme", "professional investigation programme"),
    ),
    KnownProgramme(
        "Achieving Best Evidence (ABE) interviews",
        "tool-or-model",
        ("Achieving Best Evidence", "ABE"),
    ),
    KnownProgramme("ViSOR", "tool-or-model", ("ViSOR", "ViSOR database", "VISOR")),
    KnownProgramme(
        "Police National Computer (PNC)", "tool-or-model", ("Police National Computer", "PNC")
    ),
    KnownProgramme(
        "Police National Database (PND)", "tool-or-model", ("Police National Database", "PND")
    ),
    KnownProgramme(
        "Niche RMS",
        "tool-or-model",
        ("Niche", "NICHE", "Niche records management system", "Niche RMS"),
    ),
    KnownProgramme("Athena", "tool-or-model", ("Athena",)),
    KnownProgramme(
        "Home Office Data Hub (HODH)", "tool-or-model", ("Home Office data hub", "HODH")
    ),
    KnownProgramme(
        "Troubled Families programme",
        "programme",
        ("Troubled Families", "Troubled Families programme"),
    ),
    KnownProgramme("Prevent programme", "programme", ("Prevent strategy",)),
    KnownProgramme("Channel programme", "programme", ("Channel panel",)),
    KnownProgramme("Operation Encompass", "operation", ("Operation Encompass",)),
    KnownProgramme(
        "Right Care, Right Person",
        "initiative",
        ("Right Care, Right Person", "Right Care Right Person"),
    ),
    KnownProgramme("Local resilience forum", "meeting-or-board", ("local resilience forum", "LRF")),
    KnownProgramme(
        "International Criminal Records Exchange",
        "scheme",
        ("International Criminal Records Exchange",),
    ),
)

# The regional organised crime unit each force belongs to (for a ROCU named without its region).
ROCU_REGION: dict[str, str] = {
    **dict.fromkeys(("cleveland", "durham", "northumbria"), "North East"),
    **dict.fromkeys(
        ("cheshire", "cumbria", "greater-manchester", "lancashire", "merseyside", "north-wales"),
        "North West",
    ),
    **dict.fromkeys(
        ("humberside", "north-yorkshire", "south-yorkshire", "west-yorkshire"),
        "Yorkshire and the Humber",
    ),
    **dict.fromkeys(
        ("derbyshire", "leicestershire", "lincolnshire", "northamptonshire", "nottinghamshire"),
        "East Midlands",
    ),
    **dict.fromkeys(
        ("staffordshire", "warwickshire", "west-mercia", "west-midlands"), "West Midlands"
    ),
    **dict.fromkeys(
        ("bedfordshire", "cambridgeshire", "essex", "hertfordshire", "norfolk", "suffolk"),
        "Eastern",
    ),
    **dict.fromkeys(("kent", "surrey", "sussex", "hampshire", "thames-valley"), "South East"),
    **dict.fromkeys(
        ("avon-and-somerset", "devon-and-cornwall", "dorset", "gloucestershire", "wiltshire"),
        "South West",
    ),
    **dict.fromkeys(("gwent", "south-wales", "dyfed-powys"), "South Wales"),
    **dict.fromkeys(("metropolitan", "city-of-london"), "London"),
}
