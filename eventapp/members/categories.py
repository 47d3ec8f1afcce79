"""The organisation's two lists of categories: of membership (who is what kind of member,
who votes towards a quorum) and of participant (how people take part in its events)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.members.models import Member, MembershipCategory, ParticipantCategory
from eventapp.members.participants import DEFAULTS, PALETTE
from eventapp.members.services import MemberError

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def _check_code(model, organisation_id: int, code: str, row_id: int | None) -> str:
    code = (code or "").strip().lower()
    if not CODE.match(code):
        raise MemberError(
            _("A code is up to 40 Latin letters, digits, - or _, e.g. “trainee”."), "code"
        )
    taken = db.session.scalar(
        select(model.id).where(model.organisation_id == organisation_id, model.code == code)
    )
    if taken is not None and taken != row_id:
        raise MemberError(_("This code is used by another category."), "code")
    return code


def save_membership_category(organisation_id: int, row: MembershipCategory | None, data: dict):
    row = row or MembershipCategory(organisation_id=organisation_id)
    if not ((data.get("name_ar") or "").strip() or (data.get("name_en") or "").strip()):
        raise MemberError(_("Give the name in Arabic or English."), "name_ar")
    row.code = _check_code(MembershipCategory, organisation_id, data.get("code"), row.id)
    row.name_ar = (data.get("name_ar") or "").strip() or None
    row.name_en = (data.get("name_en") or "").strip() or None
    row.votes = bool(data.get("votes"))
    row.position = data.get("position") or 0
    db.session.add(row)
    db.session.flush()
    return row


def delete_membership_category(row: MembershipCategory) -> None:
    """Its members stay on the roll, without a category."""
    db.session.delete(row)
    db.session.flush()


def membership_category_in_use(row: MembershipCategory) -> int:
    return len(db.session.scalars(select(Member.id).where(Member.category_id == row.id)).all())


def participant_categories(organisation_id: int) -> list[ParticipantCategory]:
    return list(
        db.session.scalars(
            select(ParticipantCategory)
            .where(ParticipantCategory.organisation_id == organisation_id)
            .order_by(ParticipantCategory.position, ParticipantCategory.id)
        )
    )


def save_participant_category(organisation_id: int, row: ParticipantCategory | None, data: dict):
    row = row or ParticipantCategory(organisation_id=organisation_id)
    labels = [
        (data.get(k) or "").strip() for k in ("label_ar_f", "label_ar_m", "label_en", "label_ar_n")
    ]
    if not any(labels):
        raise MemberError(_("Give the label in Arabic or English."), "label_ar_m")
    row.code = _check_code(ParticipantCategory, organisation_id, data.get("code"), row.id)
    row.label_ar_f, row.label_ar_m, row.label_en, row.label_ar_n = (
        label or None for label in labels
    )
    colour = data.get("colour") or PALETTE[2]
    if colour not in PALETTE:
        raise MemberError(_("Choose one of the colours offered."), "colour")
    row.colour = colour
    row.position = data.get("position") or 0
    db.session.add(row)
    db.session.flush()
    return row


def start_from_defaults(organisation_id: int) -> list[ParticipantCategory]:
    """The organisation's own copy of the default categories, to edit and add to (only when
    it has none yet)."""
    if participant_categories(organisation_id):
        return []
    rows = [
        ParticipantCategory(
            organisation_id=organisation_id,
            code=c.code,
            label_ar_f=c.label_ar_f,
            label_ar_m=c.label_ar_m,
            label_ar_n=c.label_ar_n,
            label_en=c.label_en,
            colour=c.colour,
            position=c.position,
        )
        for c in DEFAULTS
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def delete_participant_category(row: ParticipantCategory) -> None:
    """Registrations keep their code (and show its default label, or the code)."""
    db.session.delete(row)
    db.session.flush()
