// Shared by the lineage view and the query page: colours, labels that fit, the legend, and the
// timeline layout (years as columns, threads as bands) over cytoscape.js.
"use strict";

const PG = (window.PG = {});

PG.TYPES = {
  "earlier-finding": { label: "Earlier finding (referenced)", colour: "#9e9ac8", shape: "ellipse" },
  "cause-of-concern": { label: "Cause of concern", colour: "#d73027", shape: "ellipse" },
  recommendation: { label: "Recommendation", colour: "#fc8d59", shape: "ellipse" },
  "area-for-improvement": { label: "Area for improvement", colour: "#e6ab02", shape: "ellipse" },
  judgement: { label: "Grade (colour: the grade)", colour: "#1a9850", shape: "round-rectangle" },
  dispute: { label: "Response disputes", colour: "#762a83", shape: "diamond" },
  "back-reference": { label: "Later document on it", colour: "#4575b4", shape: "triangle" },
  status: { label: "Status or comment", colour: "#91bfdb", shape: "ellipse" },
  statement: { label: "Later statement (proposed)", colour: "#80cdc1", shape: "triangle" },
  force: { label: "Force", colour: "#4575b4", shape: "ellipse" },
  "national-complete": { label: "Complete", colour: "#1a9850", shape: "round-rectangle" },
  "national-open": { label: "Another status (latest)", colour: "#fdae61", shape: "round-rectangle" },
  "national-none": { label: "No status on its page", colour: "#91bfdb", shape: "round-rectangle" },
  "national-unnamed": { label: "Page names no force", colour: "#9e9ac8", shape: "diamond" },
  "national-missing": { label: "No page in the store", colour: "#e0e0e0", shape: "ellipse" },
  partner: { label: "Partner", colour: "#91bfdb", shape: "ellipse" },
  programme: { label: "Programme", colour: "#998ec3", shape: "round-rectangle" },
  literal: { label: "Value", colour: "#bdbdbd", shape: "round-rectangle" },
  resource: { label: "Resource", colour: "#4575b4", shape: "ellipse" },
};
PG.GRADES = {
  Outstanding: "#1a9850",
  Good: "#91cf60",
  Adequate: "#d9ef8b",
  "Requires improvement": "#fc8d59",
  Inadequate: "#d73027",
  Ungraded: "#bdbdbd",
};
PG.FONT = "11px Helvetica, Arial, sans-serif";
PG.ROW = 34; // model pixels per node row: two label lines of 13px and a gap
PG.MIN_COL = 150; // narrowest year column in model pixels
PG.LABEL_MIN_SCREEN = 90; // labels show when a column leaves them at least this much room on screen
PG.GUTTER = 24; // model pixels left of each column's markers: room for links bowing out of it

PG.el = (tag, attrs, parent) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  if (parent) parent.appendChild(e);
  return e;
};

