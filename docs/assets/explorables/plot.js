/* Tiny SVG plotting and number formatting shared by the explorables (no dependencies).
 *
 * Plots are inline SVG whose colours come from CSS classes (explorables.css), which
 * read Material's palette variables: switching light/dark restyles them at once,
 * with no redraw. Numbers are formatted the way Python's format() does, so a widget
 * can show exactly what the matching snippet prints.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  /** Create an element (SVG namespace unless html is true), set attributes, append. */
  function el(name, attrs, parent, html) {
    var node = html ? document.createElement(name) : document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  /**
   * Python's f"{value:.{digits}f}" (with plus=true: f"{value:+.{digits}f}").
   * toFixed rounds the exact binary value like Python does; the sign is handled
   * separately because toFixed drops the minus of -0, which Python keeps.
   */
  function pyFixed(value, digits, plus) {
    var negative = value < 0 || Object.is(value, -0);
    var text = Math.abs(value).toFixed(digits);
    return (negative ? "-" : plus ? "+" : "") + text;
  }

  /** A number for people: a true minus sign (U+2212), no "-0". */
  function human(value, digits) {
    var text = Math.abs(value).toFixed(digits);
    var zero = Number(text) === 0;
    return (value < 0 && !zero ? "\u2212" : "") + text;
  }

  /**
   * Axes in an SVG with a viewBox of width x height: grid, ticks, labels.
   * opts: {width, height, margin: {left, right, top, bottom}, x: [lo, hi], y: [lo, hi],
   *        xticks: [...], yticks: [...], xdigits, ydigits, xlabel, ylabel}
   * Returns {sx, sy, data}: the scales (data -> SVG units) and a <g> for the data,
   * clipped to the plotting area.
   */
  function axes(svg, opts) {
    var m = opts.margin;
    var left = m.left, right = opts.width - m.right, top = m.top, bottom = opts.height - m.bottom;
    function sx(x) { return left + (x - opts.x[0]) / (opts.x[1] - opts.x[0]) * (right - left); }
    function sy(y) { return bottom - (y - opts.y[0]) / (opts.y[1] - opts.y[0]) * (bottom - top); }
    svg.setAttribute("viewBox", "0 0 " + opts.width + " " + opts.height);
    var frame = el("g", { "aria-hidden": "true" }, svg);
    opts.xticks.forEach(function (x) {
      el("line", { "class": "nn-grid", x1: sx(x), x2: sx(x), y1: top, y2: bottom }, frame);
      el("line", { "class": "nn-axis", x1: sx(x), x2: sx(x), y1: bottom, y2: bottom + 4 }, frame);
      el("text", { x: sx(x), y: bottom + 16, "text-anchor": "middle",
                   text: human(x, opts.xdigits || 0) }, frame);
    });
    opts.yticks.forEach(function (y) {
      el("line", { "class": "nn-grid", x1: left, x2: right, y1: sy(y), y2: sy(y) }, frame);
      el("line", { "class": "nn-axis", x1: left - 4, x2: left, y1: sy(y), y2: sy(y) }, frame);
      el("text", { x: left - 7, y: sy(y) + 4, "text-anchor": "end",
                   text: human(y, opts.ydigits || 0) }, frame);
    });
    el("polyline", { "class": "nn-axis",
                     points: left + "," + top + " " + left + "," + bottom + " " + right + "," + bottom }, frame);
    el("text", { x: (left + right) / 2, y: opts.height - 4, "text-anchor": "middle",
                 text: opts.xlabel }, frame);
    el("text", { x: 0, y: 0, "text-anchor": "middle", text: opts.ylabel,
                 transform: "translate(13," + (top + bottom) / 2 + ") rotate(-90)" }, frame);
    var clipId = "nn-clip-" + (axes.count = (axes.count || 0) + 1);
    var defs = el("defs", {}, svg);
    var clip = el("clipPath", { id: clipId }, defs);
    el("rect", { x: left, y: top - 1, width: right - left, height: bottom - top + 2 }, clip);
    var data = el("g", { "clip-path": "url(#" + clipId + ")" }, svg);
    return { sx: sx, sy: sy, data: data, left: left, right: right, top: top, bottom: bottom };
  }

  /** An SVG path "M x,y L x,y ..." through the points (xs[i], ys[i]). */
  function pathData(xs, ys, sx, sy) {
    var parts = [];
    for (var i = 0; i < xs.length; i++) {
      parts.push((i ? "L" : "M") + sx(xs[i]).toFixed(2) + "," + sy(ys[i]).toFixed(2));
    }
    return parts.join("");
  }

  /** Remove every child of a node. */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /**
   * A labelled native slider in a .nn-controls grid: <label>, <input type=range>, <output>.
   * spec: {id, label, min, max, step, value, digits, unit}. Returns the input.
   */
  function slider(parent, spec) {
    var label = el("label", { "for": spec.id }, parent, true);
    label.innerHTML = spec.label;
    var input = el("input", { type: "range", id: spec.id, min: spec.min, max: spec.max,
                              step: spec.step, value: spec.value }, parent, true);
    var output = el("output", { "for": spec.id, id: spec.id + "-value" }, parent, true);
    function show() {
      var text = human(Number(input.value), spec.digits) + (spec.unit ? "\u202f" + spec.unit : "");
      output.textContent = text;
      input.setAttribute("aria-valuetext", text);
    }
    input.addEventListener("input", show);
    show();
    input.nnShow = show;
    return input;
  }

  /** Call fn at most once per delay ms, with the latest state (for aria-live text). */
  function debounce(fn, delay) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, delay);
    };
  }

  /**
   * The viewBox width for a plot in this container: 3/4 of its width in CSS pixels, so
   * that 12-unit text is 16 px at any width, the size of a static figure's 12-pt text
   * (explorables.css sets the figures' font). Never under 240 units (a 320-px column).
   */
  var TEXT_SCALE = 16 / 12;  // CSS px per viewBox unit
  function plotWidth(container) {
    var width = container.getBoundingClientRect().width;
    return Math.round(Math.max(240, (width || 640) / TEXT_SCALE));
  }

  /** Run fn again whenever the container's width changes (debounced). */
  function onResize(container, fn) {
    if (!window.ResizeObserver) return;
    var last = container.getBoundingClientRect().width;
    var later = debounce(fn, 150);
    new ResizeObserver(function () {
      var now = container.getBoundingClientRect().width;
      if (Math.abs(now - last) >= 1) { last = now; later(); }
    }).observe(container);
  }

  // Build each element that matches selector, once the page has been parsed.
  function mountAll(selector, build) {
    function run() {
      var roots = document.querySelectorAll(selector);
      for (var i = 0; i < roots.length; i++) build(roots[i]);
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  /**
   * Captions for a widget's live plots, set as the static figures' are (issue 29, "Reading 2"):
   * a bold number, then the text. A widget shows live the figure its snippet draws
   * (data-static-figure), whose number the prose cites ("Figure 1"): its plots take that
   * number, lettered when there are several ("Figure 1a (live)."). Returns
   * set(index, text), which writes the caption of plot index.
   */
  function captions(root, figcaptions) {
    var id = "fig-" + (root.getAttribute("data-static-figure") || "").replace(/[_/]/g, "-");
    var fallback = document.getElementById(id);
    var number = fallback && fallback.querySelector(".caption-number");
    var base = number ? number.textContent.replace(/\.\s*$/, "") : "";
    var several = figcaptions.length > 1;
    return function (index, text) {
      var caption = figcaptions[index];
      var label = base && base + (several ? "abcdefgh".charAt(index) : "") + " (live).";
      var first = caption.firstChild;
      if (!(first && first.className === "caption-number") && label) {
        caption.textContent = "";
        el("span", { "class": "caption-number", text: label }, caption, true);
        caption.appendChild(document.createTextNode(""));
      }
      if (label) caption.lastChild.textContent = " " + text;
      else caption.textContent = text;
    };
  }

  window.NNPlot = { plotWidth: plotWidth, onResize: onResize, el: el, axes: axes, pathData: pathData, clear: clear, slider: slider,
                    pyFixed: pyFixed, human: human, debounce: debounce, mountAll: mountAll, captions: captions };
})();
