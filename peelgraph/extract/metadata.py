"""Document-level facts: kind, inspected force, programme, year, dates, letter parties.

Everything is read from the text (title lines, the recommendation URL, a
letter's address and signature blocks, a page's date line), never from the
file name. Site furniture (menus, banners, "Read more") is skipped before a
title is looked for. The kind and who reports are read in
:mod:`peelgraph.extract.doc_kind`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from peelgraph.extract.attribution import (
    SIGN_OFF_RE,
    attribute,
    inspected_pillar,
)
from peelgraph.extract.doc_kind import (
    LAST_UPDATED_RE,
    detect_kind,
    letter_kind,
    reporter,
    republished,
)
from peelgraph.extract.facts import DocumentInfo, DocumentKind, Problem
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
from peelgraph.extract.titles import content_lines, read_prose_year, read_year
from peelgraph.extract.year_inference import (
    date_line,
    dated_line,
    first_status_date,
    infer_year,
)
from peelgraph.ingest.document import Document
from peelgraph.reference import peel
from peelgraph.reference.kinds import (
    INSPECTORATE_KINDS,
    RESPONSE_KINDS,
    TRACKING_KINDS,
)

PILLARS = ("effectiveness", "efficiency", "legitimacy")
URL_RE = re.compile(r"https?://[^\s)>\]]+")
COPYRIGHT_RE = re.compile(r"©\s*(HMICFRS|HMIC)\b")
POST_NOMINAL_RE = re.compile(r"(?:\s+(?:[A-Z]{2,}[A-Za-z()]*|[A-Z][a-z]*\([A-Za-z]+\)))+$")
_REGISTER_TITLE = re.compile(r"\s*\(\d{3,6}\)\s*$")
_NAMES_NO_FORCE = "names no police force"


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


def extract_info(doc: Document) -> tuple[DocumentInfo, list[Problem]]:
    text = doc.text
    ls = lines(doc)
    head = content_lines(ls)
    head_text = text[: max(3000, head[-1].end if head else 0)]
    kind = detect_kind(doc, head)
    who = attribute(doc, head, kind)
    problems = list(who.problems)
    scope = who.scope
    if republished(kind, scope, text):
        kind = "commissioner-page"
    if (
        scope == "unknown"
        and all(p.message.startswith(_NAMES_NO_FORCE) for p in problems)
        and reporter(kind, text) == "inspectorate-press-release"
    ):
        # The inspectorate's news that names no force at all ("HMIC has published the
        # response to the consultation on PEEL") is about policing in general.
        scope, problems = "national", []
    if kind == "recommendation-page" and who.force is None:
        kind, scope = _tracking_kind(kind, head, scope, problems)
    title = head[0] if head else None
    published = _published(kind, head, text)
    author = author_role = addressee = addressee_role = None
    if kind in RESPONSE_KINDS and letter_kind(text, head):
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
    reported_by = reporter(kind, text)
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
