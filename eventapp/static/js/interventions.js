/* Multaqa interventions: the live view and the facilitator's console.
 * Both poll the session's JSON state with If-None-Match (answered 304 while nothing changed);
 * clocks tick here, from the server's start time, corrected for this device's clock. */
(function () {
  "use strict";

  var POLL_MS = 2000;

  function digits(text, arabic) {
    text = String(text);
    return arabic ? text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }) : text;
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = (h ? String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
    return h ? h + ":" + mm : mm;
  }

  /* Poll `url` every POLL_MS; call onChange(data) when the state changed, onTime(serverIso)
   * with the server's time sent with every answer (200 or 304). */
  function poller(url, onChange, onStatus, onTime) {
    var etag = null;
    var busy = false;
    var resumeAt = 0;  // after a 429, wait as long as the server's Retry-After says
    function tick() {
      if (busy || document.hidden || Date.now() < resumeAt) { return; }
      busy = true;
      var headers = { "Accept": "application/json" };
      if (etag) { headers["If-None-Match"] = etag; }
      fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 429) {
            var wait = parseInt(response.headers.get("Retry-After"), 10) || 10;
            resumeAt = Date.now() + wait * 1000;
            throw new Error("429");
          }
          if (onStatus) { onStatus(true); }
          if (onTime && response.headers.get("X-Server-Time")) {
            onTime(response.headers.get("X-Server-Time"));
          }
          if (response.status === 304) { return null; }
          if (!response.ok) { throw new Error(String(response.status)); }
          etag = response.headers.get("ETag");
          return response.json();
        })
        .then(function (data) { if (data) { onChange(data); } })
        .catch(function () { if (onStatus) { onStatus(false); } })
        .then(function () { busy = false; });
    }
    tick();
    return setInterval(tick, POLL_MS);
  }

  function serverOffset(nowIso) {
    var server = Date.parse(nowIso);
    return isNaN(server) ? 0 : server - Date.now();
  }

  /* ---- live view ---- */
  function liveView(root) {
    var arabic = root.dataset.arabicDigits === "true";
    var offset = serverOffset(root.dataset.now);
    var clockEl = document.getElementById("live-clock");
    var labelEl = document.getElementById("live-clock-label");

    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) { node.className = cls; }
      if (text) { node.textContent = text; }
      return node;
    }

    function renderCurrent(c) {
      var box = document.getElementById("live-current");
      box.replaceChildren();
      if (!c) {
        box.appendChild(el("p", "live-empty", box.dataset.empty));
        clockEl.dataset.started = "";
        clockEl.dataset.limit = "";
        return;
      }
      box.appendChild(el("p", "live-speaker mb-1", c.speaker));
      box.appendChild(el("p", "live-org mb-1", c.organisation));
      var topic = el("p", "live-topic mb-2", c.topic + " ");
      topic.appendChild(el("span", "live-mode", "· " + c.mode_label));
      box.appendChild(topic);
      clockEl.dataset.started = c.started_at || "";
      clockEl.dataset.limit = c.limit_seconds || "";
    }

    function renderNext(n) {
      var box = document.getElementById("live-next");
      box.replaceChildren();
      if (!n) { box.appendChild(el("p", "live-empty", box.dataset.empty)); return; }
      box.appendChild(el("p", "live-speaker-next mb-0", n.speaker));
      box.appendChild(el("p", "live-org mb-0", n.organisation));
    }

    function renderQueue(queue) {
      var list = document.getElementById("live-queue");
      list.replaceChildren();
      queue.forEach(function (q) {
        var li = el("li");
        li.appendChild(el("span", "live-q-speaker", q.speaker));
        if (q.organisation) { li.appendChild(el("span", "live-q-org", " — " + q.organisation)); }
        li.appendChild(el("span", "live-q-mode", " " + q.mode_label));
        list.appendChild(li);
      });
      document.getElementById("live-waiting").textContent = digits(queue.length, arabic);
    }

    function render(data) {
      root.dataset.version = data.version;
      document.getElementById("live-title").textContent = data.title;
      var status = document.getElementById("live-list-status");
      status.textContent = data.finished ? status.dataset.finished
        : (data.list_open ? status.dataset.open : status.dataset.closed);
      renderCurrent(data.current);
      renderNext(data.next);
      renderQueue(data.queue);
      tickClock();
    }

    function tickClock() {
      var started = Date.parse(clockEl.dataset.started || "");
      if (isNaN(started)) { clockEl.textContent = ""; labelEl.textContent = ""; return; }
      var limit = parseInt(clockEl.dataset.limit || "0", 10);
      var elapsed = (Date.now() + offset - started) / 1000;
      clockEl.textContent = digits(clock(elapsed), arabic);
      clockEl.classList.toggle("over", limit > 0 && elapsed > limit);
      labelEl.textContent = limit ? (elapsed > limit ? labelEl.dataset.over + " · " : "") +
        labelEl.dataset.elapsed + " " + digits(clock(limit), arabic) : "";
    }

    var connection = document.getElementById("live-connection");
    poller(root.dataset.pollUrl, render, function (ok) {
      connection.textContent = ok ? "" : connection.dataset.offline;
    }, function (serverIso) { offset = serverOffset(serverIso); });
    tickClock();
    setInterval(tickClock, 500);
  }

  /* ---- the facilitator's console ---- */
  function consoleView(root) {
    var arabic = root.dataset.arabicDigits === "true";
    var alertBox = document.getElementById("console-alert");
    var KEY = "multaqa-console-message";

    function showMessage(text, kind) {
      alertBox.replaceChildren();
      var div = document.createElement("div");
      div.className = "alert alert-" + kind;
      div.textContent = text;
      alertBox.appendChild(div);
    }

    var kept = sessionStorage.getItem(KEY);
    if (kept) {
      sessionStorage.removeItem(KEY);
      var parsed = JSON.parse(kept);
      showMessage(parsed.text, parsed.kind);
    }

    function reloadWith(text, kind) {
      if (text) { sessionStorage.setItem(KEY, JSON.stringify({ text: text, kind: kind })); }
      window.location.reload();
    }

    // Actions go through fetch: a refused or stale action shows its message, nothing changes.
    root.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList.contains("console-form") || event.defaultPrevented) { return; }
      event.preventDefault();
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
      // getAttribute: the form has an input named "action", which shadows form.action.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      }).then(function (result) {
        if (result.status === 200) { reloadWith(result.data.message, "success"); }
        else if (result.status === 409) { reloadWith(result.data.message, "warning"); }
        else { reloadWith(result.data.message, "danger"); }
      }).catch(function () { form.submit(); });
    });

    // The countdown of whoever is speaking.
    var countdown = document.getElementById("countdown");
    if (countdown) {
      var label = document.getElementById("countdown-label");
      var started = Date.parse(countdown.dataset.started);
      var limit = parseInt(countdown.dataset.limit, 10);
      var tick = function () {
        var elapsed = (Date.now() - started) / 1000;
        var remaining = limit - elapsed;
        countdown.textContent = (remaining < 0 ? "+" : "") + digits(clock(Math.abs(remaining)), arabic);
        countdown.classList.toggle("over", remaining < 0);
        label.textContent = (remaining < 0 ? label.dataset.over : label.dataset.remaining) +
          " · " + digits(clock(elapsed), arabic) + " / " + digits(clock(limit), arabic);
      };
      tick();
      setInterval(tick, 500);
    }

    // Another facilitator changed the queue: show it (unless this one is typing).
    var version = parseInt(root.dataset.version, 10);
    poller(root.dataset.pollUrl, function (data) {
      if (data.version === version) { return; }
      var active = document.activeElement;
      var typing = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" ||
        active.tagName === "SELECT") && active.value;
      var menuOpen = root.querySelector("details.reason-menu[open]");
      if (typing || menuOpen) {
        showMessage(root.dataset.staleMessage, "warning");
      } else {
        reloadWith(null);
      }
    });
  }

  /* ---- a participant's page: follow the queue, reload when it changes (unless typing) ---- */
  function participantView(root) {
    var version = parseInt(root.dataset.version, 10);
    poller(root.dataset.pollUrl, function (data) {
      if (data.version === version) { return; }
      var active = document.activeElement;
      var typing = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" ||
        active.tagName === "SELECT");
      if (!typing && !document.querySelector("#my-interventions details[open]")) {
        window.location.reload();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var watch = document.getElementById("participant-watch");
    if (watch) { participantView(watch); }
    var live = document.getElementById("live");
    if (live) { liveView(live); }
    var console_ = document.getElementById("console");
    if (console_) { consoleView(console_); }
  });
})();
