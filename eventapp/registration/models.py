"""Registrations, their settings per event, invitations and check-ins.

The `registration_settings` row of an event is the row that is locked while a place is given
or taken (see services.lock_event): every decision about capacity is made under that lock,
by counting confirmed registrations, so the count can never drift from the rows.
"""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.background import JobStatus
from eventapp.common import LabelledEnum, TimestampMixin, enum_column, utcnow
from eventapp.events import content_version
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.versions import Versioned


def _once(build):
    """`_labels` built once per class: its lazy strings are translated when shown."""
    cache = {}

    def labels(cls):
        if cls not in cache:
            cache[cls] = build(cls)
        return cache[cls]

    return classmethod(labels)


class Category(LabelledEnum):
    DELEGATE = "delegate"
    EXPERT = "expert"
    OBSERVER = "observer"
    MEDIA = "media"
    STAFF = "staff"
    GUEST = "guest"

    @_once
    def _labels(cls):
        return {
            "delegate": _l("Delegate"),
            "expert": _l("Expert"),
            "observer": _l("Observer"),
            "media": _l("Media"),
            "staff": _l("Staff"),
            "guest": _l("Guest"),
        }

    @property
    def colour(self) -> str:
        """Badge colour of the category (printed on badges, shown in lists)."""
        return CATEGORY_COLOURS[self.value]


CATEGORY_COLOURS = {
    "delegate": "#0b5d4b",
    "expert": "#1f4e9c",
    "observer": "#6b6b6b",
    "media": "#b3541e",
    "staff": "#7a1f5c",
    "guest": "#9a7b00",
}


class Status(LabelledEnum):
    PENDING = "pending"  # waits for the organiser's approval; holds no place
    CONFIRMED = "confirmed"  # holds a place
    WAITLISTED = "waitlisted"  # waits for a place, in order
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @_once
    def _labels(cls):
        return {
            "pending": _l("Awaiting approval"),
            "confirmed": _l("Confirmed"),
            "waitlisted": _l("On the waiting list"),
            "rejected": _l("Not accepted"),
            "cancelled": _l("Cancelled"),
        }


class Mode(LabelledEnum):
    IN_PERSON = "in_person"
    REMOTE = "remote"

    @_once
    def _labels(cls):
        return {"in_person": _l("In person"), "remote": _l("Remotely")}


class ListVisibility(LabelledEnum):
    NOBODY = "nobody"
    PARTICIPANTS = "participants"
    PUBLIC = "public"

    @_once
    def _labels(cls):
        return {
            "nobody": _l("Nobody (only the organisers)"),
            "participants": _l("Other participants of the event"),
            "public": _l("Everyone (public list)"),
        }


class ReportNaming(LabelledEnum):
    NAME = "name"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"

    @_once
    def _labels(cls):
        return {
            "name": _l("By my name and organisation"),
            "organisation": _l("By my organisation only"),
            "anonymous": _l("Anonymously"),
        }


