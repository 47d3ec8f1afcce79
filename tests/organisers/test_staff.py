"""The staff of an organiser: invited by e-mail (an address without an account gets the link
that sets its password), roles changed and staff removed by owners, never the last owner;
staff create the organisation's events and see all of them under My events."""

from sqlalchemy import select

from eventapp.audit.models import AuditEntry
from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.auth.services import find_user
from eventapp.events.models import Event
from eventapp.extensions import db
from tests.conftest import WebClient
from tests.events.test_screens import NEW_EVENT
from tests.factories import make_event, make_organiser, make_user

PASSWORD = "a-new-secret-1"


def _member(organisation, user) -> OrganisationStaff:
    return db.session.scalar(
        select(OrganisationStaff).where(
            OrganisationStaff.organisation_id == organisation.id,
            OrganisationStaff.user_id == user.id,
        )
    )


def test_owner_invites_by_e_mail_and_the_link_sets_the_password(app, client, mailbox):
    owner = make_user(name="مالكة المنظمة")
    organisation = make_organiser("forum", owner=owner)
    client.login(owner)
    client.get("/manage/o/forum/staff")
    response = client.post(
        "/manage/o/forum/staff", {"email": "New.Staff@Example.org", "role": "staff"}
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "new.staff@example.org" in page and "أُرسلت الدعوة" in page

    (message,) = mailbox.messages("new.staff@example.org")
    assert organisation.name_ar in message["Subject"]  # the invitation of the event team
    assert "مالكة المنظمة" in mailbox.text(message)
    link = mailbox.link("new.staff@example.org")
    invitee = WebClient(app.test_client())
    assert invitee.get(link).status_code == 200
    done = invitee.post(link, {"name": "سلمى", "new_password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302
    user = find_user("new.staff@example.org")
    assert user.has_password and _member(organisation, user).role == OrganisationRoleKind.STAFF

    # the same address again: already on the staff, said next to the field
    again = client.post(
        "/manage/o/forum/staff", {"email": "new.staff@example.org", "role": "viewer"}
    )
    assert again.status_code == 200 and "ضمن فريق العمل بالفعل" in again.get_data(as_text=True)

    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.entity_type == "organisation_staff")
    ).all()
    assert any(e.action == "create" and e.actor_user_id == owner.id for e in entries)


def test_an_existing_account_is_told_of_its_role(client, mailbox):
    owner, existing = make_user(), make_user("known@example.org")
    make_organiser("forum", owner=owner)
    client.login(owner)
    client.get("/manage/o/forum/staff")
    client.post("/manage/o/forum/staff", {"email": "known@example.org", "role": "viewer"})
    (message,) = mailbox.messages("known@example.org")
    assert "/auth/reset/" not in mailbox.text(message) and "/auth/login" in mailbox.text(message)
    assert existing.has_password


def test_the_last_owner_is_neither_demoted_nor_removed(client):
    owner, staff_member = make_user(), make_user()
    organisation = make_organiser("forum", owner=owner, staff=staff_member)
    mine = _member(organisation, owner)
    client.login(owner)
    client.get("/manage/o/forum/staff")
    response = client.post(f"/manage/o/forum/staff/{mine.id}/role", {f"m{mine.id}-role": "staff"})
    page = client.get(response.location).get_data(as_text=True)
    assert "يجب أن يبقى للمنظمة مالكٌ واحد على الأقل" in page
    response = client.post(f"/manage/o/forum/staff/{mine.id}/delete")
    assert "يجب أن يبقى للمنظمة مالكٌ واحد على الأقل" in client.get(response.location).get_data(
        as_text=True
    )
    db.session.expire_all()
    assert _member(organisation, owner).role == OrganisationRoleKind.OWNER

    theirs = _member(organisation, staff_member)
    client.post(f"/manage/o/forum/staff/{theirs.id}/role", {f"m{theirs.id}-role": "owner"})
    db.session.expire_all()
    assert _member(organisation, staff_member).role == OrganisationRoleKind.OWNER
    client.post(f"/manage/o/forum/staff/{mine.id}/delete")  # now another owner remains
    db.session.expire_all()
    assert _member(organisation, owner) is None


def test_removing_a_staff_member_loses_no_event(client):
    owner, staff_member = make_user(), make_user()
    organisation = make_organiser("forum", owner=owner, staff=staff_member)
    event = make_event(staff_member, slug="kept")
    event.organiser_id = organisation.id
    db.session.commit()
    client.login(owner)
    client.get("/manage/o/forum/staff")
    member = _member(organisation, staff_member)
    client.post(f"/manage/o/forum/staff/{member.id}/delete")
    db.session.expire_all()
    assert _member(organisation, staff_member) is None
    assert db.session.get(Event, event.id).organiser_id == organisation.id


def test_another_organisations_staff_row_is_404(client):
    owner = make_user()
    make_organiser("forum", owner=owner)
    other = make_organiser("elsewhere", name_ar="أخرى", name_en="Other", owner=make_user())
    row = db.session.scalar(
        select(OrganisationStaff).where(OrganisationStaff.organisation_id == other.id)
    )
    client.login(owner)
    assert client.post(f"/manage/o/forum/staff/{row.id}/delete").status_code == 404
    assert client.post(f"/manage/o/elsewhere/staff/{row.id}/delete").status_code == 403


def test_staff_create_events_of_their_organisation_and_see_them_all(client):
    owner, staff_member, viewer = make_user(), make_user(), make_user()
    organisation = make_organiser("forum", owner=owner, staff=staff_member, viewer=viewer)
    elsewhere = make_organiser("elsewhere", name_ar="أخرى", name_en="Other")
    earlier = make_event(owner, slug="by-the-owner", title_ar="فعالية المالكة")
    earlier.organiser_id = organisation.id
    db.session.commit()

    client.login(staff_member)
    form = client.get("/manage/events/new").get_data(as_text=True)
    assert "منظمة العفو الدولية" in form and "أخرى" not in form
    refused = client.post("/manage/events/new", dict(NEW_EVENT, organiser_id=elsewhere.id))
    assert refused.status_code == 200 and "is-invalid" in refused.get_data(as_text=True)
    missing = client.post("/manage/events/new", dict(NEW_EVENT, organiser_id="0"))
    assert "اختر المنظمة التي تنظّم الفعالية" in missing.get_data(as_text=True)
    created = client.post("/manage/events/new", dict(NEW_EVENT, organiser_id=organisation.id))
    assert created.status_code == 302
    event = db.session.scalar(select(Event).where(Event.slug == NEW_EVENT["slug"]))
    assert event.organiser_id == organisation.id

    mine = client.get("/manage/").get_data(as_text=True)
    drafts = mine.split('id="events-draft"')[1]
    assert "فعالية المالكة" not in drafts.split("</section>")[0]  # published, not a draft
    assert "فعالية المالكة" in mine and NEW_EVENT["title_ar"] in drafts

    viewer_client = WebClient(client.raw.application.test_client())
    viewer_client.login(viewer)
    page = viewer_client.get("/manage/").get_data(as_text=True)
    assert "فعالية المالكة" in page and NEW_EVENT["title_ar"] in page and "اطلاع فقط" in page
    dashboard = viewer_client.get(f"/manage/events/{event.id}/").get_data(as_text=True)
    assert 'id="read-only-notice"' in dashboard
    assert "يمكنك الاطلاع على هذه الفعالية" in dashboard
    assert f'action="/manage/events/{event.id}/status"' not in dashboard


def test_a_user_without_an_organisation_is_told_to_create_one(client):
    client.login(make_user())
    page = client.get("/manage/events/new").get_data(as_text=True)
    assert 'id="no-organiser"' in page and 'href="/manage/o/new"' in page
    response = client.post("/manage/events/new", dict(NEW_EVENT, organiser_id="0"))
    assert response.status_code == 200
    assert db.session.scalar(select(Event)) is None


def test_the_edit_form_changes_only_to_an_organisation_one_manages(client):
    staff_member = make_user()
    mine = make_organiser("forum", staff=staff_member)
    second = make_organiser("second", name_ar="ثانية", name_en="Second", staff=staff_member)
    foreign = make_organiser("foreign", name_ar="غريبة", name_en="Foreign")
    event = make_event(staff_member, slug="moving", title_ar="فعالية تنتقل")
    event.organiser_id = mine.id
    db.session.commit()
    client.login(staff_member)
    url = f"/manage/events/{event.id}/edit"
    base = dict(NEW_EVENT, slug="moving", version=client.version(url))
    refused = client.post(url, dict(base, organiser_id=foreign.id))
    assert refused.status_code == 200
    db.session.expire_all()
    assert db.session.get(Event, event.id).organiser_id == mine.id
    assert client.post(url, dict(base, organiser_id=second.id)).status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).organiser_id == second.id
