"""Export: a store in, files for other tools out.

:mod:`.formats` writes RDF (Turtle, N-Quads, TriG, JSON-LD) and dispatches the
views; :mod:`.views` draws the entity, lineage and force views as networkx
graphs for GraphML, GEXF, Cytoscape JSON and a self-contained HTML page.
"""

from peelgraph.export.formats import export_rdf
from peelgraph.export.views import analytics, to_networkx, write_view

__all__ = ["analytics", "export_rdf", "to_networkx", "write_view"]
