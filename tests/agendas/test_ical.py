"""iCalendar feeds, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from eventapp.demo import load_demo
from eventapp.demo.london import THIRD_SESSION_AR
from tests.factories import make_event, make_person, make_session


def _calendar(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.data)


def _events(cal: Calendar):
    return [c for c in cal.walk("VEVENT")]


@pytest.fixture
def demo():
    return load_demo()


def test_whole_event_feed_has_every_session_with_its_zone(client, demo):
    cal = _calendar(client, "/e/alqst-london-2017/agenda.ics")
    events = _events(cal)
    assert len(events) == 5
    assert str(cal["X-WR-CALNAME"]) == "مؤتمر القسط الأول"
    assert [str(c["TZID"]) for c in cal.walk("VTIMEZONE")] == ["Europe/London"]
    third = next(e for e in events if str(e["SUMMARY"]) == THIRD_SESSION_AR)
    start = third.decoded("DTSTART")
    assert start == dt.datetime(2017, 12, 9, 14, 30, tzinfo=ZoneInfo("Europe/London"))
    assert third["DTSTART"].params["TZID"] == "Europe/London"
    assert third.decoded("DTEND") - start == dt.timedelta(hours=3)
    assert "ما توصيف المشكلة" in str(third["DESCRIPTION"])
    assert "القاعة الرئيسية" in str(third["LOCATION"])
    assert str(third["URL"]).endswith(f"#session-{third['UID'].split('-')[2].split('@')[0]}")
    assert len({str(e["UID"]) for e in events}) == 5


def test_feed_titles_follow_the_requested_language(client, demo):
    cal = _calendar(client, "/e/alqst-london-2017/agenda.ics?lang=en")
    titles = [str(e["SUMMARY"]) for e in _events(cal)]
    assert "Contributions: describing the problem and the proposed solution" in titles
    assert str(cal["X-WR-CALNAME"]) == "ALQST First Annual Conference"


def test_guatemala_times_are_in_guatemala(client, demo):
    cal = _calendar(client, "/e/solidarity-system-guatemala-2019/agenda.ics")
    first = min(_events(cal), key=lambda e: e.decoded("DTSTART"))
    # 09:00 in Guatemala City (UTC-6, no summer time) is 15:00 UTC.
    assert first.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2019, 7, 8, 15, 0, tzinfo=dt.UTC
    )
    assert first["DTSTART"].params["TZID"] == "America/Guatemala"
    assert first.decoded("DTSTART").hour == 9


def test_one_session_feed(client):
    event = make_event(timezone="Asia/Riyadh")
    speaker = make_person("مريم", "Maryam")
    session = make_session(
        event, title_ar="جلسة واحدة", start="16:00", end="17:15", people=[(speaker, "presenter")]
    )
    make_session(event, title_ar="جلسة أخرى", start="18:00", end="19:00")
    cal = _calendar(client, f"/e/{event.slug}/sessions/{session.id}.ics")
    (only,) = _events(cal)
    assert str(only["SUMMARY"]) == "جلسة واحدة"
    assert only.decoded("DTSTART").utcoffset() == dt.timedelta(hours=3)
    assert "مريم" in str(only["DESCRIPTION"])
    assert client.get(f"/e/{event.slug}/sessions/999999.ics").status_code == 404
