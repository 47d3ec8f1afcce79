"""Registration rules shared by the views, the CLI and other capabilities.

Every decision about a place (confirm, waitlist, refuse, promote) is taken while the event's
`registration_settings` row is locked (`lock_event`), so many workers writing at the same time
can never give away more places than there are.

For other capabilities:
  registration_for_token(token)         -> Registration | None   (the signed personal link)
  confirmed_registration(event, email)  -> Registration | None
  attendance_by_day(event)              -> list of per-day figures (registered, checked in)
  attendance_by_session(event)          -> {session_id: confirmed registrants on its day}
  (how a registrant may be shown to others: eventapp.people.shown, with their report_naming
  and list_visibility)
  personal_url(registration)            -> the participant's personal link (absolute URL)
  joins_remotely(registration)          -> whether they receive the rooms' video links
  registration_by_email(event, email), statistics(event), report_organisations(event)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from zoneinfo import ZoneInfo

from email_validator import EmailNotValidError, validate_email
from flask import current_app, g, has_app_context, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Integer, String, bindparam, func, null, or_, select, union_all
from sqlalchemy import cast as sa_cast
from sqlalchemy.orm import joinedload, selectinload

from eventapp import signals, versions
from eventapp.auth.permissions import may_join_remotely
from eventapp.common import DomainError, utcnow
from eventapp.events import services as event_services
from eventapp.events.models import AttendanceMode, Event, EventDay
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.registration.models import (
    Category,
    DayCapacity,
    Mode,
    Question,
    QuestionKind,
    Registration,
    RegistrationSettings,
    Status,
    registration_days,
)
from eventapp.speakers.models import Organisation

TOKEN_SALT = "multaqa.registration.personal-link"
DEFAULT_LINK_MAX_AGE = 60 * 60 * 24 * 400  # seconds; long enough to reach past the event


class RegistrationError(DomainError):
    """A refusal of the registration rules; `duplicate` marks an e-mail already registered."""

    def __init__(self, message: str, field: str | None = None, *, duplicate: bool = False):
        super().__init__(message, field)
        self.duplicate = duplicate


class AlreadyRegistered(RegistrationError):
    """A public sign-up with an e-mail that already holds a registration for the event.

    Not shown to the visitor (that would tell anyone who registered): the view answers as for
    a new sign-up and mails `registration_id`'s owner their personal link."""

    def __init__(self, registration_id: int):
        super().__init__(_("This e-mail address is already registered for this event."), "email")
        self.registration_id = registration_id


# --- settings and the lock -------------------------------------------------------------------


@functools.cache
def _event_for_registration_statement():
    return (
        select(Event, RegistrationSettings)
        .outerjoin(RegistrationSettings, RegistrationSettings.event_id == Event.id)
        .options(joinedload(Event.days))
        .where(Event.slug == bindparam("slug"))
    )


def event_for_registration(slug: str) -> tuple[Event | None, RegistrationSettings | None]:
    """The event with its days, and its registration settings (None before they exist), in
    one statement: every sign-up needs all three."""
    row = db.session.execute(_event_for_registration_statement(), {"slug": slug}).unique().first()
    return (row[0], row[1]) if row else (None, None)


def existing_settings(event: Event) -> RegistrationSettings | None:
    return db.session.scalar(
        select(RegistrationSettings).where(RegistrationSettings.event_id == event.id)
    )


def settings_for(event: Event) -> RegistrationSettings:
    """The event's settings row, created with defaults that suit its attendance mode."""
    settings = db.session.scalar(
        select(RegistrationSettings)
        .where(RegistrationSettings.event_id == event.id)
        .options(selectinload(RegistrationSettings.day_capacities))
    )
    if settings is None:
        settings = RegistrationSettings(
            event_id=event.id,
            offer_in_person=event.attendance_mode != AttendanceMode.ONLINE,
            offer_remote=event.attendance_mode != AttendanceMode.IN_PERSON,
            category_days={},
            public_categories=[],
        )
        db.session.add(settings)
        db.session.flush()
    return settings


