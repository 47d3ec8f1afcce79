"""Signals between capabilities (blinker): how one capability asks another, or tells it of a
change, without importing it.

The layers (DESIGN.md; the import-linter contract in pyproject.toml) forbid a capability to
import another. Where one needs another, it sends a signal defined here; the other capability
connects its receivers when its views are imported (create_app imports every capability's
views), and answers with the receiver's return value or acts. When no receiver is connected
(that capability is absent) nobody answers and the sender goes on without it, as it always has.

Each signal says who sends it, its sender and keyword arguments, and what an answer is.
"""

from __future__ import annotations

from blinker import Namespace, Signal

_signals = Namespace()

# --- sent by sessions, acted on by registration (eventapp.registration.answers) --------------

session_places_changed = _signals.signal("session-places-changed")
"""sender: a session that requires sign-up, whose places may have grown (its capacity or its
room's raised, sign-up newly required). Those on its waiting list move up. No answer."""

session_signups_asked = _signals.signal("session-signups-asked")
"""asked by agendas, answered by registration. sender: the event. Answer: for each of its
sessions that require sign-up, ``{session id: {"places", "confirmed", "remote", "waitlisted",
"left"}}`` (counts only: no names; places and left None when there is no limit)."""

personal_signups_asked = _signals.signal("personal-signups-asked")
"""asked by agendas, answered by registration. sender: the event; ``registration_id=``.
Answer: that participant's sign-ups, ``{session id: {"status": "confirmed"|"waitlisted",
"position": n or None}}``."""

# --- asked by interventions, answered by registration (eventapp.registration.answers) ---------

registration_asked = _signals.signal("registration-asked")
"""sender: the event. ``token=``: the registration of that personal link (of any event), or
``email=`` with ``confirmed=``: the event's registration of that e-mail (only a confirmed one when
confirmed is true). Answer: the Registration, or None."""

remote_attendance_asked = _signals.signal("remote-attendance-asked")
"""sender: a registration. Answer: whether it receives the rooms' video links."""

speaking_asked = _signals.signal("speaking-asked")
"""sender: an event's session; ``email=`` and ``registration_id=`` (either may be None) of a
participant asking to speak. Answer: the facts about that participant's confirmed registration
that decide how they may speak in that session (interventions decides), as a plain dict:
``on_day`` (bool: registered for the session's day), ``days`` (list of str: their days, in the
current locale), ``in_person`` (bool: they attend in the room), ``remote`` (bool: they join
remotely and receive the links), ``signed_up`` (bool: a confirmed sign-up for the session, which
a session with ``signup_required`` asks of those who speak in the room). None when that person
has no confirmed registration in the event (an account with a role, or registration absent)."""

# --- sent by registration, answered by interventions (eventapp.interventions.public) ----------

naming_changed = _signals.signal("naming-changed")
"""sender: the event; ``email=``, ``naming=`` (how the registrant agreed to be named). Their
interventions follow. No answer."""

personal_interventions_asked = _signals.signal("personal-interventions-asked")
"""sender: the event; ``email=``. Answer: that person's interventions in the event as plain
dicts, for the download of their data."""

participant_erased = _signals.signal("participant-erased")
"""sender: the event; ``email=``, ``registration_id=``, ``keep_statements=``. Their interventions
are anonymised; their starred sessions (eventapp.agendas.answers) are deleted."""

event_purged = _signals.signal("event-purged")
"""sender: the event; ``keep_statements=``. Every participant's intervention is anonymised."""

personal_page_interventions_asked = _signals.signal("personal-page-interventions-asked")
"""sender: the event; ``email=``, ``token=`` (their personal link, remembered for the session
pages). Answer: their interventions across the event ("you are next") as plain dicts."""

# --- asked by outcomes, answered by interventions ---------------------------------------------

session_interventions_asked = _signals.signal("session-interventions-asked")
"""sender: an event's session; ``audience=`` (eventapp.people.Audience). Answer: its
interventions as plain rows, each person shown to that audience as they consented."""

