/* Multaqa: small behaviours of every page, kept out of the templates (the Content-Security-
 * Policy allows no inline script or handler). Each works from a data-* attribute:
 *   <form data-confirm="Question?">   asks before sending (cancelled: nothing is sent);
 *   <input type="checkbox" data-check-all="ids">   ticks every input[name=ids] of its form;
 *   <input data-select-on-click>   selects its text when clicked (links to copy);
 *   .tab-scroller: its current tab scrolled into view; a wide .table-responsive focusable. */
(function () {
  "use strict";

  // Capture phase: the question comes before any other submit handler (the console's fetch),
  // which sees the cancelled event as defaultPrevented.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var box = event.target;
    var name = box.getAttribute && box.getAttribute("data-check-all");
    if (!name) { return; }
    var scope = box.form || document;
    Array.prototype.forEach.call(scope.querySelectorAll("input[type=checkbox]"), function (b) {
      if (b.name === name) { b.checked = box.checked; }
    });
  });

  document.addEventListener("click", function (event) {
    var input = event.target;
    if (input.hasAttribute && input.hasAttribute("data-select-on-click")) { input.select(); }
  });

  // Tab bars that scroll sideways (.tab-scroller, a phone): the current tab is brought into
  // the middle of its bar, in either direction (scrollLeft is negative in RTL, so a relative
  // move serves both), without moving the page.
  Array.prototype.forEach.call(document.querySelectorAll(".tab-scroller"), function (bar) {
    var active = bar.querySelector(".active, [aria-current=page]");
    if (!active || bar.scrollWidth <= bar.clientWidth) { return; }
    var barBox = bar.getBoundingClientRect();
    var tabBox = active.getBoundingClientRect();
    bar.scrollLeft += (tabBox.left + tabBox.width / 2) - (barBox.left + barBox.width / 2);
  });

  // A table wider than a phone scrolls inside .table-responsive: without a focusable cell,
  // keyboard users could not scroll it, so the region itself takes the focus.
  Array.prototype.forEach.call(document.querySelectorAll(".table-responsive"), function (box) {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
    }
  });
})();
