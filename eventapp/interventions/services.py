"""The rules of a session's interventions, shared by the console, the participant pages, the
live view, the CLI and the outcome report.

Every change of a session's queue starts with `_lock()`: a conditional UPDATE of the session's
row in `session_queue_state` that bumps its version. On PostgreSQL the row stays locked until
commit, so changes from any number of gunicorn workers are applied one after another; a change
that carries the version its author saw is refused when someone changed the queue since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from eventapp.common import DomainError, utcnow
from eventapp.events import services as event_services
from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.interventions.models import (
    DEFAULT_LIMIT_SECONDS,
    INTERRUPT_REASONS,
    LANGUAGES,
    NOT_AIRED_REASONS,
    OPEN_STATUSES,
    REJECT_REASONS,
    Intervention,
    InterventionEvent,
    InterventionMode,
    InterventionStatus,
    SessionQueueState,
    StatusReason,
)
from eventapp.people import ANONYMOUS, NAMINGS, Audience
from eventapp.sessions.models import EventSession
from eventapp.speakers.models import Organisation, Person

S = InterventionStatus
MAX_LIMIT_SECONDS = 60 * 60


class StaleQueue(DomainError):
    """The queue changed since the author of a change last saw it."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in user or a participant known by e-mail."""

    user_id: int | None = None
    email: str | None = None
    name: str = ""

    @classmethod
    def for_user(cls, user) -> Actor:
        return cls(user_id=user.id, email=user.email, name=user.name)

    @classmethod
    def for_participant(cls, participant) -> Actor:
        return cls(email=participant.email, name=participant.name)


# The queue state and its lock


def _insert_ignore(values: dict):
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(SessionQueueState).values(**values).on_conflict_do_nothing()


def ensure_state(session: EventSession) -> SessionQueueState:
    """The session's queue state, created on first use (safely when two requests race)."""
    state = db.session.get(SessionQueueState, session.id)
    if state is None:
        db.session.execute(_insert_ignore(_new_state(session.id)))
        state = db.session.get(SessionQueueState, session.id)
    return state


def _new_state(session_id: int) -> dict:
    return {
        "session_id": session_id,
        "version": 1,
        "list_open": True,
        "default_limit_seconds": DEFAULT_LIMIT_SECONDS,
        "updated_at": utcnow(),
    }


def _lock(
    session: EventSession, seen_version: int | None, *, allow_ended: bool = False
) -> SessionQueueState:
    """Take the session's queue for one change; refuse a stale view or a finished session."""
    session_id = session.id
    if db.engine.dialect.name == "sqlite":
        # SQLite: let the transaction start with the write, so that a concurrent writer waits
        # for the lock (busy_timeout) instead of failing on an outdated read snapshot.
        db.session.commit()
    for attempt in range(2):
        stmt = update(SessionQueueState).where(SessionQueueState.session_id == session_id)
        if seen_version is not None:
            stmt = stmt.where(SessionQueueState.version == seen_version)
        stmt = stmt.values(version=SessionQueueState.version + 1, updated_at=utcnow())
        result = db.session.execute(stmt, execution_options={"synchronize_session": False})
        if result.rowcount:
            break
        if attempt == 0:
            db.session.execute(_insert_ignore(_new_state(session_id)))
    else:
        raise StaleQueue(
            _(
                "Someone else changed this session's queue a moment ago, so your action was "
                "not applied. Here is the queue as it is now: check it and try again."
            )
        )
    # Anything read before the lock may be stale: read it again from the database.
    db.session.expire_all()
    state = db.session.get(SessionQueueState, session_id, populate_existing=True)
    if not allow_ended and is_finished(session, state):
        raise DomainError(_("This session has ended: its queue can no longer change."))
    return state


def is_finished(session: EventSession, state: SessionQueueState | None) -> bool:
    return bool(state and state.ended_at) or session.event.status == EventStatus.ARCHIVED


def _log(
    state: SessionQueueState,
    actor: Actor,
    action: str,
    intervention: Intervention | None = None,
    *,
    from_status: InterventionStatus | None = None,
    reason: StatusReason | None = None,
    note: str | None = None,
) -> None:
    db.session.add(
        InterventionEvent(
            session_id=state.session_id,
            intervention=intervention,
            action=action,
            from_status=from_status,
            to_status=intervention.status if intervention is not None else None,
            reason=reason,
            note=note,
            actor_user_id=actor.user_id,
            actor_email=None if actor.user_id else actor.email,
        )
    )


