"""Document-level facts: kind, inspected force, programme, year, dates, letter parties.

Everything is read from the text (title lines, the recommendation URL, a
letter's address and signature blocks), never from the file name.
"""

from __future__ import annotations

import re
from collections import Counter

from peelgraph.extract.text import (
    DAY_DATE_RE,
    MONTH_YEAR_RE,
    MONTHS,
    UK_NUMERIC_RE,
    Line,
    evidence,
    first_lines,
    lines,
    parse_day_date,
    parse_uk_numeric,
)
from peelgraph.model import Document, DocumentInfo, DocumentKind, Problem
from peelgraph.reference import forces

PILLARS = ("effectiveness", "efficiency", "legitimacy")
STATUS_MARKUP_RE = re.compile(r"\[on\]|\[status\]", re.IGNORECASE)
REC_URL_RE = re.compile(r"https?://\S*/recommendations?/([a-z0-9-]+)/\S*", re.IGNORECASE)
URL_RE = re.compile(r"https?://[^\s)>\]]+")
REPORT_TITLE_RE = re.compile(
    r"PEEL:?\s+(?:Police\s+)?(effectiveness|efficiency|legitimacy)?\s*(?:\(\w+\)\s*)?"
    r"(\d{4})(?:/(\d{2,4}))?",
    re.IGNORECASE,
)
INSPECTION_OF_RE = re.compile(
    r"^[^\S\n]*An inspection of (?:the )?(.+?)[^\S\n]*$", re.IGNORECASE | re.MULTILINE
)
# Linear on hostile text: no part rescans a run of spaces or blank lines from each of
# its positions (``^\s*`` did, across blank lines, from every line start).
PAGE_TITLE_RE = re.compile(
    r"^[^\S\n]*(\S(?:[^\n]*?\S)?)\s{1,20}PEEL\s{1,20}(\d{4})(?:/(\d{2,4}))?[^\S\n]*$", re.MULTILINE
)
LAST_UPDATED_RE = re.compile(r"Last updated:?\s+(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
COPYRIGHT_RE = re.compile(r"©\s*(HMICFRS|HMIC)\b")
YEAR_INSPECTION_RE = re.compile(
    r"raised in (?:the |our |HMIC\w*[’']s? )?(\d{4}) (effectiveness|efficiency|legitimacy|PEEL)?"
    r"\s*(?:inspection|report|assessment)",
    re.IGNORECASE,
)
SINCE_LAST_RE = re.compile(r"since the last \w* ?inspection in (\d{4})", re.IGNORECASE)
SIGN_OFF_RE = re.compile(r"^[^\S\n]*Yours\s+(?:sincerely|faithfully)", re.IGNORECASE | re.MULTILINE)
SALUTATION_RE = re.compile(r"^[^\S\n]*Dear\s+\S", re.MULTILINE)
POST_NOMINAL_RE = re.compile(r"(?:\s+(?:[A-Z]{2,}[A-Za-z()]*|[A-Z][a-z]*\([A-Za-z]+\)))+$")
_KIND_HINTS = {"force-response", "commissioner-page"}


def detect_kind(doc: Document) -> DocumentKind:
    text = doc.text
    head = text[:3000]
    if STATUS_MARKUP_RE.search(text) or REC_URL_RE.search(head):
        return "recommendation-page"
    if SALUTATION_RE.search(text) and SIGN_OFF_RE.search(text):
        sign = text[SIGN_OFF_RE.search(text).end() :][:400].lower()  # type: ignore[union-attr]
        if "commissioner" in sign and "chief constable" not in sign:
            return "commissioner-page"
        return "force-response"
    if INSPECTION_OF_RE.search(head) or re.search(r"\bISBN\b|©\s*HMIC", head):
        return "inspection-report"
    if PAGE_TITLE_RE.search(head) or (LAST_UPDATED_RE.search(head) and "Questions for" in text):
        return "force-page"
    return "other"


def _most_mentioned_force(text: str) -> tuple[str | None, int]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in forces.FORCE_NAME_RE.finditer(text):
        f = forces.lookup(m.group(0))
        if f is None:
            continue
        counts[f.slug] += 1
        first.setdefault(f.slug, m.start())
    if not counts:
        return None, -1
    slug = min(counts, key=lambda s: (-counts[s], first[s]))
    return slug, first[slug]


def detect_force(doc: Document, kind: str) -> tuple[str | None, int, list[Problem]]:
    """The inspected force's slug and where the text names it."""
    text = doc.text
    problems: list[Problem] = []
    title_unknown: str | None = None
    m = INSPECTION_OF_RE.search(text[:3000])
    if m:
        f = forces.lookup(m.group(1))
        if f:
            return f.slug, m.start(1), problems
        title_unknown = m.group(1).strip()
        problems.append(
            Problem(
                f"unknown force {m.group(1).strip()!r} in the title",
                evidence(doc, m.start(1), m.end(1)),
            )
        )
    m = PAGE_TITLE_RE.search(text[:1500])
    if m and (f := forces.lookup(m.group(1))):
        return f.slug, m.start(1), problems
    m = REC_URL_RE.search(text[:3000])
    if m and (f := forces.lookup(m.group(1))):
        return f.slug, m.start(1), problems
    if kind in _KIND_HINTS:
        sign = SIGN_OFF_RE.search(text)
        if sign:
            slug, pos = _most_mentioned_force(text[sign.end() :])
            if slug:
                return slug, sign.end() + pos, problems
    slug, pos = _most_mentioned_force(text)
    if slug is None:
        unknown = forces.FORCE_LIKE_RE.search(text[:5000])
        if unknown and unknown.group(1).strip() == title_unknown:
            pass  # the title's unknown force, already reported
        elif unknown:
            problems.append(
                Problem(
                    f"unknown force {unknown.group(1)!r}: not one of the 43 forces of England and Wales",
                    evidence(doc, unknown.start(1), unknown.end(1)),
                )
            )
        else:
            problems.append(Problem("no police force of England and Wales is named"))
    return slug, pos, problems


def _pillar(text: str) -> str | None:
    found = [p for p in PILLARS if re.search(rf"\b{p}\b", text, re.IGNORECASE)]
    return found[0] if len(found) == 1 else None


def _title(doc: Document) -> Line | None:
    heads = first_lines(doc, 12)
    for ln in heads:
        s = ln.stripped
        if len(s) > 8 and not re.match(r"(?i)\d+$|404|page not found|https?://", s):
            return ln
    return heads[0] if heads else None


def _letter_parties(
    doc: Document,
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(author, author_role, addressee, addressee_role, date) from a letter's blocks."""
    ls = lines(doc)
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


def extract_info(doc: Document) -> tuple[DocumentInfo, list[Problem]]:
    text = doc.text
    head = text[:4000]
    kind = detect_kind(doc)
    force, force_pos, problems = detect_force(doc, kind)
    title = _title(doc)
    year: int | None = None
    basis = "unknown"
    pillar: str | None = None
    published = last_updated = url = publisher = None
    author = author_role = addressee = addressee_role = None
    ev_span = (title.start, title.end) if title else (0, min(len(text), 80))

    if m := REPORT_TITLE_RE.search(head):
        year, basis, pillar = int(m.group(2)), "stated", (m.group(1) or "").lower() or None
        ev_span = (m.start(), m.end())
    elif m := PAGE_TITLE_RE.search(head):
        year, basis = int(m.group(2)), "stated"
        ev_span = (m.start(1), m.end())
        pillar = _pillar(text[m.end() : m.end() + 200])
    if year is None and kind == "recommendation-page":
        m = YEAR_INSPECTION_RE.search(text) or SINCE_LAST_RE.search(text)
        if m:
            year, basis = int(m.group(1)), "stated"
            ev_span = (m.start(), m.end())
            if m.re is YEAR_INSPECTION_RE and m.group(2) and m.group(2).lower() in PILLARS:
                pillar = m.group(2).lower()
    if pillar is None:
        pillar = _pillar(head[:600]) or _pillar(
            " ".join(
                re.findall(r"(?i)(?:PEEL\s+)?(?:police\s+)?\b(\w+)\s+(?:inspection|report)", text)
            )
        )
    if m := LAST_UPDATED_RE.search(head):
        last_updated = parse_uk_numeric(UK_NUMERIC_RE.search(m.group(1)))  # type: ignore[arg-type]
    if m := COPYRIGHT_RE.search(head):
        publisher = m.group(1)
    if kind == "recommendation-page" and (m := URL_RE.search(head)):
        url = m.group(0)
    if kind in _KIND_HINTS:
        author, author_role, addressee, addressee_role, published = _letter_parties(doc)
        if year is None and published:
            # A response follows its report, published early in the year after the inspection.
            year, basis = int(published[:4]) - 1, "inferred"
    elif kind == "inspection-report":
        for m in MONTH_YEAR_RE.finditer(head[:1500]):
            published = f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
            break
    if year is None and kind == "recommendation-page":
        dates = sorted(re.findall(r"\[on\]\s*[^\[]*?(\d{4})", text))
        if dates:
            year, basis = int(dates[0]) - 1, "inferred"
    programme = f"PEEL {pillar}" if pillar else "PEEL"
    info = DocumentInfo(
        kind=kind,
        force=force,
        programme=programme,
        pillar=pillar,
        inspection_year=year,
        year_basis=basis,  # type: ignore[arg-type]
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
    )
    if force_pos < 0 and force is not None:
        problems.append(Problem("force named only indirectly"))
    return info, problems
