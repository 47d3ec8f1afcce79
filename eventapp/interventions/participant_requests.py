"""Requests from participants: a registered participant asks to intervene in a session, and
withdraws their own request. Who the participant is, is decided by
eventapp.interventions.participants.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from eventapp.common import DomainError
from eventapp.events import services as event_services
from eventapp.extensions import db
from eventapp.interventions.console_actions import change_status
from eventapp.interventions.eligibility import eligibility, list_separator, session_languages
from eventapp.interventions.models import (
    OPEN_STATUSES,
    Intervention,
)
from eventapp.interventions.queue_state import (
    Actor,
    S,
    append_to_line,
    check_mode_and_language,
    clean,
    get_intervention,
    is_over,
    lock,
    log,
    naming_value,
    organisation_name_of,
    save_statement_fields,
)
from eventapp.sessions.models import EventSession
from eventapp.speakers.models import Organisation

PARTICIPANTS_ONLY = _l("Only participants registered for this event can ask to intervene.")


def request_intervention(session: EventSession, participant, data: dict) -> Intervention:
    """A registered participant asks to speak; the facilitator approves or rejects it."""
    if participant is None:
        raise DomainError(str(PARTICIPANTS_ONLY))
    state = lock(session, None)
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
    may = eligibility(session, participant)
    if not may.allowed:
        raise DomainError(may.refusal)
    mode, language = check_mode_and_language(data)
    if mode not in may.modes:
        raise DomainError(
            " ".join(
                [
                    _(
                        "This way of intervening is not open to you in this session. You can "
                        "choose: %(modes)s.",
                        modes=list_separator().join(str(m.label) for m in may.modes),
                    ),
                    *may.notes,
                ]
            ),
            "mode",
        )
    languages = session_languages(session)
    if languages and language not in languages:
        raise DomainError(_("Choose one of the languages of this session."), "language")
    topic = clean(data.get("topic"))
    if not topic:
        raise DomainError(_("Say in a few words what you will speak about."), "topic")
    organisation = db.session.get(Organisation, participant.organisation_id or 0)
    intervention = Intervention(
        session_id=session.id,
        speaker_name=participant.name or email,
        participant_email=email,
        consent=naming_value(getattr(participant, "report_naming", None)),
        organisation_id=organisation.id if organisation else None,
        organisation_name=organisation_name_of(organisation)
        or clean(data.get("organisation_name"))
        or participant.organisation_name,
        topic=topic,
        language=language,
        mode=mode,
        status=S.REQUESTED,
        source="participant",
    )
    save_statement_fields(intervention, data.get("statement"), participant.name)
    append_to_line(session, intervention)
    db.session.flush()
    log(state, Actor.for_participant(participant), "requested", intervention)
    db.session.flush()
    return intervention


def withdraw_own(session: EventSession, participant, intervention_id: int) -> Intervention:
    """A participant withdraws their own request."""
    intervention = get_intervention(session, intervention_id)
    if participant is None or intervention.participant_email != participant.email:
        raise DomainError(_("You can only withdraw your own request."))
    return change_status(session, Actor.for_participant(participant), intervention_id, "withdraw")
