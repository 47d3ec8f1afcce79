"""Left-to-right values inside Arabic (issue 16, direction): the personal page, the mail and
the flash messages isolate e-mails, codes, English names and file names."""

from __future__ import annotations

from eventapp.extensions import db
from eventapp.registration.models import Registration
from eventapp.reports.text import FSI, LRI, PDI
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
