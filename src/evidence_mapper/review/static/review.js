// Keyboard shortcuts for the accept/reject loop and text selection for new evidence.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    var k = ev.key;
    if (k === "a") {
      var b = document.getElementById("btn-accept");
      if (b && !b.disabled) { ev.preventDefault(); b.form.submit(); }
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
