"""Sessions that require sign-up through the HTTP layer: the personal page, the organiser's
change of a participant's sign-ups, the session's door and the session form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import (
    CheckIn,
    SessionAttendance,
    SessionSignup,
    SignupStatus,
)
from eventapp.sessions.models import EventSession, SessionChannel
from tests.registration.conftest import open_registration, register


@pytest.fixture
def hybrid(make_event, organiser):
    event = make_event(organiser=organiser, days=1, rooms=("القاعة أ", "القاعة ب"))
    open_registration(event, offer_remote=True)
    return event


def _groups(make_session, event):
    a = make_session(
        event,
        title_ar="مجموعة عمل التعليم",
        kind="working_group",
        room=0,
        start="11:00",
        end="12:30",
        signup_required=True,
        signup_capacity=1,
    )
    b = make_session(
        event,
        title_ar="مجموعة عمل الصحة",
        kind="working_group",
        room=1,
        start="11:00",
        end="12:30",
        signup_required=True,
        signup_capacity=10,
    )
    db.session.commit()
    return a, b


def _status(registration, session):
    db.session.expire_all()
    signup = db.session.scalar(
        select(SessionSignup).where(
            SessionSignup.registration_id == registration.id,
            SessionSignup.session_id == session.id,
        )
    )
    return signup.status if signup else None


def test_personal_page_join_wait_and_move(client, hybrid, make_session):
    a, b = _groups(make_session, hybrid)
    holder = register(hybrid)
    person = register(hybrid)
    token_holder = services.make_token(holder)
    token = services.make_token(person)
    page = client.get(f"/r/{token_holder}").get_data(as_text=True)
    assert "مجموعة عمل التعليم" in page and 'id="my-sessions"' in page
    client.post(f"/r/{token_holder}/sessions/{a.id}", {"action": "join"})
    assert _status(holder, a) == SignupStatus.CONFIRMED
    client.get(f"/r/{token}")
    response = client.post(f"/r/{token}/sessions/{a.id}", {"action": "join"})
    assert response.status_code == 302
    assert _status(person, a) == SignupStatus.WAITLISTED
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "قائمة الانتظار" in page
    client.post(f"/r/{token}/sessions/{b.id}", {"action": "join"})
    assert _status(person, b) == SignupStatus.CONFIRMED
    assert _status(person, a) == SignupStatus.CANCELLED  # waiting ends with a place elsewhere
    # The overlap is refused with a message, nothing changes.
    client.post(f"/r/{token_holder}/sessions/{b.id}", {"action": "join"})
    page = client.get(f"/r/{token_holder}").get_data(as_text=True)
    assert "في الوقت نفسه" in page
    assert _status(holder, b) is None


def test_personal_session_post_needs_csrf_and_a_valid_link(client, hybrid, make_session):
    a, _b = _groups(make_session, hybrid)
    person = register(hybrid)
    token = services.make_token(person)
    client.post(f"/r/{token}/sessions/{a.id}", {"action": "join"}, csrf=False)
    assert _status(person, a) is None
    assert client.post(f"/r/forged/sessions/{a.id}", {"action": "join"}).status_code == 404


def test_organiser_sees_and_changes_a_participants_sign_ups(
    client, organiser, hybrid, make_session
):
    a, b = _groups(make_session, hybrid)
    person = register(hybrid)
    client.login(organiser)
    url = f"/manage/events/{hybrid.id}/registrations/{person.id}"
    page = client.get(url).get_data(as_text=True)
    assert "مجموعة عمل الصحة" in page
    response = client.post(f"{url}/sessions/{b.id}", {"action": "join"})
    assert response.status_code == 302
    assert _status(person, b) == SignupStatus.CONFIRMED
    client.post(f"{url}/sessions/{b.id}", {"action": "leave"})
    assert _status(person, b) == SignupStatus.CANCELLED


def test_session_door(client, organiser, hybrid, make_session):
    a, b = _groups(make_session, hybrid)
    signed, other = register(hybrid, name_ar="سلمى"), register(hybrid, name_ar="كريم")
    client.post(f"/r/{services.make_token(signed)}/sessions/{b.id}", {"action": "join"})
    client.login(organiser)
    url = f"/manage/events/{hybrid.id}/sessions/{b.id}/door"
    page = client.get(url).get_data(as_text=True)
    assert "مجموعة عمل الصحة" in page
    response = client.post(url, {"code": signed.checkin_code})
    assert response.status_code == 200 and "أهلًا وسهلًا" in response.get_data(as_text=True)
    again = client.post(url, {"code": signed.checkin_code})
    assert "سلمى" in again.get_data(as_text=True)
    assert db.session.query(SessionAttendance).count() == 1
    assert db.session.query(CheckIn).count() == 1  # the day's check-in too
    refused = client.post(url, {"code": other.checkin_code})
    assert refused.status_code == 409
    assert 'id="admit-anyway"' in refused.get_data(as_text=True)
    admitted = client.post(f"{url}/{other.id}", {"admit": "1"})
    assert admitted.status_code == 200
    assert db.session.query(SessionAttendance).count() == 2
    assert client.post(url, {"code": "NOPE1234"}).status_code == 404


def test_door_is_for_organisers(client, hybrid, make_session, make_user):
    a, _b = _groups(make_session, hybrid)
    client.login(make_user())
    assert client.get(f"/manage/events/{hybrid.id}/sessions/{a.id}/door").status_code in (403, 404)


def _session_form(event, **overrides):
    data = {
        "day_id": event.days[0].id,
        "start_time": "14:00",
        "end_time": "15:30",
        "room_id": event.rooms[0].id,
        "kind": "working_group",
        "title_ar": "مجموعة عمل المناخ",
        "signup_required": "y",
        "signup_capacity": "30",
        "video_link": "https://meet.example.org/wg",
        "channels-0-language": "ar",
        "channels-0-channel": "",
        "channels-1-language": "en",
        "channels-1-channel": "Channel 2",
    }
    data.update(overrides)
    return data


def test_session_form_sign_up_link_and_channels(client, organiser, hybrid):
    client.login(organiser)
    page = client.get(f"/manage/events/{hybrid.id}/sessions/new").get_data(as_text=True)
    assert "channels-1-language" in page and "signup_required" in page
    response = client.post(f"/manage/events/{hybrid.id}/sessions/new", _session_form(hybrid))
    assert response.status_code == 302, response.get_data(as_text=True)
    session = db.session.scalar(select(EventSession))
    assert session.signup_required and session.signup_capacity == 30
    assert session.video_link == "https://meet.example.org/wg"
    assert [(c.language, c.channel) for c in session.channels] == [
        ("ar", None),
        ("en", "Channel 2"),
    ]
    # Removing a row: its language left empty.
    edit = f"/manage/sessions/{session.id}/edit"
    version = client.version(edit)
    response = client.post(
        edit,
        _session_form(hybrid, **{"channels-0-language": "", "version": version}),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [c.language for c in db.session.scalars(select(SessionChannel))] == ["en"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"video_link": "javascript:alert(1)"},
        {"signup_capacity": "0"},
        {"signup_capacity": "many"},
        {"channels-1-language": "ar"},
        {"channels-1-language": "klingon"},
        {"channels-1-channel": "javascript:alert(1)"},
    ],
)
def test_session_form_bad_input_keeps_what_was_typed(client, organiser, hybrid, overrides):
    client.login(organiser)
    response = client.post(
        f"/manage/events/{hybrid.id}/sessions/new", _session_form(hybrid, **overrides)
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="مجموعة عمل المناخ"' in page
    assert db.session.query(EventSession).count() == 0


def test_registration_form_offers_sessions_and_signs_up(client, hybrid, make_session):
    a, b = _groups(make_session, hybrid)
    from tests.registration.conftest import form_data

    page = client.get(f"/e/{hybrid.slug}/register").get_data(as_text=True)
    assert f'id="session_ids-{a.id}"' in page and "مجموعة عمل الصحة" in page
    response = client.post(f"/e/{hybrid.slug}/register", form_data(hybrid, session_ids=[str(a.id)]))
    assert response.status_code == 302
    person = services.registration_by_email(hybrid, "layla@example.org")
    assert _status(person, a) == SignupStatus.CONFIRMED
    # The group is full now: the (kept) form says so, and the next person waits.
    page = client.get(f"/e/{hybrid.slug}/register").get_data(as_text=True)
    choice = page[page.index(f'id="session_ids-{a.id}"') :]
    assert "text-danger" in choice[: choice.index("</label>")]
    response = client.post(
        f"/e/{hybrid.slug}/register",
        form_data(hybrid, email="omar@example.org", session_ids=[str(a.id)]),
    )
    assert response.status_code == 302
    omar = services.registration_by_email(hybrid, "omar@example.org")
    assert _status(omar, a) == SignupStatus.WAITLISTED


def test_registration_form_refuses_two_parallel_sessions_and_keeps_the_typing(
    client, hybrid, make_session
):
    a, b = _groups(make_session, hybrid)
    from tests.registration.conftest import form_data

    response = client.post(
        f"/e/{hybrid.slug}/register",
        form_data(hybrid, session_ids=[str(a.id), str(b.id)], position="باحثة مستقلة"),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="باحثة مستقلة"' in page
    assert f'id="session_ids-{a.id}" checked' in page
    assert services.registration_by_email(hybrid, "layla@example.org") is None
    response = client.post(f"/e/{hybrid.slug}/register", form_data(hybrid, session_ids=["999999"]))
    assert response.status_code == 422


def test_badge_names_the_working_group(client, organiser, hybrid, make_session, artifacts):
    import io

    from pypdf import PdfReader

    a, b = _groups(make_session, hybrid)
    person = register(hybrid, name_ar="سلمى", name_en="Salma")
    from eventapp.registration import session_signups

    session_signups.sign_up(person, b)
    db.session.commit()
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{hybrid.id}/badges.pdf")
    assert response.mimetype == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "مجموعة عمل الصحة" in text
    assert "مجموعة عمل التعليم" not in text
    (artifacts / "badge-with-session.pdf").write_bytes(response.data)


def test_statistics_per_sign_up_session(client, organiser, hybrid, make_session):
    from eventapp.registration import session_door, session_signups

    a, b = _groups(make_session, hybrid)
    people = [register(hybrid) for _ in range(2)]
    for person in people:
        session_signups.sign_up(person, a)
    db.session.commit()
    session_door.check_in_session(people[0], a)
    db.session.commit()
    client.login(organiser)
    page = client.get(f"/manage/events/{hybrid.id}/registrations/statistics").get_data(as_text=True)
    row = page[page.index(f'id="session-figures-{a.id}"') :]
    cells = [c.split("</td>")[0].strip() for c in row[: row.index("</tr>")].split("<td>")[2:]]
    assert cells == [
        "1",
        "1",
        "0",
        "1",
        "1",
        "0",
    ]  # places, in person, remote, waiting, door, joined
