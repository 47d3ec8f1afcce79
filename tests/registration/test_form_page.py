"""The blank public form is rendered once per state and served with each visitor's own token."""

import re

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Question, QuestionKind, Registration
from tests.registration.conftest import form_data

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def test_each_visitor_gets_their_own_token_and_both_can_register(app, open_event):
    from tests.conftest import WebClient

    first, second = WebClient(app.test_client()), WebClient(app.test_client())
    url = f"/e/{open_event.slug}/register"
    page_one = first.get(url).get_data(as_text=True)
    page_two = second.get(url).get_data(as_text=True)
    assert TOKEN.search(page_one).group(1) != TOKEN.search(page_two).group(1)
    assert TOKEN.sub("", page_one) == TOKEN.sub("", page_two)  # the same page otherwise
    for client, email in ((first, "a@example.org"), (second, "b@example.org")):
        assert client.post(url, form_data(open_event, email=email)).status_code == 302
    assert db.session.query(Registration).count() == 2


def test_a_change_to_the_form_shows_at_once(client, open_event):
    url = f"/e/{open_event.slug}/register"
    assert "ما مجال عملك؟" not in client.get(url).get_data(as_text=True)
    db.session.add(
        Question(
            event_id=open_event.id,
            position=0,
            kind=QuestionKind.TEXT,
            label_ar="ما مجال عملك؟",
            required=False,
        )
    )
    db.session.commit()
    assert "ما مجال عملك؟" in client.get(url).get_data(as_text=True)
    services.save_settings(open_event, {"is_open": False}, None)
    db.session.commit()
    assert 'id="closed"' in client.get(url).get_data(as_text=True)
    client.switch_language("en")
    assert '<html lang="en" dir="ltr">' in client.get(url).get_data(as_text=True)


def test_edits_and_deletions_show_at_once(client, open_event):
    url = f"/e/{open_event.slug}/register"
    question = Question(
        event_id=open_event.id, position=0, kind=QuestionKind.TEXT, label_ar="سؤال أول"
    )
    db.session.add(question)
    db.session.commit()
    assert "سؤال أول" in client.get(url).get_data(as_text=True)
    question.label_ar = "سؤال معدّل"
    db.session.commit()
    assert "سؤال معدّل" in client.get(url).get_data(as_text=True)
    db.session.delete(question)
    db.session.commit()
    assert "سؤال معدّل" not in client.get(url).get_data(as_text=True)
    open_event.title_ar = "عنوان جديد للفعالية"
    db.session.commit()
    assert "عنوان جديد للفعالية" in client.get(url).get_data(as_text=True)


def test_a_kept_form_costs_one_query(client, open_event, count_queries):
    url = f"/e/{open_event.slug}/register"
    client.get(url)  # rendered and kept
    with count_queries() as counter:
        page = client.get(url).get_data(as_text=True)
    assert 'name="csrf_token"' in page
    # One query for the event's state; the other reads the organisation names, which the
    # product keeps 30 s per worker and tests read afresh.
    assert counter.count == 2
    assert "FROM organisations" in counter.statements[1]


def test_a_sign_up_costs_ten_statements(client, open_event, count_queries):
    from tests.registration.conftest import form_data

    url = f"/e/{open_event.slug}/register"
    client.get(url)
    client.post(url, form_data(open_event, email="first@example.org"))
    client.get(url)
    with count_queries() as counter:
        response = client.post(url, form_data(open_event))
    assert response.status_code == 302
    # (PostgreSQL: the "sent" mark is committed with SET LOCAL synchronous_commit TO OFF.)
    statements = [s for s in counter.statements if not s.startswith(("BEGIN", "SET LOCAL"))]
    # The event with its days and settings; the event's questions; the lock; the places in
    # use; an earlier
    # registration of the e-mail and the typed organisation; the registration and its days;
    # its one audit entry (status, mode, category, days: written in the same flush, so in the
    # same transaction), its confirmation in the outbox (same transaction), marked sent after
    # the commit. It was six statements before the audit trail and the outbox, and nine while
    # each worker kept a copy of the questions.
    assert len(statements) == 10, "\n".join(s[:140] for s in statements)
    assert "FROM registration_settings" in statements[2]  # FOR UPDATE; SQLite: BEGIN IMMEDIATE
    inserts = [" ".join(s.split()[:3]) for s in statements if s.startswith(("INSERT", "UPDATE"))]
    assert inserts == [
        "INSERT INTO registrations",
        "INSERT INTO registration_days",
        "INSERT INTO audit_entries",
        "INSERT INTO mail_outbox",
        "UPDATE mail_outbox SET",
    ], inserts
