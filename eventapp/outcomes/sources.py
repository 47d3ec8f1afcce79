"""The one door through which outcomes read interventions and registrations.

Those capabilities are separate parts of the product, asked through the signals of
eventapp.signals (outcomes never imports them): when they are present they answer, otherwise
reports show no interventions and zero participation. Every function returns plain data, with
people named only as they consented:

- ``session_interventions(session) -> list[dict]``: ``number``, ``speaker``,
  ``organisation``, ``mode`` ("remote" or "in_person"), ``mode_label``, ``status``
  ("delivered", "interrupted", "not_aired" ...), ``status_label``, ``statement``, ``at``
  (a time or None). Asked through the signal ``session_interventions_asked`` of
  eventapp.signals (answered by eventapp.interventions.public; nobody answers when interventions
  is absent); only delivered, interrupted and not-aired interventions are reported.
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
REPORTED_STATUSES = {"delivered", "interrupted", "not_aired"}


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
