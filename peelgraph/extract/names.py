"""Force mentions the extraction passes read twice, found once per text.

(The name look-ups they repeat, :func:`~peelgraph.reference.forces.normalise_name` and
:func:`~peelgraph.reference.forces.lookup`, are memoised where they are defined.)
"""

from __future__ import annotations

from functools import lru_cache

from peelgraph.reference import forces
from peelgraph.text.scan import PrefixScan

Mention = tuple[int, int, str]  # start, end, the words as written


@lru_cache(maxsize=2)
def force_mentions(text: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """Where ``text`` names a force by name (:data:`~peelgraph.reference.forces.FORCE_NAME_RE`)
    and by abbreviation (:data:`~peelgraph.reference.forces.ABBREVIATION_RE`), each in
    order. Attribution counts them and the organisation passes read them in the same
    document: the long name pattern ran over the whole text twice. The last two texts only
    (a text is its own key: the document's, asked again, is found by identity), so that a
    worker holds no more than the document it reads and one before."""
    folded = forces.fold_confusables(text)  # (FORCE_NAME_RE reads the text so folded)
    return (
        tuple((m.start(), m.end(), m.group(0)) for m in _NAMES.finditer(folded)),
        tuple((m.start(), m.end(), m.group(0)) for m in _ABBREVIATIONS.finditer(text)),
    )


# Both tried only where a name's or an abbreviation's first letters stand (see text.scan).
_NAMES = PrefixScan(forces.FORCE_NAME_RE.pattern)
_ABBREVIATIONS = PrefixScan(forces.ABBREVIATION_RE)
