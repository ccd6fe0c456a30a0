// kube-apidocs site script: dark mode toggle, search, sortable table.
// It reads the search index from window.KUBE_APIDOCS_SEARCH (set by
// search-index.js) so that it works from file:// without fetch(). It never
// writes HTML strings: results are built with textContent.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  function storedTheme(value) {
    try {
      if (value) { localStorage.setItem("kube-apidocs-theme", value); }
      return localStorage.getItem("kube-apidocs-theme");
    } catch (e) { return null; }
  }

  function currentTheme() {
    var set = document.documentElement.getAttribute("data-theme");
    if (set) { return set; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setupTheme() {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", next);
      storedTheme(next);
    });
  }

  // score ranks an entry for the query q (lower case); 0 means no match.
  function score(e, q) {
    var label = e.l.toLowerCase(), name = (e.n || "").toLowerCase();
    var shorts = e.s ? e.s.toLowerCase().split(",") : [];
    if (shorts.indexOf(q) >= 0 || label === q || name === q) { return 100; }
    if (label.indexOf(q) === 0 || name.indexOf(q) === 0) { return 60; }
    for (var i = 0; i < shorts.length; i++) { if (shorts[i].indexOf(q) === 0) { return 50; } }
    if (label.indexOf(q) >= 0 || name.indexOf(q) >= 0) { return 30; }
    if ((e.v || "").toLowerCase().indexOf(q) >= 0) { return 10; }
    return 0;
  }

  function search(q) {
    var index = window.KUBE_APIDOCS_SEARCH || [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], q);
      if (s > 0) { hits.push({ e: index[i], s: s, i: i }); }
    }
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    return hits.slice(0, 20);
  }

  function resultItem(e) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + e.p;
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = e.l;
    a.appendChild(kind);
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = e.t === "group" ? "API group" : e.n + " · " + e.v + (e.s ? " · " + e.s : "");
    a.appendChild(meta);
    li.appendChild(a);
    return li;
  }

  function setupSearch() {
    var input = document.getElementById("search");
    var list = document.getElementById("search-results");
    if (!input || !list) { return; }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (!q) { list.hidden = true; return; }
      var hits = search(q);
      if (hits.length === 0) {
        var none = document.createElement("li");
        none.textContent = "No match";
        none.className = "meta";
        list.appendChild(none);
      }
      hits.forEach(function (h) { list.appendChild(resultItem(h.e)); });
      list.hidden = false;
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { window.location.href = first.href; }
      } else if (ev.key === "Escape") {
        list.hidden = true;
      }
    });
  }

  function cellText(row, col) { return row.cells[col] ? row.cells[col].textContent : ""; }

  function sortTable(table, col, th) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.dataset.order = r.dataset.order || String(i); });
    rows.sort(function (a, b) {
      var x = cellText(a, col), y = cellText(b, col);
      var c = x < y ? -1 : x > y ? 1 : Number(a.dataset.order) - Number(b.dataset.order);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function filterTable(table, q, count) {
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var hit = !q || rows[i].textContent.toLowerCase().indexOf(q) >= 0;
      rows[i].hidden = !hit;
      if (hit) { shown++; }
    }
    if (count) { count.textContent = shown + " of " + rows.length + " rows"; }
  }

  function setupTable() {
    var table = document.getElementById("resources-table");
    if (!table) { return; }
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortTable(table, col, th); });
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { sortTable(table, col, th); } });
    });
    var filter = document.getElementById("table-filter");
    var count = document.getElementById("table-count");
    if (filter) {
      filter.addEventListener("input", function () { filterTable(table, filter.value.trim().toLowerCase(), count); });
      filterTable(table, "", count);
    }
  }

  setupTheme();
  setupSearch();
  setupTable();
})();
