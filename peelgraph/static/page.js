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
  const pictures = PG.pictures({ shortIri, describe: (iri) => describe(iri) });
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
  // A value that says again what an earlier column of its row says (a trace's quote of a
  // finding beside the finding's text) is not written twice: the same words in two columns
  // made a trace's table thousands of pixels tall. Its cell says which column holds it.
  const norm = (v) => (v ? text(v).replace(/\s+/g, " ").trim().toLowerCase() : "");
  const repeated = (r, vars, i) => {
    const a = norm(r[vars[i]]);
    if (a.length <= 20) return null;
    return vars.slice(0, i).find((u) => {
      const b = norm(r[u]);
      return b.length > 20 && (a.startsWith(b.slice(0, 60)) || b.startsWith(a.slice(0, 60)));
    }) || null;
  };

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
      vars.forEach((v, i) => {
        const same = repeated(r, vars, i);
        if (same) PG.el("td", { class: "same", text: `(as ${same})`, title: text(r[v]) }, tr);
        else tr.appendChild(cell(r[v]));
      });
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
    pictures.clear();
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
      const triples = pictures.parseNTriples(nt);
      const vars = ["subject", "predicate", "object"];
      result = { vars, rows: triples.map(([s, p, o]) => ({ subject: s, predicate: p, object: o })) };
      table(vars, result.rows, 0);
      downloads(vars, result.rows, nt);
      pictures.drawGraph(triples, query);
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
    if (result.vars.includes("event") && result.vars.includes("item")) pictures.drawTimeline(result.rows);
    else if (result.vars.includes("record") && result.vars.includes("latestStatus") && result.rows.length) pictures.drawNational(result.rows);
    $("status").textContent = `${result.rows.length} rows in ${ms} ms` + (cut ? ` (cut at ${cut})` : "");
  }

  function describe(iri) {
    $("saved").value = "";
    $("params").innerHTML = "";
    $("summary").textContent = "";
    // Both directions: what the resource says (all DESCRIBE gives) and what points at it
    // (a cause of concern's links, disputes and follow-ups are triples about other nodes).
    setText(`# What <${iri}> says, and what points at it\n`
      + `CONSTRUCT { <${iri}> ?p ?o . ?s ?q <${iri}> }\n`
      + `WHERE { { <${iri}> ?p ?o } UNION { ?s ?q <${iri}> } }`);
    run();
  }

  $("run").onclick = run;
  $("prefixes").onclick = addPrefixes;
  document.body.dataset.ready = "1";
})();
