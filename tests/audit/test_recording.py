"""Every change of a tracked record writes exactly one entry, with the old and new values of
the changed fields and who made it, in the transaction of the change."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp import audit
from eventapp.auth.models import EventRole
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, followup, items, session_outcomes
from eventapp.registration import checkin
from eventapp.registration import invitations as invitation_services
from eventapp.registration import services as registration_services
from eventapp.registration.models import Mode, Registration, Status
from tests.audit.conftest import count, entries, forget, only
from tests.conftest import WebClient
from tests.factories import make_session, make_user
from tests.registration.conftest import form_data, open_registration, register


def _event_form(event, **changes):
    data = {
        "kind": event.kind.value,
        "title_ar": event.title_ar,
        "title_en": event.title_en or "",
        "slug": event.slug,
        "attendance_mode": event.attendance_mode.value,
        "timezone": event.timezone,
        "first_day": event.first_day.isoformat(),
        "last_day": event.last_day.isoformat(),
    }
    data.update(changes)
    return data


def test_editing_an_event_writes_one_entry_with_old_and_new_values(client, organiser, event):
    forget()
    client.login(organiser)
    before = count()
    url = f"/manage/events/{event.id}/edit"
    data = _event_form(event, title_en="Human Rights Forum", country="Qatar")
    response = client.post(url, {**data, "version": client.version(url)})
    assert response.status_code == 302
    assert count() == before + 1
    entry = only("event", "update")
    assert entry.changes == {
        "title_en": ["Human Rights Conference", "Human Rights Forum"],
        "country": [None, "Qatar"],
    }
    assert entry.event_id == event.id and entry.entity_id == event.id
    assert entry.actor_user_id == organiser.id and entry.actor_label == "user"
    assert entry.at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_a_saved_form_without_changes_writes_nothing(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/edit"
    version = client.version(url)
    before = count()
    assert client.post(url, {**_event_form(event), "version": version}).status_code == 302
    assert count() == before


def test_days_rooms_sessions_and_their_people(client, organiser, make_event, make_person):
    event = make_event(organiser=organiser, days=2)
    session = make_session(event, title_ar="قديمة")
    room, day = event.rooms[0], event.days[0]
    person = make_person()
    forget()
    client.login(organiser)
    # A day
    url = f"/manage/events/{event.id}/days/{day.id}"
    data = {"title_ar": "اليوم الأول", "title_en": "", "version": client.version(url)}
    assert client.post(url, data).status_code == 302
    assert only("day", "update").changes == {"title_ar": [None, "اليوم الأول"]}
    # A room: its video link is logged as changed, never its address (it may hold a passcode)
    url = f"/manage/events/{event.id}/rooms/{room.id}"
    version = client.version(url)
    secret_link = "https://meet.example.org/j/123?pwd=s3cret"
    data = {"name": "القاعة الكبرى", "capacity": "80", "video_link": secret_link}
    data["version"] = version
    assert client.post(url, data).status_code == 302
    changes = only("room", "update").changes
    assert changes["name"] == ["القاعة الرئيسية", "القاعة الكبرى"]
    assert changes["capacity"] == [50, 80]
    assert changes["video_link"] == [None, audit.HIDDEN]
    # A session
    url = f"/manage/sessions/{session.id}/edit"
    data = {
        "version": client.version(url),
        "day_id": event.days[1].id,
        "room_id": room.id,
        "start_time": "09:00",
        "end_time": "10:30",
        "kind": "panel",
        "title_ar": "جديدة",
        "title_en": "Session",
    }
    assert client.post(url, data).status_code == 302
    entry = only("session", "update")
    assert entry.entity_id == session.id and entry.event_id == event.id
    assert entry.changes == {
        "title_ar": ["قديمة", "جديدة"],
        "day_id": [event.days[0].id, event.days[1].id],
        "end_time": ["10:00:00", "10:30:00"],
    }
    # A person in the session, added then removed
    url = f"/manage/sessions/{session.id}/people"
    client.get(url)
    client.post(url, {"person_id": person.id, "role": "presenter"})
    added = only("session_person", "create")
    assert added.event_id == event.id
    assert added.changes["person_id"] == [None, person.id]
    assert added.changes["role"] == [None, "presenter"]
    client.post(f"{url}/{added.entity_id}/delete")
    removed = only("session_person", "delete")
    assert removed.entity_id == added.entity_id and removed.event_id == event.id
    assert all(e.actor_user_id == organiser.id for e in entries())


def test_team_roles(client, organiser, event):
    colleague = make_user("colleague@example.org", name="زميلة")
    forget()
    client.login(organiser)
    url = f"/manage/events/{event.id}/team"
    client.get(url)
    client.post(url, {"email": colleague.email, "role": "organiser", "session_id": "0"})
    created = only("role", "create")
    assert created.event_id == event.id and created.actor_user_id == organiser.id
    assert created.changes["user_id"] == [None, colleague.id]
    assert created.changes["role"] == [None, "organiser"]
    client.get(url)
    client.post(f"{url}/{created.entity_id}/delete")
    deleted = only("role", "delete")
    assert deleted.entity_id == created.entity_id
    assert db.session.get(EventRole, created.entity_id) is None


def test_registration_settings_and_invitations(event):
    registration_services.settings_for(event)
    db.session.commit()
    forget()
    open_registration(event, capacity_in_person=30)
    settings = registration_services.settings_for(event)
    entry = only("registration_settings", "update", event_id=event.id)
    assert entry.changes["is_open"] == [False, True]
    assert entry.changes["capacity_in_person"] == [None, 30]
    assert entry.actor_label == "system"  # no request, no command: the system

    invitation = invitation_services.create_invitation(
        event, {"label": "الوزارات", "max_uses": 5, "email": "x@example.org", "name_ar": "س"}
    )
    db.session.commit()
    created = only("invitation", "create")
    assert created.changes["label"] == [None, "الوزارات"]
    assert created.changes["max_uses"] == [None, 1]  # one address: one use
    assert not {"code", "email", "name_ar", "uses"} & created.changes.keys()
    invitation_services.revoke(invitation)
    db.session.commit()
    assert only("invitation", "update").changes == {"revoked": [False, True]}
    assert settings.event_id == event.id


def test_outcomes_and_follow_up(organiser, event):
    session = make_session(event)
    forget()
    with audit.acting_as("user", organiser.id):
        session_outcomes.save_session_outcome(session, {"summary": "أولاً"}, 0, organiser)
        db.session.commit()
        session_outcomes.save_session_outcome(session, {"summary": "ثانياً"}, 1, organiser)
        db.session.commit()
    assert only("session_outcome", "create").changes["summary"] == [None, "أولاً"]
    updated = only("session_outcome", "update")
    assert updated.changes == {"summary": ["أولاً", "ثانياً"]}
    assert updated.actor_user_id == organiser.id and updated.event_id == event.id

    event_outcomes.save_event_outcome(event, {"conclusions": "خلاصة"}, 0, organiser)
    db.session.commit()
    event_outcomes.save_event_outcome(event, {"conclusions": "خلاصة منقحة"}, 1, organiser)
    db.session.commit()
    assert only("event_outcome", "update").changes == {"conclusions": ["خلاصة", "خلاصة منقحة"]}

    rec = items.add_recommendation(
        event, session, {"text": "إنشاء قاعدة بيانات", "addressee": "الوزارة"}
    )
    db.session.commit()
    assert only("recommendation", "create").changes["text"] == [None, "إنشاء قاعدة بيانات"]
    items.update_recommendation(
        rec, {"text": "إنشاء قاعدة بيانات وطنية", "addressee": "الوزارة"}, rec.version
    )
    db.session.commit()
    assert only("recommendation", "update").changes["text"] == [
        "إنشاء قاعدة بيانات",
        "إنشاء قاعدة بيانات وطنية",
    ]
    followup.update_follow_up(
        rec, {"status": "adopted", "responsible_body": "الهيئة", "due_date": None}, organiser
    )
    db.session.commit()
    follow = [e for e in entries("recommendation", "update") if "status" in e.changes]
    assert follow[-1].changes["status"] == ["proposed", "adopted"]
    assert follow[-1].changes["responsible_body"] == [None, "الهيئة"]
    note = entries("follow_up_note", "create")
    assert note and note[-1].event_id == event.id


def test_registration_status_change_by_the_organiser(client, organiser, make_event):
    event = make_event(organiser=organiser)
    open_registration(event, requires_approval=True)
    forget()
    person = register(event, name_ar="هالة المصري", email="hala@example.org")
    created = only("registration", "create", entity_id=person.id)
    assert created.changes == {
        "status": [None, "pending"],
        "category": [None, "delegate"],
        "mode": [None, "in_person"],
        "days": [None, [event.days[0].date.isoformat()]],
    }
    client.login(organiser)
    client.get(f"/manage/events/{event.id}/registrations")
    client.post(
        f"/manage/events/{event.id}/registrations/bulk",
        {"action": "approve", "ids": [str(person.id)]},
    )
    entry = only("registration", "update", entity_id=person.id)
    assert entry.changes == {"status": ["pending", "confirmed"]}
    assert entry.actor_user_id == organiser.id and entry.event_id == event.id


def test_a_public_sign_up_writes_one_entry_without_personal_data(client, open_event):
    url = f"/e/{open_event.slug}/register"
    client.get(url)
    before = count()
    assert client.post(url, form_data(open_event)).status_code == 302
    assert count() == before + 1
    entry = entries()[-1]
    assert (entry.entity_type, entry.action, entry.actor_label) == (
        "registration",
        "create",
        "public",
    )
    assert entry.actor_user_id is None
    assert set(entry.changes) == {"status", "category", "mode", "days"}


def test_a_rolled_back_change_leaves_no_entry(event):
    before = count()
    event.title_en = "Never saved"
    db.session.flush()  # the entry is written with the change, in its transaction
    assert count() == before + 1
    db.session.rollback()
    assert count() == before
    assert db.session.get(Event, event.id).title_en == "Human Rights Conference"


def test_a_refused_sign_up_leaves_no_entry(client, open_event):
    url = f"/e/{open_event.slug}/register"
    client.get(url)
    before = count()
    response = client.post(url, form_data(open_event, email="not-an-address"))
    assert response.status_code == 422
    assert count() == before


def test_check_ins_are_logged(client, organiser, make_event):
    event = make_event(organiser=organiser)
    open_registration(event)
    person = register(event)
    day = event.days[0]
    forget()
    client.login(organiser)
    client.get(f"/manage/events/{event.id}/checkin")
    client.post(f"/manage/events/{event.id}/checkin/{person.id}/{day.id}", {})
    entry = only("check_in", "check_in")
    assert entry.event_id == event.id and entry.actor_user_id == organiser.id
    assert entry.changes == {"registration_id": [None, person.id], "day_id": [None, day.id]}
    client.post(f"/manage/events/{event.id}/checkin/{person.id}/{day.id}", {"undo": "1"})
    assert only("check_in", "undo_check_in").event_id == event.id


def test_exports_of_personal_data_are_logged(app, client, organiser, make_event):
    event = make_event(organiser=organiser)
    open_registration(event)
    person = register(event)
    register(event)
    forget()
    client.login(organiser)
    for fmt in ("csv", "xlsx"):
        response = client.raw.get(f"/manage/events/{event.id}/registrations/export.{fmt}")
        assert response.status_code == 200
    exported = entries("registrations", "export", event_id=event.id)
    assert [e.changes for e in exported] == [
        {"format": [None, "csv"], "rows": [None, 2]},
        {"format": [None, "xlsx"], "rows": [None, 2]},
    ]
    assert all(e.actor_user_id == organiser.id for e in exported)
    assert client.raw.get(f"/manage/events/{event.id}/invitations/links.csv").status_code == 200
    assert only("invitation_links", "export").event_id == event.id
    # The participant's own download, through the personal link
    token = registration_services.make_token(person)
    participant = WebClient(app.test_client())  # no account: the link alone
    assert participant.get(f"/r/{token}/data.json").status_code == 200
    own = only("personal_data", "export")
    assert own.actor_label == "participant" and own.actor_user_id is None
    assert own.entity_id == person.id and own.event_id == event.id


def test_badges_and_certificates_are_logged(client, organiser, make_event):
    event = make_event(organiser=organiser)
    open_registration(event)
    person = register(event)
    assert person.status == Status.CONFIRMED
    client.login(organiser)
    assert client.raw.get(f"/manage/events/{event.id}/badges.pdf").status_code == 200
    entry = only("badges", "export")
    assert entry.changes == {"format": [None, "pdf"], "rows": [None, 1]}
    checkin.check_in(person, event.days[0], organiser)
    db.session.commit()
    assert client.raw.get(f"/manage/events/{event.id}/certificates.pdf").status_code == 200
    assert only("certificates", "export").actor_user_id == organiser.id


def test_the_command_line_is_named(app, make_event, organiser):
    event = make_event(organiser=organiser)
    open_registration(event, purge_after_days=1)
    person = register(event)
    forget()
    later = (event.last_day + dt.timedelta(days=5)).isoformat()
    result = app.test_cli_runner().invoke(args=["registration", "purge", "--today", later])
    assert result.exit_code == 0, result.output
    purged = only("registration_settings", "update", event_id=event.id, actor_label="cli")
    assert "purged_at" in purged.changes
    assert db.session.get(Registration, person.id).email is None


@pytest.mark.parametrize("label", ["system"])
def test_acting_as_names_a_worker(event, label):
    forget()
    with audit.acting_as(label):
        event.title_en = "Renamed by a job"
        db.session.commit()
    assert only("event", "update").actor_label == label


def test_a_participant_changing_days_and_mode(make_event, organiser):
    event = make_event(organiser=organiser, days=3)
    open_registration(event, offer_remote=True)
    person = register(event)
    forget()
    first, _second, third = event.days
    registration_services.change_registration(
        person, {"day_ids": [first.id, third.id], "mode": Mode.REMOTE}
    )
    db.session.commit()
    entry = only("registration", "update", entity_id=person.id)
    dates = [d.date.isoformat() for d in event.days]
    assert entry.changes["days"] == [dates, [dates[0], dates[2]]]
    assert entry.changes["mode"] == ["in_person", "remote"]
