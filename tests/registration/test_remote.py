"""Remote participation as a journey: the sessions a confirmed remote participant may join
(the session's own link over its room's, the interpretation channels, the times in their own
time zone), their e-mail, personal page and calendar, the "joined" click that counts them
present, the organisers' figures, and that none of it leaks to the public."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from eventapp.audit.models import AuditEntry
from eventapp.extensions import db
from eventapp.registration import figures, remote
from eventapp.registration import services as registration_services
from eventapp.registration.models import (
    Attendance,
    CheckIn,
    Mode,
    SessionAttendance,
    SessionSignup,
    SignupStatus,
    Status,
)
from eventapp.sessions.models import SessionChannel
from eventapp.sessions.services import save_room, session_video_links
from tests.factories import make_event, make_session
from tests.registration.conftest import form_data, mail_folder, open_registration, register

ROOM_LINK = "https://meet.example.org/room-7731"
SESSION_LINK = "https://meet.example.org/session-own-5519"
CHANNEL_LINK = "https://interp.example.org/fr-2284"
CHANNEL_NUMBER = "Canal 7"


@pytest.fixture
def mailbox(app):
    return mail_folder(app)


def _unfolded(text: str) -> str:
    return re.sub(r"\r?\n[ \t]", "", text)


def _hybrid(organiser, *, first_day=dt.date(2026, 12, 9), timezone="Asia/Riyadh", days=2):
    """A hybrid event: room with a link; session 1 with its own link and channels; session 2
    in the room only; a break; a working group that requires sign-up."""
    event = make_event(
        organiser=organiser,
        attendance_mode="hybrid",
        first_day=first_day,
        days=days,
        timezone=timezone,
    )
    room = event.rooms[0]
    save_room(event, room, {"name": room.name, "capacity": 50, "video_link": ROOM_LINK})
    own = make_session(event, start="09:00", end="10:30", title_ar="الجلسة الافتتاحية")
    own.video_link = SESSION_LINK
    own.channels = [
        SessionChannel(language="ar", channel=None, position=0),
        SessionChannel(language="fr", channel=CHANNEL_LINK, position=1),
        SessionChannel(language="en", channel=CHANNEL_NUMBER, position=2),
    ]
    in_room = make_session(event, start="11:00", end="12:00", title_ar="جلسة القاعة")
    pause = make_session(event, start="10:30", end="11:00", kind="break", title_ar="استراحة")
    group = make_session(
        event, day=2, start="09:00", end="10:00", kind="working_group", title_ar="مجموعة عمل"
    )
    group.signup_required = True
    db.session.commit()
    open_registration(
        event,
        capacity_in_person=10,
        offer_remote=True,
        capacity_remote=10,
        remote_instructions_ar="ارفع يدك الافتراضية لطلب الكلمة",
        remote_instructions_en="Raise your virtual hand to ask to speak",
        technical_check_at=dt.datetime(2026, 12, 8, 16, 0),
        technical_check_link="https://meet.example.org/tech-check",
    )
    return event, own, in_room, pause, group


@pytest.fixture
def hybrid(organiser):
    return _hybrid(organiser)


def _remote(event, email="remote@example.org", time_zone="Europe/Paris", **data):
    return register(event, email, mode=Mode.REMOTE, time_zone=time_zone, **data)


# The service


def test_remote_sessions_give_the_session_link_over_the_room_and_the_own_zone(hybrid):
    event, own, in_room, pause, group = hybrid
    registration = _remote(event)
    sessions = remote.remote_sessions(registration)
    assert [s.id for s in sessions] == [own.id, in_room.id]  # no break, no group not signed up
    first, second = sessions
    assert first.link == SESSION_LINK and second.link == ROOM_LINK
    assert [(c.language, c.channel, c.link) for c in first.channels] == [
        ("الفرنسية", CHANNEL_LINK, CHANNEL_LINK),
        ("الإنجليزية", CHANNEL_NUMBER, None),
    ]
    # 09:00 in Riyadh (UTC+3) is 07:00 in Paris (UTC+1 in December).
    assert first.event_starts_at == dt.datetime(2026, 12, 9, 9, 0, tzinfo=ZoneInfo("Asia/Riyadh"))
    assert first.starts_at.tzinfo.key == "Europe/Paris"
    assert (first.starts_at.hour, first.starts_at.minute) == (7, 0)
    assert first.starts_at == first.event_starts_at


def test_a_session_that_requires_sign_up_only_once_signed_up(hybrid):
    event, own, in_room, _pause, group = hybrid
    registration = _remote(event)
    db.session.add(
        SessionSignup(
            session_id=group.id, registration_id=registration.id, status=SignupStatus.WAITLISTED
        )
    )
    db.session.commit()
    assert group.id not in [s.id for s in remote.remote_sessions(registration)]
    signup = db.session.scalar(select(SessionSignup))
    signup.status = SignupStatus.CONFIRMED
    db.session.commit()
    assert [s.id for s in remote.remote_sessions(registration)] == [own.id, in_room.id, group.id]


def test_only_the_days_registered_for(hybrid):
    event, own, in_room, _pause, group = hybrid
    registration = _remote(event, day_ids=[event.days[1].id])
    db.session.add(
        SessionSignup(
            session_id=group.id, registration_id=registration.id, status=SignupStatus.CONFIRMED
        )
    )
    db.session.commit()
    assert [s.id for s in remote.remote_sessions(registration)] == [group.id]


def test_nothing_for_in_person_or_unconfirmed(hybrid):
    event, *_ = hybrid
    assert remote.remote_sessions(register(event, "room@example.org")) == []
    waiting = _remote(event, "wait@example.org")
    waiting.status = Status.WAITLISTED
    db.session.commit()
    assert remote.remote_sessions(waiting) == []
    assert remote.journey(waiting, None) is None


def test_the_session_link_wins_in_the_agenda_links_too(hybrid):
    event, own, in_room, *_ = hybrid
    links = session_video_links(event)
    assert links[own.id] == SESSION_LINK and links[in_room.id] == ROOM_LINK


def test_no_time_zone_means_the_event_zone(hybrid):
    event, *_ = hybrid
    registration = _remote(event, time_zone=None)
    assert remote.zone_name(registration) == "Asia/Riyadh"
    registration.time_zone = "Not/AZone"  # never saved by the forms; still harmless
    assert remote.zone_name(registration) == "Asia/Riyadh"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("https://meet.example.org/x", True),
        ("http://meet.example.org/x", True),
        ("javascript:alert(1)", False),
        ("//evil.example.org", False),
        ("/r/other", False),
        ("Channel 2", False),
        ("", False),
    ],
)
def test_only_web_links_are_linked_or_followed(value, safe):
    assert (remote.web_link(value) is not None) is safe


# The forms: time zone on the public form and the personal page


def test_the_public_form_keeps_the_chosen_time_zone(client, hybrid):
    event, *_ = hybrid
    page = client.get(f"/e/{event.slug}/register").get_data(as_text=True)
    assert 'id="time-zone-choice"' in page
    select = re.search(r'<select[^>]*id="time_zone".*?</select>', page, flags=re.S).group(0)
    assert '<option value="Asia/Riyadh" selected>توقيت الرياض</option>' in select  # the event's
    assert '<option value="Europe/Paris">توقيت باريس</option>' in select
    assert select.count(" selected") == 1
    response = client.post(
        f"/e/{event.slug}/register",
        form_data(event, mode="remote", email="tz@example.org", time_zone="America/Bogota"),
    )
    assert response.status_code == 302
    registration = registration_services.registration_by_email(event, "tz@example.org")
    assert registration.time_zone == "America/Bogota"


def test_an_unknown_time_zone_is_refused_and_kept(client, hybrid):
    event, *_ = hybrid
    client.get(f"/e/{event.slug}/register")
    response = client.post(
        f"/e/{event.slug}/register",
        form_data(event, mode="remote", email="tz@example.org", time_zone="Mars/Olympus_Mons"),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    # What was sent stays selected, with a message that says what to do.
    assert '<option value="Mars/Olympus_Mons" selected>Mars/Olympus_Mons</option>' in page
    assert "«Mars/Olympus_Mons» ليست منطقة زمنية نعرفها" in page
    assert 'aria-invalid="true"' in page
    assert registration_services.registration_by_email(event, "tz@example.org") is None


def test_the_participant_changes_their_time_zone(client, hybrid):
    event, *_ = hybrid
    registration = _remote(event)
    token = registration_services.make_token(registration)
    url = f"/r/{token}"
    version = client.version(url)
    data = {
        "mode": "remote",
        "day_ids": [str(d.id) for d in event.days],
        "version": version,
        "time_zone": "Asia/Tokyo",
    }
    assert client.post(f"{url}/change", data).status_code == 302
    db.session.refresh(registration)
    assert registration.time_zone == "Asia/Tokyo"
    data["time_zone"] = "Tokyo"
    data["version"] = client.version(url)
    response = client.post(f"{url}/change", data)
    assert response.status_code == 422
    assert '<option value="Tokyo" selected>Tokyo</option>' in response.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.time_zone == "Asia/Tokyo"


def test_a_stored_zone_missing_from_the_list_stays_selected(client, hybrid):
    event, *_ = hybrid
    registration = _remote(event, time_zone="Europe/Kiev")  # an older name of Europe/Kyiv
    page = client.get(f"/r/{registration_services.make_token(registration)}").get_data(True)
    select = re.search(r'<select[^>]*id="time_zone".*?</select>', page, flags=re.S).group(0)
    chosen = re.findall(r'<option value="([^"]+)" selected>', select)
    assert chosen == ["Europe/Kiev"]


# Organiser settings


def test_the_organiser_sets_instructions_and_technical_check(client, organiser):
    event = make_event(organiser=organiser, attendance_mode="hybrid")
    open_registration(event, offer_remote=True)
    client.login(organiser)
    url = f"/manage/events/{event.id}/registration/settings"
    page = client.get(url).get_data(as_text=True)
    assert 'id="remote-settings"' in page
    data = {
        "is_open": "y",
        "offer_in_person": "y",
        "offer_remote": "y",
        "who_may_register": "none",
        "version": client.version(url),
        "remote_instructions_ar": " انضم قبل الموعد بعشر دقائق ",
        "remote_instructions_en": "",
        "technical_check_at": "2026-12-08T15:30",
        "technical_check_link": "javascript:alert(1)",
    }
    response = client.post(url, data)
    page = response.get_data(as_text=True)
    assert "javascript:alert(1)" in page  # kept for correcting
    assert "أدخل عنوانًا يبدأ بـ" in page
    assert registration_services.settings_for(event).technical_check_link is None
    data["technical_check_link"] = "https://meet.example.org/check"
    data["version"] = client.version(url)
    assert client.post(url, data).status_code == 302
    settings = registration_services.settings_for(event)
    assert settings.remote_instructions_ar == "انضم قبل الموعد بعشر دقائق"
    assert settings.remote_instructions_en is None
    assert settings.technical_check_at == dt.datetime(2026, 12, 8, 15, 30)
    assert settings.technical_check_link == "https://meet.example.org/check"


# The e-mail and its calendar


def _parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    attachments = {}
    for attachment in message.iter_attachments():
        content = attachment.get_content()
        attachments[attachment.get_filename()] = (
            content if isinstance(content, str) or content[:4] == b"\x89PNG" else content.decode()
        )
    return text, html, attachments


def test_the_remote_participant_s_confirmation(client, hybrid, mailbox):
    event, own, in_room, *_ = hybrid
    client.get(f"/e/{event.slug}/register")
    client.post(
        f"/e/{event.slug}/register",
        form_data(event, mode="remote", email="remote@example.org", time_zone="Europe/Paris"),
    )
    [message] = [m for m in mailbox() if m["To"] == "remote@example.org"]
    text, html, attachments = _parts(message)
    for body in (text, html):
        assert SESSION_LINK in body and ROOM_LINK in body
        assert CHANNEL_LINK in body and CHANNEL_NUMBER in body
        # Zones named by their cities in the reader's language, not "Europe/Paris".
        assert "توقيت باريس" in body and "توقيت الرياض" in body and "Europe/Paris" not in body
        assert "07:00–08:30" in body  # in Paris; 09:00–10:30 in Riyadh
        assert "09:00–10:30" in body
        assert "ارفع يدك الافتراضية لطلب الكلمة" in body
        assert "https://meet.example.org/tech-check" in body
        assert "14:00" in body  # the technical check, 16:00 in Riyadh
        assert f"/e/{event.slug}/sessions/{own.id}/?t=" in body  # where to ask to speak
        assert "رمز تسجيل الحضور" not in body  # no check-in code
    assert "checkin-qr.png" not in attachments
    ics = _unfolded(attachments["event.ics"])
    assert "BEGIN:VTIMEZONE" in ics and "TZID:Europe/Paris" in ics
    assert "DTSTART;TZID=Europe/Paris:20261209T070000" in ics
    assert SESSION_LINK in ics and CHANNEL_LINK in ics and ROOM_LINK in ics
    assert "X-WR-TIMEZONE:Europe/Paris" in ics
    assert "multaqa-technical-check" in ics


def test_the_in_person_participant_keeps_the_door_code(client, hybrid, mailbox):
    event, *_ = hybrid
    client.get(f"/e/{event.slug}/register")
    client.post(f"/e/{event.slug}/register", form_data(event, email="room@example.org"))
    [message] = [m for m in mailbox() if m["To"] == "room@example.org"]
    text, html, attachments = _parts(message)
    assert "checkin-qr.png" in attachments
    registration = registration_services.registration_by_email(event, "room@example.org")
    assert registration.checkin_code in text
    for body in (text, html, _unfolded(attachments["event.ics"])):
        for secret in (SESSION_LINK, ROOM_LINK, CHANNEL_LINK, CHANNEL_NUMBER, "tech-check"):
            assert secret not in body


# The personal page and calendar


def test_the_personal_page_of_a_remote_participant(client, hybrid):
    event, own, in_room, *_ = hybrid
    registration = _remote(event)
    token = registration_services.make_token(registration)
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert 'id="remote-participation"' in page
    section = page.split('id="remote-participation"', 1)[1]
    assert "توقيت باريس" in section and "توقيت الرياض" in section
    assert "Europe/Paris" not in section.split("time-zone-choice", 1)[0]
    assert "07:00–08:30" in section and "09:00–10:30" in section
    assert f'href="{SESSION_LINK}"' in section and f'href="{ROOM_LINK}"' in section
    assert f'href="{CHANNEL_LINK}"' in section and CHANNEL_NUMBER in section
    assert "ارفع يدك الافتراضية لطلب الكلمة" in section
    assert 'id="technical-check"' in section
    assert f"/e/{event.slug}/sessions/{own.id}/?t={token}" in section
    assert 'class="qr"' not in page and 'id="checkin-code"' not in page
    # The event is days away: no "Join now" yet.
    assert "join-button" not in section


def test_the_personal_page_in_english_gives_the_english_instructions(client, hybrid):
    event, *_ = hybrid
    registration = _remote(event)
    token = registration_services.make_token(registration)
    client.switch_language("en")
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "Raise your virtual hand to ask to speak" in page


def test_the_in_person_page_keeps_its_qr_and_shows_no_link(client, hybrid):
    event, *_ = hybrid
    registration = register(event, "room@example.org")
    token = registration_services.make_token(registration)
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert 'class="qr"' in page and 'id="checkin-code"' in page
    assert 'id="remote-participation"' not in page
    for secret in (SESSION_LINK, ROOM_LINK, CHANNEL_LINK, CHANNEL_NUMBER):
        assert secret not in page


def test_the_personal_calendar_in_the_participant_s_zone(client, hybrid):
    event, own, in_room, *_ = hybrid
    registration = _remote(event, time_zone="America/New_York")
    token = registration_services.make_token(registration)
    response = client.get(f"/r/{token}/event.ics")
    assert response.headers["Cache-Control"] == "private, no-store"
    ics = _unfolded(response.get_data(as_text=True))
    # 09:00 in Riyadh is 01:00 in New York (UTC-5).
    assert "DTSTART;TZID=America/New_York:20261209T010000" in ics
    assert "TZID:America/New_York" in ics
    assert f"UID:multaqa-session-{own.id}@" in ics
    assert SESSION_LINK in ics and CHANNEL_NUMBER in ics
    assert "استراحة" not in ics  # the break is not joined
    # The in-person participant's calendar is the event's, without links.
    other = registration_services.make_token(register(event, "room@example.org"))
    ics = _unfolded(client.get(f"/r/{other}/event.ics").get_data(as_text=True))
    assert "BEGIN:VEVENT" in ics and SESSION_LINK not in ics and ROOM_LINK not in ics


# Joining


def _running_event(organiser):
    """An event whose day is today (in its zone) with a session running now: the zone is
    chosen so that it is about noon there, whatever the hour of the test."""
    now = dt.datetime.now(dt.UTC)
    offset = 12 - now.hour  # hours east of UTC, -11 .. +12
    zone = f"Etc/GMT{-offset:+d}" if offset else "UTC"
    today = now.astimezone(ZoneInfo(zone)).date()
    event, own, in_room, pause, _group = _hybrid(organiser, first_day=today, timezone=zone)
    own.start_time, own.end_time = dt.time(11, 0), dt.time(13, 30)
    pause.start_time, pause.end_time = dt.time(13, 30), dt.time(14, 0)
    in_room.start_time, in_room.end_time = dt.time(14, 0), dt.time(15, 0)
    db.session.commit()
    return event, own, in_room


def _join(client, token, session):
    client.get(f"/r/{token}")
    return client.post(f"/r/{token}/sessions/{session.id}/joined")


def test_joined_counts_the_participant_and_opens_the_link(client, organiser):
    event, own, in_room = _running_event(organiser)
    registration = _remote(event)
    token = registration_services.make_token(registration)
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert f"/r/{token}/sessions/{own.id}/joined" in page  # under way: "Join now"
    assert f"/r/{token}/sessions/{in_room.id}/joined" not in page  # later today
    response = _join(client, token, own)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # Opened from a page (the CSP's form-action forbids a form's redirect to another site).
    assert f'http-equiv="refresh" content="0;url={SESSION_LINK}"' in page
    assert f'id="open-joining-link" href="{SESSION_LINK}"' in page
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "private, no-store"
    # Twice: still once present.
    assert SESSION_LINK in _join(client, token, own).get_data(as_text=True)
    [present] = db.session.scalars(select(SessionAttendance)).all()
    assert (present.session_id, present.registration_id, present.how) == (
        own.id,
        registration.id,
        Attendance.JOINED,
    )
    [day] = db.session.scalars(select(CheckIn)).all()
    assert (day.day_id, day.how) == (own.day_id, Attendance.JOINED)
    assert "joined-badge" in client.get(f"/r/{token}").get_data(as_text=True)
    # Their own data says so, without the link.
    data = client.get(f"/r/{token}/data.json").get_json()
    assert data["time_zone"] == "Europe/Paris"
    assert data["check_ins"][0]["how"] == "joined"
    assert data["sessions_attended"][0]["how"] == "joined"
    assert "meet.example.org" not in str(data)
    # Nothing of the link in the audit trail.
    entries = db.session.scalars(select(AuditEntry)).all()
    assert any(e.entity_type == "session_attendance" for e in entries)
    for entry in entries:
        assert "example.org/" not in str(entry.changes), entry


def test_joining_outside_the_window_records_nothing(client, organiser):
    event, own, in_room = _running_event(organiser)
    registration = _remote(event)
    token = registration_services.make_token(registration)
    response = _join(client, token, in_room)  # starts in about two hours
    assert response.status_code == 302 and f"/r/{token}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "لم تبدأ هذه الجلسة بعد" in page
    assert db.session.scalars(select(SessionAttendance)).all() == []
    assert db.session.scalars(select(CheckIn)).all() == []


def test_the_join_window_in_the_service(hybrid):
    event, own, *_ = hybrid
    registration = _remote(event)
    zone = ZoneInfo("Asia/Riyadh")
    with pytest.raises(remote.OutsideWindow):
        remote.record_joined(registration, own, dt.datetime(2026, 12, 9, 8, 44, tzinfo=zone))
    with pytest.raises(remote.OutsideWindow):
        remote.record_joined(registration, own, dt.datetime(2026, 12, 9, 10, 31, tzinfo=zone))
    assert db.session.scalars(select(SessionAttendance)).all() == []
    link = remote.record_joined(registration, own, dt.datetime(2026, 12, 9, 8, 45, tzinfo=zone))
    assert link == SESSION_LINK
    remote.record_joined(registration, own, dt.datetime(2026, 12, 9, 10, 30, tzinfo=zone))
    db.session.commit()
    assert len(db.session.scalars(select(SessionAttendance)).all()) == 1


def test_a_door_check_in_is_kept_when_joining_later(hybrid):
    event, own, *_ = hybrid
    registration = _remote(event)
    db.session.add(CheckIn(registration_id=registration.id, day_id=own.day_id))
    db.session.commit()
    zone = ZoneInfo("Asia/Riyadh")
    remote.record_joined(registration, own, dt.datetime(2026, 12, 9, 9, 5, tzinfo=zone))
    db.session.commit()
    [day] = db.session.scalars(select(CheckIn)).all()
    assert day.how == Attendance.DOOR


def test_a_link_that_is_not_a_web_address_is_never_followed(hybrid):
    event, own, *_ = hybrid
    own.video_link = "javascript:alert(1)"
    event.rooms[0].video_link = None
    db.session.commit()
    registration = _remote(event)
    zone = ZoneInfo("Asia/Riyadh")
    with pytest.raises(remote.OutsideWindow):
        remote.record_joined(registration, own, dt.datetime(2026, 12, 9, 9, 5, tzinfo=zone))
    assert db.session.scalars(select(SessionAttendance)).all() == []


def test_joined_refusals(client, organiser, app):
    event, own, in_room = _running_event(organiser)
    in_person = register(event, "room@example.org")
    token = registration_services.make_token(in_person)
    response = _join(client, token, own)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "لا يمكنك الانضمام إلى هذه الجلسة عن بعد" in page
    # A forged token, and a session of another event.
    assert _join(client, "not-a-token", own).status_code == 404
    other = make_event(organiser=organiser)
    elsewhere = make_session(other)
    remote_token = registration_services.make_token(_remote(event))
    assert _join(client, remote_token, elsewhere).status_code == 404
    # Without the form's CSRF token.
    plain = app.test_client()
    response = plain.post(f"/r/{remote_token}/sessions/{own.id}/joined")
    assert response.status_code in (302, 400)
    # Only POST.
    assert client.get(f"/r/{remote_token}/sessions/{own.id}/joined").status_code == 405
    assert db.session.scalars(select(SessionAttendance)).all() == []


def test_a_waitlisted_remote_participant_cannot_join(client, organiser):
    event, own, _in_room = _running_event(organiser)
    registration = _remote(event)
    registration.status = Status.WAITLISTED
    db.session.commit()
    token = registration_services.make_token(registration)
    assert _join(client, token, own).headers["Location"].startswith(f"/r/{token}")
    assert db.session.scalars(select(SessionAttendance)).all() == []


# The organisers' figures


def test_statistics_count_door_and_joined(client, organiser, hybrid):
    event, own, in_room, *_ = hybrid
    at_door = register(event, "room@example.org")
    joined = _remote(event)
    db.session.add(CheckIn(registration_id=at_door.id, day_id=own.day_id))
    db.session.add(
        SessionAttendance(session_id=in_room.id, registration_id=at_door.id, how=Attendance.DOOR)
    )
    db.session.commit()
    zone = ZoneInfo("Asia/Riyadh")
    remote.record_joined(joined, own, dt.datetime(2026, 12, 9, 9, 0, tzinfo=zone))
    db.session.commit()
    figures_ = figures.attendance_figures(event)
    first_day = figures_["days"][0]
    assert (first_day["door"], first_day["joined"]) == (1, 1)
    by_session = {s["session_id"]: (s["door"], s["joined"]) for s in figures_["sessions"]}
    assert by_session[own.id] == (0, 1) and by_session[in_room.id] == (1, 0)
    client.login(organiser)
    page = client.get(f"/manage/events/{event.id}/registrations/statistics").get_data(as_text=True)
    assert 'id="attendance-per-day"' in page and 'id="attendance-per-session"' in page
    row = page.split(f'id="attendance-session-{own.id}"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="joined">1</td>' in row


# The badge


def test_no_door_qr_on_a_remote_participant_s_badge(client, organiser, hybrid):
    event, *_ = hybrid
    _remote(event, name_ar="ريم عن بعد")
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{event.id}/badges.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ريم عن بعد" in text and "حضور عن بعد" in text  # neutral: no form given
    assert not any(page.images for page in reader.pages)


# Privacy: never public


def test_links_and_channels_stay_off_public_outputs(client, app, hybrid):
    event, own, *_ = hybrid
    registration = _remote(event)
    token = registration_services.make_token(registration)
    client.get(f"/r/{token}")  # the personal outputs first: nothing cached for the public
    client.get(f"/r/{token}/event.ics")
    client.get(f"/e/{event.slug}/my/{token}/agenda.ics")
    anonymous = app.test_client()
    urls = [
        f"/e/{event.slug}/",
        f"/e/{event.slug}/agenda",
        f"/e/{event.slug}/agenda.ics",
        f"/e/{event.slug}/agenda.ics?lang=en",
        f"/e/{event.slug}/sessions/{own.id}.ics",
        f"/e/{event.slug}/sessions/{own.id}/",
        f"/api/v1/events/{event.slug}/sessions",
        f"/api/v1/events/{event.slug}/sessions/{own.id}",
    ]
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        body = _unfolded(response.get_data(as_text=True))
        for secret in ("session-own-5519", "fr-2284", CHANNEL_NUMBER, "tech-check"):
            assert secret not in body, (url, secret)


def test_joined_at_once_from_several_devices_counts_once(app, hybrid):
    """Real threads, each with its own session and connection (PostgreSQL when DATABASE_URL
    is set): the unique constraints decide, every click succeeds, one row each."""
    import threading

    from eventapp.registration.models import Registration
    from eventapp.sessions.models import EventSession

    event, own, *_ = hybrid
    registration_id, session_id = _remote(event).id, own.id
    at = dt.datetime(2026, 12, 9, 9, 10, tzinfo=ZoneInfo("Asia/Riyadh"))
    attempts = 8
    barrier = threading.Barrier(attempts)
    outcomes: list = []
    lock = threading.Lock()

    def attempt():
        with app.app_context():
            try:
                registration = db.session.get(Registration, registration_id)
                session = db.session.get(EventSession, session_id)
                barrier.wait(timeout=30)
                result = remote.record_joined(registration, session, at)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test reports every failure
                db.session.rollback()
                result = f"error: {error!r}"
            finally:
                db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    db.session.expire_all()
    assert outcomes == [SESSION_LINK] * attempts
    assert len(db.session.scalars(select(SessionAttendance)).all()) == 1
    assert len(db.session.scalars(select(CheckIn)).all()) == 1


def test_a_new_edition_moves_the_technical_check_with_its_dates(organiser, hybrid):
    from eventapp.registration.editions import copy_registration

    event, *_ = hybrid
    target = make_event(organiser=organiser, first_day=dt.date(2027, 12, 8), days=2)
    copy_registration(event, target=target, days={})
    db.session.commit()
    copied = registration_services.settings_for(target)
    assert copied.technical_check_at == dt.datetime(2026, 12, 8, 16, 0) + dt.timedelta(days=364)
    assert copied.remote_instructions_ar == "ارفع يدك الافتراضية لطلب الكلمة"


def test_staff_pages_give_the_session_s_own_link(client, organiser, hybrid):
    event, own, in_room, *_ = hybrid
    client.login(organiser)
    console = client.get(f"/manage/sessions/{own.id}/console").get_data(as_text=True)
    assert f'href="{SESSION_LINK}"' in console and ROOM_LINK not in console
    outcome = client.get(f"/manage/sessions/{own.id}/outcome").get_data(as_text=True)
    assert f'href="{SESSION_LINK}"' in outcome
    console = client.get(f"/manage/sessions/{in_room.id}/console").get_data(as_text=True)
    assert f'href="{ROOM_LINK}"' in console


def test_the_room_of_a_remote_session_is_isolated_on_the_personal_page(client, hybrid):
    event, own, *_ = hybrid
    room = event.rooms[0]
    save_room(event, room, {"name": "Hall B (Geneva)", "capacity": 50, "video_link": ROOM_LINK})
    db.session.commit()
    registration = _remote(event)
    page = client.get(f"/r/{registration_services.make_token(registration)}").get_data(True)
    section = page.split(f'id="remote-session-{own.id}"', 1)[1].split("</li>", 1)[0]
    assert '· <bdi dir="ltr">Hall B (Geneva)</bdi>' in section
