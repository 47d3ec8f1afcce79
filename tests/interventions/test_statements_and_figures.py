"""Statements received in writing and read out on behalf (their own statuses and counts, never
delivered), the speaking time per organisation, times in the event's time zone, and the empty
queue."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.interventions import console_actions, services
from eventapp.interventions.models import (
    Intervention,
    InterventionEvent,
    InterventionStatus,
    SessionQueueState,
)
from eventapp.interventions.services import Actor
from eventapp.people import Audience
from tests.interventions.test_console import console_url, post_action

S = InterventionStatus
ACTOR = Actor(name="الميسرة")


def act(session, intervention, action, **kw):
    result = services.change_status(session, ACTOR, intervention.id, action, **kw)
    db.session.commit()
    return result


def spoke(session, intervention, seconds, action="deliver", **kw):
    """Give the floor, let `seconds` pass (moved back in the database), end with `action`."""
    act(session, intervention, "call")
    item = db.session.get(Intervention, intervention.id)
    item.started_at -= dt.timedelta(seconds=seconds)
    db.session.commit()
    return act(session, item, action, **kw)


# Received in writing, read out on behalf


def test_read_out_on_behalf_needs_the_reader_and_keeps_the_airing_time(session, add):
    item = add(session, "صاحبة البيان", organisation_name="رابطة العدالة")
    with pytest.raises(DomainError) as refused:
        services.change_status(session, ACTOR, item.id, "read_on_behalf", by="  ")
    db.session.rollback()
    assert refused.value.field == "by"
    with pytest.raises(DomainError):
        services.change_status(session, ACTOR, item.id, "read_on_behalf", by="س" * 201)
    db.session.rollback()
    read = spoke(session, item, 40, "read_on_behalf", by="زميلتها في الرابطة")
    assert read.status == S.READ_ON_BEHALF
    assert read.statement_by == "زميلتها في الرابطة" and read.spoken_seconds >= 40
    last = read.history[-1]
    assert (last.action, last.from_status, last.to_status, last.note) == (
        "read_on_behalf",
        S.LIVE,
        S.READ_ON_BEHALF,
        "زميلتها في الرابطة",
    )
    # The text saved afterwards keeps who read it out.
    services.save_statement(session, ACTOR, item.id, "نص البيان كما قُرئ", "المقرر")
    db.session.commit()
    assert db.session.get(Intervention, item.id).statement_by == "زميلتها في الرابطة"


def test_not_aired_then_received_in_writing_keeps_why(session, add):
    item = add(session, "مشارك عن بعد")
    act(session, item, "not_aired", reason="connection_lost")
    with pytest.raises(DomainError):  # nothing received yet
        services.change_status(session, ACTOR, item.id, "receive_written")
    db.session.rollback()
    services.save_statement(session, ACTOR, item.id, "البيان المرسل بعد انقطاع الاتصال")
    db.session.commit()
    act(session, item, "receive_written")
    item = db.session.get(Intervention, item.id)
    assert item.status == S.RECEIVED_IN_WRITING
    assert item.status_reason.value == "connection_lost"
    assert services.allowed_actions(item) == []  # settled


def test_a_written_statement_on_air_is_not_delivered(session, add):
    item = add(session, "بيان مكتوب", mode="written", statement="النص")
    act(session, item, "call")
    assert "deliver" not in services.allowed_actions(item)
    with pytest.raises(DomainError):
        services.change_status(session, ACTOR, item.id, "deliver")
    db.session.rollback()
    act(session, item, "read_on_behalf", by="الميسرة")
    assert db.session.get(Intervention, item.id).status == S.READ_ON_BEHALF


def test_each_status_has_its_own_count_and_none_is_delivered(session, add):
    delivered = add(session, "أ", organisation_name="الكرامة")
    read = add(session, "ب", organisation_name="مجموعة مستقلة")
    written = add(session, "ج", mode="written", statement="بيان")
    never = add(session, "د")
    spoke(session, delivered, 10)
    act(session, read, "read_on_behalf", by="قارئ")
    act(session, written, "receive_written")
    act(session, never, "not_aired", reason="speaker_unavailable")
    stats = services.session_statistics(session)
    assert (stats["delivered"], stats["received_in_writing"], stats["read_on_behalf"]) == (1, 1, 1)
    assert stats["not_aired"] == 1 and stats["waiting"] == 0
    assert stats["organisations_heard"] == ["الكرامة", "مجموعة مستقلة"]
    snapshot = services.live_snapshot(session)
    assert snapshot["done"] == 4 and snapshot["waiting"] == 0
    settled = {i.speaker_name for i in services.console(session).settled}
    assert settled == {"أ", "ب", "ج", "د"}


def test_the_reader_of_an_anonymous_author_is_not_published(session, add):
    item = add(session, "اسم محمي", organisation_name="منظمة سرية")
    act(session, item, "read_on_behalf", by="زميل من المنظمة السرية")
    db.session.get(Intervention, item.id).consent = "anonymous"
    db.session.commit()
    public = services.session_interventions(session, Audience.PUBLIC)[0]
    assert public["read_by"] == "" and public["attributed_to"] is None
    assert "سرية" not in str(public.values())
    staff = services.session_interventions(session, Audience.STAFF)[0]
    assert staff["read_by"] == "زميل من المنظمة السرية" and staff["statement_by"] == ""


def test_erasure_forgets_who_read_the_statement(event, session, add):
    item = add(session, "مشاركة", participant_email="p@example.org")
    act(session, item, "read_on_behalf", by="أختها")
    services.erase_participant(event, "p@example.org")
    db.session.commit()
    notes = [
        e.note
        for e in db.session.query(InterventionEvent).filter_by(intervention_id=item.id)
        if e.action == "read_on_behalf"
    ]
    assert notes == [None]
    assert db.session.get(Intervention, item.id).statement_by is None


def test_facilitator_marks_both_from_the_console_and_the_counters_follow(
    client, session, facilitator, add
):
    written = add(session, "بيان مكتوب", mode="written", statement="نص البيان")
    absent = add(session, "متحدث غائب")
    client.login(facilitator)
    page = client.get(console_url(session)).get_data(as_text=True)
    assert 'data-action="receive_written"' in page and 'name="by"' in page
    response = post_action(client, session, "receive_written", written, json=True)
    assert response.status_code == 200 and response.get_json()["ok"]
    refused = post_action(client, session, "read_on_behalf", absent, json=True, by="")
    assert refused.status_code == 400 and "قرأ" in refused.get_json()["message"]
    response = post_action(client, session, "read_on_behalf", absent, json=True, by="الميسّرة")
    assert response.status_code == 200
    page = client.get(console_url(session)).get_data(as_text=True)
    assert 'id="figure-received_in_writing">1<' in page
    assert 'id="figure-read_on_behalf">1<' in page
    assert 'id="figure-delivered">0<' in page
    assert "بقراءة الميسّرة" in page
    report = client.get(f"/manage/sessions/{session.id}/interventions").get_data(as_text=True)
    assert "استُلمت مكتوبة" in report and "قُرئت نيابةً عن صاحبها" in report
    assert 'id="figure-read_on_behalf">1<' in report


# Speaking time per organisation


def test_speaking_time_per_organisation_hides_anonymous_authors(
    client, session, facilitator, add, make_organisation
):
    karama = make_organisation("الكرامة", "Alkarama")
    spoke(session, add(session, "أ", organisation_id=karama.id), 125)
    spoke(session, add(session, "ب", organisation_id=karama.id), 60, "interrupt", reason="other")
    spoke(
        session,
        add(session, "ج", organisation_name="مجموعة مستقلة"),
        30,
        "read_on_behalf",
        by="قارئ",
    )
    hidden = add(session, "اسم محمي", organisation_name="منظمة سرية")
    hidden.consent = "anonymous"  # as their registration asked
    db.session.commit()
    spoke(session, hidden, 90)
    spoke(session, add(session, "بلا جهة"), 20)
    add(session, "ينتظر", organisation_name="جهة لم تتكلم بعد")

    rows = services.session_interventions(session, Audience.STAFF)
    table = services.statistics(rows)["by_organisation"]
    assert [(r["organisation"], r["kind"], r["interventions"]) for r in table] == [
        ("الكرامة", "organisation", 2),
        ("مجموعة مستقلة", "organisation", 1),
        ("غير منسوبة (مشاركون طلبوا عدم ذكر أسمائهم)", "anonymous", 1),
        ("دون جهة محددة", "none", 1),
    ]
    seconds = [r["seconds"] for r in table]
    assert 185 <= seconds[0] < 190 and 30 <= seconds[1] < 35
    assert 90 <= seconds[2] < 95 and 20 <= seconds[3] < 25

    client.login(facilitator)
    page = client.get(console_url(session)).get_data(as_text=True)
    section = page.split('id="speaking-time"')[1].split("</section>")[0]
    assert "الكرامة" in section and "3:0" in section  # 3:05 or so
    assert "غير منسوبة" in section and "منظمة سرية" not in section
    assert "جهة لم تتكلم بعد" not in section


def test_the_one_speaking_now_counts_on_the_console(client, session, facilitator, add):
    item = add(session, "يتكلم", organisation_name="منظمة تتكلم الآن")
    act(session, item, "call")
    db.session.get(Intervention, item.id).started_at -= dt.timedelta(seconds=70)
    db.session.commit()
    rows = services.session_interventions(session, Audience.STAFF)
    now = dt.datetime.now(dt.UTC)
    assert services.statistics(rows)["by_organisation"][0]["seconds"] == 0
    assert services.statistics(rows, now=now)["by_organisation"][0]["seconds"] >= 70
    client.login(facilitator)
    page = client.get(console_url(session)).get_data(as_text=True)
    section = page.split('id="speaking-time"')[1].split("</section>")[0]
    assert "منظمة تتكلم الآن" in section and "1:1" in section


# Times in the event's time zone


def test_technical_note_is_stamped_in_the_event_time_zone(
    client, event, session, facilitator, add, monkeypatch
):
    """Asia/Riyadh is UTC+3: a note made at 09:00 UTC says 12:00."""
    assert event.timezone == "Asia/Riyadh"
    item = add(session, "متحدث")
    nine_utc = dt.datetime(2026, 12, 9, 9, 0)
    monkeypatch.setattr(console_actions, "utcnow", lambda: nine_utc)
    services.note_technical(session, ACTOR, "صدى في الصوت")
    services.note_technical(session, ACTOR, "انقطع الاتصال", intervention_id=item.id)
    db.session.commit()
    assert db.session.get(SessionQueueState, session.id).technical_note == "[12:00] صدى في الصوت"
    assert db.session.get(Intervention, item.id).technical_note == "[12:00] انقطع الاتصال"
    client.login(facilitator)
    page = client.get(console_url(session)).get_data(as_text=True)
    assert "[12:00] صدى في الصوت" in page and "UTC" not in page


def test_history_is_shown_in_the_event_time_zone(client, session, facilitator, add):
    item = add(session, "متحدث")
    act(session, item, "call")
    for entry in db.session.query(InterventionEvent):
        entry.created_at = dt.datetime(2026, 12, 9, 9, 0, 5)
    db.session.commit()
    client.login(facilitator)
    for url in (
        f"/manage/sessions/{session.id}/interventions",
        f"/manage/sessions/{session.id}/interventions/{item.id}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "9 ديسمبر 2026، 12:00:05" in page, url  # by Babel, in Riyadh
        assert "2026-12-09" not in page
        assert "09:00:05" not in page and " UTC" not in page
        assert "توقيت الرياض" in page  # the zone is said once, above the history


def test_times_follow_the_event_digits(client, event, session, facilitator, add):
    event.use_arabic_digits = True
    item = add(session, "متحدث")
    for entry in db.session.query(InterventionEvent):
        entry.created_at = dt.datetime(2026, 12, 9, 9, 0, 5)
    db.session.commit()
    client.login(facilitator)
    page = client.get(f"/manage/sessions/{session.id}/interventions").get_data(as_text=True)
    assert "١٢:٠٠:٠٥" in page
    assert item.id


# The empty queue


def test_the_empty_queue_has_no_numbered_item(client, session, facilitator, add):
    client.login(facilitator)
    page = client.get(console_url(session)).get_data(as_text=True)
    queue = page.split('id="queue"')[1].split("</section>")[0]
    assert "list-group-numbered" not in queue and "<li" not in queue
    assert 'id="queue-empty"' in queue and "لا أحد في قائمة الانتظار" in queue
    add(session, "الأول")
    page = client.get(console_url(session)).get_data(as_text=True)
    queue = page.split('id="queue"')[1].split("</section>")[0]
    assert "list-group-numbered" in queue and queue.count("queue-item") == 1
    assert 'id="queue-empty"' not in queue
