"""Invitations imported from a CSV file: the file checked in the request (size, encoding, first
line), its lines in a background job; every refused line reported with its number and reason,
the valid ones imported (or none, if the organiser asks), never a silent cut, never a 500."""

from __future__ import annotations

import time
from io import BytesIO

import pytest

from eventapp.background import JobStatus, shutdown_pool
from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration.invitations import create_invitation
from eventapp.registration.models import ImportJob, Invitation, Mode
from tests.conftest import WebClient
from tests.factories import make_user

HEADER = "email,name_ar,name_en,category,mode,days,expires\n"


@pytest.fixture
def inline_jobs(app):
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REDIS_URL", "IMPORT_MAX_BYTES")}
    app.config.update(REPORTS_INLINE=True, REDIS_URL="")
    yield app
    app.config.update(saved)


@pytest.fixture
def event(make_event, organiser):
    return make_event(organiser=organiser, slug="import-event", days=3)


@pytest.fixture
def staff(app, organiser, event) -> WebClient:
    client = WebClient(app.test_client())
    client.login(organiser)
    client.get(f"/manage/events/{event.id}/invitations")
    return client


def _upload(client, event, content: bytes, name="invitations.csv", **fields):
    return client.post(
        f"/manage/events/{event.id}/invitations/import",
        {"file": (BytesIO(content), name), **fields},
        content_type="multipart/form-data",
    )


def _emails() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(db.select(Invitation.email)))


def _result_page(client, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]
    assert "/invitations/imports/" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_valid_file_is_imported_with_presets(inline_jobs, staff, event):
    content = (
        "email;name_ar;name_en;category;mode;days;expires\n"
        "one@example.org;أحمد;Ahmed;ضيف;حضوري;1 2;2030-01-31\n"
        "two@example.org;سلمى;Salma;delegate;remote;;\n"
    ).encode("utf-8-sig")
    page = _result_page(staff, _upload(staff, event, content))
    assert "تم إنشاء دعوتين." in page
    rows = db.session.scalars(db.select(Invitation).order_by(Invitation.email)).all()
    assert [i.email for i in rows] == ["one@example.org", "two@example.org"]
    assert rows[0].category == "guest" and rows[0].mode == Mode.IN_PERSON
    assert rows[0].day_ids == [d.id for d in event.days[:2]] and rows[0].max_uses == 1
    assert rows[0].name_ar == "أحمد" and rows[1].mode == Mode.REMOTE
    assert len({i.code for i in rows}) == 2
    listing = staff.get(f"/manage/events/{event.id}/invitations").get_data(as_text=True)
    assert f"/e/{event.slug}/i/{rows[0].code}" in listing
    job = db.session.scalars(db.select(ImportJob)).one()
    assert job.status == JobStatus.DONE and job.content is None  # the file is not kept
    assert f"/invitations/imports/{job.id}" in listing  # the way back to the result


BAD_LINES = [
    # (line content, what the page says about it)
    ("ok1@example.org,أحمد,Ahmed,ضيف,حضوري,1,2030-01-31", None),
    ("many@example.org,سامي,Sami,ضيف,حضوري,1,2030-01-31,extra,more", "فيه 9 أعمدة، أكثر"),
    ("few@example.org,ليلى", "فيه عمودان، أقل"),
    ("not-an-email,نادية,,,,,", "ليس عنوان بريد إلكتروني صالحًا"),
    (",بلا بريد,,,,,", "عنوان البريد الإلكتروني ناقص"),
    ("OK1@example.org,مكرر,,,,,", "موجود في السطر 2"),
    ("invited@example.org,مدعو,,,,,", "سبقت دعوة"),
    ("cat@example.org,,,وزير,,,", "فئة غير معروفة «وزير»"),
    ("mode@example.org,,,,بالمراسلة,,", "طريقة حضور غير معروفة «بالمراسلة»"),
    ("day@example.org,,,,,1 9,", "اليوم «9» ليس من أيام هذه الفعالية"),
    ("date@example.org,,,,,,31/01/2030", "اكتب تاريخ الانتهاء"),
    ("past@example.org,,,,,,2001-01-01", "انقضى"),
    ("long@example.org," + "ا" * 201 + ",,,,,", "أطول من 200 حرف"),
    ("ok2@example.org,سلمى,Salma,delegate,remote,2 3,", None),
]


def _bad_file() -> bytes:
    return (HEADER + "\n".join(line for line, _said in BAD_LINES) + "\n").encode()


