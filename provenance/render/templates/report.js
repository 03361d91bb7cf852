(function () {
  "use strict";
  var root = document.documentElement;

  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var empty = document.getElementById("panel-empty");
  var current = null;

  function statementEl(i) {
    return document.getElementById("s-" + i);
  }

  function setHash(value) {
    try {
      history.replaceState(null, "", value ? "#select=" + value : location.pathname + location.search);
    } catch (e) {
      /* some file: URLs refuse history changes; the selection still works */
    }
  }

  function close(restoreFocus) {
    if (current !== null) {
      var el = statementEl(current);
      if (el) {
        el.setAttribute("aria-expanded", "false");
        if (restoreFocus) el.focus();
      }
    }
    current = null;
    body.textContent = "";
    body.hidden = true;
    empty.hidden = false;
    panel.setAttribute("data-selected", "");
    setHash("");
  }

  function select(i, opts) {
    opts = opts || {};
    var tpl = document.getElementById("tpl-" + i);
    if (!tpl) return false;
    if (current !== null) {
      var prev = statementEl(current);
      if (prev) prev.setAttribute("aria-expanded", "false");
    }
    current = String(i);
    body.textContent = "";
    body.appendChild(document.importNode(tpl.content, true));
    body.hidden = false;
    empty.hidden = true;
    panel.setAttribute("data-selected", current);
    var el = statementEl(current);
    if (el) {
      el.setAttribute("aria-expanded", "true");
      if (opts.scroll) el.scrollIntoView({ block: "center" });
    }
    panel.scrollTop = 0;
    if (opts.focusPanel) body.focus();
    setHash(current);
    return true;
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var st = t.closest(".st[data-statement]");
    if (st) {
      if (current === st.getAttribute("data-statement")) {
        close(false);
      } else {
        select(st.getAttribute("data-statement"), { focusPanel: st.getAttribute("data-kbd") === "1" });
      }
      st.removeAttribute("data-kbd");
      return;
    }
    var btn = t.closest("[data-select]");
    if (btn) {
      var i = btn.getAttribute("data-select");
      if (select(i, { scroll: true })) {
        var el = statementEl(i);
        if (el) el.focus({ preventScroll: true });
      }
      return;
    }
    if (t.closest("[data-close]")) close(true);
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.key === "Escape" && current !== null) {
      close(true);
      return;
    }
    if (!(t instanceof Element) || !t.matches(".st[data-statement]")) return;
    if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") {
      ev.preventDefault();
      t.setAttribute("data-kbd", "1");
      t.click();
    }
  });

  var download = document.getElementById("download-json");
  if (download) {
    download.addEventListener("click", function () {
      var data = document.getElementById("report-data").textContent;
      var pretty = JSON.stringify(JSON.parse(data), null, 2) + "\n";
      var url = URL.createObjectURL(new Blob([pretty], { type: "application/json" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = download.getAttribute("data-filename") || "report.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  }

  var m = /^#select=(\d+)$/.exec(location.hash);
  if (m) {
    var target = statementEl(m[1]);
    if (target) {
      target.click();
    }
  }
  root.setAttribute("data-js-ready", "1");
})();
