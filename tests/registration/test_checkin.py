"""Check-in at the door: QR address, typed code, name search, repeated and wrong-day scans."""

from __future__ import annotations

from eventapp.extensions import db
from eventapp.registration import notify, services
from eventapp.registration.models import CheckIn
from tests.registration.conftest import open_registration, register


def _event(make_event, organiser):
    event = make_event(organiser=organiser, days=2)
    open_registration(event, capacity_in_person=1)
    return event


def test_scan_of_the_qr_address_then_one_tap(client, organiser, make_event, app):
    event = _event(make_event, organiser)
    day1 = event.days[0]
    person = register(event, name_ar="هالة المصري", day_ids=[day1.id])
    client.login(organiser)
    with app.test_request_context():
        url = notify.checkin_url(person).replace("http://localhost", "")
    assert url == f"/c/{event.id}/{person.checkin_code}"  # short: a small code, quick to scan
    page = client.get(url + f"?day={day1.id}", follow_redirects=True).get_data(as_text=True)
    assert "هالة المصري" in page
    assert 'id="check-in-button"' in page
    response = client.post(f"/manage/events/{event.id}/checkin/{person.id}/{day1.id}", {})
    assert "سُجّل حضور هالة المصري. أهلًا وسهلًا!" in response.get_data(as_text=True)
    assert db.session.query(CheckIn).count() == 1
    again = client.post(f"/manage/events/{event.id}/checkin/{person.id}/{day1.id}", {})
    assert "سبق أن سُجّل حضور هالة المصري اليوم" in again.get_data(as_text=True)
    assert db.session.query(CheckIn).count() == 1
    figures = services.attendance_by_day(event)
    assert figures[0]["checked_in"] == 1 and figures[1]["checked_in"] == 0


def test_typed_code_wrong_day_and_not_confirmed(client, organiser, make_event):
    event = _event(make_event, organiser)
    day1, day2 = event.days
    person = register(event, name_ar="هالة المصري", day_ids=[day1.id])
    waiting = register(event, name_ar="سامي الحسن", day_ids=[day1.id])
    client.login(organiser)
    url = f"/manage/events/{event.id}/checkin?day={day2.id}"
    client.get(url)
    response = client.post(url, {"code": person.checkin_code.lower()})
    assert response.status_code == 409
    assert "لأيام:" in response.get_data(as_text=True)
    url = f"/manage/events/{event.id}/checkin?day={day1.id}"
    response = client.post(url, {"code": waiting.checkin_code})
    assert "غير مؤكَّد" in response.get_data(as_text=True)
    response = client.post(
        url,
        {"code": f"https://multaqa.example/manage/events/{event.id}/checkin/{person.checkin_code}"},
    )
    assert "أهلًا وسهلًا" in response.get_data(as_text=True)
    assert db.session.query(CheckIn).count() == 1


def test_search_by_name(client, organiser, make_event):
    event = _event(make_event, organiser)
    open_registration(event, capacity_in_person=None)
    register(event, name_ar="هالة المصري")
    register(event, name_ar="هالة سعيد")
    client.login(organiser)
    url = f"/manage/events/{event.id}/checkin"
    client.get(url)
    page = client.post(url, {"code": "هالة"}).get_data(as_text=True)
    assert 'id="matches"' in page and "هالة سعيد" in page
    page = client.post(url, {"code": "المصري"}).get_data(as_text=True)
    assert 'id="found"' in page
    missing = client.post(url, {"code": "لا أحد"})
    assert missing.status_code == 404
    assert "لا يوجد مسجَّل" in missing.get_data(as_text=True)


def test_scan_of_an_unknown_or_another_events_code_says_so(client, organiser, make_event):
    """At the door, in front of the queue: a wrong QR is a clear message, never an error page."""
    event = _event(make_event, organiser)
    other = _event(make_event, organiser)
    stranger = register(other, name_ar="سامي الحسن")
    client.login(organiser)
    for code in ("NOSUCHCODE", stranger.checkin_code):
        response = client.get(f"/manage/events/{event.id}/checkin/{code}")
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert "هذا الرمز لا يخص تسجيلًا في هذه الفعالية." in page
        assert "سامي الحسن" not in page
    assert db.session.query(CheckIn).count() == 0
