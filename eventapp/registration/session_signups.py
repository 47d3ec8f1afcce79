"""Sessions that require sign-up (working groups, trainings): a place in the session, its
waiting list moving up at once, and what happens to sign-ups when a registration changes.

Every decision about a session's place is taken while the session's row is locked
(`lock_session`), by counting its confirmed sign-ups, as the event's places are under
`settings.lock_event`. Locks are always taken in one order: the event's settings, then the
registration's row, then the session's row, so two writers never wait on each other in a circle.

Who takes a place: a confirmed in-person participant takes one of the session's places (its own
capacity, else its room's; None: no limit). A remote participant does not sit in the room: they
may sign up too (so the facilitators know who is coming and they receive the session's
material), and their sign-up is confirmed at once without counting against the room.

A participant holds at most one confirmed sign-up among sessions that overlap in time. They may
wait in several overlapping sessions; once a place in one is theirs, their waiting in the
others is cancelled (they cannot be in two rooms at once).
"""

from __future__ import annotations

import dataclasses
import functools

from flask_babel import gettext as _
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload

from eventapp.common import utcnow
from eventapp.events.models import EventDay
from eventapp.extensions import db
from eventapp.registration import notify
from eventapp.registration.checks import RegistrationError
from eventapp.registration.models import Mode, Registration, SessionSignup, SignupStatus, Status
from eventapp.sessions.models import EventSession


def _begin_write(connection) -> bool:
    """True on a database with row locks; on SQLite, take the write lock first."""
    if connection.dialect.name != "sqlite":
        return True
    raw = connection.connection.dbapi_connection
    if not raw.in_transaction:  # nothing written yet: take the write lock before reading
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    return False


@functools.cache
def _lock_statement(model, row_lock: bool):
    stmt = select(model).where(model.id == bindparam("id"))
    if row_lock:
        stmt = stmt.with_for_update()
    return stmt.execution_options(populate_existing=True)


def lock_session(session: EventSession) -> EventSession:
    """Lock the session's row for the rest of the transaction and return it fresh.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite: BEGIN IMMEDIATE (the database's write lock)."""
    row_lock = _begin_write(db.session.connection())
    return db.session.scalar(_lock_statement(EventSession, row_lock), {"id": session.id})


def _lock_registration(registration: Registration) -> Registration:
    """The registration's row, locked: one participant's sign-ups are decided one at a time
    (two overlapping sessions signed up for at once would otherwise both succeed)."""
    row_lock = _begin_write(db.session.connection())
    return db.session.scalar(_lock_statement(Registration, row_lock), {"id": registration.id})


@functools.cache
def _confirmed_in_person_statement():
    return (
        select(func.count(SessionSignup.id))
        .join(Registration, Registration.id == SessionSignup.registration_id)
        .where(
            SessionSignup.session_id == bindparam("session_id"),
            SessionSignup.status == SignupStatus.CONFIRMED,
            Registration.mode == Mode.IN_PERSON,
        )
    )


def places_taken(session: EventSession) -> int:
    """Confirmed in-person sign-ups (call under the session's lock to decide on them)."""
    return db.session.scalar(_confirmed_in_person_statement(), {"session_id": session.id}) or 0


def places_left(session: EventSession) -> int | None:
    """Free places now (None: no limit)."""
    if session.places is None:
        return None
    return max(session.places - places_taken(session), 0)


def _takes_place(registration: Registration) -> bool:
    return registration.mode == Mode.IN_PERSON


def _overlap(a: EventSession, b: EventSession) -> bool:
    return (
        a.id != b.id
        and a.day_id == b.day_id
        and a.start_time < b.end_time
        and b.start_time < a.end_time
    )


def _signups_of(registration: Registration) -> list[SessionSignup]:
    return list(
        db.session.scalars(
            select(SessionSignup)
            .where(SessionSignup.registration_id == registration.id)
            .options(selectinload(SessionSignup.session))
            .execution_options(populate_existing=True)
        )
    )


def _refusal(registration: Registration, session: EventSession) -> str | None:
    """Why this registration may not sign up for this session, or None."""
    if not session.signup_required:
        return _("This session does not require sign-up.")
    if registration.event_id != session.event_id or registration.status != Status.CONFIRMED:
        return _("Only confirmed participants of the event can sign up for its sessions.")
    if session.day_id not in {d.id for d in registration.days}:
        return _("You are not registered for the day of this session.")
    return None


def overlap_refusal(registration: Registration, session: EventSession) -> str | None:
    """Why a place in this session would clash with one the participant holds, or None."""
    for signup in _signups_of(registration):
        if signup.status == SignupStatus.CONFIRMED and _overlap(signup.session, session):
            return _(
                "“%(session)s” is at the same time as “%(other)s”, where you have a place: "
                "leave it first.",
                session=session.title,
                other=signup.session.title,
            )
    return None


