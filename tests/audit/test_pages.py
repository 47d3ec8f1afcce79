"""The trail's pages: an event's for its organisers, everything for administrators; filters,
pages, both languages."""

from __future__ import annotations

import datetime as dt
import re

from eventapp import audit
from eventapp.audit.models import AuditEntry
from eventapp.extensions import db
from tests.audit.conftest import forget
from tests.factories import give_role, make_user


def _entry(event, *, at, entity_type="session", action="update", user=None, changes=None):
    db.session.add(
        AuditEntry(
            at=at,
            actor_user_id=user.id if user else None,
            actor_label="user" if user else "cli",
            event_id=event.id,
            entity_type=entity_type,
            entity_id=7,
            action=action,
            changes=changes or {"title_ar": ["قديم", "جديد"]},
        )
    )


def _rows(page: str) -> int:
    return page.count('class="audit-entry"')


def _total(page: str) -> int:
    return int(re.search(r'data-total="(\d+)"', page).group(1))


def test_organisers_see_their_events_trail_in_arabic(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/edit"
    page = client.get(f"/manage/events/{event.id}/").get_data(as_text=True)
    assert f"/manage/events/{event.id}/audit" in page  # linked from the dashboard
    version = client.version(url)
    client.post(
        url,
        {
            "version": version,
            "kind": "conference",
            "title_ar": "مؤتمر حقوق الإنسان",
            "title_en": "Human Rights Forum",
            "slug": event.slug,
            "attendance_mode": "in_person",
            "timezone": "Asia/Riyadh",
            "first_day": event.first_day.isoformat(),
            "last_day": event.last_day.isoformat(),
        },
    )
    response = client.get(f"/manage/events/{event.id}/audit")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "سجل التدقيق" in page and "فعالية" in page and "تعديل" in page
    assert "Human Rights Conference" in page and "Human Rights Forum" in page
    assert "منظمة الفعالية" in page  # who: the organiser's name
    assert 'dir="rtl"' in page and "توقيت الرياض" in page
    client.switch_language("en")
    page = client.get(f"/manage/events/{event.id}/audit").get_data(as_text=True)
    assert "Audit trail" in page and "Changed" in page and "Title (English)" in page


def test_times_are_in_the_events_time_zone(client, organiser, event):
    forget()
    _entry(event, at=dt.datetime(2026, 12, 9, 21, 30))  # UTC: 00:30 the next day in Riyadh
    db.session.commit()
    client.login(organiser)
    page = client.get(f"/manage/events/{event.id}/audit").get_data(as_text=True)
    assert "10 ديسمبر 2026، 00:30:00" in page


def test_other_organisers_and_staff_cannot_see_the_trail(client, organiser, event, make_event):
    other = make_user("other@example.org")
    make_event(organiser=other)
    facilitator = make_user("facilitator@example.org")
    give_role(facilitator, event, "facilitator", None)
    for user in (other, facilitator):
        client.login(user)
        assert client.get(f"/manage/events/{event.id}/audit").status_code == 403
        assert client.get("/auth/audit").status_code == 403
        client.post("/auth/logout")
    assert client.get(f"/manage/events/{event.id}/audit").status_code == 302  # sign in first


def test_administrators_see_everything(client, organiser, event, make_event):
    other_event = make_event()
    forget()
    _entry(event, at=dt.datetime(2026, 12, 1, 9))
    _entry(other_event, at=dt.datetime(2026, 12, 1, 10), entity_type="room")
    db.session.commit()
    client.login(make_user("admin@example.org", is_admin=True))
    page = client.get("/auth/audit").get_data(as_text=True)
    assert _rows(page) == 2
    assert f"/manage/events/{other_event.id}/audit" in page
    assert "سجل التدقيق" in client.get("/manage/").get_data(as_text=True)  # in the menu
    # An organiser's view holds their event only
    client.post("/auth/logout")
    client.login(organiser)
    assert _rows(client.get(f"/manage/events/{event.id}/audit").get_data(as_text=True)) == 1


def test_filters_and_pages(client, organiser, event):
    colleague = make_user("colleague@example.org", name="زميل")
    give_role(colleague, event, "organiser")
    forget()
    start = dt.datetime(2026, 12, 1, 8)
    for i in range(60):
        _entry(event, at=start + dt.timedelta(hours=i), user=organiser)
    _entry(event, at=dt.datetime(2026, 12, 5, 8), entity_type="registration", user=colleague)
    _entry(event, at=dt.datetime(2026, 12, 6, 8), entity_type="registrations", action="export")
    db.session.commit()
    client.login(organiser)
    url = f"/manage/events/{event.id}/audit"
    first = client.get(url).get_data(as_text=True)
    assert _rows(first) == 50 and _total(first) == 62 and "62 قيدًا" in first
    second = client.get(url, query_string={"page": "2"}).get_data(as_text=True)
    assert _rows(second) == 12
    assert _rows(client.get(url, query_string={"page": "999999"}).get_data(as_text=True)) == 0

    def rows(**args):
        response = client.get(url, query_string=args)
        assert response.status_code == 200
        return _total(response.get_data(as_text=True))

    assert rows(entity_type="registration") == 1
    assert rows(action="export") == 1
    assert rows(actor=f"user:{colleague.id}") == 1
    assert rows(actor=f"user:{organiser.id}") == 60
    assert rows(actor="cli") == 1
    # 2 December in Riyadh: 1 December 21:00 to 2 December 21:00 UTC
    assert rows(since="2026-12-02", until="2026-12-02") == 24
    assert rows(since="2026-12-05") == 2
    assert rows(until="2026-11-30") == 0
    # The page keeps the filters when it turns
    page = client.get(url, query_string={"action": "update", "page": "1"}).get_data(as_text=True)
    assert "action=update" in page and "page=2" in page


def test_bad_filters_are_refused_next_to_the_field(client, organiser, event):
    client.login(organiser)
    url = f"/manage/events/{event.id}/audit"
    response = client.get(url, query_string={"since": "yesterday", "action": "explode"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count("invalid-feedback") == 2
    assert 'value="yesterday"' in page


def test_a_hidden_value_is_shown_as_not_shown(client, organiser, event):
    forget()
    _entry(event, at=dt.datetime(2026, 12, 1), changes={"video_link": [None, audit.HIDDEN]})
    db.session.commit()
    client.login(organiser)
    page = client.get(f"/manage/events/{event.id}/audit").get_data(as_text=True)
    assert "رابط الفيديو" in page and "(غير معروض)" in page
