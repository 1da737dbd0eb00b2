"""The one sentence splitter of the project.

Evidence spans, the sentence index a document graph carries and the units the
linker pairs are all cut by :func:`sentence_spans`, so that two facts quoting
the same sentence quote the same characters.

A sentence ends

* at a full stop, question or exclamation mark (with any closing quote or
  bracket) followed by white space and a capital, digit, quote or bracket,
  unless the word before the stop is an abbreviation ("e.g.", "No.") or an
  initial ("J. Smith"); a stop inside a number ("2.5") never ends one, and a
  stop with a space before it ("processes . additionally") always does;
* at a blank line, and at a list bullet (the bullet itself is in neither);
* at a line break, unless the line was wrapped: the line does not end with
  sentence or clause punctuation and the next begins in lower case or the
  line ends on a comma, a hyphen or a word such as "and" or "of", which no
  sentence ends with (text from PDFs is wrapped at the page width).

Headings, grades on a line of their own ("Good") and list items are
sentences of their own; :func:`sentences` says which is which.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    """
    e.g eg i.e ie etc cf vs viz al approx incl no nos para paras fig figs p pp vol ch
    mr mrs ms dr prof rt hon sir st supt insp sgt det ch.supt cllr co ltd plc inc dept govt
    a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec op ref
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
# Words a wrapped line may end on but no sentence ends with.
_CONTINUING = frozenset(
    """
    a an the of to in and or for with that this its by on at as from their our its
    which who whom whose is are was were be been has have had not but if into than
    such so its very more most also including between across within through about
    """.split()  # noqa: SIM905
)
_CANDIDATE = re.compile(
    # Every candidate starts with one of these characters (each form consumes one at
    # least): tried first, the test turns most positions of a text away at one character
    # instead of five forms' lookbehinds, the same matches in a quarter of the time.
    r"(?=[ \t\n•.!?])(?:"
    r"(?P<blank>(?<![ \t])[ \t]*\n(?:[ \t]*\n)+[ \t]*)"  # a blank line
    r"|(?P<bullet>(?<![ \t])[ \t]*•[ \t]*)"  # a list bullet
    r"|(?P<line>(?<![ \t])[ \t]*\n[ \t]*)"  # a line break
    r"|(?P<stop>(?<![.!?])[.!?]+[\"'’”)\]]*)(?=[ \t])"  # end punctuation before a space
    # A stop glued to the next sentence, as scraped pages have it ("2017.The force"):
    # after a lower-case word or a number, before a capitalised word.
    r"|(?P<glued>(?<=[a-z0-9])[.!?](?=[A-Z][a-z]))"
    r")"
)
# Every candidate holds one of these characters (the forms led by spaces take them only
# before a line break or a bullet): see :func:`_candidates`.
_ANCHOR = re.compile(r"[\n•.!?]")
_OPENER = re.compile(r"[ \t]+(?=[A-Z0-9‘“'\"(\[•£])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LIST_ITEM = re.compile(r"(?:[-–*•]|\d{1,2}[.)]|\(?[a-z]\)|\(?[ivx]{1,4}\))\s")
# A sentence that announces what follows it: "The following AFI was included in ...".
_ANNOUNCES = re.compile(r"(?i)(?:the\s+following\b|.*\bas\s+follows\W*$)")
_NUMBER_MARK = re.compile(r"[ \t]*\d{1,2}")
_LINE_END = re.compile(r"[.!?:;][\"'’”)\]]*$")


@dataclass(frozen=True)
class Span:
    """A sentence: its offsets in the text and what kind of line it is."""

    start: int
    end: int
    kind: str  # sentence | heading (a line without end punctuation) | item (a list entry)
    # | stub (a lead-in: ending with a colon, "The force should:", or announcing what
    # follows, "The following AFI was included in the 2017 report.")


