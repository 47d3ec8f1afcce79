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
    response = client.post(
        f"{page}request", {"topic": "الشفافية", "mode": "remote_live", "language": "ar"}
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
