"""The trail holds no secret and no copy of a participant's personal data."""

from __future__ import annotations

import json

from sqlalchemy import select

from eventapp.audit.models import AuditEntry
from eventapp.auth.models import User
from eventapp.extensions import db
from eventapp.registration import invitations as invitation_services
from eventapp.registration import services as registration_services
from eventapp.registration.models import Registration
from eventapp.sessions import services as session_services
from tests.audit.conftest import entries, only
from tests.factories import make_user
from tests.registration.conftest import form_data, open_registration, register


def _whole_trail() -> str:
    rows = db.session.scalars(select(AuditEntry)).all()
    return json.dumps(
        [
            [e.actor_label, e.entity_type, e.action, e.changes, e.actor_user_id, e.entity_id]
            for e in rows
        ],
        ensure_ascii=False,
        default=str,
    )


def test_no_secret_or_token_in_any_entry(client, organiser, make_event):
    event = make_event(organiser=organiser, days=2)
    open_registration(event, offer_remote=True)
    people = [register(event, email=f"p{i}@example.org") for i in range(3)]
    invitation = invitation_services.create_invitation(event, {"label": "الوزارات"})
    session_services.save_room(
        event, event.rooms[0], {"name": "قاعة", "video_link": "https://meet.example.org/j/9?pwd=X1"}
    )
    colleague = make_user("colleague@example.org", password="another-secret-42")
    db.session.commit()
    client.login(organiser)
    client.get(f"/manage/events/{event.id}/team")
    client.post(
        f"/manage/events/{event.id}/team",
        {"email": colleague.email, "role": "organiser", "session_id": "0"},
    )
    client.post("/auth/logout")
    # A participant downloads their data through their personal link
    token = registration_services.make_token(people[0])
    assert client.raw.get(f"/r/{token}/data.json").status_code == 200
    for person in people:
        person.link_version += 1  # a new personal link, as "send my link again" does
    db.session.commit()

    trail = _whole_trail()
    secrets = [invitation.code, token, "pwd=X1", "another-secret-42", "correct-horse-9"]
    secrets += [u.password_hash for u in db.session.scalars(select(User))]
    secrets += [p.checkin_code for p in people]
    for secret in secrets:
        assert secret not in trail, secret
    for forbidden in ("password_hash", "session_version", "link_version", "checkin_code", '"code"'):
        assert forbidden not in trail
    # and no personal data of the participants
    for person in people:
        assert person.email not in trail and person.name_ar not in trail


def test_erasure_leaves_no_name_or_address_in_the_trail(client, make_event, organiser):
    event = make_event(organiser=organiser)
    open_registration(event)
    url = f"/e/{event.slug}/register"
    client.get(url)
    client.post(url, form_data(event, email="layla@example.org"))
    registration = db.session.scalar(
        select(Registration).where(Registration.email == "layla@example.org")
    )
    token = registration_services.make_token(registration)
    client.get(f"/r/{token}")
    client.post(f"/r/{token}/erase", {})
    assert db.session.get(Registration, registration.id) is None
    deleted = only("registration", "delete", entity_id=registration.id)
    assert deleted.actor_label == "participant" and deleted.event_id == event.id
    assert deleted.changes["status"][1] is None
    trail = _whole_trail()
    for personal in ("layla@example.org", "ليلى الهاشمي", "Layla", "منظمة العفو الدولية", "باحثة"):
        assert personal not in trail
    assert entries("registration", "create", entity_id=registration.id)
