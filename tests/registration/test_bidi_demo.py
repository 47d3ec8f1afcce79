"""The demo's Arabic pages keep their left-to-right values isolated (issue 16, direction):
e-mail addresses, check-in codes and English organisation names inside Arabic."""

from __future__ import annotations

import re

import pytest

from eventapp.auth.models import User
from eventapp.demo import DEMO_PASSWORD, load_demo
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Registration
from eventapp.reports import bdi

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
def demo():
    return load_demo()


def _visible_emails(page: str) -> list[tuple[str, str]]:
    """Each e-mail address shown as text, with the 60 characters of markup before it."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    found = []
    for match in EMAIL.finditer(body):
        before = body[max(0, match.start() - 60) : match.start()]
        if re.search(r'(value|href|content|placeholder|aria-label)="[^"]*$', before):
            continue  # an attribute, not text a reader sees
        found.append((match.group(), before))
    return found


def test_registrations_list_isolates_every_address(client, demo):
    event = demo["london"]
    organiser = db.session.query(User).filter_by(email="organiser@demo.multaqa.org").one()
    client.login(organiser, DEMO_PASSWORD)
    page = client.get(f"/manage/events/{event.id}/registrations").get_data(as_text=True)
    shown = _visible_emails(page)
    assert shown, "the demo list shows addresses"
    for address, before in shown:
        assert before.endswith(('dir="ltr">', "\u2066")), (address, before)


def test_personal_page_of_a_demo_participant(client, demo):
    event = demo["london"]
    registration = (
        db.session.query(Registration)
        .filter_by(event_id=event.id)
        .filter(Registration.checkin_code.is_not(None))
        .first()
    )
    page = client.get(f"/r/{services.make_token(registration)}").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert f'dir="ltr" id="checkin-code">{registration.checkin_code}<' in page
    assert "(\u2066.ics\u2069)" in page or registration.status.value != "confirmed"
    assert str(bdi(registration.organisation_label)) in page
