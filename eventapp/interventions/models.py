"""Interventions: the queue of a session, its broadcast status and the history of each change."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.common import LabelledEnum, enum_column, utcnow
from eventapp.extensions import db
from eventapp.people import shown
from eventapp.sessions.models import LANGUAGES

DEFAULT_LIMIT_SECONDS = 300


class InterventionMode(LabelledEnum):
    REMOTE_LIVE = "remote_live"
    IN_ROOM = "in_room"
    RECORDED = "recorded"
    WRITTEN = "written"

    @classmethod
    def _labels(cls):
        return {
            "remote_live": _l("Remote, live by video"),
            "in_room": _l("In the room"),
            "recorded": _l("Recorded video or audio"),
            "written": _l("Written statement"),
        }


class InterventionStatus(LabelledEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    QUEUED = "queued"
    LIVE = "live"
    DELIVERED = "delivered"
    INTERRUPTED = "interrupted"
    NOT_AIRED = "not_aired"
    # A statement not spoken: handed in in writing, or read out by someone on the author's
    # behalf. Each is counted on its own, never as delivered.
    RECEIVED_IN_WRITING = "received_in_writing"
    READ_ON_BEHALF = "read_on_behalf"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"

    @classmethod
    def _labels(cls):
        return {
            "requested": _l("Requested"),
            "approved": _l("Approved"),
            "queued": _l("Ready in the queue"),
            "live": _l("Speaking now"),
            "delivered": _l("Delivered"),
            "interrupted": _l("Interrupted"),
            "not_aired": _l("Not aired"),
            "received_in_writing": _l("Received in writing"),
            "read_on_behalf": _l("Read out on behalf"),
            "withdrawn": _l("Withdrawn"),
            "rejected": _l("Rejected"),
        }

    @property
    def in_line(self) -> bool:
        """Waiting for their turn: counted in the speakers' line."""
        return self in (InterventionStatus.APPROVED, InterventionStatus.QUEUED)

    @property
    def is_open(self) -> bool:
        """Not settled yet: a participant may hold only one open request per session."""
        return self in OPEN_STATUSES


OPEN_STATUSES = (
    InterventionStatus.REQUESTED,
    InterventionStatus.APPROVED,
    InterventionStatus.QUEUED,
    InterventionStatus.LIVE,
    InterventionStatus.INTERRUPTED,
)


class StatusReason(LabelledEnum):
    CONNECTION_LOST = "connection_lost"
    AUDIO_FAILURE = "audio_failure"
    VIDEO_FAILURE = "video_failure"
    TIME_RAN_OUT = "time_ran_out"
    SPEAKER_UNAVAILABLE = "speaker_unavailable"
    OFF_TOPIC = "off_topic"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            "connection_lost": _l("Connection lost"),
            "audio_failure": _l("Audio failure"),
            "video_failure": _l("Video failure"),
            "time_ran_out": _l("Time ran out"),
            "speaker_unavailable": _l("Speaker not available"),
            "off_topic": _l("Outside the session's subject"),
            "other": _l("Other"),
        }


# Which reasons each settled status accepts.
INTERRUPT_REASONS = (
    StatusReason.CONNECTION_LOST,
    StatusReason.AUDIO_FAILURE,
    StatusReason.TIME_RAN_OUT,
    StatusReason.OTHER,
)
NOT_AIRED_REASONS = (
    StatusReason.CONNECTION_LOST,
    StatusReason.AUDIO_FAILURE,
    StatusReason.VIDEO_FAILURE,
    StatusReason.TIME_RAN_OUT,
    StatusReason.SPEAKER_UNAVAILABLE,
    StatusReason.OTHER,
)
REJECT_REASONS = (StatusReason.OFF_TOPIC, StatusReason.TIME_RAN_OUT, StatusReason.OTHER)



