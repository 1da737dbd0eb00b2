// The exported graph view: filters, years as columns with threads as bands (or a
// force-directed layout), a legend, full labels on hover and a node's evidence on click.
"use strict";
(() => {
  const G = JSON.parse(document.getElementById("data").textContent);
  const $ = (id) => document.getElementById(id);
  $("title").textContent = G.title;
  const timeline = G.nodes.some((n) => n.year);
  const OPENINGS = /^(?:it is a cause of concern to \S+ that |the (?:force|constabulary) should (?:immediately take steps to:?\s*)?)/i;

  // What a node's label says: its words without the opening every finding shares.
  const display = (d) => {
    if (d.type === "judgement") {
      const carried = d.last_inspected && d.last_inspected < d.year ? ` (from ${d.last_inspected})` : "";
      return `${d.grade}${carried}`;
    }
    if (d.type === "back-reference") return `${(d.outcome || "said").replace(/-/g, " ")}: ${d.label}`;
    if (d.type === "dispute") return `Disputes: ${d.label}`;
    if (d.type === "earlier-finding") return `Earlier, referred to: ${d.quote || d.label}`;
    // A partner or programme says its category, which its column is sorted by.
    if (["partner", "programme"].includes(d.type) && d.category) return `${d.label} (${d.category})`;
    const t = String(d.label || "").replace(OPENINGS, "");
    return t.charAt(0).toUpperCase() + t.slice(1);
  };
  // A mention (entities view) has no method: a document states it.
  const kind = (e) => (e.parallel ? "parallel" : !e.method || e.method === "explicit" ? "explicit" : "proposed");
  const elements = G.nodes.map((n) => ({
    group: "nodes",
    data: {
      ...n, short: "", display: display(n), sortKey: n.label || "", typeName: (PG.TYPES[n.type] || {}).label || n.type,
      forceName: n.force_name || "",
    },
  }));
  G.edges.forEach((e, i) => elements.push({
    group: "edges", classes: kind(e),
    data: { id: `e${i}`, source: e.source, target: e.target, relation: e.relation, kind: kind(e), score: e.weight, label: e.label || "" },
  }));
  const cy = cytoscape({
    container: $("cy"), elements, style: PG.style(), minZoom: 0.03, maxZoom: 3,
    boxSelectionEnabled: false,
  });
  window.peel = { cy };
  PG.tooltip(cy, $("canvas"));

  // Filters: force, question, type, link kind.
  const options = (select, all, pairs) => {
    PG.el("option", { value: "", text: all }, select);
    for (const [v, t] of pairs) PG.el("option", { value: v, text: t }, select);
  };
  const distinct = (key, name) => [...new Map(G.nodes.filter((n) => n[key]).map((n) => [n[key], n[name] || n[key]]))]
    .sort((a, b) => a[1].localeCompare(b[1]));
  const forces = distinct("force", "force_name");
  options($("force"), `All forces (${forces.length})`, forces);
  options($("question"), "All questions", distinct("question", "question_label"));
  const checkboxes = (box, values, name) => values.map((v) => {
    const l = PG.el("label", {}, box);
    const c = PG.el("input", { type: "checkbox", value: v, checked: "" }, l);
    PG.el("span", { text: name(v) }, l);
    c.onchange = apply;
    return c;
  });
  const types = [...new Set(G.nodes.map((n) => n.type))].sort();
  const typeBoxes = checkboxes($("types"), types, (t) => (PG.TYPES[t] || {}).label || t);
  const kinds = [...new Set(G.edges.map(kind))].sort();
  const KIND_NAMES = { explicit: "stated by a document", proposed: "proposed by wording", parallel: "same finding, another force" };
  const kindBoxes = checkboxes($("methods"), kinds, (k) => KIND_NAMES[k] || k);
  if (!kinds.length) $("methods").style.display = "none";
  PG.legend($("legend"), types, { grades: types.includes("judgement"), edges: kinds.length > 0 });
  // A large graph opens on its busiest force (and question), with the links a document
  // states, so that the first picture can be read; the note under the filters says so.
  const busiest = (key, nodes) => {
    const count = new Map();
    nodes.forEach((n) => n[key] && count.set(n[key], (count.get(n[key]) || 0) + 1));
    return [...count].sort((a, b) => b[1] - a[1])[0];
  };
  if (G.nodes.length > 300) {
    const [force] = busiest("force", G.nodes);
    $("force").value = forces.length > 1 ? force : "";
    const mine = G.nodes.filter((n) => !$("force").value || n.force === force);
    if (mine.length > 150) $("question").value = busiest("question", mine)[0];
    kindBoxes.forEach((c) => { c.checked = c.value === "explicit"; });
  }
  // A view without years (entities) opens by force; a force-directed layout is the other choice.
  const byForce = $("layout").querySelector("option[value=byforce]");
  byForce.disabled = timeline;
  if (!timeline) $("layout").value = "byforce";
  // Views without forces or questions on their nodes (entities) have no use for those filters.
  for (const [id, n] of [["force", forces.length], ["question", distinct("question", "question_label").length]]) {
    if (!n) { $(id).style.display = "none"; document.querySelector(`label[for=${id}]`).style.display = "none"; }
  }
  $("layout").querySelector("option[value=threads]").disabled = !timeline;

  // Columns beside the years for the entities of a force view, and the order inside a cell:
  // a force first, then by category and name (findings keep the order the layout gives).
  const ENTITY_COLUMNS = { force: "Partners", partner: "Partners", programme: "Programmes" };
  const byCategory = (a, b) => {
    const ea = ENTITY_COLUMNS[a.data("type")], eb = ENTITY_COLUMNS[b.data("type")];
    if (!ea || !eb) return 0;
    return (b.data("type") === "force") - (a.data("type") === "force")
      || String(a.data("category")).localeCompare(String(b.data("category")))
      || String(a.data("label")).localeCompare(String(b.data("label")));
  };

  let layout = null;
  function relayout() {
    const shown = cy.nodes().not(".hidden");
    const threads = timeline && $("layout").value === "threads";
    document.querySelector(".stage").classList.toggle("free", !threads && $("layout").value !== "byforce");
    if (threads) {
      const oneForce = !!$("force").value;
      // A force's partners and programmes (no year of their own) get a column each beside
      // the years, in one band, listed by category: not an "undated" column of everything.
      const entity = (n) => ENTITY_COLUMNS[n.data("type")];
      layout = PG.threadLayout(cy, shown, {
        width: cy.width(), bandText: $("bands").clientWidth - 18,
        columnOf: (n) => n.data("year") || entity(n) || 0,
        threadOf: (n) => (entity(n) ? "~|entities" : `${n.data("forceName")}|${n.data("question_label") || "~"}`),
        threadName: (k) => {
          const [f, q] = k.split("|");
          if (k === "~|entities") return "Partners and programmes, by category";
          const question = q === "~" ? "no question" : q;
          return oneForce ? question : `${f}: ${question}`;
        },
        sortCell: byCategory,
      });
      // A force's link to a partner of its own column says what the column says: faint.
      cy.edges().forEach((e) => e.toggleClass("faint", !!(entity(e.source()) && entity(e.target()) && e.hasClass("samecol"))));
      PG.fitWidth(cy, layout);
      PG.headings(cy, layout, $("years"), $("bands"));
    } else if ($("layout").value === "byforce") {
      // The entities view: a column per force with what its documents name, by category; an
      // organisation several forces name in a column of its own. A link inside a column is
      // what the column says already, so it is drawn faint.
      const names = (n) => [...new Set(n.incomers("node[type = 'force']").map((f) => f.data("label")))];
      layout = PG.threadLayout(cy, shown, {
        width: cy.width(), bandText: $("bands").clientWidth - 18,
        columnOf: (n) => {
          if (n.data("type") === "force" && n.outgoers("node").length) return n.data("label");
          const by = names(n);
          return by.length === 1 ? by[0] : by.length ? "~ Several forces" : n.data("label");
        },
        threadOf: () => "all", threadName: () => "", sortCell: byCategory,
        // A force's column by its short name ("Avon and Somerset"), so the heading fits.
        columnName: (k) => String(k).replace(/^~ /, "").replace(/ (Constabulary|Police|Police Service)$/, ""),
      });
      cy.edges().forEach((e) => e.toggleClass("faint", e.source().position("x") === e.target().position("x")));
      PG.fitWidth(cy, layout);
      PG.headings(cy, layout, $("years"), $("bands"));
    } else {
      shown.forEach((n) => n.data("short", PG.wrap(n.data("display") || n.data("label"), 140, 1)));
      layout = { years: [], bands: [], labelWidth: 140, colWidth: 0 };
      $("years").innerHTML = "";
      $("bands").innerHTML = "";
      // Labels count as part of each node's size, so the layout keeps them apart.
      cy.elements().not(".hidden").layout({
        name: "fcose", animate: false, randomize: true, seed: 7, nodeRepulsion: 20000,
        idealEdgeLength: 120, nodeDimensionsIncludeLabels: true, packComponents: true,
      }).run();
      PG.routeEdges(cy);
      cy.fit(cy.elements().not(".hidden"), 20);
      PG.toggleLabels(cy, layout);
      cy.on("viewport", () => PG.toggleLabels(cy, layout));
    }
  }

  function apply() {
    const force = $("force").value, question = $("question").value;
    const typeSet = new Set(typeBoxes.filter((c) => c.checked).map((c) => c.value));
    const kindSet = new Set(kindBoxes.filter((c) => c.checked).map((c) => c.value));
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const d = n.data();
        n.toggleClass("hidden", !((!force || d.force === force) && (!question || d.question === question) && typeSet.has(d.type)));
      });
      cy.edges().forEach((e) => {
        e.toggleClass("hidden", !kindSet.has(e.data("kind")) || e.source().hasClass("hidden") || e.target().hasClass("hidden"));
      });
    });
    cy.off("viewport");
    relayout();
    const n = cy.nodes().not(".hidden").length, e = cy.edges().not(".hidden").length;
    const narrowed = [force && "a force", question && "a question", kindBoxes.some((c) => !c.checked) && "the kinds of link"].filter(Boolean);
    $("shown").textContent = `Showing ${n} of ${G.nodes.length} nodes and ${e} links` +
      (narrowed.length ? `, filtered by ${narrowed.join(", ")} (change the filters above to see more).` : ".") +
      (layout && layout.labelWidth * cy.zoom() < PG.LABEL_MIN_SCREEN ? " Zoom in to read the labels." : "");
  }

  function show(d) {
    const info = $("info");
    info.innerHTML = "";
    const line = (text, cls) => text && PG.el("div", { class: cls || "", text }, info);
    line(`${d.typeName}${d.year ? ", " + d.year : ""}`);
    line([d.forceName, d.question_label].filter(Boolean).join(" · "));
    if (d.grade) line(`Grade: ${d.grade}`);
    if (d.outcome) line(`Outcome: ${d.outcome}`);
    line(d.label);
    if (d.quote && d.quote !== d.label) line(`“${d.quote}”`, "quote");
    if (d.document) line(`— ${d.document}`);
    if (d.address) {
      const a = PG.el("a", { href: d.address, text: d.address, class: "address", target: "_blank", rel: "noopener" }, info);
      a.style.overflowWrap = "anywhere";
    }
    line(d.id, "iri");
  }
  cy.on("tap", "node", (e) => show(e.target.data()));

  $("search").oninput = (ev) => {
    const q = ev.target.value.trim().toLowerCase();
    const hits = q ? cy.nodes().not(".hidden").filter((n) => `${n.data("label")} ${n.data("quote")}`.toLowerCase().includes(q)) : cy.collection();
    cy.nodes().removeClass("hit");
    hits.addClass("hit");
    $("found").textContent = q ? `${hits.length} found` : "";
    if (hits.length) {
      // Years as columns keep their place: scroll up or down to the hit, never sideways.
      if (layout && layout.years.length) cy.pan({ x: cy.pan().x, y: cy.height() / 2 - hits[0].position("y") * cy.zoom() });
      else cy.center(hits[0]);
      show(hits[0].data());
    }
  };
  for (const id of ["force", "question", "layout"]) $(id).onchange = apply;
  window.addEventListener("resize", () => { cy.resize(); apply(); });
  apply();
  document.body.dataset.ready = "1";
})();