// At most `lines` lines of at most `width` pixels, cut at a word with an ellipsis.
const measure = document.createElement("canvas").getContext("2d");
PG.wrap = (text, width, lines = 2) => {
  measure.font = PG.FONT;
  const fits = (s) => measure.measureText(s).width <= width;
  const words = String(text || "").split(/\s+/).filter(Boolean);
  const out = [];
  while (words.length && out.length < lines) {
    let line = "";
    while (words.length && fits(line ? `${line} ${words[0]}` : words[0])) line = line ? `${line} ${words.shift()}` : words.shift();
    const last = out.length === lines - 1;
    if (words.length && (last || !line)) {
      // The last line (or a word wider than a line): as many characters as fit, then "…".
      const all = (line ? `${line} ` : "") + words.join(" ");
      const mark = last ? "…" : ""; // a word broken across lines goes on without a mark
      let rest = all;
      while (rest.length > 1 && !fits(`${rest}${mark}`)) rest = rest.slice(0, -1);
      const space = rest.lastIndexOf(" ");
      if (last && space > rest.length * 0.6) rest = rest.slice(0, space); // prose: cut at a word
      out.push(last ? `${rest.trimEnd().replace(/[,;:]$/, "")}…` : rest);
      if (last) break;
      words.splice(0, words.length, ...all.slice(rest.length).split(/\s+/).filter(Boolean));
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
};

PG.colour = (d) => (d.type === "judgement" && PG.GRADES[d.grade]) || (PG.TYPES[d.type] || PG.TYPES.resource).colour;

PG.style = () => [
  {
    selector: "node",
    style: {
      width: 12, height: 12,
      "background-color": (n) => PG.colour(n.data()),
      shape: (n) => (PG.TYPES[n.data("type")] || PG.TYPES.resource).shape,
      "border-width": 1, "border-color": "#555",
      label: "data(short)", "font-family": "Helvetica, Arial, sans-serif", "font-size": 11,
      "text-wrap": "wrap", "text-max-width": 2000, "text-halign": "right", "text-valign": "center",
      "text-margin-x": 5, "line-height": 1.18, color: "#222",
      // Labels sit on a white ground, so an edge passing under one never crosses its words.
      "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 1,
    },
  },
  { selector: "node.nolabel", style: { label: "" } },
  { selector: "node.hidden, edge.hidden", style: { display: "none" } },
  { selector: "node.hit", style: { "border-width": 3, "border-color": "#000", width: 16, height: 16 } },
  { selector: "node:selected", style: { "border-width": 3, "border-color": "#1f78b4" } },
  {
    selector: "edge",
    style: {
      width: 1.3, "line-color": "#8c8c8c", "target-arrow-color": "#8c8c8c",
      "target-arrow-shape": "triangle", "arrow-scale": 0.7, "curve-style": "bezier",
    },
  },
  // A link between two nodes of one column would run straight through the markers stacked
  // between them: it bows out to the left of the column instead (labels are on the right),
  // further the further apart its ends, so each link can be followed (PG.routeEdges).
  {
    selector: "edge.samecol",
    style: { "curve-style": "unbundled-bezier", "control-point-distances": "data(bow)", "control-point-weights": 0.5 },
  },
  {
    selector: "edge.proposed",
    style: {
      "line-style": "dashed", "line-color": "#b0b0b0", "target-arrow-color": "#b0b0b0",
      // A proposed link says what it proposes and how sure the model is, on the line itself.
      label: "data(label)", "font-size": 9, color: "#555", "text-rotation": "autorotate",
      "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1,
    },
  },
  { selector: "edge.faint", style: { opacity: 0.12 } },
  { selector: "edge.parallel", style: { "line-style": "dotted", "line-color": "#c994c7", "target-arrow-color": "#c994c7" } },
];

// Two ends in one column (the same x), and how far the link between them bows out to the left.
PG.sameColumn = (e) => Math.abs(e.source().position("x") - e.target().position("x")) < 1 && e.source().id() !== e.target().id();
PG.bow = (e) => {
  if (!PG.sameColumn(e)) return 0;
  const dy = e.target().position("y") - e.source().position("y");
  // Cytoscape measures the distance to the right of the source-to-target direction: going
  // down, right is the screen's left, so the sign follows the direction.
  return Math.sign(dy) * Math.min(PG.GUTTER - 4, 8 + Math.abs(dy) * 0.08);
};

PG.routeEdges = (cy) => {
  cy.edges().forEach((e) => {
    const bow = PG.bow(e);
    e.data("bow", bow);
    e.toggleClass("samecol", bow !== 0);
  });
};

// The legend: a swatch and a name for each kind shown, each grade, and the edge styles.
PG.legend = (box, types, { grades = true, edges = true } = {}) => {
  box.innerHTML = "";
  PG.el("div", { class: "legend-title", text: "Legend" }, box);
  for (const t of types) {
    const info = PG.TYPES[t] || PG.TYPES.resource;
    const row = PG.el("div", { class: "legend-row" }, box);
    PG.el("span", { class: `swatch ${info.shape}`, style: `background:${info.colour}` }, row);
    PG.el("span", { text: info.label }, row);
  }
  if (grades) {
    for (const [g, c] of Object.entries(PG.GRADES)) {
      const row = PG.el("div", { class: "legend-row" }, box);
      PG.el("span", { class: "swatch round-rectangle", style: `background:${c}` }, row);
      PG.el("span", { text: `Grade: ${g}` }, row);
    }
  }
  if (edges) {
    for (const [cls, name] of [["explicit", "Link a document states"], ["proposed", "Link proposed by wording"], ["parallel", "Same finding, another force"]]) {
      const row = PG.el("div", { class: "legend-row" }, box);
      PG.el("span", { class: `edge-swatch ${cls}` }, row);
      PG.el("span", { text: name }, row);
    }
  }
};

const TYPE_RANK = ["earlier-finding", "cause-of-concern", "recommendation", "area-for-improvement",
  "judgement", "dispute", "status", "back-reference", "statement"];
const rankOf = (n) => { const i = TYPE_RANK.indexOf(n.data("type")); return i < 0 ? 99 : i; };

// Years as columns, threads as bands: each band is one thread (a force's question), each
// cell the thread's nodes of that year, ordered so linked nodes sit level with each other
// (each column sorted by where its neighbours in earlier columns sit). Returns the columns
// and bands in model coordinates, for the headings.
// `columnOf` chooses another column than the year (a force's partners by category, an entity
// by the force that names it): years come first in order, then named columns in theirs.
PG.threadLayout = (cy, nodes, { width, threadOf, threadName, bandText = 150, colMin = PG.MIN_COL, sortCell = null, columnOf = null, columnName = null }) => {
  const col = columnOf || ((n) => n.data("year") || 0);
  // Numbers (years) in order, then names in order, a name starting "~" last.
  const last = (x) => typeof x === "string" && x.startsWith("~");
  const byKind = (a, b) => (typeof a === "string") - (typeof b === "string") || last(a) - last(b)
    || (typeof a === "string" ? a.localeCompare(b) : a - b);
  const years = [...new Set(nodes.map(col))].sort(byKind);
  // The last column's labels run into one more gutter's width past it.
  const colWidth = Math.max(colMin, Math.floor((width - PG.GUTTER) / Math.max(1, years.length)));
  const zoom = Math.min(1, width / (colWidth * Math.max(1, years.length) + PG.GUTTER)); // as PG.fitWidth sets it
  const threads = new Map();
  nodes.forEach((n) => {
    const key = threadOf(n);
    if (!threads.has(key)) threads.set(key, new Map());
    const cells = threads.get(key);
    const y = col(n);
    if (!cells.has(y)) cells.set(y, []);
    cells.get(y).push(n);
  });
  const order = [...threads.keys()].sort((a, b) => last(a) - last(b) || a.localeCompare(b)); // "~…" last
  const positions = {}, bands = [];
  let top = 0;
  for (const key of order) {
    const cells = threads.get(key);
    const row = {};
    let rows = 0;
    for (const year of years) {
      const cell = cells.get(year) || [];
      const bary = (n) => {
        const placed = n.neighborhood("node").filter((m) => !m.hasClass("hidden") && row[m.id()] !== undefined);
        return placed.length ? placed.reduce((s, m) => s + row[m.id()], 0) / placed.length : 1e9;
      };
      const usual = (a, b) => bary(a) - bary(b) || rankOf(a) - rankOf(b) || String(a.data("sortKey")).localeCompare(String(b.data("sortKey")));
      cell.sort(sortCell ? (a, b) => sortCell(a, b) || usual(a, b) : usual);
      cell.forEach((n, i) => { row[n.id()] = i; });
      rows = Math.max(rows, cell.length);
      const x = years.indexOf(year) * colWidth + PG.GUTTER;
      cell.forEach((n, i) => { positions[n.id()] = { x, y: top + (i + 0.5) * PG.ROW }; });
    }
    // A band is at least as tall as its heading's lines, so no heading runs into the next.
    const name = threadName(key);
    const lines = PG.wrap(name, bandText, 6).split("\n").length;
    const height = Math.max(rows * PG.ROW, (lines * 14 + 6) / zoom);
    bands.push({ key, name, top, height });
    top += height + PG.ROW / 2;
  }
  // A label may run into the next column's gutter, which holds no marker.
  const labelWidth = colWidth - 36;
  nodes.forEach((n) => n.data("short", PG.wrap(n.data("display") || n.data("label"), labelWidth)));
  cy.layout({ name: "preset", positions: (n) => positions[n.id()], fit: false, animate: false }).run();
  PG.routeEdges(cy);
  return { years, colWidth, labelWidth, bands, height: top, columnName };
};

// Fit the layout's width to the canvas (never wider: no column off the edge), top aligned,
// and show labels only when there is room on screen to read them.
PG.fitWidth = (cy, layout) => {
  const w = cy.width(), total = layout.years.length * layout.colWidth + PG.GUTTER;
  const zoom = Math.min(1, w / total);
  cy.zoom(zoom);
  cy.pan({ x: (w - total * zoom) / 2, y: 12 });
  PG.toggleLabels(cy, layout);
};

PG.toggleLabels = (cy, layout) => {
  const room = layout.labelWidth * cy.zoom();
  cy.nodes().toggleClass("nolabel", room < PG.LABEL_MIN_SCREEN);
};

// Headings that follow the canvas: one per year column above it, one per band beside it.
PG.headings = (cy, layout, yearBox, bandBox) => {
  yearBox.innerHTML = "";
  if (bandBox) bandBox.innerHTML = "";
  const name = layout.columnName || ((y) => (y ? String(y) : "undated"));
  const heads = layout.years.map((y) => PG.el("div", { class: "year", text: name(y), title: name(y) }, yearBox));
  const labels = bandBox ? layout.bands.map((b) => PG.el("div", { class: "band", text: b.name, title: b.name }, bandBox)) : [];
  const place = () => {
    const z = cy.zoom(), p = cy.pan();
    // Each heading covers the part of its column or band in view (so it stays readable while
    // the picture pans), and goes blank when that part is too small to hold it whole.
    const fit = (el, start, size, room, horizontal) => {
      const from = Math.max(0, start), to = Math.min(room, start + size);
      el.style.display = to - from < 1 ? "none" : "";
      el.style[horizontal ? "left" : "top"] = `${from}px`;
      el.style[horizontal ? "width" : "height"] = `${Math.max(0, to - from)}px`;
      el.classList.remove("squeezed");
      const over = horizontal ? el.scrollWidth > el.clientWidth : el.scrollHeight > el.clientHeight;
      if (el.style.display !== "none" && over) el.classList.add("squeezed");
    };
    heads.forEach((h, i) => fit(h, i * layout.colWidth * z + p.x, layout.colWidth * z, yearBox.clientWidth, true));
    labels.forEach((el, i) => fit(el, layout.bands[i].top * z + p.y, layout.bands[i].height * z, bandBox.clientHeight, false));
    PG.toggleLabels(cy, layout);
  };
  cy.on("viewport", place);
  place();
  return place;
};

// A tooltip with a node's full label, following the pointer.
PG.tooltip = (cy, box) => {
  const tip = PG.el("div", { class: "tooltip", role: "tooltip" }, box);
  cy.on("mouseover", "node", (e) => {
    const d = e.target.data();
    tip.textContent = [d.label, [d.typeName, d.date || d.year || "", d.forceName].filter(Boolean).join(" · ")].filter(Boolean).join("\n");
    tip.style.display = "block";
  });
  cy.on("mousemove", (e) => {
    const p = e.renderedPosition || { x: 0, y: 0 };
    const left = Math.min(p.x + 14, box.clientWidth - tip.offsetWidth - 4);
    tip.style.left = `${Math.max(4, left)}px`;
    tip.style.top = `${p.y + 14}px`;
  });
  cy.on("mouseover", "edge", (e) => {
    const d = e.target.data();
    const score = d.kind === "proposed" && d.score !== undefined ? ` (proposed, score ${Number(d.score).toFixed(2)})` : "";
    tip.textContent = `${d.relation || "link"}${score}`;
    tip.style.display = "block";
  });
  cy.on("mouseout", "node, edge", () => { tip.style.display = "none"; });
  return tip;
};
