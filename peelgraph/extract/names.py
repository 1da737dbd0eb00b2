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
