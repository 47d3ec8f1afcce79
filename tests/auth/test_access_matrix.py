"""The authorization matrix: every route of app.url_map and its methods, tried as eight kinds
of user against the rule declared for it in eventapp/auth/access_rules.py.

One world is built per test (a published event with sessions, people, a registration,
interventions and outcomes; a draft event; another organiser's event); a POST that changed the
database is undone by restoring the rows kept after building it, so no check rebuilds the world.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from eventapp import cache as agenda_cache
from eventapp.auth.access_rules import Rule, rule_for
from eventapp.auth.models import EventRole
from eventapp.events import services as event_services
from eventapp.events.models import EventStatus, GoalKind, PartnerRole
from eventapp.extensions import db
from eventapp.interventions import services as intervention_services
from eventapp.interventions.participants import _from_registration
from eventapp.outcomes import followup
from eventapp.outcomes import services as outcome_services
from eventapp.outcomes.models import ReportJob, ReportKind
from eventapp.registration import invitations as invitation_services
from eventapp.registration import services as registration_services
from eventapp.registration.models import Question, QuestionKind
from eventapp.speakers import services as speaker_services
from tests.conftest import WebClient
from tests.factories import give_role, make_event, make_session, make_user
from tests.registration.conftest import open_registration, register

ROLES = (
    "anonymous",
    "participant",
    "facilitator_other",
    "facilitator",
    "rapporteur",
    "organiser_other",
    "organiser",
    "admin",
)
STAFF = {"facilitator_other", "facilitator", "rapporteur", "organiser_other", "organiser", "admin"}
ALLOWED = {
    Rule.PUBLIC: set(ROLES),
    Rule.STATIC: set(ROLES),
    Rule.PUBLISHED_EVENT: set(ROLES),
    Rule.PERSONAL_LINK: {"participant"},
    Rule.PARTICIPANT: STAFF - {"organiser_other"} | {"participant"},
    Rule.SIGNED_IN: STAFF,
    Rule.SESSION_RUN: {"facilitator", "organiser", "admin"},
    Rule.SESSION_REPORT: {"facilitator", "rapporteur", "organiser", "admin"},
    Rule.EVENT_SESSION_STAFF: STAFF - {"organiser_other"},
    Rule.EVENT_ORGANISER: {"organiser", "admin"},
    Rule.REPORT_JOB: {"organiser", "admin"},  # the world's job: an unpublished summary
    Rule.DIRECTORY: {"organiser_other", "organiser", "admin"},
    Rule.DIRECTORY_EDIT: {"organiser", "admin"},
    Rule.ADMIN: {"admin"},
}
# How a refusal looks, by rule: "login" (anonymous to sign in, accounts 403) or one status.
REFUSAL = {
    Rule.PERSONAL_LINK: 404,
    Rule.PARTICIPANT: 403,
    Rule.REPORT_JOB: 404,
    Rule.PUBLISHED_EVENT: 404,  # drafts
}
PASSWORD = "correct-horse-9"
ARG = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _build_world() -> dict:
    users = {
        name: make_user(f"{name}@matrix.example.org", name=name, is_admin=name == "admin")
        for name in ROLES[2:]
    }
    organiser, other = users["organiser"], users["organiser_other"]
    bystander = make_user("bystander@matrix.example.org", name="bystander")  # an account to act on
    first_day = dt.date.today() + dt.timedelta(days=30)
    event = make_event(organiser=organiser, slug="matrix", first_day=first_day, days=2)
    person = speaker_services.save_person(
        None, {"name_ar": "متحدثة", "email": "speaker@matrix.example.org"}, created_by=organiser
    )
    org = speaker_services.save_organisation(
        None, {"name_ar": "منظمة", "kind": "ngo"}, created_by=organiser
    )
    s1 = make_session(event, people=[(person, "presenter")], start="09:00", end="10:00")
    s2 = make_session(event, start="11:00", end="12:00")
    give_role(users["facilitator"], event, "facilitator", s1)
    give_role(users["rapporteur"], event, "rapporteur", s1)
    give_role(users["facilitator_other"], event, "facilitator", s2)
    goal = event_services.add_goal(event, GoalKind.OBJECTIVE, "هدف", None)
    partner = event_services.add_partner(event, org.id, PartnerRole.HOST)
    open_registration(event, capacity_in_person=50)
    registration = register(event, "participant@matrix.example.org")
    token = registration_services.make_token(registration)
    invitation = invitation_services.create_invitation(
        event, {"email": None, "label": "دعوة", "max_uses": 5, "day_ids": []}
    )
    question = Question(event_id=event.id, kind=QuestionKind.TEXT, label_ar="سؤال")
    db.session.add(question)
    intervention = intervention_services.request_intervention(
        s1,
        _from_registration(registration, token),
        {"mode": "remote_live", "language": "ar", "topic": "موضوع"},
    )
    outcome_services.save_session_outcome(s1, {"summary": "ملخص"}, 0, users["rapporteur"])
    rec = outcome_services.add_recommendation(
        event, s1, {"text": "توصية", "addressee": None, "theme": None, "priority": "medium"}
    )
    step = outcome_services.add_next_step(event, s1, {"what": "خطوة"})
    note = followup.add_progress_note(rec, dt.date.today(), "تقدم", organiser)
    job = ReportJob(
        kind=ReportKind.OUTCOME_SUMMARY, event_id=event.id, language="ar", content_hash="x"
    )
    db.session.add(job)
    db.session.commit()
    role = db.session.scalar(
        select(EventRole).where(EventRole.user_id == users["facilitator_other"].id)
    )

    draft = make_event(organiser=organiser, slug="matrix-draft", status=EventStatus.DRAFT)
    draft_person = speaker_services.save_person(None, {"name_ar": "مسودة"}, created_by=organiser)
    draft_session = make_session(draft, people=[(draft_person, "presenter")])

    elsewhere = make_event(organiser=other, slug="matrix-other", first_day=first_day)
    x_session = make_session(elsewhere)
    open_registration(elsewhere, capacity_in_person=50)
    x_registration = register(elsewhere, "x@matrix.example.org")
    x_token = registration_services.make_token(x_registration)
    x_intervention = intervention_services.request_intervention(
        x_session,
        _from_registration(x_registration, x_token),
        {"mode": "remote_live", "language": "ar", "topic": "موضوع"},
    )
    x_rec = outcome_services.add_recommendation(
        elsewhere,
        x_session,
        {"text": "توصية", "addressee": None, "theme": None, "priority": "medium"},
    )
    x_note = followup.add_progress_note(x_rec, dt.date.today(), "تقدم", other)
    x_question = Question(event_id=elsewhere.id, kind=QuestionKind.TEXT, label_ar="سؤال")
    db.session.add(x_question)
    x_invitation = invitation_services.create_invitation(
        elsewhere, {"email": None, "label": "دعوة", "max_uses": 5, "day_ids": []}
    )
    x_job = ReportJob(
        kind=ReportKind.OUTCOME_SUMMARY, event_id=elsewhere.id, language="ar", content_hash="x"
    )
    db.session.add(x_job)
    db.session.commit()
    x_role = db.session.scalar(select(EventRole).where(EventRole.event_id == elsewhere.id))

    args = {
        "slug": event.slug,
        "event_id": event.id,
        "session_id": s1.id,
        "person_id": person.id,
        "organisation_id": org.id,
        "day_id": event.days[0].id,
        "goal_id": goal.id,
        "partner_id": partner.id,
        "role_id": role.id,
        "room_id": event.rooms[0].id,
        "entry_id": s1.people[0].id,
        "intervention_id": intervention.id,
        "rec_id": rec.id,
        "step_id": step.id,
        "note_id": note.id,
        "registration_id": registration.id,
        "question_id": question.id,
        "invitation_id": invitation.id,
        "job_id": job.id,
        "user_id": bystander.id,
        "token": token,
        "code": registration.checkin_code,
        "action": "up",
        "fmt": "csv",
        "language": "ar",
        "filename": "css/multaqa.css",
    }
    return {
        "users": users,
        "args": args,
        "invitation_code": invitation.code,
        "draft": {
            "slug": draft.slug,
            "event_id": draft.id,
            "session_id": draft_session.id,
            "person_id": draft_person.id,
        },
        "other": {
            "slug": elsewhere.slug,
            "event_id": elsewhere.id,
            "session_id": x_session.id,
            "day_id": elsewhere.days[0].id,
            "goal_id": None,
            "room_id": elsewhere.rooms[0].id,
            "role_id": x_role.id,
            "registration_id": x_registration.id,
            "intervention_id": x_intervention.id,
            "rec_id": x_rec.id,
            "note_id": x_note.id,
            "question_id": x_question.id,
            "invitation_id": x_invitation.id,
            "job_id": x_job.id,
            "token": x_token,
        },
    }


class Database:
    """The world's rows, kept once: compare the database with them, or put them back."""

    def __init__(self):
        self.tables = db.metadata.sorted_tables
        self.kept = self.rows()

    def rows(self) -> dict:
        db.session.expire_all()
        found = {}
        for table in self.tables:
            order = list(table.primary_key.columns) or list(table.columns)
            result = db.session.execute(select(table).order_by(*order)).mappings().all()
            found[table.name] = [dict(row) for row in result]
        db.session.commit()
        return found

    def restore(self) -> None:
        db.session.rollback()
        for table in reversed(self.tables):
            db.session.execute(table.delete())
        for table in self.tables:
            if self.kept[table.name]:
                db.session.execute(table.insert(), self.kept[table.name])
        db.session.commit()
        db.session.expire_all()
        agenda_cache.clear()


