"""Every endpoint and method of app.url_map, fuzzed as a user who may use it.

GETs get hostile query strings; POSTs get the real fields of the forms that post to them (read
from the pages that hold those forms) filled with hostile values, plus missing, repeated and
unknown fields, with a valid CSRF token. URL parts (slugs, tokens, codes, ids) are sometimes
hostile too. Asserted for every example: no 5xx (an exception is a failure naming the endpoint
and payload); a refused request (4xx, or the form shown again with errors) leaves the database
as it was (every table, every row); a form shown again keeps the text typed in it, escaped.
"""

from __future__ import annotations

import os
import time
import traceback
from collections import Counter, defaultdict
from urllib.parse import quote, urlencode

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from eventapp.auth.access_rules import Rule, rule_for
from eventapp.extensions import db
from eventapp.inputs import without_control_characters
from eventapp.interventions.forms import RequestForm
from tests.fuzz import strategies as fs
from tests.fuzz.forms import TEXT_KINDS, form_class_fields, post_forms
from tests.world import (
    ALLOWED,
    ROLES,
    Database,
    build_world,
    client_as,
    fill,
    is_login,
    routes,
)

ONLY = os.environ.get("FUZZ_ONLY", "")
CLASSES = ("public GET", "participant", "staff forms", "console actions", "API")
# A form shown again with its errors (templates/macros/forms.html).
ERROR_MARKS = ("invalid-feedback", "alert-danger")
# Endpoints that sign the browser out, change its language or erase its participant.
RESETS_CLIENT = {"auth.logout", "main.set_language", "registration.erase"}
# URLs and endpoints of files, which hold no form (and PDFs take long to make).
NOT_PAGES = (
    ".pdf",
    ".ics",
    ".json",
    ".csv",
    ".xlsx",
    "_pdf",
    "_ics",
    "badges",
    "certificates",
    "export",
    "report",
    "download",
    "my_data",
    "live_poll",
    "job_status",
)
# POSTs whose form no page of the world shows: their fields come from the view's form class.
FORM_CLASSES = {"interventions.request_to_speak": RequestForm}
PATH_TEXT = st.one_of(fs.mixed_text, fs.nasty_text, fs.ints.map(str))


def endpoint_class(endpoint: str, method: str, rule: Rule) -> str:
    if endpoint.startswith("api."):
        return "API"
    if endpoint.startswith("interventions.") and rule in (Rule.SESSION_RUN, Rule.SESSION_REPORT):
        return "console actions"
    if rule in (Rule.PERSONAL_LINK, Rule.PARTICIPANT):
        return "participant"
    if rule in (Rule.PUBLIC, Rule.STATIC, Rule.PUBLISHED_EVENT):
        # Public forms (sign-up, sending the link again, signing in) are the participant's side.
        return "public GET" if method == "GET" else "participant"
    return "staff forms"


def role_for(rule: Rule) -> str:
    """The least privileged kind of user the rule lets in."""
    return next(role for role in ROLES if role in ALLOWED[rule])


