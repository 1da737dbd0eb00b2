"""A document's public address: where an analyst can cite it, rather than a file name.

Three places say it, read in this order of trust:

- a sidecar index given to ``build --index FILE``: a CSV or a Markdown table with a column
  of file names and a column of addresses (``file``/``name``/``path`` and
  ``address``/``url``/``source``), the person's own statement of where each file came from;
- an HTML page's ``<link rel="canonical">``, else its ``<meta property="og:url">``;
- a PDF's metadata: an info-dictionary entry (``/URL``, ``/Source``, ``/BaseURL``, or a
  standard entry such as ``/Subject`` holding nothing but an address) or XMP's
  ``dc:source``/``xmp:BaseURL``.

Only absolute http(s) addresses are kept; anything else is no address.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from peelgraph.errors import UsageError

_URL = re.compile(r"https?://[^\s<>\"'|]+", re.I)
_FILE_COLUMNS = ("file", "file name", "filename", "name", "path", "document")
_ADDRESS_COLUMNS = ("address", "url", "source", "public address", "link")


def as_address(value: str | None) -> str | None:
    """``value`` if it is one absolute http(s) address (surrounding space dropped), else None."""
    if not value:
        return None
    value = value.strip()
    return value if _URL.fullmatch(value) else None


def html_address(tag: str, attrs: dict[str, str | None]) -> tuple[int, str] | None:
    """(rank, address) from a ``<link rel=canonical>`` (rank 0) or ``og:url`` meta (rank 1)."""
    rel = (attrs.get("rel") or "").lower().split()
    if tag == "link" and "canonical" in rel and (url := as_address(attrs.get("href"))):
        return 0, url
    prop = (attrs.get("property") or attrs.get("name") or "").lower()
    if tag == "meta" and prop == "og:url" and (url := as_address(attrs.get("content"))):
        return 1, url
    return None


# An info dictionary's entry written as a literal string (PDF 1.4 style, uncompressed), and
# XMP's elements or attributes (XMP packets are stored uncompressed so tools can find them).
_PDF_INFO = re.compile(rb"/(?:URL|Source|BaseURL|URI)\s*\((https?://[^()\\\s]+)\)")
_XMP = re.compile(
    rb"<(?:dc:source|xmp:BaseURL|xmpMM:DocumentURL)>\s*(?:<rdf:\w+>\s*<rdf:li[^>]*>)?\s*"
    rb"(https?://[^<\s]+)"
    rb"|(?:dc:source|xmp:BaseURL)=\"(https?://[^\"\s]+)\""
)


def pdf_address(data: bytes, info: dict[str, str] | None = None) -> str | None:
    """The address a PDF's metadata gives: a dedicated entry first, then a standard entry
    (``info``, as PDFium reads it) whose whole value is an address."""
    for m in _PDF_INFO.finditer(data):
        if url := as_address(m.group(1).decode("latin-1")):
            return url
    for m in _XMP.finditer(data):
        if url := as_address((m.group(1) or m.group(2)).decode("utf-8", "replace")):
            return url
    for key in ("Subject", "Keywords", "Title", "Creator"):
        if url := as_address((info or {}).get(key)):
            return url
    return None


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [h.strip().strip("*`").strip().lower() for h in header]
    return next((folded.index(n) for n in names if n in folded), None)


def _markdown_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not (line.startswith("|") and line.endswith("|")):
            continue
        cells = [c.strip() for c in line[1:-1].split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
            continue  # the rule under the header
        rows.append(cells)
    return rows


def read_index(path: Path) -> dict[str, str]:
    """File name -> address, from a CSV or a Markdown table (the first with both columns).

    A file cell is matched by its last path component, so ``docs/a.pdf`` names ``a.pdf``;
    a row whose address is not an http(s) address is left out. An index that cannot be
    read, or has no file and address columns, is a usage error naming it.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageError(f"{path}: cannot read the index ({reason})") from None
    rows = _markdown_rows(text) if path.suffix.lower() in (".md", ".markdown") else []
    if not rows:
        rows = [r for r in csv.reader(io.StringIO(text)) if r]
    # The header is the first row naming both columns (a Markdown file may hold other tables).
    for header_at, row in enumerate(rows):  # noqa: B007 (used after the loop)
        f, a = _column(row, _FILE_COLUMNS), _column(row, _ADDRESS_COLUMNS)
        if f is not None and a is not None:
            break
    else:
        raise UsageError(
            f"{path}: no table with a file column and an address column",
            hint="a CSV or Markdown table headed 'file' and 'address' (or 'url')",
        )
    out: dict[str, str] = {}
    for row in rows[header_at + 1 :]:
        if max(f, a) < len(row) and (url := as_address(row[a])) and row[f].strip():
            out[Path(row[f].strip().strip("`")).name] = url
    return out
