"""No edit is silently lost: the one optimistic lock every edit form goes through.

A row that edit forms change has a `version` column (`Versioned`). Its form (`VersionedForm`)
carries, in a hidden field, the version it was loaded with. Saving first claims the row:

    UPDATE <table> SET version = version + 1 WHERE id = :id AND version = :seen

one conditional UPDATE, so it holds across workers and connections: of two saves at once, the
second waits for the first's row lock, then finds the version moved on and is refused with
`EditConflict`. The view rolls back (nothing of the refused save is written) and `explain`
puts on the form what is saved now next to what the person typed, which stays in the form; the
page answers 409 (`status_of`). A form without a version, or with a mangled one, cannot prove
it saw the latest data: it is refused the same way.

Writers that change a row's edited fields without a form of their own (a participant changing
their days, a progress note changing a status) call `bump`, so that a form opened before them
is refused rather than overwriting them.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import ObjectDeletedError
from wtforms import HiddenField

from eventapp.extensions import db

MAX_VERSION = 2**31 - 1


class Versioned:
    """Model mixin: the row's edit version, moved on by every save of an edit form."""

    version: Mapped[int] = mapped_column(default=1, server_default="1")


class VersionedForm:
    """Form mixin: the version the form was loaded with (filled from the row's `version`)."""

    version = HiddenField()


@dataclass
class Change:
    label: str
    theirs: str
    yours: str


@dataclass
class EditConflict(Exception):
    """Someone saved the row after this form was loaded; nothing of this save was written."""

    changes: list[Change] = field(default_factory=list)

    @property
    def message(self) -> str:
        return _(
            "Someone else changed this information after you opened it. Your changes were not "
            "saved: they are still in the form below, next to what is saved now. Check them "
            "and save again."
        )

    def __str__(self) -> str:
        return "edit conflict"


def seen_version(raw) -> int:
    """The version a form says it was loaded with; -1 (never current) when missing or mangled."""
    if isinstance(raw, int):
        return raw
    text = (raw or "").strip() if isinstance(raw, str) else ""
    if text.isdigit() and len(text) < 11 and int(text) <= MAX_VERSION:
        return int(text)
    return -1


def loaded(form) -> int:
    """The version a submitted form was loaded with, as it sent it (-1 when it sent none: a
    form built from the row would otherwise quietly take the row's current version)."""
    raw = form.version.raw_data
    return seen_version(raw[0] if raw else None)


def claim(row, seen) -> None:
    """Move the row's version on from `seen`, or raise EditConflict if it is no longer `seen`.

    Call it before changing the row, in the transaction that saves it: the row stays locked
    until that transaction ends."""
    seen = seen_version(seen)
    if seen != row.version:
        raise EditConflict()
    model = type(row)
    key = sa.inspect(model).primary_key[0]
    updated = db.session.execute(
        sa.update(model)
        .where(key == sa.inspect(row).identity[0], model.version == seen)
        .values(version=seen + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if updated != 1:
        raise EditConflict()
    set_committed_value(row, "version", seen + 1)


def bump(row) -> None:
    """Move the row's version on without a check: for writers that have no edit form."""
    model = type(row)
    key = sa.inspect(model).primary_key[0]
    db.session.execute(
        sa.update(model)
        .where(key == sa.inspect(row).identity[0])
        .values(version=model.version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(row, ["version"])


def _choice_label(form_field, value) -> str | None:
    choices = getattr(form_field, "choices", None)
    if not choices:
        return None
    wanted = {str(value)} if value not in (None, "") else {"", "0", "None"}
    for choice in choices:
        option = choice[0] if isinstance(choice, tuple) else choice.value
        if str(option) in wanted:
            return str(choice[1] if isinstance(choice, tuple) else choice.label)
    return None


def shown(form_field, value) -> str:
    """A field's value as a person reads it: labels of choices, dates, yes or no."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, list | tuple | set):
        return ", ".join(shown(form_field, item) for item in value) or "—"
    label = _choice_label(form_field, value)
    if label is not None:
        return label
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "\n".join(
        line.rstrip() for line in str(value if value is not None else "").splitlines()
    ).strip()
    return text or "—"


SKIPPED = {"csrf_token", "version", "submit"}


def explain(form, row, current: dict | None = None, version=None) -> EditConflict:
    """After a refused save (and its rollback): put on the form what is saved now next to what
    was typed, and base the next save on the version saved now.

    `current` gives the saved value of the fields that are not attributes of the row;
    `version` the row's version when it is not its `version` column (a stamp)."""
    try:
        db.session.refresh(row)
    except (ObjectDeletedError, sa.exc.InvalidRequestError):
        abort(404)  # deleted meanwhile: there is nothing left to save into
    saved = dict(current or {})
    for name in form._fields:
        if name not in SKIPPED and name not in saved and hasattr(row, name):
            saved[name] = getattr(row, name)
    conflict = EditConflict()
    for name, value in saved.items():
        if name not in form._fields:
            continue
        form_field = form[name]
        theirs, yours = shown(form_field, value), shown(form_field, form_field.data)
        if theirs != yours:
            conflict.changes.append(Change(str(form_field.label.text), theirs, yours))
    version = str(row.version if version is None else version)
    form.version.data = version
    form.version.raw_data = [version]
    form.conflict = conflict
    return conflict


def status_of(form, otherwise: int = 200) -> int:
    """The page's HTTP status: 409 when the form shows a refused stale save."""
    return 409 if getattr(form, "conflict", None) is not None else otherwise
