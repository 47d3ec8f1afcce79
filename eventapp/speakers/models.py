"""People and the organisations they represent."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.common import LabelledEnum, TimestampMixin, enum_column
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.people import FormOfAddress
from eventapp.versions import Versioned


class OrganisationKind(LabelledEnum):
    NGO = "ngo"
    UN_BODY = "un_body"
    NHRI = "nhri"
    GOVERNMENT = "government"
    MEDIA = "media"
    ACADEMIC = "academic"
    PARLIAMENT = "parliament"
    NETWORK = "network"
    INTERGOVERNMENTAL = "intergovernmental"
    COMPANY = "company"
    TRADE_UNION = "trade_union"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            "ngo": _l("Non-governmental organisation"),
            "un_body": _l("UN body"),
            "nhri": _l("National human-rights institution"),
            "government": _l("Government / ministry"),
            "media": _l("Media"),
            "academic": _l("Academic body"),
            "parliament": _l("Parliament"),
            "network": _l("Network or alliance"),
            "intergovernmental": _l("Intergovernmental organisation"),
            "company": _l("Company (technology, media)"),
            "trade_union": _l("Trade union"),
            "other": _l("Other"),
        }


class Organisation(TimestampMixin, Versioned, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ar: Mapped[str | None] = mapped_column(sa.String(300))
    name_en: Mapped[str | None] = mapped_column(sa.String(300))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))
    kind: Mapped[OrganisationKind] = mapped_column(
        enum_column(OrganisationKind), default=OrganisationKind.NGO
    )
    country: Mapped[str | None] = mapped_column(sa.String(100))
    # An organisation that runs events (an organiser) has a slug, its public page /o/<slug>/,
    # and staff (auth.models.OrganisationStaff); the other entries of the directory have none.
    slug: Mapped[str | None] = mapped_column(sa.String(80), unique=True)
    description_ar: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    website: Mapped[str | None] = mapped_column(sa.String(300))
    # The logo, PNG or JPEG (checked by its bytes, never SVG): kept in the database so that
    # backups hold it and every worker serves it. Loaded only when asked for.
    logo: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    logo_type: Mapped[str | None] = mapped_column(sa.String(20))
    # The account that added the entry: it may edit it (see auth.permissions).
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    people: Mapped[list[Person]] = relationship(back_populates="organisation")

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def is_organiser(self) -> bool:
        return self.slug is not None

    def __repr__(self) -> str:
        return f"<Organisation {self.name_en or self.name_ar}>"


class Person(TimestampMixin, Versioned, db.Model):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    honorific_ar: Mapped[str | None] = mapped_column(sa.String(40))
    honorific_en: Mapped[str | None] = mapped_column(sa.String(40))
    position_ar: Mapped[str | None] = mapped_column(sa.String(300))
    position_en: Mapped[str | None] = mapped_column(sa.String(300))
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    bio_ar: Mapped[str | None] = mapped_column(sa.Text)
    bio_en: Mapped[str | None] = mapped_column(sa.Text)
    # How Arabic wording speaks of them (eventapp.people.FormOfAddress); personal: never
    # on public pages, the API or exports beyond the organisers'.
    form_of_address: Mapped[FormOfAddress] = mapped_column(
        enum_column(FormOfAddress), default=FormOfAddress.UNSPECIFIED, server_default="unspecified"
    )
    # Private: never shown on public pages, agendas or reports.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    # The account that added the entry: it may edit it and read its private fields.
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def honorific(self) -> str:
        return localized(self, "honorific")

    @property
    def position(self) -> str:
        return localized(self, "position")

    @property
    def full_name(self) -> str:
        """The name with its honorific ("أ. مؤيد مهيار", "Dr Jane Doe")."""
        return f"{self.honorific} {self.name}".strip() if self.honorific else self.name

    def __repr__(self) -> str:
        return f"<Person {self.name_en or self.name_ar}>"
