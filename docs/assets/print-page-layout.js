/* The print page holds every page of the site (45 sections: 37 pages in 8 groups;
   ~32,000 elements). Laying all of it out before the page was ready took ~1.1 s of its
   2.6-2.9 s to DOMContentLoaded, so on screen each section is laid out when scrolled near
   (courses.css: content-visibility: auto, under a class that scripts/print_page.py sets on
   <html> from an inline script; a reader without JavaScript gets the plain page). Paper
   lays out everything anyway. The estimate for a section not yet laid out, 6,000 px, is
   about a page's median height at 1280 px (6,454 px).

   Until a section is laid out its height is an estimate, so a jump to an anchor would
   land as far off as the estimates above it are wrong (2,500 px, measured). Hence:
   before the browser scrolls to an anchor (a link clicked, the address's #fragment, a
   step back in history), every section up to the target is laid out for real; and
   after load the remaining sections are laid out one per frame, so the page's height
   soon is the real one. tests/browser/test_print.py checks where anchors land. */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!root.classList.contains("print-page-lazy")) return;
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.print-page[id]"));
  var DONE = "print-page--laid-out";

  function layOut(section) { section.classList.add(DONE); }

  function target(hash) {
    var id = hash ? decodeURIComponent(hash.slice(1)) : "";
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

  function toFragment() {
    var element = target(location.hash);
    if (!element) return;
    layOutUpTo(element);
    element.scrollIntoView();
  }
  window.addEventListener("hashchange", toFragment);
  window.addEventListener("popstate", toFragment);

  window.addEventListener("load", function () {
    toFragment();
    var next = 0;
    (function layOutNext() {
      while (next < sections.length && sections[next].classList.contains(DONE)) next++;
      if (next >= sections.length) return;
      layOut(sections[next]);
      requestAnimationFrame(function () { setTimeout(layOutNext, 0); });
    })();
  });
})();
