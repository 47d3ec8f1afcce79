"""The demo's hybrid international conference (eventapp.demo.hybrid): a two-day conference of
about 300 organisations, a quarter remote, run end to end from registration to the published
outcome, without exposing whom it promised to keep anonymous."""

import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from eventapp.auth.services import find_user
from eventapp.demo import hybrid
from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.interventions.models import Intervention, InterventionStatus
from eventapp.outcomes.models import EventOutcome, OutcomeStatus, Recommendation, SessionOutcome
from eventapp.registration.models import (
    Attendance,
    CheckIn,
    Mode,
    Registration,
    RegistrationSettings,
    SessionAttendance,
    SessionSignup,
    SignupStatus,
    Status,
)
from eventapp.sessions.models import SessionChannel
from eventapp.speakers.models import OrganisationKind
from tests.outcomes.pdfs import text as pdf_text

S = InterventionStatus


@pytest.fixture
def printed(app) -> str:
    """What `flask demo load` printed."""
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def conference(printed):
    return db.session.scalar(select(Event).where(Event.slug == hybrid.SLUG))


def _rows(model, *where):
    return db.session.scalars(select(model).where(*where)).all()


def _counts(conference) -> dict:
    counted = {}
    for model in (Registration, Recommendation):
        counted[model.__name__] = db.session.scalar(
            select(func.count()).select_from(model).where(model.event_id == conference.id)
        )
    for model in (SessionSignup, SessionAttendance, Intervention, SessionChannel):
        counted[model.__name__] = db.session.scalar(
            select(func.count())
            .select_from(model)
            .where(model.session_id.in_([s.id for s in conference.sessions]))
        )
    counted["events"] = db.session.scalar(select(func.count()).select_from(Event))
    return counted


def test_the_conference_is_loaded_once_with_its_300_organisations(app, conference):
    assert conference.status == EventStatus.PUBLISHED and conference.timezone == "Asia/Amman"
    assert conference.attendance_mode.value == "hybrid" and len(conference.days) == 2
    assert conference.organiser.slug == "escr-net" and conference.title_en.startswith("Arab")
    before = _counts(conference)
    again = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert "not loaded" in again.output
    hybrid.load({"guatemala": None})  # the event exists: nothing is added
    db.session.commit()
    assert _counts(conference) == before

    registrations = _rows(Registration, Registration.event_id == conference.id)
    assert len(registrations) == 300
    assert len({r.organisation_id for r in registrations}) == 300
    kinds = Counter(r.organisation.kind for r in registrations)
    for kind in ("parliament", "network", "intergovernmental", "company", "trade_union"):
        assert kinds[OrganisationKind(kind)] >= 8, kind
    remote = [r for r in registrations if r.mode == Mode.REMOTE]
    assert 0.22 <= len(remote) / len(registrations) <= 0.28
    assert len({r.time_zone for r in remote if r.time_zone}) >= 10
    assert all(r.time_zone is None for r in registrations if r.mode == Mode.IN_PERSON)
    statuses = Counter(r.status for r in registrations)
    assert statuses[Status.CONFIRMED] > 280 and statuses[Status.WAITLISTED] > 0
    assert Counter(r.report_naming.value for r in registrations).keys() == {
        "name",
        "organisation",
        "anonymous",
    }
    day_1, day_2 = conference.days
    assert any([d.id for d in r.days] == [day_1.id] for r in registrations)

    settings = db.session.scalar(
        select(RegistrationSettings).where(RegistrationSettings.event_id == conference.id)
    )
    assert settings.is_open and settings.offer_remote and settings.capacity_in_person
    assert "القناة 2" in settings.remote_instructions_ar
    assert settings.remote_instructions_en and settings.technical_check_link
    assert settings.technical_check_at.date() < day_1.date


