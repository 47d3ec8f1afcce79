"""Sessions as a participant meets them: a place in a session that requires sign-up
(working groups, trainings), and presence in a session (at its door, or by joining remotely).

A sign-up is given or taken under the lock of the session's row (session_signups.lock_session),
by counting confirmed sign-ups, as the event's places are under the settings row's lock."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.common import enum_column, utcnow
from eventapp.extensions import db
from eventapp.registration.choices import Attendance, SignupStatus


class SessionSignup(db.Model):
    __tablename__ = "session_signups"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "registration_id", name="uq_session_signups"),
        sa.Index("ix_session_signups_session_status", "session_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SignupStatus] = mapped_column(enum_column(SignupStatus))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[dt.datetime | None]
    # The waiting list's order: who waited first is promoted first.
    waitlisted_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]

    session: Mapped[EventSession] = relationship()  # noqa: F821
    registration: Mapped[Registration] = relationship(back_populates="signups")  # noqa: F821


class SessionAttendance(db.Model):
    """A participant was present in a session: checked in at its door, or joined remotely."""

    __tablename__ = "session_attendance"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "registration_id", name="uq_session_attendance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    how: Mapped[Attendance] = mapped_column(enum_column(Attendance))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[EventSession] = relationship()  # noqa: F821
    registration: Mapped[Registration] = relationship()  # noqa: F821