def _interventions(session_id: int) -> list[Intervention]:
    return db.session.scalars(
        select(Intervention)
        .where(Intervention.session_id == session_id)
        .options(joinedload(Intervention.organisation))
        .order_by(Intervention.position, Intervention.id)
    ).all()


def _get(session: EventSession, intervention_id: int) -> Intervention:
    intervention = db.session.get(Intervention, intervention_id or 0)
    if intervention is None or intervention.session_id != session.id:
        raise DomainError(_("This intervention is not part of this session."))
    return intervention


def _clean(value) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


# Adding interventions


def _check_mode_and_language(data: dict) -> tuple[InterventionMode, str]:
    try:
        mode = InterventionMode(data.get("mode") or "")
    except ValueError:
        raise DomainError(_("Choose how the intervention will be made."), "mode") from None
    language = data.get("language") or "ar"
    if language not in LANGUAGES:
        raise DomainError(_("Choose a language from the list."), "language")
    return mode, language


def _limit(minutes) -> int | None:
    if minutes in (None, ""):
        return None
    try:
        seconds = round(float(minutes) * 60)
    except (TypeError, ValueError, OverflowError):  # not a number, "nan", "inf"
        seconds = 0
    if not 0 < seconds <= MAX_LIMIT_SECONDS:
        raise DomainError(_("A speaking time is between 1 and 60 minutes."), "time_limit")
    return seconds


def _organisation_name(organisation: Organisation | None) -> str | None:
    """Kept with the intervention, so the record survives the directory entry's deletion."""
    if organisation is None:
        return None
    return organisation.name_ar or organisation.name_en


def _append(session: EventSession, intervention: Intervention) -> None:
    numbers = db.session.execute(
        select(func.count(Intervention.id), func.max(Intervention.position)).where(
            Intervention.session_id == session.id
        )
    ).one()
    intervention.requested_position = (numbers[0] or 0) + 1
    intervention.position = (numbers[1] or 0) + 1
    db.session.add(intervention)


PARTICIPANTS_ONLY = _l("Only participants registered for this event can ask to intervene.")


def request_intervention(session: EventSession, participant, data: dict) -> Intervention:
    """A registered participant asks to speak; the facilitator approves or rejects it."""
    if participant is None:
        raise DomainError(str(PARTICIPANTS_ONLY))
    state = _lock(session, None)
    if session.event.is_archived:
        raise DomainError(event_services.participation_refusal(session.event))
    if not state.list_open or is_over(session, state):
        raise DomainError(_("The list of speakers for this session is closed."))
    email = participant.email.strip().lower()
    duplicate = db.session.scalar(
        select(Intervention.id).where(
            Intervention.session_id == session.id,
            Intervention.participant_email == email,
            Intervention.status.in_(OPEN_STATUSES),
        )
    )
    if duplicate:
        raise DomainError(_("You have already asked to intervene in this session."))
    mode, language = _check_mode_and_language(data)
    topic = _clean(data.get("topic"))
    if not topic:
        raise DomainError(_("Say in a few words what you will speak about."), "topic")
    organisation = db.session.get(Organisation, participant.organisation_id or 0)
    intervention = Intervention(
        session_id=session.id,
        speaker_name=participant.name or email,
        participant_email=email,
        consent=_naming(getattr(participant, "report_naming", None)),
        organisation_id=organisation.id if organisation else None,
        organisation_name=_organisation_name(organisation)
        or _clean(data.get("organisation_name"))
        or participant.organisation_name,
        topic=topic,
        language=language,
        mode=mode,
        status=S.REQUESTED,
        source="participant",
    )
    _save_statement_fields(intervention, data.get("statement"), participant.name)
    _append(session, intervention)
    db.session.flush()
    _log(state, Actor.for_participant(participant), "requested", intervention)
    db.session.flush()
    return intervention


