"""The SMTP backend against a real (tiny) SMTP server: Arabic subjects, SSL, STARTTLS."""

from __future__ import annotations

import email
import email.policy

from eventapp.extensions import db
from eventapp.mail import outbox, queue_mail
from eventapp.mail.models import MailStatus, OutboxMessage
from tests.mail.conftest import mail_settings, smtp_settings
from tests.mail.smtp_sink import Sink

SUBJECT = (
    "ورشة تحقق من النشر: الاجتماع التشاوري الإقليمي حول حقوق الإنسان والتنمية المستدامة "
    "في المنطقة العربية ٢٠٢٦ (Regional Consultation) — دعوة للمشاركة"
)


def _send(app, to="layla@example.org", subject=SUBJECT, **settings):
    with mail_settings(app, **settings), app.test_request_context():
        row = queue_mail(to, subject, "مرحبًا ليلى", "<p>مرحبًا ليلى</p>")
        db.session.commit()
        outbox.dispatch_ready()
        db.session.refresh(row)
        return row


def _received(sink):
    [message] = sink.messages
    return email.message_from_bytes(message["data"], policy=email.policy.default)


def test_a_long_arabic_subject_arrives_whole(app):
    with Sink() as sink:
        row = _send(app, **smtp_settings(sink.port))
    assert row.status == MailStatus.SENT and row.content is None  # nothing kept once sent
    message = _received(sink)
    assert str(message["Subject"]) == SUBJECT  # every space where the header was folded
    assert "ورشة تحقق من النشر" in str(message["Subject"])
    head = sink.messages[0]["data"].split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert all(len(line) <= 78 for line in head)
    assert sum(line.startswith((b" ", b"\t")) for line in head) >= 2  # folded
    assert message.get_body(("plain",)).get_content().strip() == "مرحبًا ليلى"
    assert sink.messages[0]["to"] == ["layla@example.org"]


def test_smtp_over_ssl_on_its_own_port(app, certificate):
    cert, key = certificate
    with Sink(certificate=(cert, key)) as sink:
        row = _send(
            app,
            **smtp_settings(
                sink.port,
                MAIL_USE_SSL=True,
                MAIL_SSL_CAFILE=cert,
                MAIL_USERNAME="multaqa",
                MAIL_PASSWORD="not-this-one",
            ),
        )
    assert row.status == MailStatus.SENT
    assert sink.messages[0]["tls"] and sink.logins  # encrypted from the first byte, signed in
    assert str(_received(sink)["Subject"]) == SUBJECT


def test_starttls(app, certificate):
    cert, key = certificate
    with Sink(starttls=(cert, key)) as sink:
        row = _send(app, **smtp_settings(sink.port, MAIL_USE_TLS=True, MAIL_SSL_CAFILE=cert))
    assert row.status == MailStatus.SENT and sink.messages[0]["tls"]


def test_an_untrusted_certificate_is_refused_and_recorded_without_the_password(app, certificate):
    cert, key = certificate
    with Sink(certificate=(cert, key)) as sink:
        row = _send(
            app,
            **smtp_settings(sink.port, MAIL_USE_SSL=True, MAIL_PASSWORD="s3cret-password"),
        )
    assert sink.messages == []
    assert row.status == MailStatus.PENDING and row.attempts == 1
    assert "CERTIFICATE" in row.last_error.upper() and "s3cret" not in row.last_error
    assert row.content  # kept for the retry


def test_a_message_rolled_back_with_its_change_is_never_sent(app, mailbox_folder):
    with app.test_request_context():
        queue_mail("nobody@example.org", "x", "y")
        db.session.flush()
        db.session.rollback()
        db.session.commit()
        outbox.dispatch_ready()
    assert mailbox_folder() == []
    assert not db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.to_address == "nobody@example.org")
    ).all()
