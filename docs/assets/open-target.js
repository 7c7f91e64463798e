/* A link to something inside a closed disclosure opens it: the corrections log keeps each
   page's entries in a closed <details> (nn_site/pages/corrections.py), and a corrected
   page's note links to one entry. Chromium and Firefox open the <details> around a link's
   target themselves; this does it in a browser that does not, then scrolls to the target.

   The log's entries reach the browser inside a <noscript> in each group (corrections.py,
   defer_groups): where scripts run, its content is one text node, not 3,000 elements to
   style and lay out as the page starts. A group's text becomes HTML when the group opens,
   or when a link names an entry in it. */
(function () {
  "use strict";
  var DEFERRED = "noscript.corrections-deferred";

  function expand(holder) {
    var template = document.createElement("template");
    template.innerHTML = holder.textContent;
    holder.replaceWith(template.content);
  }

  function expandHolding(id) {
    var needle = 'id="' + id + '"';
    var holders = document.querySelectorAll(DEFERRED);
    for (var i = 0; i < holders.length; i++) {
      if (holders[i].textContent.indexOf(needle) >= 0) {
        expand(holders[i]);
        return;
      }
    }
  }

  function open() {
    var id = location.hash && decodeURIComponent(location.hash.slice(1));
    if (id && !document.getElementById(id)) expandHolding(id);
    var target = id && document.getElementById(id);
    var closed = false;
    for (var d = target && target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      closed = closed || !d.open;
      d.open = true;
    }
    if (closed) target.scrollIntoView();
  }

  // A group opened by its summary: its entries, before the frame that shows it.
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("details.corrections-group > summary");
    var holder = summary && summary.parentElement.querySelector(":scope > " + DEFERRED);
    if (holder) expand(holder);
  });
  // ... and by any other way (a keyboard, find in page, a script): when it has opened.
  document.addEventListener("toggle", function (event) {
    var holder = event.target.open && event.target.querySelector && event.target.querySelector(":scope > " + DEFERRED);
    if (holder) expand(holder);
  }, true);

  addEventListener("hashchange", open);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", open);
  else open();
})();
