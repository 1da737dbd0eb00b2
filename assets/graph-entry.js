// cytoscape.js with the fCoSE layout, as one script defining window.cytoscape.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);
window.cytoscape = cytoscape;
