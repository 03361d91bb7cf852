/* provenance serve: the editor's page.  No inline script, no outside resource (CSP);
   article text reaches the page only through the server's autoescaping report templates
   (parsed with DOMParser, so nothing in them runs) and textContent. */
(function () {
  "use strict";
  var root = document.documentElement;
  // script errors are counted by errors.js, the report's own (the browser tests assert none)

  var DEBOUNCE_MS = 350;
  function $(id) { return document.getElementById(id); }
  var source = $("source"), nameInput = $("doc-name"), formatSelect = $("doc-format");
  var statusEl = $("status"), reportEl = $("report"), textEl = $("text");
  var panel = $("panel"), panelBody = $("panel-body"), panelEmpty = $("panel-empty");

  var state = {
    report: null,        // the report on screen (JSON)
    order: [],           // findings in table order (indices into report.findings)
    baseline: null,      // the page's baseline (the file `provenance check --baseline` reads)
    current: null,       // selected statement index (string), panel open
    cursor: -1,          // position among the statements (j/k)
    findingCursor: -1,   // position among the open findings (f)
    timer: null, inFlight: false, again: false, seq: 0, ready: false,
  };

  function setState(s, message) {
    root.setAttribute("data-state", s);
    if (message !== undefined) statusEl.textContent = message;
  }

  // --- the server ------------------------------------------------------------------------

  function body() {
    var b = { text: source.value, name: nameInput.value.trim() || "article.txt" };
    if (formatSelect.value) b.format = formatSelect.value;
    if (state.baseline) b.baseline = state.baseline;
    return b;
  }

  function post(url, payload) {
    return fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
    }).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
        return { status: r.status, data: data, text: t, retry: r.headers.get("Retry-After") };
      });
    });
  }

  function schedule(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, delay === undefined ? DEBOUNCE_MS : delay);
  }

  function check() {
    if (!state.ready) { schedule(1000); return; }
    if (state.inFlight) { state.again = true; return; }
    if (!source.value.trim()) {
      reportEl.hidden = true;
      state.report = null;
      setExports(false);
      setState("empty", "Paste or open an article.");
      return;
    }
    state.inFlight = true;
    state.again = false;
    var seq = ++state.seq;
    setState("checking", "Checking…");
    post("/api/view", body()).then(function (res) {
      state.inFlight = false;
      if (state.again) { check(); return; }  // the text changed meanwhile: only the latest counts
      if (res.status === 200 && res.data) {
        apply(res.data, seq);
      } else if (res.status === 503) {
        var wait = Math.max(1, parseInt(res.retry || "2", 10));
        setState("busy", (res.data && res.data.error ? res.data.error : "Busy") + " (retrying in " + wait + " s)");
        schedule(wait * 1000);
      } else {
        setState("error", res.data && res.data.error ? res.data.error : "Error " + res.status);
      }
    }, function () {
      state.inFlight = false;
      setState("error", "The server cannot be reached; retrying.");
      schedule(3000);
    });
  }

  function waitReady() {
    fetch("/healthz").then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); })
      .then(function (x) {
        var d = x[1];
        if (x[0] === 200) {
          state.ready = true;
          $("model-id").textContent = "model " + d.model;
          setState(source.value.trim() ? "checking" : "empty", "Ready. Paste or open an article.");
          if (source.value.trim()) check();
        } else if (d && d.status === "error") {
          setState("error", "The model could not be loaded: " + d.error);
        } else {
          setTimeout(waitReady, 1000);
        }
      }, function () { setTimeout(waitReady, 2000); });
  }

  // --- showing a report -----------------------------------------------------------------

  function replaceChildren(target, from) {
    target.textContent = "";
    if (!from) return;
    Array.prototype.forEach.call(from.childNodes, function (n) { target.appendChild(document.importNode(n, true)); });
  }

  function apply(data, seq) {
    var doc = new DOMParser().parseFromString(data.html, "text/html");
    var keep = state.current;
    state.report = data.report;
    state.order = data.findings_order;
    reportEl.hidden = false;

    $("doc-title").textContent = doc.querySelector(".top-main h1").textContent;
    replaceChildren($("doc-meta"), doc.querySelector(".top-main .meta"));
    var notices = doc.querySelector("section.notices");
    replaceChildren($("notices"), notices);
    $("notices").hidden = !notices;
    replaceChildren($("summary"), doc.querySelector("section.summary"));
    var goto = $("summary").querySelector('a[href="#findings"]');
    if (goto) goto.setAttribute("href", "#findings-open");
    replaceChildren(textEl, doc.getElementById("text"));
    var templates = $("templates");
    templates.textContent = "";
    Array.prototype.forEach.call(doc.querySelectorAll("template[id^='tpl-']"), function (t) {
      templates.appendChild(document.importNode(t, true));
    });
    var rules = doc.querySelector("section.rules");
    var slot = $("rules-slot");
    slot.textContent = "";
    if (rules) slot.appendChild(document.importNode(rules, true));
    fillFindings(doc);

    setExports(true);
    state.cursor = -1;
    state.findingCursor = -1;
    if (keep !== null && $("tpl-" + keep)) {
      select(keep, {});
      state.cursor = statementIndexes().indexOf(keep);
    } else {
      close(false);
    }
    var r = data.report;
    root.setAttribute("data-checks", String(seq));
    setState("ready", r.statements.length + " statements, " + openFindings().length + " open findings · " +
      data.seconds.toFixed(2) + " s (" + data.reused + " of " + data.paragraphs + " paragraphs reused)");
  }

  function openFindings() {
    if (!state.report) return [];
    var fs = state.report.findings;
    return state.order.filter(function (i) { return !fs[i].suppression; });
  }

  function fillFindings(doc) {
    var rows = doc.querySelectorAll("#findings tbody tr");
    var open = $("findings-table").tBodies[0], supp = $("suppressed-table").tBodies[0];
    open.textContent = "";
    supp.textContent = "";
    var nOpen = 0, nSupp = 0;
    Array.prototype.forEach.call(rows, function (row, i) {
      var fi = state.order[i];
      var f = state.report.findings[fi];
      var tr = document.importNode(row, true);
      tr.setAttribute("data-finding", String(fi));
      tr.setAttribute("data-code", f.code);
      var act = document.createElement("td");
      act.className = "act";
      if (!f.suppression) {
        act.appendChild(button("Suppress…", "suppress", fi, "Suppress with a reason (a comment in the article)"));
        act.appendChild(document.createTextNode(" "));
        act.appendChild(button("Baseline", "baseline", fi, "Add to the baseline file"));
        open.appendChild(tr);
        nOpen += 1;
      } else {
        supp.appendChild(tr);
        nSupp += 1;
      }
      tr.appendChild(act);
    });
    $("findings-table").hidden = nOpen === 0;
    $("no-findings").hidden = nOpen !== 0;
    $("suppressed-table").hidden = nSupp === 0;
    $("no-suppressed").hidden = nSupp !== 0;
    $("findings-count").textContent = "(" + nOpen + ")";
    $("suppressed-count").textContent = "(" + nSupp + ")";
  }

  function button(label, action, fi, title) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn small-btn";
    b.textContent = label;
    b.title = title;
    b.setAttribute("data-action", action);
    b.setAttribute("data-finding", String(fi));
    return b;
  }

  // --- selection (the report's panel, as in the HTML report) ------------------------------

  function statementEl(i) { return document.getElementById("s-" + i); }

  // select statement i from a link elsewhere on the page (a finding, a chain): scroll to it and
  // move the keyboard cursor and the focus there
  function jumpTo(i) {
    if (!select(i, { scroll: true })) return;
    state.cursor = statementIndexes().indexOf(i);
    var el = statementEl(i);
    if (el) el.focus({ preventScroll: true });
  }

  function statementIndexes() {
    return Array.prototype.map.call(textEl.querySelectorAll(".st[data-statement]"), function (el) {
      return el.getAttribute("data-statement");
    });
  }

  function close(restoreFocus) {
    if (state.current !== null) {
      var el = statementEl(state.current);
      if (el) {
        el.setAttribute("aria-expanded", "false");
        if (restoreFocus) el.focus();
      }
    }
    state.current = null;
    panelBody.textContent = "";
    panelBody.hidden = true;
    panelEmpty.hidden = false;
    panel.setAttribute("data-selected", "");
  }

  function select(i, opts) {
    var tpl = $("tpl-" + i);
    if (!tpl) return false;
    if (state.current !== null) {
      var prev = statementEl(state.current);
      if (prev) prev.setAttribute("aria-expanded", "false");
    }
    state.current = String(i);
    panelBody.textContent = "";
    panelBody.appendChild(document.importNode(tpl.content, true));
    panelBody.hidden = false;
    panelEmpty.hidden = true;
    panel.setAttribute("data-selected", state.current);
    var el = statementEl(state.current);
    if (el) {
      el.setAttribute("aria-expanded", "true");
      if (opts.scroll) el.scrollIntoView({ block: "center" });
    }
    panel.scrollTop = 0;
    return true;
  }

  function moveCursor(delta) {
    var ids = statementIndexes();
    if (!ids.length) return;
    state.cursor = Math.min(ids.length - 1, Math.max(0, state.cursor + delta));
    var el = statementEl(ids[state.cursor]);
    Array.prototype.forEach.call(textEl.querySelectorAll(".st.cursor"), function (x) { x.classList.remove("cursor"); });
    el.classList.add("cursor");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
    if (state.current !== null) select(ids[state.cursor], {});  // the panel follows when it is open
  }

  function nextFinding() {
    var open = openFindings();
    if (!open.length) { statusEl.textContent = "No open findings."; return; }
    state.findingCursor = (state.findingCursor + 1) % open.length;
    var fi = open[state.findingCursor];
    var f = state.report.findings[fi];
    markRow(fi);
    if (f.statement !== null && f.statement !== undefined) {
      var ids = statementIndexes();
      state.cursor = ids.indexOf(String(f.statement));
      select(String(f.statement), { scroll: true });
      var el = statementEl(f.statement);
      if (el) {
        Array.prototype.forEach.call(textEl.querySelectorAll(".st.cursor"), function (x) { x.classList.remove("cursor"); });
        el.classList.add("cursor");
        el.focus({ preventScroll: true });
      }
    }
  }

  function markRow(fi) {
    Array.prototype.forEach.call(document.querySelectorAll("tr.current"), function (x) { x.classList.remove("current"); });
    var row = document.querySelector('#findings-table tr[data-finding="' + fi + '"]');
    if (row) row.classList.add("current");
  }

  function editStatement(i) {
    var s = state.report && state.report.statements.filter(function (x) { return String(x.index) === String(i); })[0];
    if (!s) return;
    source.focus();
    source.setSelectionRange(s.start, s.end);
  }

  // --- acting on findings -----------------------------------------------------------------

  var pendingSuppress = null;

  function askSuppress(fi) {
    var f = state.report.findings[fi];
    pendingSuppress = fi;
    $("suppress-code").textContent = f.code;
    $("suppress-reason").value = "";
    $("suppress-dialog").showModal();
    $("suppress-reason").focus();
  }

  function suppress(fi, reason) {
    var f = state.report.findings[fi];
    var s = f.statement !== null && f.statement !== undefined
      ? state.report.statements.filter(function (x) { return x.index === f.statement; })[0] : null;
    var at = s ? s.start : f.start;
    post("/api/suppress", { text: source.value, at: at, codes: [f.code], reason: reason }).then(function (res) {
      if (res.status !== 200) { setState("error", res.data && res.data.error ? res.data.error : "Error " + res.status); return; }
      source.value = res.data.text;
      schedule(0);
    });
  }

  function addToBaseline(fi) {
    var f = state.report.findings[fi];
    post("/api/baseline", { baseline: state.baseline, path: state.report.document.path, findings: [f] }).then(function (res) {
      if (res.status !== 200) { setState("error", res.data && res.data.error ? res.data.error : "Error " + res.status); return; }
      setBaseline(res.data);
      schedule(0);
    });
  }

  function setBaseline(b) {
    state.baseline = b;
    var n = b ? b.entries.reduce(function (a, e) { return a + e.count; }, 0) : 0;
    $("baseline-count").textContent = b ? n + " finding" + (n === 1 ? "" : "s") : "none";
    $("download-baseline").disabled = !b;
  }

  // --- files --------------------------------------------------------------------------------

  function save(filename, blob) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function setExports(on) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-export]"), function (b) { b.disabled = !on; });
  }

  function exportAs(kind) {
    fetch("/api/export/" + kind, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body()),
    }).then(function (r) {
      if (r.status !== 200) { setState("error", "Download failed (" + r.status + ")"); return; }
      var cd = r.headers.get("Content-Disposition") || "";
      var m = /filename="([^"]+)"/.exec(cd);
      return r.blob().then(function (b) { save(m ? m[1] : "report." + kind, b); });
    });
  }

  function readFile(input, then) {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { then(file.name, String(reader.result)); input.value = ""; };
    reader.readAsText(file);
  }

  // --- events ---------------------------------------------------------------------------------

  source.addEventListener("input", function () { schedule(); });
  nameInput.addEventListener("change", function () { schedule(0); });
  formatSelect.addEventListener("change", function () { schedule(0); });
  $("open-file").addEventListener("change", function () {
    readFile($("open-file"), function (name, text) {
      nameInput.value = name;
      source.value = text;
      schedule(0);
    });
  });
  $("open-baseline").addEventListener("change", function () {
    readFile($("open-baseline"), function (name, text) {
      try {
        setBaseline(JSON.parse(text));
        schedule(0);
      } catch (e) {
        setState("error", name + ": not a baseline file (invalid JSON)");
      }
    });
  });
  $("download-baseline").addEventListener("click", function () {
    if (!state.baseline) return;
    save("provenance-baseline.json", new Blob([JSON.stringify(state.baseline, null, 2) + "\n"], { type: "application/json" }));
  });
  $("show-keys").addEventListener("click", function () { $("keys").showModal(); });
  $("suppress-dialog").addEventListener("close", function () {
    var d = $("suppress-dialog");
    if (d.returnValue === "ok" && pendingSuppress !== null && $("suppress-reason").value.trim()) {
      suppress(pendingSuppress, $("suppress-reason").value.trim());
    }
    pendingSuppress = null;
  });

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var exp = t.closest("[data-export]");
    if (exp) { exportAs(exp.getAttribute("data-export")); return; }
    var act = t.closest("[data-action]");
    if (act) {
      var fi = parseInt(act.getAttribute("data-finding"), 10);
      if (act.getAttribute("data-action") === "suppress") askSuppress(fi); else addToBaseline(fi);
      return;
    }
    var st = t.closest(".st[data-statement]");
    if (st) {
      var i = st.getAttribute("data-statement");
      state.cursor = statementIndexes().indexOf(i);
      if (state.current === i) close(false); else select(i, {});
      return;
    }
    var btn = t.closest("[data-select]");
    if (btn) {
      jumpTo(btn.getAttribute("data-select"));
      return;
    }
    if (t.closest("[data-close]")) close(true);
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t instanceof Element && t.matches("textarea, input, select, [contenteditable]");
    if (ev.key === "Escape") {
      if (typing) { t.blur(); return; }
      if (state.current !== null) { close(true); return; }
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (document.querySelector("dialog[open]")) return;
    var onStatement = t instanceof Element && t.matches(".st[data-statement]");
    if (ev.key === "j") { ev.preventDefault(); moveCursor(+1); }
    else if (ev.key === "k") { ev.preventDefault(); moveCursor(-1); }
    else if (ev.key === "f") { ev.preventDefault(); nextFinding(); }
    else if (ev.key === "?") { ev.preventDefault(); $("keys").showModal(); }
    else if (ev.key === "e") {
      var ids = statementIndexes();
      var which = state.current !== null ? state.current : ids[state.cursor];
      if (which !== undefined) { ev.preventDefault(); editStatement(which); }
    } else if (ev.key === "s") {
      var open = openFindings();
      if (state.findingCursor >= 0 && open[state.findingCursor] !== undefined) {
        ev.preventDefault();
        askSuppress(open[state.findingCursor]);
      }
    } else if ((ev.key === "Enter" || ev.key === " ") &&
               !(t instanceof Element && !onStatement && t.closest("button, a, summary, label, [tabindex]:not(#panel-body)"))) {
      var ids2 = statementIndexes();
      var target = onStatement ? t.getAttribute("data-statement") : ids2[state.cursor];
      if (target !== undefined && target !== null) {
        ev.preventDefault();
        select(target, {});
        panelBody.focus({ preventScroll: true });
      }
    }
  });

  setState("loading", "Waiting for the model…");
  waitReady();
  root.setAttribute("data-js-ready", "1");
})();
