"""What the public form of an event shows: its registration settings (the row that is locked
while a place is given or taken: see settings.lock_event), its day limits and its questions.

The public form is kept per content version of the event (core's eventapp/content_versions.py):
changing these rows is a change of what the event shows, so they are tracked here."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.common import enum_column
from eventapp.events import content_version
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.registration.choices import MemberLimit, Mode, QuestionKind
from eventapp.versions import Versioned


class RegistrationSettings(Versioned, db.Model):
    """How an event takes registrations. One row per event; the row that is locked."""

    __tablename__ = "registration_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    is_open: Mapped[bool] = mapped_column(default=False)
    opens_on: Mapped[dt.date | None]
    closes_on: Mapped[dt.date | None]
    offer_in_person: Mapped[bool] = mapped_column(default=True)
    offer_remote: Mapped[bool] = mapped_column(default=False)
    # None: no limit.
    capacity_in_person: Mapped[int | None]
    capacity_remote: Mapped[int | None]
    requires_approval: Mapped[bool] = mapped_column(default=False)
    invitation_only: Mapped[bool] = mapped_column(default=False)
    waitlist_enabled: Mapped[bool] = mapped_column(default=True)
    # {"guest": [day_id, ...]}: a category missing here may attend every day.
    category_days: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # Categories offered on the public form (invitations and organisers may use any).
    public_categories: Mapped[list] = mapped_column(sa.JSON, default=list)
    # Who may register (besides invitation_only): members of the organiser in good standing,
    # or of some membership categories (their codes), and an age range on the first day.
    member_limit: Mapped[MemberLimit] = mapped_column(
        enum_column(MemberLimit), default=MemberLimit.NONE, server_default="none"
    )
    member_categories: Mapped[list | None] = mapped_column(sa.JSON, default=list)
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]
    ask_accessibility: Mapped[bool] = mapped_column(default=True)
    ask_interpretation: Mapped[bool] = mapped_column(default=True)
    # For remote participants (their e-mail and personal page): how to join and ask to speak,
    # and the technical check before the event (a time in the event's zone and its link).
    remote_instructions_ar: Mapped[str | None] = mapped_column(sa.Text)
    remote_instructions_en: Mapped[str | None] = mapped_column(sa.Text)
    technical_check_at: Mapped[dt.datetime | None]  # naive, in the event's time zone
    technical_check_link: Mapped[str | None] = mapped_column(sa.String(500))
    # Personal data of the event is purged this many days after its last day (None: never).
    purge_after_days: Mapped[int | None]
    purged_at: Mapped[dt.datetime | None]

    event: Mapped[Event] = relationship()  # noqa: F821
    day_capacities: Mapped[list[DayCapacity]] = relationship(
        back_populates="settings", cascade="all, delete-orphan"
    )

    def capacity_for_day(self, day_id: int) -> int | None:
        return next((d.capacity for d in self.day_capacities if d.day_id == day_id), None)

    def days_for_category(self, category) -> list[int] | None:
        days = (self.category_days or {}).get(getattr(category, "value", category))
        return list(days) if days else None

    def offered_categories(self, categories) -> list:
        """Of the event's categories (members.participants), those the public form offers."""
        chosen = set(self.public_categories or [])
        return [c for c in categories if not chosen or c.code in chosen]

    @property
    def remote_instructions(self) -> str:
        return localized(self, "remote_instructions")

    @property
    def asks_birth_year(self) -> bool:
        return self.min_age is not None or self.max_age is not None

    def offered_modes(self) -> list[Mode]:
        modes = []
        if self.offer_in_person:
            modes.append(Mode.IN_PERSON)
        if self.offer_remote:
            modes.append(Mode.REMOTE)
        return modes


class DayCapacity(db.Model):
    """An optional limit of in-person participants on one day (a smaller room, a site visit)."""

    __tablename__ = "registration_day_capacities"
    __table_args__ = (sa.UniqueConstraint("settings_id", "day_id", name="uq_registration_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    settings_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration_settings.id", ondelete="CASCADE")
    )
    day_id: Mapped[int] = mapped_column(sa.ForeignKey("event_days.id", ondelete="CASCADE"))
    capacity: Mapped[int]

    settings: Mapped[RegistrationSettings] = relationship(back_populates="day_capacities")


class Question(db.Model):
    """A question the organiser adds to the form (dietary needs, arrival date ...)."""

    __tablename__ = "registration_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    label_ar: Mapped[str | None] = mapped_column(sa.String(300))
    label_en: Mapped[str | None] = mapped_column(sa.String(300))
    # One choice per line, "عربي | English".
    choices_text: Mapped[str | None] = mapped_column(sa.Text)
    required: Mapped[bool] = mapped_column(default=False)

    @property
    def label(self) -> str:
        return localized(self, "label")

    def choices(self, language: str) -> list[tuple[str, str]]:
        """(stored value, label in the reader's language); the value is the first text."""
        result = []
        for line in (self.choices_text or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if not parts[0]:
                continue
            label = parts[1] if language == "en" and len(parts) > 1 and parts[1] else parts[0]
            result.append((parts[0], label))
        return result


def _event_of(session, obj) -> set[int]:
    if isinstance(obj, DayCapacity):
        settings = obj.settings or session.get(RegistrationSettings, obj.settings_id)
        return {settings.event_id} if settings is not None and settings.event_id else set()
    return {obj.event_id} if obj.event_id else set()


def _track_form_changes() -> None:
    for model in (RegistrationSettings, DayCapacity, Question):
        content_version.track(model, _event_of)


_track_form_changes()
