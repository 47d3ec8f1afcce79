"""What registration does when the events layer makes a new edition of an event
(signals.edition_copied) or is asked whether a day may be removed (signals.day_in_use_asked).

Copied to the new edition: the registration settings (closed: the organisers open it when
they are ready; its dates moved with the days), the categories offered and the days of each
category, the day limits (on the new days), the questions, and the invitation links that
were not issued to a person (an address-less link for a group, with its presets: category,
mode, days, number of uses; a new code, no use yet). Never copied: registrations, check-ins,
invitations sent to a person, personal links.

Categories are the organiser's (eventapp.members.participants); what an event stores of them (those
offered on the public form, the days of each) is in its settings and is copied with them.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import exists, func, select

from eventapp import signals
from eventapp.extensions import db
from eventapp.registration.models import (
    CheckIn,
    DayCapacity,
    Invitation,
    Question,
    RegistrationSettings,
    registration_days,
)
from eventapp.registration.settings import SETTINGS_FIELDS

QUESTION_COPIED = ("position", "kind", "label_ar", "label_en", "choices_text", "required")


def _moved(value: dt.date | dt.datetime | None, shift: dt.timedelta):
    return value + shift if value is not None else None


@signals.edition_copied.connect
def copy_registration(source, *, target, days: dict, **_kwargs) -> list[str]:
    shift = dt.timedelta(days=(target.first_day - source.first_day).days)
    lines = []
    settings = db.session.scalar(
        select(RegistrationSettings).where(RegistrationSettings.event_id == source.id)
    )
    if settings is not None:
        copy = RegistrationSettings(
            event_id=target.id, **{f: getattr(settings, f) for f in SETTINGS_FIELDS}
        )
        copy.is_open = False
        copy.opens_on = _moved(settings.opens_on, shift)
        copy.closes_on = _moved(settings.closes_on, shift)
        if settings.technical_check_at is not None:  # moved with the dates, like the window
            copy.technical_check_at = settings.technical_check_at + shift
        copy.public_categories = list(settings.public_categories or [])
        copy.category_days = {
            category: [days[d] for d in day_ids if d in days]
            for category, day_ids in (settings.category_days or {}).items()
        }
        copy.day_capacities = [
            DayCapacity(day_id=days[c.day_id], capacity=c.capacity)
            for c in settings.day_capacities
            if c.day_id in days
        ]
        db.session.add(copy)
        lines.append(_("the registration settings (closed until you open it)"))
        if copy.day_capacities:
            lines.append(
                ngettext(
                    "%(num)d limit of places on a day",
                    "%(num)d limits of places on days",
                    len(copy.day_capacities),
                )
            )
    questions = db.session.scalars(
        select(Question).where(Question.event_id == source.id).order_by(Question.position)
    ).all()
    for question in questions:
        db.session.add(
            Question(event_id=target.id, **{f: getattr(question, f) for f in QUESTION_COPIED})
        )
    if questions:
        lines.append(
            ngettext(
                "%(num)d question of the registration form",
                "%(num)d questions of the registration form",
                len(questions),
            )
        )
    links = db.session.scalars(
        select(Invitation)
        .where(
            Invitation.event_id == source.id,
            Invitation.email.is_(None),
            Invitation.revoked.is_(False),
        )
        .order_by(Invitation.id)
    ).all()
    for link in links:
        db.session.add(
            Invitation(
                event_id=target.id,
                label=link.label,
                form_of_address=link.form_of_address,
                max_uses=link.max_uses,
                category=link.category,
                mode=link.mode,
                day_ids=[days[d] for d in (link.day_ids or []) if d in days],
                expires_at=_moved(link.expires_at, shift),
            )
        )
    if links:
        lines.append(
            ngettext(
                "%(num)d invitation link for a group (with a new code)",
                "%(num)d invitation links for groups (with new codes)",
                len(links),
            )
        )
    db.session.flush()
    return lines


@signals.day_in_use_asked.connect
def day_in_use(event, *, day, **_kwargs) -> str | None:
    """Participants who chose the day, or were checked in on it, keep it."""
    chose = db.session.scalar(
        select(func.count())
        .select_from(registration_days)
        .where(registration_days.c.day_id == day.id)
    )
    if chose:
        return ngettext(
            "%(num)d registration chose this day: change them before removing it.",
            "%(num)d registrations chose this day: change them before removing it.",
            chose,
        )
    if db.session.scalar(select(exists().where(CheckIn.day_id == day.id))):
        return _("Participants were checked in on this day: it cannot be removed.")
    return None