def add_intervention(
    session: EventSession, actor: Actor, data: dict, seen_version: int | None = None
) -> Intervention:
    """An organiser or facilitator adds an intervention directly (an invited participation)."""
    state = _lock(session, seen_version)
    person = db.session.get(Person, data.get("person_id") or 0)
    name = _clean(data.get("speaker_name")) or (person.full_name if person else None)
    if not name:
        raise DomainError(_("Choose a person or type the speaker's name."), "speaker_name")
    if person is not None:
        duplicate = db.session.scalar(
            select(Intervention.id).where(
                Intervention.session_id == session.id,
                Intervention.person_id == person.id,
                Intervention.status.in_(OPEN_STATUSES),
            )
        )
        if duplicate:
            raise DomainError(
                _("This person already has an intervention waiting in this session."),
                "person_id",
            )
    organisation = db.session.get(Organisation, data.get("organisation_id") or 0)
    if organisation is None and person is not None and not _clean(data.get("organisation_name")):
        organisation = person.organisation
    mode, language = _check_mode_and_language(data)
    email = (_clean(data.get("participant_email")) or "").lower() or None
    intervention = Intervention(
        session_id=session.id,
        speaker_name=name,
        person_id=person.id if person else None,
        participant_email=email,
        consent=_registered_consent(session.event, email),
        organisation_id=organisation.id if organisation else None,
        organisation_name=_organisation_name(organisation) or _clean(data.get("organisation_name")),
        topic=_clean(data.get("topic")),
        language=language,
        mode=mode,
        time_limit_seconds=_limit(data.get("time_limit")),
        status=S.APPROVED,
        source="organiser",
    )
    _save_statement_fields(intervention, data.get("statement"), actor.name)
    _append(session, intervention)
    db.session.flush()
    _log(state, actor, "added", intervention)
    db.session.flush()
    return intervention


def _naming(choice) -> str | None:
    """A registration's report naming as stored on the intervention (None: public by role)."""
    value = getattr(choice, "value", choice)
    return value if value in NAMINGS else None


def _registered_consent(event: Event, email: str | None) -> str | None:
    """The naming consent of the event's registered participant with this e-mail, if any: an
    intervention added by the organisers for a registered participant is bound by it too."""
    if not email:
        return None
    # Imported here: the registration capability is optional (the one bridge to it).
    from eventapp.interventions.participants import registration_services

    registration = registration_services()
    found = registration.registration_by_email(event, email) if registration else None
    return _naming(found.report_naming) if found is not None else None


def _event_interventions_of(event: Event, email: str):
    return (
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(EventSession.event_id == event.id, Intervention.participant_email == email)
    )


def _touch_queues(session_ids) -> None:
    """A new version for these sessions' queues: the live view's kept bodies are renewed."""
    if session_ids:
        db.session.execute(
            update(SessionQueueState)
            .where(SessionQueueState.session_id.in_(list(session_ids)))
            .values(version=SessionQueueState.version + 1, updated_at=utcnow()),
            execution_options={"synchronize_session": False},
        )


def set_consent(event: Event, email: str | None, naming) -> int:
    """A registered participant changed how they may be named: their interventions in the
    event follow. Returns how many changed. The caller commits."""
    email = (email or "").strip().lower()
    consent = _naming(naming)
    if not email or consent is None:
        return 0
    changed = [
        i for i in db.session.scalars(_event_interventions_of(event, email)) if i.consent != consent
    ]
    for intervention in changed:
        intervention.consent = consent
    _touch_queues({i.session_id for i in changed})
    db.session.flush()
    return len(changed)


def erase_participant(event: Event, email: str | None, *, keep_statements: bool = True) -> int:
    """The participant erased their data: their interventions in the event keep no name,
    e-mail or organisation (they appear as "a participant" to everyone, staff included); the
    statement is kept anonymised when ``keep_statements``, else removed. Their own entries in
    the history lose their e-mail. Returns how many interventions were erased. The caller
    commits."""
    email = (email or "").strip().lower()
    if not email:
        return 0
    return _anonymise(
        db.session.scalars(_event_interventions_of(event, email)).all(), keep_statements
    )


def erase_event_participants(event: Event, *, keep_statements: bool = True) -> int:
    """The event's personal data is purged: every intervention of a registered participant
    (one that has an e-mail or a consent) is anonymised as in erase_participant."""
    found = db.session.scalars(
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(
            EventSession.event_id == event.id,
            (Intervention.participant_email.is_not(None)) | (Intervention.consent.is_not(None)),
        )
    ).all()
    return _anonymise(found, keep_statements)


def _anonymise(found: list[Intervention], keep_statements: bool) -> int:
    """No name, e-mail, person or organisation left; the history loses the author's e-mail;
    the live view's kept bodies are renewed."""
    for intervention in found:
        intervention.speaker_name = ""
        intervention.participant_email = None
        intervention.person_id = None
        intervention.organisation_id = None
        intervention.organisation_name = None
        intervention.consent = ANONYMOUS
        intervention.statement_by = None
        if not keep_statements:
            intervention.statement = None
            intervention.statement_at = None
    if found:
        db.session.execute(
            update(InterventionEvent)
            .where(InterventionEvent.intervention_id.in_([i.id for i in found]))
            .values(actor_email=None),
            execution_options={"synchronize_session": False},
        )
    _touch_queues({i.session_id for i in found})
    db.session.flush()
    return len(found)


