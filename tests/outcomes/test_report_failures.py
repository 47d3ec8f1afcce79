"""A failed PDF render never loses nor locks the outcome it renders, and a job that no worker
takes (Redis down, no worker, a worker that died) never blocks the report."""

from __future__ import annotations

import datetime as dt
import uuid

from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, jobs, session_outcomes
from eventapp.outcomes.models import JobStatus, ReportJob
from tests.outcomes.conftest import login_as, write_outcome

# Markdown quotes nested 150 deep: WeasyPrint gives up (RecursionError) on this layout.
UNRENDERABLE = ">" * 150 + " نص مقتبس"
BROKEN = "تعذّر إعداد التقرير. المُخرجات نفسها محفوظة"


def _save_summary(client, event, text, version):
    client.get(f"/manage/events/{event.id}/outcome")
    return client.post(f"/manage/events/{event.id}/outcome", {"version": version, "summary": text})


def _request_summary(client, event):
    response = client.post(f"/manage/events/{event.id}/outcome/summary", {"lang": "ar"})
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _outcome_summary(event):
    db.session.expire_all()
    return event_outcomes.event_outcome(event).summary


def test_a_summary_that_breaks_the_renderer_fails_the_job_not_the_outcome(client, organiser, event):
    login_as(client, organiser)
    assert _save_summary(client, event, UNRENDERABLE, 0).status_code == 302
    job_id = _request_summary(client, event)
    job = db.session.get(ReportJob, job_id)
    assert job.status == JobStatus.FAILED and "RecursionError" in job.error
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert BROKEN in page and 'id="job-retry"' in page
    assert "RecursionError" not in page  # the technical detail is for the log only
    state = client.raw.get(f"/reports/{job_id}/status").get_json()
    assert state["status"] == "failed" and state["error"].startswith("تعذّر إعداد التقرير")
    assert _outcome_summary(event) == UNRENDERABLE  # untouched

    # Not locked: the organiser corrects the text, and the retry gives the PDF.
    version = event_outcomes.event_outcome(event).version
    assert _save_summary(client, event, "نص مقتبس واحد", version).status_code == 302
    assert _outcome_summary(event) == "نص مقتبس واحد"
    retried = _request_summary(client, event)
    assert retried != job_id
    assert db.session.get(ReportJob, retried).status == JobStatus.DONE
    assert client.raw.get(f"/reports/{retried}/download").status_code == 200


def test_a_session_report_that_breaks_the_renderer_is_explained(client, session, rapporteur):
    write_outcome(session, rapporteur, summary=UNRENDERABLE)
    login_as(client, rapporteur)
    response = client.get(f"/manage/sessions/{session.id}/report.pdf")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/manage/sessions/{session.id}/outcome")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert BROKEN in page
    db.session.expire_all()
    assert session_outcomes.session_outcome(session).summary == UNRENDERABLE


def test_redis_down_fails_the_job_at_once_and_a_new_request_renders(app, client, organiser, event):
    login_as(client, organiser)
    _save_summary(client, event, "ملخص", 0)
    app.config.update(REPORTS_INLINE=False, REDIS_URL="redis://127.0.0.1:1/0")
    job_id = _request_summary(client, event)  # no 500
    job = db.session.get(ReportJob, job_id)
    assert job.status == JobStatus.FAILED and job.error.startswith(jobs.QUEUE_FAILED)
    assert "لم يستجب طابور المهام" in client.get(f"/reports/{job_id}").get_data(as_text=True)
    app.config.update(REPORTS_INLINE=True, REDIS_URL="")
    retried = _request_summary(client, event)
    assert retried != job_id and db.session.get(ReportJob, retried).status == JobStatus.DONE


def test_a_job_no_worker_takes_is_flagged_then_replaced(app, client, organiser, event):
    from redis import Redis
    from rq import Queue

    login_as(client, organiser)
    _save_summary(client, event, "ملخص", 0)
    queue_name = f"multaqa-test-{uuid.uuid4().hex[:8]}"
    app.config.update(
        REPORTS_INLINE=False, REDIS_URL="redis://127.0.0.1:6379/0", REPORTS_QUEUE=queue_name
    )
    try:
        job_id = _request_summary(client, event)
        assert db.session.get(ReportJob, job_id).status == JobStatus.QUEUED
        page = client.get(f"/reports/{job_id}").get_data(as_text=True)
        assert 'id="job-no-worker" class="alert alert-warning mt-3" >' in page  # shown
        assert client.raw.get(f"/reports/{job_id}/status").get_json()["no_worker"] is True
        assert _request_summary(client, event) == job_id  # still waiting: the same job

        # Five minutes later the job is taken for lost: the page says so, a request re-queues.
        job = db.session.get(ReportJob, job_id)
        job.created_at = utcnow() - dt.timedelta(minutes=6)
        db.session.commit()
        state = client.raw.get(f"/reports/{job_id}/status").get_json()
        assert state["status"] == "failed" and "لا يبدو أن" in state["error"]
        again = _request_summary(client, event)
        assert again != job_id
        assert db.session.get(ReportJob, again).status == JobStatus.QUEUED
    finally:
        Queue(queue_name, connection=Redis.from_url("redis://127.0.0.1:6379/0")).delete(
            delete_jobs=True
        )
        app.config["REPORTS_QUEUE"] = "multaqa-reports"


def test_a_job_whose_worker_died_does_not_block(client, organiser, event):
    login_as(client, organiser)
    _save_summary(client, event, "ملخص", 0)
    first = _request_summary(client, event)
    job = db.session.get(ReportJob, first)
    job.status, job.file_path = JobStatus.RUNNING, None
    job.started_at = utcnow() - dt.timedelta(minutes=16)
    db.session.commit()
    second = _request_summary(client, event)
    assert second != first
    db.session.expire_all()
    assert db.session.get(ReportJob, first).status == JobStatus.FAILED
    assert db.session.get(ReportJob, second).status == JobStatus.DONE
