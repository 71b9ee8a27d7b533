/* iegraph network view: draws the JSON payload with vis-network.
 *
 * Safety rule: data-derived text reaches the page only through textContent, input
 * values and canvas labels. Tooltips are DOM elements built here (vis-network puts
 * an Element title in its popup as is), never HTML strings.
 */
(function () {
  "use strict";
  var state = { ready: false, nodes: 0, edges: 0, firstDrawMs: null };
  window.__iegraph = state;

  var D = JSON.parse(document.getElementById("iegraph-data").textContent);
  var N = D.nodes.length;
  var M = D.edges.length;
  var big = D.positioned;

  function byId(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // ---- header and legend -------------------------------------------------
  // The page's own words come with the data, in the language asked for (iegraph --lang).
  var T = D.text;
  document.documentElement.lang = D.lang;
  byId("ie-find").textContent = T.find;
  byId("ie-search").placeholder = T.placeholder;
  byId("ie-go").textContent = T.focus;
  byId("ie-reset").textContent = T.reset;
  byId("ie-kinds-head").textContent = T.kinds;
  byId("ie-rels-head").textContent = T.rels;
  document.title = D.title;
  byId("ie-title").textContent = D.title;
  byId("ie-caption").textContent = D.caption;
  if (D.summary) {
    byId("ie-summary").textContent = D.summary;
    byId("ie-summary").hidden = false;
  }

  var SYMBOL = { dot: "\u25CF", square: "\u25A0", diamond: "\u25C6", triangle: "\u25B2",
    triangleDown: "\u25BC", hexagon: "\u2B22", star: "\u2605" };
  var hiddenKinds = {};
  D.kinds.forEach(function (k, index) {
    var li = el("li");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.id = "ie-kind-" + index;
    box.setAttribute("data-kind", k.key);
    box.addEventListener("change", function () { setKindVisible(index, box.checked); });
    var label = el("label");
    label.htmlFor = box.id;
    var sw = el("span", "ie-swatch", SYMBOL[k.shape] || "\u25CF");
    sw.style.color = k.color;
    label.appendChild(sw);
    label.appendChild(document.createTextNode(k.name + " "));
    label.appendChild(el("span", "ie-count", "(" + k.count + ")"));
    li.appendChild(box);
    li.appendChild(label);
    byId("ie-kinds").appendChild(li);
  });
  D.rels.forEach(function (r) {
    var li = el("li");
    var line = el("span", "ie-line");
    line.style.background = r.color;
    li.appendChild(line);
    li.appendChild(document.createTextNode(r.name + " "));
    li.appendChild(el("span", "ie-count", "(" + r.count + ")"));
    byId("ie-rels").appendChild(li);
  });
  // The basis of partnership ties: dashed = co-presence (iegraph.queries._base).
  if (D.co_presence.drawn > 0) {
    var dli = el("li");
    dli.appendChild(el("span", "ie-line ie-dashed"));
    dli.appendChild(document.createTextNode(T.co_presence + " "));
    dli.appendChild(el("span", "ie-count", "(" + D.co_presence.drawn + ")"));
    byId("ie-rels").appendChild(dli);
    byId("ie-rels").appendChild(el("li", "ie-note", T.dashed));
  } else if (D.co_presence.hidden > 0) {
    byId("ie-rels").appendChild(el("li", "ie-note", T.hidden.replace("{n}", String(D.co_presence.hidden))));
  }

  // ---- nodes and edges (one pass each) -------------------------------------
  // Node row: [name, kind, degree, region, aliases, sources, detail, count, x, y]
  var maxDeg = 1;
  for (var d = 0; d < N; d++) { if (D.nodes[d][2] > maxDeg) { maxDeg = D.nodes[d][2]; } }
  var DIM = "rgba(200,200,200,0.35)";
  var nodeItems = new Array(N);
  var baseColor = new Array(N);
  for (var i = 0; i < N; i++) {
    var r = D.nodes[i];
    var k = D.kinds[r[1]];
    baseColor[i] = k.color;
    var item = {
      id: i,
      label: r[0],
      shape: k.shape,
      size: 8 + 22 * Math.sqrt(r[2] / maxDeg)
    };
    if (big) { item.x = r[8]; item.y = r[9]; }
    nodeItems[i] = item;
  }
  // Edge row: [from, to, rel, role, sources, count, co_presence]
  function edgePaint(c) { return { color: c, highlight: c, hover: c, opacity: 0.85 }; }
  var edgeItems = new Array(M);
  var baseEdgeColor = new Array(M);
  for (var j = 0; j < M; j++) {
    var e = D.edges[j];
    var rel = D.rels[e[2]];
    baseEdgeColor[j] = rel.color;
    var edge = { id: j, from: e[0], to: e[1], color: edgePaint(rel.color) };
    if (e[6]) { edge.dashes = [6, 5]; }
    if (!big && M <= 100) {
      edge.label = e[5] > 1 ? rel.name + " \u00D7" + e[5] : rel.name;
      edge.arrows = { to: { enabled: true, scaleFactor: 0.5 } };
    }
    if (e[5] > 1) { edge.width = 1 + 1.5 * Math.log10(e[5]); }
    edgeItems[j] = edge;
  }
  // The nodes the view is about: thick dark border, larger label.
  var focusSet = {};
  D.focus.forEach(function (f) {
    focusSet[f] = true;
    nodeItems[f].borderWidth = 4;
    nodeItems[f].font = { size: 18, color: "#000000" };
  });
  // Always a complete colour object: a partial update would keep stale highlight/hover colours.
  function paint(fill, border) {
    return { background: fill, border: border, highlight: { background: fill, border: "#000000" },
      hover: { background: fill, border: border } };
  }
  var DIM_PAINT = paint(DIM, DIM);
  function colorOf(a, on) {
    if (!on) { return DIM_PAINT; }
    return paint(baseColor[a], focusSet[a] ? "#222222" : baseColor[a]);
  }
  for (var c = 0; c < N; c++) { nodeItems[c].color = colorOf(c, true); }
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);

  // ---- tooltips: DOM elements, built on first hover ---------------------------
  function sourceList(indices) {
    var ul = el("ul");
    indices.forEach(function (s) {
      var src = D.sources[s];
      ul.appendChild(el("li", null, src[0] + (src[1] ? " (" + src[1] + ")" : "")));
    });
    return ul;
  }
  function nodeTooltip(id) {
    var r = D.nodes[id];
    var k = D.kinds[r[1]];
    var tip = el("div", "ie-tip");
    tip.appendChild(el("div", "ie-tip-name", r[0]));
    var meta = k.name;
    if (r[3]) { meta += " \u00B7 " + r[3]; }
    if (r[6]) { meta += " \u00B7 " + r[6]; }
    meta += " \u00B7 " + T.degree + " " + r[2];
    tip.appendChild(el("div", "ie-tip-meta", meta));
    if (r[4].length) { tip.appendChild(el("div", "ie-tip-meta", T.aka + ": " + r[4].join("\u3001"))); }
    if (r[5].length) {
      tip.appendChild(el("div", "ie-tip-meta", T.sources + ":"));
      tip.appendChild(sourceList(r[5]));
    }
    return tip;
  }
  function edgeTooltip(id) {
    var e = D.edges[id];
    var rel = D.rels[e[2]];
    var tip = el("div", "ie-tip");
    tip.appendChild(el("div", "ie-tip-name", D.nodes[e[0]][0] + " \u2192 " + D.nodes[e[1]][0]));
    var meta = rel.name;
    if (e[3]) { meta += " \u00B7 " + e[3]; }
    if (e[5] > 1) { meta += " \u00B7 \u00D7" + e[5]; }
    if (e[6]) { meta += " \u00B7 " + T.co_presence_only; }
    tip.appendChild(el("div", "ie-tip-meta", meta));
    if (e[4].length) {
      tip.appendChild(el("div", "ie-tip-meta", T.sources + ":"));
      tip.appendChild(sourceList(e[4]));
    }
    return tip;
  }
  var tipped = {};
  var edgeTipped = {};

  // ---- the network -----------------------------------------------------------
  var options = {
    autoResize: true,
    nodes: {
      borderWidth: 1,
      font: { size: 14, face: "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif" },
      scaling: { label: { drawThreshold: 6 } }
    },
    edges: {
      width: 1,
      smooth: big ? false : { type: "continuous" },
      font: { size: 10, align: "middle", color: "#555", strokeWidth: 2 },
      selectionWidth: 2
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      navigationButtons: false, keyboard: false },
    layout: { improvedLayout: !big && N <= 200, randomSeed: 7 },
    physics: big ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -110, centralGravity: 0.012, springLength: 140, springConstant: 0.06, avoidOverlap: 0.7 },
      // Fewer iterations for bigger graphs keeps the first draw near a second.
      stabilization: { enabled: true, iterations: Math.round(Math.min(300, Math.max(50, 60000 / Math.max(N, 1)))), updateInterval: 50, fit: true }
    }
  };
  var network = new vis.Network(byId("ie-graph"), { nodes: nodes, edges: edges }, options);
  state.network = network;

  function markReady() {
    state.nodes = network.body.nodeIndices.length;
    state.edges = network.body.edgeIndices.length;
    state.firstDrawMs = Math.round(performance.now());
    state.ready = true;
  }
  if (big) {
    network.once("afterDrawing", markReady);
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  }

  network.on("hoverNode", function (p) {
    if (!tipped[p.node]) {
      tipped[p.node] = true;
      nodes.update({ id: p.node, title: nodeTooltip(p.node) });
    }
  });
  network.on("hoverEdge", function (p) {
    if (!edgeTipped[p.edge]) {
      edgeTipped[p.edge] = true;
      edges.update({ id: p.edge, title: edgeTooltip(p.edge) });
    }
  });

  // ---- neighbourhood highlight ---------------------------------------------------
  var highlighted = false;
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    var nodeUpdates = new Array(N);
    for (var a = 0; a < N; a++) { nodeUpdates[a] = { id: a, color: colorOf(a, keep[a]) }; }
    nodes.update(nodeUpdates);
    var incident = {};
    network.getConnectedEdges(id).forEach(function (x) { incident[x] = true; });
    var edgeUpdates = new Array(M);
    for (var b = 0; b < M; b++) {
      edgeUpdates[b] = { id: b, color: edgePaint(incident[b] ? baseEdgeColor[b] : DIM) };
    }
    edges.update(edgeUpdates);
    highlighted = true;
    state.highlighted = Object.keys(keep).length;
  }
  function unhighlight() {
    if (!highlighted) { return; }
    var nodeUpdates = new Array(N);
    for (var a = 0; a < N; a++) { nodeUpdates[a] = { id: a, color: colorOf(a, true) }; }
    nodes.update(nodeUpdates);
    var edgeUpdates = new Array(M);
    for (var b = 0; b < M; b++) { edgeUpdates[b] = { id: b, color: edgePaint(baseEdgeColor[b]) }; }
    edges.update(edgeUpdates);
    highlighted = false;
    state.highlighted = 0;
  }
  network.on("click", function (p) {
    if (p.nodes.length) { highlight(p.nodes[0]); } else { unhighlight(); }
  });

  // ---- filter by kind -----------------------------------------------------------
  function setKindVisible(kindIndex, visible) {
    hiddenKinds[kindIndex] = !visible;
    var updates = [];
    for (var a = 0; a < N; a++) {
      if (D.nodes[a][1] === kindIndex) { updates.push({ id: a, hidden: !visible }); }
    }
    nodes.update(updates);
    state.visibleNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }

  // ---- search by name or alias ------------------------------------------------------
  var listFilled = false;
  function fillNames() {
    if (listFilled) { return; }
    listFilled = true;
    var list = byId("ie-names");
    var frag = document.createDocumentFragment();
    var limit = Math.min(N, 5000);
    for (var a = 0; a < limit; a++) {
      var opt = document.createElement("option");
      opt.value = D.nodes[a][0];
      frag.appendChild(opt);
      D.nodes[a][4].forEach(function (alias) {
        var o = document.createElement("option");
        o.value = alias;
        frag.appendChild(o);
      });
    }
    list.appendChild(frag);
  }
  function find(text) {
    var q = String(text).trim().toLowerCase();
    if (!q) { return null; }
    var partial = null;
    for (var a = 0; a < N; a++) {
      var r = D.nodes[a];
      var names = [r[0]].concat(r[4]);
      for (var b = 0; b < names.length; b++) {
        var name = names[b].toLowerCase();
        if (name === q) { return a; }
        if (partial === null && name.indexOf(q) >= 0) { partial = a; }
      }
    }
    return partial;
  }
  function focusNode(text) {
    var id = find(text);
    var msg = byId("ie-message");
    if (id === null) {
      msg.textContent = T.not_found + ": " + text;
      return null;
    }
    msg.textContent = "";
    if (hiddenKinds[D.nodes[id][1]]) {
      var box = byId("ie-kind-" + D.nodes[id][1]);
      box.checked = true;
      setKindVisible(D.nodes[id][1], true);
    }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: 1.4, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    return id;
  }
  byId("ie-search").addEventListener("focus", fillNames);
  byId("ie-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { focusNode(byId("ie-search").value); }
  });
  byId("ie-go").addEventListener("click", function () { focusNode(byId("ie-search").value); });
  byId("ie-reset").addEventListener("click", function () {
    D.kinds.forEach(function (k, index) {
      byId("ie-kind-" + index).checked = true;
      if (hiddenKinds[index]) { setKindVisible(index, true); }
    });
    unhighlight();
    network.unselectAll();
    network.fit();
    byId("ie-message").textContent = "";
  });

  // Hooks for tests and notebooks (read-only views of the page's state).
  state.focus = focusNode;
  state.find = find;
  state.highlight = highlight;
  state.setKindVisible = function (key, visible) {
    for (var a = 0; a < D.kinds.length; a++) {
      if (D.kinds[a].key === key) { setKindVisible(a, visible); return true; }
    }
    return false;
  };
  state.nodeTooltip = nodeTooltip;
  state.edgeTooltip = edgeTooltip;
  state.nodeIndex = function (name) {
    for (var a = 0; a < N; a++) { if (D.nodes[a][0] === name) { return a; } }
    return null;
  };
})();
