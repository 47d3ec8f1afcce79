"""The members path in a real browser: an owner imports the roll from a CSV file and limits a
training to members; a member registers through the public form and is confirmed, a
non-member gets the very same page and the reason by mail; an age-limited event asks the year
of birth and refuses an age out of range on the page, keeping what was typed."""

import datetime as dt
from pathlib import Path

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.extensions import db
from eventapp.members.models import Member
from eventapp.registration.choices import Status
from eventapp.registration.models import Registration
from tests.auth.conftest import Mailbox
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_event, make_organisation, make_user

pytestmark = pytest.mark.browser

ROLL = (
    "name_ar,name_en,email,category,since,until,status\n"
    "هبة الزعبي,Hiba Al-Zoubi,hiba@members.example.org,,2023-01-15,,active\n"
    "يزن العمري,Yazan Al-Omari,yazan@members.example.org,,2024-03-01,,active\n"
    "رائد قاسم,Raed Qasem,raed@members.example.org,,2020-05-01,,suspended\n"
)


def _organisation_with_owner():
    organisation = make_organisation("اتحاد الشباب الديمقراطي", "Democratic Youth Union")
    organisation.slug = "youth-union"
    owner = make_user("owner@youth.example.org", name="ديما المالكة")
    db.session.add(
        OrganisationStaff(organisation=organisation, user=owner, role=OrganisationRoleKind.OWNER)
    )
    db.session.commit()
    return organisation, owner


def _event(organisation, owner, slug, title_ar):
    event = make_event(
        owner, slug=slug, title_ar=title_ar, first_day=dt.date.today() + dt.timedelta(days=30)
    )
    event.organiser_id = organisation.id
    db.session.commit()
    return event


def _save_settings(page):
    page.click("#settings-form button.btn-brand")
    page.locator(".alert-success").wait_for()


def _fill_form(page, name_ar, email):
    page.fill("#name_ar", name_ar)
    page.fill("#email", email)
    page.fill("#organisation", "اتحاد الشباب الديمقراطي")


def test_roll_imported_members_only_training_and_age_limit(
    app, live_server, browser_page, phone_page, artifacts, tmp_path
):
    mailbox = Mailbox(Path(app.config["MAIL_FOLDER"]))
    organisation, owner = _organisation_with_owner()
    training = _event(organisation, owner, "members-training", "تدريب الأعضاء الجدد")
    workshop = _event(organisation, owner, "youth-workshop", "ورشة الشباب")
    page = browser_page
    sign_in(page, live_server, owner.email, PASSWORD)

    # The roll, from a CSV file chosen on the roll's page.
    page.goto(f"{live_server}/manage/o/youth-union/members/")
    roll = tmp_path / "roll.csv"
    roll.write_text(ROLL, encoding="utf-8")
    page.set_input_files("#import input[type=file]", str(roll))
    page.click("#import button")
    page.locator(".alert-success").wait_for()
    assert "3" in page.inner_text(".alert-success")
    table = page.inner_text("#roll")
    assert "هبة الزعبي" in table and "يزن العمري" in table and "رائد قاسم" in table
    assert page.inner_text("#total") == "3"
    page.screenshot(path=str(artifacts / "members-roll-imported-ar.png"), full_page=True)
    assert db.session.query(Member).filter_by(organisation_id=organisation.id).count() == 3

    # The training: members only, chosen on the registration settings.
    page.goto(f"{live_server}/manage/events/{training.id}/registration/settings")
    page.check("#is_open")
    page.check("input[name=who_may_register][value=members]")
    _save_settings(page)
    assert page.is_checked("input[name=who_may_register][value=members]")
    page.screenshot(path=str(artifacts / "members-settings-ar.png"), full_page=True)

    # A member registers on her phone and is confirmed.
    phone = phone_page
    phone.goto(f"{live_server}/e/members-training/register")
    assert "اتحاد الشباب الديمقراطي" in phone.inner_text("#eligibility-1")
    assert phone.locator("#birth_year").count() == 0  # no age rule: no year asked
    phone.screenshot(path=str(artifacts / "members-register-rule-phone.png"), full_page=True)
    _fill_form(phone, "هبة الزعبي", "Hiba@Members.example.org")
    phone.click("#registration-form button.btn-lg")
    phone.locator("#check-email").wait_for()
    member_page = phone.inner_text("main")
    hiba = db.session.query(Registration).filter_by(event_id=training.id).one()
    assert hiba.status == Status.CONFIRMED
    (confirmation,) = mailbox.messages("hiba@members.example.org")
    assert "/r/" in Mailbox.text(confirmation)

    # A non-member: the same page, nothing registered, the reason in her mailbox.
    phone.goto(f"{live_server}/e/members-training/register")
    _fill_form(phone, "سارة الغريبة", "sara@elsewhere.example.org")
    phone.click("#registration-form button.btn-lg")
    phone.locator("#check-email").wait_for()
    assert phone.inner_text("main") == member_page  # nothing tells the two apart
    assert db.session.query(Registration).filter_by(event_id=training.id).count() == 1
    (refusal,) = mailbox.messages("sara@elsewhere.example.org")
    reason = Mailbox.text(refusal)
    assert "غير مدرج في سجل الأعضاء" in reason and "اتحاد الشباب الديمقراطي" in reason
    # A suspended member is not in good standing: refused the same way.
    phone.goto(f"{live_server}/e/members-training/register")
    _fill_form(phone, "رائد قاسم", "raed@members.example.org")
    phone.click("#registration-form button.btn-lg")
    phone.locator("#check-email").wait_for()
    assert "غير مدرج في سجل الأعضاء" in Mailbox.text(
        mailbox.messages("raed@members.example.org")[-1]
    )
    assert db.session.query(Registration).filter_by(event_id=training.id).count() == 1

    # The workshop: ages 15 to 24, the year of birth asked, a wrong age refused on the page.
    page.goto(f"{live_server}/manage/events/{workshop.id}/registration/settings")
    page.check("#is_open")
    page.fill("#min_age", "15")
    page.fill("#max_age", "24")
    _save_settings(page)
    phone.goto(f"{live_server}/e/youth-workshop/register")
    assert "15" in phone.inner_text("#eligibility-1") and "24" in phone.inner_text("#eligibility-1")
    year = workshop.first_day.year
    _fill_form(phone, "يزن العمري", "yazan@members.example.org")
    phone.fill("#name_en", "Yazan Al-Omari")
    phone.fill("#birth_year", str(year - 40))
    phone.click("#registration-form button.btn-lg")
    phone.locator("#birth_year.is-invalid").wait_for()
    feedback = phone.inner_text("#registration-form")
    assert "التسجيل مفتوح لمن تتراوح أعمارهم بين 15 و24 عامًا" in feedback
    assert phone.input_value("#name_ar") == "يزن العمري"
    assert phone.input_value("#name_en") == "Yazan Al-Omari"
    assert phone.input_value("#email") == "yazan@members.example.org"
    assert phone.input_value("#birth_year") == str(year - 40)
    phone.screenshot(path=str(artifacts / "members-age-refused-phone.png"), full_page=True)
    assert db.session.query(Registration).filter_by(event_id=workshop.id).count() == 0
    phone.fill("#birth_year", str(year - 20))
    phone.click("#registration-form button.btn-lg")
    phone.locator("#check-email").wait_for()
    yazan = db.session.query(Registration).filter_by(event_id=workshop.id).one()
    assert yazan.birth_year == year - 20
