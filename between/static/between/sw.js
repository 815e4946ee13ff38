// Between's service worker. It keeps the crisis page (for every visitor) and, only when
// a client opts in on this device, their safety plan, so both open with no signal.
var SHELL = "between-shell-v1";
var PLAN = "between-plan";
var PLAN_COPY = "/safety-plan/offline-copy/";
var CRISIS_MODE = "/crisis-mode/";

function assetsIn(html) {
  var found = [], re = /(?:href|src)="(\/static\/[^"]+)"/g, m;
  while ((m = re.exec(html))) found.push(m[1]);
  return found;
}

// Keep the crisis page and the styles and scripts it uses.
function keepCrisisPage() {
  return fetch("/crisis", { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) return;
    return response.clone().text().then(function (html) {
      return caches.open(SHELL).then(function (cache) {
        return Promise.all([cache.put("/crisis", response), cache.addAll(assetsIn(html))]);
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(keepCrisisPage().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("between-shell-") === 0 && k !== SHELL;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(name, key) {
  return caches.open(name).then(function (cache) { return cache.match(key); });
}

// The kept crisis page, saying plainly that the page asked for needs a connection.
function crisisPageSayingOffline() {
  return fromCache(SHELL, "/crisis").then(function (kept) {
    if (!kept) return kept;
    return kept.text().then(function (html) {
      return new Response(html.replace("data-offline-notice hidden", "data-offline-notice"),
        { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function offlineFallback(request) {
  var path = new URL(request.url).pathname;
  var kept = path.indexOf("/safety-plan") === 0 ? PLAN_COPY
    : path === CRISIS_MODE ? CRISIS_MODE : null;
  return (kept ? fromCache(PLAN, kept) : Promise.resolve(undefined))
    .then(function (hit) { return hit || crisisPageSayingOffline(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;

  if (url.pathname === "/crisis") {
    // Fresh when online, and the fresh copy replaces the kept one.
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL).then(function (cache) { cache.put("/crisis", copy); });
      }
      return response;
    }).catch(function () { return fromCache(SHELL, "/crisis"); }));
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () { return fromCache(SHELL, request); }));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      // Opening the plan while online refreshes a copy the client chose to keep, and
      // crisis mode (which shows the plan) is kept beside it.
      if (response.ok && url.pathname === "/safety-plan/") {
        caches.has(PLAN).then(function (kept) {
          if (kept) caches.open(PLAN).then(function (c) {
            return Promise.all([c.add(PLAN_COPY), c.add(CRISIS_MODE)]);
          });
        });
      }
      return response;
    }).catch(function () { return offlineFallback(request); }));
  }
});

// Web Push. Whatever arrives, the words shown are one of these fixed sets, chosen by the
// kind the payload names: nothing about what it is for, on a lock screen anyone might see.
var PUSHES = {
  reminder: { body: "A gentle reminder", tag: "between-reminder", url: "/" },
  urgent: { body: "An urgent flag needs attention", tag: "between-urgent", url: "/care/urgent/" }
};

self.addEventListener("push", function (event) {
  var kind = "reminder";
  try { if (event.data && event.data.json().kind === "urgent") kind = "urgent"; } catch (e) {}
  var push = PUSHES[kind];
  event.waitUntil(self.registration.showNotification("Between", {
    body: push.body, tag: push.tag, icon: "/static/between/icons/icon-192.png",
    data: { url: push.url }, requireInteraction: kind === "urgent"
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url === "/care/urgent/" ? url : "/"));
});
