"""Who may register: members only, some membership categories, an age range (the birth year
asked only then), invitations; refusals say why, and the roll is not for anyone to test."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp.extensions import db
from eventapp.members.models import Member, MembershipCategory, MemberStatus
from eventapp.registration import eligibility, invitations
from eventapp.registration.checks import RegistrationError
from eventapp.registration.models import MemberLimit, Registration
from tests.factories import make_organisation, make_person
from tests.registration.conftest import form_data, open_registration, register


@pytest.fixture
def organised(make_event, organiser):
    organisation = make_organisation(name_ar="جمعية الحقوق", name_en="Rights Society")
    organisation.slug = "rights"
    event = make_event(organiser=organiser, days=1, first_day=dt.date.today() + dt.timedelta(30))
    event.organiser_id = organisation.id
    full = MembershipCategory(organisation_id=organisation.id, code="full", name_ar="كاملة")
    youth = MembershipCategory(organisation_id=organisation.id, code="youth", name_ar="شباب")
    db.session.add_all([full, youth])
    db.session.flush()
    for email, category, status in (
        ("member@example.org", full, MemberStatus.ACTIVE),
        ("young@example.org", youth, MemberStatus.ACTIVE),
        ("suspended@example.org", full, MemberStatus.SUSPENDED),
    ):
        person = make_person(name_ar="عضو", email=email)
        db.session.add(
            Member(organisation_id=organisation.id, person=person, category=category, status=status)
        )
    db.session.commit()
    return event


def test_open_registration_asks_no_birth_year_and_refuses_nobody(client, organised):
    open_registration(organised, capacity_in_person=10)
    page = client.get(f"/e/{organised.slug}/register").get_data(as_text=True)
    assert 'name="birth_year"' not in page
    assert register(organised, "anyone@example.org").id


def test_members_only(organised):
    open_registration(organised, member_limit=MemberLimit.MEMBERS)
    assert register(organised, "Member@Example.org").id
    for address in ("stranger@example.org", "suspended@example.org"):
        with pytest.raises(eligibility.NotOnRoll) as refused:
            register(organised, address)
        db.session.rollback()
        assert "جمعية الحقوق" in refused.value.reason


def test_some_membership_categories(organised):
    open_registration(organised, member_limit=MemberLimit.CATEGORIES, member_categories=["youth"])
    assert register(organised, "young@example.org").id
    with pytest.raises(eligibility.NotOnRoll) as refused:
        register(organised, "member@example.org")
    db.session.rollback()
    assert "شباب" in refused.value.reason


def test_a_non_member_gets_the_neutral_page_and_the_reason_by_mail(client, organised, mailbox):
    open_registration(organised, member_limit=MemberLimit.MEMBERS)
    url = f"/e/{organised.slug}/register"
    page = client.get(url).get_data(as_text=True)
    assert "التسجيل مفتوح لأعضاء جمعية الحقوق ذوي العضوية السارية فقط." in page
    response = client.post(url, form_data(organised, email="stranger@example.org"))
    assert response.status_code == 302 and response.location.endswith("/register/sent")
    assert db.session.query(Registration).count() == 0
    mails = [m for m in mailbox() if m["To"] == "stranger@example.org"]
    assert len(mails) == 1
    body = mails[0].get_body(("plain",)).get_content()
    assert "غير مدرج في سجل الأعضاء" in body
    # A member: the same page.
    client.get(url)
    response = client.post(url, form_data(organised, email="member@example.org"))
    assert response.location.endswith("/register/sent")
    assert db.session.query(Registration).count() == 1


def test_age_range_asks_the_birth_year_and_refuses_with_the_reason(client, organised):
    open_registration(organised, min_age=18, max_age=30)
    url = f"/e/{organised.slug}/register"
    page = client.get(url).get_data(as_text=True)
    assert 'name="birth_year"' in page
    year = organised.first_day.year
    response = client.post(url, form_data(organised, birth_year=str(year - 12)))
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "التسجيل مفتوح لمن تتراوح أعمارهم بين 18 و30 عامًا" in text
    assert "ليلى الهاشمي" in text  # what was typed is kept
    response = client.post(url, form_data(organised, birth_year=""))
    assert "أدخل سنة ميلادك." in response.get_data(as_text=True)
    client.get(url)
    response = client.post(url, form_data(organised, birth_year=str(year - 25)))
    assert response.status_code == 302
    assert db.session.query(Registration).one().birth_year == year - 25


def test_age_boundaries_from_the_year_alone(organised):
    open_registration(organised, min_age=18)
    year = organised.first_day.year
    # Born in year - 18: 17 or 18 on the day; let in (the year alone cannot tell).
    assert register(organised, birth_year=year - 18).id
    with pytest.raises(RegistrationError):
        register(organised, birth_year=year - 17)
    db.session.rollback()


def test_refusal_in_english(client, organised):
    open_registration(organised, min_age=18, max_age=30)
    client.switch_language("en")
    url = f"/e/{organised.slug}/register"
    client.get(url)
    year = organised.first_day.year
    text = client.post(url, form_data(organised, birth_year=str(year - 50))).get_data(as_text=True)
    assert "Registration is open to people aged 18 to 30" in text


def test_an_invitation_passes_the_members_rule(organised):
    open_registration(organised, member_limit=MemberLimit.MEMBERS)
    invitation = invitations.create_invitation(
        organised, {"email": None, "label": "ضيوف", "max_uses": 5, "day_ids": []}
    )
    db.session.commit()
    assert register(organised, "guest@example.org", invitation_code=invitation.code).id
