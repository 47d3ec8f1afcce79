"""The public form, the confirmation e-mail and the participant's personal link."""

from __future__ import annotations

import datetime as dt
import json

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Registration, Status
from tests.registration.conftest import form_data, open_registration, register


def _post(client, event, **overrides):
    client.get(f"/e/{event.slug}/register")
    return client.post(f"/e/{event.slug}/register", form_data(event, **overrides))


def test_form_is_arabic_first_and_lists_the_days(client, open_event):
    page = client.get(f"/e/{open_event.slug}/register").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "الاسم بالعربية" in page
    assert "من يمكنه رؤية اسمي في قائمة المشاركين" in page
    assert page.count('type="checkbox" value="') >= 3
    assert all(f'value="{d.id}"' in page for d in open_event.days)
    client.switch_language("en")
    page = client.get(f"/e/{open_event.slug}/register").get_data(as_text=True)
    assert "Who may see my name in the list of participants" in page


def test_registering_confirms_and_mails_a_personal_link_with_the_ics(client, open_event, mailbox):
    response = _post(client, open_event)
    assert response.status_code == 302
    registration = db.session.query(Registration).one()
    assert registration.status == Status.CONFIRMED
    assert registration.list_visibility.value == "participants"
    assert registration.report_naming.value == "organisation"
    assert registration.organisation_id is None  # typed, not in the directory
    assert registration.organisation_name == "منظمة العفو الدولية"
    [message] = mailbox()
    assert message["To"] == "layla@example.org"
    assert "تأكّد تسجيلك" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    link = next(line for line in body.splitlines() if "/r/" in line).strip()
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["event.ics", "checkin-qr.png"]
    ics = next(message.iter_attachments()).get_content()
    assert "BEGIN:VEVENT" in (ics if isinstance(ics, str) else ics.decode())
    page = client.get(link.replace("http://localhost", ""))
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "ليلى الهاشمي" in text
    assert registration.checkin_code in text
    assert "<svg" in text  # the QR code


def test_directory_organisation_is_linked(client, open_event, make_organisation):
    amnesty = make_organisation(acronym="AI")
    form = client.get(f"/e/{open_event.slug}/register").get_data(as_text=True)
    assert '<option value="منظمة العفو الدولية (AI)">' in form  # offered while typing
    _post(client, open_event, organisation="Amnesty International (AI)")
    registration = db.session.query(Registration).one()
    assert registration.organisation_id == amnesty.id


def test_bad_email_is_refused_in_arabic_and_keeps_what_was_typed(client, open_event):
    response = _post(client, open_event, email="layla@")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "عنوان البريد الإلكتروني هذا غير صالح." in page
    assert 'value="ليلى الهاشمي"' in page
    assert db.session.query(Registration).count() == 0


def test_after_the_form_the_page_says_to_check_the_mail(client, open_event, mailbox):
    response = _post(client, open_event)
    assert response.headers["Location"].endswith(f"/e/{open_event.slug}/register/sent")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="check-email"' in page
    assert "/r/" not in page  # the personal link is in the mail only
    assert len(mailbox()) == 1
    # A second sign-up with the same address: see test_no_enumeration.py.


def test_who_cancelled_may_register_again_and_the_old_link_stops_working(client, open_event):
    _post(client, open_event)
    first = services.registration_by_email(open_event, "layla@example.org")
    old_token = services.make_token(first)
    services.cancel_registration(first)
    db.session.commit()
    response = _post(client, open_event, name_ar="ليلى", organisation="")
    assert response.status_code == 302
    db.session.expire_all()
    [again] = db.session.query(Registration).all()  # the same row, used anew
    assert again.id == first.id
    assert again.status == Status.CONFIRMED
    assert again.name_ar == "ليلى"
    assert again.organisation_id is None and again.organisation_name is None
    assert services.registration_for_token(old_token) is None
    assert services.registration_for_token(services.make_token(again)) == again


def test_days_outside_the_event_are_refused(client, open_event, make_event):
    other = make_event()
    response = _post(client, open_event, day_ids=[str(other.days[0].id)])
    assert "اختر أيامًا من أيام هذه الفعالية فقط." in response.get_data(as_text=True)
    assert db.session.query(Registration).count() == 0


def test_full_event_without_waitlist_says_so(client, make_event):
    event = make_event()
    open_registration(event, capacity_in_person=0, waitlist_enabled=False)
    response = _post(client, event)
    assert response.status_code == 422
    assert "اكتملت جميع أماكن الحضور الشخصي." in response.get_data(as_text=True)
    assert db.session.query(Registration).count() == 0


def test_closed_registration_says_when_it_opens(client, make_event):
    event = make_event()
    open_registration(event, opens_on=dt.date.today() + dt.timedelta(days=5))
    page = client.get(f"/e/{event.slug}/register").get_data(as_text=True)
    assert "يُفتح التسجيل في" in page
    response = client.post(f"/e/{event.slug}/register", form_data(event))
    assert db.session.query(Registration).count() == 0
    assert "يُفتح التسجيل في" in response.get_data(as_text=True)


def test_category_days_limit_guests_to_the_first_three_days(client, make_event):
    event = make_event(days=4)
    first_three = [d.id for d in event.days[:3]]
    open_registration(event, category_days={"guest": first_three})
    response = _post(client, event, category="guest")
    assert "لا يحق للمشاركين من هذه الفئة حضور سوى" in response.get_data(as_text=True)
    response = _post(client, event, category="guest", day_ids=[str(d) for d in first_three])
    assert response.status_code == 302


