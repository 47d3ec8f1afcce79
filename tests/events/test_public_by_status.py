"""What the public sees of an event by its status, on every public GET route of the URL map.

One event is built (a session with a speaker, open registration, an invitation code, a
published outcome summary and its PDF job); then it is set to draft, published and archived in
turn and every public route (the rules of tests/privacy/test_display.py: every GET route that is
neither a staff page nor a static file) is opened by an anonymous visitor and by the event's
organiser:

- published: 200 for everyone;
- archived: 200 for everyone (the public record), pages carry the "archived" notice, the API
  flags it, and registration and interventions are refused with a message;
- draft: 404 for the public, 200 for the event's organiser (preview).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from eventapp.events import services as event_services
from eventapp.events.models import EventStatus
from eventapp.extensions import db
from eventapp.registration import services as registration
from eventapp.registration.models import Registration
from tests.conftest import WebClient
from tests.factories import make_event, make_person, make_session, make_user
from tests.privacy.test_display import (
    LOGIN_REQUIRED,
    NOT_CONTENT,
    PERSONAL,
    fetch,
    readable,
)
from tests.registration.conftest import open_registration, register

# Public pages of an organiser organisation, not of one event.
ORGANISATION_PAGES = {"events.series_page", "outcomes.public_follow_up"}
NOTICE_AR = "هذه الفعالية مؤرشفة"
NOTICE_EN = "This event is archived"


@pytest.fixture
def world(app, tmp_path):
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REPORTS_FOLDER", "REDIS_URL")}
    app.config.update(REPORTS_INLINE=True, REPORTS_FOLDER=str(tmp_path / "reports"), REDIS_URL="")
    organiser = make_user("organiser.status@example.org", name="منظمة الحالة")
    event = make_event(
        organiser=organiser, slug="by-status", first_day=dt.date.today() + dt.timedelta(days=20)
    )
    open_registration(event)
    speaker = make_person("هالة المتحدثة", "Hala Speaker")
    session = make_session(event, title_ar="جلسة عامة", people=[(speaker, "presenter")])
    participant = register(event, "kept@example.org", name_ar="مشاركة")
    from eventapp.outcomes import event_outcomes
    from eventapp.registration.invitations import create_invitation

    invitation = create_invitation(event, {"label": "دعوة", "max_uses": 10})
    event_outcomes.save_event_outcome(event, {"summary": "خلاصة اللقاء."}, 0, organiser)
    event_outcomes.submit_outcome(event, organiser)
    event_outcomes.approve_outcome(event, organiser)
    event_outcomes.set_published(event, True, organiser)
    db.session.commit()
    response = WebClient(app.test_client()).get(f"/e/{event.slug}/outcome")
    assert response.status_code == 302
    job_id = int(re.search(r"/reports/(\d+)", response.headers["Location"]).group(1))
    values = {
        "slug": event.slug,
        "session_id": session.id,
        "person_id": speaker.id,
        "code": invitation.code,
        "language": "en",
        "job_id": job_id,
        "token": registration.make_token(participant),
    }
    yield {"event": event, "organiser": organiser, "values": values, "session": session}
    app.config.update(saved)


def _set_status(event, status: EventStatus) -> None:
    event_services.set_status(event, status)
    db.session.commit()


def _urls(app, values: dict) -> list[tuple[str, str]]:
    """(endpoint, url) of every public GET route, filled with the world's values."""
    from flask import url_for

    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint in NOT_CONTENT | LOGIN_REQUIRED:
            continue
        if rule.endpoint in PERSONAL or not rule.arguments & {"slug", "session_id", "job_id"}:
            continue  # the participant's own pages, and pages of no event (home, language)
        if rule.endpoint in ORGANISATION_PAGES or rule.endpoint.startswith("organisers."):
            continue  # <slug> is an organisation's: tests/events/test_series.py, tests/organisers
        with app.test_request_context():
            url = url_for(rule.endpoint, **{a: values[a] for a in rule.arguments})
        found.append((rule.endpoint, url))
    return found


def _visit(app, client: WebClient, url: str):
    return fetch(client, url)


def _clients(app, organiser) -> dict[str, WebClient]:
    public = WebClient(app.test_client())
    staff = WebClient(app.test_client())
    staff.login(organiser)
    return {"public": public, "organiser": staff}