def _fill(rule: str, values: dict, endpoint: str) -> str:
    def value(match):
        name = match.group(1)
        if name == "action" and endpoint == "outcomes.outcome_status":
            return "submit"
        if name == "action" and endpoint == "auth.set_user_active":
            return "disable"
        if name == "code" and endpoint == "registration.invitation":
            return values["_invitation_code"]
        return str(values[name])

    return ARG.sub(value, rule)


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def _is_login(response) -> bool:
    return response.status_code == 302 and "/auth/login" in (response.location or "")


class Matrix:
    def __init__(self, app):
        self.app = app
        self.world = _build_world()
        self.world["args"]["_invitation_code"] = self.world["invitation_code"]
        self.database = Database()
        self.clients = {}
        for role in ROLES:
            self.clients[role] = self._client(role)
        self.checks = 0
        self.failures: list[str] = []

    def _client(self, role: str) -> WebClient:
        client = WebClient(self.app.test_client())
        if role in self.world["users"]:
            client.login(self.world["users"][role], PASSWORD)
        else:
            client.get("/auth/login")
        return client

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
            if status == 403 or _is_login(response):
                self.failures.append(f"refused but allowed: {where}")
        else:
            if refusal == "login":
                ok = _is_login(response) if role in ("anonymous", "participant") else status == 403
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
        for rule, method in _routes(app)
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
    for rule, method in _routes(app):
        declared = rule_for(rule.endpoint, rule.rule, method)
        if declared is None:
            continue  # test_every_route_has_a_declared_rule names it
        allowed = ALLOWED[declared]
        refusal = REFUSAL.get(declared, "login")
        url = _fill(rule.rule, world["args"], rule.endpoint)
        for role in ROLES:
            role_url = url
            if declared is Rule.PERSONAL_LINK and role != "participant":
                role_url = _fill(
                    rule.rule, {**world["args"], "token": "not-a-token"}, rule.endpoint
                )
            if declared is Rule.PARTICIPANT and role == "participant":
                role_url = f"{url}?t={world['args']['token']}"
            matrix.expect(role, method, role_url, rule.endpoint, role in allowed, refusal)
        if declared is Rule.PUBLISHED_EVENT and "<slug>" in rule.rule:
            draft_url = _fill(rule.rule, {**world["args"], **world["draft"]}, rule.endpoint)
            for role in ROLES:
                matrix.expect(
                    role, method, draft_url, rule.endpoint, role in ("organiser", "admin"), 404
                )
        if rule.endpoint == "interventions.live_poll":
            draft_url = _fill(rule.rule, world["draft"], rule.endpoint)
            for role in ROLES:
                matrix.expect(
                    role, method, draft_url, rule.endpoint, role in ("organiser", "admin"), 404
                )
    with capsys.disabled():
        print(f"\naccess matrix: {matrix.checks} route x role checks")
    assert not matrix.failures, "\n".join(matrix.failures)


def test_posts_without_a_csrf_token_are_refused_and_change_nothing(matrix, app):
    world = matrix.world
    for rule, method in _routes(app):
        declared = rule_for(rule.endpoint, rule.rule, method)
        if method != "POST" or declared is None:
            continue
        role = "participant" if declared in (Rule.PERSONAL_LINK, Rule.PARTICIPANT) else "admin"
        url = _fill(rule.rule, world["args"], rule.endpoint)
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
