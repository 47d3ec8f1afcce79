"""Staff of an organiser organisation: owners and staff organise all of its events, viewers
read every organiser screen of them and change nothing; outside people keep their event roles."""

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.auth.permissions import (
    can_manage_event,
    can_manage_organisation,
    can_own_organisation,
    can_read_event,
)
from eventapp.events import services as event_services
from eventapp.extensions import db
from tests.factories import make_event, make_organisation, make_user


@pytest.fixture
def organised(app):
    organisation = make_organisation()
    organisation.slug = "amnesty"
    event = make_event()
    event.organiser_id = organisation.id
    staff = {}
    for role in OrganisationRoleKind:
        user = make_user()
        db.session.add(OrganisationStaff(organisation=organisation, user=user, role=role))
        staff[role] = user
    db.session.commit()
    return organisation, event, staff


def test_owner_and_staff_organise_every_event_viewer_reads(organised):
    organisation, event, staff = organised
    owner, member, viewer = (staff[r] for r in OrganisationRoleKind)
    assert can_manage_event(owner, event) and can_manage_event(member, event)
    assert not can_manage_event(viewer, event) and can_read_event(viewer, event)
    assert can_own_organisation(owner, organisation)
    assert not can_own_organisation(member, organisation)
    assert can_manage_organisation(member, organisation)
    assert not can_manage_organisation(viewer, organisation)
    stranger = make_user()
    assert not can_read_event(stranger, event)


def test_viewer_reads_organiser_pages_but_cannot_change(client, organised):
    _organisation, event, staff = organised
    client.login(staff[OrganisationRoleKind.VIEWER])
    assert client.get(f"/manage/events/{event.id}/").status_code == 200
    assert client.get(f"/manage/events/{event.id}/edit").status_code == 200
    response = client.post(f"/manage/events/{event.id}/edit", data={"title_ar": "تغيير"})
    assert response.status_code == 403


def test_staff_member_changes_an_event_of_the_organisation(client, organised):
    _organisation, event, staff = organised
    client.login(staff[OrganisationRoleKind.STAFF])
    assert client.get(f"/manage/events/{event.id}/edit").status_code == 200


def test_leaving_the_staff_ends_the_right_to_the_events_one_created(app, organised):
    """Staff organise the organisation's events through the organisation: an event a staff
    member creates gives them no role of its own that would outlive their place on the staff."""
    organisation, event, staff = organised
    member = staff[OrganisationRoleKind.STAFF]
    created = event_services.create_event(
        member,
        {
            "slug": "made-by-staff",
            "kind": "training",
            "title_ar": "تدريب",
            "first_day": event.first_day,
            "last_day": event.first_day,
            "organiser_id": organisation.id,
        },
    )
    db.session.commit()
    assert created.organiser_id == organisation.id
    assert can_manage_event(member, created)
    row = db.session.scalar(
        db.select(OrganisationStaff).where(OrganisationStaff.user_id == member.id)
    )
    db.session.delete(row)
    db.session.commit()
    assert not can_manage_event(member, created)