class QuestionKind(LabelledEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    YES_NO = "yes_no"
    CHOICE = "choice"

    @_once
    def _labels(cls):
        return {
            "text": _l("Short answer"),
            "long_text": _l("Long answer"),
            "yes_no": _l("Yes or no"),
            "choice": _l("One choice from a list"),
        }


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
    ask_accessibility: Mapped[bool] = mapped_column(default=True)
    ask_interpretation: Mapped[bool] = mapped_column(default=True)
    # Personal data of the event is purged this many days after its last day (None: never).
    purge_after_days: Mapped[int | None]
    purged_at: Mapped[dt.datetime | None]

    event: Mapped[Event] = relationship()  # noqa: F821
    day_capacities: Mapped[list[DayCapacity]] = relationship(
        back_populates="settings", cascade="all, delete-orphan"
    )

    def capacity_for_day(self, day_id: int) -> int | None:
        return next((d.capacity for d in self.day_capacities if d.day_id == day_id), None)

    def days_for_category(self, category: Category | str) -> list[int] | None:
        value = category.value if isinstance(category, Category) else category
        days = (self.category_days or {}).get(value)
        return list(days) if days else None

    def offered_categories(self) -> list[Category]:
        chosen = set(self.public_categories or [])
        return [c for c in Category if not chosen or c.value in chosen]

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


def _new_code() -> str:
    return secrets.token_urlsafe(9)


def _checkin_code() -> str:
    # Unambiguous letters and digits, easy to read aloud and to type at the door.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


registration_days = sa.Table(
    "registration_days",
    db.metadata,
    sa.Column(
        "registration_id",
        sa.ForeignKey("registrations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("day_id", sa.ForeignKey("event_days.id", ondelete="CASCADE"), primary_key=True),
)


class Invitation(TimestampMixin, db.Model):
    """An invitation link/code: for one e-mail (used once) or for many uses, with presets."""

    __tablename__ = "registration_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(sa.String(40), unique=True, default=_new_code)
    label: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    max_uses: Mapped[int | None]  # None: unlimited; 1 for a personal invitation
    uses: Mapped[int] = mapped_column(default=0)
    category: Mapped[Category | None] = mapped_column(enum_column(Category))
    mode: Mapped[Mode | None] = mapped_column(enum_column(Mode))
    day_ids: Mapped[list] = mapped_column(sa.JSON, default=list)  # empty: any day
    expires_at: Mapped[dt.datetime | None]  # UTC
    revoked: Mapped[bool] = mapped_column(default=False)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= utcnow()

    @property
    def is_used_up(self) -> bool:
        return self.max_uses is not None and self.uses >= self.max_uses


class Registration(TimestampMixin, Versioned, db.Model):
    __tablename__ = "registrations"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "email", name="uq_registrations_event_email"),
        sa.Index("ix_registrations_event_status", "event_id", "status", "mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    status: Mapped[Status] = mapped_column(enum_column(Status), default=Status.PENDING)
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    # NULL once the event's personal data is purged.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    # An organisation typed by the participant, not (yet) in the shared directory.
    organisation_name: Mapped[str | None] = mapped_column(sa.String(300))
    position: Mapped[str | None] = mapped_column(sa.String(300))
    category: Mapped[Category] = mapped_column(enum_column(Category))
    mode: Mapped[Mode] = mapped_column(enum_column(Mode))
    accessibility_needs: Mapped[str | None] = mapped_column(sa.Text)
    interpretation_needs: Mapped[str | None] = mapped_column(sa.Text)
    list_visibility: Mapped[ListVisibility] = mapped_column(
        enum_column(ListVisibility), default=ListVisibility.NOBODY
    )
    report_naming: Mapped[ReportNaming] = mapped_column(
        enum_column(ReportNaming), default=ReportNaming.NAME
    )
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    locale: Mapped[str] = mapped_column(sa.String(8), default="ar")
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registration_invitations.id", ondelete="SET NULL"), index=True
    )
    checkin_code: Mapped[str] = mapped_column(sa.String(16), unique=True, default=_checkin_code)
    # Raised to invalidate every personal link sent so far.
    link_version: Mapped[int] = mapped_column(default=1)
    added_by_organiser: Mapped[bool] = mapped_column(default=False)
    confirmed_at: Mapped[dt.datetime | None]
    waitlisted_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    organiser_note: Mapped[str | None] = mapped_column(sa.Text)

    event: Mapped[Event] = relationship()  # noqa: F821
    organisation: Mapped[Organisation | None] = relationship()  # noqa: F821
    invitation: Mapped[Invitation | None] = relationship()
    days: Mapped[list[EventDay]] = relationship(  # noqa: F821
        secondary=registration_days, order_by="EventDay.date"
    )
    checkins: Mapped[list[CheckIn]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def organisation_label(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        return self.organisation_name or ""

    def checked_in_on(self, day_id: int) -> CheckIn | None:
        return next((c for c in self.checkins if c.day_id == day_id), None)

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status.value}>"


class CheckIn(db.Model):
    """A participant arrived on a day. One row per person and day."""

    __tablename__ = "registration_checkins"
    __table_args__ = (sa.UniqueConstraint("registration_id", "day_id", name="uq_checkin_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE")
    )
    day_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_days.id", ondelete="CASCADE"), index=True
    )
    checked_in_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    registration: Mapped[Registration] = relationship(back_populates="checkins")
    day: Mapped[EventDay] = relationship()  # noqa: F821


class ImportJob(db.Model):
    """An import of invitations from a CSV file, run in the background (registration.imports).

    The file is kept only until the job has read it; what stays is the result: how many
    invitations were made and each refused line with its number and reason (``refused``: a
    list of {"line", "code", "value"}, worded in the reader's language when shown)."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    filename: Mapped[str] = mapped_column(sa.String(255), default="")
    content: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    all_or_nothing: Mapped[bool] = mapped_column(default=False)
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.QUEUED)
    progress: Mapped[int] = mapped_column(default=0)
    rows: Mapped[int] = mapped_column(default=0)
    imported: Mapped[int] = mapped_column(default=0)
    refused: Mapped[list] = mapped_column(sa.JSON, default=list)
    error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]


# The public form shows the settings, day limits and questions: changing them is a change of
# what the event shows, which is the key of the kept form page (views._blank_form_key).
def _event_of(session, obj) -> set[int]:
    if isinstance(obj, DayCapacity):
        settings = obj.settings or session.get(RegistrationSettings, obj.settings_id)
        return {settings.event_id} if settings is not None and settings.event_id else set()
    return {obj.event_id} if obj.event_id else set()


def _track_form_changes() -> None:
    for model in (RegistrationSettings, DayCapacity, Question):
        content_version.track(model, _event_of)


_track_form_changes()


def _audit() -> None:
    from eventapp import audit

    audit.track(RegistrationSettings, "registration_settings")
    audit.track(DayCapacity, "day_capacity", event_of=audit.via("settings"))
    audit.track(Question, "question")
    # Who was invited (address, name) and the code itself are not repeated in the trail.
    audit.track(Invitation, "invitation", exclude={"email", "name_ar", "name_en", "uses"})
    # A registration by id and what the organisers decide on: never the person's details, so
    # nothing of them survives an erasure or a purge in the trail.
    audit.track(
        Registration,
        "registration",
        include=("status", "category", "mode"),
        collections={"days": lambda day: day.date},
    )
    audit.track(
        CheckIn,
        "check_in",
        include=("registration_id", "day_id"),
        event_of=audit.via("registration"),
        actions={"create": "check_in", "delete": "undo_check_in"},
    )


_audit()
