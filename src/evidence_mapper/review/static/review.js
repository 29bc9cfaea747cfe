// Keyboard shortcuts for the accept/reject loop and text selection for new evidence.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function arm(b) {
    b.classList.add("armed");
    var c = document.getElementById("confirm-accept");
    if (c) c.hidden = false;
    b.focus();
  }
  function disarm() {
    var b = document.getElementById("btn-accept");
    if (b) b.classList.remove("armed");
    var c = document.getElementById("confirm-accept");
    if (c) c.hidden = true;
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    var k = ev.key;
    if (k === "Escape") {
      disarm();
      return;
    }
    if (k === "a") {
      var b = document.getElementById("btn-accept");
      if (!b || b.disabled) return;
      ev.preventDefault();
      // the first press arms, a second one decides: a stray key never accepts
      if (b.classList.contains("armed")) { disarm(); b.form.submit(); }
      else { arm(b); }
    } else if (k === "r") {
      var r = document.getElementById("reject-reason");
      if (r) { ev.preventDefault(); r.focus(); }
    } else if (k === "o") {
      var o = document.getElementById("override-level");
      if (o) { ev.preventDefault(); o.focus(); }
    } else if (k === "c") {
      var c = document.getElementById("comment-text");
      if (c) { ev.preventDefault(); c.focus(); }
    } else if (k === "n") {
      var n = document.getElementById("next-link");
      if (n) { ev.preventDefault(); window.location = n.href; }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    // bring the marked span (and its box on the page image) into view and flash it
    var mark = document.getElementById("span");
    if (mark && mark.textContent.trim()) {
      var box = mark.closest("pre");
      if (box) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
      var r = mark.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) window.scrollBy(0, r.top - window.innerHeight / 3);
      mark.classList.add("flash");
      var hl = document.getElementById("highlight");
      if (hl) hl.classList.add("flash-box");
    }
    var pre = document.getElementById("pagetext");
    var start = document.getElementById("sel-start");
    var end = document.getElementById("sel-end");
    var quote = document.getElementById("sel-quote");
    if (!pre || !start || !end) return;
    pre.addEventListener("mouseup", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      var range = sel.getRangeAt(0);
      if (!pre.contains(range.startContainer) || !pre.contains(range.endContainer)) return;
      var pre0 = document.createRange();
      pre0.selectNodeContents(pre);
      pre0.setEnd(range.startContainer, range.startOffset);
      var s = pre0.toString().length;
      var text = range.toString();
      start.value = s;
      end.value = s + text.length;
      if (quote) quote.textContent = text.slice(0, 300);
      document.querySelectorAll("input[name=passage_id]").forEach(function (r) { r.checked = false; });
    });
  });
})();
