"""The one door through which outcomes read interventions and registrations.

Those capabilities are optional parts of the product: when their package is present its
services are called, otherwise reports show no interventions and zero participation. Every
function returns plain data, already named as each person consented to be named:

- ``session_interventions(session) -> list[dict]`` with keys ``number``, ``speaker``,
  ``organisation``, ``mode`` ("in_person" / "remote"), ``status`` ("delivered",
  "interrupted", "not_aired", or another value of theirs), ``statement`` (text) and
  ``at`` (time or None);
- ``participation_figures(event) -> dict`` with ``organisations``, ``participants``,
  ``in_person``, ``remote``, ``by_category`` (list of {label, count}) and
  ``organisation_names`` (list of str, for the annex).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping

from flask_babel import gettext as _

log = logging.getLogger(__name__)


def _module(name: str):
    """The services module of an optional capability, or None when it is not installed."""
    try:
        return importlib.import_module(f"eventapp.{name}.services")
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith(f"eventapp.{name}"):
            return None
        raise


def _get(item, *keys, default=None):
    """The first present key of a dict (or attribute of an object)."""
    for key in keys:
        value = item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)
        if value not in (None, ""):
            return value
    return default


def anonymous_label() -> str:
    return _("A participant")


def consented_name(name: str | None, organisation: str | None, consent: str | None) -> tuple:
    """(speaker, organisation) as the person agreed to be named in reports.

    consent: "name" (default: name and organisation), "organisation" (organisation only) or
    "anonymous" (neither).
    """
    consent = (consent or "name").lower()
    if consent in ("anonymous", "none", "no"):
        return anonymous_label(), ""
    if consent in ("organisation", "organization", "organisation_only", "org"):
        return (organisation or anonymous_label()), ""
    return (name or organisation or anonymous_label()), (organisation if name else "") or ""


def _status_value(value) -> str:
    value = getattr(value, "value", value)
    return str(value or "")


def _normalise_intervention(number: int, item) -> dict:
    display = _get(item, "display_name", "speaker_display")
    organisation = _get(item, "organisation", "organisation_name", default="")
    if display is not None:
        # The interventions capability already applied consent.
        speaker = display
        organisation = (
            "" if _get(item, "consent") in ("organisation", "anonymous") else organisation
        )
    else:
        speaker, organisation = consented_name(
            _get(item, "speaker", "speaker_name", "name"),
            organisation,
            _status_value(_get(item, "consent", "name_consent")),
        )
    if isinstance(organisation, Mapping):
        organisation = _get(organisation, "name", default="")
    mode = _status_value(_get(item, "mode", "channel", default="in_person"))
    return {
        "number": _get(item, "number", "position", default=number),
        "speaker": str(speaker),
        "organisation": str(organisation or ""),
        "mode": "remote" if mode in ("remote", "online", "video", "recorded", "written") else mode,
        "status": _status_value(_get(item, "status", "broadcast_status", default="")),
        "status_label": str(_get(item, "status_label", default="")),
        "statement": str(_get(item, "statement", "written_statement", "text", default="")),
        "at": _get(item, "started_at", "at", "time"),
    }


def session_interventions(session) -> list[dict]:
    module = _module("interventions")
    if module is None or not hasattr(module, "session_interventions"):
        return []
    items = module.session_interventions(session) or []
    return [_normalise_intervention(n, item) for n, item in enumerate(items, start=1)]


def session_statistics(session) -> dict:
    module = _module("interventions")
    if module is None or not hasattr(module, "session_statistics"):
        return {}
    return dict(module.session_statistics(session) or {})


EMPTY_FIGURES = {
    "organisations": 0,
    "participants": 0,
    "in_person": 0,
    "remote": 0,
    "by_category": [],
    "organisation_names": [],
}


def participation_figures(event) -> dict:
    module = _module("registration")
    if module is None:
        return {**EMPTY_FIGURES, "by_category": [], "organisation_names": []}
    for name in ("participation_figures", "report_statistics", "event_statistics", "statistics"):
        function = getattr(module, name, None)
        if function is not None:
            return _normalise_figures(function(event) or {})
    return {**EMPTY_FIGURES, "by_category": [], "organisation_names": []}


def _normalise_figures(raw) -> dict:
    by_category = _get(raw, "by_category", "categories", default=[]) or []
    if isinstance(by_category, Mapping):
        by_category = [{"label": str(k), "count": int(v)} for k, v in by_category.items()]
    else:
        by_category = [
            {
                "label": str(_get(c, "label", "name", "category", default="")),
                "count": int(_get(c, "count", "total", default=0)),
            }
            for c in by_category
        ]
    names = _get(raw, "organisation_names", "organisations_list", default=[]) or []
    organisations = _get(raw, "organisations", "organisation_count", default=len(names))
    if isinstance(organisations, list | tuple):
        names = names or [str(_get(o, "name", default=o)) for o in organisations]
        organisations = len(organisations)
    return {
        "organisations": int(organisations or 0),
        "participants": int(_get(raw, "participants", "total", "confirmed", default=0)),
        "in_person": int(_get(raw, "in_person", default=0)),
        "remote": int(_get(raw, "remote", "online", default=0)),
        "by_category": by_category,
        "organisation_names": [str(n) for n in names],
    }
