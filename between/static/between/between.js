// Site-wide behaviour. Everything here is an enhancement: pages work without it.

// Quick exit: end the session on the server (a beacon survives the page going away) and
// leave at once, replacing this page in the history so Back does not return to it.
// Without JavaScript the button posts the same form, and the answer sends the browser on.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("[data-quick-exit]");
  if (!form) return;
  if (!(navigator.sendBeacon && navigator.sendBeacon(form.action))) return;
  event.preventDefault();
  document.body.hidden = true;
  window.location.replace(form.getAttribute("data-leave-to"));
});

// A signed-in page brought back from the back-forward cache is asked for again, so after
// quick exit or signing out, Back shows the sign-in page, never what was there.
window.addEventListener("pageshow", function (event) {
  if (event.persisted && document.body.hasAttribute("data-signed-in")) {
    document.body.hidden = true;
    window.location.reload();
  }
});

function csrfToken() {
  var meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function post(url, body) {
  return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                      headers: { "X-CSRFToken": csrfToken() } });
}

// A calm notice: a status by default, an alert when something didn't happen. `marker`
// names it for the script that looks for it again.
function notice(text, role, marker) {
  var note = document.createElement("p");
  note.className = "notice";
  note.setAttribute("role", role || "status");
  if (marker) note.setAttribute(marker, "");
  note.textContent = text;
  return note;
}

// Before an idle sign-out: say so calmly, with one tap to stay. Saving a draft counts as
// activity too, because it reaches the server.
var idle = (function () {
  var body = document.body;
  var limit = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  if (!body.hasAttribute("data-signed-in") || !limit) return { touched: function () {} };
  // The server notes activity at most every 30 seconds, so its clock may be that far ahead.
  if (limit > 300) limit -= 30;
  var ahead = Math.min(120, Math.floor(limit / 3));
  var when = ahead >= 60 ? Math.round(ahead / 60) + " minutes" : "a few seconds";
  var box = document.createElement("div");
  box.className = "panel idle-warning";
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-labelledby", "idle-text");
  box.hidden = true;
  box.innerHTML = '<p id="idle-text"></p><p><button type="button" class="button">' +
    "Stay signed in</button></p>";
  // At the top of the page, not floating over it: on a phone a floating box would cover
  // the very Save button someone needs.
  var main = document.getElementById("main") || body;
  main.insertBefore(box, main.firstChild);
  var text = box.querySelector("p");
  var button = box.querySelector("button");
  var warnTimer, endTimer;
  function warn() {
    text.textContent = "To keep your things private, Between will sign you out in " + when +
      " if nothing happens. Anything you're writing is kept either way.";
    button.hidden = false;
    box.hidden = false;
    button.focus();
    box.scrollIntoView({ block: "nearest" });
  }
  function ended() {
    text.textContent = "You've been signed out to keep your things private. What you were " +
      "writing is kept: sign in again and it will be back.";
    button.hidden = true;
    box.hidden = false;
  }
  function touched() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(warn, (limit - ahead) * 1000);
    endTimer = setTimeout(ended, limit * 1000);
  }
  button.addEventListener("click", function () {
    post("/accounts/stay/").then(function (r) { if (r.status === 204) touched(); else ended(); });
  });
  touched();
  return { touched: touched };
})();

// Never lose a word: forms with free text (a client's or a clinician's) are kept, encrypted,
// on the server as they type, and come back after a sign-out, a dropped signal or a closed tab.
(function () {
  if (!document.body.hasAttribute("data-keep-drafts")) return;
  function values(form) {
    var out = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") (out[name] = out[name] || []).push(value);
    });
    return out;
  }
  function save(form, path) {
    var body = new FormData();
    body.append("path", path);
    body.append("values", JSON.stringify(values(form)));
    // A draft that can't get through marks its form: before that form is sent, the page
    // first looks whether Between can be reached (below).
    post("/drafts/", body).then(function (r) {
      form.removeAttribute("data-unsent");
      if (r.status === 204) idle.touched();
    }, function () { form.setAttribute("data-unsent", ""); });
  }
  function fill(form, name, list) {
    var changed = false;
    var found = form.elements.namedItem(name);
    if (!found) return false;
    var nodes = found instanceof RadioNodeList ? Array.prototype.slice.call(found) : [found];
    nodes.forEach(function (el) {
      if (el.type === "hidden" || el.type === "submit") return;
      if (el.type === "radio" || el.type === "checkbox") {
        var on = list.indexOf(el.value) !== -1;
        if (el.checked !== on) { el.checked = on; changed = true; }
      } else if (el.value !== list[0]) {
        el.value = list[0];
        el.dispatchEvent(new Event("input"));
        changed = true;
      }
    });
    return changed;
  }
  function restore(form, path) {
    if (form.querySelector(".errorlist")) return;  // the page already holds their words
    fetch("/drafts/?path=" + encodeURIComponent(path), { credentials: "same-origin" })
      .then(function (r) { return r.status === 200 ? r.json() : null; })
      .then(function (draft) {
        if (!draft) return;
        var changed = false;
        Object.keys(draft.values).forEach(function (name) {
          if (fill(form, name, draft.values[name])) changed = true;
        });
        if (!changed) return;
        // Words kept inside a folded section ("Write a post", "Reply") must be seen.
        for (var d = form.closest("details"); d; d = d.parentElement.closest("details")) {
          d.open = true;
        }
        var at = new Date(draft.saved_at);
        var note = notice("We kept what you were writing (" + at.toLocaleTimeString([],
          { hour: "numeric", minute: "2-digit" }) + "). It's back below, ready to save. ");
        note.classList.add("draft-notice");
        var again = document.createElement("button");
        again.type = "button";
        again.className = "link-button";
        again.textContent = "Start again instead";
        again.addEventListener("click", function () {
          fetch("/drafts/?path=" + encodeURIComponent(path), { method: "DELETE",
            credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } })
            .then(function () { window.location.reload(); });
        });
        note.appendChild(again);
        form.parentNode.insertBefore(note, form);
      });
  }
  document.querySelectorAll('form[method="post"]').forEach(function (form) {
    if (!form.querySelector("textarea")) return;
    var path = new URL(form.getAttribute("action") || window.location.href,
                       window.location.href).pathname;
    var timer;
    function later() { clearTimeout(timer); timer = setTimeout(function () { save(form, path); }, 1200); }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    restore(form, path);
  });
})();

