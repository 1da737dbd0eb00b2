"""Sentence-level follow-up links: later statements that take up earlier ones.

Reports rarely say "we said in 2016 ..." for every point they follow up; more
often a later sentence simply takes up the earlier wording ("The force uses
structured methods to assess threats ..." after "implement a structured
process for assessing ... threats"), a status comment answers a
recommendation, or a force's letter reports what it did about a finding. This
module pairs such sentences across the documents of one force.

* **Targets** are the earlier statements an analyst follows: findings
  (causes of concern, recommendations, areas for improvement), status
  comments, stances and back-references, and every sentence of a response
  letter (what the force said it had done).
* **Sources** are the sentences of any later document of the same force.
* A pair is scored by the cosine of their content-word stems weighted by
  inverse sentence frequency over the force's documents (so "serious and
  organised crime" counts for little and "lifetime management" or "MoRiLE" for
  much), with acronyms the documents define ("Management of Risk in Law
  Enforcement (MoRiLE)") read as their expansion. Sentences about another PEEL
  question, headings, and boilerplate printed in several documents are not
  paired.
* The relation is read from the pair: a disputing stance ``disputes``; nearly
  the same words ``same-finding``; a later sentence reporting that something
  was introduced, where the earlier one said it was being developed,
  ``outcome-of``; otherwise ``follows-up``.

Findings raised in the same standard words for two different forces are also
paired (``same-finding``, ``parallel``), so that an analyst can see which
forces were given the same recommendation.

The functions here are pure: :mod:`peelgraph.resolve` reads the store into
these records and writes the links with their method and score.
"""

from peelgraph.linking.read import DocText, read_findings, read_sentences
from peelgraph.linking.score import (
    LINK_THRESHOLD,
    Sentence,
    TextLink,
    is_statement,
    parallel_links,
    text_links,
)

__all__ = [
    "LINK_THRESHOLD",
    "DocText",
    "Sentence",
    "TextLink",
    "is_statement",
    "parallel_links",
    "read_findings",
    "read_sentences",
    "text_links",
]
