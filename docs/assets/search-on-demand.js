/* The search index on demand. Material for MkDocs fetches search/search_index.json (the
   whole site's text, ~200 KB compressed) as soon as any page loads, whether or not the
   reader searches. This holds that one request back until the reader uses search: focus
   in the search box (a click, a tap on the search icon, or Material's "/", "s" and "f"
   shortcuts, which all focus it), or a ?q= or ?h= in the address (a search link, a
   highlighted result). Loaded before Material's bundle (overrides/main.html); every other
   request, and everything else about search, is Material's own. Plain JavaScript, no
   library. The offline copy loads search/search_index.js by a <script>: it is untouched.
   Should a later Material request the index some other way, the browser test that no
   page downloads it as it loads fails. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) release();
  });

  function isIndex(url) { return INDEX.test(new URL(String(url), location.href).pathname); }

  // Material 9 requests it with XMLHttpRequest (for progress events): its send() waits.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url) {
    if (isIndex(url)) held.add(this); else held.delete(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!held.has(request)) return send.apply(request, args);
    wanted.then(function () { send.apply(request, args); });
  };
})();
