"""Change tracking, the cache, ETag / Last-Modified / 304, and the query budget of a page."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import refresh

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.sessions import services as session_services
from eventapp.sessions.models import SessionRoleKind
from eventapp.speakers import services as speaker_services
from tests.agendas.conftest import build_event
from tests.factories import make_event, make_organisation, make_person, make_session


def _version(event) -> int:
    db.session.expire_all()
    return db.session.get(Event, event.id).content_version


@pytest.fixture
def agenda_event(event):
    org = make_organisation("منظمة الرصد", "Monitoring Organisation")
    person = make_person("ليلى", "Layla", organisation=org)
    session = make_session(event, title_ar="الجلسة الأولى", people=[(person, "presenter")])
    return event, session, person, org


def test_every_kind_of_agenda_change_bumps_the_version(agenda_event):
    event, session, person, org = agenda_event
    other = make_event()
    sami = make_person("سامي", "Sami")
    changes = [
        lambda: setattr(session, "title_ar", "عنوان جديد"),
        lambda: setattr(event.days[0], "title_ar", "اليوم الأول"),
        lambda: setattr(event.rooms[0], "name", "القاعة الكبرى"),
        lambda: setattr(person, "name_en", "Layla A."),
        lambda: setattr(org, "name_en", "Monitoring Org."),
        lambda: session_services.add_person(session, sami.id, SessionRoleKind.DISCUSSANT),
        lambda: session_services.remove_person(session.people[0]),
        lambda: setattr(event, "title_en", "A new title"),
    ]
    for change in changes:
        before, other_before = _version(event), _version(other)
        change()
        db.session.commit()
        assert _version(event) == before + 1
        assert _version(other) == other_before  # another event's caches stay valid


def test_unrelated_person_does_not_touch_the_event(agenda_event):
    event, *_ = agenda_event
    stranger = make_person("غريب", "Stranger")
    before = _version(event)
    speaker_services.save_person(stranger, {"name_ar": "غريب جداً"})
    db.session.commit()
    assert _version(event) == before


def test_deleting_a_session_bumps_the_version(agenda_event):
    event, session, *_ = agenda_event
    before = _version(event)
    session_services.delete_session(db.session.get(type(session), session.id))
    db.session.commit()
    assert _version(event) == before + 1


def test_agenda_has_etag_and_last_modified_and_answers_304(client, agenda_event):
    event, session, person, _ = agenda_event
    url = f"/e/{event.slug}/agenda"
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert "no-cache" in first.headers["Cache-Control"]

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    # A speaker's new name is a new agenda: new ETag, the page shows it at once.
    person.name_ar = "ليلى المحدّثة"
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "ليلى المحدّثة" in changed.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    ["agenda.ics", "speakers/", "organisations"],
)
def test_other_public_responses_answer_304(client, agenda_event, path):
    event, *_ = agenda_event
    url = f"/e/{event.slug}/{path}"
    first = client.get(url)
    assert first.status_code == 200 and first.headers.get("Last-Modified")
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_etag_differs_by_language(client, agenda_event):
    event, *_ = agenda_event
    arabic = client.get(f"/e/{event.slug}/agenda").headers["ETag"]
    client.switch_language("en")
    refresh()  # the tests share one app context, where Flask-Babel keeps the locale
    english = client.get(f"/e/{event.slug}/agenda", headers={"If-None-Match": arabic})
    assert english.status_code == 200 and english.headers["ETag"] != arabic


def test_cached_and_uncached_agendas_are_the_same(app, client, agenda_event):
    event, *_ = agenda_event
    url = f"/e/{event.slug}/agenda"
    cached_page = client.get(url).get_data(as_text=True)
    app.config["AGENDA_CACHE"] = False
    try:
        fresh_page = client.get(url).get_data(as_text=True)
    finally:
        app.config["AGENDA_CACHE"] = True
    assert cached_page == fresh_page


def _agenda_queries(client, count_queries, event) -> int:
    url = f"/e/{event.slug}/agenda"  # read before counting: the test's own objects are expired
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


def test_query_count_does_not_grow_with_the_number_of_sessions(app, client, count_queries):
    app.config["AGENDA_CACHE"] = False  # measure the full rendering, not a cache hit
    try:
        small = build_event(3, slug="small-event")
        large = build_event(30, slug="large-event")
        small_count = _agenda_queries(client, count_queries, small)
        large_count = _agenda_queries(client, count_queries, large)
    finally:
        app.config["AGENDA_CACHE"] = True
    assert small_count == large_count
    assert large_count <= 6  # event, sessions, their people, days, rooms, partners
    # With the cache warm, a page costs the single query that reads the event's version.
    _agenda_queries(client, count_queries, large)
    assert _agenda_queries(client, count_queries, large) == 1


def test_api_query_count_is_flat_too(client, count_queries):
    small, large = build_event(3, slug="api-small"), build_event(30, slug="api-large")
    counts = []
    for event in (small, large):
        url = f"/api/v1/events/{event.slug}/sessions"
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 10


def test_build_event_spreads_sessions_over_days_and_rooms():
    event = build_event(30, slug="spread")
    by_day = {d.id: len(d.sessions) for d in event.days}
    assert sum(by_day.values()) == 30 and set(by_day.values()) == {10}
    assert all(s.end_time > s.start_time for s in event.sessions)
    assert min(s.start_time for s in event.sessions) == dt.time(8, 0)
