/* A display equation slightly wider than its column is set smaller to fit; a wider one
   scrolls inside its own box (site.css draws the shadow that says so). A box that scrolls must be reachable by keyboard and say
   what it is; one that fits must not add a tab stop, and which is which depends on
   the width of the screen, so it is decided here, again whenever a box is resized. */
(function () {
  "use strict";
  // An equation at most this much wider than its column is set a little smaller so that
  // it fits (a 3 % scroll is a cue for nothing); a wider one keeps its size and scrolls.
  var SHRINK_AT_MOST = 0.88;
  function fit(box) {
    var math = box.querySelector("math");
    if (!math) return;
    math.style.fontSize = "";
    var ratio = box.clientWidth / box.scrollWidth;
    if (ratio < 1 && ratio >= SHRINK_AT_MOST) {
      var size = parseFloat(getComputedStyle(math).fontSize);
      math.style.fontSize = Math.floor(size * ratio * 0.99 * 10) / 10 + "px";
      box.classList.add("math-display--fitted");
    } else {
      box.classList.remove("math-display--fitted");
    }
  }
  // Which ends hide more: site.css fades the equation out at such an end.
  function ends(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("math-display--more-left", scrolls && box.scrollLeft > 1);
    box.classList.toggle("math-display--more-right", scrolls && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
  }
  function mark(box) {
    fit(box);
    ends(box);
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
  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { mark(entry.target); });
  }) : null;
  function start(within) {
    var boxes = within.querySelectorAll(".math-display");
    if (!boxes.length) return;
    if (observer) {
      boxes.forEach(function (box) { observer.observe(box); });
      boxes.forEach(function (box) {
        box.addEventListener("scroll", function () { ends(box); }, { passive: true });
      });
    } else {
      boxes.forEach(mark);
    }
  }
  // Content made HTML later (the print page's sections: print-page-sections.js).
  document.addEventListener("nn:content", function (event) { start(event.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { start(document); });
  else start(document);
})();
