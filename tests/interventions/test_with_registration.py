"""A registered participant, known by their personal link (no account), asks to intervene and
follows the request from their registration page."""

from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionStatus
from eventapp.interventions.services import Actor
from tests.agendas.test_personal import register_participant


def test_personal_link_identifies_the_participant_on_session_pages(client, event, session, add):
    invited = add(session, "متحدث مدعو")
    registration, token = register_participant(event, "reem@example.org")

    personal = client.get(f"/r/{token}").get_data(as_text=True)
    assert 'id="ask-to-speak-hint"' in personal

    # The session page now knows who is asking, without ?t= and without an account.
    page = f"/e/{event.slug}/sessions/{session.id}/"
    client.get(page)
    response = client.post(  # registered in person: they speak in the room
        f"{page}request", {"topic": "الشفافية", "mode": "in_room", "language": "ar"}
    )
    assert response.status_code == 302
    mine = db.session.query(Intervention).filter_by(participant_email="reem@example.org").one()
    assert mine.status == InterventionStatus.REQUESTED

    services.change_status(session, Actor(name="الميسّر"), mine.id, "approve")
    services.change_status(session, Actor(name="الميسّر"), invited.id, "call")
    db.session.commit()
    personal = client.get(f"/r/{token}").get_data(as_text=True)
    assert 'id="my-event-interventions"' in personal and "you-are-next" in personal


def test_without_a_registration_or_role_a_visitor_cannot_ask(client, event, session):
    page = f"/e/{event.slug}/sessions/{session.id}/"
    client.get(page)
    response = client.post(
        f"{page}request", {"topic": "الشفافية", "mode": "remote_live", "language": "ar"}
    )
    assert response.status_code in (302, 403)
    assert db.session.query(Intervention).count() == 0


def _next_in_queue(client, event, session, add, email, mode):
    """A participant registered in `mode` asks to speak (by video when remote, in the room when
    in person) and is approved and next."""
    from eventapp.registration import services as registration
    from eventapp.registration.models import Mode

    person = registration.register(
        event,
        {
            "name_ar": "مشاركة",
            "email": email,
            "category": "delegate",
            "mode": Mode(mode),
            "day_ids": [d.id for d in event.days],
        },
        organiser=True,
        override_capacity=True,
    )
    db.session.commit()
    token = registration.make_token(person)
    invited = add(session, "متحدث مدعو")
    page = f"/e/{event.slug}/sessions/{session.id}/"
    client.get(f"{page}?t={token}")
    asks = "remote_live" if mode == "remote" else "in_room"
    client.post(f"{page}request", {"topic": "الشفافية", "mode": asks, "language": "ar"})
    mine = db.session.query(Intervention).filter_by(participant_email=email).one()
    services.change_status(session, Actor(name="الميسّر"), mine.id, "approve")
    services.change_status(session, Actor(name="الميسّر"), invited.id, "call")
    db.session.commit()
    return client.get(f"{page}?t={token}").get_data(as_text=True)


def test_the_video_link_is_shown_when_next_to_a_remote_participant_only(app, event, add):
    from eventapp.sessions.services import save_room
    from tests.conftest import WebClient
    from tests.factories import make_session

    room = event.rooms[0]
    secret = "https://meet.example.org/secret-room-4821"
    save_room(event, room, {"name": room.name, "capacity": 50, "video_link": secret})
    db.session.commit()
    first = make_session(event, title_ar="الأولى", start="09:00", end="10:00")
    second = make_session(event, title_ar="الثانية", start="10:00", end="11:00")
    in_room = _next_in_queue(
        WebClient(app.test_client()), event, first, add, "room@example.org", "in_person"
    )
    assert "you-are-next" in in_room and secret not in in_room
    remote = _next_in_queue(
        WebClient(app.test_client()), event, second, add, "remote@example.org", "remote"
    )
    assert "you-are-next" in remote and secret in remote
