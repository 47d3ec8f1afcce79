"""What the events layer answers the permission helpers below it (eventapp.auth.permissions
asks, and may not import the events): load an event or a session by id, where the people and
organisations of the shared directory take part, and who organises which events.
`register()` is called once by create_app; until then the helpers raise NoAnswer."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.auth import permissions
from eventapp.auth.models import EventRole, EventRoleKind, OrganisationRoleKind, OrganisationStaff
from eventapp.events.models import Event, EventOrganisation
from eventapp.extensions import db
from eventapp.sessions.models import EventSession, SessionPerson
from eventapp.speakers.models import Organisation, Person


def register() -> None:
    permissions.answer(permissions.EVENT, lambda event_id: db.session.get(Event, event_id))
    permissions.answer(
        permissions.SESSION, lambda session_id: db.session.get(EventSession, session_id)
    )
    permissions.answer(permissions.EVENTS_OF_PEOPLE, events_of_people)
    permissions.answer(permissions.EVENTS_OF_ORGANISATIONS, events_of_organisations)
    permissions.answer(permissions.ORGANISERS_OF, organisers_of)
    permissions.answer(permissions.ORGANISATION, organiser_by_slug)


def events_of_people(person_ids) -> dict[int, set[int]]:
    """{person id: ids of the events where the person has a role in a session}."""
    found: dict[int, set[int]] = {i: set() for i in person_ids}
    if not found:
        return found
    rows = db.session.execute(
        select(SessionPerson.person_id, EventSession.event_id)
        .join(EventSession, EventSession.id == SessionPerson.session_id)
        .where(SessionPerson.person_id.in_(found))
        .distinct()
    )
    for person_id, event_id in rows:
        found[person_id].add(event_id)
    return found


def events_of_organisations(organisation_ids) -> dict[int, set[int]]:
    """{organisation id: ids of the events it takes part in}: as a partner of the event, or as
    the organisation of a person with a role in one of its sessions."""
    found: dict[int, set[int]] = {i: set() for i in organisation_ids}
    if not found:
        return found
    partners = select(EventOrganisation.organisation_id, EventOrganisation.event_id).where(
        EventOrganisation.organisation_id.in_(found)
    )
    speakers = (
        select(Person.organisation_id, EventSession.event_id)
        .join(SessionPerson, SessionPerson.person_id == Person.id)
        .join(EventSession, EventSession.id == SessionPerson.session_id)
        .where(Person.organisation_id.in_(found))
    )
    for organisation_id, event_id in db.session.execute(partners.union(speakers)):
        found[organisation_id].add(event_id)
    return found


def organisers_of(event_ids) -> dict[int, set[int]]:
    """{event id: ids of the accounts that organise it}: its organiser role holders, and the
    owners and staff of its organising organisation."""
    found: dict[int, set[int]] = {i: set() for i in event_ids}
    if not found:
        return found
    roles = select(EventRole.event_id, EventRole.user_id).where(
        EventRole.event_id.in_(found), EventRole.role == EventRoleKind.ORGANISER
    )
    staff = (
        select(Event.id, OrganisationStaff.user_id)
        .join(OrganisationStaff, OrganisationStaff.organisation_id == Event.organiser_id)
        .where(
            Event.id.in_(found),
            OrganisationStaff.role.in_([OrganisationRoleKind.OWNER, OrganisationRoleKind.STAFF]),
        )
    )
    for event_id, user_id in db.session.execute(roles.union(staff)):
        found[event_id].add(user_id)
    return found


def organiser_by_slug(slug: str) -> Organisation | None:
    """The organiser organisation of this slug; None for a slug no organiser has."""
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))
