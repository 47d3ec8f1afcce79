"""Left-to-right values inside Arabic (issue 16, direction): the personal page, the mail and
the flash messages isolate e-mails, codes, English names and file names."""

from __future__ import annotations

from eventapp.auth.mail import INVITATION, password_link_message
from eventapp.auth.models import EventRoleKind
from eventapp.extensions import db
from eventapp.registration.models import Registration, Status
from eventapp.registration.notify import render_message
from eventapp.reports.text import FSI, LRI, PDI
from tests.factories import make_user
from tests.registration.conftest import form_data


def _register(client, event, **overrides):
    return client.post(
        f"/e/{event.slug}/register", data=form_data(event, **overrides), follow_redirects=False
    )


def test_personal_page_and_mail_isolate_english_runs(client, open_event, mailbox):
    _register(client, open_event, organisation="Human Rights Watch (HRW)")
    registration = db.session.query(Registration).one()
    [message] = mailbox()
    body = message.get_body(("plain",)).get_content()
    assert f"{LRI}{registration.checkin_code}{PDI}" in body
    html = message.get_body(("html",)).get_content()
    assert f'<span dir="ltr">{registration.checkin_code}</span>' in html
    link = next(line for line in body.splitlines() if "/r/" in line).strip()
    page = client.get(link.replace("http://localhost", "")).get_data(as_text=True)
    assert '<bdi dir="ltr">Human Rights Watch (HRW)</bdi>' in page
    assert 'id="participant-name" dir="auto"' in page
    assert f'dir="ltr" id="checkin-code">{registration.checkin_code}<' in page
    # The file name keeps its dot in front: «(.ics)», not «(ics.)».
    assert f"({LRI}.ics{PDI})" in page


def test_arabic_name_is_left_alone_and_english_name_isolated_in_mail(client, open_event, mailbox):
    _register(client, open_event, name_ar="", name_en="Layla Hashimi")
    [message] = mailbox()
    body = message.get_body(("plain",)).get_content()
    assert f"{FSI}Layla Hashimi{PDI}" in body
    assert f"{FSI}{open_event.title}" not in body  # an Arabic title needs no isolate


def test_an_english_event_title_is_isolated_in_arabic_subjects_and_bodies(
    client, open_event, mailbox
):
    open_event.title_ar, open_event.title_en = None, "Geneva Dialogue 2026"
    db.session.commit()
    _register(client, open_event)
    [message] = mailbox()
    title = f"{FSI}Geneva Dialogue 2026{PDI}"
    assert message["Subject"] == f"تأكّد تسجيلك: {title}"
    assert f"«{title}»" in message.get_body(("plain",)).get_content()
    registration = db.session.query(Registration).one()
    registration.status = Status.WAITLISTED
    subject, text, _html = render_message(registration, "status", "http://localhost/r/x")
    assert title in subject and subject.startswith("أصبحت حالة تسجيلك: ")
    assert f"«{title}»" in text


def test_an_english_team_is_isolated_in_the_subjects_of_account_mail(app, open_event):
    open_event.title_ar, open_event.title_en = None, "Geneva Dialogue 2026"
    user = make_user("guest@example.org")
    by = make_user("lead@example.org", name="Lead")
    with app.test_request_context():
        _to, subject, _text = password_link_message(
            user, INVITATION, "token", event=open_event, role=EventRoleKind.ORGANISER, by=by
        )
    assert f"{FSI}Geneva Dialogue 2026{PDI}" in subject
