"""Reading the roll: who is a member of an organisation on a given day."""

from __future__ import annotations

import dataclasses
import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.members.models import Member, MembershipCategory, MemberStatus
from eventapp.search_text import any_folded_like
from eventapp.speakers import services as speaker_services
from eventapp.speakers.models import Person


def roll(organisation_id: int, on: dt.date) -> list[Member]:
    """The members in good standing on that day, with their person and category."""
    members = db.session.scalars(
        select(Member)
        .where(Member.organisation_id == organisation_id)
        .options(joinedload(Member.person), joinedload(Member.category))
    ).all()
    return [m for m in members if m.in_good_standing(on)]


def members_by_email(organisation_id: int, emails, on: dt.date) -> dict[str, Member]:
    """{e-mail address (lower case): member in good standing on that day} for the addresses
    given; an address on no member's directory entry is left out."""
    wanted = {e.strip().lower() for e in emails if e}
    if not wanted:
        return {}
    members = db.session.scalars(
        select(Member)
        .join(Person, Person.id == Member.person_id)
        .where(Member.organisation_id == organisation_id, func.lower(Person.email).in_(wanted))
        .options(joinedload(Member.person), joinedload(Member.category))
    ).all()
    return {m.person.email.lower(): m for m in members if m.in_good_standing(on)}


# --- the roll as the organisers' screens see it -----------------------------------------------

PAGE_SIZE = 50


class MemberError(DomainError):
    """A refusal of the roll's rules, with the form field it belongs to."""


@dataclasses.dataclass(frozen=True)
class RollFilters:
    q: str = ""
    category: str = ""  # a membership category code
    status: str = ""


def roll_query(organisation_id: int, filters: RollFilters):
    """The statement of the roll page: every member (any status), by name, filtered."""
    stmt = (
        select(Member)
        .join(Person, Person.id == Member.person_id)
        .where(Member.organisation_id == organisation_id)
        .options(joinedload(Member.person), joinedload(Member.category))
        .order_by(func.coalesce(Person.name_ar, Person.name_en), Member.id)
    )
    if filters.status in {s.value for s in MemberStatus}:
        stmt = stmt.where(Member.status == MemberStatus(filters.status))
    if filters.category:
        stmt = stmt.join(MembershipCategory, MembershipCategory.id == Member.category_id).where(
            MembershipCategory.code == filters.category[:40]
        )
    words = filters.q.strip()[:200]
    if words:
        stmt = stmt.where(any_folded_like((Person.name_ar, Person.name_en), words))
    return stmt


def member_of(organisation_id: int, member_id: int) -> Member | None:
    return db.session.scalar(
        select(Member).where(Member.id == member_id, Member.organisation_id == organisation_id)
    )


def membership_categories(organisation_id: int | None) -> list[MembershipCategory]:
    if organisation_id is None:
        return []
    return list(
        db.session.scalars(
            select(MembershipCategory)
            .where(MembershipCategory.organisation_id == organisation_id)
            .order_by(MembershipCategory.position, MembershipCategory.id)
        )
    )


def _check_dates(since, until) -> None:
    if since and until and until < since:
        raise MemberError(_("The end of membership must not be before its start."), "until")


def add_member(organisation_id: int, data: dict, created_by=None) -> Member:
    """Put a person on the roll: an existing directory entry (`person_id`) or a new one
    (name_ar / name_en, email). The caller commits."""
    _check_dates(data.get("since"), data.get("until"))
    person = None
    if data.get("person_id"):
        person = db.session.get(Person, data["person_id"])
        if person is None:
            raise MemberError(_("Choose a person of the directory."), "person_id")
    else:
        if not (data.get("name_ar") or data.get("name_en")):
            raise MemberError(_("Give the name in Arabic or English."), "name_ar")
        person = speaker_services.save_person(
            None,
            {
                "name_ar": data.get("name_ar"),
                "name_en": data.get("name_en"),
                "email": (data.get("email") or "").strip().lower() or None,
                "form_of_address": data.get("form_of_address"),
            },
            created_by=created_by,
        )
    already = db.session.scalar(
        select(Member.id).where(
            Member.organisation_id == organisation_id, Member.person_id == person.id
        )
    )
    if already:
        raise MemberError(_("This person is on the roll already."), "person_id")
    member = Member(organisation_id=organisation_id, person_id=person.id)
    apply_membership(member, data)
    db.session.add(member)
    db.session.flush()
    return member


def apply_membership(member: Member, data: dict) -> None:
    """Category, since, until and status of a member (checked)."""
    _check_dates(data.get("since"), data.get("until"))
    category_id = data.get("category_id") or None
    if category_id is not None:
        found = db.session.scalar(
            select(MembershipCategory.id).where(
                MembershipCategory.id == category_id,
                MembershipCategory.organisation_id == member.organisation_id,
            )
        )
        if found is None:
            raise MemberError(
                _("Choose a membership category of this organisation."), "category_id"
            )
    member.category_id = category_id
    member.since = data.get("since")
    member.until = data.get("until")
    member.status = data.get("status") or MemberStatus.ACTIVE


def remove_member(member: Member) -> None:
    """Take a person off the roll. Their directory entry, registrations and everything they
    said in events stay as they are: the roll is the only thing that changes."""
    db.session.delete(member)
    db.session.flush()
