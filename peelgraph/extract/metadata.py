"""Document-level facts: kind, inspected force, programme, year, dates, letter parties.

Everything is read from the text (title lines, the recommendation URL, a
letter's address and signature blocks, a page's date line), never from the
file name. Site furniture (menus, banners, "Read more") is skipped before a
title is looked for. The kind is decided by the first rule that holds, most
specific form first; see :data:`KIND_RULES`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from peelgraph.extract.attribution import (
    INSPECTION_OF_RE,
    REC_URL_RE,
    SIGN_OFF_RE,
    areas_named,
    attribute,
    inspected_pillar,
    mentions,
)
from peelgraph.extract.facts import DocumentInfo, DocumentKind, Problem, Reporter
from peelgraph.extract.text import (
    DAY_DATE_RE,
    MONTH_YEAR_RE,
    MONTHS,
    UK_NUMERIC_RE,
    Line,
    evidence,
    lines,
    parse_day_date,
    parse_uk_numeric,
)
from peelgraph.extract.titles import (
    content_lines,
    date_line,
    dated_line,
    first_status_date,
    infer_year,
    page_title,
    read_prose_year,
    read_year,
)
from peelgraph.ingest.document import Document
from peelgraph.reference import forces, peel
from peelgraph.reference.kinds import (
    INSPECTORATE_KINDS,
    REPORT_KINDS,
    RESPONSE_KINDS,
    TRACKING_KINDS,
)

PILLARS = ("effectiveness", "efficiency", "legitimacy")
# A status history entry: "[on]" and a date (a page that only writes about the markup,
# "[on]...[status]...", tracks nothing).
STATUS_MARKUP_RE = re.compile(
    r"\[on\]\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}|\[on\]\s*\d{1,2}/\d{1,2}/\d{4}",
    re.IGNORECASE,
)
URL_RE = re.compile(r"https?://[^\s)>\]]+")
LAST_UPDATED_RE = re.compile(r"Last updated:?\s+(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
COPYRIGHT_RE = re.compile(r"©\s*(HMICFRS|HMIC)\b")
SALUTATION_RE = re.compile(r"^[^\S\n]*Dear\s+\S", re.MULTILINE)
POST_NOMINAL_RE = re.compile(r"(?:\s+(?:[A-Z]{2,}[A-Za-z()]*|[A-Z][a-z]*\([A-Za-z]+\)))+$")
_FINDING_HEAD_RE = re.compile(
    r"(?im)^[^\w\n]*(?:causes?\s+(?:of|for)\s+concern|recommendation(?:s|\s+\d{1,3})?)[^\w\n]*$"
)
_REPORT_FORM_RE = re.compile(
    r"(?i)\bISBN\b|©\s*HMIC|\bWhat this report contains\b|inspection assessed how good"
)
# A report as the inspectorate's site publishes it: its date line, then its front matter.
_PUBLISHED_REPORT_RE = re.compile(
    r"(?im)^[^\S\n]*Published on:?[^\n]*\n\s*(?:Foreword|Contents)[^\S\n]*$"
)
# Text run together from a page's parts ("Read more about DerbyshireThis is ...") still
# starts a sentence where a lower-case letter meets "This".
_PAGE_FORM_RE = re.compile(
    r"(?i)(?:\b|(?<=[a-z]))This is (?:HMIC\w*|our)[’']?s?\s+\w+\s+(?:PEEL\b|assessment)|^\s*Questions for "
    # The inspector's opening of a 2014 force page: "This is the first PEEL Assessment of".
    r"|\bThis is the (?:first|second|third|fourth) PEEL assessment of\b"
)
# A commissioner's (or their office's) page: the commissioner speaks, welcomes or responds.
_COMMISSIONER_RE = re.compile(
    r"\b(?:Police(?:,)?\s+(?:Fire\s+)?and\s+Crime\s+Commissioner|PCC|OPCC|P(?:F)?CC\s+Priorities)\b"
)
# "the Commissioner's response", "Office of the ... Commissioner": a commissioner's page.
_COMMISSIONERS_RE = re.compile(
    r"\bCommissioner[’']s\b|\bOffice\s+of\s+the\b[^\n]{0,60}\bCommissioner\b"
)
# The inspectorate's own news release: its inspector or the inspectorate "said".
_INSPECTORATE_SAYS_RE = re.compile(
    r"(?i)\b(?:Inspector\s+of\s+Constabulary\s+[A-Z]\w+\s+\w+\s+said|HMIC\w*\s+(?:said|judged|found)|"
    r"the\s+(?:police\s+)?inspectorate\s+has\s+said|inspectors\s+found\s+that)"
)
# The inspectorate's news item links its publication on a line of its own: "Get the report".
_GET_THE_RE = re.compile(r"(?im)^[^\S\n]*Get the (?:report|letter|response|data)\b")
_MINUTES_RE = re.compile(
    r"(?im)^[^\w\n]*(?:minutes\b|present:|apologies\b|agenda\s+item\b|agendas,\s+meetings)"
)
_REGISTER_TITLE = re.compile(r"\s*\(\d{3,6}\)\s*$")
_NAMES_NO_FORCE = "names no police force"
_GRADES_OVERVIEW_RE = re.compile(r"(?i)\bgrades\s+forces\s+in\s+England\s+and\s+Wales\s+received")


@dataclass(frozen=True)
class _Opening:
    """What the kind rules look at: the text and the first content lines."""

    text: str
    head: list[Line]
    head_text: str


def _tracking(o: _Opening) -> bool:
    if STATUS_MARKUP_RE.search(o.text):
        return True
    # A stored recommendation page names its own address on a line of its own at the top
    # (an index that links to many such pages is not one).
    if any(REC_URL_RE.fullmatch(ln.stripped) for ln in o.head[:4]):
        return True
    # Rendered without markup: the page opens with its cause of concern or recommendation.
    return any(_FINDING_HEAD_RE.match(ln.text) for ln in o.head[:3])


def _letter(o: _Opening) -> DocumentKind | None:
    if not (SALUTATION_RE.search(o.text) and (sign := SIGN_OFF_RE.search(o.text))):
        return None
    after = o.text[sign.end() :][:400].lower()
    return (
        "commissioner-page"
        if "commissioner" in after and "chief constable" not in after
        else "force-response"
    )


def _quoted(o: _Opening, m: re.Match[str] | None) -> bool:
    """A report's form that a commissioner's page quotes: the commissioner (or their
    office, or their response) is named above it."""
    if m is None:
        return False
    c = _COMMISSIONER_RE.search(o.head_text, 0, m.start()) or _COMMISSIONERS_RE.search(
        o.head_text, 0, m.start()
    )
    return c is not None


# The commissioner speaks of the report: "The Police, Fire and Crime Commissioner for X,
# Jo Bloggs welcomes the latest PEEL inspection report", "the Commissioner said".
_COMMISSIONER_SPEAKS_RE = re.compile(
    r"(?:\b(?:Police(?:,)?\s+(?:Fire\s+)?and\s+Crime\s+Commissioner|PCC)|\b[Tt]he\s+Commissioner)\b"
    r"[^.\n]{0,80}?\b(?:welcomes|welcomed|said|says|responds|responded|comments|commented)\b"
)


def _speaks_of(o: _Opening) -> bool:
    """A commissioner's page that heads the report it answers with the report's own
    title and summary, then speaks of it: the commissioner says so below."""
    return _COMMISSIONER_SPEAKS_RE.search(o.head_text) is not None


_QUESTION_HEADING_RE = re.compile(
    r"(?m)^[^\S\n]*(?:(?:How\s+(?:effective|efficient|legitimate|effectively|efficiently|legitimately|well)"
    r"|To\s+what\s+extent)\b[^\n?]{10,200}\?|How\s+well\s+the\s+force\s+[^\n.?]{3,80})[^\S\n]*$"
)


def _inspectorate_form(o: _Opening) -> DocumentKind | None:
    m = INSPECTION_OF_RE.search(o.head_text)
    if (
        m
        and not _quoted(o, m)
        and not _INSPECTORATE_SAYS_RE.search(o.text[:4000])
        and not _speaks_of(o)
    ):
        return "inspection-report"
    m = _REPORT_FORM_RE.search(o.head_text) or _PUBLISHED_REPORT_RE.search(o.head_text)
    if m and not _quoted(o, m) and not _speaks_of(o):
        return "inspection-report"
    if any(page_title(ln) for ln in o.head[:6]) or _PAGE_FORM_RE.search(o.head_text):
        return "force-page"
    headings = len(_QUESTION_HEADING_RE.findall(o.head_text))
    if (LAST_UPDATED_RE.search(o.head_text) and ("Questions for" in o.text or headings)) or (
        headings >= 2
        and not _COMMISSIONER_RE.search(o.head_text)
        # One force's page (named by its name or its area), not the questions' list or a
        # national table of several forces.
        and len(set(mentions(o.head_text)) | set(areas_named(o.head_text))) == 1
    ):
        # The inspectorate's page for a force, whatever its title: updated on a date, or
        # set out under the headings of PEEL's questions ("How effective is the force at
        # ...?" as lines of their own, not a commissioner's list of them).
        return "force-page"
    return None


# A force's own statement on its inspection: its chief constable speaks, or the force
# speaks of "our latest HMICFRS inspection", "our response".
_FORCE_VOICE_RE = re.compile(
    r"(?i)\bChief\s+Constable\s+(?:[A-Z][\w’'-]{0,30}\s+){1,3}(?:has\s+)?(?:welcomed|said)\b"
    r"|\bour\s+(?:latest\s+(?:HMIC\w*|PEEL)\s+(?:inspection|assessment|report)|response)\b"
    # "The MPS has welcomed the HMIC's first PEEL assessment": the force, by name or letters.
    r"|\b(?:the\s+force|(?-i:" + "|".join(map(re.escape, forces.ABBREVIATIONS)) + r")|"
    # A name's words are bounded: unbounded, a run of hyphenated letters was read again
    # from each of its word boundaries (quadratic).
    r"[A-Z][\w’'-]{0,30}\s+(?:Police|Constabulary))\s+(?:has|have)\s+welcomed\b"
)


def _force_statement(o: _Opening) -> DocumentKind | None:
    """A force's news item on its inspection, told from a commissioner's: the force speaks
    before any commissioner is named."""
    voice = _FORCE_VOICE_RE.search(o.head_text)
    if voice is None:
        return None
    commissioner = _COMMISSIONER_RE.search(o.text[:3000])
    return (
        "force-response" if commissioner is None or voice.start() < commissioner.start() else None
    )


def _minutes(o: _Opening) -> bool:
    """A meeting's minutes or agenda item (a police and crime panel discussing a report)."""
    return bool(_MINUTES_RE.search(o.head_text))