def personal_interventions(event: Event, email: str | None) -> list[dict]:
    """Every intervention of this e-mail in the event, with its statement (the participant's
    download of their data)."""
    email = (email or "").strip().lower()
    if not email:
        return []
    found = db.session.scalars(
        _event_interventions_of(event, email)
        .options(joinedload(Intervention.session))
        .order_by(Intervention.id)
    ).all()
    return [
        {
            "session": i.session.title,
            "name": i.speaker_name,
            "organisation": i.organisation_label,
            "topic": i.topic,
            "mode": i.mode.value,
            "language": i.language,
            "status": i.status.value,
            "named_as": i.consent,
            "statement": i.statement,
            "statement_by": i.statement_by,
            "asked_at": _iso(i.created_at),
        }
        for i in found
    ]


def _check_seen(intervention: Intervention, seen_stamp: str | None) -> None:
    """Refuse an edit made on an outdated copy of this intervention (a form opened earlier)."""
    if seen_stamp and intervention.updated_at.isoformat() != seen_stamp:
        raise StaleQueue(
            _(
                "Someone else changed this intervention while you were editing it, so your "
                "changes were not saved. Check it as it is now and save again."
            )
        )


def update_details(
    session: EventSession,
    actor: Actor,
    intervention_id: int,
    data: dict,
    seen_stamp: str | None = None,
) -> Intervention:
    """Correct who speaks, for whom, on what, how and for how long."""
    state = _lock(session, None, allow_ended=True)
    intervention = _get(session, intervention_id)
    _check_seen(intervention, seen_stamp)
    name = _clean(data.get("speaker_name"))
    if not name:
        raise DomainError(_("Type the speaker's name."), "speaker_name")
    mode, language = _check_mode_and_language(data)
    organisation = db.session.get(Organisation, data.get("organisation_id") or 0)
    intervention.speaker_name = name
    intervention.organisation_id = organisation.id if organisation else None
    intervention.organisation_name = _organisation_name(organisation) or _clean(
        data.get("organisation_name")
    )
    intervention.topic = _clean(data.get("topic"))
    intervention.mode, intervention.language = mode, language
    intervention.time_limit_seconds = _limit(data.get("time_limit"))
    _log(state, actor, "edited", intervention, from_status=intervention.status)
    db.session.flush()
    return intervention


# Status changes

# action: (statuses it starts from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset, InterventionStatus]] = {
    "approve": (frozenset({S.REQUESTED, S.REJECTED}), S.APPROVED),
    "reject": (frozenset({S.REQUESTED, S.APPROVED, S.QUEUED}), S.REJECTED),
    "ready": (frozenset({S.APPROVED}), S.QUEUED),
    "call": (frozenset({S.APPROVED, S.QUEUED}), S.LIVE),
    "deliver": (frozenset({S.LIVE}), S.DELIVERED),
    "interrupt": (frozenset({S.LIVE}), S.INTERRUPTED),
    "not_aired": (frozenset({S.APPROVED, S.QUEUED, S.LIVE}), S.NOT_AIRED),
    "requeue": (frozenset({S.INTERRUPTED, S.NOT_AIRED}), S.QUEUED),
    "withdraw": (frozenset({S.REQUESTED, S.APPROVED, S.QUEUED}), S.WITHDRAWN),
}
REASONS = {"interrupt": INTERRUPT_REASONS, "not_aired": NOT_AIRED_REASONS, "reject": REJECT_REASONS}
REASON_REQUIRED = ("interrupt", "not_aired")


def allowed_actions(intervention: Intervention) -> list[str]:
    actions = [a for a, (sources, _to) in TRANSITIONS.items() if intervention.status in sources]
    if intervention.mode == InterventionMode.WRITTEN and intervention.status.in_line:
        actions.append("deliver")  # a written statement is received, not aired
    return actions


def _refused(intervention: Intervention) -> DomainError:
    return DomainError(
        _(
            "This cannot be done: the intervention of %(name)s is “%(status)s”.",
            name=intervention.speaker_name,
            status=intervention.status.label,
        )
    )


def _end_airing(intervention: Intervention, now: dt.datetime) -> None:
    if intervention.status == S.LIVE and intervention.started_at:
        intervention.ended_at = now
        spoken = int((now - intervention.started_at).total_seconds())
        intervention.spoken_seconds = (intervention.spoken_seconds or 0) + max(spoken, 0)


