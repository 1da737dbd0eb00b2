"""Ingest: a file (PDF, HTML, text or markdown) becomes a :class:`Document`.

Cleaning only deletes conversion artefacts (page furniture, "Skip to content",
``<sup>`` footnote markers, markup, markdown emphasis); every kept character
keeps its position in the original text through the document's segment map,
so any quote maps back to the file and, for PDFs, to its page.
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from peelgraph.errors import InputError
from peelgraph.ingest.document import Document, Page

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


class _Builder:
    """Accumulates cleaned text and its segment map over the raw text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []
        self.length = 0

    def keep(self, raw: str, start: int, end: int) -> None:
        if end <= start:
            return
        n = end - start
        if self.segments:
            c0, r0, clen, rlen = self.segments[-1]
            if clen == rlen and c0 + clen == self.length and r0 + rlen == start:
                self.segments[-1] = (c0, r0, clen + n, rlen + n)
                self.parts.append(raw[start:end])
                self.length += n
                return
        self.segments.append((self.length, start, n, n))
        self.parts.append(raw[start:end])
        self.length += n

    def insert(self, text: str, raw_start: int, raw_len: int) -> None:
        """Text that stands for ``raw_len`` raw characters as a whole (an entity, a break)."""
        if not text:
            return
        self.segments.append((self.length, raw_start, len(text), raw_len))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


# Artefacts of PDF-to-text and HTML-to-markdown conversion, deleted in place: each form,
# the characters it starts with, and a test a text passes if the form may match in it
# (a character or a few every match holds; see _artefact_pattern).
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
_FORMAT = r"\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_ANY_CONTROL = re.compile(f"[{_CONTROLS}]")
_ANY_FORMAT = re.compile(f"[{_FORMAT}]")
_FORMS: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    # Web page furniture. ("p to ": letters no other character matches case-blind.)
    (r"^[ \t]*skip to (?:main )?content[ \t]*$", r" \ts", lambda t: "p to " in t.lower()),
    (r"<sup>[^<]{0,20}</sup>", "<", lambda t: "<" in t),  # footnote markers
    # Inline tags.
    (r"</?(?:b|i|u|em|strong|span|sup|sub|br|p|div|font)\b[^>\n]{0,200}>", "<", lambda t: "<" in t),
    (r"^[ \t]{0,3}#{1,6}[ \t]+", r" \t#", lambda t: "#" in t),  # markdown heading marks
    (r"(?<=\S)[ \t]+#{1,6}[ \t]*$", r" \t", lambda t: "#" in t),  # closing heading marks
    (r"\*\*|__", "*_", lambda t: "**" in t or "__" in t),  # strong emphasis
    # *emphasis*
    (r"(?<![\w*\\])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![\w*])", "*", lambda t: "*" in t),
    # Markdown escapes: keep the escaped char.
    (r"\\(?=[\\`*_{}\[\]()#+\-.!<>])", "\\\\", lambda t: "\\" in t),
    # Link text opener.
    (r"!?\[(?=[^\]\n]{0,500}\]\([^)\s]{0,500}\))", "!\\[", lambda t: "](" in t),
    (r"(?<=[^\s\[])\]\([^)\s]{0,500}\)", "\\]", lambda t: "](" in t),  # link target
    # Horizontal rules.
    (
        r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$",
        r" \t\-*_",
        lambda t: "---" in t or "***" in t or "___" in t,
    ),
    (f"[{_SUPERSCRIPTS}]+", _SUPERSCRIPTS, lambda t: any(c in t for c in _SUPERSCRIPTS)),
    # Characters XML 1.0 forbids (C0 controls but tab and line ends, U+FFFE/FFFF) and
    # the C1 controls: a \x0b or \x1b in a document made the SPARQL XML results,
    # RDF/XML, GraphML and GEXF unparseable, and ESC or CSI reached terminals.
    (f"[{_CONTROLS}]+", _CONTROLS, lambda t: _ANY_CONTROL.search(t) is not None),
    # Invisible format characters: soft hyphen, zero-width spaces and joiners, the
    # bidirectional controls (a right-to-left override reverses what a terminal shows),
    # byte-order marks. Deleted, so "Gw\u200bent" reads as the force it names.
    (f"[{_FORMAT}]+", _FORMAT, lambda t: _ANY_FORMAT.search(t) is not None),
)
_ARTEFACT_FORMS = "|".join(form for form, _starts, _present in _FORMS)


