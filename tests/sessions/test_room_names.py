"""A room's English name: the form keeps it, and every reader sees the room in their language."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
from flask_babel import force_locale
from icalendar import Calendar

from eventapp.events.editions import copy_edition
from eventapp.extensions import db
from eventapp.sessions.models import Room
from tests.factories import make_event, make_session

HALL_AR, HALL_EN = "القاعة الرئيسية", "Main Hall"


def _event_with_hall(organiser):
    event = make_event(organiser=organiser)
    event.rooms[0].name_en = HALL_EN
    make_session(event, title_ar="جلسة الافتتاح", title_en="Opening session")
    return event


def test_room_form_saves_and_reloads_the_english_name(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/rooms"
    response = client.post(
        url, {"name": "قاعة البتراء", "name_en": " Petra Room ", "capacity": "30"}
    )
    assert response.status_code == 302
    room = next(r for r in event.rooms if r.name == "قاعة البتراء")
    assert room.name_en == "Petra Room" and room.name_ar == "قاعة البتراء"
    page = client.get(f"/manage/events/{event.id}/rooms/{room.id}").get_data(as_text=True)
    assert 'value="Petra Room"' in page


def test_two_rooms_may_not_share_an_english_name(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/rooms"
    assert client.post(url, {"name": "قاعة أ", "name_en": "Hall A"}).status_code == 302
    response = client.post(url, {"name": "قاعة ب", "name_en": "hall a"})
    assert response.status_code in (200, 422)
    page = response.get_data(as_text=True)
    assert "في هذه الفعالية قاعةٌ أخرى بهذا الاسم الإنجليزي." in page
    assert 'value="قاعة ب"' in page  # the form keeps what was typed
    assert [r.name for r in event.rooms if r.name_en] == ["قاعة أ"]
    # Editing a room keeps its own English name.
    room = next(r for r in event.rooms if r.name == "قاعة أ")
    edit = f"/manage/events/{event.id}/rooms/{room.id}"
    data = {"name": "قاعة أ", "name_en": "Hall A", "version": client.version(edit)}
    assert client.post(edit, data).status_code == 302


def test_room_label_follows_the_reader(app, organiser):
    event = _event_with_hall(organiser)
    room = event.rooms[0]
    with app.test_request_context(), force_locale("en"):
        assert room.label == HALL_EN
    with app.test_request_context(), force_locale("ar"):
        assert room.label == HALL_AR
    other = Room(name="قاعة جانبية")
    with app.test_request_context(), force_locale("en"):
        assert other.label == "قاعة جانبية"  # no English yet: the Arabic


def test_agenda_page_pdf_ics_and_api_in_the_readers_language(client, organiser):
    event = _event_with_hall(organiser)
    arabic = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert HALL_AR in arabic and HALL_EN not in arabic
    ics_ar = Calendar.from_ical(client.get(f"/e/{event.slug}/agenda.ics").data)
    assert [str(c["location"]).split("، ")[0] for c in ics_ar.walk("VEVENT")] == [HALL_AR]
    ics_en = Calendar.from_ical(client.get(f"/e/{event.slug}/agenda.ics?lang=en").data)
    assert [str(c["location"]).split(", ")[0] for c in ics_en.walk("VEVENT")] == [HALL_EN]
    pdf = pypdf.PdfReader(io.BytesIO(client.raw.get(f"/e/{event.slug}/agenda.pdf?lang=en").data))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    assert HALL_EN in text
    api = client.get(f"/api/v1/events/{event.slug}/rooms").get_json()
    assert api["rooms"][0]["name_ar"] == HALL_AR and api["rooms"][0]["name_en"] == HALL_EN
    sessions = client.get(f"/api/v1/events/{event.slug}/sessions?lang=en").get_json()
    assert sessions["sessions"][0]["room"]["name"] == HALL_EN
    assert sessions["sessions"][0]["room"]["name_ar"] == HALL_AR
    client.switch_language("en")
    english = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert HALL_EN in english
    public = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert HALL_EN in public and HALL_AR not in public


def test_a_new_edition_keeps_the_rooms_english_names(organiser):
    event = _event_with_hall(organiser)
    copy, _lines = copy_edition(
        event, {"first_day": event.first_day + dt.timedelta(weeks=52)}, organiser
    )
    db.session.commit()
    assert [(r.name, r.name_en) for r in copy.rooms] == [(HALL_AR, HALL_EN)]
