"""Who may ask to speak where: a participant asks only in the sessions of the days they
registered for, in the room only when they attend in person (and hold a place in a session
that takes sign-ups), by video or recording only when they join remotely; the page explains a
refusal (never a bare 403) and offers the session's own languages."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp.extensions import db
from eventapp.interventions.eligibility import eligibility
from eventapp.interventions.models import Intervention, InterventionMode
from eventapp.registration import services as registration
from eventapp.registration.models import Mode, SessionSignup, SignupStatus
from eventapp.sessions.models import SessionChannel
from tests.factories import give_role, make_session, make_user

M = InterventionMode


@pytest.fixture
def event(make_event, organiser):
    """Two days ahead of today, so that no session is over by the clock."""
    return make_event(
        organiser=organiser, first_day=dt.date.today() + dt.timedelta(days=30), days=2
    )


@pytest.fixture
def day1(event):
    return make_session(event, day=1, title_ar="جلسة اليوم الأول", start="10:00", end="11:00")


@pytest.fixture
def day2(event):
    return make_session(event, day=2, title_ar="جلسة اليوم الثاني", start="10:00", end="11:00")


def register(event, email, mode=Mode.IN_PERSON, days=(1,)):
    person = registration.register(
        event,
        {
            "name_ar": "مشاركة",
            "email": email,
            "category": "delegate",
            "mode": mode,
            "day_ids": [event.days[n - 1].id for n in days],
        },
        organiser=True,
        override_capacity=True,
    )
    db.session.commit()
    return person, registration.make_token(person)


def page_of(session):
    return f"/e/{session.event.slug}/sessions/{session.id}/"


def ask(client, session, token, mode, language="ar", topic="حماية المدافعين"):
    return client.post(
        f"{page_of(session)}request",
        {"t": token, "topic": topic, "mode": mode, "language": language},
    )


def asked(email) -> list[Intervention]:
    return db.session.query(Intervention).filter_by(participant_email=email).all()


def test_a_participant_of_day_one_cannot_ask_in_a_day_two_session(client, event, day1, day2):
    _person, token = register(event, "day1@example.org", days=(1,))
    page = client.get(f"{page_of(day2)}?t={token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="cannot-speak"' in html
    assert "لم تسجّل فيه" in html  # the page says why, in the reader's language
    assert "request" not in html.split('id="cannot-speak"')[1].split("</section>")[0]
    refused = ask(client, day2, token, "in_room")
    assert refused.status_code == 400  # explained, not forbidden
    assert "لم تسجّل فيه" in refused.get_data(as_text=True)
    assert asked("day1@example.org") == []
    # Their own day is open to them.
    assert ask(client, day1, token, "in_room").status_code == 302
    assert [i.session_id for i in asked("day1@example.org")] == [day1.id]


def test_a_participant_of_both_days_may_ask_in_either(client, event, day1, day2):
    _person, token = register(event, "both@example.org", days=(1, 2))
    assert ask(client, day2, token, "in_room").status_code == 302


def test_in_person_participants_speak_in_the_room_or_in_writing(client, event, day1):
    _person, token = register(event, "room@example.org", mode=Mode.IN_PERSON)
    html = client.get(f"{page_of(day1)}?t={token}").get_data(as_text=True)
    assert 'value="in_room"' in html and 'value="written"' in html
    assert 'value="remote_live"' not in html and 'value="recorded"' not in html
    refused = ask(client, day1, token, "remote_live")
    assert refused.status_code == 400
    text = refused.get_data(as_text=True)
    assert "غير متاحة لك" in text and "في القاعة" in text
    assert 'value="حماية المدافعين"' in text  # the form keeps what was typed
    assert asked("room@example.org") == []
    assert ask(client, day1, token, "in_room").status_code == 302


def test_remote_participants_speak_by_video_recording_or_in_writing(client, event, day1):
    person, token = register(event, "remote@example.org", mode=Mode.REMOTE)
    html = client.get(f"{page_of(day1)}?t={token}").get_data(as_text=True)
    assert 'value="remote_live"' in html and 'value="recorded"' in html
    assert 'value="in_room"' not in html
    assert ask(client, day1, token, "in_room").status_code == 400
    assert asked("remote@example.org") == []
    assert ask(client, day1, token, "recorded").status_code == 302
    assert eligibility(day1, person_of(person)).modes == (M.REMOTE_LIVE, M.RECORDED, M.WRITTEN)


def person_of(registration_row):
    """What the participant flow passes: anything with the e-mail (and registration id)."""
    from eventapp.interventions.participants import _from_registration

    return _from_registration(registration_row)


def test_a_session_with_sign_up_needs_a_place_to_speak_in_the_room(client, event, day1):
    day1.signup_required = True
    db.session.commit()
    person, token = register(event, "signup@example.org")
    html = client.get(f"{page_of(day1)}?t={token}").get_data(as_text=True)
    assert 'value="in_room"' not in html and 'value="written"' in html
    assert "المسجّلون في هذه الجلسة" in html  # the page says why
    refused = ask(client, day1, token, "in_room")
    assert refused.status_code == 400 and asked("signup@example.org") == []
    # A waiting-list place is not a place.
    signup = SessionSignup(
        session_id=day1.id, registration_id=person.id, status=SignupStatus.WAITLISTED
    )
    db.session.add(signup)
    db.session.commit()
    assert ask(client, day1, token, "in_room").status_code == 400
    signup.status = SignupStatus.CONFIRMED
    db.session.commit()
    assert ask(client, day1, token, "in_room").status_code == 302


def test_a_written_statement_is_open_without_a_sign_up(client, event, day1):
    day1.signup_required = True
    db.session.commit()
    _person, token = register(event, "written@example.org")
    response = client.post(
        f"{page_of(day1)}request",
        {
            "t": token,
            "topic": "حرية التعبير",
            "mode": "written",
            "language": "ar",
            "statement": "نص البيان",
        },
    )
    assert response.status_code == 302
    assert asked("written@example.org")[0].mode == M.WRITTEN


def test_staff_with_a_role_are_not_limited(client, event, day2):
    user = make_user("rapporteur@example.org", name="مقرر")
    give_role(user, event, "rapporteur", day2)
    client.login(user)
    assert (
        client.post(
            f"{page_of(day2)}request",
            {"topic": "ملاحظة", "mode": "remote_live", "language": "ar"},
        ).status_code
        == 302
    )


def test_the_form_offers_the_session_languages(client, event, day1):
    for position, (language, channel) in enumerate(
        (("en", "https://interpret.example.org/en-secret"), ("fr", "Channel 3"))
    ):
        db.session.add(
            SessionChannel(
                session_id=day1.id, position=position, language=language, channel=channel
            )
        )
    db.session.commit()
    _person, token = register(event, "lang@example.org")
    html = client.get(f"{page_of(day1)}?t={token}").get_data(as_text=True)
    select = html.split('name="language"')[1].split("</select>")[0]
    assert 'value="en"' in select and 'value="fr"' in select
    assert 'value="ar"' not in select and 'value="es"' not in select
    refused = ask(client, day1, token, "in_room", language="ar")
    assert refused.status_code == 400
    assert "إحدى لغات هذه الجلسة" in refused.get_data(as_text=True)
    assert ask(client, day1, token, "in_room", language="fr").status_code == 302
    assert asked("lang@example.org")[0].language == "fr"


def test_without_session_languages_every_language_is_offered(client, event, day1):
    _person, token = register(event, "all@example.org")
    html = client.get(f"{page_of(day1)}?t={token}").get_data(as_text=True)
    select = html.split('name="language"')[1].split("</select>")[0]
    for code in ("ar", "en", "fr", "es", "other"):
        assert f'value="{code}"' in select


def test_nobody_answering_leaves_every_way_open(event, day2):
    """Without the registration capability's answer (an account, no registration), the
    participant flow is as it was."""
    from eventapp import signals
    from eventapp.interventions.participants import Participant

    with signals.speaking_asked.muted():
        may = eligibility(day2, Participant(email="x@example.org", name="س"))
    assert may.allowed and may.modes == tuple(InterventionMode)
