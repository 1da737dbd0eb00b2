"""What a later document says became of an earlier finding: one classifier, one vocabulary.

Three kinds of cue are read in the text after a reference (and in the
reference itself where nothing follows): what was *done* ("has implemented",
"now has", "confirmed that"), what *progressed* ("made progress", "is being
progressed"), and what is still *missing* ("however", "not yet", "still
needs"). Done beats progress; either with a stated gap is partly addressed; a
gap alone is not addressed.
"""

from __future__ import annotations

import re

DONE = re.compile(
    r"(?i)\b(?:responded\s+positively|now\s+(?:has|have|uses|conducts|manages|in\s+place|deals\s+with|sits)|"
    r"has\s+now\s+been|is\s+satisfied\s+that|(?:has|have)\s+(?:now\s+)?been\s+transferred|"
    r"has\s+since|(?:has|have)\s+(?:been\s+)?(?:now\s+|\w+ly\s+)?(?:implemented|completed|addressed|developed|introduced|"
    r"established|created|restructured|enhanced|resolved|improved|put\s+in\s+place)|"
    r"(?:was|were)\s+(?:implemented|completed|introduced|created|established)|created|is\s+now|we\s+are\s+pleased|"
    r"and\s+addressed|(?:an\s+)?improvement\s+on\s+last\s+year|confirmed\s+that|as\s+per\s+(?:national\s+)?guidance|"
    r"(?:action\s+is|is\s+now|is\s+therefore)\s+complete|can\s+be\s+closed)\b"
)
PROGRESS = re.compile(
    r"(?i)\b(?:(?:considerable|good|some|significant|much|notable|marked|substantial)\s+(?:progress|improvements?)|made\s+progress|"
    r"(?:progress|improvements?)\s+(?:\w+\s+){1,5}?(?:has|have)\s+(?:been\s+)?(?:made|achieved)|"
    r"progress\s+achieved|improvements?\s+made|led\s+to\s+(?:\w+\s+)?improvements?|"
    r"progress\s+(?:has|had)\s+been|(?:made|some)\s+improvements?|an\s+improvement\s+on|more\s+detailed|"
    r"being\s+progressed|(?:has|have)\s+(?:\w+\s+)?a\s+better|(?:is|are)\s+(?:now\s+)?(?:addressing|improving)|(?:is|are)\s+working\s+(?:\w+\s+){0,3}to\s+(?:tackle|address|improve|resolve))\b"
)
GAP = re.compile(
    r"(?i)\b(?:however|but|still|not\s+always|only\s+(?:has\s+)?limited|limited|needs\s+to\s+do\s+more|"
    r"yet\s+to|not\s+yet|as\s+yet|not\s+entirely|not\s+fully|n[’']t\s+fully|doesn[’']t|does\s+not|is\s+not|are\s+not|"
    r"inconsistent\w*|slow|insufficient)\b"
)
NEGATIVE = re.compile(
    r"(?i)\b(?:not\s+yet\s+addressed|has\s+not\s+(?:yet\s+)?(?:addressed|improved|made)|still\s+(?:needs|unable|not|does\s+not|lacks)|"
    r"little\s+has\s+been\s+done|(?:made\s+)?(?:little|no)\s+(?:real\s+)?progress|remains?|disappointing|shortcomings?|of\s+(?:particular\s+)?concern|deteriorated|"
    r"(?:has|have)n[’']t\s+(?:yet\s+|fully\s+)?(?:addressed|improved|made)|performance\s+has\s+declined|"
    r"less\s+assured|should\s+still|similar\s+observations|raised\s+again|repeated(?:ly)?|continues\s+to\s+(?:lack|be\s+un)|unable\s+to|is\s+not\s+(?:yet\s+)?)\b"
)
PARTIAL = re.compile(r"(?i)\b(?:however|but|although|still|only|needs\s+to\s+be|yet\s+to)\b")
MODAL = re.compile(
    r"(?i)\b(?:will|plans?\s+to|intends?\s+to|is\s+(?:developing|considering)|aims?\s+to)\b"
)
_CONCESSION = re.compile(r"(?i)^\s*(?:although|while|whilst|despite)\b")
# "In 2016, we identified that the force had not ..." reports the earlier
# finding: its words describe the old problem, not what the force does now.
_REPORTED = re.compile(
    r"(?i)\b(?:we|HMIC\w*)\s+(?:also\s+)?(?:identified|found|reported|said|stated|recommended|commented|noted|highlighted)\b"
)
_THEN = re.compile(r"(?i)(?:,\s*(?:but|and|yet)\s|;\s*)")
# An unchanged judgement: what it was tells whether anything was left to address.
_UNCHANGED = re.compile(r"(?i)\b(?:the\s+same\s+as|unchanged\s+from|no\s+change\s+from)\b")
_EARLIER_BAD = re.compile(r"(?i)\b(?:requir\w*\s+improvement|inadequate)\b")


def _state(state: str, concession: bool) -> str:
    done, progress, gap = DONE.search(state), PROGRESS.search(state), GAP.search(state)
    if (done or progress or concession) and gap:
        return "partly-addressed"
    if done:
        return "addressed"
    if progress:
        return "partly-addressed"  # progress, with no word that it is complete
    if gap:
        return "not-addressed"
    return "unclear"


def outcome(sentence: str, following: list[str]) -> str:
    """What the later document says became of the earlier finding its sentence names."""
    if _UNCHANGED.search(sentence):
        return "not-addressed" if _EARLIER_BAD.search(sentence) else "unclear"
    reported = _REPORTED.search(sentence)
    if reported:
        # The report's own verdict is before the reporting verb ("This is
        # disappointing because HMIC highlighted ...") or after a "but"/"and".
        then = _THEN.search(sentence, reported.end())
        state = sentence[: reported.start()] + " " + (sentence[then.end() :] if then else "")
    else:
        state = sentence
    concession = any(_CONCESSION.search(f) for f in following[:1])
    found = _state(" ".join([state, *following]), concession)
    if found != "unclear":
        return found
    # Nothing said after the reference: the cue words of the sentence itself.
    nxt = following[0] if following else ""
    neg, pos = NEGATIVE.search(sentence), DONE.search(sentence) or PROGRESS.search(sentence)
    if not (neg or pos):
        neg, pos = NEGATIVE.search(nxt), DONE.search(nxt) or PROGRESS.search(nxt)
    if pos and (neg or PARTIAL.search(sentence) or PARTIAL.search(nxt[:200])):
        return "partly-addressed"
    if pos:
        return "addressed"
    if neg:
        return "not-addressed"
    return "unclear"


def tracking_outcome(sentence: str) -> str:
    """A status comment's verdict on its recommendation: progress with a gap is partial."""
    done, progress, gap = DONE.search(sentence), PROGRESS.search(sentence), GAP.search(sentence)
    if progress or (gap and (done or re.search(r"(?i)transferred|implemented", sentence))):
        return "partly-addressed"
    if done and not MODAL.search(sentence):
        return "addressed"
    return "unclear"
