// Site-wide behaviour. Everything here is an enhancement: pages work without it.

// Quick exit: leave for a neutral site at once, replacing this page in the history so
// the back button does not return here. Without JavaScript the link still leaves.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-quick-exit]");
  if (!link) return;
  event.preventDefault();
  document.body.hidden = true;
  window.location.replace(link.href);
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
