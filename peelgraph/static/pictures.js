// The query page's pictures, drawn by cytoscape.js: a trace as a timeline (years as columns,
// one band per question, each entry placed as the command line places it) and a DESCRIBE or
// CONSTRUCT as a graph. PG.pictures({ shortIri, describe }) gives the drawing functions.
"use strict";
PG.pictures = ({ shortIri, describe }) => {
  const $ = (id) => document.getElementById(id);
  let cy = null;

  function clear() {
    $("picture-box").hidden = true;
    if (cy) { cy.destroy(); cy = null; }
  }

  function parseNTriples(nt) {
    const term = String.raw`<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:\^\^<[^>]*>|@[\w-]+)?`;
    const re = new RegExp(`^(?:${term})\\s+<([^>]*)>\\s+(?:${term})\\s*\\.\\s*$`);
    const out = [];
    for (const line of nt.split("\n")) {
      const m = line.match(re);
      if (!m) continue;
      const s = m[1] !== undefined ? { type: "uri", value: m[1] } : { type: "bnode", value: m[2] };
      const o = m[5] !== undefined ? { type: "uri", value: m[5] } : m[6] !== undefined ? { type: "bnode", value: m[6] }
        : { type: "literal", value: JSON.parse(`"${m[7]}"`) };
      out.push([s, { type: "uri", value: m[4] }, o]);
    }
    return out;
  }

  function showPicture(elements, legendTypes, timeline, corner = "question / year") {
    $("picture-box").hidden = false;
    document.querySelector("#stage .corner").textContent = corner;
    $("stage").classList.toggle("free", !timeline);
    cy = cytoscape({ container: $("cy"), elements, style: PG.style(), minZoom: 0.05, maxZoom: 3, boxSelectionEnabled: false });
    window.peel = { cy };
    PG.tooltip(cy, $("canvas"));
    PG.legend($("picture-legend"), legendTypes, { grades: legendTypes.includes("judgement"), edges: false });
    return cy;
  }

  const EVENT_TYPES = [["Earlier finding", "earlier-finding"], ["Cause of concern", "cause-of-concern"],
    ["Recommendation", "recommendation"], ["Area for improvement", "area-for-improvement"], ["Grade", "judgement"],
    ["Response disputes", "dispute"], ["Status", "status"], ["Comment", "status"], ["Later document", "back-reference"],
    ["Later statement", "statement"]];

  // A trace as a timeline: the same placement as the command line's (event date, else
  // publication date, else inspection year), years as columns, one band per question.
  function drawTimeline(rows) {
    const seen = new Set(), elements = [];
    rows.forEach((b, i) => {
      const v = (k) => (b[k] ? b[k].value : "");
      const key = [v("item"), v("event"), v("document"), v("start")].join("|");
      if (seen.has(key)) return;
      seen.add(key);
      const date = /^\d{4}(-\d\d){0,2}$/.test(v("date")) ? v("date") : "";
      const year = date ? +date.slice(0, 4) : +v("year") || 0;
      const type = (EVENT_TYPES.find(([p]) => v("event").startsWith(p)) || [0, "resource"])[1];
      const what = [v("event"), v("grade"), v("status")].filter(Boolean).join(": ");
      const body = type === "judgement" || type === "status" ? "" : type === "earlier-finding" ? v("quote") : v("text") || v("quote");
      elements.push({ group: "nodes", data: {
        id: `t${i}`, type, year, grade: v("grade"), question: v("questionLabel"), short: "",
        display: `${date ? date + " " : ""}${what}${body ? " — " + body : ""}`,
        label: `${date ? date + " " : ""}${what}\n${body}`.trim(), typeName: v("event"), forceName: v("document"),
        sortKey: `${date || "9999"}|${v("start").padStart(8, "0")}`,
      } });
    });
    const types = [...new Set(elements.map((e) => e.data.type))];
    showPicture(elements, types, true);
    const layout = PG.threadLayout(cy, cy.nodes(), {
      width: cy.width(), bandText: $("bands").clientWidth - 18, threadOf: (n) => n.data("question") || "~", threadName: (k) => (k === "~" ? "no question" : k),
      sortCell: (a, b) => a.data("sortKey").localeCompare(b.data("sortKey")),
    });
    fitHeight(layout);
    PG.headings(cy, layout, $("years"), $("bands"));
  }

  // A national finding force by force (the national query): a column per latest status
  // (complete first, "no page in the store" last), a band per finding, each force's tile
  // with its latest date; a page that names no force is a tile of its own, said so.
  function drawNational(rows) {
    const elements = [];
    rows.forEach((b, i) => {
      const v = (k) => (b[k] ? b[k].value : "");
      const record = v("record"), status = v("latestStatus");
      const type = record === "no page in the store" ? "national-missing"
        : record !== "own page" ? "national-unnamed"
        : status === "Complete" ? "national-complete" : status ? "national-open" : "national-none";
      const column = record === "no page in the store" ? "~ No page in the store" : status || "No status shown";
      const who = record === "own page" ? v("forceName") : record === "no page in the store" ? v("forceName") : `${v("forceName")} — ${v("document")}`;
      const when = v("latestDate");
      elements.push({ group: "nodes", data: {
        id: `n${i}`, type, column, short: "", iri: v("force"),
        thread: `${v("typeLabel")} ${shortIri(v("finding")).split("/").pop()}`,
        display: when ? `${who}, ${when}` : who,
        label: [who, status && `${status}${when ? " on " + when : ""}`, v("words"), v("address")].filter(Boolean).join("\n"),
        typeName: record, sortKey: `${record === "own page" ? 0 : 1}|${v("forceName")}|${v("document")}`,
      } });
    });
    const types = [...new Set(elements.map((e) => e.data.type))];
    showPicture(elements, types, true, "finding / latest status");
    // Complete first, the other statuses by name, no page in the store last.
    const rank = (c) => (c.startsWith("~ ") ? "~" : c === "Complete" ? "0" : "1");
    const layout = PG.threadLayout(cy, cy.nodes(), {
      width: cy.width(), bandText: $("bands").clientWidth - 18,
      columnOf: (n) => rank(n.data("column")) + n.data("column").replace(/^~ /, ""),
      columnName: (k) => k.slice(1),
      threadOf: (n) => n.data("thread"), threadName: (k) => k,
      sortCell: (a, b) => a.data("sortKey").localeCompare(b.data("sortKey")),
    });
    fitHeight(layout);
    PG.headings(cy, layout, $("years"), $("bands"));
    cy.on("tap", "node", (e) => e.target.data("iri") && describe(e.target.data("iri")));
  }

  // The picture is as tall as the timeline needs at the zoom that fits its width (up to 640px).
  function fitHeight(layout) {
    const zoom = Math.min(1, cy.width() / (layout.years.length * layout.colWidth + PG.GUTTER));
    $("stage").style.height = `${Math.max(200, Math.min(640, layout.height * zoom + 50))}px`;
    cy.resize();
    PG.fitWidth(cy, layout);
  }

  // A DESCRIBE of one resource: it in the middle, one node per property on the right with
  // its values (a resource alone can be described in turn by a click), what points at it on
  // the left, one node per property again; any other graph: force-directed.
  function drawGraph(triples, query) {
    const focus = (query.match(/DESCRIBE\s+<([^>]+)>\s*$/i) || query.match(/^# What <([^>]+)> says/) || [])[1];
    const name = (t) => (t.type === "uri" ? shortIri(t.value) : t.type === "bnode" ? `_:${t.value}` : t.value);
    const elements = [];
    const node = (id, data) => elements.push({ group: "nodes", data: { id, short: "", ...data } });
    if (focus) {
      node("me", { label: focus, display: shortIri(focus), type: "resource", side: 0 });
      const group = (pairs, side) => {
        const by = new Map();
        for (const [p, t] of pairs) by.set(p, [...(by.get(p) || []), t]);
        [...by].forEach(([p, values], i) => {
          const id = `${side > 0 ? "out" : "in"}${i}`;
          const list = values.map(name).join(", ");
          const head = `${shortIri(p)}${values.length > 1 ? ` (${values.length})` : ""}`;
          node(id, {
            label: `${side > 0 ? head : list + " " + head}: ${side > 0 ? list : ""}`.replace(/: $/, ""),
            display: side > 0 ? `${head}: ${list}` : `${list} (${head})`,
            type: values.every((v) => v.type === "literal") ? "literal" : "resource", side,
            iri: values.length === 1 && values[0].type === "uri" ? values[0].value : "",
          });
          elements.push({ group: "edges", data: side > 0 ? { id: `e${id}`, source: "me", target: id } : { id: `e${id}`, source: id, target: "me" } });
        });
        return by.size;
      };
      const right = group(triples.filter(([s]) => s.value === focus).map(([, p, o]) => [p.value, o]), 1);
      const left = group(triples.filter(([s, , o]) => o.value === focus && s.value !== focus).map(([s, p]) => [p.value, s]), -1);
      showPicture(elements, [...new Set(elements.filter((e) => e.group === "nodes").map((e) => e.data.type))], false);
      const w = cy.width(), col = Math.floor(w * (left ? 0.38 : 0.6));
      const tall = Math.max(right, left, 1) * PG.ROW;
      const centre = left ? w / 2 : w * 0.25;
      const rows = { 1: 0, "-1": 0 }, count = { 1: right, "-1": left };
      cy.nodes().forEach((n) => {
        const side = n.data("side");
        n.data("short", PG.wrap(n.data("display"), side ? col - 60 : 240, side ? 2 : 3));
        if (side === -1) n.style({ "text-halign": "left", "text-margin-x": -5 });
        if (side === 0) n.style({ "text-valign": "top", "text-halign": "center", "text-margin-x": 0, "text-margin-y": -4 });
      });
      cy.layout({ name: "preset", fit: false, positions: (n) => {
        const side = n.data("side");
        if (!side) return { x: centre, y: tall / 2 };
        const x = side > 0 ? centre + 140 : centre - 140;
        return { x, y: (rows[side]++ + 0.5) * PG.ROW + (tall - count[side] * PG.ROW) / 2 };
      } }).run();
      $("stage").style.height = `${Math.max(220, Math.min(640, tall + 50))}px`;
      cy.resize();
      cy.zoom(Math.min(1, (cy.height() - 30) / (tall + 30)));
      cy.pan({ x: w / 2 - centre * cy.zoom() + (left ? 0 : w * 0.25 - w / 2 + centre * (1 - cy.zoom())), y: 15 });
    } else {
      const id = (t) => `${t.type}:${t.value}`;
      const seen = new Set();
      triples.filter(([, , o]) => o.type !== "literal").slice(0, 300).forEach(([s, p, o], i) => {
        for (const t of [s, o]) if (!seen.has(id(t))) { seen.add(id(t)); node(id(t), { label: t.value, display: name(t), type: "resource", iri: t.type === "uri" ? t.value : "" }); }
        elements.push({ group: "edges", data: { id: `e${i}`, source: id(s), target: id(o), label: shortIri(p.value) } });
      });
      if (!elements.length) return;
      showPicture(elements, ["resource"], false);
      cy.nodes().forEach((n) => n.data("short", PG.wrap(n.data("display"), 150, 1)));
      $("stage").style.height = "460px";
      cy.resize();
      cy.layout({ name: "fcose", animate: false, randomize: true, seed: 7, nodeRepulsion: 12000, idealEdgeLength: 120 }).run();
      cy.fit(undefined, 30);
    }
    cy.on("tap", "node", (e) => e.target.data("iri") && describe(e.target.data("iri")));
  }

  return { clear, parseNTriples, drawTimeline, drawGraph, drawNational };
};