def test_every_refused_line_is_reported_and_the_valid_ones_imported(inline_jobs, staff, event):
    create_invitation(event, {"email": "invited@example.org"})
    db.session.commit()
    page = _result_page(staff, _upload(staff, event, _bad_file()))
    assert _emails() == ["invited@example.org", "ok1@example.org", "ok2@example.org"]
    assert "تم إنشاء دعوتين." in page
    refused = [(n, said) for n, (_line, said) in enumerate(BAD_LINES, start=2) if said]
    assert "رُفض 12 سطرًا" in page
    for number, said in refused:
        reason = next(item for item in page.split("<li>") if item.startswith(f"السطر {number}:"))
        assert said in reason, (number, reason[:200])
    job = db.session.scalars(db.select(ImportJob)).one()
    assert job.rows == 14 and job.imported == 2 and len(job.refused) == 12


def test_all_or_nothing_imports_nothing_when_a_line_is_refused(inline_jobs, staff, event):
    page = _result_page(staff, _upload(staff, event, _bad_file(), all_or_nothing="y"))
    assert _emails() == []
    assert "لم يُستورد شيء" in page and "السطر 3:" in page


def test_unnamed_trailing_columns_of_excel_are_left_aside(inline_jobs, staff, event):
    content = "email;name_ar;;\nx@example.org;أحمد;;\n".encode("utf-8-sig")
    page = _result_page(staff, _upload(staff, event, content))
    assert "تم إنشاء دعوة واحدة." in page and _emails() == ["x@example.org"]


def test_an_empty_result_and_the_english_page(inline_jobs, staff, event):
    staff.switch_language("en")
    page = _result_page(staff, _upload(staff, event, (HEADER + "bad,,,,,,\n").encode()))
    assert "No invitation was created." in page
    assert "Line 2: “bad” is not a valid e-mail address." in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email,name_ar\nx@example.org,أحمد\n".encode("cp1256"), "UTF-8"),
        ("email,name_ar\nx@example.org,أحمد\n".encode("utf-16"), "UTF-8"),
        (b"", "The file is empty."),
        (b"\n\n", "The file is empty."),
        (b"mail,name\nx@example.org,A\n", "including “email”"),
        (b"email,name_ar,nom\nx@example.org,A,B\n", "not understood: “nom”"),
        (b"email,email\nx@example.org,y@example.org\n", "named twice"),
    ],
)
def test_a_wrong_file_is_refused_next_to_the_field(inline_jobs, staff, event, content, message):
    staff.switch_language("en")
    response = _upload(staff, event, content)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page, page[:3000]
    assert 'class="invalid-feedback d-block"' in page
    assert _emails() == [] and db.session.scalar(db.select(db.func.count(ImportJob.id))) == 0


def test_the_size_limit_is_stated_and_enforced_never_a_silent_cut(inline_jobs, staff, event):
    page = staff.get(f"/manage/events/{event.id}/invitations").get_data(as_text=True)
    assert "5 ميغابايت" in page  # stated in the form's help text
    inline_jobs.config["IMPORT_MAX_BYTES"] = 1000
    content = (HEADER + "".join(f"p{i}@example.org,,,,,,\n" for i in range(100))).encode()
    assert len(content) > 1000
    response = _upload(staff, event, content)
    assert response.status_code == 422
    assert "الملف أكبر من" in response.get_data(as_text=True)
    assert _emails() == []


def test_a_request_above_the_application_limit_is_refused_whole(app, staff, event):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = _upload(staff, event, b"email\n" + b"x" * limit)
    assert response.status_code == 413
    assert "حجم الملف المرسَل كبير جدًا" in response.get_data(as_text=True)
    assert _emails() == []


def test_a_file_of_15016_lines_is_imported_whole(inline_jobs, staff, event, capsys):
    """The file that used to be cut at 2,000,000 bytes (14,654 of 15,016 lines)."""
    lines = [
        f"participant.{i:05d}@example.org,مشاركة رقم {i} من منظمة المجتمع المدني,"
        f"Participant number {i},delegate,حضوري,1 2,2030-01-31"
        for i in range(15_016)
    ]
    content = (HEADER + "\n".join(lines) + "\n").encode("utf-8-sig")
    assert len(content) > 2_050_000
    started = time.perf_counter()
    page = _result_page(staff, _upload(staff, event, content))
    elapsed = time.perf_counter() - started
    assert "15,016" in page or "15016" in page or "١٥٬٠١٦" in page
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 15_016
    last = db.session.scalar(
        db.select(Invitation).where(Invitation.email == "participant.15015@example.org")
    )
    assert last.name_en == "Participant number 15015"  # the last line whole
    with capsys.disabled():
        print(f"\n15,016-line import (request + job in the request): {elapsed:.1f} s")


