"""The authorization matrix: every route of app.url_map and its methods, tried as eight kinds
of user against the rule declared for it in eventapp/auth/access_rules.py.

One world is built per test (a published event with sessions, people, a registration,
interventions and outcomes; a draft event; another organiser's event); a POST that changed the
database is undone by restoring the rows kept after building it, so no check rebuilds the world.
"""

from __future__ import annotations

import pytest

from eventapp.auth.access_rules import Rule, rule_for
from tests.conftest import WebClient
from tests.world import (
    ALLOWED,
    ORGANISATION_ROLES,
    ROLES,
    Database,
    build_world,
    client_as,
    fill,
    is_login,
    routes,
)

# How a refusal looks, by rule: "login" (anonymous to sign in, accounts 403) or one status.
REFUSAL = {
    Rule.PERSONAL_LINK: 404,
    Rule.PARTICIPANT: 403,
    Rule.REPORT_JOB: 404,
    Rule.PUBLISHED_EVENT: 404,  # drafts
}


class Matrix:
    def __init__(self, app):
        self.app = app
        self.world = build_world()
        self.database = Database()
        self.clients = {}
        for role in ROLES:
            self.clients[role] = self._client(role)
        self.checks = 0
        self.failures: list[str] = []

    def _client(self, role: str) -> WebClient:
        return client_as(self.app, self.world, role)

    def request(self, role, method, url, *, csrf=True):
        client = self.clients[role]
        client._fresh_request_state()  # the raw client: answers may be PDFs or calendars
        if method == "GET":
            return client.raw.get(url)
        return client.raw.post(url, data={"csrf_token": client.token} if csrf else {})

    def after(self, role, endpoint, method, changed_allowed: bool):
        if method == "POST" and changed_allowed and self.database.rows() != self.database.kept:
            self.database.restore()
        if endpoint in ("auth.logout", "main.set_language", "registration.erase"):
            self.clients[role] = self._client(role)  # signed out or another language

    def expect(self, role, method, url, endpoint, allowed: bool, refusal):
        before = None if allowed or method == "GET" else self.database.rows()
        response = self.request(role, method, url)
        self.checks += 1
        status = response.status_code
        where = f"{endpoint} {method} {url} as {role}: {status} {response.location or ''}"
        if status >= 500:
            self.failures.append(f"500 for {where}")
        elif allowed:
            if status == 403 or is_login(response):
                self.failures.append(f"refused but allowed: {where}")
        else:
            if refusal == "login":
                ok = is_login(response) if role in ("anonymous", "participant") else status == 403
            else:
                ok = status == refusal
            if not ok:
                self.failures.append(f"not refused ({refusal} expected): {where}")
            if before is not None and self.database.rows() != before:
                self.failures.append(f"refused POST changed the database: {where}")
                self.database.restore()
        self.after(role, endpoint, method, allowed)
        return response


@pytest.fixture
def matrix(app):
    return Matrix(app)


def _undeclared(app) -> list[str]:
    return [
        f"{rule.endpoint} {method} {rule.rule}"
        for rule, method in routes(app)
        if rule_for(rule.endpoint, rule.rule, method) is None
    ]


def test_every_route_has_a_declared_rule(app):
    missing = _undeclared(app)
    assert not missing, "routes without a rule in eventapp/auth/access_rules.py: " + ", ".join(
        missing
    )


def test_a_new_route_without_a_rule_is_named():
    from eventapp import create_app

    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    other.add_url_rule("/probe/<int:item_id>", "probe.undeclared", lambda item_id: "")
    assert _undeclared(other) == ["probe.undeclared GET /probe/<int:item_id>"]


