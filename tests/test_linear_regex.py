"""Every regular expression that reads document text stays linear on hostile input.

A pattern that can start at each position of a long run and scan to its end
is quadratic: one line of 100,000 capitals held a build (and its store lock)
for 84 s. These documents are long runs of one small unit (letters, capitals,
digits, punctuation, whitespace, markup) after the openings the extractors
look for; each must go through ingest, every extractor and the linker's
acronym finder within a bound that a quadratic pattern overruns many times.
"""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peelgraph.errors import PeelgraphError
from peelgraph.ingest.document import Document
from peelgraph.ingest.read import clean_text

RUN = 30_000  # characters of the hostile run
BUDGET = 2.0  # CPU seconds for one document: linear takes about a tenth of it
# CPU time, not wall time: on a shared machine the wall clock counts the other
# processes too (a loaded 2-core machine took 3 s of wall for 0.9 s of CPU).
_clock = time.process_time

UNITS = [
    "a", "A", "1", " ", "\n", "\t", "-", ".", ",", '"', "(", "[", "*", "#", "'", "’", "•",
    "word ", "WORD ", "Police ", "Chief of ", "A.", "a-", "A-", "1,", "1 ", "1.", "a'",
    "A. B. ", " \t\n", ".,;:", "• a\n", "The Force (TF) ", "Aa ", "\n\n ", "&#x41;", "a\n",
]  # fmt: skip
OPENINGS = [
    "",
    "PEEL: Police effectiveness 2016\nAn inspection of Gwent Police\n\n",
    "Gwent Police PEEL 2017\n\n",
    "Dear Chief Constable\n\n",
    "Recommendations\n\n• The force should ",
]
UNIT = st.one_of(
    st.sampled_from(UNITS),
    st.text(alphabet="aA1 \n.,-'()", min_size=1, max_size=4),
)


def _document(raw: str) -> Document:
    text, segments = clean_text(raw)
    return Document("x.txt", "x.txt", "0" * 64, "text/plain", text, raw, tuple(segments))


def _read(raw: str) -> float:
    """Seconds to clean, extract, read the cues (the build's coverage line) and find the
    acronyms of ``raw``."""
    from peelgraph.extract import extract
    from peelgraph.extract.cues import read_cues
    from peelgraph.text.words import acronyms

    t = _clock()
    doc = _document(raw)
    with contextlib.suppress(PeelgraphError):  # a refusal (no force named) is an answer
        read_cues(extract(doc))
    acronyms([doc.text])
    return _clock() - t


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(UNIT, st.sampled_from(OPENINGS), st.sampled_from(["", "\n", " (XYZ)", " 2017\n"]))
def test_extraction_is_linear_on_long_runs(unit: str, opening: str, ending: str) -> None:
    run = unit * (RUN // len(unit))
    seconds = _read(opening + run + ending)
    assert seconds < BUDGET, f"{seconds:.1f} s on {len(run)} x {unit!r} after {opening[:30]!r}"


def test_every_unit_after_every_opening() -> None:
    """The fixed grid behind the property test, so no unit is left to chance."""
    slow = []
    for unit in UNITS:
        for opening in OPENINGS[:2]:
            seconds = _read(opening + unit * (RUN // len(unit)))
            if seconds >= BUDGET:
                slow.append(f"{seconds:.1f} s: {unit!r} after {opening[:20]!r}")
    assert not slow, slow


def test_html_character_references_are_linear(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from peelgraph.ingest.read import ingest

    page = tmp_path / "refs.html"
    page.write_text(
        "<html><body><h1>Gwent Police</h1><p>" + "&#x41;" * 100_000 + "</p></body></html>"
    )
    t = _clock()
    doc = ingest(page)  # then every extractor and the acronym finder, on 100,000 capitals
    from peelgraph.extract import extract
    from peelgraph.text.words import acronyms

    with contextlib.suppress(PeelgraphError):
        extract(doc)
    acronyms([doc.text])
    assert _clock() - t < 5 and doc.text.count("A") >= 100_000