# The inspectorate's letter as its site publishes it: a "Letter information" heading over
# its sender and recipients, the sender one of HM Inspectors of Constabulary.
_LETTER_INFORMATION_RE = re.compile(r"(?im)^[^\S\n]*Letter\s+information[^\S\n]*$")
_INSPECTOR_TITLE_RE = re.compile(
    r"(?i)\b(?:His|Her|HM)\s+(?:Majesty[’']s\s+)?(?:Chief\s+)?Inspector\s+of\s+Constabulary\b"
)


def _inspectorate_letter(o: _Opening) -> bool:
    """The inspectorate's letter to a force (a cause of concern revisited or closed): its
    copy to the commissioner does not make it the commissioner's page."""
    heading = _LETTER_INFORMATION_RE.search(o.head_text)
    return heading is not None and bool(_INSPECTOR_TITLE_RE.search(o.head_text, heading.end()))


def _inspectorate_publication(o: _Opening) -> bool:
    """The inspectorate's page for a publication ("Get the report" on a line of its own)
    that links the commissioners' responses below it: the inspectorate's, not theirs."""
    get = _GET_THE_RE.search(o.head_text)
    if get is None:
        return False
    commissioner = _COMMISSIONER_RE.search(o.head_text)
    return commissioner is None or get.start() < commissioner.start()