class Fuzzer:
    def __init__(self, app):
        self.app = app
        self.world = build_world()
        self.database = Database()
        self.clients = {role: client_as(app, self.world, role) for role in ROLES}
        self.forms: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.failures: list[str] = []
        self.examples: Counter = Counter()
        self.endpoints: dict[str, set] = defaultdict(set)
        self.without_form: list[str] = []
        self.outcomes: Counter = Counter()  # accepted, refused, shown again (text checked)

    # -- the targets -------------------------------------------------------------------------
    def targets(self):
        for rule, method in routes(self.app):
            declared = rule_for(rule.endpoint, rule.rule, method)
            if declared is None:
                continue  # tests/auth/test_access_matrix.py names it
            role = role_for(declared)
            url = fill(rule.rule, self.world["args"], rule.endpoint)
            query = {}
            if declared is Rule.PARTICIPANT and role == "participant":
                query["t"] = self.world["args"]["token"]
            yield {
                "rule": rule,
                "endpoint": rule.endpoint,
                "method": method,
                "role": role,
                "url": url,
                "query": query,
                "class": endpoint_class(rule.endpoint, method, declared),
            }

    def read_forms(self, targets) -> None:
        """As each kind of user that sends POSTs, GET every page it may open and note the POST
        forms the page holds, by where they post."""
        posting = {t["role"] for t in targets if t["method"] == "POST"}
        seen = set()
        for target in targets:
            rule = rule_for(target["endpoint"], target["rule"].rule, "GET")
            if target["method"] != "GET" or target["endpoint"] in RESETS_CLIENT | {"static"}:
                continue
            if target["url"].endswith(NOT_PAGES) or target["endpoint"].endswith(NOT_PAGES):
                continue  # files (PDF, calendars, spreadsheets, JSON): no form in them
            for role in posting & ALLOWED[rule]:
                if (role, target["url"]) in seen:
                    continue
                seen.add((role, target["url"]))
                query = {"t": self.world["args"]["token"]} if role == "participant" else {}
                response = self.get(role, target["url"], query)
                if "html" not in (response.content_type or ""):
                    continue
                for form in post_forms(response.get_data(as_text=True), target["url"]):
                    self.forms[(role, form["action"])].append(form)

    # -- requests ----------------------------------------------------------------------------
    def client(self, role):
        client = self.clients[role]
        client._fresh_request_state()
        return client

    def get(self, role, url, query):
        qs = urlencode(query, doseq=True)
        return self.client(role).raw.get(url + ("?" + qs if qs else ""))

    def send(self, target, path_change, query_pairs, form, payload) -> None:
        role, endpoint, method = target["role"], target["endpoint"], target["method"]
        url = target["url"]
        if path_change is not None:
            name, value = path_change
            if name == "code" and endpoint == "registration.invitation":
                name = "_invitation_code"
            values = {**self.world["args"], name: quote(value, safe="")}
            url = fill(target["rule"].rule, values, endpoint)
        query = list(target["query"].items()) + list(query_pairs)
        qs = urlencode(query)
        full = url + ("?" + qs if qs else "")
        where = f"{endpoint} {method} {full[:300]!r} as {role}"
        if payload is not None:
            where += f" payload={_short(payload)}"
        before = self.database.rows() if method == "POST" else None
        self.examples[target["class"]] += 1
        self.endpoints[target["class"]].add(f"{endpoint} {method}")
        client = self.client(role)
        try:
            if method == "GET":
                response = client.raw.get(full)
            else:
                data = [("csrf_token", client.token)] + list(payload or [])
                response = client.raw.post(
                    full, data=_multidict(data), content_type=_content_type(form)
                )
        except Exception as error:  # TESTING propagates the view's exception: a failure
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            self.failures.append(f"exception {last[:300]} for {where}")
            db.session.rollback()
            self._reset(role, endpoint)
            return
        status = response.status_code
        if status >= 500:
            self.failures.append(f"{status} for {where}")
        html = response.get_data(as_text=True) if "html" in (response.content_type or "") else ""
        # The form shown again with its errors (200, or 400/403/409 with the page and the form;
        # not an error page without the form, such as the 404 of a hostile URL).
        shown_again = (
            method == "POST"
            and status < 500
            and any(m in html for m in ERROR_MARKS)
            and any(f'name="{f["name"]}"' in html for f in (form or {}).get("fields", []))
        )
        refused = 400 <= status < 500 or shown_again
        self.outcomes["shown again" if shown_again else "refused" if refused else "answered"] += 1
        if before is not None and refused and self.database.rows() != before:
            self.failures.append(f"refused ({status}) but the database changed: {where}")
        if shown_again:
            for name, value in _text_values(form, payload):
                if str(escape(value)) not in html:
                    self.failures.append(
                        f"typed text of {name!r} not kept ({_short(value)}): {where}"
                    )
        if role not in ("anonymous", "participant") and is_login(response):
            self.clients[role] = client_as(self.app, self.world, role)
        self._reset(role, endpoint)

    def _reset(self, role, endpoint) -> None:
        if self.database.rows() != self.database.kept:
            self.database.restore()
        if endpoint in RESETS_CLIENT:
            self.clients[role] = client_as(self.app, self.world, role)

    # -- hypothesis ----------------------------------------------------------------------------
    def strategy(self, target):
        names = list(target["rule"].arguments - {"filename"})
        path = st.none()
        if names:
            path = st.one_of(
                st.none(),
                st.none(),
                st.none(),
                st.tuples(st.sampled_from(sorted(names)), PATH_TEXT),
            )
        if target["method"] == "GET":
            return st.tuples(path, fs.query_string, st.none())
        forms = self.forms.get((target["role"], target["url"])) or []
        if not forms and target["endpoint"] in FORM_CLASSES:
            with self.app.test_request_context():
                fields = form_class_fields(FORM_CLASSES[target["endpoint"]])
            forms = [{"action": target["url"], "query": "", "enctype": "", "fields": fields}]
        if not forms:
            self.without_form.append(f"{target['endpoint']} {target['url']}")
            forms = [{"action": target["url"], "query": "", "enctype": "", "fields": []}]
        form = st.sampled_from(forms).flatmap(
            lambda f: st.tuples(st.just(f), fs.form_payload(f["fields"]))
        )
        return st.tuples(path, st.just(()), form)

    def fuzz(self, target) -> None:
        @fs.FUZZ
        @given(example=self.strategy(target))
        def run(example):
            path_change, query_pairs, form_payload = example
            form, payload = form_payload if form_payload else (None, None)
            self.send(target, path_change, query_pairs, form, payload)

        run()


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 400 else f"{text[:400]}… ({len(text)} characters)"