@lru_cache(maxsize=64)
def _artefact_pattern(kept: tuple[int, ...]) -> re.Pattern[str] | None:
    """The artefact forms ``kept`` (in their order), led by a look-ahead on the characters
    they start with (each consumes one at least): tried first at every position of the
    text, it turns most positions away at one character's test instead of the forms'."""
    if not kept:
        return None
    starts = "".join(_FORMS[k][1] for k in kept)
    forms = "|".join(_FORMS[k][0] for k in kept)
    return re.compile(rf"(?im)(?=[{starts}])(?:{forms})")


_ARTEFACTS = _artefact_pattern(tuple(range(len(_FORMS))))


def _artefact_spans(raw: str) -> list[tuple[int, int]]:
    """Where ``raw`` holds artefacts: what ``_ARTEFACTS`` finds, scanned only with the
    forms that may match in it. A form left out matches nowhere in the text, so the
    others find what they found beside it; a plain text's scan tried every space and
    "s" for web-page furniture and heading marks it has none of (ingest's main cost)."""
    pattern = _artefact_pattern(
        tuple(k for k, (_f, _s, present) in enumerate(_FORMS) if present(raw))
    )
    return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(raw)]


def clean_text(
    raw: str, extra: Iterable[tuple[int, int]] = ()
) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Delete artefacts (and the ``extra`` raw spans) from ``raw``.

    Returns the cleaned text and its segment map; deletions only, so every
    segment maps char by char.
    """
    spans = sorted([*_artefact_spans(raw), *extra])
    b = _Builder()
    pos = 0
    for start, end in spans:
        if start > pos:
            b.keep(raw, pos, start)
        pos = max(pos, end)
    b.keep(raw, pos, len(raw))
    return b.text(), b.segments


def _clean_pos(segments: list[tuple[int, int, int, int]], raw_pos: int) -> int:
    """The cleaned-text position of raw position ``raw_pos`` (deletion-only maps)."""
    i = bisect_right([s[1] for s in segments], raw_pos) - 1
    if i < 0:
        return 0
    c0, r0, clen, _ = segments[i]
    return c0 + min(raw_pos - r0, clen)


# Twenty times the text of the longest inspection report we know (about 250,000
# characters); a file over it is not one document, and refusing it bounds memory.
MAX_CHARS = 5_000_000


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4 and len(sample) >= 2:
        # UTF-16 without a byte-order mark: every other byte is zero for ASCII.
        enc = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            raise InputError(path, "binary file, not text") from None
    if b"\x00" in sample:
        raise InputError(path, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 is what older public-sector pages are in; it decodes any byte.
        return data.decode("cp1252", errors="replace")


def checksum(data: bytes) -> str:
    """A document's checksum: the manifest compares it to skip unchanged files."""
    return hashlib.sha256(data).hexdigest()