def test_every_route_as_every_role(matrix, app, capsys):
    world = matrix.world
    for rule, method in routes(app):
        declared = rule_for(rule.endpoint, rule.rule, method)
        if declared is None:
            continue  # test_every_route_has_a_declared_rule names it
        allowed = ALLOWED[declared]
        refusal = REFUSAL.get(declared, "login")
        url = fill(rule.rule, world["args"], rule.endpoint)
        for role in ROLES:
            role_url = url
            if declared is Rule.PERSONAL_LINK and role != "participant":
                role_url = fill(rule.rule, {**world["args"], "token": "not-a-token"}, rule.endpoint)
            if declared is Rule.PARTICIPANT and role == "participant":
                role_url = f"{url}?t={world['args']['token']}"
            matrix.expect(role, method, role_url, rule.endpoint, role in allowed, refusal)
        if declared is Rule.PUBLISHED_EVENT and "<slug>" in rule.rule:
            draft_url = fill(rule.rule, {**world["args"], **world["draft"]}, rule.endpoint)
            for role in ROLES:
                matrix.expect(
                    role, method, draft_url, rule.endpoint, role in ("organiser", "admin"), 404
                )
        if rule.endpoint == "interventions.live_poll":
            draft_url = fill(rule.rule, world["draft"], rule.endpoint)
            for role in ROLES:
                matrix.expect(
                    role, method, draft_url, rule.endpoint, role in ("organiser", "admin"), 404
                )
    with capsys.disabled():
        print(f"\naccess matrix: {matrix.checks} route x role checks")
    assert not matrix.failures, "\n".join(matrix.failures)


def test_posts_without_a_csrf_token_are_refused_and_change_nothing(matrix, app):
    world = matrix.world
    for rule, method in routes(app):
        declared = rule_for(rule.endpoint, rule.rule, method)
        if method != "POST" or declared is None:
            continue
        role = "participant" if declared in (Rule.PERSONAL_LINK, Rule.PARTICIPANT) else "admin"
        url = fill(rule.rule, world["args"], rule.endpoint)
        if declared is Rule.PARTICIPANT:
            url += f"?t={world['args']['token']}"
        before = matrix.database.rows()
        response = matrix.request(role, method, url, csrf=False)
        matrix.checks += 1
        if response.status_code != 400:
            matrix.failures.append(f"{rule.endpoint} {url}: {response.status_code} without CSRF")
        if matrix.database.rows() != before:
            matrix.failures.append(f"{rule.endpoint} {url}: changed without a CSRF token")
            matrix.database.restore()
    assert matrix.checks > 40
    assert not matrix.failures, "\n".join(matrix.failures)


# Another event's ids in this event's URLs (and this event's under another's): never 200.
IDOR_GET = [
    ("organiser", "/manage/events/{event_id}/days/{x_day_id}"),
    ("organiser", "/manage/events/{event_id}/rooms/{x_room_id}"),
    ("organiser", "/manage/events/{event_id}/registrations/{x_registration_id}"),
    ("organiser", "/manage/events/{event_id}/recommendations/{x_rec_id}"),
    ("organiser", "/manage/sessions/{session_id}/interventions/{x_intervention_id}"),
    ("organiser", "/manage/sessions/{x_session_id}/console"),
    ("organiser", "/manage/sessions/{x_session_id}/outcome"),
    ("organiser", "/manage/sessions/{x_session_id}/edit"),
    ("organiser", "/manage/recommendations/{x_rec_id}/edit"),
    ("organiser", "/manage/events/{x_event_id}/registrations"),
    ("organiser", "/reports/{x_job_id}"),
    ("organiser", "/manage/events/{event_id}/checkin/{x_code}"),
    ("facilitator", "/manage/sessions/{x_session_id}/console"),
    ("rapporteur", "/manage/sessions/{x_session_id}/outcome"),
    ("anonymous", "/e/{slug}/sessions/{x_session_id}/"),
    ("anonymous", "/e/{x_slug}/sessions/{session_id}/"),
    ("anonymous", "/e/{slug}/sessions/{x_session_id}/live"),
    ("anonymous", "/e/{slug}/sessions/{x_session_id}.ics"),
    ("anonymous", "/api/v1/events/{slug}/sessions/{x_session_id}"),
    ("anonymous", "/api/v1/events/{x_slug}/sessions/{session_id}"),
    ("anonymous", "/e/{x_slug}/speakers/{person_id}"),
    ("participant", "/e/{slug}/my/{x_token}/"),
    ("participant", "/e/{x_slug}/my/{token}/"),
    ("participant", "/e/{x_slug}/my/{token}/agenda.ics"),
]
IDOR_POST = [
    ("organiser", "/manage/events/{event_id}/team/{x_role_id}/delete"),
    ("organiser", "/manage/events/{event_id}/rooms/{x_room_id}/delete"),
    ("organiser", "/manage/events/{event_id}/registrations/{x_registration_id}/resend"),
    ("organiser", "/manage/events/{event_id}/checkin/{x_registration_id}/{day_id}"),
    ("organiser", "/manage/events/{event_id}/checkin/{registration_id}/{x_day_id}"),
    ("organiser", "/manage/events/{event_id}/registration/questions/{x_question_id}/delete"),
    ("organiser", "/manage/events/{event_id}/invitations/{x_invitation_id}/revoke"),
    ("organiser", "/manage/events/{event_id}/recommendations/{x_rec_id}/notes"),
    ("organiser", "/manage/events/{event_id}/recommendations/{x_rec_id}/notes/{x_note_id}/delete"),
    ("organiser", "/manage/events/{event_id}/recommendations/{rec_id}/notes/{x_note_id}/delete"),
    ("organiser", "/manage/recommendations/{x_rec_id}/delete"),
    ("organiser", "/manage/sessions/{x_session_id}/delete"),
    ("organiser", "/manage/sessions/{session_id}/people/{x_entry_id}/delete"),
    ("organiser", "/manage/sessions/{x_session_id}/console"),
    ("organiser", "/manage/sessions/{session_id}/interventions/{x_intervention_id}"),
    ("participant", "/e/{slug}/sessions/{session_id}/interventions/{x_intervention_id}/withdraw"),
    ("participant", "/e/{slug}/sessions/{session_id}/interventions/{x_intervention_id}/statement"),
    ("participant", "/e/{x_slug}/sessions/{session_id}/request"),
    ("participant", "/e/{x_slug}/my/{token}/star"),
]


