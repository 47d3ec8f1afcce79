"""A general assembly's record of the vote on each agenda item (a session): for, against,
abstaining, as the chair counted them. Not a voting system: a record, checked against the
members present (asked of registration) and kept against lost updates (versions.py)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from eventapp import signals
from eventapp.common import DomainError
from eventapp.events import assembly
from eventapp.events.models import Event, GeneralAssembly, QuorumKind
from eventapp.extensions import db
from eventapp.outcomes.models import SessionVote
from eventapp.outcomes.revisions import cleaned
from eventapp.outcomes.session_outcomes import ensure_session_editable
from eventapp.sessions.models import EventSession

VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstaining")


def attendance(event: Event) -> dict | None:
    """Who is present against the roll (registration answers); None if not an assembly."""
    return signals.answer(signals.assembly_attendance_asked, event)


def vote_of(session: EventSession) -> SessionVote | None:
    return db.session.scalar(select(SessionVote).where(SessionVote.session_id == session.id))


def votes_by_session(event: Event) -> dict[int, SessionVote]:
    return {
        v.session_id: v
        for v in db.session.scalars(select(SessionVote).where(SessionVote.event_id == event.id))
    }


def new_vote(session: EventSession) -> SessionVote:
    """A row for the first save, at version 0: the version a form shows before any vote, so
    that of two first saves from forms opened before either, the second is refused."""
    row = SessionVote(event_id=session.event_id, session_id=session.id, version=0)
    db.session.add(row)
    db.session.flush()
    return row


def new_assembly(event: Event) -> GeneralAssembly:
    """As new_vote: the row of a first save of the assembly settings, at version 0."""
    row = GeneralAssembly(event_id=event.id, version=0)
    db.session.add(row)
    db.session.flush()
    return row


def save_vote(session: EventSession, data: dict) -> SessionVote:
    """Record the vote (the caller claimed the row's version when it existed)."""
    ensure_session_editable(session.id)
    counts = {name: data.get(name) or 0 for name in VOTE_FIELDS}
    for name, value in counts.items():
        if value < 0:
            raise DomainError(_("A number of votes cannot be negative."), name)
    present = attendance(session.event)
    total = sum(counts.values())
    if present is not None and total > present["present"]:
        raise DomainError(
            ngettext(
                "The votes add up to %(total)s, more than the %(num)s member present.",
                "The votes add up to %(total)s, more than the %(num)s members present.",
                present["present"],
                total=total,
            ),
            "votes_for",
        )
    row = vote_of(session)
    if row is None:
        row = SessionVote(event_id=session.event_id, session_id=session.id)
        db.session.add(row)
    for name, value in counts.items():
        setattr(row, name, value)
    db.session.flush()
    return row


def save_assembly(event: Event, data: dict) -> GeneralAssembly | None:
    """Make the event a general assembly (or no longer one) with its quorum rule."""
    row = assembly.assembly_of(event)
    if not data.get("is_assembly"):
        if row is not None:
            db.session.delete(row)
            db.session.flush()
        return None
    kind = QuorumKind(data.get("quorum_kind") or "majority")
    value = assembly.check_rule(kind, data.get("quorum_value"))
    if row is None:
        row = GeneralAssembly(event_id=event.id)
        db.session.add(row)
    row.quorum_kind = kind
    row.quorum_value = value
    row.chair_name = cleaned(data.get("chair_name"))
    row.secretary_name = cleaned(data.get("secretary_name"))
    db.session.flush()
    return row
