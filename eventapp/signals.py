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

# --- asked by interventions, answered by registration (eventapp.registration.answers) ---------

registration_asked = _signals.signal("registration-asked")
"""sender: the event. ``token=``: the registration of that personal link (of any event), or
``email=`` with ``confirmed=``: the event's registration of that e-mail (only a confirmed one when
confirmed is true). Answer: the Registration, or None."""

remote_attendance_asked = _signals.signal("remote-attendance-asked")
"""sender: a registration. Answer: whether it receives the rooms' video links."""

# --- sent by registration, answered by interventions (eventapp.interventions.public) ----------

naming_changed = _signals.signal("naming-changed")
"""sender: the event; ``email=``, ``naming=`` (how the registrant agreed to be named). Their
interventions follow. No answer."""

personal_interventions_asked = _signals.signal("personal-interventions-asked")
"""sender: the event; ``email=``. Answer: that person's interventions in the event as plain
dicts, for the download of their data."""

participant_erased = _signals.signal("participant-erased")
"""sender: the event; ``email=``, ``keep_statements=``. Their interventions are anonymised."""

event_purged = _signals.signal("event-purged")
"""sender: the event; ``keep_statements=``. Every participant's intervention is anonymised."""

personal_page_interventions_asked = _signals.signal("personal-page-interventions-asked")
"""sender: the event; ``email=``, ``token=`` (their personal link, remembered for the session
pages). Answer: their interventions across the event ("you are next") as plain dicts."""

# --- asked by outcomes, answered by interventions ---------------------------------------------

session_interventions_asked = _signals.signal("session-interventions-asked")
"""sender: an event's session; ``audience=`` (eventapp.people.Audience). Answer: its
interventions as plain rows, each person shown to that audience as they consented."""

# --- asked by outcomes, answered by registration (eventapp.registration.answers) --------------

participation_asked = _signals.signal("participation-asked")
"""sender: the event. Answer: the figures of its confirmed registrations for the outcome
summary, as a plain dict: ``organisations``, ``participants``, ``in_person``, ``remote``
(ints), ``by_category`` (a list of {``label``: str in the current locale, ``count``: int}, the
categories with nobody left out) and ``organisation_names`` (list of str: the organisations a
published report may name, never those of people who asked to stay anonymous)."""


def answer(signal: Signal, sender, **kwargs):
    """The first answer to ``signal`` that is not None, or None when nobody answers."""
    for _receiver, value in signal.send(sender, **kwargs):
        if value is not None:
            return value
    return None