def test_another_events_import_is_not_found(inline_jobs, app, staff, event, make_event):
    _result_page(staff, _upload(staff, event, (HEADER + "a@example.org,,,,,,\n").encode()))
    job = db.session.scalars(db.select(ImportJob)).one()
    other = make_event(organiser=make_user("other.organiser@example.org"))
    assert staff.get(f"/manage/events/{other.id}/invitations/imports/{job.id}").status_code == 403
    stranger = WebClient(app.test_client())
    stranger.login(make_user("stranger@example.org"))
    url = f"/manage/events/{event.id}/invitations/imports/{job.id}"
    assert stranger.get(url).status_code == 403
    assert staff.get(f"/manage/events/{event.id}/invitations/imports/999999").status_code == 404


def test_the_job_runs_outside_the_request_with_progress(app, staff, event):
    """The development path: the request records the job and answers; a spawned process
    imports, and the status JSON follows it to the end."""
    app.config.update(REPORTS_INLINE=False, REDIS_URL="")
    try:
        lines = "".join(f"bg{i}@example.org,,,,,,\n" for i in range(3000))
        response = _upload(staff, event, (HEADER + lines).encode())
        assert response.status_code == 302
        status_url = response.headers["Location"].rstrip("/") + "/status"
        deadline = time.monotonic() + 120
        state = {}
        while time.monotonic() < deadline:
            state = staff.raw.get(status_url).get_json()
            if state["status"] in ("done", "failed"):
                break
            time.sleep(0.3)
        assert state["status"] == "done", state
        assert state["imported"] == 3000 and state["refused"] == 0 and state["progress"] == 100
    finally:
        shutdown_pool()
        app.config["REPORTS_INLINE"] = False


def test_the_job_on_the_rq_queue(app, staff, event):
    """Production: the upload puts the job on the Redis queue; an RQ worker imports."""
    import uuid

    from redis import Redis
    from rq import Queue, SimpleWorker

    queue_name = f"multaqa-test-{uuid.uuid4().hex[:8]}"
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REDIS_URL", "REPORTS_QUEUE")}
    app.config.update(
        REPORTS_INLINE=False, REDIS_URL="redis://127.0.0.1:6379/0", REPORTS_QUEUE=queue_name
    )
    connection = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        response = _upload(staff, event, (HEADER + "rq@example.org,,,,,,\n").encode())
        status_url = response.headers["Location"].rstrip("/") + "/status"
        assert staff.raw.get(status_url).get_json()["status"] == "queued"
        queue = Queue(queue_name, connection=connection)
        assert queue.count == 1
        SimpleWorker([queue], connection=connection).work(burst=True)
        assert staff.raw.get(status_url).get_json()["imported"] == 1
        assert _emails() == ["rq@example.org"]
    finally:
        Queue(queue_name, connection=connection).delete(delete_jobs=True)
        app.config.update(saved)


def test_the_command_line_import(app, event, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "cli@example.org,,,,,,\nbroken,,,,,,\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["registration", "import-invitations", event.slug, str(path)]
    )
    assert result.exit_code == 1, result.output
    assert "1 invitations created, 1 lines refused." in result.output
    assert _emails() == ["cli@example.org"]


def test_the_form_of_address_column_is_optional_and_checked(inline_jobs, staff, event):
    content = (
        "email,name_ar,form_of_address\n"
        "she@example.org,سلمى,مؤنث\n"
        "he@example.org,أحمد,Masculine\n"
        "blank@example.org,رنا,\n"
        "bad@example.org,سامي,perhaps\n"
    ).encode()
    response = _upload(staff, event, content)
    page = _result_page(staff, response)
    forms = {i.email: i.form_of_address for i in db.session.scalars(db.select(Invitation))}
    assert forms == {
        "she@example.org": FormOfAddress.FEMININE,
        "he@example.org": FormOfAddress.MASCULINE,
        "blank@example.org": FormOfAddress.UNSPECIFIED,
    }
    reason = next(item for item in page.split("<li>") if item.startswith("السطر 5:"))
    assert "«perhaps»" in reason
    assert "صيغة إشارة غير معروفة" in reason
    staff.switch_language("en")
    page = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "Line 5: unknown form of address “perhaps”" in page
