"""Queueing, sending and retrying the messages of the outbox.

`queue_mail` adds the row to the current transaction. After the commit its id is handed on by
`dispatch_ready` (run by `after_request`): enqueued as an RQ job when REDIS_URL is set (the job
worker sends it), else given to this process's sending thread (local_sender.py; with
MAIL_INLINE, as in the tests, sent at once in the request). No request waits for the mail
server. A failure never reaches the person who caused the message: it is recorded on the row
(attempts, the error without secrets, the next try after an exponential back-off) and the row
waits for a retry (retries.py: the job worker's sweep, `flask mail retry`).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from flask import current_app, has_request_context
from sqlalchemy import event, inspect, text, update
from sqlalchemy.orm import Session

from eventapp.background import enqueue_for_worker
from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.mail import backends, local_sender
from eventapp.mail.message import eml_bytes, one_line
from eventapp.mail.models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)

# A new row is left to its first attempt (made right after the commit) for this long before a
# retry may take it; an attempt under way holds it as long.
FIRST_ATTEMPT_GRACE = dt.timedelta(minutes=2)
SEND_JOB = "eventapp.mail.retries:send_job"  # the RQ job that sends one message
_QUEUED = "mail_outbox_queued"  # session.info: rows added in this transaction
_FLUSHED = "mail_outbox_flushed"  # session.info: rows (or ids) written, not yet committed
_READY = "mail_outbox_ready"  # session.info: rows (or ids) committed, to be handed on


# Queueing


def queue_mail(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments=(),
    *,
    event_id: int | None = None,
) -> OutboxMessage:
    """Add a message to the outbox in the current transaction (the caller commits)."""
    config = current_app.config
    sender = config.get("MAIL_DEFAULT_SENDER") or "multaqa@localhost"
    row = OutboxMessage(
        event_id=event_id,
        to_address=to,
        subject=one_line(subject)[:500],
        content=eml_bytes(sender, to, subject, text, html, attachments),
        status=MailStatus.PENDING,
        attempts=0,
        next_attempt_at=utcnow() + FIRST_ATTEMPT_GRACE,
    )
    db.session.add(row)
    db.session.info.setdefault(_QUEUED, []).append(row)
    return row


# Composers write a message from a recipe: {"composer": name, ...} -> {"to", "subject", "text",
# "html", "attachments"}, or None when there is nothing to send any more.
COMPOSERS: dict[str, Callable[[dict], dict | None]] = {}


def register_composer(kind: str, composer: Callable[[dict], dict | None]) -> None:
    COMPOSERS[kind] = composer


def queue_composed(
    kind: str, data: dict, *, to: str, event_id: int | None = None, keep=None
) -> OutboxMessage:
    """Add a message to be written after the commit by the composer `kind` from `data` (ids):
    the row is saved with the change, and a transaction that holds a lock (a sign-up holds the
    event's) does not pay for rendering and encoding the message. `keep`: an object the
    composer will read, held in memory until then (the session holds its objects weakly: it is
    not loaded again)."""
    row = OutboxMessage(
        event_id=event_id,
        to_address=to,
        subject="",
        recipe={"composer": kind, **data},
        status=MailStatus.PENDING,
        attempts=0,
        next_attempt_at=utcnow() + FIRST_ATTEMPT_GRACE,
    )
    row.kept = keep
    db.session.add(row)
    db.session.info.setdefault(_QUEUED, []).append(row)
    return row


def _compose(row: OutboxMessage) -> tuple[str, bytes] | None:
    """(subject, content) written from the row's recipe; None when nothing is to be sent."""
    recipe = row.recipe or {}
    composer = COMPOSERS[recipe["composer"]]
    if has_request_context():
        message = composer(recipe)
    else:  # a retry in the worker: links are made for SERVER_NAME (or localhost)
        with current_app.test_request_context():
            message = composer(recipe)
    if message is None:
        return None
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or "multaqa@localhost"
    content = eml_bytes(
        sender,
        message["to"],
        message["subject"],
        message["text"],
        message.get("html"),
        message.get("attachments", ()),
    )
    return one_line(message["subject"])[:500], content


def _written(row: OutboxMessage) -> tuple[str, bytes] | None:
    if row.content is not None:
        return row.subject, row.content
    return _compose(row)


@event.listens_for(Session, "after_flush")
def _remember_ids(session, _context) -> None:
    queued = session.info.get(_QUEUED)
    if queued:
        # The rows themselves are kept: the session holds its objects weakly, and the first
        # attempt reads the row it already has (no query).
        session.info.setdefault(_FLUSHED, []).extend(row for row in queued if row.id is not None)
        queued[:] = [row for row in queued if row.id is None]


@event.listens_for(Session, "after_commit")
def _committed(session) -> None:
    flushed = session.info.pop(_FLUSHED, None)
    if flushed:
        session.info.setdefault(_READY, []).extend(flushed)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session) -> None:
    session.info.pop(_FLUSHED, None)
    session.info.pop(_QUEUED, None)


def after_request(response):
    """Hand on what the request committed (registered by setup.init_app)."""
    if db.session.registry.has() and db.session.info.get(_READY):
        try:
            dispatch_ready()
        except Exception:  # e.g. the database went away: the rows wait for a retry
            log.exception("mail not handed on after the request")
            db.session.rollback()
    return response


