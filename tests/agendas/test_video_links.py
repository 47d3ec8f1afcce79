"""A room's video link is for the event's staff and its registered remote participants only.

Every public output (pages, feeds, JSON API and its OpenAPI document, the agenda PDF, the
live view and its JSON) is fetched for an event whose room has a video link, and the link must
appear in none of them, also after the personal outputs were served (the agenda snapshot and
its renderings are cached and shared). The remote participant finds it on their personal page,
in their e-mail and its calendar, and in their personal agenda and feed; an in-person
participant does not; organisers, facilitators and rapporteurs see it on their pages.
"""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from eventapp.auth.permissions import may_join_remotely
from eventapp.extensions import db
from eventapp.registration import services as registration_services
from eventapp.registration.models import Mode, Status
from eventapp.sessions.services import save_room
from tests.factories import give_role, make_event, make_person, make_session, make_user
from tests.registration.conftest import form_data, mail_folder, open_registration

SECRET = "https://meet.example.org/secret-room-4821"
SECRET_PART = "secret-room-4821"  # also when a feed folds or escapes the address

# Values for the parameters of public routes; a route with any other parameter (a personal
# token, an invitation code) is not public and is checked below by name.
PUBLIC_ARGS = ("slug", "session_id", "person_id")


@pytest.fixture
def mailbox(app):
    return mail_folder(app)


@pytest.fixture
def hybrid(organiser):
    event = make_event(
        organiser=organiser, attendance_mode="hybrid", rooms=("القاعة الرئيسية", "قاعة ٢")
    )
    room = event.rooms[0]
    save_room(event, room, {"name": room.name, "capacity": 50, "video_link": SECRET})
    db.session.commit()
    speaker = make_person("هالة", "Hala")
    session = make_session(event, title_ar="جلسة عن بعد", people=[(speaker, "presenter")])
    open_registration(event, capacity_in_person=10, offer_remote=True, capacity_remote=10)
    return event, session, speaker


def _sign_up(client, event, email, mode):
    client.get(f"/e/{event.slug}/register")
    response = client.post(f"/e/{event.slug}/register", form_data(event, email=email, mode=mode))
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    registration = registration_services.registration_by_email(event, email)
    assert registration.status == Status.CONFIRMED
    return registration, registration_services.make_token(registration)


