"""A document's kind and who reports what it says, read from the forms its opening takes.

The kind is decided by the first rule of :data:`KIND_RULES` that holds, most
specific form first: a tracking page, a letter, minutes, the inspectorate's own
forms (a report, a force page), a force's statement, the inspectorate's
publication pages and letters, a commissioner's page. Everything is read from
the text, never from the file name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from peelgraph.extract.attribution import (
    INSPECTION_OF_RE,
    REC_URL_RE,
    SIGN_OFF_RE,
    areas_named,
    mentions,
)
from peelgraph.extract.facts import DocumentKind, Reporter
from peelgraph.extract.text import Line, lines
from peelgraph.extract.titles import content_lines, page_title
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.reference.kinds import REPORT_KINDS

# A status history entry: "[on]" and a date (a page that only writes about the markup,
# "[on]...[status]...", tracks nothing).
STATUS_MARKUP_RE = re.compile(
    r"\[on\]\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}|\[on\]\s*\d{1,2}/\d{1,2}/\d{4}",
    re.IGNORECASE,
)
LAST_UPDATED_RE = re.compile(r"Last updated:?\s+(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
SALUTATION_RE = re.compile(r"^[^\S\n]*Dear\s+\S", re.MULTILINE)
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


# The inspector's own letter on a force's page, in the first person: "Read more about my
# assessment of Norfolk Constabulary's performance this year".
_INSPECTORS_OWN_RE = re.compile(r"\bmy\s+assessment\s+of\s+(?:the\s+)?[A-Z]")


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
    m = _INSPECTORS_OWN_RE.search(o.head_text)
    if m and not _quoted(o, m) and not _speaks_of(o):
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


def reporter(kind: str, text: str) -> Reporter:
    """Who states what a document of ``kind`` says: the inspectorate, its press office, the
    force, the commissioner, the panel that holds the commissioner to account, or another."""
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


_INSPECTORATE_NAMED_RE = re.compile(r"\bHMIC\w*|\bInspectorate\s+of\s+Constabulary\b")
_FIRST_PERSON_PLURAL_RE = re.compile(r"(?i)\b(?:we|our|ours|us)\b")


def republished(kind: DocumentKind, scope: str, text: str) -> bool:
    """A page about one force's inspection told by nobody in particular: the inspectorate
    in the third person ("the report published by HMIC today has graded X"), no speaker
    of its own (no "we", "our", "us": neither the inspectorate's nor the force's voice,
    nor a commissioner quoted). Commissioners publish their force's inspection reports
    and what they say of them (section 55 of the Police Act 1996), so that is whose."""
    return (
        kind == "other"
        and scope == "force"
        and reporter(kind, text) == "other"
        and _INSPECTORATE_NAMED_RE.search(text[:3000]) is not None
        and _FIRST_PERSON_PLURAL_RE.search(text[:3000]) is None
    )


def letter_kind(text: str, head: list[Line]) -> DocumentKind | None:
    """The kind of a letter ("Dear ...", "Yours sincerely"), or None when it is none."""
    return _letter(_Opening(text, head, text[: max(3000, head[-1].end if head else 0)]))
