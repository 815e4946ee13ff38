// Opt in, on this device only, to keeping a copy of the safety plan for offline use.
(function () {
  var status = document.querySelector("[data-offline-status]");
  var controls = document.querySelector("[data-offline-controls]");
  if (!status) return;
  var CACHE = "between-plan", COPY = "/safety-plan/offline-copy/";
  if (!("caches" in window) || !("serviceWorker" in navigator)) {
    status.textContent = "This browser can't keep an offline copy. You can download a PDF instead.";
    return;
  }
  var keep = controls.querySelector("[data-offline-keep]");
  var remove = controls.querySelector("[data-offline-remove]");

  // Crisis mode's own scripts (steps, timers, breathing) must open offline too.
  function keepScriptsOfCrisisMode() {
    return caches.match("/crisis-mode/").then(function (page) { return page.text(); })
      .then(function (html) {
        var found = [], re = /(?:href|src)="(\/static\/[^"]+)"/g, m;
        while ((m = re.exec(html))) found.push(m[1]);
        return caches.keys().then(function (keys) {
          var shell = keys.filter(function (k) { return k.indexOf("between-shell-") === 0; })[0];
          return caches.open(shell || "between-shell-v1");
        }).then(function (cache) { return cache.addAll(found); });
      });
  }

  function refresh() {
    caches.has(CACHE).then(function (kept) {
      status.textContent = kept
        ? "Your plan is kept on this device. It opens even with no signal."
        : "Your plan is not kept on this device.";
      keep.hidden = kept;
      remove.hidden = !kept;
      controls.hidden = false;
      document.documentElement.setAttribute("data-plan-offline", kept ? "yes" : "no");
    });
  }
  keep.addEventListener("click", function () {
    status.textContent = "Saving…";
    navigator.serviceWorker.ready
      .then(function () { return caches.open(CACHE); })
      .then(function (cache) { return cache.addAll([COPY, "/crisis-mode/"]); })
      .then(keepScriptsOfCrisisMode)
      .then(refresh)
      .catch(function () { status.textContent = "That didn't work. Try again when you have a signal."; });
  });
  remove.addEventListener("click", function () {
    caches.delete(CACHE).then(refresh);
  });
  refresh();
})();
