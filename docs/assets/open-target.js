/* A link to something inside a closed disclosure opens it: the corrections log keeps each
   page's entries in a closed <details> (nn_site/pages/corrections.py), and a corrected
   page's note links to one entry. Chromium and Firefox open the <details> around a link's
   target themselves; this does it in a browser that does not, then scrolls to the target. */
(function () {
  "use strict";
  function open() {
    var id = location.hash && decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var closed = false;
    for (var d = target && target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      closed = closed || !d.open;
      d.open = true;
    }
    if (closed) target.scrollIntoView();
  }
  addEventListener("hashchange", open);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", open);
  else open();
})();
