"""Evaluate: gold facts and documents in, precision, recall and F1 out.

:mod:`.facts` scores each fact type and checks every quote against its file;
:mod:`.index` compares document kind, force and year with a corpus INDEX;
:mod:`.coverage` reports the cues of each document and what reads them;
:mod:`.links` scores links by tier (R@k, MRR); :mod:`.linkbench` refits and
cross-validates the scorer of proposed links; :mod:`.testing` holds the
helpers the tests and benchmarks share (real PDFs, CLI runs with peak memory).
"""

from peelgraph.evaluate.facts import TYPES, evaluate

__all__ = ["TYPES", "evaluate"]
