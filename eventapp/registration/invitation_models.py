"""Invitations (a link or code for one e-mail or many uses, with presets) and the jobs that
import them from a CSV file."""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.background import JobStatus
from eventapp.common import TimestampMixin, enum_column, utcnow
from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration.choices import Mode


def _new_code() -> str:
    return secrets.token_urlsafe(9)


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
    # How Arabic wording speaks of the person invited (personal, as on Registration): the
    # registration made from the invitation starts with it; the registrant may change it.
    form_of_address: Mapped[FormOfAddress] = mapped_column(
        enum_column(FormOfAddress), default=FormOfAddress.UNSPECIFIED, server_default="unspecified"
    )
    max_uses: Mapped[int | None]  # None: unlimited; 1 for a personal invitation
    uses: Mapped[int] = mapped_column(default=0)
    category: Mapped[str | None] = mapped_column(sa.String(40))  # a participant category code
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
