// Small behaviours without inline handlers (the Content-Security-Policy forbids them).
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("[data-tree-toggle]");
  if (toggle) {
    var icon = toggle.querySelector(".bi");
    if (icon) { icon.classList.toggle("bi-chevron-right"); icon.classList.toggle("bi-chevron-down"); }
  }
});
// Confirm destructive actions declared with data-confirm.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});