def lock_event(event: Event) -> RegistrationSettings:
    """Lock the event's settings row for the rest of the transaction and return it fresh.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite has no row locks: the transaction is started with
    BEGIN IMMEDIATE, which takes the database's write lock before anything is read.
    """
    connection = db.session.connection()
    row_lock = connection.dialect.name != "sqlite"
    if not row_lock:
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:  # nothing written yet: take the write lock first
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    parameters = {"event_id": event.id}
    settings = db.session.scalar(_lock_statement(row_lock), parameters)
    if settings is None:
        settings_for(event)
        settings = db.session.scalar(_lock_statement(row_lock), parameters)
    return settings


@functools.cache
def _lock_statement(row_lock: bool):
    """Built once (every sign-up runs it): the settings row, read afresh, locked if asked."""
    stmt = select(RegistrationSettings).where(
        RegistrationSettings.event_id == bindparam("event_id")
    )
    if row_lock:
        stmt = stmt.with_for_update()
    return stmt.execution_options(populate_existing=True)


@functools.cache
def _usage_statement():
    """Built once. One statement, so that it costs one round trip under the lock: the confirmed
    count per mode, then for each day with its own limit, the limit and its in-person count."""
    confirmed = (Registration.event_id == bindparam("event_id")) & (
        Registration.status == Status.CONFIRMED
    )
    per_mode = (
        select(
            Registration.mode,
            sa_cast(null(), Integer).label("day_id"),
            sa_cast(null(), Integer).label("day_limit"),
            func.count().label("used"),
        )
        .where(confirmed)
        .group_by(Registration.mode)
    )
    per_limited_day = (
        select(
            sa_cast(null(), Registration.mode.type),
            DayCapacity.day_id,
            DayCapacity.capacity,
            func.count(Registration.id),
        )
        .select_from(DayCapacity)
        .outerjoin(registration_days, registration_days.c.day_id == DayCapacity.day_id)
        .outerjoin(
            Registration,
            (Registration.id == registration_days.c.registration_id)
            & confirmed
            & (Registration.mode == Mode.IN_PERSON),
        )
        .where(DayCapacity.settings_id == bindparam("settings_id"))
        .group_by(DayCapacity.day_id, DayCapacity.capacity)
    )
    return union_all(per_mode, per_limited_day)


@dataclasses.dataclass
class Usage:
    """Confirmed places in use, counted under the lock, kept current while deciding."""

    settings: RegistrationSettings
    by_mode: Counter
    by_day: Counter  # in-person confirmed per day id (days with their own limit)
    day_limits: dict  # day id -> in-person limit of that day

    @classmethod
    def load(cls, settings: RegistrationSettings) -> Usage:
        by_mode, by_day, day_limits = Counter(), Counter(), {}
        rows = db.session.execute(
            _usage_statement(), {"event_id": settings.event_id, "settings_id": settings.id}
        )
        for mode, day_id, day_limit, used in rows:
            if day_id is None:
                by_mode[Mode(mode)] = used
            else:
                by_day[day_id], day_limits[day_id] = used, day_limit
        return cls(settings, by_mode, by_day, day_limits)

    def refusal(self, mode: Mode, day_ids) -> str | None:
        """Why these days in this mode do not fit, or None when a place is free."""
        s = self.settings
        capacity = s.capacity_in_person if mode == Mode.IN_PERSON else s.capacity_remote
        if capacity is not None and self.by_mode[mode] >= capacity:
            if mode == Mode.IN_PERSON:
                return _("All in-person places are taken.")
            return _("All places for remote participation are taken.")
        if mode == Mode.IN_PERSON:
            for day_id in day_ids:
                limit = self.day_limits.get(day_id)
                if limit is not None and self.by_day[day_id] >= limit:
                    day = db.session.get(EventDay, day_id)
                    return _("All in-person places on %(day)s are taken.", day=_day_label(day))
        return None

    def take(self, mode: Mode, day_ids) -> None:
        self.by_mode[mode] += 1
        if mode == Mode.IN_PERSON:
            for day_id in day_ids:
                self.by_day[day_id] += 1

    def release(self, mode: Mode, day_ids) -> None:
        self.by_mode[mode] -= 1
        if mode == Mode.IN_PERSON:
            for day_id in day_ids:
                self.by_day[day_id] -= 1

    def free_places(self, mode: Mode) -> int | None:
        s = self.settings
        capacity = s.capacity_in_person if mode == Mode.IN_PERSON else s.capacity_remote
        return None if capacity is None else max(capacity - self.by_mode[mode], 0)


