/* Multaqa: small behaviours of every page, kept out of the templates (the Content-Security-
 * Policy allows no inline script or handler). Each works from a data-* attribute:
 *   <form data-confirm="Question?">   asks before sending (cancelled: nothing is sent);
 *   <input type="checkbox" data-check-all="ids">   ticks every input[name=ids] of its form;
 *   <input data-select-on-click>   selects its text when clicked (links to copy). */
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
})();
