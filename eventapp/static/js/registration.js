/* The public registration form: days a category may not attend are disabled as the category
 * changes (the server checks too). The days each category may attend come in the form's
 * data-category-days attribute (JSON: {category: [day id, ...]}). */
(function () {
  "use strict";
  var form = document.getElementById("registration-form");
  if (!form || !form.dataset.categoryDays) { return; }
  var allowed = JSON.parse(form.dataset.categoryDays);
  var select = form.querySelector('select[name="category"]');
  var hidden = form.querySelector('input[type="hidden"][name="category"]');
  var note = document.getElementById("category-days-note");
  function update() {
    var category = select ? select.value : (hidden ? hidden.value : null);
    var days = allowed[category] || [];
    var limited = false;
    form.querySelectorAll('input[name="day_ids"]').forEach(function (box) {
      var ok = days.indexOf(parseInt(box.value, 10)) !== -1;
      box.disabled = !ok;
      if (!ok) { box.checked = false; limited = true; }
    });
    if (note) { note.hidden = !limited; }
  }
  if (select) { select.addEventListener("change", update); }
  update();
})();