KIND_RULES: tuple[Callable[[_Opening], DocumentKind | None], ...] = (
    lambda o: "recommendation-page" if _tracking(o) else None,
    _letter,
    lambda o: "other" if _minutes(o) else None,
    _inspectorate_form,
    _force_statement,
    lambda o: "other" if _inspectorate_publication(o) or _inspectorate_letter(o) else None,
    lambda o: "commissioner-page" if _COMMISSIONER_RE.search(o.text[:3000]) else None,
)


def detect_kind(doc: Document, head: list[Line] | None = None) -> DocumentKind:
    head = head if head is not None else content_lines(lines(doc))
    o = _Opening(doc.text, head, doc.text[: max(3000, head[-1].end if head else 0)])
    for rule in KIND_RULES:
        if kind := rule(o):
            return kind
    return "other"


def _reporter(kind: str, text: str) -> Reporter:
    if kind in REPORT_KINDS:
        return "inspectorate"
    if kind == "force-response":
        return "force-response"
    if kind == "commissioner-page":
        return "commissioner"
    if _MINUTES_RE.search(text[:3000]):
        # Minutes of the meeting that holds the commissioner to account: the panel's record.
        return "police-and-crime-panel"
    if _INSPECTORATE_SAYS_RE.search(text[:4000]) or _GET_THE_RE.search(text[:3000]):
        return "inspectorate-press-release"
    if _LETTER_INFORMATION_RE.search(text[:3000]) and _INSPECTOR_TITLE_RE.search(text[:3000]):
        return "inspectorate"  # its letter states the inspectorate's own findings
    if _GRADES_OVERVIEW_RE.search(text[:2000]):
        return "inspectorate"
    return "other"


