"""After the event: one numbering, follow-up status, dated progress, filters and exports."""

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from eventapp.extensions import db
from eventapp.outcomes import followup
from eventapp.outcomes.models import FollowUpStatus
from tests.factories import make_session
from tests.outcomes.conftest import add_rec, login_as


def _three(event, session):
    later = make_session(event, start="11:00", end="12:00", title_ar="جلسة لاحقة")
    a = add_rec(event, later, "توصية الجلسة اللاحقة", "وزارة العدل", "العدالة")
    b = add_rec(event, session, "توصية الجلسة الأولى", "اللجنة الدائمة", "المتابعة", "high")
    c = add_rec(event, None, "توصية الفعالية", "Ministry of Justice", "العدالة")
    return a, b, c


def test_numbering_follows_the_programme_then_the_event(event, session):
    a, b, c = _three(event, session)
    numbers = {r.id: r.number for r in followup.consolidated(event)}
    assert numbers == {b.id: 1, a.id: 2, c.id: 3}
    groups = followup.grouped(followup.consolidated(event), "theme")
    assert [(label, [r.number for r in items]) for label, items in groups] == [
        ("المتابعة", [1]),
        ("العدالة", [2, 3]),
    ]


def test_follow_up_list_filters_and_keeps_numbers(client, organiser, event, session):
    a, b, c = _three(event, session)
    login_as(client, organiser)
    page = client.get(f"/manage/events/{event.id}/recommendations").get_data(as_text=True)
    assert "توصية الجلسة الأولى" in page and "توصية الفعالية" in page
    page = client.get(
        f"/manage/events/{event.id}/recommendations", query_string={"theme": "العدالة"}
    ).get_data(as_text=True)
    assert "توصية الجلسة الأولى" not in page
    assert "توصية الجلسة اللاحقة" in page and "توصية الفعالية" in page
    assert "2 من أصل 3 توصيات" in page
    page = client.get(
        f"/manage/events/{event.id}/recommendations", query_string={"session": "event"}
    ).get_data(as_text=True)
    assert "توصية الفعالية" in page and "توصية الجلسة اللاحقة" not in page


def test_status_responsible_body_due_date_and_dated_progress(client, organiser, event, session):
    rec = add_rec(event, session, "إنشاء قاعدة بيانات وطنية", "اللجنة الدائمة")
    login_as(client, organiser)
    url = f"/manage/events/{event.id}/recommendations/{rec.id}"
    response = client.post(
        url,
        {
            "status": "adopted",
            "responsible_body": "هيئة حقوق الإنسان",
            "due_date": "2027-03-31",
            "version": client.version(url),
        },
    )
    assert response.status_code == 302
    db.session.refresh(rec)
    assert rec.status == FollowUpStatus.ADOPTED and rec.due_date == dt.date(2027, 3, 31)
    assert rec.notes[0].status == FollowUpStatus.ADOPTED  # the change is noted, dated today
    client.post(
        url + "/notes",
        {
            "note-noted_on": "2026-11-01",
            "note-text": "أُعدّت مواصفات قاعدة البيانات.",
            "note-status": "in_progress",
        },
    )
    db.session.refresh(rec)
    assert rec.status == FollowUpStatus.IN_PROGRESS
    # A blank status is "unchanged".
    response = client.post(
        url + "/notes",
        {"note-noted_on": "2026-11-01", "note-text": "اجتماع ثانٍ.", "note-status": " "},
    )
    assert response.status_code == 302
    db.session.refresh(rec)
    assert rec.status == FollowUpStatus.IN_PROGRESS and len(rec.notes) == 3
    page = client.get(url).get_data(as_text=True)
    assert "أُعدّت مواصفات قاعدة البيانات." in page
    # A note dated in the future or without text is refused, the typed text kept.
    response = client.post(url + "/notes", {"note-noted_on": "2099-01-01", "note-text": "لاحقاً"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "لا يمكن تأريخ التقدّم بتاريخ مستقبلي" in page and "لاحقاً" in page
    response = client.post(url + "/notes", {"note-noted_on": "2026-11-02", "note-text": ""})
    assert response.status_code == 422 and "اكتب ما تحقّق" in response.get_data(as_text=True)
    # Overdue filter.
    rec.due_date = dt.date(2020, 1, 1)
    db.session.commit()
    page = client.get(
        f"/manage/events/{event.id}/recommendations", query_string={"overdue": "1"}
    ).get_data(as_text=True)
    assert "إنشاء قاعدة بيانات وطنية" in page and "متأخرة" in page


def test_csv_opens_in_excel_with_arabic(client, organiser, event, session):
    _three(event, session)
    add_rec(event, session, '=HYPERLINK("http://evil")', "الدول")
    login_as(client, organiser)
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.csv")
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it as UTF-8
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][0] == "الرقم" and rows[0][1] == "التوصية"
    assert rows[1][:3] == ["1", "توصية الجلسة الأولى", "اللجنة الدائمة"]
    assert rows[4][:3] == ["4", "توصية الفعالية", "Ministry of Justice"]
    assert rows[2][1].startswith("'=")  # never a formula
    # Filters apply to the export too.
    filtered = client.raw.get(
        f"/manage/events/{event.id}/recommendations.csv", query_string={"theme": "المتابعة"}
    )
    assert len(list(csv.reader(io.StringIO(filtered.data.decode("utf-8-sig"))))) == 2


def test_xlsx_is_right_to_left_in_arabic(client, organiser, event, session):
    _three(event, session)
    login_as(client, organiser)
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["B1"].value == "التوصية" and sheet["B2"].value == "توصية الجلسة الأولى"
    assert sheet["A4"].value == 3
    client.switch_language("en")
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert not sheet.sheet_view.rightToLeft and sheet["B1"].value == "Recommendation"


def test_follow_up_is_for_organisers(client, rapporteur, event):
    login_as(client, rapporteur)
    assert client.get(f"/manage/events/{event.id}/recommendations").status_code == 403
    assert client.raw.get(f"/manage/events/{event.id}/recommendations.csv").status_code == 403


def test_xlsx_with_control_characters_in_a_recommendation(client, organiser, event, session):
    """Text saved before the web input filter existed may hold an ESC: the export still opens."""
    add_rec(event, session, "توصية\x1b فيها رمز تحكم", "=وزارة\x07 العدل", "العدالة")
    login_as(client, organiser)
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["B2"].value == "توصية فيها رمز تحكم" and sheet["C2"].value == "'=وزارة العدل"
