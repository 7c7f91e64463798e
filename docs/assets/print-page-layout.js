/* The print page holds every page of the site (45 sections: 37 pages in 8 groups;
   ~32,000 elements). Laying all of it out before the page was ready took ~1.1 s of its
   2.6-2.9 s to DOMContentLoaded, so on screen each section is laid out when scrolled near
   (courses.css: content-visibility: auto, under a class that scripts/print_page.py sets on
   <html> from an inline script; a reader without JavaScript gets the plain page). Paper
   lays out everything anyway. The estimate for a section not yet laid out, 6,000 px, is
   about a page's median height at 1280 px (6,454 px).

   Until a section is laid out its height is an estimate, so a jump to an anchor would
   land as far off as the estimates above it are wrong (2,500 px, measured). Hence:
   - before the browser scrolls to an anchor (a link clicked, a #fragment in the address
     or typed into it), every section up to the target is laid out for real;
   - a reload or a step back or forward from another page, where the browser restores
     an earlier scroll position, lays out every section first (the full cost, then);
   - after load the remaining sections are laid out one per task: the work is not gone,
     it comes after the page is ready, in short tasks (none over 50 ms, the long-task
     threshold; every section laid out ~1.5 s after load, at 1280 and at 390 px).
   tests/browser/test_print.py checks where anchors, reloads and steps back land. */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!root.classList.contains("print-page-lazy")) return;
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.print-page[id]"));

  // Every image is lazy here (nn_site/print/page.py). Chromium loads a page's lazy images
  // when printing it; for a browser that does not, the printed ones are asked for now.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll('img[loading="lazy"]:not([src$="#only-dark"])').forEach(function (image) {
      image.loading = "eager";
    });
  });
  var DONE = "print-page--laid-out";

  function layOut(section) { section.classList.add(DONE); }

  function target(hash) {
    var id = "";
    try { id = hash ? decodeURIComponent(hash.slice(1)) : ""; } catch (error) { return null; }  // a malformed %-escape
    return id ? document.getElementById(id) : null;
  }

  // Every section above the element: those that contain it (a group's section holds its
  // pages' sections) and those before it. querySelectorAll lists them in document order.
  function layOutUpTo(element) {
    for (var i = 0; i < sections.length; i++) {
      var section = sections[i];
      if (!section.contains(element) &&
          !(section.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
      layOut(section);
    }
  }

  // A click on a link to an anchor of this page: lay out first, the browser then scrolls.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.pathname !== location.pathname) return;
    var element = target(link.hash);
    if (element) layOutUpTo(element);
  }, true);

  // Has the reader scrolled by hand since the page opened? Then no jump moves them.
  var moved = false;
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { moved = true; }, {passive: true, capture: true});
  });

  function toFragment() {
    var element = target(location.hash);
    if (!element) return;
    layOutUpTo(element);
    element.scrollIntoView();
  }
  window.addEventListener("hashchange", toFragment);  // a #fragment typed, or a step between anchors

  var navigation = window.performance && performance.getEntriesByType &&
                   performance.getEntriesByType("navigation")[0];
  var restored = !!navigation && (navigation.type === "reload" || navigation.type === "back_forward");
  if (restored) {
    sections.forEach(layOut);
  } else if (location.hash) {
    toFragment();  // now, before the browser's own jump when parsing ends
  }

  window.addEventListener("load", function () {
    // Figures and fonts have arrived: jump again (same target, exact heights above it)
    // unless the reader has scrolled meanwhile.
    if (location.hash && !moved && !restored) toFragment();
    var next = 0;
    (function layOutNext() {  // one section per task, laid out in it: the page stays responsive
      while (next < sections.length && sections[next].classList.contains(DONE)) next++;
      if (next >= sections.length) return;
      layOut(sections[next]);
      sections[next].getBoundingClientRect();
      setTimeout(layOutNext, 0);
    })();
  });
})();
