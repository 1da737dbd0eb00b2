"""Scanning a whole text for a pattern, trying it only where one of its prefixes stands.

Python's regular expression engine tries a pattern at every position of a text unless
the pattern starts with a literal (or, case-sensitively, with a set of characters); the
extractors' long alternations of names and phrases, case-blind and led by a word
boundary, are tried at every position, tens of thousands a document. Yet every match
of such a pattern starts with one of a few strings: "good", "outstanding", ... or the
first letters of each force's name. :class:`PrefixScan` reads those strings off the
parsed pattern, finds where they stand with ``str.find`` (C code, on the text in lower
case), and tries the pattern only there, with ``match`` at each such position against
the whole text: the same matches, in the same order, as ``finditer`` (which tries
every position from the end of the last match, and a match found at a position is the
one ``match`` finds there: the look-behinds and word boundaries see the whole text).

A pattern whose prefixes cannot be read (one that may start with any letter, a class
of characters, an optional part at its head ...) is scanned as before, and so is any
text where lower case does not keep each character in its place or could hide a
case-blind match: one holding "İ" (two characters in lower case), "ı" or "ſ" (matched
case-blind by "i" and "s", which their lower case is not).
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

# The parser of the standard library's engine: re._parser from Python 3.11, sre_parse
# before (imported by name: neither is in the type stubs, and sre_parse warns from 3.11).
_sre_parse: Any
_c: Any
try:
    _sre_parse = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - older Pythons
    _sre_parse = importlib.import_module("sre_parse")
    _c = importlib.import_module("sre_constants")

# Past this many strings a head is cut short (shorter prefixes, fewer of them).
_MOST = 48
# Prefixes shorter than this turn too few positions away to pay for the finds.
_SHORTEST = 3
# Characters whose lower case moves the characters after it, or that a case-blind
# pattern matches with a letter their lower case is not (see the module's note).
_UNSAFE = ("\u0130", "\u0131", "\u017f")

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | (
    {_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set()
)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)

# (strings, exact): every match of a part starts with one of the strings (in lower case);
# exact: the part's whole match is one of them (what follows may extend them).
_Heads = tuple[list[str], bool]
_UNKNOWN: _Heads = ([""], False)


def _char(code: int, icase: bool) -> str | None:
    """A literal character as it stands in the text in lower case, or None where that may
    be another character (a case-blind letter outside ASCII)."""
    ch = chr(code)
    low = ch.lower()
    if len(low) != 1 or (icase and not ch.isascii() and low != ch.upper()):
        return None
    return low


def _sequence(items: Sequence[tuple[Any, Any]], icase: bool) -> _Heads:
    heads = [""]
    for item in items:
        strings, exact = _node(item, icase)
        if len(heads) * len(strings) > _MOST * _MOST:
            return _shorten(heads)
        heads = sorted({h + s for h in heads for s in strings})
        if len(heads) > _MOST:
            return _shorten(heads)
        if not exact:
            return heads, False
    return heads, True


def _shorten(heads: list[str]) -> _Heads:
    """At most _MOST prefixes of ``heads``: each cut to the longest length that allows."""
    for k in range(max(map(len, heads)), _SHORTEST - 1, -1):
        cut = sorted({h[:k] for h in heads})
        if len(cut) <= _MOST:
            return cut, False
    return _UNKNOWN


def _node(item: tuple[Any, Any], icase: bool) -> _Heads:
    op, av = item
    if op in _ZERO_WIDTH:
        return [""], True
    if op is _c.LITERAL:
        ch = _char(av, icase)
        return ([ch], True) if ch is not None else _UNKNOWN
    if op is _c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            ch = _char(sub_av, icase) if sub_op is _c.LITERAL else None
            if ch is None:
                return _UNKNOWN  # a range, a category, a negation: any of many characters
            chars.add(ch)
        return sorted(chars), True
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        inner = (
            icase or bool(add & _c.SRE_FLAG_IGNORECASE)
        ) and not remove & _c.SRE_FLAG_IGNORECASE
        return _sequence(sub.data, inner)
    if op is _ATOMIC:
        return _sequence(av.data, icase)
    if op is _c.BRANCH:
        strings: list[str] = []
        exact = True
        for alternative in av[1]:
            s, e = _sequence(alternative.data, icase)
            strings += s
            exact = exact and e
        return sorted(set(strings)), exact  # (_sequence shortens a long list)
    if op in _REPEATS:
        low, high, sub = av
        s, e = _sequence(sub.data, icase)
        if low == 0:
            return (["", *s], True) if high == 1 and e else _UNKNOWN
        return s, e and low == high == 1
    return _UNKNOWN


def prefixes(pattern: re.Pattern[str]) -> list[str] | None:
    """Strings, in lower case, one of which every match of ``pattern`` starts with; None
    if none can be read, or some are shorter than is worth finding."""
    found = _prefixes(pattern)
    return found[0] if found is not None and found[1] == 0 else None


def _prefixes(pattern: re.Pattern[str]) -> tuple[list[str], int] | None:
    """:func:`prefixes`, or else strings every match has one of after its first character
    when that is optional, a quote before a name: (strings, 1)."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # a form this parser reads differently: scan as before
        return None
    icase = bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)
    items = list(parsed.data)
    heads, _exact = _sequence(items, icase)
    slack = 0
    if not heads or not all(map(_worth, heads)):
        # An optional character first ("['‘]?"): the strings after it, each tried where
        # it stands and one character before.
        lead = next((k for k, (op, _av) in enumerate(items) if op not in _ZERO_WIDTH), None)
        if lead is None or not _optional_character(items[lead], icase):
            return None
        heads, _exact = _sequence(items[lead + 1 :], icase)
        if not heads or not all(map(_worth, heads)):
            return None
        slack = 1
    # A prefix another one starts finds no position the other misses.
    kept: list[str] = []
    for h in sorted(set(heads)):  # a string sorts after every string that starts it
        if not any(h.startswith(k) for k in kept):
            kept.append(h)
    return kept, slack


