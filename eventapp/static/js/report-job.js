/* A report prepared in the background: follows its progress until the PDF is ready. */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var bar = document.getElementById("job-bar");
  function show(state) {
    document.getElementById("job-label").textContent = state.label;
    bar.style.width = state.progress + "%";  // CSSOM: allowed by the Content-Security-Policy
    bar.textContent = state.progress + "%";
    bar.parentNode.setAttribute("aria-valuenow", state.progress);
    var busy = state.status === "queued" || state.status === "running";
    document.getElementById("job-wait").hidden = !busy;
    document.getElementById("job-download").hidden = state.status !== "done";
    document.getElementById("job-error").hidden = state.status !== "failed";
    document.getElementById("job-no-worker").hidden = !state.no_worker;
    if (state.error) { document.getElementById("job-error-text").textContent = state.error; }
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
