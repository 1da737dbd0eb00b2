"""The sentence forms in which a grade is given in prose, by the inspectorate or a reporter.

Each form captures a grade word and the phrase that says what was graded; the
phrase is then read as a list of PEEL questions by the reference tables
(:func:`peelgraph.reference.questions.questions_in`), so "good at investigating crime
and protecting vulnerable people, particularly victims of domestic abuse" grades
two questions and nothing else. A form with a subject grades only the
document's own force ("the force", "it", its name), never a comparator.
"""

from __future__ import annotations

import re

from peelgraph.reference import forces

_Q = r"['‘\"“]?"
_UQ = r"['’\"”]?"
_GRADE_ADJ = r"(?P<grade>outstanding|good|adequate|inadequate)"
_RI = r"(?P<grade>requires?\s+improvement|requiring\s+improvement)"
_ANY_GRADE = r"(?P<grade>outstanding|good|adequate|inadequate|requires?\s+improvement|requiring\s+improvement)"
# What was graded runs to the end of its clause: a full stop, a semicolon or colon, or a
# turn ("but", "although", "which", "while"), never across sentences.
_PHRASE = (
    r"(?P<phrase>[^.;:!?\n]{3,240}?)"
    r"(?=\s*(?:[.;:!?\n]|,?\s+(?:but|although|though|while|whilst|which|where|as|so\s+that|and\s+(?:it|has|is|the\s+force))\b|\s+[–-]\s|$))"
)
_SUBJ = (
    r"(?P<subj>\b(?:[Tt]he[ \t]+force|[Tt]he[ \t]+constabulary|[Tt]he[ \t]+service|[Ii]t|"
    r"[A-Z][\w&'’-]{1,50}(?:[ \t]+(?:and[ \t]+|of[ \t]+)?[A-Z][\w&'’-]{1,50}){0,3}))"
)
_ADV = (
    r"(?:(?:also|now|still|generally|overall|rated|judged\s+(?:to\s+be\s+)?|found\s+to\s+be)\s+)?"
)

PROSE_GRADE_FORMS: tuple[re.Pattern[str], ...] = (
    # "X is good at reducing crime and preventing offending", "It is 'good' at ...".
    re.compile(
        rf"{_SUBJ}\s+(?:is|are|was|remains|has\s+been)\s+{_ADV}{_Q}{_GRADE_ADJ}{_UQ}\s+"
        rf"(?:at|in|for|in\s+respect\s+of)\s+{_PHRASE}"
    ),
    # "The force requires improvement in investigating crime", "X requires improvement at ...".
    re.compile(
        rf"{_SUBJ}\s+(?:still\s+|now\s+)?{_Q}{_RI}{_UQ}\s+(?:at|in|for|in\s+respect\s+of|when\s+it\s+comes\s+to)\s+"
        rf"{_PHRASE}"
    ),
    # "Its management of serious and organised crime is inadequate", "the way it tackles ...
    # requires improvement", "The force's service to victims of crime is inadequate".
    re.compile(
        rf"(?P<phrase>\b(?:[Ii]ts|[Tt]he\s+force[’']s|[Tt]he\s+constabulary[’']s|[Tt]he\s+way\s+(?:it|the\s+force)|"
        rf"[A-Z][\w&'’-]{{1,50}}(?:\s+(?:and\s+)?[A-Z][\w&'’-]{{1,50}}){{0,3}}[’']s)\s+[^.;:!?\n]{{3,120}}?)\s+"
        rf"(?:(?:is|are|was|remains)\s+{_Q}(?=(?:outstanding|good|adequate|inadequate)\b)|"
        rf"{_Q}(?=requires?\s+improvement))"
        rf"{_ANY_GRADE}{_UQ}(?=\W)"
    ),
    # Reported: "rated 'good' for its overall effectiveness", "graded 'good' across a number of
    # areas including dealing with serious and organised crime", "graded as 'inadequate' for ...".
    # "assessed the constabulary as 'good' in terms of efficiency".
    re.compile(
        rf"(?i)\b(?:rated|graded|judged|assessed|deemed)\s+(?:(?P<subj>the\s+force|the\s+constabulary|it)\s+)?"
        rf"(?:as\s+)?{_Q}{_ANY_GRADE}{_UQ}\s+"
        rf"(?:for|across|at|in\s+terms\s+of|in)\s+(?:(?:a\s+number\s+of\s+)?(?:\w+\s+)?areas\s+(?:including|such\s+as)\s+)?"
        rf"(?:all\s+(?:three\s+|\w+\s+)?(?:areas|pillars)\s*:\s*)?"
        rf"{_PHRASE}"
    ),
    # Reported, the grade quoted: "'requires improvement' when it comes to its investigative
    # capability", "; and 'inadequate' for tackling serious and organised crime".
    re.compile(
        rf"['‘\"“]{_ANY_GRADE}['’\"”]\s+(?:when\s+it\s+comes\s+to|for|at|in|in\s+respect\s+of)\s+{_PHRASE}",
        re.IGNORECASE,
    ),
    # "the 'inadequate' areas included how the force protects vulnerable people and ...".
    re.compile(
        rf"(?i)\bthe\s+{_Q}{_ANY_GRADE}{_UQ}\s+areas\s+(?:included|include|were|are)\s+{_PHRASE}"
    ),
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
LIST_GRADE_RE = re.compile(
    rf"(?i)^[\s•·*–-]*(?:is\s+)?{_Q}{_ANY_GRADE}{_UQ}\s+(?:at|in|for)\s+{_PHRASE}"
)


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