def _pillar(text: str) -> str | None:
    found = [p for p in PILLARS if re.search(rf"\b{p}\b", text, re.IGNORECASE)]
    return found[0] if len(found) == 1 else None


def _letter_parties(
    doc: Document, ls: list[Line]
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(author, author_role, addressee, addressee_role, date) from a letter's blocks."""
    date_idx = None
    date_iso = None
    for i, ln in enumerate(ls[:60]):
        m = DAY_DATE_RE.fullmatch(ln.stripped)
        if m:
            date_idx, date_iso = i, parse_day_date(m)
            break
    addressee = addressee_role = None
    if date_idx is not None:
        block = [ln.stripped for ln in ls[:date_idx] if ln.stripped]
        if block:
            addressee = block[0]
            addressee_role = ", ".join(block[1:3]) or None
    author = author_role = None
    sign = SIGN_OFF_RE.search(doc.text)
    if sign:
        after = [ln.strip() for ln in doc.text[sign.end() :].split("\n")[1:] if ln.strip()]
        if after:
            name = after[0].split(",")[0]
            author = POST_NOMINAL_RE.sub("", name).strip() or name
            author_role = ", ".join(after[1:3]) or None
    return author, author_role, addressee, addressee_role, date_iso


_PUBLISHED_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:Published|Posted)(?:\s+on)?:?\s+(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})\s*$"
)
_DATED_AS_RE = re.compile(
    r"(?im)^[^\S\n]*(?:Published|Posted|Date(?:\s+published)?)(?:\s+on)?:?[^\S\n]+(?P<date>[^\n]{6,40})$"
)
# A news page's date field as a line of its own: "date 2022-10-31".
_ISO_DATE_LINE = re.compile(r"(?im)^[^\S\n]*date:?\s+(\d{4}-\d\d-\d\d)\b")
# The report a statement answers, dated where the statement names it: "On 14 May 2024,
# HMICFRS published its report", "The report was published on Friday 27th September 2019".
_REPORT_PUBLISHED_RE = re.compile(
    rf"(?i)\bOn\s+(?P<d1>{DAY_DATE_RE.pattern}),?\s+(?:HMIC\w*|His|Her|the\s+inspectorate)"
    r"[^.\n]{0,120}?\bpublished\b"
    rf"|\breport\s+(?:was\s+)?published\s+on\s+(?P<d2>{DAY_DATE_RE.pattern})"
)


_BRACKETED_DATE_RE = re.compile(rf"\(\s*({DAY_DATE_RE.pattern})\s*\)", re.IGNORECASE)


def _published(kind: str, head: list[Line], text: str) -> str | None:
    # "Published: March 2017", "Published on: 9 June 2023": a page's own line says so.
    m = _PUBLISHED_LINE.search(text, 0, head[-1].end if head else 0)
    if m and m.group("month").lower() in MONTHS:
        year, month = int(m.group("year")), MONTHS[m.group("month").lower()]
        if not m.group("day"):
            return f"{year:04d}-{month:02d}"
        try:
            return dt.date(year, month, int(m.group("day"))).isoformat()
        except ValueError:
            return None  # an impossible date is not invented into a possible one
    if m := _ISO_DATE_LINE.search(text, 0, head[-1].end if head else 0):
        return m.group(1)
    # "Posted on March 17, 2023", "Published: 17/03/2023": the other forms of a date line.
    for m in _DATED_AS_RE.finditer(text, 0, head[-1].end if head else 0):
        if iso := date_line(m.group("date").strip()):
            return iso
    if kind == "inspection-report":
        for m in MONTH_YEAR_RE.finditer(text[:1500]):
            return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
        return None
    return dated_line(head)


