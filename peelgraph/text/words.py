"""Words: stems, stop words and the acronyms a text defines.

A stem is a content word less a common ending, cut to six letters
("structured" and "structure" agree, "judged" and "judgement"): crude, but
the same for every comparison of wordings in the project.
"""

from __future__ import annotations

import re
from functools import lru_cache

from peelgraph.text.normalise import fold

# Words that carry no content, shared by every comparison of wordings.
FUNCTION_WORDS = frozenset(
    "a an the of to in and or for with that this its it is was be by on at as from their".split()  # noqa: SIM905
)

# What the linker leaves out besides: words every inspection text uses about anything.
STOP_WORDS = FUNCTION_WORDS | frozenset(
    """
    been being has have had are were which who whom there these those not also into more
    than such so but if then when where while how what all any each other some our we us
    they them he she his her i my me you your should would could can may might must will
    shall do does did done about over under between within across through during after
    before since last year years month months force forces constabulary hmic hmicfrs
    inspection report including include includes included well good make made ensure use
    used uses using work working works new now further also being one two three
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

STEM_LENGTH = 6
_WORD = re.compile(r"[a-z0-9]+")
# Words as written (for offsets): letters and digits, with an apostrophe suffix ("force's").
_WRITTEN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` (quotes, dashes and accents folded)."""
    return _WORD.findall(fold(text).lower())


# Endings taken off before a word is cut to its stem, longest first, so that "judged",
# "judges" and "judgement" agree, and "improved" and "improvement" do.
_ENDINGS = ("ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A lower-case word's stem: common endings off (keeping four letters), cut to six."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]  # "judge", "improve", "police": the stem of "judged", "policing"
    return word[:STEM_LENGTH]


@lru_cache(maxsize=131072)
def stems(text: str, stop: frozenset[str] = STOP_WORDS, digits: bool = False) -> tuple[str, ...]:
    """The stems of the content words of ``text``: longer than two letters, not in ``stop``
    (and not numbers, unless ``digits``). Cached: the linker stems each sentence often."""
    return tuple(
        stem(w) for w in words(text) if w not in stop and len(w) > 2 and (digits or not w.isdigit())
    )


def stem_spans(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Every word of ``text`` as (stem, start, end), offsets shifted by ``offset``."""
    return [
        (m.group(0).lower()[:STEM_LENGTH], offset + m.start(), offset + m.end())
        for m in _WRITTEN_WORD.finditer(text)
    ]


_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'’-]{0,50}\s+(?:(?:of|in|and|for|the|on|to)\s+){0,3}){1,7}[A-Z][\w'’-]{0,50})\s*\(\s*['‘’]?([A-Z][A-Za-z]{1,9})['‘’]?\s*\)"
)


def acronyms(texts: list[str]) -> dict[str, tuple[str, ...]]:
    """Acronyms the texts define, "Management of Risk in Law Enforcement (MoRiLE)", to their stems."""
    out: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for m in _ACRONYM_DEF.finditer(text):
            long, short = m.group(1), m.group(2)
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", long)).lower()
            letters = re.sub(r"[^a-z]", "", short.lower())
            # The acronym's letters appear, in order, among the long form's initials.
            it = iter(initials)
            if len(letters) >= 2 and all(ch in it for ch in letters):
                found = re.findall(r"[A-Za-z][\w'’-]*", long)
                # Only as many trailing words as the acronym has letters: "the X Y Z (XYZ)".
                long_stems = stems(" ".join(found[-max(len(letters), 2) :]))
                if long_stems:
                    out.setdefault(stem(letters), long_stems)
    return out
