"""The event outcome summary: rendered in the background, kept while its data is unchanged."""

import os
import re
import time
import uuid

import pytest

from eventapp.background import shutdown_pool
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, items, jobs
from eventapp.outcomes.models import JobStatus, ReportJob
from tests.factories import make_organisation, make_person, make_session
from tests.outcomes.conftest import add_rec, login_as, write_outcome
from tests.outcomes.pdfs import fonts, outline_titles, reader, text


@pytest.fixture
def concluded(event, session, rapporteur, organiser):
    """An event with two session outcomes, event-level text and recommendations."""
    from eventapp.events import services as event_services
    from eventapp.events.models import GoalKind, PartnerRole

    ohchr = make_organisation("المفوضية السامية لحقوق الإنسان", "OHCHR", kind="un_body")
    event_services.add_partner(event, ohchr.id, PartnerRole.PARTNER)
    goal = event_services.add_goal(event, GoalKind.EXPECTED_OUTPUT, "خطة متابعة التوصيات", None)
    write_outcome(session, rapporteur, consensus="إنشاء قاعدة بيانات وطنية.")
    second = make_session(
        event,
        start="11:00",
        end="12:00",
        title_ar="ممارسات فضلى",
        people=[(make_person("رفيف مجاهد", "Rafif Mujahed", organisation=ohchr), "presenter")],
    )
    write_outcome(second, organiser, summary="عرضت أ. رفيف تجارب فضلى.")
    add_rec(event, session, "تسمية نقطة اتصال في كل وزارة", "الوزارات", "التنسيق", "high")
    add_rec(event, second, "Align the plan with the 2030 Agenda", "UN Human Rights Council", "SDGs")
    add_rec(event, None, "تدريب ممثلي الوزارات على إدارة البيانات", "الوزارات", "بناء القدرات")
    event_outcomes.save_event_outcome(
        event,
        {
            "summary": "نُفّذ اللقاء في يوم واحد.",
            "conclusions": "أكّد المشاركون ضرورة المتابعة.",
            f"rating_{goal.id}": "partly",
            f"comment_{goal.id}": "تبقى الأولويات بحاجة إلى اعتماد.",
        },
        0,
        organiser,
    )
    items.add_next_step(event, None, {"what": "إعداد مسودة خطة التنفيذ", "who": "الأمانة"})
    db.session.commit()
    return event


