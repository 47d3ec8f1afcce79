"""Signing up: one person registered (by the public form, an invitation or an organiser),
their choices checked, their place given or waitlisted under the event's lock."""

from __future__ import annotations

import functools

from flask_babel import gettext as _
from sqlalchemy import bindparam, select

from eventapp import signals
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.members.participants import event_categories
from eventapp.registration import eligibility
from eventapp.registration.capacity import Usage, give_place, set_status
from eventapp.registration.checks import (
    AlreadyRegistered,
    RegistrationError,
    clean_answers,
    clean_text,
    normalise_email,
)
from eventapp.registration.invitations import take_invitation
from eventapp.registration.models import Question, Registration, RegistrationSettings, Status
from eventapp.registration.organisations import (
    match_organisation,
    organisation_fields,
    organisation_match_statement,
)
from eventapp.registration.session_signups import chosen_sessions, sign_up
from eventapp.registration.settings import (
    allowed_days,
    day_label,
    lock_event,
    questions_for,
    window_refusal,
)

PERSON_FIELDS = ("name_ar", "name_en", "position", "accessibility_needs", "interpretation_needs")


def apply_person(registration: Registration, data: dict, organisation=None) -> None:
    for field in PERSON_FIELDS:
        if field in data:
            setattr(registration, field, clean_text(data.get(field)))
    if not registration.name_ar and not registration.name_en:
        raise RegistrationError(_("Give your name in Arabic or English."), "name_ar")
    if "organisation" in data:
        registration.organisation_id, registration.organisation_name = (
            organisation or match_organisation(data.get("organisation"))
        )
    if "birth_year" in data:
        registration.birth_year = data["birth_year"]
    if "time_zone" in data:  # None: the event's (forms.check_time_zone validated it)
        registration.time_zone = data["time_zone"] or None
    for field in ("category", "mode", "list_visibility", "report_naming", "form_of_address"):
        if data.get(field) is not None:
            setattr(registration, field, data[field])


def check_choices(event, settings, data, *, invitation=None, organiser=False) -> list[int]:
    """Validate category, mode, days and answers; return the chosen day ids."""
    category = data["category"] = getattr(data.get("category"), "value", data.get("category"))
    mode = data["mode"]
    if invitation is not None and invitation.category is not None:
        category = data["category"] = invitation.category
    if invitation is not None and invitation.mode is not None:
        mode = data["mode"] = invitation.mode
    categories = event_categories(event)  # kept per version of the event: no query
    if not organiser:
        offered = settings.offered_categories(categories)
        if invitation is None and category not in {c.code for c in offered}:
            raise RegistrationError(_("This category is not open for registration."), "category")
        if mode not in settings.offered_modes():
            raise RegistrationError(_("This way of attending is not offered."), "mode")
    # An invitation or an organiser may use any of the event's categories; a registration
    # keeps the one it has even if the organisation no longer offers it.
    if category not in {c.code for c in categories} and category != data.get("kept_category"):
        raise RegistrationError(_("Choose one of the categories of this event."), "category")
    event_day_ids = {d.id for d in event.days}
    day_ids = [int(d) for d in data.get("day_ids") or []]
    if len(event.days) == 1 and not day_ids:
        day_ids = [event.days[0].id]
    if not day_ids:
        raise RegistrationError(_("Choose at least one day."), "day_ids")
    if any(d not in event_day_ids for d in day_ids):
        raise RegistrationError(_("Choose days of this event only."), "day_ids")
    allowed = {d.id for d in allowed_days(event, settings, category, invitation)}
    if not organiser and any(d not in allowed for d in day_ids):
        raise RegistrationError(
            _(
                "Participants of this category may attend only: %(days)s.",
                days=", ".join(day_label(d) for d in event.days if d.id in allowed),
            ),
            "day_ids",
        )
    return sorted(set(day_ids))


def share_consent(registration: Registration) -> None:
    """The registrant's naming consent is kept on each of their interventions (so it holds
    without looking the registration up): renewed when it may have changed."""
    signals.naming_changed.send(
        registration.event, email=registration.email, naming=registration.report_naming
    )