def change_status(
    session: EventSession,
    actor: Actor,
    intervention_id: int,
    action: str,
    *,
    seen_version: int | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> Intervention:
    """Apply one console action to one intervention, by the rules of TRANSITIONS."""
    if action not in TRANSITIONS:
        raise DomainError(_("Unknown action."))
    state = _lock(session, seen_version)
    intervention = _get(session, intervention_id)
    return _apply(state, actor, intervention, action, reason, note)


def _apply(
    state: SessionQueueState,
    actor: Actor,
    intervention: Intervention,
    action: str,
    reason: str | None = None,
    note: str | None = None,
) -> Intervention:
    if action not in allowed_actions(intervention):
        raise _refused(intervention)
    reason_value = None
    if action in REASONS and reason:
        try:
            reason_value = StatusReason(reason)
        except ValueError:
            reason_value = None
        if reason_value not in REASONS[action]:
            raise DomainError(_("Choose a reason from the list."), "reason")
    if action in REASON_REQUIRED and reason_value is None:
        raise DomainError(_("Choose a reason."), "reason")
    if action == "deliver" and intervention.status != S.LIVE and not intervention.statement:
        raise DomainError(_("Add the written statement before marking it as received."))
    now = utcnow()
    if action == "call":
        speaking = db.session.scalar(
            select(Intervention).where(
                Intervention.session_id == state.session_id, Intervention.status == S.LIVE
            )
        )
        if speaking is not None:
            raise DomainError(
                _(
                    "%(name)s is still speaking: end that intervention first.",
                    name=speaking.speaker_name,
                )
            )
        intervention.started_at, intervention.ended_at = now, None
    elif action in ("deliver", "interrupt", "not_aired"):
        _end_airing(intervention, now)
    if action == "requeue":
        # Cut off or never aired: back in the line as the next speaker.
        line = [i for i in _interventions(state.session_id) if i.status.in_line]
        if line:
            intervention.position = min(i.position for i in line) - 1
    previous = intervention.status
    intervention.status = TRANSITIONS[action][1]
    if action in ("interrupt", "not_aired", "reject"):
        intervention.status_reason, intervention.status_note = reason_value, _clean(note)
    elif action != "deliver" or previous == S.LIVE:
        intervention.status_reason, intervention.status_note = None, None
    _log(state, actor, action, intervention, from_status=previous, reason=reason_value, note=note)
    db.session.flush()
    return intervention


def call_next(session: EventSession, actor: Actor, seen_version: int | None = None):
    """Call the first speaker in the line."""
    state = _lock(session, seen_version)
    line = [i for i in _interventions(session.id) if i.status.in_line]
    if not line:
        raise DomainError(_("No one is waiting in the queue."))
    return _apply(state, actor, line[0], "call")


def withdraw_own(session: EventSession, participant, intervention_id: int) -> Intervention:
    """A participant withdraws their own request."""
    intervention = _get(session, intervention_id)
    if participant is None or intervention.participant_email != participant.email:
        raise DomainError(_("You can only withdraw your own request."))
    return change_status(session, Actor.for_participant(participant), intervention_id, "withdraw")


def move(
    session: EventSession,
    actor: Actor,
    intervention_id: int,
    direction: str,
    seen_version: int | None = None,
) -> None:
    """Reorder the waiting interventions: one place up or down, or to the head of the line."""
    state = _lock(session, seen_version)
    intervention = _get(session, intervention_id)
    waiting = [
        i for i in _interventions(session.id) if i.status in (S.REQUESTED, S.APPROVED, S.QUEUED)
    ]
    if intervention not in waiting:
        raise _refused(intervention)
    index = waiting.index(intervention)
    target = {"up": index - 1, "down": index + 1, "first": 0}.get(direction, index)
    target = min(max(target, 0), len(waiting) - 1)
    slots = sorted(i.position for i in waiting)
    waiting.insert(target, waiting.pop(index))
    for slot, entry in zip(slots, waiting, strict=True):
        entry.position = slot
    _log(state, actor, "moved", intervention, from_status=intervention.status, note=direction)
    db.session.flush()


def note_technical(
    session: EventSession,
    actor: Actor,
    text: str,
    intervention_id: int | None = None,
    seen_version: int | None = None,
) -> None:
    text = _clean(text)
    if not text:
        raise DomainError(_("Describe the technical problem."), "note")
    state = _lock(session, None, allow_ended=True)
    stamp = utcnow().strftime("%H:%M")
    line = f"[{stamp} UTC] {text}"
    target = _get(session, intervention_id) if intervention_id else None
    if target is not None:
        target.technical_note = "\n".join(filter(None, [target.technical_note, line]))
    else:
        state.technical_note = "\n".join(filter(None, [state.technical_note, line]))
    _log(
        state,
        actor,
        "technical_note",
        target,
        from_status=target.status if target else None,
        note=text,
    )
    db.session.flush()


def save_statement(
    session: EventSession,
    actor: Actor,
    intervention_id: int,
    text: str,
    by: str | None = None,
    seen_stamp: str | None = None,
) -> Intervention:
    """The written statement or summary: kept before, during or after the session."""
    state = _lock(session, None, allow_ended=True)
    intervention = _get(session, intervention_id)
    _check_seen(intervention, seen_stamp)
    _save_statement_fields(intervention, text, by or actor.name)
    _log(state, actor, "statement", intervention, from_status=intervention.status)
    db.session.flush()
    return intervention


def _save_statement_fields(intervention: Intervention, text, by: str | None) -> None:
    text = _clean(text)
    if text is None and not intervention.statement:
        return
    intervention.statement = text
    intervention.statement_by = by if text else None
    intervention.statement_at = utcnow() if text else None


# The session's list


def set_list_open(
    session: EventSession, actor: Actor, is_open: bool, seen_version: int | None = None
) -> SessionQueueState:
    state = _lock(session, seen_version)
    state.list_open = is_open
    _log(state, actor, "list_opened" if is_open else "list_closed")
    db.session.flush()
    return state


def set_default_limit(
    session: EventSession, actor: Actor, minutes, seen_version: int | None = None
) -> SessionQueueState:
    state = _lock(session, seen_version)
    seconds = _limit(minutes)
    if seconds is None:
        raise DomainError(_("A speaking time is between 1 and 60 minutes."), "time_limit")
    state.default_limit_seconds = seconds
    _log(state, actor, "default_limit", note=str(seconds))
    db.session.flush()
    return state


def end_session(
    session: EventSession, actor: Actor, seen_version: int | None = None
) -> SessionQueueState:
    """Close the session: no more changes to its queue; whoever is live is marked delivered."""
    state = _lock(session, seen_version)
    now = utcnow()
    for intervention in _interventions(session.id):
        if intervention.status == S.LIVE:
            _end_airing(intervention, now)
            intervention.status = S.DELIVERED
            _log(state, actor, "deliver", intervention, from_status=S.LIVE)
    state.ended_at = now
    state.list_open = False
    _log(state, actor, "session_ended")
    db.session.flush()
    return state


def reopen_session(
    session: EventSession, actor: Actor, seen_version: int | None = None
) -> SessionQueueState:
    state = _lock(session, seen_version, allow_ended=True)
    state.ended_at = None
    _log(state, actor, "session_reopened")
    db.session.flush()
    return state


# Reading: the console, the participant, the live view, the report


@dataclass
class Console:
    session: EventSession
    state: SessionQueueState
    interventions: list[Intervention]

    @property
    def live(self) -> Intervention | None:
        return next((i for i in self.interventions if i.status == S.LIVE), None)

    @property
    def line(self) -> list[Intervention]:
        return [i for i in self.interventions if i.status.in_line]

    @property
    def requested(self) -> list[Intervention]:
        return [i for i in self.interventions if i.status == S.REQUESTED]

    @property
    def settled(self) -> list[Intervention]:
        return [
            i
            for i in self.interventions
            if i.status in (S.DELIVERED, S.INTERRUPTED, S.NOT_AIRED, S.WITHDRAWN, S.REJECTED)
        ]

    @property
    def finished(self) -> bool:
        return is_finished(self.session, self.state)


def console(session: EventSession) -> Console:
    state = ensure_state(session)
    return Console(session, state, _interventions(session.id))


def participant_interventions(session: EventSession, email: str | None) -> list[dict]:
    """The participant's own interventions in the session, with their place in the line."""
    if not email:
        return []
    everything = _interventions(session.id)
    line = [i for i in everything if i.status.in_line]
    waiting = [i for i in everything if i.status in (S.REQUESTED, S.APPROVED, S.QUEUED)]
    someone_live = any(i.status == S.LIVE for i in everything)
    mine = []
    for i in everything:
        if i.participant_email != email.lower():
            continue
        place = line.index(i) + 1 if i in line else None
        mine.append(
            {
                "intervention": i,
                "place": place,
                "waiting_place": waiting.index(i) + 1 if i in waiting else None,
                "is_next": place == 1,
                "someone_live": someone_live,
                "ahead": (place - 1) if place else None,
            }
        )
    return mine


def _iso(value: dt.datetime | None) -> str | None:
    return value.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def live_head(session_id: int):
    """One query: what the live view's ETag and access rule need."""
    return db.session.execute(
        select(EventSession, Event.status, SessionQueueState)
        .join(Event, Event.id == EventSession.event_id)
        .outerjoin(SessionQueueState, SessionQueueState.session_id == EventSession.id)
        .where(EventSession.id == session_id)
    ).first()


def live_etag(session: EventSession, state: SessionQueueState | None, language: str) -> str:
    """Changes with every change of the queue (version) and of the session's own text."""
    version = state.version if state else 0
    stamp = int(state.updated_at.timestamp() * 1000) if state else 0
    edited = int(session.updated_at.timestamp()) if session.updated_at else 0
    return f"s{session.id}-v{version}-{stamp}-{edited}-{language}"


def _public(i: Intervention, state: SessionQueueState | None) -> dict:
    person = i.shown(Audience.PUBLIC)
    return {
        "id": i.id,
        "speaker": person.name,
        "organisation": person.organisation,
        "topic": i.topic or "",
        "mode": i.mode.value,
        "mode_label": i.mode.label,
        "language": i.language,
        "status": i.status.value,
        "status_label": i.status.label,
        "started_at": _iso(i.started_at),
        "limit_seconds": i.limit_seconds(state),
    }


def iso_now() -> str:
    return _iso(utcnow())


def live_snapshot(session: EventSession, with_now: bool = True) -> dict:
    """What the live view shows, as JSON-ready data (the state from the identity map when the
    caller read it already, and one query for the interventions)."""
    state = db.session.get(SessionQueueState, session.id)
    interventions = _interventions(session.id)
    live = next((i for i in interventions if i.status == S.LIVE), None)
    line = [i for i in interventions if i.status.in_line]
    done = [i for i in interventions if i.status in (S.DELIVERED, S.INTERRUPTED, S.NOT_AIRED)]
    snapshot = {
        "version": state.version if state else 0,
        "list_open": state.list_open if state else True,
        "finished": bool(state and state.ended_at),
        "title": session.title,
        "current": _public(live, state) if live else None,
        "next": _public(line[0], state) if line else None,
        "queue": [_public(i, state) for i in line],
        "done": len(done),
        "waiting": len(line),
    }
    if with_now:
        snapshot["now"] = iso_now()
    return snapshot


def _local(value: dt.datetime | None, event) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC).astimezone(event.zone) if value else None