def _confirm(signup: SessionSignup) -> None:
    signup.status = SignupStatus.CONFIRMED
    signup.confirmed_at = utcnow()
    signup.cancelled_at = None
    # A place in this slot: the person's waiting in overlapping sessions ends.
    for other in _signups_of(signup.registration):
        if other.status == SignupStatus.WAITLISTED and _overlap(other.session, signup.session):
            other.status = SignupStatus.CANCELLED
            other.cancelled_at = utcnow()


def sign_up(registration: Registration, session: EventSession) -> SessionSignup:
    """Give the registration a place in the session, else a place on its waiting list.

    Idempotent: a current sign-up is returned as it is. Raises RegistrationError with the
    reason when the registration may not sign up (or would hold two overlapping places)."""
    registration = _lock_registration(registration)
    session = lock_session(session)
    reason = _refusal(registration, session)
    if reason:
        raise RegistrationError(reason)
    signup = db.session.scalar(
        select(SessionSignup)
        .where(
            SessionSignup.session_id == session.id,
            SessionSignup.registration_id == registration.id,
        )
        .execution_options(populate_existing=True)
    )
    if signup is not None and signup.status != SignupStatus.CANCELLED:
        return signup
    reason = overlap_refusal(registration, session)
    if reason:
        raise RegistrationError(reason)
    free = not _takes_place(registration) or (
        session.places is None or places_taken(session) < session.places
    )
    if signup is None:
        signup = SessionSignup(
            session=session, registration=registration, status=SignupStatus.WAITLISTED
        )
        db.session.add(signup)
    signup.cancelled_at = None
    if free:
        _confirm(signup)
    else:
        signup.status = SignupStatus.WAITLISTED
        signup.waitlisted_at = utcnow()
    db.session.flush()
    return signup


def cancel(registration: Registration, session: EventSession) -> list[SessionSignup]:
    """Leave the session (or its waiting list); a freed place goes to the first waiting, who
    is told at once. Returns the sign-ups promoted."""
    _lock_registration(registration)
    session = lock_session(session)
    signup = db.session.scalar(
        select(SessionSignup)
        .where(
            SessionSignup.session_id == session.id,
            SessionSignup.registration_id == registration.id,
        )
        .execution_options(populate_existing=True)
    )
    if signup is None or signup.status == SignupStatus.CANCELLED:
        return []
    signup.status = SignupStatus.CANCELLED
    signup.cancelled_at = utcnow()
    db.session.flush()
    return promote(session, locked=True)


def chosen_sessions(event, session_ids, day_ids) -> list[EventSession]:
    """The sessions chosen on the registration form, checked before anything is saved: each
    requires sign-up, is on a chosen day, and none overlaps another chosen."""
    wanted = {int(i) for i in session_ids or []}
    if not wanted:
        return []
    sessions = [s for s in signup_sessions(event) if s.id in wanted]
    if len(sessions) != len(wanted):
        raise RegistrationError(_("Choose among the sessions listed."), "session_ids")
    for session in sessions:
        if session.day_id not in set(day_ids):
            raise RegistrationError(
                _("“%(session)s” is on a day you did not choose.", session=session.title),
                "session_ids",
            )
    for i, first in enumerate(sessions):
        for second in sessions[i + 1 :]:
            if _overlap(first, second):
                raise RegistrationError(
                    _(
                        "“%(first)s” and “%(second)s” are at the same time: choose one of them.",
                        first=first.title,
                        second=second.title,
                    ),
                    "session_ids",
                )
    return sessions


def promote(session: EventSession, *, locked=False) -> list[SessionSignup]:
    """Confirm the waiting in order (waitlisted_at, id) while places are free, and tell them."""
    if not locked:
        session = lock_session(session)
    waiting = db.session.scalars(
        select(SessionSignup)
        .join(Registration, Registration.id == SessionSignup.registration_id)
        .where(
            SessionSignup.session_id == session.id,
            SessionSignup.status == SignupStatus.WAITLISTED,
            Registration.status == Status.CONFIRMED,
        )
        .order_by(SessionSignup.waitlisted_at, SessionSignup.id)
        .execution_options(populate_existing=True)
    ).all()
    if not waiting:
        return []
    free = None if session.places is None else session.places - places_taken(session)
    promoted = []
    for signup in waiting:
        takes = _takes_place(signup.registration)
        if takes and free is not None and free <= 0:
            continue  # a remote participant further down may still be confirmed
        if overlap_refusal(signup.registration, session):
            continue
        _confirm(signup)
        promoted.append(signup)
        if takes and free is not None:
            free -= 1
    db.session.flush()
    for signup in promoted:
        notify.send_registration_mail(
            signup.registration, "session_promoted", session_id=signup.session_id
        )
    return promoted


def promote_sessions(session_ids) -> list[SessionSignup]:
    """Promote in each of these sessions (in id order, the order their locks are taken)."""
    promoted = []
    for session_id in sorted(set(session_ids)):
        session = db.session.get(EventSession, session_id)
        if session is not None and session.signup_required:
            promoted += promote(session)
    return promoted


