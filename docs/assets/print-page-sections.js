/* The print page holds every page of the site (45 sections: 37 pages in 8 groups; ~46,000
   elements, 2.9 MB). Every page after the first reaches the browser inside a
   <noscript class="print-page-deferred"> (nn_site/print/page.py, defer_sections): where
   scripts run, that is one text node, with no elements to style, lay out or walk. This
   makes a section's text HTML when it is needed, always from the top down, so what is
   HTML is the page's start, and the sections not yet HTML are empty, below it:
   - as the reader scrolls near the end of what is HTML (an IntersectionObserver on a
     marker after the last section), the next section;
   - before the browser scrolls to an anchor (a link clicked, a #fragment in the address
     or typed into it), every section up to the one that holds the target;
   - on a reload or a step back or forward, where the browser restores an earlier scroll
     position, as many as there were (saved in the history entry), or all of them;
   - before printing (`beforeprint`; nn_site/print/book.py asks for it before it prints
     the book), before the browser's find in page (Ctrl+F, Cmd+F) and before the banner's
     "Unfold all solutions": all of them.
   Material mounts the page's content once, as the page loads: for content made HTML
   after that, this does what it would have done (tables in their scroll box, every
   <details> open to print), and tells the site's scripts (code-scroll.js, math-scroll.js,
   ledger-filter.js) with an "nn:content" event. An explorable's scripts are in its
   section's text: they run when the section becomes HTML, never before.
   tests/browser/test_print.py checks where anchors, reloads and steps back land. */
