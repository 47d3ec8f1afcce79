"""The roll of an organisation's members and its membership categories."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp import audit
from eventapp.common import LabelledEnum, TimestampMixin, enum_column
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.versions import Versioned


class MemberStatus(LabelledEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"

    @classmethod
    def _labels(cls):
        return {"active": _l("Active"), "suspended": _l("Suspended"), "ended": _l("Ended")}


class MembershipCategory(Versioned, db.Model):
    """A kind of membership the organisation defines (full member, associate, youth...)."""

    __tablename__ = "membership_categories"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "code", name="uq_membership_categories_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # Short and stable: what CSV imports and exports name the category by.
    code: Mapped[str] = mapped_column(sa.String(40))
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    # Whether members of this category count towards a general assembly's quorum.
    votes: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    @property
    def name(self) -> str:
        return localized(self, "name")


class Member(TimestampMixin, Versioned, db.Model):
    """A person on the organisation's roll. Removing someone from the roll (status ended, or
    deleting the row) never touches their registrations or anything they said."""

    __tablename__ = "members"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "person_id", name="uq_members_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(
        sa.ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("membership_categories.id", ondelete="SET NULL"), index=True
    )
    since: Mapped[dt.date | None]
    until: Mapped[dt.date | None]
    status: Mapped[MemberStatus] = mapped_column(
        enum_column(MemberStatus), default=MemberStatus.ACTIVE
    )

    person: Mapped[Person] = relationship()  # noqa: F821
    category: Mapped[MembershipCategory | None] = relationship()

    def in_good_standing(self, on: dt.date) -> bool:
        """Active on that day: status active, and `on` within since / until."""
        return (
            self.status == MemberStatus.ACTIVE
            and (self.since is None or self.since <= on)
            and (self.until is None or on <= self.until)
        )


class ParticipantCategory(Versioned, db.Model):
    """A category of participant of the organisation's events (delegate, trainee, observer...),
    with its Arabic label in the feminine and masculine forms, its English label and its badge
    colour. An organisation that defines none uses the defaults (members.participants)."""

    __tablename__ = "participant_categories"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "code", name="uq_participant_categories_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # What a registration holds (and CSV files name): short, stable, Latin letters.
    code: Mapped[str] = mapped_column(sa.String(40))
    label_ar_f: Mapped[str | None] = mapped_column(sa.String(120))
    label_ar_m: Mapped[str | None] = mapped_column(sa.String(120))
    # Said of a person whose form of address is not given («وفد»); none: the masculine.
    label_ar_n: Mapped[str | None] = mapped_column(sa.String(120))
    label_en: Mapped[str | None] = mapped_column(sa.String(120))
    colour: Mapped[str] = mapped_column(sa.String(7), default="#6b6b6b")
    position: Mapped[int] = mapped_column(default=0)


def _not_of_an_event(_session, _obj) -> None:
    """The roll and the categories belong to the organisation, not to one event."""
    return None


def _audit() -> None:
    audit.track(MembershipCategory, "membership_category", event_of=_not_of_an_event)
    audit.track(ParticipantCategory, "participant_category", event_of=_not_of_an_event)
    # A member by id and what the organisation decides on; the person's details live in the
    # directory (and its own trail), never repeated here.
    audit.track(
        Member,
        "member",
        include=("organisation_id", "person_id", "category_id", "since", "until", "status"),
        event_of=_not_of_an_event,
    )


_audit()