def test_working_groups_signups_attendance_and_channels(conference):
    by_id = {r.id: r for r in _rows(Registration, Registration.event_id == conference.id)}
    day_1, day_2 = conference.days
    groups = [s for s in conference.sessions if s.signup_required]
    assert sorted(g.places for g in groups) == [40, 60, 80]
    assert all(g.day_id == day_1.id and g.kind.value == "working_group" for g in groups)
    full = 0
    for group in groups:
        signups = _rows(SessionSignup, SessionSignup.session_id == group.id)
        statuses = Counter(s.status for s in signups)
        assert 0 < statuses[SignupStatus.CONFIRMED] <= group.places
        if statuses[SignupStatus.WAITLISTED]:
            assert statuses[SignupStatus.CONFIRMED] == group.places
            full += 1
        for signup in signups:  # day-1 in-person participants only, in the room
            person = by_id[signup.registration_id]
            assert person.mode == Mode.IN_PERSON and person.status == Status.CONFIRMED
            assert day_1 in person.days
        confirmed = {s.registration_id for s in signups if s.status == SignupStatus.CONFIRMED}
        present = _rows(SessionAttendance, SessionAttendance.session_id == group.id)
        assert present and all(p.how == Attendance.DOOR for p in present)
        assert {p.registration_id for p in present} <= confirmed
    assert full == 1

    checkins = _rows(CheckIn, CheckIn.registration_id.in_(by_id))
    for checkin in checkins:
        person = by_id[checkin.registration_id]
        assert checkin.day in person.days and person.status == Status.CONFIRMED
        assert checkin.how == (Attendance.JOINED if person.mode == Mode.REMOTE else Attendance.DOOR)
    assert {(c.day_id, c.how) for c in checkins} == {
        (d.id, how) for d in (day_1, day_2) for how in Attendance
    }
    joined = _rows(SessionAttendance, SessionAttendance.how == Attendance.JOINED)
    assert joined and all(by_id[j.registration_id].mode == Mode.REMOTE for j in joined)

    discussion = next(s for s in conference.sessions if s.kind.value == "discussion")
    assert discussion.video_link and discussion.video_link != discussion.room.video_link
    french = [c for c in discussion.channels if c.language == "fr"]
    assert french[0].channel.startswith("https://")
    assert [c.language for c in discussion.channels] == ["ar", "en", "fr"]


def test_interventions_outcomes_and_recommendations(conference):
    sessions = {s.id: s for s in conference.sessions}
    items = _rows(Intervention, Intervention.session_id.in_(sessions))
    statuses = Counter(i.status for i in items)
    assert statuses[S.DELIVERED] >= 15 and statuses[S.INTERRUPTED] == 2
    assert statuses[S.NOT_AIRED] == 2 and statuses[S.RECEIVED_IN_WRITING] == 2
    assert statuses[S.READ_ON_BEHALF] == 1
    assert {i.language for i in items} == {"ar", "en", "fr"}
    registrations = {
        r.email: r for r in _rows(Registration, Registration.event_id == conference.id)
    }
    for item in items:
        speaker = registrations[item.participant_email]
        assert sessions[item.session_id].day in speaker.days  # registered that day
        assert item.consent == speaker.report_naming.value
        if item.mode.value == "in_room":
            assert speaker.mode == Mode.IN_PERSON
        if item.mode.value == "remote_live":
            assert speaker.mode == Mode.REMOTE
        if item.status in (S.DELIVERED, S.INTERRUPTED, S.READ_ON_BEHALF):
            assert item.spoken_seconds > 0 and item.started_at < item.ended_at
            start = sessions[item.session_id].starts_at  # Amman, UTC+3, stored in UTC
            assert item.started_at.hour in (start.hour - 3, start.hour - 2)
        if item.status in (S.NOT_AIRED, S.INTERRUPTED):
            assert item.status_reason is not None
    read = next(i for i in items if i.status == S.READ_ON_BEHALF)
    assert read.statement and read.statement_by
    assert any(i.participant_email == hybrid.REMOTE_PARTICIPANT for i in items)

    outcomes = _rows(SessionOutcome, SessionOutcome.event_id == conference.id)
    assert len(outcomes) == 5 and all(o.status == OutcomeStatus.APPROVED for o in outcomes)
    outcome = db.session.scalar(select(EventOutcome).where(EventOutcome.event_id == conference.id))
    assert outcome.status == OutcomeStatus.APPROVED and outcome.published
    assert outcome.approved_by.email == "escr-net-owner@demo.multaqa.org"
    assert outcome.submitted_at < outcome.approved_at

    recs = _rows(Recommendation, Recommendation.event_id == conference.id)
    kinds = {r.addressee_kind for r in recs if r.addressee_kind}
    assert {OrganisationKind.PARLIAMENT, OrganisationKind.COMPANY} <= kinds
    assert {OrganisationKind.INTERGOVERNMENTAL, OrganisationKind.MEDIA} <= kinds
    named = {r.addressee_organisation.name_en for r in recs if r.addressee_organisation}
    assert "League of Arab States" in named and len(named) == 3
    assert any(r.addressee and not r.addressee_kind for r in recs)