(function () {
  "use strict";
  var root = document.getElementById("print-site-page");
  if (!root) return;
  var HOLDER = "noscript.print-page-deferred";
  var PAGE = "section.print-page[id]:not(.md-section)";
  var expanded = 0;  // how many holders are HTML now: always the first ones
  var lateDetails = [];  // <details> made HTML after Material mounted the page

  function holders() { return root.querySelectorAll(HOLDER); }

  // Material (overrides' bundle, on DOMContentLoaded) wraps each plain table in its scroll
  // box; content parsed before then is Material's to mount, as the page's own is.
  function asMaterialWould(content) {
    content.querySelectorAll("table:not([class])").forEach(function (table) {
      var box = document.createElement("div"), inner = document.createElement("div");
      box.className = "md-typeset__scrollwrap";
      inner.className = "md-typeset__table";
      table.replaceWith(box);
      inner.appendChild(table);
      box.appendChild(inner);
    });
    Array.prototype.push.apply(lateDetails, content.querySelectorAll("details"));
  }

  // A script parsed from text never runs: each is replaced, in place and in order, by a
  // new one (an explorable's plot.js before the explorable).
  function run(script) {
    var live = document.createElement("script");
    for (var i = 0; i < script.attributes.length; i++) {
      live.setAttribute(script.attributes[i].name, script.attributes[i].value);
    }
    live.async = false;
    live.text = script.text;
    script.replaceWith(live);
  }

  function expand(holder) {
    var template = document.createElement("template");
    template.innerHTML = holder.textContent;
    var content = template.content;
    if (document.readyState !== "loading") asMaterialWould(content);
    var scripts = Array.prototype.slice.call(content.querySelectorAll("script"));
    var section = holder.parentElement;
    holder.replaceWith(content);
    expanded += 1;
    scripts.forEach(run);
    section.dispatchEvent(new CustomEvent("nn:content", {bubbles: true}));
  }

  // Every holder up to and including ``last``, in document order.
  function expandThrough(last) {
    var list = holders();
    for (var i = 0; i < list.length; i++) {
      expand(list[i]);
      if (list[i] === last) break;
    }
    watch();
  }

  function expandFirst(count) {
    var list = holders();
    for (var i = 0; i < list.length && expanded < count; i++) expand(list[i]);
    watch();
  }

  function expandAll() { expandFirst(Infinity); }

  // The holder whose text holds the element with this id.
  function holderOf(id) {
    var needle = new RegExp('\\sid="' + id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + '"');
    var list = holders();
    for (var i = 0; i < list.length; i++) {
      if (needle.test(list[i].textContent)) return list[i];
    }
    return null;
  }

  // Everything above the element as HTML, and the start of what it holds: a page's
  // section its page, a group's section its title and first page.
  function prepare(element) {
    var list = holders(), last = null;
    for (var i = 0; i < list.length; i++) {
      var holder = list[i];
      if (element.contains(holder)) {
        last = holder;
        if (holder.parentElement.matches(PAGE)) break;
      } else if (holder.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) {
        last = holder;
      } else {
        break;
      }
    }
    if (last) expandThrough(last);
  }

  function target(hash) {
    var id = "";
    try { id = hash ? decodeURIComponent(hash.slice(1)) : ""; } catch (error) { return null; }  // a malformed %-escape
    if (!id) return null;
    var element = document.getElementById(id);
    if (!element) {
      var holder = holderOf(id);
      if (!holder) return null;
      expandThrough(holder);
      element = document.getElementById(id);
    }
    if (element) prepare(element);
    return element;
  }

  // The marker after the last section: while it is within two screens below the window,
  // the next section becomes HTML, one a frame (observed again after each, so that the
  // next check sees the section just laid out).
  var marker = null, observer = null;
  function watch() {
    if (!observer) return;
    observer.unobserve(marker);
    if (root.querySelector(HOLDER)) observer.observe(marker);
    else { observer.disconnect(); marker.remove(); }
  }
  if ("IntersectionObserver" in window) {
    marker = document.createElement("div");
    marker.className = "print-page-more";
    marker.setAttribute("aria-hidden", "true");
    root.appendChild(marker);
    observer = new IntersectionObserver(function (entries) {
      if (!entries[entries.length - 1].isIntersecting) return;
      var next = root.querySelector(HOLDER);
      if (next) expand(next);
      watch();
    }, {rootMargin: "0px 0px 200% 0px"});
    observer.observe(marker);
  } else {
    expandAll();
  }

  // Has the reader scrolled by hand since the last jump? Then no jump again moves them.
  var moved = false, jumped = null;
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { moved = true; }, {passive: true, capture: true});
  });

  // A click on a link to an anchor of this page: the sections up to it first; the browser
  // then scrolls. An explorable made HTML on the way mounts a moment later, when its
  // scripts have run: then the target is scrolled to again.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.pathname !== location.pathname) return;
    var element = target(link.hash);
    if (element) { jumped = element; moved = false; }
  }, true);

  function toFragment() {
    var element = target(location.hash);
    if (!element) return;
    element.scrollIntoView();
    jumped = element;
    moved = false;
  }
  // A #fragment typed, or a step between anchors: the browser has looked for the target
  // already. One that was text then is not the page's :target (Material's scroll margin
  // is set on :target), so the browser goes to the same #fragment again, which sets it.
  window.addEventListener("hashchange", function () {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
    var missing = !!id && !document.getElementById(id);
    toFragment();
    if (missing && jumped && document.getElementById(id)) location.replace(location.hash);
  });

  // Scripts made to run load after the jump: once they have, the same target again.
  document.addEventListener("load", function (event) {
    if (event.target.tagName === "SCRIPT" && jumped && !moved) jumped.scrollIntoView();
  }, true);

  // The banner's "Unfold all solutions" opens every <details> in the document: all of
  // it first (this listener captures the click before the button's own handler).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#print-site-banner button")) expandAll();
  }, true);

  // The browser's find in page searches the document: all of it first.
  window.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "f" || event.key === "F")) expandAll();
  }, true);

  // Every image is lazy here (nn_site/print/page.py). Chromium loads a page's lazy images
  // when printing it; for a browser that does not, the printed ones are asked for now.
  // Material opens every <details> it mounted to print, and closes again those it opened:
  // so here for the ones made HTML since.
  window.addEventListener("beforeprint", function () {
    expandAll();
    document.querySelectorAll('img[loading="lazy"]:not([src$="#only-dark"])').forEach(function (image) {
      image.loading = "eager";
    });
    lateDetails.forEach(function (details) {
      details.nnOpenBeforePrint = details.open;
      details.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    lateDetails.forEach(function (details) {
      if (details.nnOpenBeforePrint === false) details.open = false;
      delete details.nnOpenBeforePrint;
    });
  });

  // How much is HTML, kept in the history entry for a reload or a step back to it.
  window.addEventListener("pagehide", function () {
    var state = Object.assign({}, history.state || {});
    state.nnPrintPageSections = expanded;
    try { history.replaceState(state, ""); } catch (error) { /* a browser that refuses now */ }
  });

  var navigation = window.performance && performance.getEntriesByType &&
                   performance.getEntriesByType("navigation")[0];
  var restored = !!navigation && (navigation.type === "reload" || navigation.type === "back_forward");
  if (restored) {
    var saved = history.state && history.state.nnPrintPageSections;
    if (typeof saved === "number") expandFirst(saved); else expandAll();
  } else if (location.hash) {
    toFragment();  // now, before the browser's own jump when parsing ends
  }

  window.addEventListener("load", function () {
    // Figures and fonts have arrived: jump again (same target, exact heights above it)
    // unless the reader has scrolled meanwhile.
    if (location.hash && !moved && !restored && jumped) jumped.scrollIntoView();
  });

  window.NNPrintPage = {expandAll: expandAll, remaining: function () { return holders().length; }};
})();
