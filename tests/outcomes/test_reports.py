"""The PDFs, read as a reader gets them: Arabic by default, English on request."""

import datetime as dt
import re

import pytest
from flask_babel import force_locale
from PIL import Image, ImageChops

from eventapp.extensions import db
from eventapp.outcomes import items, jobs, reportdata, sources
from eventapp.outcomes.models import ReportKind
from eventapp.people import Audience, anonymous_label, shown
from tests.outcomes.conftest import add_rec, login_as, write_outcome
from tests.outcomes.pdfs import first_page_png, fonts, outline_titles, reader, text

REFERENCE = __import__("pathlib").Path(__file__).parent / "reference" / "session_report_ar.png"


@pytest.fixture
def reported(event, session, rapporteur):
    """A session with a complete outcome: sections, recommendations, next steps."""
    write_outcome(
        session,
        rapporteur,
        summary="ناقش المشاركون **الآلية الوطنية** لإعداد التقارير.",
        key_points="- إدارة المعلومات\n- خطة التنفيذ",
        consensus="أجمع المشاركون على حرية التعبير والشفافية.",
        disagreement="اختلفت الآراء حول ترتيب الأولويات.",
        decisions="تُنشأ قاعدة بيانات وطنية.",
    )
    add_rec(
        event,
        session,
        "إنشاء قاعدة بيانات وطنية لتتبع التوصيات",
        "اللجنة الدائمة",
        "المتابعة",
        "high",
    )
    add_rec(event, session, "مواءمة الخطة مع أهداف 2030", "UN Human Rights Council", "التنمية")
    items.add_next_step(
        event,
        session,
        {"what": "إعداد مسودة الخطة", "who": "الأمانة الفنية", "due_date": dt.date(2026, 12, 31)},
    )
    db.session.commit()
    return session


def _session_pdf(client, session, **query):
    response = client.raw.get(f"/manage/sessions/{session.id}/report.pdf", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    return response.data


def test_session_report_in_arabic_reads_as_a_reader_expects(
    client, reported, rapporteur, artifacts
):
    login_as(client, rapporteur)
    pdf = _session_pdf(client, reported)
    doc = reader(pdf)
    assert 1 <= len(doc.pages) <= 3
    assert doc.metadata.title == "تقرير الجلسة: الآلية الوطنية لإعداد التقارير"
    assert doc.metadata.author
    assert doc.trailer["/Root"]["/Lang"] == "ar"
    titles = [t for _d, t in outline_titles(pdf)]
    assert titles[0] == "الآلية الوطنية لإعداد التقارير"
    for heading in (
        "السؤال التوجيهي",
        "الملخص",
        "أبرز النقاط",
        "نقاط التوافق",
        "نقاط الاختلاف",
        "القرارات",
        "التوصيات",
        "الخطوات المقبلة",
    ):
        assert heading in titles
    used = fonts(pdf)
    assert used and all(used.values()), used  # every font embedded
    # Subsets of the bundled fonts only: no fallback font was needed for a missing glyph.
    assert all(re.match(r"/[A-Z]{6}\+Noto", name) for name in used), used
    content = text(pdf)
    assert "\ufffd" not in content
    for phrase in (
        "إنشاء قاعدة بيانات وطنية لتتبع التوصيات",
        "الآلية الوطنية",
        "أجمع المشاركون على حرية التعبير والشفافية",
        "كيف نصنّف التوصيات ونحدد أولويات تنفيذها",
        "إعداد مسودة الخطة",
        "ديمه الصقري",
        "بهاء الدين السعدي",
    ):
        assert phrase in content, phrase
    assert "UN Human Rights Council" in content and "2030" in content
    assert "09:00–10:00" in content
    # The event uses Western digits: so does the footer ("صفحة 1 من 2", issue 16).
    assert "صفحة" in content and re.search(r"[0-9]\s*من", content) and "صفحة ١" not in content
    # The recommendations come in their order, numbered.
    assert content.index("إنشاء قاعدة بيانات") < content.index("مواءمة الخطة")
    png = first_page_png(pdf, artifacts, "outcomes-session-report-ar")
    _close_to_reference(png)


def _close_to_reference(png, threshold=0.06):
    """Loose visual comparison: fraction of differing pixels once both are downscaled."""
    assert REFERENCE.exists(), "reviewed reference image missing"
    size = (120, 170)
    a = Image.open(png).convert("L").resize(size)
    b = Image.open(REFERENCE).convert("L").resize(size)
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 48 else 0)
    changed = diff.histogram()[255] / (size[0] * size[1])
    assert changed < threshold, f"{changed:.3f} of the page differs from the reference"