class SessionQueueState(db.Model):
    """One row per session: the lock and version every change of its queue goes through.

    Every change bumps `version` with a conditional UPDATE, so two facilitators (or two gunicorn
    workers) can never apply changes based on the same stale view, and the live view's ETag is
    simply the version.
    """

    __tablename__ = "session_queue_state"

    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(default=1)
    list_open: Mapped[bool] = mapped_column(default=True)
    default_limit_seconds: Mapped[int] = mapped_column(default=DEFAULT_LIMIT_SECONDS)
    # Set when the facilitator ends the session: its queue takes no more changes.
    ended_at: Mapped[dt.datetime | None]
    technical_note: Mapped[str | None] = mapped_column(sa.Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    session: Mapped[EventSession] = relationship()  # noqa: F821


class Intervention(db.Model):
    __tablename__ = "interventions"
    __table_args__ = (
        sa.Index("ix_interventions_session_position", "session_id", "position"),
        sa.Index("ix_interventions_email", "participant_email"),
        sa.CheckConstraint(
            "time_limit_seconds IS NULL OR time_limit_seconds > 0", name="limit_positive"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    # Who: a directory person (speaker), a registered participant (by e-mail), or a name typed
    # by the organiser. speaker_name is always filled so lists never need the other tables.
    speaker_name: Mapped[str] = mapped_column(sa.String(200))
    person_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    participant_email: Mapped[str | None] = mapped_column(sa.String(254))  # private
    # How a registered participant agreed to be named ("name", "organisation", "anonymous"),
    # copied from their registration when they ask (and kept current when they change it), so
    # it holds without looking the registration up. NULL: a speaker or a name typed by the
    # organisers, public by their role. See eventapp.people.
    consent: Mapped[str | None] = mapped_column(sa.String(16))
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    organisation_name: Mapped[str | None] = mapped_column(sa.String(300))
    topic: Mapped[str | None] = mapped_column(sa.String(300))
    language: Mapped[str] = mapped_column(sa.String(8), default="ar")
    mode: Mapped[InterventionMode] = mapped_column(enum_column(InterventionMode))
    # "participant" (asked from the session page) or "organiser" (added by the organisers).
    source: Mapped[str] = mapped_column(sa.String(16), default="organiser")
    requested_position: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0)
    time_limit_seconds: Mapped[int | None]
    status: Mapped[InterventionStatus] = mapped_column(
        enum_column(InterventionStatus), default=InterventionStatus.REQUESTED
    )
    status_reason: Mapped[StatusReason | None] = mapped_column(enum_column(StatusReason))
    status_note: Mapped[str | None] = mapped_column(sa.Text)
    started_at: Mapped[dt.datetime | None]
    ended_at: Mapped[dt.datetime | None]
    # Seconds spoken over every airing (an interrupted one may be aired again).
    spoken_seconds: Mapped[int] = mapped_column(default=0)
    technical_note: Mapped[str | None] = mapped_column(sa.Text)
    statement: Mapped[str | None] = mapped_column(sa.Text)
    statement_by: Mapped[str | None] = mapped_column(sa.String(200))
    statement_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[EventSession] = relationship()  # noqa: F821
    person: Mapped[Person | None] = relationship()  # noqa: F821
    organisation: Mapped[Organisation | None] = relationship()  # noqa: F821
    history: Mapped[list[InterventionEvent]] = relationship(
        back_populates="intervention",
        order_by="InterventionEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def organisation_label(self) -> str:
        if self.organisation is not None:
            return self.organisation.display_name
        return self.organisation_name or ""

    def shown(self, audience, language: str | None = None):
        """How this intervention's author appears to ``audience`` (eventapp.people.shown)."""
        return shown(
            self.speaker_name,
            self.organisation_label,
            audience,
            naming=self.consent,
            language=language,
        )

    def limit_seconds(self, state: SessionQueueState | None) -> int:
        if self.time_limit_seconds:
            return self.time_limit_seconds
        return state.default_limit_seconds if state else DEFAULT_LIMIT_SECONDS

    @property
    def language_label(self) -> str:
        return str(LANGUAGES.get(self.language, self.language))


class InterventionEvent(db.Model):
    """The history: every change of an intervention (or of a session's list), who and when."""

    __tablename__ = "intervention_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    intervention_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interventions.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(32))
    from_status: Mapped[InterventionStatus | None] = mapped_column(enum_column(InterventionStatus))
    to_status: Mapped[InterventionStatus | None] = mapped_column(enum_column(InterventionStatus))
    reason: Mapped[StatusReason | None] = mapped_column(enum_column(StatusReason))
    note: Mapped[str | None] = mapped_column(sa.Text)
    actor_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    actor_email: Mapped[str | None] = mapped_column(sa.String(254))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    intervention: Mapped[Intervention | None] = relationship(back_populates="history")
    actor_user: Mapped[User | None] = relationship()  # noqa: F821


__all__ = [
    "LANGUAGES",
    "Intervention",
    "InterventionEvent",
    "InterventionMode",
    "InterventionStatus",
    "SessionQueueState",
    "StatusReason",
]