def _ends_sentence(text: str, stop_start: int, after: int, limit: int) -> bool:
    """Whether the full stop at ``stop_start`` ends its sentence (``after`` is past it)."""
    if not _OPENER.match(text, after, limit):
        # A lower-case word follows ("e.g. the"): the sentence goes on, unless the stop
        # stands apart from any word ("processes . additionally", a form's typing).
        return stop_start > 0 and text[stop_start - 1] in " \t"
    if text[stop_start] != ".":
        return True
    # Only a stop after a digit can close a list number: the search back for the line's
    # start (a paragraph's whole length, at every stop in it) is made for those alone.
    if stop_start > 0 and text[stop_start - 1].isdecimal():  # str.isdecimal is \d
        line_start = text.rfind("\n", 0, stop_start) + 1
        if _NUMBER_MARK.fullmatch(text, line_start, stop_start):
            return False  # "1. The first item": a list number, not a sentence's end
    m = _WORD_BEFORE.search(text, max(0, stop_start - 12), stop_start)
    if m is None:
        return True
    if m.group(1).lower().rstrip(".") in _ABBREVIATIONS:  # (_abbreviation's own search)
        return False
    return not (len(m.group(1)) == 1 and m.group(1).isupper())  # an initial: "J. Smith"


def _abbreviation(text: str, stop_start: int) -> bool:
    """Whether the word before the stop at ``stop_start`` is an abbreviation ("e.g")."""
    m = _WORD_BEFORE.search(text, max(0, stop_start - 12), stop_start)
    return m is not None and m.group(1).lower().rstrip(".") in _ABBREVIATIONS


def _wrapped(text: str, line_start: int, brk: int, next_start: int) -> bool:
    """Whether the line break at ``brk`` only wraps a sentence onto the next line."""
    # Only the end of the line decides, and the line grows with every line it joins: read
    # its last words, or a run of thousands of wrapped lines is read again at each break.
    end = brk
    while end > line_start and text[end - 1].isspace():
        end -= 1
    if end == line_start:
        return False
    tail = text[max(line_start, end - 40) : end]
    if _LINE_END.search(tail):
        return False
    nxt = text[next_start : next_start + 4]
    if not nxt or _LIST_ITEM.match(text, next_start):
        return False
    if nxt[0].islower():
        return True
    last = tail.rsplit(None, 1)[-1].lower()
    return tail.endswith((",", "-", "–", "(")) or last in _CONTINUING


