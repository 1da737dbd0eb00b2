// The query page: a CodeMirror editor with SPARQL highlighting and completion, saved queries
// with their parameters, results in pages with downloads, and pictures drawn by cytoscape.js
// (a trace as a timeline with years as columns, a DESCRIBE or CONSTRUCT as a graph).
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const E = window.PeelEditor;
  const PREFIXES = JSON.parse($("prefix-data").textContent);
  const PAGE = 50;
  const saved = {};
  let result = null; // { vars, rows } of the last answer
  let cy = null;

  // ------------------------------------------------------------------ editor
  const KEYWORDS = ["SELECT", "DISTINCT", "WHERE", "OPTIONAL", "FILTER", "UNION", "GRAPH", "PREFIX",
    "CONSTRUCT", "DESCRIBE", "ASK", "ORDER BY", "GROUP BY", "LIMIT", "OFFSET", "VALUES", "BIND",
    "COUNT", "SAMPLE", "STR", "CONTAINS", "LCASE", "REGEX", "EXISTS", "NOT EXISTS", "AS", "DESC"];
  const complete = (ctx) => {
    const word = ctx.matchBefore(/[\w:-]+/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    return {
      from: word.from,
      options: [
        ...Object.entries(PREFIXES).map(([p, iri]) => ({ label: `${p}:`, type: "namespace", detail: iri })),
        ...KEYWORDS.map((k) => ({ label: k, type: "keyword" })),
      ],
    };
  };
  const editor = new E.EditorView({
    doc: "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20",
    extensions: [
      E.basicSetup, E.sparql(), E.EditorView.lineWrapping,
      E.EditorState.languageData.of(() => [{ autocomplete: complete }]),
      E.keymap.of([{ key: "Mod-Enter", run: () => { run(); return true; } }]),
    ],
    parent: $("editor"),
  });
  window.peelEditor = editor;
  const getText = () => editor.state.doc.toString();
  const setText = (text) => editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });

  // Declare the known prefixes a query uses and does not declare, after its leading comments.
  const addPrefixes = () => {
    const text = getText();
    const body = text.replace(/#[^\n]*/g, "").replace(/<[^>\s]*>/g, "").replace(/"(?:[^"\\]|\\.)*"/g, "");
    const declared = new Set([...text.matchAll(/PREFIX\s+([\w-]*):/gi)].map((m) => m[1]));
    const used = new Set([...body.matchAll(/(?:^|[\s({,;/^|!])([A-Za-z][\w-]*):(?=[\w\\])/g)].map((m) => m[1]));
    const missing = [...used].filter((p) => !declared.has(p) && PREFIXES[p]).sort();
    if (!missing.length) return;
    const lines = missing.map((p) => `PREFIX ${p}: <${PREFIXES[p]}>`).join("\n") + "\n";
    const lead = text.match(/^(?:\s*#[^\n]*\n)*/)[0].length;
    editor.dispatch({ changes: { from: lead, insert: lines } });
  };

  // ------------------------------------------------------------------ saved queries
  fetch("/queries").then((r) => r.json()).then((list) => {
    for (const q of list) {
      saved[q.name] = q;
      PG.el("option", { value: q.name, text: q.name }, $("saved"));
    }
  });
  $("saved").onchange = () => {
    const q = saved[$("saved").value];
    $("params").innerHTML = "";
    $("summary").textContent = q ? q.summary : "";
    if (!q) return;
    for (const p of q.params) {
      const l = PG.el("label", { text: `${p.name}${p.required ? " (required)" : ""}` }, $("params"));
      PG.el("input", { name: p.name, placeholder: p.type, title: p.description }, l);
    }
    setText(q.text);
  };

  // ------------------------------------------------------------------ values
  const shortIri = (iri) => {
    for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
    return iri;
  };
  const text = (v) => (!v ? "" : v.type === "uri" ? v.value : v.type === "bnode" ? `_:${v.value}` : v.value);

  function cell(v) {
    const td = document.createElement("td");
    if (!v) return td;
    if (v.type === "uri") {
      const a = PG.el("a", { href: "#", text: shortIri(v.value), title: v.value }, td);
      a.onclick = (e) => { e.preventDefault(); describe(v.value); };
      return td;
    }
    const full = text(v);
    if (full.length <= 280) {
      td.textContent = full;
    } else {
      const cut = full.slice(0, 280).replace(/\s+\S*$/, "");
      const span = PG.el("span", { text: `${cut}…` }, td);
      const more = PG.el("a", { href: "#", class: "more", text: "more" }, td);
      more.onclick = (e) => {
        e.preventDefault();
        const open = more.textContent === "more";
        span.textContent = open ? full : `${cut}…`;
        more.textContent = open ? "less" : "more";
      };
    }
    if (full.length > 80) td.className = "long";
    return td;
  }

  // Column widths from what the columns hold, so a year takes little room and a quote much:
  // each column asks for its longest value (up to 70 characters); when they do not all fit,
  // the wide ones give up room in proportion, never below what their heading needs.
  const CH = 8.2, PAD = 18; // a character of the table's font, and a cell's padding and border
  const shown = (v) => (!v ? "" : v.type === "uri" ? shortIri(v.value) : text(v));
  const wants = (vars, rows) => vars.map((v) => PAD + CH * Math.max(v.length, Math.min(70, rows.slice(0, 200).reduce((m, r) => Math.max(m, shown(r[v]).length), 0))));
  // Short columns (years, dates, grades) keep their width; long ones shrink to 14 characters.
  const leasts = (vars, want) => vars.map((v, i) => Math.min(want[i], PAD + CH * Math.max(v.length, 14)));

  function colgroup(table, vars, rows) {
    const group = PG.el("colgroup", {}, table);
    const room = $("results").clientWidth;
    const want = wants(vars, rows), least = leasts(vars, want);
    const spare = want.reduce((a, w, i) => a + w - least[i], 0);
    const over = Math.max(0, want.reduce((a, b) => a + b, 0) - room);
    const width = want.map((w, i) => w - (spare ? (Math.min(over, spare) * (w - least[i])) / spare : 0));
    const total = width.reduce((a, b) => a + b, 0);
    width.forEach((w) => PG.el("col", { style: `width:${((100 * w) / total).toFixed(2)}%` }, group));
  }

  // The columns shown at first: all that fit at their least width; when they do not, the
  // mostly empty ones go first, then from the right. The Columns list shows any of them.
  function fitting(vars, rows) {
    const room = $("results").clientWidth;
    const least = leasts(vars, wants(vars, rows));
    const empty = (v) => rows.filter((r) => !r[v]).length / Math.max(1, rows.length);
    const drop = [...vars].sort((a, b) => (empty(b) > 0.7) - (empty(a) > 0.7) || vars.indexOf(b) - vars.indexOf(a));
    const keep = new Set(vars);
    let total = least.reduce((a, b) => a + b, 0);
    for (const v of drop) {
      if (total <= room || keep.size <= 2) break;
      keep.delete(v);
      total -= least[vars.indexOf(v)];
    }
    return keep;
  }

  // Columns with the same value in every row are said once, above the table.
  function constants(vars, rows) {
    if (rows.length < 2) return [];
    return vars.filter((v) => rows.every((r) => text(r[v]) === text(rows[0][v])));
  }

  let columns = null; // the columns shown, chosen when an answer arrives

  function chooser(box, vars, choosable, rows, all) {
    const d = PG.el("details", { id: "columns" }, box);
    PG.el("summary", { text: `Columns: ${vars.length} of ${choosable.length} shown` }, d);
    for (const v of choosable) {
      const l = PG.el("label", {}, d);
      const c = PG.el("input", { type: "checkbox", value: v }, l);
      c.checked = columns.has(v);
      PG.el("span", { text: v }, l);
      c.onchange = () => {
        c.checked ? columns.add(v) : columns.delete(v);
        table(all, rows, 0, true);
      };
    }
  }

  function table(all, rows, page, open = false) {
    const box = $("results");
    box.innerHTML = "";
    let vars = all;
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    if (pages > 1) {
      const pager = PG.el("div", { class: "pager" }, box);
      const prev = PG.el("button", { text: "◀ Previous" }, pager);
      PG.el("span", { id: "page-of", text: `Page ${page + 1} of ${pages} (rows ${page * PAGE + 1}–${Math.min(rows.length, (page + 1) * PAGE)} of ${rows.length})` }, pager);
      const next = PG.el("button", { text: "Next ▶" }, pager);
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      prev.onclick = () => table(all, rows, page - 1);
      next.onclick = () => table(all, rows, page + 1);
    }
    const same = constants(vars, rows);
    if (same.length) {
      const p = PG.el("p", { id: "constant", class: "constant" }, box);
      PG.el("span", { text: "In every row: " }, p);
      same.forEach((v, i) => {
        PG.el("b", { text: `${v} = ` }, p);
        const val = rows[0][v];
        if (val && val.type === "uri") {
          const a = PG.el("a", { href: "#", text: shortIri(val.value), title: val.value }, p);
          a.onclick = (e) => { e.preventDefault(); describe(val.value); };
        } else PG.el("span", { text: val ? text(val) : "(none)" }, p);
        if (i < same.length - 1) PG.el("span", { text: "; " }, p);
      });
      vars = vars.filter((v) => !same.includes(v));
    }
    if (!columns) columns = fitting(vars, rows);
    const choosable = vars;
    vars = vars.filter((v) => columns.has(v));
    if (choosable.length > 2) {
      chooser(box, vars, choosable, rows, all);
      if (open) box.querySelector("#columns").open = true;
    }
    const t = PG.el("table", { id: "table", class: "results" }, box);
    colgroup(t, vars, rows);
    const head = t.createTHead().insertRow();
    for (const v of vars) PG.el("th", { text: v }, head);
    const body = t.createTBody();
    for (const r of rows.slice(page * PAGE, (page + 1) * PAGE)) {
      const tr = body.insertRow();
      for (const v of vars) tr.appendChild(cell(r[v]));
    }
  }

  // Downloads of the whole answer (every page), made in the page: nothing is fetched again.
  function downloads(vars, rows, ntriples) {
    const box = $("downloads");
    box.innerHTML = "Download:";
    const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const files = {
      csv: [vars.join(","), ...rows.map((r) => vars.map((v) => csvCell(text(r[v]))).join(","))].join("\n") + "\n",
      tsv: [vars.join("\t"), ...rows.map((r) => vars.map((v) => text(r[v]).replace(/[\t\n]/g, " ")).join("\t"))].join("\n") + "\n",
      json: JSON.stringify({ head: { vars }, results: { bindings: rows } }, null, 1),
    };
    if (ntriples !== undefined) files.nt = ntriples;
    for (const [ext, body] of Object.entries(files)) {
      const a = PG.el("a", { text: ext.toUpperCase(), download: `results.${ext}` }, box);
      a.href = URL.createObjectURL(new Blob([body], { type: "text/plain" }));
    }
  }

  function clearOutput() {
    $("results").innerHTML = "";
    $("downloads").innerHTML = "";
    $("error").textContent = "";
    $("status").textContent = "";
    $("picture-box").hidden = true;
    if (cy) { cy.destroy(); cy = null; }
    result = null;
    columns = null;
  }

  // ------------------------------------------------------------------ running
  const queryKind = (q) => {
    const m = q.replace(/#[^\n]*/g, "").replace(/(?:PREFIX|BASE)\s+\S*\s*<[^>]*>/gi, "").match(/\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b/i);
    return m ? m[1].toUpperCase() : "SELECT";
  };

  async function run() {
    clearOutput();
    addPrefixes();
    const q = saved[$("saved").value], query = getText();
    const graph = ["CONSTRUCT", "DESCRIBE"].includes(queryKind(query));
    const accept = graph ? "application/n-triples" : "application/sparql-results+json";
    const started = performance.now();
    $("status").textContent = "running…";
    let resp;
    try {
      if (q && query === q.text) {
        const ps = new URLSearchParams();
        for (const i of $("params").querySelectorAll("input")) if (i.value.trim()) ps.set(i.name, i.value.trim());
        resp = await fetch(`/queries/${encodeURIComponent(q.name)}?${ps}`, { headers: { Accept: accept } });
      } else {
        resp = await fetch("/sparql", { method: "POST", body: query, headers: { "Content-Type": "application/sparql-query", Accept: accept } });
      }
    } catch (err) {
      resp = { ok: false, status: 0, text: async () => `cannot reach the server (${err})` };
    }
    if (!resp.ok) {
      clearOutput();
      $("error").textContent = `Query failed (${resp.status || "no answer"}): ${(await resp.text()).trim()}`;
      return;
    }
    const ms = Math.round(performance.now() - started);
    const cut = resp.headers.get("X-Peelgraph-Truncated");
    if (graph) {
      const nt = await resp.text();
      const triples = parseNTriples(nt);
      const vars = ["subject", "predicate", "object"];
      result = { vars, rows: triples.map(([s, p, o]) => ({ subject: s, predicate: p, object: o })) };
      table(vars, result.rows, 0);
      downloads(vars, result.rows, nt);
      drawGraph(triples, query);
      $("status").textContent = `${triples.length} triples in ${ms} ms` + (cut ? ` (cut at ${cut})` : "");
      return;
    }
    const data = await resp.json();
    if ("boolean" in data) {
      $("results").textContent = data.boolean ? "yes" : "no";
      $("status").textContent = `answered in ${ms} ms`;
      return;
    }
    result = { vars: data.head.vars, rows: data.results.bindings };
    table(result.vars, result.rows, 0);
    downloads(result.vars, result.rows);
    if (result.vars.includes("event") && result.vars.includes("item")) drawTimeline(result.rows);
    $("status").textContent = `${result.rows.length} rows in ${ms} ms` + (cut ? ` (cut at ${cut})` : "");
  }

  function describe(iri) {
    $("saved").value = "";
    $("params").innerHTML = "";
    $("summary").textContent = "";
    setText(`DESCRIBE <${iri}>`);
    run();
  }

  // ------------------------------------------------------------------ pictures
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

  function showPicture(elements, legendTypes, timeline) {
    $("picture-box").hidden = false;
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

  // The picture is as tall as the timeline needs at the zoom that fits its width (up to 640px).
  function fitHeight(layout) {
    const zoom = Math.min(1, cy.width() / (layout.years.length * layout.colWidth));
    $("stage").style.height = `${Math.max(200, Math.min(640, layout.height * zoom + 50))}px`;
    cy.resize();
    PG.fitWidth(cy, layout);
  }

  // A DESCRIBE of one resource: it in the middle, one node per property on the right with
  // its values (a resource alone can be described in turn by a click), what points at it on
  // the left, one node per property again; any other graph: force-directed.
  function drawGraph(triples, query) {
    const focus = (query.match(/DESCRIBE\s+<([^>]+)>\s*$/i) || [])[1];
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

  $("run").onclick = run;
  $("prefixes").onclick = addPrefixes;
  document.body.dataset.ready = "1";
})();
