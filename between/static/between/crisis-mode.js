// Crisis mode: one step on screen at a time, plus the breathing guide and timers.
// Without JavaScript every step shows in one long page and the form still saves.
(function () {
  var flow = document.querySelector("[data-crisis-flow]");
  if (!flow) return;
  var steps = Array.prototype.slice.call(flow.querySelectorAll("[data-step]"));
  var progress = flow.querySelector("[data-progress]");
  var current = 0;

  function show(index) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (step, i) { step.hidden = i !== current; });
    progress.hidden = false;
    progress.textContent = "Step " + (current + 1) + " of " + steps.length;
    var heading = steps[current].querySelector("h1, h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  steps.forEach(function (step, i) {
    if (i === steps.length - 1) return;
    var nav = document.createElement("p");
    nav.className = "step-nav";
    nav.innerHTML = '<button type="button" class="button" data-go="next">Next</button>' +
      '<button type="button" class="link-button" data-go="next">Skip this one</button>' +
      (i > 0 ? '<button type="button" class="link-button" data-go="back">Back</button>' : "");
    step.appendChild(nav);
  });
  flow.addEventListener("click", function (event) {
    var go = event.target.getAttribute("data-go");
    if (go === "next") show(current + 1);
    if (go === "back") show(current - 1);
  });
  show(0);

  // The moment crisis mode opened (not when the page was first kept offline), so a pass
  // saved later lands on the right day.
  var opened = flow.querySelector("[data-opened-at]");
  if (opened) opened.value = new Date().toISOString();

  // Offline, the pass is kept on this phone and sent when back online (between.js). So is
  // one that can't get through although the phone says it's online (a wifi with no way
  // out, a signal that drops as it sends): the words are never left on an error page.
  function keep(fields) {
    var pending = JSON.parse(localStorage.getItem("between-crisis-pending") || "[]");
    // Whose it is: on a shared phone, it goes only to the account it was written in.
    pending.push({ person: document.body.getAttribute("data-person"), fields: fields });
    localStorage.setItem("between-crisis-pending", JSON.stringify(pending));
    steps.forEach(function (step) { step.hidden = true; });
    progress.hidden = true;
    var kept = flow.querySelector("[data-kept-offline]");
    kept.hidden = false;
    kept.focus();
  }
  // Before sending, one quick look that Between can be reached (between.js). If it can,
  // the form goes as it would without JavaScript; if not within a few seconds, the pass
  // is kept here.
  var checking = false;
  flow.addEventListener("submit", function (event) {
    event.preventDefault();
    if (checking) return;
    var fields = [];
    new FormData(flow).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") fields.push([name, value]);
    });
    checking = true;
    reachable(8).then(function (ok) {
      // Only an answer sends it now; with none in time it is kept here, and sent later.
      if (ok === true) { flow.submit(); return; }
      checking = false;
      keep(fields);
    });
  });
})();
