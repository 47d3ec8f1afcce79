"""The timetable editor through the HTTP layer, with CSRF on."""

from eventapp.extensions import db
from eventapp.sessions.models import EventSession
from tests.factories import make_person, make_session

NEW_SESSION = {
    "start_time": "10:00",
    "end_time": "11:15",
    "kind": "plenary",
    "title_ar": "إدارة البيانات والمعلومات",
    "title_en": "Managing data and information",
    "description_ar": "",
    "guiding_question_ar": "كيف نتتبع التوصيات؟",
}


def _new(event, **overrides):
    data = dict(NEW_SESSION, day_id=event.days[0].id, room_id=event.rooms[0].id)
    data.update(overrides)
    return data


def test_adding_a_session_shows_it_on_the_timetable(client, organiser, event):
    client.login(organiser)
    response = client.post(f"/manage/events/{event.id}/sessions/new", _new(event))
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "إدارة البيانات والمعلومات" in page and "10:00" in page


def test_a_room_clash_is_refused_and_the_form_keeps_the_typing(client, organiser, event):
    make_session(event, title_ar="جلسة قائمة", start="09:30", end="10:30")
    client.login(organiser)
    response = client.post(f"/manage/events/{event.id}/sessions/new", _new(event))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "جلسة قائمة" in page  # the message names the session holding the room
    assert 'value="إدارة البيانات والمعلومات"' in page
    assert db.session.query(EventSession).count() == 1


def test_end_before_start_is_a_field_message(client, organiser, event):
    client.login(organiser)
    response = client.post(f"/manage/events/{event.id}/sessions/new", _new(event, end_time="09:00"))
    assert response.status_code == 200
    assert "is-invalid" in response.get_data(as_text=True)


def test_a_forged_day_or_room_is_refused(client, organiser, event, make_event):
    other = make_event(slug="other-event")
    client.login(organiser)
    for data in (
        _new(event, day_id=other.days[0].id),
        _new(event, room_id=other.rooms[0].id),
        _new(event, day_id="abc"),
    ):
        response = client.post(f"/manage/events/{event.id}/sessions/new", data)
        assert response.status_code == 200
    assert db.session.query(EventSession).count() == 0


def test_edit_move_and_delete(client, organiser, make_event):
    event = make_event(organiser=organiser, days=2)
    session = make_session(event, title_ar="قديمة")
    client.login(organiser)
    version = client.version(f"/manage/sessions/{session.id}/edit")
    edit = _new(event, title_ar="جديدة", version=version)
    assert client.post(f"/manage/sessions/{session.id}/edit", edit).status_code == 302
    version = client.version(f"/manage/events/{event.id}/timetable")
    client.post(
        f"/manage/sessions/{session.id}/move",
        {"day_id": event.days[1].id, "start_time": "14:00", "room_id": "0", "version": version},
    )
    db.session.expire_all()
    assert session.title_ar == "جديدة" and session.day_id == event.days[1].id
    assert session.start_time.hour == 14 and session.duration_minutes == 75
    assert session.room_id is None
    client.post(f"/manage/sessions/{session.id}/delete")
    assert db.session.query(EventSession).count() == 0


def test_ordering_speakers(client, organiser, event):
    session = make_session(event)
    bahaa = make_person("بهاء الدين السعدي", "Bahaa")
    rafif = make_person("رفيف مجاهد", "Rafif")
    client.login(organiser)
    url = f"/manage/sessions/{session.id}/people"
    client.post(url, {"person_id": bahaa.id, "role": "presenter"})
    client.post(url, {"person_id": rafif.id, "role": "presenter"})
    duplicate = client.post(url, {"person_id": rafif.id, "role": "presenter"})
    assert "is-invalid" in duplicate.get_data(as_text=True)
    db.session.expire_all()
    second = session.people[1]
    client.post(f"{url}/{second.id}/up")
    db.session.expire_all()
    assert [p.person.name_en for p in session.people] == ["Rafif", "Bahaa"]
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert page.index("رفيف مجاهد") < page.index("بهاء الدين السعدي")


def test_overlapping_speaker_is_warned_on_the_timetable(client, organiser, make_event):
    event = make_event(organiser=organiser, rooms=("أ", "ب"))
    speaker = make_person("ديمه الصقري", "Deema")
    make_session(event, start="09:00", end="10:00", room=0, people=[(speaker, "facilitator")])
    make_session(event, start="09:30", end="10:30", room=1, people=[(speaker, "presenter")])
    client.login(organiser)
    page = client.get(f"/manage/events/{event.id}/timetable").get_data(as_text=True)
    assert "alert-warning" in page and "ديمه الصقري" in page


def test_rooms(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/rooms"
    assert (
        client.post(
            url, {"name": "قاعة ٢", "capacity": "30", "video_link": "https://meet.example.org/x"}
        ).status_code
        == 302
    )
    same = client.post(url, {"name": "قاعة ٢"})
    assert "is-invalid" in same.get_data(as_text=True)
    bad = client.post(url, {"name": "قاعة ٣", "capacity": "-4", "video_link": "javascript:x"})
    page = bad.get_data(as_text=True)
    assert page.count("invalid-feedback d-block") >= 2 and 'value="قاعة ٣"' in page
