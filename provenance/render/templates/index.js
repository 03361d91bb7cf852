(function () {
  "use strict";
  var root = document.documentElement;

  var table = document.getElementById("index-table");
  if (table) {
    var tbody = table.tBodies[0];
    table.addEventListener("click", function (ev) {
      var btn = ev.target instanceof Element ? ev.target.closest("button.sort") : null;
      if (!btn) return;
      var th = btn.closest("th");
      var col = Number(btn.getAttribute("data-col"));
      var numeric = btn.getAttribute("data-type") === "num";
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || "";
        var y = b.cells[col].getAttribute("data-sort") || "";
        var r = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return dir === "ascending" ? r : -r;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  }
  root.setAttribute("data-js-ready", "1");
})();
