/* The analogy ledger's filter (nn_site/pages/ledger.py renders the form, hidden, and marks
   each row with span.ledger-row's data-verdict and data-part). Plain JavaScript, nothing
   fetched: the rows are all in the page; the filter only hides the ones that do not match.
   Without JavaScript the form stays hidden and every row is shown. */
(function () {
  "use strict";

  function setUp(form) {
    var box = form.parentNode.querySelector(".ledger-table");
    if (!box) return;
    var rows = [].slice.call(box.querySelectorAll("tbody tr")).map(function (tr) {
      return { tr: tr, mark: tr.querySelector(".ledger-row") };
    }).filter(function (row) { return row.mark; });
    var verdict = form.elements.verdict;
    var part = form.elements.part;
    var count = form.querySelector(".ledger-count");

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = (!verdict.value || row.mark.dataset.verdict === verdict.value) &&
                    (!part.value || row.mark.dataset.part === part.value);
        row.tr.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows shown";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function start(within) {
    [].forEach.call(within.querySelectorAll("form.ledger-filter"), setUp);
  }
  // The print page's ledger becomes HTML later (print-page-sections.js).
  document.addEventListener("nn:content", function (event) { start(event.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { start(document); });
  else start(document);
})();
