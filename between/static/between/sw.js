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

function escaped(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

// Values a person wrote, as opposed to tokens, numbers, dates and choices: shown in a
// box of their own. Everything else goes back unseen, exactly as it was.
function isWords(name, value) {
  if (name === "csrfmiddlewaretoken" || name === "form_token") return false;
  return /\s/.test(value.trim()) || (value.length >= 20 && !/^[\w:.\-\/+]*$/.test(value));
}

// The quick exit of between.js, which this page doesn't load: the rest of it would give
// the form a new one-time token, and a copy that got through would be saved twice.
var QUICK_EXIT = "<script>document.addEventListener('submit', function (event) {" +
  "var form = event.target.closest('[data-quick-exit]'); if (!form) return;" +
  "event.preventDefault(); if (navigator.sendBeacon) navigator.sendBeacon(form.action);" +
  "document.body.hidden = true; window.location.replace(form.getAttribute('data-leave-to'));" +
  "});</script>";

// A form sent when nothing got through (a wifi with no way out, the signal gone as Save
// was pressed): instead of the browser's error page, a page of Between's own with every
// word back in a box and the form ready to send again. Its one-time token goes with it,
// so a copy that did get through is still saved once.
function keptWords(request) {
  return Promise.all([request.formData(), fromCache(SHELL, "/crisis")
    .then(function (kept) { return kept ? kept.text() : ""; })])
    .then(function (found) {
      var data = found[0];
      var style = assetsIn(found[1]).filter(function (a) { return /\.css$/.test(a); })[0];
      // The kept crisis page's header: "Get help now", and a quick exit that leaves at
      // once, as on every page.
      var header = (found[1].match(/<header class="top">[\s\S]*?<\/header>/) || [""])[0];
      var fields = [], boxes = 0, files = false;
      data.forEach(function (value, name) {
        if (typeof value !== "string") { files = true; return; }
        if (isWords(name, value)) {
          boxes += 1;
          fields.push('<div><label for="kept-' + boxes + '">Your words</label>' +
            '<textarea id="kept-' + boxes + '" name="' + escaped(name) + '" rows="8">' +
            escaped(value) + "</textarea></div>");
        } else {
          fields.push('<input type="hidden" name="' + escaped(name) + '" value="' +
            escaped(value) + '">');
        }
      });
      if (!boxes) return crisisPageSayingOffline();  // no words to keep
      var html = '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        "<title>Not sent yet · Between</title>" +
        (style ? '<link rel="stylesheet" href="' + escaped(style) + '">' : "") +
        "</head><body>" + header + QUICK_EXIT +
        '<main class="wrap" id="main"><h1>Not sent yet</h1>' +
        "<p>Between couldn't be reached, so this may not be saved. Your words are here, " +
        "and they stay while this page is open. When you have a signal, press Send " +
        "again: it is kept once, however many times it goes.</p>" +
        (files ? "<p>A file you chose needs choosing again.</p>" : "") +
        '<form method="post" action="' + escaped(request.url) + '" class="stack">' +
        fields.join("") + '<p><button type="submit" class="button">Send again</button>' +
        "</p></form><p>If you need someone now, <a href=\"/crisis\">the crisis lines</a> " +
        "open with no signal.</p></main></body></html>";
      return new Response(html, { status: 503,
        headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
    }).catch(function () { return crisisPageSayingOffline(); });  // a body it can't read
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate") {
    var copy = request.clone();
    event.respondWith(fetch(request).catch(function () { return keptWords(copy); }));
    return;
  }
  if (request.method !== "GET") return;

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
