"""The organisers' translation checklist of an event (eventapp/outcomes/checklist.py)."""

from __future__ import annotations

import re

from flask import url_for
from flask_babel import force_locale

from eventapp.events.models import GoalKind
from eventapp.events.services import add_goal
from eventapp.extensions import db
from eventapp.outcomes.checklist import checklist, missing_count
from eventapp.outcomes.translations import missing_translations
from tests.factories import make_event, make_user
from tests.outcomes.conftest import add_rec, login_as, write_outcome
from tests.outcomes.pdfs import text

URL = "/manage/events/{}/translations"


def _built(event, session, organiser):
    """An event with texts in both languages and some with one only."""
    event.description_en = "A conference on human rights."  # no Arabic: the reverse
    event.venue_ar = "فندق الريتز"  # no English
    event.days[0].title_ar = "اليوم الأول"  # no English
    session.description_ar = "وصف الجلسة"  # no English (the title has both)
    add_goal(event, GoalKind.OBJECTIVE, "تعزيز الحوار", None)
    add_goal(event, GoalKind.EXPECTED_OUTPUT, "تقرير ختامي", "A final report")
    db.session.commit()
    write_outcome(session, organiser, summary="ملخص الجلسة")  # no English
    rec = add_rec(event, session, "نص التوصية", addressee="وزارة العدل")
    rec.text_en = "The recommendation"  # the addressee lacks its English
    db.session.commit()
    return rec


def test_lists_exactly_what_lacks_a_translation(app, event, session, organiser):
    rec = _built(event, session, organiser)
    with app.test_request_context(), force_locale("en"):
        found = checklist(event)
        outcome_urls = [m.url for m in missing_translations(event)]
        expected_urls = [
            url_for("outcomes.session_outcome", session_id=session.id),
            url_for("outcomes.edit_recommendation", rec_id=rec.id),
        ]
    by_group = {g.key: [(m.label, m.excerpt, m.language) for m in g.missing] for g in found.groups}
    assert by_group == {
        "event": [
            ("Description", "A conference on human rights.", "ar"),
            ("Venue", "فندق الريتز", "en"),
        ],
        "days": [("Title of the day", "اليوم الأول", "en")],
        "rooms": [("Room name", "القاعة الرئيسية", "en")],
        "sessions": [("Session description", "وصف الجلسة", "en")],
        "goals": [("Objective or output", "تعزيز الحوار", "en")],
        "outcomes": [("Summary", "ملخص الجلسة", "en"), ("Addressee", "وزارة العدل", "en")],
    }
    # Texts: title, description, venue; a day title; a room; a session title and description;
    # two goals; a summary; a recommendation's text and addressee.
    assert found.total == 12
    assert (found.lacking_english, found.lacking_arabic) == (7, 1)
    assert missing_count(event) == 8
    assert outcome_urls == expected_urls


def test_page_counts_and_links(client, event, session, organiser):
    _built(event, session, organiser)
    client.login(organiser)
    page = client.get(URL.format(event.id))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "7 نصوص من أصل 12 بلا ترجمة إنجليزية" in html
    assert html.count('class="list-group-item d-flex flex-wrap justify-content-between') == 8
    assert 'id="translations-badge"' in html
    links = re.findall(
        r'<a class="btn btn-sm btn-outline-primary text-nowrap" href="([^"]+)"', html
    )
    assert len(links) == 8
    for link in links:
        assert client.get(link).status_code == 200, link
    client.switch_language("en")
    html = client.get(URL.format(event.id)).get_data(as_text=True)
    assert "7 of 12 texts lack an English translation." in html
    assert "1 text of the event lacks its Arabic." in html
    assert "2 texts to translate" in html  # the event's group, and the outcomes'
    assert "1 text to translate" in html


def test_arabic_plural_forms(client, organiser):
    event = make_event(organiser=organiser, rooms=[f"قاعة {n}" for n in range(11)])
    client.login(organiser)
    html = client.get(URL.format(event.id)).get_data(as_text=True)
    assert "11 نصًا من أصل 12 بلا ترجمة إنجليزية" in html  # the rooms and the title
    assert "11 نصًا للترجمة" in html


def test_nothing_to_translate(client, organiser):
    event = make_event(organiser=organiser, rooms=(), title_en=None)
    event.title_en = "Conference"
    db.session.commit()
    client.login(organiser)
    client.switch_language("en")
    page = client.get(URL.format(event.id))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "The event's 1 text has its English translation." in html
    assert 'id="translations-badge"' not in html


def test_forbidden_to_others(client, event, session):
    assert client.get(URL.format(event.id)).status_code == 302  # to the sign-in page
    login_as(client, make_user("participant@example.org"))
    assert client.get(URL.format(event.id)).status_code == 403


def test_session_report_names_the_room_in_the_reports_language(client, event, session, rapporteur):
    """The English report shows the room's English name, the Arabic one its Arabic name."""
    session.room.name_en = "Main Hall"
    db.session.commit()
    write_outcome(session, rapporteur, summary="ملخص الجلسة")
    login_as(client, rapporteur)
    url = f"/manage/sessions/{session.id}/report.pdf"
    english = client.raw.get(url, query_string={"lang": "en"})
    arabic = client.raw.get(url, query_string={"lang": "ar"})
    assert english.status_code == arabic.status_code == 200
    assert "Main Hall" in text(english.data)
    assert "Main Hall" not in text(arabic.data)
