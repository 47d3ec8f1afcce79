"""Messages waiting after a failure go as soon as the mail server is back, not after their
back-off; while it is away, asking it costs no message an attempt."""

from __future__ import annotations

import time

from eventapp.extensions import db
from eventapp.mail import outbox, queue_mail, retries
from eventapp.mail.models import MailStatus, OutboxMessage
from tests.mail.conftest import mail_settings, smtp_settings
from tests.mail.smtp_sink import Sink


def _fail_once(app, to: str) -> int:
    """A message whose first attempt the server refused, waiting an hour for the next."""
    outbox.paused_until.clear()  # each attempt reaches the server
    with app.test_request_context():
        row = queue_mail(to, "تأكيد التسجيل", "مرحبًا")
        db.session.commit()
        message_id = row.id
        outbox.dispatch_ready()
    db.session.expire_all()
    row = db.session.get(OutboxMessage, message_id)
    assert row.status == MailStatus.PENDING and row.attempts == 1
    return message_id


def test_waiting_messages_go_once_the_server_is_back(app):
    settings = smtp_settings(0, MAIL_RETRY_SECONDS=3600)  # an hour's back-off after a failure
    with Sink(mode="refuse") as sink, mail_settings(app, **{**settings, "MAIL_PORT": sink.port}):
        ids = [_fail_once(app, f"p{n}@example.org") for n in range(3)]
        assert retries.retry_due() == (0, 0)  # still away: asked, and no message tried
        db.session.expire_all()
        assert [db.session.get(OutboxMessage, i).attempts for i in ids] == [1, 1, 1]

        sink.mode = "accept"  # back
        started = time.monotonic()
        assert retries.retry_due() == (3, 0)
        assert time.monotonic() - started < 5  # not after the hour of back-off
    assert sorted(m["to"][0] for m in sink.messages) == [f"p{n}@example.org" for n in range(3)]
    db.session.expire_all()
    assert {db.session.get(OutboxMessage, i).status for i in ids} == {MailStatus.SENT}
    outbox.paused_until.clear()
