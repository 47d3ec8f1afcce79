"""What agendas answers to other capabilities: its receivers of the signals of eventapp.signals
(registration may not import this package). Connected when the agendas views are imported.

- event_calendar_asked: the event's sessions as iCalendar, for a participant's e-mail and .ics
- personal_stars_asked: the sessions a participant starred, for the download of their data
- participant_erased: the sessions a participant starred are deleted with their data
"""

from __future__ import annotations

from eventapp import signals
from eventapp.agendas.ical import event_calendar
from eventapp.agendas.participants import participant_key
from eventapp.agendas.personal import erase_stars, starred_sessions
from eventapp.agendas.services import snapshot


@signals.event_calendar_asked.connect
def _event_calendar(event, *, language, video=False, **_kwargs) -> bytes | None:
    if not snapshot(event, language)["sessions"]:
        return None  # no programme yet: registration sends the event as one all-day entry
    return event_calendar(event, language, video=video)


@signals.personal_stars_asked.connect
def _personal_stars(event, *, registration_id, **_kwargs) -> list[dict]:
    return starred_sessions(event, participant_key(registration_id))


@signals.participant_erased.connect
def _participant_erased(event, *, registration_id=None, **_kwargs) -> None:
    if registration_id is not None:
        erase_stars(event, participant_key(registration_id))
