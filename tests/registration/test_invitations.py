"""Invitation-only events: links and codes, presets, expiry (CSV import: its own file)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration import invitations
from eventapp.registration.models import Invitation, Registration, Status
from eventapp.registration.services import RegistrationError
from tests.conftest import WebClient
from tests.registration.conftest import form_data, open_registration, register


@pytest.fixture
def workshop(make_event, organiser):
    event = make_event(organiser=organiser, kind="consultative_workshop", days=1)
    open_registration(event, invitation_only=True)
    return event


def test_invitation_only_event_asks_for_a_code(client, workshop):
    client.get(f"/e/{workshop.slug}/register")
    response = client.post(f"/e/{workshop.slug}/register", form_data(workshop))
    assert "هذه الفعالية بالدعوة فقط. أدخل رمز دعوتك." in response.get_data(as_text=True)
    assert db.session.query(Registration).count() == 0


def test_personal_invitation_presets_and_is_used_once(client, workshop):
    invitation = invitations.create_invitation(
        workshop,
        {"email": "ministry@example.gov", "name_ar": "ممثل الوزارة", "category": "delegate"},
    )
    db.session.commit()
    page = client.get(f"/e/{workshop.slug}/i/{invitation.code}", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "هذا التسجيل بموجب دعوة." in text
    assert 'value="ministry@example.gov"' in text
    data = form_data(
        workshop, email="ministry@example.gov", category="observer", invitation_code=invitation.code
    )
    response = client.post(f"/e/{workshop.slug}/register", data)
    assert response.status_code == 302
    registration = db.session.query(Registration).one()
    assert registration.category == "delegate"  # the invitation's category wins
    assert registration.invitation_id == invitation.id
    # Used: a second person cannot use it, and it says why.
    response = client.post(
        f"/e/{workshop.slug}/register",
        form_data(workshop, email="other@example.gov", invitation_code=invitation.code),
    )
    assert "سبق استخدام هذه الدعوة." in response.get_data(as_text=True)


def test_personal_invitation_refuses_another_email(workshop):
    invitation = invitations.create_invitation(workshop, {"email": "a@example.org"})
    db.session.commit()
    with pytest.raises(RegistrationError) as refused:
        register(workshop, "b@example.org", invitation_code=invitation.code)
    assert "هذه الدعوة شخصية" in refused.value.message


def test_expired_and_withdrawn_invitations(workshop):
    expired = invitations.create_invitation(
        workshop, {"max_uses": 10, "expires_at": utcnow() - dt.timedelta(minutes=1)}
    )
    withdrawn = invitations.create_invitation(workshop, {"max_uses": 10})
    invitations.revoke(withdrawn)
    db.session.commit()
    with pytest.raises(RegistrationError, match="انتهت صلاحية هذه الدعوة"):
        register(workshop, invitation_code=expired.code)
    db.session.rollback()
    with pytest.raises(RegistrationError, match="سحب المنظمون هذه الدعوة"):
        register(workshop, invitation_code=withdrawn.code)


def test_code_for_many_uses_counts_its_uses(workshop):
    code = invitations.create_invitation(workshop, {"max_uses": 2, "label": "اللجنة الدائمة"})
    db.session.commit()
    register(workshop, invitation_code=code.code)
    register(workshop, invitation_code=code.code)
    with pytest.raises(RegistrationError, match="سبق استخدام"):
        register(workshop, invitation_code=code.code)
    db.session.rollback()
    assert db.session.get(Invitation, code.id).uses == 2


def test_guests_invited_for_the_first_three_days(make_event):
    event = make_event(days=4)
    open_registration(event, invitation_only=True)
    first_three = [d.id for d in event.days[:3]]
    guest = invitations.create_invitation(
        event, {"max_uses": 5, "category": "guest", "day_ids": first_three}
    )
    db.session.commit()
    with pytest.raises(RegistrationError, match="لا يحق"):
        register(event, invitation_code=guest.code)  # asks for all four days
    db.session.rollback()
    registration = register(event, invitation_code=guest.code, day_ids=first_three)
    assert registration.category == "guest"
    assert registration.status == Status.CONFIRMED


def test_the_invitations_form_of_address_is_prefilled_and_may_be_changed(
    app, client, workshop, organiser
):
    staff = WebClient(app.test_client())
    staff.login(organiser)
    staff.get(f"/manage/events/{workshop.id}/invitations")
    response = staff.post(
        f"/manage/events/{workshop.id}/invitations",
        {
            "email": "salma@example.org",
            "name_ar": "سلمى",
            "form_of_address": "feminine",
            "category": "",
            "mode": "",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    invitation = db.session.scalars(db.select(Invitation)).one()
    assert invitation.form_of_address is FormOfAddress.FEMININE
    refused = staff.post(
        f"/manage/events/{workshop.id}/invitations",
        {"email": "x@example.org", "form_of_address": "neither", "category": "", "mode": ""},
    )
    assert refused.status_code == 200 and 'value="x@example.org"' in refused.get_data(True)
    page = client.get(f"/e/{workshop.slug}/i/{invitation.code}", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert re.search(
        r'<input[^>]*checked[^>]*value="feminine"|<input[^>]*value="feminine"[^>]*checked', text
    )
    data = form_data(workshop, email="salma@example.org", invitation_code=invitation.code)
    data["form_of_address"] = "masculine"  # the registrant's own choice wins
    assert client.post(f"/e/{workshop.slug}/register", data).status_code == 302
    assert db.session.query(Registration).one().form_of_address is FormOfAddress.MASCULINE


def test_a_registration_keeps_the_invitations_form_when_left_as_prefilled(client, workshop):
    invitation = invitations.create_invitation(
        workshop, {"email": "rana@example.org", "form_of_address": FormOfAddress.FEMININE}
    )
    db.session.commit()
    data = form_data(
        workshop,
        email="rana@example.org",
        invitation_code=invitation.code,
        form_of_address="feminine",
    )
    assert client.post(f"/e/{workshop.slug}/register", data).status_code == 302
    assert db.session.query(Registration).one().form_of_address is FormOfAddress.FEMININE
