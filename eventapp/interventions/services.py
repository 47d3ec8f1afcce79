"""The interventions domain in one import, for this package's views, the CLI, the demo data and
the tests: the functions live in the modules below (one per aggregate) and keep their names here.

- queue_state: a session's queue state, its lock and history log, `Actor`, `StaleQueue`
- console_actions: the facilitator's changes (add, correct, TRANSITIONS, order, notes, the list)
- participant_requests: a participant asks to intervene, withdraws their own request
- eligibility: in which sessions and ways a participant may ask (registration answers
  speaking_asked), and the session's languages
- reading: the console's view, a participant's place, the live view
- history: interventions as plain rows for pages and reports, their figures, the history
- privacy: naming consent, a participant's download and erasure, an event's purge

Other capabilities do not import this: they reach interventions through the signals of
eventapp.signals, answered in eventapp.interventions.public.
"""

from eventapp.interventions.console_actions import (
    REASON_REQUIRED,
    REASONS,
    TRANSITIONS,
    add_intervention,
    allowed_actions,
    call_next,
    change_status,
    end_session,
    move,
    note_technical,
    reopen_session,
    save_statement,
    set_default_limit,
    set_list_open,
    update_details,
)
from eventapp.interventions.eligibility import Eligibility, eligibility
from eventapp.interventions.history import (
    event_interventions,
    history,
    session_interventions,
    session_statistics,
    speaking_time_by_organisation,
    statistics,
)
from eventapp.interventions.participant_requests import (
    PARTICIPANTS_ONLY,
    request_intervention,
    withdraw_own,
)
from eventapp.interventions.privacy import (
    erase_event_participants,
    erase_participant,
    personal_interventions,
    set_consent,
)
from eventapp.interventions.queue_state import (
    MAX_LIMIT_SECONDS,
    Actor,
    StaleQueue,
    ensure_state,
    is_finished,
    is_over,
)
from eventapp.interventions.reading import (
    Console,
    console,
    iso_now,
    live_etag,
    live_head,
    live_snapshot,
    participant_interventions,
    participant_overview,
)

__all__ = [
    "MAX_LIMIT_SECONDS",
    "PARTICIPANTS_ONLY",
    "REASONS",
    "REASON_REQUIRED",
    "TRANSITIONS",
    "Actor",
    "Console",
    "Eligibility",
    "StaleQueue",
    "add_intervention",
    "allowed_actions",
    "call_next",
    "change_status",
    "console",
    "eligibility",
    "end_session",
    "ensure_state",
    "erase_event_participants",
    "erase_participant",
    "event_interventions",
    "history",
    "is_finished",
    "is_over",
    "iso_now",
    "live_etag",
    "live_head",
    "live_snapshot",
    "move",
    "note_technical",
    "participant_interventions",
    "participant_overview",
    "personal_interventions",
    "reopen_session",
    "request_intervention",
    "save_statement",
    "session_interventions",
    "session_statistics",
    "set_consent",
    "set_default_limit",
    "set_list_open",
    "speaking_time_by_organisation",
    "statistics",
    "update_details",
    "withdraw_own",
]