def _report_published(kind: str, head: list[Line], text: str) -> str | None:
    """The date a response or news item says its report came out: not the page's own
    date (it stays unknown), but the date that places the page in its round."""
    if kind not in RESPONSE_KINDS and kind != "other":
        return None
    end = head[-1].end if head else 0
    m = _REPORT_PUBLISHED_RE.search(text, 0, end)
    d = DAY_DATE_RE.search(m.group("d1") or m.group("d2")) if m else None
    if d is None and kind in RESPONSE_KINDS:
        # A commissioner's page dating what it describes in brackets: "The inspection
        # assessed how good Kent Police is ... (28 April 2022)", "held Police Question
        # Time last week (19th February 2025)".
        p = _BRACKETED_DATE_RE.search(text, 0, end)
        d = DAY_DATE_RE.search(p.group(1)) if p else None
    return parse_day_date(d) if d else None


def _programme(pillars: str | None, head: list[Line], text: str) -> tuple[str, str | None]:
    """(programme, pillar): one pillar named, or PEEL as a whole."""
    # Without a title's pillar, the opening lines ("Effectiveness" under a page's title,
    # "... inspection - police effectiveness") name it, if they name only one.
    words = pillars if pillars is not None else " ".join(ln.stripped for ln in head[:4])
    pillar = _pillar(words)
    if pillar is None and pillars is None:
        # A letter names its report in its subject line: "the PEEL Effectiveness Inspection".
        named = re.findall(r"(?i)\bPEEL:?\s+(?:police\s+)?(\w+)\s+(?:inspection|report)", text)
        pillar = _pillar(" ".join(named))
    return (f"PEEL {pillar}" if pillar else "PEEL"), pillar


def _tracking_kind(
    kind: DocumentKind, head: list[Line], scope: str, problems: list[Problem]
) -> tuple[DocumentKind, str]:
    """A tracking page that names no force: a register entry (national), or a force's page."""
    # A register listing entry opens with its report's title and number.
    if head and _REGISTER_TITLE.search(head[0].stripped):
        return "register-entry", "national"
    if not problems:
        problems.append(Problem("a recommendation page that never names its force"))
    return kind, "unknown"


@dataclass(frozen=True)
class _When:
    """The inspection a document is about: year, how it is known, label, programme."""

    year: int | None
    basis: str
    label: str | None
    span: tuple[int, int] | None  # the text that says so, where it is said
    programme: str
    pillar: str | None


def _when(text: str, head: list[Line], kind: DocumentKind, dated: str | None) -> _When:
    """The year: a title or heading first; then, for the inspectorate's report or a page
    its date does not place, the round its prose names; then :func:`infer_year` (status
    history, the date ``dated``: the page's own or the one it says its report came out)."""
    tracking = kind in TRACKING_KINDS
    reading = read_year(text, head, tracking=tracking)
    # The inspectorate's report names its own round in its opening prose ("the emerging
    # themes from the 2018/19 PEEL inspections") whatever its site's later date; anything
    # else may be looking back, so its own date comes first.
    own = kind == "inspection-report" or not (dated and peel.round_published(dated))
    if reading is None and not tracking and own:
        reading = read_prose_year(text, head, inspectorate=kind in INSPECTORATE_KINDS)
    year: int | None = None
    basis, label, span = "unknown", None, None
    if reading is not None:
        year, basis, label, span = (
            reading.year,
            reading.basis,
            reading.label,
            (reading.start, reading.end),
        )
    elif inferred := infer_year(
        text, published=dated, tracking=tracking, inspectorate=kind in INSPECTORATE_KINDS
    ):
        year, basis = inferred[0], "inferred"
        span = inferred[1:] if inferred[2] > inferred[1] else None
    programme, pillar = _programme(reading.pillars if reading else None, head, text)
    if kind == "register-entry" and head:
        # The register names the inspection a national recommendation came from; a
        # thematic inspection (not PEEL) is dated by its first status, not a PEEL round.
        programme, pillar = _REGISTER_TITLE.sub("", head[0].stripped), None
        first = first_status_date(text)
        if reading is None and first and "PEEL" not in programme:
            return _When(int(first[0][:4]), "inferred", None, span, programme, pillar)
    if year is not None and label is None:
        label = peel.year_label(year)
    return _When(year, basis, label, span, programme, pillar)


