/* The spiking playground: a leaky integrate-and-fire neuron driven by a constant current.
 *
 * The model, its parameters and its forward-Euler step are those of
 * snippets/integrate_and_fire/lif.py (the integrate-and-fire page), operation for
 * operation, so the spike times here equal the Python ones
 * (tests/browser/test_explorables.py compares them):
 *   units mV, ms, nA, MOhm (1 MOhm x 1 nA = 1 mV); start at rest, V = E_L;
 *   each step of DT: a refractory neuron stays at V_reset and counts down;
 *   any other neuron takes V <- V + DT / TAU * (E_L - V + R I), and if V >= V_th
 *   it spikes (at this step's time), is reset, and is refractory for T_REF / DT steps.
 * The slider sets I; the page shows the membrane trace (first 200 ms) with the
 * spikes, the number of spikes in the first second (= the rate in Hz), and the
 * rate against current next to a ReLU with the same threshold.
 */
(function () {
  "use strict";
  var P = window.NNPlot;

  var E_L = -70.0, V_RESET = -65.0, V_TH = -50.0;  // mV
  var R = 10.0;                                      // MOhm
  var TAU = 10.0, T_REF = 2.0, DT = 0.1;             // ms
  var RHEOBASE = (V_TH - E_L) / R;                   // nA: 2
  var WINDOW = 1000.0;                               // ms simulated: spikes in it = rate in Hz
  var SHOWN = 200.0;                                 // ms of membrane trace drawn
  var I_MAX = 10.0, DEFAULT_I = 3.0;

  /** Forward-Euler LIF with constant current i (nA) for tMax ms: {v: Float64Array, spikes: [ms]}. */
  function simulate(i, tMax) {
    var steps = Math.round(tMax / DT);
    var nRef = Math.round(T_REF / DT);
    var v = E_L, refractory = 0;
    var trace = new Float64Array(steps + 1);
    var spikes = [];
    trace[0] = v;
    for (var k = 1; k <= steps; k++) {
      if (refractory === 0) {
        v = v + DT / TAU * (E_L - v + R * i);
        if (v >= V_TH) {
          spikes.push(k * DT);
          v = V_RESET;
          refractory = nRef;
        }
      } else {
        v = V_RESET;
        refractory -= 1;
      }
      trace[k] = v;
    }
    return { v: trace, spikes: spikes };
  }

  /** Spikes in the first second for currents 0, 0.02, ..., 10 nA: the f-I curve. */
  function fiCurve() {
    var currents = [], rates = [];
    for (var n = 0; n <= 500; n++) {
      var i = n * 0.02;
      currents.push(i);
      rates.push(simulate(i, WINDOW).spikes.length * (1000.0 / WINDOW));
    }
    return { currents: currents, rates: rates };
  }

  function build(root) {
    var uid = root.id || "nn-lif";
    P.el("p", { "class": "nn-title", text: "Interactive leaky integrate-and-fire neuron" }, root, true);
    var controls = P.el("div", { "class": "nn-controls" }, root, true);
    var current = P.slider(controls, { id: uid + "-i", label: "input current <var>I</var>",
                                       min: 0, max: I_MAX, step: 0.01, value: DEFAULT_I, digits: 2, unit: "nA" });

    var readout = P.el("div", { "class": "nn-readout" }, root, true);
    var target = P.el("output", { id: uid + "-vinf" }, readout, true);
    var count = P.el("output", { id: uid + "-rate" }, readout, true);
    var interval = P.el("output", { id: uid + "-isi" }, readout, true);
    var live = P.el("p", { "class": "nn-sr-only", "aria-live": "polite", id: uid + "-live" }, root, true);

    var plots = P.el("div", { "class": "nn-plots" }, root, true);
    var figTrace = P.el("figure", {}, plots, true);
    var svgTrace = P.el("svg", { "class": "nn-plot", role: "img", id: uid + "-trace" }, figTrace);
    var capTrace = P.el("figcaption", {}, figTrace, true);
    var figRate = P.el("figure", {}, plots, true);
    var svgRate = P.el("svg", { "class": "nn-plot", role: "img", id: uid + "-fi" }, figRate);
    var capRate = P.el("figcaption", {}, figRate, true);
    var caption = P.captions(root, [capTrace, capRate]);

    var fi = fiCurve();
    var top = simulate(I_MAX, WINDOW).spikes.length * (1000.0 / WINDOW);
    var slope = top / (I_MAX - RHEOBASE);  // Hz per nA: the ReLU through the LIF's rate at 10 nA
    root.dataset.reluSlope = String(slope);

    var announce = P.debounce(function () { if (live.textContent !== root.dataset.summary) live.textContent = root.dataset.summary; }, 400);

    function update() {
      var i = Number(current.value);
      var run = simulate(i, WINDOW);
      var n = run.spikes.length;
      var rate = n * (1000.0 / WINDOW);
      var vInf = E_L + R * i;
      var isi = n >= 3 ? run.spikes[n - 1] - run.spikes[n - 2] : null;
      root.dataset.current = String(i);
      root.dataset.spikes = String(n);
      root.dataset.rate = String(rate);
      root.dataset.spikeTimes = JSON.stringify(run.spikes.map(function (t) { return Number(t.toFixed(6)); }));

      target.innerHTML = "<var>V</var><sub>\u221E</sub> = <var>E</var><sub>L</sub> + <var>RI</var> = <b>" + P.human(vInf, 1) + "\u202fmV</b>";
      count.innerHTML = "spikes in the first second: <b>" + n + "</b>, rate <b>" + n + "\u202fHz</b>";
      interval.innerHTML = isi === null
        ? (vInf < V_TH ? "no spike: <var>V</var> settles " + P.human(V_TH - vInf, 1) + "\u202fmV under <var>V</var><sub>th</sub>"
           : vInf === V_TH ? "no spike: <var>V</var> creeps towards <var>V</var><sub>th</sub> but never reaches it"
           : "too few spikes in one second for a steady interval")
        : "interval between spikes: <b>" + P.human(isi, 1) + "\u202fms</b>";
      root.dataset.summary = "I = " + P.human(i, 2) + " nA: " + n + " spikes in one second, " + n + " hertz" +
        (isi === null ? "" : ", one spike every " + P.human(isi, 1) + " milliseconds");
      announce();
      drawTrace(i, run, vInf);
      drawRate(i, rate);
    }

    function drawTrace(i, run, vInf) {
      P.clear(svgTrace);
      var ax = P.axes(svgTrace, {
        width: P.plotWidth(figTrace), height: 290, margin: { left: 48, right: 56, top: 12, bottom: 40 },
        x: [0, SHOWN], y: [-72, -33], xticks: [0, 50, 100, 150, 200], yticks: [-70, -65, -60, -55, -50, -45, -40, -35],
        xlabel: "time (ms)", ylabel: "membrane potential V (mV)"
      });
      var steps = Math.round(SHOWN / DT), ts = [], vs = [];
      for (var k = 0; k <= steps; k++) { ts.push(k * DT); vs.push(run.v[k]); }
      P.el("line", { "class": "nn-threshold", x1: ax.left, x2: ax.right, y1: ax.sy(V_TH), y2: ax.sy(V_TH) }, ax.data);
      P.el("line", { "class": "nn-reset", x1: ax.left, x2: ax.right, y1: ax.sy(V_RESET), y2: ax.sy(V_RESET) }, ax.data);
      // Symbols as a reader writes them: V with the subscript set lower and smaller, in roman.
      [[V_TH, "th"], [V_RESET, "reset"]].forEach(function (pair) {
        var label = P.el("text", { x: ax.right + 4, y: ax.sy(pair[0]) + 4 }, svgTrace);
        P.el("tspan", { "font-style": "italic", text: "V" }, label);
        P.el("tspan", { dy: 4, "font-size": "11px", text: pair[1] }, label);  // >= 11 px (issue 29)
      });
      P.el("path", { "class": "nn-curve nn-membrane", d: P.pathData(ts, vs, ax.sx, ax.sy) }, ax.data);
      var shown = run.spikes.filter(function (t) { return t <= SHOWN; });
      var ticks = P.el("g", { "class": "nn-spikes" }, ax.data);
      shown.forEach(function (t) {
        P.el("line", { "class": "nn-spike", "data-t": t.toFixed(1), x1: ax.sx(t), x2: ax.sx(t),
                       y1: ax.sy(V_TH), y2: ax.sy(-35) }, ticks);
      });
      var description = "Membrane potential over the first 200 ms at I = " + P.human(i, 2) + " nA: " +
        (shown.length ? shown.length + " spikes; after each, V is reset to \u221265 mV and climbs back to the \u221250 mV threshold."
                      : "no spike; V rises from \u221270 mV and levels off at " + P.human(vInf, 1) + " mV.");
      svgTrace.setAttribute("aria-label", description);
      caption(0, "Membrane potential (first 200 ms) at " + P.human(i, 2) + " nA; ticks mark spikes, " +
        "the dashed line is the threshold and the dotted line the reset potential.");
    }

    function drawRate(i, rate) {
      P.clear(svgRate);
      var width = P.plotWidth(figRate);
      var ax = P.axes(svgRate, {
        width: width, height: 290, margin: { left: 48, right: 14, top: 12, bottom: 40 },
        x: [0, I_MAX], y: [0, 300], xticks: [0, 2, 4, 6, 8, 10], yticks: [0, 100, 200, 300],
        xlabel: "input current I (nA)", ylabel: "firing rate (Hz)"
      });
      P.el("path", { "class": "nn-curve nn-relu",
                     d: P.pathData([0, RHEOBASE, I_MAX], [0, 0, slope * (I_MAX - RHEOBASE)], ax.sx, ax.sy) }, ax.data);
      P.el("path", { "class": "nn-curve nn-rate", d: P.pathData(fi.currents, fi.rates, ax.sx, ax.sy) }, ax.data);
      P.el("line", { "class": "nn-current-line", x1: ax.sx(i), x2: ax.sx(i), y1: ax.bottom, y2: ax.sy(rate) }, ax.data);
      P.el("circle", { "class": "nn-point", cx: ax.sx(i), cy: ax.sy(rate), r: 6 }, ax.data);
      // legend
      var lx = ax.left + 12, ly = ax.top + 14;
      P.el("line", { "class": "nn-curve nn-rate", x1: lx, x2: lx + 26, y1: ly - 4, y2: ly - 4 }, svgRate);
      P.el("text", { "class": "nn-point-label", x: lx + 32, y: ly, text: "LIF: spikes in 1 s" }, svgRate);
      P.el("line", { "class": "nn-curve nn-relu", x1: lx, x2: lx + 26, y1: ly + 14, y2: ly + 14 }, svgRate);
      // On a phone the threshold is left to the caption: the whole line ran past the plot.
      P.el("text", { "class": "nn-point-label", x: lx + 32, y: ly + 18,
                     text: "ReLU: " + P.human(slope, 1) + " Hz/nA" + (width < 360 ? "" : " above 2 nA") }, svgRate);
      svgRate.setAttribute("aria-label", "Firing rate against input current from 0 to 10 nA. The LIF rate is zero up to 2 nA, " +
        "jumps up steeply just above it and then bends over, reaching " + P.human(top, 0) + " Hz at 10 nA; the ReLU is a straight " +
        "line from zero at 2 nA to the same rate at 10 nA. The dot marks the current setting, " + P.human(i, 2) + " nA and " +
        P.human(rate, 0) + " Hz.");
      caption(1, "Rate against current: the LIF neuron (solid) and the ReLU " + P.human(slope, 1) +
        " Hz/nA \u00D7 max(0, I \u2212 2 nA), with the same threshold and the LIF rate at 10 nA (dashed); the dot is the current setting.");
    }

    current.addEventListener("input", update);
    root.hidden = false;
    // The snippet's figure of the starting state (data-static-figure) stands in for the
    // playground where it cannot run: without scripts and on paper. Here it runs, and
    // the figure would only repeat it: off screen, kept for print (site.css).
    var fallback = document.getElementById("fig-" + (root.getAttribute("data-static-figure") || "").replace(/[_/]/g, "-"));
    if (fallback) fallback.classList.add("nn-widget-fallback");
    update();
    P.onResize(plots, update);
  }

  window.NNLIF = { simulate: simulate, params: { E_L: E_L, V_RESET: V_RESET, V_TH: V_TH, R: R, TAU: TAU, T_REF: T_REF, DT: DT } };
  P.mountAll("[data-explorable='lif']", build);
})();
