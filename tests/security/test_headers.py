"""Security headers on every response: each GET route of the URL map is requested, as a
stranger and as a signed-in organiser, and its headers checked; personal pages are never
kept by a cache and send no Referer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventapp import security
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.members.participants import DEFAULTS, PALETTE
from eventapp.registration import services as registration_services
from tests.factories import give_role, make_person, make_session
from tests.registration.conftest import open_registration, register

PERSONAL = re.compile(r"^/(r/|c/|e/[^/]+/my/|e/[^/]+/i/|auth/reset/)")


@pytest.fixture
def world(make_event, organiser):
    """An event with a session, a speaker and a confirmed registration: every URL's values."""
    event = make_event(organiser=organiser, days=2)
    speaker = make_person()
    session = make_session(event, people=[(speaker, "panellist")])
    open_registration(event)
    registration = register(event, "participant@example.org")
    token = registration_services.make_token(registration)
    return {
        "slug": event.slug,
        "event_id": event.id,
        "session_id": session.id,
        "person_id": speaker.id,
        "token": token,
        "code": registration.checkin_code,
        "language": "en",
        "filename": "css/multaqa.css",
        "fmt": "csv",
        "job_id": 1,
        "rec_id": 1,
        "step_id": 1,
        "day_id": event.days[0].id,
        "room_id": event.rooms[0].id,
        "goal_id": 1,
        "registration_id": registration.id,
        "intervention_id": 1,
        "organisation_id": 1,
        "member_id": 1,
        "kind": "membership",
        "row_id": 1,
        "series_id": 1,
        "series_slug": "series",
        "staff_id": 1,
    }


def _get_urls(app, values) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        args = {name: values[name] for name in rule.arguments}
        path = rule.build(args, append_unknown=False)[1]
        urls.append((rule.endpoint, path))
    return sorted(urls, key=lambda pair: pair[1])


def _check_common(response, endpoint: str, path: str) -> None:
    headers = response.headers
    where = f"{path} ({response.status_code})"
    policy = headers.get("Content-Security-Policy", "")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ):
        assert directive in policy, (where, directive)
    frame = (
        "frame-ancestors 'self'"
        if endpoint == "interventions.live_page"
        else ("frame-ancestors 'none'")
    )
    assert frame in policy, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert "camera=()" in headers.get("Permissions-Policy", ""), where
    assert "microphone=()" in headers.get("Permissions-Policy", ""), where
    assert "Strict-Transport-Security" not in headers, where  # plain HTTP here
    if PERSONAL.match(path):
        assert headers.get("Referrer-Policy") == "no-referrer", where
        assert "no-store" in headers.get("Cache-Control", ""), where
    else:
        assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", where


def test_every_get_route_as_a_stranger_carries_the_headers(app, client, world):
    checked = 0
    for endpoint, path in _get_urls(app, world):
        response = client.raw.get(path)
        assert response.status_code < 500, path
        _check_common(response, endpoint, path)
        if path.startswith("/manage/"):
            assert response.status_code == 302 and "no-store" in response.headers["Cache-Control"]
        checked += 1
    assert checked > 60


def test_every_get_route_as_an_organiser_is_never_cached(app, client, world, organiser):
    give_role(organiser, _event(world), "organiser")
    client.login(organiser)
    for endpoint, path in _get_urls(app, world):
        if path.startswith("/lang/"):
            continue  # would switch the language of the rest of the walk
        response = client.raw.get(path)
        assert response.status_code < 500, path
        _check_common(response, endpoint, path)
        if endpoint != "static":
            assert "no-store" in response.headers.get("Cache-Control", ""), path


def _event(world):
    return db.session.get(Event, world["event_id"])


def test_public_agenda_keeps_its_validators(client, world):
    response = client.raw.get(f"/e/{world['slug']}/agenda")
    assert response.status_code == 200
    assert "no-store" not in response.headers["Cache-Control"]
    assert "no-cache" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.raw.get(f"/e/{world['slug']}/agenda", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["Content-Security-Policy"] == security.CSP


def test_personal_pages_are_private_and_send_no_referrer(client, world):
    token, slug = world["token"], world["slug"]
    for path in (
        f"/r/{token}",
        f"/r/{token}/data.json",
        f"/r/{token}/event.ics",
        f"/e/{slug}/my/{token}/",
        f"/e/{slug}/my/{token}/agenda.ics",
        f"/c/{world['event_id']}/{world['code']}",
        f"/e/{slug}/sessions/{world['session_id']}/?t={token}",
    ):
        response = client.raw.get(path)
        assert response.status_code in (200, 302), path
        assert response.headers["Cache-Control"] == "private, no-store", path
        assert response.headers["Referrer-Policy"] == "no-referrer", path
    # The public list names only those who agreed, and must forget them at once.
    response = client.raw.get(f"/e/{slug}/participants")
    assert "no-store" in response.headers["Cache-Control"]
    # Once the session page knows the participant (remembered), it stays private.
    response = client.raw.get(f"/e/{slug}/sessions/{world['session_id']}/")
    assert "no-store" in response.headers["Cache-Control"]


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.raw.get("/").headers
    secure = client.raw.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_error_pages_carry_the_headers_too(client):
    response = client.raw.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["Content-Security-Policy"] == security.CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)


def test_no_template_served_to_browsers_has_inline_script_or_style():
    """Pages are rendered for browsers under the CSP; PDFs (WeasyPrint) and e-mails are not."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES).as_posix()
        if relative.startswith(("reports/", "registration/pdf/", "registration/mail/")):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if INLINE.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()[:80]}")
    assert offenders == []


def test_category_badge_colours_match_the_printed_badges():
    css = (Path(security.__file__).parent / "static/css/multaqa.css").read_text()
    for colour in PALETTE:
        # Each printed colour has its class; the screen may darken one for contrast under
        # white text (the guest's gold), never leave it out.
        assert re.search(rf"\.badge-colour-{colour[1:]} \{{ background: #[0-9a-f]{{6}}; \}}", css)
    assert {c.colour for c in DEFAULTS} <= set(PALETTE)
