/* auditor HTML report: filters, ordering, pagination and the finding tooltip.
   Inlined into the page (the Content-Security-Policy allows this script only, by its hash).
   Filters add CSS rules to one style sheet instead of touching each highlight, so they stay
   instant with thousands of findings; pagination hides all but one page of file sections. */
(function () {
  "use strict";
  var PAGE_SIZE = 20;
  var body = document.body;
  var list = document.getElementById("file-list");
  var files = Array.prototype.slice.call(list.querySelectorAll(":scope > section.file"));
  var sheet = document.getElementById("filter-rules").sheet;
  var tip = document.getElementById("tip");
  var state = { page: 0, order: "run", failing: false, find: "" };

  files.forEach(function (f, i) { f.dataset.index = String(i); });

  /* ---- filters by severity, category and rule ---- */
  function applyFilters() {
    while (sheet.cssRules.length) { sheet.deleteRule(0); }
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (box.checked) { return; }
      var cls = "." + box.getAttribute("data-filter");
      sheet.insertRule("mark.hl" + cls + " { background: none; text-decoration: none; cursor: auto; }", 0);
      sheet.insertRule("mark.hl.empty" + cls + "::before { content: none; }", 0);
      sheet.insertRule(".fd" + cls + " { display: none; }", 0);
    });
    hideTip();
  }

  /* ---- which files, in which order, on which page ---- */
  function score(f) { return f.dataset.score === "" ? Infinity : parseFloat(f.dataset.score); }
  function mt(f) { return f.dataset.mt === undefined ? -1 : parseFloat(f.dataset.mt); }
  function compare(a, b) {
    if (state.order === "mt") {
      var m = mt(b) - mt(a);
      if (m) { return m; }
    }
    if (state.order === "score") {
      var d = score(a) - score(b);
      if (d) { return d; }
      d = parseInt(b.dataset.findings, 10) - parseInt(a.dataset.findings, 10);
      if (d) { return d; }
    }
    if (state.order === "score" || state.order === "path") {
      var pa = a.dataset.path, pb = b.dataset.path;
      if (pa !== pb) { return pa < pb ? -1 : 1; }
    }
    return parseInt(a.dataset.index, 10) - parseInt(b.dataset.index, 10);
  }
  function selected() {
    var needle = state.find.toLowerCase();
    return files.filter(function (f) {
      if (state.failing && !f.classList.contains("fail")) { return false; }
      return !needle || f.dataset.path.toLowerCase().indexOf(needle) >= 0;
    });
  }
  function reorder() {
    var frag = document.createDocumentFragment();
    files.slice().sort(compare).forEach(function (f) { frag.appendChild(f); });
    list.appendChild(frag);
  }
  function render() {
    var shown = selected().sort(compare);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    var onPage = new Set(shown.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE));
    files.forEach(function (f) { f.hidden = !onPage.has(f); });
    drawPagers(pages, shown.length);
  }
  function drawPagers(pages, count) {
    document.querySelectorAll("nav.pager").forEach(function (nav) {
      nav.textContent = "";
      if (pages <= 1) {
        if (count !== files.length) { nav.appendChild(document.createTextNode(count + " of " + files.length + " files shown")); }
        return;
      }
      nav.appendChild(button("‹ previous", state.page === 0, function () { go(state.page - 1); }));
      var pick = document.createElement("select");
      pick.setAttribute("aria-label", "Page");
      for (var p = 0; p < pages; p++) {
        var opt = document.createElement("option");
        opt.value = String(p);
        opt.textContent = "page " + (p + 1) + " of " + pages;
        opt.selected = p === state.page;
        pick.appendChild(opt);
      }
      pick.addEventListener("change", function () { go(parseInt(this.value, 10)); });
      nav.appendChild(pick);
      nav.appendChild(button("next ›", state.page === pages - 1, function () { go(state.page + 1); }));
      nav.appendChild(document.createTextNode(count + " file" + (count === 1 ? "" : "s")));
    });
  }
  function button(label, disabled, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.disabled = disabled;
    b.addEventListener("click", onClick);
    return b;
  }
  function go(page) {
    state.page = page;
    render();
    document.getElementById("files").scrollIntoView();
  }

  /* ---- links to a file or a finding on another page ---- */
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var section = target.closest("section.file");
    if (!section) { return; }
    if (section.hidden) {
      state.failing = false; state.find = "";
      document.getElementById("only-failing").checked = false;
      document.getElementById("find").value = "";
      var shown = selected().sort(compare);
      state.page = Math.floor(shown.indexOf(section) / PAGE_SIZE);
      render();
    }
    section.querySelector("details").open = true;
    // A file's header goes to the top, below the sticky bar (scroll-margin-top); a highlight to the middle.
    target.scrollIntoView({ block: target.matches("mark.hl, li.fd") ? "center" : "start" });
    if (target.matches("mark.hl")) { target.focus({ preventScroll: true }); }
  }
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });

  /* ---- tooltip: every finding covering the point under the pointer or focus ---- */
  function shown(li) { return li && getComputedStyle(li).display !== "none"; }
  function showTip(mark) {
    var items = [];
    var seen = {};
    for (var m = mark; m && m.tagName === "MARK"; m = m.parentElement) {
      var id = m.getAttribute("aria-describedby");
      var li = document.getElementById(id);
      if (!seen[id] && shown(li)) { seen[id] = true; items.push(li); }
    }
    if (!items.length) { hideTip(); return; }
    tip.textContent = "";
    items.forEach(function (li) {
      var copy = li.cloneNode(true);
      copy.removeAttribute("id");
      tip.appendChild(copy);
    });
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.min(r.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + window.scrollX + "px";
    tip.style.top = r.bottom + window.scrollY + 6 + "px";
  }
  function hideTip() { tip.hidden = true; }
  function markOf(node) { return node && node.closest ? node.closest("mark.hl") : null; }
  document.addEventListener("mouseover", function (e) { var m = markOf(e.target); if (m) { showTip(m); } });
  document.addEventListener("mouseout", function (e) {
    if (markOf(e.target) && !markOf(e.relatedTarget)) { hideTip(); }
  });
  document.addEventListener("focusin", function (e) { var m = markOf(e.target); if (m) { showTip(m); } else { hideTip(); } });
  document.addEventListener("focusout", function (e) { if (markOf(e.target)) { hideTip(); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hideTip(); } });

  /* a highlight and its list entry point at each other */
  document.addEventListener("click", function (e) {
    var m = markOf(e.target);
    if (!m) { return; }
    var li = document.getElementById(m.getAttribute("aria-describedby"));
    if (!li) { return; }
    li.scrollIntoView({ block: "nearest" });
    li.classList.add("flash");
    setTimeout(function () { li.classList.remove("flash"); }, 1200);
  });
  function activate(li, on) {
    document.querySelectorAll('mark.hl[aria-describedby="' + li.id + '"]').forEach(function (m) {
      m.classList.toggle("active", on);
    });
  }
  list.addEventListener("mouseover", function (e) { var li = e.target.closest("ol.findings > li"); if (li) { activate(li, true); } });
  list.addEventListener("mouseout", function (e) { var li = e.target.closest("ol.findings > li"); if (li) { activate(li, false); } });

  /* ---- controls ---- */
  document.querySelectorAll("input[data-filter]").forEach(function (box) { box.addEventListener("change", applyFilters); });
  document.getElementById("only-failing").addEventListener("change", function () {
    state.failing = this.checked; state.page = 0; render();
  });
  document.getElementById("order").addEventListener("change", function () {
    state.order = this.value; state.page = 0; reorder(); render();
  });
  document.getElementById("find").addEventListener("input", function () {
    state.find = this.value; state.page = 0; render();
  });
  function expand(open) { files.forEach(function (f) { if (!f.hidden) { f.querySelector("details").open = open; } }); }
  document.getElementById("expand").addEventListener("click", function () { expand(true); });
  document.getElementById("collapse").addEventListener("click", function () { expand(false); });
  document.querySelector("form.toolbar").addEventListener("submit", function (e) { e.preventDefault(); });

  /* start: restore what the browser kept of the controls, then show the first page */
  state.failing = document.getElementById("only-failing").checked;
  state.order = document.getElementById("order").value;
  state.find = document.getElementById("find").value;
  var toolbar = document.querySelector("form.toolbar");
  function measureToolbar() {
    document.documentElement.style.setProperty("--toolbar-h", toolbar.offsetHeight + "px");
  }
  window.addEventListener("resize", measureToolbar);
  toolbar.addEventListener("toggle", measureToolbar, true);
  measureToolbar();
  if (body.dataset.expand === "yes") { files.forEach(function (f) { f.querySelector("details").open = true; }); }
  /* ---- sortable tables (Sources): a heading's button sorts by its column; again reverses ---- */
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    heads.forEach(function (th, col) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var numeric = th.dataset.type === "num";
        var tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows);
        function key(row) {
          var cell = row.cells[col];
          return numeric ? parseFloat(cell.dataset.value) : cell.textContent.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var d = x < y ? -1 : x > y ? 1 : 0;
          return descending ? -d : d;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  });

  applyFilters();
  reorder();
  render();
  body.classList.add("ready");
  if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
})();
