"""Retrying: the RQ job that sends one message (and schedules its next try after a failure),
the retry of every message that is due (`flask mail retry`, and the job worker's sweep every
minute), and the check that lets waiting messages go as soon as the server is back."""

from __future__ import annotations

import datetime as dt
import logging

from flask import current_app
from sqlalchemy import select, update

from eventapp.background import enqueue_for_worker
from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.mail import backends
from eventapp.mail.models import MailStatus, OutboxMessage
from eventapp.mail.outbox import (
    FIRST_ATTEMPT_GRACE,
    SEND_JOB,
    mail_queue,
    paused_until,
    send_one,
    server_of,
)

log = logging.getLogger(__name__)


def _claim(message_id: int, *, due_only: bool) -> bool:
    """Take a pending message for one attempt (another worker will not take it meanwhile)."""
    now = utcnow()
    condition = [OutboxMessage.id == message_id, OutboxMessage.status == MailStatus.PENDING]
    if due_only:
        condition.append(OutboxMessage.next_attempt_at <= now)
    taken = db.session.execute(
        update(OutboxMessage)
        .where(*condition)
        .values(next_attempt_at=now + FIRST_ATTEMPT_GRACE)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return taken == 1


def send_job(message_id: int) -> None:
    """The RQ job (run by background.run_in_worker, which checked the database): one attempt;
    after a failure the next one is scheduled after the back-off (the worker runs RQ's
    scheduler), and a retry would take it anyway."""
    if not _claim(message_id, due_only=False):
        return
    if send_one(message_id, claimed=True):
        return
    row = db.session.get(OutboxMessage, message_id)
    if row is not None and row.status == MailStatus.PENDING:
        try:
            delay = row.next_attempt_at - utcnow()
            enqueue_for_worker(mail_queue(), SEND_JOB, message_id, delay=delay)
        except Exception:  # Redis went away: `flask mail retry` takes it when due
            log.warning("mail #%s: retry not scheduled", message_id)


def _fresh_connections() -> None:
    """An RQ work horse is a fork of the worker: it must not share its database connections."""
    db.engine.dispose(close=False)


def retry_due(limit: int = 200) -> tuple[int, int]:
    """One attempt at every message whose next try is due: (sent, still waiting or failed).

    Messages waiting after a failure are not left to their back-off (up to six hours) once the
    server is back: when some wait, the server is asked whether it takes mail now (no message
    is tried, so none spends an attempt), and if it does they are all due at once."""
    if _waiting_after_failure() and backends.server_answers(current_app.config):
        db.session.execute(
            update(OutboxMessage)
            .where(*_waiting_condition())
            .values(next_attempt_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        paused_until.pop(server_of(current_app.config), None)
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == MailStatus.PENDING,
            OutboxMessage.next_attempt_at <= utcnow(),
        )
        .order_by(OutboxMessage.next_attempt_at)
        .limit(limit)
    ).all()
    db.session.commit()
    sent = failed = 0
    for message_id in ids:
        if not _claim(message_id, due_only=True):
            continue
        if send_one(message_id, claimed=True):
            sent += 1
        else:
            failed += 1
    return sent, failed


def _waiting_condition() -> tuple:
    """Pending after a failed attempt, the next try further away than an attempt under way
    holds a message (FIRST_ATTEMPT_GRACE): so never a message another worker is sending."""
    return (
        OutboxMessage.status == MailStatus.PENDING,
        OutboxMessage.attempts > 0,
        OutboxMessage.next_attempt_at > utcnow() + FIRST_ATTEMPT_GRACE,
    )


def _waiting_after_failure() -> bool:
    found = db.session.scalar(select(OutboxMessage.id).where(*_waiting_condition()).limit(1))
    return found is not None


SWEEP_EVERY = dt.timedelta(minutes=1)


def sweep_job() -> None:
    """The worker's own retry, every minute: what no job holds (Redis was down when it was
    queued, a work horse died) is sent when due."""
    _fresh_connections()
    try:
        retry_due()
    finally:
        schedule_sweep()


def schedule_sweep() -> None:
    try:
        mail_queue().enqueue_in(
            SWEEP_EVERY, "eventapp.mail.retries.sweep_job", job_id="multaqa-mail-sweep"
        )
    except Exception:
        log.warning("mail sweep not scheduled")
