"""Changes made from the facilitator's console: adding and correcting interventions, the status
changes of TRANSITIONS, the order of the line, technical notes, statements, and the session's
list (open or closed, default speaking time, ended). Each takes the queue's lock first
(eventapp.interventions.queue_state.lock).
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_pgettext
from sqlalchemy import select

from eventapp.common import DomainError, utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.interventions.models import (
    INTERRUPT_REASONS,
    NOT_AIRED_REASONS,
    OPEN_STATUSES,
    REJECT_REASONS,
    Intervention,
    InterventionMode,
    InterventionStatus,
    SessionQueueState,
    StatusReason,
)
from eventapp.interventions.participants import author_form, registration_of
from eventapp.interventions.queue_state import (
    Actor,
    S,
    append_to_line,
    check_mode_and_language,
    check_seen,
    clean,
    get_intervention,
    lock,
    log,
    naming_value,
    ordered_interventions,
    organisation_name_of,
    parse_limit,
    save_statement_fields,
)
from eventapp.people import gendered
from eventapp.reports.text import isolate
from eventapp.sessions.models import EventSession
from eventapp.speakers.models import Organisation, Person


def add_intervention(
    session: EventSession, actor: Actor, data: dict, seen_version: int | None = None
) -> Intervention:
    """An organiser or facilitator adds an intervention directly (an invited participation)."""
    state = lock(session, seen_version)
    person = db.session.get(Person, data.get("person_id") or 0)
    name = clean(data.get("speaker_name")) or (person.full_name if person else None)
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
    if organisation is None and person is not None and not clean(data.get("organisation_name")):
        organisation = person.organisation
    mode, language = check_mode_and_language(data)
    email = (clean(data.get("participant_email")) or "").lower() or None
    intervention = Intervention(
        session_id=session.id,
        speaker_name=name,
        person_id=person.id if person else None,
        participant_email=email,
        consent=_registered_consent(session.event, email),
        organisation_id=organisation.id if organisation else None,
        organisation_name=organisation_name_of(organisation)
        or clean(data.get("organisation_name")),
        topic=clean(data.get("topic")),
        language=language,
        mode=mode,
        time_limit_seconds=parse_limit(data.get("time_limit")),
        status=S.APPROVED,
        source="organiser",
    )
    save_statement_fields(intervention, data.get("statement"), actor.name)
    append_to_line(session, intervention)
    db.session.flush()
    log(state, actor, "added", intervention)
    db.session.flush()
    return intervention


def still_speaking(speaking: Intervention) -> str:
    """«ما زالت … تتحدث» / «ما زال … يتحدث» / neutral «ما زالت مداخلة … جارية», the name
    isolated (it may be Latin in an Arabic sentence)."""
    name = isolate(speaking.speaker_name)
    return gendered(
        author_form(speaking),
        feminine=lazy_pgettext(
            "feminine", "%(name)s is still speaking: end that intervention first.", name=name
        ),
        masculine=lazy_pgettext(
            "masculine", "%(name)s is still speaking: end that intervention first.", name=name
        ),
        neutral=lazy_pgettext(
            "neutral", "%(name)s is still speaking: end that intervention first.", name=name
        ),
    )


def _registered_consent(event: Event, email: str | None) -> str | None:
    """The naming consent of the event's registered participant with this e-mail, if any: an
    intervention added by the organisers for a registered participant is bound by it too."""
    if not email:
        return None
    found = registration_of(event, email)
    return naming_value(found.report_naming) if found is not None else None


def update_details(
    session: EventSession,
    actor: Actor,
    intervention_id: int,
    data: dict,
    seen_stamp: str | None = None,
) -> Intervention:
    """Correct who speaks, for whom, on what, how and for how long."""
    state = lock(session, None, allow_ended=True)
    intervention = get_intervention(session, intervention_id)
    check_seen(intervention, seen_stamp)
    name = clean(data.get("speaker_name"))
    if not name:
        raise DomainError(_("Type the speaker's name."), "speaker_name")
    mode, language = check_mode_and_language(data)
    organisation = db.session.get(Organisation, data.get("organisation_id") or 0)
    intervention.speaker_name = name
    intervention.organisation_id = organisation.id if organisation else None
    intervention.organisation_name = organisation_name_of(organisation) or clean(
        data.get("organisation_name")
    )
    intervention.topic = clean(data.get("topic"))
    intervention.mode, intervention.language = mode, language
    intervention.time_limit_seconds = parse_limit(data.get("time_limit"))
    log(state, actor, "edited", intervention, from_status=intervention.status)
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
    # A statement not spoken by its author: handed in in writing (instead of speaking, or
    # after an airing failed), or read out in the room by someone else (statement_by). Each
    # is its own status, never counted as delivered.
    "receive_written": (frozenset({S.APPROVED, S.QUEUED, S.NOT_AIRED}), S.RECEIVED_IN_WRITING),
    "read_on_behalf": (
        frozenset({S.APPROVED, S.QUEUED, S.LIVE, S.NOT_AIRED}),
        S.READ_ON_BEHALF,
    ),
}
REASONS = {"interrupt": INTERRUPT_REASONS, "not_aired": NOT_AIRED_REASONS, "reject": REJECT_REASONS}
REASON_REQUIRED = ("interrupt", "not_aired")
# Actions that end an airing: the seconds spoken are added up.
ENDS_AIRING = ("deliver", "interrupt", "not_aired", "read_on_behalf")


def allowed_actions(intervention: Intervention) -> list[str]:
    actions = [a for a, (sources, _to) in TRANSITIONS.items() if intervention.status in sources]
    if intervention.mode == InterventionMode.WRITTEN and intervention.status == S.LIVE:
        # A written statement is received or read out, not spoken by its author.
        actions = [a for a in actions if a not in ("deliver", "interrupt")]
    return actions


def _refused(intervention: Intervention) -> DomainError:
    return DomainError(
        _(
            "This cannot be done: the intervention of %(name)s is “%(status)s”.",
            name=isolate(intervention.speaker_name),
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
    by: str | None = None,
) -> Intervention:
    """Apply one console action to one intervention, by the rules of TRANSITIONS. ``by``: who
    read the statement out ("read_on_behalf")."""
    if action not in TRANSITIONS:
        raise DomainError(_("Unknown action."))
    state = lock(session, seen_version)
    intervention = get_intervention(session, intervention_id)
    return _apply(state, actor, intervention, action, reason, note, by)


def _apply(
    state: SessionQueueState,
    actor: Actor,
    intervention: Intervention,
    action: str,
    reason: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> Intervention:
    if action not in allowed_actions(intervention):
        raise _refused(intervention)
    reader = clean(by)
    if action == "read_on_behalf":
        if not reader:
            raise DomainError(_("Say who read the statement out."), "by")
        if len(reader) > 200:
            raise DomainError(_("The reader's name is too long."), "by")
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
    if action == "receive_written" and not intervention.statement:
        raise DomainError(_("Add the written statement before marking it as received."))
    now = utcnow()
    if action == "call":
        speaking = db.session.scalar(
            select(Intervention).where(
                Intervention.session_id == state.session_id, Intervention.status == S.LIVE
            )
        )
        if speaking is not None:
            raise DomainError(still_speaking(speaking))
        intervention.started_at, intervention.ended_at = now, None
    elif action in ENDS_AIRING:
        _end_airing(intervention, now)
    if action == "requeue":
        # Cut off or never aired: back in the line as the next speaker.
        line = [i for i in ordered_interventions(state.session_id) if i.status.in_line]
        if line:
            intervention.position = min(i.position for i in line) - 1
    previous = intervention.status
    intervention.status = TRANSITIONS[action][1]
    if action in ("interrupt", "not_aired", "reject"):
        intervention.status_reason, intervention.status_note = reason_value, clean(note)
    elif action not in ("receive_written", "read_on_behalf"):
        intervention.status_reason, intervention.status_note = None, None
    # Not aired, then received in writing or read out: why it was not aired is kept.
    if action == "read_on_behalf":
        intervention.statement_by = reader
        note = reader
    log(state, actor, action, intervention, from_status=previous, reason=reason_value, note=note)
    db.session.flush()
    return intervention


def call_next(session: EventSession, actor: Actor, seen_version: int | None = None):
    """Call the first speaker in the line."""
    state = lock(session, seen_version)
    line = [i for i in ordered_interventions(session.id) if i.status.in_line]
    if not line:
        raise DomainError(_("No one is waiting in the queue."))
    return _apply(state, actor, line[0], "call")


def move(
    session: EventSession,
    actor: Actor,
    intervention_id: int,
    direction: str,
    seen_version: int | None = None,
) -> None:
    """Reorder the waiting interventions: one place up or down, or to the head of the line."""
    state = lock(session, seen_version)
    intervention = get_intervention(session, intervention_id)
    waiting = [
        i
        for i in ordered_interventions(session.id)
        if i.status in (S.REQUESTED, S.APPROVED, S.QUEUED)
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
    log(state, actor, "moved", intervention, from_status=intervention.status, note=direction)
    db.session.flush()


def note_technical(
    session: EventSession,
    actor: Actor,
    text: str,
    intervention_id: int | None = None,
    seen_version: int | None = None,
) -> None:
    text = clean(text)
    if not text:
        raise DomainError(_("Describe the technical problem."), "note")
    state = lock(session, None, allow_ended=True)
    # Stamped in the event's time zone, as every time the console and the reports show.
    stamp = utcnow().replace(tzinfo=dt.UTC).astimezone(session.event.zone).strftime("%H:%M")
    line = f"[{stamp}] {text}"
    target = get_intervention(session, intervention_id) if intervention_id else None
    if target is not None:
        target.technical_note = "\n".join(filter(None, [target.technical_note, line]))
    else:
        state.technical_note = "\n".join(filter(None, [state.technical_note, line]))
    log(
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
    state = lock(session, None, allow_ended=True)
    intervention = get_intervention(session, intervention_id)
    check_seen(intervention, seen_stamp)
    save_statement_fields(intervention, text, by or actor.name)
    log(state, actor, "statement", intervention, from_status=intervention.status)
    db.session.flush()
    return intervention


# The session's list


def set_list_open(
    session: EventSession, actor: Actor, is_open: bool, seen_version: int | None = None
) -> SessionQueueState:
    state = lock(session, seen_version)
    state.list_open = is_open
    log(state, actor, "list_opened" if is_open else "list_closed")
    db.session.flush()
    return state


def set_default_limit(
    session: EventSession, actor: Actor, minutes, seen_version: int | None = None
) -> SessionQueueState:
    state = lock(session, seen_version)
    seconds = parse_limit(minutes)
    if seconds is None:
        raise DomainError(_("A speaking time is between 1 and 60 minutes."), "time_limit")
    state.default_limit_seconds = seconds
    log(state, actor, "default_limit", note=str(seconds))
    db.session.flush()
    return state


def end_session(
    session: EventSession, actor: Actor, seen_version: int | None = None
) -> SessionQueueState:
    """Close the session: no more changes to its queue; whoever is live is marked delivered."""
    state = lock(session, seen_version)
    now = utcnow()
    for intervention in ordered_interventions(session.id):
        if intervention.status == S.LIVE:
            _end_airing(intervention, now)
            intervention.status = S.DELIVERED
            log(state, actor, "deliver", intervention, from_status=S.LIVE)
    state.ended_at = now
    state.list_open = False
    log(state, actor, "session_ended")
    db.session.flush()
    return state


def reopen_session(
    session: EventSession, actor: Actor, seen_version: int | None = None
) -> SessionQueueState:
    state = lock(session, seen_version, allow_ended=True)
    state.ended_at = None
    log(state, actor, "session_reopened")
    db.session.flush()
    return state