// Limits are counted on screen, never enforced by cutting a paste short: near the limit a
// count appears, and over it the words all stay while the count says by how much.
document.querySelectorAll("[data-limit]").forEach(function (el) {
  var limit = parseInt(el.getAttribute("data-limit"), 10);
  var out = document.createElement("p");
  out.className = "char-count";
  out.id = (el.id || el.name) + "-count";
  out.setAttribute("aria-live", "polite");
  el.insertAdjacentElement("afterend", out);
  el.setAttribute("aria-describedby",
                  ((el.getAttribute("aria-describedby") || "") + " " + out.id).trim());
  function update() {
    // Counted as the server counts: characters, with each line break sent as two.
    var n = Array.from(el.value).length + (el.value.match(/\n/g) || []).length;
    if (n > limit) {
      out.className = "char-count over";
      out.textContent = "That's " + (n - limit) + " characters over the limit of " + limit +
        ". Everything you wrote is still here: shorten it, or save part now and the rest " +
        "in another.";
    } else {
      out.className = "char-count";
      out.textContent = n >= limit * 0.9 ? (limit - n) + " characters left." : "";
    }
  }
  el.addEventListener("input", update);
  update();
});

// Whether Between answers at all, asked of the health check (which uses up nothing and
// never ends or extends a session) with no cache. navigator.onLine is never the answer:
// it says yes on a wifi with no way out, and on some computers no while online (offline,
// the look fails at once). true: it answered; false: it can't be reached; null: no
// answer within the time (a very slow signal, or one that swallows requests).
function reachable(seconds) {
  if (!window.fetch || !window.AbortController) return Promise.resolve(navigator.onLine);
  var stop = new AbortController();
  var late = false;
  var timer = setTimeout(function () { late = true; stop.abort(); }, seconds * 1000);
  return fetch("/healthz", { method: "HEAD", cache: "no-store", signal: stop.signal })
    .then(function () { return true; }, function () { return late ? null : false; })
    .then(function (answer) { clearTimeout(timer); return answer; });
}

// Words written with no signal are never sent into the browser's error page, where Back
// would bring an empty form. When the phone says it is offline, or the form's last draft
// couldn't get through, a quick look first; if Between can't be reached, the form is held
// on the page, every word in place (a wifi with no way out says it's online).
// A look with no answer in time never blocks the save: a slow signal still sends. Words
// written while the signal was good are already kept as a draft, so such a form is sent
// at once, as without JavaScript. (Crisis mode keeps its pass on the phone: crisis-mode.js.)
function holdUnsent(form, submitter) {
  var old = form.querySelector("[data-unreachable]");
  if (old) old.remove();
  var note = notice("Between can't be reached right now, so this isn't saved yet. " +
    "Everything you wrote is still here. Try again when you have signal.", "alert",
    "data-unreachable");
  var place = submitter ? submitter.closest("p, div") || submitter : null;
  if (place && form.contains(place)) place.parentNode.insertBefore(note, place);
  else form.appendChild(note);
}
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || form.method.toLowerCase() !== "post" ||
      !form.querySelector("textarea") || form.hasAttribute("data-crisis-flow")) return;
  if (form.hasAttribute("data-reached")) { form.removeAttribute("data-reached"); return; }
  if (navigator.onLine && !form.hasAttribute("data-unsent")) return;
  event.preventDefault();
  var submitter = event.submitter;
  if (form.hasAttribute("data-looking")) return;  // a second tap while it looks
  form.setAttribute("data-looking", "");
  reachable(8).then(function (ok) {
    form.removeAttribute("data-looking");
    if (ok === false) { holdUnsent(form, submitter); return; }
    var old = form.querySelector("[data-unreachable]");
    if (old) old.remove();
    form.setAttribute("data-reached", "");
    if (submitter && form.requestSubmit) form.requestSubmit(submitter);
    else if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  });
});

