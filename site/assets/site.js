// kube-apidocs site script: dark mode toggle, search, sortable table.
// It reads the search index from window.KUBE_APIDOCS_SEARCH (set by
// search-index.js) so that it works from file:// without fetch(). It never
// writes HTML strings: results are built with textContent.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var searchLimit = 20; // results shown at most

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

  // syncToggle tells assistive technology whether dark mode is on.
  function syncToggle(button) {
    button.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false");
  }

  function setupTheme() {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    syncToggle(button);
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", next);
      storedTheme(next);
      syncToggle(button);
    });
    if (window.matchMedia) {
      var media = window.matchMedia("(prefers-color-scheme: dark)");
      if (media.addEventListener) { media.addEventListener("change", function () { syncToggle(button); }); }
    }
  }

  // score ranks an entry for the query q (lower case); 0 means no match.
  function score(e, q) {
    var label = e.l.toLowerCase(), name = (e.n || "").toLowerCase();
    var shorts = e.s ? e.s.toLowerCase().split(",") : [];
    var alias = (e.a || "").toLowerCase(); // resource.group, as kubectl and RBAC write it
    if (shorts.indexOf(q) >= 0 || label === q || name === q || alias === q) { return 100; }
    if (label.indexOf(q) === 0 || name.indexOf(q) === 0 || (alias && alias.indexOf(q) === 0)) { return 60; }
    for (var i = 0; i < shorts.length; i++) { if (shorts[i].indexOf(q) === 0) { return 50; } }
    if (label.indexOf(q) >= 0 || name.indexOf(q) >= 0) { return 30; }
    var terms = e.w ? e.w.split(",") : [];
    for (var j = 0; j < terms.length; j++) {
      if (terms[j] === q) { return 90; }
      if (terms[j].indexOf(q) === 0) { return 55; }
    }
    if ((e.v || "").toLowerCase().indexOf(q) >= 0) { return 10; }
    return 0;
  }

  // fieldScore ranks a field path for q; below every kind and resource
  // match, so that "deploy" still finds Deployment first.
  function fieldScore(path, q) {
    if (path === q || path.slice(-q.length - 1) === "." + q) { return 45; }
    var last = path.slice(path.lastIndexOf(".") + 1);
    if (last.indexOf(q) === 0) { return 35; }
    if (path.indexOf(q) >= 0) { return 15; }
    return 0;
  }

  // fieldPaths expands the field tree of a "fields" entry, written
  // "spec(replicas,selector(matchLabels))", into its dotted paths.
  function fieldPaths(tree) {
    var out = [], stack = [], name = "", last = "";
    for (var i = 0; i <= tree.length; i++) {
      var c = i < tree.length ? tree.charAt(i) : ",";
      if (c !== "," && c !== "(" && c !== ")") { name += c; continue; }
      if (name) {
        last = (stack.length ? stack[stack.length - 1] + "." : "") + name;
        out.push(last);
        name = "";
      }
      if (c === "(") { stack.push(last); } else if (c === ")") { stack.pop(); }
    }
    return out;
  }

  // fieldHits adds the field paths of a "fields" entry that match q.
  function fieldHits(e, q, i, hits) {
    if (!e.lower) {
      e.paths = fieldPaths(e.f);
      e.lower = e.paths.map(function (p) { return p.toLowerCase(); });
    }
    for (var j = 0; j < e.lower.length; j++) {
      var s = fieldScore(e.lower[j], q);
      if (s > 0) { hits.push({ e: e, s: s, d: e.paths[j].split(".").length, i: i, j: j, path: e.paths[j] }); }
    }
  }

  function search(q) {
    var index = window.KUBE_APIDOCS_SEARCH || [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      if (index[i].t === "fields") { fieldHits(index[i], q, i, hits); continue; }
      var s = score(index[i], q);
      // a subresource ranks below every kind unless the query names one
      if (index[i].t === "subresource" && q.indexOf("/") < 0) { s = Math.min(s, 20); }
      if (s > 0) { hits.push({ e: index[i], s: s, d: 0, i: i, j: 0 }); }
    }
    // Best score first, then the shallower field, then index order.
    hits.sort(function (a, b) { return b.s - a.s || a.d - b.d || a.i - b.i || a.j - b.j; });
    return hits.slice(0, searchLimit);
  }

  // resultItem is one option of the results listbox: a link, so that it
  // can also be opened in a new tab, that never takes focus itself (focus
  // stays in the input, which points at it with aria-activedescendant).
  // metaText is the grey text after a result: what kind of entry it is
  // (in the words of the list's data attributes) or the resource's names.
  function metaText(e, labels) {
    if (e.t === "group") { return labels.group; }
    if (e.t === "version") { return labels.version; }
    if (e.t === "subresource") { return labels.subresource + " · " + e.k + " · " + e.v; }
    return e.n + " · " + e.v + (e.s ? " · " + e.s : "") + (e.a ? " · " + e.a : "");
  }

  function resultItem(h, id, labels) {
    var e = h.e;
    var a = document.createElement("a");
    a.id = id;
    a.href = root + e.p + (h.path ? "#" + h.path : "");
    a.tabIndex = -1;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = h.path || e.l;
    a.appendChild(kind);
    var meta = document.createElement("span");
    meta.className = "meta";
    if (h.path) {
      meta.textContent = e.l + " · " + e.v;
    } else {
      meta.textContent = metaText(e, labels);
    }
    a.appendChild(meta);
    return a;
  }

  // announce puts the number of results, in the words of the status
  // element's data attributes, into the live region.
  function announce(status, n, limited) {
    if (!status) { return; }
    var key = n === 0 ? "none" : n === 1 ? "single" : limited ? "max" : "many";
    status.textContent = (status.getAttribute("data-" + key) || "").replace("{n}", String(n));
  }

  function setupSearch() {
    var input = document.getElementById("search");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!input || !list) { return; }
    var active = -1;
    function options() { return list.querySelectorAll("[role=option]:not([aria-disabled=true])"); }
    function setActive(i) {
      var opts = options();
      if (active >= 0 && opts[active]) {
        opts[active].setAttribute("aria-selected", "false");
        opts[active].classList.remove("active");
      }
      active = opts.length ? (i + opts.length) % opts.length : -1;
      if (active < 0) { input.removeAttribute("aria-activedescendant"); return; }
      opts[active].setAttribute("aria-selected", "true");
      opts[active].classList.add("active");
      input.setAttribute("aria-activedescendant", opts[active].id);
      if (opts[active].scrollIntoView) { opts[active].scrollIntoView({ block: "nearest" }); }
    }
    function show(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) { setActive(-1); }
    }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      active = -1;
      input.removeAttribute("aria-activedescendant");
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (!q) { show(false); if (status) { status.textContent = ""; } return; }
      var hits = search(q);
      if (hits.length === 0) {
        var none = document.createElement("div");
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        none.setAttribute("aria-selected", "false");
        none.className = "none";
        none.textContent = list.getAttribute("data-none") || "";
        list.appendChild(none);
      }
      var labels = {};
      ["group", "version", "subresource"].forEach(function (k) { labels[k] = list.getAttribute("data-" + k) || ""; });
      hits.forEach(function (h, i) { list.appendChild(resultItem(h, "search-option-" + i, labels)); });
      show(true);
      announce(status, hits.length, hits.length === searchLimit);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (list.hidden && input.value.trim()) { show(true); }
        setActive(active < 0 && ev.key === "ArrowUp" ? -1 : active + (ev.key === "ArrowDown" ? 1 : -1));
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        var opts = options();
        var pick = opts[active >= 0 ? active : 0];
        if (pick && !list.hidden) { window.location.href = pick.href; }
        ev.preventDefault();
      } else if (ev.key === "Escape") {
        show(false);
      }
    });
  }

  function cellText(row, col) { return row.cells[col] ? row.cells[col].textContent : ""; }

  // sortTable sorts by column col, ascending unless th already is; th's
  // aria-sort tells the state, the others lose theirs.
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
    if (count) {
      count.textContent = (count.getAttribute("data-count") || "{shown} of {total} rows")
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }
  }

  function setupTable() {
    var table = document.getElementById("resources-table");
    if (!table) { return; }
    var heads = table.tHead.rows[0].cells;
    // Sorting needs this script, so the buttons come with it: each
    // heading's text moves into a button, which mouse, keyboard and screen
    // readers all operate.
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, col, th); });
    });
    var filter = document.getElementById("table-filter");
    var count = document.getElementById("table-count");
    if (filter) {
      filter.addEventListener("input", function () { filterTable(table, filter.value.trim().toLowerCase(), count); });
      filterTable(table, "", count);
    }
  }

  // focusScrollers makes each code block and table that scrolls sideways
  // (a long line, a narrow screen) focusable, so that the keyboard can
  // scroll it too; one that fits loses the tab stop again.
  function focusScrollers() {
    var boxes = document.querySelectorAll("main pre, main table");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.hasAttribute("tabindex") && !box.hasAttribute("data-scroll-tab")) { continue; } // the page's own tab stop
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("data-scroll-tab", "");
      } else if (box.hasAttribute("data-scroll-tab")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-tab");
      }
    }
  }

  // openTarget opens the collapsed fields around the element the URL's
  // fragment names, so that a link to spec.template.spec.containers shows
  // that field.
  function openTarget() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; } // a malformed %-escape
    var el = id && document.getElementById(id);
    if (!el || !el.classList.contains("field")) { return; }
    for (var n = el; n; n = n.parentElement) {
      if (n.tagName === "DETAILS") { n.open = true; }
    }
    var own = el.querySelector("details");
    if (own) { own.open = true; }
    el.scrollIntoView();
  }

  // setupFields adds "expand all" and "collapse all" buttons (their words
  // are the tools element's data attributes) and opens every field for
  // printing.
  function setupFields() {
    var tools = document.getElementById("field-tools");
    if (!tools) { return; }
    function all(open) {
      var list = document.querySelectorAll("ul.fields details");
      for (var i = 0; i < list.length; i++) { list[i].open = open; }
    }
    ["expand", "collapse"].forEach(function (what) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "field-tool";
      button.textContent = tools.getAttribute("data-" + what) || what;
      button.addEventListener("click", function () { all(what === "expand"); });
      tools.appendChild(button);
    });
    window.addEventListener("beforeprint", function () { all(true); });
    window.addEventListener("hashchange", openTarget);
    openTarget();
  }

  setupTheme();
  setupFields();
  setupSearch();
  setupTable();
  focusScrollers();
  window.addEventListener("resize", focusScrollers);
})();
