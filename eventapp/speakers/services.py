"""The people and organisations directories."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.common import select_choices
from eventapp.extensions import db
from eventapp.people import form_of
from eventapp.search_text import any_folded_like
from eventapp.speakers.models import Organisation, Person

PAGE_SIZE = 50


def search_organisations(query: str = "", limit: int = PAGE_SIZE) -> list[Organisation]:
    stmt = select(Organisation).order_by(func.coalesce(Organisation.name_ar, Organisation.name_en))
    if query.strip():
        searched = (Organisation.name_ar, Organisation.name_en, Organisation.acronym)
        stmt = stmt.where(any_folded_like(searched, query))
    return db.session.scalars(stmt.limit(limit)).all()


def search_people(query: str = "", limit: int = PAGE_SIZE) -> list[Person]:
    stmt = (
        select(Person)
        .options(selectinload(Person.organisation))
        .order_by(func.coalesce(Person.name_ar, Person.name_en))
    )
    if query.strip():
        stmt = stmt.outerjoin(Person.organisation).where(
            any_folded_like(
                (
                    Person.name_ar,
                    Person.name_en,
                    Organisation.name_ar,
                    Organisation.name_en,
                    Organisation.acronym,
                ),
                query,
            )
        )
    return db.session.scalars(stmt.limit(limit)).all()


def organisation_choices(blank_label: str) -> list[tuple[int, str]]:
    organisations = db.session.scalars(
        select(Organisation).order_by(func.coalesce(Organisation.name_ar, Organisation.name_en))
    ).all()
    return select_choices([(0, blank_label)] + [(o.id, o.display_name) for o in organisations])


def person_choices() -> list[tuple[int, str]]:
    people = db.session.scalars(
        select(Person)
        .options(selectinload(Person.organisation))
        .order_by(func.coalesce(Person.name_ar, Person.name_en))
    ).all()
    return select_choices(
        (p.id, f"{p.full_name} — {p.organisation.name}" if p.organisation else p.full_name)
        for p in people
    )


def _clean(value):
    return value.strip() or None if isinstance(value, str) else value


def save_organisation(
    organisation: Organisation | None, data: dict, created_by=None
) -> Organisation:
    """Save an organisation; a new one remembers the account that added it (`created_by`)."""
    if organisation is None:
        organisation = Organisation(created_by_id=created_by.id if created_by else None)
    for field in ("name_ar", "name_en", "acronym", "country"):
        setattr(organisation, field, _clean(data.get(field)))
    organisation.kind = data["kind"]
    db.session.add(organisation)
    db.session.flush()
    return organisation


def save_person(person: Person | None, data: dict, created_by=None) -> Person:
    """Save a person; a new one remembers the account that added it (`created_by`)."""
    if person is None:
        person = Person(created_by_id=created_by.id if created_by else None)
    for field in (
        "honorific_ar",
        "honorific_en",
        "name_ar",
        "name_en",
        "position_ar",
        "position_en",
        "bio_ar",
        "bio_en",
        "email",
    ):
        setattr(person, field, _clean(data.get(field)))
    person.organisation_id = data.get("organisation_id") or None
    if "form_of_address" in data:
        person.form_of_address = form_of(data["form_of_address"])
    db.session.add(person)
    db.session.flush()
    return person
