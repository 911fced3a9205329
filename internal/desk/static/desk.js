// Stormwatch desk: keyboard shortcuts and live arrivals. Everything here
// only enhances pages that work without it.
(function () {
  "use strict";

  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".q-item")); }
  function current() {
    var a = document.activeElement;
    return a && a.closest ? a.closest(".q-item") : null;
  }
  function focusRow(r) {
    if (!r) return;
    r.focus();
    r.scrollIntoView({ block: "nearest" });
  }
  function move(step) {
    var list = rows();
    if (!list.length) return;
    var i = list.indexOf(current());
    focusRow(list[Math.max(0, Math.min(list.length - 1, i < 0 ? 0 : i + step))]);
  }
  function press(key) {
    var scope = current() || document.querySelector(".item-actions");
    if (!scope) return false;
    var el = scope.querySelector('[data-key="' + key + '"]');
    if (!el || el.disabled) return false;
    el.click();
    return true;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    switch (ev.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "x": {
        var r = current(), box = r && r.querySelector('input[type="checkbox"]');
        if (box) box.checked = !box.checked;
        break;
      }
      case "?": {
        var help = document.getElementById("help");
        if (help) { help.open = !help.open; if (help.open) help.querySelector("summary").focus(); }
        break;
      }
      case "h": case "a": case "e": case "r": case "o":
        if (!press(ev.key)) return;
        break;
      default: return;
    }
    ev.preventDefault();
  });

  // After htmx swaps a row, keep the keyboard where it was.
  document.addEventListener("htmx:afterSwap", function (ev) {
    var el = ev.detail && ev.detail.target;
    var id = el && el.id;
    if (id) {
      var again = document.getElementById(id);
      if (again && again.classList.contains("q-item")) again.focus();
    }
  });

  // Live arrivals: the server says "item <id>"; fetch the newer rows with
  // the page's filters and put them on top.
  function live() {
    var list = document.getElementById("queue-list");
    if (!list || !window.EventSource || list.dataset.live === undefined) return;
    var src = new EventSource(list.dataset.events);
    var busy = false, again = false;
    function fetchNew() {
      if (busy) { again = true; return; }
      busy = true;
      fetch(list.dataset.rows + "&after=" + encodeURIComponent(list.dataset.max || "0"), { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          var tpl = document.createElement("template");
          tpl.innerHTML = html.trim();
          var added = tpl.content.querySelectorAll(".q-item");
          if (added.length) {
            var max = Number(list.dataset.max || 0);
            added.forEach(function (n) { max = Math.max(max, Number(n.dataset.id)); n.classList.add("new"); });
            list.dataset.max = String(max);
            list.insertBefore(tpl.content, list.firstChild);
            if (window.htmx) window.htmx.process(list);
            var msg = document.getElementById("live");
            if (msg) msg.textContent = (list.dataset.live || "%d").replace("%d", added.length);
            var empty = document.querySelector(".empty");
            if (empty) empty.remove();
          }
        })
        .catch(function () {})
        .finally(function () { busy = false; if (again) { again = false; fetchNew(); } });
    }
    src.addEventListener("item", fetchNew);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", live); else live();
})();
