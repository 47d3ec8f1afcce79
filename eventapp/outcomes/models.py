"""Outcomes: what a session and an event produced, recommendations and their follow-up.

Rich text (summary, key points ...) is stored as the Markdown the writer typed; it is turned
into sanitised HTML only when shown (``markdown.markdown_html``), on screen and in the PDFs.

Bilingual texts: the column without a suffix holds the Arabic (the working language of the
events Multaqa runs), ``<field>_en`` its English translation for partners who read English, and
``<field>_ar`` names the Arabic column the way ``eventapp.i18n.localized`` looks for it.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from eventapp import audit
from eventapp.background import JobStatus
from eventapp.common import LabelledEnum, TimestampMixin, enum_column, utcnow
from eventapp.extensions import db
from eventapp.speakers.models import OrganisationKind
from eventapp.versions import Versioned


class OutcomeStatus(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"

    @classmethod
    def _labels(cls):
        return {
            "draft": _l("Draft"),
            "submitted": _l("Submitted for approval"),
            "approved": _l("Approved"),
        }


class Priority(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def _labels(cls):
        return {"high": _l("High"), "medium": _l("Medium"), "low": _l("Low")}


class FollowUpStatus(LabelledEnum):
    PROPOSED = "proposed"
    ADOPTED = "adopted"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not_implemented"

    @classmethod
    def _labels(cls):
        return {
            "proposed": _l("Proposed"),
            "adopted": _l("Adopted"),
            "in_progress": _l("In progress"),
            "implemented": _l("Implemented"),
            "not_implemented": _l("Not implemented"),
        }


class Assessment(LabelledEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"

    @classmethod
    def _labels(cls):
        return {"met": _l("Met"), "partly": _l("Partly met"), "not_met": _l("Not met")}


# The text sections of a session outcome, in the order they are written and printed.
SESSION_SECTIONS = ("summary", "key_points", "consensus", "disagreement", "decisions")
# The text sections of an event outcome (day summaries and assessments are rows of their own).
EVENT_SECTIONS = ("summary", "conclusions")


def with_english(sections: tuple[str, ...]) -> tuple[str, ...]:
    """Each section followed by its English translation: what is saved, compared and kept."""
    return tuple(name for section in sections for name in (section, f"{section}_en"))


SESSION_TEXTS = with_english(SESSION_SECTIONS)
EVENT_TEXTS = with_english(EVENT_SECTIONS)


class SessionOutcome(TimestampMixin, db.Model):
    """The outcome of one session, written by its rapporteur or facilitator."""

    __tablename__ = "session_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), unique=True
    )
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[OutcomeStatus] = mapped_column(
        enum_column(OutcomeStatus), default=OutcomeStatus.DRAFT
    )
    # Bumped on every save: a form that loaded an older version may not overwrite it.
    version: Mapped[int] = mapped_column(default=1)
    summary: Mapped[str | None] = mapped_column(sa.Text)
    key_points: Mapped[str | None] = mapped_column(sa.Text)
    consensus: Mapped[str | None] = mapped_column(sa.Text)
    disagreement: Mapped[str | None] = mapped_column(sa.Text)
    decisions: Mapped[str | None] = mapped_column(sa.Text)
    summary_en: Mapped[str | None] = mapped_column(sa.Text)
    key_points_en: Mapped[str | None] = mapped_column(sa.Text)
    consensus_en: Mapped[str | None] = mapped_column(sa.Text)
    disagreement_en: Mapped[str | None] = mapped_column(sa.Text)
    decisions_en: Mapped[str | None] = mapped_column(sa.Text)
    summary_ar = synonym("summary")
    key_points_ar = synonym("key_points")
    consensus_ar = synonym("consensus")
    disagreement_ar = synonym("disagreement")
    decisions_ar = synonym("decisions")
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[dt.datetime | None]
    approved_at: Mapped[dt.datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    session: Mapped[EventSession] = relationship()  # noqa: F821
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])  # noqa: F821
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])  # noqa: F821


class EventOutcome(TimestampMixin, db.Model):
    """The outcome of a whole event: overall summary, conclusions, publication."""

    __tablename__ = "event_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[int] = mapped_column(default=1)
    summary: Mapped[str | None] = mapped_column(sa.Text)
    conclusions: Mapped[str | None] = mapped_column(sa.Text)
    summary_en: Mapped[str | None] = mapped_column(sa.Text)
    conclusions_en: Mapped[str | None] = mapped_column(sa.Text)
    summary_ar = synonym("summary")
    conclusions_ar = synonym("conclusions")
    # Draft -> submitted -> approved, as a session outcome; only an approved outcome may be
    # published.
    status: Mapped[OutcomeStatus] = mapped_column(
        enum_column(OutcomeStatus), default=OutcomeStatus.DRAFT, server_default="draft"
    )
    # Published: the public event page offers the outcome summary PDF.
    published: Mapped[bool] = mapped_column(default=False)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[dt.datetime | None]
    approved_at: Mapped[dt.datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])  # noqa: F821
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])  # noqa: F821


class GoalAssessment(db.Model):
    """Whether an objective or expected output of the event was met, with a comment."""

    __tablename__ = "goal_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_goals.id", ondelete="CASCADE"), unique=True
    )
    rating: Mapped[Assessment | None] = mapped_column(enum_column(Assessment))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    comment_en: Mapped[str | None] = mapped_column(sa.Text)
    comment_ar = synonym("comment")

    goal: Mapped[EventGoal] = relationship()  # noqa: F821


class DaySummary(db.Model):
    """What happened on one day of a multi-day event."""

    __tablename__ = "day_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(
        sa.ForeignKey("event_days.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str | None] = mapped_column(sa.Text)
    text_en: Mapped[str | None] = mapped_column(sa.Text)
    text_ar = synonym("text")

    day: Mapped[EventDay] = relationship()  # noqa: F821


class OutcomeRevision(db.Model):
    """A snapshot of an outcome as it was saved: who, when, and every section's text."""

    __tablename__ = "outcome_revisions"
    __table_args__ = (sa.Index("ix_outcome_revisions_target", "event_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    # None for the event outcome; the session otherwise.
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    version: Mapped[int]
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
    note: Mapped[str | None] = mapped_column(sa.String(200))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()  # noqa: F821


class Recommendation(TimestampMixin, db.Model):
    """A recommendation of a session (session_id) or of the event as a whole (no session)."""

    __tablename__ = "recommendations"
    __table_args__ = (
        sa.Index("ix_recommendations_event_session", "event_id", "session_id", "position"),
        # An earlier recommendation is taken up at most once into the same event.
        sa.UniqueConstraint("event_id", "taken_up_from_id", name="uq_recommendations_taken_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    text: Mapped[str] = mapped_column(sa.Text)
    # To whom: a kind of organisation ("parliaments"), a named organisation of the directory,
    # or free text; any of the three, and the summary groups by them in that order.
    addressee_kind: Mapped[OrganisationKind | None] = mapped_column(enum_column(OrganisationKind))
    addressee_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    addressee: Mapped[str | None] = mapped_column(sa.String(300), index=True)
    theme: Mapped[str | None] = mapped_column(sa.String(200))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority), default=Priority.MEDIUM)
    # Follow-up after the event.
    status: Mapped[FollowUpStatus] = mapped_column(
        enum_column(FollowUpStatus), default=FollowUpStatus.PROPOSED, index=True
    )
    responsible_body: Mapped[str | None] = mapped_column(sa.String(300))
    due_date: Mapped[dt.date | None]
    text_en: Mapped[str | None] = mapped_column(sa.Text)
    addressee_en: Mapped[str | None] = mapped_column(sa.String(300))
    theme_en: Mapped[str | None] = mapped_column(sa.String(200))
    responsible_body_en: Mapped[str | None] = mapped_column(sa.String(300))
    text_ar = synonym("text")
    addressee_ar = synonym("addressee")
    theme_ar = synonym("theme")
    responsible_body_ar = synonym("responsible_body")
    # Taken up from a recommendation of an earlier event of the same organisation (programme).
    taken_up_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("recommendations.id", ondelete="SET NULL"), index=True
    )
    # The organisers chose to show its follow-up on their organisation's public page (only
    # while the event is public and its outcome summary published: outcomes.programme).
    follow_up_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    event: Mapped[Event] = relationship()  # noqa: F821
    session: Mapped[EventSession | None] = relationship()  # noqa: F821
    addressee_organisation: Mapped[Organisation | None] = relationship()  # noqa: F821
    taken_up_from: Mapped[Recommendation | None] = relationship(
        remote_side=[id], back_populates="taken_up_in"
    )
    taken_up_in: Mapped[list[Recommendation]] = relationship(
        back_populates="taken_up_from", passive_deletes=True
    )
    notes: Mapped[list[ProgressNote]] = relationship(
        back_populates="recommendation",
        order_by="(ProgressNote.noted_on.desc(), ProgressNote.id.desc())",
        cascade="all, delete-orphan",
    )


class ProgressNote(db.Model):
    """A dated note on how a recommendation's implementation is going."""

    __tablename__ = "progress_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    noted_on: Mapped[dt.date]
    text: Mapped[str] = mapped_column(sa.Text)
    # The follow-up status set with this note, if it changed it.
    status: Mapped[FollowUpStatus | None] = mapped_column(enum_column(FollowUpStatus))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship(back_populates="notes")
    user: Mapped[User | None] = relationship()  # noqa: F821


class NextStep(TimestampMixin, Versioned, db.Model):
    """What, who, by when: a next step of a session, or of the event (no session)."""

    __tablename__ = "next_steps"
    __table_args__ = (sa.Index("ix_next_steps_event_session", "event_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    what: Mapped[str] = mapped_column(sa.Text)
    who: Mapped[str | None] = mapped_column(sa.String(300))
    due_date: Mapped[dt.date | None]
    # "By the next meeting": a deadline that is not a date.
    due_text: Mapped[str | None] = mapped_column(sa.String(200))
    what_en: Mapped[str | None] = mapped_column(sa.Text)
    who_en: Mapped[str | None] = mapped_column(sa.String(300))
    due_text_en: Mapped[str | None] = mapped_column(sa.String(200))
    what_ar = synonym("what")
    who_ar = synonym("who")
    due_text_ar = synonym("due_text")

    session: Mapped[EventSession | None] = relationship()  # noqa: F821


class SessionVote(TimestampMixin, Versioned, db.Model):
    """The vote on an agenda item (a session) of a general assembly, as the chair counted it:
    a record of the result, not a voting system."""

    __tablename__ = "session_votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), unique=True
    )
    votes_for: Mapped[int] = mapped_column(default=0)
    votes_against: Mapped[int] = mapped_column(default=0)
    votes_abstaining: Mapped[int] = mapped_column(default=0)

    session: Mapped[EventSession] = relationship()  # noqa: F821

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstaining


class ReportKind(LabelledEnum):
    SESSION_REPORT = "session_report"
    OUTCOME_SUMMARY = "outcome_summary"

    @classmethod
    def _labels(cls):
        return {
            "session_report": _l("Session report"),
            "outcome_summary": _l("Event outcome summary"),
        }


class ReportJob(db.Model):
    """A PDF rendered in the background; kept while the hash of its input data is unchanged."""

    __tablename__ = "report_jobs"
    __table_args__ = (
        sa.Index("ix_report_jobs_lookup", "kind", "event_id", "session_id", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind))
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(sa.String(8))
    options: Mapped[str] = mapped_column(sa.String(100), default="")
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.QUEUED)
    progress: Mapped[int] = mapped_column(default=0)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    file_path: Mapped[str | None] = mapped_column(sa.String(500))
    error: Mapped[str | None] = mapped_column(sa.Text)
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]


def _audit() -> None:
    by = {"updated_by_id", "approved_by_id", "user_id"}  # the entry's actor says who
    audit.track(SessionOutcome, "session_outcome", exclude=by)
    audit.track(EventOutcome, "event_outcome", exclude=by)
    audit.track(GoalAssessment, "goal_assessment", event_of=audit.via("goal"))
    audit.track(DaySummary, "day_summary", event_of=audit.via("day"))
    audit.track(Recommendation, "recommendation")
    audit.track(ProgressNote, "follow_up_note", exclude=by, event_of=audit.via("recommendation"))
    audit.track(NextStep, "next_step")
    audit.track(SessionVote, "session_vote")


_audit()
