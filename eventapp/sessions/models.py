"""Rooms, sessions and the people with a role in each session."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp import audit
from eventapp.common import LabelledEnum, TimestampMixin, enum_column
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.versions import Versioned


class SessionKind(LabelledEnum):
    OPENING = "opening"
    PANEL = "panel"
    PLENARY = "plenary"
    DISCUSSION = "discussion"
    WORKING_GROUP = "working_group"
    BREAK = "break"
    CLOSING = "closing"

    @classmethod
    def _labels(cls):
        return {
            "opening": _l("Opening"),
            "panel": _l("Panel"),
            "plenary": _l("Plenary"),
            "discussion": _l("Interactive discussion"),
            "working_group": _l("Working group"),
            "break": _l("Break"),
            "closing": _l("Closing"),
        }


class SessionRoleKind(LabelledEnum):
    CHAIR = "chair"
    MODERATOR = "moderator"
    FACILITATOR = "facilitator"
    PRESENTER = "presenter"
    PANELLIST = "panellist"
    DISCUSSANT = "discussant"
    RAPPORTEUR = "rapporteur"

    @classmethod
    def _labels(cls):
        return {
            "chair": _l("Chair"),
            "moderator": _l("Moderator"),
            "facilitator": _l("Facilitator"),
            "presenter": _l("Presenter"),
            "panellist": _l("Panellist"),
            "discussant": _l("Discussant"),
            "rapporteur": _l("Rapporteur"),
        }

    @property
    def runs_session(self) -> bool:
        return self in (
            SessionRoleKind.CHAIR,
            SessionRoleKind.MODERATOR,
            SessionRoleKind.FACILITATOR,
        )


class Room(Versioned, db.Model):
    __tablename__ = "rooms"
    __table_args__ = (sa.UniqueConstraint("event_id", "name", name="uq_rooms_event_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    capacity: Mapped[int | None]
    video_link: Mapped[str | None] = mapped_column(sa.String(500))

    event: Mapped[Event] = relationship(back_populates="rooms")  # noqa: F821


class EventSession(TimestampMixin, Versioned, db.Model):
    """A timed block of an event day, in a room. Times are in the event's time zone."""

    __tablename__ = "sessions"
    __table_args__ = (
        sa.CheckConstraint("end_time > start_time", name="ends_after_start"),
        sa.Index("ix_sessions_day_start", "day_id", "start_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("event_days.id", ondelete="CASCADE"))
    room_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("rooms.id", ondelete="SET NULL"), index=True
    )
    start_time: Mapped[dt.time]
    end_time: Mapped[dt.time]
    kind: Mapped[SessionKind] = mapped_column(enum_column(SessionKind))
    title_ar: Mapped[str | None] = mapped_column(sa.String(300))
    title_en: Mapped[str | None] = mapped_column(sa.String(300))
    description_ar: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    guiding_question_ar: Mapped[str | None] = mapped_column(sa.Text)
    guiding_question_en: Mapped[str | None] = mapped_column(sa.Text)

    event: Mapped[Event] = relationship(back_populates="sessions")  # noqa: F821
    day: Mapped[EventDay] = relationship(back_populates="sessions")  # noqa: F821
    room: Mapped[Room | None] = relationship()
    people: Mapped[list[SessionPerson]] = relationship(
        back_populates="session", order_by="SessionPerson.position", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def guiding_question(self) -> str:
        return localized(self, "guiding_question")

    @property
    def starts_at(self) -> dt.datetime:
        """Start as an aware datetime in the event's time zone."""
        return dt.datetime.combine(self.day.date, self.start_time, tzinfo=self.event.zone)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.day.date, self.end_time, tzinfo=self.event.zone)

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def people_in(self, *roles: SessionRoleKind) -> list[SessionPerson]:
        return [p for p in self.people if p.role in roles]

    def overlaps(self, other: EventSession) -> bool:
        return (
            self.day_id == other.day_id
            and self.start_time < other.end_time
            and other.start_time < self.end_time
        )


class SessionPerson(db.Model):
    """A person's role in a session, in the order they are listed."""

    __tablename__ = "session_people"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "person_id", "role", name="uq_session_people"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(
        sa.ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[SessionRoleKind] = mapped_column(enum_column(SessionRoleKind))
    position: Mapped[int] = mapped_column(default=0)

    session: Mapped[EventSession] = relationship(back_populates="people")
    person: Mapped[Person] = relationship()  # noqa: F821


def _audit() -> None:
    # A video link may carry the meeting's passcode: its change is logged, not its value.
    audit.track(Room, "room", hidden={"video_link"})
    audit.track(EventSession, "session")
    audit.track(SessionPerson, "session_person", event_of=audit.via("session"))


_audit()
