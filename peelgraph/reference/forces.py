"""The 43 territorial police forces of England and Wales, with aliases.

Matching is on normalised names (case, punctuation, "&" for "and"), so
"Avon & Somerset Constabulary", "avon and somerset" and the slug
"avon-and-somerset" all resolve to the same force.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from peelgraph.errors import UnknownForceError


@dataclass(frozen=True)
class Force:
    slug: str
    name: str  # official name as the inspectorate prints it
    short: str  # the place name alone, as used in "Gloucestershire PEEL 2018"
    aliases: tuple[str, ...] = ()
    country: str = "England"


def _f(name: str, short: str, *aliases: str, country: str = "England") -> Force:
    slug = re.sub(r"[^a-z0-9]+", "-", short.lower()).strip("-")
    return Force(slug, name, short, aliases, country)


FORCES: tuple[Force, ...] = (
    _f("Avon and Somerset Constabulary", "Avon and Somerset", "Avon and Somerset Police"),
    _f("Bedfordshire Police", "Bedfordshire"),
    _f("Cambridgeshire Constabulary", "Cambridgeshire"),
    _f("Cheshire Constabulary", "Cheshire", "Cheshire Police"),
    _f("City of London Police", "City of London"),
    _f("Cleveland Police", "Cleveland"),
    _f("Cumbria Constabulary", "Cumbria"),
    _f("Derbyshire Constabulary", "Derbyshire"),
    _f("Devon and Cornwall Police", "Devon and Cornwall"),
    _f("Dorset Police", "Dorset"),
    _f("Durham Constabulary", "Durham"),
    _f("Dyfed-Powys Police", "Dyfed-Powys", "Dyfed Powys Police", country="Wales"),
    _f("Essex Police", "Essex"),
    _f("Gloucestershire Constabulary", "Gloucestershire", "Gloucestershire Police"),
    _f("Greater Manchester Police", "Greater Manchester", "GMP"),
    _f("Gwent Police", "Gwent", country="Wales"),
    _f(
        "Hampshire Constabulary",
        "Hampshire",
        "Hampshire and Isle of Wight Constabulary",
        "Hampshire Police",
    ),
    _f("Hertfordshire Constabulary", "Hertfordshire"),
    _f("Humberside Police", "Humberside"),
    _f("Kent Police", "Kent"),
    _f("Lancashire Constabulary", "Lancashire", "Lancashire Police"),
    _f("Leicestershire Police", "Leicestershire"),
    _f("Lincolnshire Police", "Lincolnshire"),
    _f("Merseyside Police", "Merseyside"),
    _f(
        "Metropolitan Police Service",
        "Metropolitan",
        "Metropolitan Police",
        "the Met",
        "MPS",
    ),
    _f("Norfolk Constabulary", "Norfolk"),
    _f("North Wales Police", "North Wales", country="Wales"),
    _f("North Yorkshire Police", "North Yorkshire"),
    _f("Northamptonshire Police", "Northamptonshire"),
    _f("Northumbria Police", "Northumbria"),
    _f("Nottinghamshire Police", "Nottinghamshire"),
    _f("South Wales Police", "South Wales", country="Wales"),
    _f("South Yorkshire Police", "South Yorkshire"),
    _f("Staffordshire Police", "Staffordshire"),
    _f("Suffolk Constabulary", "Suffolk"),
    _f("Surrey Police", "Surrey"),
    _f("Sussex Police", "Sussex"),
    _f("Thames Valley Police", "Thames Valley"),
    _f("Warwickshire Police", "Warwickshire"),
    _f("West Mercia Police", "West Mercia"),
    _f("West Midlands Police", "West Midlands"),
    _f("West Yorkshire Police", "West Yorkshire"),
    _f("Wiltshire Police", "Wiltshire"),
)

BY_SLUG: dict[str, Force] = {f.slug: f for f in FORCES}

# Abbreviations forces and the inspectorate use in running text ("Information from
# outside D&C"). Matched as written (case and all): "MPs" is not the Met. Only
# those that stand for one force and nothing else in policing are listed ("DPP"
# is also the Director of Public Prosecutions).
ABBREVIATIONS: dict[str, str] = {
    "A&S": "avon-and-somerset",
    "D&C": "devon-and-cornwall",
    "GMP": "greater-manchester",
    "MPS": "metropolitan",
    "TVP": "thames-valley",
    "WMP": "west-midlands",
    "WYP": "west-yorkshire",
    "SYP": "south-yorkshire",
    "NYP": "north-yorkshire",
}
# Abbreviations that stand for a force and for another body too ("DPP": Dyfed-Powys
# Police and the Director of Public Prosecutions): never counted as a mention; read as
# the force only where the text makes it the force (``extract/attribution.py``: in the
# place a tracking page names its force's liaison lead, or beside the force's region).
# Sources: each force's own usage (its site's acronym list, its reports).
CONTEXT_ABBREVIATIONS: dict[str, str] = {
    "DPP": "dyfed-powys",
    "SWP": "south-wales",
    "NWP": "north-wales",
    "ASC": "avon-and-somerset",
    "DCP": "devon-and-cornwall",
}


@dataclass(frozen=True)
class Region:
    """A policing region: the names of it and of its regional organised crime unit, and
    its forces (the National Police Chiefs' Council's regions; each unit's own site)."""

    names: tuple[str, ...]  # patterns
    forces: tuple[str, ...]  # slugs


REGIONS: tuple[Region, ...] = (
    Region((r"Tarian", r"Southern\s+Wales"), ("dyfed-powys", "gwent", "south-wales")),
    Region(
        (r"TITAN", r"North\s+West(?:ern)?\s+region"),
        ("cheshire", "cumbria", "greater-manchester", "lancashire", "merseyside", "north-wales"),
    ),
    Region(
        (r"ERSOU", r"Eastern\s+region"),
        ("bedfordshire", "cambridgeshire", "essex", "hertfordshire", "kent", "norfolk", "suffolk"),
    ),
    Region(
        (r"SEROCU", r"South\s+East(?:ern)?\s+region"),
        ("hampshire", "surrey", "sussex", "thames-valley"),
    ),
    Region(
        (r"Zephyr", r"South\s+West(?:ern)?\s+region"),
        ("avon-and-somerset", "devon-and-cornwall", "dorset", "gloucestershire", "wiltshire"),
    ),
    Region(
        (r"EMSOU", r"East\s+Midlands\s+region"),
        ("derbyshire", "leicestershire", "lincolnshire", "northamptonshire", "nottinghamshire"),
    ),
    Region((r"NERSOU", r"North\s+East(?:ern)?\s+region"), ("cleveland", "durham", "northumbria")),
    Region(
        (r"ROCU\s*WM|WMROCU", r"West\s+Midlands\s+region"),
        ("staffordshire", "warwickshire", "west-mercia", "west-midlands"),
    ),
    Region(
        (r"Yorkshire\s+and\s+(?:the\s+)?Humber(?:side)?\s+(?:region|ROCU)",),
        ("humberside", "north-yorkshire", "south-yorkshire", "west-yorkshire"),
    ),
)
_REGION_RES = tuple(
    (re.compile(r"\b(?:" + "|".join(r.names) + r")\b"), frozenset(r.forces)) for r in REGIONS
)


def regions_named(text: str) -> frozenset[str]:
    """The forces of every region (or regional unit) the text names."""
    out: set[str] = set()
    for pattern, members in _REGION_RES:
        if pattern.search(text):
            out |= members
    return frozenset(out)


def code_force(code: str) -> Force | None:
    """The one force whose official name holds a code's letters in order, from its
    first letter ("BED": Bedfordshire Police; "WMD": West MiDlands Police), or None
    when no force or several do. Only for a code in a place that names a force."""
    letters = code.lower()
    found = []
    for f in FORCES:
        name = re.sub(r"[^a-z]", "", f.name.lower())
        if not name.startswith(letters[0]):
            continue
        it = iter(name[1:])
        if all(ch in it for ch in letters[1:]):
            found.append(f)
    return found[0] if len(found) == 1 else None


ABBREVIATION_RE = re.compile(
    r"(?<![\w&])(?:" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")(?![\w&])"
)


# Letters of other scripts that look like Latin ones ("Gwеnt" with a Cyrillic е), and
# fullwidth Latin: folded before any force name is matched, one character for one,
# so a match's offsets in the folded text are its offsets in the original.
_LOOKALIKES = (
    "аaеeоoрpсcуyхxіiјjѕsһhԁdԛqԝwӏlАAВBЕEКKМMНHОOРPСCТTХXІIЈJЅSҮYΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXοoνvιi"
)
_CONFUSABLES = str.maketrans(
    {
        **{_LOOKALIKES[i]: _LOOKALIKES[i + 1] for i in range(0, len(_LOOKALIKES), 2)},
        **{chr(c): chr(c - 0xFEE0) for c in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))},
    }
)


