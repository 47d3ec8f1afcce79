"""Registrations and their check-ins; with the other models of the package (re-exported here, so
`from eventapp.registration.models import X` serves every model and choice) and what of them the
audit trail records.

The labelled choices are in choices.py, the settings, day limits and questions of the form in
form_models.py, invitations and their imports in invitation_models.py. The event's
`registration_settings` row is the row that is locked while a place is given or taken (see
settings.lock_event): every decision about capacity is made under that lock, by counting
confirmed registrations, so the count can never drift from the rows.
"""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp import audit
from eventapp.common import TimestampMixin, enum_column, utcnow
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.people import FormOfAddress
from eventapp.registration.certificate_models import Certificate, CertificateSettings
from eventapp.registration.choices import (
    Attendance,
    ListVisibility,
    MemberLimit,
    Mode,
    QuestionKind,
    ReportNaming,
    SignupStatus,
    Status,
)
from eventapp.registration.form_models import DayCapacity, Question, RegistrationSettings
from eventapp.registration.invitation_models import ImportJob, Invitation
from eventapp.registration.session_models import SessionAttendance, SessionSignup
from eventapp.versions import Versioned

__all__ = [
    "Attendance",
    "Certificate",
    "CertificateSettings",
    "CheckIn",
    "DayCapacity",
    "ImportJob",
    "Invitation",
    "ListVisibility",
    "MemberLimit",
    "Mode",
    "Question",
    "QuestionKind",
    "Registration",
    "RegistrationSettings",
    "ReportNaming",
    "SessionAttendance",
    "SessionSignup",
    "SignupStatus",
    "Status",
    "registration_days",
]


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
    # A code of the event's participant categories (members.participants words it).
    category: Mapped[str] = mapped_column(sa.String(40))
    # Asked only when the event sets an age range; personal, erased with the person.
    birth_year: Mapped[int | None]
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
    # How Arabic wording speaks of them (eventapp.people.FormOfAddress); personal: never
    # on public pages, the API or exports beyond the organisers'.
    form_of_address: Mapped[FormOfAddress] = mapped_column(
        enum_column(FormOfAddress), default=FormOfAddress.UNSPECIFIED, server_default="unspecified"
    )
    # The participant's own time zone (an IANA name), for the times in their e-mails, personal
    # page and feed; None: the event's.
    time_zone: Mapped[str | None] = mapped_column(sa.String(64))
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
    signups: Mapped[list[SessionSignup]] = relationship(
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
    how: Mapped[Attendance] = mapped_column(
        enum_column(Attendance), default=Attendance.DOOR, server_default="door"
    )
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    registration: Mapped[Registration] = relationship(back_populates="checkins")
    day: Mapped[EventDay] = relationship()  # noqa: F821


def _audit() -> None:
    # The technical check's link may carry a meeting's passcode: its change is logged, not it.
    audit.track(RegistrationSettings, "registration_settings", hidden={"technical_check_link"})
    audit.track(CertificateSettings, "certificate_settings")
    # Which certificate was issued, never the name printed on it.
    audit.track(Certificate, "certificate", include=("registration_id", "serial"))
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
        SessionSignup,
        "session_signup",
        include=("registration_id", "session_id", "status"),
        event_of=audit.via("session"),
    )
    audit.track(
        SessionAttendance,
        "session_attendance",
        include=("registration_id", "session_id", "how"),
        event_of=audit.via("session"),
    )
    audit.track(
        CheckIn,
        "check_in",
        include=("registration_id", "day_id"),
        event_of=audit.via("registration"),
        actions={"create": "check_in", "delete": "undo_check_in"},
    )


_audit()
