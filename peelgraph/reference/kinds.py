"""Document kinds, finding types and who reports grades: the domain words code tests against.

One place names them, so a new kind (or a renamed one) is one edit here; the
model's ``Literal`` types list the same tokens for the type checker, and a test
keeps the two in step.
"""

from __future__ import annotations

DOCUMENT_KINDS: dict[str, str] = {
    "inspection-report": "Inspection report",
    "force-page": "Force page",
    "recommendation-page": "Recommendation page",
    "register-entry": "Recommendation register entry",
    "force-response": "Force response",
    "commissioner-page": "Commissioner page or statement",
    "other": "Other document",
}
# The inspectorate's own assessments of a force.
INSPECTORATE_KINDS = frozenset({"inspection-report", "force-page"})
# Pages that track recommendations and their status.
TRACKING_KINDS = frozenset({"recommendation-page", "register-entry"})
# The inspectorate's documents that state the findings of the year they are about.
REPORT_KINDS = INSPECTORATE_KINDS | TRACKING_KINDS
# Answers to a report, by the force or its commissioner: stances and reported grades.
RESPONSE_KINDS = frozenset({"force-response", "commissioner-page"})

FINDING_TYPES: dict[str, str] = {
    "cause-of-concern": "Cause of concern",
    "recommendation": "Recommendation",
    "area-for-improvement": "Area for improvement",
}

# Who stated a grade, by the kind of document that states it.
REPORTER_LABELS: dict[str, str] = {
    "inspectorate": "the inspectorate's report",
    "force-response": "the force's response",
    "commissioner": "the police and crime commissioner",
    "inspectorate-press-release": "the inspectorate's press release",
    "police-and-crime-panel": "the police and crime panel",
    "other": "another document",
}
