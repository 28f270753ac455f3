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
// Kiến nghị: "use the proposed body" buttons, and answers that start from a template.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-set-select]");
  if (!button) { return; }
  var select = document.getElementById(button.getAttribute("data-set-select"));
  if (select) { select.value = button.getAttribute("data-value"); select.dispatchEvent(new Event("change", { bubbles: true })); }
});
document.addEventListener("change", function (event) {
  var select = event.target.closest("[data-template-for]");
  if (!select || !select.value) { return; }
  var data = document.getElementById("answer-templates");
  var target = document.getElementById(select.getAttribute("data-template-for"));
  if (!data || !target) { return; }
  var text = JSON.parse(data.textContent)[select.value] || "";
  target.value = text.split("{don_vi}").join(select.getAttribute("data-unit") || "")
    .split("{co_quan}").join(select.getAttribute("data-body") || "");
});
