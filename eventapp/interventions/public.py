"""What interventions offers other capabilities: its answers to the signals of eventapp.signals
(registration and outcomes may not import this package). Connected when the interventions views
are imported.

- naming_changed: a registrant's naming consent follows on their interventions (set_consent)
- personal_interventions_asked: their interventions for the download of their data
- participant_erased / event_purged: their interventions are anonymised
- personal_page_interventions_asked: their interventions on their personal page ("you are next")
- session_interventions_asked: a session's interventions for the outcome reports
- intervention_figures_asked: a session's (or an event's) figures for the outcome reports
"""

from __future__ import annotations

from eventapp import signals
from eventapp.interventions.history import (
    event_interventions,
    session_interventions,
    statistics,
    technical_notes,
)
from eventapp.interventions.participants import remember
from eventapp.interventions.privacy import (
    erase_event_participants,
    erase_participant,
    personal_interventions,
    set_consent,
)
from eventapp.interventions.reading import participant_overview


@signals.naming_changed.connect
def _naming_changed(event, *, email=None, naming=None, **_kwargs) -> None:
    set_consent(event, email, naming)


@signals.personal_interventions_asked.connect
def _personal_interventions(event, *, email=None, **_kwargs) -> list[dict]:
    return personal_interventions(event, email)


@signals.participant_erased.connect
def _participant_erased(event, *, email=None, keep_statements=True, **_kwargs) -> int:
    return erase_participant(event, email, keep_statements=keep_statements)


@signals.event_purged.connect
def _event_purged(event, *, keep_statements=True, **_kwargs) -> int:
    return erase_event_participants(event, keep_statements=keep_statements)


@signals.personal_page_interventions_asked.connect
def _personal_page(event, *, email=None, token=None, **_kwargs) -> list[dict]:
    # The token is remembered for the event, so the session pages recognise the participant.
    remember(event, token)
    return participant_overview(event, email)


@signals.session_interventions_asked.connect
def _session_interventions(session, *, audience, **_kwargs) -> list[dict]:
    return session_interventions(session, audience)


@signals.intervention_figures_asked.connect
def _intervention_figures(event, *, session=None, audience, **_kwargs) -> dict:
    if session is not None:
        figures = statistics(session_interventions(session, audience))
        return {**figures, "technical_notes": technical_notes(session)}
    rows = [row for rows in event_interventions(event, audience).values() for row in rows]
    return statistics(rows)
