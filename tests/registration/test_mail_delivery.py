"""Sign-ups when the mail server works, hangs or is down: the person never waits long nor sees
an error, the registration is saved, the message waits in the outbox until a retry delivers
it, and the organisers see what is not delivered and can send it again."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import time
import uuid

from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.mail.models import MailStatus, OutboxMessage
from eventapp.registration.models import Registration
from tests.mail.conftest import mail_settings, smtp_settings
from tests.mail.smtp_sink import Sink, free_port
from tests.registration.conftest import form_data


def _sign_up(client, event, address):
    client.get(f"/e/{event.slug}/register")
    started = time.monotonic()
    response = client.post(f"/e/{event.slug}/register", form_data(event, email=address))
    return response, time.monotonic() - started


def _rows(event):
    db.session.expire_all()
    return db.session.scalars(
        db.select(OutboxMessage)
        .where(OutboxMessage.event_id == event.id)
        .order_by(OutboxMessage.id)
    ).all()


def _registered(event, address) -> bool:
    return (
        db.session.scalar(
            db.select(Registration).where(
                Registration.event_id == event.id, Registration.email == address
            )
        )
        is not None
    )


def _make_due(event):
    for row in _rows(event):
        row.next_attempt_at = utcnow() - dt.timedelta(seconds=1)
    db.session.commit()


def test_a_sign_up_is_mailed_through_the_smtp_server(app, client, open_event):
    with Sink() as sink, mail_settings(app, **smtp_settings(sink.port)):
        response, _ = _sign_up(client, open_event, "layla@example.org")
    assert response.status_code == 302
    [sent] = sink.messages
    assert sent["to"] == ["layla@example.org"]
    message = email.message_from_bytes(sent["data"], policy=email.policy.default)
    assert open_event.title_ar in str(message["Subject"])
    assert [a.get_filename() for a in message.iter_attachments()] == [
        "event.ics",
        "checkin-qr.png",
    ]
    [row] = _rows(open_event)
    assert row.status == MailStatus.SENT and row.sent_at and row.content is None


def test_a_hung_server_costs_the_person_nothing_and_the_retry_delivers(
    app, client, open_event, organiser
):
    with Sink(mode="hang") as hung, mail_settings(app, **smtp_settings(hung.port)):
        first, waited = _sign_up(client, open_event, "first@example.org")
        second, waited_again = _sign_up(client, open_event, "second@example.org")
    assert first.status_code == second.status_code == 302
    assert "/register/sent" in first.headers["Location"]
    assert waited < 5  # bounded by MAIL_TIMEOUT (1.5 s here; 10 s by default)
    assert waited_again < 1  # this process waits for the retry instead of trying again
    assert _registered(open_event, "first@example.org")
    assert _registered(open_event, "second@example.org")
    rows = _rows(open_event)
    assert [r.status for r in rows] == [MailStatus.PENDING, MailStatus.PENDING]
    assert rows[0].attempts == 1 and "timed out" in rows[0].last_error
    assert rows[0].next_attempt_at > utcnow()  # after the back-off

    # The organisers see it on the dashboard, in their language.
    client.login(organiser)
    page = client.get(f"/manage/events/{open_event.id}/").get_data(as_text=True)
    assert 'id="mail-pending"' in page and "رسالة واحدة تنتظر إعادة إرسالها" in page

    # The server works again: the retry delivers both.
    _make_due(open_event)
    with Sink() as sink, mail_settings(app, **smtp_settings(sink.port)):
        started = time.monotonic()
        result = app.test_cli_runner().invoke(args=["mail", "retry"])
        delivered_in = time.monotonic() - started
    assert result.exit_code == 0 and "2 sent" in result.output, result.output
    assert sorted(m["to"][0] for m in sink.messages) == ["first@example.org", "second@example.org"]
    assert delivered_in < 5
    assert {r.status for r in _rows(open_event)} == {MailStatus.SENT}
    assert 'id="mail-pending"' not in client.get(f"/manage/events/{open_event.id}/").get_data(
        as_text=True
    )


def test_a_server_that_is_down_gives_up_then_the_organiser_sends_again(
    app, client, open_event, organiser
):
    down = smtp_settings(free_port(), MAIL_MAX_ATTEMPTS=2)
    with mail_settings(app, **down):
        response, waited = _sign_up(client, open_event, "layla@example.org")
        assert response.status_code == 302 and waited < 5
        _make_due(open_event)
        app.test_cli_runner().invoke(args=["mail", "retry"])
    [row] = _rows(open_event)
    assert row.status == MailStatus.FAILED and row.attempts == 2
    assert "refused" in row.last_error.lower()

    client.login(organiser)
    page = client.get(f"/manage/events/{open_event.id}/").get_data(as_text=True)
    assert 'id="mail-failed"' in page and "تعذّر إرسال رسالة واحدة" in page
    with Sink() as sink, mail_settings(app, **smtp_settings(sink.port)):
        response = client.post(f"/manage/events/{open_event.id}/mail/retry", {})
    assert response.status_code == 302
    assert [m["to"] for m in sink.messages] == [["layla@example.org"]]
    [row] = _rows(open_event)
    assert row.status == MailStatus.SENT


def test_with_redis_the_job_worker_sends(app, client, open_event):
    from redis import Redis
    from rq import Queue, SimpleWorker

    queue_name = f"multaqa-test-mail-{uuid.uuid4().hex[:8]}"
    connection = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        with (
            Sink() as sink,
            mail_settings(
                app,
                REDIS_URL="redis://127.0.0.1:6379/0",
                MAIL_QUEUE=queue_name,
                **smtp_settings(sink.port),
            ),
        ):
            response, _ = _sign_up(client, open_event, "layla@example.org")
            assert response.status_code == 302
            assert sink.messages == []  # queued, not sent in the request
            queue = Queue(queue_name, connection=connection)
            assert queue.count == 1
            SimpleWorker([queue], connection=connection).work(burst=True)
        assert [m["to"] for m in sink.messages] == [["layla@example.org"]]
        [row] = _rows(open_event)
        assert row.status == MailStatus.SENT
    finally:
        Queue(queue_name, connection=connection).delete(delete_jobs=True)


def test_with_redis_down_the_message_is_sent_in_the_process(app, client, open_event, mailbox):
    with mail_settings(app, REDIS_URL="redis://127.0.0.1:1/0"):
        response, _ = _sign_up(client, open_event, "layla@example.org")
    assert response.status_code == 302
    assert [str(m["To"]) for m in mailbox()] == ["layla@example.org"]


def _sent_row(event, address: str, days_ago: int) -> OutboxMessage:
    return OutboxMessage(
        event_id=event.id,
        to_address=address,
        subject="s",
        status=MailStatus.SENT,
        sent_at=utcnow() - dt.timedelta(days=days_ago),
        next_attempt_at=utcnow(),
    )


def test_old_messages_are_forgotten(app, open_event):
    from eventapp.mail import records

    db.session.add_all(
        [
            _sent_row(open_event, "old@example.org", 31),
            _sent_row(open_event, "recent@example.org", 1),
        ]
    )
    db.session.commit()
    assert records.purge_old() == 1
    db.session.commit()
    assert [r.to_address for r in _rows(open_event)] == ["recent@example.org"]


def test_a_message_never_written_before_a_crash_is_written_by_the_retry(app, open_event, mailbox):
    """The process died between the commit and writing the message: the row holds what to
    write (the registration and the kind), and the retry writes and sends it."""
    from eventapp.mail import outbox
    from eventapp.registration import notify
    from tests.registration.conftest import register

    registration = register(open_event, "crash@example.org", commit=False)
    with app.test_request_context():
        notify.send_registration_mail(registration, "registered")
        db.session.commit()
        db.session.info.pop(outbox._READY, None)  # the crash: nothing handed on
    [row] = _rows(open_event)
    assert row.content is None and row.recipe["kind"] == "registered"
    _make_due(open_event)
    result = app.test_cli_runner().invoke(args=["mail", "retry"])
    assert "1 sent" in result.output, result.output
    [message] = mailbox()
    assert str(message["To"]) == "crash@example.org"
    assert open_event.title_ar in str(message["Subject"])
    assert "/r/" in message.get_body(("plain",)).get_content()  # the personal link
