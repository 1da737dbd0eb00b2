"""Prose forms of grades that are not a grade bound to an area, and whose subject is a force.

Grades bound to areas in sentences, lists and rows are read by the relations of
:mod:`peelgraph.extract.grade_relations`; what stays here is the overall grade named by a
noun ("an overall judgement of 'requires improvement'"), the lead-in that names the
force a list of grades is about ("Inspectors found that X:", which also marks each
force's part of a page about many), and the test of whether a subject stands for the
document's force.
"""

from __future__ import annotations

import re

from peelgraph.reference import forces
from peelgraph.text.scan import PrefixScan

_Q = r"['‘\"“]?"
_UQ = r"['’\"”]?"
_ANY_GRADE = r"(?P<grade>outstanding|good|adequate|inadequate|requires?\s+improvement|requiring\s+improvement)"
PROSE_GRADE_FORMS: tuple[re.Pattern[str], ...] = (
    # "An overall judgement of 'requires improvement'", "the overall grading was deemed as
    # 'requiring improvement'".
    re.compile(
        rf"(?i)\b(?P<phrase>overall\s+(?:judge?ment|grade|grading|rating|assessment))(?:\s+for\s+[^.;:]{{0,60}}?)?\s+"
        rf"(?:of|was|is|has\s+been)\s+(?:(?:deemed|judged|rated)\s+)?(?:as\s+|to\s+be\s+)?{_Q}{_ANY_GRADE}{_UQ}"
    ),
)


# A list of grades under a lead-in: "Inspectors found that X:" then "• is 'good' at ...;".
LEAD_IN_RE = re.compile(
    r"(?im)\b(?:judged|found|assessed|rated|concluded)\s+that\s+(?P<subj>[^:\n]{3,80}):\s*$"
)
# The same matches, tried only where one of its verbs stands (see text.scan).
LEAD_IN_SCAN = PrefixScan(LEAD_IN_RE)

# Subjects that stand for the force a text is about.
STANDS_FOR_A_FORCE = frozenset({"the force", "the constabulary", "the service", "it"})


def force_subject(ctx: object, subject: str) -> bool:
    """Whether a sentence's subject is the document's force (or stands for it)."""
    from peelgraph.extract.passes import Context

    assert isinstance(ctx, Context)
    s = " ".join(subject.split()).lower()
    if s in STANDS_FOR_A_FORCE:
        return ctx.info.force is not None
    f = forces.lookup(re.sub(r"[’']s$", "", subject.strip()))
    if f is None:
        # "HMIC judges that Gwent Police": the name is the subject's tail.
        words = subject.split()
        for n in range(len(words) - 1, 0, -1):
            f = forces.lookup(" ".join(words[-n:]))
            if f:
                break
    return f is not None and f.slug == ctx.info.force