def test_session_report_in_english_on_request(client, reported, rapporteur):
    login_as(client, rapporteur)
    pdf = _session_pdf(client, reported, lang="en")
    doc = reader(pdf)
    assert doc.trailer["/Root"]["/Lang"] == "en"
    assert doc.metadata.title == "Session report: The national reporting mechanism"
    titles = [t for _d, t in outline_titles(pdf)]
    assert "Recommendations" in titles and "Points of consensus" in titles
    content = text(pdf)
    assert "Page 1 of" in content
    assert "Deema Al-Saqri" in content and "Bahaa Eddin Al-Saadi" in content
    assert "إنشاء قاعدة بيانات وطنية" in content  # content stays in the language it was written


def test_hijri_date_beside_the_gregorian_on_request(client, reported, rapporteur):
    login_as(client, rapporteur)
    content = text(_session_pdf(client, reported, hijri="1"))
    assert "هـ" in content and "2026" in content


def test_consent_is_honoured_for_interventions(app, event, reported):
    """Interventions read through the adapter name people only as they agreed."""
    rows = [
        {
            "number": 1,
            "id": 1,
            "speaker": "سمير الخفي",
            "organisation": "منظمة الأمل",
            "mode": "remote_live",
            "status": "delivered",
            "statement": "نطالب بحرية التعبير.",
        },
        {
            "number": 2,
            "id": 2,
            "speaker": "ليلى المستترة",
            "organisation": "رابطة العدالة",
            "mode": "in_room",
            "status": "not_aired",
            "statement": "مداخلة لم تُبث.",
        },
        {
            "number": 3,
            "id": 3,
            "speaker": "Jane Public",
            "organisation": "Amnesty International",
            "mode": "written",
            "status": "interrupted",
            "statement": "",
        },
    ]
    consents = {1: "anonymous", 2: "organisation", 3: "name"}
    with force_locale("ar"):
        for row in rows:  # as the interventions capability gives them to a published report
            person = shown(
                row["speaker"], row["organisation"], Audience.PUBLIC, naming=consents[row["id"]]
            )
            row.update(speaker=person.name, organisation=person.organisation)
    items = [sources._normalise_intervention(row) for row in rows]
    data = reportdata.session_report_data(reported, "ar")
    with app.test_request_context():
        data["interventions"] = reportdata.present_interventions(items, event)
        content = text(jobs.render(ReportKind.SESSION_REPORT, data))
    assert "سمير الخفي" not in content and "منظمة الأمل" not in content
    assert "ليلى المستترة" not in content and "رابطة العدالة" in content
    assert "أحد المشاركين" in content
    assert "Jane Public" in content and "Amnesty International" in content
    assert "لم تُبث" in content and "انقطعت" in content and "أُلقيت" in content
    assert "نطالب بحرية التعبير" in content


def test_consent_choices_map_to_names():
    with force_locale("ar"):
        anonymous = anonymous_label()
        assert anonymous == "أحد المشاركين"

        def public(name, organisation, naming):
            person = shown(name, organisation, Audience.PUBLIC, naming=naming)
            return person.name, person.organisation

        assert public("سمير", "الأمل", "anonymous") == (anonymous, "")
        assert public("سمير", "الأمل", "organisation") == ("الأمل", "")
        assert public("سمير", "الأمل", "name") == ("سمير", "الأمل")
        assert public("سمير", "الأمل", None) == ("سمير", "الأمل")  # a speaker, public by role
    with force_locale("en"):
        assert public("Sam", None, "anonymous") == ("A participant", "")
        assert public("Sam", None, "organisation") == ("A participant", "")


def test_report_context_is_plain_data(reported):
    data = reportdata.session_report_data(reported, "ar")

    def check(value):
        assert not hasattr(value, "_sa_instance_state")
        if isinstance(value, dict):
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert value is None or isinstance(value, str | int | float | bool), type(value)

    check(data)


def test_sanitised_markdown_reaches_the_pdf(client, event, session, rapporteur):
    write_outcome(session, rapporteur, summary="نص <img src='http://example.org/x.png'> **مهم**")
    login_as(client, rapporteur)
    pdf = _session_pdf(client, session)
    assert "مهم" in text(pdf)
    html = jobs.report_html(ReportKind.SESSION_REPORT, reportdata.session_report_data(session))
    assert "<img" not in html and "<strong>مهم</strong>" in html


def test_people_only_with_a_role_get_the_report(client, reported, make_user):
    login_as(client, make_user("nobody@example.org"))
    assert client.raw.get(f"/manage/sessions/{reported.id}/report.pdf").status_code == 403