@functools.cache
def _earlier_registration_statement():
    """For a sign-up, in one round trip: the e-mail's earlier registration for the event (id
    and status; NULL when none) and the directory organisation the typed text names."""
    same_person = (Registration.event_id == bindparam("event_id")) & (
        Registration.email == bindparam("email")
    )
    return select(
        select(Registration.id).where(same_person).scalar_subquery().label("earlier_id"),
        select(Registration.status).where(same_person).scalar_subquery().label("earlier_status"),
        organisation_match_statement().scalar_subquery().label("organisation_id"),
    )


def register(
    event: Event,
    data: dict,
    *,
    invitation_code: str | None = None,
    organiser: bool = False,
    override_capacity: bool = False,
    locale: str | None = None,
    questions: list[Question] | None = None,
) -> Registration:
    """Register one person. Raises RegistrationError (nothing is kept) when refused.

    `questions`: the event's questions, when the caller has read them already (for the form).

    `data`: name_ar, name_en, email, organisation (typed text), position, category (a code),
    mode (Mode), day_ids, accessibility_needs, interpretation_needs, list_visibility,
    report_naming, form_of_address (FormOfAddress, optional), answers ({question id: text}),
    session_ids (sessions that require sign-up: a place, or the waiting list, once the
    registration is confirmed). The caller commits.
    """
    email = normalise_email(data.get("email", ""))
    if questions is None:
        questions = questions_for(event)
    answers = clean_answers(questions, data.get("answers") or {})
    typed_organisation = clean_text(data.get("organisation"))

    settings = lock_event(event)  # from here to the commit, one registration at a time
    if not organiser:
        refusal = window_refusal(event, settings)
        if refusal:
            raise RegistrationError(refusal)
    invitation = None
    if invitation_code or (settings.invitation_only and not organiser):
        invitation = take_invitation(event, invitation_code, email)
    day_ids = check_choices(event, settings, data, invitation=invitation, organiser=organiser)
    sessions = chosen_sessions(event, data.get("session_ids"), day_ids)
    if not organiser:
        eligibility.check(event, settings, data, email, invited=invitation is not None)

    found = db.session.execute(
        _earlier_registration_statement(),
        {"event_id": event.id, "email": email, "lowered": (typed_organisation or "").lower()},
    ).one()
    if found.earlier_id is not None and found.earlier_status != Status.CANCELLED:
        if organiser:
            raise RegistrationError(
                _("This e-mail address is already registered for this event."),
                "email",
                duplicate=True,
            )
        # The public form must not tell a visitor who is registered: refuse only what a new
        # sign-up would be refused for, then let the view answer as for one and mail the
        # registered person their own link. Their registration is not touched.
        _refuse_as_new_sign_up(settings, data, day_ids)
        raise AlreadyRegistered(found.earlier_id)
    organisation = organisation_fields(typed_organisation, found.organisation_id)
    # Someone who cancelled may register again: their row is used anew.
    existing = db.session.get(Registration, found.earlier_id) if found.earlier_id else None
    registration = existing or Registration(event_id=event.id, email=email)
    registration.link_version = (existing.link_version + 1) if existing else 1
    apply_person(registration, data, organisation)
    registration.answers = answers
    registration.locale = locale or current_language()
    registration.invitation_id = invitation.id if invitation else None
    registration.added_by_organiser = organiser
    registration.days = [db.session.get(EventDay, d) for d in day_ids]
    if existing is not None:
        share_consent(registration)

    if settings.requires_approval and not organiser:
        set_status(registration, Status.PENDING)
    else:
        give_place(Usage.load(settings), registration, day_ids, override=override_capacity)
    db.session.add(registration)
    db.session.flush()
    if registration.status == Status.CONFIRMED:
        # Waiting or pending people choose on their personal page once confirmed.
        for session in sessions:
            sign_up(registration, session)
    return registration


def _refuse_as_new_sign_up(settings: RegistrationSettings, data: dict, day_ids) -> None:
    """Raise what register() would raise past this point for a new person with `data`: no
    name, or no place left and no waiting list (so both answers stay alike)."""
    if not clean_text(data.get("name_ar")) and not clean_text(data.get("name_en")):
        raise RegistrationError(_("Give your name in Arabic or English."), "name_ar")
    if settings.requires_approval or settings.waitlist_enabled:
        return
    reason = Usage.load(settings).refusal(data["mode"], day_ids)
    if reason is not None:
        raise RegistrationError(reason + " " + _("Registration is full."))
