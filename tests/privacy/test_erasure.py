"""Erasure erases: after /r/<token>/erase no page, report, export or file names the person; the
data download before it holds every record that names them; the event purge anonymises
interventions too; a change of consent reaches interventions already made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventapp.agendas.models import AgendaStar
from eventapp.extensions import db
from eventapp.interventions import services as interventions
from eventapp.interventions.models import Intervention, InterventionEvent
from eventapp.interventions.services import Actor
from eventapp.mail import outbox
from eventapp.mail.models import OutboxMessage
from eventapp.registration import notify, privacy
from eventapp.registration import services as registration
from eventapp.registration.checkin import check_in
from eventapp.registration.models import CheckIn, Registration, ReportNaming
from tests.factories import make_user
from tests.privacy.test_display import (
    PEOPLE,
    _act,
    _client,
    build_world,
    fetch,
    readable,
)

NAMED = PEOPLE[ReportNaming.NAME]
SECRETS = (NAMED["name_ar"], NAMED["name_en"], NAMED["email"])


@pytest.fixture
def organiser_user():
    return make_user("organiser.erasure@example.org", name="منظِّم اللقاء")


@pytest.fixture
def world(app, organiser_user):
    return build_world(app, organiser_user)


def _mails_to(app, email: str) -> list[Path]:
    folder = Path(app.config["MAIL_FOLDER"])
    return [p for p in folder.glob("*.eml") if email.encode() in p.read_bytes()]


def _staff_outputs(app, world, organiser) -> dict[str, str]:
    client = _client(app)
    client.login(organiser)
    urls = [
        f"/manage/sessions/{world.ended.id}/report.pdf",
        f"/manage/sessions/{world.ended.id}/interventions",
        f"/manage/sessions/{world.ended.id}/console",
        f"/manage/sessions/{world.running.id}/console",
        f"/manage/events/{world.event.id}/registrations/export.csv",
        f"/e/{world.event.slug}/sessions/{world.ended.id}/",
        f"/live/sessions/{world.running.id}.json",
    ]
    outputs = {}
    for url in urls:
        response = fetch(client, url)
        assert response.status_code == 200, url
        outputs[url] = readable(response)
    return outputs


def test_erasure_leaves_no_trace(app, world, organiser_user):
    event = world.event
    person = world.registrations[ReportNaming.NAME]
    token = world.tokens[ReportNaming.NAME]
    check_in(person, event.days[0])
    with app.test_request_context():
        notify.send_registration_mail(person, "registered")
    db.session.commit()
    outbox.dispatch_ready()  # as after a request: the message leaves the outbox
    assert _mails_to(app, NAMED["email"])

    # Before: staff see the person; the download holds every record that names them.
    before = _staff_outputs(app, world, organiser_user)
    assert NAMED["name_ar"] in before[f"/manage/sessions/{world.ended.id}/report.pdf"]
    client = _client(app)
    data = json.loads(fetch(client, f"/r/{token}/data.json").get_data())
    assert data["email"] == NAMED["email"]
    assert len(data["interventions"]) == 3  # spoken and written (ended), asked (running)
    assert "نص البيان المكتوب للمشارك." in [i["statement"] for i in data["interventions"]]
    assert "ملخص ما قلته في الجلسة." in [i["statement"] for i in data["interventions"]]
    assert {s["session_id"] for s in data["starred_sessions"]} == {
        world.running.id,
        world.ended.id,
    }
    assert [c["day"] for c in data["check_ins"]] == [event.days[0].date.isoformat()]
    assert len(data["mails"]) >= 1 and data["mails"][0]["subject"]

    # Erase, from the personal page.
    client.get(f"/r/{token}")
    response = client.post(f"/r/{token}/erase", {})
    assert response.status_code == 302
    db.session.expire_all()

    assert db.session.get(Registration, person.id) is None
    assert not db.session.scalars(
        db.select(CheckIn).where(CheckIn.registration_id == person.id)
    ).all()
    assert not db.session.scalars(
        db.select(AgendaStar).where(AgendaStar.participant_key == str(person.id))
    ).all()
    assert _mails_to(app, NAMED["email"]) == []
    assert not db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.to_address == NAMED["email"])
    ).all()
    erased = db.session.scalars(
        db.select(Intervention).where(Intervention.consent == "anonymous")
    ).all()
    assert len([i for i in erased if i.speaker_name == ""]) == 3
    for intervention in erased:
        assert intervention.participant_email != NAMED["email"]
    statements = {i.statement for i in erased if i.speaker_name == ""}
    assert "نص البيان المكتوب للمشارك." in statements  # kept, as "a participant"
    assert not db.session.scalars(
        db.select(InterventionEvent).where(InterventionEvent.actor_email == NAMED["email"])
    ).all()

    # After: no page, report or export shows them, staff's included.
    after = _staff_outputs(app, world, organiser_user)
    for url, content in after.items():
        for secret in SECRETS:
            assert secret not in content, (url, secret)
    report = after[f"/manage/sessions/{world.ended.id}/report.pdf"]
    assert "أحد المشاركين" in report and "نص البيان المكتوب للمشارك." in report
    # The other participants keep their own consent.
    assert PEOPLE[ReportNaming.ORGANISATION]["organisation"] in report
    assert fetch(client, f"/r/{token}").status_code == 404


def test_purge_anonymises_interventions(app, world):
    privacy.purge_event(world.event)
    db.session.commit()
    db.session.expire_all()
    rows = db.session.scalars(db.select(Intervention)).all()
    assert rows and all(i.participant_email is None and i.speaker_name == "" for i in rows)
    public = readable(_client(app).get(f"/e/{world.event.slug}/sessions/{world.ended.id}/"))
    for person in PEOPLE.values():
        for value in person.values():
            assert value not in public
    assert "أحد المشاركين" in public


def test_a_change_of_consent_reaches_interventions_already_made(app, world, organiser_user):
    """The organiser records that the named participant now wants to be anonymous: the live
    view (whose bodies are kept by version) and the published list follow at once."""
    live_url = f"/live/sessions/{world.running.id}.json?lang=ar"
    viewer = _client(app)
    assert NAMED["name_ar"] in readable(fetch(viewer, live_url))
    person = world.registrations[ReportNaming.NAME]
    registration.change_registration(
        person,
        {"report_naming": ReportNaming.ANONYMOUS, "day_ids": [d.id for d in person.days]},
        organiser=True,
    )
    db.session.commit()
    assert NAMED["name_ar"] not in readable(fetch(viewer, live_url))
    page = readable(fetch(viewer, f"/e/{world.event.slug}/sessions/{world.ended.id}/"))
    assert NAMED["name_ar"] not in page and NAMED["organisation"] not in page


def test_an_intervention_added_by_the_organisers_for_a_registrant_keeps_their_consent(app, world):
    """Added from the console with the participant's e-mail: bound by their registration."""
    hidden = PEOPLE[ReportNaming.ANONYMOUS]
    added = interventions.add_intervention(
        world.running,
        Actor(name="ميسّر"),
        {
            "speaker_name": hidden["name_ar"],
            "participant_email": hidden["email"].upper(),
            "organisation_name": hidden["organisation"],
            "mode": "in_room",
            "language": "ar",
        },
    )
    db.session.commit()
    assert added.consent == "anonymous"
    _act(world.running, added, "ready")
    content = readable(fetch(_client(app), f"/live/sessions/{world.running.id}.json"))
    assert hidden["name_ar"] not in content and hidden["organisation"] not in content