intervention_figures_asked = _signals.signal("intervention-figures-asked")
"""sender: the event; ``session=`` one of its sessions (None: the whole event); ``audience=``
(eventapp.people.Audience). Answer: the figures of those interventions as a plain dict
(eventapp.interventions.history.statistics): ``total``, ``delivered``, ``interrupted``,
``not_aired``, ``received_in_writing``, ``read_on_behalf`` (each on its own: a statement
received or read out is never delivered), ``withdrawn``, ``rejected``, ``waiting`` (ints),
``total_speaking_seconds``, ``organisations_heard`` (list of str) and ``by_organisation`` (list
of {``organisation``, ``kind``, ``seconds``, ``interventions``}: the speaking time per
organisation, authors who chose anonymity counted together and never attributed), labels in the
current locale."""

# --- asked by outcomes, answered by registration (eventapp.registration.answers) --------------

participation_asked = _signals.signal("participation-asked")
"""sender: the event. Answer: the figures of its confirmed registrations for the outcome
summary, as a plain dict: ``organisations``, ``participants``, ``in_person``, ``remote``
(ints; ``participants`` is the confirmed, kept for older readers), ``registered`` (every
registration but the cancelled), ``confirmed`` and ``attended`` (confirmed and checked in at
least once), ``by_category`` (a list of {``label``: str in the current locale, ``count``: int}, the
categories with nobody left out) and ``organisation_names`` (list of str: the organisations a
published report may name, never those of people who asked to stay anonymous)."""


assembly_attendance_asked = _signals.signal("assembly-attendance-asked")
"""sender: the event (a general assembly: eventapp.events.assembly). Answer: who is present
against the roll, as a plain dict: ``present``, ``members``, ``quorum`` (ints), ``reached``
(bool), ``text`` ("present 7 of 12 members; quorum of 7 reached", current locale),
``names`` (list of str: the members present as a published report may name them, sorted),
``unnamed`` (int: members present who asked not to be named: counted, never named) and
``others`` (int: people checked in who are not voting members). None when the event is not a
general assembly."""


def answer(signal: Signal, sender, **kwargs):
    """The first answer to ``signal`` that is not None, or None when nobody answers."""
    for _receiver, value in signal.send(sender, **kwargs):
        if value is not None:
            return value
    return None


# --- asked by agendas, answered by registration (eventapp.registration.answers) --------------

attendance_by_day_asked = _signals.signal("attendance-by-day-asked")
"""sender: the event. Answer: {day id: confirmed registrants attending that day in person}."""

# --- asked by registration, answered by agendas (eventapp.agendas.answers) --------------------

event_calendar_asked = _signals.signal("event-calendar-asked")
"""sender: the event; ``language=``, ``video=`` (for a participant who joins remotely: the rooms'
video links in each entry). Answer: the event's sessions as iCalendar bytes, or None while the
programme has no sessions."""

personal_stars_asked = _signals.signal("personal-stars-asked")
"""sender: the event; ``registration_id=``. Answer: the sessions that participant starred as
plain dicts {"session_id", "starred_at"}, for the download of their data."""

# --- asked by the organisers' pages (eventapp.organisers), answered by capabilities ----------

organisation_page_asked = _signals.signal("organisation-page-asked")
"""sender: the organiser Organisation; ``events=`` its events the public may see (published or
archived, newest first). Answer (from every receiver, not only the first: use ``signal.send``):
a section of its public page /o/<slug>/ as ``{"order": int, "html": Markup}`` or None (nothing
to show), e.g. outcomes adds the links to published outcome summaries and the follow-up of the
recommendations the organisation chose to publish."""

edition_copied = _signals.signal("edition-copied")
"""sent by the events layer when "new edition from this event" has copied the event's own rows
(eventapp.events.editions); sender: the source event; ``target=`` the new draft event,
``days=`` {source day id: target day id}, ``sessions=`` {source session id: target session
id}. Every capability copies what it owns of the event (registration: settings, questions,
categories, invitation presets — never registrations; nothing of interventions or outcomes)
and answers a list of plain strings saying what it copied, in the current locale."""

# --- asked by the events layer (eventapp.events.days), answered by registration ---------------

day_in_use_asked = _signals.signal("day-in-use-asked")
"""sender: the event; ``day=`` an EventDay the organisers want to remove. Answer: why it may not
be removed, as a sentence in the current locale (e.g. "3 registrations chose this day"), or None
when nothing of that capability uses it."""
