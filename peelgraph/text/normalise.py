"""Text normalisation shared by extraction, IRI minting and evaluation.

Sentences, stems and similarity live in :mod:`peelgraph.text`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
