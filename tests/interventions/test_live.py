"""The live view: state from the database, ETag/304 polling, and few queries per poll."""

from eventapp.events.models import EventStatus
from eventapp.events.services import set_status
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.services import Actor
from tests.conftest import QueryCounter


def poll_url(session, lang="ar"):
    return f"/live/sessions/{session.id}.json?lang={lang}"


def test_poll_answers_304_until_the_queue_changes(client, session, add):
    first = add(session, "عبدالله الناشط", organisation_name="مجموعة مستقلة", topic="الشفافية")
    add(session, "سارة")
    response = client.raw.get(poll_url(session))
    assert response.status_code == 200
    data = response.get_json()
    assert data["current"] is None and data["next"]["speaker"] == "عبدالله الناشط"
    assert [q["speaker"] for q in data["queue"]] == ["عبدالله الناشط", "سارة"]
    assert data["queue"][0]["mode_label"] == "عن بعد، مباشرة بالفيديو"
    etag = response.headers["ETag"]

    with QueryCounter() as queries:
        again = client.raw.get(poll_url(session), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert queries.count <= 3
    assert again.headers["ETag"] == etag

    services.change_status(session, Actor(name="م"), first.id, "call")
    db.session.commit()
    with QueryCounter() as queries:
        changed = client.raw.get(poll_url(session), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert queries.count <= 3
    data = changed.get_json()
    assert data["current"]["speaker"] == "عبدالله الناشط"
    assert data["current"]["started_at"].endswith("Z")
    assert data["next"]["speaker"] == "سارة"
    assert changed.headers["ETag"] != etag
    # The clock's reference comes fresh with every answer; the cached body has no time in it.
    assert "now" not in data and changed.headers["X-Server-Time"].endswith("Z")
    assert again.headers["X-Server-Time"].endswith("Z")


def test_poll_etag_depends_on_the_language(client, session, add):
    add(session, "متحدث")
    arabic = client.raw.get(poll_url(session, "ar"))
    english = client.raw.get(
        poll_url(session, "en"), headers={"If-None-Match": arabic.headers["ETag"]}
    )
    assert english.status_code == 200
    assert english.get_json()["queue"][0]["mode_label"] == "Remote, live by video"


def test_live_page_is_arabic_and_shows_the_queue(client, event, session, add):
    add(session, "عبدالله الناشط")
    page = client.get(f"/e/{event.slug}/sessions/{session.id}/live").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "عبدالله الناشط" in page and "interventions.js" in page


def test_draft_event_live_view_is_hidden_from_the_public(client, event, session):
    set_status(event, EventStatus.DRAFT)
    db.session.commit()
    assert client.raw.get(poll_url(session)).status_code == 404
    assert client.get(f"/e/{event.slug}/sessions/{session.id}/live").status_code == 404
    assert client.raw.get("/live/sessions/999999.json").status_code == 404