def _candidates(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """The matches of ``_CANDIDATE.finditer(text, start, stop)``, tried only where one can
    start.

    Its look-ahead lets through every space of a text (a sixth of its characters), and at
    each the five forms were tried: the scan was a third of splitting a document. Yet every
    match holds a line break, a bullet or end punctuation (:data:`_ANCHOR`, found by the
    engine's fast scan for a set of characters), and starts either there or, for the forms
    led by spaces, where the run of spaces just before it starts (their look-behind fails
    inside a run, and the other forms start with punctuation). Between the end of the
    last match and such a place no position can match, so trying the pattern at each
    place in turn, with ``match`` against the whole text and the same bounds, finds what
    ``finditer`` finds, in the same order."""
    match = _CANDIDATE.match
    reached = start
    for anchor in _ANCHOR.finditer(text, start, stop):
        p = anchor.start()
        if p < reached:
            continue  # inside the last match: finditer goes on from its end
        r = p
        while r > reached and text[r - 1] in " \t":
            r -= 1
        m = match(text, r, stop)
        if m is None and r < p:
            m = match(text, p, stop)
        if m is not None:
            yield m
            reached = m.end()  # every form takes a character at least: none is empty


# What each boundary was cut by: a stop (full stop or a glued one), a bullet, or a line
# break or blank line (which starts a new line for :func:`_wrapped`).
_STOP, _BULLET, _NEWLINE = 0, 1, 2


def _cuts(
    text: str,
    start: int,
    stop: int,
    until: dict[int, int] | None = None,
    line_start: int | None = None,
    line_starts: list[int] | None = None,
) -> list[tuple[int, int, int]]:
    """(end of a sentence, start of the next, what cut it) at every boundary of
    ``text[start:stop]``; with ``until``, up to the first line break or blank line that
    ends at one of its keys. ``line_start``: where the line at ``start`` starts (there,
    unless a scan goes on from a boundary within a line); ``line_starts``, when given,
    gets the line start after each cut."""
    out: list[tuple[int, int, int]] = []
    line_start = start if line_start is None else line_start
    for m in _candidates(text, start, stop):
        a, b = m.span()
        group = m.lastgroup
        if group == "stop":
            if not _ends_sentence(text, a, b, stop):
                continue
            out.append((b, b, _STOP))
        elif group == "glued":
            if _abbreviation(text, a):
                continue
            out.append((b, b, _STOP))
        elif group == "line" and _wrapped(text, line_start, a, b):
            continue
        elif group == "bullet":
            out.append((a, b, _BULLET))
        else:
            line_start = b
            out.append((a, b, _NEWLINE))
            if until is not None and b in until:
                break
        if line_starts is not None:
            line_starts.append(line_start)
    return out


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, white space trimmed.

    Offsets count in ``text``; a sentence never crosses ``start`` or ``end``.
    """
    return [(s.start, s.end) for s in sentences(text, start, end)]


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of ``text[start:end]`` with their kind (see :class:`Span`)."""
    stop = len(text) if end is None else end
    if start == 0 and stop == len(text) and len(text) >= _CACHED_FROM:
        # The whole of a document's text is split by every extractor's context and again
        # by the graph writer: once per document (a copy: the caller may change its list).
        return list(_split_of(text).spans)
    return _spans(text, start, stop, _cuts(text, start, stop))


def _spans(
    text: str,
    start: int,
    stop: int,
    cuts: list[tuple[int, int, int]],
    after: list[int] | None = None,
    final: bool = True,
    bullet: bool = False,
) -> list[Span]:
    """The sentences between ``cuts`` (and after the last, up to ``stop``, if ``final``);
    ``after``, when given, gets for each cut how many sentences there are up to the one
    it ends; ``bullet``: whether a bullet opens the first sentence."""
    out: list[Span] = []
    pos = start
    for a, b, cut in [*cuts, (stop, stop, _STOP)] if final else cuts:
        s, e = pos, a
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        item = bullet or _is_item(text, s)
        if item and (mark := _LIST_ITEM.match(text, s)) and mark.end() < e:
            s = mark.end()  # the item without its marker, as a bullet's item without the bullet
        if s < e:
            out.append(Span(s, e, _kind(text, s, e, item)))
        if after is not None:
            after.append(len(out))
        pos, bullet = b, cut == _BULLET
    return out


def _is_item(text: str, s: int) -> bool:
    line_start = text.rfind("\n", 0, s) + 1
    return line_start == s and bool(_LIST_ITEM.match(text, s))


def _kind(text: str, s: int, e: int, item: bool) -> str:
    body = text[s:e]
    # Both of _ANNOUNCES's forms hold "follow" (letters no other character matches
    # case-blind): a sentence without it is not tried by ".*", at each of its positions.
    if body.endswith(":") or ("follow" in body.lower() and _ANNOUNCES.match(body)):
        return "stub"
    if item:
        return "item"
    if not _LINE_END.search(body):
        return "heading"
    return "sentence"


# Texts at least this long are split once and kept (see _Split): a document's text. A line
# or a sentence split on its own is cheaper to split again than to keep.
_CACHED_FROM = 256


class _Split:
    """The whole split of one text, and enough of how it was cut to split a window of it
    mostly from it (see :meth:`window`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts: list[int] = []  # where the line is after each cut
        cuts = _cuts(text, 0, len(text), line_starts=self.line_starts)
        self.cuts = cuts
        self.cut_ends = [b for _a, b, _cut in cuts]
        self.after: list[int] = []
        self.spans = _spans(text, 0, len(text), cuts, self.after)
        # The line breaks and blank lines: where the scan of any window that meets one of
        # them falls in step with the whole text's (see :meth:`window`).
        self.opens = {b: k for k, (_a, b, cut) in enumerate(cuts) if cut == _NEWLINE}
        self.open_ends = sorted(self.opens)
        # Evidence is cut for every fact of a document, most of them in paragraphs other
        # facts stand in too (a 22-document sample split 1,929 windows, a fifth of its
        # extraction time): each window once.
        self.windows: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def window(self, lo: int, hi: int) -> list[Span]:
        """The sentences of ``text[lo:hi]``, as :func:`sentences` splits them.

        The scan of a window is the whole text's scan once both stand at the end of the
        same line break or blank line: both go on from there with the line starting there
        and no bullet open, and the candidates they find and how they decide them are the
        same up to any boundary ending two characters or more before ``hi``. Near ``hi``
        they may differ (a candidate's lookahead or greedy run stops at the window's
        end), as they may near ``lo`` (a candidate cut in two, a line that starts at
        ``lo``). So only the head of the window, up to its first line break that is one
        of the whole text's, and its tail, from the whole text's last boundary ending by
        ``hi - 2``, are scanned, the tail with the line start and bullet the whole text
        has there; the sentences between are the whole text's. (A stop's check for a
        capital after its spaces stops at the next boundary, before that one; for a stop
        that is that boundary, its spaces must end before ``hi``.)
        """
        text = self.text
        if lo == 0:
            k, head = -1, []
        elif (k0 := self.opens.get(lo)) is not None:
            k, head = k0, []
        else:
            head_cuts = _cuts(text, lo, hi, self.opens)
            if not head_cuts or head_cuts[-1][2] != _NEWLINE or head_cuts[-1][1] not in self.opens:
                return _spans(text, lo, hi, head_cuts)  # never in step: the window whole
            k = self.opens[head_cuts[-1][1]]
            head = _spans(text, lo, hi, head_cuts, final=False)
        first = self.after[k] if k >= 0 else 0
        if hi == len(text):
            return head + self.spans[first:]
        k2 = bisect_right(self.cut_ends, hi - 2) - 1
        if k2 > k and self.cuts[k2][2] == _STOP:
            b = self.cuts[k2][1]
            if not text[b:hi].strip(" \t"):
                k2 -= 1  # its spaces run to the window's end: the window decides it alone
        if k2 <= k:
            start = self.cuts[k][1] if k >= 0 else 0
            return head + _spans(text, start, hi, _cuts(text, start, hi))
        _a, start, cut = self.cuts[k2]
        tail = _cuts(text, start, hi, line_start=self.line_starts[k2])
        middle = self.spans[first : self.after[k2]]
        return head + middle + _spans(text, start, hi, tail, bullet=cut == _BULLET)


# One text at a time, so that a worker reading many documents holds no more than the one
# it reads.
_CURRENT: list[_Split | None] = [None]


def _split_of(text: str) -> _Split:
    split = _CURRENT[0]
    if split is None or split.text is not text:
        split = _CURRENT[0] = _Split(text)
    return split


def _window_bounds(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The starts and the ends of the sentences of ``text[lo:hi]`` (both ascending: the
    sentences of a text follow one another)."""
    split = _split_of(text)
    found = split.windows.get((lo, hi))
    if found is None:
        spans = split.window(lo, hi) if lo < hi else []
        found = split.windows[(lo, hi)] = ([s.start for s in spans], [s.end for s in spans])
    return found


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> tuple[int, int]:
    """The sentence (or sentences) holding ``text[start:end]``, at most ``limit``
    characters: a longer one is trimmed to a window around the span."""
    # The paragraph around the span, at most two limits either side of it.
    lo = text.rfind("\n\n", max(0, start - limit * 2), start)
    lo = max(0, start - limit * 2) if lo < 0 else lo + 2
    hi = text.find("\n\n", end, end + limit * 2)
    hi = min(len(text), end + limit * 2) if hi < 0 else hi
    # The sentences that meet the span: a run of them, from the first ending after its
    # start to the last starting before its end (found by halving, not by reading all).
    starts, ends = _window_bounds(text, lo, hi)
    i = bisect_right(ends, start)
    j = bisect_left(starts, max(end, start + 1))
    s, e = (starts[i], ends[j - 1]) if i < j else (start, end)
    s, e = min(s, start), max(e, end)
    if e - s > limit:
        s = max(s, start - (limit - (end - start)) // 2)
        e = min(e, s + limit)
    return s, e