# Any of the look-alikes: a whole document's text is folded for every force-name scan,
# and str.translate looks up each of its characters in the table; most texts hold none.
_CONFUSABLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONFUSABLES)) + "]")


def fold_confusables(text: str) -> str:
    """``text`` with look-alike letters of other scripts as the Latin letters they mimic."""
    if text.isascii() or not _CONFUSABLE_RE.search(text):
        return text  # nothing to fold (the look-alikes are all outside ASCII)
    return text.translate(_CONFUSABLES)


def fold_compatibility(name: str) -> str:
    """``name`` as plain letters: format characters removed, NFKC, accents taken off.

    A zero-width space or soft hyphen inside a name (format characters, invisible),
    mathematical bold letters (NFKC makes them Latin) and a combining accent
    ("Gwe\u0301nt") made a force "(unknown)"; the index holds plain names.
    """
    # Every line of a document is asked (a force's name on a line of its own), most of
    # them plain ASCII, which has no format characters or combining marks and is its own
    # NFKC and NFD; of the rest only the distinct characters are looked up, not each one.
    if name.isascii():
        return name
    visible = name.translate(_without(name, "Cf"))
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", visible))
    return decomposed if decomposed.isascii() else decomposed.translate(_without(decomposed, "Mn"))


def _without(text: str, category: str) -> dict[int, None]:
    """A table for ``str.translate`` that removes the characters of ``text`` in ``category``."""
    return {
        ord(ch): None
        for ch in set(text)
        if not ch.isascii() and unicodedata.category(ch) == category
    }


