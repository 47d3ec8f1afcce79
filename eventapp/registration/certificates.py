"""Certificates worth keeping: who reached the event's attendance rule, issuing a certificate
once (a stable serial number and an unguessable verification code), and what the public
verification page confirms.

The rule counts days: a check-in is recorded per person and day (checkin.py), not per
session, so "at least N % of the event's days" is the rule there is (none: any check-in).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eventapp.common import DomainError
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import (
    Certificate,
    CertificateSettings,
    Registration,
    Status,
)

SIGNATORY_FIELDS = tuple(
    f"signatory{n}_{field}_{lang}"
    for n in (1, 2)
    for field in ("name", "title")
    for lang in ("ar", "en")
)


def settings_of(event: Event) -> CertificateSettings | None:
    return db.session.scalar(
        select(CertificateSettings).where(CertificateSettings.event_id == event.id)
    )


def settings_for(event: Event) -> CertificateSettings:
    """The event's row, made (not yet saved) when it has none."""
    row = settings_of(event)
    if row is None:
        row = CertificateSettings(event_id=event.id)
        db.session.add(row)
        db.session.flush()
    return row


def new_settings(event: Event) -> CertificateSettings:
    """The row of a first save, at version 0 (what a form shows before any save)."""
    row = CertificateSettings(event_id=event.id, version=0)
    db.session.add(row)
    db.session.flush()
    return row


def save_settings(event: Event, data: dict) -> CertificateSettings:
    percent = data.get("min_percent_days")
    if percent is not None and not 1 <= percent <= 100:
        raise DomainError(_("A percentage is between 1 and 100."), "min_percent_days")
    row = settings_for(event)
    row.min_percent_days = percent
    for name in SIGNATORY_FIELDS:
        value = (data.get(name) or "").strip()
        setattr(row, name, value or None)
    db.session.flush()
    return row


@dataclass(frozen=True)
class Standing:
    """Where a registration stands against the rule."""

    attended: int
    total: int
    needed: int

    @property
    def reached(self) -> bool:
        return self.attended >= max(self.needed, 1)


def days_needed(event: Event, settings: CertificateSettings | None) -> int:
    total = len(event.days)
    if settings is None or not settings.min_percent_days:
        return 1
    return max(1, math.ceil(total * settings.min_percent_days / 100))


def standing(
    registration: Registration, event: Event, settings: CertificateSettings | None
) -> Standing:
    days = {d.id for d in event.days}
    attended = len({c.day_id for c in registration.checkins if c.day_id in days})
    return Standing(attended, len(days), days_needed(event, settings))


def eligible(registrations, event: Event) -> list[Registration]:
    """The confirmed registrations (not erased) that reached the rule."""
    settings = settings_of(event)
    return [
        r
        for r in registrations
        if r.email is not None
        and r.status == Status.CONFIRMED
        and standing(r, event, settings).reached
    ]


def _serial(event: Event, number: int) -> str:
    return f"{event.slug}-{event.first_day.year}-{number:04d}"


def issue(registration: Registration, event: Event) -> Certificate:
    """The registration's certificate, issued now with the next serial number if it has none
    (the caller checked the rule). The name and attendance printed are kept as issued."""
    existing = db.session.scalar(
        select(Certificate).where(Certificate.registration_id == registration.id)
    )
    if existing is not None:
        return existing
    attended = standing(registration, event, None)
    for _attempt in range(5):
        number = (
            db.session.scalar(
                select(func.max(Certificate.number)).where(Certificate.event_id == event.id)
            )
            or 0
        ) + 1
        certificate = Certificate(
            event_id=event.id,
            registration_id=registration.id,
            number=number,
            serial=_serial(event, number),
            name_ar=registration.name_ar,
            name_en=registration.name_en,
            days_attended=attended.attended,
            days_total=attended.total,
        )
        try:
            with db.session.begin_nested():
                db.session.add(certificate)
        except IntegrityError:  # two issued at once: take the next number
            continue
        return certificate
    raise DomainError(_("The certificate could not be numbered; try again."))


def issue_all(registrations, event: Event) -> list[Certificate]:
    return [issue(r, event) for r in eligible(registrations, event)]


def by_code(code: str) -> Certificate | None:
    code = (code or "").strip().upper()
    if not code or len(code) > 40 or not code.isalnum():
        return None
    certificate = db.session.scalar(select(Certificate).where(Certificate.code == code))
    if certificate is None or certificate.registration.email is None:
        return None  # an erased or purged registration's certificate is no longer confirmed
    return certificate


def personal_status(registration: Registration) -> dict | None:
    """For the personal page, once the participant checked in: whether a certificate can be
    downloaded, and the attendance against the rule (what to say when it cannot)."""
    if not registration.checkins or registration.status != Status.CONFIRMED:
        return None
    event = registration.event
    return {"standing": standing(registration, event, settings_of(event))}