def hand_on_after_commit(ids: list[int]) -> None:
    """Messages made due in this transaction (sent again): handed on after its commit."""
    db.session.info.setdefault(_FLUSHED, []).extend(ids)


def dispatch_ready() -> None:
    """Hand on the messages committed in this session: an RQ job each when REDIS_URL is set,
    else to this process's sending thread (at once with MAIL_INLINE). Never raises: what is
    not handed on waits for a retry."""
    rows = db.session.info.pop(_READY, [])  # held until sent: the session keeps them weakly
    ids = [_id_of(row) for row in rows]
    if not ids:
        return
    config = current_app.config
    if config.get("REDIS_URL"):
        _write_before_queueing(rows)
        try:
            queue = mail_queue()
            for message_id in ids:
                enqueue_for_worker(queue, SEND_JOB, message_id, result_ttl=0)
            return
        except Exception:  # Redis down: this process sends them; a retry takes what is left
            log.warning("mail queue unavailable: sending %d message(s) in the process", len(ids))
    if config.get("MAIL_INLINE"):
        for message_id in ids:
            send_one(message_id)
        return
    _write_before_queueing(rows)  # (rows written above are skipped)
    local_sender.hand_over(current_app._get_current_object(), ids, send_one)


def _write_before_queueing(rows) -> None:
    """Messages from recipes are written here, in the request (its links, its language), before
    the job worker or the sending thread takes them."""
    for row in rows:
        if isinstance(row, int) or row.recipe is None or row.content is not None:
            continue
        try:
            written = _compose(row)
        except Exception as error:
            db.session.rollback()
            _record_failure(_id_of(row), error)
            continue
        if written is None:
            db.session.delete(row)
        else:
            row.subject, row.content = written
        db.session.commit()


def _id_of(row) -> int:
    """A row's id without loading it again (it may be expired by the commit)."""
    if isinstance(row, int):
        return row
    return inspect(row).identity[0]


def mail_queue():
    # Only installations with Redis use RQ, which takes a fifth of a second to import.
    from redis import Redis  # noqa: PLC0415
    from rq import Queue  # noqa: PLC0415

    config = current_app.config
    connection = Redis.from_url(config["REDIS_URL"], socket_timeout=2, socket_connect_timeout=2)
    return Queue(config["MAIL_QUEUE"], connection=connection)


# Sending

# After a failed attempt, this process stops trying the same server at once (the messages wait
# for a retry) for as long as the first back-off: a server that is down or hangs costs the next
# people signing up nothing. By (server, port); the folder of development never pauses.
paused_until: dict[tuple, float] = {}


def server_of(config) -> tuple | None:
    if not config.get("MAIL_SERVER"):
        return None
    return (config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25))


def send_one(message_id: int, *, claimed: bool = False) -> bool:
    """One attempt at one pending message; True when sent. Never raises."""
    config = current_app.config
    server = server_of(config)
    if not claimed and time.monotonic() < paused_until.get(server, 0.0):
        return False
    row = db.session.get(OutboxMessage, message_id)
    if row is None or row.status != MailStatus.PENDING:
        return False
    written = None
    try:
        written = _written(row)
        if written is None:  # nothing to send any more (e.g. the registration is gone)
            db.session.delete(row)
            db.session.commit()
            return False
        backends.deliver(config, row.to_address, written[1])
    except Exception as error:  # recorded on the row; the message waits for a retry
        db.session.rollback()
        _record_failure(message_id, error, written)
        if server is not None:
            paused_until[server] = time.monotonic() + int(config["MAIL_RETRY_SECONDS"])
        return False
    _relaxed_commit()
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == MailStatus.PENDING)
        .values(
            status=MailStatus.SENT,
            sent_at=utcnow(),
            subject=written[0],
            content=None,
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    )
    _commit_keeping_objects()
    db.session.expire(row)
    return True


def _relaxed_commit() -> None:
    """On PostgreSQL, the "sent" mark need not wait for the disk: were it lost in a crash, the
    message would only be sent once more."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def _commit_keeping_objects() -> None:
    """Commit without expiring what the session holds: only the outbox row changed, and the
    request's objects (committed just before) stay as they are."""
    session = db.session()
    keep = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = keep


def describe(error: Exception) -> str:
    """The error for the record: its kind and the server's answer, never a password."""
    text = f"{type(error).__name__}: {error}"
    password = current_app.config.get("MAIL_PASSWORD")
    if password:
        text = text.replace(password, "***")
    return one_line(text)[:500]


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 ... times MAIL_RETRY_SECONDS, at most six hours."""
    base = int(current_app.config["MAIL_RETRY_SECONDS"])
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def _record_failure(message_id: int, error: Exception, written=None) -> None:
    log.warning("mail #%s not sent: %s", message_id, describe(error))
    row = db.session.get(OutboxMessage, message_id)
    if row is None:
        return
    if written is not None and row.content is None:  # kept as written for the retries
        row.subject, row.content = written
    row.attempts += 1
    row.last_error = describe(error)
    if row.attempts >= int(current_app.config["MAIL_MAX_ATTEMPTS"]):
        row.status = MailStatus.FAILED
    else:
        row.next_attempt_at = utcnow() + backoff(row.attempts)
    db.session.commit()
