"""The session report and the outcome summary as readers get them (real PDFs, text extracted):
the session's languages by name only (never an interpretation link or channel number), each
intervention's language, statements received in writing and read out on behalf with their own
counts (never delivered), the speaking time per organisation with anonymous authors not
attributed, and times in the event's time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp import signals
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention
from eventapp.interventions.services import Actor
from eventapp.outcomes import jobs, sources
from eventapp.outcomes.models import ReportKind
from eventapp.sessions.models import SessionChannel
from tests.outcomes.pdfs import text

ACTOR = Actor(name="الميسّرة")
SECRET_LINK = "https://interpret.example.org/en-7731"


def _act(session, item, *actions, **kw):
    for action in actions:
        services.change_status(session, ACTOR, item.id, action, **kw)
        db.session.commit()


@pytest.fixture
def heard(event, session, make_organisation):
    """A session in Arabic with English and French interpretation, and one intervention of
    each outcome. The delivered one started at 09:00 UTC (12:00 in Riyadh) and lasted 2:05."""
    for position, (language, channel) in enumerate(
        (("ar", None), ("en", SECRET_LINK), ("fr", "Channel 3"))
    ):
        db.session.add(
            SessionChannel(
                session_id=session.id, position=position, language=language, channel=channel
            )
        )
    karama = make_organisation("الكرامة", "Alkarama")

    def add(name, **data):
        data.setdefault("mode", "in_room")
        data.setdefault("language", "ar")
        item = services.add_intervention(session, ACTOR, {"speaker_name": name, **data})
        db.session.commit()
        return item

    delivered = add("متحدث الكرامة", organisation_id=karama.id, language="en")
    _act(session, delivered, "call", "deliver")
    row = db.session.get(Intervention, delivered.id)
    row.started_at = dt.datetime(2026, 12, 9, 9, 0)
    row.ended_at = dt.datetime(2026, 12, 9, 9, 2, 5)
    row.spoken_seconds = 125
    read = add("صاحبة البيان", organisation_name="مجموعة مستقلة", language="fr")
    _act(session, read, "read_on_behalf", by="قارئة البيان")
    written = add("كاتب البيان", mode="written", statement="نص البيان المكتوب", language="ar")
    _act(session, written, "receive_written")
    never = add("لم يُبث", mode="remote_live")
    _act(session, never, "not_aired", reason="connection_lost")
    hidden = add("اسم محمي", organisation_name="منظمة سرية")
    hidden.consent = "anonymous"  # as their registration asked
    db.session.commit()
    _act(session, hidden, "call", "deliver")
    db.session.get(Intervention, hidden.id).spoken_seconds = 50
    db.session.commit()
    return session


def _session_report(event, session, language="ar"):
    data = jobs.build_data(ReportKind.SESSION_REPORT, event, session, language, "")
    return data, jobs.render(ReportKind.SESSION_REPORT, data)


def test_session_report_lists_languages_statuses_and_speaking_time(app, event, heard):
    data, pdf = _session_report(event, heard)
    content = text(pdf)
    # The session's languages by name; the links and channel numbers stay private.
    assert data["languages"] == ["العربية", "الإنجليزية", "الفرنسية"]
    assert "اللغات" in content
    for name in ("العربية", "الإنجليزية", "الفرنسية"):
        assert name in content
    html = jobs.report_html(ReportKind.SESSION_REPORT, data)
    for private in (SECRET_LINK, "interpret.example.org", "Channel 3"):
        assert private not in html and private not in content
    # Each intervention's language.
    assert [i["language_label"] for i in data["interventions"]] == [
        "الإنجليزية",
        "الفرنسية",
        "العربية",
        "العربية",
        "العربية",
    ]
    # Each status with its own count: a statement received or read out is never delivered.
    counts = {f["key"]: f["count"] for f in data["figures"]["counts"]}
    assert counts == {
        "delivered": "2",
        "interrupted": "0",
        "not_aired": "1",
        "received_in_writing": "1",
        "read_on_behalf": "1",
    }
    for label in ("استُلمت مكتوبة", "قُرئت نيابةً عن صاحبها", "لم تُبث", "أُلقيت"):
        assert label in content, label
    assert "بقراءة قارئة البيان" in content
    assert "نص البيان المكتوب" in content
    # Speaking time per organisation: the anonymous author's organisation is not revealed.
    assert "وقت الكلام حسب الجهة" in content
    assert [(r["organisation"], r["time"]) for r in data["figures"]["by_organisation"]] == [
        ("الكرامة", "2:05"),
        ("مجموعة مستقلة", "0:00"),
        ("غير منسوبة (مشاركون طلبوا عدم ذكر أسمائهم)", "0:50"),
        ("دون جهة محددة", "0:00"),
    ]
    assert "الكرامة" in content and "2:05" in content and "غير منسوبة" in content
    assert "منظمة سرية" not in content and "اسم محمي" not in content
    # Times in the event's zone: started at 09:00 UTC, 12:00 in Riyadh.
    assert "12:00" in content and "09:00 " not in content.replace("09:00–10:00", "")


def test_session_report_in_english(app, event, heard):
    data, pdf = _session_report(event, heard, "en")
    content = text(pdf)
    assert "Languages" in content and "Arabic, English, French" in content
    for label in (
        "Received in writing",
        "Read out on behalf",
        "Speaking time by organisation",
        "Not attributed (anonymous)",
        "read out by قارئة البيان",
    ):
        assert label in content, label
    assert SECRET_LINK not in content and "Channel 3" not in content


def test_outcome_summary_counts_each_status_on_its_own(app, event, heard):
    data = jobs.build_data(ReportKind.OUTCOME_SUMMARY, event, None, "ar", "")
    counts = {f["key"]: f["count"] for f in data["interventions"]["counts"]}
    assert (counts["delivered"], counts["received_in_writing"], counts["read_on_behalf"]) == (
        "2",
        "1",
        "1",
    )
    content = text(jobs.render(ReportKind.OUTCOME_SUMMARY, data))
    assert "استُلمت مكتوبة" in content and "قُرئت نيابةً عن صاحبها" in content
    assert "إجمالي وقت الكلام" in content
    assert "منظمة سرية" not in content


def test_without_interventions_the_reports_show_no_figures(app, event, session):
    with signals.intervention_figures_asked.muted():
        figures = sources.intervention_figures(event, session)
    assert figures["delivered"] == 0 and figures["by_organisation"] == []
    data = jobs.build_data(ReportKind.OUTCOME_SUMMARY, event, None, "ar", "")
    assert data["interventions"]["reported"] == 0
    content = text(jobs.render(ReportKind.OUTCOME_SUMMARY, data))
    assert "إجمالي وقت الكلام" not in content


def test_session_report_lists_the_technical_problems_in_the_event_zone(app, event, heard):
    """The problems noted on the console (the session's and one noted during an intervention)
    are in the report, stamped in the event's time zone (Riyadh, UTC+3), never in UTC."""
    import re
    from zoneinfo import ZoneInfo

    from eventapp.interventions.console_actions import note_technical

    item = db.session.query(Intervention).filter_by(speaker_name="متحدث الكرامة").one()
    before = dt.datetime.now(ZoneInfo("Asia/Riyadh"))
    note_technical(heard, ACTOR, "صدى في الصوت عن بعد")
    note_technical(heard, ACTOR, "انقطع الاتصال بالمتحدث", item.id)
    db.session.commit()
    stamps = {f"[{before:%H:%M}]", f"[{dt.datetime.now(ZoneInfo('Asia/Riyadh')):%H:%M}]"}
    data, pdf = _session_report(event, heard)
    notes = data["figures"]["technical_notes"]
    assert [n[8:] for n in notes] == ["صدى في الصوت عن بعد", "انقطع الاتصال بالمتحدث"]
    assert {n[:7] for n in notes} <= stamps, notes
    content = re.sub(r"\s+", " ", text(pdf))
    assert "المشكلات التقنية" in content or "مشكلات تقنية" in content, content
    assert "صدى في الصوت عن بعد" in content and notes[0][1:6] in content
    utc = dt.datetime.now(dt.UTC).strftime("%H:%M")
    assert f"[{utc}]" not in content and f"{utc}]" not in content


def test_a_session_without_technical_problems_has_no_such_heading(app, event, heard):
    data, pdf = _session_report(event, heard, "en")
    assert data["figures"]["technical_notes"] == []
    assert "Technical problems" not in text(pdf)


def test_the_console_stamp_follows_the_event_digits(app, event, heard):
    """An event set to Arabic-Indic digits gets «[٠٧:١٢]» in its Arabic report; the note is
    left as typed."""
    from eventapp.interventions.console_actions import note_technical

    event.use_arabic_digits = True
    note_technical(heard, ACTOR, "صدى في الصوت 2")
    db.session.commit()
    data, _pdf = _session_report(event, heard)
    (note,) = data["figures"]["technical_notes"]
    assert note[0] == "[" and note[3] == ":" and note[6] == "]"
    assert all("٠" <= c <= "٩" for c in note[1:3] + note[4:6]), note
    assert note.endswith("صدى في الصوت 2")
    data, _pdf = _session_report(event, heard, "en")
    assert data["figures"]["technical_notes"][0][1:3].isascii()
