/* A local stand-in for the "iframe-worker" polyfill that Material's offline plugin
   would otherwise load from unpkg.com. Only the offline copy (mkdocs-offline.yml,
   extra.polyfills) includes it.

   Opened from disk (file://), Chromium refuses `new Worker(url)`, so Material's search
   worker cannot start. This replaces Worker, for file:// pages only, with an object
   that runs the worker script in a hidden same-origin iframe: classic <script> tags
   do load from file://. The script's global `addEventListener("message", ...)` and
   `postMessage(...)` are bridged to this object's own message events. Enough for
   Material's search worker, which uses nothing else (no importScripts for English).
   Code: MIT (see LICENSE). */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window === "undefined") return;

  function IFrameWorker(url) {
    var self = this;
    var target = document.createElement("div");   // an EventTarget for our listeners
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.onmessage = null;
    this.onerror = null;
    this._queue = [];
    this._ready = false;

    var iframe = document.createElement("iframe");
    iframe.setAttribute("aria-hidden", "true");
    iframe.setAttribute("tabindex", "-1");
    iframe.style.display = "none";
    (document.body || document.documentElement).appendChild(iframe);
    this._iframe = iframe;

    var scope = iframe.contentWindow;
    // Messages from the worker script to the page
    scope.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      self.dispatchEvent(event);
    };
    scope.importScripts = function () {
      throw new Error("iframe-worker-shim: importScripts is not supported");
    };
    var script = scope.document.createElement("script");
    script.src = new URL(url, location.href).href;
    script.onload = function () {
      self._ready = true;
      self._queue.splice(0).forEach(function (data) { self._deliver(data); });
    };
    script.onerror = function () {
      var event = new ErrorEvent("error", { message: "cannot load worker script " + url });
      if (typeof self.onerror === "function") self.onerror(event);
      self.dispatchEvent(event);
    };
    scope.document.head.appendChild(script);
  }

  // Messages from the page to the worker script: a structured copy, as a real worker gets
  IFrameWorker.prototype._deliver = function (data) {
    var scope = this._iframe.contentWindow;
    var copy = typeof structuredClone === "function" ? structuredClone(data) : data;
    scope.dispatchEvent(new scope.MessageEvent("message", { data: copy }));
  };
  IFrameWorker.prototype.postMessage = function (data) {
    if (this._ready) this._deliver(data);
    else this._queue.push(data);
  };
  IFrameWorker.prototype.terminate = function () {
    if (this._iframe.parentNode) this._iframe.parentNode.removeChild(this._iframe);
  };

  window.Worker = IFrameWorker;
})();
