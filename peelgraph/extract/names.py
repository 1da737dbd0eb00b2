"""Name look-ups the extraction passes repeat, cached.

:func:`peelgraph.reference.forces.normalise_name` (Unicode folding, character by
character) and :func:`~peelgraph.reference.forces.lookup` are pure, and a document
names the same few forces and bodies hundreds of times: every organisation
candidate, programme candidate and grade subject asked again cost a sixth of
extraction's time. Bounded caches, so a long run over many documents holds no more
than a few thousand names.
"""

from __future__ import annotations

from functools import lru_cache

from peelgraph.reference import forces


@lru_cache(maxsize=16384)
def normalised(name: str) -> str:
    """:func:`~peelgraph.reference.forces.normalise_name`, remembered."""
    return forces.normalise_name(name)


@lru_cache(maxsize=16384)
def force_named(name: str) -> forces.Force | None:
    """:func:`~peelgraph.reference.forces.lookup`, remembered."""
    return forces.lookup(name)


Mention = tuple[int, int, str]  # start, end, the words as written


@lru_cache(maxsize=2)
def force_mentions(text: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """Where ``text`` names a force by name (:data:`~peelgraph.reference.forces.FORCE_NAME_RE`)
    and by abbreviation (:data:`~peelgraph.reference.forces.ABBREVIATION_RE`), each in
    order. Attribution counts them and the organisation passes read them in the same
    document: the long name pattern ran over the whole text twice. The last two texts only
    (a text is its own key: the document's, asked again, is found by identity), so that a
    worker holds no more than the document it reads and one before."""
    return tuple(
        tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(text))
        for pattern in (forces.FORCE_NAME_RE, forces.ABBREVIATION_RE)
    )  # type: ignore[return-value]
