"""Factories for registration tests: an event with registration open, and registrations."""

from __future__ import annotations

import itertools

import pytest

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import ListVisibility, Mode, ReportNaming

_n = itertools.count(1)


def open_registration(event, **settings):
    """Open registration on an event with these settings (capacity_in_person=..., ...)."""
    services.settings_for(event)
    data = {"is_open": True, **settings}
    day_caps = data.pop("day_capacities", None)
    services.save_settings(event, data, day_caps)
    db.session.commit()
    return services.settings_for(event)


def register(event, email=None, *, commit=True, **data):
    values = {
        "name_ar": data.pop("name_ar", f"مشارك {next(_n)}"),
        "name_en": data.pop("name_en", None),
        "email": email or f"p{next(_n)}@example.org",
        "organisation": data.pop("organisation", "منظمة المجتمع المدني"),
        "position": data.pop("position", None),
        "category": data.pop("category", "delegate"),
        "mode": data.pop("mode", Mode.IN_PERSON),
        "day_ids": data.pop("day_ids", [d.id for d in event.days]),
        "list_visibility": data.pop("list_visibility", ListVisibility.NOBODY),
        "report_naming": data.pop("report_naming", ReportNaming.NAME),
    }
    options = {
        k: data.pop(k) for k in ("invitation_code", "organiser", "override_capacity") if k in data
    }
    values.update(data)
    registration = services.register(event, values, locale="ar", **options)
    if commit:
        db.session.commit()
    return registration


@pytest.fixture
def open_event(make_event, organiser):
    event = make_event(organiser=organiser, days=3)
    open_registration(event, capacity_in_person=2, offer_remote=True, capacity_remote=1)
    return event


def form_data(event, **overrides):
    """What a browser posts from the public form."""
    data = {
        "name_ar": "ليلى الهاشمي",
        "name_en": "Layla Al-Hashimi",
        "email": "layla@example.org",
        "organisation": "منظمة العفو الدولية",
        "position": "باحثة",
        "category": "delegate",
        "mode": "in_person",
        "day_ids": [str(d.id) for d in event.days],
        "accessibility_needs": "",
        "interpretation_needs": "الإنجليزية",
        "list_visibility": "participants",
        "report_naming": "organisation",
    }
    data.update(overrides)
    return data


@pytest.fixture
def mailbox(app):
    """The development mail folder, emptied before the test; returns the messages sent."""
    return mail_folder(app)


def mail_folder(app):
    """Empty the development mail folder; return a function that reads the messages sent."""
    import email
    import email.policy
    from pathlib import Path

    folder = Path(app.config["MAIL_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.eml"):
        old.unlink()

    def read():
        return [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(folder.glob("*.eml"))
        ]

    return read
