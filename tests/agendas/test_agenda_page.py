"""The public agenda as a reader sees it: content, order, languages, time zones, filters."""

from __future__ import annotations

import re

import pytest
from flask_babel import refresh

from eventapp.demo import load_demo
from eventapp.demo.london import THIRD_SESSION_AR
from eventapp.events.models import EventStatus
from eventapp.extensions import db
from tests.factories import give_role, make_event, make_person, make_session, make_user


@pytest.fixture
def demo():
    return load_demo()


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_london_agenda_in_arabic_has_every_session_in_order(client, demo):
    page = _text(client.get("/e/alqst-london-2017/agenda"))
    assert '<html lang="ar" dir="rtl">' in page
    titles = [
        "العلاقات الدولية مع السعودية ودورها في استمرار الانتهاكات",
        "استراحة",
        "المنظمات الحقوقية: المصاعب ورؤى الحل والعمل المشترك",
        "غداء",
        THIRD_SESSION_AR,
    ]
    assert re.findall(r'<h3 class="h6 mt-1 mb-1">([^<]+)</h3>', page) == titles
    # Guiding question, moderator with role and organisation, room, day title, times.
    assert "ما توصيف المشكلة في نظام الحكم السعودي، وما الحل المقترح؟" in page
    assert "أ. يحيى عسيري" in page and "القسط لحقوق الإنسان" in page
    assert "القاعة الرئيسية" in page
    assert "اليوم العالمي لحقوق الإنسان" in page
    assert "14:30" in page and "17:30" in page
    assert "توقيت لندن" in page
    # The room's video link is for the staff and the registered remote participants only
    # (tests/agendas/test_video_links.py), even at a hybrid event.
    assert "https://meet.example.org/alqst-2017" not in page


def test_agenda_in_english_falls_back_to_arabic_content(client, event):
    make_session(event, title_ar="جلسة بالعربية فقط", title_en=None, start="09:00", end="10:00")
    make_session(
        event, title_ar="الجلسة الثانية", title_en="Second session", start="10:00", end="11:00"
    )
    client.switch_language("en")
    page = _text(client.get(f"/e/{event.slug}/agenda"))
    assert '<html lang="en" dir="ltr">' in page
    assert "Second session" in page and "الجلسة الثانية" not in page
    assert "جلسة بالعربية فقط" in page  # no English title: the Arabic one, not a blank


def test_guatemala_has_four_day_tabs_and_utc_instants(client, demo):
    page = _text(client.get("/e/solidarity-system-guatemala-2019/agenda"))
    assert len(re.findall(r'data-day-tab="\d+"', page)) == 4
    assert "توقيت غواتيمالا" in page
    # 09:00 in Guatemala City (UTC-6) is 15:00 UTC.
    opening = re.search(r'id="session-(\d+)"[^>]*data-start="([^"]+)"', page)
    assert opening.group(2).endswith("T15:00:00Z")
    assert "الدوافع المنهجية وراء الهجمات" in page


def test_workshop_uses_arabic_indic_digits_and_hijri_dates(client, demo):
    page = _text(client.get("/e/nmrf-consultative-workshop/agenda"))
    assert "١١:١٥" in page  # the break at 11:15
    assert "هـ" in page  # the Hijri date next to the Gregorian one
    client.switch_language("en")
    refresh()  # the tests share one app context, where Flask-Babel keeps the locale
    page = _text(client.get("/e/nmrf-consultative-workshop/agenda"))
    assert '<html lang="en"' in page and ">11:15<" in page


def test_filters_by_day_room_kind_and_search(client):
    event = make_event(days=2, rooms=("قاعة أ", "قاعة ب"))
    speaker = make_person("سلمى الناصر", "Salma Al-Nasser")
    make_session(event, day=1, room=0, title_ar="افتتاح المؤتمر", kind="opening")
    make_session(
        event,
        day=1,
        room=1,
        title_ar="حلقة نقاش عن الإعلام",
        kind="panel",
        people=[(speaker, "panellist")],
    )
    make_session(event, day=2, room=0, title_ar="الجلسة الختامية", kind="closing")
    url = f"/e/{event.slug}/agenda"

    page = _text(client.get(url, query_string={"kind": "closing"}))
    assert "الجلسة الختامية" in page and "افتتاح المؤتمر" not in page

    page = _text(client.get(url, query_string={"room": event.rooms[1].id}))
    assert "حلقة نقاش عن الإعلام" in page and "الجلسة الختامية" not in page

    page = _text(client.get(url, query_string={"day": event.days[1].id}))
    assert "الجلسة الختامية" in page and "افتتاح المؤتمر" not in page

    # Search finds a speaker's name in either language, ignoring case.
    page = _text(client.get(url, query_string={"q": "salma"}))
    assert "حلقة نقاش عن الإعلام" in page and "افتتاح المؤتمر" not in page
    page = _text(client.get(url, query_string={"q": "لا شيء يطابق"}))
    assert "لا توجد جلسة تطابق بحثك." in page


def test_search_ignores_diacritics_and_hamza_forms(client, demo):
    page = _text(client.get("/e/alqst-london-2017/agenda", query_string={"q": "رؤي"}))
    assert THIRD_SESSION_AR in page  # "ورؤى" in the title
    assert "العلاقات الدولية مع السعودية" not in page
    page = _text(client.get("/e/alqst-london-2017/agenda", query_string={"q": "الحُقوقية"}))
    assert "المنظمات الحقوقية: المصاعب ورؤى الحل والعمل المشترك" in page