def _day_label(day: EventDay | None) -> str:
    from eventapp.i18n import format_day

    return format_day(day.date, day.event, "d MMMM") if day else ""


def _set_status(registration: Registration, status: Status) -> None:
    registration.status = status
    now = utcnow()
    if status == Status.CONFIRMED:
        registration.confirmed_at = now
    elif status == Status.WAITLISTED:
        registration.waitlisted_at = now
    elif status == Status.CANCELLED:
        registration.cancelled_at = now


def _place(usage: Usage, registration: Registration, day_ids, *, override=False) -> None:
    """Confirm when a place is free, else waitlist (if on), else refuse with the reason."""
    reason = None if override else usage.refusal(registration.mode, day_ids)
    if reason is None:
        _set_status(registration, Status.CONFIRMED)
        usage.take(registration.mode, day_ids)
    elif usage.settings.waitlist_enabled:
        _set_status(registration, Status.WAITLISTED)
    else:
        raise RegistrationError(reason + " " + _("Registration is full."))


def promote_waitlist(event: Event, usage: Usage, exclude=()) -> list[Registration]:
    """Confirm waiting people in order while places are free (call under the lock)."""
    waiting = db.session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.WAITLISTED,
            Registration.id.not_in(list(exclude) or [0]),
        )
        .options(selectinload(Registration.days))
        .order_by(Registration.waitlisted_at, Registration.id)
    ).all()
    promoted = []
    for registration in waiting:
        if all(usage.free_places(m) == 0 for m in Mode):
            break
        day_ids = [d.id for d in registration.days]
        if usage.refusal(registration.mode, day_ids) is None:
            _set_status(registration, Status.CONFIRMED)
            usage.take(registration.mode, day_ids)
            promoted.append(registration)
    return promoted


# --- the window, categories and days ---------------------------------------------------------


def event_today(event: Event) -> dt.date:
    return today_in(event.timezone)


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(timezone)).date()


def window_refusal(event: Event, settings: RegistrationSettings) -> str | None:
    """Why the public form is closed now, or None when it is open."""
    today = event_today(event)
    refusal = event_services.participation_refusal(event)
    if refusal:
        return refusal
    if not settings.is_open:
        return _("Registration for this event is not open.")
    if settings.opens_on and today < settings.opens_on:
        return _(
            "Registration opens on %(date)s.",
            date=_day_label_date(settings.opens_on, event),
        )
    if settings.closes_on and today > settings.closes_on:
        return _(
            "Registration closed on %(date)s.", date=_day_label_date(settings.closes_on, event)
        )
    if today > event.last_day:
        return _("This event has ended.")
    return None


def _day_label_date(value: dt.date, event: Event) -> str:
    from eventapp.i18n import format_day

    return format_day(value, event, "long")


def allowed_days(event: Event, settings: RegistrationSettings, category, invitation=None):
    """The days this category (and invitation) may attend, in order."""
    allowed = [d for d in event.days]
    by_category = settings.days_for_category(category) if category else None
    if by_category:
        allowed = [d for d in allowed if d.id in by_category]
    if invitation is not None and invitation.day_ids:
        allowed = [d for d in allowed if d.id in invitation.day_ids]
    return allowed


