/* The neuron playground: one artificial neuron, y = f(w . x + b), live.
 *
 * Three inputs, three weights and a bias on native sliders, an activation on a
 * native <select>; the weighted sum z and output y update as a slider moves, and
 * an inline SVG plot shows the activation with the operating point (z, y).
 * The defaults are the worked example of snippets/artificial_neuron/forward_pass.py,
 * and the printout below the plot has exactly that snippet's format, so the page
 * shows the same numbers with and without JavaScript (tests/browser/test_explorables.py).
 * The container has the `hidden` attribute in the page; this script un-hides it.
 */
(function () {
  "use strict";
  var P = window.NNPlot;

  // The worked example (from a widely shared article; snippets/artificial_neuron/forward_pass.py).
  var DEFAULTS = { x: [0.5, 0.3, 0.8], w: [0.4, -0.2, 0.9], b: 0.1, activation: "sigmoid" };
  var Z_RANGE = [-8, 8];  // |z| <= 3 * 1 * 2 + 2: every reachable z is on the plot

  // Each activation: how Python names it in the printout, its function, the plot's y range.
  var ACTIVATIONS = {
    step: { name: "step", title: "step", label: "step: 1 if z ≥ 0, else 0", f: function (z) { return z >= 0 ? 1 : 0; },
            y: [-0.1, 1.1], yticks: [0, 0.5, 1], ydigits: 1 },
    sigmoid: { name: "sigmoid", title: "sigmoid", label: "sigmoid: 1 / (1 + exp(−z))",
               f: function (z) { return 1 / (1 + Math.exp(-z)); },
               y: [-0.1, 1.1], yticks: [0, 0.5, 1], ydigits: 1 },
    tanh: { name: "tanh", title: "tanh", label: "tanh: hyperbolic tangent", f: Math.tanh, y: [-1.15, 1.15], yticks: [-1, -0.5, 0, 0.5, 1], ydigits: 1 },
    relu: { name: "relu", title: "ReLU", label: "ReLU: max(0, z)", f: function (z) { return Math.max(0, z); },
            y: [-0.5, 8.2], yticks: [0, 2, 4, 6, 8], ydigits: 0 }
  };

  function build(root) {
    var uid = root.id || "nn-neuron";
    // The formula is typeset just above the widget: the title only names it.
    P.el("p", { "class": "nn-title", text: "Interactive neuron" }, root, true);

    var controls = P.el("div", { "class": "nn-controls" }, root, true);
    var inputs = [], weights = [];
    var groupX = P.el("fieldset", {}, controls, true);
    P.el("legend", { text: "Inputs" }, groupX, true);
    DEFAULTS.x.forEach(function (value, i) {
      inputs.push(P.slider(groupX, { id: uid + "-x" + (i + 1), label: "input <var>x</var><sub>" + (i + 1) + "</sub>",
                                     min: -1, max: 1, step: 0.1, value: value, digits: 1 }));
    });
    var groupW = P.el("fieldset", {}, controls, true);
    P.el("legend", { text: "Weights and bias" }, groupW, true);
    DEFAULTS.w.forEach(function (value, i) {
      weights.push(P.slider(groupW, { id: uid + "-w" + (i + 1), label: "weight <var>w</var><sub>" + (i + 1) + "</sub>",
                                      min: -2, max: 2, step: 0.1, value: value, digits: 1 }));
    });
    var bias = P.slider(groupW, { id: uid + "-b", label: "bias <var>b</var>",
                                  min: -2, max: 2, step: 0.01, value: DEFAULTS.b, digits: 2 });
    var groupF = P.el("fieldset", {}, controls, true);
    P.el("legend", { text: "Activation function" }, groupF, true);
    P.el("label", { "for": uid + "-f", text: "activation f" }, groupF, true);
    var select = P.el("select", { id: uid + "-f" }, groupF, true);
    Object.keys(ACTIVATIONS).forEach(function (key) {
      var option = P.el("option", { value: key, text: ACTIVATIONS[key].label }, select, true);
      if (key === DEFAULTS.activation) option.selected = true;
    });

    var readout = P.el("div", { "class": "nn-readout" }, root, true);
    var zOut = P.el("output", { id: uid + "-z", "aria-label": "weighted sum z" }, readout, true);
    var yOut = P.el("output", { id: uid + "-y", "aria-label": "output y" }, readout, true);
    // Screen readers hear the result once the slider rests, not at every step.
    var live = P.el("p", { "class": "nn-sr-only", "aria-live": "polite", id: uid + "-live" }, root, true);

    var plots = P.el("div", { "class": "nn-plots" }, root, true);
    var figure = P.el("figure", {}, plots, true);
    var svg = P.el("svg", { "class": "nn-plot", role: "img", id: uid + "-plot" }, figure);
    var caption = P.captions(root, [P.el("figcaption", {}, figure, true)]);

    var printed = P.el("p", { "class": "nn-caption", text: "The same numbers, printed the way " }, root, true);
    var path = P.el("code", { text: "snippets/artificial_neuron/" }, printed, true);  // breaks after the "/"
    P.el("wbr", {}, path, true);
    path.appendChild(document.createTextNode("forward_pass.py"));
    printed.appendChild(document.createTextNode(" prints them:"));
    var printout = P.el("pre", { "class": "nn-printout", id: uid + "-printout" }, root, true);

    var reset = P.el("button", { type: "button", "class": "nn-button", text: "Back to the worked example" }, root, true);

    var announce = P.debounce(function () {
      if (live.textContent !== root.dataset.summary) live.textContent = root.dataset.summary;
    }, 400);

    function update() {
      var x = inputs.map(function (s) { return Number(s.value); });
      var w = weights.map(function (s) { return Number(s.value); });
      var b = Number(bias.value);
      var act = ACTIVATIONS[select.value];
      var products = x.map(function (xi, i) { return w[i] * xi; });
      var z = products[0] + products[1] + products[2] + b;
      // Slider values are multiples of 0.1 (0.01 for b), so z is a multiple of 0.01;
      // rounding off the float noise keeps step(0) = 1 when z is exactly 0 on paper.
      z = Math.round(z * 1e12) / 1e12 + 0;
      var y = act.f(z);

      root.dataset.z = String(z);
      root.dataset.y = String(y);
      zOut.innerHTML = "<var>z</var> = <b>" + P.pyFixed(z, 2) + "</b>";
      yOut.innerHTML = "<var>y</var> = " + act.name + "(<var>z</var>) = <b>" + P.pyFixed(y, 4) + "</b>";
      var lines = products.map(function (p, i) {
        return "w" + (i + 1) + " * x" + (i + 1) + " = " + P.pyFixed(w[i], 1, true) + " * " +
               P.pyFixed(x[i], 1) + " = " + P.pyFixed(p, 2, true);
      });
      lines.push("bias b     = " + P.pyFixed(b, 2, true));
      lines.push("z = w . x + b = " + P.pyFixed(z, 2));
      lines.push("y = " + act.name + "(z) = " + P.pyFixed(y, 4));
      printout.textContent = lines.join("\n");
      root.dataset.summary = "z = " + P.human(z, 2) + ", y = " + P.human(y, 4) + " with the " + act.title + " activation";
      announce();
      draw(z, y, act);
    }

    function draw(z, y, act) {
      P.clear(svg);
      var width = P.plotWidth(figure);
      var ax = P.axes(svg, {
        width: width, height: 270, margin: { left: 48, right: 14, top: 12, bottom: 40 },
        // every 4th z on a phone: nine labels of 16-px text there left no space between them
        x: Z_RANGE, y: act.y, xticks: width < 360 ? [-8, -4, 0, 4, 8] : [-8, -6, -4, -2, 0, 2, 4, 6, 8], yticks: act.yticks,
        ydigits: act.ydigits, xlabel: "weighted sum plus bias, z", ylabel: "output, y"
      });
      var zs = [], ys = [];
      if (act.name === "step") {  // draw the jump as a vertical segment
        zs = [Z_RANGE[0], 0, 0, Z_RANGE[1]];
        ys = [0, 0, 1, 1];
      } else {
        for (var i = 0; i <= 320; i++) {
          var zi = Z_RANGE[0] + (Z_RANGE[1] - Z_RANGE[0]) * i / 320;
          zs.push(zi);
          ys.push(act.f(zi));
        }
      }
      P.el("path", { "class": "nn-curve nn-activation", d: P.pathData(zs, ys, ax.sx, ax.sy) }, ax.data);
      P.el("polyline", { "class": "nn-guide", points: ax.sx(z) + "," + ax.bottom + " " + ax.sx(z) + "," + ax.sy(y) +
                         " " + ax.left + "," + ax.sy(y) }, ax.data);
      P.el("circle", { "class": "nn-point", cx: ax.sx(z), cy: ax.sy(y), r: 6 }, ax.data);
      var right = z > 2;
      P.el("text", { "class": "nn-point-label", x: ax.sx(z) + (right ? -10 : 10), y: Math.max(ax.top + 12, Math.min(ax.bottom - 8, ax.sy(y) + (y > act.y[1] - 0.25 * (act.y[1] - act.y[0]) ? 20 : -10))),
                     "text-anchor": right ? "end" : "start",
                     text: "(" + P.human(z, 2) + ", " + P.human(y, 4) + ")" }, svg);
      var description = "The " + act.title + " activation plotted for z from \u22128 to 8, with the operating point at z = " +
        P.human(z, 2) + ", y = " + P.human(y, 4) + ".";
      svg.setAttribute("aria-label", description);
      caption(0, "The " + act.title + " activation; the dot is where this neuron sits on it, at z = " +
        P.human(z, 2) + ", y = " + P.human(y, 4) + ".");
    }

    inputs.concat(weights, [bias]).forEach(function (s) { s.addEventListener("input", update); });
    select.addEventListener("change", update);
    reset.addEventListener("click", function () {
      DEFAULTS.x.forEach(function (v, i) { inputs[i].value = v; inputs[i].nnShow(); });
      DEFAULTS.w.forEach(function (v, i) { weights[i].value = v; weights[i].nnShow(); });
      bias.value = DEFAULTS.b;
      bias.nnShow();
      select.value = DEFAULTS.activation;
      update();
    });
    root.hidden = false;
    update();
    P.onResize(figure, update);
  }

  P.mountAll("[data-explorable='neuron']", build);
})();
