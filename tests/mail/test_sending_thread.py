"""Without Redis, mail goes by the process's sending thread: no request waits for the server."""

from __future__ import annotations

import time

from eventapp.extensions import db
from eventapp.mail import local_sender, outbox, queue_mail
from eventapp.mail.models import MailStatus, OutboxMessage
from tests.mail.conftest import mail_settings, smtp_settings
from tests.mail.smtp_sink import Sink


def _queue_and_hand_on(app, to: str) -> tuple[int, float]:
    """Queue one message as a request would; (its id, seconds the request spent handing on)."""
    with app.test_request_context():
        row = queue_mail(to, "تأكيد التسجيل", "مرحبًا")
        db.session.commit()
        started = time.monotonic()
        outbox.dispatch_ready()
        return row.id, time.monotonic() - started


def _row(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_the_thread_sends_what_the_request_handed_on(app):
    with Sink() as sink, mail_settings(app, MAIL_INLINE=False, **smtp_settings(sink.port)):
        message_id, _ = _queue_and_hand_on(app, "layla@example.org")
        assert local_sender.idle(timeout=10)
        assert _row(message_id).status == MailStatus.SENT
    assert [m["to"] for m in sink.messages] == [["layla@example.org"]]


def test_a_hung_server_costs_the_request_nothing(app):
    outbox.paused_until.clear()
    with (
        Sink(mode="hang") as sink,
        mail_settings(app, MAIL_INLINE=False, **smtp_settings(sink.port, MAIL_TIMEOUT=1.5)),
    ):
        message_id, seconds = _queue_and_hand_on(app, "hung@example.org")
        assert seconds < 0.5  # the 1.5 s timeout is spent by the thread, not the request
        assert local_sender.idle(timeout=10)
        row = _row(message_id)
        # Recorded for a retry, as written in the request: nothing is lost.
        assert row.status == MailStatus.PENDING and row.attempts == 1
        assert row.content and "timed out" in row.last_error.lower()
    outbox.paused_until.clear()