def test_anonymous_speakers_and_private_links_stay_off_public_pages(
    client, conference, reports_inline
):
    sessions = conference.sessions
    items = _rows(Intervention, Intervention.session_id.in_([s.id for s in sessions]))
    hidden = [i for i in items if i.consent == "anonymous"]
    assert len(hidden) >= 3
    secrets = [i.speaker_name for i in hidden] + [i.participant_email for i in items]
    secrets += [s.video_link for s in sessions if s.video_link]
    secrets += [r.video_link for r in conference.rooms if r.video_link]
    secrets += [c.channel for s in sessions for c in s.channels if c.channel]
    slug = conference.slug
    urls = [f"/e/{slug}/", f"/e/{slug}/agenda", f"/e/{slug}/participants"]
    urls += [f"/e/{slug}/organisations", f"/e/{slug}/agenda.ics"]
    urls += [f"/e/{slug}/sessions/{s.id}/" for s in sessions if s.kind.value != "break"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert not [s for s in secrets if s in page], url
    discussion = next(s for s in sessions if s.kind.value == "discussion")
    page = client.get(f"/e/{slug}/sessions/{discussion.id}/").get_data(as_text=True)
    assert "أحد المشاركين" in page and "نور الهدى بن علي" in page  # she agreed to be named

    summary = client.raw.get(f"/e/{slug}/outcome", follow_redirects=True)  # a PDF
    assert summary.status_code == 200 and summary.mimetype == "application/pdf"
    text = pdf_text(summary.data)
    assert "جامعة الدول العربية" in text
    assert not [s for s in secrets if s in text]


def test_the_demo_prints_the_remote_participants_personal_link(client, printed):
    link = re.search(r"http://127\.0\.0\.1:5000(/r/\S+)", printed)
    assert hybrid.REMOTE_PARTICIPANT in printed and link
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert "نور الهدى بن علي" in page.get_data(as_text=True)


def test_the_organisers_staff_and_the_facilitator_run_it(client, conference):
    client.login(find_user("escr-net-staff@demo.multaqa.org"), password="multaqa-demo")
    assert conference.title_ar in client.get("/manage/").get_data(as_text=True)
    door = client.get(f"/manage/events/{conference.id}/checkin")
    assert door.status_code == 200
    group = next(s for s in conference.sessions if s.signup_required and s.places == 40)
    client.login(find_user("facilitator@demo.multaqa.org"), password="multaqa-demo")
    console = client.get(f"/manage/sessions/{group.id}/console")
    assert console.status_code == 200
    speaker = db.session.scalar(
        select(Intervention).where(
            Intervention.session_id == group.id, Intervention.consent == "name"
        )
    )
    assert speaker.speaker_name in console.get_data(as_text=True)