def _row(number: int, i: Intervention, state, event, audience: Audience) -> dict:
    person = i.shown(audience)
    hidden = person.name != i.speaker_name or person.organisation != i.organisation_label
    statement_by = i.statement_by or ""
    if hidden and statement_by:
        # A statement of a person named otherwise is signed as they consented.
        statement_by = person.name
    return {
        "number": number,
        "id": i.id,
        "requested_order": i.requested_position,
        "speaker": person.name,
        "person_id": i.person_id,
        "organisation": person.organisation,
        "organisation_id": i.organisation_id if person.organisation else None,
        "consent": i.consent,
        "topic": i.topic or "",
        "language": i.language,
        "language_label": i.language_label,
        "mode": i.mode.value,
        "mode_label": i.mode.label,
        "source": i.source,
        "status": i.status.value,
        "status_label": i.status.label,
        "reason": i.status_reason.value if i.status_reason else None,
        "reason_label": i.status_reason.label if i.status_reason else "",
        "status_note": i.status_note or "",
        "started_at": _local(i.started_at, event),
        "ended_at": _local(i.ended_at, event),
        "spoken_seconds": i.spoken_seconds or 0,
        "limit_seconds": i.limit_seconds(state),
        "aired": i.status in (S.DELIVERED, S.INTERRUPTED) and i.mode != InterventionMode.WRITTEN,
        "statement": i.statement or "",
        "statement_by": statement_by,
    }