def test_every_public_route_by_status(app, world):
    urls = _urls(app, world["values"])
    # The routes this test reaches: the event page, agenda (HTML, PDF, calendars), speakers,
    # organisations, session pages and live view, the API, the outcome and its job, the
    # registration form and its invitation link, the participant list.
    endpoints = {endpoint for endpoint, _url in urls}
    assert {
        "events.public_event",
        "agendas.agenda",
        "agendas.agenda_pdf",
        "agendas.event_ics",
        "agendas.session_ics",
        "agendas.speakers",
        "agendas.speaker",
        "agendas.organisations",
        "interventions.session_page",
        "interventions.live_page",
        "interventions.live_poll",
        "api.event",
        "api.sessions",
        "outcomes.public_summary",
        "outcomes.job_page",
        "outcomes.job_download",
        "registration.register",
        "registration.invitation",
        "registration.participants",
    } <= endpoints
    clients = _clients(app, world["organiser"])
    failures = []
    checks = 0
    for status in (EventStatus.DRAFT, EventStatus.PUBLISHED, EventStatus.ARCHIVED):
        _set_status(world["event"], status)
        # The outcome's PDF job of this state (archiving changes the PDF: a new job replaces
        # the old one, whose address is then gone).
        asked = clients["organiser"].get(f"/e/{world['event'].slug}/outcome")
        job_id = int(re.search(r"/reports/(\d+)", asked.headers["Location"]).group(1))
        urls = _urls(app, {**world["values"], "job_id": job_id})
        for who, client in clients.items():
            for endpoint, url in urls:
                response = _visit(app, client, url)
                checks += 1
                # The API answers as to the public (no staff preview): a draft is 404 there.
                hidden = who == "public" or endpoint.startswith("api.")
                expected = 404 if status == EventStatus.DRAFT and hidden else 200
                if response.status_code != expected:
                    failures.append(f"{status.value} {who} {url}: {response.status_code}")
                    continue
                if expected != 200:
                    continue
                text = readable(response)
                archived = status == EventStatus.ARCHIVED
                if response.mimetype == "text/html":
                    shown = NOTICE_AR in text or NOTICE_EN in text
                    if shown != archived:
                        failures.append(f"{status.value} {who} {url}: notice shown={shown}")
                if endpoint in ("agendas.agenda_pdf", "outcomes.public_summary"):
                    assert response.mimetype == "application/pdf", url
                    shown = NOTICE_AR in text  # on the cover of the public record's PDFs
                    if shown != archived:
                        failures.append(f"{status.value} {who} {url}: PDF notice={shown}")
                if response.mimetype == "application/json" and endpoint.startswith("api."):
                    data = json.loads(text)
                    if "event" in data and data["event"]["archived"] != archived:
                        failures.append(f"{status.value} {url}: archived flag wrong")
    print(f"\npublic routes by status: {len(urls)} routes, {checks} checks")
    assert not failures, "\n".join(failures)


def test_the_api_lists_archived_events_with_their_flag(app, world):
    client = WebClient(app.test_client())
    _set_status(world["event"], EventStatus.ARCHIVED)
    listed = {e["slug"]: e for e in client.get("/api/v1/events").get_json()["events"]}
    assert listed["by-status"]["archived"] is True
    assert client.get("/api/v1/events/by-status").get_json()["event"]["archived"] is True
    _set_status(world["event"], EventStatus.PUBLISHED)
    listed = {e["slug"]: e for e in client.get("/api/v1/events").get_json()["events"]}
    assert listed["by-status"]["archived"] is False
    _set_status(world["event"], EventStatus.DRAFT)
    assert "by-status" not in {e["slug"] for e in client.get("/api/v1/events").get_json()["events"]}


def test_archived_event_is_closed_to_registration_with_a_message(app, world):
    event = world["event"]
    _set_status(event, EventStatus.ARCHIVED)
    client = WebClient(app.test_client())
    client.switch_language("ar")
    page = client.get(f"/e/{event.slug}/register")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "هذه الفعالية مؤرشفة: التسجيل والمداخلات مغلقة." in body
    before = db.session.scalar(db.select(db.func.count()).select_from(Registration))
    response = client.post(
        f"/e/{event.slug}/register",
        {
            "name_ar": "متأخرة",
            "email": "late@example.org",
            "organisation": "منظمة",
            "category": "delegate",
            "mode": "in_person",
            "day_ids": [str(d.id) for d in event.days],
            "list_visibility": "nobody",
            "report_naming": "name",
        },
    )
    assert response.status_code in (200, 422)
    assert "هذه الفعالية مؤرشفة: التسجيل والمداخلات مغلقة." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Registration)) == before


def test_archived_event_takes_no_intervention(app, world):
    event, session = world["event"], world["session"]
    token = world["values"]["token"]
    _set_status(event, EventStatus.ARCHIVED)
    client = WebClient(app.test_client())
    client.switch_language("ar")
    page = client.get(f"/e/{event.slug}/sessions/{session.id}/?t={token}")
    assert page.status_code == 200 and NOTICE_AR in page.get_data(as_text=True)
    from eventapp.interventions.models import Intervention

    client.get(f"/e/{event.slug}/register")  # a page with a form (the session page has none)
    response = client.post(
        f"/e/{event.slug}/sessions/{session.id}/request",
        {"t": token, "topic": "موضوع", "mode": "remote_live", "language": "ar"},
        follow_redirects=True,
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert NOTICE_AR in body and "قائمة المتحدثين في هذه الجلسة مغلقة." in body
    assert db.session.scalar(db.select(db.func.count()).select_from(Intervention)) == 0


def test_the_home_page_lists_published_and_archived_events(app, world):
    client = WebClient(app.test_client())
    client.switch_language("en")
    for status, listed, marked in (
        (EventStatus.DRAFT, False, False),
        (EventStatus.PUBLISHED, True, False),
        (EventStatus.ARCHIVED, True, True),
    ):
        _set_status(world["event"], status)
        page = client.get("/").get_data(as_text=True)
        assert ("/e/by-status/" in page) == listed, status
        assert ("Conference · Archived" in page) == marked, status
