"""Consent: the participant list, report naming, and the purge of personal data."""

from __future__ import annotations

import datetime as dt

from eventapp.extensions import db
from eventapp.people import FormOfAddress
from eventapp.registration import invitations, privacy, services
from eventapp.registration.models import Invitation, ListVisibility, Registration, ReportNaming
from tests.forms import form_on
from tests.registration.conftest import open_registration, register


def test_participant_list_follows_each_consent(client, make_event):
    event = make_event()
    open_registration(event)
    register(event, name_ar="ظاهرة للجميع", list_visibility=ListVisibility.PUBLIC)
    me = register(event, name_ar="للمشاركين فقط", list_visibility=ListVisibility.PARTICIPANTS)
    register(event, name_ar="مخفية", list_visibility=ListVisibility.NOBODY)
    public = client.get(f"/e/{event.slug}/participants").get_data(as_text=True)
    assert "ظاهرة للجميع" in public
    assert "للمشاركين فقط" not in public and "مخفية" not in public
    token = services.make_token(me)
    inside = client.get(f"/r/{token}/participants").get_data(as_text=True)
    assert "ظاهرة للجميع" in inside and "للمشاركين فقط" in inside
    assert "مخفية" not in inside
    assert "@example.org" not in inside


def test_registrants_appear_as_they_consented(make_event, make_organisation):
    """The one decision (eventapp.people.shown) applied to registrations, in both languages."""
    from flask_babel import force_locale

    from eventapp.i18n import localized
    from eventapp.people import Audience, shown

    event = make_event()
    open_registration(event)
    hrw = make_organisation("هيومن رايتس ووتش", "Human Rights Watch")
    named = register(event, name_ar="سلمى", name_en="Salma", organisation="Human Rights Watch")
    by_org = register(
        event, organisation="Human Rights Watch", report_naming=ReportNaming.ORGANISATION
    )
    anonymous = register(event, report_naming=ReportNaming.ANONYMOUS)
    assert named.organisation_id == hrw.id

    def public(r, language):
        with force_locale(language):
            return str(
                shown(
                    localized(r, "name", language),
                    localized(r.organisation, "name", language),
                    Audience.PUBLIC,
                    naming=r.report_naming,
                    language=language,
                )
            )

    assert public(named, "ar") == "سلمى — هيومن رايتس ووتش"
    assert public(named, "en") == "Salma — Human Rights Watch"
    assert public(by_org, "en") == "Human Rights Watch"
    assert public(anonymous, "ar") == "أحد المشاركين"
    assert public(anonymous, "en") == "A participant"
    staff = shown(anonymous.name, "منظمة", Audience.STAFF, naming=anonymous.report_naming)
    assert staff.name == anonymous.name and staff.organisation == "منظمة"


def test_lookups_for_other_capabilities(app, make_event):
    event = make_event(days=2)
    open_registration(event, capacity_in_person=1)
    confirmed = register(event, "Confirmed@Example.org")
    register(event, "waiting@example.org")
    assert services.confirmed_registration(event, "confirmed@example.org") == confirmed
    assert services.confirmed_registration(event, "waiting@example.org") is None
    assert [f["registered"] for f in services.attendance_by_day(event)] == [1, 1]
    from tests.factories import make_session

    session = make_session(event, day=2)
    assert services.attendance_by_session(event) == {session.id: 1}
    token = services.make_token(confirmed)
    assert services.registration_for_token(token) == confirmed
    with app.test_request_context():
        assert services.personal_url(confirmed).endswith(f"/r/{token}")


def test_purge_command_erases_personal_data_after_the_delay(app, make_event):
    old = make_event(first_day=dt.date.today() - dt.timedelta(days=40))
    recent = make_event(first_day=dt.date.today() - dt.timedelta(days=3))
    for event in (old, recent):
        services.settings_for(event)
        services.save_settings(event, {"purge_after_days": 30, "is_open": True}, None)
        db.session.commit()
        # Registered by the organisers (the event is over, the public form is closed).
        register(
            event,
            "kept@example.org",
            name_ar="بيانات شخصية",
            organiser=True,
            accessibility_needs="كرسي متحرك",
        )
    result = app.test_cli_runner().invoke(args=["registration", "purge"])
    assert result.exit_code == 0, result.output
    assert f"purged {old.slug}" in result.output
    db.session.expire_all()
    purged = db.session.query(Registration).filter_by(event_id=old.id).one()
    assert purged.email is None and purged.name_ar is None and purged.accessibility_needs is None
    assert purged.category is not None and purged.days  # counts survive
    kept = db.session.query(Registration).filter_by(event_id=recent.id).one()
    assert kept.email == "kept@example.org"
    again = app.test_cli_runner().invoke(args=["registration", "purge"])
    assert "No event is due for purging." in again.output