def _optional_character(item: tuple[Any, Any], icase: bool) -> bool:
    """Whether ``item`` is one character or none (``x?``, ``[ab]?``)."""
    op, av = item
    if op not in _REPEATS or av[0] != 0 or av[1] != 1 or len(av[2].data) != 1:
        return False
    strings, exact = _node(av[2].data[0], icase)
    return exact and all(len(s) == 1 for s in strings)


def _factors(items: Sequence[tuple[Any, Any]], icase: bool) -> list[str] | None:
    """Strings one of which every match of the sequence holds somewhere: of each part the
    sequence cannot match without (a word, a group of alternatives), the strings its match
    starts with; the part with the fewest, longest ones. None if no part has such."""
    best: list[str] | None = None
    for i, (op, av) in enumerate(items):
        if op is _c.LITERAL and (i == 0 or items[i - 1][0] is not _c.LITERAL):
            # A word is a run of single characters to the parser: read it from its start.
            run, _exact = _sequence(items[i:], icase)
            if min(map(len, run)) >= _SHORTEST and (best is None or _better(run, best)):
                best = run
            continue
        if op in _REPEATS and av[0] == 0:
            continue  # optional: a match may go without it
        if op is _c.BRANCH:
            found: list[str] = []
            for alternative in av[1]:
                alt = _factors(alternative.data, icase)
                if alt is None:
                    found = []
                    break
                found += alt
            strings = sorted(set(found)) or None
        elif op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            inner = (
                icase or bool(add & _c.SRE_FLAG_IGNORECASE)
            ) and not remove & _c.SRE_FLAG_IGNORECASE
            strings = _factors(sub.data, inner)
        elif op in _REPEATS:
            strings = _factors(av[2].data, icase)
        else:
            heads, _exact = _node((op, av), icase)
            strings = heads if min(map(len, heads)) >= _SHORTEST else None
        if strings is None or min(map(len, strings)) < _SHORTEST or len(strings) > _MOST:
            continue
        if best is None or _better(strings, best):
            best = strings
    heads, _exact = _sequence(items, icase)
    if heads and min(map(len, heads)) >= _SHORTEST and (best is None or _better(heads, best)):
        best = heads
    return best


def _better(strings: list[str], than: list[str]) -> bool:
    """Whether ``strings`` rule out more spans: longer at their shortest, then fewer."""
    return (min(map(len, strings)), -len(strings)) > (min(map(len, than)), -len(than))


def _worth(head: str) -> bool:
    """Whether a prefix turns away enough positions to pay for finding it: three
    characters, or a digit (a name such as "4P"; digits are few in a text's characters)."""
    return len(head) >= _SHORTEST or (head[:1].isascii() and head[:1].isdigit())


