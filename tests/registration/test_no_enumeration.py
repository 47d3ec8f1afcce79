"""The public form and the "send my link again" form never tell a visitor who registered.

A known and an unknown address get the same status, the same address to go to and the same
page; only the owner of a known address learns, by a mail with their own link, that they were
registered already, and nothing of their registration changes.
"""

from __future__ import annotations

import re
import statistics
import time

import pytest
from sqlalchemy import inspect

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Registration
from tests.conftest import WebClient
from tests.registration.conftest import form_data, open_registration

CSRF = re.compile(r'(name="csrf_token"(?: type="hidden")? value=")[^"]+(")')

# What someone who knows Layla's address types to find out whether she registered (or to
# change her registration): other name, position, mode, days and consents.
INTRUDER = {
    "name_ar": "شخص آخر",
    "name_en": "Someone Else",
    "organisation": "جهة أخرى",
    "position": "متطفل",
    "mode": "remote",
    "interpretation_needs": "",
    "list_visibility": "public",
    "report_naming": "name",
}


def _visible(response, typed_email: str) -> str:
    """The response as a visitor sees it, without the per-request CSRF token and the address
    they typed themselves."""
    body = CSRF.sub(r"\1-\2", response.get_data(as_text=True))
    return body.replace(typed_email, "<typed>")


def _row(registration: Registration) -> dict:
    db.session.refresh(registration)
    values = {c.key: getattr(registration, c.key) for c in inspect(Registration).column_attrs}
    values["days"] = [d.id for d in registration.days]
    return values


def _attempt(app, event, email, **typed):
    """A new visitor: opens the form, sends it, follows where it sends them."""
    visitor = WebClient(app.test_client())
    visitor.get(f"/e/{event.slug}/register")
    sent = visitor.post(f"/e/{event.slug}/register", form_data(event, email=email, **typed))
    landing = visitor.get(sent.headers["Location"]) if sent.status_code == 302 else None
    return sent, landing


