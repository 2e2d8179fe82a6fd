// procmine report: click a column heading to sort a table (inlined; no external files).
(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-v");
    return v === null ? null : parseFloat(v);
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row._pos = i; });
    rows.sort(function (a, b) {
      var ca = a.cells[index], cb = b.cells[index];
      if (!ca || !cb) return a._pos - b._pos;
      var ka = key(ca), kb = key(cb), r;
      if (ka !== null && kb !== null) r = ka - kb;
      else if (ka !== null) r = -1;
      else if (kb !== null) r = 1;
      else r = ca.textContent.localeCompare(cb.textContent, document.documentElement.lang);
      return r !== 0 ? sign * r : a._pos - b._pos;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length < 2) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      th.classList.add("sort");
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, index, th); });
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(table, index, th); }
      });
    });
  });
})();