def test_another_events_ids_are_refused(matrix):
    world = matrix.world
    values = dict(world["args"])
    values.update({f"x_{k}": v for k, v in world["other"].items()})
    values["x_code"] = "ZZZZ9999"
    values["x_entry_id"] = 10**6
    for role, template in IDOR_GET + IDOR_POST:
        method = "POST" if (role, template) in IDOR_POST else "GET"
        url = template.format(**values)
        if role == "participant":
            url += f"?t={values['token']}"
        before = matrix.database.rows() if method == "POST" else None
        response = matrix.request(role, method, url)
        matrix.checks += 1
        status = response.status_code
        if status not in (403, 404) and not (
            role == "participant" and status == 302 and before == matrix.database.rows()
        ):
            matrix.failures.append(f"{method} {url} as {role}: {status}")
        if before is not None and matrix.database.rows() != before:
            matrix.failures.append(f"{method} {url} as {role} changed the database")
            matrix.database.restore()
    assert not matrix.failures, "\n".join(matrix.failures)


# The organisation's staff, over the organiser pages of the event it runs and its own pages:
# owners and staff act as the event's organisers; viewers read (GET) every one of them and are
# refused (403) every POST; only owners manage the staff.
ORGANISER_RULES = {
    Rule.EVENT_ORGANISER,
    Rule.EVENT_SESSION_STAFF,
    Rule.SESSION_RUN,
    Rule.SESSION_REPORT,
    Rule.REPORT_JOB,
    Rule.ORGANISATION_STAFF,
}


def test_organisation_roles(matrix, app, capsys):
    world = matrix.world
    for role in ORGANISATION_ROLES:
        matrix.clients[role] = matrix._client(role)
    viewer_reads = 0
    owner_saw: dict[str, int] = {}
    for rule, method in routes(app):
        declared = rule_for(rule.endpoint, rule.rule, method)
        if declared not in ORGANISER_RULES | {Rule.ORGANISATION_OWNER}:
            continue
        url = fill(rule.rule, world["args"], rule.endpoint)
        for role in ORGANISATION_ROLES:
            if declared is Rule.ORGANISATION_OWNER:
                allowed = role == "org_owner"
            elif role == "org_viewer":
                allowed = method == "GET"
                viewer_reads += allowed
            else:
                allowed = True
            response = matrix.expect(role, method, url, rule.endpoint, allowed, "login")
            if role == "org_owner" and method == "GET":
                owner_saw[url] = response.status_code
            # A viewer reads what the owner reads (a page, a PDF; the same 404 for a file
            # that does not exist for anyone).
            if role == "org_viewer" and allowed and response.status_code != owner_saw[url]:
                matrix.failures.append(f"viewer {url}: {response.status_code}")
    with capsys.disabled():
        print(f"\norganisation roles: {matrix.checks} checks, {viewer_reads} pages viewers read")
    assert viewer_reads > 40
    assert not matrix.failures, "\n".join(matrix.failures)