def session_interventions(
    session: EventSession, audience: Audience = Audience.PUBLIC
) -> list[dict]:
    """Every intervention of a session in planned order, as plain data (for pages and reports),
    with each author shown to ``audience`` as they consented (eventapp.people.shown).

    Each dict: number (1..n, the planned order), id, requested_order (order of asking),
    speaker, person_id, organisation, organisation_id, consent, topic, language, language_label,
    mode, mode_label, source ("participant" or "organiser"), status, status_label, reason,
    reason_label, status_note, started_at, ended_at (aware datetimes in the event's time zone,
    or None), spoken_seconds, limit_seconds, aired (delivered or interrupted, not written),
    statement, statement_by. Two queries.
    """
    state = db.session.get(SessionQueueState, session.id)
    event = session.event
    return [
        _row(number, i, state, event, audience)
        for number, i in enumerate(_interventions(session.id), start=1)
    ]


def event_interventions(
    event: Event, audience: Audience = Audience.PUBLIC
) -> dict[int, list[dict]]:
    """{session id: rows as session_interventions gives them} for a whole event, two queries."""
    states = {
        s.session_id: s
        for s in db.session.scalars(
            select(SessionQueueState).join(EventSession).where(EventSession.event_id == event.id)
        )
    }
    found = db.session.scalars(
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(EventSession.event_id == event.id)
        .options(joinedload(Intervention.organisation))
        .order_by(Intervention.session_id, Intervention.position, Intervention.id)
    ).all()
    rows: dict[int, list[dict]] = {}
    for i in found:
        entries = rows.setdefault(i.session_id, [])
        entries.append(_row(len(entries) + 1, i, states.get(i.session_id), event, audience))
    return rows


