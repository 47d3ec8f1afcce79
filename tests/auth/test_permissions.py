"""Who may see and change what: anonymous, organiser of this event, of another event, admin."""

import pytest

from eventapp.extensions import db
from eventapp.sessions.models import EventSession
from tests.factories import give_role, make_event, make_person, make_session, make_user

PAGES = [
    "/manage/events/{event}/",
    "/manage/events/{event}/edit",
    "/manage/events/{event}/timetable",
    "/manage/events/{event}/rooms",
    "/manage/events/{event}/goals",
    "/manage/events/{event}/partners",
    "/manage/events/{event}/team",
    "/manage/events/{event}/sessions/new",
    "/manage/events/{event}/days/{day}",
    "/manage/sessions/{session}/edit",
    "/manage/sessions/{session}/people",
]
ACTIONS = [
    ("/manage/events/{event}/status", {"status": "archived"}),
    ("/manage/sessions/{session}/delete", {}),
    ("/manage/sessions/{session}/move", {"day_id": "{day}", "start_time": "13:00", "room_id": "0"}),
    ("/manage/events/{event}/rooms/{room}/delete", {}),
]


@pytest.fixture
def world(organiser):
    event = make_event(organiser=organiser)
    session = make_session(event, people=[(make_person(), "presenter")])
    ids = {
        "event": event.id,
        "session": session.id,
        "day": event.days[0].id,
        "room": event.rooms[0].id,
    }
    other_organiser = make_user("other@example.org")
    make_event(organiser=other_organiser, slug="someone-else")
    admin = make_user("admin@example.org", is_admin=True)
    return {"ids": ids, "organiser": organiser, "other": other_organiser, "admin": admin}


def _fill(template, ids):
    return template.format(**ids)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, world, page):
    response = client.get(_fill(page, world["ids"]))
    assert response.status_code == 302
    assert "/auth/login" in response.location


@pytest.mark.parametrize("page", PAGES)
def test_an_organiser_of_another_event_gets_403(client, world, page):
    client.login(world["other"])
    assert client.get(_fill(page, world["ids"])).status_code == 403


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["organiser", "admin"])
def test_the_events_organiser_and_admins_get_the_page(client, world, page, who):
    client.login(world[who])
    assert client.get(_fill(page, world["ids"])).status_code == 200


@pytest.mark.parametrize("url, data", ACTIONS)
def test_changes_are_refused_to_others_and_change_nothing(client, world, url, data):
    ids = world["ids"]
    filled = {k: v.format(**ids) for k, v in data.items()}
    assert client.post(_fill(url, ids), filled).status_code == 302  # anonymous: to sign in
    client.login(world["other"])
    assert client.post(_fill(url, ids), filled).status_code == 403
    session = db.session.get(EventSession, ids["session"])
    assert session is not None and session.start_time.hour == 9


@pytest.mark.parametrize("url, data", ACTIONS)
def test_changes_without_a_csrf_token_are_refused(client, world, url, data):
    client.login(world["organiser"])
    ids = world["ids"]
    response = client.post(
        _fill(url, ids), {k: v.format(**ids) for k, v in data.items()}, csrf=False
    )
    assert response.status_code == 400
    assert db.session.get(EventSession, ids["session"]) is not None


def test_a_facilitator_cannot_edit_the_timetable(client, world):
    facilitator = make_user("facilitator@example.org")
    from eventapp.events.models import Event

    event = db.session.get(Event, world["ids"]["event"])
    give_role(facilitator, event, "facilitator", event.sessions[0])
    client.login(facilitator)
    assert client.get(_fill("/manage/events/{event}/timetable", world["ids"])).status_code == 403


def test_directories_are_for_organisers_and_admins(client, world):
    assert client.get("/manage/directory/people").status_code == 302
    client.login(make_user("nobody@example.org"))
    assert client.get("/manage/directory/people").status_code == 403
    assert client.get("/auth/users").status_code == 403


def test_drafts_are_visible_only_to_their_organisers(client, organiser):
    from eventapp.events.models import EventStatus

    draft = make_event(organiser=organiser, slug="draft-event", status=EventStatus.DRAFT)
    assert client.get("/e/draft-event/").status_code == 404
    assert "draft-event" not in client.get("/").get_data(as_text=True)
    client.login(make_user("other2@example.org"))
    assert client.get("/e/draft-event/").status_code == 404
    client.post("/auth/logout")
    client.login(organiser)
    assert client.get(f"/e/{draft.slug}/").status_code == 200


def test_a_facilitator_finds_their_sessions_tools_on_my_events(client, world):
    from eventapp.events.models import Event

    facilitator = make_user("facilitator2@example.org")
    event = db.session.get(Event, world["ids"]["event"])
    give_role(facilitator, event, "facilitator", event.sessions[0])
    client.login(facilitator)
    page = client.get("/manage/").get_data(as_text=True)
    session_id = world["ids"]["session"]
    assert 'id="my-sessions"' in page
    assert f"/manage/sessions/{session_id}/console" in page
    assert f'/manage/events/{event.id}/"' not in page  # no link to a dashboard they can't open
    assert client.get(f"/manage/sessions/{session_id}/console").status_code == 200
