"""The outbox as organisers and the privacy rules see it: what failed, sending it again, a
person's messages (their data download, their erasure), an event's purge, and forgetting old
messages. Sending itself is in outbox.py."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select, update

from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.mail.models import MailStatus, OutboxMessage
from eventapp.mail.outbox import hand_on_after_commit

# What organisers see and do


def undelivered_counts(event_id: int) -> dict:
    """{"pending": messages waiting after a failed attempt, "failed": given up}."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count())
        .where(
            OutboxMessage.event_id == event_id,
            or_(
                OutboxMessage.status == MailStatus.FAILED,
                and_(OutboxMessage.status == MailStatus.PENDING, OutboxMessage.attempts > 0),
            ),
        )
        .group_by(OutboxMessage.status)
    ).all()
    counts = {status.value: count for status, count in rows}
    return {"pending": counts.get("pending", 0), "failed": counts.get("failed", 0)}


def send_again(event_id: int) -> list[int]:
    """Every message of the event that failed or waits after a failure: due now, with a full
    set of attempts again. The caller commits, then `dispatch_ready` hands them on."""
    ids = db.session.scalars(
        select(OutboxMessage.id).where(
            OutboxMessage.event_id == event_id,
            or_(OutboxMessage.content.is_not(None), OutboxMessage.recipe.is_not(None)),
            or_(
                OutboxMessage.status == MailStatus.FAILED,
                and_(OutboxMessage.status == MailStatus.PENDING, OutboxMessage.attempts > 0),
            ),
        )
    ).all()
    if ids:
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(status=MailStatus.PENDING, attempts=0, next_attempt_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        hand_on_after_commit(ids)
    return ids


# Personal data


def messages_to(email: str, event_id: int) -> list[OutboxMessage]:
    return db.session.scalars(
        select(OutboxMessage)
        .where(
            func.lower(OutboxMessage.to_address) == (email or "").strip().lower(),
            OutboxMessage.event_id == event_id,
        )
        .order_by(OutboxMessage.id)
    ).all()


def erase_messages_to(email: str, event_id: int) -> int:
    """A person's erasure: the messages of this event addressed to them, sent or not."""
    return db.session.execute(
        delete(OutboxMessage)
        .where(
            func.lower(OutboxMessage.to_address) == (email or "").strip().lower(),
            OutboxMessage.event_id == event_id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount


def erase_event_messages(event_id: int) -> int:
    """An event's purge: every message about it."""
    return db.session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.event_id == event_id)
        .execution_options(synchronize_session=False)
    ).rowcount


def purge_old(now: dt.datetime | None = None) -> int:
    """Forget messages sent or given up more than MAIL_KEEP_DAYS ago. The caller commits."""
    cutoff = (now or utcnow()) - dt.timedelta(days=int(current_app.config["MAIL_KEEP_DAYS"]))
    return db.session.execute(
        delete(OutboxMessage)
        .where(
            OutboxMessage.status.in_((MailStatus.SENT, MailStatus.FAILED)),
            func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at) < cutoff,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
