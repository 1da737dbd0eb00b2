// Geometry checks run in the page by tests/test_browser.py: what a reader would see as text
// cut off, off the edge or drawn over other text. Returns a list of problems (empty: none).
() => {
  const problems = [];
  const viewport = document.documentElement.clientWidth;
  const say = (what, text) => problems.push(`${what}: "${String(text).slice(0, 60)}"`);

  // 1. Text in the page: every line box of every visible text node.
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest("script, style, select, .cm-gutters, .tooltip")) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible" || cs.color === "rgba(0, 0, 0, 0)" || cs.color === "transparent") continue;
    // Not drawn at all: under display: none, content-visibility: hidden (a closed <details>), or
    // fully transparent.
    if (!el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width >= 0.5 && r.height >= 0.5) lines.push({ r, el, node, text: node.textContent.trim() });
    }
  }
  for (const t of lines) {
    // Clipped by an ancestor: one that hides overflow must hold the line whole (or not show
    // it at all); a scrolling one may cut a line at its top or bottom, never at its sides.
    for (let a = t.el; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const b = a.getBoundingClientRect();
      const left = b.left + a.clientLeft, top = b.top + a.clientTop;
      const right = left + a.clientWidth, bottom = top + a.clientHeight;
      if (t.r.bottom <= top || t.r.top >= bottom || t.r.right <= left || t.r.left >= right) {
        t.hidden = true; // scrolled out of its box's view: not seen, so neither cut nor overlapping
        break;
      }
      const scrolls = /auto|scroll/.test(cs.overflowY);
      const sidesIn = t.r.left >= left - 0.5 && t.r.right <= right + 0.5;
      const endsIn = t.r.top >= top - 0.5 && t.r.bottom <= bottom + 0.5;
      if (!sidesIn || (!scrolls && !endsIn)) {
        say(`cut off by ${a.id ? "#" + a.id : a.className || a.tagName}`, t.text);
        break;
      }
      if (a.scrollWidth > a.clientWidth + 1 && /auto|scroll|hidden/.test(cs.overflowX)) {
        say(`wider than its box ${a.id ? "#" + a.id : a.className || a.tagName}`, t.text);
        break;
      }
    }
  }
  const seen = lines.filter((t) => !t.hidden);
  for (const t of seen) if (t.r.left < -0.5 || t.r.right > viewport + 0.5) say("off the edge of the window", t.text);
  for (let i = 0; i < seen.length; i++) {
    for (let j = i + 1; j < seen.length; j++) {
      const a = seen[i].r, b = seen[j].r;
      if (seen[i].node === seen[j].node) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 2) say(`text over text "${seen[j].text.slice(0, 30)}"`, seen[i].text);
    }
  }

  // 2. Labels drawn by cytoscape.js on its canvas, through its element geometry.
  const cy = window.peel && window.peel.cy;
  const canvas = { labels: 0, nodes: 0 };
  if (cy && !cy.destroyed()) {
    const w = cy.width(), h = cy.height();
    const shown = cy.nodes().filter((n) => n.visible());
    canvas.nodes = shown.length;
    const boxes = [];
    shown.forEach((n) => {
      const body = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      if (body.x2 > w + 0.5 || body.x1 < -0.5) say("node off the side of the picture", n.data("label"));
      if (n.hasClass("nolabel") || !n.data("short")) return;
      const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      canvas.labels += 1;
      boxes.push({ n, b, body });
      if (b.x1 < -0.5 || b.x2 > w + 0.5) say("label off the side of the picture", n.data("short"));
      // A tall picture pans up and down: a label at its top or bottom edge is scrolled, not cut.
    });
    const overlap = (a, b) => Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i].b, boxes[j].b)) say(`label over label "${boxes[j].n.data("short")}"`, boxes[i].n.data("short"));
        if (overlap(boxes[i].b, boxes[j].body)) say(`label over a node`, boxes[i].n.data("short"));
        if (overlap(boxes[j].b, boxes[i].body)) say(`label over a node`, boxes[j].n.data("short"));
      }
    }
  }

  // 3. What the views must show: year headings over the columns, and a legend.
  const years = [...document.querySelectorAll(".years .year:not(.squeezed)")].filter((e) => e.offsetParent && e.style.display !== "none");
  const legend = document.querySelectorAll(".legend-row").length;
  return { problems, years: years.map((e) => e.textContent), legend, canvas };
}
