"""Text helpers every stage shares, each written once.

* :mod:`peelgraph.text.sentences`: the one sentence splitter (evidence spans,
  the sentence index, link units).
* :mod:`peelgraph.text.words`: word stems, stop words and the acronyms a text
  defines.
* :mod:`peelgraph.text.similarity`: how alike two wordings are (Dice, weighted
  cosine, difflib ratios).

Normalisation and canonical keys stay in :mod:`peelgraph.text.normalise`.
"""