def _multidict(pairs):
    from werkzeug.datastructures import MultiDict

    return MultiDict(pairs)


def _content_type(form) -> str:
    if form and form.get("enctype") == "multipart/form-data":
        return "multipart/form-data"
    return "application/x-www-form-urlencoded"


def _text_values(form, payload):
    """(name, value as the form shows it again) of the text fields sent exactly once."""
    if not form or not payload:
        return
    kinds = {f["name"]: f["type"] for f in form["fields"]}
    sent = Counter(name for name, _ in payload)
    for name, value in payload:
        if sent[name] == 1 and kinds.get(name) in TEXT_KINDS:
            shown = without_control_characters(value).strip()
            if shown:
                yield name, shown


def test_every_endpoint_survives_hostile_input(app, capsys, reports_inline):
    started = time.perf_counter()
    fuzzer = Fuzzer(app)
    # FUZZ_ONLY=outcomes. (a prefix of endpoint names) to hunt in one part.
    targets = [t for t in fuzzer.targets() if t["endpoint"].startswith(ONLY)]
    fuzzer.read_forms(targets)
    reading = time.perf_counter() - started
    slowest = []
    for target in targets:
        began = time.perf_counter()
        fuzzer.fuzz(target)
        slowest.append((time.perf_counter() - began, f"{target['endpoint']} {target['method']}"))
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\nfuzz: {sum(fuzzer.examples.values())} examples in {elapsed:.0f} s "
            f"(forms read from the pages in {reading:.0f} s)"
        )
        for name in CLASSES:
            count = len(fuzzer.endpoints[name])
            print(f"  {name}: {fuzzer.examples[name]} examples over {count} endpoint methods")
        print("  answers: " + ", ".join(f"{k} {v}" for k, v in sorted(fuzzer.outcomes.items())))
        slow = sorted(slowest, reverse=True)[:6]
        print("  slowest: " + ", ".join(f"{name} {seconds:.1f} s" for seconds, name in slow))
        if fuzzer.without_form:
            print("  POSTs without a form found on any page: " + ", ".join(fuzzer.without_form))
    assert not fuzzer.failures, f"{len(fuzzer.failures)} failures:\n" + "\n".join(fuzzer.failures)