def _cookie_names(response) -> list[str]:
    return sorted(c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie"))


def _mails(mailbox, address):
    return [m for m in mailbox() if m["To"] == address]


def _link_in(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return next(line for line in body.splitlines() if "/r/" in line).strip()


def test_known_and_unknown_addresses_get_the_same_answer(app, client, open_event, mailbox):
    _attempt(app, open_event, "layla@example.org")
    layla = services.registration_by_email(open_event, "layla@example.org")
    before = _row(layla)
    already_mailed = len(mailbox())

    known, known_page = _attempt(app, open_event, "LAYLA@example.org", **INTRUDER)
    unknown, unknown_page = _attempt(app, open_event, "nobody@example.org", **INTRUDER)

    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert _visible(known, "LAYLA@example.org") == _visible(unknown, "nobody@example.org")
    assert known_page.status_code == unknown_page.status_code == 200
    assert _visible(known_page, "-") == _visible(unknown_page, "-")
    assert 'id="check-email"' in known_page.get_data(as_text=True)
    assert _cookie_names(known) == _cookie_names(unknown)

    # Nothing of Layla's registration changed, and there is no second one for her address.
    assert _row(layla) == before
    assert db.session.query(Registration).filter_by(event_id=open_event.id).count() == 2
    # Layla gets one message: she is registered already, with her own working link.
    mails = _mails(mailbox, "layla@example.org")
    assert len(mails) - already_mailed == 1
    message = mails[-1]
    assert "تسجيلك قائم بالفعل" in message["Subject"]
    assert "لم يتغيّر شيء" in message.get_body(("plain",)).get_content()
    page = client.get(_link_in(message).replace("http://localhost", ""))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "ليلى الهاشمي" in text and "شخص آخر" not in text
    # The unknown address was registered as a new person and told so by mail.
    assert len(_mails(mailbox, "nobody@example.org")) == 1


def test_a_full_event_refuses_known_and_unknown_addresses_alike(app, make_event, mailbox):
    event = make_event(days=2)
    open_registration(event, capacity_in_person=1, waitlist_enabled=False)
    _attempt(app, event, "layla@example.org")
    before = _row(services.registration_by_email(event, "layla@example.org"))
    known, _ = _attempt(app, event, "layla@example.org", name_ar="شخص آخر")
    unknown, _ = _attempt(app, event, "other@example.org", name_ar="شخص آخر")
    assert known.status_code == unknown.status_code == 422
    assert _visible(known, "layla@example.org") == _visible(unknown, "other@example.org")
    assert "اكتملت جميع أماكن الحضور الشخصي." in known.get_data(as_text=True)
    assert _row(services.registration_by_email(event, "layla@example.org")) == before
    assert len(mailbox()) == 1  # Layla's confirmation only


@pytest.mark.parametrize("status", ["waitlisted", "pending", "cancelled"])
def test_whatever_the_earlier_status_the_answer_is_the_same(app, make_event, mailbox, status):
    event = make_event()
    open_registration(
        event,
        capacity_in_person=0 if status == "waitlisted" else 5,
        requires_approval=status == "pending",
    )
    _attempt(app, event, "layla@example.org")
    layla = services.registration_by_email(event, "layla@example.org")
    if status == "cancelled":
        services.cancel_registration(layla)
        db.session.commit()
    assert layla.status.value == status
    known, _ = _attempt(app, event, "layla@example.org")
    unknown, _ = _attempt(app, event, "other@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    db.session.expire_all()
    # Who cancelled registers anew (the same row, used again); the others keep theirs.
    expected = (
        "pending"
        if status == "pending"
        else ("waitlisted" if status == "waitlisted" else "confirmed")
    )
    assert services.registration_by_email(event, "layla@example.org").status.value == expected


def test_send_my_link_again_answers_alike_and_mails_the_address(app, open_event, mailbox):
    _attempt(app, open_event, "layla@example.org")
    answers = []
    for email in ("layla@example.org", "nobody@example.org"):
        visitor = WebClient(app.test_client())
        visitor.get(f"/e/{open_event.slug}/register/sent")
        response = visitor.post(f"/e/{open_event.slug}/register/resend", {"email": email})
        page = visitor.get(response.headers["Location"])
        answers.append((response.status_code, response.headers["Location"], _visible(page, "-")))
    assert answers[0] == answers[1]
    assert "رابطك الشخصي" in _mails(mailbox, "layla@example.org")[-1]["Subject"]
    [nobody] = _mails(mailbox, "nobody@example.org")
    assert "لا يوجد تسجيل حالي" in nobody.get_body(("plain",)).get_content()
    assert "/r/" not in nobody.get_body(("plain",)).get_content()


def test_the_time_of_the_answer_does_not_tell_either(app, make_event):
    """Both paths write one message; a known address must not answer grossly faster or slower
    (before: a 422 page without a message against a sign-up with one)."""
    event = make_event(days=2)
    open_registration(event, capacity_in_person=500)
    _attempt(app, event, "layla@example.org")
    _attempt(app, event, "warm@example.org")  # the first sign-up fills the worker's caches
    known, unknown = [], []
    for n in range(12):
        for email, times in (("layla@example.org", known), (f"new{n}@example.org", unknown)):
            visitor = WebClient(app.test_client())
            visitor.get(f"/e/{event.slug}/register")
            data = form_data(event, email=email)
            started = time.perf_counter()
            visitor.post(f"/e/{event.slug}/register", data)
            times.append(time.perf_counter() - started)
    fast, slow = sorted((statistics.median(known), statistics.median(unknown)))
    assert slow < 3 * fast, (known, unknown)


def test_organisers_adding_by_hand_are_told_the_address_is_registered(
    client, organiser, open_event, mailbox
):
    """Organisers see every registration of their event anyway: they are told, and nothing is
    added or mailed."""
    _attempt(client.raw.application, open_event, "layla@example.org")
    client.login(organiser)
    url = f"/manage/events/{open_event.id}/registrations/new"
    client.get(url)
    response = client.post(
        url,
        {
            "name_ar": "شخص آخر",
            "email": "layla@example.org",
            "category": "delegate",
            "mode": "in_person",
            "day_ids": [str(d.id) for d in open_event.days],
            "list_visibility": "nobody",
            "report_naming": "name",
        },
    )
    assert "عنوان البريد الإلكتروني هذا مسجَّل بالفعل" in response.get_data(as_text=True)
    assert db.session.query(Registration).filter_by(event_id=open_event.id).count() == 1
    assert len(mailbox()) == 1  # Layla's confirmation only
