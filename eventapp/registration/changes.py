"""Changes that take or free places, each under the event's lock, after which the waiting list
moves up: a participant's or organiser's change, a cancellation, the organisers' bulk decisions,
new settings (a raised capacity), a registration deleted."""

from __future__ import annotations

import dataclasses

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp import versions
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.registration.capacity import Usage, promote_waitlist, set_status
from eventapp.registration.checks import (
    RegistrationError,
    clean_answers,
    clean_text,
    normalise_email,
)
from eventapp.registration.models import DayCapacity, Mode, Registration, Status
from eventapp.registration.session_signups import (
    mode_changed,
    promote_sessions,
    release_registration,
)
from eventapp.registration.settings import SETTINGS_FIELDS, lock_event, questions_for
from eventapp.registration.signup import apply_person, check_choices, share_consent


def change_registration(
    registration: Registration,
    data: dict,
    *,
    organiser=False,
    override_capacity=False,
    seen_version=None,
) -> list[Registration]:
    """Change a registration (a participant: days and mode; an organiser: everything).

    A confirmed person keeps the place only if the new days/mode fit; otherwise nothing
    changes and the reason is raised. Returns the people promoted from the waiting list.
    `seen_version`: the version the form was loaded with; if the registration was saved since,
    EditConflict is raised and nothing changes (claimed after the event's lock, the order every
    writer of registrations takes them in).
    """
    event = registration.event
    settings = lock_event(event)
    db.session.refresh(registration)
    if seen_version is not None:
        versions.claim(registration, seen_version)
    else:
        versions.bump(registration)
    if registration.status in (Status.CANCELLED, Status.REJECTED) and not organiser:
        raise RegistrationError(_("This registration is no longer active."))
    data.setdefault("category", registration.category)
    data["kept_category"] = registration.category
    data.setdefault("mode", registration.mode)
    invitation = registration.invitation if not organiser else None
    if invitation is not None and invitation.category is not None:
        data["category"] = invitation.category
    day_ids = check_choices(event, settings, data, invitation=invitation, organiser=organiser)
    usage = Usage.load(settings)
    old_mode = registration.mode
    if registration.status == Status.CONFIRMED:
        usage.release(registration.mode, [d.id for d in registration.days])
        reason = None if override_capacity else usage.refusal(data["mode"], day_ids)
        if reason:
            raise RegistrationError(reason, "day_ids" if data["mode"] == Mode.IN_PERSON else "mode")
        usage.take(data["mode"], day_ids)
    if organiser:
        if "email" in data:
            email = normalise_email(data["email"])
            clash = db.session.scalar(
                select(Registration.id).where(
                    Registration.event_id == event.id,
                    Registration.email == email,
                    Registration.id != registration.id,
                )
            )
            if clash:
                raise RegistrationError(
                    _("This e-mail address is already registered for this event."), "email"
                )
            registration.email = email
        apply_person(registration, data)
        if "answers" in data:
            registration.answers = clean_answers(questions_for(event), data["answers"])
        if "organiser_note" in data:
            registration.organiser_note = clean_text(data["organiser_note"])
        share_consent(registration)
    else:
        registration.mode = data["mode"]
        if "time_zone" in data:
            registration.time_zone = data["time_zone"] or None
    registration.days = [db.session.get(EventDay, d) for d in day_ids]
    db.session.flush()
    release_registration(registration)  # sign-ups on days dropped: their places move up
    if registration.mode != old_mode:
        mode_changed(registration)  # a remote sign-up takes no room place; in person it does
    return promote_waitlist(event, usage)


def cancel_registration(registration: Registration) -> list[Registration]:
    """The person will not come: their place goes to the first on the waiting list."""
    settings = lock_event(registration.event)
    db.session.refresh(registration)
    if registration.status == Status.CANCELLED:
        return []
    set_status(registration, Status.CANCELLED)
    db.session.flush()
    release_registration(registration)  # their session places go to those waiting
    return promote_waitlist(registration.event, Usage.load(settings))


BULK_ACTIONS = ("approve", "reject", "waitlist")


