/* A display equation wider than its column scrolls inside its own box (site.css draws
   the shadow that says so). A box that scrolls must be reachable by keyboard and say
   what it is; one that fits must not add a tab stop, and which is which depends on
   the width of the screen, so it is decided here, again whenever a box is resized. */
(function () {
  "use strict";
  function mark(box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Equation, scrolls sideways");
    } else if (box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  function start() {
    var boxes = document.querySelectorAll(".math-display");
    if (!boxes.length) return;
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { mark(entry.target); });
      });
      boxes.forEach(function (box) { observer.observe(box); });
    } else {
      boxes.forEach(mark);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
