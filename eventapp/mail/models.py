"""The outbox: one row per message, written in the transaction of the change it tells about."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.common import LabelledEnum, enum_column, utcnow
from eventapp.extensions import db


class MailStatus(LabelledEnum):
    PENDING = "pending"  # waiting for its first or next attempt
    SENT = "sent"  # handed to the mail server (its content is then erased)
    FAILED = "failed"  # given up after MAIL_MAX_ATTEMPTS; an organiser may send it again

    @classmethod
    def _labels(cls):
        return {"pending": _l("Waiting to be sent"), "sent": _l("Sent"), "failed": _l("Not sent")}


class OutboxMessage(db.Model):
    __tablename__ = "mail_outbox"
    __table_args__ = (
        sa.Index("ix_mail_outbox_due", "status", "next_attempt_at"),
        sa.Index("ix_mail_outbox_event", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The event the message is about (None for account messages such as a password reset).
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    to_address: Mapped[str] = mapped_column(sa.String(320), index=True)
    subject: Mapped[str] = mapped_column(sa.String(500))
    # The whole message as bytes (RFC 5322, LF line ends); None once sent, and None until it is
    # written when the row holds a recipe instead: {"composer": its name, ...its data}
    # (see outbox.queue_composed).
    content: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    recipe: Mapped[dict | None] = mapped_column(sa.JSON)
    status: Mapped[MailStatus] = mapped_column(enum_column(MailStatus), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # When a retry may take it: a little after creation (the first attempt is made at once
    # after the commit), later after each failure, and while an attempt is under way.
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]