_THE = re.compile(r"^the\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str) -> str:
    # Memoised for names, which are asked of every sentence that names them (a partner's,
    # a programme's, the force's own); not for the long lines a document is scanned by,
    # asked once each, whose keeping would only hold their text.
    return _normalised(name) if len(name) <= _MEMO_LONGEST else _normalise(name)


_MEMO_LONGEST = 160


def _normalise(name: str) -> str:
    s = fold_confusables(fold_compatibility(name)).lower().replace("&", " and ").replace("’", "'")
    s = _THE.sub("", s.strip())
    s = _NOT_ALNUM.sub(" ", s)
    return " ".join(s.split())


_normalised = lru_cache(maxsize=32_768)(_normalise)


def _index() -> dict[str, Force]:
    idx: dict[str, Force] = {}
    for f in FORCES:
        for n in (f.name, f.short, f.slug, *f.aliases):
            idx[normalise_name(n)] = f
    return idx


_INDEX = _index()


def lookup(name: str) -> Force | None:
    """A force by official name, short name, alias, abbreviation or slug, in any case."""
    # Memoised as normalise_name is: the passes ask the same few names hundreds of times
    # a document (every organisation, programme and grade subject candidate).
    return _looked_up(name) if len(name) <= _MEMO_LONGEST else _lookup(name)


def _lookup(name: str) -> Force | None:
    if (slug := ABBREVIATIONS.get(fold_compatibility(name).strip())) is not None:
        return BY_SLUG[slug]
    return _INDEX.get(normalise_name(name))


_looked_up = lru_cache(maxsize=16_384)(_lookup)


def resolve(name: str) -> Force:
    """Like :func:`lookup`, but an unknown name is an error that suggests close names."""
    force = lookup(name)
    if force is not None:
        return force
    import difflib

    close = difflib.get_close_matches(normalise_name(name), list(_INDEX), n=3, cutoff=0.6)
    hint = "did you mean " + ", ".join(sorted({_INDEX[c].name for c in close})) if close else None
    raise UnknownForceError(
        f"unknown force {name!r}: not one of the 43 forces of England and Wales",
        hint=hint or "peelgraph accepts a force's name, short name or slug, e.g. 'gwent'",
    )


def _full_name_pattern() -> re.Pattern[str]:
    """Names that denote the force itself in running text (not the bare county)."""
    names: set[str] = set()
    for f in FORCES:
        names.add(f.name)
        names.update(a for a in f.aliases if len(a) > 4)
    alts = sorted((re.escape(n).replace(r"\ and\ ", r"\s+(?:and|&)\s+") for n in names), key=len)
    body = "|".join(reversed(alts)).replace(r"\ ", r"\s+")
    # Tried only at a word that begins as some name does: a look-ahead on the first
    # letters rules out most words at once, where every name would be tried in turn.
    lead = re.escape("".join(sorted({n[0].lower() for n in names})))
    return re.compile(rf"\b(?=[{lead}])(?:{body})\b", re.IGNORECASE)


class _FoldedPattern:
    """A pattern matched on the text with look-alike letters folded (same offsets)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(fold_confusables(text), *args)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.search(fold_confusables(text), *args)


FORCE_NAME_RE = _FoldedPattern(_full_name_pattern())

# "X Police" / "X Constabulary" where X is capitalised: how an unknown force looks.
FORCE_LIKE_RE = re.compile(
    # Not the inspectorate or an office: "HM Inspectorate of Constabulary", "Acting Police,
    # Crime and Victims' Commissioner".
    r"\b(?!(?:Inspectors?|Inspectorate|Chief|Acting|Deputy|Assistant|Report)\b)"
    r"(?!(?:[A-Z][a-z]+\s(?:of\s)?){1,3}Inspector)"
    r"((?:[A-Z][a-z]+(?:[- ](?:and|&|of|on)?\s?)?){1,4}(?:Police|Constabulary))\b"
    r"(?!,\s*Crime\b)"
)