_INSPECTORATE_NAMED_RE = re.compile(r"\bHMIC\w*|\bInspectorate\s+of\s+Constabulary\b")
_FIRST_PERSON_PLURAL_RE = re.compile(r"(?i)\b(?:we|our|ours|us)\b")


def _republished(kind: DocumentKind, scope: str, text: str) -> bool:
    """A page about one force's inspection told by nobody in particular: the inspectorate
    in the third person ("the report published by HMIC today has graded X"), no speaker
    of its own (no "we", "our", "us": neither the inspectorate's nor the force's voice,
    nor a commissioner quoted). Commissioners publish their force's inspection reports
    and what they say of them (section 55 of the Police Act 1996), so that is whose."""
    return (
        kind == "other"
        and scope == "force"
        and _reporter(kind, text) == "other"
        and _INSPECTORATE_NAMED_RE.search(text[:3000]) is not None
        and _FIRST_PERSON_PLURAL_RE.search(text[:3000]) is None
    )


def extract_info(doc: Document) -> tuple[DocumentInfo, list[Problem]]:
    text = doc.text
    ls = lines(doc)
    head = content_lines(ls)
    head_text = text[: max(3000, head[-1].end if head else 0)]
    kind = detect_kind(doc, head)
    who = attribute(doc, head, kind)
    problems = list(who.problems)
    scope = who.scope
    if _republished(kind, scope, text):
        kind = "commissioner-page"
    if (
        scope == "unknown"
        and all(p.message.startswith(_NAMES_NO_FORCE) for p in problems)
        and _reporter(kind, text) == "inspectorate-press-release"
    ):
        # The inspectorate's news that names no force at all ("HMIC has published the
        # response to the consultation on PEEL") is about policing in general.
        scope, problems = "national", []
    if kind == "recommendation-page" and who.force is None:
        kind, scope = _tracking_kind(kind, head, scope, problems)
    title = head[0] if head else None
    published = _published(kind, head, text)
    author = author_role = addressee = addressee_role = None
    if kind in RESPONSE_KINDS and _letter(_Opening(text, head, head_text)):
        author, author_role, addressee, addressee_role, published = _letter_parties(doc, ls)
    last_updated = None
    if m := LAST_UPDATED_RE.search(head_text):
        last_updated = parse_uk_numeric(UK_NUMERIC_RE.search(m.group(1)))  # type: ignore[arg-type]
    # The inspectorate's force page is updated when its round's report comes out: without
    # a title or date of its own, that date places it.
    updated = last_updated if kind in INSPECTORATE_KINDS else None
    when = _when(text, head, kind, published or _report_published(kind, head, text) or updated)
    # A page reporting on one pillar's report may name it in a sentence, not its title.
    pillar = (
        None if when.pillar or kind in INSPECTORATE_KINDS else inspected_pillar(text, when.year)
    )
    if pillar:
        when = replace(when, programme=f"PEEL {pillar}", pillar=pillar)
    ev_span = when.span or ((title.start, title.end) if title else (0, min(len(text), 80)))
    publisher = m.group(1) if (m := COPYRIGHT_RE.search(head_text)) else None
    url = m.group(0) if kind in TRACKING_KINDS and (m := URL_RE.search(head_text)) else None
    reported_by = _reporter(kind, text)
    if reported_by == "inspectorate-press-release" and publisher is None:
        publisher = "HMICFRS"
    info = DocumentInfo(
        kind=kind,
        force=who.force,
        programme=when.programme,
        pillar=when.pillar,
        inspection_year=when.year,
        year_basis=when.basis,  # type: ignore[arg-type]
        published=published,
        last_updated=last_updated,
        author=author,
        author_role=author_role,
        addressee=addressee,
        addressee_role=addressee_role,
        publisher=publisher,
        url=url,
        title=title.stripped if title else None,
        evidence=evidence(doc, *ev_span),
        year_label=when.label,
        scope=scope,  # type: ignore[arg-type]
        forces_named=who.forces_named,
        reported_by=reported_by,
    )
    if who.position < 0 and who.force is not None:
        problems.append(Problem("force named only indirectly"))
    return info, problems