def test_report_organisations_leave_out_anonymous_people(make_event):
    event = make_event()
    open_registration(event)
    register(event, organisation="رابطة العدالة", report_naming=ReportNaming.ORGANISATION)
    register(event, organisation="منظمة الأمل", report_naming=ReportNaming.ANONYMOUS)
    register(event, organisation="Amnesty International", report_naming=ReportNaming.NAME)
    assert services.report_organisations(event) == ["Amnesty International", "رابطة العدالة"]
    assert services.statistics(event)["organisations"] == 3


def test_an_edit_form_opened_before_the_purge_cannot_write_the_data_back(
    app, client, organiser, make_event
):
    event = make_event(organiser=organiser, first_day=dt.date.today() - dt.timedelta(days=40))
    services.settings_for(event)
    services.save_settings(event, {"purge_after_days": 30, "is_open": True}, None)
    db.session.commit()
    registration = register(event, "erased@example.org", name_ar="اسم سيُمحى", organiser=True)
    client.login(organiser)
    url = f"/manage/events/{event.id}/registrations/{registration.id}"
    form = form_on(client.get(url).get_data(as_text=True))
    assert form["email"] == "erased@example.org"
    assert app.test_cli_runner().invoke(args=["registration", "purge"]).exit_code == 0
    form["organiser_note"] = "ملاحظة"
    response = client.post(url, form)
    assert response.status_code == 409
    db.session.expire_all()
    purged = db.session.get(Registration, registration.id)
    assert purged.email is None and purged.name_ar is None and purged.organiser_note is None


def test_the_purge_erases_the_invitations_personal_data(make_event):
    event = make_event(first_day=dt.date.today() - dt.timedelta(days=40))
    invitations.create_invitation(
        event,
        {"email": "rana@example.org", "name_ar": "رنا", "form_of_address": FormOfAddress.FEMININE},
    )
    privacy.purge_event(event)
    db.session.commit()
    db.session.expire_all()
    invitation = db.session.query(Invitation).one()
    assert invitation.email is None and invitation.name_ar is None
    assert invitation.form_of_address is FormOfAddress.UNSPECIFIED


def test_erasing_one_s_own_data_forgets_the_invitations_that_named_them(make_event):
    """The invitation someone registered with, and any other sent to their e-mail, lose the
    person (e-mail, names, form of address, the label of a personal one); other invitations
    and the invitation's use (code, category, count) stay."""
    event = make_event()
    open_registration(event)
    used = invitations.create_invitation(
        event,
        {
            "email": "rana@example.org",
            "name_ar": "رنا",
            "label": "دعوة رنا",
            "form_of_address": FormOfAddress.FEMININE,
        },
    )
    used.revoked = True  # a second one was sent to the same address
    again = invitations.create_invitation(event, {"email": "Rana@Example.org", "name_en": "Rana"})
    other = invitations.create_invitation(event, {"email": "sami@example.org", "name_ar": "سامي"})
    shared = invitations.create_invitation(event, {"label": "Media partners", "max_uses": 20})
    registration = register(event, name_ar="رنا", email="rana@example.org")
    registration.invitation_id = used.id
    db.session.commit()
    downloaded = privacy.personal_data(registration)["invitations"]
    assert [i["label"] for i in downloaded] == ["دعوة رنا", None]
    assert {i["email"] for i in downloaded} == {"rana@example.org"}  # stored lowered
    privacy.erase_registration(registration)
    db.session.commit()
    db.session.expire_all()
    for invitation in (used, again):
        invitation = db.session.get(Invitation, invitation.id)
        assert invitation.email is None and invitation.name_ar is None
        assert invitation.name_en is None and invitation.label is None
        assert invitation.form_of_address is FormOfAddress.UNSPECIFIED
        assert invitation.code and invitation.max_uses == 1
    assert db.session.get(Invitation, other.id).email == "sami@example.org"
    assert db.session.get(Invitation, shared.id).label == "Media partners"
