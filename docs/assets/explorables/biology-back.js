/* Add the biology back: a small trained network under constraints the reader combines.
 *
 * The four trained networks (backprop or feedback alignment, with or without Dale's
 * principle), the test set and the constants come from biology-back-weights.js, written
 * by snippets/biology_back/network.py. Inference here is that file's infer(),
 * operation for operation: the same mulberry32 numbers in the same slots, the same sums
 * over units in the same order, so for any setting the predictions and spike counts equal
 * the Python ones exactly (tests/browser/test_biology_back.py compares them).
 *   hidden unit j: h = max(0, x0 W1[0][j] + x1 W1[1][j] + b1[j]), a = min(h, h_max),
 *   rate = R_MAX (a / h_max); with the budget, every rate times gain = min(1, cap / expected);
 *   spikes: in each 1-ms bin a spike with probability rate gain BIN_S; release: each spike
 *   reaches output k with probability p; the output reads a spike as h_max / (R_MAX gain
 *   BIN_S T) of activity, and with release an arriving one as that divided by p (the
 *   weight is the connection's mean effect). Without spikes the output gets a.
 */
(function () {
  "use strict";
  var P = window.NNPlot;
  var HASH_STEP = 0x6D2B79F5;   // mulberry32's increment
  var KEYS = { "false,false": "bp", "true,false": "fa", "false,true": "bp-dale", "true,true": "fa-dale" };

  /** Number index + 1 of mulberry32's sequence that starts from this stream key, in [0, 1). */
  function uniform(stream, index) {
    var a = (stream + Math.imul(index + 1, HASH_STEP)) | 0;
    var t = Math.imul(a ^ (a >>> 15), a | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * value with `digits` decimals, a tie rounded to even as Python's format() does, so the
   * readouts match the page's table: accuracies are multiples of 0.25 %, so ties such as
   * 72.25 occur, and toFixed() would round them up. A tie is read from the exact decimal
   * expansion of the double, which toFixed() gives to 100 places.
   */
  function fixed(value, digits) {
    var exact = Math.abs(value).toFixed(Math.min(100, digits + 60));
    var cut = exact.indexOf(".") + 1 + digits;
    var kept = exact.slice(0, cut).replace(/\.$/, "");
    if (!/^50*$/.test(exact.slice(cut)) || Number(kept.charAt(kept.length - 1)) % 2) return P.human(value, digits);
    return (value < 0 && Number(kept) !== 0 ? "\u2212" : "") + kept;
  }

  /**
   * Predicted classes and spikes per point (expected spikes without spikes) for one network.
   * settings: {spikes, windowMs, release, p, budget, cap}; stream: the mulberry32 stream.
   */
  function infer(data, net, points, settings, stream) {
    var c = data.constants, H = c.N_HIDDEN, n = points.length;
    var T = settings.windowMs;
    var predicted = new Array(n), spikes = new Array(n);
    var activity = new Float64Array(H), rate = new Float64Array(H);
    for (var i = 0; i < n; i++) {
      var x0 = points[i][0], x1 = points[i][1];
      var total = 0;
      for (var j = 0; j < H; j++) {
        var h = Math.max(x0 * net.W1[0][j] + x1 * net.W1[1][j] + net.b1[j], 0);
        activity[j] = Math.min(h, net.h_max);
        rate[j] = c.R_MAX * (activity[j] / net.h_max);
      }
      for (j = 0; j < H; j++) total = total + rate[j];
      var expected = total * c.BIN_S * T;
      var gain = settings.budget && expected > settings.cap ? settings.cap / expected : 1;
      var z0 = net.b2[0], z1 = net.b2[1];
      if (!settings.spikes) {
        for (j = 0; j < H; j++) {   // release at its mean: the drive itself
          z0 = z0 + net.W2[j][0] * activity[j];
          z1 = z1 + net.W2[j][1] * activity[j];
        }
        predicted[i] = z1 > z0 ? 1 : 0;
        spikes[i] = expected * gain;
        continue;
      }
      var perSpike = net.h_max / ((c.R_MAX * gain) * c.BIN_S * T);
      var perArrival = settings.release ? perSpike / settings.p : perSpike;
      var fired = 0;
      for (j = 0; j < H; j++) {
        var chance = (rate[j] * gain) * c.BIN_S;
        var arrived0 = 0, arrived1 = 0;
        if (chance > 0) {
          for (var t = 0; t < T; t++) {
            var slot = ((i * T + t) * H + j) * 3;
            if (uniform(stream, slot) < chance) {
              fired += 1;
              if (!settings.release) { arrived0 += 1; arrived1 += 1; }
              else {
                if (uniform(stream, slot + 1) < settings.p) arrived0 += 1;
                if (uniform(stream, slot + 2) < settings.p) arrived1 += 1;
              }
            }
          }
        }
        z0 = z0 + net.W2[j][0] * (arrived0 * perArrival);
        z1 = z1 + net.W2[j][1] * (arrived1 * perArrival);
      }
      predicted[i] = z1 > z0 ? 1 : 0;
      spikes[i] = fired;
    }
    return { predicted: predicted, spikes: spikes };
  }

  /** Test accuracy (%), mean spikes and energy (pJ) per inference for one setting. */
  function evaluate(data, key, settings) {
    var run = infer(data, data.nets[key], data.test.x, settings, data.constants.TEST_SEED);
    var right = 0, spikes = 0;
    for (var i = 0; i < run.predicted.length; i++) {
      if (run.predicted[i] === data.test.y[i]) right += 1;
      spikes += run.spikes[i];
    }
    var mean = spikes / run.predicted.length;
    return { accuracy: 100 * right / run.predicted.length, spikes: mean, energy: mean * data.constants.SPIKE_ENERGY_PJ,
             predicted: run.predicted, perPoint: run.spikes };
  }

  /** The grid of the decision boundary, row by row from the bottom. */
  function gridPoints(grid) {
    var points = [];
    for (var r = 0; r < grid.n; r++) {
      for (var q = 0; q < grid.n; q++) {
        points.push([grid.x[0] + (grid.x[1] - grid.x[0]) * q / (grid.n - 1),
                     grid.y[0] + (grid.y[1] - grid.y[0]) * r / (grid.n - 1)]);
      }
    }
    return points;
  }

  /** A checkbox with its label, spanning the control grid's first two columns. */
  function toggle(parent, id, text, checked) {
    var row = P.el("div", { "class": "nn-toggle" }, parent, true);
    var box = P.el("input", { type: "checkbox", id: id }, row, true);
    box.checked = checked;
    P.el("label", { "for": id, text: text }, row, true);
    return box;
  }

  function build(root) {
    var data = window.NNBioBackData;
    var c = data.constants;
    var uid = root.id || "nn-bioback";
    P.el("p", { "class": "nn-title", text: "Add the biology back: a 2\u201320\u20132 network on the two moons" }, root, true);
    var controls = P.el("div", { "class": "nn-controls" }, root, true);
    P.el("p", { "class": "nn-group", text: "Training (picks one of four trained networks)" }, controls, true);
    var dale = toggle(controls, uid + "-dale", "Dale\u2019s principle (16 excitatory, 4 inhibitory units)", false);
    var fa = toggle(controls, uid + "-fa", "feedback alignment instead of backprop", false);
    P.el("p", { "class": "nn-group", text: "Inference" }, controls, true);
    var spikes = toggle(controls, uid + "-spikes", "spikes instead of rates", false);
    var windowMs = P.slider(controls, { id: uid + "-window", label: "window <var>T</var>", min: 5, max: 200, step: 5,
                                       value: c.DEFAULT_WINDOW_MS, digits: 0, unit: "ms" });
    var release = toggle(controls, uid + "-release", "unreliable synaptic release", false);
    var p = P.slider(controls, { id: uid + "-p", label: "release probability <var>p</var>", min: 0.05, max: 1,
                                 step: 0.05, value: c.P_RELEASE, digits: 2 });
    var budget = toggle(controls, uid + "-budget", "energy budget", false);
    var cap = P.slider(controls, { id: uid + "-cap", label: "expected count at most", min: 1, max: 60,
                                   step: 1, value: c.DEFAULT_CAP, digits: 0, unit: "spikes" });

    var readout = P.el("div", { "class": "nn-readout" }, root, true);
    var accuracy = P.el("output", { id: uid + "-accuracy" }, readout, true);
    var count = P.el("output", { id: uid + "-count" }, readout, true);
    var energy = P.el("output", { id: uid + "-energy" }, readout, true);
    var live = P.el("p", { "class": "nn-sr-only", "aria-live": "polite", id: uid + "-live" }, root, true);

    var plots = P.el("div", { "class": "nn-plots" }, root, true);
    var figure = P.el("figure", {}, plots, true);
    var svg = P.el("svg", { "class": "nn-plot nn-boundary", role: "img", id: uid + "-plot" }, figure);
    var caption = P.captions(root, [P.el("figcaption", {}, figure, true)]);

    var grid = gridPoints(data.grid);
    var announce = P.debounce(function () { if (live.textContent !== root.dataset.summary) live.textContent = root.dataset.summary; }, 400);
    var pending = false;

    function settings() {
      return { spikes: spikes.checked, windowMs: Number(windowMs.value), release: release.checked,
               p: Number(p.value), budget: budget.checked, cap: Number(cap.value) };
    }

    /**
     * A slider is usable only while it acts: the window with spikes or the budget (it sets the
     * expected count), p with release and spikes (without spikes release is at its mean).
     */
    function enable() {
      windowMs.disabled = !spikes.checked && !budget.checked;
      p.disabled = !release.checked || !spikes.checked;
      cap.disabled = !budget.checked;
    }

    function update() {
      pending = false;
      var s = settings();
      var key = KEYS[fa.checked + "," + dale.checked];
      var result = evaluate(data, key, s);
      var boundary = infer(data, data.nets[key], grid, s, c.GRID_SEED).predicted;
      root.dataset.network = key;
      root.dataset.accuracy = String(result.accuracy);
      root.dataset.spikes = String(result.spikes);
      var word = s.spikes ? "spikes" : "expected spikes";
      accuracy.innerHTML = "test accuracy <b>" + fixed(result.accuracy, 1) + "\u202f%</b>";
      count.innerHTML = word + " per inference <b>" + fixed(result.spikes, 1) + "</b>";
      energy.innerHTML = "energy per inference <b>" + fixed(result.energy / 1000, 2) + "\u202fnJ</b>";
      root.dataset.summary = "Network " + key + ": test accuracy " + fixed(result.accuracy, 1) + " percent, " +
        fixed(result.spikes, 1) + " " + word + " and " + fixed(result.energy / 1000, 2) + " nanojoules per inference.";
      announce();
      draw(boundary, result, key, s);
    }

    function schedule() {
      enable();
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(update);
    }

    function draw(boundary, result, key, s) {
      P.clear(svg);
      var g = data.grid;
      var ax = P.axes(svg, {
        width: P.plotWidth(figure), height: 330, margin: { left: 44, right: 12, top: 12, bottom: 40 },
        x: g.x, y: g.y, xticks: [-1, 0, 1, 2], yticks: [-1, 0, 1], xlabel: "input x\u2081", ylabel: "input x\u2082"
      });
      var dx = (g.x[1] - g.x[0]) / (g.n - 1), dy = (g.y[1] - g.y[0]) / (g.n - 1);
      var cells = P.el("g", { "class": "nn-cells" }, ax.data);
      if (boundary) {
        boundary.forEach(function (label, index) {
          var pt = grid[index];
          var x = ax.sx(pt[0] - dx / 2), y = ax.sy(pt[1] + dy / 2);
          P.el("rect", { "class": "nn-cell nn-class-" + label, x: x.toFixed(2), y: y.toFixed(2),
                         width: (ax.sx(pt[0] + dx / 2) - x + 0.3).toFixed(2),
                         height: (ax.sy(pt[1] - dy / 2) - y + 0.3).toFixed(2) }, cells);
        });
      }
      var dots = P.el("g", { "class": "nn-dots" }, ax.data);
      // Each wrong answer gets a ring drawn over all the dots (none hides it): an ink-coloured
      // ring on a casing of the page colour. In the dark palette no single colour reaches 3:1
      // against both the dark background and the light class colours; the casing gives the
      // ring 3:1 against the background on its outside and the class colours on its inside.
      // All casings go under all rings, so that a neighbour's casing never cuts a ring.
      var casings = P.el("g", { "class": "nn-ring-casings" }, ax.data);
      var rings = P.el("g", { "class": "nn-rings" }, ax.data);
      data.test.x.forEach(function (pt, index) {
        var cx = ax.sx(pt[0]).toFixed(2), cy = ax.sy(pt[1]).toFixed(2);
        P.el("circle", { "class": "nn-dot nn-class-" + data.test.y[index], cx: cx, cy: cy, r: 2.2 }, dots);
        if (result && result.predicted[index] !== data.test.y[index]) {
          P.el("circle", { "class": "nn-ring-casing", cx: cx, cy: cy, r: 3.9 }, casings);
          P.el("circle", { "class": "nn-ring", cx: cx, cy: cy, r: 3.9 }, rings);
        }
      });
      if (!result) return;
      var errors = Math.round(data.test.x.length * (1 - result.accuracy / 100));
      svg.setAttribute("aria-label", "Decision regions of network " + key + " over the input plane, with the 400 test " +
        "points of the two moons coloured by their true class; " + errors + " of them fall in the wrong region" +
        (s.spikes ? ", and with spikes the boundary is ragged, because each grid point is one noisy inference." : "."));
      // One wording for every setting: a caption that changed length would move the page.
      caption(0, "Shaded: the class the network answers at each point of a 41 \u00D7 41 grid " +
        "(with spikes, one noisy inference per point). Dots: the test points by true class; ringed dots are answered wrongly.");
    }

    [dale, fa, spikes, release, budget, windowMs, p, cap].forEach(function (control) {
      control.addEventListener(control.type === "checkbox" ? "change" : "input", schedule);
    });
    root.hidden = false;
    enable();
    update();
    P.onResize(plots, update);
  }

  window.NNBioBack = { uniform: uniform, infer: infer, evaluate: evaluate };
  P.mountAll("[data-explorable='bioback']", build);
})();
