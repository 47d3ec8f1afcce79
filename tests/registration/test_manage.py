"""Organiser screens: list, filters, bulk actions, editing, statistics, exports, settings."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from eventapp.extensions import db
from eventapp.members.participants import DEFAULT_CODES
from eventapp.registration import checkin, figures, invitations, search, services
from eventapp.registration.models import Mode, Registration, Status
from eventapp.speakers.models import Organisation
from tests.conftest import QueryCounter
from tests.registration.conftest import open_registration, register


def test_only_organisers_see_the_registrations(client, open_event, make_user):
    register(open_event)
    assert client.get(f"/manage/events/{open_event.id}/registrations").status_code == 302
    client.login(make_user("stranger@example.org"))
    assert client.get(f"/manage/events/{open_event.id}/registrations").status_code == 403
    assert (
        client.raw.get(f"/manage/events/{open_event.id}/registrations/export.csv").status_code
        == 403
    )


def test_list_filters_and_search(client, organiser, open_event):
    register(open_event, name_ar="سلمى الخطيب", organisation="هيومن رايتس ووتش")
    register(open_event, name_ar="مراد بن علي", category="media", mode=Mode.REMOTE)
    register(open_event, name_ar="نادية يوسف")
    register(open_event, name_ar="كريم صالح")  # waitlisted: two in-person places
    client.login(organiser)
    url = f"/manage/events/{open_event.id}/registrations"
    page = client.get(url).get_data(as_text=True)
    assert all(n in page for n in ("سلمى الخطيب", "مراد بن علي", "نادية يوسف", "كريم صالح"))
    page = client.get(url + "?q=هيومن").get_data(as_text=True)
    assert "سلمى الخطيب" in page and "نادية يوسف" not in page
    page = client.get(url + "?status=waitlisted").get_data(as_text=True)
    assert "كريم صالح" in page and "سلمى الخطيب" not in page
    page = client.get(url + "?category=media&mode=remote").get_data(as_text=True)
    assert "مراد بن علي" in page and "نادية يوسف" not in page


def test_list_query_count_does_not_grow_with_rows(client, organiser, make_event):
    event = make_event(organiser=organiser, days=2)
    open_registration(event)
    client.login(organiser)
    url = f"/manage/events/{event.id}/registrations"

    def queries():
        with QueryCounter() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    for _ in range(3):
        register(event)
    few = queries()
    for _ in range(20):
        register(event)
    assert queries() == few


def test_bulk_approve_and_reject(client, organiser, make_event, mailbox):
    event = make_event(organiser=organiser)
    open_registration(event, capacity_in_person=1, requires_approval=True)
    a, b, c = register(event), register(event), register(event)
    client.login(organiser)
    client.get(f"/manage/events/{event.id}/registrations")
    response = client.post(
        f"/manage/events/{event.id}/registrations/bulk",
        {"action": "approve", "ids": [str(a.id), str(b.id)]},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "أُكِّد تسجيل واحد" in page  # the "one" form, not "1 confirmed"
    assert a.status == Status.CONFIRMED and b.status == Status.WAITLISTED
    client.post(
        f"/manage/events/{event.id}/registrations/bulk", {"action": "reject", "ids": [str(a.id)]}
    )
    db.session.refresh(b)
    assert a.status == Status.REJECTED
    assert b.status == Status.CONFIRMED  # first on the waiting list, confirmed at once
    assert c.status == Status.PENDING
    subjects = [m["Subject"] for m in mailbox()]
    assert any("شغر مكان" in s for s in subjects)


def test_add_by_hand_and_edit(client, organiser, open_event):
    client.login(organiser)
    url = f"/manage/events/{open_event.id}/registrations/new"
    client.get(url)
    data = {
        "name_ar": "عضو اللجنة الدائمة",
        "email": "member@ministry.example",
        "organisation": "وزارة العدل",
        "category": "delegate",
        "mode": "in_person",
        "day_ids": [str(d.id) for d in open_event.days],
        "list_visibility": "nobody",
        "report_naming": "name",
    }
    assert client.post(url, data).status_code == 302
    registration = services.registration_by_email(open_event, "member@ministry.example")
    assert registration.status == Status.CONFIRMED
    assert registration.added_by_organiser
    edit = f"/manage/events/{open_event.id}/registrations/{registration.id}"
    page = client.get(edit).get_data(as_text=True)
    assert 'value="وزارة العدل"' in page
    data.update(position="مستشار", organiser_note="يصل متأخرًا", version=client.version(edit))
    assert client.post(edit, data).status_code == 302
    assert registration.position == "مستشار"
    data["email"] = "bad"
    response = client.post(edit, data)
    assert "عنوان البريد الإلكتروني هذا غير صالح." in response.get_data(as_text=True)


def test_statistics_by_category_mode_day_and_organisations(client, organiser, open_event):
    register(open_event, organisation="منظمة أ")
    register(open_event, organisation="منظمة ب", category="expert")
    register(open_event, organisation="منظمة أ", mode=Mode.REMOTE)
    stats = figures.statistics(open_event)
    assert stats["by_category"]["delegate"] == 2
    assert stats["by_mode"][Mode.REMOTE] == 1
    assert stats["organisations"] == 2
    assert stats["days"][0]["in_person"] == 2 and stats["days"][0]["remote"] == 1
    client.login(organiser)
    page = client.get(f"/manage/events/{open_event.id}/registrations/statistics")
    assert 'id="organisations-count">2<' in page.get_data(as_text=True)
    dashboard = client.get(f"/manage/events/{open_event.id}/").get_data(as_text=True)
    assert 'id="registration-panel"' in dashboard


def test_csv_export_opens_in_excel_with_arabic(client, organiser, open_event):
    register(open_event, name_ar="عبد الله الحربي", organisation='=HYPERLINK("x")')
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{open_event.id}/registrations/export.csv")
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    text = response.data.decode("utf-8-sig")
    assert "عبد الله الحربي" in text
    assert "'=HYPERLINK" in text  # never a live formula


def test_xlsx_export(client, organiser, open_event):
    register(open_event, name_ar="عبد الله الحربي")
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{open_event.id}/registrations/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.sheet_view.rightToLeft
    assert sheet["A1"].value == "الاسم بالعربية"
    assert sheet["A2"].value == "عبد الله الحربي"


def test_xlsx_export_of_names_with_control_characters(client, organiser, open_event):
    """A name saved with an ESC (before the web input filter, or by the API) still exports."""
    register(open_event, name_ar="عبد الله\x1b الحربي", organisation="=منظمة\x07")
    client.login(organiser)
    exported = client.raw.get(f"/manage/events/{open_event.id}/registrations/export.csv")
    assert exported.status_code == 200 and "\x1b" not in exported.data.decode("utf-8-sig")
    response = client.raw.get(f"/manage/events/{open_event.id}/registrations/export.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.data)).active["A2"].value == "عبد الله الحربي"


def test_settings_form_raises_capacity_and_confirms_the_waiting(client, organiser, open_event):
    for _ in range(3):
        register(open_event)
    client.login(organiser)
    url = f"/manage/events/{open_event.id}/registration/settings"
    page = client.get(url).get_data(as_text=True)
    assert "أماكن الحضور الشخصي" in page
    data = {
        "is_open": "y",
        "offer_in_person": "y",
        "capacity_in_person": "5",
        "offer_remote": "y",
        "capacity_remote": "1",
        "waitlist_enabled": "y",
        "ask_accessibility": "y",
        "ask_interpretation": "y",
    }
    for category in DEFAULT_CODES:
        data[f"days_{category}"] = [str(d.id) for d in open_event.days]
    data["version"] = client.version(url)
    response = client.post(url, data, follow_redirects=True)
    assert "أُكِّد تسجيل شخص واحد من قائمة الانتظار" in response.get_data(as_text=True)
    assert figures.statistics(open_event)["by_status"][Status.CONFIRMED] == 3
    data["capacity_in_person"] = "-3"
    response = client.post(url, data)
    assert "أدخل عددًا يساوي صفرًا أو أكثر." in response.get_data(as_text=True)


def test_a_one_day_event_opens_registration(client, organiser, make_event):
    """Workshops, general assemblies, focus groups: one day, and no choice of days to tick."""
    event = make_event(organiser=organiser, days=1)
    client.login(organiser)
    url = f"/manage/events/{event.id}/registration/settings"
    page = client.get(url).get_data(as_text=True)
    assert 'name="days_' not in page and 'name="day_capacity_' not in page
    data = {"is_open": "y", "offer_in_person": "y", "capacity_in_person": "40"}
    data["version"] = client.version(url)
    response = client.post(url, data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    settings = services.settings_for(event)
    assert settings.is_open and settings.capacity_in_person == 40
    person = register(event, category="observer")
    assert person.status == Status.CONFIRMED


def test_questions_are_asked_and_exported(client, organiser, open_event):
    client.login(organiser)
    url = f"/manage/events/{open_event.id}/registration/settings"
    client.get(url)
    client.post(
        f"/manage/events/{open_event.id}/registration/questions",
        {"label_ar": "هل تحتاج إلى تأشيرة؟", "kind": "yes_no", "required": "y"},
    )
    form = client.get(f"/e/{open_event.slug}/register").get_data(as_text=True)
    assert "هل تحتاج إلى تأشيرة؟" in form
    question = services.questions_for(open_event)[0]
    registration = register(open_event, answers={str(question.id): "yes"})
    assert registration.answers == {str(question.id): "yes"}
    text = client.raw.get(f"/manage/events/{open_event.id}/registrations/export.csv").data.decode(
        "utf-8-sig"
    )
    assert "هل تحتاج إلى تأشيرة؟" in text.splitlines()[0]


def test_registration_tab_in_the_event_nav(client, organiser, open_event):
    client.login(organiser)
    page = client.get(f"/manage/events/{open_event.id}/").get_data(as_text=True)
    assert f"/manage/events/{open_event.id}/registrations" in page
    assert db.session.query(Registration).count() == 0


def test_bulk_action_never_redirects_off_site(client, organiser, open_event):
    a = register(open_event)
    client.login(organiser)
    client.get(f"/manage/events/{open_event.id}/registrations")
    response = client.post(
        f"/manage/events/{open_event.id}/registrations/bulk",
        {"action": "reject", "ids": [str(a.id)], "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
    assert a.status == Status.REJECTED


def test_the_list_and_the_door_find_by_the_same_rule(client, organiser, open_event):
    """One search for the list and the door: a directory organisation's acronym, and a check-in
    code as typed or as the QR code's URL (each matched by one of them only before)."""
    db.session.add(Organisation(name_ar="المفوضية السامية", acronym="OHCHR"))
    db.session.commit()
    found = register(open_event, name_ar="ليلى حداد", organisation="OHCHR")
    register(open_event, name_ar="نادية يوسف")
    scanned = f"https://example.org/c/{open_event.id}/{found.checkin_code}"
    for text in ("ohchr", found.checkin_code.lower(), scanned):
        listed = db.session.scalars(search.filtered(open_event, search.Filters(q=text))).all()
        assert listed == [found]
        assert checkin.search(open_event, text) == [found]


def test_invitation_links_csv_keeps_formulas_as_text(client, organiser, open_event):
    invitations.create_invitation(open_event, {"name_ar": "=HYPERLINK(1)", "label": "x"})
    db.session.commit()
    client.login(organiser)
    response = client.get(f"/manage/events/{open_event.id}/invitations/links.csv")
    text = response.get_data().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
