"""Lists as documents lay them out: bullets, wrapped lines, sub-items after a colon.

PDF text loses indentation and HTML text keeps it; both keep the bullet marks
and the list punctuation ("; and", the final "."), which is what these helpers
read to say where an item starts, where it ends and which items it owns.
"""

from __future__ import annotations

from peelgraph.extract.sections import BULLET_RE as _BULLET
from peelgraph.extract.text import Line
from peelgraph.ingest.document import Document

Item = tuple[int, int, list[tuple[int, int]]]


def bullets(doc: Document, ls: list[Line], i: int) -> tuple[list[Item], int]:
    """Bullet items from line ``i`` on: (start, end, sub-item spans), and the next line index."""
    items: list[Item] = []
    base_indent: int | None = None
    n = len(ls)
    blank_run = 0
    while i < n:
        ln = ls[i]
        if not ln.stripped:
            blank_run += 1
            if blank_run > 2 and items:
                break
            i += 1
            continue
        m = _BULLET.match(ln.text)
        if m:
            indent = len(m.group("indent").expandtabs(4))
            if base_indent is None:
                base_indent = indent
            body = ln.start + m.end()
            if indent > base_indent and items:
                s, _, subs = items[-1]
                subs.append((body, ln.end))
                items[-1] = (s, ln.end, subs)
            else:
                items.append((body, ln.end, []))
            blank_run = 0
            i += 1
            continue
        if (
            items
            and blank_run == 0
            and not doc.text[items[-1][0] : items[-1][1]]
            .rstrip()
            .endswith((".", "?", "!", ".’", ".'", '."'))
        ):
            # A wrapped line continues the bullet above it, unless that bullet ended
            # its sentence (PDF text has no blank line between a list and what follows).
            s, _, subs = items[-1]
            if subs:
                subs[-1] = (subs[-1][0], ln.end)
            items[-1] = (s, ln.end, subs)
            i += 1
            continue
        break
    return nest_after_colon(doc, items), i


def nest_after_colon(doc: Document, items: list[Item]) -> list[Item]:
    """A bullet ending in ':' owns the bullets after it, up to one that ends a sentence.

    PDF text loses indentation, so sub-bullets arrive as siblings; the colon
    and the list punctuation ("; and", the final ".") still say where they belong.
    """
    out: list[Item] = []
    owner: int | None = None
    for start, end, subs in items:
        text = doc.text[start:end].rstrip()
        if owner is not None:
            s0, _, osubs = out[owner]
            osubs.append((start, end))
            out[owner] = (s0, end, osubs)
            if text.endswith("."):
                owner = None
            continue
        out.append((start, end, subs))
        if text.endswith(":") and not subs:
            owner = len(out) - 1
    return out
