"""Small building blocks that every capability's models share."""

from __future__ import annotations

import datetime as dt
import enum

import sqlalchemy as sa
from flask import flash, redirect
from sqlalchemy.orm import Mapped, mapped_column
from wtforms.fields.choices import SelectChoice

from eventapp import versions
from eventapp.extensions import db


def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the options of a WTForms SelectField."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip_text(value):
    """A form filter: white space around a value is not part of it. On an optional choice it
    matters: WTForms' Optional() lets a blank " " past the choice check, as if it were empty."""
    return value.strip() if isinstance(value, str) else value


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_LABELS: dict[type, dict] = {}


class LabelledEnum(enum.Enum):
    """An enum whose members carry a translated label: `Kind.NGO.label`.

    Subclasses define `_labels()` returning {member value: lazy_gettext(...)}.
    """

    @classmethod
    def _labels(cls) -> dict:
        return {}

    @property
    def label(self) -> str:
        # The lazy strings are made once per enum; each is translated when turned into text.
        labels = _LABELS.get(type(self))
        if labels is None:
            labels = _LABELS[type(self)] = self._labels()
        return str(labels.get(self.value, self.value))

    @classmethod
    def choices(cls) -> list[SelectChoice]:
        return select_choices((m.value, m.label) for m in cls)


def enum_column(enum_cls: type[enum.Enum], **kwargs) -> sa.Enum:
    """Enums are stored as their string values in a VARCHAR, the same on SQLite and PostgreSQL."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        **kwargs,
    )


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DomainError(ValueError):
    """A rule of the domain was broken; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def attach_error(form, error: DomainError) -> None:
    """Show a service's refusal next to the right field (or at the top of the form)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def save_or_explain(form, action, message: str, next_url, versioned=None, current=None):
    """Run a service that changes data, then commit and redirect; on a DomainError, roll back
    and show the refusal next to its field (the form keeps what was typed).

    `versioned` is the row an edit form changes: the save first claims the version the form
    was loaded with (eventapp/versions.py); if someone saved it meanwhile, nothing is written
    and the form shows their values next to the typed ones (`current`: saved values of fields
    that are not attributes of the row), to be answered with `versions.status_of(form)`.

    `next_url` is a URL or a function of the action's result. Returns a redirect response, or
    None when the form is to be shown again.
    """
    try:
        if versioned is not None:
            versions.claim(versioned, versions.loaded(form))
        result = action()
    except versions.EditConflict:
        db.session.rollback()
        versions.explain(form, versioned, current() if callable(current) else current)
        return None
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return None
    db.session.commit()
    flash(message, "success")
    return redirect(next_url(result) if callable(next_url) else next_url)


def move_in_list(items: list, item, step: int) -> None:
    """Move one item of an ordered list up (-1) or down (+1) and renumber `position`."""
    ordered = sorted(items, key=lambda i: (i.position, i.id))
    index = ordered.index(item)
    target = index + step
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for number, entry in enumerate(ordered, start=1):
        entry.position = number
    db.session.flush()
