"""Certificates of attendance worth keeping: the event's rule and signatories, and each
certificate issued (its serial number, its unguessable verification code, and the name and
attendance as printed, which is what /verify/<code> confirms)."""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.versions import Versioned


def verification_code() -> str:
    # 20 letters and digits of an unambiguous alphabet: about 100 bits, never guessed.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(20))


class CertificateSettings(Versioned, db.Model):
    """Who gets a certificate of the event and who signs it. One row per event, made when
    the organisers first save it; without it, anyone checked in once gets one."""

    __tablename__ = "certificate_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    # At least this percentage of the event's days attended (checked in); None: any check-in.
    min_percent_days: Mapped[int | None]
    signatory1_name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    signatory1_name_en: Mapped[str | None] = mapped_column(sa.String(200))
    signatory1_title_ar: Mapped[str | None] = mapped_column(sa.String(200))
    signatory1_title_en: Mapped[str | None] = mapped_column(sa.String(200))
    signatory2_name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    signatory2_name_en: Mapped[str | None] = mapped_column(sa.String(200))
    signatory2_title_ar: Mapped[str | None] = mapped_column(sa.String(200))
    signatory2_title_en: Mapped[str | None] = mapped_column(sa.String(200))

    def signatories(self, language: str) -> list[dict]:
        """Up to two {name, title} in ``language`` (the other language when one is missing)."""
        people = []
        for n in (1, 2):
            name = localized(self, f"signatory{n}_name", language)
            if name:
                people.append(
                    {"name": name, "title": localized(self, f"signatory{n}_title", language)}
                )
        return people


class Certificate(db.Model):
    """A certificate issued to a registration: stable once issued (reprinting it gives the
    same serial and code). Deleted with the registration; emptied when it is erased."""

    __tablename__ = "certificates"
    __table_args__ = (sa.UniqueConstraint("event_id", "number", name="uq_certificates_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    # The n-th certificate of the event; the serial is <event slug>-<year>-<0001>.
    number: Mapped[int]
    serial: Mapped[str] = mapped_column(sa.String(120), unique=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True, default=verification_code)
    # As printed on the certificate, which is what the verification page confirms.
    name_ar: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    days_attended: Mapped[int] = mapped_column(default=0)
    days_total: Mapped[int] = mapped_column(default=0)
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    registration: Mapped[Registration] = relationship()  # noqa: F821
    event: Mapped[Event] = relationship()  # noqa: F821