def normalise_email(value: str) -> str:
    try:
        return validate_email((value or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise RegistrationError(_("This e-mail address is not valid."), "email") from error


def _clean(value):
    return (value.strip() or None) if isinstance(value, str) else value


@functools.cache
def _organisation_match_statement():
    """Built once: every sign-up runs it, and building the expression costs more than the query."""
    lowered = bindparam("lowered", type_=String)
    with_acronym = [
        func.lower(name + " (" + Organisation.acronym + ")")
        for name in (Organisation.name_ar, Organisation.name_en)
    ]
    return (
        select(Organisation.id)
        .where(
            or_(
                func.lower(Organisation.name_ar) == lowered,
                func.lower(Organisation.name_en) == lowered,
                func.lower(Organisation.acronym) == lowered,
                *(expression == lowered for expression in with_acronym),
            )
        )
        .order_by(Organisation.id)
        .limit(1)
    )


def match_organisation(text: str | None) -> tuple[int | None, str | None]:
    """A typed organisation: the directory entry it names, else the text as typed.

    Matches a name (Arabic or English), an acronym, or "Name (ACRONYM)" as the form's list
    offers it, ignoring case; one query.
    """
    text = _clean(text)
    if not text:
        return None, None
    found = db.session.scalar(_organisation_match_statement(), {"lowered": text.lower()})
    return _organisation_fields(text, found)


def _organisation_fields(text: str | None, found_id: int | None) -> tuple[int | None, str | None]:
    """(organisation_id, organisation_name) of a registration: the directory entry, else the
    text as typed."""
    if found_id is not None:
        return found_id, None
    return None, text[:300] if text else None


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
        _organisation_match_statement().scalar_subquery().label("organisation_id"),
    )


def _check_choices(event, settings, data, *, invitation=None, organiser=False) -> list[int]:
    """Validate category, mode, days and answers; return the chosen day ids."""
    category = data["category"]
    mode = data["mode"]
    if invitation is not None and invitation.category is not None:
        category = data["category"] = invitation.category
    if invitation is not None and invitation.mode is not None:
        mode = data["mode"] = invitation.mode
    if not organiser:
        if invitation is None and category not in settings.offered_categories():
            raise RegistrationError(_("This category is not open for registration."), "category")
        if mode not in settings.offered_modes():
            raise RegistrationError(_("This way of attending is not offered."), "mode")
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
                days=", ".join(_day_label(d) for d in event.days if d.id in allowed),
            ),
            "day_ids",
        )
    return sorted(set(day_ids))


def questions_for(event: Event) -> list[Question]:
    """The event's own questions, in order."""
    return list(
        db.session.scalars(
            select(Question).where(Question.event_id == event.id).order_by(Question.position)
        )
    )


def clean_answers(questions: list[Question], answers: dict) -> dict:
    """The answers to `questions` (the event's) as kept; refuses a missing or invalid one."""
    cleaned = {}
    for question in questions:
        value = answers.get(str(question.id))
        if isinstance(value, str):
            value = value.strip()
        if question.kind == QuestionKind.YES_NO:
            value = {"y": "yes", "n": "no"}.get(value, value) if value else ""
            if value and value not in ("yes", "no"):
                raise RegistrationError(_("Answer yes or no."), f"q_{question.id}")
        choices = [v for v, _label in question.choices("ar")]
        if question.kind == QuestionKind.CHOICE and value and value not in choices:
            raise RegistrationError(_("Choose one of the answers offered."), f"q_{question.id}")
        if question.required and not value:
            raise RegistrationError(_("This question needs an answer."), f"q_{question.id}")
        if value:
            cleaned[str(question.id)] = value[:4000]
    return cleaned


# --- registering -----------------------------------------------------------------------------

PERSON_FIELDS = ("name_ar", "name_en", "position", "accessibility_needs", "interpretation_needs")


