"""The roll of an organisation: screens, categories, CSV import and export, removal."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.extensions import db
from eventapp.members import roll_csv
from eventapp.members.models import Member, MembershipCategory, MemberStatus
from eventapp.members.participants import category_label, forget_kept
from eventapp.people import FormOfAddress
from eventapp.registration.models import Registration
from tests.conftest import WebClient
from tests.factories import make_event, make_organisation, make_person, make_user
from tests.registration.conftest import open_registration, register


@pytest.fixture
def org(app):
    organisation = make_organisation(name_ar="جمعية الحقوق", name_en="Rights Society")
    organisation.slug = "rights"
    db.session.add(
        MembershipCategory(organisation_id=organisation.id, code="full", name_ar="كاملة")
    )
    staff = {}
    for role in OrganisationRoleKind:
        user = make_user()
        db.session.add(OrganisationStaff(organisation=organisation, user=user, role=role))
        staff[role] = user
    db.session.commit()
    organisation.staff_users = staff
    return organisation


def _csv(text: str, encoding="utf-8-sig") -> bytes:
    return text.encode(encoding)


def test_staff_add_edit_filter_and_viewers_only_read(client, org):
    client.login(org.staff_users[OrganisationRoleKind.STAFF])
    base = "/manage/o/rights/members/"
    response = client.post(
        base + "new",
        {
            "person_id": "0",
            "name_ar": "سلمى",
            "email": "salma@example.org",
            "category_id": str(org_category(org).id),
            "status": "active",
        },
    )
    assert response.status_code == 302
    member = db.session.query(Member).one()
    assert member.person.email == "salma@example.org"
    page = client.get(base + "?q=سلم").get_data(as_text=True)
    assert "سلمى" in page
    assert "سلمى" not in client.get(base + "?status=ended").get_data(as_text=True)
    url = base + str(member.id)
    version = client.version(url)
    data = {
        "category_id": "0",
        "since": "2026-01-01",
        "until": "2025-01-01",
        "status": "active",
        "version": version,
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "يجب ألا يسبق تاريخُ انتهاء العضوية" in response.get_data(as_text=True)
    data["until"] = ""
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "status": "ended"})  # the version seen is old now
    assert stale.status_code == 409
    viewer = make_client_as(client, org.staff_users[OrganisationRoleKind.VIEWER])
    assert viewer.get(base).status_code == 200
    assert viewer.post(base + f"{member.id}/remove").status_code == 403


def org_category(org):
    return db.session.query(MembershipCategory).filter_by(organisation_id=org.id).one()


def make_client_as(client, user):
    other = WebClient(client.raw.application.test_client())
    other.login(user)
    return other


def test_removing_a_member_keeps_their_registrations(client, org):
    person = make_person(name_ar="عضو", email="m@example.org")
    member = Member(organisation_id=org.id, person=person)
    db.session.add(member)
    event = make_event()
    event.organiser_id = org.id
    db.session.commit()
    open_registration(event)
    registration = register(event, "m@example.org")
    client.login(org.staff_users[OrganisationRoleKind.OWNER])
    assert client.post(f"/manage/o/rights/members/{member.id}/remove").status_code == 302
    assert db.session.query(Member).count() == 0
    assert db.session.get(Registration, registration.id) is not None


def test_import_with_bad_lines_writes_nothing_and_names_each_line(client, org):
    text = (
        "name_ar,name_en,email,category,since,until,status\n"
        "سلمى,Salma,salma@example.org,full,2025-01-01,,active\n"
        "خالد,,not-an-address,full,,,\n"
        "منى,,mona@example.org,nope,,,\n"
        "ريم,,reem@example.org,,2025-13-01,,\n"
        "سلمى,,SALMA@example.org,,,,\n"
    )
    with pytest.raises(roll_csv.MemberError) as refused:
        roll_csv.import_roll(org.id, _csv(text), 10**6)
    lines = " | ".join(refused.value.lines)
    for n in ("3", "4", "5", "6"):
        assert f"السطر {n}:" in lines or f"Line {n}:" in lines
    db.session.rollback()
    assert db.session.query(Member).count() == 0
    client.login(org.staff_users[OrganisationRoleKind.STAFF])
    response = client.post(
        "/manage/o/rights/members/import",
        {"file": (__import__("io").BytesIO(_csv(text)), "roll.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "لم يُستورد شيء" in page and "السطر 3" in page


def test_import_updates_by_email_and_refuses_other_encodings(org):
    person = make_person(name_ar="سلمى", email="salma@example.org")
    db.session.add(Member(organisation_id=org.id, person=person, status=MemberStatus.SUSPENDED))
    db.session.commit()
    text = (
        "name_ar;email;category;status\n"
        "سلمى;Salma@Example.org;full;active\n"
        "منى;mona@example.org;;\n"
    )
    result = roll_csv.import_roll(org.id, _csv(text), 10**6)
    db.session.commit()
    assert result == {"added": 1, "updated": 1}
    assert db.session.query(Member).count() == 2
    again = roll_csv.import_roll(org.id, _csv(text), 10**6)
    assert again == {"added": 0, "updated": 0}
    with pytest.raises(roll_csv.MemberError):
        roll_csv.import_roll(org.id, _csv(text, "cp1256"), 10**6)
    with pytest.raises(roll_csv.MemberError):
        roll_csv.import_roll(org.id, _csv(text), 10)  # larger than the limit


def test_export_guards_formulas(org):
    person = make_person(name_ar='=HYPERLINK("http://x")', email="x@example.org")
    db.session.add(Member(organisation_id=org.id, person=person, since=dt.date(2025, 1, 1)))
    db.session.commit()
    content = roll_csv.export_roll(org.id).decode("utf-8-sig")
    assert content.splitlines()[0] == ",".join(roll_csv.COLUMNS)
    assert "'=HYPERLINK" in content and "2025-01-01" in content


def test_participant_categories_of_the_organiser_feminine_and_masculine(client, org):
    event = make_event()
    event.organiser_id = org.id
    db.session.commit()
    assert category_label(event, "delegate", language="ar") == "مندوب"
    assert category_label(event, "delegate", language="ar", feminine=True) == "مندوبة"
    assert category_label(event, "delegate", language="en") == "Delegate"
    client.login(org.staff_users[OrganisationRoleKind.STAFF])
    response = client.post(
        "/manage/o/rights/members/categories",
        {
            "kind": "participant",
            "code": "trainee",
            "label_ar_f": "متدرّبة",
            "label_ar_m": "متدرّب",
            "label_ar_n": "تدريب",
            "label_en": "Trainee",
            "colour": "#2e7d32",
            "position": "0",
        },
    )
    assert response.status_code == 302
    forget_kept()
    assert category_label(event, "trainee", language="ar", feminine=True) == "متدرّبة"
    assert category_label(event, "trainee", language="ar") == "متدرّب"
    unspecified = FormOfAddress.UNSPECIFIED
    assert category_label(event, "trainee", language="ar", form=unspecified) == "تدريب"
    assert "تدريب" in client.get("/manage/o/rights/members/categories").get_data(as_text=True)
    # The event now offers the organisation's own categories only; old codes keep a label.
    open_registration(event)
    page = client.get(f"/e/{event.slug}/register").get_data(as_text=True)
    assert "متدرّب" in page and 'value="delegate"' not in page
    assert category_label(event, "delegate", language="ar") == "مندوب"
    registration = register(event, category="trainee")
    assert registration.category == "trainee"
    bad = client.post(
        "/manage/o/rights/members/categories",
        {"kind": "participant", "code": "Not a code!", "label_ar_m": "x", "colour": "#2e7d32"},
    )
    assert bad.status_code == 422
