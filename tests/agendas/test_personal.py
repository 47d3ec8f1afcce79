"""Personal agendas: stars, the participant's page and their private calendar feed.

Participants are identified by the personal link of their registration (asked of
eventapp.registration through eventapp.signals).
"""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from eventapp.agendas import personal
from eventapp.agendas.participants import attendance_by_day, participant_for_token
from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Mode
from tests.factories import make_event, make_session


def register_participant(event, email="participant@example.org"):
    """A confirmed in-person registration for every day of `event`, and its personal token."""
    registration = services.register(
        event,
        {
            "name_ar": "مشاركة مسجّلة",
            "name_en": "Registered participant",
            "email": email,
            "category": "delegate",
            "mode": Mode.IN_PERSON,
            "day_ids": [d.id for d in event.days],
        },
        organiser=True,
        override_capacity=True,
    )
    db.session.commit()
    return registration, services.make_token(registration)


def test_stars_are_kept_per_participant_and_idempotent(event):
    first = make_session(event, title_ar="الأولى", start="09:00", end="10:00")
    second = make_session(event, title_ar="الثانية", start="10:00", end="11:00")
    personal.set_star(event, "7", first.id, True)
    personal.set_star(event, "7", first.id, True)
    personal.set_star(event, "7", second.id, True)
    personal.set_star(event, "8", second.id, True)
    db.session.commit()
    assert personal.starred_ids(event, "7") == {first.id, second.id}
    personal.set_star(event, "7", first.id, False)
    db.session.commit()
    assert personal.starred_ids(event, "7") == {second.id}
    assert personal.starred_ids(event, "8") == {second.id}


def test_a_session_of_another_event_cannot_be_starred(event):
    other = make_session(make_event(), title_ar="فعالية أخرى")
    with pytest.raises(DomainError):
        personal.set_star(event, "7", other.id, True)


def test_without_a_valid_token_there_is_no_personal_agenda(client, event):
    make_session(event)
    assert participant_for_token(event, "not-a-token") is None
    assert client.get(f"/e/{event.slug}/my/not-a-token/").status_code == 404
    assert client.get(f"/e/{event.slug}/my/not-a-token/agenda.ics").status_code == 404
    assert client.post(f"/e/{event.slug}/my/not-a-token/star", {"session_id": 1}).status_code == 404


def test_participant_stars_sessions_and_sees_their_agenda(client, event):
    first = make_session(event, title_ar="جلسة مختارة", start="09:00", end="10:00")
    make_session(event, title_ar="جلسة أخرى", start="10:00", end="11:00")
    _registration, token = register_participant(event)
    url = f"/e/{event.slug}/my/{token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page.headers["Cache-Control"]
    assert "مشاركة مسجّلة" in page.get_data(as_text=True)

    response = client.post(
        f"/e/{event.slug}/my/{token}/star", {"session_id": first.id, "starred": "1"}
    )
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    mine = page[page.index('id="my-agenda"') : page.index('class="agenda"')]
    assert "جلسة مختارة" in mine and "جلسة أخرى" not in mine
    assert re.search(r'aria-pressed="true"', page)


def test_private_feed_holds_only_starred_sessions(client, event):
    first = make_session(event, title_ar="جلسة مختارة", start="09:00", end="10:00")
    make_session(event, title_ar="جلسة أخرى", start="10:00", end="11:00")
    registration, token = register_participant(event)
    personal.set_star(event, str(registration.id), first.id, True)
    db.session.commit()
    response = client.get(f"/e/{event.slug}/my/{token}/agenda.ics")
    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["جلسة مختارة"]


def test_token_of_another_event_is_refused(client, event):
    make_session(event)
    other = make_event()
    _registration, token = register_participant(other)
    assert client.get(f"/e/{event.slug}/my/{token}/").status_code == 404


def test_attendance_by_day_counts_in_person_registrations(event):
    register_participant(event, "one@example.org")
    register_participant(event, "two@example.org")
    assert attendance_by_day(event) == {event.days[0].id: 2}
