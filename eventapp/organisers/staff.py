"""The staff of an organiser: owners invite by e-mail with a role (the invitation of the event
team: an account without a password gets the expiring link that sets one), change roles and
remove staff. An organisation keeps at least one owner. Removing a staff member removes their
access only: the organisation's events, registrations and outcomes stay as they are."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from eventapp.auth import services as auth_services
from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff, User
from eventapp.common import DomainError, utcnow
from eventapp.extensions import db

OWNER = OrganisationRoleKind.OWNER


def staff_of(organisation) -> list[OrganisationStaff]:
    """Owners first, then staff, then viewers; in the order they joined."""
    order = {OWNER: 0, OrganisationRoleKind.STAFF: 1, OrganisationRoleKind.VIEWER: 2}
    rows = db.session.scalars(
        select(OrganisationStaff)
        .where(OrganisationStaff.organisation_id == organisation.id)
        .join(OrganisationStaff.user)
        .options(contains_eager(OrganisationStaff.user))
        .order_by(OrganisationStaff.id)
    ).all()
    return sorted(rows, key=lambda r: order[r.role])


def invite(organisation, email: str, role: OrganisationRoleKind, *, by: User) -> OrganisationStaff:
    """Give the account of this address a role in the organisation (made and mailed the link
    that sets its password when there is none); the same answer whether it existed or not."""
    user = auth_services.invited_account(email)
    existing = db.session.scalar(
        select(OrganisationStaff).where(
            OrganisationStaff.organisation_id == organisation.id,
            OrganisationStaff.user_id == user.id,
        )
    )
    if existing is not None:
        raise DomainError(
            _("This address is already on the staff: change its role in the list."), "email"
        )
    member = OrganisationStaff(
        organisation_id=organisation.id, user=user, role=role, invited_at=utcnow()
    )
    db.session.add(member)
    db.session.flush()
    auth_services.tell_invited(user, role, by=by, organisation=organisation)
    return member


def _keeps_an_owner(organisation, member: OrganisationStaff) -> None:
    if member.role != OWNER:
        return
    owners = [m for m in staff_of(organisation) if m.role == OWNER]
    if len(owners) <= 1:
        raise DomainError(_("An organisation keeps at least one owner."))


def change_role(organisation, member: OrganisationStaff, role: OrganisationRoleKind) -> None:
    if role != OWNER:
        _keeps_an_owner(organisation, member)
    member.role = role
    db.session.flush()


def remove(organisation, member: OrganisationStaff) -> None:
    _keeps_an_owner(organisation, member)
    db.session.delete(member)
    db.session.flush()
