// Quick exit: leave for a neutral site at once, replacing this page in the history so
// the back button does not return here. Without JavaScript the link still leaves.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-quick-exit]");
  if (!link) return;
  event.preventDefault();
  document.body.hidden = true;
  window.location.replace(link.href);
});
