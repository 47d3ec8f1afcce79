"""Accounts and per-event roles."""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from eventapp.common import LabelledEnum, TimestampMixin, enum_column
from eventapp.extensions import db


class EventRoleKind(LabelledEnum):
    ORGANISER = "organiser"
    FACILITATOR = "facilitator"
    RAPPORTEUR = "rapporteur"

    @classmethod
    def _labels(cls):
        return {
            "organiser": _l("Organiser"),
            "facilitator": _l("Facilitator"),
            "rapporteur": _l("Rapporteur"),
        }


class OrganisationRoleKind(LabelledEnum):
    """A staff member's role in an organiser organisation, over all of its events."""

    OWNER = "owner"  # everything staff may, and adds or removes staff
    STAFF = "staff"  # creates the organisation's events and organises all of them
    VIEWER = "viewer"  # reads everything of the organisation and its events, changes nothing

    @classmethod
    def _labels(cls):
        return {"owner": _l("Owner"), "staff": _l("Staff"), "viewer": _l("Viewer")}


UNUSABLE_PASSWORD_PREFIX = "!"


def password_hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    # Part of every session and remember-me cookie (see get_id): raising it signs the account
    # out everywhere (logout, password change or reset, an administrator disabling it).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    last_login_at: Mapped[dt.datetime | None]

    roles: Mapped[list[EventRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """What the session and remember-me cookies hold: "<id>:<session version>"."""
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=password_hash_method())

    def set_unusable_password(self) -> None:
        """An invited account: no password matches until its holder sets one by e-mail link."""
        self.password_hash = UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(16)

    @property
    def has_password(self) -> bool:
        return not self.password_hash.startswith(UNUSABLE_PASSWORD_PREFIX)

    def check_password(self, password: str) -> bool:
        return self.has_password and check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class EventRole(db.Model):
    """A user's role in one event; facilitators and rapporteurs are given sessions."""

    __tablename__ = "event_roles"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "event_id", "role", "session_id", name="uq_event_roles"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[EventRoleKind] = mapped_column(enum_column(EventRoleKind))
    session_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    # When the role was given through the team form (add_team_member), else empty.
    invited_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(back_populates="roles")
    event: Mapped[Event] = relationship()  # noqa: F821
    session: Mapped[EventSession | None] = relationship()  # noqa: F821

    @property
    def accepted(self) -> bool:
        """An invited member signed in after the invitation. Until then the team page shows
        the address the organiser typed, never the name of an account that may have existed
        before: that would tell the organiser whether the address had an account."""
        if self.invited_at is None:
            return True
        last = self.user.last_login_at
        return last is not None and last >= self.invited_at


class OrganisationStaff(db.Model):
    """A user's role in an organiser organisation (see OrganisationRoleKind)."""

    __tablename__ = "organisation_staff"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "user_id", name="uq_organisation_staff"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[OrganisationRoleKind] = mapped_column(enum_column(OrganisationRoleKind))
    # When the member was invited by e-mail, else empty (see EventRole.accepted).
    invited_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()  # noqa: F821

    @property
    def accepted(self) -> bool:
        if self.invited_at is None:
            return True
        last = self.user.last_login_at
        return last is not None and last >= self.invited_at


__all__ = ["EventRole", "EventRoleKind", "OrganisationRoleKind", "OrganisationStaff", "User"]
