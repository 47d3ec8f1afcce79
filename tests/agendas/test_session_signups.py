"""Sessions that require sign-up on the conflicts view, the public agenda (counts, no names)
and the personal agenda (the participant's place or waiting-list number)."""

from __future__ import annotations

from eventapp.extensions import db
from eventapp.registration import services, session_signups
from eventapp.sessions import services as session_services
from tests.factories import make_session, make_user
from tests.registration.conftest import open_registration, register


def _hybrid(make_event, organiser):
    event = make_event(organiser=organiser, rooms=("القاعة الكبرى", "قاعة المجموعة"))
    session_services.save_room(event, event.rooms[1], {"name": "قاعة المجموعة", "capacity": 3})
    open_registration(event, offer_remote=True)
    db.session.commit()
    return event


def test_conflicts_offer_sign_up_and_count_sign_ups(client, organiser, make_event):
    event = _hybrid(make_event, organiser)
    group = make_session(event, title_ar="مجموعة عمل موازية", kind="working_group", room=1)
    people = [register(event, name_ar=f"مشارك سري {n}") for n in range(5)]
    client.login(organiser)
    url = f"/manage/events/{event.id}/conflicts"
    page = client.get(url).get_data(as_text=True)
    capacity = page[page.index('id="capacity-conflicts"') :]
    assert "مجموعة عمل موازية" in capacity  # 5 registered, a room of 3
    assert f"/manage/sessions/{group.id}/edit#signup" in capacity  # the fix offered
    group.signup_required = True
    db.session.commit()
    for person in people:
        session_signups.sign_up(person, group)
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    capacity = page[page.index('id="capacity-conflicts"') : page.index('id="signup-sessions"')]
    assert "مجموعة عمل موازية" not in capacity  # its confirmed count fits the room
    row = page[page.index(f'id="signup-session-{group.id}"') :]
    row = row[: row.index("</tr>")]
    assert "table-danger" not in row
    assert ">3<" in row and ">2<" in row  # 3 confirmed, 2 waiting
    assert "مشارك سري" not in page
    # The sign-up table once (two merged versions of it rendered it twice, ids repeated).
    assert page.count('id="signup-sessions"') == 1
    assert page.count(f'id="signup-session-{group.id}"') == 1


def test_public_agenda_shows_places_left_without_names(client, organiser, make_event):
    event = _hybrid(make_event, organiser)
    group = make_session(
        event, title_ar="مجموعة التدريب", room=1, signup_required=True, signup_capacity=2
    )
    db.session.commit()
    first = register(event, name_ar="اسم لا يظهر")
    session_signups.sign_up(first, group)
    db.session.commit()
    page = client.get(f"/e/{event.slug}/agenda", headers={"Accept-Language": "en"})
    text = client.get(f"/e/{event.slug}/agenda?lang=en").get_data(as_text=True)
    assert page.status_code == 200
    assert f'id="places-{group.id}"' in text
    assert "اسم لا يظهر" not in text
    second = register(event)
    session_signups.sign_up(second, group)
    db.session.commit()
    text = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    places = text[text.index(f'id="places-{group.id}"') :]
    assert "text-danger" in places[: places.index("</p>")]  # full now: the cached page follows


def test_personal_agenda_shows_the_waiting_list_number(client, organiser, make_event):
    event = _hybrid(make_event, organiser)
    group = make_session(
        event, title_ar="مجموعة التدريب", room=1, signup_required=True, signup_capacity=1
    )
    db.session.commit()
    session_signups.sign_up(register(event), group)
    waiting = register(event)
    session_signups.sign_up(waiting, group)
    db.session.commit()
    token = services.make_token(waiting)
    text = client.get(f"/e/{event.slug}/my/{token}/").get_data(as_text=True)
    places = text[text.index(f'id="places-{group.id}"') :]
    assert "text-bg-warning" in places[: places.index("</p>")]
    mine = text[text.index('id="my-signups"') :]
    assert "مجموعة التدريب" in mine[: mine.index("</ul>")]


def test_conflicts_is_for_organisers(client, organiser, make_event):
    event = _hybrid(make_event, organiser)
    client.login(make_user())
    assert client.get(f"/manage/events/{event.id}/conflicts").status_code == 403