def release_registration(registration: Registration) -> list[SessionSignup]:
    """After a registration was cancelled, rejected, waitlisted or its days changed: its
    sign-ups it may no longer hold are cancelled, and the freed places promoted. Call under
    the event's lock, after the registration's change was flushed."""
    active = registration.status == Status.CONFIRMED
    day_ids = {d.id for d in registration.days}
    freed = []
    for signup in _signups_of(registration):
        if signup.status == SignupStatus.CANCELLED:
            continue
        if active and signup.session.day_id in day_ids:
            continue
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = utcnow()
        freed.append(signup.session_id)
    db.session.flush()
    return promote_sessions(freed)


def mode_changed(registration: Registration) -> list[SessionSignup]:
    """After a registration's mode changed (call under the event's lock, once flushed). Now
    remote: their room places are freed and promoted. Now in person: each place they held
    without counting is kept only if the room has one free; else they wait, last in line."""
    sessions = []
    for signup in _signups_of(registration):
        if signup.status == SignupStatus.CONFIRMED:
            sessions.append(signup.session)
    promoted = []
    for session in sorted(sessions, key=lambda s: s.id):
        session = lock_session(session)
        if not _takes_place(registration):
            promoted += promote(session, locked=True)
        elif session.places is not None and places_taken(session) > session.places:
            signup = current_signups(registration)[session.id]
            signup.status = SignupStatus.WAITLISTED
            signup.waitlisted_at = utcnow()
    db.session.flush()
    return promoted


# --- what pages show -----------------------------------------------------------------------


@dataclasses.dataclass
class SessionPlaces:
    session: EventSession
    places: int | None
    confirmed: int  # in-person confirmed (take places)
    remote: int  # remote confirmed (no place)
    waitlisted: int

    @property
    def left(self) -> int | None:
        return None if self.places is None else max(self.places - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


def places_by_session(sessions) -> dict[int, SessionPlaces]:
    """For each session that requires sign-up: places, confirmed, remote and waiting, in one
    query."""
    sessions = [s for s in sessions if s.signup_required]
    if not sessions:
        return {}
    rows = db.session.execute(
        select(SessionSignup.session_id, SessionSignup.status, Registration.mode, func.count())
        .join(Registration, Registration.id == SessionSignup.registration_id)
        .where(
            SessionSignup.session_id.in_([s.id for s in sessions]),
            SessionSignup.status != SignupStatus.CANCELLED,
        )
        .group_by(SessionSignup.session_id, SessionSignup.status, Registration.mode)
    )
    result = {s.id: SessionPlaces(s, s.places, 0, 0, 0) for s in sessions}
    for session_id, status, mode, count in rows:
        entry = result[session_id]
        if SignupStatus(status) == SignupStatus.WAITLISTED:
            entry.waitlisted += count
        elif Mode(mode) == Mode.IN_PERSON:
            entry.confirmed += count
        else:
            entry.remote += count
    return result


def waiting_position(signup: SessionSignup) -> int | None:
    """1 for the first on the session's waiting list."""
    if signup.status != SignupStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(
        select(func.count(SessionSignup.id)).where(
            SessionSignup.session_id == signup.session_id,
            SessionSignup.status == SignupStatus.WAITLISTED,
            (SessionSignup.waitlisted_at < signup.waitlisted_at)
            | (
                (SessionSignup.waitlisted_at == signup.waitlisted_at)
                & (SessionSignup.id < signup.id)
            ),
        )
    )
    return (ahead or 0) + 1


def signup_sessions(event, day_ids=None) -> list[EventSession]:
    """The event's sessions that require sign-up (on these days), in time order."""
    stmt = (
        select(EventSession)
        .where(EventSession.event_id == event.id, EventSession.signup_required.is_(True))
        .join(EventDay, EventDay.id == EventSession.day_id)
        .options(selectinload(EventSession.room), selectinload(EventSession.day))
        .order_by(EventDay.date, EventSession.start_time, EventSession.id)
    )
    if day_ids is not None:
        stmt = stmt.where(EventSession.day_id.in_(list(day_ids) or [0]))
    return list(db.session.scalars(stmt))


def current_signups(registration: Registration) -> dict[int, SessionSignup]:
    """The registration's sign-ups that are not cancelled, by session id."""
    return {
        s.session_id: s for s in _signups_of(registration) if s.status != SignupStatus.CANCELLED
    }


def confirmed_sessions_of(registration_ids) -> dict[int, list[EventSession]]:
    """{registration id: the sessions they hold a place in, in time order}: one query (for
    badges)."""
    ids = list(registration_ids)
    if not ids:
        return {}
    found: dict[int, list[EventSession]] = {}
    rows = db.session.execute(
        select(SessionSignup.registration_id, EventSession)
        .join(EventSession, EventSession.id == SessionSignup.session_id)
        .join(EventDay, EventDay.id == EventSession.day_id)
        .where(
            SessionSignup.registration_id.in_(ids),
            SessionSignup.status == SignupStatus.CONFIRMED,
        )
        .order_by(EventDay.date, EventSession.start_time, EventSession.id)
    )
    for registration_id, session in rows:
        found.setdefault(registration_id, []).append(session)
    return found
