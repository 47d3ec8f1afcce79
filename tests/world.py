"""One world to try routes in, shared by the access matrix (tests/auth/test_access_matrix.py)
and the fuzzer (tests/fuzz/): a published event with sessions, people, a registration,
interventions and outcomes; a draft event; another organiser's event; accounts of eight kinds.

`Database` keeps the world's rows once: compare the database with them, or put them back, so
no check rebuilds the world.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from eventapp import cache as agenda_cache
from eventapp.auth.access_rules import Rule
from eventapp.auth.models import EventRole, OrganisationRoleKind, OrganisationStaff
from eventapp.events import services as event_services
from eventapp.events.models import EventSeries, EventStatus, GoalKind, PartnerRole
from eventapp.extensions import db
from eventapp.interventions import services as intervention_services
from eventapp.interventions.participants import _from_registration
from eventapp.members.models import Member, MembershipCategory, ParticipantCategory
from eventapp.outcomes import followup, items, session_outcomes
from eventapp.outcomes.models import ReportJob, ReportKind
from eventapp.registration import invitations as invitation_services
from eventapp.registration import services as registration_services
from eventapp.registration import session_signups
from eventapp.registration.models import Question, QuestionKind
from eventapp.speakers import services as speaker_services
from tests.conftest import WebClient
from tests.factories import (
    PASSWORD,
    give_role,
    make_event,
    make_organiser,
    make_session,
    make_user,
    png_bytes,
)
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
    # The organiser is also an owner of the organisation /o/matrix/; its other roles are
    # ORGANISATION_ROLES below.
    Rule.ORGANISATION_STAFF: {"organiser", "admin"},
    Rule.ORGANISATION_OWNER: {"organiser", "admin"},
    Rule.PUBLIC_ORGANISATION: set(ROLES),
    Rule.EVENT_ORGANISATION_STAFF: {"organiser", "admin"},
    Rule.ADMIN: {"admin"},
}
# The staff of the organisation that runs the world's published event (accounts besides ROLES,
# tried by test_access_matrix.py's test_organisation_roles).
ORGANISATION_ROLES = ("org_owner", "org_staff", "org_viewer")
ARG = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def build_world() -> dict:
    users = {
        name: make_user(f"{name}@matrix.example.org", name=name, is_admin=name == "admin")
        for name in ROLES[2:]
    }
    organiser, other = users["organiser"], users["organiser_other"]
    for name in ORGANISATION_ROLES:
        users[name] = make_user(f"{name}@matrix.example.org", name=name)
    bystander = make_user("bystander@matrix.example.org", name="bystander")  # an account to act on
    first_day = dt.date.today() + dt.timedelta(days=30)
    event = make_event(organiser=organiser, slug="matrix", first_day=first_day, days=2)
    # Its organising organisation has the event's slug as its own (one `slug` fills both URLs).
    organisation = make_organiser(
        "matrix",
        name_ar="منظمة المصفوفة",
        name_en="Matrix Organisation",
        owner=users["org_owner"],
        staff=users["org_staff"],
        viewer=users["org_viewer"],
    )
    organisation.logo, organisation.logo_type = png_bytes(), "image/png"
    event.organiser_id = organisation.id
    db.session.commit()
    staff_row = db.session.scalar(
        select(OrganisationStaff).where(OrganisationStaff.user_id == users["org_staff"].id)
    )
    person = speaker_services.save_person(
        None, {"name_ar": "متحدثة", "email": "speaker@matrix.example.org"}, created_by=organiser
    )
    org = speaker_services.save_organisation(
        None, {"name_ar": "منظمة", "kind": "ngo"}, created_by=organiser
    )
    s1 = make_session(
        event,
        people=[(person, "presenter")],
        start="09:00",
        end="10:00",
        signup_required=True,  # the participant's page and the form show sign-up forms
        signup_capacity=5,
    )
    s2 = make_session(event, start="11:00", end="12:00")
    give_role(users["facilitator"], event, "facilitator", s1)
    give_role(users["rapporteur"], event, "rapporteur", s1)
    give_role(users["facilitator_other"], event, "facilitator", s2)
    goal = event_services.add_goal(event, GoalKind.OBJECTIVE, "هدف", None)
    partner = event_services.add_partner(event, org.id, PartnerRole.HOST)
    # The organiser is an owner of the event's organisation too; the organisation has a member
    # on its roll, a category of each kind and a series.
    db.session.add(
        OrganisationStaff(
            organisation=organisation, user=organiser, role=OrganisationRoleKind.OWNER
        )
    )
    membership = MembershipCategory(
        organisation_id=organisation.id, code="full", name_ar="عضوية كاملة"
    )
    member = Member(organisation_id=organisation.id, person=person, category=membership)
    participant_category = ParticipantCategory(
        organisation_id=organisation.id, code="delegate", label_ar_m="مندوب", label_en="Delegate"
    )
    db.session.add_all([membership, member, participant_category])
    series = EventSeries(organisation_id=organisation.id, slug="matrix-series", title_ar="سلسلة")
    db.session.add(series)
    db.session.flush()
    open_registration(event, capacity_in_person=50)
    registration = register(event, "participant@matrix.example.org")
    token = registration_services.make_token(registration)
    invitation = invitation_services.create_invitation(
        event, {"email": None, "label": "دعوة", "max_uses": 5, "day_ids": []}
    )
    question = Question(event_id=event.id, kind=QuestionKind.TEXT, label_ar="سؤال")
    db.session.add(question)
    # In the room, only those signed up for a sign-up session may ask to speak in it.
    session_signups.sign_up(registration, s1)
    intervention = intervention_services.request_intervention(
        s1,
        _from_registration(registration, token),
        {"mode": "in_room", "language": "ar", "topic": "موضوع"},
    )
    session_outcomes.save_session_outcome(s1, {"summary": "ملخص"}, 0, users["rapporteur"])
    rec = items.add_recommendation(
        event, s1, {"text": "توصية", "addressee": None, "theme": None, "priority": "medium"}
    )
    step = items.add_next_step(event, s1, {"what": "خطوة"})
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
        {"mode": "in_room", "language": "ar", "topic": "موضوع"},
    )
    x_rec = items.add_recommendation(
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
    # The other event is organised by an organisation the other organiser owns.
    runner = speaker_services.save_organisation(
        None, {"name_ar": "منظِّمة أخرى", "kind": "ngo"}, created_by=other
    )
    runner.slug = "other"
    elsewhere.organiser_id = runner.id
    db.session.add(
        OrganisationStaff(organisation=runner, user=other, role=OrganisationRoleKind.OWNER)
    )
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
        "series_id": series.id,
        "series_slug": series.slug,
        "role_id": role.id,
        "room_id": event.rooms[0].id,
        "entry_id": s1.people[0].id,
        "intervention_id": intervention.id,
        "rec_id": rec.id,
        "step_id": step.id,
        "note_id": note.id,
        "registration_id": registration.id,
        "member_id": member.id,
        "kind": "membership",
        "row_id": membership.id,
        "question_id": question.id,
        "invitation_id": invitation.id,
        "job_id": job.id,
        "user_id": bystander.id,
        "staff_id": staff_row.id,
        "token": token,
        "code": registration.checkin_code,
        "action": "up",
        "fmt": "csv",
        "language": "ar",
        "filename": "css/multaqa.css",
        "_invitation_code": invitation.code,  # `fill` puts it in registration.invitation's URL
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


def fill(rule: str, values: dict, endpoint: str) -> str:
    def value(match):
        name = match.group(1)
        if name == "action" and endpoint in (
            "outcomes.outcome_status",
            "outcomes.event_outcome_status",
        ):
            return "submit"
        if name == "action" and endpoint == "auth.set_user_active":
            return "disable"
        if name == "code" and endpoint == "registration.invitation":
            return values["_invitation_code"]
        return str(values[name])

    return ARG.sub(value, rule)


def routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def is_login(response) -> bool:
    return response.status_code == 302 and "/auth/login" in (response.location or "")


def client_as(app, world: dict, role: str) -> WebClient:
    """A browser of one of the ROLES: signed in with its account, or a visitor with a token."""
    client = WebClient(app.test_client())
    if role in world["users"]:
        client.login(world["users"][role], PASSWORD)
    else:
        client.get("/auth/login")
    return client
