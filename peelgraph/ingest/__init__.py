"""Ingest: files in, :class:`~peelgraph.ingest.document.Document` out.

A file (PDF, HTML, text, markdown) is read, its text cleaned, and the map from
the cleaned text back to the file's own characters and pages kept, so every
later evidence span can be cited in the file. :mod:`.bounded` reads each file
in a fenced worker process (:mod:`.workers`), so a hostile file costs only its
own worker.
"""

from peelgraph.ingest.document import Document, Page
from peelgraph.ingest.read import checksum, clean_text, collect_inputs, ingest

__all__ = ["Document", "Page", "checksum", "clean_text", "collect_inputs", "ingest"]