def session_statistics(session: EventSession, rows: list[dict] | None = None) -> dict:
    """Figures for one session (plain data), from its rows (read when not given).

    {"total": all interventions, "requested": asked for by participants, "invited": added by the
    organisers, "delivered", "interrupted", "not_aired", "withdrawn", "rejected", "waiting"
    (still requested/approved/queued/live), "remote": remote live ones, "by_mode": {mode: n},
    "with_statement": n, "total_speaking_seconds": n, "organisations_heard": [names of the
    organisations whose intervention was delivered or interrupted, sorted],
    "organisations_count": n}
    """
    rows = session_interventions(session) if rows is None else rows
    return statistics(rows)


def statistics(rows: list[dict]) -> dict:
    count = {s.value: 0 for s in S}
    by_mode = {m.value: 0 for m in InterventionMode}
    for row in rows:
        count[row["status"]] += 1
        by_mode[row["mode"]] += 1
    requested = sum(1 for row in rows if row["source"] == "participant")
    heard = sorted(
        {
            row["organisation"]
            for row in rows
            if row["organisation"] and row["status"] in ("delivered", "interrupted")
        }
    )
    return {
        "total": len(rows),
        "requested": requested,
        "invited": len(rows) - requested,
        "delivered": count["delivered"],
        "interrupted": count["interrupted"],
        "not_aired": count["not_aired"],
        "withdrawn": count["withdrawn"],
        "rejected": count["rejected"],
        "waiting": sum(count[s] for s in ("requested", "approved", "queued", "live")),
        "remote": by_mode["remote_live"],
        "by_mode": by_mode,
        "with_statement": sum(1 for row in rows if row["statement"]),
        "total_speaking_seconds": sum(row["spoken_seconds"] for row in rows),
        "organisations_heard": heard,
        "organisations_count": len(heard),
    }


def history(session: EventSession, limit: int = 200) -> list[InterventionEvent]:
    return db.session.scalars(
        select(InterventionEvent)
        .where(InterventionEvent.session_id == session.id)
        .options(
            joinedload(InterventionEvent.actor_user),
            joinedload(InterventionEvent.intervention),
        )
        .order_by(InterventionEvent.id.desc())
        .limit(limit)
    ).all()


def is_over(session: EventSession, state: SessionQueueState | None) -> bool:
    """Over for the public: ended by its facilitator, or past its end time."""
    if is_finished(session, state):
        return True
    return dt.datetime.now(dt.UTC) > session.ends_at


def participant_overview(event: Event, email: str | None) -> list[dict]:
    """A participant's interventions across an event, for their personal page (two queries).

    Each dict: session_id, session_title, intervention_id, status, status_label, place (in the
    line, or None), is_next, is_live.
    """
    if not email:
        return []
    email = email.strip().lower()
    mine = db.session.scalars(
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(EventSession.event_id == event.id, Intervention.participant_email == email)
        .options(joinedload(Intervention.session))
        .order_by(EventSession.day_id, EventSession.start_time, Intervention.id)
    ).all()
    if not mine:
        return []
    waiting = db.session.execute(
        select(Intervention.session_id, Intervention.id)
        .where(
            Intervention.session_id.in_({i.session_id for i in mine}),
            Intervention.status.in_((S.APPROVED, S.QUEUED)),
        )
        .order_by(Intervention.session_id, Intervention.position, Intervention.id)
    ).all()
    lines: dict[int, list[int]] = {}
    for session_id, intervention_id in waiting:
        lines.setdefault(session_id, []).append(intervention_id)
    result = []
    for i in mine:
        line = lines.get(i.session_id, [])
        place = line.index(i.id) + 1 if i.id in line else None
        result.append(
            {
                "session_id": i.session_id,
                "session_title": i.session.title,
                "intervention_id": i.id,
                "status": i.status.value,
                "status_label": i.status.label,
                "place": place,
                "is_next": place == 1,
                "is_live": i.status == S.LIVE,
            }
        )
    return result
