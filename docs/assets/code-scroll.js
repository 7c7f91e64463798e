/* A code block that scrolls sideways must be reachable by keyboard. Material gives it a tab
   stop when it mounts the block; with content.lazy (mkdocs.yml, issue 34) it mounts a block
   only when the block comes on screen, which saves laying out the highlighted code of every
   listing at load, but would leave a wide block further down without its tab stop until
   then. Here each code block outside a closed listing gets it at load, on Material's own
   condition (it scrolls, on a screen with hover); Material's later check agrees with it.
   Content made HTML later (the print page's sections: print-page-sections.js, which
   sends "nn:content") gets it then. */
(function () {
  "use strict";
  function start(within) {
    if (!matchMedia("(hover)").matches) return;
    within.querySelectorAll(".md-typeset pre > code").forEach(function (code) {
      if (code.closest("details:not([open])")) return;
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }
  document.addEventListener("nn:content", function (event) { start(event.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { start(document); });
  else start(document);
})();
