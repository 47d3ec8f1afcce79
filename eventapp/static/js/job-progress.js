/* A job in the background (a PDF report, an import): follows its progress until it is over.
   The page holds #job (data-status-url; data-reload-when-done to show the result rendered by
   the server), #job-label, #job-bar, #job-wait, and optionally #job-download and #job-error. */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var bar = document.getElementById("job-bar");
  function toggle(id, hidden) {
    var element = document.getElementById(id);
    if (element) { element.hidden = hidden; }
  }
  function show(state) {
    document.getElementById("job-label").textContent = state.label;
    bar.style.width = state.progress + "%";  // CSSOM: allowed by the Content-Security-Policy
    bar.textContent = state.progress + "%";
    bar.parentNode.setAttribute("aria-valuenow", state.progress);
    var busy = state.status === "queued" || state.status === "running";
    toggle("job-wait", !busy);
    toggle("job-download", state.status !== "done");
    toggle("job-error", state.status !== "failed");
    toggle("job-no-worker", !state.no_worker);
    if (state.error) {
      var text = document.getElementById("job-error-text");
      if (text) { text.textContent = state.error; }
    }
    if (!busy && box.dataset.reloadWhenDone) { window.location.reload(); }
    return busy;
  }
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (state) { if (show(state)) { setTimeout(poll, 1500); } })
      .catch(function () { setTimeout(poll, 4000); });
  }
  bar.style.width = bar.dataset.progress + "%";
  if (!document.getElementById("job-wait").hidden) { setTimeout(poll, 800); }
})();
