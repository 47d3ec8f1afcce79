"""Rooms, sessions and the people with a role in each session."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from eventapp import audit
from eventapp.common import LabelledEnum, TimestampMixin, enum_column
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.people import gendered
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

    def label_for(self, form) -> str:
        """The role said of a person with this form of address («الميسّرة», «الميسّر», or
        neutral «تيسير الجلسة»), for a role shown next to a person (eventapp.people.gendered).
        ``label`` stays the role's own name, for headings that speak of the role."""
        feminine, masculine, neutral = _role_wordings()[self.value]
        return gendered(form, feminine=feminine, masculine=masculine, neutral=neutral)

    @property
    def runs_session(self) -> bool:
        return self in (
            SessionRoleKind.CHAIR,
            SessionRoleKind.MODERATOR,
            SessionRoleKind.FACILITATOR,
        )


_ROLE_WORDINGS: dict = {}


def _role_wordings() -> dict:
    """{role: (feminine, masculine, neutral)} lazy strings, made once."""
    if not _ROLE_WORDINGS:
        _ROLE_WORDINGS.update(
            {
                "chair": (
                    lazy_pgettext("feminine", "Chair"),
                    lazy_pgettext("masculine", "Chair"),
                    lazy_pgettext("neutral", "Chair"),
                ),
                "moderator": (
                    lazy_pgettext("feminine", "Moderator"),
                    lazy_pgettext("masculine", "Moderator"),
                    lazy_pgettext("neutral", "Moderator"),
                ),
                "facilitator": (
                    lazy_pgettext("feminine", "Facilitator"),
                    lazy_pgettext("masculine", "Facilitator"),
                    lazy_pgettext("neutral", "Facilitator"),
                ),
                "presenter": (
                    lazy_pgettext("feminine", "Presenter"),
                    lazy_pgettext("masculine", "Presenter"),
                    lazy_pgettext("neutral", "Presenter"),
                ),
                "panellist": (
                    lazy_pgettext("feminine", "Panellist"),
                    lazy_pgettext("masculine", "Panellist"),
                    lazy_pgettext("neutral", "Panellist"),
                ),
                "discussant": (
                    lazy_pgettext("feminine", "Discussant"),
                    lazy_pgettext("masculine", "Discussant"),
                    lazy_pgettext("neutral", "Discussant"),
                ),
                "rapporteur": (
                    lazy_pgettext("feminine", "Rapporteur"),
                    lazy_pgettext("masculine", "Rapporteur"),
                    lazy_pgettext("neutral", "Rapporteur"),
                ),
            }
        )
    return _ROLE_WORDINGS


# The languages a session is held or interpreted in, and an intervention is given in.
LANGUAGES = {
    "ar": _l("Arabic"),
    "en": _l("English"),
    "fr": _l("French"),
    "es": _l("Spanish"),
    "other": _l("Other language"),
}


class Room(Versioned, db.Model):
    __tablename__ = "rooms"
    __table_args__ = (sa.UniqueConstraint("event_id", "name", name="uq_rooms_event_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    # The Arabic name; name_en its English (see eventapp.outcomes.models on bilingual texts).
    name: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str | None] = mapped_column(sa.String(120))
    name_ar = synonym("name")
    capacity: Mapped[int | None]
    video_link: Mapped[str | None] = mapped_column(sa.String(500))

    event: Mapped[Event] = relationship(back_populates="rooms")  # noqa: F821

    @property
    def label(self) -> str:
        """The room's name in the reader's language (the other one when it has none)."""
        return localized(self, "name")


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
    # The session's own joining link (private, like the room's, which it replaces when set).
    video_link: Mapped[str | None] = mapped_column(sa.String(500))
    # Working groups and trainings: participants sign up for the session itself, within its
    # own capacity (the room's when none is set); see registration.session_signups.
    signup_required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    signup_capacity: Mapped[int | None]

    event: Mapped[Event] = relationship(back_populates="sessions")  # noqa: F821
    day: Mapped[EventDay] = relationship(back_populates="sessions")  # noqa: F821
    room: Mapped[Room | None] = relationship()
    people: Mapped[list[SessionPerson]] = relationship(
        back_populates="session", order_by="SessionPerson.position", cascade="all, delete-orphan"
    )
    channels: Mapped[list[SessionChannel]] = relationship(
        back_populates="session", order_by="SessionChannel.position", cascade="all, delete-orphan"
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

    @property
    def joining_link(self) -> str | None:
        """The session's own joining link, else its room's (private: staff and confirmed
        remote participants only)."""
        return self.video_link or (self.room.video_link if self.room is not None else None)

    @property
    def places(self) -> int | None:
        """How many may sign up: the session's own capacity, else its room's (None: no limit)."""
        if self.signup_capacity is not None:
            return self.signup_capacity
        return self.room.capacity if self.room is not None else None

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


class SessionChannel(db.Model):
    """A language of the session: the floor language or an interpretation channel, with the
    link or channel number remote participants use to hear it (private, like video links)."""

    __tablename__ = "session_channels"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "language", name="uq_session_channels_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    language: Mapped[str] = mapped_column(sa.String(8))  # a key of LANGUAGES
    # A URL or a channel number ("Channel 2"); empty for the floor language in the room.
    channel: Mapped[str | None] = mapped_column(sa.String(500))

    session: Mapped[EventSession] = relationship(back_populates="channels")

    @property
    def language_label(self) -> str:
        return str(LANGUAGES.get(self.language, self.language))


def _audit() -> None:
    # A video link may carry the meeting's passcode: its change is logged, not its value.
    audit.track(Room, "room", hidden={"video_link"})
    audit.track(EventSession, "session", hidden={"video_link"})
    audit.track(
        SessionChannel, "session_channel", hidden={"channel"}, event_of=audit.via("session")
    )
    audit.track(SessionPerson, "session_person", event_of=audit.via("session"))


_audit()