// One tap, one save: a second tap while the first is on its way does nothing, and a
// one-time token lets the server keep a single copy whatever gets through.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || form.method.toLowerCase() !== "post") return;
  if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
  form.setAttribute("data-sending", "1");
  setTimeout(function () { form.removeAttribute("data-sending"); }, 15000);
});
document.querySelectorAll('form[method="post"]').forEach(function (form) {
  if (form.hasAttribute("data-quick-exit")) return;
  var token = document.createElement("input");
  token.type = "hidden";
  token.name = "form_token";
  token.value = Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) {
    return b.toString(16).padStart(2, "0"); }).join("");
  form.appendChild(token);
});

// A page that may have come from this device's offline copy says when it was saved,
// once that is more than 30 days ago.
document.querySelectorAll("[data-saved-at]").forEach(function (el) {
  var saved = Date.parse(el.getAttribute("data-saved-at"));
  if (saved && Date.now() - saved > 30 * 24 * 3600 * 1000) el.hidden = false;
});

// The service worker keeps /crisis (and, if asked, the safety plan) for offline use.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  });
}

// Crisis-mode passes kept on this phone while offline go to Between once it's reachable:
// a fresh CSRF token from the crisis-mode page, then one POST each, removed once saved.
// It doesn't trust navigator.onLine (which can lag behind the signal); a try that fails
// is tried again while the page stays open, sooner at first, then once a minute.
(function () {
  var KEY = "between-crisis-pending";
  var SAVED = "/crisis-mode/saved/";
  var syncing = false;
  var wait = 3000;
  var timer = null;
  function mine(person) {
    return JSON.parse(localStorage.getItem(KEY) || "[]").filter(function (p) {
      return p.person === person; });
  }
  function again() {
    clearTimeout(timer);
    timer = setTimeout(sync, wait);
    wait = Math.min(wait * 2, 60000);
  }
  function sync() {
    if (syncing || !document.body.hasAttribute("data-signed-in")) return;
    var person = document.body.getAttribute("data-person");
    var pending = person ? mine(person) : [];
    if (!pending.length) return;
    syncing = true;
    fetch("/crisis-mode/", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok && !response.redirected ? response.text() : Promise.reject();
      })
      .then(function (html) {
        var match = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
        if (!match) return Promise.reject();
        return pending.reduce(function (chain, entry) {
          return chain.then(function () {
            var body = new URLSearchParams(entry.fields);
            body.set("csrfmiddlewaretoken", match[1]);
            return fetch("/crisis-mode/", { method: "POST", body: body, credentials: "same-origin" })
              .then(function (response) {
                // Kept only once it has reached the saved page, never on a redirect to
                // signing in (which keeps it as a draft) or anything else.
                if (!response.ok || new URL(response.url).pathname !== SAVED) {
                  return Promise.reject();
                }
                var left = JSON.parse(localStorage.getItem(KEY) || "[]");
                left.splice(left.indexOf(left.filter(function (p) {
                  return p.person === person; })[0]), 1);
                if (left.length) localStorage.setItem(KEY, JSON.stringify(left));
                else localStorage.removeItem(KEY);
              });
          });
        }, Promise.resolve());
      })
      .then(function () {
        wait = 3000;
        var main = document.querySelector("main");
        if (!main || main.querySelector("[data-crisis-synced]")) return;
        var note = notice("What you saved in crisis mode while Between couldn't be " +
          "reached is now on your diary card.", "status", "data-crisis-synced");
        main.insertBefore(note, main.firstChild);
        // If what was written there suggests a hard time, the plan and the crisis lines
        // show here and now, as they would have after saving online.
        return fetch(SAVED, { credentials: "same-origin", cache: "no-store",
                              headers: { "X-Between-Prompt": "show" } })
          .then(function (response) { return response.text(); })
          .then(function (html) {
            var page = new DOMParser().parseFromString(html, "text/html");
            var prompt = page.querySelector("main .prompt");
            if (prompt && !main.querySelector(".prompt")) {
              main.insertBefore(document.importNode(prompt, true), note.nextSibling);
            }
          });
      }, again)
      .then(null, function () {})
      .then(function () { syncing = false; });
  }
  window.addEventListener("online", sync);
  window.addEventListener("load", sync);
})();

// A "Copy it" button beside words to take elsewhere (a DEAR MAN script). Hidden without
// JavaScript or a clipboard, where selecting the text does the same.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(function () {
      button.textContent = "Copied";
    });
  });
});
