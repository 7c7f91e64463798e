/* A figure opens full size in a dialog (scripts/figure_html.py makes the link).
   Plain JavaScript, no library: the dialog is the browser's own <dialog> (Esc closes it,
   focus returns to the figure), the image is the copy the page shows (light or dark). */
(function () {
  "use strict";
  var dialog = null;

  function close() { if (dialog && dialog.open) dialog.close(); }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "figure-dialog";
    dialog.setAttribute("aria-label", "Figure, full size");
    var body = document.createElement("div");
    body.className = "figure-dialog__body";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "figure-dialog__close";
    button.textContent = "Close";
    button.addEventListener("click", close);
    dialog.appendChild(button);
    dialog.appendChild(body);
    dialog.addEventListener("click", function (event) {
      if (event.target === body || event.target === dialog) close();
    });
    document.body.appendChild(dialog);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.figure-zoom");
    if (!link || typeof HTMLDialogElement === "undefined") return;
    var shown = Array.prototype.filter.call(link.querySelectorAll("img"), function (img) {
      return img.getClientRects().length > 0;
    })[0];
    if (!shown) return;
    event.preventDefault();
    if (!dialog) build();
    var copy = shown.cloneNode();
    copy.removeAttribute("loading");
    var body = dialog.querySelector(".figure-dialog__body");
    body.replaceChildren(copy);
    dialog.showModal();
  });
})();