def _body(response) -> str:
    """What a reader gets: text, or for a PDF its extracted text and its raw bytes (link
    annotations are not text)."""
    if response.mimetype == "application/pdf":
        reader = pypdf.PdfReader(io.BytesIO(response.data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        return text + response.data.decode("latin-1")
    if response.mimetype.startswith(("text/", "application/json")):
        return response.get_data(as_text=True)
    return response.data.decode("latin-1")  # an image: its bytes


def _mails_to(mailbox, address):
    return [m for m in mailbox() if m["To"] == address]


def _mail_text(message) -> str:
    parts = [message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()]
    for attachment in message.iter_attachments():
        content = attachment.get_content()
        if isinstance(content, str):
            parts.append(content)
        elif attachment.get_content_type() == "text/calendar":
            parts.append(content.decode())
    return "\n".join(parts)


def _unfolded(ics: str) -> str:
    return re.sub(r"\r?\n[ \t]", "", ics)


def public_urls(app, event, session, speaker) -> list[str]:
    """Every public GET route of the app that takes only an event, session or speaker."""
    values = {"slug": event.slug, "session_id": session.id, "person_id": speaker.id}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/manage", "/static", "/auth")):
            continue
        if not set(rule.arguments) <= set(PUBLIC_ARGS):
            continue
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:[a-z]+:)?{name}>", str(values[name]), path)
        urls.append(path)
    return sorted(urls)


def test_the_link_reaches_remote_participants_and_staff_only(app, client, hybrid, mailbox):
    event, session, speaker = hybrid
    remote, remote_token = _sign_up(client, event, "remote@example.org", "remote")
    room, room_token = _sign_up(client, event, "room@example.org", "in_person")

    # The remote participant: personal page, e-mail and its calendar, calendar download,
    # personal agenda and personal feed.
    [mail] = _mails_to(mailbox, "remote@example.org")
    assert SECRET in _mail_text(mail)
    assert SECRET_PART in _unfolded(_mail_text(mail).split("BEGIN:VCALENDAR", 1)[1])
    page = client.get(f"/r/{remote_token}").get_data(as_text=True)
    assert f'href="{SECRET}"' in page and 'id="remote-participation"' in page
    assert SECRET_PART in _unfolded(
        client.get(f"/r/{remote_token}/event.ics").get_data(as_text=True)
    )
    mine = f"/e/{event.slug}/my/{remote_token}"
    assert SECRET in client.get(f"{mine}/").get_data(as_text=True)
    client.post(f"{mine}/star", {"session_id": str(session.id), "starred": "1"})
    feed = client.get(f"{mine}/agenda.ics")
    assert feed.status_code == 200 and SECRET_PART in _unfolded(feed.get_data(as_text=True))

    # The in-person participant needs no link: none anywhere they look.
    [mail] = _mails_to(mailbox, "room@example.org")
    assert SECRET_PART not in _unfolded(_mail_text(mail))
    mine = f"/e/{event.slug}/my/{room_token}"
    client.post(f"{mine}/star", {"session_id": str(session.id), "starred": "1"})
    for url in (
        f"/r/{room_token}",
        f"/r/{room_token}/event.ics",
        f"{mine}/",
        f"{mine}/agenda.ics",
        f"/r/{room_token}/participants",
        f"/r/{room_token}/data.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_PART not in _unfolded(_body(response)), url

    # The public, after all of that was rendered and cached: nowhere, in either language.
    urls = public_urls(app, event, session, speaker)
    expected = {
        f"/e/{event.slug}/agenda",
        f"/e/{event.slug}/agenda.ics",
        f"/e/{event.slug}/agenda.pdf",
        f"/e/{event.slug}/sessions/{session.id}.ics",
        f"/e/{event.slug}/sessions/{session.id}/",
        f"/e/{event.slug}/sessions/{session.id}/live",
        f"/e/{event.slug}/speakers/",
        f"/e/{event.slug}/speakers/{speaker.id}",
        f"/live/sessions/{session.id}.json",
        f"/api/v1/events/{event.slug}",
        f"/api/v1/events/{event.slug}/sessions",
        f"/api/v1/events/{event.slug}/sessions/{session.id}",
        "/api/v1/openapi.json",
    }
    assert expected <= set(urls), expected - set(urls)
    extra = [
        f"/e/{event.slug}/agenda?q=جلسة",
        f"/e/{event.slug}/agenda.ics?lang=en",
        f"/e/{event.slug}/agenda.pdf?lang=en",
        f"/e/{event.slug}/sessions/{session.id}.ics?lang=en",
        f"/api/v1/events/{event.slug}/days?with_sessions=1",
        f"/api/v1/events/{event.slug}/sessions?lang=en",
    ]
    checked = 0
    for anonymous in (client.raw, app.test_client()):
        for url in [*urls, *extra]:
            response = anonymous.get(url)
            if url not in expected and response.status_code in (302, 404):
                continue  # e.g. the outcome summary, before it is published
            assert response.status_code == 200, (url, response.status_code)
            body = _unfolded(_body(response))
            assert SECRET_PART not in body, url
            if url.startswith("/api/"):
                assert "video_link" not in body, url
            checked += 1
    assert checked >= 2 * len(expected)


def test_staff_see_the_link_on_their_pages(app, client, hybrid, organiser):
    from tests.conftest import WebClient

    event, session, _speaker = hybrid
    client.login(organiser)
    rooms = client.get(f"/manage/events/{event.id}/rooms").get_data(as_text=True)
    assert f'href="{SECRET}"' in rooms
    facilitator = make_user("facilitator@example.org")
    give_role(facilitator, event, "facilitator", session)
    rapporteur = make_user("rapporteur@example.org")
    give_role(rapporteur, event, "rapporteur", session)
    staff = WebClient(app.test_client())
    staff.login(facilitator)
    assert SECRET in staff.get(f"/manage/sessions/{session.id}/console").get_data(as_text=True)
    staff = WebClient(app.test_client())
    staff.login(rapporteur)
    outcome = staff.get(f"/manage/sessions/{session.id}/outcome")
    assert outcome.status_code == 200 and SECRET in outcome.get_data(as_text=True)


def test_in_person_event_keeps_remote_links_from_its_public_pages_too(client):
    event = make_event(attendance_mode="in_person")
    save_room(event, event.rooms[0], {"name": event.rooms[0].name, "video_link": SECRET})
    db.session.commit()
    make_session(event)
    for url in (f"/e/{event.slug}/agenda", f"/e/{event.slug}/agenda.ics"):
        assert SECRET_PART not in _unfolded(client.get(url).get_data(as_text=True)), url


@pytest.mark.parametrize(
    ("attendance", "mode", "status", "joins"),
    [
        ("hybrid", Mode.REMOTE, Status.CONFIRMED, True),
        ("hybrid", Mode.IN_PERSON, Status.CONFIRMED, False),
        ("hybrid", Mode.REMOTE, Status.WAITLISTED, False),
        ("hybrid", Mode.REMOTE, Status.PENDING, False),
        ("hybrid", Mode.REMOTE, Status.CANCELLED, False),
        ("online", Mode.IN_PERSON, Status.CONFIRMED, True),  # an online event has no room
        ("in_person", Mode.IN_PERSON, Status.CONFIRMED, False),
    ],
)
def test_who_joins_remotely(attendance, mode, status, joins):
    event = make_event(attendance_mode=attendance)
    assert (
        may_join_remotely(event, remote=mode == Mode.REMOTE, confirmed=status == Status.CONFIRMED)
        is joins
    )


def test_a_waitlisted_remote_participant_gets_no_link_until_confirmed(client, mailbox):
    event = make_event(attendance_mode="online")
    save_room(event, event.rooms[0], {"name": event.rooms[0].name, "video_link": SECRET})
    db.session.commit()
    make_session(event)
    open_registration(
        event, offer_in_person=False, offer_remote=True, capacity_remote=0, waitlist_enabled=True
    )
    client.get(f"/e/{event.slug}/register")
    client.post(f"/e/{event.slug}/register", form_data(event, mode="remote"))
    registration = registration_services.registration_by_email(event, "layla@example.org")
    assert registration.status == Status.WAITLISTED
    [mail] = mailbox()
    assert SECRET_PART not in _unfolded(_mail_text(mail))
    token = registration_services.make_token(registration)
    assert SECRET not in client.get(f"/r/{token}").get_data(as_text=True)