@dataclasses.dataclass
class BulkResult:
    confirmed: list = dataclasses.field(default_factory=list)
    waitlisted: list = dataclasses.field(default_factory=list)
    rejected: list = dataclasses.field(default_factory=list)
    unchanged: list = dataclasses.field(default_factory=list)  # no place and no waiting list
    promoted: list = dataclasses.field(default_factory=list)


def bulk_action(event: Event, registration_ids, action: str) -> BulkResult:
    """Approve, reject or waitlist many registrations at once (under one lock)."""
    if action not in BULK_ACTIONS:
        raise RegistrationError(_("Unknown action."))
    settings = lock_event(event)
    chosen = db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.id.in_(list(registration_ids)))
        .options(selectinload(Registration.days))
        .order_by(Registration.created_at, Registration.id)
        .execution_options(populate_existing=True)
    ).all()
    usage = Usage.load(settings)
    result = BulkResult()
    for registration in chosen:
        day_ids = [d.id for d in registration.days]
        was_confirmed = registration.status == Status.CONFIRMED
        if action == "approve":
            if was_confirmed:
                continue
            reason = usage.refusal(registration.mode, day_ids)
            if reason is None:
                set_status(registration, Status.CONFIRMED)
                usage.take(registration.mode, day_ids)
                result.confirmed.append(registration)
            elif settings.waitlist_enabled and registration.status != Status.WAITLISTED:
                set_status(registration, Status.WAITLISTED)
                result.waitlisted.append(registration)
            else:
                result.unchanged.append(registration)
            continue
        if was_confirmed:
            usage.release(registration.mode, day_ids)
        if action == "reject" and registration.status != Status.REJECTED:
            set_status(registration, Status.REJECTED)
            result.rejected.append(registration)
        elif action == "waitlist" and registration.status != Status.WAITLISTED:
            set_status(registration, Status.WAITLISTED)
            result.waitlisted.append(registration)
    db.session.flush()
    for registration in chosen:
        if registration.status != Status.CONFIRMED:
            release_registration(registration)
    # People the organiser has just set aside are not handed the freed places back.
    result.promoted = promote_waitlist(event, usage, exclude=[r.id for r in chosen])
    return result


def save_settings(
    event: Event, data: dict, day_capacities: dict[int, int | None], seen_version=None
) -> list:
    """Save the registration settings; raising a capacity confirms waiting people at once.
    `seen_version`: as for change_registration."""
    settings = lock_event(event)
    if seen_version is not None:
        versions.claim(settings, seen_version)
    for field in SETTINGS_FIELDS:
        if field in data:
            setattr(settings, field, data[field])
    if settings.opens_on and settings.closes_on and settings.closes_on < settings.opens_on:
        raise RegistrationError(
            _("Registration must close on or after the day it opens."), "closes_on"
        )
    if not settings.offer_in_person and not settings.offer_remote:
        raise RegistrationError(
            _("Offer in-person or remote attendance, or both."), "offer_in_person"
        )
    if "category_days" in data:
        event_day_ids = {d.id for d in event.days}
        settings.category_days = {
            key: sorted(d for d in days if d in event_day_ids)
            for key, days in data["category_days"].items()
            if days and set(days) & event_day_ids and set(days) != event_day_ids
        }
    if "public_categories" in data:
        settings.public_categories = [getattr(c, "value", c) for c in data["public_categories"]]
        if not settings.public_categories:
            settings.public_categories = []
    if day_capacities is not None:
        existing = {d.day_id: d for d in settings.day_capacities}
        for day in event.days:
            limit = day_capacities.get(day.id)
            if limit is None and day.id in existing:
                settings.day_capacities.remove(existing[day.id])
            elif limit is not None and day.id in existing:
                existing[day.id].capacity = limit
            elif limit is not None:
                settings.day_capacities.append(DayCapacity(day_id=day.id, capacity=limit))
    db.session.flush()
    return promote_waitlist(event, Usage.load(settings))


def delete_registration(registration: Registration) -> list[Registration]:
    """Erase a registration entirely (the participant's right to erasure)."""
    event = registration.event
    settings = lock_event(event)
    session_ids = [s.session_id for s in registration.signups]
    db.session.delete(registration)
    db.session.flush()
    promote_sessions(session_ids)
    return promote_waitlist(event, Usage.load(settings))
