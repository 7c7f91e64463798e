<p><strong>The whole site on one page, for printing.</strong>
Use your browser's <em>Print</em> command and choose <em>Save as PDF</em> to make a PDF.
This note, the navigation and the search bar are not printed, and figures print in
their light version. Exercise solutions are folded, so the printout is a problem
sheet; for an answer key, unfold them first:
<button type="button" class="md-button" onclick="document.querySelectorAll('details').forEach(function (d) { d.open = true; })">Unfold all solutions</button></p>