def test_change_days_and_cancel_from_the_personal_link(client, open_event, mailbox):
    waiting_list = [register(open_event) for _ in range(2)]
    _post(client, open_event)
    registration = services.registration_by_email(open_event, "layla@example.org")
    assert registration.status == Status.WAITLISTED
    token = services.make_token(registration)
    version = client.version(f"/r/{token}")
    day = open_event.days[0]
    response = client.post(
        f"/r/{token}/change", {"mode": "in_person", "day_ids": [str(day.id)], "version": version}
    )
    assert response.status_code == 302
    assert [d.id for d in registration.days] == [day.id]
    # A confirmed person cancels: Layla, first on the waiting list, is confirmed and told.
    services.cancel_registration(waiting_list[0])
    db.session.commit()
    db.session.refresh(registration)
    assert registration.status == Status.CONFIRMED
    client.get(f"/r/{token}")
    client.post(f"/r/{token}/cancel", {})
    db.session.refresh(registration)
    assert registration.status == Status.CANCELLED
    assert "أُلغي تسجيلك" in mailbox()[-1]["Subject"]


def test_forged_and_expired_links_are_explained(client, app, open_event):
    registration = register(open_event)
    token = services.make_token(registration)
    page = client.get(f"/r/{token[:-3]}xyz")
    assert page.status_code == 404
    assert "هذا الرابط الشخصي غير صالح" in page.get_data(as_text=True)
    app.config["REGISTRATION_LINK_MAX_AGE"] = -1
    try:
        page = client.get(f"/r/{token}")
    finally:
        app.config.pop("REGISTRATION_LINK_MAX_AGE")
    assert "انتهت صلاحية هذا الرابط الشخصي" in page.get_data(as_text=True)
    assert services.registration_for_token("nonsense") is None
    assert services.registration_for_token(token) == registration


def test_download_and_delete_my_data(client, open_event):
    _post(client, open_event)
    registration = db.session.query(Registration).one()
    token = services.make_token(registration)
    data = json.loads(client.raw.get(f"/r/{token}/data.json").data)
    assert data["email"] == "layla@example.org"
    assert data["interpretation_needs"] == "الإنجليزية"
    client.get(f"/r/{token}")
    response = client.post(f"/r/{token}/erase", {})
    assert response.status_code == 302
    assert db.session.query(Registration).count() == 0
    assert client.get(f"/r/{token}").status_code == 404


def test_public_event_page_offers_registration(client, open_event):
    page = client.get(f"/e/{open_event.slug}/").get_data(as_text=True)
    assert f"/e/{open_event.slug}/register" in page


def test_the_attached_calendar_holds_the_programme_with_its_time_zone(
    client, open_event, mailbox, make_session
):
    from icalendar import Calendar

    make_session(open_event, title_ar="الجلسة الافتتاحية", start="09:00", end="09:30")
    make_session(open_event, day=2, title_ar="جلسة العمل", start="10:00", end="11:30")
    assert _post(client, open_event).status_code == 302
    [message] = mailbox()
    ics = next(message.iter_attachments()).get_content()
    calendar = Calendar.from_ical(ics if isinstance(ics, bytes) else ics.encode())
    entries = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in entries] == ["الجلسة الافتتاحية", "جلسة العمل"]
    start = entries[0].decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (9, "Asia/Riyadh")


def test_the_qr_png_holds_the_check_in_address(app, open_event):
    import io

    import segno
    from PIL import Image

    from eventapp.registration import notify

    registration = register(open_event)
    with app.test_request_context():
        png = notify.qr_png(registration, scale=4)
        address = notify.checkin_url(registration)
    matrix = segno.make(address, error="m", mask=4).matrix
    image = Image.open(io.BytesIO(png)).convert("L")
    side = (len(matrix) + 4) * 4  # two modules of quiet zone each side, 4 pixels a module
    assert image.size == (side, side)
    for y, row in enumerate(matrix):  # each module's centre pixel: dark where the code is
        for x, dark in enumerate(row):
            assert (image.getpixel(((x + 2) * 4 + 2, (y + 2) * 4 + 2)) < 128) == bool(dark)


def test_a_message_names_the_person_as_typed_and_follows_the_event(app, open_event):
    from flask_babel import force_locale

    from eventapp.registration import notify

    ali = register(open_event, name_ar="علي <وأبناؤه> & شركاه", name_en="Ali & 'Sons' <Co>")
    laila = register(open_event, name_ar="ليلى", day_ids=[open_event.days[0].id])
    ali.locale = "en"
    db.session.commit()
    with app.test_request_context(), force_locale("en"):
        _, text, html = notify.render_message(ali, "link", "http://x/r/0")
    assert "Ali & 'Sons' <Co>" in text  # as typed in the text, escaped in the HTML
    assert "Ali &amp; &#39;Sons&#39; &lt;Co&gt;" in html
    open_event.title_ar = "عنوان جديد للفعالية"
    db.session.commit()
    with app.test_request_context(), force_locale("ar"):
        subject, text, html = notify.render_message(laila, "registered", "http://x/r/1")
    assert "عنوان جديد للفعالية" in subject and "عنوان جديد للفعالية" in text
    assert "ليلى" in html and "http://x/r/1" in text
