"""JSON API v1: every response checked against the OpenAPI description; consent; 304."""

from __future__ import annotations

import pytest

from eventapp.api.openapi import RESPONSES, SCHEMAS
from eventapp.demo import load_demo
from eventapp.demo.london import THIRD_SESSION_AR
from eventapp.events.models import EventStatus
from tests.api.schema import errors
from tests.factories import make_event, make_person, make_session


@pytest.fixture
def demo():
    return load_demo()


def _get(client, url, path_template):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert errors(data, RESPONSES[path_template], SCHEMAS) == []
    return data


def test_every_endpoint_matches_its_schema(client, demo):
    base = "/api/v1/events"
    listing = _get(client, base, "/events")
    slugs = {e["slug"] for e in listing["events"]}
    assert {
        "alqst-london-2017",
        "solidarity-system-guatemala-2019",
        "nmrf-consultative-workshop",
    } <= slugs
    assert "hrc-members-training" in slugs  # the demo programme (its draft would not be)
    for slug in ("alqst-london-2017", "solidarity-system-guatemala-2019"):
        event = _get(client, f"{base}/{slug}", "/events/{slug}")
        _get(client, f"{base}/{slug}/days", "/events/{slug}/days")
        _get(client, f"{base}/{slug}/rooms", "/events/{slug}/rooms")
        sessions = _get(client, f"{base}/{slug}/sessions", "/events/{slug}/sessions")["sessions"]
        _get(
            client,
            f"{base}/{slug}/sessions/{sessions[0]['id']}",
            "/events/{slug}/sessions/{session_id}",
        )
        speakers = _get(client, f"{base}/{slug}/speakers", "/events/{slug}/speakers")["speakers"]
        _get(
            client,
            f"{base}/{slug}/speakers/{speakers[0]['id']}",
            "/events/{slug}/speakers/{person_id}",
        )
        _get(client, f"{base}/{slug}/organisations", "/events/{slug}/organisations")
        assert event["event"]["slug"] == slug


def test_london_sessions_in_order_with_people_and_times(client, demo):
    data = _get(client, "/api/v1/events/alqst-london-2017/sessions", "/events/{slug}/sessions")
    sessions = data["sessions"]
    assert [s["start"] for s in sessions] == ["10:00", "11:30", "11:45", "13:30", "14:30"]
    third = sessions[-1]
    assert third["title"] == THIRD_SESSION_AR
    assert third["starts_at"] == "2017-12-09T14:30:00+00:00"
    assert third["guiding_question"].startswith("ما توصيف المشكلة")
    assert third["runners"][0]["name"] == "أ. يحيى عسيري"
    assert third["runners"][0]["role"] == "moderator"


def test_language_parameter_and_fallback(client):
    event = make_event()
    make_session(event, title_ar="بالعربية فقط", title_en=None)
    make_session(event, title_ar="ثنائية", title_en="Bilingual", start="10:00", end="11:00")
    data = _get(client, f"/api/v1/events/{event.slug}/sessions?lang=en", "/events/{slug}/sessions")
    assert [s["title"] for s in data["sessions"]] == ["بالعربية فقط", "Bilingual"]
    assert data["sessions"][1]["title_ar"] == "ثنائية"
    english = client.get(f"/api/v1/events/{event.slug}?lang=en")
    assert english.headers["Content-Language"] == "en"


def test_filters_on_sessions(client):
    event = make_event(days=2)
    make_session(event, day=1, kind="opening", title_ar="افتتاح")
    make_session(event, day=2, kind="closing", title_ar="ختام")
    url = f"/api/v1/events/{event.slug}/sessions"
    assert [
        s["title"] for s in client.get(f"{url}?day={event.days[1].id}").get_json()["sessions"]
    ] == ["ختام"]
    assert [s["title"] for s in client.get(f"{url}?kind=opening").get_json()["sessions"]] == [
        "افتتاح"
    ]
    assert [s["title"] for s in client.get(f"{url}?q=ختام").get_json()["sessions"]] == ["ختام"]
    bad = client.get(f"{url}?day=x")
    assert bad.status_code == 400 and bad.get_json()["error"]


def test_no_email_and_no_unpublished_events(client):
    event = make_event()
    person = make_person("هالة", "Hala", email="hala.private@example.org")
    make_session(event, people=[(person, "presenter")])
    draft = make_event(status=EventStatus.DRAFT)
    for url in (
        f"/api/v1/events/{event.slug}/speakers",
        f"/api/v1/events/{event.slug}/speakers/{person.id}",
        f"/api/v1/events/{event.slug}/days",
    ):
        body = client.get(url).get_data(as_text=True)
        assert "hala.private" not in body and "email" not in body
    assert draft.slug not in client.get("/api/v1/events").get_data(as_text=True)
    missing = client.get(f"/api/v1/events/{draft.slug}")
    assert missing.status_code == 404 and missing.get_json()["error"]
    assert client.get(f"/api/v1/events/{event.slug}/sessions/999999").status_code == 404


def test_etag_and_304(client):
    event = make_event()
    session = make_session(event, title_ar="قبل")
    url = f"/api/v1/events/{event.slug}/sessions"
    first = client.get(url)
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    from eventapp.extensions import db

    session.title_ar = "بعد"
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.get_json()["sessions"][0]["title"] == "بعد"
    listing = client.get("/api/v1/events")
    assert (
        client.get("/api/v1/events", headers={"If-None-Match": listing.headers["ETag"]}).status_code
        == 304
    )


def test_openapi_document_describes_every_path(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == set(RESPONSES)
    assert "Speaker" in doc["components"]["schemas"]
