"""Events, their days, the organisations taking part, objectives and expected outputs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp import audit
from eventapp.common import LabelledEnum, TimestampMixin, enum_column, utcnow
from eventapp.extensions import db
from eventapp.i18n import current_language, localized
from eventapp.versions import Versioned


class EventKind(LabelledEnum):
    CONFERENCE = "conference"
    CONSULTATIVE_WORKSHOP = "consultative_workshop"
    MEETING = "meeting"
    TRAINING = "training"
    SIDE_EVENT = "side_event"

    @classmethod
    def _labels(cls):
        return {
            "conference": _l("Conference"),
            "consultative_workshop": _l("Consultative workshop"),
            "meeting": _l("Meeting"),
            "training": _l("Training"),
            "side_event": _l("Side event"),
        }


class EventStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @classmethod
    def _labels(cls):
        return {"draft": _l("Draft"), "published": _l("Published"), "archived": _l("Archived")}


class AttendanceMode(LabelledEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    @classmethod
    def _labels(cls):
        return {"in_person": _l("In person"), "online": _l("Online"), "hybrid": _l("Hybrid")}


class PartnerRole(LabelledEnum):
    ORGANISER = "organiser"
    PARTNER = "partner"
    HOST = "host"
    SPONSOR = "sponsor"

    @classmethod
    def _labels(cls):
        return {
            "organiser": _l("Organiser"),
            "partner": _l("Partner"),
            "host": _l("Host"),
            "sponsor": _l("Sponsor"),
        }


class GoalKind(LabelledEnum):
    OBJECTIVE = "objective"
    EXPECTED_OUTPUT = "expected_output"

    @classmethod
    def _labels(cls):
        return {"objective": _l("Objective"), "expected_output": _l("Expected output")}


class EventSeries(TimestampMixin, Versioned, db.Model):
    """Events of one organisation that recur: an annual conference, a training cycle, youth
    workshops. Its editions are the events that name it."""

    __tablename__ = "event_series"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "slug", name="uq_event_series_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(sa.String(80))
    title_ar: Mapped[str | None] = mapped_column(sa.String(300))
    title_en: Mapped[str | None] = mapped_column(sa.String(300))
    description_ar: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)

    organisation: Mapped[Organisation] = relationship()  # noqa: F821
    editions: Mapped[list[Event]] = relationship(
        back_populates="series", order_by="Event.first_day.desc()"
    )

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Event(TimestampMixin, Versioned, db.Model):
    __tablename__ = "events"
    __table_args__ = (sa.CheckConstraint("last_day >= first_day", name="days_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus), default=EventStatus.DRAFT, index=True
    )
    title_ar: Mapped[str | None] = mapped_column(sa.String(300))
    title_en: Mapped[str | None] = mapped_column(sa.String(300))
    description_ar: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    venue_ar: Mapped[str | None] = mapped_column(sa.String(300))
    venue_en: Mapped[str | None] = mapped_column(sa.String(300))
    city_ar: Mapped[str | None] = mapped_column(sa.String(120))
    city_en: Mapped[str | None] = mapped_column(sa.String(120))
    country: Mapped[str | None] = mapped_column(sa.String(100))
    attendance_mode: Mapped[AttendanceMode] = mapped_column(
        enum_column(AttendanceMode), default=AttendanceMode.IN_PERSON
    )
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    first_day: Mapped[dt.date]
    last_day: Mapped[dt.date]
    show_hijri: Mapped[bool] = mapped_column(default=False)
    use_arabic_digits: Mapped[bool] = mapped_column(default=False)
    # The organisation that runs the event: its staff organise it (auth.permissions). Partners,
    # hosts and sponsors are in `partners`.
    organiser_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("event_series.id", ondelete="SET NULL"), index=True
    )
    # Bumped by eventapp.events.content_version whenever anything the event shows changes:
    # the key of the agenda caches, ETag and Last-Modified.
    content_version: Mapped[int] = mapped_column(default=1, server_default="1")
    agenda_changed_at: Mapped[dt.datetime] = mapped_column(
        default=utcnow, server_default=sa.func.current_timestamp()
    )

    organiser: Mapped[Organisation | None] = relationship()  # noqa: F821
    series: Mapped[EventSeries | None] = relationship(back_populates="editions")
    days: Mapped[list[EventDay]] = relationship(
        back_populates="event", order_by="EventDay.date", cascade="all, delete-orphan"
    )
    partners: Mapped[list[EventOrganisation]] = relationship(
        back_populates="event",
        order_by="EventOrganisation.position",
        cascade="all, delete-orphan",
    )
    goals: Mapped[list[EventGoal]] = relationship(
        back_populates="event", order_by="EventGoal.position", cascade="all, delete-orphan"
    )
    rooms: Mapped[list[Room]] = relationship(  # noqa: F821
        back_populates="event", order_by="Room.name", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[EventSession]] = relationship(  # noqa: F821
        back_populates="event", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def venue(self) -> str:
        return localized(self, "venue")

    @property
    def city(self) -> str:
        return localized(self, "city")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def is_archived(self) -> bool:
        return self.status == EventStatus.ARCHIVED

    def objectives(self) -> list[EventGoal]:
        return [g for g in self.goals if g.kind == GoalKind.OBJECTIVE]

    def expected_outputs(self) -> list[EventGoal]:
        return [g for g in self.goals if g.kind == GoalKind.EXPECTED_OUTPUT]

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class EventDay(Versioned, db.Model):
    __tablename__ = "event_days"
    __table_args__ = (sa.UniqueConstraint("event_id", "date", name="uq_event_days_event_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    date: Mapped[dt.date]
    title_ar: Mapped[str | None] = mapped_column(sa.String(300))
    title_en: Mapped[str | None] = mapped_column(sa.String(300))
    notes_ar: Mapped[str | None] = mapped_column(sa.Text)
    notes_en: Mapped[str | None] = mapped_column(sa.Text)
    # A day held elsewhere than the event (workshops across governorates): its own venue and
    # city, overriding the event's where given.
    venue_ar: Mapped[str | None] = mapped_column(sa.String(300))
    venue_en: Mapped[str | None] = mapped_column(sa.String(300))
    city_ar: Mapped[str | None] = mapped_column(sa.String(120))
    city_en: Mapped[str | None] = mapped_column(sa.String(120))

    event: Mapped[Event] = relationship(back_populates="days")
    sessions: Mapped[list[EventSession]] = relationship(  # noqa: F821
        back_populates="day", order_by="EventSession.start_time", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def notes(self) -> str:
        return localized(self, "notes")

    @property
    def number(self) -> int:
        """Its position among the event's days (1, 2, 3, 4 for four Saturdays), not the
        distance from the first day: an event's days are chosen dates, not always a range."""
        return sorted(d.date for d in self.event.days).index(self.date) + 1

    # The day's own place (workshops across governorates), falling back to the event's. Not
    # to be confused with `title` and `notes`, which are the day's own only.
    @property
    def venue(self) -> str:
        return localized(self, "venue") or self.event.venue

    @property
    def city(self) -> str:
        return localized(self, "city") or self.event.city

    @property
    def has_own_place(self) -> bool:
        """Whether the day is held elsewhere than the event (so pages should say where)."""
        own = any((self.venue_ar, self.venue_en, self.city_ar, self.city_en))
        return own and (self.venue, self.city) != (self.event.venue, self.event.city)

    @property
    def place(self) -> str:
        """The day's venue and city in the reader's language ("" when it is the event's)."""
        if not self.has_own_place:
            return ""
        separator = "، " if current_language() == "ar" else ", "
        return separator.join(p for p in dict.fromkeys((self.venue, self.city)) if p)


