// The forms' few enhancements (the pages work without them; no inline script: see the CSP in tracker/web/security.py).
// 1. A refused form: the focus goes to its error summary (id "errores", tracker/templates/web/_form.html), so the
//    first thing read is what to fix and each of its links leads to a field.
// 2. "Add another guest" (web/session.html): adds a row in place instead of sending the form to get one.
(function () {
  "use strict";
  function ready() {
    var summary = document.getElementById("errores");
    if (summary) { summary.focus(); }
    var add = document.querySelector("button[data-add-row]");
    if (!add) { return; }
    add.addEventListener("click", function (event) {
      var rows = document.querySelectorAll("fieldset[data-row]");
      var last = rows[rows.length - 1];
      if (!last) { return; }
      event.preventDefault();
      var n = rows.length;
      var copy = last.cloneNode(true);
      copy.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) { el.setAttribute(attr, v.replace(/\.\d+\./, "." + n + ".")); }
        });
        el.removeAttribute("aria-describedby");
        el.removeAttribute("aria-invalid");
        if (el.tagName === "INPUT") { el.value = ""; }
        if (el.tagName === "SELECT") { el.selectedIndex = 0; }
      });
      copy.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
      copy.querySelectorAll(".invalid").forEach(function (el) { el.classList.remove("invalid"); });
      var legend = copy.querySelector("legend");
      if (legend && add.dataset.rowLegend) { legend.textContent = add.dataset.rowLegend.replace("%d", String(n + 1)); }
      last.parentNode.insertBefore(copy, last.nextSibling);
      var first = copy.querySelector("input");
      if (first) { first.focus(); }
      var count = document.querySelector("input[name='guest_rows']");
      if (count) { count.value = String(n + 1); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
