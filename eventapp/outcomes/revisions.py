"""How an outcome's text is saved without losing anyone's words, and remembered.

Saving is optimistic: the form carries the version it loaded, and the row is only updated when
that is still the stored version (one conditional UPDATE, so it holds with many workers).
Otherwise ``OutcomeConflict`` carries the other person's text and a per-section diff. Every
save or change of status is kept as a revision (a snapshot), shown with what it changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eventapp import audit
from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.outcomes.models import SESSION_TEXTS, OutcomeRevision, OutcomeStatus

SECTION_LABELS = {
    "summary": _l("Summary"),
    "key_points": _l("Key points"),
    "consensus": _l("Points of consensus"),
    "disagreement": _l("Points of disagreement"),
    "decisions": _l("Decisions"),
    "conclusions": _l("Conclusions"),
}


def section_label(name: str) -> str:
    """ "Summary", or "Summary (English)" for its translation."""
    if name.endswith("_en"):
        return _("%(section)s (English)", section=SECTION_LABELS[name[:-3]])
    return str(SECTION_LABELS[name])


REVISION_NOTES = {
    "submitted": _l("Sent for approval"),
    "approved": _l("Approved"),
    "returned": _l("Returned to the writers"),
    "reopened": _l("Reopened"),
}


def cleaned(value):
    """A typed text without surrounding blanks, None when nothing is left."""
    return (value.strip() or None) if isinstance(value, str) else value


def _normalised(text: str | None) -> str:
    """Text as compared for conflicts: line endings and trailing blanks do not count."""
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))


def line_diff(theirs: str | None, yours: str | None) -> list[tuple[str, str]]:
    """("+" yours, "-" theirs, " " both) per line; difflib's "?" hints are left out."""
    return [
        (line[0], line[2:])
        for line in difflib.ndiff(_normalised(theirs).splitlines(), _normalised(yours).splitlines())
        if line[:1] in "+- "
    ]


def sections_of(row, sections=SESSION_TEXTS) -> dict:
    return {name: (getattr(row, name) or "") if row is not None else "" for name in sections}


# Conflicts


@dataclass
class SectionDiff:
    name: str
    label: str
    theirs: str
    yours: str
    lines: list[tuple[str, str]]


@dataclass
class OutcomeConflict(Exception):
    """Someone saved the outcome after this form was loaded."""

    current: dict
    version: int
    by: str | None
    at: dt.datetime | None
    diffs: list[SectionDiff] = field(default_factory=list)

    @property
    def message(self) -> str:
        if self.by:
            return _(
                "%(name)s saved this outcome while you were editing it. Your text was not "
                "saved: it is still in the form below. Compare it with theirs, merge what "
                "you need and save again.",
                name=self.by,
            )
        return _(
            "Someone saved this outcome while you were editing it. Your text was not saved: "
            "it is still in the form below. Compare it with theirs, merge what you need and "
            "save again."
        )


def section_diffs(theirs: dict, yours: dict, sections) -> list[SectionDiff]:
    diffs = []
    for name in sections:
        a, b = _normalised(theirs.get(name)), _normalised(yours.get(name))
        if a != b:
            diffs.append(SectionDiff(name, section_label(name), a, b, line_diff(a, b)))
    return diffs


def conflict(row, current: dict, yours: dict, sections) -> OutcomeConflict:
    """The conflict with ``row`` as stored now (None: it is gone)."""
    by = row.updated_by.name if row is not None and row.updated_by else None
    return OutcomeConflict(
        current=current,
        version=row.version if row is not None else 0,
        by=by,
        at=row.updated_at if row is not None else None,
        diffs=section_diffs(current, yours, sections),
    )


# Saving


def inserted(row) -> bool:
    """Add the first outcome row of its session or event; False when someone created it a
    moment ago (the unique key refused this one, and nothing else is undone)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return False
    return True


def updated_if_current(row, loaded_version: int, user, values: dict) -> bool:
    """Write ``values`` into ``row`` only if its stored version is still ``loaded_version``;
    ``row`` is read again either way. A Core UPDATE: the audit flush listener does not see it,
    so the change is recorded here."""
    model = type(row)
    before = audit.snapshot(row)
    count = db.session.execute(
        sa.update(model)
        .where(model.id == row.id, model.version == loaded_version)
        .values(version=loaded_version + 1, updated_by_id=user.id, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expire(row)
    db.session.refresh(row)
    if count != 1:
        return False
    audit.record_update(row, before)
    return True


# Revisions


def record_revision(event_id, session_id, version, snapshot, user, note=None) -> None:
    db.session.add(
        OutcomeRevision(
            event_id=event_id,
            session_id=session_id,
            version=version,
            snapshot=snapshot,
            user_id=user.id if user else None,
            note=note,
        )
    )


def change_status(outcome, status, user, snapshot, note) -> None:
    """Move a session's or the event's outcome to `status` (a new version, stamped with who and
    when it was sent or approved) and keep that version as a revision: `snapshot()` gives its
    sections once the new version is written."""
    outcome.status = status
    outcome.version += 1
    outcome.updated_by_id = user.id
    if status == OutcomeStatus.SUBMITTED:
        outcome.submitted_at = utcnow()
    if status == OutcomeStatus.APPROVED:
        outcome.approved_at, outcome.approved_by_id = utcnow(), user.id
    db.session.flush()
    session_id = getattr(outcome, "session_id", None)
    record_revision(outcome.event_id, session_id, outcome.version, snapshot(), user, note)
    db.session.flush()


def history(event_id: int, session_id: int | None) -> list[OutcomeRevision]:
    """The revisions of a session's outcome (or the event's, session_id None), newest first."""
    return db.session.scalars(
        select(OutcomeRevision)
        .where(OutcomeRevision.event_id == event_id, OutcomeRevision.session_id == session_id)
        .options(selectinload(OutcomeRevision.user))
        .order_by(OutcomeRevision.id.desc())
    ).all()


def with_changes(items: list[OutcomeRevision], sections) -> list[dict]:
    """Each revision with the per-section diff against the one before it."""
    result = []
    for index, revision in enumerate(items):
        previous = items[index + 1].snapshot if index + 1 < len(items) else {}
        result.append(
            {
                "revision": revision,
                "note": REVISION_NOTES.get(revision.note or ""),
                "diffs": section_diffs(previous, revision.snapshot, sections),
            }
        )
    return result