def factors(pattern: re.Pattern[str]) -> list[str] | None:
    """Strings, in lower case, one of which every match of ``pattern`` holds; None if no
    such strings of three characters or more can be read."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    return _factors(parsed.data, bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE))


@lru_cache(maxsize=256)
def _words_of(pattern: re.Pattern[str]) -> tuple[list[str], bool] | None:
    """The :func:`factors` of ``pattern``, and whether the pattern is just those strings,
    case-blind (then a span holds a match exactly where it holds one of them)."""
    words = factors(pattern)
    if words is None:
        return None
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    heads, exact = _sequence(parsed.data, True)
    plain = (
        exact
        and bool(pattern.flags & re.IGNORECASE)
        and "(?-i" not in pattern.pattern
        and sorted(set(heads)) == words
    )
    return words, plain


def spans_holding(
    word: re.Pattern[str], text: str, spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping: a document's sentences) within whose bounds
    ``word`` finds a match, as ``word.search(text, a, b)`` does: only spans where one of
    its :func:`factors` stands are searched, found by ``str.find`` over the whole text
    (the search of every span was most of this); none where the pattern is those words."""
    found = _words_of(word)
    low = lower(text) if found is not None else None
    ordered = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    if found is None or low is None or not ordered:
        return [(a, b) for a, b in spans if word.search(text, a, b) is not None]
    if not spans:
        return []
    words, plain = found
    starts = [a for a, _b in spans]
    # Only from the first span to the last: many callers ask of one sentence or a few.
    lo, hi = spans[0][0], spans[-1][1]
    hit: set[int] = set()
    for w in words:
        i = low.find(w, lo, hi)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            if k >= 0 and i + len(w) <= spans[k][1]:
                hit.add(k)
            i = low.find(w, i + 1, hi)
    held = [spans[k] for k in sorted(hit)]
    return held if plain else [(a, b) for a, b in held if word.search(text, a, b) is not None]


class _Lower:
    """The last text asked for and its lower case (None where that is not safe)."""

    text: str | None = None
    low: str | None = None


_LAST = _Lower()


def lower(text: str) -> str | None:
    """``text`` in lower case, each character in its place, or None (see the module)."""
    if _LAST.text is not text:
        low = None if any(u in text for u in _UNSAFE) else text.lower()
        _LAST.text, _LAST.low = text, (low if low is not None and len(low) == len(text) else None)
    return _LAST.low


class PrefixScan:
    """``pattern.finditer`` tried only where one of the pattern's prefixes stands (or, for
    a pattern without, only in a text that holds one of its :func:`factors`)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        found = _prefixes(pattern)
        self.prefixes: list[str] | None = found[0] if found is not None else None
        self.slack = found[1] if found is not None else 0
        # Without prefixes, the words every match holds somewhere: a text (most of them,
        # for a rare body's name) that holds none of them is not scanned at all.
        self.words = factors(pattern) if found is None else None

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        low = lower(text) if self.prefixes is not None or self.words is not None else None
        if low is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        if self.prefixes is None:
            if self.words is not None and any(low.find(w, pos, end) >= 0 for w in self.words):
                yield from self.pattern.finditer(text, pos, end)
            return
        assert self.prefixes is not None
        starts: set[int] = set()
        for prefix in self.prefixes:
            i = low.find(prefix, pos, end)
            while i >= 0:
                starts.add(i)
                if self.slack and i > pos:
                    starts.add(i - 1)  # the optional character before it
                i = low.find(prefix, i + 1, end)
        match = self.pattern.match
        reached = pos
        for start in sorted(starts):
            if start < reached:
                continue  # inside the last match: finditer goes on from its end
            m = match(text, start, end)
            if m is not None:
                yield m
                # Every match holds a prefix, so none is empty.
                reached = m.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


class Gated:
    """``pattern.finditer`` over a text only where the text holds what every match needs.

    ``needs`` is a choice of conditions, each a few patterns: every match of ``pattern``
    holds, for one condition at least, a match of each of its patterns (a part of the
    pattern written out alone, led by a literal or a set of characters, which the engine
    finds fast: a part its matches cannot do without). A text, or bounds, where no condition
    holds has no match, and is not scanned; elsewhere the scan is ``pattern``'s own. For
    the long patterns that start at every capitalised word or article and match in few
    texts (a list of forces before "forces", a name in quotes), the scan of every position
    was the cost."""

    def __init__(
        self, pattern: re.Pattern[str], needs: Sequence[Sequence[re.Pattern[str]]]
    ) -> None:
        self.pattern = pattern
        self.needs = tuple(tuple(condition) for condition in needs)

    def may_match(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether one of the conditions holds in ``text[pos:endpos]``."""
        end = len(text) if endpos is None else endpos
        return any(
            all(need.search(text, pos, end) is not None for need in condition)
            for condition in self.needs
        )

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        if self.may_match(text, pos, end):
            yield from self.pattern.finditer(text, pos, end)


def max_width(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` can take, or None if it has no bound."""
    width = _sre_parse.parse(pattern).getwidth()[1]
    return None if width >= _c.MAXREPEAT else int(width)
