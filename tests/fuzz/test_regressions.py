"""What the fuzzers found, each kept as a plain test of the class of bug it was."""

from __future__ import annotations

from sqlalchemy import func, select

from eventapp.events.models import EventStatus
from eventapp.extensions import db
from eventapp.inputs import MAX_SEARCH, like_pattern
from eventapp.registration.models import Registration
from tests.registration.conftest import open_registration, register

LONG = "0." * 50_000  # 100,000 characters; SQLite refuses a LIKE pattern over 50,000 bytes


def test_a_search_text_of_any_length_is_answered(client, make_event, organiser):
    """The door's search, the registrations list and the directory: a 100,000-character search
    was a 503 ("LIKE or GLOB pattern too complex") on SQLite. One pattern builder bounds it."""
    event = make_event(organiser=organiser, slug="long-search", status=EventStatus.PUBLISHED)
    open_registration(event, capacity_in_person=10)
    register(event, "salma@example.org", name_ar="سلمى")
    db.session.commit()
    count = db.session.scalar(select(func.count()).select_from(Registration))
    client.login(organiser)
    for url in (
        f"/manage/events/{event.id}/registrations?q={LONG}",
        f"/manage/directory/people?q={LONG}",
        f"/manage/directory/organisations?q={LONG}",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(f"/manage/events/{event.id}/checkin", {"code": LONG})
    assert response.status_code == 404  # "no one with this code", not a server error
    assert db.session.scalar(select(func.count()).select_from(Registration)) == count
    # A normal search still finds the person, and the long one finds nobody.
    found = client.get(f"/manage/events/{event.id}/registrations?q=سلمى").get_data(as_text=True)
    assert "salma@example.org" in found
    missed = client.get(f"/manage/events/{event.id}/registrations?q={LONG}")
    assert "salma@example.org" not in missed.get_data(as_text=True)


def test_the_like_pattern_escapes_wildcards_and_is_bounded():
    assert like_pattern(" 50%_a\\b ") == "%50\\%\\_a\\\\b%"
    assert len(like_pattern("x" * 10**5)) == MAX_SEARCH + 2
