"""Text normalisation shared by extraction, IRI minting and evaluation."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Words that carry no content, shared by every comparison of wordings.
FUNCTION_WORDS = frozenset(
    "a an the of to in and or for with that this its it is was be by on at as from their".split()  # noqa: SIM905
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Unicode-normalise quotes and dashes and collapse white space."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def normalise_text(text: str) -> str:
    """Lower-case words only: the comparison form of a finding's wording."""
    s = fold(text).lower()
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def short_hash(*parts: str, n: int = 12) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def finding_key(force: str, year: int | None, ftype: str, text: str) -> str:
    """Canonical key of a finding: the same finding quoted later gets the same key.

    List punctuation ("; and") and a leading "the force should" are dropped, so
    that a bullet and a later report's quotation of it agree.
    """
    s = normalise_text(text)
    s = re.sub(r"^(?:the (?:force|constabulary) should )", "", s)
    s = re.sub(r"\s(?:and|or)$", "", s)
    return f"{force}/{year or 'unknown'}/{ftype}/{short_hash(s)}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


# A sentence: up to a full stop (not one inside a number), a line end or a list bullet.
_SENTENCE = re.compile(r"[^.!?\n•]+(?:\.(?=\d)[^.!?\n•]*)*[.!?]?")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space trimmed."""
    out = []
    for m in _SENTENCE.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out
