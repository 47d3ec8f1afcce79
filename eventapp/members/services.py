"""Reading the roll: who is a member of an organisation on a given day."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from eventapp.extensions import db
from eventapp.members.models import Member
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