def _apply_person(registration: Registration, data: dict, organisation=None) -> None:
    for field in PERSON_FIELDS:
        if field in data:
            setattr(registration, field, _clean(data.get(field)))
    if not registration.name_ar and not registration.name_en:
        raise RegistrationError(_("Give your name in Arabic or English."), "name_ar")
    if "organisation" in data:
        registration.organisation_id, registration.organisation_name = (
            organisation or match_organisation(data.get("organisation"))
        )
    for field in ("category", "mode", "list_visibility", "report_naming"):
        if data.get(field) is not None:
            setattr(registration, field, data[field])


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

    `data`: name_ar, name_en, email, organisation (typed text), position, category (Category),
    mode (Mode), day_ids, accessibility_needs, interpretation_needs, list_visibility,
    report_naming, answers ({question id: text}). The caller commits.
    """
    email = normalise_email(data.get("email", ""))
    if questions is None:
        questions = questions_for(event)
    answers = clean_answers(questions, data.get("answers") or {})
    typed_organisation = _clean(data.get("organisation"))

    settings = lock_event(event)  # from here to the commit, one registration at a time
    if not organiser:
        refusal = window_refusal(event, settings)
        if refusal:
            raise RegistrationError(refusal)
    invitation = None
    if invitation_code or (settings.invitation_only and not organiser):
        from eventapp.registration.invitations import take_invitation

        invitation = take_invitation(event, invitation_code, email)
    day_ids = _check_choices(event, settings, data, invitation=invitation, organiser=organiser)

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
    organisation = _organisation_fields(typed_organisation, found.organisation_id)
    # Someone who cancelled may register again: their row is used anew.
    existing = db.session.get(Registration, found.earlier_id) if found.earlier_id else None
    registration = existing or Registration(event_id=event.id, email=email)
    registration.link_version = (existing.link_version + 1) if existing else 1
    _apply_person(registration, data, organisation)
    registration.answers = answers
    registration.locale = locale or current_language()
    registration.invitation_id = invitation.id if invitation else None
    registration.added_by_organiser = organiser
    registration.days = [db.session.get(EventDay, d) for d in day_ids]
    if existing is not None:
        share_consent(registration)

    if settings.requires_approval and not organiser:
        _set_status(registration, Status.PENDING)
    else:
        _place(Usage.load(settings), registration, day_ids, override=override_capacity)
    db.session.add(registration)
    db.session.flush()
    return registration


def _refuse_as_new_sign_up(settings: RegistrationSettings, data: dict, day_ids) -> None:
    """Raise what register() would raise past this point for a new person with `data`: no
    name, or no place left and no waiting list (so both answers stay alike)."""
    if not _clean(data.get("name_ar")) and not _clean(data.get("name_en")):
        raise RegistrationError(_("Give your name in Arabic or English."), "name_ar")
    if settings.requires_approval or settings.waitlist_enabled:
        return
    reason = Usage.load(settings).refusal(data["mode"], day_ids)
    if reason is not None:
        raise RegistrationError(reason + " " + _("Registration is full."))


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
    data.setdefault("mode", registration.mode)
    invitation = registration.invitation if not organiser else None
    if invitation is not None and invitation.category is not None:
        data["category"] = invitation.category
    day_ids = _check_choices(event, settings, data, invitation=invitation, organiser=organiser)
    usage = Usage.load(settings)
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
        _apply_person(registration, data)
        if "answers" in data:
            registration.answers = clean_answers(questions_for(event), data["answers"])
        if "organiser_note" in data:
            registration.organiser_note = _clean(data["organiser_note"])
        share_consent(registration)
    else:
        registration.mode = data["mode"]
    registration.days = [db.session.get(EventDay, d) for d in day_ids]
    db.session.flush()
    return promote_waitlist(event, usage)


def share_consent(registration: Registration) -> None:
    """The registrant's naming consent is kept on each of their interventions (so it holds
    without looking the registration up): renewed when it may have changed."""
    signals.naming_changed.send(
        registration.event, email=registration.email, naming=registration.report_naming
    )


def cancel_registration(registration: Registration) -> list[Registration]:
    """The person will not come: their place goes to the first on the waiting list."""
    settings = lock_event(registration.event)
    db.session.refresh(registration)
    if registration.status == Status.CANCELLED:
        return []
    _set_status(registration, Status.CANCELLED)
    db.session.flush()
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
                _set_status(registration, Status.CONFIRMED)
                usage.take(registration.mode, day_ids)
                result.confirmed.append(registration)
            elif settings.waitlist_enabled and registration.status != Status.WAITLISTED:
                _set_status(registration, Status.WAITLISTED)
                result.waitlisted.append(registration)
            else:
                result.unchanged.append(registration)
            continue
        if was_confirmed:
            usage.release(registration.mode, day_ids)
        if action == "reject" and registration.status != Status.REJECTED:
            _set_status(registration, Status.REJECTED)
            result.rejected.append(registration)
        elif action == "waitlist" and registration.status != Status.WAITLISTED:
            _set_status(registration, Status.WAITLISTED)
            result.waitlisted.append(registration)
    db.session.flush()
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
    for field in (
        "is_open",
        "opens_on",
        "closes_on",
        "offer_in_person",
        "offer_remote",
        "capacity_in_person",
        "capacity_remote",
        "requires_approval",
        "invitation_only",
        "waitlist_enabled",
        "ask_accessibility",
        "ask_interpretation",
        "purge_after_days",
    ):
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
        settings.public_categories = [
            c.value if isinstance(c, Category) else c for c in data["public_categories"]
        ]
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
    db.session.delete(registration)
    db.session.flush()
    return promote_waitlist(event, Usage.load(settings))


# --- the personal link -----------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def make_token(registration: Registration) -> str:
    """The signed personal link's token; made once per request (the mail and the redirect
    after a sign-up both need it)."""
    payload = (registration.id, registration.link_version)
    made = g.setdefault("_registration_tokens", {}) if has_app_context() else {}
    if payload not in made:
        made[payload] = _serializer().dumps(list(payload))
    return made[payload]


def read_token(token: str) -> Registration:
    """The registration of a personal link, or RegistrationError saying why not."""
    max_age = current_app.config.get("REGISTRATION_LINK_MAX_AGE", DEFAULT_LINK_MAX_AGE)
    try:
        registration_id, version = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise RegistrationError(
            _("This personal link has expired. Ask for a new one with your e-mail address.")
        ) from error
    except (BadSignature, ValueError, TypeError) as error:
        raise RegistrationError(
            _("This personal link is not valid. Check that it was copied completely.")
        ) from error
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.email is None:
        raise RegistrationError(_("This registration no longer exists."))
    if registration.link_version != version:
        raise RegistrationError(
            _("This personal link was replaced by a newer one. Use the link of your last e-mail.")
        )
    return registration


def registration_for_token(token: str) -> Registration | None:
    """The registration a personal link belongs to, or None (forged, expired, replaced)."""
    try:
        return read_token(token)
    except RegistrationError:
        return None


def personal_url(registration: Registration, endpoint: str = "registration.personal") -> str:
    return url_for(endpoint, token=make_token(registration), _external=True)


# --- reading, for this and other capabilities ------------------------------------------------


def registration_by_email(event: Event, email: str) -> Registration | None:
    try:
        email = normalise_email(email)
    except RegistrationError:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.email == email)
    )


def confirmed_registration(event: Event, email: str) -> Registration | None:
    """The confirmed registration of this e-mail (or a signed-in user's e-mail), else None."""
    registration = registration_by_email(event, getattr(email, "email", email) or "")
    if registration is not None and registration.status == Status.CONFIRMED:
        return registration
    return None


def joins_remotely(registration: Registration) -> bool:
    """Whether this participant receives the rooms' video links (on their personal page, in
    their e-mails and personal calendars): auth.permissions.may_join_remotely decides."""
    return may_join_remotely(
        registration.event,
        remote=registration.mode == Mode.REMOTE,
        confirmed=registration.status == Status.CONFIRMED,
    )


# Figures other parts read (agendas: registered attendance per day and per session); they
# live in figures.py with the organisers' statistics.


def attendance_by_day(event: Event, settings: RegistrationSettings | None = None) -> list[dict]:
    """Per day: {"day", "day_id", "date", "in_person", "remote", "registered", "capacity",
    "checked_in"} for confirmed registrations."""
    from eventapp.registration import figures

    return figures.attendance_by_day(event, settings)


def attendance_by_session(event: Event) -> dict[int, int]:
    """{session id: confirmed registrants attending that session's day}."""
    from eventapp.registration import figures

    return figures.attendance_by_session(event)


def statistics(event: Event) -> dict:
    """The organisers' figures: by status, category and mode, per day, organisations."""
    from eventapp.registration import figures

    return figures.statistics(event)


def organisations_registered(event: Event) -> list[tuple[str, str]]:
    from eventapp.registration import figures

    return figures.organisations_registered(event)


def report_organisations(event: Event) -> list[str]:
    """Organisations a published report may name (outcomes: the list of participants)."""
    from eventapp.registration import figures

    return figures.report_organisations(event)
