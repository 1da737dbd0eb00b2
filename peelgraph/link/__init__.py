"""Sentence-level follow-up links: later statements that take up earlier ones.

Reports rarely say "we said in 2016 ..." for every point they follow up; more
often a later sentence simply takes up the earlier wording ("The force uses
structured methods to assess threats ..." after "implement a structured
process for assessing ... threats"), a status comment answers a
recommendation, or a force's letter reports what it did about a finding. This
module pairs such sentences across the documents of one force.

* **Units** are what a link joins (:mod:`peelgraph.link.read`): the facts
  of a document short enough to be one statement (findings, stances,
  back-references, judgements as the statements of their grade), the
  sentences no fact covers (or their uncovered rest), and each lead-in ending
  with a colon joined with the items it introduces ("The force should
  immediately take steps to:" and its bullets); headings and boilerplate
  printed in several documents are not statements.
* **Candidates** of a later unit are the earlier units of the same force that
  share informative words with it (:class:`Corpus`: word stems weighted by
  their rarity in the force's documents, acronyms the documents define read as
  their expansion, grades as words).
* **Scores** are a small model's probability that an analyst would link the
  pair (:mod:`peelgraph.link.model`, fitted on gold links), from features
  of the pair (:mod:`peelgraph.link.features`); each earlier unit keeps its
  likeliest later ones, ranked: the leads.
* The relation is read from the pair: a disputing stance ``disputes``; nearly
  the same words ``same-finding``; a later sentence reporting that something
  was introduced, where the earlier one said it was being developed,
  ``outcome-of``; otherwise ``follows-up``.

Findings raised in the same standard words for two different forces are also
paired (``same-finding``, ``parallel``), so that an analyst can see which
forces were given the same recommendation.

A back-reference whose earlier report is here but names nothing the resolver
matches is linked, explicitly, to the statement of that report it most likely
takes up (:mod:`peelgraph.link.explicit`). The scoring functions are pure:
:mod:`peelgraph.link.resolve` reads the store into these records and writes the
links with their method, score and rank.
"""

from peelgraph.link.features import Corpus, is_statement
from peelgraph.link.model import LinkModel, load_model
from peelgraph.link.read import DocText, read_findings, read_sentences
from peelgraph.link.score import (
    Sentence,
    TextLink,
    leads,
    parallel_links,
    proposed_links,
    text_links,
)

__all__ = [
    "Corpus",
    "DocText",
    "LinkModel",
    "Sentence",
    "TextLink",
    "is_statement",
    "leads",
    "load_model",
    "parallel_links",
    "proposed_links",
    "read_findings",
    "read_sentences",
    "text_links",
]
