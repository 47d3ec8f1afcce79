"""The one door through which outcomes read interventions and registrations.

Those capabilities are separate parts of the product, asked through the signals of
eventapp.signals (outcomes never imports them): when they are present they answer, otherwise
reports show no interventions and zero participation. Every function returns plain data, with
people named only as they consented:

- ``session_interventions(session) -> list[dict]``: ``number``, ``speaker``,
  ``organisation``, ``mode`` ("remote" or "in_person"), ``mode_label``, ``status``
  ("delivered", "interrupted", "not_aired" ...), ``status_label``, ``statement``, ``at``
  (a time or None), ``language`` and ``language_label`` (the language it was given in),
  ``read_by`` (who read it out on the author's behalf, if anyone). Asked through the signal
  ``session_interventions_asked`` of eventapp.signals (answered by
  eventapp.interventions.public; nobody answers when interventions is absent); only delivered,
  interrupted, not-aired, received-in-writing and read-out interventions are reported.
- ``intervention_figures(event, session=None) -> dict``: the counts of each status and the
  speaking time per organisation (signal ``intervention_figures_asked``; NO_FIGURES when
  nobody answers).
- ``participation_figures(event) -> dict``: ``organisations``, ``participants``,
  ``in_person``, ``remote``, ``by_category`` (list of {label, count}) and
  ``organisation_names`` (for the annex), of the confirmed registrations. Asked through the
  signal ``participation_asked`` (answered by eventapp.registration.answers; nobody answers
  when registration is absent: all zero).

Consent: a participant who registered chose how reports may name them (name and
organisation, organisation only, or anonymously: "a participant"). The choice is kept on each
of their interventions and applied by ``eventapp.people.shown``, the one decision of how a
person appears, with the public as audience (a report is published).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from eventapp import signals
from eventapp.people import Audience, anonymous_label

REMOTE_MODES = {"remote", "remote_live", "recorded", "written", "online", "video"}
# What a session report lists: interventions that were heard, cut off or could not be aired
# (not the ones still waiting, withdrawn or rejected).
REPORTED_STATUSES = {
    "delivered",
    "interrupted",
    "not_aired",
    "received_in_writing",
    "read_on_behalf",
}
# The figures of a report when interventions is absent: nothing was said through it.
NO_FIGURES = {
    "total": 0,
    "delivered": 0,
    "interrupted": 0,
    "not_aired": 0,
    "received_in_writing": 0,
    "read_on_behalf": 0,
    "withdrawn": 0,
    "rejected": 0,
    "waiting": 0,
    "total_speaking_seconds": 0,
    "organisations_heard": [],
    "by_organisation": [],
    "technical_notes": [],
}


def _normalise_intervention(row: Mapping) -> dict:
    """One intervention as the reports show it; the interventions capability already named
    the person as they consented for the public (eventapp.people.shown)."""
    mode = row.get("mode") or "in_room"
    at = row.get("started_at")
    return {
        "number": row.get("number"),
        "speaker": str(row.get("speaker") or anonymous_label()),
        "organisation": str(row.get("organisation") or ""),
        "mode": "remote" if mode in REMOTE_MODES else "in_person",
        "mode_label": str(row.get("mode_label") or ""),
        "status": str(row.get("status") or ""),
        "status_label": str(row.get("status_label") or ""),
        "statement": str(row.get("statement") or ""),
        "at": at.time() if isinstance(at, dt.datetime) else at,
        "language": str(row.get("language") or ""),
        "language_label": str(row.get("language_label") or ""),
        "read_by": str(row.get("read_by") or ""),
    }


def session_interventions(session) -> list[dict]:
    # A published report: people appear as they agreed to appear to the public.
    found = signals.answer(signals.session_interventions_asked, session, audience=Audience.PUBLIC)
    rows = [row for row in found or [] if row.get("status") in REPORTED_STATUSES]
    result = []
    for number, row in enumerate(rows, start=1):
        item = _normalise_intervention(row)
        item["number"] = item["number"] or number
        result.append(item)
    return result


def intervention_figures(event, session=None) -> dict:
    """The figures of a session's interventions (of the event's, without ``session``), for a
    published report: people counted for their organisation only as they consented."""
    found = signals.answer(
        signals.intervention_figures_asked, event, session=session, audience=Audience.PUBLIC
    )
    return {**NO_FIGURES, **(found or {})}


def participation_figures(event) -> dict:
    # Nobody answers when registration is absent: nobody took part through it.
    return signals.answer(signals.participation_asked, event) or {
        "organisations": 0,
        "participants": 0,
        "in_person": 0,
        "remote": 0,
        "by_category": [],
        "organisation_names": [],
    }
