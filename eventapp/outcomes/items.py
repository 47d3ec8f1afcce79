"""The recommendations and next steps listed under an outcome, of a session or of the event
itself (session None): added, edited (a recommendation against lost updates), reordered and
deleted; a session's list is locked with its approved outcome, the event's own with the
approved event outcome."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp import versions
from eventapp.common import DomainError
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.outcomes.event_outcomes import ensure_event_items_editable
from eventapp.outcomes.models import NextStep, Priority, Recommendation
from eventapp.outcomes.revisions import cleaned, line_diff
from eventapp.outcomes.session_outcomes import ensure_session_editable
from eventapp.sessions.models import EventSession
from eventapp.speakers.models import Organisation, OrganisationKind


def _ensure_editable(event_id: int, session_id: int | None) -> None:
    if session_id is None:
        ensure_event_items_editable(event_id)
    else:
        ensure_session_editable(session_id)


def _next_position(model, event_id: int, session_id: int | None) -> int:
    top = db.session.scalar(
        select(sa.func.max(model.position)).where(
            model.event_id == event_id,
            model.session_id.is_(None) if session_id is None else model.session_id == session_id,
        )
    )
    return (top or 0) + 1


def _add(model, event: Event, session: EventSession | None, values_of, data: dict):
    """A new item at the end of its list; ``values_of(data)`` checks what was typed."""
    session_id = session.id if session else None
    _ensure_editable(event.id, session_id)
    item = model(
        event_id=event.id,
        session_id=session_id,
        position=_next_position(model, event.id, session_id),
        **values_of(data),
    )
    db.session.add(item)
    db.session.flush()
    return item


def _delete(item) -> None:
    _ensure_editable(item.event_id, item.session_id)
    db.session.delete(item)
    db.session.flush()


def move_item(item, step: int) -> None:
    """Swap a recommendation or next step with its neighbour in the same list."""
    _ensure_editable(item.event_id, item.session_id)
    model = type(item)
    scope = (
        model.session_id.is_(None)
        if item.session_id is None
        else model.session_id == item.session_id
    )
    siblings = db.session.scalars(
        select(model)
        .where(model.event_id == item.event_id, scope)
        .order_by(model.position, model.id)
    ).all()
    index = siblings.index(item)
    other = index + step
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for number, sibling in enumerate(siblings, start=1):
        sibling.position = number
    db.session.flush()


# Recommendations


def _recommendation_values(data: dict) -> dict:
    text = cleaned(data.get("text"))
    if not text:
        raise DomainError(_("Write the recommendation."), "text")
    return {
        "text": text,
        "text_en": cleaned(data.get("text_en")),
        **_addressee_values(data),
        "addressee_en": cleaned(data.get("addressee_en")),
        "theme": cleaned(data.get("theme")),
        "theme_en": cleaned(data.get("theme_en")),
        "priority": Priority(data.get("priority") or "medium"),
    }


def _addressee_values(data: dict) -> dict:
    """The kind, the organisation of the directory and the free text, checked: any of them,
    all of them, or none."""
    kind = data.get("addressee_kind")
    kind = kind.value if isinstance(kind, OrganisationKind) else (cleaned(kind) or None)
    if kind is not None and kind not in {k.value for k in OrganisationKind}:
        raise DomainError(_("Choose a kind of organisation from the list."), "addressee_kind")
    organisation_id = data.get("addressee_organisation_id") or None
    if organisation_id is not None and db.session.get(Organisation, organisation_id) is None:
        raise DomainError(_("Choose an organisation from the list."), "addressee_organisation_id")
    return {
        "addressee_kind": OrganisationKind(kind) if kind else None,
        "addressee_organisation_id": organisation_id,
        "addressee": cleaned(data.get("addressee")),
    }


def add_recommendation(event: Event, session: EventSession | None, data: dict) -> Recommendation:
    return _add(Recommendation, event, session, _recommendation_values, data)


@dataclass
class RecommendationConflict(Exception):
    current: str
    diffs: list[tuple[str, str]]
    # The English translation as saved by the other person, when it differs from yours.
    current_en: str = ""
    diffs_en: list[tuple[str, str]] = field(default_factory=list)

    @property
    def message(self) -> str:
        return _(
            "Someone changed this recommendation while you were editing it. Your text is "
            "still in the form; compare it with theirs and save again."
        )


def update_recommendation(rec: Recommendation, data: dict, loaded_version: int) -> None:
    _ensure_editable(rec.event_id, rec.session_id)
    values = _recommendation_values(data)
    try:
        versions.claim(rec, loaded_version)
    except versions.EditConflict:
        db.session.refresh(rec)
        english_differs = (rec.text_en or "") != (values["text_en"] or "")
        raise RecommendationConflict(
            rec.text,
            line_diff(rec.text, values["text"]),
            rec.text_en or "",
            line_diff(rec.text_en, values["text_en"]) if english_differs else [],
        ) from None
    for name, value in values.items():
        setattr(rec, name, value)
    db.session.flush()


def delete_recommendation(rec: Recommendation) -> None:
    _delete(rec)


def suggestions(event_id: int) -> dict:
    """Addressees and themes already used in the event, offered while typing."""
    rows = db.session.execute(
        select(Recommendation.addressee, Recommendation.theme).where(
            Recommendation.event_id == event_id
        )
    ).all()
    defaults = [str(_("States")), str(_("The United Nations")), str(_("Companies"))]
    return {
        "addressees": sorted({a for a, _t in rows if a} | set(defaults)),
        "themes": sorted({t for _a, t in rows if t}),
    }


# Next steps


def _step_values(data: dict) -> dict:
    what = cleaned(data.get("what"))
    if not what:
        raise DomainError(_("Say what is to be done."), "what")
    return {
        "what": what,
        "what_en": cleaned(data.get("what_en")),
        "who": cleaned(data.get("who")),
        "who_en": cleaned(data.get("who_en")),
        "due_date": data.get("due_date"),
        "due_text": cleaned(data.get("due_text")),
        "due_text_en": cleaned(data.get("due_text_en")),
    }


def add_next_step(event: Event, session: EventSession | None, data: dict) -> NextStep:
    return _add(NextStep, event, session, _step_values, data)


def update_next_step(step: NextStep, data: dict) -> None:
    _ensure_editable(step.event_id, step.session_id)
    for key, value in _step_values(data).items():
        setattr(step, key, value)
    db.session.flush()


def delete_next_step(step: NextStep) -> None:
    _delete(step)


def event_items(event_id: int) -> tuple[list[Recommendation], list[NextStep]]:
    """The event's own recommendations and next steps (not a session's)."""
    recs = db.session.scalars(
        select(Recommendation)
        .where(Recommendation.event_id == event_id, Recommendation.session_id.is_(None))
        .options(selectinload(Recommendation.addressee_organisation))
        .order_by(Recommendation.position, Recommendation.id)
    ).all()
    steps = db.session.scalars(
        select(NextStep)
        .where(NextStep.event_id == event_id, NextStep.session_id.is_(None))
        .order_by(NextStep.position, NextStep.id)
    ).all()
    return recs, steps
