/* The public agenda on a phone: day tabs, instant filters, "now" and "next", the reader's
   local time when their time zone differs from the event's. The page works without it. */
(function () {
  "use strict";

  // What the search compares: the rule of eventapp/search_text.py (fold), letter for letter.
  // The server folds each session's text; the page folds the typed words the same way
  // (tests/browser/test_search_fold.py compares the two).
  var DROPPED = new RegExp("[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff" +
    "\\ufe20-\\ufe2f\\u0610-\\u061a\\u064b-\\u065f\\u0670\\u0674\\u06d6-\\u06ed\\u08d3-\\u08ff" +
    "\\u0640\\u00ad\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]", "g");
  var SPACES = new RegExp("[\\u0009-\\u000d\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a" +
    "\\u2028-\\u2029\\u202f\\u205f\\u3000]+", "g");
  var LETTERS_FROM = "ٱٲٳىیکةۃ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ØøŁłĐđÐðĦħŦŧıŊỺỼỾ";
  var LETTERS_TO = "اااييكهه01234567890123456789oollddddhhttiŋỻỽỿ";
  var REPLACED = {
    "ß": "ss", "ẞ": "ss", "Æ": "ae", "æ": "ae", "Œ": "oe", "œ": "oe", "Þ": "th", "þ": "th"
  };
  var LETTERS = new RegExp("[" + LETTERS_FROM + Object.keys(REPLACED).join("") + "]", "g");
  LETTERS_FROM.split("").forEach(function (c, n) { REPLACED[c] = LETTERS_TO[n]; });

  function fold(text) {
    return (text || "").normalize("NFKD").replace(DROPPED, "").toLowerCase()
      .replace(LETTERS, function (c) { return REPLACED[c]; })
      .replace(SPACES, " ").replace(/^ +| +$/g, "");
  }
  window.multaqaFold = fold;

  var root = document.querySelector(".agenda");
  if (!root) { return; }
  var sessions = Array.prototype.slice.call(root.querySelectorAll(".agenda-session"));
  var days = Array.prototype.slice.call(root.querySelectorAll(".agenda-day"));
  var tabs = Array.prototype.slice.call(root.querySelectorAll("[data-day-tab]"));
  var lang = document.documentElement.lang || "ar";

  // Day tabs: one day at a time when there are several (all of them in print, and all days
  // with a match while searching).
  var currentDay = null;
  function showDay(id) {
    if (!tabs.length) { return; }
    currentDay = id;
    days.forEach(function (d) {
      d.classList.toggle("agenda-hidden-day", d.dataset.day !== id);
      d.hidden = false;
    });
    tabs.forEach(function (t) {
      var on = t.dataset.dayTab === id;
      t.classList.toggle("active", on);
      t.setAttribute("aria-selected", on ? "true" : "false");
    });
  }
  function showMatchingDays() {
    days.forEach(function (d) {
      d.classList.remove("agenda-hidden-day");
      d.hidden = !d.querySelector(".agenda-session:not([hidden])");
    });
    tabs.forEach(function (t) {
      t.classList.remove("active");
      t.setAttribute("aria-selected", "false");
    });
  }
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function (ev) {
      ev.preventDefault();
      showDay(tab.dataset.dayTab);
      if (history.replaceState) { history.replaceState(null, "", "#day-" + tab.dataset.dayTab); }
    });
  });

  // Filters apply at once; the form still works without script (server-side filtering).
  var form = document.querySelector(".agenda-filters");
  function applyFilters() {
    if (!form) { return; }
    var q = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    var room = form.elements.room.value, kind = form.elements.kind.value,
      day = form.elements.day.value;
    var shown = 0;
    sessions.forEach(function (s) {
      var ok = (!room || s.dataset.room === room) && (!kind || s.dataset.kind === kind) &&
        (!day || s.dataset.day === day) &&
        q.every(function (w) { return s.dataset.search.indexOf(w) !== -1; });
      s.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var empty = root.querySelector(".agenda-empty");
    if (empty) { empty.classList.toggle("d-none", shown > 0); }
    if (day) {
      showDay(day);
    } else if (q.length || room || kind) {
      showMatchingDays();
    } else if (currentDay) {
      showDay(currentDay);
    }
  }
  if (form && root.dataset.filtered !== "1") {
    // Filters apply as one types: the buttons are for browsers without script.
    var buttons = form.querySelector(".agenda-filter-buttons");
    if (buttons) { buttons.classList.add("d-none"); }
    ["input", "change"].forEach(function (name) { form.addEventListener(name, applyFilters); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); applyFilters(); });
  }

  // Now and next, refreshed every minute.
  function markLive() {
    var now = Date.now(), next = null;
    sessions.forEach(function (s) {
      var start = Date.parse(s.dataset.start), end = Date.parse(s.dataset.end);
      var badge = s.querySelector(".agenda-live");
      s.classList.remove("is-now", "is-next");
      badge.classList.add("d-none");
      if (start <= now && now < end && s.dataset.kind !== "break") {
        s.classList.add("is-now");
        badge.textContent = root.dataset.nowLabel;
        badge.className = "badge agenda-live text-bg-success";
      } else if (start > now && (next === null || start < next.start)) {
        next = { start: start, el: s };
      }
    });
    sessions.forEach(function (s) {
      if (next && Date.parse(s.dataset.start) === next.start) {
        var badge = s.querySelector(".agenda-live");
        s.classList.add("is-next");
        badge.textContent = root.dataset.nextLabel;
        badge.className = "badge agenda-live text-bg-info";
      }
    });
  }

  // The reader's own time when their zone differs from the event's.
  function localTimes() {
    var zoneEl = document.querySelector(".agenda-zone");
    var note = document.querySelector(".agenda-zone-note");
    if (!zoneEl || !window.Intl) { return; }
    var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var theirs = zoneEl.dataset.zone;
    if (!mine || mine === theirs) { return; }
    var sample = new Date(sessions.length ? sessions[0].dataset.start : Date.now());
    var offset = function (zone) {
      var p = new Intl.DateTimeFormat("en-US", { timeZone: zone, hour12: false,
        year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric"
      }).formatToParts(sample).reduce(function (acc, x) { acc[x.type] = x.value; return acc; }, {});
      return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - sample.getTime();
    };
    try { if (offset(mine) === offset(theirs)) { return; } } catch (e) { return; }
    // The device's zone named in the reader's language ("توقيت لندن"), not "Europe/London".
    var named = mine;
    try {
      var part = new Intl.DateTimeFormat(lang === "ar" ? "ar" : "en-GB", { timeZone: mine,
        timeZoneName: "longGeneric" }).formatToParts(sample).filter(function (x) {
        return x.type === "timeZoneName"; })[0];
      if (part) { named = part.value; }
    } catch (e) { named = mine; }
    if (note) {
      note.textContent = note.dataset.text.replace("__ZONE__", named);
      note.classList.remove("d-none");
    }
    // Digits as the event asks for them (data-digits: "arab" for ١٢:٣٠, else "latn").
    var locale = lang === "ar" ? "ar-u-nu-" + (zoneEl.dataset.digits === "arab" ? "arab" : "latn") : "en-GB";
    var fmt = new Intl.DateTimeFormat(locale,
      { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: mine });
    var dayFmt = new Intl.DateTimeFormat(lang === "ar" ? locale : lang, { weekday: "short", timeZone: mine });
    sessions.forEach(function (s) {
      var el = s.querySelector(".local-time");
      var start = new Date(s.dataset.start), end = new Date(s.dataset.end);
      // Isolated runs keep "22:00–23:30" and the zone's name in order inside Arabic text.
      var range = document.createElement("bdi");
      range.dir = "ltr";
      range.textContent = fmt.format(start) + "–" + fmt.format(end);
      var zoneName = document.createElement("bdi");
      zoneName.textContent = named;
      el.textContent = "";
      el.append("(" + dayFmt.format(start) + " ", range, " ", zoneName, ")");
      el.classList.remove("d-none");
    });
  }

  var initial = null;
  if (location.hash.indexOf("#day-") === 0) { initial = location.hash.slice(5); }
  if (location.hash.indexOf("#session-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { initial = target.dataset.day; }
  }
  if (!initial) {
    var today = new Date().toISOString().slice(0, 10);
    tabs.forEach(function (t) { if (t.dataset.date === today) { initial = t.dataset.dayTab; } });
  }
  if (!initial && tabs.length) { initial = tabs[0].dataset.dayTab; }
  if (initial) { showDay(initial); }
  markLive();
  localTimes();
  window.setInterval(markLive, 60000);
})();