def _request(client, event, **query):
    response = client.post(
        f"/manage/events/{event.id}/outcome/summary?"
        + "&".join(f"{k}={v}" for k, v in query.items())
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_summary_is_prepared_and_downloaded(client, organiser, concluded):
    login_as(client, organiser)
    job_id = _request(client, concluded)
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert "تنزيل ملف PDF" in page
    state = client.raw.get(f"/reports/{job_id}/status").get_json()
    assert state["status"] == "done" and state["progress"] == 100
    pdf = client.raw.get(state["download"]).data
    doc = reader(pdf)
    assert doc.metadata.title == "خلاصة المخرجات: مؤتمر حقوق الإنسان"
    assert doc.trailer["/Root"]["/Lang"] == "ar"
    outline = outline_titles(pdf)
    assert outline[0] == (0, "مؤتمر حقوق الإنسان")
    sections = [t for depth, t in outline if depth == 1]
    assert sections[:3] == ["الأهداف والمخرجات المتوقعة", "المشاركة", "ملخص المجريات"]
    assert "مخرجات الجلسات" in sections and "التوصيات الموحّدة" in sections
    assert "ملحق: الجهات المشاركة" in sections
    sessions = [t for depth, t in outline if depth == 2]
    assert sessions == ["الآلية الوطنية لإعداد التقارير", "ممارسات فضلى"]
    assert all(fonts(pdf).values())
    content = text(pdf)
    for phrase in (
        "تسمية نقطة اتصال في كل وزارة",
        "تدريب ممثلي الوزارات على إدارة البيانات",
        "تحقّق جزئياً",
        "أكّد المشاركون ضرورة المتابعة",
        "إعداد مسودة خطة التنفيذ",
        "المفوضية السامية لحقوق الإنسان",
        "UN Human Rights Council",
        "2030",
    ):
        assert phrase in content, phrase
    assert "Align the plan with the 2030 Agenda" in content
    # The event uses Western digits: so does the footer ("صفحة 1 من 2", issue 16).
    assert "صفحة" in content and re.search(r"[0-9]\s*من", content) and "صفحة ١" not in content


def test_kept_pdf_is_reused_until_the_outcome_changes(client, organiser, concluded, session):
    login_as(client, organiser)
    first = _request(client, concluded)
    assert _request(client, concluded) == first  # same data: the same finished PDF
    path = db.session.get(ReportJob, first).file_path
    assert os.path.exists(path)
    client.post(
        f"/manage/events/{concluded.id}/outcome/recommendations",
        {"text": "توصية جديدة", "priority": "low"},
    )
    second = _request(client, concluded)
    assert second != first
    assert not os.path.exists(path)  # the out-of-date PDF is gone
    english = _request(client, concluded, lang="en")
    assert english not in (first, second)
    pdf = client.raw.get(f"/reports/{english}/download").data
    assert "Consolidated recommendations" in text(pdf)


def test_job_pages_are_not_for_everyone(client, organiser, concluded, make_user):
    login_as(client, organiser)
    job_id = _request(client, concluded)
    login_as(client, make_user("other@example.org"))
    assert client.raw.get(f"/reports/{job_id}/status").status_code == 404
    assert client.raw.get(f"/reports/{job_id}/download").status_code == 404


def test_a_failed_render_is_recorded_not_raised(app, concluded, organiser):
    job = ReportJob(
        kind="outcome_summary", event_id=concluded.id, language="ar", options="", content_hash="x"
    )
    db.session.add(job)
    db.session.commit()
    folder = app.config["REPORTS_FOLDER"]
    app.config["REPORTS_FOLDER"] = "/proc/forbidden-folder"
    try:
        jobs.run_job(job.id)
    finally:
        app.config["REPORTS_FOLDER"] = folder
    db.session.refresh(job)
    assert job.status == JobStatus.FAILED and job.error


def test_process_pool_renders_in_another_process(app, client, organiser, concluded):
    """The development path end to end: a spawned worker process opens the same database."""
    app.config["REPORTS_INLINE"] = False
    try:
        login_as(client, organiser)
        job_id = _request(client, concluded)
        deadline = time.monotonic() + 120
        state = {}
        while time.monotonic() < deadline:
            state = client.raw.get(f"/reports/{job_id}/status").get_json()
            if state["status"] in ("done", "failed"):
                break
            time.sleep(0.3)
        assert state["status"] == "done", state
        job = db.session.get(ReportJob, job_id)
        db.session.refresh(job)
        assert job.started_at and job.finished_at
        assert "تسمية نقطة اتصال" in text(client.raw.get(state["download"]).data)
    finally:
        shutdown_pool()


def test_rq_queue_path(app, client, organiser, concluded):
    """Production path: the job goes on a Redis queue and an RQ worker renders it."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    queue_name = f"multaqa-test-{uuid.uuid4().hex[:8]}"
    app.config.update(
        REPORTS_INLINE=False, REDIS_URL="redis://127.0.0.1:6379/0", REPORTS_QUEUE=queue_name
    )
    connection = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        login_as(client, organiser)
        job_id = _request(client, concluded)
        assert client.raw.get(f"/reports/{job_id}/status").get_json()["status"] == "queued"
        queue = Queue(queue_name, connection=connection)
        assert queue.count == 1
        SimpleWorker([queue], connection=connection).work(burst=True)
        db.session.expire_all()
        assert db.session.get(ReportJob, job_id).status == JobStatus.DONE
    finally:
        Queue(queue_name, connection=connection).delete(delete_jobs=True)
        app.config["REPORTS_QUEUE"] = "multaqa-reports"


def test_summary_grouped_by_theme_with_the_hijri_date(client, organiser, concluded):
    login_as(client, organiser)
    page = client.get(f"/manage/events/{concluded.id}/outcomes").get_data(as_text=True)
    assert 'id="summary-form"' in page
    response = client.post(
        f"/manage/events/{concluded.id}/outcome/summary",
        {"lang": "ar", "group": "theme", "hijri": "1"},
    )
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    content = text(client.raw.get(f"/reports/{job_id}/download").data)
    assert "مجمّعة حسب المحور" in content
    assert "هـ" in content
    assert content.index("التنسيق") < content.index("بناء القدرات")  # groups in order


@pytest.mark.parametrize("group", ["jobs", "reports"])
def test_worker_command_under_both_names(app, group):
    """`flask jobs worker` (the README's name) and `flask reports worker` run the same worker."""
    app.config.update(REDIS_URL="")
    result = app.test_cli_runner().invoke(args=[group, "worker", "--burst"])
    assert result.exit_code != 0 and "Set REDIS_URL" in result.output
