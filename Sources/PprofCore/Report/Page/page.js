(function () {
  'use strict';
  var errors = 0;
  window.addEventListener('error', function () { document.body.dataset.errors = String(++errors); });
  var D = JSON.parse(document.getElementById('data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  function el(tag, attrs, parent, text) {
    var node = tag === 'svg' || ['g', 'rect', 'circle', 'line', 'path', 'text', 'title', 'polyline'].indexOf(tag) >= 0
      ? document.createElementNS(NS, tag) : document.createElement(tag);
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  // At most three significant digits under 100 (a slope of 518.437… bytes reads 518 B).
  function rounded(a) { return a >= 100 ? Math.round(a).toLocaleString('en-US') : String(+a.toPrecision(3)); }
  function unitName(unit) { return unit === 'count' ? '' : unit === 'bytes' ? ' B' : ' ' + unit; }
  function amount(v, unit) {
    var a = Math.abs(v), s = v < 0 ? '-' : '';
    if (unit === 'bytes') {
      // The text report's table (Quantity.byteUnits), largest first.
      for (var i = 0; i < D.byteUnits.length; i++) {
        var u = D.byteUnits[i];
        if (a >= u.bytes) return s + (a / u.bytes).toFixed(1) + ' ' + u.name;
      }
    }
    return s + rounded(a) + unitName(unit);
  }
  function signed(v, unit) { return (v < 0 ? '' : '+') + amount(v, unit); }
  // The number in full, for hovering: every digit of an integer, three decimals of a fraction.
  function exact(v, unit, sign) {
    return (sign && v >= 0 ? '+' : '') + v.toLocaleString('en-US', { maximumFractionDigits: 3 }) + unitName(unit);
  }
  // The rounded number, and the exact one after it when they differ.
  function precise(v, unit, sign) {
    var short = sign ? signed(v, unit) : amount(v, unit), full = exact(v, unit, sign);
    return short === full ? short : short + ' (' + full + ')';
  }

  var main = document.getElementById('report');
  main.textContent = '';
  el('h1', {}, main, D.title);
  el('p', { 'class': 'verdict ' + (D.failed ? 'fails' : 'passes') }, main, D.verdict);
  var scope = el('ul', { 'class': 'scope' }, main);
  D.scope.forEach(function (line) { el('li', {}, scope, line); });
  if (D.notes.length) {
    var notes = el('ul', { 'class': 'notes' }, main);
    D.notes.forEach(function (line) { el('li', {}, notes, line); });
  }

  function chart(parent, c, width, height) {
    var fig = el('figure', { style: 'width:' + width + 'px' }, parent);
    var svg = el('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': c.title, 'class': 'chart' }, fig);
    var left = 64, right = 12, top = 10, bottom = 30;
    var xmin = Math.min.apply(null, c.x), xmax = Math.max.apply(null, c.x);
    if (c.crossing !== null && c.crossing !== undefined && isFinite(c.crossing)) xmax = Math.max(xmax, c.crossing);
    if (xmax === xmin) xmax = xmin + 1;
    var ymin = 0, ymax = Math.max.apply(null, c.y.concat([c.limit || 0, 1]));
    var ylow = Math.min.apply(null, c.y.concat([0]));
    ymin = Math.min(ymin, ylow);
    function X(v) { return left + (v - xmin) / (xmax - xmin) * (width - left - right); }
    function Y(v) { return top + (1 - (v - ymin) / (ymax - ymin || 1)) * (height - top - bottom); }
    for (var g = 0; g <= 4; g++) {
      var gy = ymin + (ymax - ymin) * g / 4;
      el('line', { x1: left, x2: width - right, y1: Y(gy), y2: Y(gy), 'class': 'grid' }, svg);
      el('text', { x: left - 4, y: Y(gy) + 4, 'text-anchor': 'end' }, svg, amount(gy, c.unit));
    }
    el('line', { x1: left, x2: left, y1: top, y2: height - bottom, 'class': 'axis' }, svg);
    el('line', { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, 'class': 'axis' }, svg);
    el('text', { x: left, y: height - 8 }, svg, xmin.toFixed(1));
    el('text', { x: width - right, y: height - 8, 'text-anchor': 'end' }, svg, xmax.toFixed(1) + ' ' + c.xLabel);
    if (c.limit) {
      el('line', { x1: left, x2: width - right, y1: Y(c.limit), y2: Y(c.limit), 'class': 'limit' }, svg);
      el('text', { x: width - right, y: Y(c.limit) + 13, 'text-anchor': 'end' }, svg, 'limit ' + amount(c.limit, c.unit));
    }
    var x0 = xmin, x1 = (c.crossing !== null && c.crossing !== undefined && isFinite(c.crossing)) ? c.crossing : Math.max.apply(null, c.x);
    el('path', { d: 'M' + X(x0) + ',' + Y(c.intercept + c.slope * x0) + 'L' + X(x1) + ',' + Y(c.intercept + c.slope * x1), 'class': 'trend' }, svg);
    if (c.crossing !== null && c.crossing !== undefined && isFinite(c.crossing) && c.limit) {
      var mark = el('circle', { cx: X(c.crossing), cy: Y(c.limit), r: 5, 'class': 'crossing' }, svg);
      el('title', {}, mark, 'projected to reach the limit at ' + c.crossing.toFixed(1) + ' ' + c.xLabel);
    }
    c.x.forEach(function (x, i) {
      var p = el('circle', { cx: X(x), cy: Y(c.y[i]), r: 3, 'class': 'point' }, svg);
      el('title', {}, p, x.toFixed(2) + ' ' + c.xLabel + ': ' + precise(c.y[i], c.unit));
    });
    var per = ' per ' + c.xLabel.replace(/s$/, '');
    var caption = el('figcaption', {}, fig, c.title + ' — points: snapshots; line: Theil–Sen slope ');
    el('span', { 'class': 'slope', title: exact(c.slope, c.unit, true) + per }, caption, signed(c.slope, c.unit));
    caption.appendChild(document.createTextNode(per));
    return svg;
  }

  if (D.charts.length) {
    el('h2', {}, main, 'Totals');
    var charts = el('div', { 'class': 'charts' }, main);
    D.charts.forEach(function (c) { chart(charts, c, 500, 180); });
  }

  el('h2', {}, main, 'Findings');
  if (!D.findings.length) el('p', {}, main, 'No growing stack.');
  D.findings.forEach(function (f) {
    var box = el('section', { 'class': 'finding', id: 'finding-' + f.rank }, main);
    var text = el('div', {}, box);
    var h = el('h3', {}, text);
    el('span', { 'class': 'sev ' + f.severity }, h, f.rank + '. ' + f.severity.toUpperCase());
    el('span', {}, h, f.pattern + '  ' + f.headline + (f.inBaseline ? '  (in the baseline)' : ''));
    if (f.function) { var p = el('p', {}, text); el('code', {}, p, f.function + '  ' + f.location); }
    if (f.note) el('p', { 'class': 'notes' }, text, f.note);
    f.evidence.forEach(function (line) { el('p', {}, text, line); });
    el('p', {}, text, f.summary);
    el('div', { 'class': 'stack' }, text, f.stack.join('\n'));
    el('p', { 'class': 'advice' }, text, 'Fix: ' + f.advice);
    chart(box, f.chart, 380, 170);
  });

  function flame(parent, F, index) {
    el('h2', {}, parent, 'Diff flame graph: ' + F.measure);
    el('p', { 'class': 'notes' }, parent, F.label + '. Width: size after; colour: growth (red) or shrink (blue). '
      + (F.pruned ? F.pruned + ' frames are left out: those gone by the end, and those under 0.05% of the total and of the change. ' : '')
      + 'Frames under a pixel wide are drawn when a zoom widens them; the search finds them too. '
      + 'Click or press Enter on a frame to zoom; Escape to zoom out. The graph is one tab stop: '
      + 'the arrow keys move to the caller (up), a callee (down) and the frames beside.');
    var bar = el('div', { 'class': 'toolbar' }, parent);
    var search = el('input', { type: 'search', placeholder: 'Search functions (regular expression)', 'aria-label': 'Search functions' }, bar);
    var reset = el('button', { type: 'button' }, bar, 'Reset zoom');
    var legend = el('span', { 'class': 'legend' }, bar, 'shrink');
    ['#2166ac', '#92c5de', '#e0e0e0', '#f4a582', '#b2182b'].forEach(function (c) { el('span', { style: 'background:' + c }, legend); });
    legend.appendChild(document.createTextNode(' growth'));
    var status = el('div', { 'class': 'status', 'aria-live': 'polite' }, parent, ' ');
    var holder = el('div', { 'class': 'flame' }, parent);
    var n = F.names.length, children = [], depth = [], maxDepth = 0, maxChange = 1;
    for (var i = 0; i < n; i++) children.push([]);
    for (var i = 1; i < n; i++) children[F.parent[i]].push(i);
    for (var i = 0; i < n; i++) {
      depth[i] = i === 0 ? 0 : depth[F.parent[i]] + 1;
      if (depth[i] > maxDepth) maxDepth = depth[i];
      if (i > 0) maxChange = Math.max(maxChange, Math.abs(F.delta[i]));
    }
    children.forEach(function (list) { list.sort(function (a, b) { return F.names[a] < F.names[b] ? -1 : F.names[a] > F.names[b] ? 1 : 0; }); });
    function colour(d) {
      var t = Math.max(-1, Math.min(1, d / maxChange));
      var stops = t >= 0 ? [[224, 224, 224], [244, 165, 130], [178, 24, 43]] : [[224, 224, 224], [146, 197, 222], [33, 102, 172]];
      var a = Math.abs(t) * 2, k = Math.min(1, Math.floor(a)), f = a - k;
      if (k >= 2) { k = 1; f = 1; }
      var c0 = stops[k], c1 = stops[Math.min(k + 1, 2)];
      return 'rgb(' + [0, 1, 2].map(function (j) { return Math.round(c0[j] + (c1[j] - c0[j]) * f); }).join(',') + ')';
    }
    var rowHeight = 18, width = 1060;
    var svg = el('svg', { width: '100%', viewBox: '0 0 ' + width + ' ' + ((maxDepth + 1) * rowHeight), 'class': 'flame-svg', role: 'tree', 'aria-label': 'diff flame graph of ' + F.kind }, holder);
    // Only frames at least a pixel wide at the current zoom are drawn: a frame's rectangle
    // (and its label, when one fits) is made when a zoom widens it and removed when a zoom
    // takes it out of view; its hover text is made when it is first hovered or focused. The
    // trend page of 60 snapshots of 20,000 stacks holds 24,494 frames, 2,163 of them a pixel
    // wide: drawing them all froze the tab for 5 s.
    // shapes[i]: frame i's group, rectangle and label while it is drawn; shown: the frames
    // drawn; hits: per frame, whether the search matches it (null without a search).
    var shapes = [], shown = [], hits = null;
    // The zoomed frame; the focusable frame (the graph's one tab stop); which frames are drawn
    // (only those take focus).
    var root = 0, current = 0, drawn = [];
    function mark(i) {
      shapes[i].rect.classList.toggle('match', !!hits && hits[i]);
      shapes[i].rect.classList.toggle('dim', !!hits && !hits[i]);
    }
    function shape(i) {
      if (shapes[i]) return shapes[i];
      var g = el('g', {}, svg);
      var r = el('rect', { 'class': 'frame', y: depth[i] * rowHeight, height: rowHeight - 1, fill: colour(F.delta[i]), 'data-node': i, role: 'treeitem', 'aria-label': F.names[i] }, g);
      shapes[i] = { g: g, rect: r, label: null };
      if (hits) mark(i);
      return shapes[i];
    }
    // The exact numbers of frame i as its hover text, made on first hover or focus.
    function tip(i) {
      var r = shapes[i] && shapes[i].rect;
      if (r && !r.firstChild) {
        el('title', {}, r, F.names[i] + (F.places[i] ? '\n' + F.places[i] : '') + '\nafter ' + precise(F.after[i], F.unit) + ', change ' + precise(F.delta[i], F.unit, true));
      }
    }
    function layout() {
      var x = [], w = [], next = [], now = [];
      var scale = width / Math.max(F.after[root], 1);
      for (var a = F.parent[root]; a !== -1; a = F.parent[a]) { x[a] = 0; w[a] = width; next.push(a); }
      var stack = [root];
      x[root] = 0; w[root] = width;
      while (stack.length) {
        var node = stack.pop(), offset = x[node];
        next.push(node);
        children[node].forEach(function (c) {
          var wc = F.after[c] * scale;
          if (wc >= 1) { x[c] = offset; w[c] = wc; stack.push(c); }
          offset += wc;
        });
      }
      next.forEach(function (i) { now[i] = true; });
      shown.forEach(function (i) { if (!now[i]) { shapes[i].g.remove(); delete shapes[i]; } });
      shown = next; drawn = now;
      next.forEach(function (i) {
        var s = shape(i), chars = Math.floor((w[i] - 6) / 6.5);
        s.rect.setAttribute('x', x[i]); s.rect.setAttribute('width', Math.max(w[i] - 0.5, 0));
        s.rect.setAttribute('tabindex', i === current ? '0' : '-1');
        if (chars >= 3) {
          if (!s.label) s.label = el('text', { y: depth[i] * rowHeight + 13 }, s.g);
          s.label.setAttribute('x', x[i] + 3);
          s.label.textContent = F.names[i].length > chars ? F.names[i].slice(0, chars - 1) + '…' : F.names[i];
        } else if (s.label) { s.label.remove(); s.label = null; }
      });
    }
    function describe(i) {
      status.textContent = F.names[i] + (F.places[i] ? '  ' + F.places[i] : '') + '  after ' + precise(F.after[i], F.unit)
        + ', ' + (100 * F.after[i] / Math.max(F.after[0], 1)).toFixed(1) + '%, change ' + precise(F.delta[i], F.unit, true);
    }
    // Makes frame i the tab stop and focuses it, when it is drawn.
    function move(i) {
      if (i === undefined || i < 0 || !drawn[i]) return;
      if (drawn[current]) shapes[current].rect.setAttribute('tabindex', '-1');
      current = i;
      shapes[i].rect.setAttribute('tabindex', '0');
      shapes[i].rect.focus();
    }
    function zoom(i) {
      root = i;
      var focused = drawn[current] && document.activeElement === shapes[current].rect;
      layout();
      if (!drawn[current]) { current = root; shapes[root].rect.setAttribute('tabindex', '0'); }
      if (focused) shapes[current].rect.focus();
      describe(i);
    }
    // The frame an arrow key leads to from i: its caller, its first drawn callee, or the drawn
    // frame beside it under the same caller.
    function neighbour(i, key) {
      if (key === 'ArrowUp') return F.parent[i];
      if (key === 'ArrowDown') return children[i].filter(function (c) { return drawn[c]; })[0];
      if (i === 0) return undefined;
      var siblings = children[F.parent[i]].filter(function (c) { return drawn[c]; });
      return siblings[siblings.indexOf(i) + (key === 'ArrowRight' ? 1 : -1)];
    }
    svg.addEventListener('click', function (e) { var i = e.target.getAttribute('data-node'); if (i !== null) zoom(+i); });
    svg.addEventListener('mouseover', function (e) { var i = e.target.getAttribute('data-node'); if (i !== null) { tip(+i); describe(+i); } });
    svg.addEventListener('focusin', function (e) { var i = e.target.getAttribute('data-node'); if (i !== null) { tip(+i); move(+i); describe(+i); } });
    svg.addEventListener('keydown', function (e) {
      var i = e.target.getAttribute('data-node');
      if (i === null) return;
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); zoom(+i); }
      if (e.key === 'Escape') { zoom(F.parent[root] >= 0 ? F.parent[root] : 0); }
      if (/^Arrow(Up|Down|Left|Right)$/.test(e.key)) { e.preventDefault(); move(neighbour(+i, e.key)); }
    });
    reset.addEventListener('click', function () { zoom(0); });
    // The search reads every frame's name, drawn or not, and counts those too narrow to draw.
    search.addEventListener('input', function () {
      var pattern = null;
      try { pattern = search.value ? new RegExp(search.value) : null; } catch (err) { pattern = null; }
      var matched = 0, frames = 0, narrow = 0, counted = {};
      hits = pattern ? [] : null;
      for (var i = 0; i < n; i++) {
        var hit = !!pattern && pattern.test(F.names[i]);
        if (hits) hits[i] = hit;
        if (hit) {
          frames++;
          if (!drawn[i]) narrow++;
          var inside = false;
          for (var a = F.parent[i]; a >= 0; a = F.parent[a]) if (counted[a]) { inside = true; break; }
          counted[i] = true;
          if (!inside) matched += F.after[i];
        }
      }
      shown.forEach(mark);
      status.textContent = pattern ? 'matched ' + amount(matched, F.unit) + ' of ' + amount(F.after[0], F.unit) + ' in '
        + frames.toLocaleString('en-US') + (frames === 1 ? ' frame' : ' frames')
        + (narrow ? ' (' + narrow.toLocaleString('en-US') + ' under a pixel wide at this zoom, not drawn)' : '') : ' ';
    });
    layout();
    return svg;
  }
  D.flames.forEach(function (F, i) { flame(main, F, i); });
  document.body.dataset.ready = 'yes';
})();
