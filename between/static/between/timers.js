// Timers and the paced-breathing guide, for any page that has them (crisis mode,
// skill flows). The page works without this; the timers are a help, not a need.
(function () {
  function format(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  document.querySelectorAll("[data-timer]").forEach(function (timer) {
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

  var breath = document.querySelector("[data-breath]");
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