def test_bad_filter_values_are_ignored_not_errors(client, event):
    make_session(event, title_ar="جلسة")
    response = client.get(f"/e/{event.slug}/agenda?day=abc&room=-1&kind=<x>")
    assert response.status_code == 200


def test_draft_agenda_is_hidden_from_the_public_but_previewed_by_organisers(client, organiser):
    draft = make_event(organiser=organiser, status=EventStatus.DRAFT)
    make_session(draft, title_ar="جلسة المسودة")
    assert client.get(f"/e/{draft.slug}/agenda").status_code == 404
    assert client.get(f"/api/v1/events/{draft.slug}").status_code == 404
    client.login(organiser)
    assert "جلسة المسودة" in _text(client.get(f"/e/{draft.slug}/agenda"))


def test_event_page_links_to_the_agenda(client, event):
    page = _text(client.get(f"/e/{event.slug}/"))
    assert f'href="/e/{event.slug}/agenda"' in page


def test_speaker_and_organisations_pages(client, demo):
    page = _text(client.get("/e/alqst-london-2017/speakers/"))
    assert "أ. يحيى عسيري" in page and "د. إميلي هارت" in page
    link = re.search(r'href="(/e/alqst-london-2017/speakers/\d+)">أ. يحيى عسيري', page)
    person_page = _text(client.get(link.group(1)))
    assert "مدير القسط" in person_page
    assert "العلاقات الدولية مع السعودية ودورها في استمرار الانتهاكات" in person_page
    assert THIRD_SESSION_AR in person_page

    page = _text(client.get("/e/alqst-london-2017/organisations"))
    for name in ("القسط لحقوق الإنسان", "هيومن رايتس ووتش", "مراسلون بلا حدود"):
        assert name in page
    assert client.get("/e/alqst-london-2017/speakers/999999").status_code == 404


def test_speaker_of_another_event_is_not_listed(client, event, make_event):
    other = make_event()
    someone = make_person("شخص آخر", "Someone else")
    make_session(other, people=[(someone, "presenter")])
    assert client.get(f"/e/{event.slug}/speakers/{someone.id}").status_code == 404


def test_private_email_never_appears(client, event):
    speaker = make_person("هالة", "Hala", email="hala.private@example.org")
    make_session(event, people=[(speaker, "presenter")])
    for url in (
        f"/e/{event.slug}/agenda",
        f"/e/{event.slug}/speakers/",
        f"/e/{event.slug}/speakers/{speaker.id}",
        f"/e/{event.slug}/agenda.ics",
        f"/api/v1/events/{event.slug}/speakers",
        f"/api/v1/events/{event.slug}/sessions",
    ):
        assert "hala.private" not in client.get(url).get_data(as_text=True), url


def test_in_person_event_keeps_room_links_private(client):
    event = make_event(attendance_mode="in_person")
    from eventapp.sessions.services import save_room

    save_room(
        event,
        event.rooms[0],
        {"name": event.rooms[0].name, "video_link": "https://x.example/secret"},
    )
    db.session.commit()
    make_session(event)
    assert "x.example/secret" not in client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)


def test_conflicts_view_for_organisers(client, organiser, event):
    from eventapp.sessions.models import EventSession, SessionKind

    person = make_person("نادية", "Nadia")
    first = make_session(
        event, start="09:00", end="10:00", title_ar="الأولى", people=[(person, "moderator")]
    )
    make_session(
        event,
        start="09:30",
        end="10:30",
        room=None,
        title_ar="الثانية",
        people=[(person, "presenter")],
    )
    # A double booking the editor refuses but older data (or an import) may hold.
    db.session.add(
        EventSession(
            event=event,
            day=event.days[0],
            room=event.rooms[0],
            kind=SessionKind.PANEL,
            start_time=first.start_time,
            end_time=first.end_time,
            title_ar="المكررة",
        )
    )
    db.session.commit()
    url = f"/manage/events/{event.id}/conflicts"
    assert client.get(url).status_code == 302  # sign in first
    stranger = make_user()
    client.login(stranger)
    assert client.get(url).status_code == 403
    client.post("/auth/logout")
    client.login(organiser)
    page = _text(client.get(url))
    people = page[page.index('id="people-conflicts"') : page.index('id="room-conflicts"')]
    assert "نادية" in people and "الأولى" in people and "الثانية" in people
    rooms = page[page.index('id="room-conflicts"') : page.index('id="capacity-conflicts"')]
    assert "المكررة" in rooms and "القاعة الرئيسية" in rooms


def test_over_capacity_compares_day_attendance_with_rooms(event):
    from eventapp.agendas.conflicts import over_capacity

    session = make_session(event, title_ar="جلسة مزدحمة")
    make_session(event, start="10:00", end="10:30", kind="break", title_ar="استراحة")
    from eventapp.sessions.services import timetable

    found = over_capacity(timetable(event), {event.days[0].id: 65})
    assert [(c.session.id, c.capacity, c.attendance, c.excess) for c in found] == [
        (session.id, 50, 65, 15)
    ]
    assert over_capacity(timetable(event), {event.days[0].id: 50}) == []


def test_organiser_of_another_event_cannot_see_conflicts(client, event):
    other_organiser = make_user()
    give_role(other_organiser, make_event(organiser=other_organiser))
    client.login(other_organiser)
    assert client.get(f"/manage/events/{event.id}/conflicts").status_code == 403
