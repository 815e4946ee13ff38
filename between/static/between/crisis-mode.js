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

  function format(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  flow.querySelectorAll("[data-timer]").forEach(function (timer) {
    var total = parseInt(timer.getAttribute("data-timer"), 10);
    var left = total, handle = null;
    var display = timer.querySelector("[data-timer-display]");
    var button = timer.querySelector("[data-timer-toggle]");
    var startLabel = button.textContent;
    var done = timer.querySelector("[data-timer-done]");
    button.addEventListener("click", function () {
      if (handle) {
        clearInterval(handle); handle = null; button.textContent = "Carry on";
        return;
      }
      if (left === 0) { left = total; if (done) done.hidden = true; }
      button.textContent = "Pause";
      handle = setInterval(function () {
        left -= 1;
        display.textContent = format(left);
        if (left <= 0) {
          clearInterval(handle); handle = null;
          button.textContent = startLabel;
          if (done) done.hidden = false;
        }
      }, 1000);
    });
  });

  var breath = flow.querySelector("[data-breath]");
  if (breath) {
    var circle = breath.querySelector("[data-breath-circle]");
    var label = breath.querySelector("[data-breath-label]");
    var toggle = breath.querySelector("[data-breath-toggle]");
    var timerId = null, phase = 0;
    var phases = [["Breathe in", 4000, "inhale"], ["Breathe out", 6000, "exhale"]];
    function next() {
      var p = phases[phase % 2];
      label.textContent = p[0];
      circle.className = "breath-circle " + p[2];
      phase += 1;
      timerId = setTimeout(next, p[1]);
    }
    toggle.addEventListener("click", function () {
      if (timerId) {
        clearTimeout(timerId); timerId = null; phase = 0;
        circle.className = "breath-circle"; label.textContent = "Paused. Start again whenever you like.";
        toggle.textContent = "Start";
      } else {
        toggle.textContent = "Stop"; next();
      }
    });
  }
})();