class EventOrganisation(db.Model):
    """An organisation taking part in running the event (organiser, partner, host, sponsor)."""

    __tablename__ = "event_organisations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "organisation_id", "role", name="uq_event_organisations"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[PartnerRole] = mapped_column(enum_column(PartnerRole))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="partners")
    organisation: Mapped[Organisation] = relationship()  # noqa: F821


class EventGoal(Versioned, db.Model):
    """An objective or an expected output of an event, in order."""

    __tablename__ = "event_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[GoalKind] = mapped_column(enum_column(GoalKind))
    position: Mapped[int] = mapped_column(default=0)
    text_ar: Mapped[str | None] = mapped_column(sa.Text)
    text_en: Mapped[str | None] = mapped_column(sa.Text)

    event: Mapped[Event] = relationship(back_populates="goals")

    @property
    def text(self) -> str:
        return localized(self, "text")


class QuorumKind(LabelledEnum):
    MAJORITY = "majority"
    COUNT = "count"
    PERCENT = "percent"

    @classmethod
    def _labels(cls):
        return {
            "majority": _l("Half of the voting members plus one"),
            "count": _l("A number of members"),
            "percent": _l("A percentage of the voting members"),
        }


class GeneralAssembly(Versioned, db.Model):
    """The event is a general assembly of its organiser's members: its quorum rule (counted
    against the voting members in good standing on the first day) and who signs the minutes.
    The services are in eventapp.events.assembly."""

    __tablename__ = "general_assemblies"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    quorum_kind: Mapped[QuorumKind] = mapped_column(
        enum_column(QuorumKind), default=QuorumKind.MAJORITY
    )
    # The number of members (COUNT) or the percentage (PERCENT); unused for MAJORITY.
    quorum_value: Mapped[int | None]
    chair_name: Mapped[str | None] = mapped_column(sa.String(200))
    secretary_name: Mapped[str | None] = mapped_column(sa.String(200))

    event: Mapped[Event] = relationship()


def _audit() -> None:
    audit.track(Event, "event", event_of=audit.itself)
    audit.track(GeneralAssembly, "general_assembly")
    audit.track(EventSeries, "series", event_of=lambda _session, _series: None)
    audit.track(EventDay, "day")
    audit.track(EventOrganisation, "partner")
    audit.track(EventGoal, "goal")


_audit()
