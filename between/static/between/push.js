// Web Push on this device: opt in or out, and say which push service carries it. A client
// gets reminders, which only ever say "A gentle reminder"; a clinician gets urgent-flag
// alerts, which only ever say "An urgent flag needs attention".
(function () {
  var box = document.querySelector("[data-push]");
  if (!box) return;
  var urgent = box.getAttribute("data-push-kind") === "urgent";
  var what = urgent ? "urgent-flag alerts" : "reminders";
  var words = urgent ? "An urgent flag needs attention" : "A gentle reminder";
  var status = box.querySelector("[data-push-status]");
  var on = box.querySelector("[data-push-on]");
  var off = box.querySelector("[data-push-off]");
  box.hidden = false;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    status.textContent = "This browser can't show " + what + " itself. Email still works.";
    return;
  }
  function key() {
    var text = box.getAttribute("data-push-key").replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(text + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }
  function post(body) {
    return fetch("/push/devices/", {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json",
                 "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content } });
  }
  function show(subscription) {
    if (subscription) {
      status.textContent = what.charAt(0).toUpperCase() + what.slice(1) +
        " come to this device too, through " +
        new URL(subscription.endpoint).hostname + ", this browser's push service. " +
        "They carry only the words \u201c" + words + "\u201d.";
    } else {
      status.textContent = "This device doesn't show " + what + ".";
    }
    on.hidden = !!subscription;
    off.hidden = !subscription;
  }
  function failed() { status.textContent = "That didn't work on this device. Email still works."; }
  navigator.serviceWorker.ready
    .then(function (reg) { return reg.pushManager.getSubscription(); }).then(show, failed);
  on.addEventListener("click", function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        status.textContent = "This browser said no to notifications. You can change that " +
          "in its settings; email still works.";
        return;
      }
      return navigator.serviceWorker.ready.then(function (reg) {
        return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key() });
      }).then(function (subscription) {
        return post(subscription.toJSON()).then(function (response) {
          if (response.ok) return show(subscription);
          subscription.unsubscribe();
          return response.json().then(function (body) {
            var errors = body.errors || {};
            status.textContent = (errors.endpoint || errors[Object.keys(errors)[0]] || [""])[0] ||
              "That didn't work on this device.";
          });
        });
      });
    }).catch(failed);
  });
  off.addEventListener("click", function () {
    navigator.serviceWorker.ready
      .then(function (reg) { return reg.pushManager.getSubscription(); })
      .then(function (subscription) {
        if (!subscription) return show(null);
        return post({ forget: subscription.endpoint })
          .then(function () { return subscription.unsubscribe(); })
          .then(function () { show(null); });
      }).catch(failed);
  });
})();
