"""A participant's rights over their interventions: naming consent that follows the
registration, the download of their interventions, their erasure and the purge of an event.
Reached from registration through the signals of eventapp.signals (see
eventapp.interventions.public).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.interventions.models import (
    Intervention,
    InterventionEvent,
)
from eventapp.interventions.queue_state import (
    event_interventions_of,
    iso,
    naming_value,
    touch_queues,
)
from eventapp.people import ANONYMOUS
from eventapp.sessions.models import EventSession


def set_consent(event: Event, email: str | None, naming) -> int:
    """A registered participant changed how they may be named: their interventions in the
    event follow. Returns how many changed. The caller commits."""
    email = (email or "").strip().lower()
    consent = naming_value(naming)
    if not email or consent is None:
        return 0
    changed = [
        i for i in db.session.scalars(event_interventions_of(event, email)) if i.consent != consent
    ]
    for intervention in changed:
        intervention.consent = consent
    touch_queues({i.session_id for i in changed})
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
        db.session.scalars(event_interventions_of(event, email)).all(), keep_statements
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
        # Who read a statement out on the author's behalf could name the author: forgotten too.
        db.session.execute(
            update(InterventionEvent)
            .where(
                InterventionEvent.intervention_id.in_([i.id for i in found]),
                InterventionEvent.action == "read_on_behalf",
            )
            .values(note=None),
            execution_options={"synchronize_session": False},
        )
    touch_queues({i.session_id for i in found})
    db.session.flush()
    return len(found)


def personal_interventions(event: Event, email: str | None) -> list[dict]:
    """Every intervention of this e-mail in the event, with its statement (the participant's
    download of their data)."""
    email = (email or "").strip().lower()
    if not email:
        return []
    found = db.session.scalars(
        event_interventions_of(event, email)
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
            "asked_at": iso(i.created_at),
        }
        for i in found
    ]
