"""A document after ingest: its cleaned text, the map back to the file, its pages.

What :mod:`peelgraph.ingest.read` hands to extraction; every fact's evidence span is a
span of :attr:`Document.text`, mapped back to the file by :meth:`Document.source_span`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Page:
    """A PDF page: its number (1-based) and its span in the cleaned text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A source document after ingest.

    ``text`` is the cleaned text the extractors read; ``raw_text`` is the text
    as read from the file (for PDFs, the text layer page by page, joined by
    blank lines). ``segments`` map one to the other: each is
    ``(clean_start, raw_start, clean_len, raw_len)``; equal lengths map char
    by char, unequal ones (a decoded entity, an inserted line break) map as a
    whole. Kept compact so that huge files do not need an int per character.
    """

    path: str
    name: str
    checksum: str
    media_type: str
    text: str
    raw_text: str
    segments: tuple[tuple[int, int, int, int], ...]
    pages: tuple[Page, ...] = ()
    # Its public address (an http(s) URL), where one is known: an HTML page's canonical
    # link, a PDF's metadata, or the index given to the build (peelgraph.ingest.address).
    address: str | None = None

    @property
    def doc_id(self) -> str:
        """Content-derived id: the same bytes under another name are the same document."""
        return self.checksum[:16]

    def page_at(self, pos: int) -> int | None:
        """The page number of cleaned-text position ``pos`` (None for web pages)."""
        if not self.pages:
            return None
        i = bisect_right(self._page_starts, pos) - 1
        return self.pages[max(i, 0)].number

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s[0] for s in self.segments]

    @cached_property
    def _page_starts(self) -> list[int]:
        return [p.start for p in self.pages]

    def _raw_pos(self, pos: int, *, end: bool) -> int:
        i = bisect_right(self._segment_starts, pos - 1 if end else pos) - 1
        if i < 0:
            return 0
        c0, r0, clen, rlen = self.segments[i]
        if clen == rlen:
            return r0 + min(pos - c0, clen)
        return r0 + rlen if end else r0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned-text span to the span of the original text it came from."""
        if not self.segments:
            return start, end
        return self._raw_pos(start, end=False), self._raw_pos(end, end=True)