def escape_bytes(name: str) -> str:
    """A file name as text that any writer can encode: bytes that are not UTF-8 as ``\\xNN``.

    Python gives such bytes (a Latin-1 name on a UTF-8 system) as lone surrogates,
    which no UTF-8 encoder takes ("surrogates not allowed"): the graph, the store
    and the terminal get the escaped name; the file itself is read by its real path.
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _doc(path: Path, data: bytes, media: str, raw: str, pages: Iterable[Page] = ()) -> Document:
    text, segments = clean_text(raw)
    if not text.strip():
        raise InputError(str(path), "no text after cleaning (empty document)")
    return Document(
        path=escape_bytes(str(path)),
        name=escape_bytes(path.name),
        checksum=checksum(data),
        media_type=media,
        text=text,
        raw_text=raw,
        segments=tuple(segments),
        pages=tuple(pages),
    )


# --------------------------------------------------------------------------- HTML


class _HtmlText(HTMLParser):
    """Visible text of an HTML page with each piece's offset in the source."""

    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "nav", "head"})
    BLOCK = frozenset({
        "p", "div", "section", "article", "li", "ul", "ol", "table", "tr", "h1", "h2",
        "h3", "h4", "h5", "h6", "br", "header", "footer", "main", "aside", "blockquote",
        "dd", "dt", "dl", "hr", "td", "th", "figure", "figcaption",
    })  # fmt: skip

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for m in re.finditer("\n", source):
            self.line_starts.append(m.end())
        self.b = _Builder()
        self.skip_depth = 0
        self.pending_break = False
        self.address: tuple[int, str] | None = None  # (rank, URL): canonical before og:url

    def _address(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        from peelgraph.ingest.address import html_address

        found = html_address(tag, dict(attrs)) if tag in ("link", "meta") else None
        if found and (self.address is None or found[0] < self.address[0]):
            self.address = found

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if self.b.length:
            self.pending_break = True

    def _flush_break(self, at: int) -> None:
        if self.pending_break:
            self.b.insert("\n\n", at, 0)
            self.pending_break = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._address(tag, attrs)  # in <head>, which is otherwise skipped
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self._break()
            if tag == "li" and not self.skip_depth:
                self._flush_break(self._offset())
                self.b.insert("• ", self._offset(), 0)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._address(tag, attrs)
        if tag in self.BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip_depth or not data.strip():
            return
        start = self._offset()
        self._flush_break(start)
        self.b.keep(self.source, start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._ref(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name};")

    def _ref(self, ref: str) -> None:
        if self.skip_depth:
            return
        import html

        start = self._offset()
        self._flush_break(start)
        self.b.insert(html.unescape(ref), start, len(ref))


def _ingest_html(path: Path, data: bytes, max_chars: int = MAX_CHARS) -> Document:
    source = _decode(data, str(path))
    parser = _HtmlText(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise InputError(str(path), f"cannot parse HTML ({exc})") from exc
    visible = parser.b.text()
    _check_length(path, len(visible), max_chars)
    # The visible text is cleaned again (footnote digits, "Skip to content"); compose the maps.
    text, segs = clean_text(visible)
    if not text.strip():
        raise InputError(str(path), "no visible text in the HTML page")
    inner = Document(
        str(path), path.name, "", "text/html", visible, source, tuple(parser.b.segments)
    )
    composed: list[tuple[int, int, int, int]] = []
    starts = [seg[0] for seg in inner.segments]
    for c0, v0, clen, vlen in segs:
        if clen != vlen:
            r0, r1 = inner.source_span(v0, v0 + vlen)
            composed.append((c0, r0, clen, r1 - r0))
            continue
        # Split the kept run where it crosses the HTML map's segments.
        pos = 0
        while pos < clen:
            r0, _ = inner.source_span(v0 + pos, v0 + pos + 1)
            run = 1
            while pos + run < clen:
                x = v0 + pos + run
                nr, _ = inner.source_span(x, x + 1)
                if nr != r0 + run:
                    break
                # The rest of a segment mapped char by char goes on as this char does:
                # one step to its end, not one per character (a page's text is a few
                # long segments).
                i = bisect_right(starts, x) - 1
                s0, _r, slen, srlen = inner.segments[i]
                end = min(s0 + slen, v0 + clen) if slen == srlen else 0
                run = max(run + 1, end - v0 - pos)
            r_end = inner.source_span(v0 + pos, v0 + pos + run)[1]
            composed.append((c0 + pos, r0, run, r_end - r0))
            pos += run
    return Document(
        path=escape_bytes(str(path)),
        name=escape_bytes(path.name),
        checksum=checksum(data),
        media_type="text/html",
        text=text,
        raw_text=source,
        segments=tuple(composed),
        address=parser.address[1] if parser.address else None,
    )


# --------------------------------------------------------------------------- PDF


def _furniture(pages: list[list[str]]) -> set[str]:
    """Header and footer lines: the first/last lines that recur on many pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {re.sub(r"\d+", "#", ln.strip()) for ln in lines[:2] + lines[-2:] if ln.strip()}
        counts.update(edge)
    return {k for k, c in counts.items() if c >= max(3, len(pages) // 2)}


PDF_ENGINES = ("pdfium", "pdfplumber")


# Ten times the longest inspection report we know; a PDF with more pages is not
# one document, and refusing it before reading bounds the time it can take.
MAX_PAGES = 5_000


def _check_pages(path: Path, pages: int) -> None:
    if pages > MAX_PAGES:
        raise InputError(
            str(path), f"too many pages for one document ({pages} > {MAX_PAGES}); split it"
        )


def _pages_pdfium(path: Path, data: bytes, max_chars: int = MAX_CHARS) -> list[str]:
    """Page texts through PDFium: about a hundred times faster than pdfplumber, same words.

    Measured in ``benchmarks/run.py``; a country's corpus of long reports is
    hours through pdfplumber and minutes through this. The page count and the
    text so far are checked while reading, so an oversized PDF stops early.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(str(path), "encrypted PDF: decrypt it first") from None
        raise InputError(str(path), f"unreadable PDF ({exc})") from None
    texts: list[str] = []
    total = 0
    try:
        _check_pages(path, len(pdf))
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            # PDFium ends lines with CRLF and may emit NULs for unmapped glyphs.
            texts.append(
                tp.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
            )
            tp.close()
            page.close()
            total += len(texts[-1])
            _check_length(path, total, max_chars, at_least=i + 1 < len(pdf))
    finally:
        pdf.close()
    return texts


def _pages_pdfplumber(path: Path, data: bytes, max_chars: int = MAX_CHARS) -> list[str]:
    """Page texts through pdfplumber (slower; lays text out by position)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    page_texts: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            _check_pages(path, len(pdf.pages))
            for page in pdf.pages:
                page_texts.append(page.extract_text() or "")
                page.flush_cache()  # bounded memory on long reports
                _check_length(path, sum(map(len, page_texts)), max_chars, at_least=True)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(str(path), "encrypted PDF: decrypt it first") from None
    except InputError:
        raise
    except Exception as exc:
        # pdfplumber wraps pdfminer's errors; look inside for the encryption ones.
        inner = [*exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(x, (PDFPasswordIncorrect, PDFEncryptionError)) for x in inner):
            raise InputError(str(path), "encrypted PDF: decrypt it first") from None
        name = type(exc).__name__
        detail = str(exc) or ", ".join(
            type(x).__name__ for x in inner if isinstance(x, BaseException)
        )
        raise InputError(str(path), f"unreadable PDF ({name}: {detail})") from None
    return page_texts


def _ingest_pdf(
    path: Path, data: bytes, engine: str = "pdfium", max_chars: int = MAX_CHARS
) -> Document:
    if not data.startswith(b"%PDF-"):
        raise InputError(str(path), "not a PDF (no %PDF header); is the file damaged?")
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose from {', '.join(PDF_ENGINES)}")
    reader = _pages_pdfium if engine == "pdfium" else _pages_pdfplumber
    page_texts = reader(path, data, max_chars)
    _check_length(path, sum(map(len, page_texts)), max_chars)
    if not any(t.strip() for t in page_texts):
        raise InputError(
            str(path),
            "no text layer (image-only PDF): it needs OCR before peelgraph can read it",
        )
    lines_by_page = [t.split("\n") for t in page_texts]
    furniture = _furniture(lines_by_page)
    raw = "\n\n".join(page_texts)
    deletions: list[tuple[int, int]] = []
    page_starts: list[int] = []
    pos = 0
    for lines in lines_by_page:
        page_starts.append(pos)
        n = len(lines)
        for i, ln in enumerate(lines):
            stripped = ln.strip()
            if (i < 2 or i >= n - 2) and (
                re.sub(r"\d+", "#", stripped) in furniture
                or re.fullmatch(r"(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?", stripped, re.I)
            ):
                deletions.append((pos, pos + len(ln)))
            pos += len(ln) + 1
        pos += 1  # the blank line that joins pages
    text, segments = clean_text(raw, deletions)
    if not text.strip():
        raise InputError(str(path), "no text after removing page furniture")
    starts = [_clean_pos(segments, s) for s in page_starts]
    ends = [*starts[1:], len(text)]
    return Document(
        path=escape_bytes(str(path)),
        name=escape_bytes(path.name),
        checksum=checksum(data),
        media_type="application/pdf",
        text=text,
        raw_text=raw,
        segments=tuple(segments),
        pages=tuple(Page(i + 1, s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))),
        address=_pdf_address(data),
    )


def _pdf_address(data: bytes) -> str | None:
    """The address the PDF's metadata gives (its standard entries as PDFium reads them)."""
    import pypdfium2 as pdfium

    from peelgraph.ingest.address import pdf_address

    info: dict[str, str] = {}
    try:
        pdf = pdfium.PdfDocument(data)
        try:
            info = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        finally:
            pdf.close()
    except pdfium.PdfiumError:
        pass  # the text was read; metadata PDFium cannot read is no address
    return pdf_address(data, info)


# --------------------------------------------------------------------------- entry


def sniff_kind(path: Path, data: bytes) -> str:
    """'pdf', 'html' or 'text', from the bytes first and the suffix second."""
    head = data[:1024].lstrip().lower()
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF-") or suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _max_chars() -> int:
    raw = os.environ.get("PEELGRAPH_MAX_CHARS", "")
    return int(raw) if raw.isdigit() else MAX_CHARS


def _check_length(path: Path, chars: int, limit: int, *, at_least: bool = False) -> None:
    if chars > limit:
        count = f"{'at least ' if at_least else ''}{chars / 1e6:.1f} M characters"
        raise InputError(
            str(path),
            f"too much text for one document ({count} > {limit / 1e6:g} M limit); "
            "split it, or raise PEELGRAPH_MAX_CHARS",
        )


def ingest(
    path: str | Path,
    *,
    max_bytes: int = 200 * 1024 * 1024,
    pdf_engine: str = "pdfium",
    max_chars: int | None = None,
) -> Document:
    """Read one file into a :class:`Document`, or raise :class:`InputError`.

    ``max_chars`` (default :data:`MAX_CHARS`, or ``PEELGRAPH_MAX_CHARS``) caps a
    document's text; a plain-text file that must exceed it is refused unread.
    """
    limit = max_chars if max_chars is not None else _max_chars()
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(str(p), "a symbolic link that leads nowhere (broken, or a loop)")
    if not p.exists():
        raise InputError(str(p), "no such file")
    if p.is_dir():
        raise InputError(str(p), "is a folder; use collect_inputs() to expand it")
    size = p.stat().st_size
    if size == 0:
        raise InputError(str(p), "empty file (0 bytes)")
    if size > max_bytes:
        raise InputError(str(p), f"file too large ({size // (1024 * 1024)} MB > limit)")
    with p.open("rb") as fh:
        kind = sniff_kind(p, fh.read(1024))  # it looks at the first 1,024 bytes only
    if kind == "text":
        # No encoding we read takes over 4 bytes a character: a bound without reading.
        _check_length(p, size // 4, limit, at_least=True)
    data = p.read_bytes()
    if kind == "pdf":
        return _ingest_pdf(p, data, pdf_engine, limit)
    if kind == "html":
        return _ingest_html(p, data, limit)
    raw = _decode(data, str(p))
    _check_length(p, len(raw), limit)
    media = "text/markdown" if p.suffix.lower() in {".md", ".markdown"} else "text/plain"
    return _doc(p, data, media, raw)


def collect_inputs(
    paths: Iterable[str | Path], warn: Callable[[str], None] | None = None
) -> list[Path]:
    """Expand folders into the supported files they hold, in a stable order.

    A symbolic link inside a folder is followed only when it stays inside that
    folder: a link to ``/etc/shadow`` dropped into an input folder was built and
    its text served over SPARQL. Such a link is left out, and ``warn`` (if given)
    gets one line naming it (to print through the CLI's ``printable``). A file named
    on the command line is the user's own choice and is read wherever it leads.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            out.append(p)
            continue
        top = os.path.realpath(p)
        for f in sorted(p.rglob("*")):
            # A link that leads nowhere is kept: the build says so, rather than
            # skipping it without a word.
            if not (f.is_file() or (f.is_symlink() and not f.exists())):
                continue
            if f.suffix.lower() not in SUPPORTED_SUFFIXES or f.name.startswith("."):
                continue
            if f.name.lower() in {"readme.md", "readme.txt"}:
                continue
            if f.is_symlink() and f.exists():
                target = os.path.realpath(f)
                if os.path.commonpath([top, target]) != top:
                    if warn:
                        where = escape_bytes(str(p))
                        warn(
                            f"{escape_bytes(str(f))}: a symbolic link out of {where}, not followed"
                        )
                    continue
            out.append(f)
    return out
